import type { RequestContext } from './api.js';
import {
  isChannelType,
  isoTime,
  isSyncStatus,
  SYNC_STATUSES,
  type Channel,
  type ChannelType,
} from './channel.js';
import {
  BodyFields,
  HttpError,
  isRecord,
  noContent,
  notFound,
  ok,
  route,
  type Reply,
  type Route,
  type RouteParams,
} from './http.js';
import { simulatedContact, simulatedHistory } from './history.js';
import {
  isMessageStatus,
  isMessageType,
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  conversationJson,
  messageJson,
  type MessageDraft,
  type MessageType,
} from './inbox.js';
import { mediaFixtures } from './media.js';
import { simulatedPhoneNumber } from './random.js';
import type { Tenant } from './tenant.js';

function scan({ tenant, now, body }: RequestContext): Reply {
  const fields = new BodyFields(body());
  const accountId = fields.requiredString('account_id');
  const username = fields.optionalString('username');
  fields.check();
  const attempt = tenant.attempts.get(accountId);
  if (!attempt) throw notFound('Connection attempt not found.');
  const state = attempt.state(now);
  if (state !== 'waiting') throw new HttpError(409, `The attempt is ${state}, not waiting for a scan.`);
  tenant.scanAttempt(attempt, username ?? simulatedPhoneNumber(), now);
  return ok(attempt.snapshot(now), 'QR code scanned.');
}

/** The user types the pairing code in WhatsApp: the attempt links as after a scan, with the pairing phone. */
function enterPairingCode({ tenant, now, body }: RequestContext): Reply {
  const fields = new BodyFields(body());
  const accountId = fields.requiredString('account_id');
  const code = fields.requiredString('code');
  fields.check();
  const attempt = tenant.attempts.get(accountId);
  if (!attempt?.pairing) throw notFound('No attempt linked by phone number has that account_id.');
  const state = attempt.state(now);
  if (state !== 'waiting') throw new HttpError(409, `The attempt is ${state}, not waiting for its code.`);
  if (code.replace(/[\s-]/g, '').toUpperCase() !== attempt.pairing.code) {
    throw new HttpError(422, 'WhatsApp says the code is wrong.');
  }
  tenant.scanAttempt(attempt, attempt.pairing.phone, now);
  return ok(attempt.snapshot(now), 'Pairing code entered.');
}

function syncStatusField(
  fields: BodyFields,
  body: Record<string, unknown>,
): Channel['sync_status'] | undefined {
  const value = body['sync_status'];
  if (value === undefined) return undefined;
  if (isSyncStatus(value)) return value;
  fields.fail('sync_status', `The sync status must be one of: ${SYNC_STATUSES.join(', ')}.`);
  return undefined;
}

function defaultUsername(type: ChannelType): string {
  return type === 'instagram' ? 'sandbox_brand' : simulatedPhoneNumber();
}

function addChannel({ tenant, now, body }: RequestContext): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const type = values['type'];
  if (!isChannelType(type)) fields.fail('type', 'The type must be whatsapp, telegram, instagram or max.');
  const username = fields.optionalString('username');
  const syncStatus = syncStatusField(fields, values);
  const isConnected = fields.optionalBoolean('is_connected');
  fields.check();
  const channelType = type as ChannelType;
  const channel = tenant.addChannel(
    {
      type: channelType,
      username: 'username' in values ? (username ?? null) : defaultUsername(channelType),
      sync_status: syncStatus ?? 'OK',
      is_connected: isConnected ?? true,
      last_synced_at: isoTime(now),
      settles: false,
    },
    now,
  );
  return ok(channel);
}

function patchChannel({ tenant, body }: RequestContext, params: RouteParams): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const syncStatus = syncStatusField(fields, values);
  const isConnected = fields.optionalBoolean('is_connected');
  fields.check();
  const channel = tenant.updateChannel(Number(params['id']), {
    ...(syncStatus !== undefined && { sync_status: syncStatus }),
    ...(isConnected !== undefined && { is_connected: isConnected }),
  });
  if (!channel) throw notFound('Channel not found.');
  return ok(channel);
}

