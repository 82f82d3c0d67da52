import { randomBytes } from 'node:crypto';
import type { FieldErrors } from '../http.js';
import { FILE_TYPES } from '../inbox-api.js';
import { QrAttempt } from '../providers/qr-attempt.js';
import {
  TELEGRAM_AUTH_EVENTS,
  type TelegramAuthEvent,
  type TelegramAuthStatus,
} from '../providers/telegram.js';
import { whatsappQrCode } from '../providers/whatsapp.js';
import { simulatedPhoneNumber } from '../random.js';
import { chategyStatus } from '../../server/src/providers/chategy/status-list.js';
import { unprocessable } from './envelope.js';
import { instanceFields, newInstance, whatsappSession, type Instance } from './instance.js';
import { defaultChategyScenario, type ChategyScenario } from './scenario.js';
import type { SignedFileStore } from './signed-files.js';
import type { ChategyTimings } from './timings.js';
import {
  chatId,
  deliveryCallback,
  tdlibCallWebhook,
  tdlibMessageWebhook,
  whatsappCallWebhook,
  whatsappLogInWebhook,
  whatsappLogOutWebhook,
  whatsappMessageWebhook,
  whatsappStatusWebhook,
  type Contact,
  type Direction,
  type MessageBody,
} from './webhook-bodies.js';
import type { WebhookSender } from './webhooks.js';

/** The event names a webhook can subscribe to; calls come under the message events. */
export const WEBHOOK_TYPES = [
  'whatsapp_log_out',
  'whatsapp_log_in',
  'whatsapp_incoming_msg',
  'tdlib_incoming_msg',
  'whatsapp_status_msg',
] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

/** Channels `dispatch_routing` may name. */
export const ROUTINGS = ['sms', 'whatsapp', 'tdlib', 'telegram', 'notify', 'max'] as const;
export type Routing = (typeof ROUTINGS)[number];

const STATUS = { deleted: 4, accepted: 6, enroute: 1, delivered: 2, read: 16, incorrectNumber: 11 };
const NOT_AUTHORIZED_STATUS: Partial<Record<Routing, number>> = { whatsapp: 45, tdlib: 50, max: 5 };
const DELETABLE: ReadonlySet<Routing> = new Set(['whatsapp', 'tdlib']);
/** WhatsApp and TDLib send an image up to 10 MB as a photo, a larger one as a file. */
const PHOTO_LIMIT_BYTES = 10 * 1024 * 1024;
export const MAX_SEND_FILE_BYTES = 100 * 1024 * 1024;
/** The SMS code MAX "sent" in the sandbox (the docs' example). */
export const MAX_LOGIN_CODE = '848158';
const PHONE_DIGITS = /^\d{8,15}$/;

export interface WebhookSubscription {
  id: number;
  url: string;
  types: string[];
}

export interface AttachedFile {
  file_id: string;
  mime_type: string;
  name: string;
  size: number;
  caption: string | null;
}

export interface Delivery {
  id: number;
  instance: Instance;
  routing: Routing;
  contact: Contact;
  text: string | null;
  file: AttachedFile | null;
  external_id: string | null;
  callback_url: string | null;
  reply_to_message_id: string | null;
  status_id: number;
  /** The id the messenger gave the message, known once it went out. */
  message_id: string | number | null;
  /** Echoed request fields for the delivery object. */
  fields: Record<string, unknown>;
  /** Origin file links in its webhooks point at. */
  origin: string;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  params: Record<string, unknown>;
  /** `valid` / `invalid` when the request carried a `checksum` header, else `absent`. */
  checksum: 'valid' | 'invalid' | 'absent';
  status: number | null;
}

/** What the world needs from the sandbox around it. */
export interface WorldEnv {
  timings: ChategyTimings;
  files: SignedFileStore;
  /** This world's own poster, so one test's webhooks never show in another's log. */
  sender: WebhookSender;
  /** Every webhook also goes here, whatever is subscribed; the URL the sandbox was given. */
  webhookUrl: string | undefined;
  nextId(kind: 'instance' | 'customer' | 'delivery' | 'webhook' | 'message'): number;
  onInstanceCreated(instance: Instance): void;
}

