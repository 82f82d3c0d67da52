import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, isAbort, toApiError } from '../api/errors.js';
import type {
  Channel,
  ChannelCallOptions,
  QrAttemptStatus,
  QrChannelType,
  QrConnectStart,
  WhatsAppAuthState,
} from '../api/types.js';
import type { InboxServices } from '../config/services.js';
import type { TopicSubscription } from '../realtime/socket-adapter.js';
import { CallScope } from '../internal/call-scope.js';
import {
  CODE_LIMIT_WHEN_UNCOUNTED,
  KNOWN_QR_LIFETIMES,
  codeLifetimeMs,
  secondsUntil,
  type QrCodeLifetimes,
} from './qr-lifetimes.js';

/**
 * Where one QR linking attempt stands.
 * - `idle`: nothing started (no services or channel yet, or reset);
 * - `starting`: asking the backend for the first code;
 * - `waiting`: a code is shown, waiting for a scan;
 * - `scanned`: the phone scanned it and is finishing;
 * - `connected`: linked; `expired`: every code ran out (`completed:false, in_progress:false`, docs/providers.md#qr-attempt-status);
 * - `error`: a call failed in a way that polling cannot fix, or the scan never finished.
 */
export type QrAttemptPhase = 'idle' | 'starting' | 'waiting' | 'scanned' | 'connected' | 'expired' | 'error';

/** A real change of an attempt, reported once (never for a repeated socket frame). */
export type QrAttemptChange =
  | { kind: 'code'; first: boolean }
  | { kind: 'scanned' }
  | { kind: 'connected'; channel: Channel }
  | { kind: 'expired' }
  | { kind: 'error'; error: ApiError }
  /** The first of a run of transient failures; the code stays up and polling goes on. */
  | { kind: 'notice'; error: ApiError }
  | { kind: 'recovered' };

/** The phone scanned the code, but the backend did not report the account linked in time. */
export class QrFinishTimeoutError extends ApiError {
  constructor() {
    super({ kind: 'timeout' });
  }
}

export interface QrAttemptOptions {
  /** The services to use; read when an attempt starts. */
  services(): InboxServices | undefined;
  /** The channel to link; read when an attempt starts. */
  channel(): QrChannelType | undefined;
  /** The linked channel to link again in place, if any (docs/providers.md#linking-an-account-again); read at each connect. */
  relinkId?(): number | undefined;
  /** Told about every real change, after the controller's state was updated. */
  onChange?(change: QrAttemptChange): void;
  /** Status poll period (every 2–3 s, docs/providers.md#qr-attempt-status); read before each wait. Default 2500. */
  pollIntervalMs?(): number;
  /** What to assume of the codes when the backend does not say; `undefined`: `KNOWN_QR_LIFETIMES`. */
  codeLifetimes?(): QrCodeLifetimes | undefined;
  /** Longest wait from the scan until the backend reports the account linked. Default 2 minutes. */
  finishTimeoutMs?(): number;
  /** Longest wait between polls while transient errors repeat. */
  maxBackoffMs?: number;
  /** With an open socket, poll anyway once the auth room has been silent this long. */
  socketSilenceMs?: number;
}

/**
 * How an attempt other than a QR one begins: linking WhatsApp by phone number asks for a pairing code
 * (docs/openapi.yaml), whose attempt is then followed as a QR attempt is.
 */
export type AttemptOpener = (
  signal: AbortSignal,
) => Promise<{ accountId: string; code: string | null; expiresAt: number | null }>;

const ACTIVE_PHASES: ReadonlySet<QrAttemptPhase> = new Set(['waiting', 'scanned']);

const ENDED_PHASES: ReadonlySet<QrAttemptPhase> = new Set(['connected', 'expired', 'error']);

/** Fatal during polling: no later poll can succeed. Anything else transient keeps the code up. */
const FATAL_POLL_ERRORS: ReadonlySet<string> = new Set(['unauthorized', 'forbidden']);

/**
 * Runs one QR linking attempt for its host: `connectQr`, then follows the attempt until it is linked
 * or fails. It polls `getQrStatus` (at most one call in flight, paused while the page is hidden,
 * backing off on transient errors and honouring `Retry-After`), and for WhatsApp also listens to the
 * realtime auth room, which replaces polling while the socket is open. When the status does not carry
 * the codes (docs/providers.md#qr-attempt-status), it starts a new attempt each time a code outlives its known
 * lifetime, up to the channel's code count. A scan that does not finish in time ends the attempt
 * with a `QrFinishTimeoutError`. Everything stops and is released (timers, listeners, the room, the
 * in-flight call) when the host leaves the page; an attempt that was still running resumes with an
 * immediate poll when it comes back.
 */
