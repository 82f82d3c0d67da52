/**
 * The provider adapter interface: what the server asks of an upstream messaging API, and what it
 * offers a provider in return (the store, the event publisher, the webhook URL).
 *
 * The server owns everything customer-facing: it checks the session token, fixes the customer of every
 * call from it, parses and validates the contract's requests, answers with the contract's envelopes and
 * serves the `inbox` socket topic. A provider only translates: contract call in, upstream call out.
 *
 * Two shapes of provider:
 * - an upstream that speaks the contract's conversation calls (the sandbox, SkylightChat) implements
 *   {@link UpstreamConversations} and the server forwards them;
 * - an upstream that only pushes webhooks and accepts sends (Chategy/Chatpush) implements
 *   {@link StoredConversations}: the server reads conversations from its own store, which the
 *   provider's {@link WebhookReceiver} fills, and hands every send to the provider once recorded.
 */
import type {
  Channel,
  ChannelType,
  Contact,
  Conversation,
  ConversationPage,
  FieldErrors,
  InboxEvent,
  InstagramCredentials,
  Message,
  MessageFile,
  MessagePage,
  MessageSearchPage,
  MessageStatus,
  MessageType,
  PairingCodeRequest,
  PairingCodeStart,
  QrAttemptStatus,
  QrChannelType,
  QrConnectStart,
  Recipient,
  StartedConversation,
  TwoFactorChallenge,
} from '../contract.js';
import type { Push, RoomJoin } from '../realtime/phoenix.js';

/** Who is asking. Taken from the session token, never from the request. */
export interface CustomerContext {
  readonly customerId: string;
  /** Channel ids the host's `authorize` hook limited this session to; undefined: every channel of the customer. */
  readonly channelIds: readonly number[] | undefined;
  /** Scheme, host and port the elements reached the server on, for links in answers. */
  readonly origin: string;
  /** Aborted when the caller goes away. */
  readonly signal: AbortSignal;
}

/**
 * A refusal the elements should see: the server answers it with the contract's error envelope.
 * Any other error thrown by a provider becomes a 502 without details (they may carry upstream secrets).
 */
export class ProviderError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldErrors,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** Which channel of a type a refresh or disconnect acts on (`?account_id=` or a body `{ id }`). */
export interface ChannelTarget {
  id?: number;
  accountId?: string;
}

/** The contract's channel calls. */
export interface ChannelOperations {
  list(ctx: CustomerContext): Promise<Channel[]>;
  connectQr(ctx: CustomerContext, type: QrChannelType): Promise<QrConnectStart>;
  /** With `accountId`: the QR attempt's progress; without: the customer's latest channel of that type. */
  status(
    ctx: CustomerContext,
    type: ChannelType,
    accountId: string | undefined,
  ): Promise<QrAttemptStatus | Channel>;
  refresh(ctx: CustomerContext, type: ChannelType, target: ChannelTarget): Promise<Channel>;
  disconnect(ctx: CustomerContext, type: ChannelType, target: ChannelTarget): Promise<void>;
  /** Absent when the provider cannot link Instagram: the server answers 404. */
  connectInstagram?(
    ctx: CustomerContext,
    credentials: InstagramCredentials,
  ): Promise<Channel | TwoFactorChallenge>;
  submitInstagramCode?(
    ctx: CustomerContext,
    accountId: string,
    code: string,
  ): Promise<Channel | TwoFactorChallenge>;
  resendInstagramCode?(ctx: CustomerContext, accountId: string): Promise<{ message: string }>;
  /**
   * Links WhatsApp by phone number (docs/openapi.yaml). Absent when the provider cannot: the server
   * answers 501, and the elements offer the QR code only.
   */
  requestWhatsAppPairingCode?(ctx: CustomerContext, request: PairingCodeRequest): Promise<PairingCodeStart>;
}

export interface ConversationQuery {
  channelId?: number;
  /** Only the conversations of linked accounts of this type. */
  channel?: string;
  /** Only the conversations with unread messages. */
  unread?: boolean;
  /** Contact name, phone or username, or a message's text, file name or caption, containing this (any case). */
  q?: string;
  cursor?: string;
  limit: number;
}