/** Enough for days of history, still quick to build: a history is made without one event per message. */
const MAX_SEEDED_MESSAGES = 100_000;
const DEFAULT_SEEDED_MESSAGES = 20;

/** The tenant's connected channel of that type, or a new linked one as `POST /__sandbox/channels` adds it. */
function channelForConversation(tenant: Tenant, type: ChannelType, now: number): Channel {
  const connected = tenant.channels().filter((channel) => channel.type === type && channel.is_connected);
  return (
    connected.at(-1) ??
    tenant.addChannel(
      {
        type,
        username: defaultUsername(type),
        sync_status: 'OK',
        is_connected: true,
        last_synced_at: isoTime(now),
        settles: false,
      },
      now,
    )
  );
}

function contactFields(fields: BodyFields, value: unknown): Partial<Record<string, string | null>> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    fields.fail('contact', 'The contact must be an object.');
    return {};
  }
  const contact: Partial<Record<string, string | null>> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!['name', 'phone', 'username', 'avatar_url'].includes(key)) {
      fields.fail(`contact.${key}`, 'Unknown contact field: name, phone, username and avatar_url are known.');
    } else if (item !== null && typeof item !== 'string') {
      fields.fail(`contact.${key}`, `The contact ${key} must be a string or null.`);
    } else {
      contact[key] = item;
    }
  }
  return contact;
}

/** A conversation with a simulated contact and history; see README.md. */
function createConversation({ tenant, now, body, origin }: RequestContext): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const { channel: type, channel_id: channelId, messages = DEFAULT_SEEDED_MESSAGES } = values;
  const channelType = isChannelType(type) ? type : undefined;
  if (type !== undefined && !channelType) {
    fields.fail('channel', 'The channel must be whatsapp, telegram, instagram or max.');
  }
  let channel: Channel | undefined;
  if (channelId !== undefined) {
    channel = Number.isInteger(channelId) ? tenant.channelById(channelId as number) : undefined;
    if (!channel) fields.fail('channel_id', 'No channel of this tenant has that id.');
    else if (channelType && channel.type !== channelType) {
      fields.fail('channel_id', `That channel is not ${channelType}.`);
    }
  }
  const contact = contactFields(fields, values['contact']);
  if (!Number.isInteger(messages) || (messages as number) < 0 || (messages as number) > MAX_SEEDED_MESSAGES) {
    fields.fail('messages', `The messages must be an integer from 0 to ${MAX_SEEDED_MESSAGES}.`);
  }
  const allTypes = fields.optionalBoolean('all_types') ?? false;
  const imageEvery = values['image_every'] ?? 0;
  if (!Number.isInteger(imageEvery) || (imageEvery as number) < 0) {
    fields.fail('image_every', 'The image_every must be an integer from 0 (no photos).');
  }
  const newestAt = fields.optionalString('newest_at');
  const newest = newestAt === undefined ? undefined : Date.parse(newestAt);
  if (newest !== undefined && Number.isNaN(newest)) {
    fields.fail('newest_at', 'The newest_at must be an ISO 8601 time such as "2026-01-15T10:30:00Z".');
  }
  fields.check();
  channel ??= channelForConversation(tenant, channelType ?? 'whatsapp', now);
  const number = tenant.inbox.nextConversationNumber;
  const history = simulatedHistory({
    type: channel.type,
    count: messages as number,
    allTypes,
    imageEvery: imageEvery as number,
    // The newest message a few minutes to a few hours ago, so conversations do not all tie.
    end: newest ?? now - (1 + ((number * 37) % 180)) * 60_000,
    seed: number,
  });
  const conversation = tenant.inbox.addConversation(
    channel,
    simulatedContact(channel.type, number, contact, simulatedPhoneNumber),
    history,
    now,
  );
  return ok(conversationJson(conversation, origin));
}

const MAX_MANY_CONVERSATIONS = 10_000;

