import type { Channel, ChannelType, QrAttemptStatus } from '../../contract.js';
import { relayRoom } from '../upstream-rooms.js';
import {
  ProviderError,
  type ChannelTarget,
  type CustomerContext,
  type InboxProvider,
  type ProviderRoute,
  type ProviderServices,
  type StoredChannel,
} from '../provider.js';
import { ChategyClient, ChategyUpstreamError, type ChategyEndpoints, type Params } from './client.js';
import { Instances, placeholderContact, type InstanceContact, type InstanceRecord } from './instances.js';
import { channelKey, ChategyWebhooks } from './webhooks.js';
import { KeptFiles } from './kept-files.js';
import { ChategySending, newChategyChat } from './sending.js';
import { WhatsappLogin, type AuthState } from './whatsapp-login.js';

export interface ChategyProviderOptions extends ChategyEndpoints {
  /** `wss://…/socket/websocket` of the Telegram room; default from `apiUrl`. */
  socketUrl?: string;
  /** `wss://…/socket/websocket` of the WhatsApp room (Chategy serves it from another host); default `socketUrl`. */
  whatsappSocketUrl?: string;
  /**
   * How long a WhatsApp login whose rooms all closed may wait for one to open again (a reconnecting
   * page) before it counts as cancelled and is interrupted upstream; default 5000 ms.
   */
  unwatchedLoginMs?: number;
  /** The email and phone a new instance is registered with; default a unique placeholder per customer. */
  instanceContact?: InstanceContact;
}

const WHATSAPP_AUTH_ROOM = /^room:v1:whats_app:auth:(wa_[0-9a-f]{16})$/;
const TELEGRAM_AUTH_ROOM = 'room:v1:telegram:auth';

