/**
 * What a free-text message means: an intent and its slots, from WhatsApp-style Mexican Spanish or
 * English (typos, no accents, abbreviations, emoji). Pure and deterministic; hand-written rules
 * over a lexicon with typo tolerance (docs/conversation.md says why not a trained classifier).
 *
 * How it decides: the text is normalised (normalize.ts); the services named are scored
 * (services.ts); then the intents are tried in order of precedence, so that what must never be
 * missed wins over what is merely likely: stopping messages, deleting data and asking for a person
 * first; then cancelling, asking after a provider, a provider's own commands; then a request for a
 * service; then help, menu, thanks, greetings, yes/no. Measured on the corpus in
 * backend/tests/unit/conversation/understanding/corpus (accuracy per intent, in CI).
 */
import type { Locale } from '../locale-types';
import { countAll, cues, findAny, hasAny, isExactly, type CueList } from './match';
import { expandContractions, normalize } from './normalize';
import { containsUrl } from '../text/sanitize';
import { SERVICE_CODES, SERVICE_TERMS, type ServiceCode } from './services';
import { matchesOf, registerWords, sameWord } from './fuzzy';

export type Intent =
  | 'request_service'
  | 'price'
  | 'status'
  | 'cancel'
  | 'help'
  | 'human'
  | 'change_name'
  | 'give_name'
  | 'language'
  | 'opt_out'
  | 'opt_in'
  | 'delete_data'
  | 'greeting'
  | 'thanks'
  | 'menu'
  | 'provider_signup'
  | 'my_requests'
  | 'my_jobs'
  | 'job_done'
  | 'go_online'
  | 'go_offline'
  | 'provider_profile'
  /** A provider telling where they are on a job ("voy en camino, llego en 20", "ya llegué"). */
  | 'job_progress'
  /** How to pay, invoices, warranty ("¿aceptan tarjeta?", "¿dan factura?"). */
  | 'payment'
  /** Another day or time ("¿pueden mañana?", "¿trabajan domingos?"). */
  | 'schedule'
  /** About the service itself: can I trust the providers, where do you work (`topic`). */
  | 'about'
  | 'affirm'
  | 'deny'
  | 'unknown';

export interface Understanding {
  intent: Intent;
  /** The service named (request_service, price, status, provider_signup). */
  service?: ServiceCode;
  /** The person signals a hurry or a danger. */
  urgent?: boolean;
  /** A name given (give_name, change_name), capitalised. */
  name?: string;
  /** The language asked for (language), or the one a request asks to be served in. */
  locale?: Locale;
  /** The part of their profile a provider wants to change (provider_profile); absent = see the profile. */
  part?: ProfilePart;
  /** The language the message is written in, when it is clear. */
  writtenIn: Locale | null;
  /** deny that says a job is not finished ("aún no termina", "todavía no", "not yet"). */
  notDone?: true;
  /** job_progress: on the way or at the door; `etaMinutes` when they said how long ("llego en 20"). */
  progress?: JobProgress;
  etaMinutes?: number;
  /** request_service for another day or time ("para mañana en la tarde", "el sábado"). */
  later?: true;
  /** my_jobs from a provider who cannot reach the customer ("el cliente no contesta"). */
  unreachable?: true;
  /** about: what is asked ("¿son confiables?" → trust; "¿en qué zonas trabajan?" → coverage). */
  topic?: AboutTopic;
  /** thanks that is a goodbye ("adiós", "nos vemos"). */
  bye?: true;
  /** opt_out said with a day's rest ("ya me voy a descansar, no me manden nada"): from a provider, going offline. */
  offline?: true;
  /**
   * Someone else than the provider the person has or sees: `provider` when the message says so
   * ("quiero otro plomero", "cámbiame al técnico", "someone else"); `bare` when only the place in
   * the conversation makes it about a provider ("otro", "ese no", "mejor otra").
   */
  another?: AnotherProvider;
  /**
   * A provider's sign-up and approval: `asked` ("¿cuándo me aprueban?", "am I approved?",
   * provider_profile) or only `next` ("¿qué sigue?", whatever the intent: it is about approval
   * only for someone waiting for it).
   */
  approval?: 'asked' | 'next';
  /** request_service naming several trades: the ones after the first (`service`). */
  also?: ServiceCode[];
}

export type AnotherProvider = 'provider' | 'bare';

/** What a question about the service itself is about. */
export type AboutTopic = 'trust' | 'coverage';

/** Where a provider is on a job they accepted. */
export type JobProgress = 'onTheWay' | 'arrived';

/** What a provider can change of their profile by writing it ("cambiar mi radio"). */
export type ProfilePart = 'services' | 'base' | 'radius' | 'fee';

export interface UnderstandOptions {
  /** The question the message answers; `askName`: a plain name is a name. */
  step?: 'askName';
}

// ---------------------------------------------------------------- cues, by intent

