import { randomBytes } from 'node:crypto';
import { UpstreamSocket } from '../../realtime/phoenix-client.js';
import type { InstanceRecord } from './instances.js';

/** One `auth_state` of Chategy's WhatsApp room, as it came. */
export interface AuthState {
  auth: boolean;
  qr_code: string | null;
  in_progress?: boolean;
}

export type LoginState = 'waiting' | 'scanned' | 'linked' | 'failed';

const FIRST_CODE_TIMEOUT_MS = 20_000;

function isAuthState(value: unknown): value is AuthState {
  return (
    typeof value === 'object' && value !== null && typeof (value as { auth?: unknown }).auth === 'boolean'
  );
}

/**
 * One WhatsApp login through Chategy's `room:v1:whats_app:auth:{customer_id}`: the server holds the
 * upstream room (the instance token never reaches the browser) and keeps its latest state, which the
 * customer's own room and status polls read.
 */
export class WhatsappLogin {
  readonly accountId = `wa_${randomBytes(8).toString('hex')}`;
  latest: AuthState = { auth: false, qr_code: null };
  private readonly listeners = new Set<(state: AuthState) => void>();
  private readonly socket: UpstreamSocket;
  private ended = false;

  constructor(
    readonly customerId: string,
    readonly instance: InstanceRecord,
    socketUrl: string,
    private readonly onLinked: (login: WhatsappLogin) => void,
  ) {
    this.socket = new UpstreamSocket({
      url: socketUrl,
      token: instance.token,
      tokenIn: 'query',
      onClose: () => {
        if (!this.ended) this.finish({ auth: false, qr_code: null });
      },
    });
  }

  get state(): LoginState {
    if (this.latest.auth) return 'linked';
    if (this.latest.qr_code) return 'waiting';
    if (this.latest.in_progress) return 'scanned';
    return this.ended ? 'failed' : 'waiting';
  }

  get done(): boolean {
    return this.ended;
  }

  /** Joins the upstream room; resolves with the first code, or rejects when the container was not made. */
  async start(): Promise<string> {
    const first = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('No QR code came from Chategy in time')),
        FIRST_CODE_TIMEOUT_MS,
      );
      const unsubscribe = this.subscribe((state) => {
        if (state.qr_code || this.ended) {
          clearTimeout(timer);
          unsubscribe();
          if (state.qr_code) resolve(state.qr_code);
          else reject(new Error('Chategy could not start a WhatsApp login'));
        }
      });
    });
    const reply = await this.socket.join(
      `room:v1:whats_app:auth:${this.instance.customer_id}`,
      (event, payload) => {
        if (event === 'auth_state' && isAuthState(payload)) this.update(payload);
      },
    );
    if (reply.status !== 'ok') this.finish({ auth: false, qr_code: null });
    return first;
  }

  subscribe(listener: (state: AuthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops following the room (the caller interrupts the upstream login when it was cancelled). */
  stop(): void {
    if (!this.ended) this.finish({ auth: false, qr_code: null });
  }

  private update(state: AuthState): void {
    if (this.ended) return;
    // A creation error and the end of the codes look alike: no code and not in progress.
    const final = state.auth || (!state.qr_code && !state.in_progress);
    if (final) {
      this.finish(state);
      return;
    }
    this.latest = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  private finish(state: AuthState): void {
    this.ended = true;
    this.latest = state;
    this.socket.close();
    if (state.auth) this.onLinked(this);
    for (const listener of [...this.listeners]) listener(state);
  }
}