/** `count` conversations of one message each, on the tenant's WhatsApp account; answers how many. */
function createManyConversations({ tenant, now, body }: RequestContext): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const count = values['count'];
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_MANY_CONVERSATIONS) {
    fields.fail('count', `The count must be an integer from 1 to ${MAX_MANY_CONVERSATIONS}.`);
  }
  fields.check();
  const channel = channelForConversation(tenant, 'whatsapp', now);
  for (let made = 0; made < (count as number); made++) {
    const number = tenant.inbox.nextConversationNumber;
    const history = simulatedHistory({
      type: channel.type,
      count: 1,
      allTypes: false,
      end: now - made,
      seed: number,
    });
    tenant.inbox.addConversation(
      channel,
      simulatedContact(channel.type, number, {}, simulatedPhoneNumber),
      history,
      now - made,
    );
  }
  return ok({ count });
}

const INCOMING_FILES: Partial<Record<MessageType, keyof ReturnType<typeof mediaFixtures>>> = {
  image: 'image',
  document: 'document',
  audio: 'audio',
  video: 'video',
};

/** A message from the conversation's contact, now. */
function incoming({ tenant, now, body, origin }: RequestContext): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const conversationId = fields.requiredString('conversation_id');
  const text = fields.optionalString('text');
  const caption = fields.optionalString('caption');
  const replyTo = fields.optionalString('reply_to_message_id');
  const broadcast = fields.optionalBoolean('broadcast') ?? true;
  const type = values['type'] ?? 'text';
  if (!isMessageType(type)) fields.fail('type', `The type must be one of: ${MESSAGE_TYPES.join(', ')}.`);
  fields.check();
  const conversation = tenant.inbox.conversation(conversationId);
  if (!conversation) throw notFound('Conversation not found.');
  if (replyTo !== undefined && tenant.inbox.message(replyTo)?.conversation_id !== conversation.id) {
    fields.fail('reply_to_message_id', 'The message replied to is not in this conversation.');
    fields.check();
  }
  const messageType = type as MessageType;
  const fixture = INCOMING_FILES[messageType];
  const media = fixture && mediaFixtures()[fixture];
  const defaults: Partial<Record<MessageType, string | null>> = {
    text: 'Hello! Is anyone there?',
    call: 'Missed voice call',
  };
  const draft: MessageDraft = {
    type: messageType,
    text: media ? null : (text ?? defaults[messageType] ?? null),
    file: media && { ...media, caption: caption ?? text ?? null },
    reply_to_message_id: replyTo ?? null,
  };
  return ok(messageJson(tenant.inbox.receive(conversation, draft, now, { broadcast }), origin));
}

const MAX_TYPING_MS = 60_000;

/** The contact starts writing in the conversation for `for_ms` (5 s unless told): a `typing` frame. */
function typing({ tenant, now, body }: RequestContext): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const conversationId = fields.requiredString('conversation_id');
  const forMs = values['for_ms'] ?? 5000;
  if (!Number.isInteger(forMs) || (forMs as number) < 0 || (forMs as number) > MAX_TYPING_MS) {
    fields.fail('for_ms', `The for ms must be an integer from 0 to ${MAX_TYPING_MS}.`);
  }
  fields.check();
  const conversation = tenant.inbox.conversation(conversationId);
  if (!conversation) throw notFound('Conversation not found.');
  tenant.inbox.typing(conversation, now + (forMs as number));
  return ok({ conversation_id: conversation.id, until: isoTime(now + (forMs as number)) });
}

/** The contact comes online or goes offline (`last_seen_ms_ago` before now, or hidden): a `presence` frame. */
function presence({ tenant, now, body }: RequestContext): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const conversationId = fields.requiredString('conversation_id');
  const online = fields.optionalBoolean('online');
  const ago = values['last_seen_ms_ago'];
  if (online === undefined) fields.fail('online', 'The online field is required.');
  if (ago !== undefined && ago !== null && (!Number.isInteger(ago) || (ago as number) < 0)) {
    fields.fail('last_seen_ms_ago', 'The last seen ms ago must be null or an integer of 0 or more.');
  }
  fields.check();
  const conversation = tenant.inbox.conversation(conversationId);
  if (!conversation) throw notFound('Conversation not found.');
  const lastSeen = online ? now : typeof ago === 'number' ? now - ago : null;
  tenant.inbox.presence(conversation, online!, lastSeen);
  return ok({
    conversation_id: conversation.id,
    online,
    last_seen: lastSeen === null ? null : isoTime(lastSeen),
  });
}

const MAX_BURST_COUNT = 10_000;
const MAX_BURST_MS = 60_000;

