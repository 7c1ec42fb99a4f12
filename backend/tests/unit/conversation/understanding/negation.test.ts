/** Saying NOT to stop the messages or delete the data is never read as asking for it. */
import { understand } from '../../../../src/conversation/understanding/understand';

describe('negated opt-out and deletion', () => {
  it.each([
    'no quiero darme de baja',
    'no me des de baja porfa',
    'no me quiero dar de baja, solo preguntaba',
    'no borres mis datos',
    'no quiero que borren mi cuenta',
    "don't unsubscribe me",
    "please don't delete my data",
    'no dejen de mandarme mensajes',
  ])('"%s" is neither opt_out nor delete_data', (text) => {
    expect(['opt_out', 'delete_data']).not.toContain(understand(text).intent);
  });

  it.each([
    ['darme de baja', 'opt_out'],
    ['ya no quiero recibir mensajes', 'opt_out'],
    ['borra mis datos', 'delete_data'],
    ['delete my data please', 'delete_data'],
  ])('"%s" still is %s', (text, intent) => {
    expect(understand(text).intent).toBe(intent);
  });
});

describe('real words that look like a trade word', () => {
  it.each(['the closest one', 'closest please', 'el más cercano'])(
    '"%s" is not a request',
    (text) => {
      expect(understand(text).intent).not.toBe('request_service');
    },
  );
  it('"closet" still is carpentry', () => {
    expect(understand('I need a closet fixed')).toMatchObject({ service: 'carpentry' });
  });
});

describe('"ya" is "right now" only where it means it', () => {
  it.each([
    'necesito que me vengan a arreglar la lavadora, ya no centrifuga',
    'ya no sirve el boiler',
    'ya se descompuso el refri, ocupo técnico',
    'ya cambié el foco y sigue sin prender, ocupo electricista',
    'necesito un plomero ya que se rompió el tubo',
  ])('"%s" is a request, not a hurry', (text) => {
    const u = understand(text);
    expect(u.intent).toBe('request_service');
    expect(u.urgent).toBeUndefined();
  });

  it.each([
    'necesito un plomero ya',
    'cerrajero ya!!',
    'ocupo un cerrajero, lo necesito ya por favor',
    'ocupo albañil ya antes de que se caiga la barda',
    'electricista ya ya ya',
  ])('"%s" is in a hurry', (text) => {
    expect(understand(text)).toMatchObject({ intent: 'request_service', urgent: true });
  });
});

describe('a provider who cannot or will not take work', () => {
  it.each([
    'ahorita no puedo recibir trabajos',
    'no puedo trabajar hoy',
    'quiero dejar de ser proveedor',
    'ya no quiero trabajar con ustedes',
  ])('"%s" is going offline, never "send me jobs" or signing up', (text) => {
    expect(understand(text).intent).toBe('go_offline');
  });

  it.each(['ya me desocupé', 'ya estoy libre'])('"%s" is going online', (text) => {
    expect(understand(text).intent).toBe('go_online');
  });

  it.each(['quiero trabajar con ustedes', 'soy plomero y quiero chamba'])(
    '"%s" is still signing up',
    (text) => {
      expect(understand(text).intent).toBe('provider_signup');
    },
  );
});
