import { isValidPhoneNumber } from 'libphonenumber-js/min';
import {
  CHANNEL_LABELS,
  isChannelType,
  isoTime,
  isQrChannelType,
  type Channel,
  type ChannelType,
  type QrChannelType,
  type SyncStatus,
} from './channel.js';
import {
  BodyFields,
  HttpError,
  noContent,
  notFound,
  ok,
  okMessage,
  route,
  tooManyRequests,
  type FieldErrors,
  type Reply,
  type Route,
  type RouteParams,
  validationError,
} from './http.js';
import {
  INSTAGRAM_MESSAGES,
  INSTAGRAM_WRONG_PASSWORD,
  InstagramLogin,
  verificationRounds,
} from './providers/instagram.js';
import { MAX_ERRORS, MAX_MESSAGES, checkMaxCode, checkMaxPhone } from './providers/max.js';
import type { QrAttempt } from './providers/qr-attempt.js';
import { TELEGRAM_CONNECT_MESSAGE } from './providers/telegram.js';
import {
  WHATSAPP_CONNECT_MESSAGE,
  WHATSAPP_PAIRING_MESSAGE,
  whatsappPairingCode,
} from './providers/whatsapp.js';
import { inboxRoutes } from './inbox-api.js';
import { randomAccountId } from './random.js';
import type { Tenant } from './tenant.js';

/** What a route gets: the caller's world, one clock reading, and the request. */
export interface RequestContext {
  tenant: Tenant;
  now: number;
  url: URL;
  /** `http://host:port` as the caller reached the sandbox, for absolute links such as download URLs. */
  origin: string;
  /** The JSON object body (`{}` when empty); throws a 400 when it is not one. */
  body: () => Record<string, unknown>;
  /** The multipart/form-data body; throws a 400 when the request has none. */
  form: () => FormData;
  /** Waits, unless the sandbox closes first. */
  delay: (ms: number) => Promise<void>;
}

const CONNECT_MESSAGES: Record<QrChannelType, string> = {
  whatsapp: WHATSAPP_CONNECT_MESSAGE,
  telegram: TELEGRAM_CONNECT_MESSAGE,
};

const PAIRING_PHONE_REFUSED = 'The phone number is not a valid mobile number.';

const CAMPAIGN_RUNNING_MESSAGE = 'An outreach campaign is running on this channel. Cancel it first.';

const COUNTRY_PATTERN = /^[A-Za-z]{2}$/;

const DEFAULT_COUNTRY = 'SA';

function channelTypeParam(params: RouteParams): ChannelType {
  const type = params['type'];
  if (!isChannelType(type)) throw notFound('Unknown channel type.');
  return type;
}

function noAccount(type: ChannelType): HttpError {
  return notFound(`No ${CHANNEL_LABELS[type]} account is connected.`);
}

/** Which channel refresh and disconnect act on: `?account_id=` or a JSON `id`/`account_id`. */
function channelSelector(context: RequestContext): string | number | undefined {
  const fromQuery = context.url.searchParams.get('account_id');
  if (fromQuery) return fromQuery;
  const { id, account_id: accountId } = context.body();
  if (typeof id === 'number') return id;
  if (typeof accountId === 'string' && accountId !== '') return accountId;
  return undefined;
}

/** The Channel fields of an attempt that has not linked a channel yet. */
function unlinkedChannelFields(type: QrChannelType, username: string | null, syncStatus: SyncStatus) {
  return { id: null, type, username, is_connected: false, sync_status: syncStatus, last_synced_at: null };
}

