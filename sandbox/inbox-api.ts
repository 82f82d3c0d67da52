import type { RequestContext } from './api.js';
import { isChannelType, type Channel } from './channel.js';
import {
  BodyFields,
  HttpError,
  noContent,
  notFound,
  ok,
  route,
  validationError,
  type Reply,
  type Route,
  type RouteParams,
} from './http.js';
import {
  conversationJson,
  DELIVERED_STATUSES,
  messageJson,
  CUSTOMER_REACTOR,
  type MessageType,
  type StoredConversation,
  type StoredMessage,
} from './inbox.js';
import { startConversation } from './new-conversation.js';

const CONVERSATIONS_PAGE = { default: 30, max: 100 };
const MESSAGES_PAGE = { default: 50, max: 100 };
const SEARCH_PAGE = { default: 20, max: 100 };
/** Longest search query (`q`), as docs/openapi.yaml bounds it. */
const MAX_QUERY_LENGTH = 200;

/** Telegram's limit; WhatsApp's is larger. */
const MAX_TEXT_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;

export const NOT_CONNECTED_MESSAGE = 'The account of this conversation is not connected.';

/** The provider's file types (docs/providers.md#sending-files), by the message type they make. */
export const FILE_TYPES: Readonly<Record<string, MessageType>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'video/mp4': 'video',
  ...Object.fromEntries(
    [
      'audio/ogg',
      'audio/opus',
      'audio/mpeg',
      'audio/mpeg3',
      'audio/x-mpeg-3',
      'audio/amr',
      'audio/aac',
      'audio/x-hx-aac-adts',
      'audio/amr-wb',
      'audio/amr-wb+',
      'audio/3gpp',
      'audio/3gpp2',
    ].map((mime) => [mime, 'audio' as const]),
  ),
  ...Object.fromEntries(
    [
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/zip',
      'application/x-7z-compressed',
      'text/x-vcard',
    ].map((mime) => [mime, 'document' as const]),
  ),
};

/** The provider's refusals of a deletion (docs/providers.md#deleting-messages). */
const DELIVERY_NOT_FOUND = { delivery: ['delivery not found'] };
const DELIVERY_NOT_COMPLETE = { delivery: ['delivery not_complete'] };

/** Channels whose messages can be deleted (WhatsApp, and Telegram through TDLib: docs/providers.md#deleting-messages). */
const DELETABLE_CHANNELS: ReadonlySet<string> = new Set(['whatsapp', 'telegram']);

/** `?limit=`: absent is the default; anything but an integer in range is a 422. */
function limitParam(url: URL, page: { default: number; max: number }): number {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return page.default;
  const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= page.max)) {
    throw validationError({ limit: [`The limit must be an integer from 1 to ${page.max}.`] });
  }
  return limit;
}

function conversationOf({ tenant }: RequestContext, params: RouteParams): StoredConversation {
  const conversation = tenant.inbox.conversation(params['id'] ?? '');
  if (!conversation) throw notFound('Conversation not found.');
  return conversation;
}

function findMessageIn(
  { tenant }: RequestContext,
  conversation: StoredConversation,
  id: string,
): StoredMessage | undefined {
  const message = tenant.inbox.message(id);
  return message?.conversation_id === conversation.id ? message : undefined;
}

/** A message of this conversation named by a query or body field; anything else is a 422 on that field. */
function messageIn(
  context: RequestContext,
  conversation: StoredConversation,
  id: string,
  field: string,
): StoredMessage {
  const message = findMessageIn(context, conversation, id);
  if (!message) throw validationError({ [field]: ['No such message in this conversation.'] });
  return message;
}

/** The conversation's channel, when it is linked and connected; sending needs it. */
function connectedChannel({ tenant }: RequestContext, conversation: StoredConversation): Channel {
  const channel = tenant.channelById(conversation.channel_id);
  if (!channel?.is_connected) throw new HttpError(422, NOT_CONNECTED_MESSAGE);
  return channel;
}

interface Cursor {
  updatedAt: number;
  seq: number;
}

