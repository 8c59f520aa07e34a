import { pick, randomInt, type Rng, zipf } from './random.js';

/**
 * Help-desk text from a seeded PRNG: templates filled from vocabularies whose words follow a Zipf
 * law, so full-text search sees very common words ("order", "refund"), a long tail of rare ones
 * (brand names, order numbers) and words that never occur.
 */

const SYLLABLES = ['vel', 'or', 'an', 'qui', 'tar', 'lum', 'zen', 'tro', 'mar', 'kel', 'dor', 'bri', 'sol'];
const SYLLABLES_2 = ['ora', 'ix', 'ano', 'eto', 'ume', 'ia', 'ova', 'ent', 'ara', 'ino', 'yx', 'elle', 'um'];
const ENDINGS = ['', 'a', 'o', 'is', 'ex', 'on', 'ly', 'ia', 'ar', 'us'];

/** 1,690 made-up brand names; the tail of a Zipf law over them is what rare searches look for. */
export const BRANDS: readonly string[] = SYLLABLES.flatMap((a) =>
  SYLLABLES_2.flatMap((b) => ENDINGS.map((c) => `${a[0]!.toUpperCase()}${a.slice(1)}${b}${c}`)),
);

const ITEMS = [
  'kettle',
  'lamp',
  'backpack',
  'jacket',
  'headphones',
  'blender',
  'charger',
  'mattress',
  'sneakers',
  'watch',
  'keyboard',
  'monitor',
  'speaker',
  'tent',
  'bottle',
  'router',
  'camera',
  'scarf',
  'desk',
  'chair',
  'vacuum',
  'toaster',
  'drone',
  'tablet',
  'case',
  'cable',
  'mug',
  'pan',
  'knife',
  'grill',
  'bike',
  'helmet',
  'stroller',
  'candle',
  'perfume',
  'serum',
  'shampoo',
  'sweater',
  'boots',
  'rug',
];
const CARRIERS = [
  'UPS',
  'FedEx',
  'DHL',
  'USPS',
  'Royal Mail',
  'DPD',
  'GLS',
  'Canada Post',
  'PostNL',
  'Hermes',
];
const CITIES = [
  'Lisbon',
  'Berlin',
  'Toronto',
  'Austin',
  'Lyon',
  'Osaka',
  'Dublin',
  'Denver',
  'Madrid',
  'Oslo',
  'Seattle',
  'Porto',
  'Vienna',
  'Leeds',
  'Boston',
  'Milan',
  'Prague',
  'Sydney',
  'Chicago',
  'Ghent',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const COLORS = ['black', 'white', 'navy', 'olive', 'red', 'grey', 'beige', 'teal', 'pink', 'yellow'];
const SIZES = ['small', 'medium', 'large', 'XL', 'XXL', 'size 8', 'size 10', 'size 42', 'king', 'queen'];
const FEATURES = [
  'dark mode',
  'CSV export',
  'two-factor login',
  'the mobile app',
  'bulk edit',
  'the calendar sync',
  'single sign-on',
  'the API',
  'push notifications',
  'team invites',
  'the shared inbox',
  'webhooks',
];
const PLANS = ['Starter', 'Basic', 'Pro', 'Business', 'Team', 'Enterprise'];
export const FIRST_NAMES = [
  'Ava',
  'Liam',
  'Noah',
  'Emma',
  'Olivia',
  'Mia',
  'Lucas',
  'Ethan',
  'Sofia',
  'Amir',
  'Yuki',
  'Chen',
  'Priya',
  'Mateo',
  'Zoe',
  'Hannah',
  'Omar',
  'Leila',
  'Jonas',
  'Ines',
  'Tomas',
  'Grace',
  'Ravi',
  'Elena',
  'Kofi',
  'Aisha',
  'Diego',
  'Freya',
  'Hugo',
  'Nina',
  'Arjun',
  'Maya',
  'Felix',
  'Clara',
  'Ibrahim',
  'Lena',
];
export const LAST_NAMES = [
  'Smith',
  'Garcia',
  'Müller',
  'Rossi',
  'Dubois',
  'Kowalski',
  'Tanaka',
  'Nguyen',
  'Silva',
  'Jensen',
  'Okafor',
  'Patel',
  'Haddad',
  'Novak',
  'Moreau',
  'Costa',
  'Schmidt',
  'Ivanova',
  'Lopez',
  'Andersen',
  'Kim',
  'Cohen',
  "O'Brien",
  'Fischer',
  'Nakamura',
  'Bianchi',
  'Larsen',
  'Mensah',
  'Sato',
  'Weber',
];

/** Everyday support words, most common first; filler sentences draw from them by a Zipf law. */
const FILLER = (
  'please thanks order help still need just time know when today issue week again also could would ' +
  'really check update email account since asap waiting soon problem back answer reply tomorrow quickly ' +
  'possible confirm information details address number phone message system working weekend morning ' +
  'evening support team customer service package box label payment bank statement receipt warranty ' +
  'manual instructions photo picture screenshot video link website checkout cart coupon discount code ' +
  'gift voucher price sale promotion return exchange replacement repair technician appointment store ' +
  'pickup locker neighbour doorstep courier driver depot warehouse stock backorder preorder restock ' +
  'shipping express standard overnight international customs duty tax fee surcharge invoice billing ' +
  'subscription renewal trial upgrade downgrade cancel pause plan seat license login password reset ' +
  'verification security locked blocked error crash freeze slow battery screen button cable firmware ' +
  'install setup connect bluetooth wifi pairing reboot settings profile notification language timezone ' +
  'holiday birthday wedding present urgent disappointed frustrated happy grateful patient confused ' +
  'broken damaged scratched cracked leaking missing wrong late lost stolen faulty noisy smelly tight ' +
  'loose heavy bright dim quiet loud soft rough sturdy fragile elegant practical affordable expensive ' +
  'recommend review rating feedback survey complaint escalate manager supervisor policy guarantee ' +
  'quartzite obsidian marigold juniper saffron cobalt vermilion tamarind chrysalis zephyr quokka'
).split(' ');

const fillerWord = zipf(FILLER, 1.1);
const brand = zipf(BRANDS, 1.15);

function product(rng: Rng): string {
  return `${brand(rng)} ${pick(rng, ITEMS)}`;
}

function orderNumber(rng: Rng): string {
  return String(randomInt(rng, 100000, 999999));
}

function trackingNumber(rng: Rng): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let out = '1Z';
  for (let i = 0; i < 12; i++) out += chars[Math.floor(rng() * chars.length)];
  return out;
}

