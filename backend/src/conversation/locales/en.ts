/** English catalogue: the same keys and placeholders as `es` (a unit test checks). */
import type { es } from './es';

export const en: Record<keyof typeof es, string> = {
  // session
  'welcome.new':
    "Hi! 👋 I'm *Ubermench*: I connect you with plumbers, electricians, locksmiths and more, near you.",
  'greeting.returning': 'Hi, {name}! 👋',
  'greeting.welcomeBack': 'Welcome back, {name}! 👋',
  'name.ask': "What's your name? It's how providers will see you.",
  'name.askSuggested': 'What\'s your name? Type it, or tap the button to use "{name}".',
  'name.tooShort': 'That name is too short.',
  'name.tooLong': 'That name is too long (60 letters at most).',
  'name.noLetters': 'Your name must contain letters.',
  'name.greeting': 'Hi! 😊 Please type your name, for example: Ana López.',
  'name.url': "Your name can't contain links or emails.",
  'name.first': 'First, please tell me your name.',
  'name.keptWhatsApp':
    "No problem: I'll use “{name}”, your WhatsApp name. For another one, write “change my name”.",
  'name.saved': 'Nice to meet you, {name}!',

  // menu
  'menu.prompt': 'How can I help?',
  'menu.cancelled': 'Done, I cancelled it.',
  'menu.cancelledResumable':
    "Done, I cancelled it. Was that a mistake? Write “continue” and we'll pick up where we left off.",
  'menu.resumed': "Sure! Let's pick up where we left off.",
  'menu.nothingToCancel': "There's nothing to cancel.",
  'list.menu': 'See options',
  'row.newRequest': 'Request a service',
  'desc.newRequest': 'Plumbing, electrical, locksmiths and more',
  'row.repeat': 'Repeat last service',
  'desc.repeat': '{service}, same place',
  'row.myRequests': 'My requests',
  'desc.myRequests': 'How your requests are going',
  'row.becomeProvider': 'Become a provider',
  'desc.becomeProvider': 'Offer your services and find customers',
  'row.goOnline': 'Go online',
  'desc.goOnline': 'Start receiving requests',
  'row.goOffline': 'Go offline',
  'desc.goOffline': 'Stop receiving requests',
  'row.providerProfile': 'My provider profile',
  'desc.providerProfile': 'Rating, comments and your details',
  'row.language': 'Español',
  'desc.language': 'Cambiar a español',
  'row.help': 'Help',
  'desc.help': 'How Ubermench works',
  'btn.menu': 'Menu',
  'btn.searchAgain': 'Search again',
  'btn.human': 'Talk to a person',

  // help and language
  'help.body':
    '*Ubermench* connects you with service providers near you.\n\n' +
    '• Type *menu* to see the options.\n' +
    "• Type *cancel* to stop what you're doing.\n" +
    '• Type *español* to switch to Spanish.\n' +
    '• Type *provider* to offer your services.\n\n' +
    "When a provider accepts your request, I'll share their contact so you can sort out the details.",
  'language.ask': 'Elige tu idioma / Choose your language:',
  'language.changed': "Done, I'll speak English from now on.",
  'btn.spanish': 'Español',
  'btn.english': 'English',

  // unexpected input
  'unexpected.text': "Sorry, I didn't understand that 🙈 Here's what I need now:",
  'unexpected.menu':
    'Sorry, I didn\'t understand that 🙈 I can find you a plumber, electrician, locksmith and more, show your requests, or sign you up as a provider. Tell me what you need (for example: "I need a plumber") or pick an option.',
  'unexpected.type': "I can't read that kind of message here 🙈",
  'unexpected.waiting': "I'm on it 🙏 I'll let you know as soon as there's an answer.",
  'unexpected.stale': "That option isn't available anymore.",
  'unexpected.location': "Thanks, but I don't need a location right now.",
  'error.temporary': 'Oops, something went wrong on our side. Please try again in a moment.',

  // free text understood (conversation/understanding) outside a question
  'say.price':
    'Each provider sets their own price, and you agree on it with them before they start. I show you ratings and distance so you can choose.',
  'say.payment':
    'You pay the provider directly: you agree the price and how to pay (cash, transfer or card if they take it), plus an invoice or warranty if you need one.',
  'about.trust':
    "Every provider signs up with their details and our team reviews them before they get any requests. Before you choose, you see their rating, jobs done and other customers' reviews. If something feels off, write “talk to a person”.",
  'about.coverage':
    "Tell me your address or share your location 📍 and I'll tell you who can go. If we're not in your area yet, I'll say so and can let you know when we arrive.",
  'say.schedule':
    'For now I look for someone who can come right away. If you need it another day or time, request the service and agree on the day with the provider once they accept.',
  'say.scheduleWaiting':
    'Your request is still open. If today no longer works, cancel it with the button and request again when it suits you; if the provider accepts, you can also agree on another day or time together.',
  'say.noJobs':
    'You\'re not a provider yet, so you have no jobs. To offer your services, choose "Become a provider" in the menu.',
  'say.jobDoneCustomer': "Great! Once the provider marks it as done, I'll ask for your rating.",
  'say.welcome': "You're welcome, {name}! I'm here if you need anything else.",
  'say.bye': "See you soon, {name}! 👋 I'm here whenever you need me.",
  'say.noOpenRequest':
    "You have no open requests right now. When you request a service, I show you the nearest providers first, and whoever accepts messages you to say when they'll arrive.",
  'status.nowWaiting':
    "*{service}*: your request is still looking for a provider (you sent it {when}). I'll let you know as soon as someone accepts it.",
  'status.nowOffered':
    "*{service}*: {name} has your request and hasn't answered yet (you sent it {when}). I'll tell you as soon as they do; if they don't answer in time, we look for someone else.",
  'status.nowAccepted': '*{service}*: {name} accepted your request.',
  'want.also': "Let's start with this one; when it's done, ask me for {services} from the menu.",
  'location.hurry': "I understand it's urgent 🙏 As soon as you tell me where, I'll find someone.",
  'want.service': 'Sure! *{service}* it is.',
  'want.urgent': "Got it, it's urgent: I'm looking for someone near you right now (*{service}*).",
  'want.any': "Sure! I'll help you find someone.",
  'want.place': '📍 Got it, I have your location.',
  'want.later':
    "🗓️ I noted it's for later: the provider will see it in your message and you agree the time on WhatsApp.",
  'want.placeNamed': '📍 Got it, I noted the address: {place}.',
  'want.anyUrgent': "I understand it's urgent; let's be quick.",
  'name.changeAsk': 'What should I call you? Type your name.',
  'name.changed': "Done, I'll call you {name} from now on.",
  'name.keepMediaLead': "Got it! I'll pass it on to the provider 👍 I just need your name.",
  'name.keepWantLead': "Got it, I've noted what you need 👍 I just need your name.",
  'name.keepMore': "👍 Noted. What's your name?",
  'name.keepAddressLead': '📍 I noted the address 👍 I just need your name.',
  'name.keepPlaceLead': '📍 I saved your location 👍 I just need your name.',
  'name.why':
    "I use it so the provider knows who they're helping 🙂 Your first name or a nickname is fine.",
  'name.notAName': "That doesn't look like a name. Type just your name, for example: Ana López.",

  // customer: the problem ("What's wrong?")
  'problem.ask':
    "*{service}*: what's wrong? Tell me in a message, or send up to 3 photos or a voice note. That way the provider comes prepared.",
  'problem.more':
    '*{service}*: anything else? Send another photo or a voice note, type what\'s wrong, or tap "Continue".',
  'problem.thanks': "Thanks, I'll pass it on to the provider.",
  'problem.unclear':
    'I didn\'t understand what\'s wrong. Tell me in your own words, send a photo, or tap "Skip".',
  'problem.cut':
    "Thanks. Your message was long: I'll pass the first {max} characters to the provider.",
  'problem.got': '📷 Got it! ({count} of {max})',
  'problem.gotAll': '📷 Done, I got all {count}!',
  'problem.full': 'I already have {max} files, that\'s the maximum. Tap "Continue".',
  'problem.tooLarge':
    "That file is too big (up to {mb} MB). Send a lighter one or type what's wrong.",
  'problem.unsupported':
    "I can't use that type of file. Send a photo, a voice note, or type what's wrong.",
  'problem.failed': "I couldn't download that file. Try sending it again, or type what's wrong.",
  'btn.continue': 'Continue',

  // customer: service and location
  'service.prompt': 'Which service do you need? Pick one from the list.',
  'service.none': 'There are no services available right now. Please try again later.',
  'list.services': 'See services',
  'row.more': 'See more',
  'desc.more': '{count, plural, one {# more option} other {# more options}}',
  'row.previous': 'Previous',
  'desc.previous': 'Back to the previous options',
  'location.prompt':
    '📍 *{service}*: where should the provider go? Share your location with the button, or type your address (street, number and neighbourhood) or your postal code.',
  'location.invalid':
    "I couldn't recognise that address. Type street, number and neighbourhood, or a 5-digit postal code, or share your location.",
  'location.notFound':
    "I couldn't find that address. I need the neighbourhood (colonia) or the postal code, for example: “Insurgentes Sur 1234, Del Valle” or “03100”. You can also share your location 📍.",
  'location.needArea':
    'I noted *{place}*, but I still need the neighbourhood (colonia) or the postal code, for example “Del Valle” or “03100”. You can also share your location 📍.',
  'location.shortLink':
    "I can't open that link 🙈 Share your location from WhatsApp (📎 → Location) or type your address: street, number and neighbourhood.",
  'location.confirm': '📍 {area}. Is that right?',
  'location.notThere': 'OK. Type your street, number and neighbourhood, or share your location 📍.',
  'btn.yesThere': 'Yes, there',
  'btn.noElsewhere': 'No, somewhere else',
  'location.badPin': "I couldn't read that location.",

  // customer: providers
  'providers.prompt':
    '*{service}*: providers near you, sorted by distance and rating. Pick one to see their profile, or let us choose for you.',
  'providers.noneRated':
    "None of them has reviews yet: they're all new here. Pick by distance or let the app choose.",
  'providers.feesUnknown':
    "Every visit fee here is to be agreed, so I can't tell which is cheapest. You agree the price with the provider before they start.",
  'providers.none':
    '*{service}*: nobody near you is available right now 😔 Tap *Search again* in a little while (I kept your search), or talk to someone from our team.',
  'list.providers': 'See providers',
  'providers.whichOne':
    "Which one? Tap a provider to see their profile, or *{auto}* and I'll send it to the first one available.",
  'row.auto': 'Let the app choose',
  'desc.auto': 'We send it to the first one available on this list',
  'desc.provider': '★{rating} ({count}) · {distance}',
  'desc.providerNew': 'New · {distance}',
  'desc.fullName': '{fullName} · {details}',
  'providers.newNote': '*New* = no reviews yet.',
  'detail.head':
    '*{name}*\n{rating} · {distance} away\n{jobs, plural, =0 {No jobs done yet} one {# job done} other {# jobs done}}\nServices: {services}',
  'detail.reviews': 'Latest reviews:',
  'detail.noReviews': 'No reviews yet.',
  'detail.anonymous': 'Customer',
  'detail.unavailable': 'That provider is no longer available.',
  'btn.book': 'Book',
  'btn.back': 'Back',
  'rating.value': '★{rating} ({count, plural, one {# review} other {# reviews}})',
  'rating.none': 'No reviews yet',

  // customer: outside the covered area
  'coverage.outside':
    "We're not in {place} yet 😔 For now we serve {served}. Shall we let you know when we get there?",
  'coverage.outsideUnknown':
    "We're not in your area yet 😔 For now we serve {served}. Shall we let you know when we get there?",
  'btn.notifyMe': 'Yes, let me know',
  'coverage.joined':
    "Done! We'll message you as soon as we get to {place}. Thanks for your patience 🙌",
  'coverage.joinedUnknown':
    "Done! We'll message you as soon as we get to your area. Thanks for your patience 🙌",

  // customer: request lifecycle
  'offer.sent':
    "📨 *{service}*: we sent your request to {name}. They have {time} to answer; I'll let you know as soon as they do.",
  'offer.sentNext': "Now we've sent it to {name}; they have {time} to answer.",
  'offer.preferredUnavailable':
    "The provider you picked isn't available anymore, so we sent it to the next one on the list.",
  'offer.declined': "{name} can't take your request.",
  'offer.timedOut': "{name} didn't answer in time.",
  'offer.nobody':
    '*{service}*: nobody is available for your request right now 😔 You can try again in a little while.',
  'offer.accepted': '✅ *{service}*: {name} accepted your request!',
  'offer.contact': 'Message them to sort out the details: {link}',
  'offer.noContact': "Their WhatsApp number isn't visible; they'll contact you here.",
  'waiting.prompt':
    "*{service}*: we're waiting for the provider to answer. I'll let you know as soon as they do.",
  'btn.cancelRequest': 'Cancel request',
  'btn.tryAgain': 'Try again',
  'request.sameTradeOpen':
    "Is it a separate job? Tap “Request another”. If it's about this one, tell the provider directly.",
  'btn.requestAnother': 'Request another',
  'request.cancelled': 'Done, I cancelled your request (*{service}*).',
  'request.notCancellable': 'That request can no longer be cancelled (status: {status}).',
  'request.notFound': "I couldn't find that request.",
  'request.retryNotAllowed': "That request can't be repeated. Request a new service from the menu.",

  // customer: my requests
  'requests.prompt': 'Your latest requests. Choose one to see the details.',
  'requests.none': 'You have no requests yet.',
  'requests.media':
    '📷 {count, plural, one {You sent # photo or voice note} other {You sent # photos or voice notes}}.',
  'requests.noneProvider':
    'You have no requests as a customer yet. The jobs you accepted are in "My jobs".',
  'list.requests': 'See requests',
  'desc.request': '{status} · {when}',
  'requests.detail': '*{service}*\nStatus: {status}\nRequested {when}',
  'requests.detailProvider': 'Provider: {name}',
  'requests.rateNow': "You haven't rated it yet. How did it go?",
  'status.searching': 'Looking for provider',
  'status.accepted': 'Accepted',
  'status.offered': 'Waiting for answer',
  'status.done': 'Completed',
  'status.cancelled': 'Cancelled',
  'status.noProviders': 'No provider',
  'time.justNow': 'just now',
  'time.minutes': '{n, plural, one {# minute} other {# minutes}} ago',
  'time.hours': '{n, plural, one {# hour} other {# hours}} ago',
  'time.days': '{n, plural, =1 {yesterday} other {# days ago}}',
  'duration.seconds': '{n, plural, one {# second} other {# seconds}}',
  'duration.minutes': '{n, plural, one {# minute} other {# minutes}}',
  'duration.minutesHalf': '{n, plural, one {a minute and a half} other {# and a half minutes}}',
  'duration.hours': '{n, plural, one {# hour} other {# hours}}',
  'duration.hoursMinutes':
    '{h, plural, one {# hour} other {# hours}} and {m, plural, one {# minute} other {# minutes}}',

  // customer: rating
  'rate.confirm': '🧰 {name} marked your service (*{service}*) as done. Is it finished?',
  'rate.confirmAgain': 'Did {name} finish the job?',
  'rate.againNoName': 'How would you rate the service? Choose 1 to 5 stars.',
  'rate.confirmed': 'Great! 🙌',
  'rate.reopened':
    "I told {name} it isn't finished yet; the job stays open. When they're done, I'll ask you again.",
  'rate.cannotReopen':
    'I can no longer reopen that job. If something went wrong, write to the provider or ask to talk to a person.',
  'rate.reminder':
    '⭐ How did it go with {name} (*{service}*)? Your rating helps other customers. Choose 1 to 5 stars.',
  'rate.locked': 'Your rating of that service is saved and can no longer be changed.',
  'rate.thanksCut':
    'Thanks for your rating! 🙌 Your comment was long: I kept the first {max} characters.',
  'rate.promptSaidDone':
    "🙌 Glad it's done! How did it go with {name} (*{service}*)? Rate it from 1 to 5 stars.",
  'rate.prompt':
    '🧰 {name} marked your job as done (*{service}*). How did it go? Rate it from 1 to 5 stars.',
  'rate.again': 'How would you rate {name}? Choose 1 to 5 stars.',
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
    'Great that you want to offer your services! Just 4 quick questions (and an optional one at the end).\n\n1/4 · What name should customers see? Type it, or tap the button to use "{name}".',
  'provider.askNameBare':
    'Great that you want to offer your services! Just 4 quick questions (and an optional one at the end).\n\n1/4 · What name should customers see?',
  'btn.useMyName': 'Use my name',
  'provider.askServices':
    '2/4 · Which services do you offer? Tap each one to mark it (✓), then tap "Done".',
  'provider.selected': 'Marked: {services}.',
  'provider.needService': 'Mark at least one service.',
  'list.chooseServices': 'Choose services',
  'row.done': 'Done ✓',
  'desc.done':
    '{count, plural, =0 {Nothing marked yet} one {# service marked} other {# services marked}}',
  'provider.askLocation':
    '3/4 · Where do you work from? Share the location of your base with the button, or type the address or postal code.',
  'provider.askRadius': '4/4 · How far from your base can you go?',
  'list.radius': 'Choose distance',
  'row.radius': 'Up to {km} km',
  'provider.pending':
    "Thank you, {name}! We got your registration. We'll let you know here as soon as it's approved.",
  'provider.inReview':
    "Your sign-up is being reviewed ⏳ Someone from our team checks it and I'll tell you here as soon as it's approved. Meanwhile you can see or fix your details in “My provider profile”.",
  'provider.approvedOnline':
    "✅ You're approved and online: you get requests for your services near your base. When you can't take work, go offline.",
  'provider.approvedOffline':
    "✅ You're approved, but you're offline: go online to start getting requests near your base.",
  'provider.alreadyRegistered': "You're already registered as a provider (status: {status}).",
  'provider.notRegistered':
    'You\'re not a provider yet. Choose "Become a provider" in the menu to register.',
  'provider.notApproved': "Your provider account isn't approved yet (status: {status}).",
  'provider.approved':
    '🎉 Your provider registration was approved! Go online to start receiving requests.',
  'provider.rejected':
    "Sorry: we couldn't approve your provider sign-up. If you think this is a mistake, sign up again with the correct details.",
  'provider.suspended':
    "Your provider account was suspended: you won't receive requests. Write to us if you think this is a mistake.",
  'provider.online': "🟢 You're online: we'll send you nearby requests.",
  'provider.offline': "⚪ You're offline: you won't receive requests.",
  'provider.stats':
    '*{name}*\nStatus: {status} · {online}\nRating: {rating}\n{jobs, plural, =0 {No jobs done yet} one {# job done} other {# jobs done}}',
  'btn.goOnline': 'Go online',
  'btn.goOffline': 'Go offline',
  'pstatus.pending': 'under review',
  'pstatus.approved': 'approved',
  'pstatus.rejected': 'rejected',
  'pstatus.suspended': 'suspended',
  'online.yes': 'online',
  'online.no': 'offline',

  // ---- issue 14, item 3 (a provider's own profile): "My provider profile" shows the settings
  // ---- and the latest rating comments, and changes services, base or radius (provider/profile.ts).
  'provider.settings':
    '🧰 Services: {services}\n📍 Base: {place} · up to {km} km\n💵 Visit fee: {fee}',
  'provider.noServices': 'none yet',
  'provider.commentsHead':
    '{count, plural, one {💬 The latest comment from your customers:} other {💬 The latest # comments from your customers:}}',
  'provider.commentsNone': '💬 No comments yet; they come when customers rate your work.',
  'list.profile': 'Edit profile',
  'row.editServices': 'Change services',
  'desc.editServices':
    '{count, plural, =0 {You offer none yet} one {You offer # service now} other {You offer # services now}}',
  'row.editBase': 'Change my base',
  'desc.editBase': 'Where you set out from to work',
  'row.editRadius': 'Change distance',
  'desc.editRadius': 'Now up to {km} km from your base',
  'desc.feeNow': 'Now: {fee}',
  'row.menu': 'Main menu',
  'desc.menu': 'Request a service and more',
  'provider.editServices':
    'Which services do you offer? Tap each one to mark or unmark it (✓), then tap "Done".',
  'provider.editLocation':
    'Where do you work from now? Share your base location with the button, or type the address or postal code.',
  'provider.editRadius': 'How far from your base can you go? Now up to {km} km.',
  'provider.editRadiusBare': 'How far from your base can you go?',
  'provider.servicesSaved':
    '✅ Done: you now offer {services}. New requests already take this into account.',
  'provider.baseSaved': "✅ Done: your base is now {place}. We'll send you requests near there.",
  'provider.baseSavedPin':
    "✅ Done: I saved your new base ({maps}). We'll send you requests near there.",
  'provider.radiusSaved': "✅ Done: we'll now send you requests up to {km} km from your base.",
  'provider.profileSaved': '✅ Done: I saved your change.',
  'provider.baseOutside':
    "We're not in {place} yet, so you'd get no requests there; your base stays as it was. For now we serve {served}.",
  'provider.baseOutsideUnknown':
    "We're not in that area yet, so you'd get no requests there; your base stays as it was. For now we serve {served}.",

  // provider: offers and jobs
  'progress.noJobs':
    'You have no active jobs right now. Once you accept a request, write "on my way" or "I\'m here" and I\'ll tell the customer.',
  'progress.several':
    "You have {count, plural, one {# active job} other {# active jobs}} and I don't know which customer to tell. Write to the right one directly:",
  'progress.toldOnTheWay': "👍 Done, I told {name} you're on your way.",
  'progress.toldArrived': "👍 Done, I told {name} you've arrived.",
  'progress.theCustomer': 'your customer',
  'progress.onTheWay': '🚗 *{service}*: {name} is on the way.',
  'progress.onTheWayEta': '🚗 *{service}*: {name} is on the way; arriving in about {minutes} min.',
  'progress.arrived':
    "📍 *{service}*: {name} says they've arrived. If you can't see them, message them on WhatsApp.",
  'jobs.none': 'You have no active jobs right now.',
  'jobs.unreachable':
    "If the customer doesn't answer, message or call them from their card. If you're there and nobody opens, tell them with “I'm here”. If they still don't show up, write “talk to a person” and someone from our team will help.",
  'jobs.count': 'Your active jobs: {count}',
  'jobs.more': 'There are more active jobs ({count}); finish these first.',
  'jobs.item': '*{service}* for {name}\n📍 {place}\n{maps}',
  'row.myJobs': 'My jobs',
  'desc.myJobs': 'Accepted jobs and their contact',
  'offer.received':
    '🔔 *New request: {service}*\n📍 {distance} from your base{area}\n⏱️ You have {time} to answer.',
  'offer.area': ' ({area})',
  'offer.urgent': '⚡ *Urgent*: the customer needs it as soon as possible.',
  'offer.urgentService': '{service} (urgent)',
  'offer.problem': '🗒️ “{problem}”',
  'offer.mediaFollow': "📷 The customer's photos or voice notes follow.",
  'btn.accept': 'Accept',
  'btn.decline': 'Decline',
  'job.accepted': '✅ The job is yours! *{service}* for {name}.\n📍 {place}\n{maps}',
  'job.contact': 'Message them: {link}',
  'job.noContact': "Their WhatsApp number isn't available; write to us if you need anything.",
  'job.markDoneHint': 'When you finish, tap "Done".',
  'btn.markDone': 'Done',
  'offer.youDeclined': 'OK, you declined the request.',
  'offer.noneOpen':
    "You have no request to answer right now. I'll let you know as soon as one comes in 👍",
  'offer.notAvailable': 'Sorry, that request is no longer available.',
  'offer.alreadyAccepted': 'You had already accepted this request.',
  'offer.alreadyDeclined': 'You had already declined this request.',
  'offer.expired': '⏱️ The time to answer a request ran out; we sent it to another provider.',
  'request.cancelledByCustomer': 'The customer cancelled their request (*{service}*).',
  'job.completed':
    '👍 Job done! We asked the customer to rate you.\nYour rating: {rating} · {jobs, plural, one {# job} other {# jobs}}.',
  'job.alreadyCompleted': 'That job was already marked as done.',
  'job.notAllowed': "You can't mark that job as done.",
  'rating.received':
    '⭐ A customer rated you {stars, plural, one {# star} other {# stars}}. Your rating: {rating}.',
  'rating.updated':
    '⭐ A customer changed their rating to {stars, plural, one {# star} other {# stars}}. Your rating: {rating}.',
  'pin.shared': '📍 Done, I passed your location on to {name}.',
  'pin.forProvider': '📍 Exact location from {name} for *{service}*:\n{place}\n{maps}',
  'place.pin': 'Location on the map',
  'rating.comment':
    '💬 A customer commented on your work ({stars, plural, one {# star} other {# stars}}): “{comment}”',
  'job.reopened':
    "The customer says the job (*{service}*) isn't finished yet, so it's still yours. When it's done, tap \"Done\".",

  // per-user limits (runner/slow-down.ts): the one notice when messages come too fast.
  // {wait} is the real wait, rounded up: "about 40 seconds" (limit.waitAbout), "2 minutes", "1 hour".
  'limit.slowDown': "You're going a bit fast 🙂 Wait {wait} and write to me again.",
  'limit.waitAbout': 'about {duration}',

  // ---- issue 14, items 4–5 (offers that respect people, visit fees): keys added by the offers
  // ---- branch; existing keys above are unchanged.
  // offers: a provider who went offline, expiries told honestly, missed offers
  'offer.withdrawn': '{name} went offline and can no longer take your request.',
  'offer.expiredNotPassed':
    "⏱️ The time to answer a request ran out, so it's no longer available to you.",
  'provider.setOfflineMissed':
    '⚪ You didn\'t answer several requests in a row, so we set you offline so that no customer is left waiting. When you want to receive requests again, tap "Go online" or type *online*.',
  'provider.offlineWithdrew':
    "We withdrew the request you had pending so the customer isn't left waiting.",
  // the provider the customer chose
  'chosen.unavailable': "{name} isn't available right now.",
  'chosen.ask':
    '*{service}*: do you want us to look for another provider near you, or would you rather cancel the request?',
  'btn.findAnother': 'Find another',
  'providers.pickAnother': "Sure, here's the list again: pick someone else.",
  'replace.ask': '*{service}*: shall I look for another provider for your request?',
  'replace.askAccepted':
    '*{service}*: {name} already accepted your request. Shall I cancel with {name} and find another provider?',
  'replace.askOffered':
    "*{service}*: {name} has your request and hasn't answered yet. Shall I take it back and find another provider?",
  'btn.replaceYes': 'Yes, find another',
  'btn.replaceNo': 'No, keep it',
  'replace.doneAccepted':
    "Done, I told {name} they're no longer needed. Looking for another *{service}* provider…",
  'replace.doneOffered':
    "Done, {name} won't get it anymore. Looking for another *{service}* provider…",
  'replace.doneNone': 'Sure, looking for another *{service}* provider…',
  'replace.notOpen': "That request is already finished or cancelled, so there's no one to change.",
  'request.replacedByCustomer':
    '*{service}*: the customer chose to look for another provider, so this request is no longer yours. You can get other requests now.',
  'btn.cancel': 'Cancel',
  // cancelling an accepted job
  'cancel.confirm':
    "*{service}*: are you sure you want to cancel the job with {name}? If so, choose the reason; we'll tell {name}.",
  'list.cancelWhy': 'Choose a reason',
  'row.whySolved': 'It got solved',
  'row.whyTooSlow': "It's taking too long",
  'row.whyPrice': "We didn't agree a price",
  'row.whyFoundOther': 'I found someone else',
  'row.whyNotNeeded': 'I no longer need it',
  'row.whyOther': 'Another reason',
  'row.keepJob': "Don't cancel",
  'desc.keepJob': 'Stay with {name}',
  'cancel.askNote': "Tell us in a few words why you're cancelling; we'll tell {name}.",
  'cancel.noteTooShort': 'Please tell us a little more.',
  'cancel.kept': 'Great: nothing was cancelled, your job is still on.',
  'btn.keepJob': "Don't cancel",
  'cancel.reason': 'Reason: {reason}',
  // marking a job done too soon after accepting it
  'job.tooSoon':
    "You accepted this job very recently, so we asked the customer to confirm it's done. I'll let you know as soon as they answer.",
  'done.ask': '🧰 {name} says your job (*{service}*) is done. Is it?',
  'btn.doneYes': "Yes, it's done",
  'btn.doneNotYet': 'Not yet',
  'done.askClose': 'Has {name} finished your job (*{service}*)?',
  'done.stillOpen': "OK. When it's finished, write “it's done” and I'll ask for your rating.",
  'done.notYet': "Got it: we told {name} it isn't finished yet.",
  'drop.ask':
    "Can't make it to {name}'s job (*{service}*) anymore? If you give it back, I'll tell them and find someone else.",
  'btn.dropYes': "I can't go",
  'btn.dropNo': "I'm going",
  'drop.done':
    "Done, I told the customer and I'm looking for someone else. Thanks for letting us know 🙏",
  'drop.kept': '👍 OK, the job is still yours.',
  'drop.several':
    "You have {count, plural, one {# active job} other {# active jobs}}. Which one can't you make? Tap “I can't go” on it; if you need help, write “talk to a person”.",
  'job.dropped':
    "😕 {name} can't make it to your job (*{service}*) anymore. Don't worry: I'm looking for someone else and will let you know as soon as they accept.",
  'done.providerNotYet':
    'The customer says the job (*{service}*) isn\'t finished yet. When you finish, tap "Done" again.',
  'done.confirmed':
    '👍 The customer confirmed the job is done. We asked them to rate you.\nYour rating: {rating} · {jobs, plural, one {# job} other {# jobs}}.',
  // visit fees
  'fee.line': 'Visit fee: {fee}',
  'fee.free': 'free',
  'fee.agree': 'to be agreed',
  'desc.fee': 'Visit {fee}',
  'desc.feeFree': 'Free visit',
  'desc.feeAgree': 'Visit fee to be agreed',
  'offer.fee': "{name}'s visit fee: {fee}. You agree the price of the job between you.",
  'price.list':
    "This is what the providers you're looking at charge to come and look at the job (visit or diagnosis):\n{list}\n\nYou agree the price of the job directly with the provider before they start.",
  'price.item': '• {name}: {fee}',
  'provider.askFee':
    'One last (optional) question: how much do you charge to come and look at the job (visit or diagnosis)? Type the amount in pesos, for example 350, or tap an option.',
  'provider.editFee':
    'How much do you charge to come and look at the job (visit or diagnosis)? Customers see it before choosing you. Type the amount in pesos, for example 350, or tap an option.',
  'provider.feeFormat': 'Type just the amount in whole pesos, for example: 350.',
  'provider.feeRange': 'The visit fee must be between $0 and $10,000 MXN.',
  'provider.feeSaved': 'Done: your visit fee is now {fee}.',
  'btn.feeFree': 'No visit fee',
  'btn.feeAgree': 'To be agreed',
  'row.visitFee': 'Visit fee',
  'desc.visitFee': 'What you charge to come and look at the job',

  /* ---- Human help and privacy (flows/care.ts; issue 15). Added as one block at the end so the
     wording pass can review it in one place. ---- */
  'care.privacyNotice': 'Your privacy matters: read our privacy notice at {url}',
  'row.human': 'Talk to a person',
  'desc.human': 'Someone from our team answers you here',
  'handoff.opened':
    "Done, I let a person from our team know. They'll answer you here in about {minutes} min. Meanwhile the automatic assistant is paused; to go back to it, type *menu*.",
  'handoff.openedLater':
    "Done, I let a person from our team know. We're open from {open} to {close}; we'll answer you here as soon as we open. Meanwhile the automatic assistant is paused; if you need it before then, type *menu*.",
  'handoff.off':
    'Right now nobody from our team is available for this chat, but I can help. Tell me what you need.',
  'handoff.already': "We already told a person from our team; they'll answer you here.",
  'handoff.received':
    "📨 Got it: your message is with our team and they'll answer you here. To go on with the assistant instead, type *menu*.",
  'handoff.appeal': 'We received your request for a review.',
  'handoff.returned':
    "The person from our team has finished. You're back with the automatic assistant.",
  'handoff.timedOut':
    'Sorry, nobody from our team could answer you in time. You\'re back with the automatic assistant; type "agent" to try again.',
  'provider.reason': 'Reason: {reason}',
  'provider.appealHint':
    'If you disagree, ask for a review and a person from our team will answer you.',
  'btn.appeal': 'Ask for a review',
  'care.optedOut':
    'Done, we won\'t send you notices on our own any more. If you write to us, we\'ll still answer. To get them again, type "alta".',
  'care.optedIn': 'Done, you\'ll get our notices again. To stop them, type "stop".',
  'care.eraseAsk':
    "Are you sure you want to delete your data? We'll delete your name, your number, your messages and your requests; only anonymous figures remain. This can't be undone.",
  'btn.eraseYes': 'Yes, delete',
  'btn.eraseNo': 'No, keep it',
  'care.erasing': "We're deleting your data; we'll tell you when it's done.",
  'care.erased':
    'Done, we deleted your data. If you write again, we start from scratch. Thank you for using Ubermench!',
  'care.kept': 'OK, we deleted nothing.',
};
