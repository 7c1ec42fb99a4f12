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
    '¡Hola! 👋 Soy *Ubermench*: te conecto con plomeros, electricistas, cerrajeros y más servicios cerca de ti.',
  'greeting.returning': '¡Hola, {name}! 👋',
  'greeting.welcomeBack':
    '¡Hola de nuevo, {name}! Tu sesión anterior expiró, así que empezamos desde el menú.',
  'name.ask': '¿Cómo te llamas? Escribe tu nombre; así te verán los proveedores.',
  'name.askSuggested':
    '¿Cómo te llamas? Escribe tu nombre, o toca el botón si quieres usar "{name}".',
  'name.tooShort': 'Ese nombre es muy corto.',
  'name.tooLong': 'Ese nombre es muy largo (máximo 60 letras).',
  'name.noLetters': 'Tu nombre debe tener letras.',
  'name.greeting': '¡Hola! 😊 Escribe tu nombre, por ejemplo: Ana López.',
  'name.url': 'Tu nombre no puede llevar enlaces ni correos.',
  'name.first': 'Primero necesito tu nombre.',
  'name.saved': '¡Mucho gusto, {name}!',

  // menu
  'menu.prompt': '¿Qué quieres hacer?',
  'menu.cancelled': 'Listo, lo cancelé.',
  'menu.nothingToCancel': 'No hay nada que cancelar.',
  'list.menu': 'Ver opciones',
  'row.newRequest': 'Pedir un servicio',
  'desc.newRequest': 'Plomería, electricidad, cerrajería y más',
  'row.repeat': 'Repetir último servicio',
  'desc.repeat': '{service}, en el mismo lugar',
  'row.myRequests': 'Mis solicitudes',
  'desc.myRequests': 'Estado de tus solicitudes',
  'row.becomeProvider': 'Ser proveedor',
  'desc.becomeProvider': 'Ofrece tus servicios y recibe clientes',
  'row.goOnline': 'Conectarme',
  'desc.goOnline': 'Empezar a recibir solicitudes',
  'row.goOffline': 'Desconectarme',
  'desc.goOffline': 'Dejar de recibir solicitudes',
  'row.providerProfile': 'Mi perfil de proveedor',
  'desc.providerProfile': 'Calificación, trabajos y estado',
  'row.language': 'English',
  'desc.language': 'Switch to English',
  'row.help': 'Ayuda',
  'desc.help': 'Cómo funciona Ubermench',
  'btn.menu': 'Menú',

  // help and language
  'help.body':
    '*Ubermench* te conecta con proveedores de servicios cerca de ti.\n\n' +
    '• Escribe *menú* para ver las opciones.\n' +
    '• Escribe *cancelar* para dejar lo que estés haciendo.\n' +
    '• Escribe *english* para cambiar a inglés.\n' +
    '• Escribe *quiero ser proveedor* para ofrecer tus servicios.\n\n' +
    'Cuando un proveedor acepte tu solicitud, te daremos su contacto para que se pongan de acuerdo.',
  'language.ask': 'Elige tu idioma / Choose your language:',
  'language.changed': 'Listo, ahora te hablo en español.',
  'btn.spanish': 'Español',
  'btn.english': 'English',

  // unexpected input
  'unexpected.text': 'No entendí tu mensaje 🙈 Esto es lo que necesito ahora:',
  'unexpected.menu':
    'No entendí tu mensaje 🙈 Puedo buscarte un plomero, electricista, cerrajero y más, ver tus solicitudes o registrarte como proveedor. Escríbeme lo que necesitas (por ejemplo: "ocupo un plomero") o elige una opción.',
  'unexpected.type': 'Por ahora solo entiendo texto, botones y ubicaciones.',
  'unexpected.stale': 'Esa opción ya no está vigente.',
  'unexpected.location': 'Gracias, pero ahora no necesito una ubicación.',
  'error.temporary': 'Tuvimos un problema temporal. Por favor intenta de nuevo en un momento.',

  // free text understood (conversation/understanding) outside a question
  'say.price':
    'Cada proveedor pone su precio y lo acuerdas directamente con él o ella antes de que empiece. Te enseño calificaciones y distancia para que elijas.',
  'say.noJobs': 'Aún no eres proveedor, así que no tienes trabajos. Si quieres ofrecer tus servicios, elige "Ser proveedor" en el menú.',
  'say.jobDoneHow': 'Para marcar un trabajo como terminado, toca "Terminado" en el mensaje de ese trabajo.',
  'say.jobDoneCustomer': '¡Qué bien! Cuando el proveedor lo marque como terminado, te pediré tu calificación.',
  'say.human': 'Por ahora este chat lo atiendo yo, el asistente de Ubermench. Cuéntame qué necesitas y te ayudo.',
  'say.optOut': 'Entendido. Solo te escribiremos para responder a lo que tú nos escribas.',
  'say.optIn': 'Listo, te volveremos a avisar por aquí.',
  'say.deleteData': 'Entendido: quieres que borremos tus datos. Muy pronto podrás pedirlo desde aquí; mientras, escríbenos "borrar mis datos" de nuevo más tarde.',
  'say.welcome': '¡Con gusto, {name}! Aquí estoy si necesitas algo más.',
  'say.noOpenRequest': 'No tienes solicitudes abiertas en este momento.',
  'status.nowWaiting':
    'Tu solicitud de {service} sigue buscando proveedor (la enviaste {when}). Te aviso en cuanto alguien la acepte.',
  'status.nowAccepted': '{name} aceptó tu solicitud de {service}.',
  'want.service': '¡Claro! Te ayudo con {service}.',
  'want.urgent': 'Entiendo que es urgente: busco a alguien de {service} cerca de ti ya mismo.',
  'want.any': '¡Claro! Te ayudo a encontrar a alguien.',
  'want.anyUrgent': 'Entiendo que es urgente; vamos rápido.',
  'name.changeAsk': '¿Cómo quieres que te llame? Escribe tu nombre.',
  'name.changed': 'Listo, ahora te llamo {name}.',
  'name.keepWantLead': 'Ya anoté lo que necesitas 👍 Solo me falta tu nombre.',
  'name.notAName': 'Eso no parece un nombre. Escribe solo tu nombre, por ejemplo: Ana López.',

  // customer: service and location
  'service.prompt': '¿Qué servicio necesitas? Elige uno de la lista.',
  'service.none': 'Por ahora no hay servicios disponibles. Intenta de nuevo más tarde.',
  'list.services': 'Ver servicios',
  'row.more': 'Más opciones…',
  'desc.more': 'Ver la página {page}',
  'location.prompt':
    '📍 ¿Dónde necesitas {service}? Toca el botón para compartir tu ubicación, o escribe tu dirección (calle, número y colonia) o tu código postal.',
  'location.invalid':
    'No reconocí una dirección. Escribe calle, número y colonia, o un código postal de 5 dígitos, o comparte tu ubicación.',
  'location.notFound': 'No encontré esa dirección.',
  'location.badPin': 'Esa ubicación no es válida.',

  // customer: providers
  'providers.prompt':
    'Estos son los mejores proveedores de {service} cerca de ti. Elige uno para ver su perfil, o deja que la app elija por ti.',
  'providers.none':
    'Lo siento: ahora mismo no hay proveedores de {service} disponibles cerca de ti. Intenta de nuevo más tarde.',
  'list.providers': 'Ver proveedores',
  'row.auto': 'Que la app elija',
  'desc.auto': 'Enviamos tu solicitud al mejor disponible',
  'desc.provider': '★{rating} ({count}) · {distance}',
  'desc.providerNew': 'Nuevo · {distance}',
  'detail.head':
    '*{name}*\n{rating} · a {distance}\nTrabajos terminados: {jobs}\nServicios: {services}',
  'detail.reviews': 'Reseñas recientes:',
  'detail.noReviews': 'Aún no tiene reseñas.',
  'detail.anonymous': 'Cliente',
  'detail.unavailable': 'Ese proveedor ya no está disponible.',
  'btn.book': 'Reservar',
  'btn.back': 'Volver',
  'rating.value': '★{rating} ({count} reseñas)',
  'rating.none': 'Sin reseñas todavía',

  // customer: request lifecycle
  'offer.sent':
    '📨 Enviamos tu solicitud de {service} a {name}. Tiene {minutes} min para responder; te aviso en cuanto conteste.',
  'offer.sentNext': 'Ahora se la enviamos a {name}; tiene {minutes} min para responder.',
  'offer.preferredUnavailable':
    'El proveedor que elegiste ya no está disponible, así que elegimos al mejor siguiente.',
  'offer.declined': '{name} no puede atender tu solicitud.',
  'offer.timedOut': '{name} no respondió a tiempo.',
  'offer.nobody':
    'Lo siento: por ahora nadie está disponible para tu solicitud de {service}. Puedes intentarlo de nuevo más tarde.',
  'offer.accepted': '✅ ¡{name} aceptó tu solicitud de {service}!',
  'offer.contact': 'Escríbele para ponerse de acuerdo: {link}',
  'offer.noContact': 'Su número de WhatsApp no está disponible; te contactará por aquí.',
  'waiting.prompt':
    'Estamos esperando la respuesta del proveedor para tu solicitud de {service}. Te aviso en cuanto conteste.',
  'btn.cancelRequest': 'Cancelar solicitud',
  'btn.tryAgain': 'Intentar de nuevo',
  'request.cancelled': 'Cancelé tu solicitud de {service}.',
  'request.notCancellable': 'Esa solicitud ya no se puede cancelar (estado: {status}).',
  'request.notFound': 'No encontré esa solicitud.',
  'request.retryNotAllowed':
    'Esa solicitud ya no se puede repetir. Pide un servicio nuevo desde el menú.',

  // customer: my requests
  'requests.prompt': 'Tus solicitudes recientes. Elige una para ver el detalle.',
  'requests.none': 'Aún no tienes solicitudes.',
  'list.requests': 'Ver solicitudes',
  'desc.request': '{status} · {when}',
  'requests.detail': '*{service}*\nEstado: {status}\nCreada {when}',
  'requests.detailProvider': 'Proveedor: {name}',
  'requests.rateNow': 'Aún no lo calificas. ¿Cómo te fue?',
  'status.searching': 'Buscando proveedor',
  'status.accepted': 'Aceptada',
  'status.offered': 'Esperando respuesta',
  'status.done': 'Terminada',
  'status.cancelled': 'Cancelada',
  'status.noProviders': 'Sin proveedor',
  'time.justNow': 'hace un momento',
  'time.minutes': 'hace {n} min',
  'time.hours': 'hace {n} h',
  'time.days': 'hace {n} días',

  // customer: rating
  'rate.prompt':
    '🧰 {name} marcó como terminado tu servicio de {service}. ¿Cómo te fue? Califícalo de 1 a 5 estrellas.',
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
    '¡Qué bien que quieras ofrecer tus servicios! Te haré 4 preguntas.\n\n1/4 · ¿Con qué nombre te verán los clientes? Escríbelo, o toca el botón para usar "{name}".',
  'provider.askNameBare':
    '¡Qué bien que quieras ofrecer tus servicios! Te haré 4 preguntas.\n\n1/4 · ¿Con qué nombre te verán los clientes?',
  'btn.useMyName': 'Usar mi nombre',
  'provider.askServices':
    '2/4 · ¿Qué servicios ofreces? Toca cada uno para marcarlo (✓) y al final toca "Listo".',
  'provider.selected': 'Marcados: {services}.',
  'provider.needService': 'Marca al menos un servicio.',
  'list.chooseServices': 'Elegir servicios',
  'row.done': 'Listo ✓',
  'desc.done': '{count} marcados',
  'provider.askLocation':
    '3/4 · ¿Desde dónde trabajas? Toca el botón para compartir la ubicación de tu base, o escribe la dirección o el código postal.',
  'provider.askRadius': '4/4 · ¿Hasta qué distancia de tu base puedes atender?',
  'list.radius': 'Elegir distancia',
  'row.radius': 'Hasta {km} km',
  'provider.pending':
    '¡Gracias, {name}! Recibimos tu registro. Te avisaremos aquí en cuanto sea aprobado.',
  'provider.alreadyRegistered': 'Ya estás registrado como proveedor (estado: {status}).',
  'provider.notRegistered':
    'Aún no eres proveedor. Elige "Ser proveedor" en el menú para registrarte.',
  'provider.notApproved': 'Tu cuenta de proveedor no está aprobada (estado: {status}).',
  'provider.approved':
    '🎉 ¡Tu registro como proveedor fue aprobado! Conéctate para empezar a recibir solicitudes.',
  'provider.rejected':
    'Lo sentimos: tu registro como proveedor no fue aprobado. Si crees que es un error, vuelve a registrarte con tus datos correctos.',
  'provider.suspended':
    'Tu cuenta de proveedor fue suspendida: ya no recibirás solicitudes. Escríbenos si crees que es un error.',
  'provider.online': '🟢 Estás conectado: te enviaremos solicitudes cercanas.',
  'provider.offline': '⚪ Estás desconectado: no recibirás solicitudes.',
  'provider.stats':
    '*{name}*\nEstado: {status} · {online}\nCalificación: {rating}\nTrabajos terminados: {jobs}',
  'btn.goOnline': 'Conectarme',
  'btn.goOffline': 'Desconectarme',
  'pstatus.pending': 'en revisión',
  'pstatus.approved': 'aprobado',
  'pstatus.rejected': 'rechazado',
  'pstatus.suspended': 'suspendido',
  'online.yes': 'conectado',
  'online.no': 'desconectado',

  // provider: offers and jobs
  'jobs.none': 'No tienes trabajos activos en este momento.',
  'jobs.count': 'Tus trabajos activos: {count}',
  'jobs.more': 'Hay más trabajos activos ({count}); termina estos primero.',
  'jobs.item': '*{service}* para {name}\n📍 {place}\n{maps}',
  'row.myJobs': 'Mis trabajos',
  'desc.myJobs': 'Trabajos aceptados y su contacto',
  'offer.received':
    '🔔 *Nueva solicitud: {service}*\n📍 A {distance} de tu base{area}\n⏱️ Tienes {minutes} min para responder.',
  'offer.area': ' ({area})',
  'btn.accept': 'Aceptar',
  'btn.decline': 'Rechazar',
  'job.accepted': '✅ ¡El trabajo es tuyo! {service} para {name}.\n📍 {place}\n{maps}',
  'job.contact': 'Escríbele: {link}',
  'job.noContact': 'Su número de WhatsApp no está disponible; si necesitas algo, escríbenos.',
  'job.markDoneHint': 'Cuando termines, toca "Terminado".',
  'btn.markDone': 'Terminado',
  'offer.youDeclined': 'Listo, rechazaste la solicitud.',
  'offer.notAvailable': 'Lo siento, esa solicitud ya no está disponible.',
  'offer.alreadyAccepted': 'Ya habías aceptado esta solicitud.',
  'offer.alreadyDeclined': 'Ya habías rechazado esta solicitud.',
  'offer.expired':
    '⏱️ Se acabó el tiempo para responder una solicitud; se la enviamos a otro proveedor.',
  'request.cancelledByCustomer': 'El cliente canceló la solicitud de {service}.',
  'job.completed':
    '👍 Trabajo terminado. Le pedimos al cliente que te califique.\nTu calificación: {rating} · {jobs} trabajos.',
  'job.alreadyCompleted': 'Ese trabajo ya estaba marcado como terminado.',
  'job.notAllowed': 'No puedes marcar ese trabajo como terminado.',
  'rating.received': '⭐ Un cliente te calificó con {stars} estrellas. Tu calificación: {rating}.',
  'place.pin': 'Ubicación en el mapa',

  // per-user limits (runner/slow-down.ts): the one notice when messages come too fast.
  // {wait} is the real wait, rounded up: "unos 40 segundos" (limit.waitAbout), "2 minutos", "1 hora".
  'limit.slowDown': 'Vas muy rápido 🙂 Espera {wait} y vuelve a escribirme.',
  'limit.waitAbout': 'unos {duration}',
} as const;
