import type { Contact, Recipient } from '../../contract.js';
import type {
  DeliveryResult,
  CustomerContext,
  InboxStore,
  NewChat,
  OutgoingSend,
  StoredChannel,
  StoredMessage,
} from '../provider.js';
import { ProviderError } from '../provider.js';
import { checksum, ChategyUpstreamError, type ChategyClient, type Params } from './client.js';
import type { Instances } from './instances.js';
import type { KeptFiles } from './kept-files.js';
import { startedChatRecipient, telegramChatByPhone, telegramChatByUsername } from './started-chats.js';
import { deliveryKey, type DeliveryRecord } from './webhooks.js';

/** Chategy's `dispatch_routing` for each of our channel types. */
const ROUTING: Readonly<Record<string, string>> = { whatsapp: 'whatsapp', telegram: 'tdlib', max: 'max' };

/** The 422s of deleting a delivery, in words a user understands. */
const DELETE_ERRORS: Readonly<Record<string, string>> = {
  'delivery not found': 'The message was not found, or was deleted already.',
  'tdlib_delivery not found': 'The message was not found, or was deleted already.',
  'delivery not_complete': 'Only a delivered message can be deleted.',
  'dispatch_type invalid': 'Only WhatsApp and Telegram messages can be deleted.',
};

/** Where the delivery id of our send is remembered, for deleting it later. */
const sentKey = (customerId: string, externalId: string) => `sent:${customerId}:${externalId}`;

function digitsOf(value: string | null | undefined): string {
  return (value ?? '').replace(/\D/g, '');
}

/** How a new conversation is keyed on each channel type, and who its contact is; a 422 for whom it cannot reach. */
export function newChategyChat(channel: StoredChannel, to: Recipient): NewChat {
  const routing = ROUTING[channel.type];
  if (!routing) {
    throw new ProviderError(422, 'Conversations on this account cannot be started from here.', {
      channel_id: ['Conversations on this account cannot be started from here.'],
    });
  }
  if ('username' in to) {
    if (routing !== 'tdlib') {
      const refusal = 'This account reaches new contacts by phone number only.';
      throw new ProviderError(422, refusal, { 'to.username': [refusal] });
    }
    const id = telegramChatByUsername(to.username);
    return { providerConversationId: id, contact: contactOf(id, null, to.username) };
  }
  const digits = digitsOf(to.phone);
  // WhatsApp's chat ids are the number at c.us, as its webhooks name them.
  const id = routing === 'whatsapp' ? `${digits}@c.us` : telegramChatByPhone(digits);
  return { providerConversationId: id, contact: contactOf(id, `+${digits}`, null) };
}

function contactOf(id: string, phone: string | null, username: string | null): Contact {
  return { id, name: null, phone, username, avatar_url: null };
}

/** Whom Chategy's send goes to on Telegram: the chat's tdlib id, or the phone or username it was started with. */
function telegramRecipient(chatId: string): Params {
  return startedChatRecipient(chatId) ?? { tdlib_user_id: chatId };
}

export interface SendingDeps {
  client: ChategyClient;
  instances: Instances;
  store: InboxStore;
  /** The server's webhook URL, also every delivery's `callback_url`. */
  webhookUrl: string | undefined;
  files: KeptFiles;
}

/**
 * Sends through `/api/v1/delivery` and `send_file` with our `external_id` and the checksum made here,
 * and deletes through `DELETE /api/v1/delivery/{id}`.
 */
export class ChategySending {
  constructor(private readonly deps: SendingDeps) {}

  async deliver(send: OutgoingSend): Promise<DeliveryResult> {
    const { instances: all, store, webhookUrl, files, client } = this.deps;
    const instance = await all.forCustomer(send.customerId);
    const routing = ROUTING[send.channel.type];
    if (!routing) throw new ProviderError(422, `Chategy cannot send on ${send.channel.type}.`);
    const recipient: Params =
      routing === 'tdlib'
        ? telegramRecipient(send.conversation.providerConversationId)
        : {
            phone:
              digitsOf(send.conversation.contact.phone) ||
              digitsOf(send.conversation.providerConversationId.split('@')[0]),
          };
    const params: Params = {
      ...recipient,
      external_id: send.externalId,
      dispatch_routing: [routing],
      ...(webhookUrl ? { callback_url: webhookUrl } : {}),
      ...(send.replyTo?.providerMessageId ? { reply_to_message_id: send.replyTo.providerMessageId } : {}),
    };
    let answer: { delivery: { id: number } };
    try {
      if (send.file) {
        const fields: Params = {
          ...params,
          file_name: send.file.name,
          ...(send.file.caption ? { caption: send.file.caption } : {}),
        };
        const form = new FormData();
        for (const [key, value] of Object.entries(fields)) {
          if (Array.isArray(value)) for (const item of value) form.append(`${key}[]`, item);
          else form.set(key, String(value));
        }
        form.set('file', new Blob([send.file.bytes], { type: send.file.mime_type }), send.file.name);
        answer = await client.instance(instance.token, 'POST', '/api/v1/send_file', {
          form,
          ...(instance.idempotency_key ? { checksum: checksum(fields, instance.idempotency_key) } : {}),
        });
      } else {
        const fields: Params = { ...params, text: send.text ?? '' };
        answer = await client.instance(instance.token, 'POST', '/api/v1/delivery', {
          json: fields,
          ...(instance.idempotency_key ? { checksum: checksum(fields, instance.idempotency_key) } : {}),
        });
      }
    } catch (error) {
      // Sent before a restart: Chategy already has it under this external_id.
      if (error instanceof ChategyUpstreamError && error.status === 409)
        return { providerMessageId: null, status: 'sent' };
      if (error instanceof ChategyUpstreamError && (error.status === 422 || error.status === 400)) {
        throw new ProviderError(422, error.details[0] ?? error.message, error.errors);
      }
      throw error;
    }
    const record: DeliveryRecord = { customerId: send.customerId, externalId: send.externalId };
    await store.setCustomerValue(send.customerId, deliveryKey(answer.delivery.id), record);
    await store.setCustomerValue(
      send.customerId,
      sentKey(send.customerId, send.externalId),
      answer.delivery.id,
    );
    if (!send.file) return { providerMessageId: null, status: 'sent' };
    // Chategy's echo links the sent file for 48 hours only: the bytes we sent are kept instead.
    const link = await files.keepBytes(send.customerId, send.file.bytes, send.file.mime_type, send.file.name);
    const file = link
      ? {
          name: send.file.name,
          mime_type: send.file.mime_type,
          size: send.file.bytes.byteLength,
          caption: send.file.caption,
          download_url: link,
        }
      : undefined;
    return { providerMessageId: null, status: 'sent', ...(file ? { file } : {}) };
  }

  async deleteMessage(ctx: CustomerContext, message: StoredMessage): Promise<void> {
    const { instances: all, store, client } = this.deps;
    const deliveryId =
      message.external_id === null
        ? undefined
        : ((await store.customerValue(ctx.customerId, sentKey(ctx.customerId, message.external_id))) as
            number | undefined);
    if (deliveryId === undefined)
      throw new ProviderError(422, 'Only messages sent from here can be deleted.');
    const instance = await all.forCustomer(ctx.customerId);
    try {
      await client.instance(instance.token, 'DELETE', `/api/v1/delivery/${String(deliveryId)}`, {
        signal: ctx.signal,
      });
    } catch (error) {
      if (error instanceof ChategyUpstreamError && error.status === 422) {
        const detail = error.details[0] ?? '';
        throw new ProviderError(422, DELETE_ERRORS[detail] ?? detail, error.errors);
      }
      throw error;
    }
  }
}
