/**
 * Conversation scripts for the demo workspace. Each runs to a resolution; the planner cuts it short
 * for conversations that are still open, pending or snoozed. Placeholders: {first} (the customer's
 * first name), {me} (the teammate replying), {email}, {company}, {order}, {product}, {amount},
 * {last4}, {ref} and {day}.
 */

export type TurnKind = 'customer' | 'reply' | 'note';
export type Turn = readonly [TurnKind, string];

/** A script line, `customer: …` (from the customer), `reply: …` (to them) or `note: …` (private). */
type Line = `${TurnKind}: ${string}`;

export interface DemoThread {
  labels: readonly string[];
  priority: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  /** The product this thread is about, when only one makes sense. */
  product?: string;
  turns: readonly Line[];
}

const TURN_KINDS: readonly TurnKind[] = ['customer', 'reply', 'note'];

export function parseTurn(line: Line): Turn {
  const kind = TURN_KINDS.find((k) => line.startsWith(`${k}: `)) ?? 'customer';
  return [kind, line.slice(kind.length + 2)];
}

export const DEMO_THREADS: readonly DemoThread[] = [
  {
    labels: ['shipping'],
    priority: 'medium',
    turns: [
      "customer: Hi there, I ordered the {product} on Monday (order {order}) and tracking hasn't moved in four days. Is it lost?",
      'note: Carrier portal shows it sitting at the regional hub since Thursday. Opened trace {ref} with them.',
      "reply: Hi {first}, sorry for the wait! Your parcel is held at the carrier's regional hub. I've opened a trace and will update you as soon as they reply, usually within 48 hours.",
      "customer: Thanks {me}. It's a gift for Saturday, so fingers crossed.",
      "reply: Good news: the carrier found it and it's out for delivery today. You'll get a text with a delivery window this morning.",
      'customer: It just arrived. Thanks for chasing it!',
      'reply: Brilliant, enjoy! Let us know if there is anything else.',
    ],
  },
  {
    labels: ['billing', 'refund'],
    priority: 'high',
    turns: [
      'customer: I was charged twice for order {order}: two payments of {amount} on my card ending {last4}. Please fix this.',
      'note: Confirmed in the payments dashboard: two captures 40 seconds apart, the checkout retried after a timeout. Refunding the duplicate.',
      "reply: Hi {first}, you're right, and I'm sorry. The checkout retried after a timeout and took the payment twice. I've refunded the duplicate {amount}; it will show on your statement in 5–10 business days.",
      'customer: OK, thank you. Will I get an email confirming the refund?',
      'reply: Yes, you should have it already, subject "Refund for order {order}". If it is not there, please check your spam folder.',
      'customer: Found it, thanks.',
    ],
  },
  {
    labels: ['account'],
    priority: 'medium',
    turns: [
      "customer: I've requested a password reset three times and no email arrives. I've checked spam.",
      "reply: Hi {first}, sorry about that. I've sent a fresh reset link by hand; it's valid for one hour. Could you check again?",
      "customer: Still nothing. Is it going to {email}? That's the right address.",
      "note: Email provider shows a hard bounce for this address last week, so it's on the suppression list. Removed it.",
      "reply: Found it: a bounce last week put your address on our email provider's block list. I've removed it and sent a new link just now.",
      'customer: Got it this time and I am back in. Thanks!',
    ],
  },
  {
    labels: ['shipping'],
    priority: 'low',
    turns: [
      "customer: Can I still change the delivery address on order {order}? I've moved and forgot to update it.",
      "reply: Hi {first}, it hasn't shipped yet, so yes. What's the new address?",
      'customer: 12 Elm Road, Apartment 4B. Same city, same postcode. Thanks!',
      'note: Updated the address in the warehouse system before picking.',
      'reply: Done: order {order} will go to 12 Elm Road, Apartment 4B. It ships tomorrow.',
      'customer: Perfect, cheers.',
    ],
  },
  {
    labels: ['returns'],
    priority: 'low',
    turns: [
      "customer: The {product} is bigger than I expected and doesn't fit my desk. Can I return it?",
      "reply: Of course, you have 30 days for returns. I've emailed you a prepaid return label; once the warehouse scans it we'll refund {amount} to your original payment method.",
      'customer: Label printed, dropping it at the post office tomorrow.',
      "reply: Thanks {first}. I'll keep an eye on it and confirm when the refund goes through.",
      'customer: The refund showed up today. Thanks for making it easy.',
      "reply: Glad to help. Sorry the {product} wasn't the right fit!",
    ],
  },
  {
    labels: ['returns', 'damaged'],
    priority: 'high',
    turns: [
      'customer: My {product} arrived with a cracked base. The box looked fine from the outside.',
      'customer: The crack runs along the left corner, about 10 cm. I can send photos if you need them.',
      'note: Third damaged {product} this month from the same batch. Flagging it to the warehouse team.',
      "reply: Hi {first}, I'm so sorry. No need to send the damaged one back: I've sent a replacement by express shipping, it should arrive in two days.",
      'customer: Wow, that was fast. Thank you!',
      "reply: You're welcome. If the replacement has any issue at all, reply here and I'll sort it.",
    ],
  },
  {
    labels: ['billing', 'promo'],
    priority: 'low',
    turns: [
      'customer: The code SPRING15 says it is invalid at checkout. The email said it runs until Sunday.',
      'reply: Hi {first}, thanks for flagging it! SPRING15 does not apply to items already on sale, which is probably what is happening. Is the {product} in your cart?',
      "customer: Yes, it is. The email didn't mention that.",
      'note: Marketing confirmed the exclusion was missing from the email. OK to apply 15% by hand as goodwill.',
      "reply: You're right, the email should have said so. I've applied 15% to your cart by hand; you'll see it at checkout.",
      'customer: Just ordered. Thanks for being reasonable about it!',
    ],
  },
  {
    labels: ['billing', 'subscription'],
    priority: 'medium',
    turns: [
      "customer: Please cancel my Demo Co Plus membership. I don't order often enough to make it worth it.",
      'reply: Hi {first}, sorry to see you go. Before I cancel: we can pause it for up to three months instead, free of charge. Would that help, or shall I go ahead?',
      'customer: No thanks, please cancel.',
      "reply: Done: your membership is cancelled and won't renew. You keep the benefits until the end of the current period.",
      'customer: Thanks.',
    ],
  },
  {
    labels: ['feature-request'],
    priority: 'low',
    product: 'Nimbus standing desk',
    turns: [
      'customer: Love the {product}! Any chance the app could remember more than two height presets? I switch between three.',
      "reply: Hi {first}, thank you, glad you like it! Three presets aren't possible yet, but I've passed your request to the product team.",
      "note: Added a vote to the 'more presets' request; it has 14 now.",
      "customer: Great, thanks. I'll keep an eye out for updates.",
      "reply: We'll let you know here when it ships.",
    ],
  },
  {
    labels: ['bug'],
    priority: 'high',
    product: 'Nimbus standing desk',
    turns: [
      'customer: The desk app crashes every time I open the Schedule tab. iPhone 13, iOS 17.4, app version 3.2.1.',
      'reply: Hi {first}, thanks for the detail, that helps a lot. Could you try signing out and back in? If it still crashes, tell me the time of the crash so I can find the report.',
      'customer: Signed out and in, still crashes. The last one was at 8:42 this morning.',
      'note: The crash report matches the known 3.2.1 schedule migration bug ({ref}). The fix is in 3.2.2, due in the App Store this week.',
      "reply: Found it: it's a known bug in 3.2.1, and version 3.2.2 fixes it. It should reach the App Store in the next few days.",
      'customer: Updated to 3.2.2 and the schedule works again. Thanks!',
    ],
  },
  {
    labels: ['billing', 'invoice'],
    priority: 'low',
    turns: [
      'customer: Could you reissue the invoice for order {order} with our company name and VAT number? I need it for our expenses.',
      "reply: Hi {first}, sure. What's the company name and VAT number you'd like on it?",
      'customer: {company}, VAT number GB 123 4567 89.',
      "reply: Here you go: I've emailed the updated invoice for order {order} to {email}.",
      'customer: Received, thank you!',
    ],
  },
  {
    labels: ['sales', 'wholesale'],
    priority: 'medium',
    turns: [
      "customer: We're fitting out a new office for 40 people. Do you offer volume pricing on the {product}?",
      'note: Good lead: 40 seats. Quote needed from sales.',
      "reply: Hi {first}, yes, we do! For 40 units we can offer a tiered discount with free delivery and assembly. What's your timeline, and which city?",
      'customer: We move in at the start of next month, in Manchester.',
      "reply: Perfect. I've sent a formal quote to {email}; it's valid for 30 days. Happy to jump on a call if that helps.",
      'customer: Got the quote, going through it with finance now. Thanks!',
    ],
  },
  {
    labels: ['pre-sales'],
    priority: 'low',
    product: 'Loop USB-C dock',
    turns: [
      'customer: Does the {product} work with a MacBook Pro that only has USB-C ports?',
      'reply: Hi {first}, yes. It connects over USB-C and comes with a USB-C to USB-C cable in the box.',
      'customer: And can it charge the laptop at the same time?',
      'reply: It passes through up to 85 W: enough for a 14-inch MacBook Pro. A 16-inch charges too, a little slower under heavy load.',
      'customer: Great, ordering now.',
    ],
  },
  {
    labels: ['returns', 'warranty'],
    priority: 'medium',
    product: 'Nimbus standing desk',
    turns: [
      "customer: My {product} stopped working after 14 months. Isn't there a two-year warranty?",
      "reply: Hi {first}, yes, it's covered for two years. Could you tell me the order number and describe what happens?",
      "customer: Order {order}. The motor hums but the desk doesn't move.",
      'note: Classic control box failure. Sending a replacement control box, no need for a full return.',
      "reply: Thanks! That's the control box, an easy part to swap. I've sent a replacement with a five-minute video guide; it should arrive by {day}.",
      'customer: Swapped it in, works perfectly. Great service.',
    ],
  },
  {
    labels: ['account', 'security'],
    priority: 'urgent',
    turns: [
      "customer: I lost my phone and can't get past the two-factor login. I have a client order to place today, please help!",
      'reply: Hi {first}, I can help. For your security I need to verify you first: please reply with the last four digits of the card on your most recent order and roughly when you placed it.',
      'customer: Card ending {last4}, ordered around the 3rd of last month.',
      'note: Verified against order {order}: card and date match. Resetting two-factor.',
      "reply: Thanks, you're verified. I've reset two-factor authentication; next time you sign in you'll set it up again with your new phone.",
      "customer: I'm in. Lifesaver, thank you.",
    ],
  },
  {
    labels: ['shipping', 'missing-item'],
    priority: 'high',
    turns: [
      "customer: Order {order} arrived but the cable for the {product} isn't in the box.",
      "reply: Hi {first}, sorry about that! I've sent a replacement cable by first-class post; it should arrive in one or two days.",
      'customer: Thanks. Can you send the tracking number?',
      "reply: Of course: it's {ref}.",
      'customer: The cable arrived today and everything works now.',
    ],
  },
  {
    labels: ['gift'],
    priority: 'none',
    turns: [
      "customer: Can you gift-wrap order {order} and add a card? It's a surprise, so please no receipt in the box.",
      'reply: Hi {first}, absolutely. What would you like the card to say?',
      'customer: "Happy 40th, Dad! Love, all of us."',
      'note: Added gift wrap and the card text to the packing note; no invoice in the box.',
      'reply: All set: gift-wrapped, card added, and no receipt in the box. It ships tomorrow.',
      'customer: Thank you so much!',
    ],
  },
  {
    labels: ['refund'],
    priority: 'medium',
    turns: [
      "customer: I returned my {product} two weeks ago and haven't seen the refund yet. Can you check?",
      'note: Return was scanned at the warehouse but the refund never triggered: stuck in the inspection queue.',
      "reply: Hi {first}, thanks for your patience. Your return reached us but got stuck in inspection. I've pushed the refund of {amount} through by hand just now.",
      'customer: OK, how long until I see it?',
      'reply: Usually three to five business days, depending on your bank.',
      "customer: It's there. Thanks.",
    ],
  },
  {
    labels: ['privacy'],
    priority: 'medium',
    turns: [
      'customer: Please delete my account and all my personal data.',
      "reply: Hi {first}, I can do that. To confirm: deleting your account removes your order history and any store credit, and can't be undone. Shall I go ahead?",
      'customer: Yes, go ahead.',
      'note: Erasure request logged ({ref}); 30-day deadline.',
      "reply: Done. Your data will be erased within 30 days, and we'll email you once it's complete.",
      'customer: Thank you.',
    ],
  },
  {
    labels: ['pre-sales'],
    priority: 'low',
    product: 'Orbit ergonomic chair',
    turns: [
      'customer: When will the {product} in walnut be back in stock?',
      'reply: Hi {first}, the next shipment lands in about three weeks. Shall I email you the moment it is available?',
      'customer: Yes please!',
      "reply: You're on the list: we'll email {email} as soon as walnut is back.",
      'customer: Thanks!',
    ],
  },
  {
    labels: ['billing', 'checkout'],
    priority: 'medium',
    turns: [
      'customer: My card keeps getting declined at checkout, but it works everywhere else.',
      "reply: Hi {first}, sorry for the hassle. Declines usually come from the bank's fraud check on a first purchase. Could you try once more? If it fails again I'll look up the exact decline code.",
      'customer: Tried again, same thing. Card ending {last4}.',
      'note: Decline code do_not_honor: bank-side, nothing we can change. Suggest calling the bank or paying with PayPal.',
      'reply: The bank declined it with a generic "do not honor" code, which only they can lift. A quick call to them usually fixes it, or you can pay with PayPal in the meantime.',
      "customer: Called the bank, they'd flagged it. The order went through now!",
    ],
  },
  {
    labels: ['feedback'],
    priority: 'none',
    turns: [
      'customer: Just wanted to say the {product} is fantastic, and the assembly instructions were the clearest I have ever seen.',
      "reply: Thank you so much, {first}! That made the team's day. I'll pass it on to the people who wrote the instructions.",
      'customer: Please do!',
      'reply: Done. Enjoy the {product}!',
    ],
  },
  {
    labels: ['shipping', 'delivery'],
    priority: 'medium',
    turns: [
      "customer: Can your courier deliver order {order} on a Saturday? Nobody's home on weekdays.",
      "reply: Hi {first}, our courier doesn't deliver on Saturdays in your area, but they can leave it at a nearby pickup point. Would that work?",
      'customer: Yes, the post office on the high street would be ideal.',
      'note: Redirected to the pickup point in the carrier portal.',
      "reply: Done: it'll go to the post office pickup point, and you'll get a text with a collection code.",
      'customer: Collected it this morning, thanks.',
    ],
  },
];
