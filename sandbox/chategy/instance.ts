import { createHmac, randomBytes } from 'node:crypto';
import type { FieldErrors } from '../http.js';
import type { QrAttempt } from '../providers/qr-attempt.js';
import { TelegramAuthFlow, type TelegramAuthStatus } from '../providers/telegram.js';

export type MaxSession = 'none' | 'code_sent' | 'authorized';

/** One Chategy instance: a customer account with its own token, sessions and idempotency key. */
export interface Instance {
  id: number;
  customer_id: number;
  token: string;
  idempotency_key: string;
  external_id: string | null;
  email: string;
  phone: string;
  dispatch_routing: string[];
  renew_subscription: boolean;
  subscription_paid_until: string;
  /** The QR container of the WhatsApp login under way, or the one that finished. */
  whatsapp: QrAttempt | null;
  whatsapp_phone: string | null;
  telegram: TelegramAuthFlow;
  max: { phone: string | null; session: MaxSession };
  /** `external_id`s already sent, with the delivery each made. */
  external_ids: Map<string, number>;
}

const TDLIB_SESSION: Record<TelegramAuthStatus, number> = {
  wait_phone: 0,
  wait_code: 1,
  wait_password: 2,
  authorized: 3,
};

const TOKEN_SECRET = randomBytes(32);
const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{7,}$/;

/** An HS256 JWT like Chategy's (`{customer_id, datetime}`), so clients can read the customer id from it. */
function instanceToken(customerId: number, now: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256' })}.${part({ customer_id: customerId, datetime: Math.floor(now / 1000) })}`;
  return `${unsigned}.${createHmac('sha256', TOKEN_SECRET).update(unsigned).digest('base64url')}`;
}

function idempotencyKey(): string {
  return randomBytes(6).toString('base64url').slice(0, 8);
}

function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface InstanceFields {
  email: string;
  phone: string;
  external_id: string | null;
  dispatch_routing: string[];
  renew_subscription: boolean;
}

/** Reads `{instance: {...}}` of "Creating an instance"; the field errors Chategy would answer. */
export function instanceFields(
  body: unknown,
  existing: readonly Instance[],
): { fields?: InstanceFields; errors?: FieldErrors } {
  const given = (typeof body === 'object' && body !== null && 'instance' in body ? body.instance : {}) ?? {};
  const read = (name: string): unknown => (given as Record<string, unknown>)[name];
  const errors: FieldErrors = {};
  const email = typeof read('email') === 'string' ? (read('email') as string).trim() : '';
  const phone = typeof read('phone') === 'string' ? (read('phone') as string).replace(/\D/g, '') : '';
  const password = read('password');
  if (email === '') errors['email'] = ["can't be blank"];
  else if (existing.some((instance) => instance.email === email)) errors['email'] = ['already exists'];
  if (phone === '') errors['phone'] = ["can't be blank"];
  else if (existing.some((instance) => instance.phone === phone)) errors['phone'] = ['already exists'];
  if (password !== undefined && (typeof password !== 'string' || !PASSWORD_RULE.test(password))) {
    errors['password'] = ['is invalid'];
  }
  if (Object.keys(errors).length > 0) return { errors };
  const externalId = read('external_id');
  const routing = read('dispatch_routing');
  return {
    fields: {
      email,
      phone,
      external_id:
        typeof externalId === 'string' || typeof externalId === 'number' ? String(externalId) : null,
      dispatch_routing: Array.isArray(routing) ? routing.map(String) : ['whatsapp'],
      renew_subscription: read('renew_subscription') !== false && read('renew_subscription') !== 'false',
    },
  };
}

export function newInstance(id: number, customerId: number, fields: InstanceFields, now: number): Instance {
  return {
    id,
    customer_id: customerId,
    token: instanceToken(customerId, now),
    idempotency_key: idempotencyKey(),
    ...fields,
    subscription_paid_until: dateOnly(now + 30 * 24 * 3600 * 1000),
    whatsapp: null,
    whatsapp_phone: null,
    telegram: new TelegramAuthFlow(),
    max: { phone: null, session: 'none' },
    external_ids: new Map(),
  };
}

export function whatsappSession(instance: Instance, now: number): 0 | 1 {
  return instance.whatsapp?.state(now) === 'completed' ? 1 : 0;
}

export function tdlibSession(instance: Instance): number {
  return TDLIB_SESSION[instance.telegram.status];
}

/** An instance as "Getting information about an instance" shows it. */
export function instanceJson(instance: Instance, now: number): Record<string, unknown> {
  return {
    id: instance.id,
    token: instance.token,
    external_id: instance.external_id,
    customer_id: instance.customer_id,
    subscription_paid_until: instance.subscription_paid_until,
    renew_subscription: instance.renew_subscription,
    tdlib_session: tdlibSession(instance),
    whatsapp_session: whatsappSession(instance, now),
    whatsapp_queue_size: 0,
    whatsapp_queue_limit: 1000,
    whatsapp_phone: instance.whatsapp_phone,
    subscription_status: 'active',
    subscription_cost: '600.00',
  };
}

/** The account as `GET /api/v1/account` shows it to the instance's own token. */
export function accountJson(instance: Instance, now: number): Record<string, unknown> {
  return {
    token: instance.token,
    total_amount: '780.70',
    customer_id: instance.customer_id,
    dispatch_routing: instance.dispatch_routing,
    subscription_paid_until: instance.subscription_paid_until,
    sender_names: ['CHATEGY.IO'],
    tdlib_session: tdlibSession(instance),
    whatsapp_session: whatsappSession(instance, now),
    subscription_status: 'active',
    subscription_cost: '600.00',
  };
}