function socketUrlOf(apiUrl: string): string {
  const url = new URL('socket/websocket', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

function digitsOf(value: string | null | undefined): string {
  return (value ?? '').replace(/\D/g, '');
}

/** A 4xx from Chategy as the elements' refusal, its messages kept. */
function refusal(error: unknown, fallback: string): never {
  if (error instanceof ChategyUpstreamError && error.status >= 400 && error.status < 500) {
    throw new ProviderError(422, error.details[0] ?? fallback, error.errors);
  }
  throw error;
}

/**
 * Chategy/Chatpush (docs/providers/chategy.md): an instance per customer, WhatsApp by QR through the
 * instance's auth room, Telegram by phone, code and password, MAX by phone and SMS code; history from
 * webhooks into the store; sends through `/api/v1/delivery` and `send_file` with the checksum made here.
 */
export function chategyProvider(options: ChategyProviderOptions): InboxProvider {
  const client = new ChategyClient(options);
  const socketUrl = options.socketUrl ?? socketUrlOf(options.apiUrl);
  const whatsappSocketUrl = options.whatsappSocketUrl ?? socketUrl;
  let services: ProviderServices | undefined;
  let instances: Instances | undefined;
  let receiver: ChategyWebhooks | undefined;
  let files: KeptFiles | undefined;
  let sending: ChategySending | undefined;
  const logins = new Map<string, WhatsappLogin>();
  const graceTimers = new Set<NodeJS.Timeout>();
  /** Customer rooms open on each login. */
  const watchers = new Map<WhatsappLogin, number>();
  const unwatchedMs = options.unwatchedLoginMs ?? 5_000;

  const ready = () => {
    if (!services || !instances || !receiver || !sending)
      throw new Error('The Chategy provider was not started');
    return { store: services.store, instances, receiver, sending };
  };

  async function interrupt(login: WhatsappLogin): Promise<void> {
    if (login.done) return;
    login.stop();
    await client
      .developer('DELETE', `/developer/v1/instances/${login.instance.id}/delete_container_session`)
      .catch((error: unknown) =>
        services?.log.warn('interrupting a WhatsApp login failed', { error: String(error) }),
      );
  }

  function loginOf(ctx: CustomerContext, accountId: string | undefined): WhatsappLogin | undefined {
    const login = accountId === undefined ? undefined : logins.get(accountId);
    return login?.customerId === ctx.customerId ? login : undefined;
  }

  async function linkedWhatsapp(login: WhatsappLogin): Promise<void> {
    const { receiver: webhooks } = ready();
    const info = await client
      .developer<{ instance: { whatsapp_phone?: string | null } }>(
        'GET',
        `/developer/v1/instances/${login.instance.customer_id}`,
      )
      .catch(() => undefined);
    await webhooks.linked(
      login.customerId,
      'whatsapp',
      login.instance.customer_id,
      digitsOf(info?.instance.whatsapp_phone) || null,
    );
  }

  async function channelOf(
    ctx: CustomerContext,
    type: ChannelType,
    target: ChannelTarget,
  ): Promise<StoredChannel> {
    const channels = (await ready().store.channels(ctx.customerId)).filter(
      (channel) => channel.type === type,
    );
    const channel =
      target.id === undefined ? channels.at(-1) : channels.find((item) => item.id === target.id);
    if (!channel) throw new ProviderError(404, 'No such account.');
    return channel;
  }

  function attemptStatus(login: WhatsappLogin, channel: StoredChannel | undefined): QrAttemptStatus {
    const state = login.state;
    const base = { type: 'whatsapp', username: null, last_synced_at: null };
    if (state === 'linked' && channel)
      return { ...channel, completed: true, in_progress: false, qr_code: null };
    if (state === 'failed')
      return {
        ...base,
        id: null,
        is_connected: false,
        sync_status: 'CREATION_FAIL',
        completed: false,
        in_progress: false,
        qr_code: null,
      };
    return {
      ...base,
      id: null,
      is_connected: false,
      sync_status: 'CONNECTING',
      completed: false,
      in_progress: true,
      qr_code: login.latest.qr_code,
    };
  }

  /** The customer's room for a login the server holds upstream: its latest state now, then every change. */
  function whatsappRoom(login: WhatsappLogin, push: (event: string, payload: unknown) => void) {
    let unsubscribe = () => {};
    const publish = (state: AuthState) => push('auth_state', state);
    return {
      channel: {
        start() {
          watchers.set(login, (watchers.get(login) ?? 0) + 1);
          publish(login.latest);
          unsubscribe = login.subscribe(publish);
        },
        stop() {
          unsubscribe();
          const left = (watchers.get(login) ?? 1) - 1;
          watchers.set(login, left);
          if (login.done || left > 0) return;
          // Nobody watching before the end is a cancel, unless the page comes back at once (a reconnect).
          const timer = setTimeout(() => {
            graceTimers.delete(timer);
            if ((watchers.get(login) ?? 0) === 0) void interrupt(login);
          }, unwatchedMs);
          graceTimers.add(timer);
        },
      },
    };
  }

  /** The Telegram room relayed to the instance's, watching for `authorized` to link the account. */
  async function telegramRoom(ctx: CustomerContext, push: (event: string, payload: unknown) => void) {
    const { instances: all, receiver: webhooks } = ready();
    const instance = await all.forCustomer(ctx.customerId);
    let phone: string | null = null;
    const joined = await relayRoom(
      { url: socketUrl, token: instance.token, tokenIn: 'query' },
      TELEGRAM_AUTH_ROOM,
      (event, payload) => {
        if (event === 'auth_state' && (payload as { status?: unknown } | null)?.status === 'authorized') {
          void webhooks
            .linked(ctx.customerId, 'telegram', instance.customer_id, phone)
            .catch((error: unknown) =>
              services?.log.warn('linking Telegram failed', { error: String(error) }),
            );
        }
        push(event, payload);
      },
    );
    if (!joined || !('channel' in joined)) return joined;
    const relayed = joined.channel;
    return {
      channel: {
        ...relayed,
        handleIn(event: string, payload: Record<string, unknown>) {
          if (event === 'send_phone' && typeof payload['phone'] === 'string')
            phone = digitsOf(payload['phone']);
          return relayed.handleIn!(event, payload);
        },
      },
    };
  }

  async function maxCall(ctx: CustomerContext, path: string, query: Params): Promise<InstanceRecord> {
    const instance = await ready().instances.forCustomer(ctx.customerId);
    try {
      await client.instance(instance.token, 'POST', `/api/v1/max/${path}`, { query, signal: ctx.signal });
    } catch (error) {
      refusal(error, 'MAX refused the request.');
    }
    return instance;
  }

  const maxPhones = new Map<string, string>();
  const routes: ProviderRoute[] = [
    {
      method: 'POST',
      path: 'channels/max/send_phone',
      async handle(ctx, call) {
        const phone = typeof call.body['phone'] === 'string' ? call.body['phone'].trim() : '';
        await maxCall(ctx, 'send_phone', { phone });
        maxPhones.set(ctx.customerId, digitsOf(phone));
        return { message: 'A code was sent by SMS.' };
      },
    },
    {
      method: 'POST',
      path: 'channels/max/send_code',
      async handle(ctx, call) {
        const code = typeof call.body['code'] === 'string' ? call.body['code'].trim() : '';
        const instance = await maxCall(ctx, 'send_code', { code });
        const channel = await ready().receiver.linked(
          ctx.customerId,
          'max',
          instance.customer_id,
          maxPhones.get(ctx.customerId) ?? null,
        );
        maxPhones.delete(ctx.customerId);
        return { data: publicChannel(channel) };
      },
    },
    {
      method: 'POST',
      path: 'channels/max/close_session',
      async handle(ctx) {
        const instance = await maxCall(ctx, 'close_session', {});
        const channel = await ready().store.channelByKey(channelKey('max', instance.customer_id));
        if (channel) await ready().store.removeChannel(ctx.customerId, channel.id);
        return { status: 204 };
      },
    },
  ];

  async function ensureWebhook(url: string): Promise<void> {
    const { webhooks } = await client.developer<{ webhooks: { url: string }[] }>(
      'GET',
      '/developer/v1/webhooks',
    );
    if (webhooks.some((webhook) => webhook.url === url)) return;
    await client.developer('POST', '/developer/v1/webhooks', {
      query: {
        url,
        types: [
          'whatsapp_log_out',
          'whatsapp_log_in',
          'whatsapp_incoming_msg',
          'tdlib_incoming_msg',
          'whatsapp_status_msg',
        ],
      },
    });
  }

  return {
    name: 'chategy',
    webhooks: { receive: (webhook) => ready().receiver.receive(webhook) },
    routes,
    channels: {
      list: async (ctx) => (await ready().store.channels(ctx.customerId)).map(publicChannel),
      async connectQr(ctx, type) {
        if (type !== 'whatsapp') {
          throw new ProviderError(
            422,
            'With this provider Telegram is linked by phone number, not by QR code.',
          );
        }
        const instance = await ready().instances.forCustomer(ctx.customerId);
        for (const earlier of logins.values()) {
          if (earlier.customerId === ctx.customerId) {
            await interrupt(earlier);
            logins.delete(earlier.accountId);
          }
        }
        const login = new WhatsappLogin(ctx.customerId, instance, whatsappSocketUrl, (done) => {
          void linkedWhatsapp(done).catch((error: unknown) =>
            services?.log.warn('linking WhatsApp failed', { error: String(error) }),
          );
        });
        logins.set(login.accountId, login);
        try {
          return { account_id: login.accountId, qr_code: await login.start() };
        } catch (error) {
          logins.delete(login.accountId);
          login.stop();
          services?.log.warn('WhatsApp login did not start', { error: String(error) });
          throw new ProviderError(502, 'WhatsApp could not start a login. Try again.');
        }
      },
      async status(ctx, type, accountId) {
        const { store } = ready();
        if (accountId !== undefined) {
          const login = loginOf(ctx, accountId);
          if (!login || type !== 'whatsapp') throw new ProviderError(404, 'No such login attempt.');
          const channel = await store.channelByKey(channelKey('whatsapp', login.instance.customer_id));
          return attemptStatus(login, channel);
        }
        const channel = (await store.channels(ctx.customerId)).filter((item) => item.type === type).at(-1);
        if (!channel) throw new ProviderError(404, 'No account of this type is linked.');
        return publicChannel(channel);
      },
      async refresh(ctx, type, target) {
        const channel = await channelOf(ctx, type, target);
        const instance = await ready().instances.forCustomer(ctx.customerId);
        const info = await client.developer<{
          instance: { whatsapp_session?: number; tdlib_session?: number };
        }>('GET', `/developer/v1/instances/${instance.customer_id}`);
        const connected =
          type === 'whatsapp'
            ? info.instance.whatsapp_session === 1
            : type === 'telegram'
              ? info.instance.tdlib_session === 3
              : channel.is_connected;
        const updated = await ready().store.updateChannel(channel.providerKey, {
          is_connected: connected,
          sync_status: connected ? 'OK' : 'STOPPED',
          last_synced_at: new Date().toISOString(),
        });
        return publicChannel(updated ?? channel);
      },
      async disconnect(ctx, type, target) {
        const pending = loginOf(ctx, target.accountId);
        if (pending) {
          await interrupt(pending);
          return;
        }
        const channel = await channelOf(ctx, type, target);
        const instance = await ready().instances.forCustomer(ctx.customerId);
        if (type === 'max') {
          await client.instance(instance.token, 'POST', '/api/v1/max/close_session').catch(() => undefined);
        } else if (type === 'whatsapp') {
          await client.developer('DELETE', `/developer/v1/instances/${instance.id}/delete_container_session`);
        }
        await ready().store.removeChannel(ctx.customerId, channel.id);
      },
    },
    conversations: {
      kind: 'stored',
      deliver: (send) => ready().sending.deliver(send),
      deleteMessage: (ctx, message) => ready().sending.deleteMessage(ctx, message),
      newChat: newChategyChat,
    },
    serveFile: (segments) => files?.serve(segments) ?? Promise.resolve(undefined),
    joinRoom(ctx, topic, push) {
      if (topic === TELEGRAM_AUTH_ROOM) return telegramRoom(ctx, push);
      const accountId = WHATSAPP_AUTH_ROOM.exec(topic)?.[1];
      if (accountId === undefined) return undefined;
      const login = loginOf(ctx, accountId);
      if (!login) return { refusal: { reason: 'unauthorized' } };
      return whatsappRoom(login, push);
    },
    async start(given) {
      services = given;
      instances = new Instances(client, given.store, options.instanceContact ?? placeholderContact);
      // The webhook URL is `{public url}/webhooks/chategy/{secret}`; kept files go under `{public url}/files/chategy/`.
      const filesBase = given.webhookUrl ? new URL('../../files/chategy/', given.webhookUrl).href : undefined;
      files = new KeptFiles(
        given.store,
        () => filesBase,
        () => services?.log,
      );
      const kept = files;
      receiver = new ChategyWebhooks(given.store, instances, (customerId, file) =>
        kept.keepFromUrl(customerId, file),
      );
      sending = new ChategySending({
        client,
        instances,
        store: given.store,
        webhookUrl: given.webhookUrl,
        files: kept,
      });
      if (given.webhookUrl) await ensureWebhook(given.webhookUrl);
      else given.log.warn('Chategy webhooks need publicUrl: without it no message reaches the store');
    },
    close() {
      for (const timer of graceTimers) clearTimeout(timer);
      for (const login of logins.values()) login.stop();
      logins.clear();
      return Promise.resolve();
    },
  };
}

/** A stored channel as the elements see it. */
function publicChannel(channel: StoredChannel): Channel {
  const {
    id,
    type,
    username,
    is_connected: isConnected,
    sync_status: syncStatus,
    last_synced_at: lastSyncedAt,
  } = channel;
  return {
    id,
    type,
    username,
    is_connected: isConnected,
    sync_status: syncStatus,
    last_synced_at: lastSyncedAt,
  };
}