/** The status answer for an attempt (docs/providers.md#qr-attempt-status), with the `qr_*` extension fields unless switched off. */
function attemptStatus(tenant: Tenant, attempt: QrAttempt, now: number) {
  const snapshot = attempt.snapshot(now);
  const extensions = tenant.scenario.status_extensions;
  // An attempt linked by phone number shows its pairing code instead of QR codes.
  const qr = !extensions
    ? {}
    : attempt.pairing
      ? {
          pairing_code: snapshot.pairing_code,
          pairing_code_expires_at: snapshot.pairing_code_expires_at,
        }
      : {
          qr_code: snapshot.qr_code,
          qr_expires_at: snapshot.qr_expires_at,
          qr_index: snapshot.qr_index,
          qr_total: snapshot.qr_total,
        };
  switch (snapshot.state) {
    case 'completed': {
      const channel = attempt.channelId === null ? undefined : tenant.channelById(attempt.channelId);
      if (!channel) throw notFound('The account linked by this attempt was disconnected.');
      return { ...channel, completed: true, in_progress: false, ...qr };
    }
    case 'failed':
      return {
        ...unlinkedChannelFields(attempt.type, null, 'CREATION_FAIL'),
        completed: false,
        in_progress: false,
        ...qr,
      };
    case 'waiting':
    case 'scanned':
      return {
        ...unlinkedChannelFields(attempt.type, snapshot.username, 'CONNECTING'),
        completed: false,
        in_progress: true,
        ...qr,
      };
  }
}

function linkedStatus(channel: Channel) {
  return { ...channel, completed: true, in_progress: false };
}

/** The linked channel of that type that a connect call links again in place (JSON `id`), if any. */
function relinkTarget(context: RequestContext, type: ChannelType): Channel | null {
  const { id } = context.body();
  if (id === undefined) return null;
  const channel = Number.isInteger(id) ? context.tenant.channelById(id as number) : undefined;
  if (channel?.type !== type) throw notFound(`This ${CHANNEL_LABELS[type]} account is not linked any more.`);
  return channel;
}

function connectQr(context: RequestContext, params: RouteParams): Reply {
  const { tenant, now } = context;
  const type = params['type'];
  if (!isQrChannelType(type)) throw notFound('Unknown channel type.');
  const relink = relinkTarget(context, type);
  if (!relink && !tenant.scenario.multiple_accounts && tenant.hasConnected(type)) {
    throw new HttpError(409, `${CHANNEL_LABELS[type]} is already connected. Disconnect it first.`);
  }
  const attempt = tenant.startQrAttempt(type, now, relink?.id ?? null);
  return ok({ account_id: attempt.accountId, qr_code: attempt.currentCode(now) }, CONNECT_MESSAGES[type]);
}

/**
 * Links WhatsApp by phone number (docs/openapi.yaml): the named unfinished attempt, or a new one, ends
 * with an 8-character code; `POST /__sandbox/pair` enters it as the user would on the phone.
 */
function requestPairingCode(context: RequestContext): Reply {
  const { tenant, now } = context;
  const fields = new BodyFields(context.body());
  const phone = fields.requiredString('phone_number');
  const accountId = fields.optionalString('account_id');
  fields.check();
  if (!/^\+[1-9]\d{6,14}$/.test(phone) || !isValidPhoneNumber(phone)) {
    throw validationError({ phone_number: [PAIRING_PHONE_REFUSED] });
  }
  if (!tenant.scenario.multiple_accounts && tenant.hasConnected('whatsapp')) {
    throw new HttpError(409, 'WhatsApp is already connected. Disconnect it first.');
  }
  let attempt: QrAttempt | undefined;
  if (accountId !== undefined) {
    attempt = tenant.attempts.get(accountId);
    if (attempt?.type !== 'whatsapp' || attempt.state(now) !== 'waiting') {
      throw notFound('Connection attempt not found.');
    }
  } else {
    attempt = tenant.startQrAttempt('whatsapp', now);
  }
  attempt.pairing = {
    code: whatsappPairingCode(),
    phone,
    expiresAt: now + tenant.timings.whatsappPairingCodeMs,
  };
  return ok(
    {
      account_id: attempt.accountId,
      pairing_code: attempt.pairing.code,
      expires_at: isoTime(attempt.pairing.expiresAt),
    },
    WHATSAPP_PAIRING_MESSAGE,
  );
}

function channelStatus(context: RequestContext, params: RouteParams): Reply {
  const { tenant, now, url } = context;
  const type = channelTypeParam(params);
  const accountId = url.searchParams.get('account_id') || undefined;
  if (type === 'instagram') {
    const channel = tenant.findChannel(type, accountId);
    if (!channel) throw noAccount(type);
    return ok(channel);
  }
  if (accountId === undefined) {
    const channel = tenant.findChannel(type);
    if (!channel) throw noAccount(type);
    return ok(linkedStatus(channel));
  }
  const attempt = tenant.attempts.get(accountId);
  if (attempt?.type === type) return ok(attemptStatus(tenant, attempt, now));
  const channel = tenant.findChannel(type, accountId);
  if (!channel) throw notFound('Connection attempt not found.');
  return ok(linkedStatus(channel));
}

