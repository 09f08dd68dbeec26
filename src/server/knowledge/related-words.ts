/**
 * Hand-curated vocabulary that lets a caller's words meet a business's own:
 * what people say on the phone ("jabs", "get my dog done", "money back")
 * against what handbooks and price lists write ("vaccination", "neutering",
 * "refund"). General to small service businesses (practices, clinics, trades,
 * hotels, shops), not to any one knowledge base. Postgres' english stemmer
 * already joins regular inflections, so entries name base forms.
 */

/** Words used for one thing, each group interchangeable in questions. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Opening, closing, schedules
  ['open', 'opening', 'opens'],
  ['close', 'closed', 'closing', 'shut', 'shuts'],
  ['hours', 'times', 'timetable', 'schedule'],
  ['holiday', 'holidays', 'vacation', 'closure', 'closures'],
  ['monday', 'mon'],
  ['tuesday', 'tue', 'tues'],
  ['wednesday', 'wed'],
  ['thursday', 'thu', 'thur', 'thurs'],
  ['friday', 'fri'],
  ['saturday', 'sat'],
  ['sunday', 'sun'],
  [
    'night',
    'overnight',
    'out-of-hours',
    'out of hours',
    '24 hours',
    'day and night',
    'around the clock',
  ],
  // Where and how to get there
  ['address', 'location', 'located', 'finding us', 'getting here'],
  ['parking', 'park', 'car park', 'parking space', 'garage'],
  ['bus', 'tram', 'train', 'public transport'],
  ['motorway', 'highway', 'freeway', 'expressway'],
  ['exit', 'junction', 'turn-off'],
  ['home', 'house', 'home visit'],
  ['wheelchair', 'step-free', 'disabled', 'ramp'],
  ['bike', 'bicycle', 'cycle', 'e-bike'],
  ['taxi', 'cab', 'shuttle', 'transfer'],
  // Contact
  ['phone', 'telephone', 'ring', 'call'],
  ['email', 'e-mail', 'mail'],
  ['reception', 'front desk', 'receptionist'],
  // Money
  ['price', 'cost', 'fee', 'charge', 'rate', 'tariff'],
  ['cheap', 'cheaper', 'discount', 'reduction', 'offer'],
  [
    'instalment',
    'installment',
    'instalments',
    'monthly payments',
    'payment plan',
    'finance',
    'spread the cost',
  ],
  ['deposit', 'upfront', 'up front', 'advance payment', 'down payment'],
  ['refund', 'refunded', 'reimburse', 'money back'],
  ['card', 'credit card', 'debit card', 'visa', 'mastercard', 'contactless'],
  ['invoice', 'bill', 'receipt'],
  ['insurance', 'insurer', 'insured', 'insurers'],
  ['free', 'no charge', 'free of charge', 'complimentary'],
  // Appointments and bookings
  ['appointment', 'booking', 'reservation', 'consultation', 'slot'],
  ['book', 'reserve', 'schedule'],
  ['cancel', 'cancellation', 'cancelled', 'canceled', 'reschedule'],
  ['remind', 'reminder', 'reminders'],
  ['late', 'delay', 'delayed', 'running late'],
  ['register', 'registration', 'sign up', 'enrol', 'enroll', 'join'],
  ['new patient', 'new client', 'new customer', 'first visit', 'first appointment'],
  ['quote', 'quotation', 'estimate'],
  ['trial', 'free trial', 'try out', 'test drive'],
  ['two-step verification', 'two-factor', 'two-factor authentication', '2fa', 'mfa'],
  ['password', 'passcode', 'login details'],
  ['guarantee', 'guaranteed', 'warranty'],
  ['complaint', 'complain', 'unhappy', 'not happy', 'dissatisfied'],
  // People
  ['child', 'children', 'kid', 'kids', 'son', 'daughter', 'toddler', 'boy', 'girl'],
  ['baby', 'infant', 'newborn'],
  ['people', 'persons', 'guests', 'adults'],
  ['engineer', 'technician', 'plumber', 'fitter', 'tradesman', 'installer'],
  ['subcontractor', 'subcontractors', 'contractor'],
  ['qualified', 'certified', 'registered', 'accredited', 'licensed'],
  [
    'nervous',
    'anxious',
    'scared',
    'afraid',
    'terrified',
    'frightened',
    'worried',
    'fear',
    'phobia',
    'anxiety',
  ],
  ['pain', 'painful', 'ache', 'aching', 'hurt', 'hurts', 'sore', 'toothache'],
  ['ill', 'sick', 'unwell', 'poorly'],
  ['emergency', 'urgent', 'urgently', 'asap'],
  ['serious', 'dangerous', 'urgent'],
  // Health care
  ['check-up', 'checkup', 'examination', 'exam'],
  ['cleaning', 'clean', 'cleaned', 'hygiene', 'hygienist', 'scale and polish'],
  ['whitening', 'whiten', 'whiter', 'bleaching'],
  ['braces', 'aligners', 'invisalign', 'straighten', 'straightening', 'orthodontic'],
  ['surgery', 'operation', 'procedure'],
  ['anaesthetic', 'anesthetic', 'sedation', 'numbing'],
  ['prescription', 'medication', 'medicine', 'medicines', 'meds', 'tablets'],
  ['vaccination', 'vaccine', 'vaccinate', 'jab', 'jabs', 'shot', 'shots', 'booster', 'injection'],
  ['neuter', 'neutering', 'neutered', 'spay', 'spayed', 'castrate', 'castrated', 'castration'],
  ['microchip', 'microchipping', 'chip', 'chipped'],
  ['euthanasia', 'put to sleep', 'put down'],
  ['poison', 'poisonous', 'toxic', 'swallowed'],
  ['food', 'eat', 'feed', 'fasting'],
  ['x-ray', 'xray', 'x-rays', 'scan'],
  ['coeliac', 'celiac', 'gluten', 'gluten-free'],
  ['cater', 'catering', 'accommodate', 'options'],
  ['lactose', 'dairy', 'lactose-free'],
  ['vegan', 'vegetarian', 'plant-based'],
  // Homes and trades
  ['leak', 'leaking', 'pouring', 'dripping', 'burst', 'flood', 'flooding'],
  ['boiler', 'furnace'],
  ['patch', 'patches', 'spot', 'spots'],
  ['grant', 'subsidy', 'funding', 'scheme'],
  ['stopcock', 'stop tap', 'shut-off valve', 'main valve'],
  ['break', 'broken', 'broke', 'crack', 'cracked', 'damaged'],
  ['refit', 'redo', 'renovate', 'renovation', 'remodel', 'refurbish', 'refurbishment'],
  ['showroom', 'shop', 'store'],
  ['area', 'region', 'serve'],
  // Stays
  ['check-in', 'arrival', 'arrive', 'arriving'],
  ['check-out', 'checkout', 'departure', 'depart'],
  ['cot', 'crib', 'travel cot'],
  ['wifi', 'wi-fi', 'internet', 'wireless'],
  ['breakfast', 'morning meal'],
  ['dinner', 'evening meal', 'supper', 'half board', 'half-board'],
  ['smoke', 'smoking', 'cigarette', 'cigarettes', 'vape', 'non-smoking'],
  ['luggage', 'baggage', 'bags', 'suitcase'],
  ['boat', 'boats', 'ferry', 'ship'],
  ['sauna', 'spa', 'steam room', 'wellness'],
  ['colour', 'color'],
  ['centre', 'center'],
];

/** Words that stand for more specific ones, one way only ("weekend" asks about Saturday, not the reverse). */
export const NARROWER_WORDS: Readonly<Record<string, readonly string[]>> = {
  open: ['closed'],
  morning: ['breakfast'],
  weekend: ['saturday', 'sunday', 'sat', 'sun'],
  weekends: ['saturday', 'sunday', 'sat', 'sun'],
  summer: ['july', 'august'],
  winter: ['december', 'january', 'february', 'christmas'],
  weekday: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'mon', 'fri'],
  weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'mon', 'fri'],
  puppy: ['dog'],
  puppies: ['dog'],
  kitten: ['cat'],
  kittens: ['cat'],
  pet: ['dog', 'cat', 'rabbit'],
  pets: ['dog', 'cat', 'rabbit'],
  animal: ['pet', 'dog', 'cat'],
  dog: ['pet'],
  cat: ['pet'],
  car: ['parking'],
  number: ['phone'],
  internet: ['wi-fi'],
  wifi: ['wi-fi'],
};

