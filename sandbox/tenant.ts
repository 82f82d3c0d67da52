import { isoTime, type Channel, type ChannelType, type QrChannelType, type SyncStatus } from './channel.js';
import type { FileStore } from './files.js';
import { Inbox, type InboxEvent } from './inbox.js';
import type { InstagramLogin } from './providers/instagram.js';
import { QrAttempt, type QrSchedule } from './providers/qr-attempt.js';
import type { FieldErrors } from './http.js';
import {
  TelegramAuthFlow,
  telegramQrCode,
  telegramSchedule,
  type TelegramAuthEvent,
  type TelegramAuthStatus,
} from './providers/telegram.js';
import { whatsappQrCode, whatsappSchedule } from './providers/whatsapp.js';
import { randomAccountId } from './random.js';
import { defaultScenario, mergeScenario, type Scenario } from './scenario.js';
import { DEFAULT_TIMINGS, type Timings } from './timings.js';

export interface RequestLogEntry {
  method: string;
  /** Path with its query string. */
  path: string;
  time: string;
  /** The JSON body with secrets masked; null when there was none or it was not JSON. */
  body: unknown;
  /** Null until answered, and for dropped requests. */
  status: number | null;
  /** The client closed the connection before the answer (it aborted the call). */
  abandoned?: boolean;
}

export type TenantEvent =
  | { type: 'channel:status'; channel: Channel }
  | { type: 'telegram:auth_state'; status: TelegramAuthStatus }
  | InboxEvent;

export interface NewChannel {
  type: ChannelType;
  username: string | null;
  /** `CONNECTING` turns `OK` after `connectingToOkMs` unless `settles` is false. */
  sync_status: SyncStatus;
  is_connected: boolean;
  last_synced_at?: string | null;
  accountId?: string;
  settles?: boolean;
}

interface LinkedChannel {
  channel: Channel;
  /** The connect attempt's `account_id`, which `?account_id=` selects by. */
  accountId: string;
  /** When a `CONNECTING` channel turns `OK`. */
  okAt: number | null;
}

/** Beyond this the oldest logged requests are forgotten, so a long demo session stays small. */
const REQUEST_LOG_LIMIT = 1000;

const ACCOUNT_ID_PREFIXES = { whatsapp: 'wa', telegram: 'tg', instagram: 'ig', max: 'mx' } as const;

const QR_PROVIDERS: Record<
  QrChannelType,
  { schedule: (timings: Timings) => QrSchedule; makeCode: () => string }
> = {
  whatsapp: { schedule: whatsappSchedule, makeCode: whatsappQrCode },
  telegram: { schedule: telegramSchedule, makeCode: telegramQrCode },
};

/**
 * One credential's world: its channels, linking attempts, conversations, scenario and request log.
 * Time-driven changes are computed from the clock by `settle()`; the few timers only make them happen
 * on time for socket listeners.
 */
export class Tenant {
  scenario: Scenario = defaultScenario();
  readonly attempts = new Map<string, QrAttempt>();
  readonly instagramLogins = new Map<string, InstagramLogin>();
  readonly telegramAuth = new TelegramAuthFlow();
  /** The MAX sign-in waiting for its SMS code: the phone it was sent to, or null. */
  maxLoginPhone: string | null = null;
  requests: RequestLogEntry[] = [];
  readonly inbox: Inbox;
  private readonly linked = new Map<number, LinkedChannel>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<(event: TenantEvent) => void>();
  /** Closers of the tenant's open sockets. */
  private readonly sockets = new Set<() => void>();

  constructor(
    private readonly baseTimings: Partial<Timings>,
    private readonly allocateChannelId: () => number,
    files: FileStore,
  ) {
    this.inbox = new Inbox(
      {
        scenario: () => this.scenario,
        timings: () => this.timings,
        emit: (event) => this.emit(event),
        settleAt: (at) => this.scheduleSettle(at),
        later: (ms, task) => this.later(ms, task),
      },
      files,
    );
  }

  get timings(): Timings {
    return { ...DEFAULT_TIMINGS, ...this.baseTimings, ...this.scenario.timings };
  }

  /** Changes the given switches (see `mergeScenario`), and starts or stops the chatty contacts. */
  updateScenario(patch: Record<string, unknown>): void {
    const chatty = this.scenario.chatty;
    this.scenario = mergeScenario(this.scenario, patch);
    if (this.scenario.chatty !== chatty) this.inbox.restartChatty();
  }

  /** The scenario as the control endpoints show it, with the timings in effect. */
  describeScenario(): Scenario {
    return { ...this.scenario, timings: this.timings };
  }