const OPT_OUT_ALONE = cues(['stop', 'baja', 'alto', 'unsubscribe', 'stop please', 'stop por favor', 'baja por favor', 'parar', 'stop messages', 'stop all']);
const OPT_OUT = cues([
  'darme de baja', 'dar de baja', 'dame de baja', 'denme de baja', 'no mas mensajes', 'ya no me manden', 'ya no me envien',
  'ya no me escriban', 'no me manden mas', 'no me envien mas', 'no me escriban mas', 'dejen de mandar', 'dejen de enviar',
  'dejen de escribir', 'deja de mandar', 'deja de enviar', 'no quiero recibir', 'no quiero mas mensajes', 'cancelar suscripcion',
  'cancelar mensajes', 'no mas notificaciones', 'stop sending', 'stop messaging', 'stop texting', 'stop contacting', 'unsubscribe',
  'do not message', 'do not text', 'no more messages', 'opt out', 'ya no quiero mensajes', 'no me molesten', 'dejen de escribirme', 'dejen de mandarme', 'dejen de enviarme', 'saquenme de', 'sacame de', 'quitenme de', 'no me vuelvan a', 'no vuelvan a escribir', 'no vuelvan a mandar', 'remove me from', 'take me off', 'do not message me', 'do not text me', 'no more texts', 'no more notifications', 'do not want these', 'leave me alone', 'stop messaging me', 'stop texting me', 'ya no quiero que me escriban', 'ya no me interesa recibir', 'que me lleguen mensajes', 'no me lleguen', 'no quiero que me lleguen', 'no me mandes nada', 'no me manden nada', 'no me envies nada', 'stop all messages', 'stop all', 'unsub', 'unsubscribe me', 'dejar de recibir', 'stop receiving messages', 'stop notifications', 'no quiero notificaciones', 'silenciar', 'mute',
]);
/** Saying NOT to stop the messages or delete the data: never read as asking for it. */
const NOT_LEAVING = cues([
  'no quiero darme de baja', 'no me quiero dar de baja', 'no me des de baja', 'no me den de baja',
  'sin darme de baja', 'no darme de baja', 'no quiero borrar', 'no quiero que borren', 'no borres', 'no borren',
  'no elimines', 'no eliminen', 'no quiero eliminar', 'no quiero dejar de recibir', 'no dejen de mand*', 'no dejen de envi*', 'no dejes de mand*', 'no dejes de envi*',
  'do not unsubscribe', 'do not want to unsubscribe', 'not unsubscribe', 'do not delete', 'do not want to delete',
  'do not remove me', 'do not stop', 'no cancelen mis mensajes',
]);
const OPT_IN_ALONE = cues(['alta', 'darme de alta', 'dame de alta', 'start', 'subscribe', 'unstop', 'reanudar', 'reactivar', 'opt in']);
const OPT_IN = cues([
  'darme de alta', 'dame de alta', 'volver a recibir', 'quiero recibir mensajes',   'resume messages', 'start messages', 'vuelvan a mandarme', 'volver a recibir mensajes', 'quiero volver a recibir', 'volver a recibir mensajes', 'reactivar mensajes', 'reactivar notificaciones', 'activar notificaciones', 'activar mensajes', 'ya pueden volver', 'vuelvan a mandar', 'recibir sus mensajes', 'quiero recibir', 'get messages again', 'receive messages again', 'opt back in', 'back in', 'resume notifications', 'turn messages back on', 'turn notifications back on', 'unstop', 'messages back', 'darme de alta otra vez', 'alta de nuevo', 'subscribe again', 'me di de baja sin querer', 'unsubscribed by accident', 'suscrib*', 'sign me back up', 'sign me up for messages', 'resubscribe', 're subscribe', 'back up for messages', 'vuelvan a enviar', 'enviarme mensajes otra vez', 'quiero que me lleguen',
]);
const DELETE_VERBS = ['borr*', 'elimin*', 'suprim*', 'delet*', 'eras*', 'remov*', 'wipe', 'purge'];
const DELETE_OBJECTS = ['datos', 'dato', 'cuenta', 'informacion', 'registro', 'perfil', 'data', 'account', 'information', 'profile', 'numero', 'number', 'historial', 'history', 'direccion', 'address', 'sistema', 'everything', 'personal', 'todo'];
const DELETE_PHRASES = cues(['derechos arco', 'derecho de cancelacion', 'olvidar mis datos', 'forget me', 'forget my data', 'right to be forgotten', 'todo lo mio', 'guarden mis datos', 'everything you have on me', 'my personal data', 'mis datos personales', 'borrar todo', 'borren todo', 'eliminar todo', 'delete everything', 'forget everything', 'borrar mi numero', 'delete my number',
]);
const HUMAN_ALONE = cues([
  'asesor', 'asesora', 'agente', 'humano', 'operador', 'operadora', 'representante', 'persona real', 'una persona',
  'human', 'agent', 'representative', 'operator', 'real person', 'live agent', 'a human', 'a person', 'soporte', 'support',
]);
const HUMAN = cues([
  // complaints about a provider: a person from the team handles them
  'me cobro de mas', 'me cobraron de mas', 'me trato mal', 'me trataron mal', 'reportar a un proveedor', 'reportar al proveedor',
  'reportar proveedor', 'me dejo plantado', 'me dejo plantada', 'me dejaron plantado', 'overcharged me', 'was rude', 'report a provider', 'report the provider',
  'me esta cobrando de mas', 'me quiere cobrar de mas', 'me esta cobrando mucho', 'me quiere cobrar mucho', 'quiere cobrarme de mas', 'me cobro mucho',
  'no trae herramienta', 'no traia herramienta', 'no trajo herramienta', 'llego borracho', 'me falto al respeto', 'se porto grosero', 'fue grosero',
  'charging me too much', 'overcharging', 'wants to charge me more', 'did not bring tools', 'showed up drunk',
  'hablar con un asesor', 'hablar con una asesora', 'hablar con otra persona', 'hablar con otro asesor', 'hablar con asesor', 'hablar con alguien', 'hablar con una persona',
  'hablar con un humano', 'hablar con un agente', 'hablar con un operador', 'hablar con un representante', 'hablar con soporte',
  'hablar con una persona real', 'comunicarme con alguien', 'comunicarme con un asesor', 'comunicarme con una persona',
  'pasame con', 'pasenme con', 'comuniqueme con', 'contactar a un asesor', 'atencion a clientes', 'atencion al cliente',
  'servicio al cliente', 'servicio a clientes', 'una persona de verdad', 'persona de carne', 'un asesor', 'una asesora',
  'un humano', 'un agente', 'talk to someone', 'talk to somebody', 'talk to a person', 'talk to a human', 'talk to an agent',
  'talk to a real', 'speak to someone', 'speak to a person', 'speak with someone', 'speak with a person', 'speak to a human',
  'speak to an agent', 'customer service', 'customer support', 'real person', 'live person', 'live agent', 'actual person',
  'connect me with', 'chat with a person', 'chat with someone', 'talk with someone', 'talk with a person', 'no quiero hablar con un bot',
  'not a bot', 'no eres un bot', 'hablar con un ser humano', 'una persona por favor', 'alguien real', 'una persona real', 'persona real por favor', 'hablar con el encargado', 'hablar con la encargada', 'hablar con el gerente', 'el encargado', 'la encargada', 'un gerente', 'a manager', 'manager', 'supervisor', 'robot', 'puro bot', 'eres un bot', 'es un bot', 'automated', 'automatico', 'hay alguien ahi', 'alguien ahi', 'anyone there', 'someone there', 'is anyone there', 'numero de telefono', 'un telefono', 'phone number', 'me puede marcar', 'me pueden marcar', 'me llamen', 'me puede llamar', 'me pueden llamar', 'llamenme', 'call me back', 'someone call me', 'can someone call', 'person i can call', 'a quien llamo', 'queja', 'quejas', 'una queja', 'reclamo', 'reclamacion', 'complaint', 'transfer me', 'support team', 'soporte tecnico', 'ayuda de una persona', 'atencion de una persona', 'human please', 'human pls', 'a human being', 'ser humano', 'talk to a bot', 'want to talk to a bot', 'hablar con un bot', 'hablar con una maquina', 'hablar con un robot', 'carne y hueso', 'flesh and blood', 'me atienda', 'me atiendan', 'que me atienda', 'attend me', 'levantar un reporte', 'un reporte', 'hacer un reporte', 'encargado', 'encargada', 'gerente', 'supervisora', 'someone real', 'real human', 'talk with a human', 'hablar con alguien de', 'persona que me', 'a person to', 'escalate', 'escalar',
]);
const CHANGE_NAME = cues([
  'cambiar mi nombre', 'cambiar nombre', 'cambia mi nombre', 'cambiar el nombre', 'cambien mi nombre', 'corregir mi nombre',
  'corrige mi nombre', 'corrijan mi nombre', 'mi nombre esta mal', 'mi nombre no es', 'no me llamo', 'ese no es mi nombre',
  'me equivoque de nombre', 'me equivoque en mi nombre', 'nombre equivocado', 'actualizar mi nombre', 'editar mi nombre',
  'change my name', 'change name', 'update my name', 'fix my name', 'wrong name', 'my name is wrong', 'thats not my name',
  'that is not my name', 'not my name', 'edit my name', 'correct my name', 'mal escrito mi nombre', 'escribi mal mi nombre', 'actualizar nombre', 'update name', 'cambiar como me dices', 'como me dices', 'como me llamas', 'me registre mal', 'me registraste mal', 'registre mal mi nombre', 'spelled my name wrong', 'misspelled my name', 'spelled wrong', 'llamame', 'change name to', 'not john', 'it is spelled', 'me equivoque al poner mi nombre', 'puse mal mi nombre', 'me equivoque con mi nombre', 'i go by', 'go by', 'prefiero que me digan', 'prefiero que me llamen', 'me dicen', 'i prefer', 'prefer to be called', 'escribieron mal mi nombre', 'typo in my name', 'wrong spelling',
]);
const LANGUAGE_CUES = cues(['idioma', 'idiomas', 'language', 'languages', 'lenguaje', 'otro idioma', 'cambiar idioma', 'change language', 'other language']);
/** Topics that are not ours: a price or a status about them is small talk. */
const NOT_OURS = new Set(['pagaste', 'pagar', 'pague', 'paid', 'pay', 'tortilla', 'tortillas', 'gasolina', 'recibo', 'bill', 'dolar', 'dollar', 'euro', 'euros', 'bitcoin', 'partido', 'futbol', 'football', 'soccer', 'bus', 'camion', 'basura', 'weather', 'novia', 'novio', 'culture', 'gasolina', 'uber', 'taxi', 'pizza']);
const LANGUAGE_WORDS: Record<string, Locale> = { ingles: 'en', english: 'en', espanol: 'es', spanish: 'es', castellano: 'es', espaniol: 'es', engles: 'en', englis: 'en' };
const CANCEL = cues([
  // A provider who can no longer go to a job they accepted (they are asked before it is given back).
  'ya no puedo ir', 'no voy a poder ir', 'no voy a poder llegar', 'no voy a llegar', 'no alcanzo a llegar', 'ya no voy a ir',
  'ya no alcanzo a ir', 'me surgio un imprevisto', 'tuve un imprevisto', 'can not make it', 'cant make it', 'wont make it',
  'will not make it', 'can not go anymore', 'cant go anymore',
  'cancelar', 'cancela', 'cancelo', 'cancelen', 'cancelalo', 'cancelala', 'cancelarlo', 'cancelarla', 'cancel', 'cancelled',
  'canceled', 'ya no lo necesito', 'ya no la necesito', 'ya no necesito', 'ya no ocupo', 'ya no lo ocupo', 'ya no la ocupo',
  'ya no lo quiero', 'ya no quiero', 'ya no hace falta', 'ya no es necesario', 'mejor no', 'olvidalo', 'olvidenlo', 'olvidelo',
  'never mind', 'nevermind', 'no longer need', 'dont need it', 'do not need it', 'dont need', 'do not need', 'ya se arreglo',
  'ya lo arregle', 'ya lo arreglaron', 'ya se soluciono', 'ya quedo solucionado', 'ya no vengan', 'que no venga', 'ya no venga',
  'call it off', 'forget it', 'no need anymore', 'not needed anymore', 'anula', 'anular', 'cancelacion', 'cancellation', 'siempre no', 'ya no gracias', 'no mandes a nadie', 'no manden a nadie', 'no envien a nadie', 'ya se resolvio', 'ya se soluciono', 'ya regreso la luz', 'ya volvio la luz', 'ya lo resolvi', 'ya lo solucione', 'do not need it anymore', 'dont need it anymore', 'not need it anymore', 'never mind', 'i will call someone else', 'call someone else', 'do not send anyone', 'dont send anyone', 'stop the request', 'cancel the request', 'cancel my request', 'cancel it', 'no longer needed', 'kanselar', 'cancela la solicitud', 'cancelar solicitud', 'ya no lo requiero', 'ya no se necesita', 'cancle', 'cansel', 'cancelado', 'cancell', 'cancel*', 'cancela*', 'ya no va a ser necesario', 'no va a ser necesario', 'ya no sera necesario', 'no sera necesario', 'already fixed', 'got it fixed', 'fixed it myself', 'ya vino otro', 'ya vino alguien', 'ya lo arreglo mi', 'esposo ya lo arreglo', 'marido ya lo arreglo', 'hijo ya lo arreglo', 'papa ya lo arreglo', 'vecino ya lo arreglo', 'ya me lo arreglaron', 'someone else came', 'someone already came', 'ya no hay necesidad', 'ya no es urgente', 'desisto', 'no longer', 'dont bother', 'do not bother', 'no te molestes', 'no se molesten',
]);
const STATUS = cues([
  // About the provider of their request: who, how to reach them (the status shows name and contact).
  'numero del', 'numero de la', 'telefono del', 'telefono de la', 'como se llama el',
  'como se llama la', 'como se llamaba el', 'como se llamaba la', 'no me ha escrito', 'no me ha hablado', 'no me ha marcado',
  'no me ha llamado', 'no me ha contactado', 'no me han escrito', 'no me han hablado', 'no me han llamado', 'no me contesta',
  'su numero', 'su telefono', 'their number', 'his number', 'her number', 'has not called', 'hasnt called', 'has not texted',
  'hasnt texted', 'has not messaged', 'hasnt messaged', 'what was his name', 'what was her name', 'whats his name',
  'whats her name',
  'is anyone coming', 'anyone coming', 'is somebody coming', 'when will they arrive', 'when will they come', 'when are they coming', 'when will he arrive', 'when will she arrive',
  'avisame cuando llegue', 'me avisas cuando llegue', 'cuando llegue el * me avisas', 'cuando llegue la * me avisas', 'cuando llegue me avisas', 'me avisan cuando llegue', 'let me know when they arrive',
  'no ha llegado', 'no han llegado', 'no llega', 'no llegan', 'ya llego', 'ya llegaron', 'ya va a llegar', 'ya mero llega',
  'is he coming', 'is she coming', 'are they coming', 'has arrived', 'not here yet', 'no ha venido', 'no vino', 'no ha aparecido', 'no se ha presentado',
  'ya viene', 'viene en camino', 'va en camino', 'sigue en camino', 'cuanto falta', 'cuanto le falta', 'cuanto tarda', 'cuanto tardan', 'cuanto se tardan', 'cuanto tiempo tardan', 'cuanto tardaria', 'cuanto tardarian', 'cuanto tarda en llegar',
  'cuanto se tarda', 'a que hora llega', 'a que hora viene', 'a que hora va a llegar', 'donde esta el', 'donde esta la',
  'donde anda', 'por donde viene', 'donde viene el', 'donde viene la', 'ya salio', 'no ha contestado', 'no contesta', 'no me ha contestado', 'no han contestado',
  'no me contestan', 'no responde', 'no ha respondido', 'nadie ha contestado', 'nadie contesta', 'estatus', 'status',
  'seguimiento', 'que paso con', 'como va mi', 'como va la', 'alguna novedad', 'hay noticias', 'sigo esperando', 'sigue sin llegar',
  'tarda mucho', 'se esta tardando', 'ya se tardo', 'hasnt arrived', 'has not arrived', 'not here yet', 'isnt here', 'is not here',
  'still waiting', 'where is the', 'where is my', 'wheres the', 'wheres my', 'on the way', 'on his way', 'on her way', 'eta',
  'how long until', 'how much longer', 'when will he', 'when will she', 'when will the', 'when is the', 'is he coming',
  'is she coming', 'any update', 'any news', 'no one came', 'nobody came', 'no one showed', 'nobody showed', 'didnt show',
  'no show', 'did not show', 'running late', 'taking so long', 'is taking long', 'aun no llega', 'todavia no llega',
  'aun no viene', 'todavia no viene', 'ya va a llegar', 'ya mero llega', 'cuando llega', 'cuando viene', 'when does',
  'nobody has answered', 'no one has answered', 'no answer yet', 'no response yet', 'estado de mi solicitud', 'status of my', 'llevo una hora', 'llevo rato', 'llevo mucho', 'tiene rato', 'ya tiene rato', 'nadie llega', 'no llega nadie', 'no veo a nadie', 'me dijeron que', 'ya aceptaron', 'aceptaron mi', 'alguien va a tomar', 'va a tomar mi', 'ya lo asignaron', 'ya tienen a alguien', 'has not shown up', 'hasnt shown up', 'not shown up', 'never showed', 'never came', 'did anyone accept', 'anyone accept', 'is someone coming', 'is anyone coming', 'coming or not', 'is he still coming', 'is she still coming', 'still coming', 'left yet', 'it is almost', 'they said', 'se le hizo tarde', 'sigue esperando', 'seguimos esperando', 'ya va en camino', 'en cuanto llega', 'van a venir', 'va a venir', 'vendra', 'me dijeron que llegaba', 'dijeron que llegaba', 'dijeron que venia', 'dijeron que iba', 'dijeron que a las', 'they said he', 'they said she', 'running late', 'is late', 'left yet', 'has the gardener', 'has the plumber', 'has the electrician', 'has he left', 'has she left', 'aun no llega', 'todavia no llega', 'asign*', 'assigned', 'dijo que llegaba', 'dijo q llegaba', 'dijo que venia', 'dijo que iba a llegar', 'said he would', 'said she would', 'y el muchacho', 'y el senor', 'y el tecnico', 'where are they', 'wheres the guy', 'where is he', 'where is she', 'is he close', 'esta cerca', 'ya esta cerca', 'ya merito', 'cuanto tiempo', 'how much time', 'what time will', 'a que hora', 'update on', 'any word', 'alguien ya acepto', 'nadie acepta', 'nobody accepted', 'no one accepted',
]);
const PROVIDER_SIGNUP = cues([
  'ser proveedor', 'ser proveedora', 'quiero ser proveedor', 'registrarme como proveedor', 'registrarme como', 'darme de alta como',
  'trabajar con ustedes', 'trabajar para ustedes', 'trabajar con uds', 'chambear con ustedes', 'quiero chamba', 'busco chamba',
  'quiero trabajo', 'busco trabajo', 'necesito trabajo', 'ocupo trabajo', 'ofrecer mis servicios', 'ofrezco mis servicios',
  'ofrecer servicios', 'unirme', 'afiliarme', 'formar parte', 'como me registro', 'como le hago para trabajar', 'soy proveedor',
  'quiero trabajar', 'me interesa trabajar', 'dar servicio con ustedes', 'quiero ofrecer', 'become a provider', 'be a provider',
  'work with you', 'work for you', 'join as', 'join your', 'sign up as', 'register as', 'offer my services', 'looking for work',
  'looking for jobs', 'want to work', 'apply as', 'get jobs', 'get clients', 'conseguir clientes', 'mas clientes',
  'partner with you', 'provider sign up', 'registro de proveedores', 'registro proveedor', 'como le hago para aparecer', 'aparecer en la app', 'aparecer en la aplicacion', 'get listed', 'be listed', 'can i join', 'can he sign up', 'can she sign up', 'lo puedo registrar', 'la puedo registrar', 'puedo registrarme', 'quiero registrarme', 'me quiero registrar', 'do you hire', 'are you hiring', 'contratan', 'estan contratando', 'tienen vacantes', 'necesitan jardineros', 'necesitan plomeros', 'necesitan electricistas', 'yo tengo experiencia', 'tengo experiencia', 'more clients', 'mas trabajo', 'want more clients', 'quiero mas clientes', 'trabajar de proveedor', 'trabajar como proveedor', 'me gustaria trabajar', 'quisiera trabajar', 'become one of your', 'one of your techs', 'one of your', 'your techs', 'want to join', 'wanna join', 'i want to join', 'quiero unirme', 'how do i join', 'how can i join', 'ser parte', 'ser uno de', 'quiero ser tecnico', 'soy tecnico', 'i fix', 'i repair', 'me dedico a',
]);
const JOB_DONE = cues([
  'termine', 'ya termine', 'trabajo terminado', 'terminado', 'ya quedo', 'quedo listo', 'ya acabe', 'acabe', 'ya esta terminado',
  'ya esta listo el trabajo', 'trabajo listo', 'trabajo realizado', 'servicio terminado', 'servicio realizado', 'ya lo termine',
  'ya quedo el trabajo', 'marcar como terminado', 'marcar terminado', 'finalizado', 'ya finalice', 'job done', 'job is done',
  'job finished', 'job complete', 'job completed', 'finished the job', 'done with the job', 'all done', 'work is done',
  'work done', 'mark as done', 'mark it done', 'mark done', 'finished', 'completed the job', 'i finished', 'im done', 'i am done', 'servicio concluido', 'concluido', 'conclui', 'trabajo concluido', 'done', 'job is complete', 'completed', 'work completed', 'fixed it', 'quedo arreglado', 'ya quedo arreglado', 'ya lo arregle el', 'listo el trabajo', 'ya quedo listo', 'listo quedo', 'quedo todo', 'ya quedo todo', 'trabajo completado', 'completado', 'servicio completado', 'job completed', 'quedo terminado', 'ya esta hecho', 'its done', 'it is done', 'all set', 'wrapped up', 'finished up',
]);
/** A provider on the way to a job, in the first person ("voy en camino", "llego en 20", "omw"). */
const ON_THE_WAY = cues([
  'voy en camino', 'ya voy en camino', 'voy para alla', 'voy para aya', 'voy pa alla', 'ya voy para alla', 'voy hacia alla',
  'ya sali para alla', 'ya sali para', 'ya voy saliendo', 'voy saliendo', 'salgo para alla', 'ya salgo', 'llego en', 'ya casi llego',
  'casi llego', 'estoy llegando', 'voy llegando', 'ya voy llegando', 'ahi voy', 'ya voy', 'en camino', 'ando en camino',
  'on my way', 'omw', 'heading over', 'heading your way', 'heading there', 'be there in', 'ill be there', 'i will be there',
  'leaving now', 'almost there', 'be there soon',
]);
/** A provider at the door ("ya llegué", "estoy afuera", "I'm here"). */
const ARRIVED = cues([
  'ya llegue', 'ya estoy aqui', 'ya estoy aca', 'estoy aqui afuera', 'estoy afuera', 'ya estoy afuera', 'estoy en la puerta',
  'estoy en la entrada', 'estoy abajo', 'ya estoy abajo', 'ya toque', 'toque el timbre', 'estoy tocando', 'ya estoy en su casa',
  'ya estoy en tu casa', 'im here', 'i am here', 'im outside', 'i am outside', 'i have arrived', 'ive arrived', 'i arrived',
  'at your door', 'at the door', 'outside your',
]);
const ARRIVED_ALONE = cues(['llegue', 'aqui estoy', 'afuera', 'here', 'arrived', 'outside']);
/** At the door ringing ("ya toqué el timbre y nadie abre"): the bell is not an electrical job. */
const AT_THE_DOOR = cues([
  'toque el timbre', 'toco el timbre', 'tocando el timbre', 'toque timbre', 'ya toque', 'estoy tocando', 'toque la puerta',
  'rang the bell', 'rang the doorbell', 'ringing the bell', 'ringing the doorbell', 'knocked', 'knocking',
]);

