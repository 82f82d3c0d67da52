import type { RequestContext } from './api.js';
import {
  isChannelType,
  isoTime,
  isSyncStatus,
  SYNC_STATUSES,
  type Channel,
  type ChannelType,
} from './channel.js';
import {
  BodyFields,
  HttpError,
  noContent,
  notFound,
  ok,
  route,
  type Reply,
  type Route,
  type RouteParams,
} from './http.js';
import { simulatedPhoneNumber } from './random.js';
import { mergeScenario } from './scenario.js';

function scan({ tenant, now, body }: RequestContext): Reply {
  const fields = new BodyFields(body());
  const accountId = fields.requiredString('account_id');
  const username = fields.optionalString('username');
  fields.check();
  const attempt = tenant.attempts.get(accountId);
  if (!attempt) throw notFound('Connection attempt not found.');
  const state = attempt.state(now);
  if (state !== 'waiting') throw new HttpError(409, `The attempt is ${state}, not waiting for a scan.`);
  tenant.scanAttempt(attempt, username ?? simulatedPhoneNumber(), now);
  return ok(attempt.snapshot(now), 'QR code scanned.');
}

function syncStatusField(
  fields: BodyFields,
  body: Record<string, unknown>,
): Channel['sync_status'] | undefined {
  const value = body['sync_status'];
  if (value === undefined) return undefined;
  if (isSyncStatus(value)) return value;
  fields.fail('sync_status', `The sync status must be one of: ${SYNC_STATUSES.join(', ')}.`);
  return undefined;
}

function defaultUsername(type: ChannelType): string {
  return type === 'instagram' ? 'sandbox_brand' : simulatedPhoneNumber();
}

function addChannel({ tenant, now, body }: RequestContext): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const type = values['type'];
  if (!isChannelType(type)) fields.fail('type', 'The type must be whatsapp, telegram or instagram.');
  const username = fields.optionalString('username');
  const syncStatus = syncStatusField(fields, values);
  const isConnected = fields.optionalBoolean('is_connected');
  fields.check();
  const channelType = type as ChannelType;
  const channel = tenant.addChannel(
    {
      type: channelType,
      username: 'username' in values ? (username ?? null) : defaultUsername(channelType),
      sync_status: syncStatus ?? 'OK',
      is_connected: isConnected ?? true,
      last_synced_at: isoTime(now),
      settles: false,
    },
    now,
  );
  return ok(channel);
}

function patchChannel({ tenant, body }: RequestContext, params: RouteParams): Reply {
  const values = body();
  const fields = new BodyFields(values);
  const syncStatus = syncStatusField(fields, values);
  const isConnected = fields.optionalBoolean('is_connected');
  fields.check();
  const channel = tenant.updateChannel(Number(params['id']), {
    ...(syncStatus !== undefined && { sync_status: syncStatus }),
    ...(isConnected !== undefined && { is_connected: isConnected }),
  });
  if (!channel) throw notFound('Channel not found.');
  return ok(channel);
}

/**
 * The switches tests and host developers use to steer the simulation (see README.md). Minting
 * tokens is not here: it needs no tenant credential.
 */
export const controlRoutes: readonly Route<RequestContext>[] = [
  route('POST', '/__sandbox/scan', scan),
  route('POST', '/__sandbox/reset', ({ tenant, now }) => {
    tenant.reset();
    return ok(tenant.snapshot(now));
  }),
  route('GET', '/__sandbox/scenario', ({ tenant }) => ok(tenant.describeScenario())),
  route('POST', '/__sandbox/scenario', ({ tenant, body }) => {
    tenant.scenario = mergeScenario(tenant.scenario, body());
    return ok(tenant.describeScenario());
  }),
  route('POST', '/__sandbox/channels', addChannel),
  route('PATCH', '/__sandbox/channels/:id', patchChannel),
  route('GET', '/__sandbox/state', ({ tenant, now }) => ok(tenant.snapshot(now))),
  route('GET', '/__sandbox/requests', ({ tenant }) => ok(tenant.requests)),
  route('DELETE', '/__sandbox/requests', ({ tenant }) => {
    tenant.requests = [];
    return noContent();
  }),
];