/** `GET /messages/search`: messages whose text, file name or caption contains `q` (any case). */
export interface MessageSearchQuery {
  q: string;
  channelId?: number;
  cursor?: string;
  limit: number;
}

export interface MessageQuery {
  before?: string;
  after?: string;
  limit: number;
}

export interface OutgoingText {
  text: string;
  external_id: string;
  reply_to_message_id?: string;
}

export interface OutgoingFile {
  bytes: Uint8Array;
  name: string;
  mime_type: string;
  external_id: string;
  caption?: string;
  reply_to_message_id?: string;
}

/** `POST /conversations`, checked by the server: a first text from a linked account to a recipient. */
export interface NewConversation {
  channel_id: number;
  to: Recipient;
  text: string;
  external_id: string;
}

/** Conversation calls answered by an upstream that speaks them. Ids are the upstream's. */
export interface UpstreamConversations {
  readonly kind: 'upstream';
  list(ctx: CustomerContext, query: ConversationQuery): Promise<ConversationPage>;
  messages(ctx: CustomerContext, conversationId: string, query: MessageQuery): Promise<MessagePage>;
  /** The upstream must be idempotent on `external_id`: the server may repeat a send after a restart. */
  sendText(ctx: CustomerContext, conversationId: string, message: OutgoingText): Promise<Message>;
  sendFile(ctx: CustomerContext, conversationId: string, file: OutgoingFile): Promise<Message>;
  markRead(ctx: CustomerContext, conversationId: string, upToMessageId: string): Promise<void>;
  deleteMessage(ctx: CustomerContext, messageId: string): Promise<void>;
  /** Absent when the upstream cannot search messages: the server then answers 404 (docs/openapi.yaml). */
  searchMessages?(ctx: CustomerContext, query: MessageSearchQuery): Promise<MessageSearchPage>;
  /**
   * Sends a first text to a recipient; the upstream finds the contact's existing conversation and is
   * idempotent on `external_id`. Absent when the upstream cannot: the server answers 501.
   */
  startConversation?(ctx: CustomerContext, conversation: NewConversation): Promise<StartedConversation>;
}

/** How a provider keys the chat with a recipient it has no conversation with yet, and who that contact is. */
export interface NewChat {
  providerConversationId: string;
  contact: Contact;
}

/** A channel as the store keeps it: the contract's Channel plus the provider's own key for it. */
export interface StoredChannel extends Channel {
  customerId: string;
  /** The provider's id of the account (e.g. `whatsapp:{instance id}`); unique per provider. */
  providerKey: string;
}

export interface StoredConversation extends Conversation {
  customerId: string;
  /** The provider's id of the chat within the channel (e.g. WhatsApp's `chat_id`). */
  providerConversationId: string;
}

export interface StoredMessage extends Message {
  /** The provider's id of the message; null until the upstream answered a send. */
  providerMessageId: string | null;
}

/** One recorded send, handed to {@link StoredConversations.deliver} until it settles. */
export interface OutgoingSend {
  customerId: string;
  /** Our message id (`message.id`) and the idempotency key the upstream must deduplicate on. */
  message: StoredMessage;
  externalId: string;
  channel: StoredChannel;
  conversation: StoredConversation;
  text: string | null;
  file: { bytes: Uint8Array; name: string; mime_type: string; caption: string | null } | null;
  /** The message replied to, with its provider id. */
  replyTo: StoredMessage | null;
  /** 1 on the first try; higher when repeated after an upstream failure or a restart. */
  attempt: number;
}

export interface DeliveryResult {
  providerMessageId: string | null;
  status: MessageStatus;
  /** Shown to the user for a `failed` status, in words. */
  error?: string | null;
  /** A sent file as the upstream serves it, replacing the link-less one the send was recorded with. */
  file?: MessageFile;
}

/**
 * Conversations served from the server's store. The server records every send (the message as
 * `pending`) before calling `deliver`, and calls it again after a restart for sends that never
 * settled. A `ProviderError` with a 4xx status fails the message for good with its text; any other
 * error leaves the send to be tried again.
 */