/** "llego en 20 min", "en media hora", "in 10 minutes", "be there in an hour": minutes, 1–240. */
export function etaMinutesOf(tokens: readonly string[]): number | undefined {
  const text = tokens.join(' ');
  const m = /\b(?:en|in) (?:unos |like |about |around )?(\d{1,3}) ?(?:min|mins|minutos|minuto|minutes|minute|m)?\b/.exec(text);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= 240 ? n : undefined;
  }
  if (/\b(?:en|in) (?:media hora|half an hour|half hour)\b/.test(text)) return 30;
  if (/\b(?:en|in) (?:una hora|1 hora|an hour|one hour)\b/.test(text)) return 60;
  return undefined;
}

/** How to pay, invoices and warranties: agreed with the provider. */
const PAYMENT = cues([
  'pagar con tarjeta', 'pago con tarjeta', 'aceptan tarjeta', 'acepta tarjeta', 'tarjeta de credito', 'tarjeta de debito',
  'pagar en efectivo', 'pago en efectivo', 'aceptan efectivo', 'transferencia', 'forma de pago', 'formas de pago', 'metodo de pago',
  'como se paga', 'como pago', 'a quien le pago', 'dan factura', 'da factura', 'facturan', 'factura', 'garantia', 'hay garantia',
  'pay by card', 'pay with card', 'accept card', 'accept cards', 'credit card', 'pay cash', 'pay in cash', 'bank transfer',
  'payment method', 'how do i pay', 'who do i pay', 'invoice', 'receipt', 'warranty', 'guarantee',
]);
/** Can the providers be trusted ("¿son confiables?", "are your providers vetted?"). */
const TRUST = cues([
  'son confiables', 'es confiable', 'son de confianza', 'es de confianza', 'es seguro', 'son seguros', 'estan verificados',
  'esta verificado', 'los verifican', 'los revisan', 'revisan a los', 'como se que no', 'me van a robar', 'me vayan a robar',
  'antecedentes', 'gente de confianza', 'personas de confianza', 'alguien de confianza', 'como los eligen', 'como los escogen',
  'vetted', 'background check', 'background checks', 'is it safe', 'are they safe', 'trustworthy', 'can i trust', 'verified',
  'how do you choose', 'how do you pick', 'are they reliable', 'reliable',
]);
/** Where the service works ("¿en qué zonas trabajan?", "do you work in Guadalajara?"). */
const COVERAGE = cues([
  'en que zonas', 'que zonas', 'en que zona', 'que areas', 'donde trabajan', 'en donde trabajan', 'en que ciudades',
  'que ciudades', 'hasta donde llegan', 'a donde llegan', 'llegan hasta', 'tienen servicio en', 'hay servicio en',
  'trabajan en mi zona', 'cubren mi zona', 'which areas', 'what areas', 'service area', 'do you cover', 'do you serve',
  'where do you work', 'where do you operate', 'do you work in', 'are you in',
]);

/** Another day or time: for now requests are for someone available now. */
const SCHEDULE = cues([
  'para manana', 'manana temprano', 'pasado manana', 'el sabado', 'el domingo', 'el lunes', 'el martes', 'el miercoles',
  'el jueves', 'el viernes', 'trabajan domingos', 'trabajan sabados', 'trabajan en domingo', 'los domingos', 'los sabados', 'en domingo', 'dias festivos', 'fines de semana', 'fin de semana', 'agendar una cita',
  'agendar cita', 'hacer una cita', 'programar', 'otro dia', 'en la noche', 'atienden en la noche', 'que horario', 'horario',
  'a que hora abren', 'tomorrow', 'next week', 'on saturday', 'on sunday', 'on monday', 'schedule', 'book for', 'appointment',
  'another day', 'later today', 'this weekend', 'opening hours', 'what time do you open', 'at night',
]);

/** Putting off what was asked ("mejor otro día", "hoy no puedo recibir al plomero"): not a new request. */
const RESCHEDULE = cues([
  'mejor otro dia', 'otro dia mejor', 'mejor manana', 'manana mejor', 'hoy no puedo', 'no puedo hoy', 'ya no puedo hoy',
  'hoy ya no puedo', 'no puedo recibir', 'no voy a poder recibir', 'no voy a estar', 'no voy a estar en casa', 'no estare',
  'mejor la proxima semana', 'mejor mas tarde', 'mejor en la tarde', 'mejor en la noche', 'reprogramar', 'cambiar la fecha',
  'cambiar el dia', 'cambiar la hora', 'not today', 'another day', 'cant today', 'can not today', 'can not make it today',
  'maybe tomorrow', 'tomorrow instead', 'reschedule', 'wont be home', 'will not be home', 'not going to be home',
]);

/** "Hoy no puedo esperar": the opposite of putting off. */
const CANNOT_WAIT = cues(['no puedo esperar', 'no podemos esperar', 'ya no puedo esperar', 'can not wait', 'cant wait']);

/** Words that make a day a question about booking ("¿pueden el sábado?", "can they come tomorrow?"). */
const SCHEDULE_ASK = cues([
  'pueden', 'puede', 'se puede', 'podrian', 'podria', 'trabajan', 'atienden', 'abren', 'vienen', 'venir', 'agendar', 'cita', 'horario',
  'programar', 'can', 'could', 'do you', 'are you', 'will', 'appointment', 'schedule', 'hours', 'come', 'open', 'need',
]);

/** Real words that look like a trade's words to the typo matcher ("closest" is not "closet"): registered as known. */
cues(['closest', 'closer', 'nearest', 'cercano', 'cercana']);

/** The job is not finished ("aún no termina"): read before JOB_DONE, whose words it contains. */
const NOT_DONE_YET = cues([
  'aun no', 'todavia no', 'no todavia', 'aun no termina', 'todavia no termina', 'no ha terminado', 'no han terminado', 'no ha acabado',
  'no ha quedado', 'no quedo', 'no esta listo', 'no esta terminado', 'sigue sin', 'not yet', 'not done', 'not finished', 'still working',
  'not fixed', 'no lo arreglo', 'no quedo bien', 'falta terminar', 'le falta', 'les falta', 'no han acabado', 'isnt done', 'is not done',
]);
/** Praise of a job done: a review typed outside the rating question. */
const PRAISE = cues([
  'muy amable', 'super amable', 'muy puntual', 'muy rapido', 'muy rapida', 'very kind', 'very fast', 'very punctual',
  'buen servicio', 'muy buen servicio', 'excelente servicio', 'buen trabajo', 'excelente trabajo', 'muy buen trabajo', 'recomendado',
  'recomendada', 'lo recomiendo', 'la recomiendo', 'muy recomendable', 'recomendable', 'muy profesional', 'quedo muy bien', 'quedo perfecto',
  'todo perfecto', 'todo excelente', 'super bien', 'great job', 'good job', 'great work', 'excellent service', 'great service',
  'highly recommend', 'recommended', 'very professional', 'amazing job', 'did a great', 'muy amable el', 'muy amable la',
  'muy puntual', 'fue puntual', 'llego rapido', 'llego muy rapido', 'very punctual', 'was on time', 'came fast', 'came quickly',
  'muy limpio', 'muy limpia', 'limpio y rapido', 'super amable', 'muy amable', 'muy atento', 'muy atenta', 'buen trato', 'very kind', 'very clean',
]);
const MY_JOBS = cues([
  'mis trabajos', 'mis chambas', 'mis servicios pendientes', 'trabajos pendientes', 'trabajo pendiente', 'que trabajos tengo',
  'cuales son mis trabajos', 'tengo trabajos', 'tengo algun trabajo', 'mis jobs', 'my jobs', 'my work', 'jobs i have',
  'my current jobs', 'my assignments', 'trabajos activos', 'trabajos aceptados', 'mis clientes', 'ver mis trabajos', 'do i have any jobs',
  'active jobs', 'pending jobs', 'tengo chamba', 'hay chamba', 'tengo trabajo hoy', 'clientes tengo', 'clientes asignados', 'lista de trabajos', 'what jobs do i have', 'jobs do i have', 'any jobs', 'assigned to me', 'my assigned', 'trabajos asignados', 'que tengo hoy', 'agenda de hoy', 'my schedule', 'chambas tengo', 'chambas pendientes', 'ver trabajos', 'show jobs', 'show my jobs', 'list my jobs', 'ver mis chambas', 'trabajos de hoy', 'jobs today', 'today s jobs', 'mis citas', 'my appointments',
]);
/** Another job than the one at hand ("estoy terminando otro trabajo"). */
const OTHER_JOB = cues(['otro trabajo', 'otra chamba', 'otro servicio', 'otro cliente', 'another job', 'other job', 'another customer']);
/** A provider who cannot reach the customer of a job. */
const CUSTOMER_SILENT = cues([
  'el cliente no contesta', 'cliente no contesta', 'no contesta el cliente', 'el cliente no responde', 'cliente no responde',
  'no responde el cliente', 'no me contesta el cliente', 'no me responde el cliente', 'el cliente no me contesta',
  'el cliente no me responde', 'el cliente no esta', 'no esta el cliente', 'el cliente no aparece', 'customer not answering',
  'customer is not answering', 'customer does not answer', 'customer not responding', 'customer is not responding',
  'client not answering', 'client is not answering', 'customer is not there', 'customer not there',
  'el cliente no sale', 'no sale el cliente', 'nadie sale', 'nadie abre', 'no me abren', 'no encuentro la casa',
  'no encuentro el domicilio', 'no encuentro la direccion', 'no doy con la casa', 'no doy con el domicilio',
  'cant find the house', 'can not find the house', 'cant find the address', 'can not find the address', 'nobody answers the door',
  'no one answers the door', 'nobody is opening', 'no one is opening',
]);
/** A provider asking where the job is, or how to reach its customer. */
const JOB_DETAILS = cues([
  'cual es la direccion', 'pasame la direccion', 'mandame la direccion', 'me pasas la direccion', 'me das la direccion',
  'me mandas la direccion', 'me mandas la ubicacion', 'mandame la ubicacion', 'pasame la ubicacion', 'direccion del cliente',
  'ubicacion del cliente', 'telefono del cliente', 'numero del cliente', 'contacto del cliente', 'a donde voy',
  'donde es exactamente', 'donde es el trabajo', 'donde queda el trabajo', 'donde es el servicio', 'en que calle es', 'where is the job',
  'a donde tengo que ir', 'whats the address', 'what is the address', 'send me the address', 'send the address',
  'customer address', 'customers address', 'customer phone', 'customers phone', 'customer number', 'customers number',
  'where do i go', 'where am i going',
]);
const MY_REQUESTS = cues([
  'mis solicitudes', 'mis pedidos', 'mis reservas', 'mis reservaciones', 'mis ordenes', 'ver solicitudes',
  'ver mis solicitudes', 'historial', 'my requests', 'my orders', 'my order', 'my bookings', 'my booking',
  'my history', 'past requests', 'solicitudes anteriores', 'mis servicios', 'servicios que pedi', 'he pedido', 'que he pedido', 'lo que pedi', 'pedi antes', 'what have i booked', 'have i booked', 'request history', 'past bookings', 'previous requests', 'my previous', 'mis solicitudes anteriores', 'historial de solicitudes', 'ver lo que pedi', 'mis servicios pedidos', 'servicios solicitados',
]);
/**
 * A provider saying they cannot or will not take work: never read as "send me jobs" or as signing
 * up ("ahorita no puedo recibir trabajos", "quiero dejar de ser proveedor"). Read before both.
 */
