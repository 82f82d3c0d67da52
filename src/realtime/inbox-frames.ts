import type { Conversation, Message, MessageStatus } from '../api/types.js';
import { parseConversation, parseMessage } from '../api/validate-inbox.js';
import { readField } from './channel-frame.js';

/** `message:new` `{ message }`. */
export const messageOfFrame = (payload: unknown): Message | undefined =>
  readField(payload, 'message', parseMessage);

/** `conversation:updated` `{ conversation }`. */
export const conversationOfFrame = (payload: unknown): Conversation | undefined =>
  readField(payload, 'conversation', parseConversation);

export interface StatusReport {
  id: string;
  external_id: string | null;
  conversation_id: string;
  status: MessageStatus;
  error: string | null;
}

const STATUSES = new Set<string>(['pending', 'sent', 'delivered', 'read', 'played', 'failed']);

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** `message:status` `{ id, external_id, conversation_id, status, error? }`. */
export function statusOfFrame(payload: unknown): StatusReport | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const frame = payload as Record<string, unknown>;
  const id = idOf(frame.id);
  const conversationId = idOf(frame.conversation_id);
  if (id === undefined || conversationId === undefined) return undefined;
  if (typeof frame.status !== 'string' || !STATUSES.has(frame.status)) return undefined;
  return {
    id,
    external_id: typeof frame.external_id === 'string' ? frame.external_id : null,
    conversation_id: conversationId,
    status: frame.status as MessageStatus,
    error: typeof frame.error === 'string' ? frame.error : null,
  };
}

/** `message:deleted` `{ id, conversation_id }`. */
export function deletionOfFrame(payload: unknown): { id: string; conversation_id: string } | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const frame = payload as Record<string, unknown>;
  const id = idOf(frame.id);
  const conversationId = idOf(frame.conversation_id);
  return id === undefined || conversationId === undefined
    ? undefined
    : { id, conversation_id: conversationId };
}

/** `typing` `{ conversation_id, until }`: the contact writes until that time. */
export function typingOfFrame(payload: unknown): { conversation_id: string; until: number } | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const frame = payload as Record<string, unknown>;
  const conversationId = idOf(frame.conversation_id);
  const until = typeof frame.until === 'string' ? Date.parse(frame.until) : NaN;
  return conversationId === undefined || Number.isNaN(until)
    ? undefined
    : { conversation_id: conversationId, until };
}

export interface PresenceReport {
  conversation_id: string;
  online: boolean;
  /** When the contact was last online (ms); `null` when the provider hides it. */
  lastSeen: number | null;
}

/** `presence` `{ conversation_id, contact_id, online, last_seen }`. */
export function presenceOfFrame(payload: unknown): PresenceReport | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const frame = payload as Record<string, unknown>;
  const conversationId = idOf(frame.conversation_id);
  if (conversationId === undefined || typeof frame.online !== 'boolean') return undefined;
  const lastSeen = typeof frame.last_seen === 'string' ? Date.parse(frame.last_seen) : NaN;
  return {
    conversation_id: conversationId,
    online: frame.online,
    lastSeen: Number.isNaN(lastSeen) ? null : lastSeen,
  };
}