function refreshChannel(context: RequestContext, params: RouteParams): Reply {
  const type = channelTypeParam(params);
  const channel = context.tenant.findChannel(type, channelSelector(context));
  if (!channel) throw noAccount(type);
  return ok(context.tenant.updateChannel(channel.id, { last_synced_at: isoTime(context.now) }));
}

function disconnectChannel(context: RequestContext, params: RouteParams): Reply {
  const { tenant } = context;
  const type = channelTypeParam(params);
  const selector = channelSelector(context);
  const attempt = typeof selector === 'string' ? tenant.attempts.get(selector) : undefined;
  const state = attempt?.type === type ? attempt.state(context.now) : undefined;
  if (attempt && (state === 'waiting' || state === 'scanned')) {
    attempt.abandon(context.now);
    return noContent();
  }
  const channel = tenant.findChannel(type, selector);
  if (!channel) throw noAccount(type);
  const running = tenant.scenario.campaign_running;
  if (running.includes(type) || running.includes(channel.id))
    throw new HttpError(422, CAMPAIGN_RUNNING_MESSAGE);
  tenant.removeChannel(channel.id);
  return noContent();
}

function challenge(login: InstagramLogin) {
  return { requires_2fa: true, account_id: login.accountId, checkpoint_type: login.checkpointType };
}

function connectInstagram(context: RequestContext): Reply {
  const { tenant, now } = context;
  const fields = new BodyFields(context.body());
  const username = fields.requiredString('username');
  const password = fields.requiredString('password');
  const country = fields.optionalString('country');
  if (country !== undefined && !COUNTRY_PATTERN.test(country)) {
    fields.fail('country', 'The country must be a two-letter ISO 3166-1 code.');
  }
  fields.check();
  const relink = relinkTarget(context, 'instagram');
  const linked = tenant
    .channels()
    .some(
      (channel) =>
        channel.type === 'instagram' &&
        channel.id !== relink?.id &&
        channel.username?.toLowerCase() === username.toLowerCase(),
    );
  if (linked) throw new HttpError(409, INSTAGRAM_MESSAGES.alreadyLinked);
  if (password === INSTAGRAM_WRONG_PASSWORD) throw new HttpError(422, INSTAGRAM_MESSAGES.wrongCredentials);

  const { scenario } = tenant;
  if (scenario.instagram === 'connected') {
    const channel = relink
      ? tenant.relinkChannel(relink.id, { username }, now)
      : tenant.addChannel(
          {
            type: 'instagram',
            username,
            sync_status: 'OK',
            is_connected: true,
            last_synced_at: isoTime(now),
          },
          now,
        );
    return ok(channel, INSTAGRAM_MESSAGES.connected);
  }
  const login = new InstagramLogin(
    randomAccountId('ig'),
    username,
    (country ?? DEFAULT_COUNTRY).toUpperCase(),
    scenario.instagram_checkpoint,
    verificationRounds(scenario.instagram),
  );
  login.relinkId = relink?.id ?? null;
  tenant.instagramLogins.set(login.accountId, login);
  return ok(challenge(login), INSTAGRAM_MESSAGES.codeSent);
}

function instagramLoginOf(tenant: Tenant, accountId: string): InstagramLogin {
  const login = tenant.instagramLogins.get(accountId);
  if (!login) throw notFound(INSTAGRAM_MESSAGES.unknownLogin);
  return login;
}