const NO_MORE_WORK = cues([
  'no quiero recibir trabajos', 'no puedo recibir trabajos', 'no puedo recibir solicitudes', 'no puedo tomar trabajos', 'no puedo trabajar',
  'dejar de ser proveedor', 'dejar de ser proveedora', 'ya no quiero ser proveedor', 'ya no quiero ser proveedora',
  'no quiero ser proveedor', 'darme de baja como proveedor', 'ya no quiero trabajar con ustedes', 'ya no quiero trabajar',
  'ya no voy a trabajar con ustedes', 'cant take jobs', 'can not take jobs', 'stop being a provider', 'no longer want to work',
  'quit as a provider',
]);
const GO_OFFLINE = cues([
  'desconectarme', 'desconecto', 'desconectame', 'desconectar', 'no disponible', 'no estoy disponible', 'ya no estoy disponible',
  'no voy a trabajar', 'no trabajo hoy', 'hoy no trabajo', 'fuera de linea', 'go offline',
  'not available', 'im off', 'off duty', 'me voy a descansar', 'pausar', 'ya me voy', 'stop receiving jobs', 'stop getting jobs',
  'no me manden trabajos', 'no mandes trabajos', 'no quiero trabajos', 'ya no recibo', 'no recibo trabajos', 'no more jobs', 'not working today', 'i am not working', 'taking the day off', 'day off', 'log me off', 'log off', 'pause my jobs', 'pause jobs', 'estoy ocupado', 'estoy ocupada', 'no me mandes', 'end my shift', 'end shift', 'clock out', 'me voy a dormir', 'no trabajo hoy', 'pausa mis trabajos', 'tomar un descanso', 'me voy a descansar', 'ponme como no disponible', 'ponme no disponible', 'busy until', 'turn me off', 'me desconecto', 'going offline', 'done for the day', 'done for today', 'termine por hoy', 'ya termine por hoy', 'ya es todo por hoy', 'hasta manana', 'off for today', 'off today', 'no more work today', 'sin trabajos', 'ya no quiero trabajos hoy',
]);
const GO_ONLINE = cues([
  'conectarme', 'conectame', 'estoy disponible', 'ya estoy disponible', 'go online', 'ya me desocupe', 'me desocupe',
  'ya estoy desocupado', 'ya estoy desocupada', 'ya quede libre', 'im free now', 'i am free now', 'back to work',
  'listo para trabajar', 'lista para trabajar', 'activarme', 'activame', 'ready to work',
  'start receiving jobs', 'send me jobs', 'mandame trabajos', 'ya puedo trabajar', 'im available', 'i am available', 'on duty', 'ya estoy activo', 'estoy libre', 'mandenme chamba', 'mandenme trabajo', 'ya puedo recibir', 'puedo recibir trabajos', 'ready for jobs', 'can take jobs', 'take jobs', 'start my shift', 'start shift', 'clock in', 'i am on', 'estoy de vuelta', 'ya regrese', 'back online', 'ya puedo recibir trabajos', 'puedo recibir trabajos', 'available now', 'ya me conecto', 'me conecto', 'i am back', 'im back', 'send me work', 'send me jobs', 'listo para recibir', 'ready to take', 'take work', 'estoy de regreso', 'turn me on', 'activate me', 'i m online',
]);
const PRICE = cues([
  'cuanto cobra', 'cuanto cobran', 'cuanto cobras', 'cuanto me cobra', 'cuanto me cobran', 'cuanto cuesta', 'cuanto cuestan',
  'cuanto sale', 'cuanto saldria', 'cuanto seria', 'cuanto es', 'cuanto va a ser', 'cuanto me va a salir', 'cuanto me saldria',
  'en cuanto sale', 'precio', 'precios', 'costo', 'costos', 'cuesta', 'tarifa', 'tarifas', 'cotizacion', 'cotizar', 'cotizan',
  'presupuesto', 'la visita', 'cobran la visita', 'cobran visita', 'cargo por visita', 'que precio', 'how much', 'price', 'prices',
  'pricing', 'cost', 'costs', 'fee', 'fees', 'rates', 'quote', 'estimate', 'charge', 'do you charge', 'visit fee', 'cobran',
  'cobra', 'cuanto', 'is it expensive', 'es caro', 'sale caro', 'cuanto pagaria', 'cuanto hay que pagar', 'what do you charge', 'is this app free', 'is it free', 'es gratis', 'cobran comision', 'take a cut', 'commission', 'comision', 'how much do you charge', 'how much does it cost', 'how much is', 'cuanto me sale', 'cuanto me costaria', 'cuanto cuesta la visita', 'q precio', 'que precio tiene', 'tiene costo', 'hourly rate', 'per hour', 'por hora', 'cobran la hora', 'cobra la hora', 'cuesta la hora', 'what it costs', 'what does it cost', 'what would it cost', 'costs to', 'cost to', 'cuanto cobrarian', 'aproximado', 'aproximadamente', 'ballpark', 'average price', 'precio promedio',
]);
const REQUEST_VERBS = cues([
  'necesito', 'ocupo', 'busco', 'requiero', 'quiero', 'urge', 'urgen', 'me urge', 'nos urge', 'solicito', 'pedir', 'contratar',
  'mandar', 'manden', 'mandame', 'envien', 'enviar', 'venga', 'vengan', 'que venga', 'alguien que', 'alguien para', 'arreglar',
  'arreglen', 'reparar', 'reparen', 'componer', 'instalar', 'instalen', 'cambiar', 'revisar', 'revisen', 'checar', 'chequen',
  'ayuda con', 'me ayudan con', 'need', 'needs', 'looking for', 'want', 'get someone', 'send someone', 'send a', 'fix', 'repair',
  'install', 'book', 'hire', 'can someone', 'could someone', 'anyone', 'someone to', 'somebody to', 'tienen', 'hay', 'do you have',
]);
const GENERIC_SERVICE = cues([
  'tecnico', 'un servicio', 'servicio', 'alguien', 'reparacion', 'mantenimiento', 'handyman', 'technician', 'repairman',
  'someone', 'somebody', 'maestro', 'chambitas', 'todologo', 'pro', 'service', 'a service', 'repair', 'small repair', 'arreglo', 'un arreglo', 'reparaciones', 'job', 'a job', 'quick job', 'small job', 'trabajito', 'chambita', 'un trabajo', 'something fixed', 'fix something', 'a few things', 'algunas cosas', 'unas cosas', 'varias cosas',
]);
const URGENT = cues([
  'urgente', 'no puedo esperar', 'no podemos esperar', 'can not wait', 'cant wait', 'urgentemente', 'urgentisimo', 'urgencia', 'emergencia', 'ahorita', 'ahora mismo', 'ahora', 'rapido', 'rapidito', 'pronto',
  'lo antes posible', 'cuanto antes', 'inmediato', 'inmediatamente', 'hoy mismo', 'auxilio', 'socorro', 'me urge', 'nos urge',
  'urge', 'urgent', 'urgently', 'emergency', 'asap', 'right now', 'right away', 'now', 'immediately', 'quick', 'quickly', 'today',
  'tonight', 'hoy', 'esta noche', 'help', 'ya mismo', 'cuanto antes', 'de volada', 'se estan asando', 'hurry', 'rush', 'emergencia', 'critical',
]);
/** Polite words that may follow a final "ya" ("lo necesito ya, por favor"). */
const AFTER_YA = new Set(['por', 'favor', 'porfa', 'porfavor', 'plis', 'please', 'pls', 'gracias']);
/** Words after which "ya" means "right now" goes on with a reason ("ocupo albañil ya antes de que…"). */
const YA_THEN = new Set(['ya', 'mismo', 'antes', 'pq', 'porque', 'pues', 'urge', 'plis']);

/**
 * "Ya" as "right now" ("lo necesito ya", "un plomero ya!", "albañil ya antes de que se caiga"), not
 * as "already / no longer" ("ya no centrifuga", "ya se mojó todo", "ya cerré la llave"): the last
 * word (polite words aside), doubled, or followed by a reason.
 */
function nowYa(tokens: readonly string[]): boolean {
  let end = tokens.length;
  while (end > 0 && AFTER_YA.has(tokens[end - 1]!)) end--;
  if (end > 1 && tokens[end - 1] === 'ya' && tokens[end - 2] !== 'no') return true;
  return tokens.some((t, i) => t === 'ya' && i > 0 && YA_THEN.has(tokens[i + 1] ?? ''));
}

/** A hurry said on its own ("¡urgente!", "apúrense", "es una emergencia"): a request whose trade comes next. */
const URGENT_ALONE = cues([
  'urgente', 'urge', 'me urge', 'nos urge', 'es urgente', 'muy urgente', 'urgentisimo', 'emergencia', 'es una emergencia',
  'rapido', 'rapidito', 'apurense', 'apurate', 'apurale', 'lo antes posible', 'cuanto antes', 'de volada', 'auxilio', 'socorro',
  'urgent', 'its urgent', 'it is urgent', 'emergency', 'asap', 'hurry', 'please hurry', 'right now', 'quick',
]);
/** The words of those phrases, plus the small words around them ("es urgente, apúrense por favor"). */
const HURRY_WORDS = new Set([...URGENT_ALONE.all.flat(), 'ya', 'muy', 'por', 'favor', 'please', 'porfa', 'plis', 'pls', 'y']);

/** Nothing but a hurry, in one phrase or several. */
function onlyHurry(tokens: readonly string[]): boolean {
  return hasAny(tokens, URGENT_ALONE) && tokens.every((t) => HURRY_WORDS.has(t) || FILLER.has(t));
}