/**
 * Irregular forms that Postgres' english stemmer keeps apart from their base
 * word ("teeth" and "tooth" stem differently).
 */
export const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
  teeth: 'tooth',
  children: 'child',
  feet: 'foot',
  mice: 'mouse',
  geese: 'goose',
  men: 'man',
  women: 'woman',
  people: 'person',
  paid: 'pay',
  bought: 'buy',
  ate: 'eat',
  eaten: 'eat',
  took: 'take',
  taken: 'take',
  went: 'go',
  gone: 'go',
  left: 'leave',
  broke: 'break',
  broken: 'break',
  came: 'come',
  gave: 'give',
  given: 'give',
  brought: 'bring',
  kept: 'keep',
  sent: 'send',
  spent: 'spend',
  told: 'tell',
  found: 'find',
  lost: 'lose',
  sold: 'sell',
  got: 'get',
  gotten: 'get',
  made: 'make',
  saw: 'see',
  seen: 'see',
  fell: 'fall',
  fallen: 'fall',
  bit: 'bite',
  bitten: 'bite',
  knocked: 'knock',
  drove: 'drive',
  driven: 'drive',
  slept: 'sleep',
  stayed: 'stay',
};

/**
 * Caller phrasings that mean words a business writes. Each pattern runs on
 * the lower-cased question; the words it matched are replaced by `words`,
 * each a concept of its own.
 */
