/** The wire shapes of docs/openapi.yaml, kept apart from the client's types so the sandbox stays an independent implementation. */

export const CHANNEL_TYPES = ['whatsapp', 'telegram', 'instagram', 'max'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const QR_CHANNEL_TYPES = ['whatsapp', 'telegram'] as const;
export type QrChannelType = (typeof QR_CHANNEL_TYPES)[number];

export const SYNC_STATUSES = [
  'OK',
  'CONNECTING',
  'SYNC_SUCCESS',
  'CREDENTIALS',
  'ERROR',
  'STOPPED',
  'CREATION_FAIL',
] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export interface Channel {
  id: number;
  type: ChannelType;
  username: string | null;
  is_connected: boolean;
  sync_status: SyncStatus;
  last_synced_at: string | null;
}

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  instagram: 'Instagram',
  max: 'MAX',
};

export function isChannelType(value: unknown): value is ChannelType {
  return (CHANNEL_TYPES as readonly unknown[]).includes(value);
}

export function isQrChannelType(value: unknown): value is QrChannelType {
  return (QR_CHANNEL_TYPES as readonly unknown[]).includes(value);
}

export function isSyncStatus(value: unknown): value is SyncStatus {
  return (SYNC_STATUSES as readonly unknown[]).includes(value);
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