/** Situations that are urgent whatever the words: gas, flooding, sparks, locked out. */
const DANGER = cues([
  'huele a gas', 'huele mucho a gas', 'huele muy fuerte a gas', 'huele fuerte a gas', 'olor a gas', 'fuga de gas', 'gas smell',
  'smells like gas', 'smell of gas', 'locked myself out', 'locked out of', 'me quede fuera',
  'se me metio agua', 'se me metio el agua', 'se metio el agua', 'se metio agua', 'esta entrando agua', 'water coming in', 'gas leak', 'smell gas', 'se esta inundando', 'se inunda', 'inundando', 'flooding',
  'chispas', 'chispea', 'saco chispa', 'salio chispa', 'echa chispas', 'sparks', 'sparking', 'humo', 'smoke', 'se quema', 'burning', 'fuego', 'fire', 'me quede afuera',
  'locked out', 'huele a quemado', 'olor a quemado', 'huele a cable quemado', 'smells like burning', 'burning smell', 'se quemo el contacto', 'me quede encerrado', 'me quede encerrada', 'encerrado', 'encerrada', 'bebe adentro', 'baby inside',
]);
const HELP = cues([
  'ayuda', 'ayudame', 'ayudenme', 'como funciona', 'como funcionan', 'como se usa', 'como le hago', 'como uso', 'que haces',
  'que hacen', 'que puedo hacer', 'para que sirve', 'para que sirves', 'instrucciones', 'informacion', 'info', 'no entiendo',
  'no le entiendo', 'help', 'how does this work', 'how does it work', 'how do i', 'what can you do', 'what do you do',
  'what is this', 'que es esto', 'que es ubermench', 'que servicios', 'what services', 'how it works', 'i dont understand',
  'explain', 'explicame', 'opciones de ayuda', 'como pido', 'como solicito', 'how do you work', 'como trabajan', 'que ofrecen', 'que servicios tienen', 'que servicios hay', 'que servicios ofrecen', 'opciones', 'options', 'how do i book', 'how to use', 'how do i use', 'do not get how', 'i do not understand', 'what am i supposed', 'what do i do', 'what should i do', 'what does this bot do', 'what this bot does', 'tell me what', 'que hago', 'que tengo que hacer', 'que debo hacer', 'como pido un servicio', 'como se pide', 'como reservo', 'que hago ahora', 'que hace este bot', 'que haces', 'que hace esto', 'en que me pueden ayudar', 'en que me puedes ayudar', 'que puedes hacer', 'what does this do', 'como pido', 'how do i book', 'what do you offer', 'que puedo pedir', 'q puedo pedir', 'what can i ask', 'what can i ask for', 'what can i request', 'what can i get', 'que se puede pedir', 'que servicios dan', 'what services do you', 'como funciona esto', 'what is ubermench', 'que es esta app', 'what is this app',
]);
const MENU = cues([
  'menu', 'menus', 'menu principal', 'inicio', 'volver', 'volver al menu', 'regresar', 'regresa', 'regresar al menu',
  'empezar de nuevo', 'empezar otra vez', 'comenzar de nuevo', 'desde el principio', 'empezar', 'ver opciones',
  'start over', 'main menu', 'back', 'go back', 'home', 'reiniciar', 'restart', 'otra vez', 'show options', 'from the beginning', 'start from the beginning', 'desde el inicio', 'al inicio', 'al principio', 'principio', 'beginning', 'primer menu', 'main options',
]);
const THANKS = cues([
  'gracias', 'muchas gracias', 'mil gracias', 'te agradezco', 'les agradezco', 'agradecido', 'agradecida', 'thanks', 'thank you',
  'thank u', 'thanks a lot', 'appreciate it', 'appreciated', 'muy amable', 'que amable', 'excelente servicio', 'great service',
  'cheers', 'bendiciones', 'gracias a ti', 'gracias igualmente', 'se agradece', 'muy agradecido', 'mil gracias', 'thx', 'thanks so much', 'much appreciated', 'thank you so much', 'gracias por todo', 'gracias por la ayuda', 'thank you for',
]);
/** Saying goodbye ("adiós", "nos vemos", "bye"): answered warmly, never "no entendí". */
const GOODBYE = cues([
  'adios', 'bye', 'bye bye', 'nos vemos', 'hasta luego', 'hasta pronto', 'hasta manana', 'chao', 'chau', 'bai', 'sale bye',
  'cuidate', 'cuidese', 'goodbye', 'good bye', 'see you', 'see ya', 'see you later', 'talk later', 'take care',
]);
const GREETING = cues([
  'hola', 'ola', 'holi', 'holis', 'buenas', 'buenos dias', 'buen dia', 'buenas tardes', 'buenas noches', 'que onda', 'que tal',
  'saludos', 'hi', 'hello', 'hey', 'hi there', 'hello there', 'good morning', 'good afternoon', 'good evening', 'que hubo',
  'quiubo', 'que hay', 'buenos', 'howdy', 'yo', 'sup', 'whats up', 'hola que tal', 'como estas', 'how are you', 'como esta',
  'holaa', 'oli', 'alo', 'bueno', 'hey there', 'hola hola', 'holaaa', 'buen dia', 'buenas buenas', 'hi hi', 'hola buenas', 'qiubo', 'quiubole', 'q onda', 'que onda', 'wenas', 'hola buen dia', 'morning', 'good morning', 'afternoon', 'evening', 'buenas noches', 'buenas tardes', 'hola que tal', 'hey hey', 'hello hello',
]);
const AFFIRM = cues([
  'si', 'simon', 'va', 'vale', 'sale', 'claro', 'ok', 'dale', 'orale', 'de acuerdo', 'esta bien', 'correcto', 'exacto', 'yes',
  'yep', 'yeah', 'yup', 'sure', 'okay', 'correct', 'right', 'si por favor', 'yes please', 'andale', 'si claro', 'claro que si',
  'por supuesto', 'of course', 'affirmative', 'confirmo', 'confirmado', 'perfecto', 'listo', 'sounds good', 'go ahead', 'ya',
  'bien', 'asi es', 'that works', 'do it', 'hagalo', 'sip', 'si si', 'ok ok', 'si gracias', 'okas', 'va que va', 'jalo', 'okay', 'absolutely', 'arre', 'simona', 'por su puesto', 'perfect', 'great', 'cool', 'nice', 'yess', 'yea', 'ya esta', 'seguro', 'ok sale', 'sale y vale', 'confirm', 'si adelante', 'adelante', 'excelente', 'genial', 'super', 'oki', 'oki doki', 'ok doki', 'okey dokey', 'okis', 'okey', 'entendido', 'enterado', 'sale pues', 'got it', 'awesome', 'alright', 'all right',
]);
const DENY = cues([
  'no', 'nop', 'nope', 'nah', 'no gracias', 'para nada', 'no thanks', 'no thank you', 'negativo', 'de ninguna manera', 'nunca',
  'no quiero', 'no no', 'not really', 'no por ahora', 'not now', 'ahorita no', 'no por el momento', 'nada', 'nothing', 'noo', 'nones', 'no way', 'nah thanks', 'no gracias', 'nel pastel', 'no thanks', 'no thank you', 'nope', 'nunca jamas', 'mejor no gracias', 'ni madres', 'nah', 'naw', 'nel', 'nop', 'nel pastel', 'nah i am good', 'i am good', 'im good', 'estoy bien asi', 'asi estoy bien', 'no necesito nada', 'nothing else', 'nada mas', 'no por ahora gracias',
]);
/** Words a short yes/no answer may carry without changing it. */
const FILLER = new Set(['por', 'favor', 'please', 'pues', 'bueno', 'oye', 'este', 'mm', 'mmm', 'jaja', 'jajaja', 'eh', 'ah', 'pls']);

// ---------------------------------------------------------------- the language of a message

const ENGLISH_WORDS = new Set([
  'i', 'you', 'the', 'a', 'an', 'my', 'is', 'are', 'need', 'please', 'hi', 'hello', 'hey', 'can', 'want', 'help', 'with', 'have',
  'how', 'much', 'what', 'where', 'when', 'thanks', 'thank', 'yes', 'it', 'this', 'to', 'for', 'and', 'in', 'of', 'someone', 'am',
  'do', 'does', 'not', 'no', 'would', 'like', 'get', 'good', 'morning', 'there', 'me', 'your', 'our', 'we', 'just', 'will',
]);
const SPANISH_WORDS = new Set([
  'hola', 'necesito', 'ocupo', 'que', 'de', 'la', 'el', 'los', 'las', 'un', 'una', 'por', 'favor', 'mi', 'se', 'me', 'es', 'en',
  'con', 'para', 'quiero', 'gracias', 'si', 'buenas', 'buenos', 'dias', 'tardes', 'noches', 'como', 'cuanto', 'donde', 'ya',
  'esta', 'tengo', 'hay', 'no', 'y', 'lo', 'le', 'muy', 'mas', 'pero', 'del', 'al', 'casa', 'ayuda', 'urgente', 'porque', 'tambien',
]);

function writtenIn(tokens: readonly string[]): Locale | null {
  let en = 0;
  let es = 0;
  for (const t of tokens) {
    if (ENGLISH_WORDS.has(t)) en++;
    if (SPANISH_WORDS.has(t)) es++;
  }
  if (en > es) return 'en';
  if (es > en) return 'es';
  return null;
}

/** Whether a name in the message was introduced ("me llamo …", "soy …", "hi, I'm …") rather than typed alone. */
export function nameWasIntroduced(raw: string): boolean {
  const text = expandContractions(raw);
  if (findAny(normalize(text).tokens, NAME_INTROS) !== null) return true;
  // Or set apart from a greeting or a pleasantry ("hola, Marco Antonio", "Diego, mucho gusto").
  return text
    .split(/[,;:!?¡¿\n]+|\s[-–—]\s/)
    .map((c) => normalize(c).tokens)
    .some((t) => t.length > 0 && (isExactly(t, GREETING) || isExactly(t, PLEASANTRIES) || isExactly(t, AFFIRM)));
}

/** Several common words of a language: a sentence, not a name ("para qué quieres mi nombre"). */
export function looksLikeSentence(raw: string): boolean {
  const { tokens } = normalize(raw);
  const common = tokens.filter((t) => SPANISH_WORDS.has(t) || ENGLISH_WORDS.has(t)).length;
  return tokens.length > 3 && common >= 2;
}


// ---------------------------------------------------------------- services, urgency, names

/** The service named, by the highest total weight (phrases 3, words 2 or 3, hints 0.5); ties: none. */
/**
 * Every trade a message names, each part on its own ("soy plomero y electricista", "gas, plomería"):
 * in the order said, no repeats. For a provider signing up with several trades.
 */
export function tradesIn(text: string): ServiceCode[] {
  const out: ServiceCode[] = [];
  for (const part of text.split(/\s*(?:[,;/+&]|\by\b|\be\b|\band\b|\btambi[eé]n\b)\s*/iu).slice(0, 12)) {
    const found = serviceOf(normalize(part).tokens);
    if (found && found.weight >= 2 && !out.includes(found.service)) out.push(found.service);
  }
  return out;
}

export function serviceOf(tokens: readonly string[]): { service: ServiceCode; weight: number } | null {
  const read = servicesRead(tokens);
  return read.tie ? null : read.best;
}

/** The best-scoring service, and whether another scored the same (two trades named). */
function servicesRead(tokens: readonly string[]): { best: { service: ServiceCode; weight: number } | null; tie: boolean } {
  let best: { service: ServiceCode; weight: number } | null = null;
  let tie = false;
  for (const code of SERVICE_CODES) {
    const terms = SERVICE_TERMS[code];
    let weight = 0;
    weight += 3 * countAll(tokens, PHRASES[code]);
    // Each typed word counts once, with the best entry it matches.
    for (const t of tokens) {
      let best = 0;
      for (const word of matchesOf(t)) best = Math.max(best, WORD_WEIGHTS[code].get(word) ?? 0);
      weight += best;
    }
    for (const hint of terms.hints ?? []) if (tokens.some((t) => t === hint)) weight += 0.5;
    if (weight === 0) continue;
    if (!best || weight > best.weight) {
      best = { service: code, weight };
      tie = false;
    } else if (weight === best.weight) tie = true;
  }
  return { best, tie };
}

const PHRASES = Object.fromEntries(SERVICE_CODES.map((c) => [c, cues(SERVICE_TERMS[c].phrases)])) as Record<ServiceCode, CueList>;
/** Per service: each word's weight (2, or 3 for `!` words). */
const WORD_WEIGHTS = Object.fromEntries(
  SERVICE_CODES.map((c) => [c, new Map(SERVICE_TERMS[c].words.map((w) => (w.endsWith('!') ? [w.slice(0, -1), 3] : [w, 2])))]),
) as Record<ServiceCode, Map<string, number>>;
registerWords(SERVICE_CODES.flatMap((c) => [...SERVICE_TERMS[c].words.map((w) => w.replace(/!$/, '')), ...(SERVICE_TERMS[c].hints ?? [])]));