export const PHRASES: ReadonlyArray<{ pattern: RegExp; words: readonly string[] }> = [
  { pattern: /\b(business|office|working|opening) hours\b/g, words: ['opening', 'hours'] },
  {
    pattern: /\bput (?:(?:my|our|the|him|her|it|them|old|dog|cat|pet) ){0,3}to sleep\b/g,
    words: ['euthanasia'],
  },
  {
    pattern: /\bput (?:(?:my|our|the|him|her|it|them|old|dog|cat|pet) ){0,3}down\b/g,
    words: ['euthanasia'],
  },
  {
    pattern: /\bget (?:(?:my|our|the|him|her|it|them|dog|cat) ){1,2}done\b/g,
    words: ['neutering'],
  },
  { pattern: /\bsign (?:(?:my|our|the|\w+) )?up\b/g, words: ['register'] },
  { pattern: /\bmoney back\b/g, words: ['refund'] },
  {
    pattern:
      /\b(?:breaks?|broke|fails?|failed|stops? working|goes wrong|went wrong) (?:down )?again\b/g,
    words: ['guarantee'],
  },
  {
    pattern: /\b(?:stop|shut off|turn off) (?:it|the water|the leak|the flow)\b/g,
    words: ['stopcock'],
  },
  { pattern: /\b(?:that |which )?(?:works|would work|is suitable) for (?:me|us)\b/g, words: [] },
  { pattern: /\bget (?:it|the money|my money|this|that) back\b/g, words: ['refund', 'claim'] },
  {
    pattern: /\bpay (?:it |this |that )?(?:off|back) (?:monthly|over time|in parts)\b/g,
    words: ['monthly payments'],
  },
  { pattern: /\bdrop (?:(?:my|our|the|him|her|it|them|dog|cat) ){0,2}off\b/g, words: ['bring'] },
  { pattern: /\bpick (?:(?:my|our|the|him|her|it|them|dog|cat) ){0,2}up\b/g, words: ['collect'] },
  { pattern: /\bon (?:his|her|their|the|your) way\b/g, words: ['arriving'] },
  { pattern: /\blet (?:me|us) know\b/g, words: ['phone'] },
  { pattern: /\bget (?:in|into) (?:the|our|my) room\b/g, words: ['check-in', 'room'] },
  { pattern: /\b(?:leave|vacate) (?:the|our|my) room\b/g, words: ['check-out'] },
  {
    pattern: /\b(?:keep|stay in) (?:the|our|my) room (?:a bit |a little )?(?:longer|later)\b/g,
    words: ['late', 'check-out'],
  },
  { pattern: /\blast day\b/g, words: ['check-out'] },
  { pattern: /\bget (?:in|into the building|inside)\b/g, words: ['access'] },
  { pattern: /\bcome out\b/g, words: ['call-out'] },
  { pattern: /\bcall ?out\b/g, words: ['call-out'] },
  { pattern: /\bdo(?:es)?n'?t (?:turn up|show up|come)\b/g, words: ['missed'] },
  { pattern: /\bturn (?:up|out)\b/g, words: ['arrive'] },
  { pattern: /\bno[- ]show\b/g, words: ['missed'] },
  { pattern: /\bshow up\b/g, words: ['arrive'] },
  { pattern: /\bfront desk\b/g, words: ['reception'] },
  { pattern: /\bpublic transport\b/g, words: ['bus', 'tram', 'train'] },
  { pattern: /\bcar park\b/g, words: ['parking'] },
  { pattern: /\bleave (?:my|our|the) car\b/g, words: ['parking'] },
  { pattern: /\bnot happy\b/g, words: ['complaint'] },
  { pattern: /\bgovernment money\b/g, words: ['grant'] },
  { pattern: /\bhalf[- ]board\b/g, words: ['half-board'] },
];

/**
 * Words that say how a question is asked, not what it is about: they would
 * only dilute how much of it a passage covers.
 */
export const FILLER_WORDS = new Set(
  `a an the and or but if so to of in on at by for from with about as into onto over under
  i me my mine we us our ours you your yours he him his she her it its they them their
  what when where which who whom whose why how whether
  is am are was were be been being do does did done have has had having
  can could would should shall will may might must
  please tell know let like want wanted need needed wondering wonder ask asking question
  hi hello hey thanks thank cheers okay ok yes no well just also really actually exactly
  there here this that these those any some anything something thing things
  much many long often soon far quickly myself yourself ourselves whole
  get gets getting go goes going come comes coming happen happens happened take takes
  able possible way bit lot little few somewhere anywhere anyone someone again
  still even yet already again ever`.split(/\s+/),
);

/**
 * Everyday verbs and adjectives that carry little of what a question is
 * about ("do you *see* kids", "how long is a quote *good* for"): they count
 * as much as a question's form, not as its topic.
 */
export const COMMON_WORDS = new Set(
  `see seen leave use used keep give find look help try work works want need mean
  good great fine normal usual usually regular standard typical nice big small
  right same different available ok sure kind sort type stuff`.split(/\s+/),
);