export interface IncomingDraft {
  channel: 'whatsapp' | 'tdlib';
  direction: Direction;
  contact: Contact;
  text: string | null;
  file: { bytes: Buffer; mime_type: string; name: string } | null;
  caption: string | null;
  reply_to_message_id: string | number | null;
}

function normalisedPhone(value: string): string {
  return value.replace(/[^\d]/g, '');
}

function hexId(): string {
  return randomBytes(10).toString('hex').toUpperCase();
}

function mediaType(mime: string, size: number): string {
  const kind = FILE_TYPES[mime];
  if (kind === 'image') return size <= PHOTO_LIMIT_BYTES ? 'image' : 'document';
  return kind === 'audio' || kind === 'video' ? kind : 'document';
}

/**
 * Everything one developer key owns in the simulated Chategy: instances and their WhatsApp,
 * Telegram and MAX logins, deliveries, webhook subscriptions, the scenario and the request log.
 */
export class ChategyWorld {
  readonly instances: Instance[] = [];
  readonly webhooks: WebhookSubscription[] = [];
  readonly deliveries = new Map<number, Delivery>();
  readonly requests: RequestLogEntry[] = [];
  scenario: ChategyScenario = defaultChategyScenario();
  private readonly contacts = new Map<string, Contact>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly telegramListeners = new Map<Instance, Set<(status: TelegramAuthStatus) => void>>();
  private readonly whatsappListeners = new Map<Instance, Set<() => void>>();

  constructor(private readonly env: WorldEnv) {}

  get timings(): ChategyTimings {
    return this.env.timings;
  }

  get sender(): WebhookSender {
    return this.env.sender;
  }

  // Instances

  createInstance(body: unknown, now: number): Instance {
    const { fields, errors } = instanceFields(body, this.instances);
    if (!fields) throw unprocessable(errors ?? {});
    const instance = newInstance(this.env.nextId('instance'), this.env.nextId('customer'), fields, now);
    this.instances.push(instance);
    this.env.onInstanceCreated(instance);
    return instance;
  }

  /** By Chategy's customer id, or by the developer's `external_id`. */
  findInstance(ref: { customer_id?: unknown; external_id?: unknown }): Instance | undefined {
    if (ref.customer_id !== undefined)
      return this.instances.find((i) => i.customer_id === Number(ref.customer_id));
    if (ref.external_id !== undefined)
      return this.instances.find((i) => i.external_id !== null && i.external_id === String(ref.external_id));
    return undefined;
  }

  // Webhooks

  private emit(subscription: WebhookType, body: Record<string, unknown>): void {
    const type = String(body['type']);
    for (const webhook of this.webhooks) {
      if (webhook.types.includes(subscription)) this.env.sender.post(webhook.url, type, body);
    }
    if (this.env.webhookUrl) this.env.sender.post(this.env.webhookUrl, type, body);
  }

  // WhatsApp

