import type {
  Contact,
  Conversation,
  ConversationPage,
  Message,
  MessageFile,
  MessagePage,
  MessageSearchHit,
  MessageSearchPage,
  MessageStatus,
  MessageType,
  Reaction,
  StartedConversation,
} from './types.js';
import { warnSkippedRecord, type SkipReporter } from './skipped-records.js';
import { ShapeError, fieldsOf, parseEach } from './validate.js';

const MESSAGE_TYPES: readonly MessageType[] = [
  'text',
  'image',
  'document',
  'audio',
  'video',
  'call',
  'unsupported',
];
const MESSAGE_STATUSES: readonly MessageStatus[] = [
  'pending',
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
];

function parseMessageFile(value: unknown): MessageFile | null {
  if (value === null || value === undefined) return null;
  const fields = fieldsOf(value, 'message.file');
  return {
    name: fields.string('name'),
    mime_type: fields.string('mime_type'),
    size: fields.nullableInteger('size'),
    caption: fields.nullableString('caption'),
    download_url: fields.string('download_url'),
  };
}

/** `seq` when it is a usable position; anything else only costs the client its gap detection. */
function sequenceOf(value: unknown): { seq?: number } {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? { seq: value } : {};
}

export function parseMessage(value: unknown): Message {
  const fields = fieldsOf(value, 'message');
  const direction = fields.string('direction');
  if (direction !== 'incoming' && direction !== 'outgoing') {
    throw new ShapeError(`message.direction: expected incoming or outgoing, got ${direction}`);
  }
  const type = fields.string('type');
  const status = fields.nullableString('status');
  const sender = fieldsOf(fields.raw('sender'), 'message.sender');
  return {
    id: fields.id('id'),
    conversation_id: fields.id('conversation_id'),
    external_id: fields.nullableString('external_id'),
    direction,
    // A type this version does not know is shown as unsupported rather than failing the whole page.
    type: MESSAGE_TYPES.includes(type as MessageType) ? (type as MessageType) : 'unsupported',
    text: fields.nullableString('text'),
    file: parseMessageFile(fields.raw('file')),
    sender: { id: sender.id('id'), name: sender.nullableString('name') },
    timestamp: fields.date('timestamp'),
    status:
      status === null
        ? null
        : MESSAGE_STATUSES.includes(status as MessageStatus)
          ? (status as MessageStatus)
          : null,
    error: fields.nullableString('error'),
    reply_to_message_id: fields.nullableId('reply_to_message_id'),
    deleted: fields.raw('deleted') === true,
    ...sequenceOf(fields.raw('seq')),
    ...reactionsOf(fields.raw('reactions')),
    ...editedAtOf(fields.raw('edited_at')),
  };
}

/** When a message was edited; a value that is not a time is left out. */
function editedAtOf(value: unknown): { edited_at?: string } {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? { edited_at: value } : {};
}

/** A message's reactions; ones that are not an emoji with a positive count are left out. */
function reactionsOf(value: unknown): { reactions?: Reaction[] } {
  if (!Array.isArray(value)) return {};
  const reactions = value.filter(
    (item): item is Reaction =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Reaction).emoji === 'string' &&
      (item as Reaction).emoji !== '' &&
      Number.isInteger((item as Reaction).count) &&
      (item as Reaction).count > 0,
  );
  return reactions.length > 0
    ? { reactions: reactions.map(({ emoji, count, mine }) => ({ emoji, count, mine: mine === true })) }
    : {};
}

function parseContact(value: unknown): Contact {
  const fields = fieldsOf(value, 'conversation.contact');
  return {
    id: fields.id('id'),
    name: fields.nullableString('name'),
    phone: fields.nullableString('phone'),
    username: fields.nullableString('username'),
    avatar_url: fields.nullableString('avatar_url'),
  };
}

/**
 * A conversation; a `last_message` without the contract's shape is reported to `onSkip` and left out,
 * so the conversation still shows.
 */
export function parseConversation(value: unknown, onSkip: SkipReporter = warnSkippedRecord): Conversation {
  const fields = fieldsOf(value, 'conversation');
  const lastMessage = fields.raw('last_message');
  const conversation: Conversation = {
    id: fields.id('id'),
    channel: fields.channelType('channel'),
    channel_id: fields.integer('channel_id'),
    contact: parseContact(fields.raw('contact')),
    last_message: null,
    unread_count: fields.integer('unread_count'),
    updated_at: fields.date('updated_at'),
  };
  if (lastMessage !== null && lastMessage !== undefined) {
    conversation.last_message = parseEach([lastMessage], 'message', parseMessage, onSkip)[0] ?? null;
  }
  return conversation;
}

/** A page of conversations; one without the contract's shape is left out and reported to `onSkip`. */
export function parseConversationPage(
  value: unknown,
  onSkip: SkipReporter = warnSkippedRecord,
): ConversationPage {
  const fields = fieldsOf(value, 'conversations');
  const parse = (item: unknown) => parseConversation(item, onSkip);
  const unreadTotal = fields.raw('unread_total');
  return {
    items: parseEach(fields.array('items'), 'conversation', parse, onSkip),
    next_cursor: fields.nullableString('next_cursor'),
    // Optional: a count that is not a whole number is as good as none.
    ...(Number.isSafeInteger(unreadTotal) && (unreadTotal as number) >= 0
      ? { unread_total: unreadTotal as number }
      : {}),
  };
}

/** A page of message hits; a hit without the contract's shape is left out and reported to `onSkip`. */
export function parseMessageSearchPage(
  value: unknown,
  onSkip: SkipReporter = warnSkippedRecord,
): MessageSearchPage {
  const fields = fieldsOf(value, 'message search');
  const parseHit = (item: unknown): MessageSearchHit => {
    const hit = fieldsOf(item, 'hit');
    return {
      message: parseMessage(hit.raw('message')),
      conversation: parseConversation(hit.raw('conversation'), onSkip),
    };
  };
  return {
    items: parseEach(fields.array('items'), 'message', parseHit, onSkip),
    next_cursor: fields.nullableString('next_cursor'),
  };
}

/** A page of messages; one without the contract's shape is left out and reported to `onSkip`. */
export function parseMessagePage(value: unknown, onSkip: SkipReporter = warnSkippedRecord): MessagePage {
  const fields = fieldsOf(value, 'messages');
  return {
    items: parseEach(fields.array('items'), 'message', parseMessage, onSkip),
    has_more: fields.boolean('has_more'),
  };
}

/** The answer of `startConversation`: the conversation and the message sent. */
export function parseStartedConversation(value: unknown): StartedConversation {
  const fields = fieldsOf(value, 'started conversation');
  return {
    conversation: parseConversation(fields.raw('conversation')),
    message: parseMessage(fields.raw('message')),
  };
}
