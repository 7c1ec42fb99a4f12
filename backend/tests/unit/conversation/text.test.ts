import { validateName } from '../../../src/conversation/text/name';
import {
  addressInMessage,
  addressText,
  coordinatesIn,
  looksLikeAddress,
  plainlyAnAddress,
  postalCode,
} from '../../../src/conversation/text/address';
import { starsInText, starsInWords } from '../../../src/conversation/text/words';
import {
  containsUrl,
  displayName,
  sanitizeUserText,
  stripUrls,
  truncate,
} from '../../../src/conversation/text/sanitize';
import {
  globalWord,
  leavesHandoff,
  nothingToAdd,
  parseStars,
  pickNumber,
} from '../../../src/conversation/text/words';

describe('sanitizeUserText', () => {
  it('normalises to NFC, collapses whitespace and trims', () => {
    const decomposed = 'Jose\u0301   Pe\u0301rez\n\tGarci\u0301a ';
    expect(sanitizeUserText(decomposed)).toBe('José Pérez García');
  });

  it('strips control, zero-width and bidi characters', () => {
    expect(sanitizeUserText('A\u200Bna\u200D \u202EnimdA\u202C\u0007\uFEFF')).toBe('Ana nimdA');
    expect(sanitizeUserText('\u2066Luis\u2069\u00AD')).toBe('Luis');
  });

  it('strips WhatsApp formatting characters that could mislead', () => {
    expect(sanitizeUserText('*Soporte* _oficial_ ~Meta~ `admin`')).toBe(
      'Soporte oficial Meta admin',
    );
  });

  it('removes blank-looking letters and tames combining-mark floods', () => {
    expect(sanitizeUserText('\u3164\u3164Ana\u2800')).toBe('Ana');
    expect(sanitizeUserText('Z\u0301\u0302\u0303\u0304\u0305a')).toBe('\u0179\u0302\u0303a'); // NFC composes Ź first
    expect(sanitizeUserText('q\u0301\u0302\u0303\u0304\u0305')).toBe('q\u0301\u0302');
  });

  it('turns line breaks into spaces', () => {
    expect(sanitizeUserText('line1\r\nline2\u2028line3')).toBe('line1 line2 line3');
  });

  it('truncates with an ellipsis when asked', () => {
    expect(sanitizeUserText('abcdefghij', { maxLength: 5 })).toBe('abcd…');
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('hola', 4)).toBe('hola');
  });
  it('never splits a grapheme (emoji, flags, accents)', () => {
    const out = truncate('👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 15);
    expect(out.length).toBeLessThanOrEqual(15);
    expect(out.endsWith('…')).toBe(true);
    expect(out.replace('…', '')).toBe('👨‍👩‍👧‍👦');
    expect(truncate('🇲🇽🇲🇽🇲🇽', 5)).toBe('🇲🇽…');
    expect(truncate('🇲🇽🇲🇽🇲🇽', 4)).toBe('…');
  });
  it('fits exactly the limit', () => {
    for (let max = 1; max < 30; max++)
      expect(truncate('Juan Pérez de la Cruz Hernández', max).length).toBeLessThanOrEqual(max);
  });
  it('displayName never returns empty', () => {
    expect(displayName('\u200B\u200B', 10)).toBe('?');
  });
});

