import { isoTime } from './channel.js';
import { conversationJson, messageJson, statusJson } from './inbox.js';
import type { TopicChannel, TopicRouter, Push, ChannelReply } from './phoenix.js';
import type { QrAttempt } from './providers/qr-attempt.js';
import { TELEGRAM_AUTH_EVENTS, type TelegramAuthEvent } from './providers/telegram.js';
import { takeRoomFailure, type RoomFailure } from './scenario.js';
import type { Tenant } from './tenant.js';

const WHATSAPP_AUTH_TOPIC = /^room:v1:whats_app:auth:(.+)$/;
const TELEGRAM_AUTH_TOPIC = 'room:v1:telegram:auth';

function isTelegramAuthEvent(event: string): event is TelegramAuthEvent {
  return (TELEGRAM_AUTH_EVENTS as readonly string[]).includes(event);
}

/**
 * The contract's `inbox` topic: `channel:status` for every change to the tenant's channels, and the
 * message and conversation events. Links in them are on `origin`, where the socket reached the sandbox.
 */
function inboxChannel(tenant: Tenant, origin: string, push: Push): TopicChannel {
  const unsubscribe = tenant.subscribe((event) => {
    switch (event.type) {
      case 'channel:status':
        push('channel:status', { channel: event.channel });
        break;
      case 'message:new':
        push('message:new', { message: messageJson(event.message, origin) });
        break;
      case 'message:status':
        push('message:status', statusJson(event.message));
        break;
      case 'message:edited':
        push('message:edited', { message: messageJson(event.message, origin) });
        break;
      case 'message:reaction':
        push('message:reaction', { message: messageJson(event.message, origin) });
        break;
      case 'message:deleted':
        push('message:deleted', { id: event.message.id, conversation_id: event.message.conversation_id });
        break;
      case 'conversation:updated':
        push('conversation:updated', { conversation: conversationJson(event.conversation, origin) });
        break;
      case 'typing':
        push('typing', { conversation_id: event.conversation.id, until: isoTime(event.until) });
        break;
      case 'presence':
        push('presence', {
          conversation_id: event.conversation.id,
          contact_id: event.conversation.contact.id,
          online: event.online,
          last_seen: event.lastSeen === null ? null : isoTime(event.lastSeen),
        });
        break;
      case 'telegram:auth_state':
        break;
    }
  });
  return { stop: unsubscribe };
}

/** The room's `auth_state` (docs/providers.md#whatsapp-auth-room) for one moment of an attempt; `final` once nothing will change. */
function whatsappAuthState(attempt: QrAttempt | undefined, now: number): { payload: object; final: boolean } {
  // A reset forgets the attempt; to the room that is the same as a failed one.
  const state = attempt?.state(now) ?? 'failed';
  switch (state) {
    case 'waiting':
      return { payload: { auth: false, qr_code: attempt?.currentCode(now) ?? null }, final: false };
    case 'scanned':
      return { payload: { auth: false, qr_code: null, in_progress: true }, final: false };
    case 'completed':
      return { payload: { auth: true }, final: true };
    case 'failed':
      return { payload: { auth: false, qr_code: null }, final: true };
  }
}

/** Streams the attempt's state every `authStateIntervalMs`, as the provider streams the QR every 300 ms. */
function whatsappAuthChannel(tenant: Tenant, accountId: string, push: Push): TopicChannel {
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = Date.now();
    tenant.settle(now);
    const { payload, final } = whatsappAuthState(tenant.attempts.get(accountId), now);
    push('auth_state', payload);
    if (final) clearInterval(timer);
  };
  return {
    start() {
      timer = setInterval(tick, tenant.timings.authStateIntervalMs);
      tick();
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/**
 * The provider's error reply (docs/providers.md#telegram-phone-login):
 * `{meta: {code, errors, status: "failed", status_id: null}}`.
 */
function telegramAuthError(
  code: number,
  errors: Record<string, string[]>,
  retryAfter?: number,
): ChannelReply {
  const meta = { code, errors, status: 'failed', status_id: null };
  return {
    status: 'error',
    response: { meta: retryAfter === undefined ? meta : { ...meta, retry_after: retryAfter } },
  };
}

const ROOM_FAILURE_TEXTS: Record<number, string> = {
  429: 'too many requests',
  500: 'internal server error',
  503: 'service unavailable',
};

function cannedReply(failure: RoomFailure): ChannelReply {
  const text = ROOM_FAILURE_TEXTS[failure.code] ?? 'failed';
  return telegramAuthError(failure.code, { base: [text] }, failure.retry_after);
}

function telegramAuthReply(errors: ReturnType<Tenant['applyTelegramAuth']>): ChannelReply {
  return errors ? telegramAuthError(422, errors) : { status: 'ok', response: {} };
}

/** The phone, code and password login (docs/providers.md#telegram-phone-login), shared by every socket of the tenant. */
function telegramAuthChannel(tenant: Tenant, push: Push): TopicChannel {
  const unsubscribe = tenant.subscribe((event) => {
    if (event.type === 'telegram:auth_state') push('auth_state', { status: event.status });
  });
  return {
    start() {
      push('auth_state', { status: tenant.telegramAuth.status });
    },
    handleIn(event, payload) {
      if (!isTelegramAuthEvent(event)) return { status: 'error', response: { reason: 'unmatched event' } };
      const failure = takeRoomFailure(tenant.scenario, event);
      if (failure) return cannedReply(failure);
      return telegramAuthReply(tenant.applyTelegramAuth(event, payload, Date.now()));
    },
    stop: unsubscribe,
  };
}

/** The topics of docs/asyncapi.yaml, each bound to the socket's tenant and origin. */
export function tenantTopics(tenant: Tenant, origin: string): TopicRouter {
  return (topic, push) => {
    if (topic === 'inbox') return { channel: inboxChannel(tenant, origin, push) };
    if (topic === TELEGRAM_AUTH_TOPIC) return { channel: telegramAuthChannel(tenant, push) };
    const accountId = WHATSAPP_AUTH_TOPIC.exec(topic)?.[1];
    if (accountId === undefined) return undefined;
    if (tenant.attempts.get(accountId)?.type !== 'whatsapp') return { refusal: { reason: 'unauthorized' } };
    return { channel: whatsappAuthChannel(tenant, accountId, push) };
  };
}