export interface StoredConversations {
  readonly kind: 'stored';
  deliver(send: OutgoingSend): Promise<DeliveryResult>;
  /** Deletes a sent message upstream; the server then marks it deleted and tells the sockets. */
  deleteMessage(
    ctx: CustomerContext,
    message: StoredMessage,
    conversation: StoredConversation,
  ): Promise<void>;
  /** Tells the upstream the customer read up to `upTo`; the store's unread count changes regardless. */
  markRead?(ctx: CustomerContext, conversation: StoredConversation, upTo: StoredMessage): Promise<void>;
  /**
   * The chat a first message to `to` starts on `channel` (a connected account of the customer). The
   * server looks for the contact's conversation first, then records the send and hands it to `deliver`.
   * Throw a `ProviderError` 422 naming `to.phone`, `to.username` or `channel_id` for a recipient the
   * channel cannot reach. Absent when the provider cannot start conversations: the server answers 501.
   */
  newChat?(channel: StoredChannel, to: Recipient): NewChat;
}

/** A provider's own call under `/api/v1/`, for flows the contract leaves to providers (MAX's phone login). */
export interface ProviderRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below `/api/v1/`, e.g. `channels/max/send_phone`; `:name` captures one path segment. */
  path: string;
  handle(ctx: CustomerContext, call: ProviderCall): Promise<ProviderAnswer>;
}

export interface ProviderCall {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The JSON object body; `{}` when there was none. */
  body: Readonly<Record<string, unknown>>;
}

/** A success answer: `{ success: true, data, message? }` with `status` (200 unless set); 204 sends no body. */
export interface ProviderAnswer {
  status?: 200 | 201 | 202 | 204;
  data?: unknown;
  message?: string;
}

export type { ChannelReply, Push, RoomJoin, TopicChannel } from '../realtime/phoenix.js';

/**
 * Live events of one customer, relayed from an upstream socket to this process's sockets only. Resolves,
 * with the function that stops it, once the upstream listens, so nothing sent after the join is missed.
 */
export type InboxRelay = (ctx: CustomerContext, deliver: (event: InboxEvent) => void) => Promise<() => void>;

export interface IncomingWebhook {
  /** The parsed JSON body. */
  body: unknown;
  headers: Headers;
}

/** `stored`: what it carried is stored; `ignored`: logged and answered 200 without storing (an unknown instance). */
export type WebhookOutcome = { stored: true } | { ignored: string };

/**
 * Webhooks posted by the upstream to `services.webhookUrl`. The server parses the body (malformed or
 * oversized → 400/413, nothing stored), drops an exact repeat it already stored, and answers 200
 * only after `receive` resolved; a rejection answers 500 so the upstream posts it again.
 * Throw a `ProviderError` with a 4xx for a body whose shape is wrong.
 */
export interface WebhookReceiver {
  receive(webhook: IncomingWebhook): Promise<WebhookOutcome>;
}

export interface ChannelInput {
  providerKey: string;
  type: ChannelType;
  username: string | null;
  is_connected: boolean;
  sync_status: Channel['sync_status'];
  last_synced_at?: string | null;
}

export interface ConversationInput {
  channelId: number;
  providerConversationId: string;
  contact: Contact;
}

export interface MessageInput {
  conversationId: string;
  /** Idempotency: a second message with the same provider id in the conversation's channel is the same message. */
  providerMessageId: string | null;
  /** Idempotency for our own sends echoed back: the same external id of the customer is the same message. */
  externalId?: string | null;
  direction: 'incoming' | 'outgoing';
  type: MessageType;
  text: string | null;
  file: MessageFile | null;
  sender: { id: string; name: string | null };
  timestamp: string;
  status: MessageStatus | null;
  error?: string | null;
  replyToProviderMessageId?: string | null;
  /** The message replied to by our id (a send made through the server), when there is no provider id. */
  replyToMessageId?: string | null;
}

/** Which message a status or deletion is about: by the provider's id or by our external id. */
export type MessageRef = { providerMessageId: string } | { externalId: string } | { id: string };

/**
 * The server's store, as a webhook-fed provider writes to it. Every write that changes what a customer
 * sees publishes the matching `inbox` event to that customer's sockets on every server process, so a
 * provider never publishes what it stored. All writes are idempotent.
 */
