import type { Contact, MessageFile, MessageType } from '../../contract.js';
import {
  ProviderError,
  type IncomingWebhook,
  type InboxStore,
  type StoredChannel,
  type WebhookOutcome,
} from '../provider.js';
import type { Instances } from './instances.js';
import { startedChatKeys } from './started-chats.js';
import { DELETED_STATUS_ID, mapDeliveryStatus, mapWhatsappStatus } from './statuses.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : null;
}

function digits(value: unknown): string | null {
  const raw = text(value);
  const only = raw?.replace(/\D/g, '') ?? '';
  return only === '' ? null : only;
}

/** Keeps a file that the webhook links only for a while; answers the link the elements get. */
export type FileKeeper = (
  customerId: string,
  file: { url: string; mime_type: string; name: string },
) => Promise<string>;

/** Where a delivery we sent is remembered, so its echo, status and callback find our message. */
export const deliveryKey = (deliveryId: number | string) => `delivery:${deliveryId}`;
export interface DeliveryRecord {
  customerId: string;
  externalId: string;
}

function messageType(chategyType: string, mime: string | null): MessageType {
  if (mime) {
    const type = mime.toLowerCase();
    if (chategyType === 'image' || type.startsWith('image/'))
      return type.startsWith('image/') ? 'image' : 'document';
    if (type.startsWith('audio/')) return 'audio';
    if (type.startsWith('video/')) return 'video';
    return 'document';
  }
  return 'text';
}

function fileName(url: string, mime: string): string {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    if (last.includes('.')) return last;
  } catch {
    // A link that is not a URL still gets a name below.
  }
  return `file.${mime.split('/')[1]?.split(/[;+]/)[0] ?? 'bin'}`;
}

/** The channel types the webhooks speak of, by our provider key. */
const channelKey = (type: 'whatsapp' | 'telegram' | 'max', chategyCustomerId: number) =>
  `${type}:${chategyCustomerId}`;
export { channelKey };

/**
 * Turns each of Chategy's webhooks (and delivery callbacks, which come to the same URL) into the
 * contract's channels, messages and statuses in the store; the store tells the customer's sockets.
 */
export class ChategyWebhooks {
  constructor(
    private readonly store: InboxStore,
    private readonly instances: Instances,
    private readonly keepFile: FileKeeper,
  ) {}

  async receive({ body }: IncomingWebhook): Promise<WebhookOutcome> {
    if (!isRecord(body)) throw new ProviderError(400, 'The webhook body must be a JSON object.');
    if (isRecord(body['delivery'])) return this.deliveryCallback(body['delivery']);
    const type = body['type'];
    const payload = body['payload'];
    if (typeof type !== 'string' || !isRecord(payload))
      throw new ProviderError(400, 'A webhook has a type and a payload.');
    // `whatsapp_log_out` carries the customer id in the payload itself, one file example too.
    const chategyCustomerId = Number(record(payload['instance'])['customer_id'] ?? payload['customer_id']);
    if (!Number.isSafeInteger(chategyCustomerId))
      throw new ProviderError(400, 'The webhook names no instance.');
    const owner = await this.instances.owner(chategyCustomerId);
    if (!owner) return { ignored: `no customer has Chategy instance ${chategyCustomerId}` };
    const { customerId } = owner;
    switch (type) {
      case 'whatsapp_incoming_msg':
        return this.whatsappMessage(customerId, chategyCustomerId, payload);
      case 'whatsapp_call':
        return this.whatsappCall(customerId, chategyCustomerId, payload);
      case 'tdlib_incoming_msg':
        return this.tdlibMessage(customerId, chategyCustomerId, payload);
      case 'tdlib_call':
        return this.tdlibCall(customerId, chategyCustomerId, payload);
      case 'whatsapp_status_msg':
      case 'message_status':
        return this.whatsappStatus(customerId, chategyCustomerId, payload);
      case 'whatsapp_log_in': {
        const phone = digits(record(payload['instance'])['phone']);
        await this.linked(customerId, 'whatsapp', chategyCustomerId, phone);
        return { stored: true };
      }
      case 'whatsapp_log_out':
        await this.store.updateChannel(channelKey('whatsapp', chategyCustomerId), {
          is_connected: false,
          sync_status: 'STOPPED',
        });
        return { stored: true };
      default:
        return { ignored: `webhook type ${type} is not one Chategy documents` };
    }
  }

  /** A linked account of the customer, made or marked connected. */
  async linked(
    customerId: string,
    type: 'whatsapp' | 'telegram' | 'max',
    chategyCustomerId: number,
    phone: string | null,
  ): Promise<StoredChannel> {
    const existing = await this.store.channelByKey(channelKey(type, chategyCustomerId));
    return this.store.upsertChannel(customerId, {
      providerKey: channelKey(type, chategyCustomerId),
      type,
      username: phone ? `+${phone}` : (existing?.username ?? null),
      is_connected: true,
      sync_status: 'OK',
      last_synced_at: new Date().toISOString(),
    });
  }

