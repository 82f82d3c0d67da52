import type { RequestContext } from './api.js';
import { CHANNEL_LABELS, type Channel, type ChannelType } from './channel.js';
import { BodyFields, HttpError, notFound, ok, validationError, type Reply } from './http.js';
import { conversationJson, messageJson, type StoredConversation, type StoredMessage } from './inbox.js';

/** Telegram's limit, as for every send. */
const MAX_TEXT_LENGTH = 4096;
const E164 = /^\+[1-9]\d{6,14}$/;
const USERNAME = /^@?[A-Za-z][A-Za-z0-9_]{4,31}$/;

/** How each channel reaches someone new (docs/openapi.yaml `startConversation`); Instagram cannot. */
const REACHABLE_BY: Partial<Record<ChannelType, 'phone' | 'phone-or-username'>> = {
  whatsapp: 'phone',
  max: 'phone',
  telegram: 'phone-or-username',
};

/** The sandbox's stand-ins for the messenger's own answers (sandbox/README.md). */
const isUnknownNumber = (phone: string) => phone.endsWith('0000');
const isUnknownUsername = (username: string) => username.toLowerCase().startsWith('unknown');

type Recipient = { phone: string } | { username: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `to` as the contract allows it, exactly one of `phone` and `username`; its problems under `to.*`. */
function recipientOf(fields: BodyFields, value: unknown): Recipient | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 1) {
    fields.fail('to', 'The to field must be {"phone": …} or {"username": …}.');
    return undefined;
  }
  const { phone, username } = value;
  if (typeof phone === 'string') {
    if (E164.test(phone)) return { phone };
    fields.fail('to.phone', 'The phone number must be in international form, e.g. +966501234567.');
  } else if (typeof username === 'string') {
    if (USERNAME.test(username)) return { username: username.replace(/^@/, '') };
    fields.fail('to.username', 'A username has 5 to 32 letters, digits or underscores, from a letter.');
  } else {
    fields.fail('to', 'The to field must be {"phone": …} or {"username": …}.');
  }
  return undefined;
}

/** What the messenger says of a recipient it cannot reach from `channel`, by field. */
function unreachable(channel: Channel, to: Recipient): Record<string, string[]> | undefined {
  const label = CHANNEL_LABELS[channel.type];
  if ('username' in to) {
    if (REACHABLE_BY[channel.type] !== 'phone-or-username') {
      return { 'to.username': [`${label} reaches new contacts by phone number only.`] };
    }
    if (isUnknownUsername(to.username)) {
      return { 'to.username': [`No ${label} user has this username.`] };
    }
    return undefined;
  }
  return isUnknownNumber(to.phone) ? { 'to.phone': [`This number is not on ${label}.`] } : undefined;
}

/** The account's conversation with that contact, if it has one. */
function existingConversation(
  { tenant }: RequestContext,
  channel: Channel,
  to: Recipient,
): StoredConversation | undefined {
  const digits = (value: string | null) => value?.replace(/\D/g, '') ?? '';
  return tenant.inbox
    .conversations()
    .find(
      ({ channel_id, contact }) =>
        channel_id === channel.id &&
        ('phone' in to
          ? digits(contact.phone) === digits(to.phone)
          : contact.username?.toLowerCase() === to.username.toLowerCase()),
    );
}

async function startedAnswer(context: RequestContext, message: StoredMessage): Promise<Reply> {
  const holdMs = context.tenant.scenario.send_answer_delay_ms;
  if (holdMs > 0) await context.delay(holdMs);
  const conversation = context.tenant.inbox.conversation(message.conversation_id)!;
  return ok({
    conversation: conversationJson(conversation, context.origin),
    message: messageJson(message, context.origin),
  });
}

/**
 * `POST /conversations` (docs/openapi.yaml `startConversation`): the first text to a phone number or a
 * Telegram username, in the account's conversation with that contact or a new one.
 */
export function startConversation(context: RequestContext): Promise<Reply> {
  const { tenant, now } = context;
  const values = context.body();
  const fields = new BodyFields(values);
  const channelId = values['channel_id'];
  if (!Number.isSafeInteger(channelId)) fields.fail('channel_id', 'The channel id must be an integer.');
  const to = recipientOf(fields, values['to']);
  const text = fields.requiredString('text');
  const externalId = fields.requiredString('external_id');
  if (text.length > MAX_TEXT_LENGTH) {
    fields.fail('text', `The text may not be greater than ${MAX_TEXT_LENGTH} characters.`);
  }
  fields.check();
  const channel = tenant.channelById(channelId as number);
  if (!channel) throw notFound('No such account.');
  const earlier = tenant.inbox.messageByExternalId(externalId);
  if (earlier) {
    if (tenant.inbox.conversation(earlier.conversation_id)?.channel_id !== channel.id) {
      throw validationError({ external_id: ['The external id was already used in another conversation.'] });
    }
    return startedAnswer(context, earlier);
  }
  if (!REACHABLE_BY[channel.type]) {
    throw validationError({
      channel_id: [`Conversations on ${CHANNEL_LABELS[channel.type]} cannot be started from here.`],
    });
  }
  if (!channel.is_connected) throw new HttpError(409, 'This account is not connected. Link it again first.');
  const refusal = unreachable(channel, to!);
  if (refusal) throw validationError(refusal);
  const conversation =
    existingConversation(context, channel, to!) ??
    tenant.inbox.addConversation(
      channel,
      {
        name: null,
        phone: 'phone' in to! ? to.phone : null,
        username: 'username' in to! ? to.username : null,
        avatar_url: null,
      },
      [],
      now,
    );
  const message = tenant.inbox.send(
    conversation,
    channel,
    { type: 'text', text, external_id: externalId, reply_to_message_id: null },
    now,
  );
  return startedAnswer(context, message);
}
