/** English catalogue: the same keys and placeholders as `es` (a unit test checks). */
import type { es } from './es';

export const en: Record<keyof typeof es, string> = {
  // session
  'welcome.new':
    'Hi! 👋 I am *Ubermench*: I connect you with plumbers, electricians, locksmiths and other services near you.',
  'greeting.returning': 'Hi {name}! 👋',
  'greeting.welcomeBack':
    'Welcome back, {name}! Your previous session expired, so we start again from the menu.',
  'name.ask': 'What is your name? Type it; this is how providers will see you.',
  'name.askSuggested': 'What is your name? Type it, or tap the button to use "{name}".',
  'name.tooShort': 'That name is too short.',
  'name.tooLong': 'That name is too long (60 letters at most).',
  'name.noLetters': 'Your name must contain letters.',
  'name.greeting': 'Hi! 😊 Please type your name, for example: Ana López.',
  'name.url': 'Your name cannot contain links or emails.',
  'name.first': 'First I need your name.',
  'name.saved': 'Nice to meet you, {name}!',

  // menu
  'menu.prompt': 'What would you like to do?',
  'menu.cancelled': 'OK, cancelled.',
  'menu.nothingToCancel': 'There is nothing to cancel.',
  'list.menu': 'See options',
  'row.newRequest': 'Request a service',
  'desc.newRequest': 'Plumbing, electrical, locksmiths and more',
  'row.repeat': 'Repeat last service',
  'desc.repeat': '{service}, same place',
  'row.myRequests': 'My requests',
  'desc.myRequests': 'Status of your requests',
  'row.becomeProvider': 'Become a provider',
  'desc.becomeProvider': 'Offer your services and get customers',
  'row.goOnline': 'Go online',
  'desc.goOnline': 'Start receiving requests',
  'row.goOffline': 'Go offline',
  'desc.goOffline': 'Stop receiving requests',
  'row.providerProfile': 'My provider profile',
  'desc.providerProfile': 'Rating, jobs and status',
  'row.language': 'Español',
  'desc.language': 'Cambiar a español',
  'row.help': 'Help',
  'desc.help': 'How Ubermench works',
  'btn.menu': 'Menu',

  // help and language
  'help.body':
    '*Ubermench* connects you with service providers near you.\n\n' +
    '• Type *menu* to see the options.\n' +
    '• Type *cancel* to stop what you are doing.\n' +
    '• Type *español* to switch to Spanish.\n' +
    '• Type *provider* to offer your services.\n\n' +
    'When a provider accepts your request, we give you their contact so you can agree on the details.',
  'language.ask': 'Elige tu idioma / Choose your language:',
  'language.changed': 'Done, I will speak English from now on.',
  'btn.spanish': 'Español',
  'btn.english': 'English',

  // unexpected input
  'unexpected.text': 'Sorry, I did not understand that 🙈 Here is what I need now:',
  'unexpected.menu':
    'Sorry, I did not understand that 🙈 I can find you a plumber, electrician, locksmith and more, show your requests, or sign you up as a provider. Tell me what you need (for example: "I need a plumber") or pick an option.',
  'unexpected.type': 'For now I only understand text, buttons and locations.',
  'unexpected.stale': 'That option is no longer valid.',
  'unexpected.location': 'Thanks, but I do not need a location right now.',
  'error.temporary': 'We had a temporary problem. Please try again in a moment.',

  // free text understood (conversation/understanding) outside a question
  'say.price':
    'Each provider sets their own price, and you agree on it with them before they start. I show you ratings and distance so you can choose.',
  'say.noJobs': 'You are not a provider yet, so you have no jobs. To offer your services, choose "Become a provider" in the menu.',
  'say.jobDoneHow': 'To mark a job as done, tap "Done" on that job\'s message.',
  'say.jobDoneCustomer': 'Great! Once the provider marks it as done, I will ask for your rating.',
  'say.human': 'For now I handle this chat myself, as the Ubermench assistant. Tell me what you need and I will help.',
  'say.optOut': 'Understood. We will only write to answer what you write to us.',
  'say.optIn': 'Done, we will let you know here again.',
  'say.deleteData': 'Understood: you want us to delete your data. You will soon be able to ask for it here; meanwhile, write "delete my data" again later.',
  'say.welcome': 'You are welcome, {name}! I am here if you need anything else.',
  'say.noOpenRequest': 'You have no open requests right now.',
  'status.nowWaiting':
    'Your {service} request is still looking for a provider (you sent it {when}). I will tell you as soon as someone accepts it.',
  'status.nowAccepted': '{name} accepted your {service} request.',
  'want.service': 'Sure! I will help you with {service}.',
  'want.urgent': 'I understand it is urgent: I am looking for {service} near you right now.',
  'want.any': 'Sure! I will help you find someone.',
  'want.anyUrgent': 'I understand it is urgent; let us be quick.',
  'name.changeAsk': 'What should I call you? Type your name.',
  'name.changed': 'Done, I will call you {name} from now on.',
  'name.keepWantLead': 'Got it, I have noted what you need 👍 I just need your name.',
  'name.notAName': 'That does not look like a name. Type just your name, for example: Ana López.',

  // customer: service and location
  'service.prompt': 'Which service do you need? Choose one from the list.',
  'service.none': 'There are no services available right now. Please try again later.',
  'list.services': 'See services',
  'row.more': 'More options…',
  'desc.more': 'See page {page}',
  'location.prompt':
    '📍 Where do you need {service}? Tap the button to share your location, or type your address (street, number and neighbourhood) or your postal code.',
  'location.invalid':
    'I could not recognise an address. Type street, number and neighbourhood, or a 5-digit postal code, or share your location.',
  'location.notFound': 'I could not find that address.',
  'location.badPin': 'That location is not valid.',

  // customer: providers
  'providers.prompt':
    'These are the best {service} providers near you. Choose one to see their profile, or let the app choose for you.',
  'providers.none':
    'Sorry: right now there are no {service} providers available near you. Please try again later.',
  'list.providers': 'See providers',
  'row.auto': 'Let the app choose',
  'desc.auto': 'We send your request to the best available one',
  'desc.provider': '★{rating} ({count}) · {distance}',
  'desc.providerNew': 'New · {distance}',
  'detail.head': '*{name}*\n{rating} · {distance} away\nJobs done: {jobs}\nServices: {services}',
  'detail.reviews': 'Latest reviews:',
  'detail.noReviews': 'No reviews yet.',
  'detail.anonymous': 'Customer',
  'detail.unavailable': 'That provider is no longer available.',
  'btn.book': 'Book',
  'btn.back': 'Back',
  'rating.value': '★{rating} ({count} reviews)',
  'rating.none': 'No reviews yet',

  // customer: request lifecycle
  'offer.sent':
    '📨 We sent your {service} request to {name}. They have {minutes} min to answer; I will tell you as soon as they do.',
  'offer.sentNext': 'Now we sent it to {name}; they have {minutes} min to answer.',
  'offer.preferredUnavailable':
    'The provider you chose is no longer available, so we picked the next best one.',
  'offer.declined': '{name} cannot take your request.',
  'offer.timedOut': '{name} did not answer in time.',
  'offer.nobody':
    'Sorry: nobody is available for your {service} request right now. You can try again later.',
  'offer.accepted': '✅ {name} accepted your {service} request!',
  'offer.contact': 'Message them to agree on the details: {link}',
  'offer.noContact': 'Their WhatsApp number is not available; they will contact you here.',
  'waiting.prompt':
    'We are waiting for the provider to answer your {service} request. I will tell you as soon as they do.',
  'btn.cancelRequest': 'Cancel request',
  'btn.tryAgain': 'Try again',
  'request.cancelled': 'I cancelled your {service} request.',
  'request.notCancellable': 'That request can no longer be cancelled (status: {status}).',
  'request.notFound': 'I could not find that request.',
  'request.retryNotAllowed':
    'That request cannot be repeated. Request a new service from the menu.',

  // customer: my requests
  'requests.prompt': 'Your latest requests. Choose one to see the details.',
  'requests.none': 'You have no requests yet.',
  'list.requests': 'See requests',
  'desc.request': '{status} · {when}',
  'requests.detail': '*{service}*\nStatus: {status}\nCreated {when}',
  'requests.detailProvider': 'Provider: {name}',
  'requests.rateNow': 'You have not rated it yet. How did it go?',
  'status.searching': 'Looking for provider',
  'status.accepted': 'Accepted',
  'status.offered': 'Waiting for answer',
  'status.done': 'Completed',
  'status.cancelled': 'Cancelled',
  'status.noProviders': 'No provider',
  'time.justNow': 'just now',
  'time.minutes': '{n} min ago',
  'time.hours': '{n} h ago',
  'time.days': '{n} days ago',

  // customer: rating
  'rate.prompt':
    '🧰 {name} marked your {service} job as done. How did it go? Rate it from 1 to 5 stars.',
  'rate.again': 'How do you rate the service of {name}? Choose 1 to 5 stars.',
  'list.rate': 'Rate',
  'row.stars5': '★★★★★ Excellent',
  'row.stars4': '★★★★ Very good',
  'row.stars3': '★★★ OK',
  'row.stars2': '★★ Poor',
  'row.stars1': '★ Very poor',
  'rate.commentPrompt':
    'Thanks! Would you like to leave a comment about {name}? Type it, or tap "Skip".',
  'rate.commentTooShort': 'Your comment is too short.',
  'rate.thanks': 'Thanks for your rating! 🙌',
  'rate.notAllowed': 'That request can no longer be rated.',
  'btn.skip': 'Skip',

  // provider: registration
  'provider.askName':
    'Great that you want to offer your services! I will ask you 4 questions.\n\n1/4 · What name should customers see? Type it, or tap the button to use "{name}".',
  'provider.askNameBare':
    'Great that you want to offer your services! I will ask you 4 questions.\n\n1/4 · What name should customers see?',
  'btn.useMyName': 'Use my name',
  'provider.askServices':
    '2/4 · Which services do you offer? Tap each one to mark it (✓), then tap "Done".',
  'provider.selected': 'Marked: {services}.',
  'provider.needService': 'Mark at least one service.',
  'list.chooseServices': 'Choose services',
  'row.done': 'Done ✓',
  'desc.done': '{count} marked',
  'provider.askLocation':
    '3/4 · Where do you work from? Tap the button to share the location of your base, or type the address or postal code.',
  'provider.askRadius': '4/4 · How far from your base can you go?',
  'list.radius': 'Choose distance',
  'row.radius': 'Up to {km} km',
  'provider.pending':
    'Thank you, {name}! We received your registration. We will tell you here as soon as it is approved.',
  'provider.alreadyRegistered': 'You are already registered as a provider (status: {status}).',
  'provider.notRegistered':
    'You are not a provider yet. Choose "Become a provider" in the menu to register.',
  'provider.notApproved': 'Your provider account is not approved (status: {status}).',
  'provider.approved':
    '🎉 Your provider registration was approved! Go online to start receiving requests.',
  'provider.rejected':
    'Sorry: your provider registration was not approved. If you think this is a mistake, register again with the correct details.',
  'provider.suspended':
    'Your provider account was suspended: you will not receive requests. Write to us if you think this is a mistake.',
  'provider.online': '🟢 You are online: we will send you nearby requests.',
  'provider.offline': '⚪ You are offline: you will not receive requests.',
  'provider.stats': '*{name}*\nStatus: {status} · {online}\nRating: {rating}\nJobs done: {jobs}',
  'btn.goOnline': 'Go online',
  'btn.goOffline': 'Go offline',
  'pstatus.pending': 'under review',
  'pstatus.approved': 'approved',
  'pstatus.rejected': 'rejected',
  'pstatus.suspended': 'suspended',
  'online.yes': 'online',
  'online.no': 'offline',

  // provider: offers and jobs
  'jobs.none': 'You have no active jobs right now.',
  'jobs.count': 'Your active jobs: {count}',
  'jobs.more': 'There are more active jobs ({count}); finish these first.',
  'jobs.item': '*{service}* for {name}\n📍 {place}\n{maps}',
  'row.myJobs': 'My jobs',
  'desc.myJobs': 'Accepted jobs and their contact',
  'offer.received':
    '🔔 *New request: {service}*\n📍 {distance} from your base{area}\n⏱️ You have {minutes} min to answer.',
  'offer.area': ' ({area})',
  'btn.accept': 'Accept',
  'btn.decline': 'Decline',
  'job.accepted': '✅ The job is yours! {service} for {name}.\n📍 {place}\n{maps}',
  'job.contact': 'Message them: {link}',
  'job.noContact': 'Their WhatsApp number is not available; write to us if you need anything.',
  'job.markDoneHint': 'When you finish, tap "Done".',
  'btn.markDone': 'Done',
  'offer.youDeclined': 'OK, you declined the request.',
  'offer.notAvailable': 'Sorry, that request is no longer available.',
  'offer.alreadyAccepted': 'You had already accepted this request.',
  'offer.alreadyDeclined': 'You had already declined this request.',
  'offer.expired': '⏱️ The time to answer a request ran out; we sent it to another provider.',
  'request.cancelledByCustomer': 'The customer cancelled the {service} request.',
  'job.completed':
    '👍 Job done. We asked the customer to rate you.\nYour rating: {rating} · {jobs} jobs.',
  'job.alreadyCompleted': 'That job was already marked as done.',
  'job.notAllowed': 'You cannot mark that job as done.',
  'rating.received': '⭐ A customer rated you {stars} stars. Your rating: {rating}.',
  'place.pin': 'Location on the map',

  // per-user limits (runner/slow-down.ts): the one notice when messages come too fast.
  // {wait} is the real wait, rounded up: "about 40 seconds" (limit.waitAbout), "2 minutes", "1 hour".
  'limit.slowDown': "You're going a bit fast 🙂 Wait {wait} and write to me again.",
  'limit.waitAbout': 'about {duration}',
};