export interface InboxStore {
  /** Links (or updates) the provider's account `providerKey` to the customer; `channel:status` when it changed. */
  upsertChannel(customerId: string, input: ChannelInput): Promise<StoredChannel>;
  /** Changes a linked account's state; undefined when no customer linked it. */
  updateChannel(
    providerKey: string,
    patch: Partial<Omit<ChannelInput, 'providerKey' | 'type'>>,
  ): Promise<StoredChannel | undefined>;
  removeChannel(customerId: string, channelId: number): Promise<void>;
  channels(customerId: string): Promise<StoredChannel[]>;
  channelByKey(providerKey: string): Promise<StoredChannel | undefined>;
  channelById(customerId: string, channelId: number): Promise<StoredChannel | undefined>;

  /** Provider-owned state of a customer under a key unique per provider (e.g. `chategy:instance:{id}`). */
  setCustomerValue(customerId: string, key: string, value: unknown): Promise<void>;
  customerValue(customerId: string, key: string): Promise<unknown>;
  /** The customer that stored `key`, and its value: how a webhook finds its customer. */
  findByKey(key: string): Promise<{ customerId: string; value: unknown } | undefined>;

  /** A conversation already stored keeps the contact fields that `input.contact` leaves null. */
  upsertConversation(customerId: string, input: ConversationInput): Promise<StoredConversation>;
  /**
   * Re-keys a conversation started before the upstream named its chat: the channel's conversation keyed
   * by one of `placeholderIds` (the earliest in that list) becomes `providerConversationId`, unless a
   * conversation has that key already. Whether one was re-keyed.
   */
  rekeyConversation(
    customerId: string,
    channelId: number,
    placeholderIds: readonly string[],
    providerConversationId: string,
  ): Promise<boolean>;
  /** `created` false when the message was already stored (a repeated webhook); nothing is published then. */
  upsertMessage(
    customerId: string,
    input: MessageInput,
  ): Promise<{ message: StoredMessage; created: boolean }>;
  /** Applies a delivery status; never moves a message back (read stays read when a late `delivered` comes). */
  applyStatus(
    customerId: string,
    ref: MessageRef,
    status: MessageStatus,
    error?: string | null,
  ): Promise<StoredMessage | undefined>;
  markDeleted(customerId: string, ref: MessageRef): Promise<StoredMessage | undefined>;
  message(customerId: string, ref: MessageRef): Promise<StoredMessage | undefined>;

  /** For an upstream that keeps the channels itself (SkylightChat): which of its channels a customer linked. */
  linkUpstreamChannel(customerId: string, upstreamId: number, type: string): Promise<void>;
  unlinkUpstreamChannel(customerId: string, upstreamId: number): Promise<void>;
  upstreamChannelIds(customerId: string): Promise<number[]>;
  upstreamChannelOwner(upstreamId: number): Promise<string | undefined>;
}

/** Publishes an event to one customer's `inbox` sockets on every server process. */
export interface EventPublisher {
  publish(customerId: string, event: InboxEvent): Promise<void>;
}

export interface ProviderLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

/** What the server gives a provider when it starts. */
export interface ProviderServices {
  store: InboxStore;
  events: EventPublisher;
  /** Where the upstream must post webhooks (absolute; includes the server's webhook secret). Undefined without `publicUrl`. */
  webhookUrl: string | undefined;
  log: ProviderLogger;
}

export interface InboxProvider {
  /** `skylight`, `chategy`, `sandbox`: also the webhook path segment. */
  readonly name: string;
  readonly channels: ChannelOperations;
  readonly conversations: UpstreamConversations | StoredConversations;
  /** Extra calls under `/api/v1/`; they get the same token check and envelopes as the contract's. */
  readonly routes?: readonly ProviderRoute[];
  readonly webhooks?: WebhookReceiver;
  /** Live events of an upstream socket, for providers whose upstream pushes them (the sandbox). */
  readonly relayInbox?: InboxRelay;
  /** Topics other than `inbox` (the WhatsApp and Telegram auth rooms); undefined: not served. */
  joinRoom?(ctx: CustomerContext, topic: string, push: Push): RoomJoin | Promise<RoomJoin>;
  /**
   * Answers `GET {base}/files/{name}/{segments}` without a token, for files the provider keeps (an upstream's
   * links that expire); undefined: 404. The path must be unguessable: it is the only permission.
   */
  serveFile?(segments: readonly string[]): Promise<Response | undefined>;
  start?(services: ProviderServices): Promise<void>;
  close?(): Promise<void>;
}