function amount(rng: Rng): string {
  return `$${randomInt(rng, 5, 480)}.${String(randomInt(rng, 0, 99)).padStart(2, '0')}`;
}

type Slots = Record<string, (rng: Rng) => string>;

const SLOTS: Slots = {
  product,
  item: (rng) => pick(rng, ITEMS),
  order: orderNumber,
  tracking: trackingNumber,
  amount,
  carrier: (rng) => pick(rng, CARRIERS),
  city: (rng) => pick(rng, CITIES),
  day: (rng) => pick(rng, DAYS),
  color: (rng) => pick(rng, COLORS),
  size: (rng) => pick(rng, SIZES),
  feature: (rng) => pick(rng, FEATURES),
  plan: (rng) => pick(rng, PLANS),
  name: (rng) => pick(rng, FIRST_NAMES),
  days: (rng) => String(randomInt(rng, 2, 21)),
  code: (rng) => `E-${randomInt(rng, 100, 999)}`,
};

const CUSTOMER_OPENINGS = [
  'My order #{order} never arrived and the tracking with {carrier} has not moved since {day}.',
  'I ordered the {product} in {color} but received a {size} one instead.',
  'The {product} I received is damaged, the box was crushed and the {item} is cracked.',
  'I was charged twice for order #{order}, could you refund the duplicate payment of {amount}?',
  'I would like to return the {product}, it does not fit and I need a {size}.',
  'Can you tell me when the {product} will be back in stock?',
  'I cannot log in to my account, the password reset email never arrives.',
  'My subscription renewed on the {plan} plan but I cancelled it last month.',
  'The app keeps crashing with error {code} when I open {feature}.',
  'Where is my refund for order #{order}? You said {days} days and it has been longer.',
  'The {product} stopped working after {days} days, is it covered by the warranty?',
  'I need to change the delivery address for order #{order} to {city}.',
  'How do I set up {feature} for my team on the {plan} plan?',
  'The package was marked delivered by {carrier} but nothing was at my door.',
  'I applied a discount code at checkout but the price of the {product} did not change.',
  'Can I upgrade from {plan} to a bigger plan without losing my data?',
  'My invoice for this month shows {amount} but my plan should cost less.',
  'The {product} smells strange and the {item} is leaking, I do not feel safe using it.',
  'I got the wrong colour, I ordered {color} and got something else entirely.',
  'Is international shipping to {city} available for the {product}?',
];
const CUSTOMER_FOLLOW_UPS = [
  'Any update on this? It has been {days} days.',
  'Thanks, I just sent the photo of the damaged {item}.',
  'The tracking number is {tracking} if that helps.',
  'I still have not received anything, this is really frustrating.',
  'That worked, thank you so much for the quick help!',
  'Could you send the return label to my email again? I cannot find it.',
  'I would prefer a replacement rather than a refund if possible.',
  'The courier says the parcel is at the {city} depot, can you check with {carrier}?',
  'Yes, the order number is #{order}.',
  'I tried that already, the error {code} is still there after a reboot.',
  'Please cancel the subscription, I do not need it anymore.',
  'OK, I will wait until {day} then.',
  'It arrived today, but the {item} is missing from the box.',
];
const AGENT_REPLIES = [
  'Hi {name}, thanks for reaching out. I am sorry about the trouble with order #{order}.',
  'I have issued a refund of {amount} to your original payment method; it should appear within {days} days.',
  'I checked with {carrier} and the parcel is on its way, the new tracking number is {tracking}.',
  'Could you send us a photo of the damaged {item} and the shipping label, please?',
  'I have sent a replacement {product} in {color}, it ships today by express.',
  'Your subscription is now cancelled and you will not be charged again.',
  'I have updated the delivery address to {city} and let the warehouse know.',
  'Please try resetting your password from the login page, I have unblocked your account.',
  'Our team is aware of error {code} in {feature} and a fix is coming this week.',
  'The {product} is back in stock next {day}, I can reserve one for you.',
  'I have applied the discount to your order and refunded the difference of {amount}.',
  'You can switch from {plan} to a bigger plan in the billing settings; your data stays as it is.',
  'Here is a prepaid return label for the {product}; drop it at any {carrier} point.',
  'The warranty covers the {item} for two years, so we will repair or replace it.',
  'I am escalating this to our logistics team and will get back to you by {day}.',
];
const NOTES = [
  'Customer is a repeat buyer, offer a discount code if they ask again.',
  'Checked the warehouse: order #{order} left on {day} with {carrier}.',
  'Possible fraud, the billing address is in {city} but shipping elsewhere. Hold the refund.',
  'Refund of {amount} approved by the supervisor.',
  'Known bug {code}, linked to the engineering ticket.',
  'Escalated to logistics, waiting on {carrier} investigation.',
  'Second complaint about the {product} this week, flag the batch.',
];
const GREETINGS = ['Hi,', 'Hello,', 'Hey there,', 'Good morning,', 'Hi team,', ''];
const SIGN_OFFS = ['Thanks', 'Thank you', 'Best regards', 'Cheers', 'Kind regards', ''];
const AGENT_CLOSINGS = [
  'Let me know if there is anything else I can help with.',
  'Have a great {day}!',
  'Thanks for your patience.',
  'We appreciate your understanding.',
];