/** Words that are never (part of) a name. */
const NOT_NAME = new Set([
  // Question words: "¿cuándo vienen?" asks; it never names anyone.
  ...['donde', 'cuando', 'cuanto', 'cuanta', 'cuantos', 'cual', 'cuales', 'where', 'when', 'how', 'which', 'whose'],
  ...['no', 'si', 'que', 'como', 'para', 'por', 'favor', 'quiero', 'necesito', 'ocupo', 'tengo', 'hay', 'se', 'es', 'esta', 'estoy'],
  ...['mi', 'tu', 'su', 'el', 'la', 'los', 'las', 'un', 'una', 'del', 'al', 'en', 'con', 'o', 'pero', 'porque', 'ya', 'eso'],
  ...['hola', 'buenas', 'gracias', 'ok', 'ayuda', 'menu', 'nombre', 'llamo', 'the', 'a', 'an', 'is', 'my', 'name', 'i', 'am'],
  ...['please', 'thanks', 'hello', 'hi', 'need', 'want', 'what', 'why', 'yes', 'sabes', 'saber', 'quieres', 'english', 'ingles'],
  ...['espanol', 'spanish', 'mande', 'ahorita', 'luego', 'despues', 'nada', 'nadie', 'alguien', 'cliente', 'usuario', 'user'],
  ...['not', 'instead', 'with', 'from', 'here', 'aqui', 'mucho', 'gusto', 'nice', 'meet', 'you', 'your', 'it', 'this', 'that'],
  ...['rather', 'say', 'know', 'do', 'idk', 'sure', 'ok', 'okay', 'bien', 'quien', 'eres', 'who', 'are', 'jaja', 'jajaja', 'lol'],
  ...['en', 'vez', 'of', 'and', 'to', 'for', 'just', 'k', 'apt', 'depto', 'numero', 'calle', 'call', 'me', 'yo', 'soy', 'dont'],
  ...['quiero', 'llama', 'dicen', 'dime', 'ponme', 'stop', 'messaging', 'baja', 'naw', 'nah', 'nope', 'thank', 'where', 'how'],
]);
/** Titles kept in front of a name. */
const TITLES = new Set(['dr', 'dra', 'lic', 'ing', 'arq', 'sr', 'sra', 'srta', 'mr', 'mrs', 'ms', 'don', 'dona', 'mtro', 'mtra', 'prof']);
/** Titles that are whole words (no dot after them). */
const WORD_TITLES = new Set(['don', 'dona']);
/** Small words inside a full name ("José Luis de la Garza", "Robert de Leon"). */
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'van', 'von', 'da', 'dos', 'di', 'le']);
/** What introduces a name. */
const NAME_INTROS = cues([
  // Longer first: "me dicen el Güero" names Güero.
  'me dicen el', 'me dicen la', 'dime', 'me dicen de cariño', 'me llamo', 'mi nombre es', 'mi nombre correcto es', 'my name is', 'name is', 'call me', 'soy', 'i am', 'it is', 'this is',
  'me dicen', 'llamame', 'llamenme', 'ponme', 'pongan', 'change name to', 'nombre a', 'name to', 'actualizar nombre',
  'update name',
]);
/** Words that often wrap a name without being part of it. */
const PLEASANTRIES = cues(['mucho gusto', 'nice to meet you', 'un placer', 'a sus ordenes', 'para servirle', 'gracias', 'thanks', 'here', 'aqui', 'saludos']);

/** A word lower-cased without accents or punctuation (no abbreviation expansion: "K." stays "k"). */
function plain(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function titleOf(word: string): boolean {
  return TITLES.has(plain(word));
}

/** Name suffixes that keep their dot ("Jr."). */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii']);

/** "ana laura" → "Ana Laura"; particles stay lower case, titles keep their dot ("Ing."). */
function capitalise(words: string[]): string {
  return words
    .map((w, i) => {
      const n = plain(w);
      if (i > 0 && PARTICLES.has(n)) return w.toLowerCase();
      const cased = w === w.toUpperCase() || w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1).toLowerCase() : w;
      // "Ing" → "Ing."; "Don", "Doña" are words, never abbreviations.
      return titleOf(w) && !WORD_TITLES.has(n) && !cased.endsWith('.') ? `${cased}.` : cased;
    })
    .join(' ');
}

/** The original words of a clause (letters, dots of titles and initials, hyphens, apostrophes). */
function originalWords(raw: string): string[] {
  return raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\s.'-]/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[.'-]+|['-]+$/g, ''))
    // Dots stay on initials, titles, suffixes and short abbreviations ("K.", "Ing.", "Jr.", "Ma.").
    .map((w, i, all) => (/^\p{L}\.$/u.test(w) || titleOf(w) || SUFFIXES.has(plain(w)) || (i < all.length - 1 && /^\p{L}{2,3}\.$/u.test(w)) ? w : w.replace(/\.+$/, '')))
    .filter((w) => /\p{L}/u.test(w));
}

/** Name words from the start of `words` (stops at the first word that cannot be part of a name). */
function takeName(words: string[]): { name: string; used: number } | null {
  const taken: string[] = [];
  let i = 0;
  for (; i < words.length && taken.length < 6; i++) {
    const w = words[i]!;
    const n = plain(w);
    if (taken.length === 0 && (n === 'el' || n === 'la') && words[i + 1] && titleOf(words[i + 1]!)) continue;
    if (taken.length === 0 && titleOf(w)) {
      taken.push(w);
      continue;
    }
    if (PARTICLES.has(n) && taken.length > 0) {
      // "de la Garza": particles count only when a name word follows them.
      let k = i + 1;
      while (k < words.length && PARTICLES.has(plain(words[k]!))) k++;
      if (k < words.length && !NOT_NAME.has(plain(words[k]!))) {
        taken.push(w);
        continue;
      }
      break;
    }
    if (NOT_NAME.has(n) || PARTICLES.has(n) || /\d/.test(w)) break;
    taken.push(w);
  }
  while (taken.length > 0 && PARTICLES.has(plain(taken[taken.length - 1]!))) {
    taken.pop();
    i--;
  }
  const real = taken.filter((w) => !titleOf(w));
  if (real.length === 0 || !real.some((w) => /\p{L}{2}/u.test(w) || /^\p{L}\.$/u.test(w))) return null;
  return { name: capitalise(taken), used: i };
}

/** What may follow a name in the same clause without making it something else ("Matt here", "Nicole from apt 4B"). */
const AFTER_NAME = /^(here|aqui|from\b.*|de la?\s+(casa|depto|apt)\b.*|para servirle|a sus ordenes|mucho gusto|gracias|thanks|please|por favor)?$/;

/** The clauses of a message (split on punctuation), without greetings and pleasantries. */
function clauses(raw: string): string[] {
  return raw
    .split(/[,;:!?¡¿\n]+|\s[-–—]\s/)
    .map((c) => c.trim())
    .filter((c) => {
      const t = normalize(c).tokens;
      return t.length > 0 && !isExactly(t, GREETING) && !isExactly(t, PLEASANTRIES) && !isExactly(t, AFFIRM);
    });
}

/** A clause that names the wrong name ("no soy Pedro", "I'm not Robert", "not John"). */
function wrongName(clause: string): boolean {
  const t = normalize(clause).text;
  return /^(no|not|ni)\b/.test(t) || /\b(soy|i am|it is|me llamo|name is)\s+(no|not)\b/.test(t) || /^(no soy|i am not|it is not)\b/.test(t);
}

/**
 * A name in the message: after an introduction ("me llamo", "soy", "it's", "my name is"), or after
 * a correction ("no soy Pedro, soy Pablo", "Jon, not John", "X en vez de Y"), or — when `plain` —
 * a clause that is just a name (1–6 words that are not common words, maybe "here" or "from …" after).
 */
export function nameIn(raw: string, plainName: boolean): string | null {
  // Links and e-mail addresses are never names.
  if (containsUrl(raw) || /@|https?:|www\./i.test(raw)) return null;
  const kept = clauses(expandContractions(raw)).filter((c) => !wrongName(c));
  for (const clause of kept) {
    const words = originalWords(clause);
    const norm = words.map((w) => normalize(w).text);
    {
      const hit = findAny(norm, NAME_INTROS);
      if (!hit) continue;
      const { at, cue: intro } = hit;
      if (at > 0 && (norm[at - 1] === 'no' || norm[at - 1] === 'not')) continue;
      const found = takeName(words.slice(at + intro.length));
      if (found) return found.name;
    }
  }
  if (!plainName) return null;
  for (const clause of kept) {
    const words = originalWords(clause);
    if (words.length === 0 || words.length > 8) continue;
    const found = takeName(words);
    if (!found) continue;
    const rest = words.slice(found.used).map(plain).join(' ');
    if (AFTER_NAME.test(rest)) return found.name;
  }
  return null;
}

// ---------------------------------------------------------------- the decision


/** The cue of a word that is also a noun of the trade ("el cancel del baño" is a glass door). */
function cancelMeant(tokens: readonly string[]): boolean {
  const hit = findAny(tokens, CANCEL);
  if (!hit) return false;
  return [hit].some(({ at, cue: c }) => {
    if (c.length > 1 || tokens[at] !== 'cancel') return true;
    // "el cancel del baño", "poner cancel de vidrio": the glass door, not the word.
    const before = tokens[at - 1];
    const after = tokens[at + 1];
    return !(before !== undefined && (ARTICLES.has(before) || before === 'poner')) && after !== 'de' && after !== 'del' && after !== 'culture';
  });
}
const ARTICLES = new Set(['el', 'un', 'del', 'los', 'mi', 'su', 'este', 'ese', 'al', 'de', 'the', 'my']);

/** "no hablo español" → the other language. */
function languageOf(tokens: readonly string[]): Locale | undefined {
  const wanted = new Set<Locale>();
  const refused = new Set<Locale>();
  tokens.forEach((t, i) => {
    const l = LANGUAGE_WORDS[t];
    if (!l) return;
    const before = tokens.slice(Math.max(0, i - 3), i).join(' ');
    if (/\b(no hablo|not speak|no entiendo|not understand|no se)\b/.test(before) || /\bno$/.test(before)) refused.add(l);
    else wanted.add(l);
  });
  for (const l of wanted) if (!refused.has(l)) return l;
  for (const l of refused) return l === 'es' ? 'en' : 'es';
  return undefined;
}

/**
 * One message is read by several readers in one step (typed answers, then the free-text reading):
 * the last reading is kept, so they share it (pure: the same text gives the same meaning).
 */
let last: { raw: string; step: UnderstandOptions['step']; meaning: Readonly<Understanding> } | null =
  null;

export function understand(raw: string, opts: UnderstandOptions = {}): Understanding {
  if (last && last.raw === raw && last.step === opts.step) return { ...last.meaning };
  const meaning = read(raw, opts);
  last = { raw, step: opts.step, meaning };
  return { ...meaning };
}