export class QrAttemptController implements ReactiveController {
  private readonly calls: CallScope;
  private readonly maxBackoffMs: number;
  private readonly socketSilenceMs: number;

  private _phase: QrAttemptPhase = 'idle';
  private _channel: QrChannelType | undefined;
  private _accountId: string | null = null;
  private _qrCode: string | null = null;
  private _qrIndex = 0;
  private _qrTotal: number | null = null;
  private _expiresAt: number | null = null;
  private _connectedChannel: Channel | null = null;
  private _error: ApiError | null = null;
  private _notice: ApiError | null = null;
  /** Once scanned: when the backend should have reported the account linked (epoch ms). */
  private finishDeadline: number | null = null;
  private _byCode = false;

  /** Counts attempts; a late answer of an older attempt is ignored. */
  private run = 0;
  private services: InboxServices | undefined;
  private connected = false;
  private inFlight = false;
  private pollAgain = false;
  private failures = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setTimeout> | undefined;
  private room: TopicSubscription | undefined;
  private unsubscribeSocketState: (() => void) | undefined;
  private socketOpen = false;
  private joined = false;
  private lastFrameAt = 0;
  /** The room said `auth:true`: poll until the status confirms, whatever the socket does. */
  private confirming = false;
  /** The room sent an ambiguous frame or went quiet: poll until it sends a code again. */
  private socketDoubted = false;
  /** Identifies the status call in flight; a late answer of an abandoned call is ignored. */
  private pollSeq = 0;
  /** No status call before this time (epoch ms): a backoff or a `Retry-After` is running. */
  private notBefore = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: QrAttemptOptions,
  ) {
    this.calls = new CallScope(host);
    this.maxBackoffMs = options.maxBackoffMs ?? 20_000;
    this.socketSilenceMs = options.socketSilenceMs ?? 10_000;
    host.addController(this);
  }

  get phase(): QrAttemptPhase {
    return this._phase;
  }

  /** The channel of the current attempt. */
  get channel(): QrChannelType | undefined {
    return this._channel;
  }

  get accountId(): string | null {
    return this._accountId;
  }

  /** The attempt links by a pairing code typed on the phone (which never rotates), not by a QR code. */
  get byCode(): boolean {
    return this._byCode;
  }

  /** The code to show; kept (for a dimmed image) after a scan. */
  get qrCode(): string | null {
    return this._qrCode;
  }

  /** 1-based number of the current code. */
  get qrIndex(): number {
    return this._qrIndex;
  }

  /** How many codes the attempt shows, when known. */
  get qrTotal(): number | null {
    return this._qrTotal;
  }

  /** Whole seconds until the current code expires, or `null` when unknown. */
  get secondsLeft(): number | null {
    return this._expiresAt === null ? null : secondsUntil(this._expiresAt, Date.now());
  }

  get connectedChannel(): Channel | null {
    return this._connectedChannel;
  }

  /** The error that ended the attempt (phase `error`). */
  get error(): ApiError | null {
    return this._error;
  }

  /** A transient problem while the code stays valid; cleared by the next good answer. */
  get notice(): ApiError | null {
    return this._notice;
  }

  private get pollIntervalMs(): number {
    return this.options.pollIntervalMs?.() ?? 2500;
  }

  private get lifetimes(): QrCodeLifetimes {
    return this.options.codeLifetimes?.() ?? KNOWN_QR_LIFETIMES[this._channel!];
  }

  /**
   * Abandons whatever runs and asks the backend for a new attempt: a QR code, or what `open` asks for
   * (`byCode`: a pairing code). An `open` that answers no code follows an attempt started earlier (before
   * a page reload) from its status; a QR attempt whose status does not carry the code is then renewed.
   */
  async start(open?: AttemptOpener, byCode = open !== undefined): Promise<void> {
    this.halt();
    const services = this.options.services();
    const channel = this.options.channel();
    this.resetState();
    if (!services || !channel) {
      this.host.requestUpdate();
      return;
    }
    const run = ++this.run;
    this.services = services;
    this._channel = channel;
    this._byCode = byCode;
    this._phase = 'starting';
    this.host.requestUpdate();
    let answer;
    try {
      answer = open
        ? await open(this.calls.signal)
        : await services.backend.connectQr(channel, this.connectOptions()).then((start) => ({
            accountId: start.account_id,
            code: start.qr_code,
            expiresAt: null,
          }));
    } catch (error) {
      if (run !== this.run || isAbort(error)) return;
      this.fail(toApiError(error));
      return;
    }
    if (run !== this.run) return;
    this._accountId = answer.accountId;
    this._phase = 'waiting';
    if (answer.code) this.showCode(answer.code, 1, answer.expiresAt);
    else if (!byCode) this._expiresAt = Date.now();
    this.host.requestUpdate();
    this.ensureTicking();
    this.joinAuthRoom();
    // One status call at once learns what `connect` does not say: the code's expiry and the count.
    void this.poll();
  }

  /** Stops the attempt and forgets it (phase `idle`). */
  reset(): void {
    this.halt();
    this.run++;
    this.resetState();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.handleVisibilityChange);
    if (this._phase === 'starting') {
      // `connect` was aborted when the host left: start over once the host updates.
      this.run++;
      this._phase = 'idle';
      this.host.requestUpdate();
    } else if (ACTIVE_PHASES.has(this._phase)) {
      this.ensureTicking();
      this.joinAuthRoom();
      void this.poll();
    }
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    this.halt();
  }

  /** Stops timers, leaves the room and aborts the call in flight; keeps the visible state. */
  private halt(): void {
    this.clearPollTimer();
    this.clearTickTimer();
    this.leaveAuthRoom();
    this.calls.abortAll();
    this.pollSeq++;
    this.inFlight = false;
    this.pollAgain = false;
  }

  private connectOptions(): ChannelCallOptions {
    return { signal: this.calls.signal, id: this.options.relinkId?.() };
  }

  private resetState(): void {
    this._phase = 'idle';
    this._channel = undefined;
    this._accountId = null;
    this._qrCode = null;
    this._qrIndex = 0;
    this._qrTotal = null;
    this._expiresAt = null;
    this._connectedChannel = null;
    this._error = null;
    this._notice = null;
    this.finishDeadline = null;
    this._byCode = false;
    this.failures = 0;
    this.notBefore = 0;
    this.confirming = false;
    this.socketDoubted = false;
  }

  private notify(change: QrAttemptChange): void {
    this.host.requestUpdate();
    this.options.onChange?.(change);
  }

  // --- Codes -------------------------------------------------------------------------------------

  /**
   * Shows `code` unless it is the one already shown (a repeated socket frame or poll answer draws
   * and announces nothing). `index`/`expiresAt` come from the backend when it sends them.
   */
  private showCode(code: string, index: number | undefined, expiresAt: number | null): void {
    const lifetimes = this.lifetimes;
    if (this._qrTotal === null && lifetimes.count !== null) this._qrTotal = lifetimes.count;
    if (code === this._qrCode) {
      // The same code: at most the backend's numbers for it are news (no redraw, no announcement).
      if (
        (expiresAt !== null && expiresAt !== this._expiresAt) ||
        (index !== undefined && index !== this._qrIndex)
      ) {
        this._expiresAt = expiresAt ?? this._expiresAt;
        this._qrIndex = index ?? this._qrIndex;
        this.ensureTicking();
        this.host.requestUpdate();
      }
      return;
    }
    const first = this._qrCode === null && this._qrIndex === 0;
    this._qrCode = code;
    this._qrIndex = index ?? this._qrIndex + 1;
    this._expiresAt = expiresAt ?? Date.now() + codeLifetimeMs(lifetimes, this._qrIndex);
    this.ensureTicking();
    this.notify({ kind: 'code', first });
  }

  private markScanned(): void {
    if (this._phase !== 'waiting') return;
    this._phase = 'scanned';
    this._expiresAt = null;
    this.finishDeadline = Date.now() + (this.options.finishTimeoutMs?.() ?? 120_000);
    this.notify({ kind: 'scanned' });
  }

  /** Whether the attempt already ended: of two findings (two answers, a timer) only the first counts. */
  private get ended(): boolean {
    return ENDED_PHASES.has(this._phase);
  }

  private succeed(channel: Channel): void {
    if (this.ended) return;
    this.stopFollowing();
    this._phase = 'connected';
    this._connectedChannel = channel;
    this._expiresAt = null;
    this._notice = null;
    this.notify({ kind: 'connected', channel });
  }

  private expire(): void {
    if (this.ended) return;
    this.stopFollowing();
    this._phase = 'expired';
    this._qrCode = null;
    this._expiresAt = null;
    this._notice = null;
    this.notify({ kind: 'expired' });
  }

  private fail(error: ApiError): void {
    if (this.ended) return;
    this.stopFollowing();
    this._phase = 'error';
    this._error = error;
    this._expiresAt = null;
    this._notice = null;
    this.notify({ kind: 'error', error });
  }

  /** The attempt is over: no more polls, frames or ticks. */
  private stopFollowing(): void {
    this.clearPollTimer();
    this.clearTickTimer();
    this.leaveAuthRoom();
    this.pollAgain = false;
  }

  // --- Status polling ----------------------------------------------------------------------------

  private get following(): boolean {
    return this.connected && ACTIVE_PHASES.has(this._phase) && this._accountId !== null;
  }

  private get socketLive(): boolean {
    return this.room !== undefined && this.socketOpen && this.joined;
  }

  /** Whether timed polls should run now. */
  private get pollingWanted(): boolean {
    return (
      this.following &&
      document.visibilityState !== 'hidden' &&
      (!this.socketLive || this.confirming || this.socketDoubted)
    );
  }

  /** Polls now, or right after the call in flight (never two at once), or once a backoff ends. */
  private async poll(): Promise<void> {
    if (!this.following || document.visibilityState === 'hidden') return;
    if (this.inFlight) {
      this.pollAgain = true;
      return;
    }
    const wait = this.notBefore - Date.now();
    if (wait > 0) {
      this.schedulePoll(wait, { force: true });
      return;
    }
    this.clearPollTimer();
    const run = this.run;
    const seq = ++this.pollSeq;
    this.inFlight = true;
    let status: QrAttemptStatus;
    try {
      status = await this.services!.backend.getQrStatus(this._channel!, this._accountId!, {
        signal: this.calls.signal,
      });
    } catch (error) {
      if (seq !== this.pollSeq || isAbort(error)) return;
      this.inFlight = false;
      if (this.following) this.handlePollError(toApiError(error));
      return;
    }
    if (seq !== this.pollSeq) return;
    if (this.following) {
      this.failures = 0;
      if (this._notice) {
        this._notice = null;
        this.notify({ kind: 'recovered' });
      }
      // Still in flight while the answer is applied: applying it may call the backend again.
      await this.applyStatus(status, run);
      // A halt meanwhile (the host left, a new attempt) let go of this call already.
      if (seq !== this.pollSeq) return;
    }
    this.inFlight = false;
    if (run !== this.run || !this.following) return;
    if (this.pollAgain) {
      this.pollAgain = false;
      void this.poll();
    } else {
      this.schedulePoll(this.nextPollDelay());
    }
  }

  private async applyStatus(status: QrAttemptStatus, run: number): Promise<void> {
    if (status.completed) {
      const channel = await this.channelOf(status, run);
      if (channel && run === this.run) this.succeed(channel);
      return;
    }
    if (!status.in_progress) {
      this.expire();
      return;
    }
    if (this._byCode) {
      this.applyCodeStatus(status);
      return;
    }
    if (!('qr_code' in status)) {
      // A pending attempt names the phone only once it was scanned: never renew the code under it.
      if (status.username) {
        this.markScanned();
        return;
      }
      // The status never tells of a rotation (docs/providers.md#qr-attempt-status), so once the code outlived its
      // known lifetime only a new attempt gives the phone a code that works.
      if (this.codeOutlived) await this.renewCode(run);
      return;
    }
    // `in_progress` alone is also the waiting state; only an explicit `qr_code: null` means scanned.
    if (status.qr_code === null) {
      this.markScanned();
      return;
    }
    const expiresAt = status.qr_expires_at ? Date.parse(status.qr_expires_at) : NaN;
    if (typeof status.qr_total === 'number') this._qrTotal = status.qr_total;
    if (typeof status.qr_code === 'string') {
      // An answer about an older code than one the socket already showed is stale.
      if (typeof status.qr_index === 'number' && status.qr_index < this._qrIndex) return;
      if (this._phase === 'scanned' && status.qr_code !== this._qrCode) this._phase = 'waiting';
      this.showCode(status.qr_code, status.qr_index, Number.isNaN(expiresAt) ? null : expiresAt);
    }
  }

  /** A pairing code: entered once the status names the phone (or drops the code), else shown as it says. */
  private applyCodeStatus(status: QrAttemptStatus): void {
    if (status.username || status.pairing_code === null) {
      this.markScanned();
    } else if (typeof status.pairing_code === 'string' && this._phase === 'waiting') {
      const expiresAt = Date.parse(status.pairing_code_expires_at ?? '');
      this.showCode(status.pairing_code, 1, Number.isNaN(expiresAt) ? this._expiresAt : expiresAt);
    }
  }

  private get codeOutlived(): boolean {
    return this._phase === 'waiting' && this._expiresAt !== null && Date.now() >= this._expiresAt;
  }

  /**
   * Shows the first code of a new attempt in place of the outlived one (the backend abandons the old
   * attempt), or expires once the channel's codes are used up.
   */
  private async renewCode(run: number): Promise<void> {
    if (this._qrIndex >= (this._qrTotal ?? CODE_LIMIT_WHEN_UNCOUNTED)) {
      this.expire();
      return;
    }
    this.leaveAuthRoom();
    let answer: QrConnectStart;
    try {
      answer = await this.services!.backend.connectQr(this._channel!, this.connectOptions());
    } catch (error) {
      if (run !== this.run || isAbort(error)) return;
      const apiError = toApiError(error);
      // Transient: the code stays outlived, so a later poll tries again once the backoff ends.
      if (apiError.isTransient) this.backOff(apiError);
      else this.fail(apiError);
      return;
    }
    if (run !== this.run || !this.following) return;
    this._accountId = answer.account_id;
    this.showCode(answer.qr_code, this._qrIndex + 1, Date.now() + this.lifetimes.firstMs);
    this.joinAuthRoom();
  }

  /** The Channel a completed status describes; asks for it when the status has no id. */
  private async channelOf(status: QrAttemptStatus, run: number): Promise<Channel | null> {
    if (status.id !== null && status.id !== undefined) {
      return {
        id: status.id,
        type: status.type,
        username: status.username,
        is_connected: status.is_connected,
        sync_status: status.sync_status,
        last_synced_at: status.last_synced_at,
      };
    }
    try {
      return await this.services!.backend.getChannelStatus(this._channel!, { signal: this.calls.signal });
    } catch (error) {
      if (run === this.run && !isAbort(error)) this.fail(toApiError(error));
      return null;
    }
  }

  private handlePollError(error: ApiError): void {
    if (FATAL_POLL_ERRORS.has(error.kind) || !error.isTransient) {
      // No later poll can succeed (401/403), or the attempt is gone or makes no sense (404, 422, a
      // malformed answer): say so and offer a new code rather than spin.
      this.fail(error);
      return;
    }
    const delay = this.backOff(error);
    // A poll asked for meanwhile (a socket frame) waits for the backoff too.
    const again = this.pollAgain;
    this.pollAgain = false;
    this.schedulePoll(delay, { force: again });
  }

  /** Keeps the code up with a notice, and holds status calls back; returns the wait in ms. */
  private backOff(error: ApiError): number {
    this.failures++;
    const backoff = Math.min(this.pollIntervalMs * 2 ** (this.failures - 1), this.maxBackoffMs);
    const delay = Math.max(backoff, (error.retryAfterSeconds ?? 0) * 1000);
    this.notBefore = Date.now() + delay;
    const first = this._notice === null;
    this._notice = error;
    if (first) this.notify({ kind: 'notice', error });
    else this.host.requestUpdate();
    return delay;
  }

  /** The regular period, shortened to catch a rotation the backend announced (`qr_expires_at`). */
  private nextPollDelay(): number {
    if (this._phase !== 'waiting' || this._expiresAt === null) return this.pollIntervalMs;
    const untilRotation = this._expiresAt - Date.now() + 250;
    return untilRotation > 500 ? Math.min(this.pollIntervalMs, untilRotation) : this.pollIntervalMs;
  }

  /** Plans the next poll; `force` plans it even while a live socket makes timed polls unneeded. */
  private schedulePoll(delay: number, { force = false } = {}): void {
    this.clearPollTimer();
    if (!this.following || (!force && !this.pollingWanted)) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      if (force || this.pollingWanted) void this.poll();
    }, delay);
  }

  /** Polls again soon when polling is wanted and nothing is already planned. */
  private resumePolling(immediately: boolean): void {
    if (!this.pollingWanted) {
      this.clearPollTimer();
      return;
    }
    if (this.inFlight || this.pollTimer !== undefined) return;
    if (immediately) void this.poll();
    else this.schedulePoll(Math.max(this.pollIntervalMs, this.notBefore - Date.now()));
  }

  private clearPollTimer(): void {
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private readonly handleVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') {
      this.clearPollTimer();
    } else {
      this.resumePolling(true);
    }
  };

  // --- Countdown ---------------------------------------------------------------------------------

  /**
   * Re-renders the host at each whole second of the countdown; also watches a silent socket and a
   * scan that does not finish.
   */
  private ensureTicking(): void {
    if (this.tickTimer !== undefined || !this.following) return;
    const left = this._expiresAt === null ? 1000 : (this._expiresAt - Date.now()) % 1000;
    this.tickTimer = setTimeout(this.tick, left > 0 ? left : 1000);
  }

  private readonly tick = (): void => {
    this.tickTimer = undefined;
    if (!this.following) return;
    if (this._phase === 'scanned' && this.finishDeadline !== null && Date.now() >= this.finishDeadline) {
      this.fail(new QrFinishTimeoutError());
      return;
    }
    // A pairing code is not renewed by the backend: once it stops working, the attempt is over.
    if (this._byCode && this.codeOutlived) {
      this.expire();
      return;
    }
    if (this.socketLive && !this.socketDoubted && Date.now() - this.lastFrameAt > this.socketSilenceMs) {
      this.socketDoubted = true;
      this.resumePolling(true);
    }
    this.host.requestUpdate();
    this.ensureTicking();
  };

  private clearTickTimer(): void {
    if (this.tickTimer !== undefined) clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
  }

  // --- WhatsApp auth room ------------------------------------------------------------------------

  private joinAuthRoom(): void {
    const socket = this.services?.socket;
    if (!socket || this._channel !== 'whatsapp' || !this._accountId || this.room || !this.following) return;
    const run = this.run;
    this.joined = false;
    this.lastFrameAt = Date.now();
    this.unsubscribeSocketState = socket.state.subscribe((state) => {
      this.socketOpen = state === 'open';
      if (run === this.run) this.resumePolling(false);
    });
    this.room = socket.join(
      `room:v1:whats_app:auth:${this._accountId}`,
      {
        auth_state: (payload: unknown) => {
          if (run === this.run) this.handleAuthState(payload as WhatsAppAuthState);
        },
      },
      {
        onJoin: () => {
          if (run !== this.run) return;
          this.joined = true;
          this.lastFrameAt = Date.now();
          this.resumePolling(false);
        },
        onError: () => {
          if (run !== this.run) return;
          this.joined = false;
          this.resumePolling(false);
        },
      },
    );
  }

  private leaveAuthRoom(): void {
    this.unsubscribeSocketState?.();
    this.unsubscribeSocketState = undefined;
    this.room?.leave();
    this.room = undefined;
    this.joined = false;
    this.socketOpen = false;
  }

  private handleAuthState(frame: WhatsAppAuthState): void {
    if (!this.following) return;
    this.lastFrameAt = Date.now();
    if (frame.auth === true) {
      // Linked: the status call carries the Channel. Poll until it says completed.
      if (!this.confirming) {
        this.confirming = true;
        this.markScanned();
        void this.poll();
      }
      return;
    }
    if (frame.in_progress === true) {
      this.markScanned();
      return;
    }
    if (typeof frame.qr_code === 'string') {
      this.socketDoubted = false;
      // The room streams QR codes even while a pairing code is on screen.
      if (this._byCode) return;
      if (this._phase === 'scanned' && frame.qr_code !== this._qrCode) this._phase = 'waiting';
      if (this._phase === 'waiting') this.showCode(frame.qr_code, undefined, null);
      if (!this.pollingWanted) this.clearPollTimer();
      return;
    }
    if (frame.qr_code === null && !this.socketDoubted) {
      // The room's "creation error" (docs/providers.md#whatsapp-auth-room), also what it says once the codes run out: ask the
      // status (once; the stream repeats it), and trust polling until the room sends a code again.
      this.socketDoubted = true;
      void this.poll();
    }
  }
}