describe('validateName', () => {
  it.each([
    ['  Ana  ', 'Ana'],
    ['José   Luis', 'José Luis'],
    ['*Ana*', 'Ana'],
    ['Lu', 'Lu'],
    ['Plomería Hernández e Hijos', 'Plomería Hernández e Hijos'],
    // Typed all in lower or all in upper case: written as a name reads.
    ['chuy', 'Chuy'],
    ['DON CHUY', 'Don Chuy'],
    ['maría de la luz', 'María de la Luz'],
    ['de la rosa', 'De la Rosa'],
    ['jean-paul', 'Jean-Paul'],
    ['PLOMERÍA DÍAZ Y ASOCIADOS', 'Plomería Díaz y Asociados'],
    // Mixed case is the person's own choice.
    ['SOS Plomería', 'SOS Plomería'],
    ['McKenzie', 'McKenzie'],
    ['ana María', 'ana María'],
    // Look-alike letters folded, brackets dropped.
    ['ＡＮＡ', 'Ana'],
    ['𝓐𝓷𝓪', 'Ana'],
    ['{name}', 'Name'],
    ['Ana <b>', 'Ana b'],
  ])('accepts %j as %j', (raw, name) => {
    expect(validateName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['A', 'tooShort'],
    ['\u200BA\u200B', 'tooShort'],
    ['x'.repeat(61), 'tooLong'],
    ['12345', 'noLetters'],
    ['🙂🙂', 'noLetters'],
    ['https://evil.example', 'url'],
    ['www.promo.mx', 'url'],
    ['visita promo.com', 'url'],
    ['ana@mail.com', 'url'],
  ])('rejects %j (%s)', (raw, reason) => {
    expect(validateName(raw)).toEqual({ ok: false, reason });
  });

  it('counts 60 characters after normalisation', () => {
    expect(validateName('é'.repeat(60)).ok).toBe(true);
    expect(validateName('e\u0301'.repeat(60)).ok).toBe(true);
  });
});

describe('urls', () => {
  it('detects and strips links', () => {
    expect(containsUrl('ver http://x.y/z')).toBe(true);
    expect(containsUrl('Calle Reforma 22')).toBe(false);
    expect(stripUrls('gran servicio, visita www.spam.com ya')).toBe('gran servicio, visita … ya');
  });
});

describe('words', () => {
  it.each([
    ['Menú', 'menu'],
    ['  MENU ', 'menu'],
    ['cancelar', 'cancel'],
    ['Cancel!', 'cancel'],
    ['ayuda', 'help'],
    ['?', 'help'],
    ['Idioma', 'language'],
    ['English', 'english'],
    ['inglés', 'english'],
    ['Español', 'spanish'],
    ['quiero ser proveedor', 'provider'],
    ['Quiero ser Proveedor.', 'provider'],
    ['provider', 'provider'],
    ['on', 'online'],
    ['Disponible', 'online'],
    ['no disponible', 'offline'],
    ['OFFLINE', 'offline'],
  ])('%j → %s', (text, word) => {
    expect(globalWord(text)).toBe(word);
  });

  it('does not treat sentences as commands', () => {
    expect(globalWord('necesito un plomero en el menu de hoy')).toBeNull();
    expect(globalWord('hola')).toBeNull();
  });

  it('parses numbers, stars and postal codes', () => {
    expect(pickNumber('3')).toBe(3);
    expect(pickNumber('#2')).toBe(2);
    expect(pickNumber('opción 4')).toBe(4);
    expect(pickNumber('tres')).toBeNull();
    expect(parseStars('5')).toBe(5);
    expect(parseStars('4 estrellas')).toBe(4);
    expect(parseStars('★★★')).toBe(3);
    expect(parseStars('6')).toBeNull();
    expect(postalCode('06700')).toBe('06700');
    expect(postalCode('C.P. 06700')).toBe('06700');
    expect(postalCode('0670')).toBeNull();
    expect(postalCode('mi cp es 06700')).toBe('06700');
    expect(postalCode('código postal 03100')).toBe('03100');
    expect(postalCode('Durango 200')).toBeNull();
  });

  it.each([
    ["I'm at Colonia Condesa", 'Colonia Condesa'],
    ['estoy en Durango 200, Roma Norte', 'Durango 200, Roma Norte'],
    ['Es en calle Colima 143', 'calle Colima 143'],
    ['mi dirección es Av. Insurgentes Sur 1234, Del Valle', 'Av. Insurgentes Sur 1234, Del Valle'],
    ['Dirección: Álvaro Obregón 50', 'Álvaro Obregón 50'],
    ['my address is 123 Reforma', '123 Reforma'],
    ['es por el metro Insurgentes', 'es por el metro Insurgentes'], // "por" = near: kept
    ['Durango 200', 'Durango 200'],
    ['estoy en', 'estoy en'], // nothing after the lead-in: left as typed
  ])('the address in "%s" is "%s" (what the provider reads)', (typed, address) => {
    expect(addressText(typed)).toBe(address);
  });

  it('recognises plausible addresses and rejects nonsense', () => {
    expect(looksLikeAddress('Av. Reforma 222, Juárez')).toBe(true);
    expect(looksLikeAddress('asdf')).toBe(false);
    expect(looksLikeAddress('!!!!!!!!')).toBe(false);
    expect(looksLikeAddress('zzzzzzzz')).toBe(false);
    expect(looksLikeAddress('12345678')).toBe(false);
  });
});

describe('taking the conversation back from a person', () => {
  it.each(['menú', 'Menu', 'volver al asistente', 'bot', 'back to the bot'])(
    '"%s" asks for the assistant back',
    (text) => {
      expect(leavesHandoff(text)).toBe(true);
    },
  );
  it.each(['hola??', 'se me inundó la cocina', 'cancelar', 'el menú de opciones no sirve'])(
    '"%s" is for the person, not a way out',
    (text) => {
      expect(leavesHandoff(text)).toBe(false);
    },
  );
});

describe('stars in words, and "no comment"', () => {
  it.each([
    ['cinco', 5],
    ['cuatro estrellas', 4],
    ['le doy tres', 3],
    ['five stars', 5],
    ['5 de 5', 5],
    ['seis', null],
    ['estuvo bien', null],
  ])('"%s" → %s', (text, stars) => {
    expect(parseStars(text)).toBe(stars);
  });

  it.each([
    'no',
    'Nada',
    'no gracias',
    'sin comentarios',
    'no thanks',
    'no tengo comentarios',
    'eso es todo, gracias',
    'nada que agregar',
    "that's all, thanks",
  ])('"%s" leaves no comment', (t) => {
    expect(nothingToAdd(t)).toBe(true);
  });
  it.each(['no llegó a tiempo', 'nada que decir, todo excelente', 'muy bien'])(
    '"%s" is a comment',
    (t) => {
      expect(nothingToAdd(t)).toBe(false);
    },
  );
});

describe('plainlyAnAddress (an address typed where nobody asked for one)', () => {
  it.each([
    'Av. Insurgentes Sur 1234, Del Valle',
    'Durango 45, col. Roma',
    'calle 5 de mayo 12',
    'mi dirección es Álvaro Obregón 30, Roma Nte',
    'estoy en Av. Reforma',
    '123 Main St',
    'CP 06700',
  ])('%j is an address', (text) => {
    expect(plainlyAnAddress(text)).toBe(true);
  });

  it.each(['necesito un plomero', 'tengo 2 baños tapados', 'hola 123', 'Durango', 'gracias'])(
    '%j is not',
    (text) => {
      expect(plainlyAnAddress(text)).toBe(false);
    },
  );
});

describe('addressInMessage (the address inside a request)', () => {
  it.each([
    [
      'Hola buenas tardes, necesito un electricista urgente en Av. Álvaro Obregón 120, Roma Norte, se fue la luz en toda la casa',
      'Av. Álvaro Obregón 120, Roma Norte',
    ],
    [
      'necesito plomero en calle Durango 200 col. Roma se rompio un tubo',
      'calle Durango 200 col. Roma',
    ],
    [
      'ocupo cerrajero urgente en Paseo de la Reforma 222, Juárez, CDMX. Me quedé afuera',
      'Paseo de la Reforma 222, Juárez, CDMX',
    ],
    ['hay una fuga en la calle 5 de mayo 12', 'calle 5 de mayo 12'],
    ['ocupo plomero, cp 06700', '06700'],
    ['mi código postal es 03100 y necesito un electricista', '03100'],
    ['vivo en la colonia Doctores y se me fue la luz', 'colonia Doctores'],
    ['necesito electricista en durango 200, roma norte, cdmx', 'durango 200, roma norte, cdmx'],
    [
      'plomero urgente Insurgentes Sur 1234 int 5, Del Valle, 03100',
      'Insurgentes Sur 1234 int 5, Del Valle, 03100',
    ],
    ['I need a plumber at Durango 200, Roma Norte please', 'Durango 200, Roma Norte'],
    ['electricista en la Narvarte', 'la Narvarte'],
    [
      'plomero en Av Universidad 1000 depto 402 col Santa Cruz Atoyac',
      'Av Universidad 1000 depto 402 col Santa Cruz Atoyac',
    ],
    ['cerrajero calle Ámsterdam 58, Condesa. Urge!', 'calle Ámsterdam 58, Condesa'],
    ['estoy en avenida revolucion 1500 san angel', 'avenida revolucion 1500 san angel'],
  ])('%j → %j', (text, address) => {
    expect(addressInMessage(text)).toBe(address);
  });

  it.each([
    'necesito un plomero en 20 minutos',
    'la puerta está cerrada y no puedo entrar',
    'hay un corto circuito en la cocina',
    'se me quedaron las llaves adentro, estoy en la calle',
    'tengo 2 baños con fuga',
    'necesito pintor para 3 cuartos',
    'me cobraron 500 pesos en la calle',
    'me cambie de colonia, quiero actualizar mi base',
    'llego en menos de 20 min',
  ])('%j has none', (text) => {
    expect(addressInMessage(text)).toBeNull();
  });
});

describe('coordinatesIn (a maps link or a typed pair)', () => {
  it.each([
    ['https://www.google.com/maps/place/X/@19.4194,-99.1633,17z', { lat: 19.4194, lng: -99.1633 }],
    ['https://maps.google.com/?q=19.419400,-99.163300', { lat: 19.4194, lng: -99.1633 }],
    ['19.4194, -99.1633', { lat: 19.4194, lng: -99.1633 }],
  ])('%j → %j', (text, point) => {
    expect(coordinatesIn(text)).toEqual(point);
  });

  it.each(['cuesta 1.500, 2.300', 'Durango 200, Roma Norte', '99.12345, 200.12345'])(
    '%j has none',
    (text) => {
      expect(coordinatesIn(text)).toBeNull();
    },
  );
});

describe('starsInWords (the rating rows\' words, answering "Califícalo")', () => {
  it.each([
    ['excelente', 5, null],
    ['Excelente, muy puntual', 5, 'Excelente, muy puntual'],
    ['10/10', 5, null],
    ['muy bien', 4, null],
    ['regular', 3, null],
    ['mal, llegó tarde', 2, 'mal, llegó tarde'],
    ['pésimo, nunca llegó', 1, 'pésimo, nunca llegó'],
    ['great job!', 5, 'great job!'],
    // Mexican ways of saying it, opened by "estuvo", "todo", "el servicio fue" …
    ['estuvo chido', 5, null],
    ['muy padre todo', 5, 'muy padre todo'],
    ['super bien', 5, null],
    ['el servicio estuvo muy bien', 4, null],
    // Words that sink the verdict wherever they are.
    ['bien chafa', 2, 'bien chafa'],
    ['nel, no vino', 1, 'nel, no vino'],
    ['excelente pero no arregló nada', 2, 'excelente pero no arregló nada'],
  ])('%j → %i stars, comment %j', (text, stars, comment) => {
    expect(starsInWords(text)).toEqual({ stars, comment });
  });

  it.each(['bueno pues...', 'el señor se llamaba Luis', 'gracias'])(
    '%j is not a rating',
    (text) => {
      expect(starsInWords(text)).toBeNull();
    },
  );
});

describe('starsInText (a rating inside a longer message)', () => {
  it.each([
    ['sí todo bien, le doy 5 estrellas, muy rápido y amable', 5, 'todo bien, muy rápido y amable'],
    ['muy bien 5/5', 5, 'muy bien'],
    ['⭐⭐⭐⭐ llegó tarde pero bien', 4, 'llegó tarde pero bien'],
    ['cinco estrellas, excelente trabajo', 5, 'excelente trabajo'],
    ['I give it 5 stars, great job', 5, 'great job'],
    ['Sí quedó, 4 estrellas', 4, null],
    ['le doy tres', 3, null],
    // Marks out of ten, the way people grade in Mexico: halved and rounded.
    ['le doy un 10', 5, null],
    ['10', 5, null],
    ['9/10', 5, null],
    ['8 de 10, llegó tarde', 4, 'llegó tarde'],
    ['se merece un diez, muy amable', 5, 'se merece, muy amable'],
    ['6/10 meh', 3, 'meh'],
    ["I'd give it a 10", 5, null],
  ])('%j → %i stars, comment %j', (text, stars, comment) => {
    expect(starsInText(text)).toEqual({ stars, comment });
  });

  it.each([
    'sí, ya quedó',
    'tengo 3 baños',
    'son las 5',
    '10 estrellas',
    'pagué 500 de 5 mil',
    'llega en un 10',
    'la visita costó 350 de 1000',
  ])('%j holds no rating', (text) => {
    expect(starsInText(text)).toBeNull();
  });
});
