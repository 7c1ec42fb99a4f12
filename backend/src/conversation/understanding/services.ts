/**
 * How people name the services, in Mexican Spanish and English: trades, the things that break,
 * the situations ("se fue la luz", "me quedé afuera"). Words are matched with typo tolerance
 * (fuzzy.ts); phrases word by word. A message's service is the one with the highest total weight:
 * a phrase (3) beats a word (2), which beats a weak hint (1) — so "la llave del lavabo gotea" is
 * plumbing although "llave" alone hints at a locksmith.
 */

export const SERVICE_CODES = [
  'plumbing',
  'electrical',
  'locksmith',
  'gas',
  'carpentry',
  'painting',
  'masonry',
  'appliance_repair',
  'air_conditioning',
  'cleaning',
  'gardening',
  'glazier',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

/** Per service: words (2; 3 when marked `!`, a trade's own verb), phrases (3), weak hints (0.5). */
interface Terms {
  words: string[];
  phrases: string[];
  hints?: string[];
}

export const SERVICE_TERMS: Record<ServiceCode, Terms> = {
  plumbing: {
    words: [
      'plomero', 'plomera', 'plomeros', 'plomeria', 'fontanero', 'fontanera', 'fontaneria', 'fuga', 'fugas', 'gotea', 'goteando',
      'goteo', 'tuberia', 'tuberias', 'tubo', 'tubos', 'drenaje', 'destapar', 'destape', 'tapado', 'tapada', 'tapo', 'excusado',
      'escusado', 'inodoro', 'wc', 'lavabo', 'fregadero', 'tinaco', 'cisterna', 'regadera',
      'coladera', 'inunda', 'inundo', 'inundado', 'inundada', 'inundando', 'inundacion', 'plumber', 'plumbing', 'leak', 'leaking', 'leaks',
      'leaky', 'pipe', 'pipes', 'clogged', 'clog', 'toilet', 'sink', 'drain', 'faucet', 'flooding', 'flooded', 'sewer', 'mezcladora',
      'sanitario', 'shower', 'tinacos', 'hidroneumatico',      'plomer*', 'fontaner*', 'valve', 'valvula', 'destap*', 'tuberia*', 'wc', 'sewage', 'cespol', 'mingitorio', 'coladeras', 'escurre', 'salitre', 'hose', 'spraying', 'spigot', 'manguera', 'water line', 'sumidero', 'trampa'],
    phrases: [
      'se me metio el agua', 'metio el agua', 'entra agua', 'esta entrando agua', 'se fue el agua', 'no llega el agua', 'no sube el agua', 'no cae agua', 'llave de agua', 'llave del agua', 'llave gotea', 'llave del lavabo', 'llave de la regadera', 'llave de la cocina',
      'llave del fregadero', 'llave de la tarja', 'llave del bano', 'llave de la lavadora', 'salir agua', 'sale mucha agua',
      'tira agua', 'tirando agua', 'se sale el agua', 'chorro de agua', 'no hay agua', 'no tengo agua',
      'sin agua', 'se metio agua', 'se metio el agua', 'taza del bano', 'bomba de agua', 'burst pipe', 'no water', 'se tapo', 'esta tapado', 'esta tapada', 'sale agua', 'fuga de agua',
     'llave de paso', 'water valve', 'shut off the water', 'main valve', 'water main', 'se tapo el', 'se tapo la', 'running toilet', 'metio agua', 'me metio agua', 'water coming', 'water is coming', 'water leaking', 'water line', 'hose bib', 'drain hooked up', 'hook up the water', 'escurre agua', 'se sale el agua', 'shut it off', 'cant shut', 'can not shut', 'no cierra la llave', 'se rompio un tubo'],
    hints: ['agua', 'bano', 'bathroom', 'humedad', 'water'],
  },
  electrical: {
    words: [ 'apagon', 'cortocircuito',
      'chispa', 'chispas', 'chispea', 'chispeando', 'enchufe', 'enchufes', 'contactos', 'apagador', 'apagadores', 'breaker',
      'breakers', 'pastilla', 'fusible', 'fusibles', 'cableado', 'medidor', 'voltaje', 'electrician',
      'outlet', 'outlets', 'wiring', 'fuse', 'sparks', 'sparking', 'foco', 'focos', 'lampara', 'lamparas',      'electric*', 'electris*', 'luz', 'luces', 'lights', 'power', 'socket', 'sockets', 'charger', 'quemado', 'humito', 'ventilador', 'ventiladores', 'tablero', 'voltage', 'apagones', 'flickering', 'parpadea', 'parpadean', 'electricista', 'electricistas', 'electricidad', 'electrician', 'electricians', 'electricity', 'electrical', 'tripping', 'trips', 'tripped', 'timbre', 'doorbell', '240v', 'volts', 'welder', 'dim', 'dimmer', 'instalacion', 'circuit', 'circuito', 'circuitos', 'extension', 'chalupa'],
    phrases: [
      'se fue la luz', 'no hay luz', 'no tengo luz', 'sin luz', 'se va la luz', 'corto circuito', 'hizo corto', 'se boto',
      'hay un corto', 'un corto en', 'hace corto', 'da toques', 'me dio un toque', 'echa chispas',
      'se bota', 'se botaron', 'instalacion electrica', 'power outage', 'no power', 'lost power', 'short circuit',
      'light switch', 'the lights', 'se quemo el contacto', 'el contacto', 'un contacto',
     'centro de carga', 'ventilador de techo', 'power went out', 'went out', 'lights went out', 'ev charger', 'lights are flickering', 'se apago todo', 'no prenden los focos', 'la luz parpadea', 'power is out', 'power out', 'half the house', 'lights dim', 'lights flicker', 'la luz baja', 'se baja la luz', 'line run', 'new circuit', 'nuevo circuito', 'run a line', 'corriente', 'no hay corriente', 'sin corriente'],
    hints: ['switch', 'contacto', 'cable', 'cables', 'electrico', 'electrica', 'electricos', 'electric', '220', '110'],
  },
  locksmith: {
    words: [
      'cerrajero', 'cerrajera', 'cerrajeros', 'cerrajeria', 'chapa', 'chapas', 'cerradura', 'cerraduras', 'candado', 'llaves',
      'locksmith', 'locked', 'lockout', 'lock', 'locks', 'keys', 'rekey', 'chapeta',
     'cerraj*', 'padlock', 'locksmith*', 'chapero', 'combinacion', 'llavero', 'bolt', 'deadbolt', 'cerrojo', 'pestillo', 'picaporte', 'manija', 'handle'],
    phrases: [
      'me quede afuera', 'quede afuera', 'me quede fuera', 'quede fuera', 'me quede encerrado', 'me quede encerrada',
      'no puedo entrar', 'no puedo abrir', 'no abre la puerta', 'no abre', 'perdi mis llaves', 'perdi la llave', 'perdi las llaves',
      'deje las llaves', 'deje la llave', 'se me perdieron las llaves', 'se atoro la puerta', 'puerta trabada', 'abrir la puerta',
      'abrir puerta', 'abrir mi casa', 'abrir un carro', 'abrir mi carro', 'locked out', 'lost my keys', 'cant get in',
      'cannot get in', 'door wont open', 'door will not open', 'duplicado de llave', 'copia de llave',
     'safe will not open', 'safe wont open', 'open a safe', 'open my safe', 'forgot the code', 'locked my keys', 'keys inside', 'llaves adentro', 'llaves dentro', 'me quede sin llaves', 'se trabo la chapa', 'se atoro la llave', 'la llave no gira', 'key broke', 'key stuck', 'key turns', 'la llave gira', 'no gira la llave', 'door key', 'llave de la puerta', 'the lock', 'la chapa'],
    hints: ['llave', 'puerta', 'door', 'key'],
  },
  gas: {
    words: ['gas', 'gasero', 'gaseros', 'propano', 'estacionario', 'cilindro', 'propane', 'boiler', 'boyler', 'calentador', 'calentadores', 'piloto', 'lp', 'gasera', 'manguera'],
    phrases: [
      'fuga de gas', 'olor a gas', 'huele a gas', 'huele mucho a gas', 'tanque de gas', 'instalacion de gas', 'gas leak',
      'smell gas', 'smells like gas', 'gas line', 'tubo de gas', 'tuberia de gas', 'linea de gas',
     'water heater', 'hot water', 'agua caliente', 'calentador de paso', 'pilot light', 'gas smell', 'gas stove', 'natural gas', 'estufa al gas', 'conecte la estufa', 'conectar la estufa', 'gas natural', 'smells of gas', 'smell of gas', 'tankless water heater', 'huele a gas', 'smells of gas', 'pilot will not', 'pilot wont', 'pilot light', 'piloto no', 'went out', 'no enciende el boiler', 'no prende el boiler', 'el boiler no', 'se apago el boiler', 'el calentador no', 'no da chispa', 'no hace chispa', 'boiler not working', 'water heater not working', 'cold showers', 'regaderazo frio', 'agua fria', 'cold water only'],
  },
  carpentry: {
    words: [
      'carpintero', 'carpintera', 'carpinteros', 'carpinteria', 'mueble', 'muebles', 'closet', 'closets', 'madera', 'cajon',
      'cajones', 'repisa', 'repisas', 'bisagra', 'bisagras', 'alacena', 'librero', 'carpenter', 'carpentry', 'cabinet',
      'cabinets', 'furniture', 'wood', 'wooden', 'shelves', 'shelf', 'woodwork', 'tocador',       'ropero',      'carpint*', 'barniz*', 'comedor', 'hincho', 'hinchada', 'bookshelf', 'bookshelves', 'deck', 'boards', 'rotting', 'table', 'chairs', 'chair', 'wobbly', 'cabinetry', 'built', 'closets', 'puertas', 'zoclo', 'chambrana', 'marcos'],
    phrases: ['cocina integral', 'puerta de madera', 'puerta de closet', 'cabinet door', 'window seat', 'built in', 'se hincho la puerta', 'la puerta no cierra', 'puerta no cierra', 'door will not close', 'door does not close', 'door sticks'],
    hints: ['mesa', 'silla', 'sillas', 'cama', 'trim'],
  },
  painting: {
    words: [ 'pint*!', 'paint*!', 'repaint*!', 'peeling', 'despint*', 'barnizar', 'brocha', 'rodillo', 'fachada', 'acabado'],
    phrases: ['pintar la casa', 'pintar un cuarto', 'pintar mi cuarto', 'pintar la fachada', 'pintar la sala', 'paint my'],
  },
  masonry: {
    words: [
      'albanil', 'albaniles', 'albanileria', 'barda', 'bardas', 'muro', 'azulejo', 'azulejos', 'loseta', 'losetas', 'cemento',
      'concreto', 'construccion', 'remodelacion', 'remodelar', 'resane', 'resanar', 'impermeabilizar', 'impermeabilizacion',
      'impermeabilizante', 'grieta', 'grietas', 'cuarteado', 'cuarteada', 'goteras', 'gotera', 'mason', 'masonry', 'bricklayer',
      'brick', 'bricks', 'tile', 'tiles', 'tiling', 'concrete', 'drywall', 'remodel', 'remodeling', 'stucco', 'tabique',
      'aplanado', 'yeso', 'plafon',      'albanil*', 'impermeabiliz*', 'remodel*', 'rampa', 'crack', 'cracked', 'cracks', 'earthquake', 'sismo', 'temblor', 'sidewalk', 'banqueta', 'collapsed', 'derrumbo', 'waterproof', 'azotea', 'patch', 'castillo', 'losa', 'columna', 'cimientos', 'stucco', 'cement', 'muro', 'muros', 'bardas', 'cisterna', 'firme', 'patio', 'construir', 'construction', 'build', 'building', 'foundation', 'cimiento', 'slab', 'piso de concreto', 'castillos', 'trabe'],
    phrases: ['levantar una barda', 'poner piso', 'colocar piso', 'cambiar el piso', 'se cuartea', 'se esta cayendo', 'wall repair', 'roof leak', 'leaking roof', 'se cayo la barda', 'se cayo el muro', 'se cayo parte', 'garden wall', 'roof leaks', 'leaks when it rains', 'gotea el techo', 'cuando llueve', 'se filtra el agua', 'filtracion', 'echar firme', 'echar un firme', 'construir una', 'build a', 'levantar un cuarto', 'construir un cuarto', 'ampliar', 'ampliacion'],
    hints: ['techo', 'roof', 'block', 'firme', 'pared', 'wall', 'piso', 'floor'],
  },
  appliance_repair: {
    words: [
      'lavadora!', 'lavadoras!', 'secadora!', 'refrigerador!', 'refri!', 'refrigeradora!', 'nevera!', 'microondas!', 'estufa!', 'horno!',
      'lavavajillas!', 'lavatrastes!', 'electrodomestico', 'electrodomesticos', 'washer!', 'dryer!', 'fridge!', 'refrigerator!',
      'dishwasher!', 'oven!', 'stove!', 'microwave!', 'appliance', 'appliances', 'congelador!', 'freezer!', 'campana',
     'dishwaser!', 'lavaplatos!', 'refris!', 'whirlpool', 'mabe', 'samsung', 'lg', 'ice maker', 'ice', 'fabricador', 'centrifuga', 'exprimidor', 'range!', 'encendedor', 'lavasecadora', 'tostador', 'cafetera', 'extractor', 'licuadora', 'campanas', 'horno!', 'stovetop', 'cooktop', 'parrilla electrica', 'display'],
    phrases: ['linea blanca', 'washing machine', 'no enfria el refri', 'no prende la estufa', 'won t heat', 'will not heat', 'no calienta', 'no centrifuga', 'no exprime', 'washer fills', 'fridge is leaking', 'la lavadora tira agua', 'no enfria el refrigerador', 'se me echo a perder', 'sin enfriar', 'electric range', 'estufa electrica', 'fix a dishwasher', 'tecnico de estufas', 'tecnico de lavadoras', 'tecnico de refris'],
  },
  air_conditioning: {
    words: ['minisplit', 'split', 'ac', 'hvac', 'aircon', 'clima', 'climas', 'climatizacion', 'aire', 'minisplits', 'acondicionado', 'hielo', 'evaporador', 'condensador', 'compresor', 'units', 'clima!', 'minisplit!', 'calor', 'hot', 'heat', 'asando', 'cooling', 'enfriamiento'],
    phrases: [
      'aire acondicionado', 'mini split', 'air conditioning', 'air conditioner', 'doesnt cool', 'does not cool', 'el clima', 'mi clima', 'tira agua el clima', 'carga de gas al clima',
      'carga de gas al aire',
     'el aire no enfria', 'el clima no enfria', 'el minisplit no enfria', 'ac not cooling', 'ac is not cooling', 'ac is leaking', 'minisplit is leaking', 'limpieza al minisplit', 'limpieza del minisplit', 'limpieza de minisplit', 'mantenimiento al minisplit', 'mantenimiento de minisplit', 'mantenimiento del clima', 'mantenimiento al clima', 'ac units', 'ac unit', 'install ac', 'air con', 'aire tira agua', 'el clima gotea', 'clima gotea', 'the ac', 'my ac', 'clima de ventana', 'window unit', 'ac leaking', 'the ac is', 'ac kicks', 'aire de ventana', 'se estan asando', 'mucho calor', 'too hot'],
    hints: ['enfria', 'enfriar', 'frio', 'cooling'],
  },
  cleaning: {
    words: [
      'limpieza', 'limpiar', 'limpien', 'limpie', 'aseo', 'sanitizar', 'sanitizacion', 'cleaning', 'cleaner', 'cleaners',
      'maid', 'housekeeping', 'janitor', 'tapiceria', 'alfombra', 'alfombras', 'sucio', 'sucia', 'mugre',
     'limpi*!', 'limpeza', 'lodo', 'polvo', 'dust', 'cleanup', 'disaster', 'messy', 'desinfect*', 'fumig*', 'tapiz*', 'lavar', 'washing', 'mopping', 'trapear', 'barrer', 'upholstery', 'gross', 'filthy', 'cochino', 'cochina', 'apestoso', 'move out', 'mudanza', 'tenants'],
    phrases: ['trabajadora del hogar', 'muchacha de limpieza', 'senora de limpieza', 'lavar la sala', 'lavar alfombra', 'deep clean', 'clean my', 'limpieza profunda', 'limpiar vidrios', 'limpiar ventanas', 'lavar vidrios', 'lavar ventanas', 'limpieza de vidrios', 'limpieza de obra', 'window washing', 'window cleaning', 'clean windows', 'post construction', 'after the party', 'despues de la fiesta', 'clean today', 'clean my house', 'clean the house', 'house cleaning', 'limpieza de casa', 'clean an apartment', 'clean the apartment', 'limpiar el departamento', 'limpiar el depa', 'move out clean', 'end of lease', 'upholstery cleaning', 'lavado de salas', 'lavado de colchones'],
    hints: ['clean'],
  },
  gardening: {
    words: [
      'jardinero', 'jardinera', 'jardineros', 'jardineria', 'jardin', 'pasto', 'podar', 'poda', 'cesped', 'arboles', 'arbol',
      'plantas', 'hierba', 'maleza', 'gardener', 'gardening', 'garden', 'lawn', 'mow', 'mowing', 'yard', 'hedge', 'hedges',
      'trees', 'tree', 'weeds', 'landscaping', 'zacate', 'setos',
     'jardin*', 'rama', 'ramas', 'branch', 'branches', 'desyerb*', 'monte', 'poda*', 'arbusto', 'arbustos', 'pasto', 'zacate', 'driveway', 'palmera', 'palmeras', 'fumigar plantas', 'leaf', 'leaves', 'trimming', 'hojas', 'overgrown', 'mowed', 'mow', 'cesped', 'zacate', 'maleza', 'weeding'],
    phrases: ['cortar el pasto', 'cortar pasto', 'podar el arbol', 'trim trees', 'cut the grass', 'mow the lawn', 'cortar el arbol', 'tumbar el arbol', 'quitar la rama', 'quitar el arbol', 'remove a tree', 'cut down', 'fallen tree', 'tree fell', 'branch fell', 'yard work', 'cleaned up and mowed', 'limpiar el jardin', 'limpieza del jardin', 'cortar zacate'],
  },
  glazier: {
    words: [
      'vidriero', 'vidrieria', 'vidrio', 'vidrios', 'cristal', 'cristales', 'ventana', 'ventanas', 'ventanal',       'canceles', 'canceleria', 'espejo', 'espejos', 'glazier', 'glass', 'window', 'windows', 'pane', 'mirror', 'aluminio',
     'vidri*', 'cristaler*', 'shattered', 'templado', 'tempered', 'emplomado', 'mosquitero', 'screen', 'estrello', 'estrellado', 'cracked window', 'pane', 'vitrina', 'vidrio!', 'cristal!'],
    phrases: ['vidrio roto', 'ventana rota', 'se rompio el vidrio', 'se rompio la ventana', 'broken window', 'broken glass', 'window pane', 'cancel de bano', 'glass door', 'shower glass', 'shower door', 'puerta de vidrio', 'puerta de cristal', 'cancel de vidrio', 'cancel del bano', 'cancel de la regadera', 'cancel de aluminio', 'el cancel', 'un cancel', 'cancel de', 'cancel del', 'window is cracked', 'window cracked', 'kitchen window', 'vidrio de la mesa', 'se estrello el vidrio', 'cristal roto', 'glass table'],
  },
};
