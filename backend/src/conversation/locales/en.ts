import type { es } from './es';

export const en: Record<keyof typeof es, string> = {
  'greeting.hello': 'Hi {name}! 👋 I am Ubermench: I connect you with plumbers, electricians, locksmiths and more, near you.',
  'greeting.welcomeBack': 'Welcome back {name}! Your previous session expired, let us start again.',
  'menu.prompt': 'What would you like to do?',
  'menu.newRequest': 'Request a service',
  'menu.myRequests': 'My requests',
  'menu.help': 'Help',
  'help.body': 'Type *menu* to go back to the start or *cancel* to cancel what you are doing.',
  'error.temporary': 'We had a temporary problem. Please write to us again in a moment.',
};
