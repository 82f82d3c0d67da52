import type { MessageStatus } from '../../contract.js';
import { CHATEGY_STATUSES, chategyStatus, type ChategyStatus } from './status-list.js';

/** What one of Chategy's statuses means for a message: our status, and for a failure, why in words. */
export interface MappedStatus {
  status: MessageStatus;
  error: string | null;
}

/** Intermediate statuses: accepted and on its way. */
const ON_ITS_WAY: ReadonlySet<number> = new Set([1, 6, 14, 15, 21, 46]);
const DELIVERED = 2;
const READ = 16;
/** "Message deleted": a deletion, not a delivery outcome. */
export const DELETED_STATUS_ID = 4;

function failure(entry: ChategyStatus): MappedStatus {
  return { status: 'failed', error: `${entry.explanation}: ${entry.description}` };
}

/**
 * A delivery's `status_id` as our status; undefined for 4 (deleted, handled as a deletion) and for an
 * id Chategy does not document (then `failed` with the id, so nothing is silently lost).
 */
export function mapDeliveryStatus(statusId: number): MappedStatus | undefined {
  if (statusId === DELETED_STATUS_ID) return undefined;
  const entry = chategyStatus(statusId);
  if (!entry) return { status: 'failed', error: `The provider reported status ${statusId}.` };
  if (ON_ITS_WAY.has(statusId)) return { status: 'sent', error: null };
  if (statusId === DELIVERED) return { status: 'delivered', error: null };
  if (statusId === READ) return { status: 'read', error: null };
  return failure(entry);
}

/** Every documented status with its mapping, for the docs table and the tests. */
export function deliveryStatusTable(): { entry: ChategyStatus; mapped: MappedStatus | undefined }[] {
  return CHATEGY_STATUSES.map((entry) => ({ entry, mapped: mapDeliveryStatus(entry.id) }));
}

/** The statuses of WhatsApp's status webhook, in Chategy's words. */
const WHATSAPP_STATUSES: Readonly<Record<string, MappedStatus>> = {
  sent: { status: 'sent', error: null },
  received: { status: 'delivered', error: null },
  read: { status: 'read', error: null },
  played: { status: 'played', error: null },
  failed: { status: 'failed', error: 'Failed to send message.' },
  expired: { status: 'failed', error: 'Message expired (e.g., no network connection for too long).' },
  content_gone: { status: 'failed', error: 'Content no longer available (e.g., deleted or expired).' },
  content_too_big: { status: 'failed', error: 'Content too large to send.' },
  content_unuploadable: { status: 'failed', error: 'Content cannot be uploaded (possibly corrupted).' },
  inactive: { status: 'failed', error: 'User inactive (e.g., account deleted or banned).' },
};

export function mapWhatsappStatus(status: string): MappedStatus | undefined {
  return WHATSAPP_STATUSES[status];
}

export const WHATSAPP_STATUS_NAMES = Object.keys(WHATSAPP_STATUSES);