function submitInstagramCode(context: RequestContext): Reply {
  const { tenant, now } = context;
  const fields = new BodyFields(context.body());
  const accountId = fields.requiredString('account_id');
  const code = fields.requiredString('code');
  fields.check();
  const login = instagramLoginOf(tenant, accountId);
  const outcome = login.submitCode(code, now, {
    maxAttempts: tenant.scenario.instagram_max_attempts,
    lockoutSeconds: tenant.scenario.instagram_lockout_seconds,
    alwaysLocked: tenant.scenario.instagram === 'too_many_attempts',
  });
  switch (outcome.kind) {
    case 'locked':
      throw tooManyRequests(INSTAGRAM_MESSAGES.tooManyAttempts, outcome.retryAfterSeconds);
    case 'wrong':
      throw new HttpError(
        422,
        INSTAGRAM_MESSAGES.wrongCode,
        { code: [INSTAGRAM_MESSAGES.wrongCode] },
        undefined,
        {
          attempts_left: outcome.attemptsLeft,
        },
      );
    case 'another_round':
      return ok(challenge(login), INSTAGRAM_MESSAGES.anotherRound);
    case 'verified': {
      tenant.instagramLogins.delete(accountId);
      const channel = tenant.linkInstagram(login, now);
      return ok(channel, INSTAGRAM_MESSAGES.connectedSyncing);
    }
  }
}

function resendInstagramCode(context: RequestContext): Reply {
  const { tenant, now } = context;
  const fields = new BodyFields(context.body());
  const accountId = fields.requiredString('account_id');
  fields.check();
  const outcome = instagramLoginOf(tenant, accountId).resend(now, tenant.timings.resendCooldownMs);
  if (outcome.kind === 'cooldown')
    throw tooManyRequests(INSTAGRAM_MESSAGES.resendTooSoon, outcome.retryAfterSeconds);
  return okMessage(INSTAGRAM_MESSAGES.resent);
}

/**
 * The provider's MAX errors (docs/providers.md#max-phone-login) in the contract's envelope; the message
 * is the first of them.
 */
function maxValidationError(errors: FieldErrors): HttpError {
  const fields = Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [field, [...messages]]),
  );
  return new HttpError(422, Object.values(fields).flat()[0] ?? 'The given data was invalid.', fields);
}

function sendMaxPhone(context: RequestContext): Reply {
  const { tenant } = context;
  const checked = checkMaxPhone(context.body()['phone']);
  if ('errors' in checked) throw maxValidationError(checked.errors);
  if (!tenant.scenario.multiple_accounts && tenant.hasConnected('max')) {
    throw new HttpError(409, MAX_MESSAGES.alreadyLinked);
  }
  tenant.maxLoginPhone = checked.phone;
  return okMessage(MAX_MESSAGES.codeSent(checked.phone));
}

function sendMaxCode(context: RequestContext): Reply {
  const { tenant, now } = context;
  const code = context.body()['code'];
  const phone = tenant.maxLoginPhone;
  if (phone === null) throw notFound(MAX_MESSAGES.noPendingLogin);
  const errors = checkMaxCode(code);
  if (errors) throw maxValidationError(errors);
  tenant.maxLoginPhone = null;
  const channel = tenant.addChannel(
    { type: 'max', username: `+${phone}`, sync_status: 'CONNECTING', is_connected: true },
    now,
  );
  return ok(channel, MAX_MESSAGES.connected);
}

function closeMaxSession({ tenant }: RequestContext): Reply {
  if (tenant.maxLoginPhone === null) throw maxValidationError(MAX_ERRORS.sessionNotFound);
  tenant.maxLoginPhone = null;
  return noContent();
}

/**
 * The contract's channel calls, then its conversation calls; literal Instagram and MAX paths come before the
 * `:type` ones.
 */
export const apiRoutes: readonly Route<RequestContext>[] = [
  route('GET', '/api/v1/channels', ({ tenant }) => ok(tenant.channels())),
  route('POST', '/api/v1/channels/instagram/connect', connectInstagram),
  route('POST', '/api/v1/channels/instagram/2fa', submitInstagramCode),
  route('POST', '/api/v1/channels/instagram/2fa/resend', resendInstagramCode),
  route('POST', '/api/v1/channels/max/send_phone', sendMaxPhone),
  route('POST', '/api/v1/channels/max/send_code', sendMaxCode),
  route('POST', '/api/v1/channels/max/close_session', closeMaxSession),
  route('POST', '/api/v1/channels/whatsapp/pairing-code', requestPairingCode),
  route('POST', '/api/v1/channels/:type/connect', connectQr),
  route('GET', '/api/v1/channels/:type/status', channelStatus),
  route('POST', '/api/v1/channels/:type/refresh', refreshChannel),
  route('POST', '/api/v1/channels/:type/disconnect', disconnectChannel),
  ...inboxRoutes,
];