  /** The channel a message arrives on; a message on an account we never saw linked links it. */
  private async channel(customerId: string, type: 'whatsapp' | 'telegram', chategyCustomerId: number) {
    return (
      (await this.store.channelByKey(channelKey(type, chategyCustomerId))) ??
      this.linked(customerId, type, chategyCustomerId, null)
    );
  }

  private async externalIdOf(deliveryId: unknown): Promise<string | null> {
    const id = text(deliveryId);
    if (id === null) return null;
    const found = await this.store.findByKey(deliveryKey(id));
    return (found?.value as DeliveryRecord | undefined)?.externalId ?? null;
  }

  /** `ours`: the echo of a file we sent, whose bytes are kept already, so its link is not copied again. */
  private async file(customerId: string, message: Json, ours: boolean): Promise<MessageFile | null> {
    const data = message['file_data'];
    if (!isRecord(data) || typeof data['download_url'] !== 'string') return null;
    const mime = text(data['mime_type']) ?? 'application/octet-stream';
    const name = fileName(data['download_url'], mime);
    return {
      name,
      mime_type: mime,
      size: null,
      caption: text(data['caption']),
      download_url: ours
        ? data['download_url']
        : await this.keepFile(customerId, { url: data['download_url'], mime_type: mime, name }),
    };
  }

  private async saveMessage(
    customerId: string,
    channel: StoredChannel,
    chat: { id: string; contact: Contact },
    message: {
      providerMessageId: string;
      direction: 'incoming' | 'outgoing';
      type: MessageType;
      text: string | null;
      file: MessageFile | null;
      sender: { id: string; name: string | null };
      timestamp: unknown;
      replyTo: unknown;
      deliveryId: unknown;
    },
  ): Promise<WebhookOutcome> {
    const conversation = await this.store.upsertConversation(customerId, {
      channelId: channel.id,
      providerConversationId: chat.id,
      contact: chat.contact,
    });
    const seconds = Number(message.timestamp);
    await this.store.upsertMessage(customerId, {
      conversationId: conversation.id,
      providerMessageId: message.providerMessageId,
      externalId: await this.externalIdOf(message.deliveryId),
      direction: message.direction,
      type: message.type,
      text: message.text,
      file: message.file,
      sender: message.sender,
      timestamp: new Date(
        Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : Date.now(),
      ).toISOString(),
      status: message.direction === 'outgoing' ? 'sent' : null,
      replyToProviderMessageId: text(message.replyTo),
    });
    return { stored: true };
  }

  private async whatsappMessage(
    customerId: string,
    chategyCustomerId: number,
    payload: Json,
  ): Promise<WebhookOutcome> {
    const entry = record(payload['new_message']);
    const message = record(entry['message']);
    const id = text(message['id']);
    const chatId = text(entry['chat_id']);
    if (id === null || chatId === null)
      throw new ProviderError(400, 'A WhatsApp message has an id and a chat.');
    const direction = entry['direction'] === 'outgoing' ? 'outgoing' : 'incoming';
    const phone = digits(entry['chat_phone']) ?? digits(chatId.split('@')[0]);
    const name = text(entry['pushname']) ?? text(entry['sender_name']);
    const file = await this.file(
      customerId,
      message,
      (await this.externalIdOf(payload['delivery_id'])) !== null,
    );
    const channel = await this.channel(customerId, 'whatsapp', chategyCustomerId);
    return this.saveMessage(
      customerId,
      channel,
      {
        id: chatId,
        contact: {
          id: chatId,
          name: direction === 'incoming' ? name : null,
          phone: phone ? `+${phone}` : null,
          username: null,
          avatar_url: null,
        },
      },
      {
        providerMessageId: id,
        direction,
        type: file ? messageType(text(message['type']) ?? '', file.mime_type) : 'text',
        text: file ? null : text(message['text']),
        file,
        sender: { id: text(entry['sender_id']) ?? chatId, name: direction === 'incoming' ? name : null },
        timestamp: message['timestamp'],
        replyTo: message['reply_to_message_id'],
        deliveryId: payload['delivery_id'],
      },
    );
  }

  private async whatsappCall(
    customerId: string,
    chategyCustomerId: number,
    payload: Json,
  ): Promise<WebhookOutcome> {
    const entry = record(payload['incoming_call']);
    const call = record(entry['call']);
    const chatId = text(entry['chat_id']);
    const id = text(call['id']);
    if (id === null || chatId === null) throw new ProviderError(400, 'A WhatsApp call has an id and a chat.');
    const phone = digits(entry['chat_phone']);
    const channel = await this.channel(customerId, 'whatsapp', chategyCustomerId);
    return this.saveMessage(
      customerId,
      channel,
      {
        id: chatId,
        contact: {
          id: chatId,
          name: null,
          phone: phone ? `+${phone}` : null,
          username: null,
          avatar_url: null,
        },
      },
      {
        providerMessageId: `call:${id}`,
        direction: 'incoming',
        type: 'call',
        text: call['type'] === 'video' ? 'Incoming video call' : 'Incoming voice call',
        file: null,
        sender: { id: text(entry['sender_id']) ?? chatId, name: null },
        timestamp: call['timestamp'],
        replyTo: null,
        deliveryId: null,
      },
    );
  }

