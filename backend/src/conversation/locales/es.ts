/**
 * Spanish (es-MX), the reference catalogue: every other locale has exactly these keys and
 * placeholders. Key prefixes carry WhatsApp's limits (checked by a unit test with worst-case
 * parameters): `btn.` reply-button title ≤ 20, `list.` list-button label ≤ 20, `row.` list-row
 * title ≤ 24, `desc.` list-row description ≤ 72; everything else is body text ≤ 1024.
 * Placeholders are `{name}`; WhatsApp formatting (*bold*) only around our own words.
 */
export const es = {
  // session
  'welcome.new':
    '¡Hola! 👋 Soy *Ubermench*: te conecto con plomeros, electricistas, cerrajeros y más, cerca de ti.',
  'greeting.returning': '¡Hola, {name}! 👋',
  'greeting.welcomeBack': '¡Hola de nuevo, {name}! 👋',
  'name.ask': '¿Cómo te llamas? Así te verán los proveedores.',
  'name.askSuggested': '¿Cómo te llamas? Escríbelo, o toca el botón para usar "{name}".',
  'name.tooShort': 'Ese nombre es muy corto.',
  'name.tooLong': 'Ese nombre es muy largo (máximo 60 letras).',
  'name.noLetters': 'Tu nombre debe tener letras.',
  'name.greeting': '¡Hola! 😊 Escribe tu nombre, por ejemplo: Ana López.',
  'name.url': 'Tu nombre no puede llevar enlaces ni correos.',
  'name.first': 'Primero dime tu nombre, por favor.',
  'name.saved': '¡Mucho gusto, {name}!',
  'name.keptWhatsApp':
    'Va, sin problema: te dejo como «{name}», tu nombre de WhatsApp. Si quieres otro, escribe «cambiar mi nombre».',

  // menu
  'menu.prompt': '¿En qué te ayudo?',
  'menu.cancelled': 'Listo, lo cancelé.',
  'menu.cancelledResumable':
    'Listo, lo cancelé. ¿Fue sin querer? Escribe «seguir» y retomamos donde íbamos.',
  'menu.resumed': '¡Va! Seguimos donde íbamos.',
  'menu.nothingToCancel': 'No hay nada que cancelar.',
  'list.menu': 'Ver opciones',
  'row.newRequest': 'Pedir un servicio',
  'desc.newRequest': 'Plomería, electricidad, cerrajería y más',
  'row.repeat': 'Repetir último servicio',
  'desc.repeat': '{service}, en el mismo lugar',
  'row.myRequests': 'Mis solicitudes',
  'desc.myRequests': 'Cómo van tus solicitudes',
  'row.becomeProvider': 'Ser proveedor',
  'desc.becomeProvider': 'Ofrece tus servicios y consigue clientes',
  'row.goOnline': 'Conectarme',
  'desc.goOnline': 'Empezar a recibir solicitudes',
  'row.goOffline': 'Desconectarme',
  'desc.goOffline': 'Dejar de recibir solicitudes',
  'row.providerProfile': 'Mi perfil de proveedor',
  'desc.providerProfile': 'Calificación, comentarios y tus datos',
  'row.language': 'English',
  'desc.language': 'Switch to English',
  'row.help': 'Ayuda',
  'desc.help': 'Cómo funciona Ubermench',
  'btn.menu': 'Menú',
  'btn.searchAgain': 'Buscar de nuevo',
  'btn.human': 'Hablar con alguien',

  // help and language
  'help.body':
    '*Ubermench* te conecta con proveedores de servicios cerca de ti.\n\n' +
    '• Escribe *menú* para ver las opciones.\n' +
    '• Escribe *cancelar* para dejar lo que estés haciendo.\n' +
    '• Escribe *english* para cambiar a inglés.\n' +
    '• Escribe *quiero ser proveedor* para ofrecer tus servicios.\n\n' +
    'Cuando un proveedor acepte tu solicitud, te paso su contacto para que se pongan de acuerdo.',
  'language.ask': 'Elige tu idioma / Choose your language:',
  'language.changed': 'Listo, ahora te hablo en español.',
  'btn.spanish': 'Español',
  'btn.english': 'English',

  // unexpected input
  'unexpected.text': 'No entendí tu mensaje 🙈 Esto es lo que necesito ahora:',
  'unexpected.menu':
    'No entendí tu mensaje 🙈 Puedo buscarte un plomero, electricista, cerrajero y más, ver tus solicitudes o registrarte como proveedor. Escríbeme lo que necesitas (por ejemplo: "ocupo un plomero") o elige una opción.',
  'unexpected.type': 'Ese tipo de mensaje no lo puedo leer aquí 🙈',
  'unexpected.waiting': 'Sigo al pendiente de tu solicitud 🙏 Te aviso en cuanto haya respuesta.',
  'unexpected.stale': 'Esa opción ya no está disponible.',
  'unexpected.location': 'Gracias, pero ahora no necesito una ubicación.',
  'error.temporary': 'Uy, algo falló de nuestro lado. Intenta de nuevo en un momento, por favor.',

  // free text understood (conversation/understanding) outside a question
  'say.price':
    'Cada proveedor pone su precio y lo acuerdas directamente con él o ella antes de que empiece. Te enseño calificaciones y distancia para que elijas.',
  'say.payment':
    'Le pagas directo al proveedor: entre ustedes acuerdan el precio y la forma de pago (efectivo, transferencia o tarjeta, si la acepta), y también la factura o la garantía si las necesitas.',
  'about.trust':
    'Cada proveedor se registra con sus datos y nuestro equipo lo revisa antes de que reciba solicitudes. Antes de elegir ves su calificación, sus trabajos terminados y las reseñas de otros clientes. Si algo no te late, escribe «hablar con una persona».',
  'about.coverage':
    'Dime tu dirección o comparte tu ubicación 📍 y te digo quién puede ir. Si aún no llegamos a tu zona, te lo digo y te puedo avisar cuando lleguemos.',
  'say.schedule':
    'Por ahora busco a alguien que pueda ir ya. Si lo necesitas otro día u hora, pide el servicio y acuerda el día con el proveedor cuando acepte.',
  'say.scheduleWaiting':
    'Tu solicitud sigue en pie. Si ya no puede ser hoy, cancélala con el botón y pídela de nuevo cuando te quede bien; si el proveedor acepta, también pueden acordar otro día u hora entre ustedes.',
  'say.noJobs':
    'Aún no eres proveedor, así que no tienes trabajos. Si quieres ofrecer tus servicios, elige "Ser proveedor" en el menú.',
  'say.jobDoneCustomer':
    '¡Qué bien! Cuando el proveedor lo marque como terminado, te pediré tu calificación.',
  'say.welcome': '¡Con gusto, {name}! Aquí estoy si necesitas algo más.',
  'say.bye': '¡Hasta pronto, {name}! 👋 Aquí estoy cuando me necesites.',
  'say.noOpenRequest':
    'No tienes solicitudes abiertas en este momento. Cuando pidas un servicio, te muestro primero a quienes están más cerca, y quien acepte te escribe para decirte a qué hora llega.',
  'status.nowWaiting':
    '*{service}*: tu solicitud sigue buscando proveedor (la enviaste {when}). Te aviso en cuanto alguien la acepte.',
  'status.nowOffered':
    '*{service}*: {name} tiene tu solicitud y todavía no contesta (la enviaste {when}). Te aviso en cuanto responda; si no contesta a tiempo, buscamos a alguien más.',
  'status.nowAccepted': '*{service}*: {name} aceptó tu solicitud.',
  'want.also': 'Empecemos con este; cuando quede, pídeme {services} desde el menú.',
  'location.hurry': 'Entiendo que es urgente 🙏 En cuanto me digas dónde, busco a alguien.',
  'want.service': '¡Claro! Te ayudo con *{service}*.',
  'want.urgent': 'Entiendo que es urgente: ya busco a alguien cerca de ti (*{service}*).',
  'want.any': '¡Claro! Te ayudo a encontrar a alguien.',
  'want.place': '📍 Listo, ya tengo tu ubicación.',
  'want.later':
    '🗓️ Anoté que es para más adelante: el proveedor lo verá en tu mensaje y acuerdan el horario por WhatsApp.',
  'want.placeNamed': '📍 Listo, anoté la dirección: {place}.',
  'want.anyUrgent': 'Entiendo que es urgente; vamos rápido.',
  'name.changeAsk': '¿Cómo quieres que te llame? Escribe tu nombre.',
  'name.changed': 'Listo, ahora te llamo {name}.',
  'name.keepMediaLead': '¡Recibido! Se lo paso al proveedor 👍 Solo me falta tu nombre.',
  'name.keepWantLead': 'Ya anoté lo que necesitas 👍 Solo me falta tu nombre.',
  'name.keepMore': '👍 Anotado. ¿Cómo te llamas?',
  'name.keepAddressLead': '📍 Anoté la dirección 👍 Solo me falta tu nombre.',
  'name.keepPlaceLead': '📍 Guardé tu ubicación 👍 Solo me falta tu nombre.',
  'name.why':
    'Lo uso para que el proveedor sepa a quién va a atender 🙂 Puede ser tu nombre de pila o como te gusta que te digan.',
  'name.notAName': 'Eso no parece un nombre. Escribe solo tu nombre, por ejemplo: Ana López.',

  // customer: the problem ("¿Qué pasa?")
  'problem.ask':
    '*{service}*: ¿qué pasa? Cuéntamelo en un mensaje, o manda hasta 3 fotos o un audio. Así el proveedor llega preparado.',
  'problem.more':
    '*{service}*: ¿algo más? Manda otra foto o un audio, escribe lo que pasa, o toca "Continuar".',
  'problem.thanks': 'Gracias, se lo paso al proveedor.',
  'problem.unclear':
    'No entendí qué pasa. Cuéntamelo con tus palabras, manda una foto o toca "Omitir".',
  'problem.cut':
    'Gracias. Tu mensaje era largo: le paso al proveedor los primeros {max} caracteres.',
  'problem.got': '📷 ¡Recibido! ({count} de {max})',
  'problem.gotAll': '📷 ¡Listo, recibí las {count}!',
  'problem.full': 'Ya tengo {max} archivos, es el máximo. Toca "Continuar".',
  'problem.tooLarge':
    'Ese archivo es muy pesado (máximo {mb} MB). Manda uno más ligero o escríbeme lo que pasa.',
  'problem.unsupported':
    'No puedo usar ese tipo de archivo. Manda una foto, un audio o escríbeme lo que pasa.',
  'problem.failed':
    'No pude descargar ese archivo. Intenta mandarlo otra vez o escríbeme lo que pasa.',
  'btn.continue': 'Continuar',

  // customer: service and location
  'service.prompt': '¿Qué servicio necesitas? Elige uno de la lista.',
  'service.none': 'Por ahora no hay servicios disponibles. Intenta más tarde, por favor.',
  'list.services': 'Ver servicios',
  'row.more': 'Ver más',
  'desc.more': '{count, plural, one {# opción más} other {# opciones más}}',
  'row.previous': 'Anteriores',
  'desc.previous': 'Volver a las opciones anteriores',
  'location.prompt':
    '📍 *{service}*: ¿a dónde enviamos al proveedor? Comparte tu ubicación con el botón, o escribe tu dirección (calle, número y colonia) o tu código postal.',
  'location.invalid':
    'No reconocí la dirección. Escribe calle, número y colonia, o un código postal de 5 dígitos, o comparte tu ubicación.',
  'location.notFound':
    'No encontré esa dirección. Me falta la colonia o el código postal, por ejemplo: «Insurgentes Sur 1234, Del Valle» o «03100». También puedes compartir tu ubicación 📍.',
  'location.needArea':
    'Anoté *{place}*, pero me falta la colonia o el código postal, por ejemplo «Del Valle» o «03100». También puedes compartir tu ubicación 📍.',
  'location.shortLink':
    'No puedo abrir ese enlace 🙈 Comparte tu ubicación desde WhatsApp (📎 → Ubicación) o escribe tu dirección: calle, número y colonia.',
  'location.confirm': '📍 {area}. ¿Es ahí?',
  'location.notThere': 'Va. Escribe tu calle, número y colonia, o comparte tu ubicación 📍.',
  'btn.yesThere': 'Sí, ahí',
  'btn.noElsewhere': 'No, es otro lugar',
  'location.badPin': 'No pude leer esa ubicación.',

  // customer: providers
  'providers.prompt':
    '*{service}*: proveedores cerca de ti, ordenados por cercanía y calificación. Elige uno para ver su perfil, o deja que elijamos por ti.',
  'providers.noneRated':
    'Ninguno tiene reseñas todavía: todos son nuevos aquí. Elige por cercanía o deja que la app elija.',
  'providers.feesUnknown':
    'Todos cobran la visita a convenir, así que no sé cuál sale más barato. El precio lo acuerdas con el proveedor antes de que empiece.',
  'providers.none':
    '*{service}*: ahora mismo no hay nadie disponible cerca de ti 😔 Toca *Buscar de nuevo* en un rato (guardé tu búsqueda), o habla con alguien del equipo.',
  'list.providers': 'Ver proveedores',
  'providers.whichOne':
    '¿Con quién? Toca un proveedor para ver su perfil, o *{auto}* y se la mando al primero disponible.',
  'row.auto': 'Que la app elija',
  'desc.auto': 'Se la enviamos al primero disponible de esta lista',
  'desc.provider': '★{rating} ({count}) · {distance}',
  'desc.providerNew': 'Nuevo · {distance}',
  'desc.fullName': '{fullName} · {details}',
  'providers.newNote': '*Nuevo* = aún sin reseñas.',
  'detail.head':
    '*{name}*\n{rating} · a {distance}\n{jobs, plural, =0 {Aún sin trabajos terminados} one {# trabajo terminado} other {# trabajos terminados}}\nServicios: {services}',
  'detail.reviews': 'Reseñas recientes:',
  'detail.noReviews': 'Aún no tiene reseñas.',
  'detail.anonymous': 'Cliente',
  'detail.unavailable': 'Ese proveedor ya no está disponible.',
  'btn.book': 'Reservar',
  'btn.back': 'Volver',
  'rating.value': '★{rating} ({count, plural, one {# reseña} other {# reseñas}})',
  'rating.none': 'Sin reseñas todavía',

  // customer: outside the covered area
  'coverage.outside':
    'Aún no llegamos a {place} 😔 Por ahora damos servicio en {served}. ¿Te avisamos cuando lleguemos?',
  'coverage.outsideUnknown':
    'Aún no llegamos a tu zona 😔 Por ahora damos servicio en {served}. ¿Te avisamos cuando lleguemos?',
  'btn.notifyMe': 'Sí, avísame',
  'coverage.joined':
    '¡Listo! Te escribimos en cuanto lleguemos a {place}. Gracias por la paciencia 🙌',
  'coverage.joinedUnknown':
    '¡Listo! Te escribimos en cuanto lleguemos a tu zona. Gracias por la paciencia 🙌',

  // customer: request lifecycle
  'offer.sent':
    '📨 *{service}*: le enviamos tu solicitud a {name}. Tiene {time} para responder; te aviso en cuanto conteste.',
  'offer.sentNext': 'Ahora se la enviamos a {name}; tiene {time} para responder.',
  'offer.preferredUnavailable':
    'El proveedor que elegiste ya no está disponible, así que se la enviamos al siguiente de la lista.',
  'offer.declined': '{name} no puede atender tu solicitud.',
  'offer.timedOut': '{name} no respondió a tiempo.',
  'offer.nobody':
    '*{service}*: por ahora nadie está disponible para tu solicitud 😔 Puedes intentarlo de nuevo en un rato.',
  'offer.accepted': '✅ *{service}*: ¡{name} aceptó tu solicitud!',
  'offer.contact': 'Escríbele para ponerse de acuerdo: {link}',
  'offer.noContact': 'Su número de WhatsApp no está disponible; te contactará por aquí.',
  'waiting.prompt':
    '*{service}*: estamos esperando la respuesta del proveedor. Te aviso en cuanto conteste.',
  'btn.cancelRequest': 'Cancelar solicitud',
  'btn.tryAgain': 'Intentar de nuevo',
  'request.sameTradeOpen':
    '¿Es otro trabajo aparte? Toca «Pedir otro aparte». Si es sobre este mismo, coméntaselo directo al proveedor.',
  'btn.requestAnother': 'Pedir otro aparte',
  'request.cancelled': 'Listo, cancelé tu solicitud (*{service}*).',
  'request.notCancellable': 'Esa solicitud ya no se puede cancelar (estado: {status}).',
  'request.notFound': 'No encontré esa solicitud.',
  'request.retryNotAllowed':
    'Esa solicitud ya no se puede repetir. Pide un servicio nuevo desde el menú.',

  // customer: my requests
  'requests.prompt': 'Tus solicitudes recientes. Elige una para ver el detalle.',
  'requests.none': 'Aún no tienes solicitudes.',
  'requests.media':
    '📷 {count, plural, one {Mandaste # foto o audio} other {Mandaste # fotos o audios}}.',
  'requests.noneProvider':
    'Aún no tienes solicitudes como cliente. Los trabajos que aceptaste están en "Mis trabajos".',
  'list.requests': 'Ver solicitudes',
  'desc.request': '{status} · {when}',
  'requests.detail': '*{service}*\nEstado: {status}\nLa pediste {when}',
  'requests.detailProvider': 'Proveedor: {name}',
  'requests.rateNow': 'Aún no lo calificas. ¿Cómo te fue?',
  'status.searching': 'Buscando proveedor',
  'status.accepted': 'Aceptada',
  'status.offered': 'Esperando respuesta',
  'status.done': 'Terminada',
  'status.cancelled': 'Cancelada',
  'status.noProviders': 'Sin proveedor',
  'time.justNow': 'hace un momento',
  'time.minutes': 'hace {n, plural, one {# minuto} other {# minutos}}',
  'time.hours': 'hace {n, plural, one {# hora} other {# horas}}',
  'time.days': '{n, plural, =1 {ayer} other {hace # días}}',
  'duration.seconds': '{n, plural, one {# segundo} other {# segundos}}',
  'duration.minutes': '{n, plural, one {# minuto} other {# minutos}}',
  'duration.minutesHalf': '{n, plural, one {# minuto y medio} other {# minutos y medio}}',
  'duration.hours': '{n, plural, one {# hora} other {# horas}}',
  'duration.hoursMinutes':
    '{h, plural, one {# hora} other {# horas}} y {m, plural, one {# minuto} other {# minutos}}',

  // customer: rating
  'rate.confirm': '🧰 {name} marcó como terminado tu servicio (*{service}*). ¿Quedó listo?',
  'rate.confirmAgain': '¿Ya quedó listo el trabajo de {name}?',
  'rate.againNoName': '¿Cómo calificas el servicio? Elige de 1 a 5 estrellas.',
  'rate.confirmed': '¡Qué bien! 🙌',
  'rate.reopened':
    'Le avisé a {name} que aún no queda; el trabajo sigue abierto. Cuando termine, te pregunto de nuevo.',
  'rate.cannotReopen':
    'Ya no puedo reabrir ese trabajo. Si hubo un problema, escríbele al proveedor o pide hablar con un asesor.',
  'rate.reminder':
    '⭐ ¿Cómo te fue con {name} (*{service}*)? Tu calificación ayuda a otros clientes. Elige de 1 a 5 estrellas.',
  'rate.locked': 'Tu calificación de ese servicio ya quedó guardada y ya no se puede cambiar.',
  'rate.thanksCut':
    '¡Gracias por tu calificación! 🙌 Tu comentario era largo: guardé los primeros {max} caracteres.',
  'rate.promptSaidDone':
    '🙌 ¡Qué bien que quedó! ¿Cómo te fue con {name} (*{service}*)? Califícalo de 1 a 5 estrellas.',
  'rate.prompt':
    '🧰 {name} marcó como terminado tu servicio (*{service}*). ¿Cómo te fue? Califícalo de 1 a 5 estrellas.',
  'rate.again': '¿Cómo calificas el servicio de {name}? Elige de 1 a 5 estrellas.',
  'list.rate': 'Calificar',
  'row.stars5': '★★★★★ Excelente',
  'row.stars4': '★★★★ Muy bien',
  'row.stars3': '★★★ Regular',
  'row.stars2': '★★ Mal',
  'row.stars1': '★ Muy mal',
  'rate.commentPrompt':
    '¡Gracias! ¿Quieres dejar un comentario sobre {name}? Escríbelo, o toca "Omitir".',
  'rate.commentTooShort': 'Tu comentario es muy corto.',
  'rate.thanks': '¡Gracias por tu calificación! 🙌',
  'rate.notAllowed': 'Esa solicitud ya no se puede calificar.',
  'btn.skip': 'Omitir',

  // provider: registration
  'provider.askName':
    '¡Qué bien que quieras ofrecer tus servicios! Son 4 preguntas rápidas (y una opcional al final).\n\n1/4 · ¿Con qué nombre te verán los clientes? Escríbelo, o toca el botón para usar "{name}".',
  'provider.askNameBare':
    '¡Qué bien que quieras ofrecer tus servicios! Son 4 preguntas rápidas (y una opcional al final).\n\n1/4 · ¿Con qué nombre te verán los clientes?',
  'btn.useMyName': 'Usar mi nombre',
  'provider.askServices':
    '2/4 · ¿Qué servicios ofreces? Toca cada uno para marcarlo (✓) y al final toca "Listo".',
  'provider.selected': 'Marcados: {services}.',
  'provider.needService': 'Marca al menos un servicio.',
  'list.chooseServices': 'Elegir servicios',
  'row.done': 'Listo ✓',
  'desc.done':
    '{count, plural, =0 {Aún no marcas ninguno} one {# servicio marcado} other {# servicios marcados}}',
  'provider.askLocation':
    '3/4 · ¿Desde dónde trabajas? Comparte la ubicación de tu base con el botón, o escribe la dirección o el código postal.',
  'provider.askRadius': '4/4 · ¿Hasta qué distancia de tu base puedes ir?',
  'list.radius': 'Elegir distancia',
  'row.radius': 'Hasta {km} km',
  'provider.pending':
    '¡Gracias, {name}! Recibimos tu registro. Te avisamos por aquí en cuanto lo aprobemos.',
  'provider.inReview':
    'Tu registro está en revisión ⏳ Una persona del equipo lo revisa y te aviso por aquí en cuanto quede aprobado. Mientras, puedes ver o corregir tus datos en «Mi perfil de proveedor».',
  'provider.approvedOnline':
    '✅ Ya estás aprobado y conectado: te llegan solicitudes de tus servicios cerca de tu base. Cuando no puedas atender, desconéctate.',
  'provider.approvedOffline':
    '✅ Ya estás aprobado, pero estás desconectado: conéctate para empezar a recibir solicitudes cerca de tu base.',
  'provider.alreadyRegistered': 'Ya estás registrado como proveedor (estado: {status}).',
  'provider.notRegistered':
    'Aún no eres proveedor. Elige "Ser proveedor" en el menú para registrarte.',
  'provider.notApproved': 'Tu cuenta de proveedor aún no está aprobada (estado: {status}).',
  'provider.approved':
    '🎉 ¡Tu registro como proveedor fue aprobado! Conéctate para empezar a recibir solicitudes.',
  'provider.rejected':
    'Lo sentimos: no pudimos aprobar tu registro como proveedor. Si crees que es un error, vuelve a registrarte con tus datos correctos.',
  'provider.suspended':
    'Tu cuenta de proveedor fue suspendida: ya no recibirás solicitudes. Escríbenos si crees que es un error.',
  'provider.online': '🟢 Estás conectado: te enviaremos solicitudes cercanas.',
  'provider.offline': '⚪ Estás desconectado: no recibirás solicitudes.',
  'provider.stats':
    '*{name}*\nEstado: {status} · {online}\nCalificación: {rating}\n{jobs, plural, =0 {Aún sin trabajos terminados} one {# trabajo terminado} other {# trabajos terminados}}',
  'btn.goOnline': 'Conectarme',
  'btn.goOffline': 'Desconectarme',
  'pstatus.pending': 'en revisión',
  'pstatus.approved': 'aprobado',
  'pstatus.rejected': 'rechazado',
  'pstatus.suspended': 'suspendido',
  'online.yes': 'conectado',
  'online.no': 'desconectado',

  // ---- issue 14, item 3 (a provider's own profile): "Mi perfil de proveedor" shows the settings
  // ---- and the latest rating comments, and changes services, base or radius (provider/profile.ts).
  'provider.settings':
    '🧰 Servicios: {services}\n📍 Base: {place} · hasta {km} km\n💵 Costo de visita: {fee}',
  'provider.noServices': 'ninguno todavía',
  'provider.commentsHead':
    '{count, plural, one {💬 El último comentario de tus clientes:} other {💬 Los últimos # comentarios de tus clientes:}}',
  'provider.commentsNone':
    '💬 Aún no tienes comentarios; llegan cuando los clientes califican tu trabajo.',
  'list.profile': 'Editar perfil',
  'row.editServices': 'Cambiar servicios',
  'desc.editServices':
    '{count, plural, =0 {Aún no ofreces ninguno} one {Ahora ofreces # servicio} other {Ahora ofreces # servicios}}',
  'row.editBase': 'Cambiar mi base',
  'desc.editBase': 'Desde dónde sales a trabajar',
  'row.editRadius': 'Cambiar distancia',
  'desc.editRadius': 'Ahora hasta {km} km de tu base',
  'desc.feeNow': 'Ahora: {fee}',
  'row.menu': 'Menú principal',
  'desc.menu': 'Pedir un servicio y más opciones',
  'provider.editServices':
    '¿Qué servicios ofreces? Toca cada uno para marcarlo o desmarcarlo (✓) y al final toca "Listo".',
  'provider.editLocation':
    '¿Desde dónde trabajas ahora? Comparte la ubicación de tu base con el botón, o escribe la dirección o el código postal.',
  'provider.editRadius': '¿Hasta qué distancia de tu base puedes ir? Ahora vas hasta {km} km.',
  'provider.editRadiusBare': '¿Hasta qué distancia de tu base puedes ir?',
  'provider.servicesSaved':
    '✅ Listo: ahora ofreces {services}. Las próximas solicitudes ya toman esto en cuenta.',
  'provider.baseSaved':
    '✅ Listo: tu base ahora es {place}. Te enviaremos solicitudes cerca de ahí.',
  'provider.baseSavedPin':
    '✅ Listo: guardé tu nueva base ({maps}). Te enviaremos solicitudes cerca de ahí.',
  'provider.radiusSaved': '✅ Listo: ahora te enviaremos solicitudes hasta {km} km de tu base.',
  'provider.profileSaved': '✅ Listo: guardé tu cambio.',
  'provider.baseOutside':
    'Aún no llegamos a {place}, así que ahí no te llegarían solicitudes; tu base sigue igual. Por ahora damos servicio en {served}.',
  'provider.baseOutsideUnknown':
    'Aún no llegamos a esa zona, así que ahí no te llegarían solicitudes; tu base sigue igual. Por ahora damos servicio en {served}.',

  // provider: offers and jobs
  'jobs.none': 'No tienes trabajos activos en este momento.',
  'progress.noJobs':
    'No tienes trabajos activos ahorita. Cuando aceptes una solicitud, escríbeme "voy en camino" o "ya llegué" y le aviso al cliente.',
  'progress.several':
    'Tienes {count, plural, one {# trabajo activo} other {# trabajos activos}} y no sé a qué cliente avisarle. Escríbele directo al que corresponda:',
  'progress.toldOnTheWay': '👍 Listo, le avisé a {name} que vas en camino.',
  'progress.toldArrived': '👍 Listo, le avisé a {name} que ya llegaste.',
  'progress.theCustomer': 'tu cliente',
  'progress.onTheWay': '🚗 *{service}*: {name} va en camino.',
  'progress.onTheWayEta': '🚗 *{service}*: {name} va en camino; llega en unos {minutes} min.',
  'progress.arrived':
    '📍 *{service}*: {name} dice que ya llegó. Si todavía no se encuentran, escríbele por WhatsApp.',
  'jobs.unreachable':
    'Si el cliente no te contesta, escríbele o márcale desde su tarjeta. Si ya llegaste y nadie abre, avísale con «ya llegué». Si aun así no aparece, escribe «hablar con una persona» y alguien del equipo te ayuda.',
  'jobs.count': 'Tus trabajos activos: {count}',
  'jobs.more': 'Hay más trabajos activos ({count}); termina estos primero.',
  'jobs.item': '*{service}* para {name}\n📍 {place}\n{maps}',
  'row.myJobs': 'Mis trabajos',
  'desc.myJobs': 'Trabajos aceptados y su contacto',
  'offer.received':
    '🔔 *Nueva solicitud: {service}*\n📍 A {distance} de tu base{area}\n⏱️ Tienes {time} para responder.',
  'offer.area': ' ({area})',
  'offer.urgent': '⚡ *Urgente*: el cliente lo necesita cuanto antes.',
  'offer.urgentService': '{service} (urgente)',
  'offer.problem': '🗒️ «{problem}»',
  'offer.mediaFollow': '📷 Te mando enseguida las fotos o audios del cliente.',
  'btn.accept': 'Aceptar',
  'btn.decline': 'Rechazar',
  'job.accepted': '✅ ¡El trabajo es tuyo! *{service}* para {name}.\n📍 {place}\n{maps}',
  'job.contact': 'Escríbele: {link}',
  'job.noContact': 'Su número de WhatsApp no está disponible; si necesitas algo, escríbenos.',
  'job.markDoneHint': 'Cuando termines, toca "Terminado".',
  'btn.markDone': 'Terminado',
  'offer.youDeclined': 'Listo, rechazaste la solicitud.',
  'offer.noneOpen':
    'No tienes ninguna solicitud por contestar ahora. Te aviso en cuanto llegue una 👍',
  'offer.notAvailable': 'Lo siento, esa solicitud ya no está disponible.',
  'offer.alreadyAccepted': 'Ya habías aceptado esta solicitud.',
  'offer.alreadyDeclined': 'Ya habías rechazado esta solicitud.',
  'offer.expired':
    '⏱️ Se acabó el tiempo para responder una solicitud; se la enviamos a otro proveedor.',
  'request.cancelledByCustomer': 'El cliente canceló su solicitud (*{service}*).',
  'job.completed':
    '👍 ¡Trabajo terminado! Le pedimos al cliente que te califique.\nTu calificación: {rating} · {jobs, plural, one {# trabajo} other {# trabajos}}.',
  'job.alreadyCompleted': 'Ese trabajo ya estaba marcado como terminado.',
  'job.notAllowed': 'No puedes marcar ese trabajo como terminado.',
  'rating.received':
    '⭐ Un cliente te calificó con {stars, plural, one {# estrella} other {# estrellas}}. Tu calificación: {rating}.',
  'rating.updated':
    '⭐ Un cliente cambió su calificación a {stars, plural, one {# estrella} other {# estrellas}}. Tu calificación: {rating}.',
  'pin.shared': '📍 Listo, le pasé tu ubicación a {name}.',
  'pin.forProvider': '📍 Ubicación exacta de {name} para *{service}*:\n{place}\n{maps}',
  'place.pin': 'Ubicación en el mapa',
  'rating.comment':
    '💬 Un cliente comentó tu trabajo ({stars, plural, one {# estrella} other {# estrellas}}): «{comment}»',
  'job.reopened':
    'El cliente dice que el trabajo (*{service}*) aún no está terminado, así que sigue siendo tuyo. Cuando quede, toca "Terminado".',

  // per-user limits (runner/slow-down.ts): the one notice when messages come too fast.
  // {wait} is the real wait, rounded up: "unos 40 segundos" (limit.waitAbout), "2 minutos", "1 hora".
  'limit.slowDown': 'Vas muy rápido 🙂 Espera {wait} y vuelve a escribirme.',
  'limit.waitAbout': 'unos {duration}',

  // ---- issue 14, items 4–5 (offers that respect people, visit fees): keys added by the offers
  // ---- branch; existing keys above are unchanged.
  // offers: a provider who went offline, expiries told honestly, missed offers
  'offer.withdrawn': '{name} se desconectó y ya no puede atender tu solicitud.',
  'offer.expiredNotPassed':
    '⏱️ Se acabó el tiempo para responder una solicitud, así que ya no está disponible para ti.',
  'provider.setOfflineMissed':
    '⚪ Como no respondiste a varias solicitudes seguidas, te desconectamos para que ningún cliente se quede esperando. Cuando quieras volver a recibir solicitudes, toca "Conectarme" o escribe *conectarme*.',
  'provider.offlineWithdrew':
    'Retiramos la solicitud que tenías pendiente para que el cliente no se quede esperando.',
  // the provider the customer chose
  'chosen.unavailable': '{name} no está disponible en este momento.',
  'chosen.ask':
    '*{service}*: ¿quieres que busquemos a otro proveedor cerca de ti, o prefieres cancelar la solicitud?',
  'btn.findAnother': 'Buscar a otro',
  'providers.pickAnother': 'Claro, aquí está la lista otra vez: elige a otro.',
  'replace.ask': '*{service}*: ¿busco a otro proveedor para tu solicitud?',
  'replace.askAccepted':
    '*{service}*: {name} ya aceptó tu solicitud. ¿Cancelo con {name} y busco a otro proveedor?',
  'replace.askOffered':
    '*{service}*: {name} tiene tu solicitud y aún no contesta. ¿Se la quito y busco a otro proveedor?',
  'btn.replaceYes': 'Sí, buscar a otro',
  'btn.replaceNo': 'No, así está bien',
  'replace.doneAccepted':
    'Listo, le avisé a {name} que ya no va. Busco a otro proveedor de *{service}*…',
  'replace.doneOffered':
    'Listo, ya no se la enviamos a {name}. Busco a otro proveedor de *{service}*…',
  'replace.doneNone': 'Listo, busco a otro proveedor de *{service}*…',
  'replace.notOpen': 'Esa solicitud ya terminó o se canceló, así que no hay a quién cambiar.',
  'request.replacedByCustomer':
    '*{service}*: el cliente prefirió buscar a otro proveedor, así que esta solicitud ya no es tuya. Ya puedes recibir otras.',
  'btn.cancel': 'Cancelar',
  // cancelling an accepted job
  'cancel.confirm':
    '*{service}*: ¿seguro que quieres cancelar el trabajo con {name}? Si es así, elige el motivo; se lo diremos a {name}.',
  'list.cancelWhy': 'Elegir motivo',
  'row.whySolved': 'Ya se resolvió',
  'row.whyTooSlow': 'Tarda demasiado',
  'row.whyPrice': 'No acordamos el precio',
  'row.whyFoundOther': 'Encontré a alguien más',
  'row.whyNotNeeded': 'Ya no lo necesito',
  'row.whyOther': 'Otro motivo',
  'row.keepJob': 'No cancelar',
  'desc.keepJob': 'Seguir con {name}',
  'cancel.askNote': 'Escribe en pocas palabras por qué cancelas; se lo diremos a {name}.',
  'cancel.noteTooShort': 'Cuéntanos un poco más, por favor.',
  'cancel.kept': 'Perfecto: no cancelé nada, tu trabajo sigue en pie.',
  'btn.keepJob': 'No cancelar',
  'cancel.reason': 'Motivo: {reason}',
  // marking a job done too soon after accepting it
  'job.tooSoon':
    'Aceptaste este trabajo hace muy poco, así que le pedimos al cliente que confirme que ya quedó. Te aviso en cuanto responda.',
  'done.ask': '🧰 {name} dice que ya terminó tu servicio (*{service}*). ¿Ya quedó?',
  'btn.doneYes': 'Sí, ya quedó',
  'btn.doneNotYet': 'Todavía no',
  'done.askClose': '¿{name} ya terminó tu servicio (*{service}*)?',
  'done.stillOpen': 'Va. Cuando termine, escríbeme «ya quedó» y te pido tu calificación.',
  'done.notYet': 'Entendido: le avisamos a {name} que todavía no está terminado.',
  'drop.ask':
    '¿Ya no puedes ir con {name} (*{service}*)? Si lo sueltas, le aviso y busco a alguien más.',
  'btn.dropYes': 'Ya no puedo ir',
  'btn.dropNo': 'Sí voy',
  'drop.done': 'Listo, le avisé al cliente y ya busco a alguien más. Gracias por avisar 🙏',
  'drop.kept': '👍 Va, el trabajo sigue siendo tuyo.',
  'drop.several':
    'Tienes {count, plural, one {# trabajo activo} other {# trabajos activos}}. ¿A cuál ya no puedes ir? Toca «Ya no puedo ir» en ese; si necesitas ayuda, escribe «hablar con una persona».',
  'job.dropped':
    '😕 {name} ya no puede ir a tu servicio (*{service}*). No te preocupes: ya busco a alguien más y te aviso en cuanto acepte.',
  'done.providerNotYet':
    'El cliente dice que el trabajo (*{service}*) todavía no está terminado. Cuando terminen, toca "Terminado" de nuevo.',
  'done.confirmed':
    '👍 El cliente confirmó que el trabajo quedó. Le pedimos que te califique.\nTu calificación: {rating} · {jobs, plural, one {# trabajo} other {# trabajos}}.',
  // visit fees
  'fee.line': 'Costo de visita: {fee}',
  'fee.free': 'sin costo',
  'fee.agree': 'a convenir',
  'desc.fee': 'Visita {fee}',
  'desc.feeFree': 'Visita sin costo',
  'desc.feeAgree': 'Visita a convenir',
  'offer.fee': 'Costo de visita de {name}: {fee}. El precio del trabajo lo acuerdan entre ustedes.',
  'price.list':
    'Esto cobran por ir a ver el trabajo (visita o diagnóstico) los proveedores que estás viendo:\n{list}\n\nEl precio del trabajo lo acuerdas directamente con el proveedor antes de que empiece.',
  'price.item': '• {name}: {fee}',
  'provider.askFee':
    'Una última pregunta (opcional): ¿cuánto cobras por ir a ver el trabajo (visita o diagnóstico)? Escribe el monto en pesos, por ejemplo 350, o toca una opción.',
  'provider.editFee':
    '¿Cuánto cobras por ir a ver el trabajo (visita o diagnóstico)? Los clientes lo ven antes de elegirte. Escribe el monto en pesos, por ejemplo 350, o toca una opción.',
  'provider.feeFormat': 'Escribe solo el monto en pesos, sin centavos; por ejemplo: 350.',
  'provider.feeRange': 'El costo de visita debe estar entre $0 y $10,000 MXN.',
  'provider.feeSaved': 'Listo: tu costo de visita ahora es {fee}.',
  'btn.feeFree': 'Sin costo de visita',
  'btn.feeAgree': 'A convenir',
  'row.visitFee': 'Costo de visita',
  'desc.visitFee': 'Lo que cobras por ir a ver el trabajo',

  /* ---- Human help and privacy (flows/care.ts; issue 15). Added as one block at the end so the
     wording pass can review it in one place. ---- */
  'care.privacyNotice': 'Tu privacidad importa: lee nuestro aviso de privacidad en {url}',
  'row.human': 'Hablar con una persona',
  'desc.human': 'Alguien del equipo te responde por aquí',
  'handoff.opened':
    'Listo, le avisé a una persona del equipo. Te responderá por aquí en unos {minutes} min. Mientras tanto, el asistente automático queda en pausa; para volver a él, escribe *menú*.',
  'handoff.openedLater':
    'Listo, le avisé a una persona del equipo. Atendemos de {open} a {close}; te responderemos por aquí en cuanto abramos. Mientras tanto, el asistente automático queda en pausa; si lo necesitas antes, escribe *menú*.',
  'handoff.off':
    'Por ahora nadie del equipo está disponible para este chat, pero yo te ayudo. Cuéntame qué necesitas.',
  'handoff.already': 'Ya le avisamos a una persona del equipo; te responderá por aquí.',
  'handoff.received':
    '📨 Recibido: tu mensaje ya está con el equipo y te responden por aquí. Si prefieres seguir con el asistente, escribe *menú*.',
  'handoff.appeal': 'Recibimos tu solicitud de revisión.',
  'handoff.returned':
    'La persona del equipo terminó de atenderte. Sigues con el asistente automático.',
  'handoff.timedOut':
    'Perdón, nadie del equipo pudo responderte a tiempo. Sigues con el asistente automático; escribe "asesor" para intentarlo otra vez.',
  'provider.reason': 'Motivo: {reason}',
  'provider.appealHint':
    'Si no estás de acuerdo, pide una revisión y una persona del equipo te responderá.',
  'btn.appeal': 'Pedir revisión',
  'care.optedOut':
    'Listo, ya no te enviaremos avisos por nuestra cuenta. Si nos escribes, te seguiremos respondiendo. Para volver a recibirlos, escribe "alta".',
  'care.optedIn':
    'Listo, volverás a recibir nuestros avisos. Para dejar de recibirlos, escribe "baja".',
  'care.eraseAsk':
    '¿Seguro que quieres borrar tus datos? Borraremos tu nombre, tu número, tus mensajes y tus solicitudes; solo quedan cifras anónimas. No se puede deshacer.',
  'btn.eraseYes': 'Sí, borrar',
  'btn.eraseNo': 'No, conservar',
  'care.erasing': 'Estamos borrando tus datos; te avisamos al terminar.',
  'care.erased':
    'Listo, borramos tus datos. Si vuelves a escribir, empezamos de cero. ¡Gracias por usar Ubermench!',
  'care.kept': 'De acuerdo, no borramos nada.',
} as const;
