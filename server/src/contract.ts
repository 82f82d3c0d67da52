/**
 * The shapes the elements speak (docs/openapi.yaml, the README's contract section), as the server
 * answers them. Providers translate their upstream API into these.
 */

/** Channel types the elements know; a provider may add more (MAX), kept as plain strings. */
export type ChannelType = 'whatsapp' | 'telegram' | 'instagram' | (string & {});

/** Channel types linked by scanning a QR code. */
export type QrChannelType = 'whatsapp' | 'telegram';

export const QR_CHANNEL_TYPES: readonly QrChannelType[] = ['whatsapp', 'telegram'];

export type SyncStatus =
  | 'OK'
  | 'CONNECTING'
  | 'SYNC_SUCCESS'
  | 'CREDENTIALS'
  | 'ERROR'
  | 'STOPPED'
  | 'CREATION_FAIL'
  | (string & {});

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

/** Answer of `GET /channels/{type}/status?account_id=`: the channel fields plus the attempt's progress. */
export interface QrAttemptStatus extends Omit<Channel, 'id'> {
  id: number | null;
  completed: boolean;
  in_progress: boolean;
  qr_code?: string | null;
  qr_expires_at?: string | null;
  qr_index?: number;
  qr_total?: number;
  pairing_code?: string | null;
  pairing_code_expires_at?: string | null;
}

/** Answer of `POST /channels/whatsapp/pairing-code`: the attempt and the code to type in WhatsApp. */
export interface PairingCodeStart {
  account_id: string;
  pairing_code: string;
  expires_at: string;
}

/** A pairing-code request: the phone (E.164) and, to link it by code instead, an unfinished attempt. */
export interface PairingCodeRequest {
  phone_number: string;
  account_id?: string;
}

export interface InstagramCredentials {
  username: string;
  password: string;
  country?: string;
}

/** Instagram asks for a verification code (another round may follow). */
export interface TwoFactorChallenge {
  requires_2fa: true;
  account_id: string;
  checkpoint_type: string;
}

export type MessageType = 'text' | 'image' | 'document' | 'audio' | 'video' | 'call' | 'unsupported';

export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export const MESSAGE_STATUSES: readonly MessageStatus[] = [
  'pending',
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
];

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
  /** The message's place in its conversation, from 1, never reused (the server's store numbers its messages). */
  seq?: number;
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
  /** Unread messages of every conversation the caller may read, whatever the page's filters. */
  unread_total?: number;
}

/** One page of `GET /messages/search`, newest first; each hit with its conversation. */
export interface MessageSearchPage {
  items: { message: Message; conversation: Conversation }[];
  next_cursor: string | null;
}

/** `POST /conversations`: who a first message goes to, by phone number (E.164) or Telegram username (without `@`). */
export type Recipient = { phone: string } | { username: string };

/** The answer of `POST /conversations`: the conversation (new, or the contact's existing one) and the message sent. */
export interface StartedConversation {
  conversation: Conversation;
  message: Message;
}

export interface MessagePage {
  /** Oldest first. */
  items: Message[];
  has_more: boolean;
}

/** `message:status` payload of the `inbox` topic. */
export interface MessageStatusChange {
  id: string;
  external_id: string | null;
  conversation_id: string;
  status: MessageStatus;
  error?: string | null;
}

/** What the `inbox` topic pushes to a customer's sockets. */
export type InboxEvent =
  | { event: 'message:new'; payload: { message: Message } }
  | { event: 'message:status'; payload: MessageStatusChange }
  | { event: 'message:deleted'; payload: { id: string; conversation_id: string } }
  | { event: 'conversation:updated'; payload: { conversation: Conversation } }
  | { event: 'channel:status'; payload: { channel: Channel } }
  | { event: 'typing'; payload: { conversation_id: string; until: string } }
  | {
      event: 'presence';
      payload: { conversation_id: string; contact_id: string; online: boolean; last_seen: string | null };
    };

/** `{ field: [messages] }` of a 422. */
export type FieldErrors = Record<string, string[]>;
