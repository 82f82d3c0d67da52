import type { ChannelType } from './channel.js';
import { avatarPath } from './files.js';
import type { Contact, HistoryEntry, MessageStatus } from './inbox.js';
import { mediaFixtures, type MediaFixture } from './media.js';

/** A store's customer chats: what contacts write, and what the business answers. */
const EXCHANGES: readonly { incoming: readonly string[]; outgoing: readonly string[] }[] = [
  {
    incoming: ['Hi! Is the linen shirt still available in medium?'],
    outgoing: [
      'Hello! Yes, we have it in medium in white and sand.',
      'Would you like me to reserve one for you?',
    ],
  },
  {
    incoming: ['Great, the sand one please', 'Can you deliver to Al Olaya?'],
    outgoing: ['Sure, delivery to Al Olaya takes 1–2 days and costs SAR 25.'],
  },
  {
    incoming: ['When will my order arrive?'],
    outgoing: ['Let me check… It left our warehouse this morning, you should get it tomorrow before 6 pm.'],
  },
  {
    incoming: ['مرحبا، هل لديكم مقاس كبير؟'],
    outgoing: ['أهلاً بك! نعم، المقاس الكبير متوفر باللونين الأبيض والأزرق.'],
  },
  { incoming: ['Thanks a lot 🙏'], outgoing: ["You're welcome! 😊"] },
  {
    incoming: ['Do you have a store I can visit?'],
    outgoing: ["Yes, we're on Tahlia Street, open 10 am to 11 pm every day."],
  },
  {
    incoming: ['The belt I received is too small. Can I exchange it?'],
    outgoing: [
      'Of course. You can exchange it within 14 days, just bring the receipt or show this chat.',
      'Or we can pick it up from you for free.',
    ],
  },
  {
    incoming: ['Pick up please', 'Tomorrow after 4 works for me'],
    outgoing: ['Done ✅ Our courier will call you tomorrow between 4 and 6 pm.'],
  },
  {
    incoming: ['Is there any discount this weekend?'],
    outgoing: ['Yes! 20% off all summer items from Thursday to Saturday.'],
  },
  { incoming: ['ok'], outgoing: ['Anything else I can help you with?'] },
  {
    incoming: [
      'I ordered two shirts last week but only one arrived, and the package looked like it had been opened. I still have the box and the delivery slip. What should I do?',
    ],
    outgoing: [
      "I'm really sorry about that. Could you send a photo of the box and the slip? I'll open a claim with the courier right away and ship the missing shirt today.",
    ],
  },
  {
    incoming: ['What payment methods do you accept?'],
    outgoing: ['Mada, Visa, Mastercard, Apple Pay and cash on delivery.'],
  },
  {
    incoming: ['Can I pay with Tabby?'],
    outgoing: ['Yes, Tabby is available at checkout for orders over SAR 200.'],
  },
  { incoming: ['السلام عليكم', 'كم سعر الحزام الجلدي؟'], outgoing: ['وعليكم السلام، سعره ١٢٠ ريال.'] },
  { incoming: ['👍'], outgoing: ['🙌'] },
];

/** What a simulated contact writes out of the blue (`chatty`, `POST /__sandbox/incoming`). */
export const CHATTY_LINES: readonly string[] = [
  'Hi, are you open today?',
  'Is the order on its way?',
  'Thanks!',
  'Can I change the size to large?',
  'هل التوصيل مجاني؟',
  'Do you ship to Jeddah?',
  'I just paid, please confirm 🙏',
  'ok',
  'Where can I find the tracking number?',
  'Sorry, one more question: do you have it in black?',
];

const CONTACT_NAMES: readonly string[] = [
  'Layla Hassan',
  'Omar Al-Farsi',
  'Noura Al-Qahtani',
  'Khalid Mansour',
  'Sara Ibrahim',
  'Fahad Al-Otaibi',
  'Maha Alharbi',
  'Yousef Nasser',
  'Reem Al-Dosari',
  'Ahmed Saleh',
];