function fill(rng: Rng, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => SLOTS[slot]!(rng));
}

function fillerSentence(rng: Rng): string {
  const words: string[] = [];
  const n = randomInt(rng, 4, 12);
  for (let i = 0; i < n; i++) words.push(fillerWord(rng));
  const sentence = words.join(' ');
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
}

function join(parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

export function customerMessage(rng: Rng, first: boolean, customerName: string): string {
  const body = first ? fill(rng, pick(rng, CUSTOMER_OPENINGS)) : fill(rng, pick(rng, CUSTOMER_FOLLOW_UPS));
  const extra = rng() < 0.6 ? fillerSentence(rng) : '';
  const signOff = pick(rng, SIGN_OFFS);
  return join([first ? pick(rng, GREETINGS) : '', body, extra, signOff ? `${signOff}, ${customerName}` : '']);
}

export function agentMessage(rng: Rng): string {
  const parts = [fill(rng, pick(rng, AGENT_REPLIES))];
  if (rng() < 0.5) parts.push(fill(rng, pick(rng, AGENT_REPLIES)));
  if (rng() < 0.3) parts.push(fillerSentence(rng));
  parts.push(fill(rng, pick(rng, AGENT_CLOSINGS)));
  return join(parts);
}

export function noteMessage(rng: Rng): string {
  return fill(rng, pick(rng, NOTES));
}

export function subjectLine(rng: Rng): string {
  return fill(
    rng,
    pick(rng, [
      'Order #{order}',
      'Problem with my {item}',
      'Refund request',
      'Billing question',
      'Error {code}',
    ]),
  );
}

/** Search queries a teammate would type: very common words, pairs, and rare or absent terms. */
export const SEARCH_QUERIES = {
  common: ['order', 'refund', 'thanks', 'tracking', 'password', 'subscription', 'help'],
  pair: ['order arrived', 'refund payment', 'damaged box', 'cancel subscription', 'return label'],
  rare: [...BRANDS.slice(-12), 'quokka', 'zephyr', 'tamarind charger', 'xylophonist', 'Quintaro'],
} as const;
