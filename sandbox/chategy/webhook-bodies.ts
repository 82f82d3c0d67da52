import type { Instance } from './instance.js';

/** Someone a linked account talks with, as WhatsApp and Telegram name them. */
export interface Contact {
  /** Digits only, e.g. `966501112233`. */
  phone: string;
  name: string;
  /** The Telegram user id (positive: a person). */
  tdlib_id: number;
  username: string;
}

export interface FileData {
  mime_type: string;
  caption: string | null;
  download_url: string;
}

/** The message part every message webhook carries. */
export interface MessageBody {
  id: string | number;
  timestamp: number;
  type: string;
  text?: string;
  reply_to_message_id: string | number | null;
  file_data?: FileData;
}

export type Direction = 'incoming' | 'outgoing';

export function chatId(phone: string): string {
  return `${phone}@c.us`;
}

/** A lid in WhatsApp's form, stable for a phone. */
function lidOf(phone: string): string {
  return `${[...phone].reverse().join('')}${phone.length}@lid`;
}

function instanceRef(instance: Instance) {
  return { id: instance.id, customer_id: instance.customer_id };
}

/** `whatsapp_incoming_msg`: a message into or out of the instance's WhatsApp. */
export function whatsappMessageWebhook(
  instance: Instance,
  message: MessageBody,
  direction: Direction,
  contact: Contact,
  deliveryId: number | null,
): Record<string, unknown> {
  const own = instance.whatsapp_phone ?? instance.phone;
  const common = {
    chat_id: chatId(contact.phone),
    chat_lid: lidOf(contact.phone),
    chat_phone: contact.phone,
  };
  const sides =
    direction === 'incoming'
      ? {
          sender_id: chatId(contact.phone),
          sender_name: contact.name,
          pushname: contact.name,
          sender_phone_number: contact.phone,
        }
      : {
          sender_id: chatId(own),
          sender_name: 'Chategy',
          pushname: 'Chategy',
          sender_phone_number: own,
          recipient_id: chatId(contact.phone),
          recipient_phone_number: contact.phone,
        };
  return {
    type: 'whatsapp_incoming_msg',
    payload: {
      instance: instanceRef(instance),
      new_message: { message, direction, ...common, ...sides },
      delivery_id: deliveryId,
    },
  };
}

/** `tdlib_incoming_msg`: a message into or out of the instance's Telegram. */
export function tdlibMessageWebhook(
  instance: Instance,
  message: MessageBody,
  direction: Direction,
  contact: Contact,
  ownTelegramId: number,
  deliveryId: number | null,
): Record<string, unknown> {
  const own = instance.telegram.phone?.replace(/\D/g, '') ?? instance.phone;
  const sides =
    direction === 'incoming'
      ? { sender_id: contact.tdlib_id, sender_name: contact.name, sender_phone_number: contact.phone }
      : {
          sender_id: ownTelegramId,
          sender_name: 'Chategy',
          sender_phone_number: own,
          recipient_id: contact.tdlib_id,
          recipient_phone_number: contact.phone,
          recipient_username: contact.username,
        };
  return {
    type: 'tdlib_incoming_msg',
    payload: {
      chat_id: contact.tdlib_id,
      chat_type: 'person',
      delivery_id: deliveryId,
      direction,
      instance: instanceRef(instance),
      message,
      ...sides,
    },
  };
}

/** The status webhook of an outgoing WhatsApp message; the docs name it both ways, so `type` is given. */
export function whatsappStatusWebhook(
  type: string,
  instance: Instance,
  messageId: string,
  status: string,
  contact: Contact,
  deliveryId: number | null,
): Record<string, unknown> {
  return {
    type,
    payload: {
      instance: instanceRef(instance),
      delivery_id: deliveryId,
      message_status: {
        id: messageId,
        status,
        chat_id: chatId(contact.phone),
        chat_lid: lidOf(contact.phone),
        chat_phone: contact.phone,
      },
    },
  };
}

export function whatsappLogInWebhook(instance: Instance): Record<string, unknown> {
  return {
    type: 'whatsapp_log_in',
    payload: {
      instance: {
        id: instance.id,
        status: { description: 'connected', status_id: 0 },
        phone: instance.whatsapp_phone === null ? null : `+${instance.whatsapp_phone}`,
        email: instance.email,
        customer_id: instance.customer_id,
      },
    },
  };
}

/** `whatsapp_log_out` has no `instance` object: the customer id sits in the payload itself. */
export function whatsappLogOutWebhook(instance: Instance, phone: string | null): Record<string, unknown> {
  return {
    type: 'whatsapp_log_out',
    payload: {
      customer_id: instance.customer_id,
      email: instance.email,
      phone: phone === null ? null : `+${phone}`,
      status: { status_id: 1, description: 'disconnected' },
    },
  };
}

export function whatsappCallWebhook(
  instance: Instance,
  contact: Contact,
  callId: string,
  video: boolean,
  now: number,
): Record<string, unknown> {
  return {
    type: 'whatsapp_call',
    payload: {
      instance: instanceRef(instance),
      incoming_call: {
        call: {
          id: callId,
          timestamp: Math.floor(now / 1000),
          type: video ? 'video' : 'audio',
          is_group: false,
        },
        direction: 'incoming',
        sender_id: chatId(contact.phone),
        chat_id: chatId(contact.phone),
        chat_lid: lidOf(contact.phone),
        chat_phone: contact.phone,
        sender_phone_number: contact.phone,
      },
    },
  };
}

export function tdlibCallWebhook(
  instance: Instance,
  contact: Contact,
  callId: number,
  video: boolean,
  reason: string,
): Record<string, unknown> {
  return {
    type: 'tdlib_call',
    payload: {
      call: { id: callId, is_video: video, reason, state: 'callStateDiscarded' },
      chat_id: contact.tdlib_id,
      chat_type: 'person',
      direction: 'incoming',
      instance: instanceRef(instance),
      sender_id: contact.tdlib_id,
      sender_name: contact.name,
      sender_phone_number: contact.phone,
    },
  };
}

/** What a delivery's `callback_url` receives when its status becomes final. */
export function deliveryCallback(
  deliveryId: number,
  statusId: number,
  description: string,
  routing: string,
): Record<string, unknown> {
  return {
    delivery: {
      sender_name: 'CHATEGY.IO',
      id: deliveryId,
      status: { status_id: statusId, description, dispatch_routing: routing },
    },
  };
}
