/** The messaging channels a customer can link. */
export type ChannelType = 'whatsapp' | 'telegram' | 'instagram' | 'max';

/** Channels linked by scanning a QR code. */
export type QrChannelType = 'whatsapp' | 'telegram';

export const CHANNEL_TYPES: readonly ChannelType[] = ['whatsapp', 'telegram', 'instagram', 'max'];

/** Channels linked by phone number and a code sent to it (Telegram also by QR). */
export type PhoneChannelType = 'telegram' | 'max';

/** Where a Telegram phone login stands, as the `room:v1:telegram:auth` room's `auth_state` says. */
export type TelegramAuthStatus = 'wait_phone' | 'wait_code' | 'wait_password' | 'authorized';

/** `sync_status` values (docs/providers.md#sync-status); anything else a backend sends is kept as a plain string. */
export type KnownSyncStatus =
  'OK' | 'CONNECTING' | 'SYNC_SUCCESS' | 'CREDENTIALS' | 'ERROR' | 'STOPPED' | 'CREATION_FAIL';

export type SyncStatus = KnownSyncStatus | (string & {});

/** A linked account, as every connect, status and refresh call returns it. */
export interface Channel {
  id: number;
  type: ChannelType;
  username: string | null;
  is_connected: boolean;
  sync_status: SyncStatus;
  last_synced_at: string | null;
}

/** Answer of `POST /channels/{whatsapp|telegram}/connect`. */
export interface QrConnectStart {
  account_id: string;
  qr_code: string;
}

/**
 * Answer of `GET /channels/{channel}/status?account_id=`.
 *
 * docs/providers.md#qr-attempt-status: `completed:false, in_progress:true` waiting; `completed:true` connected;
 * `completed:false, in_progress:false` failed or expired. The `qr_*` fields are optional
 * extensions (the sandbox sends them): the current code and its lifetime, so a poll can follow rotations.
 */
export interface QrAttemptStatus {
  id: number | null;
  type: ChannelType;
  username: string | null;
  is_connected: boolean;
  sync_status: SyncStatus;
  last_synced_at: string | null;
  completed: boolean;
  in_progress: boolean;
  /** Current code; `null` once it was scanned. Absent when the backend does not report it. */
  qr_code?: string | null;
  /** ISO time the current code stops working. */
  qr_expires_at?: string | null;
  /** 1-based number of the current code within the attempt. */
  qr_index?: number;
  /** How many codes the attempt will show before it fails. */
  qr_total?: number;
  /** An attempt linked by phone number: its code while it can be entered, `null` once entered or over. */
  pairing_code?: string | null;
  /** ISO time that code stops working. */
  pairing_code_expires_at?: string | null;
}

/** Answer of `POST /channels/whatsapp/pairing-code`: the attempt and the code to type in WhatsApp. */
export interface PairingCodeStart {
  account_id: string;
  /** Eight letters and digits. */
  pairing_code: string;
  /** ISO time the code stops working. */
  expires_at: string;
}

/** What a pairing-code request names: the phone (E.164) and, to keep it, the unfinished attempt. */
export interface PairingCodeRequest {
  phone_number: string;
  account_id?: string;
}

export interface InstagramCredentials {
  username: string;
  password: string;
  /** ISO 3166-1 alpha-2; the backend defaults to `SA`. */
  country?: string;
}

/** Instagram asks for a verification code (another round may follow). */
export interface TwoFactorChallenge {
  requires_2fa: true;
  account_id: string;
  checkpoint_type: string;
}

export type InstagramConnectResult =
  | { kind: 'connected'; channel: Channel }
  | { kind: 'challenge'; challenge: TwoFactorChallenge; message?: string };

/** The realtime WhatsApp auth room's event (docs/providers.md#whatsapp-auth-room). */
export interface WhatsAppAuthState {
  auth: boolean;
  qr_code: string | null;
  in_progress?: boolean;
}

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Options of the calls that act on one linked channel, when several of a type exist. */
export interface ChannelCallOptions extends CallOptions {
  /** The channel's `id`; without it the backend picks (docs/providers.md#one-account-per-call). */
  id?: number;
  /** Disconnect only: the `account_id` of an unfinished QR attempt, which the backend abandons. */
  accountId?: string;
}

