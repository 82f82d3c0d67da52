import { randomBytes } from 'node:crypto';
import { isoTime, type Channel, type ChannelType } from './channel.js';
import { filePath, type FileStore, type StoredBytes } from './files.js';
import { CHATTY_LINES } from './history.js';
import type { Scenario } from './scenario.js';
import type { Timings } from './timings.js';

export const MESSAGE_TYPES = ['text', 'image', 'document', 'audio', 'video', 'call', 'unsupported'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MESSAGE_STATUSES = ['pending', 'sent', 'delivered', 'read', 'played', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export type Direction = 'incoming' | 'outgoing';

/** docs/providers.md#deleting-messages: only a message that reached the recipient can be deleted. */
export const DELIVERED_STATUSES: ReadonlySet<MessageStatus | null> = new Set(['delivered', 'read', 'played']);

export function isMessageType(value: unknown): value is MessageType {
  return (MESSAGE_TYPES as readonly unknown[]).includes(value);
}

export function isMessageStatus(value: unknown): value is MessageStatus {
  return (MESSAGE_STATUSES as readonly unknown[]).includes(value);
}

export interface Contact {
  id: string;
  name: string | null;
  phone: string | null;
  username: string | null;
  /** A path on the sandbox (made absolute on the wire), a full URL, or null. */
  avatar_url: string | null;
}

export interface StoredFile {
  /** The id in the `FileStore`. */
  id: string;
  name: string;
  mime_type: string;
  size: number;
  caption: string | null;
}

export interface StoredMessage {
  id: string;
  conversation_id: string;
  external_id: string | null;
  direction: Direction;
  type: MessageType;
  text: string | null;
  file: StoredFile | null;
  sender: { id: string; name: string | null };
  timestamp: number;
  status: MessageStatus | null;
  error: string | null;
  reply_to_message_id: string | null;
  deleted: boolean;
  /** Position in its conversation, the oldest at 0; messages are only ever appended. */
  index: number;
  /** Each reactor's one reaction: the customer under `CUSTOMER_REACTOR`, the contact under its id. */
  reactions?: Map<string, string>;
  /** When the text was last changed (ms), for an edited message. */
  edited_at?: number;
}

/** Who the customer's own reaction is kept under. */
export const CUSTOMER_REACTOR = 'customer';

/** What a new message's frames do: go out (the default), or never, as a frame lost on the way. */
export interface Delivery {
  broadcast: boolean;
}

export interface StoredConversation {
  id: string;
  channel: ChannelType;
  channel_id: number;
  contact: Contact;
  /** Oldest first. */
  messages: StoredMessage[];
  unread_count: number;
  updated_at: number;
  /** Creation order: the tie-break between equal `updated_at`. */
  seq: number;
}

/** A new message's content; the inbox adds ids, position, sender and conversation. */
export interface MessageDraft {
  type: MessageType;
  text: string | null;
  file?: (StoredBytes & { caption: string | null }) | null;
  external_id?: string | null;
  reply_to_message_id?: string | null;
}

/** One message of a seeded history; `reply_to` is the position of the message it answers. */
export interface HistoryEntry extends Omit<MessageDraft, 'reply_to_message_id'> {
  direction: Direction;
  timestamp: number;
  status: MessageStatus | null;
  error?: string | null;
  deleted?: boolean;
  reply_to?: number | null;
}

export type InboxEvent =
  | { type: 'message:new'; message: StoredMessage }
  | { type: 'message:status'; message: StoredMessage }
  | { type: 'message:deleted'; message: StoredMessage }
  | { type: 'message:reaction'; message: StoredMessage }
  | { type: 'message:edited'; message: StoredMessage }
  | { type: 'conversation:updated'; conversation: StoredConversation }
  | { type: 'typing'; conversation: StoredConversation; until: number }
  | { type: 'presence'; conversation: StoredConversation; online: boolean; lastSeen: number | null };

/** What the inbox needs from its tenant. */
export interface InboxHost {
  /** The tenant's switches as they are now. */
  scenario(): Scenario;
  timings(): Timings;
  emit(event: InboxEvent): void;
  /** Makes `settle()` run at `at`. */
  settleAt(at: number): void;
  /** Runs `task` after `ms`, unless the tenant is reset first. */
  later(ms: number, task: () => void): void;
}

interface ReceiptStep {
  at: number;
  status: MessageStatus;
  error: string | null;
}

function absolute(origin: string, url: string | null): string | null {
  return url?.startsWith('/') ? `${origin}${url}` : url;
}

/** The contract's Message; `origin` makes the download URL absolute. */
export function messageJson(message: StoredMessage, origin: string) {
  const { file } = message;
  return {
    id: message.id,
    conversation_id: message.conversation_id,
    external_id: message.external_id,
    direction: message.direction,
    type: message.type,
    text: message.text,
    file: file && {
      name: file.name,
      mime_type: file.mime_type,
      size: file.size,
      caption: file.caption,
      download_url: `${origin}${filePath(file.id, file.name)}`,
    },
    sender: { ...message.sender },
    timestamp: isoTime(message.timestamp),
    // The server's own order in the conversation, from 1: a client catches up after the last one it holds
    // without a gap, whatever it heard from the socket or a send.
    seq: message.index + 1,
    status: message.status,
    error: message.error,
    reply_to_message_id: message.reply_to_message_id,
    deleted: message.deleted,
    ...reactionsJson(message),
    ...(message.edited_at === undefined ? {} : { edited_at: isoTime(message.edited_at) }),
  };
}

/** The contract's `reactions`: one entry per emoji, most given first; left out when nobody reacted. */
function reactionsJson(message: StoredMessage): {
  reactions?: { emoji: string; count: number; mine: boolean }[];
} {
  if (!message.reactions?.size) return {};
  const byEmoji = new Map<string, { emoji: string; count: number; mine: boolean }>();
  for (const [reactor, emoji] of message.reactions) {
    const entry = byEmoji.get(emoji) ?? { emoji, count: 0, mine: false };
    entry.count++;
    entry.mine ||= reactor === CUSTOMER_REACTOR;
    byEmoji.set(emoji, entry);
  }
  return { reactions: [...byEmoji.values()].sort((a, b) => b.count - a.count) };
}

/** The contract's Conversation, with its newest message. */
export function conversationJson(conversation: StoredConversation, origin: string) {
  const last = conversation.messages.at(-1);
  return {
    id: conversation.id,
    channel: conversation.channel,
    channel_id: conversation.channel_id,
    contact: { ...conversation.contact, avatar_url: absolute(origin, conversation.contact.avatar_url) },
    last_message: last ? messageJson(last, origin) : null,
    unread_count: conversation.unread_count,
    updated_at: isoTime(conversation.updated_at),
  };
}

/** The `message:status` payload: `error` only when there is one. */
export function statusJson(message: StoredMessage) {
  return {
    id: message.id,
    external_id: message.external_id,
    conversation_id: message.conversation_id,
    status: message.status,
    ...(message.error !== null && { error: message.error }),
  };
}

/** The channel account a business message goes out from. */
function businessSender(channel: Pick<Channel, 'id' | 'username'>) {
  return { id: `account_${channel.id}`, name: channel.username };
}

/** ±40 % around `ms`, so a chatty contact does not tick like a clock. */
function jitter(ms: number): number {
  return ms * (0.6 + Math.random() * 0.8);
}

/**
 * One tenant's conversations and messages. Receipts are computed from the clock by `settle()`, like
 * the channels' changes; timers only make them happen on time for socket listeners.
 */
export class Inbox {
  private readonly conversationsById = new Map<string, StoredConversation>();
  private readonly messagesById = new Map<string, StoredMessage>();
  /** `external_id` is unique in the tenant: a send that repeats one gets the first message back. */
  private readonly messagesByExternalId = new Map<string, StoredMessage>();
  private readonly receipts = new Map<StoredMessage, ReceiptStep[]>();
  private readonly fileIds = new Set<string>();
  /** Ids differ between sandbox runs, so a client's cache never mistakes a new message for an old one. */
  private readonly idPrefix = randomBytes(3).toString('hex');
  private lastConversation = 0;
  private lastMessage = 0;
  private chattyRun = 0;

  constructor(
    private readonly host: InboxHost,
    private readonly files: FileStore,
  ) {}

  /** Newest activity first. */
  conversations(): StoredConversation[] {
    return [...this.conversationsById.values()].sort((a, b) => b.updated_at - a.updated_at || b.seq - a.seq);
  }

  conversation(id: string): StoredConversation | undefined {
    return this.conversationsById.get(id);
  }

  message(id: string): StoredMessage | undefined {
    return this.messagesById.get(id);
  }

  messageByExternalId(externalId: string): StoredMessage | undefined {
    return this.messagesByExternalId.get(externalId);
  }

  /** The number the next conversation gets, which seeds its simulated history. */
  get nextConversationNumber(): number {
    return this.lastConversation + 1;
  }

  /** A conversation with a ready history: no event per message, one `conversation:updated` at the end. */
  addConversation(
    channel: Channel,
    contact: Omit<Contact, 'id'>,
    history: readonly HistoryEntry[],
    now: number,
  ): StoredConversation {
    const seq = ++this.lastConversation;
    const conversation: StoredConversation = {
      id: `conv_${this.idPrefix}_${seq}`,
      channel: channel.type,
      channel_id: channel.id,
      contact: { id: `contact_${this.idPrefix}_${seq}`, ...contact },
      messages: [],
      unread_count: 0,
      updated_at: now,
      seq,
    };
    this.conversationsById.set(conversation.id, conversation);
    const contactSender = { id: conversation.contact.id, name: conversation.contact.name };
    for (const entry of history) {
      const replyTo = entry.reply_to == null ? null : (conversation.messages[entry.reply_to]?.id ?? null);
      const message = this.makeMessage(
        conversation,
        { ...entry, reply_to_message_id: replyTo },
        entry.timestamp,
        {
          direction: entry.direction,
          sender: entry.direction === 'incoming' ? contactSender : businessSender(channel),
          status: entry.status,
          error: entry.error ?? null,
        },
      );
      if (entry.deleted) this.erase(message);
      this.store(conversation, message);
    }
    const last = conversation.messages.at(-1);
    if (last) conversation.updated_at = last.timestamp;
    conversation.unread_count = this.unreadAfter(conversation, this.lastOutgoingIndex(conversation));
    this.host.emit({ type: 'conversation:updated', conversation });
    return conversation;
  }

  /** An outgoing message, `sent` now and then moving on by the receipt timings. */
  send(conversation: StoredConversation, channel: Channel, draft: MessageDraft, now: number): StoredMessage {
    const message = this.makeMessage(conversation, draft, now, {
      direction: 'outgoing',
      sender: businessSender(channel),
      status: 'sent',
      error: null,
    });
    this.store(conversation, message);
    this.scheduleReceipts(message, now);
    this.announce(conversation, message, this.host.scenario().echo_delay_ms);
    return message;
  }

  /** An incoming message from the contact, unread; `delivery.broadcast: false` keeps its frames back. */
  receive(
    conversation: StoredConversation,
    draft: MessageDraft,
    now: number,
    delivery: Delivery = { broadcast: true },
  ): StoredMessage {
    const { contact } = conversation;
    const message = this.makeMessage(conversation, draft, now, {
      direction: 'incoming',
      sender: { id: contact.id, name: contact.name },
      status: null,
      error: null,
    });
    this.store(conversation, message);
    conversation.unread_count += 1;
    if (delivery.broadcast) this.announce(conversation, message, 0);
    return message;
  }

  /** Everything up to `upTo` is read: the unread count becomes the incoming messages after it. */
  markRead(conversation: StoredConversation, upTo: StoredMessage): void {
    const unread = this.unreadAfter(conversation, upTo.index);
    if (unread === conversation.unread_count) return;
    conversation.unread_count = unread;
    this.host.emit({ type: 'conversation:updated', conversation });
  }

  /** The contact writes until `until` (docs/asyncapi.yaml `typing`); nothing is stored. */
  typing(conversation: StoredConversation, until: number): void {
    this.host.emit({ type: 'typing', conversation, until });
  }

  /** The contact came online or went offline (docs/asyncapi.yaml `presence`); nothing is stored. */
  presence(conversation: StoredConversation, online: boolean, lastSeen: number | null): void {
    this.host.emit({ type: 'presence', conversation, online, lastSeen });
  }

  /** `reactor`'s one reaction to the message becomes `emoji`; `''` takes it back. */
  react(message: StoredMessage, reactor: string, emoji: string): void {
    message.reactions ??= new Map();
    if (emoji) message.reactions.set(reactor, emoji);
    else message.reactions.delete(reactor);
    this.host.emit({ type: 'message:reaction', message });
  }

  /** The customer changed the text of a sent text message. */
  edit(message: StoredMessage, text: string, now: number): void {
    message.text = text;
    message.edited_at = now;
    this.host.emit({ type: 'message:edited', message });
    this.afterChange(message);
  }

  delete(message: StoredMessage): void {
    this.erase(message);
    this.host.emit({ type: 'message:deleted', message });
    this.afterChange(message);
  }

  /** Sets a status by hand (control endpoint); any receipts still due for the message are dropped. */
  setStatus(message: StoredMessage, status: MessageStatus | null, error: string | null): void {
    this.receipts.delete(message);
    message.status = status;
    message.error = error;
    this.host.emit({ type: 'message:status', message });
    this.afterChange(message);
  }

  /** Applies every receipt due by `now`, in order. */
  settle(now: number): void {
    for (const [message, steps] of this.receipts) {
      while (steps[0] && steps[0].at <= now && !message.deleted) {
        const step = steps.shift()!;
        message.status = step.status;
        message.error = step.error;
        this.host.emit({ type: 'message:status', message });
        this.afterChange(message);
      }
      if (steps.length === 0 || message.deleted) this.receipts.delete(message);
    }
  }

  /** (Re)starts the simulated contacts of the `chatty` switch; 0 stops them. */
  restartChatty(): void {
    const run = ++this.chattyRun;
    const period = this.host.scenario().chatty;
    if (period <= 0) return;
    const tick = () => {
      if (run !== this.chattyRun) return;
      const conversations = [...this.conversationsById.values()];
      const conversation = conversations[Math.floor(Math.random() * conversations.length)];
      if (conversation) {
        const text = CHATTY_LINES[Math.floor(Math.random() * CHATTY_LINES.length)] ?? 'Hello?';
        this.receive(conversation, { type: 'text', text }, Date.now());
      }
      this.host.later(jitter(period), tick);
    };
    this.host.later(jitter(period), tick);
  }

  /** `count` incoming texts spread evenly over `withinMs` (`POST /__sandbox/burst`, for the benchmark). */
  burst(conversation: StoredConversation, count: number, withinMs: number, text: string): void {
    for (let index = 1; index <= count; index++) {
      this.host.later((index * withinMs) / count, () => {
        if (this.conversationsById.get(conversation.id) !== conversation) return;
        this.receive(conversation, { type: 'text', text: `${text} ${index}` }, Date.now());
      });
    }
  }

  /** Forgets every conversation and its files; ids keep counting, so none is ever reused. */
  clear(): void {
    this.chattyRun += 1;
    for (const id of this.fileIds) this.files.delete(id);
    this.fileIds.clear();
    this.conversationsById.clear();
    this.messagesById.clear();
    this.messagesByExternalId.clear();
    this.receipts.clear();
  }

  summary() {
    return this.conversations().map((conversation) => ({
      id: conversation.id,
      channel: conversation.channel,
      channel_id: conversation.channel_id,
      contact: conversation.contact.name ?? conversation.contact.phone ?? conversation.contact.username,
      messages: conversation.messages.length,
      unread_count: conversation.unread_count,
      updated_at: isoTime(conversation.updated_at),
    }));
  }

  private makeMessage(
    conversation: StoredConversation,
    draft: MessageDraft,
    timestamp: number,
    origin: Pick<StoredMessage, 'direction' | 'sender' | 'status' | 'error'>,
  ): StoredMessage {
    let file: StoredFile | null = null;
    if (draft.file) {
      const { bytes, mime_type: mimeType, name, caption } = draft.file;
      const id = this.files.add({ bytes, mime_type: mimeType, name });
      this.fileIds.add(id);
      file = { id, name, mime_type: mimeType, size: bytes.length, caption };
    }
    const previous = conversation.messages.at(-1);
    return {
      id: `msg_${this.idPrefix}_${++this.lastMessage}`,
      conversation_id: conversation.id,
      external_id: draft.external_id ?? null,
      direction: origin.direction,
      type: draft.type,
      text: draft.text,
      file,
      sender: origin.sender,
      // Never before the newest message, so positions and timestamps agree.
      timestamp: Math.max(timestamp, previous?.timestamp ?? timestamp),
      status: origin.status,
      error: origin.error,
      reply_to_message_id: draft.reply_to_message_id ?? null,
      deleted: false,
      index: 0,
    };
  }

  private store(conversation: StoredConversation, message: StoredMessage): void {
    message.index = conversation.messages.length;
    conversation.messages.push(message);
    conversation.updated_at = message.timestamp;
    this.messagesById.set(message.id, message);
    if (message.external_id !== null) this.messagesByExternalId.set(message.external_id, message);
  }

  /**
   * `message:new` and `conversation:updated`, now or after the echo delay. The frame carries the message as
   * it was made, as a server's queued event does: receipts or a deletion made meanwhile go out before it.
   */
  private announce(conversation: StoredConversation, message: StoredMessage, delayMs: number): void {
    const made = { ...message };
    const emit = () => {
      this.host.emit({ type: 'message:new', message: made });
      this.host.emit({ type: 'conversation:updated', conversation });
    };
    if (delayMs > 0) this.host.later(delayMs, emit);
    else emit();
  }

  private erase(message: StoredMessage): void {
    if (message.file) {
      this.files.delete(message.file.id);
      this.fileIds.delete(message.file.id);
    }
    Object.assign(message, { deleted: true, text: null, file: null });
    this.receipts.delete(message);
  }

  /** The conversation's newest message changed: its `last_message` did too. */
  private afterChange(message: StoredMessage): void {
    const conversation = this.conversationsById.get(message.conversation_id);
    if (conversation?.messages.at(-1) === message) {
      this.host.emit({ type: 'conversation:updated', conversation });
    }
  }

  /**
   * `delivered` after `receiptDeliveredMs`, then `read`, then `played` for audio; with
   * `message_failure`, `failed` with that error instead.
   */
  private scheduleReceipts(message: StoredMessage, now: number): void {
    const { receiptDeliveredMs, receiptReadMs, receiptPlayedMs } = this.host.timings();
    const failure = this.host.scenario().message_failure;
    const deliveredAt = now + receiptDeliveredMs;
    const readAt = Math.max(deliveredAt, now + receiptReadMs);
    const steps: ReceiptStep[] =
      failure === null
        ? [
            { at: deliveredAt, status: 'delivered', error: null },
            { at: readAt, status: 'read', error: null },
          ]
        : [{ at: deliveredAt, status: 'failed', error: failure }];
    if (failure === null && message.type === 'audio') {
      steps.push({ at: Math.max(readAt, now + receiptPlayedMs), status: 'played', error: null });
    }
    this.receipts.set(message, steps);
    for (const step of steps) this.host.settleAt(step.at);
  }

  private lastOutgoingIndex(conversation: StoredConversation): number {
    return conversation.messages.findLastIndex((message) => message.direction === 'outgoing');
  }

  private unreadAfter(conversation: StoredConversation, index: number): number {
    let unread = 0;
    for (let at = index + 1; at < conversation.messages.length; at++) {
      if (conversation.messages[at]?.direction === 'incoming') unread += 1;
    }
    return unread;
  }
}