function read(raw: string, opts: UnderstandOptions): Understanding {
  const trimmed = raw.trim();
  const { tokens } = normalize(trimmed);
  const written = writtenIn(tokens);
  const another = anotherIn(tokens);
  const base = { writtenIn: written, ...(another ? { another } : {}) };
  if (tokens.length === 0) {
    if (/^[?¿]+$/.test(trimmed)) return { intent: 'help', ...base };
    const emoji = [...trimmed.replace(/[\s\uFE0F\u200D]|\p{Emoji_Modifier}/gu, '')];
    if (emoji.length > 0 && emoji.every((e) => AFFIRM_EMOJI.has(e))) return { intent: 'affirm', ...base };
    if (emoji.length > 0 && emoji.every((e) => THANKS_EMOJI.has(e))) return { intent: 'thanks', ...base };
    return { intent: 'unknown', ...base };
  }
  const read = servicesRead(tokens);
  const found = read.tie ? null : read.best;
  // "Un plomero y también un electricista": the first one said, the others after it.
  const several = read.tie ? tradesIn(trimmed) : [];
  const service = found && found.weight >= 2 ? found.service : several[0];
  const withService = service ? { service } : {};
  const alsoNamed = several.length > 1 ? { also: several.slice(1) } : {};
  // "Hoy no puedo, mejor mañana": not in a hurry, whatever "hoy" says (a danger always is).
  const danger = hasAny(tokens, DANGER);
  const putOff = !danger && hasAny(tokens, RESCHEDULE) && !hasAny(tokens, CANNOT_WAIT);
  const urgent = (!putOff && (hasAny(tokens, URGENT) || nowYa(tokens))) || danger;
  const needs = hasAny(tokens, NEED_VERBS);
  const requestVerb = needs || hasAny(tokens, REQUEST_VERBS);
  const asked = languageOf(tokens);
  const offTopic = !service && tokens.some((t) => NOT_OURS.has(t));
  // "Para mañana en la tarde", "el sábado": a request for later (the provider reads it in the problem).
  const later = !urgent && (putOff || hasAny(tokens, SCHEDULE));
  const request = (): Understanding => ({ intent: 'request_service', ...withService, ...alsoNamed, ...(urgent ? { urgent: true } : {}), ...(later ? { later: true as const } : {}), ...(asked ? { locale: asked } : {}), ...base });

  // What the message says apart from giving a name (at the name question, a name is the default).
  const keeps = hasAny(tokens, NOT_LEAVING);
  const said = ((): Understanding | null => {
    if (keeps) return null;
    if (hasAny(tokens, DELETE_PHRASES) || (tokens.some((t) => DELETE_VERBS.some((v) => sameWord(t, v))) && tokens.some((t) => DELETE_OBJECTS.some((o) => sameWord(t, o))))) {
      return { intent: 'delete_data', ...base };
    }
    if (hasAny(tokens, OPT_IN_AGAIN)) return { intent: 'opt_in', ...base };
    if (isExactly(tokens, OPT_OUT_ALONE, FILLER) || hasAny(tokens, OPT_OUT)) {
      return { intent: 'opt_out', ...(hasAny(tokens, GO_OFFLINE) ? { offline: true as const } : {}), ...base };
    }
    if (hasAny(tokens, NO_MORE_WORK) && !needs) return { intent: 'go_offline', ...base };
    if (hasAny(tokens, PROVIDER_SIGNUP) || signsUp(tokens)) return { intent: 'provider_signup', ...withService, ...base };
    // "¡Urgente!" alone: a request in a hurry, the trade still to come (never a name).
    if (onlyHurry(tokens)) return { intent: 'request_service', urgent: true, ...base };
    if (isExactly(tokens, OPT_IN_ALONE, FILLER) || hasAny(tokens, OPT_IN)) return { intent: 'opt_in', ...base };
    if (isExactly(tokens, HUMAN_ALONE, FILLER) || hasAny(tokens, HUMAN)) return { intent: 'human', ...base };
    // "Llámame al 55…": a call asked for (short); inside a longer message (a reason, a comment) it
    // is part of what is said. Never a change of name either way.
    const callMe = hasAny(tokens, CALL_ME);
    if (callMe && tokens.length <= 8) return { intent: 'human', ...base };
    if (!callMe && (hasAny(tokens, CHANGE_NAME) || correctsName(trimmed))) {
      const name = nameIn(trimmed, false) ?? plainNameAside(trimmed);
      return { intent: 'change_name', ...(name ? { name } : {}), ...base };
    }
    // A trade named with "la distancia" or "la zona" is a job described ("cambiar la distancia del
    // apagador"), unless it is "mi radio" / "mi zona" and nobody is needed ("ampliar mi radio" is
    // not masonry); with "mis servicios" the trade is the one to add or remove.
    const profilePart = profilePartOf(tokens);
    if (profilePart && (profilePart === 'services' || !service || (hasAny(tokens, PROFILE_OWN) && !needs))) {
      return { intent: 'provider_profile', part: profilePart, ...base };
    }
    if (hasAny(tokens, APPROVAL_ASK)) return { intent: 'provider_profile', approval: 'asked', ...base };
    if (hasAny(tokens, PROFILE_VIEW)) return { intent: 'provider_profile', ...base };
    if (hasAny(tokens, PRICE_ONLY) && !offTopic && !(service && needs)) return { intent: 'price', ...base };
    if (asked && !service) return { intent: 'language', locale: asked, ...base };
    if (hasAny(tokens, LANGUAGE_CUES) && !service) return { intent: 'language', ...base };
    if (cancelMeant(tokens)) return { intent: 'cancel', ...withService, ...base };
    if (hasAny(tokens, GO_OFFLINE) || isExactly(tokens, OFFLINE_ALONE, FILLER)) return { intent: 'go_offline', ...base };
    if (hasAny(tokens, GO_ONLINE) || isExactly(tokens, ONLINE_ALONE, FILLER)) return { intent: 'go_online', ...base };
    if (hasAny(tokens, MY_JOBS)) return { intent: 'my_jobs', ...base };
    // A provider on a job: "el cliente no contesta", "¿cuál es la dirección?" (the job's card).
    if (hasAny(tokens, CUSTOMER_SILENT) && !(service && needs)) return { intent: 'my_jobs', unreachable: true, ...base };
    if (hasAny(tokens, JOB_DETAILS) && !needs && !service) return { intent: 'my_jobs', ...base };
    if (hasAny(tokens, STATUS) && !offTopic) return { intent: 'status', ...withService, ...base };
    if (hasAny(tokens, MY_REQUESTS)) return { intent: 'my_requests', ...base };
    // "aún no termina", "todavía no queda", "not done yet": the job is NOT done.
    if (hasAny(tokens, NOT_DONE_YET) && !(service && needs)) return { intent: 'deny', notDone: true, ...base };
    // "Estoy terminando otro trabajo, llego en 40": news of the way here, not this job done.
    if (hasAny(tokens, JOB_DONE) && !needs && !hasAny(tokens, OTHER_JOB) && etaMinutesOf(tokens) === undefined)
      return { intent: 'job_done', ...base };
    // A review typed anywhere ("muy buen servicio, rápido y limpio") is thanks, not a new request.
    if (hasAny(tokens, PRAISE) && !needs && !hasAny(tokens, REQUEST_VERBS)) return { intent: 'thanks', ...base };
    // "voy en camino, llego en 20" / "ya llegué": a provider's news on a job (not a request).
    if (!needs && (!service || hasAny(tokens, AT_THE_DOOR)) && (hasAny(tokens, ARRIVED) || hasAny(tokens, AT_THE_DOOR) || isExactly(tokens, ARRIVED_ALONE, FILLER)))
      return { intent: 'job_progress', progress: 'arrived', ...base };
    if (!needs && !service && hasAny(tokens, ON_THE_WAY)) {
      const eta = etaMinutesOf(tokens);
      return { intent: 'job_progress', progress: 'onTheWay', ...(eta ? { etaMinutes: eta } : {}), ...base };
    }
    if (hasAny(tokens, PRICE) && !offTopic && !needs) return { intent: 'price', ...base };
    if (hasAny(tokens, PAYMENT) && !service) return { intent: 'payment', ...base };
    // "¿Son confiables?", "¿en qué zonas trabajan?": about the service itself (a trade named is a request).
    if (hasAny(tokens, TRUST) && !service && !needs) return { intent: 'about', topic: 'trust', ...base };
    if (hasAny(tokens, COVERAGE) && !service && !needs && !hasAny(tokens, SCHEDULE))
      return { intent: 'about', topic: 'coverage', ...base };
    // "Mejor otro día", "hoy no puedo recibir al plomero": putting off, even with the trade named.
    if (putOff && !needs) return { intent: 'schedule', ...base };
    // A day asked about, with no trade named (with one it is a request for that day).
    if (hasAny(tokens, SCHEDULE) && hasAny(tokens, SCHEDULE_ASK) && !service && !offTopic) return { intent: 'schedule', ...base };
    if (service || (requestVerb && hasAny(tokens, GENERIC_SERVICE))) return request();
    if (hasAny(tokens, HELP) || isExactly(tokens, OPTIONS_ALONE, FILLER)) {
      if (!(tokens.includes('menu') && hasAny(tokens, MENU))) return { intent: 'help', ...base };
    }
    if (isExactly(tokens, MENU, FILLER) || (tokens.length <= 5 && hasAny(tokens, MENU))) return { intent: 'menu', ...base };
    if (isExactly(tokens, DENY, FILLER)) return { intent: 'deny', ...base };
    if (isExactly(tokens, AFFIRM, FILLER)) return { intent: 'affirm', ...base };
    if (hasAny(tokens, THANKS)) return { intent: 'thanks', ...base };
    if (isExactly(tokens, GOODBYE, FILLER) || (tokens.length <= 4 && hasAny(tokens, GOODBYE)))
      return { intent: 'thanks', bye: true, ...base };
    return null;
  })();

  // At the name question a lone object word ("Robert Table") is not a request: it takes a trade
  // ("plomero"), a verb of needing or doing, a hurry, or a phrase that names the trouble.
  const weakRequest =
    opts.step === 'askName' &&
    said?.intent === 'request_service' &&
    !(requestVerb || urgent || (found?.weight ?? 0) >= 3 || tokens.some((t) => TRADE_PEOPLE.some((p) => sameWord(t, p))));
  if (opts.step === 'askName' && (!said || weakRequest || ['affirm', 'thanks', 'change_name'].includes(said.intent))) {
    const name = said?.intent === 'change_name' && said.name ? said.name : nameIn(trimmed, true);
    if (name) return { intent: 'give_name', name, ...base };
  }
  if (said) return hasAny(tokens, WHATS_NEXT) ? { ...said, approval: 'next' } : said;
  const introduced = /\b(me llamo|mi nombre es|my name is|call me)\b/.test(normalize(trimmed).text) ? nameIn(trimmed, false) : null;
  if (introduced) {
    return { intent: 'change_name', name: introduced, ...base };
  }
  if (hasAny(tokens, GREETING) && tokens.length <= 6) return { intent: 'greeting', ...base };
  return { intent: 'unknown', ...base, ...(hasAny(tokens, WHATS_NEXT) ? { approval: 'next' as const } : {}) };
}

/** Taking back a "cancelar" just said ("no espera, sí lo necesito", "actually I still need it"). */
const RESUME = cues([
  'seguir', 'sigue', 'siguele', 'continuar', 'continua', 'continuemos', 'retomar', 'retomalo', 'retomemos', 'todavia lo necesito',
  'si lo necesito', 'aun lo necesito', 'todavia lo ocupo', 'si lo ocupo', 'aun lo ocupo', 'si lo quiero', 'no espera', 'espera',
  'esperate', 'me equivoque', 'fue un error', 'deshacer', 'no cancelar', 'no lo canceles', 'no era cancelar', 'mejor si',
  'siempre si', 'cancele por error', 'cancele sin querer', 'lo cancele por error', 'lo cancele sin querer',
  'continue', 'resume', 'undo', 'wait', 'actually', 'still need it', 'i still need', 'i do need', 'go on', 'keep going', 'my bad',
  'cancelled by mistake', 'cancelled it by mistake', 'did not mean to cancel', 'do not cancel', 'not cancel',
]);
/** The message takes back a cancellation just made (only asked right after one). */
export function takesBackCancel(text: string): boolean {
  const { tokens } = normalize(expandContractions(text));
  return tokens.length > 0 && tokens.length <= 12 && hasAny(tokens, RESUME);
}

/** Asking to be called at a number ("llámame al 55…", "call me at …"). */
const CALL_ME = cues([
  'llamame al', 'marcame al', 'hablame al', 'llamenme al', 'marquenme al', 'llamame a este', 'marcame a este', 'call me at', 'call me on',
]);

/** A provider asking about their sign-up: approved yet, how long, why no requests come. */
const APPROVAL_ASK = cues([
  'cuando me aprueban', 'cuando me aprueba', 'cuando me aprobaran', 'cuando me van a aprobar', 'ya me aprobaron', 'ya me aprobo',
  'ya estoy aprobado', 'ya estoy aprobada', 'me van a aprobar', 'cuanto tarda la aprobacion', 'cuanto tardan en aprobar',
  'cuanto tardan en aprobarme', 'como va mi registro', 'estado de mi registro', 'mi registro', 'ya revisaron mi registro', 'revisaron mi registro',
  'aprobacion', 'aprobar mi cuenta', 'aprueben mi', 'cuando puedo empezar a trabajar', 'cuando empiezo a recibir',
  'cuando me empiezan a llegar', 'no me llegan trabajos', 'no me llegan solicitudes', 'no me ha llegado ningun trabajo',
  'no me ha llegado ninguna solicitud', 'por que no me llegan', 'sigo en revision', 'en revision',
  'when will i be approved', 'when do i get approved', 'am i approved', 'was i approved', 'have i been approved', 'approval',
  'approve my', 'my application', 'my sign up', 'my registration', 'when can i start working', 'when will i get jobs',
  'when do i start getting', 'not getting any jobs', 'not getting any requests', 'no jobs yet', 'how long to get approved',
  'still under review', 'under review',
]);
/** "¿Qué sigue?": about approval only for a provider who waits for it. */
const WHATS_NEXT = cues(['que sigue', 'y ahora que', 'ahora que hago', 'y luego que', 'que hago ahora', 'whats next', 'what is next', 'what next', 'now what', 'what now', 'what do i do now']);

