export const es = {
  'greeting.hello': '¡Hola {name}! 👋 Soy Ubermench: te conecto con plomeros, electricistas, cerrajeros y más, cerca de ti.',
  'greeting.welcomeBack': '¡Hola de nuevo {name}! Tu sesión anterior expiró, empecemos otra vez.',
  'menu.prompt': '¿Qué quieres hacer?',
  'menu.newRequest': 'Pedir un servicio',
  'menu.myRequests': 'Mis solicitudes',
  'menu.help': 'Ayuda',
  'help.body': 'Escribe *menú* para volver al inicio o *cancelar* para cancelar lo que estés haciendo.',
  'error.temporary': 'Tuvimos un problema temporal. Por favor escríbenos de nuevo en un momento.',
} as const;