function encodeCursor(conversation: StoredConversation): string {
  return Buffer.from(JSON.stringify([conversation.updated_at, conversation.seq])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((item) => Number.isInteger(item))) {
      return { updatedAt: value[0] as number, seq: value[1] as number };
    }
  } catch {
    // Reported below.
  }
  throw validationError({ cursor: ['The cursor is invalid.'] });
}

/** `?q=`: absent or blank is no search; longer than docs/openapi.yaml allows is a 422. */
function queryParam(url: URL, { required }: { required: boolean }): string | undefined {
  const q = url.searchParams.get('q') ?? '';
  if (q === '') {
    if (required) throw validationError({ q: ['The q field is required.'] });
    return undefined;
  }
  if (q.length > MAX_QUERY_LENGTH) {
    throw validationError({ q: [`The q may not be longer than ${MAX_QUERY_LENGTH} characters.`] });
  }
  return q.toLowerCase();
}

function channelIdParam(url: URL): number | undefined {
  const channelParam = url.searchParams.get('channel_id');
  if (channelParam && !/^\d+$/.test(channelParam)) {
    throw validationError({ channel_id: ['The channel id must be an integer.'] });
  }
  return channelParam ? Number(channelParam) : undefined;
}

/** Whether the message's text, file name or caption contains `q` (lower case); deleted ones never do. */
function messageMatches(message: StoredMessage, q: string): boolean {
  if (message.deleted) return false;
  return [message.text, message.file?.name, message.file?.caption].some((field) =>
    field?.toLowerCase().includes(q),
  );
}

function conversationMatches(conversation: StoredConversation, q: string): boolean {
  const { name, phone, username } = conversation.contact;
  return (
    [name, phone, username].some((field) => field?.toLowerCase().includes(q)) ||
    conversation.messages.some((message) => messageMatches(message, q))
  );
}

/** Newest activity first, keyset-paged by (`updated_at`, creation order); filtered by account, type, unread and `q`. */
function listConversations(context: RequestContext): Reply {
  const { tenant, url, origin } = context;
  const limit = limitParam(url, CONVERSATIONS_PAGE);
  const channelId = channelIdParam(url);
  const channel = url.searchParams.get('channel');
  if (channel !== null && !isChannelType(channel)) {
    throw validationError({ channel: ['The channel must be a channel type.'] });
  }
  const unread = url.searchParams.get('unread');
  if (unread !== null && unread !== 'true' && unread !== 'false') {
    throw validationError({ unread: ['The unread must be true or false.'] });
  }
  const q = queryParam(url, { required: false });
  const cursorParam = url.searchParams.get('cursor');
  const cursor = cursorParam ? decodeCursor(cursorParam) : undefined;
  const all = tenant.inbox.conversations();
  const matching = all
    .filter((conversation) => channelId === undefined || conversation.channel_id === channelId)
    .filter((conversation) => channel === null || conversation.channel === channel)
    .filter((conversation) => unread !== 'true' || conversation.unread_count > 0)
    .filter((conversation) => q === undefined || conversationMatches(conversation, q))
    .filter(
      (conversation) =>
        !cursor ||
        conversation.updated_at < cursor.updatedAt ||
        (conversation.updated_at === cursor.updatedAt && conversation.seq < cursor.seq),
    );
  const items = matching.slice(0, limit);
  const last = items.at(-1);
  return ok({
    items: items.map((conversation) => conversationJson(conversation, origin)),
    next_cursor: matching.length > limit && last ? encodeCursor(last) : null,
    unread_total: all.reduce((total, conversation) => total + conversation.unread_count, 0),
  });
}

function encodeSearchCursor(message: StoredMessage): string {
  return Buffer.from(JSON.stringify([message.timestamp, message.id])).toString('base64url');
}

function decodeSearchCursor(raw: string): { timestamp: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && Number.isInteger(value[0]) && typeof value[1] === 'string') {
      return { timestamp: value[0] as number, id: value[1] };
    }
  } catch {
    // Reported below.
  }
  throw validationError({ cursor: ['The cursor is invalid.'] });
}