/** Asking for someone else, in so many words. */
const ANOTHER_PROVIDER = cues([
  'otro proveedor', 'otra proveedora', 'otro tecnico', 'otra persona que', 'alguien mas', 'alguien diferente', 'alguien distinto',
  'mandame otro', 'mandame otra', 'mandame a otro', 'mandame a otra', 'mandenme otro', 'mandenme a otro', 'manden otro', 'manden a otro',
  'mande otro', 'mande a otro', 'envien otro', 'envien a otro', 'enviame otro', 'enviame a otro', 'buscame otro', 'buscame a otro',
  'busquen otro', 'busquen a otro', 'busca a otro', 'busca otro', 'buscar a otro', 'buscar otro', 'buscame a alguien', 'prefiero a otro',
  'no quiero a ese', 'no quiero a esa', 'no quiero a este', 'no me gusta ese', 'no me gusto ese', 'no me late ese', 'no me convence ese',
  'another provider', 'another pro', 'different provider', 'someone else', 'somebody else', 'anyone else', 'change provider',
  'change the provider', 'change my provider', 'switch provider', 'a different one', 'send another', 'send me another', 'find another',
  'find me another', 'get me another', 'get another', 'can i get another', 'i want another', 'other provider',
]);
/** Only the place in the conversation makes these about a provider. */
const ANOTHER_BARE = cues(['ese no', 'esa no', 'este no', 'not that one', 'not this one', 'mejor otro', 'mejor otra', 'otro mejor']);
const ANOTHER_ALONE = cues([
  'otro', 'otra', 'otro diferente', 'otra diferente', 'uno diferente', 'otro distinto', 'another', 'another one', 'other one',
  'a different one', 'different one', 'el otro', 'la otra', 'otra opcion', 'another option',
]);
const OTHER_WORDS = new Set(['otro', 'otra', 'another', 'different', 'diferente', 'distinto', 'distinta']);
const CHANGE_WORDS = cues([
  'cambiar de', 'cambiar el', 'cambiar al', 'cambiar a', 'cambia el', 'cambia al', 'cambiame el', 'cambiame al', 'cambiame de',
  'cambienme el', 'cambienme al', 'cambienme de', 'cambio de', 'cambiar mi', 'change the', 'change my', 'switch the', 'switch my',
  'replace the', 'replace my', 'switch to another', 'change to another',
]);
/** Who can be asked for instead: the trades' people and the words for a provider. */
const PROVIDER_WORDS = cues(['proveedor', 'proveedora', 'provider', 'pro', 'tecnico', 'tecnica', 'technician', 'maestro', 'senor', 'chavo', 'muchacho', 'guy', 'person', 'persona']);
function isProviderWord(token: string | undefined): boolean {
  if (token === undefined) return false;
  return hasAny([token], PROVIDER_WORDS) || TRADE_PEOPLE.some((p) => sameWord(token, p));
}

function anotherIn(tokens: readonly string[]): AnotherProvider | undefined {
  if (hasAny(tokens, ANOTHER_PROVIDER)) return 'provider';
  // "otro plomero", "un técnico diferente", "a different plumber", "otro buen electricista".
  for (let i = 0; i < tokens.length; i++) {
    if (!OTHER_WORDS.has(tokens[i]!)) continue;
    if (isProviderWord(tokens[i + 1]) || isProviderWord(tokens[i + 2]) || isProviderWord(tokens[i - 1])) return 'provider';
  }
  // "cambiar de plomero", "cámbiame al electricista", "change the plumber".
  const change = findAny(tokens, CHANGE_WORDS);
  if (change) {
    const after = change.at + change.cue.length;
    if (isProviderWord(tokens[after]) || isProviderWord(tokens[after + 1])) return 'provider';
  }
  if (hasAny(tokens, ANOTHER_BARE) || isExactly(tokens, ANOTHER_ALONE, FILLER)) return 'bare';
  return undefined;
}

const AFFIRM_EMOJI = new Set(['👌', '🆗', '✅', '✔']);
const THANKS_EMOJI = new Set(['👍', '🙏', '🙌', '❤', '💙', '😊', '☺', '🤝', '💪']);
const OFFLINE_ALONE = cues(['offline', 'unavailable', 'no disponible', 'desconectado']);
const ONLINE_ALONE = cues(['online', 'available', 'disponible', 'activo', 'conectado', 'en linea']);
const OPTIONS_ALONE = cues(['opciones', 'options']);
/** Words without which a message cannot give or correct a name. */
const NAMEISH = /\b(soy|llamo|nombre|name|am|is|dicen|llamame|ponme|pongan|vez|instead|not|go by|prefiero|prefer)\b/;

/** "no soy Pedro, soy Pablo", "Jon, not John", "Lalo en vez de Eduardo", "I'm not Robert, I'm Rob". */
function correctsName(raw: string): boolean {
  const t = normalize(expandContractions(raw)).text;
  if (!NAMEISH.test(t)) return false;
  // A correction is short and about the name alone ("it is electric" is not a name).
  if (t.split(' ').length > 10 || serviceOf(t.split(' ')) !== null) return false;
  const named = nameIn(raw, false) !== null || /\b(en vez de|instead of)\b/.test(t);
  return named && (/\b(no soy|not|en vez de|instead of|no es|no me llamo)\b/.test(t) || /\b(me llamo|mi nombre es|my name is|call me|llamame|ponme)\b/.test(t));
}

/** A plain name in a clause of its own next to a change-name request ("actualizar nombre: Ana Sofía Treviño"). */
function plainNameAside(raw: string): string | null {
  for (const clause of clauses(expandContractions(raw))) {
    const tokens = normalize(clause).tokens;
    if (hasAny(tokens, CHANGE_NAME)) continue;
    const name = nameIn(clause, true);
    if (name) return name;
  }
  return null;
}

/** Opting back in is said with "again" or "by accident": it wins over the stop words it mentions. */
const OPT_IN_AGAIN = cues([
  'sin querer', 'by accident', 'by mistake', 'por error', 'volver a recibir', 'back on', 'otra vez', 'again', 'de nuevo',
  'quiero recibir sus mensajes', 'recibir sus mensajes', 'turn messages', 'unsubscribed by',
].filter((c) => c !== 'otra vez' && c !== 'de nuevo' && c !== 'again'));
/** Asking what something costs, whatever the service ("cuánto cobra por cambiar una chapa"). */
const PRICE_ONLY = cues([
  'cuanto cobra', 'cuanto cobran', 'cuanto cobras', 'cuanto me cobra', 'cuanto me cobran', 'cuanto cuesta', 'cuanto cuestan',
  'cuanto sale', 'cuanto me sale', 'q precio', 'que precio', 'how much', 'what do you charge', 'do you charge', 'cobran la visita',
  'cuanto seria', 'cuanto me saldria', 'is it free', 'es gratis', 'take a cut', 'comision', 'what it costs', 'what does it cost', 'what would it cost', 'cost to fix', 'costs to fix', 'cuanto cobrarian', 'hourly rate', 'por hora',
]);

/** A trade named with "soy", "me dedico", "tengo experiencia", "can I join" …: someone who wants work. */
const SIGN_UP_HINTS = cues([
  'soy', 'somos', 'me dedico', 'tengo experiencia', 'con experiencia', 'registrar', 'registrarme', 'aparecer', 'necesitan',
  'buscan', 'contratan', 'trabajo de', 'i am a', 'i am an', 'we are', 'experience', 'licensed', 'certified', 'certificado',
  'join', 'sign up', 'listed', 'hire', 'hiring', 'is a', 'i do', 'i install',
  'more clients', 'mas clientes', 'ofrezco', 'i offer', 'doy servicio',
]);
function signsUp(tokens: readonly string[]): boolean {
  return tokens.some((t) => TRADE_PEOPLE.some((p) => sameWord(t, p))) && hasAny(tokens, SIGN_UP_HINTS) && !hasAny(tokens, NEED_VERBS) && !hasAny(tokens, UNSURE_WHO);
}
/** Not knowing which trade the job needs ("no sé si es plomero o electricista"): a customer, not a sign-up. */
const UNSURE_WHO = cues([
  'no se si', 'si es un', 'si es plomero', 'si es electricista', 'o electricista', 'o plomero', 'o gasero', 'o carpintero', 'a quien llamo',
  'quien lo arregla', 'quien arregla', 'not sure if', 'not sure whether', 'no idea if', 'if this is a', 'if it is a', 'is it a', 'or an electrician',
  'or a plumber', 'who do i call', 'who should i call',
]);
/** People of the trades (a customer asks for one; a provider says they are one). */
const TRADE_PEOPLE = [
  'plomero', 'plomera', 'plomeros', 'fontanero', 'electricista', 'electricistas', 'cerrajero', 'cerrajeros', 'gasero', 'carpintero',
  'carpinteros', 'pintor', 'pintores', 'albanil', 'albaniles', 'jardinero', 'jardineros', 'vidriero', 'tecnico', 'tecnicos',
  'plumber', 'plumbers', 'electrician', 'electricians', 'locksmith', 'carpenter', 'carpenters', 'painter', 'painters', 'mason',
  'masons', 'gardener', 'gardeners', 'glazier', 'cleaner', 'cleaners', 'handyman', 'handymen', 'technician', 'technicians',
  'contractor', 'contratista', 'instalador', 'installer', 'limpieza', 'cleaning', 'ac', 'lavadoras',
];
/** A word that names a trade or its people ("plomero", "electricista", "handyman"), not its work. */
export function namesTradePerson(token: string): boolean {
  return TRADE_PEOPLE.some((p) => sameWord(token, p));
}
/** Verbs of needing (not of doing): "necesito un plomero, ¿cuánto cobran?" is a request. */
const NEED_VERBS = cues(['necesito', 'ocupo', 'voy a necesitar', 'voy a ocupar', 'necesitaria', 'ocuparia', 'necesitare', 'ocupare', 'busco', 'requiero', 'me urge', 'urge', 'need', 'looking for', 'quiero que venga', 'manden', 'cotizar', 'cotizacion', 'quote', 'estimate', 'presupuesto', 'can someone', 'could someone', 'necesitamos', 'ocupamos']);

/**
 * A provider changing part of their profile: a verb of changing (or "ya no ofrezco", "me mudé")
 * and the part named ("mis servicios", "mi zona", "el radio", "el costo de visita"). The part
 * words alone are not enough ("el radio no funciona", "mi zona no tiene luz").
 */
const PROFILE_CHANGE = cues([
  'cambiar', 'cambia', 'cambio', 'cambiarle', 'cambie', 'editar', 'edita', 'modificar', 'modifica', 'actualizar', 'actualiza',
  'agregar', 'agrega', 'agregarle', 'anadir', 'quitar', 'quita', 'quitarle', 'subir', 'bajar', 'ampliar', 'aumentar', 'reducir',
  'ya no hago', 'ya no ofrezco', 'tambien ofrezco', 'tambien hago', 'me mude', 'nueva base', 'nueva zona',
  'change', 'edit', 'update', 'modify', 'add', 'remove', 'raise', 'lower', 'increase', 'reduce', 'set', 'no longer offer',
  'also offer', 'i moved', 'new base',
]);
const PROFILE_PARTS: readonly [ProfilePart, CueList][] = [
  ['fee', cues(['costo de visita', 'costo de la visita', 'precio de visita', 'precio de la visita', 'cobro por la visita', 'cobro por visita', 'lo que cobro', 'mi tarifa', 'visit fee', 'my fee', 'what i charge', 'diagnosis fee'])],
  ['radius', cues(['radio', 'distancia', 'kilometros', 'km', 'hasta donde voy', 'que tan lejos', 'radius', 'distance', 'how far i', 'miles'])],
  ['base', cues(['mi zona', 'zona de trabajo', 'mi base', 'mi ubicacion', 'ubicacion de trabajo', 'desde donde trabajo', 'de colonia', 'my area', 'my zone', 'my base', 'my location', 'base location', 'where i work from', 'work area', 'area i work'])],
  ['services', cues(['mis servicios', 'los servicios', 'otro servicio', 'servicios que ofrezco', 'servicios que doy', 'lo que ofrezco', 'de mis servicios', 'a mis servicios', 'cambiar servicios', 'editar servicios', 'my services', 'services i offer', 'another service', 'the services'])],
];
/** A provider's own radius, base or area, named as theirs. */
const PROFILE_OWN = cues(['mi radio', 'mi distancia', 'mi zona', 'mi base', 'mi ubicacion', 'my radius', 'my distance', 'my area', 'my zone', 'my base', 'my location']);
/** Asking to see their own profile. */
const PROFILE_VIEW = cues([
  'mi perfil', 'perfil de proveedor', 'mi cuenta de proveedor', 'my profile', 'provider profile', 'my provider account',
  'cuantos trabajos llevo', 'cuantos trabajos he hecho', 'cuantos trabajos tengo hechos', 'mi calificacion', 'mis calificaciones',
  'quien me califico', 'como me calificaron', 'mis estrellas', 'mis resenas', 'mis comentarios', 'que dicen de mi',
  'my rating', 'my ratings', 'my reviews', 'how many jobs have i', 'who rated me',
]);

function profilePartOf(tokens: readonly string[]): ProfilePart | null {
  if (!hasAny(tokens, PROFILE_CHANGE)) return null;
  for (const [part, list] of PROFILE_PARTS) if (hasAny(tokens, list)) return part;
  return null;
}