  /** Wakes the rooms of the instance now rather than at their next tick. */
  onWhatsappChange(instance: Instance, listener: () => void): () => void {
    const listeners = this.whatsappListeners.get(instance) ?? new Set();
    this.whatsappListeners.set(instance, listeners);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  private whatsappChanged(instance: Instance): void {
    for (const listener of this.whatsappListeners.get(instance) ?? []) listener();
  }

  /**
   * The container a joined room streams: the one under way or authorized, or a new one when there
   * is none or the last one failed. Null when the scenario makes creating it fail.
   */
  whatsappContainer(instance: Instance, now: number): QrAttempt | null {
    const current = instance.whatsapp;
    if (current && current.state(now) !== 'failed') return current;
    if (this.scenario.whatsapp_container_fails) return null;
    const { qrMs, qrCount, scanToAuthMs } = this.timings;
    instance.whatsapp = new QrAttempt(
      `wa_${instance.customer_id}`,
      'whatsapp',
      now,
      { firstMs: qrMs, nextMs: qrMs, count: qrCount },
      scanToAuthMs,
      whatsappQrCode,
    );
    return instance.whatsapp;
  }

  /** The phone scans the code on screen; `auth: true` and `whatsapp_log_in` follow after `scanToAuthMs`. */
  scanWhatsapp(instance: Instance, phone: string, now: number): 'scanned' | 'no_code' {
    const attempt = instance.whatsapp;
    if (!attempt || attempt.state(now) !== 'waiting') return 'no_code';
    attempt.markScanned(now, phone);
    this.whatsappChanged(instance);
    this.later(this.timings.scanToAuthMs, () => {
      if (instance.whatsapp !== attempt || attempt.state(Date.now()) !== 'scanned') return;
      attempt.channelId = instance.id;
      instance.whatsapp_phone = phone;
      this.whatsappChanged(instance);
      this.emit('whatsapp_log_in', whatsappLogInWebhook(instance));
    });
    return 'scanned';
  }

  /** "Interrupting WhatsApp authorization": the container under way stops; a linked session stays. */
  interruptWhatsapp(instance: Instance, now: number): void {
    const attempt = instance.whatsapp;
    if (!attempt || attempt.state(now) === 'completed') return;
    attempt.abandon(now);
    this.whatsappChanged(instance);
  }

  logOutWhatsapp(instance: Instance, now: number): boolean {
    if (whatsappSession(instance, now) === 0) return false;
    const phone = instance.whatsapp_phone;
    instance.whatsapp = null;
    instance.whatsapp_phone = null;
    this.whatsappChanged(instance);
    this.emit('whatsapp_log_out', whatsappLogOutWebhook(instance, phone));
    return true;
  }

  // Telegram

  onTelegramStatus(instance: Instance, listener: (status: TelegramAuthStatus) => void): () => void {
    const listeners = this.telegramListeners.get(instance) ?? new Set();
    this.telegramListeners.set(instance, listeners);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  private telegramChanged(instance: Instance): void {
    for (const listener of this.telegramListeners.get(instance) ?? []) listener(instance.telegram.status);
  }

  /** One push on `room:v1:telegram:auth`; the reply's field errors, or null when accepted. */
  telegramPush(instance: Instance, event: string, payload: Record<string, unknown>): FieldErrors | null {
    if (!(TELEGRAM_AUTH_EVENTS as readonly string[]).includes(event))
      return { base: [`unknown event ${event}`] };
    const phone = payload['phone'];
    // The docs write the number without "+"; the login flow keeps it in international form.
    const given =
      event === 'send_phone' && typeof phone === 'string' && /^\d+$/.test(phone.trim())
        ? { ...payload, phone: `+${phone.trim()}` }
        : payload;
    const before = instance.telegram.status;
    const errors = instance.telegram.apply(
      event as TelegramAuthEvent,
      given,
      this.scenario.telegram_password,
    );
    if (!errors || event === 'reset' || instance.telegram.status !== before) this.telegramChanged(instance);
    return errors;
  }

  logOutTelegram(instance: Instance): void {
    instance.telegram.restart();
    this.telegramChanged(instance);
  }

  // MAX

  maxSendPhone(instance: Instance, phone: string | undefined): void {
    if (phone === undefined) throw unprocessable({ phone: ["Phone number can't be blank"] });
    const digits = normalisedPhone(phone);
    if (!/^[+\d][\d\s()-]*$/.test(phone.trim()) || !PHONE_DIGITS.test(digits))
      throw unprocessable({ phone: ['Phone number has invalid format'] });
    instance.max = {
      phone: digits.startsWith('8') && digits.length === 11 ? `7${digits.slice(1)}` : digits,
      session: 'code_sent',
    };
  }

  maxSendCode(instance: Instance, code: string | undefined): void {
    if (code === undefined) throw unprocessable({ code: ["code can't be blank"] });
    if (instance.max.session !== 'code_sent' || code !== MAX_LOGIN_CODE)
      throw unprocessable({ confirmation_code: ['confirmation code invalid'] });
    instance.max.session = 'authorized';
  }

  maxCloseSession(instance: Instance): void {
    if (instance.max.session === 'none')
      throw unprocessable({ max_session_closer: ['max_session_closer session_not_found'] });
    instance.max = { phone: null, session: 'none' };
  }

  // Contacts

  contact(phone: string, name?: string): Contact {
    const digits = normalisedPhone(phone);
    let contact = this.contacts.get(digits);
    if (!contact) {
      contact = {
        phone: digits,
        name: name ?? `+${digits}`,
        tdlib_id: 100_000_000 + this.contacts.size * 7_919 + Number(digits.slice(-4)),
        username: `user${digits.slice(-6)}`,
      };
      this.contacts.set(digits, contact);
    } else if (name !== undefined) {
      contact.name = name;
    }
    return contact;
  }

  newContact(name?: string): Contact {
    return this.contact(simulatedPhoneNumber(), name);
  }

  private contactByTdlibId(id: number): Contact | undefined {
    return [...this.contacts.values()].find((contact) => contact.tdlib_id === id);
  }

  // Deliveries

  /** The contact a delivery's `phone`, `username`, `tdlib_user_id` or `whatsapp_lid` names. */
  deliveryContact(to: {
    phone?: string;
    username?: string;
    tdlib_user_id?: string;
    whatsapp_lid?: string;
  }): Contact | undefined {
    if (to.tdlib_user_id !== undefined) {
      const known = this.contactByTdlibId(Number(to.tdlib_user_id));
      if (known) return known;
    }
    if (to.phone !== undefined) {
      const byUsername = to.username === undefined ? undefined : this.knownUsername(to.username);
      return byUsername ?? this.contact(to.phone);
    }
    if (to.username !== undefined) return this.contactByUsername(to.username);
    return undefined;
  }

  private knownUsername(username: string): Contact | undefined {
    const wanted = username.replace(/^@/, '').toLowerCase();
    return [...this.contacts.values()].find((contact) => contact.username.toLowerCase() === wanted);
  }

  /** The contact with this Telegram username (any case); a new simulated one who has it when nobody does. */
  contactByUsername(username: string, name?: string): Contact {
    const known = this.knownUsername(username);
    if (known) {
      if (name !== undefined) known.name = name;
      return known;
    }
    const contact = this.newContact(name);
    contact.username = username.replace(/^@/, '');
    return contact;
  }

  /** The first channel of the routing whose session can send; else the first, which then fails. */
  private pickRouting(
    instance: Instance,
    routing: Routing[],
    now: number,
  ): { routing: Routing; authorized: boolean } {
    const authorized = (channel: Routing) => {
      if (channel === 'whatsapp') return whatsappSession(instance, now) === 1;
      if (channel === 'tdlib') return instance.telegram.status === 'authorized';
      if (channel === 'max') return instance.max.session === 'authorized';
      return true;
    };
    const usable = routing.find(authorized);
    return usable
      ? { routing: usable, authorized: true }
      : { routing: routing[0] ?? 'sms', authorized: false };
  }

  createDelivery(
    instance: Instance,
    request: {
      routing: Routing[];
      contact: Contact;
      phoneValid: boolean;
      text: string | null;
      file: AttachedFile | null;
      external_id: string | null;
      callback_url: string | null;
      reply_to_message_id: string | null;
      startAfterMs: number;
      fields: Record<string, unknown>;
    },
    origin: string,
    now: number,
  ): Delivery {
    const picked = this.pickRouting(
      instance,
      request.routing.length > 0 ? request.routing : (instance.dispatch_routing as Routing[]),
      now,
    );
    const delivery: Delivery = {
      id: this.env.nextId('delivery'),
      instance,
      routing: picked.routing,
      contact: request.contact,
      text: request.text,
      file: request.file,
      external_id: request.external_id,
      callback_url: request.callback_url,
      reply_to_message_id: request.reply_to_message_id,
      status_id: STATUS.accepted,
      message_id: null,
      fields: request.fields,
      origin,
    };
    this.deliveries.set(delivery.id, delivery);
    if (request.external_id !== null) instance.external_ids.set(request.external_id, delivery.id);
    const finalFailure = this.scenario.final_status_id;
    this.later(request.startAfterMs + this.timings.echoMs, () => {
      if (!request.phoneValid) return this.finish(delivery, STATUS.incorrectNumber);
      if (!picked.authorized) return this.finish(delivery, NOT_AUTHORIZED_STATUS[picked.routing] ?? 5);
      this.sendOut(delivery);
      this.later(this.timings.deliveredMs - this.timings.echoMs, () => {
        if (finalFailure !== null) return this.finish(delivery, finalFailure);
        this.finish(delivery, STATUS.delivered);
        this.later(this.timings.readMs - this.timings.deliveredMs, () => this.finish(delivery, STATUS.read));
      });
    });
    return delivery;
  }

  /** The message leaves: its outgoing-message webhook, and WhatsApp's "sent". */
  private sendOut(delivery: Delivery): void {
    delivery.status_id = STATUS.enroute;
    const { instance, contact } = delivery;
    const message = this.messageBody(delivery, Date.now());
    delivery.message_id = message.id;
    if (delivery.routing === 'whatsapp') {
      this.emit(
        'whatsapp_incoming_msg',
        whatsappMessageWebhook(instance, message, 'outgoing', contact, delivery.id),
      );
      this.whatsappStatus(delivery, 'sent');
    } else if (delivery.routing === 'tdlib') {
      this.emit(
        'tdlib_incoming_msg',
        tdlibMessageWebhook(
          instance,
          message,
          'outgoing',
          contact,
          this.ownTelegramId(instance),
          delivery.id,
        ),
      );
    }
  }

  private messageBody(delivery: Delivery, now: number): MessageBody {
    const id =
      delivery.routing === 'tdlib'
        ? this.env.nextId('message') * 1_048_576
        : `true_${chatId(delivery.contact.phone)}_d${delivery.id}THISISBOT`;
    const base = { id, timestamp: Math.floor(now / 1000), reply_to_message_id: delivery.reply_to_message_id };
    if (!delivery.file)
      return {
        ...base,
        type: delivery.routing === 'tdlib' ? 'formattedText' : 'text',
        text: delivery.text ?? '',
      };
    return {
      ...base,
      type: mediaType(delivery.file.mime_type, delivery.file.size),
      file_data: {
        mime_type: delivery.file.mime_type,
        caption: delivery.file.caption,
        download_url: this.env.files.link(delivery.origin, delivery.file.file_id, now),
      },
    };
  }

  private ownTelegramId(instance: Instance): number {
    return 500_000_000 + instance.customer_id;
  }

  private whatsappStatus(delivery: Delivery, status: string): void {
    if (delivery.routing !== 'whatsapp' || typeof delivery.message_id !== 'string') return;
    this.emit(
      'whatsapp_status_msg',
      whatsappStatusWebhook(
        this.scenario.status_webhook_type,
        delivery.instance,
        delivery.message_id,
        status,
        delivery.contact,
        delivery.id,
      ),
    );
  }

  /** A final status: the delivery takes it, WhatsApp says so, and the `callback_url` is told. */
  finish(delivery: Delivery, statusId: number): void {
    if (delivery.status_id === STATUS.deleted) return;
    delivery.status_id = statusId;
    if (statusId === STATUS.delivered) this.whatsappStatus(delivery, 'received');
    else if (statusId === STATUS.read) this.whatsappStatus(delivery, 'read');
    else if (delivery.message_id !== null) this.whatsappStatus(delivery, 'failed');
    if (delivery.callback_url) {
      const description = chategyStatus(statusId)?.explanation ?? 'Unknown';
      this.env.sender.post(
        delivery.callback_url,
        'delivery_status',
        deliveryCallback(delivery.id, statusId, description, delivery.routing),
      );
    }
  }

  /** `DELETE /api/v1/delivery/:id`, with the docs' four 422s. */
  deleteDelivery(instance: Instance, id: number): void {
    const delivery = this.deliveries.get(id);
    if (!delivery || delivery.instance !== instance || delivery.status_id === STATUS.deleted) {
      throw unprocessable(
        delivery?.routing === 'tdlib'
          ? { tdlib_delivery: ['tdlib_delivery not found'] }
          : { delivery: ['delivery not found'] },
      );
    }
    if (!DELETABLE.has(delivery.routing)) throw unprocessable({ dispatch_type: ['dispatch_type invalid'] });
    if (delivery.status_id !== STATUS.delivered && delivery.status_id !== STATUS.read)
      throw unprocessable({ delivery: ['delivery not_complete'] });
    delivery.status_id = STATUS.deleted;
  }

  // Messages from the contacts (and from the linked phone itself)

  /** A message the linked account receives (or sends from the phone): its webhook, as posted. */
  message(instance: Instance, draft: IncomingDraft, origin: string, now: number): Record<string, unknown> {
    const id =
      draft.channel === 'tdlib'
        ? this.env.nextId('message') * 1_048_576
        : `${draft.direction === 'incoming' ? 'false' : 'true'}_${chatId(draft.contact.phone)}_${hexId()}`;
    const base = { id, timestamp: Math.floor(now / 1000), reply_to_message_id: draft.reply_to_message_id };
    let message: MessageBody;
    if (draft.file) {
      const fileId = this.env.files.add(draft.file);
      message = {
        ...base,
        type: mediaType(draft.file.mime_type, draft.file.bytes.length),
        file_data: {
          mime_type: draft.file.mime_type,
          caption: draft.caption,
          download_url: this.env.files.link(origin, fileId, now),
        },
      };
    } else {
      message = {
        ...base,
        type: draft.channel === 'tdlib' ? 'formattedText' : 'text',
        text: draft.text ?? '',
      };
    }
    if (draft.channel === 'whatsapp') {
      const body = whatsappMessageWebhook(instance, message, draft.direction, draft.contact, null);
      this.emit('whatsapp_incoming_msg', body);
      return body;
    }
    const body = tdlibMessageWebhook(
      instance,
      message,
      draft.direction,
      draft.contact,
      this.ownTelegramId(instance),
      null,
    );
    this.emit('tdlib_incoming_msg', body);
    return body;
  }

  call(
    instance: Instance,
    channel: 'whatsapp' | 'tdlib',
    contact: Contact,
    video: boolean,
    now: number,
  ): Record<string, unknown> {
    if (channel === 'whatsapp') {
      const body = whatsappCallWebhook(instance, contact, hexId(), video, now);
      this.emit('whatsapp_incoming_msg', body);
      return body;
    }
    const body = tdlibCallWebhook(
      instance,
      contact,
      this.env.nextId('message'),
      video,
      'callDiscardReasonMissed',
    );
    this.emit('tdlib_incoming_msg', body);
    return body;
  }

  /** A status webhook for any WhatsApp message id, as the linked phone reports it. */
  statusOf(instance: Instance, messageId: string, status: string): Record<string, unknown> {
    const phone = /^(?:true|false)_(\d+)@c\.us_/.exec(messageId)?.[1] ?? instance.phone;
    const delivery = [...this.deliveries.values()].find((item) => item.message_id === messageId);
    const body = whatsappStatusWebhook(
      this.scenario.status_webhook_type,
      instance,
      messageId,
      status,
      this.contact(phone),
      delivery?.id ?? null,
    );
    this.emit('whatsapp_status_msg', body);
    return body;
  }

  // Time

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        run();
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
  }

  clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