/** Many incoming texts at a steady pace (`count` over `within_ms`), numbered "text 1", "text 2", … */
function burst({ tenant, body }: RequestContext): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const conversationId = fields.requiredString('conversation_id');
  const text = fields.optionalString('text') ?? 'Burst message';
  const count = values['count'] ?? 1000;
  const withinMs = values['within_ms'] ?? 1000;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_BURST_COUNT) {
    fields.fail('count', `The count must be an integer from 1 to ${MAX_BURST_COUNT}.`);
  }
  if (!Number.isInteger(withinMs) || (withinMs as number) < 0 || (withinMs as number) > MAX_BURST_MS) {
    fields.fail('within_ms', `The within ms must be an integer from 0 to ${MAX_BURST_MS}.`);
  }
  fields.check();
  const conversation = tenant.inbox.conversation(conversationId);
  if (!conversation) throw notFound('Conversation not found.');
  tenant.inbox.burst(conversation, count as number, withinMs as number, text);
  return ok({ conversation_id: conversation.id, count, within_ms: withinMs });
}

/** The contact reacts to a message (`''` takes the reaction back): `message:reaction` on the socket. */
function contactReacts({ tenant, origin, body }: RequestContext): Reply {
  const fields = new BodyFields(body());
  const messageId = fields.requiredString('message_id');
  const emoji = fields.optionalString('emoji') ?? '';
  fields.check();
  const message = tenant.inbox.message(messageId);
  const conversation = message && tenant.inbox.conversation(message.conversation_id);
  if (!message || !conversation) throw notFound('Message not found.');
  tenant.inbox.react(message, conversation.contact.id, emoji);
  return ok(messageJson(message, origin));
}

/** Sets a message's status (and error) at once, as a receipt would. */
function patchMessage({ tenant, body, origin }: RequestContext, params: RouteParams): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const status = values['status'];
  if (status !== null && !isMessageStatus(status)) {
    fields.fail('status', `The status must be null or one of: ${MESSAGE_STATUSES.join(', ')}.`);
  }
  const error = fields.optionalString('error');
  fields.check();
  const message = tenant.inbox.message(params['id'] ?? '');
  if (!message) throw notFound('Message not found.');
  tenant.inbox.setStatus(message, status as typeof message.status, error ?? null);
  return ok(messageJson(message, origin));
}

/**
 * The switches tests and host developers use to steer the simulation (see README.md). Minting
 * tokens is not here: it needs no tenant credential.
 */
export const controlRoutes: readonly Route<RequestContext>[] = [
  route('POST', '/__sandbox/scan', scan),
  route('POST', '/__sandbox/pair', enterPairingCode),
  route('POST', '/__sandbox/reset', ({ tenant, now }) => {
    tenant.reset();
    return ok(tenant.snapshot(now));
  }),
  route('GET', '/__sandbox/scenario', ({ tenant }) => ok(tenant.describeScenario())),
  route('POST', '/__sandbox/scenario', ({ tenant, body }) => {
    tenant.updateScenario(body());
    return ok(tenant.describeScenario());
  }),
  route('POST', '/__sandbox/channels', addChannel),
  route('PATCH', '/__sandbox/channels/:id', patchChannel),
  route('POST', '/__sandbox/conversations', createConversation),
  route('POST', '/__sandbox/conversations/many', createManyConversations),
  route('POST', '/__sandbox/incoming', incoming),
  route('POST', '/__sandbox/burst', burst),
  route('POST', '/__sandbox/typing', typing),
  route('POST', '/__sandbox/presence', presence),
  route('PATCH', '/__sandbox/messages/:id', patchMessage),
  route('POST', '/__sandbox/react', contactReacts),
  route('POST', '/__sandbox/socket/drop', ({ tenant }) => ok({ dropped: tenant.dropSockets() })),
  route('GET', '/__sandbox/state', ({ tenant, now }) => ok(tenant.snapshot(now))),
  route('GET', '/__sandbox/requests', ({ tenant }) => ok(tenant.requests)),
  route('DELETE', '/__sandbox/requests', ({ tenant }) => {
    tenant.requests = [];
    return noContent();
  }),
];