/** What each channel says when it could not deliver (the provider gives statuses, not texts: docs/providers.md#delivery-statuses). */
const FAILURE_REASONS: Record<ChannelType, string> = {
  whatsapp: 'This number is not registered in WhatsApp.',
  telegram: 'The user has restricted who can send them messages.',
  instagram: "This account can't receive your message because it doesn't allow new message requests.",
  max: 'This number is not registered in MAX.',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** mulberry32: the same conversation number always gets the same history. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (low: number, high: number) => low + next() * (high - low),
    chance: (share: number) => next() < share,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

/** A contact as a channel of that type shows it; `number` picks the name and whether there is a photo. */
export function simulatedContact(
  type: ChannelType,
  number: number,
  given: Partial<Omit<Contact, 'id'>>,
  phone: () => string,
): Omit<Contact, 'id'> {
  const base = CONTACT_NAMES[(number - 1) % CONTACT_NAMES.length] ?? 'Sandbox Contact';
  // Every fifth WhatsApp contact has no saved name, only a number.
  const name = 'name' in given ? (given.name ?? null) : type === 'whatsapp' && number % 5 === 0 ? null : base;
  const handle = base.toLowerCase().replace(/[^a-z]+/g, type === 'instagram' ? '.' : '_');
  const username = 'username' in given ? (given.username ?? null) : type === 'whatsapp' ? null : handle;
  const contactPhone = 'phone' in given ? (given.phone ?? null) : type === 'instagram' ? null : phone();
  const avatar =
    'avatar_url' in given ? (given.avatar_url ?? null) : number % 2 === 1 ? avatarPath(base) : null;
  return { name, phone: contactPhone, username, avatar_url: avatar };
}

type Draft = Omit<HistoryEntry, 'timestamp'> & { startsExchange?: boolean };

function fileOf(fixture: MediaFixture, caption: string | null) {
  return { bytes: fixture.bytes, mime_type: fixture.mime_type, name: fixture.name, caption };
}

/** One message of every type, every outgoing status, a call, a deletion and links. */
function everyKind(type: ChannelType, at: number): Draft[] {
  const media = mediaFixtures();
  const incoming = (draft: Omit<Draft, 'direction' | 'status'>): Draft => ({
    ...draft,
    direction: 'incoming',
    status: null,
  });
  const outgoing = (status: MessageStatus, draft: Omit<Draft, 'direction' | 'status'>): Draft => ({
    ...draft,
    direction: 'outgoing',
    status,
  });
  return [
    incoming({
      type: 'text',
      text: 'Here is my order page: https://example.com/orders/1042 and the old tracking link http://example.com/track?id=1042',
      startsExchange: true,
    }),
    outgoing('read', { type: 'text', text: 'Thanks, found it.', reply_to: at }),
    incoming({ type: 'image', text: null, file: fileOf(media.image, 'This is the one I mean') }),
    outgoing('read', { type: 'document', text: null, file: fileOf(media.document, 'Your invoice') }),
    incoming({ type: 'audio', text: null, file: fileOf(media.audio, null) }),
    outgoing('played', { type: 'audio', text: null, file: fileOf(media.audio, null) }),
    incoming({ type: 'video', text: null, file: fileOf(media.video, 'How it looks on') }),
    incoming({ type: 'document', text: null, file: fileOf(media.contact, null) }),
    incoming({ type: 'call', text: 'Missed voice call', startsExchange: true }),
    outgoing('read', { type: 'call', text: 'Outgoing video call, 2 min' }),
    incoming({ type: 'unsupported', text: null }),
    incoming({ type: 'text', text: null, deleted: true }),
    outgoing('read', { type: 'text', text: null, deleted: true }),
    outgoing('failed', { type: 'text', text: 'Your order has shipped!', error: FAILURE_REASONS[type] }),
    outgoing('delivered', { type: 'text', text: "Here is the courier's number: +966 11 000 0000" }),
    outgoing('sent', { type: 'text', text: 'Are you still there?' }),
    outgoing('pending', { type: 'text', text: 'Sending the return label now…' }),
  ];
}

/**
 * `count` messages ending before `end`: exchanges between contact and business, runs from one
 * sender, some replies, hours or days between exchanges. With `allTypes` the newest messages show
 * every type and status; with `imageEvery` every so many messages is a photo with its text as caption.
 * Outgoing history is `read` (`played` for audio), the trailing run `delivered`.
 */
export function simulatedHistory(options: {
  type: ChannelType;
  count: number;
  allTypes: boolean;
  imageEvery?: number;
  end: number;
  seed: number;
}): HistoryEntry[] {
  const random = randomSource(options.seed);
  const tail = options.allTypes ? everyKind(options.type, Math.max(0, options.count)) : [];
  const drafts: Draft[] = [];
  while (drafts.length < options.count) {
    const exchange = random.pick(EXCHANGES);
    const firstIncoming = drafts.length;
    exchange.incoming.forEach((text, index) => {
      const replyTo =
        index === 0 && random.chance(0.1)
          ? drafts.findLastIndex((draft) => draft.direction === 'outgoing')
          : -1;
      drafts.push({
        direction: 'incoming',
        type: 'text',
        text,
        status: null,
        reply_to: replyTo >= 0 ? replyTo : null,
        startsExchange: index === 0,
      });
    });
    // Sometimes the contact writes again before anyone answers.
    if (random.chance(0.15)) continue;
    const replies = exchange.incoming.length > 1 && random.chance(0.5);
    exchange.outgoing.forEach((text, index) => {
      drafts.push({
        direction: 'outgoing',
        type: 'text',
        text,
        status: 'read',
        reply_to: replies && index === 0 ? firstIncoming : null,
      });
    });
  }
  drafts.length = options.count;
  const imageEvery = options.imageEvery ?? 0;
  if (imageEvery > 0) {
    const image = mediaFixtures().image;
    for (let index = imageEvery - 1; index < drafts.length; index += imageEvery) {
      drafts[index] = {
        ...drafts[index],
        type: 'image',
        text: null,
        file: fileOf(image, drafts[index].text),
      };
    }
  }
  const trailing = drafts.length - drafts.findLastIndex((draft) => draft.direction === 'incoming') - 1;
  for (let index = drafts.length - trailing; index < drafts.length; index++)
    drafts[index].status = 'delivered';
  drafts.push(...tail);

  const times: number[] = [];
  let at = options.end;
  for (let index = drafts.length - 1; index >= 0; index--) {
    times[index] = at;
    const gap = drafts[index].startsExchange
      ? random.chance(0.5)
        ? random.between(6 * HOUR, 30 * HOUR)
        : random.between(10 * MINUTE, 2 * HOUR)
      : random.between(0.25 * MINUTE, 6 * MINUTE);
    at -= Math.round(gap);
  }
  return drafts.map(({ startsExchange: _starts, ...draft }, index) => ({
    ...draft,
    timestamp: times[index],
  }));
}