/** Contract message types; anything else a backend sends is shown as unsupported. */
export type MessageType = 'text' | 'image' | 'document' | 'audio' | 'video' | 'call' | 'unsupported';

/** Outgoing delivery states (docs/providers.md#delivery-statuses). */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export interface MessageFile {
  name: string;
  mime_type: string;
  size: number | null;
  caption: string | null;
  download_url: string;
}

export interface Message {
  id: string;
  conversation_id: string;
  external_id: string | null;
  direction: 'incoming' | 'outgoing';
  type: MessageType;
  text: string | null;
  file: MessageFile | null;
  sender: { id: string; name: string | null };
  timestamp: string;
  status: MessageStatus | null;
  error: string | null;
  reply_to_message_id: string | null;
  deleted: boolean;
  /**
   * The message's place in its conversation as the server numbers it (from 1, never reused), when the
   * backend gives one: catching up resumes after the last message held without a gap.
   */
  seq?: number;
  /** From backends that report reactions: one entry per emoji, most given first. */
  reactions?: Reaction[];
  /** From backends that can edit: when the text was last changed. */
  edited_at?: string;
}

/** An emoji given to a message, how many gave it, and whether the customer is one of them. */
export interface Reaction {
  emoji: string;
  count: number;
  mine: boolean;
}

export interface Contact {
  id: string;
  name: string | null;
  phone: string | null;
  username: string | null;
  avatar_url: string | null;
}

export interface Conversation {
  id: string;
  channel: ChannelType;
  channel_id: number;
  contact: Contact;
  last_message: Message | null;
  unread_count: number;
  updated_at: string;
}

export interface ConversationPage {
  items: Conversation[];
  next_cursor: string | null;
  /** Unread messages of every conversation the caller may read, whatever the filters; absent when the backend does not count them. */
  unread_total?: number;
}

/** A message that `searchMessages` found, with its conversation. */
export interface MessageSearchHit {
  message: Message;
  conversation: Conversation;
}

/** One page of message hits, newest first. */
export interface MessageSearchPage {
  items: MessageSearchHit[];
  next_cursor: string | null;
}

export interface MessageSearchQuery extends CallOptions {
  /** Characters the text, a file's name or its caption contains, in any case. */
  q: string;
  channelId?: number;
  cursor?: string;
  limit?: number;
}

export interface MessagePage {
  /** Oldest first. */
  items: Message[];
  has_more: boolean;
}

export interface ConversationQuery extends CallOptions {
  channelId?: number;
  /** Only the conversations of accounts of this type. */
  channel?: ChannelType;
  /** Only the conversations with unread messages. */
  unread?: boolean;
  /** Contact name, phone or username, or the text of one of its messages, containing these characters. */
  q?: string;
  cursor?: string;
  limit?: number;
}

/** `before`: the page just older than that message; `after`: what is newer; neither: the newest page. */
export interface MessageQuery extends CallOptions {
  before?: string;
  after?: string;
  limit?: number;
}

export interface OutgoingText {
  text: string;
  external_id: string;
  reply_to_message_id?: string;
}

/** Who a new conversation is with: a phone number (E.164), or a Telegram username. */
export type Recipient = { phone: string } | { username: string };

/** What `startConversation` sends: the first text, from a linked account to a recipient. */
export interface NewConversation {
  channelId: number;
  to: Recipient;
  text: string;
  /** Made by the client, kept across retries: a repeat never sends a second message. */
  externalId: string;
}

/** The conversation a new conversation's first text went to (an existing one with that contact, if any), and that text. */
export interface StartedConversation {
  conversation: Conversation;
  message: Message;
}

export interface OutgoingFile {
  file: Blob;
  file_name: string;
  external_id: string;
  caption?: string;
  reply_to_message_id?: string;
}

export interface UploadOptions extends CallOptions {
  /** Share of the body sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
}