  private async tdlibMessage(
    customerId: string,
    chategyCustomerId: number,
    payload: Json,
  ): Promise<WebhookOutcome> {
    const message = record(payload['message']);
    const id = text(message['id']);
    const chatId = text(payload['chat_id']);
    if (id === null || chatId === null)
      throw new ProviderError(400, 'A Telegram message has an id and a chat.');
    const direction = payload['direction'] === 'outgoing' ? 'outgoing' : 'incoming';
    const incoming = direction === 'incoming';
    const phone = digits(incoming ? payload['sender_phone_number'] : payload['recipient_phone_number']);
    const file = await this.file(
      customerId,
      message,
      (await this.externalIdOf(payload['delivery_id'])) !== null,
    );
    const channel = await this.channel(customerId, 'telegram', chategyCustomerId);
    if (!incoming) {
      // The echo of a send to a username or phone names the chat: the contact's replies come from it.
      const startedAs = startedChatKeys(text(payload['recipient_username']), phone);
      if (startedAs.length > 0) await this.store.rekeyConversation(customerId, channel.id, startedAs, chatId);
    }
    return this.saveMessage(
      customerId,
      channel,
      {
        id: chatId,
        contact: {
          id: chatId,
          name: incoming ? text(payload['sender_name']) : null,
          phone: phone ? `+${phone}` : null,
          username: incoming ? null : text(payload['recipient_username']),
          avatar_url: null,
        },
      },
      {
        providerMessageId: id,
        direction,
        type: file ? messageType(text(message['type']) ?? '', file.mime_type) : 'text',
        text: file ? null : text(message['text']),
        file,
        sender: {
          id: text(payload['sender_id']) ?? chatId,
          name: incoming ? text(payload['sender_name']) : null,
        },
        timestamp: message['timestamp'],
        replyTo: message['reply_to_message_id'],
        deliveryId: payload['delivery_id'],
      },
    );
  }

  private async tdlibCall(
    customerId: string,
    chategyCustomerId: number,
    payload: Json,
  ): Promise<WebhookOutcome> {
    const call = record(payload['call']);
    const chatId = text(payload['chat_id']);
    const id = text(call['id']);
    if (id === null || chatId === null) throw new ProviderError(400, 'A Telegram call has an id and a chat.');
    const phone = digits(payload['sender_phone_number']);
    const name = text(payload['sender_name']);
    const channel = await this.channel(customerId, 'telegram', chategyCustomerId);
    const missed = call['reason'] === 'callDiscardReasonMissed';
    const kind = call['is_video'] === true ? 'video call' : 'voice call';
    return this.saveMessage(
      customerId,
      channel,
      {
        id: chatId,
        contact: { id: chatId, name, phone: phone ? `+${phone}` : null, username: null, avatar_url: null },
      },
      {
        providerMessageId: `call:${id}`,
        direction: payload['direction'] === 'outgoing' ? 'outgoing' : 'incoming',
        type: 'call',
        text: missed ? `Missed ${kind}` : `Ended ${kind}`,
        file: null,
        sender: { id: text(payload['sender_id']) ?? chatId, name },
        timestamp: Math.floor(Date.now() / 1000),
        replyTo: null,
        deliveryId: null,
      },
    );
  }

  private async whatsappStatus(
    customerId: string,
    chategyCustomerId: number,
    payload: Json,
  ): Promise<WebhookOutcome> {
    const status = record(payload['message_status']);
    const id = text(status['id']);
    const mapped = mapWhatsappStatus(text(status['status']) ?? '');
    if (id === null || !mapped)
      throw new ProviderError(400, 'A status webhook has a message id and a known status.');
    const externalId = await this.externalIdOf(payload['delivery_id']);
    // Our own sends get their failure from the delivery callback, which says why in Chategy's words.
    if (externalId && mapped.status === 'failed') return { stored: true };
    await this.channel(customerId, 'whatsapp', chategyCustomerId);
    const applied = await this.store.applyStatus(
      customerId,
      externalId ? { externalId } : { providerMessageId: id },
      mapped.status,
      mapped.error,
    );
    if (!applied && externalId)
      await this.store.applyStatus(customerId, { providerMessageId: id }, mapped.status, mapped.error);
    return { stored: true };
  }

  /** `callback_url`'s body: `{delivery: {id, status: {status_id, description, dispatch_routing}}}`. */
  private async deliveryCallback(delivery: Json): Promise<WebhookOutcome> {
    const found = await this.store.findByKey(deliveryKey(String(delivery['id'])));
    if (!found) return { ignored: `delivery ${String(delivery['id'])} was not sent by this server` };
    const { customerId, externalId } = found.value as DeliveryRecord;
    const statusId = Number(record(delivery['status'])['status_id']);
    if (!Number.isSafeInteger(statusId)) throw new ProviderError(400, 'A delivery callback has a status_id.');
    if (statusId === DELETED_STATUS_ID) {
      await this.store.markDeleted(customerId, { externalId });
      return { stored: true };
    }
    const mapped = mapDeliveryStatus(statusId);
    if (mapped) await this.store.applyStatus(customerId, { externalId }, mapped.status, mapped.error);
    return { stored: true };
  }
}