/** Newest first by (time, id); a message with an earlier time, or the same and a smaller id, comes later. */
function newerFirst(a: StoredMessage, b: StoredMessage): number {
  return b.timestamp - a.timestamp || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Messages whose text, file name or caption contains `q`, newest first, each with its conversation. */
function searchMessages(context: RequestContext): Reply {
  const { tenant, url, origin } = context;
  const q = queryParam(url, { required: true })!;
  const limit = limitParam(url, SEARCH_PAGE);
  const channelId = channelIdParam(url);
  const cursorParam = url.searchParams.get('cursor');
  const cursor = cursorParam ? decodeSearchCursor(cursorParam) : undefined;
  const hits = tenant.inbox
    .conversations()
    .filter((conversation) => channelId === undefined || conversation.channel_id === channelId)
    .flatMap((conversation) => conversation.messages.filter((message) => messageMatches(message, q)))
    .filter(
      (message) =>
        !cursor ||
        message.timestamp < cursor.timestamp ||
        (message.timestamp === cursor.timestamp && message.id < cursor.id),
    )
    .sort(newerFirst);
  const page = hits.slice(0, limit);
  const last = page.at(-1);
  return ok({
    items: page.map((message) => ({
      message: messageJson(message, origin),
      conversation: conversationJson(tenant.inbox.conversation(message.conversation_id)!, origin),
    })),
    next_cursor: hits.length > limit && last ? encodeSearchCursor(last) : null,
  });
}

/** The newest page, the page just older than `before`, or what is newer than `after`; oldest first. */
function listMessages(context: RequestContext, params: RouteParams): Reply {
  const conversation = conversationOf(context, params);
  const { url, origin } = context;
  const limit = limitParam(url, MESSAGES_PAGE);
  const before = url.searchParams.get('before') || undefined;
  const after = url.searchParams.get('after') || undefined;
  if (before !== undefined && after !== undefined) {
    throw validationError({ before: ['Give before or after, not both.'] });
  }
  const { messages } = conversation;
  let start: number;
  let end: number;
  let hasMore: boolean;
  if (after !== undefined) {
    start = messageIn(context, conversation, after, 'after').index + 1;
    end = Math.min(messages.length, start + limit);
    hasMore = end < messages.length;
  } else {
    end = before === undefined ? messages.length : messageIn(context, conversation, before, 'before').index;
    start = Math.max(0, end - limit);
    hasMore = start > 0;
  }
  return ok({
    items: messages.slice(start, end).map((message) => messageJson(message, origin)),
    has_more: hasMore,
  });
}

/**
 * The message an earlier send with this `external_id` made, if any; one made in another
 * conversation is a 422, never a second message.
 */
function earlierSend(context: RequestContext, conversation: StoredConversation, externalId: string) {
  const earlier = context.tenant.inbox.messageByExternalId(externalId);
  if (earlier && earlier.conversation_id !== conversation.id) {
    throw validationError({ external_id: ['The external id was already used in another conversation.'] });
  }
  return earlier;
}

/** The answer to a send, held for `send_answer_delay_ms` so the socket echo can come first. */
async function sentAnswer(context: RequestContext, message: StoredMessage): Promise<Reply> {
  const holdMs = context.tenant.scenario.send_answer_delay_ms;
  if (holdMs > 0) await context.delay(holdMs);
  return ok(messageJson(message, context.origin));
}

function sendText(context: RequestContext, params: RouteParams): Promise<Reply> {
  const conversation = conversationOf(context, params);
  const fields = new BodyFields(context.body());
  const text = fields.requiredString('text');
  const externalId = fields.requiredString('external_id');
  const replyTo = fields.optionalString('reply_to_message_id');
  if (text.length > MAX_TEXT_LENGTH) {
    fields.fail('text', `The text may not be greater than ${MAX_TEXT_LENGTH} characters.`);
  }
  if (replyTo && !findMessageIn(context, conversation, replyTo)) {
    fields.fail('reply_to_message_id', 'The message replied to is not in this conversation.');
  }
  fields.check();
  const earlier = earlierSend(context, conversation, externalId);
  if (earlier) return sentAnswer(context, earlier);
  const channel = connectedChannel(context, conversation);
  const message = context.tenant.inbox.send(
    conversation,
    channel,
    { type: 'text', text, external_id: externalId, reply_to_message_id: replyTo || null },
    context.now,
  );
  return sentAnswer(context, message);
}

/** `audio/ogg; codecs=opus` is `audio/ogg`; case does not matter (the provider's list writes `audio/AMR`). */
function baseMimeType(type: string): string {
  return type.split(';')[0].trim().toLowerCase();
}

function sizeLabel(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1) return `${Number(megabytes.toFixed(1))} MB`;
  return bytes >= 1024 ? `${Number((bytes / 1024).toFixed(1))} KB` : `${bytes} bytes`;
}