  /** Keeps `close` to end a socket of this tenant; the returned function forgets it once it is gone. */
  trackSocket(close: () => void): () => void {
    this.sockets.add(close);
    return () => this.sockets.delete(close);
  }

  /** Ends every open socket of the tenant at once, as a network drop does; answers how many. */
  dropSockets(): number {
    const closers = [...this.sockets];
    this.sockets.clear();
    for (const close of closers) close();
    return closers.length;
  }

  subscribe(listener: (event: TenantEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: TenantEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private emitChannel(channel: Channel): void {
    this.emit({ type: 'channel:status', channel: { ...channel } });
  }

  private emitTelegramAuth(): void {
    this.emit({ type: 'telegram:auth_state', status: this.telegramAuth.status });
  }

  channels(): Channel[] {
    return [...this.linked.values()].map(({ channel }) => ({ ...channel }));
  }

  channelById(id: number): Channel | undefined {
    const link = this.linked.get(id);
    return link && { ...link.channel };
  }

  hasConnected(type: ChannelType): boolean {
    return [...this.linked.values()].some(({ channel }) => channel.type === type && channel.is_connected);
  }

  /**
   * The channel of that type picked by an account id or a numeric channel id; without one, the
   * most recent.
   */
  findChannel(type: ChannelType, selector?: string | number): Channel | undefined {
    const candidates = [...this.linked.values()].filter(({ channel }) => channel.type === type);
    const found =
      selector === undefined
        ? candidates.at(-1)
        : candidates.find(
            ({ channel, accountId }) => accountId === selector || String(channel.id) === String(selector),
          );
    return found && { ...found.channel };
  }

  addChannel(init: NewChannel, now: number): Channel {
    const channel: Channel = {
      id: this.allocateChannelId(),
      type: init.type,
      username: init.username,
      is_connected: init.is_connected,
      sync_status: init.sync_status,
      last_synced_at: init.last_synced_at ?? null,
    };
    const settles = init.sync_status === 'CONNECTING' && init.settles !== false;
    const okAt = settles ? now + this.timings.connectingToOkMs : null;
    this.linked.set(channel.id, {
      channel,
      accountId: init.accountId ?? randomAccountId(ACCOUNT_ID_PREFIXES[init.type]),
      okAt,
    });
    if (okAt !== null) this.scheduleSettle(okAt);
    this.emitChannel(channel);
    return { ...channel };
  }

  /** Changes a channel; a status set by hand is kept, so a `CONNECTING` one no longer turns `OK`. */
  updateChannel(
    id: number,
    changes: Partial<Pick<Channel, 'sync_status' | 'is_connected' | 'last_synced_at'>>,
  ): Channel | undefined {
    const link = this.linked.get(id);
    if (!link) return undefined;
    if (changes.sync_status !== undefined) link.okAt = null;
    Object.assign(link.channel, changes);
    this.emitChannel(link.channel);
    return { ...link.channel };
  }

  removeChannel(id: number): void {
    const link = this.linked.get(id);
    if (!link) return;
    this.linked.delete(id);
    this.emitChannel({ ...link.channel, is_connected: false });
    if (this.telegramAuth.channelId === id) {
      this.telegramAuth.restart();
      this.emitTelegramAuth();
    }
  }

  /**
   * Links an account again in place: the channel keeps its id (and its conversations), takes the new
   * login's username and account id, and connects anew.
   */
  relinkChannel(id: number, login: { username: string | null; accountId?: string }, now: number): Channel {
    const link = this.linked.get(id);
    if (!link) throw new Error(`No channel ${id} to link again.`);
    Object.assign(link.channel, {
      username: login.username ?? link.channel.username,
      is_connected: true,
      sync_status: 'CONNECTING',
    });
    if (login.accountId !== undefined) link.accountId = login.accountId;
    link.okAt = now + this.timings.connectingToOkMs;
    this.scheduleSettle(link.okAt);
    this.emitChannel(link.channel);
    return { ...link.channel };
  }

  /** Links a new account, or the channel `relinkId` again in place when it is still there. */
  private linkFromLogin(
    relinkId: number | null,
    init: NewChannel & { username: string | null; accountId?: string },
    now: number,
  ): Channel {
    if (relinkId !== null && this.linked.has(relinkId)) return this.relinkChannel(relinkId, init, now);
    return this.addChannel(init, now);
  }

  /** Links what an Instagram login verified: a new channel, or the one it links again. */
  linkInstagram(
    login: { username: string; accountId: string; relinkId: number | null },
    now: number,
  ): Channel {
    return this.linkFromLogin(
      login.relinkId,
      {
        type: 'instagram',
        username: login.username,
        sync_status: 'CONNECTING',
        is_connected: true,
        accountId: login.accountId,
      },
      now,
    );
  }

  /**
   * Starts a QR attempt, abandoning any earlier unfinished attempt of that type; with `relinkId`, the
   * attempt links that channel again in place.
   */
  startQrAttempt(type: QrChannelType, now: number, relinkId: number | null = null): QrAttempt {
    for (const attempt of this.attempts.values()) {
      const state = attempt.state(now);
      if (attempt.type === type && (state === 'waiting' || state === 'scanned')) attempt.abandon(now);
    }
    const timings = this.timings;
    const provider = QR_PROVIDERS[type];
    const attempt = new QrAttempt(
      randomAccountId(ACCOUNT_ID_PREFIXES[type]),
      type,
      now,
      provider.schedule(timings),
      timings.scanToCompleteMs,
      provider.makeCode,
    );
    attempt.relinkId = relinkId;
    this.attempts.set(attempt.accountId, attempt);
    return attempt;
  }

  /** Applies a push of the Telegram auth room; a login that reaches `authorized` links a channel. */
  applyTelegramAuth(
    event: TelegramAuthEvent,
    payload: Record<string, unknown>,
    now: number,
  ): FieldErrors | null {
    const before = this.telegramAuth.status;
    const errors = this.telegramAuth.apply(event, payload, this.scenario.telegram_password);
    if (errors) return errors;
    if (this.telegramAuth.status === 'authorized' && before !== 'authorized') {
      const channel = this.addChannel(
        {
          type: 'telegram',
          username: this.telegramAuth.phone,
          sync_status: 'CONNECTING',
          is_connected: true,
        },
        now,
      );
      this.telegramAuth.channelId = channel.id;
    }
    this.emitTelegramAuth();
    return null;
  }

  scanAttempt(attempt: QrAttempt, username: string, now: number): void {
    attempt.markScanned(now, username);
    const completesAt = attempt.completesAt;
    if (completesAt !== null) this.scheduleSettle(completesAt);
  }

  /**
   * Makes every change that is due by `now`: finished linkings, channels done connecting, then
   * message receipts.
   */
  settle(now: number): void {
    for (const attempt of this.attempts.values()) {
      const completesAt = attempt.completesAt;
      if (attempt.channelId !== null || completesAt === null || completesAt > now) continue;
      const channel = this.linkFromLogin(
        attempt.relinkId,
        {
          type: attempt.type,
          username: attempt.scannedUsername,
          sync_status: 'CONNECTING',
          is_connected: true,
          accountId: attempt.accountId,
        },
        completesAt,
      );
      attempt.channelId = channel.id;
    }
    for (const link of this.linked.values()) {
      if (link.okAt === null || link.okAt > now) continue;
      link.channel.sync_status = 'OK';
      link.channel.last_synced_at = isoTime(link.okAt);
      link.okAt = null;
      this.emitChannel(link.channel);
    }
    this.inbox.settle(now);
  }

  private scheduleSettle(at: number): void {
    // Timers may fire a millisecond early; what was due at `at` must settle now.
    this.later(at - Date.now(), () => this.settle(Math.max(Date.now(), at)));
  }

  /** Runs `task` after `ms` unless the tenant is reset (or the sandbox closed) first. */
  private later(ms: number, task: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        task();
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > REQUEST_LOG_LIMIT) this.requests.shift();
  }

  snapshot(now: number) {
    return {
      channels: this.channels(),
      attempts: [...this.attempts.values()].map((attempt) => attempt.snapshot(now)),
      instagram_logins: [...this.instagramLogins.values()].map((login) => login.snapshot(now)),
      telegram_auth: { status: this.telegramAuth.status, phone: this.telegramAuth.phone },
      max_login: { phone: this.maxLoginPhone },
      conversations: this.inbox.summary(),
      scenario: this.describeScenario(),
    };
  }

  /** Back to the first request's state; open sockets stay and hear the channels go. */
  reset(): void {
    this.clearTimers();
    this.inbox.clear();
    for (const id of [...this.linked.keys()]) this.removeChannel(id);
    this.attempts.clear();
    this.instagramLogins.clear();
    this.telegramAuth.restart();
    this.emitTelegramAuth();
    this.maxLoginPhone = null;
    this.scenario = defaultScenario();
    this.requests = [];
  }

  clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