async function sendFile(context: RequestContext, params: RouteParams): Promise<Reply> {
  const conversation = conversationOf(context, params);
  const form = context.form();
  const file = form.get('file');
  const externalId = form.get('external_id');
  const caption = form.get('caption');
  const replyTo = form.get('reply_to_message_id');
  const errors: Record<string, string[]> = {};
  if (!(file instanceof File)) errors['file'] = ['The file field is required.'];
  if (typeof externalId !== 'string' || externalId.trim() === '') {
    errors['external_id'] = ['The external id field is required.'];
  }
  if (caption !== null && (typeof caption !== 'string' || caption.length > MAX_CAPTION_LENGTH)) {
    errors['caption'] = [`The caption must be text of at most ${MAX_CAPTION_LENGTH} characters.`];
  }
  if (replyTo !== null && (typeof replyTo !== 'string' || !findMessageIn(context, conversation, replyTo))) {
    errors['reply_to_message_id'] = ['The message replied to is not in this conversation.'];
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  const upload = file as File;
  const earlier = earlierSend(context, conversation, externalId as string);
  if (earlier) return sentAnswer(context, earlier);

  const mimeType = baseMimeType(upload.type);
  const type = FILE_TYPES[mimeType];
  if (type === undefined) throw validationError({ file: ['invalid mime type'] });
  const maxBytes = context.tenant.scenario.max_file_bytes;
  if (upload.size > maxBytes) {
    throw validationError({ file: [`The file may not be greater than ${sizeLabel(maxBytes)}.`] });
  }
  if (upload.size === 0) throw validationError({ file: ['The file is empty.'] });
  const channel = connectedChannel(context, conversation);
  const bytes = Buffer.from(await upload.arrayBuffer());
  const message = context.tenant.inbox.send(
    conversation,
    channel,
    {
      type,
      text: null,
      file: {
        bytes,
        mime_type: mimeType,
        name: upload.name || 'file',
        caption: (caption as string | null) || null,
      },
      external_id: externalId as string,
      reply_to_message_id: (replyTo as string | null) || null,
    },
    context.now,
  );
  return sentAnswer(context, message);
}

function markRead(context: RequestContext, params: RouteParams): Reply {
  const conversation = conversationOf(context, params);
  const fields = new BodyFields(context.body());
  const upTo = fields.requiredString('up_to_message_id');
  fields.check();
  context.tenant.inbox.markRead(conversation, messageIn(context, conversation, upTo, 'up_to_message_id'));
  return noContent();
}

/** One emoji, as a reaction must be (or `''`, which takes the reaction back); a sequence joins several. */
const ONE_EMOJI =
  /^(?:\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*)$/u;

/** The customer's reaction to a message of the conversation (docs/openapi.yaml `reactToMessage`). */
function reactToMessage(context: RequestContext, params: RouteParams): Reply {
  const conversation = conversationOf(context, params);
  const message = findMessageIn(context, conversation, params['message_id'] ?? '');
  if (!message) throw notFound('Message not found.');
  const fields = new BodyFields(context.body());
  const emoji = fields.optionalString('emoji');
  if (emoji === undefined) fields.fail('emoji', 'The emoji field is required.');
  fields.check();
  if (emoji && !ONE_EMOJI.test(emoji)) throw validationError({ emoji: ['The emoji must be one emoji.'] });
  if (message.deleted) throw validationError({ emoji: ['A deleted message takes no reactions.'] });
  context.tenant.inbox.react(message, CUSTOMER_REACTOR, emoji ?? '');
  return ok(messageJson(message, context.origin));
}

/** A new text for a sent text message (docs/openapi.yaml `editMessage`). */
function editMessage(context: RequestContext, params: RouteParams): Reply {
  const conversation = conversationOf(context, params);
  const message = findMessageIn(context, conversation, params['message_id'] ?? '');
  if (!message) throw notFound('Message not found.');
  const fields = new BodyFields(context.body());
  const text = fields.requiredString('text');
  if (text.length > MAX_TEXT_LENGTH) {
    fields.fail('text', `The text may not be greater than ${MAX_TEXT_LENGTH} characters.`);
  }
  if (message.direction !== 'outgoing' || message.type !== 'text' || message.deleted) {
    fields.fail('text', 'Only a sent text message that is not deleted can be edited.');
  }
  fields.check();
  context.tenant.inbox.edit(message, text, context.now);
  return ok(messageJson(message, context.origin));
}

/** A message's text sent again, as a new message, to a conversation (docs/openapi.yaml `forwardMessage`). */
function forwardMessage(context: RequestContext, params: RouteParams): Promise<Reply> {
  const conversation = conversationOf(context, params);
  const message = findMessageIn(context, conversation, params['message_id'] ?? '');
  if (!message) throw notFound('Message not found.');
  const fields = new BodyFields(context.body());
  const targetId = fields.requiredString('conversation_id');
  const externalId = fields.requiredString('external_id');
  if (message.type !== 'text' || message.deleted || !message.text) {
    fields.fail('message_id', 'Only a text message can be forwarded.');
  }
  fields.check();
  const target = context.tenant.inbox.conversation(targetId);
  if (!target) throw notFound('Conversation not found.');
  const earlier = earlierSend(context, target, externalId);
  if (earlier) return sentAnswer(context, earlier);
  const channel = connectedChannel(context, target);
  const forwarded = context.tenant.inbox.send(
    target,
    channel,
    { type: 'text', text: message.text, external_id: externalId, reply_to_message_id: null },
    context.now,
  );
  return sentAnswer(context, forwarded);
}

/** The provider's rules (docs/providers.md#deleting-messages): an outgoing WhatsApp or Telegram message that reached the recipient. */
function deleteMessage({ tenant }: RequestContext, params: RouteParams): Reply {
  const message = tenant.inbox.message(params['id'] ?? '');
  const conversation = message && tenant.inbox.conversation(message.conversation_id);
  if (
    !message ||
    !conversation ||
    message.deleted ||
    message.direction !== 'outgoing' ||
    !DELETABLE_CHANNELS.has(conversation.channel)
  ) {
    throw validationError(DELIVERY_NOT_FOUND);
  }
  if (!DELIVERED_STATUSES.has(message.status)) throw validationError(DELIVERY_NOT_COMPLETE);
  tenant.inbox.delete(message);
  return noContent();
}

/** The contract's conversation and message calls. */
export const inboxRoutes: readonly Route<RequestContext>[] = [
  route('GET', '/api/v1/conversations', listConversations),
  route('POST', '/api/v1/conversations', startConversation),
  route('GET', '/api/v1/conversations/:id/messages', listMessages),
  route('POST', '/api/v1/conversations/:id/messages', sendText),
  route('POST', '/api/v1/conversations/:id/files', sendFile),
  route('POST', '/api/v1/conversations/:id/read', markRead),
  route('POST', '/api/v1/conversations/:id/messages/:message_id/reactions', reactToMessage),
  route('PATCH', '/api/v1/conversations/:id/messages/:message_id', editMessage),
  route('POST', '/api/v1/conversations/:id/messages/:message_id/forward', forwardMessage),
  route('GET', '/api/v1/messages/search', searchMessages),
  route('DELETE', '/api/v1/messages/:id', deleteMessage),
];
