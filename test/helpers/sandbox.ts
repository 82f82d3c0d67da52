import type { Channel } from '../../src/api/types.js';

export interface SandboxAttempt {
  account_id: string;
  type: string;
  state: 'waiting' | 'scanned' | 'completed' | 'failed';
  qr_code: string | null;
  qr_index: number;
  qr_total: number;
  qr_expires_at: string | null;
}

export interface SandboxState {
  channels: Channel[];
  attempts: SandboxAttempt[];
  scenario: Record<string, unknown>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  body?: unknown;
  time: string;
  /** HTTP status answered; `null` when the sandbox dropped the connection. */
  status: number | null;
}

/** A fresh sandbox world of its own (tenant), so tests never see each other. */
export class SandboxTenant {
  readonly apiKey = `test-${crypto.randomUUID()}`;
  readonly baseUrl = location.origin;
  readonly socketUrl = `${location.origin.replace(/^http/, 'ws')}/socket`;

  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`/__sandbox/${path}`, {
      method,
      headers: { 'X-Api-Key': this.apiKey, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status}`);
    if (response.status === 204) return undefined as T;
    const json = (await response.json()) as { data?: T };
    return (json.data ?? json) as T;
  }

  scenario(switches: Record<string, unknown>): Promise<unknown> {
    return this.control('POST', 'scenario', switches);
  }

  scan(accountId: string): Promise<unknown> {
    return this.control('POST', 'scan', { account_id: accountId });
  }

  state(): Promise<SandboxState> {
    return this.control('GET', 'state');
  }

  requests(): Promise<LoggedRequest[]> {
    return this.control('GET', 'requests');
  }

  addChannel(channel: Partial<Channel> & { type: Channel['type'] }): Promise<Channel> {
    return this.control('POST', 'channels', channel);
  }

  async mintToken(ttlSeconds = 60): Promise<string> {
    const response = await fetch('/__sandbox/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenant: this.apiKey, ttl_seconds: ttlSeconds }),
    });
    const json = (await response.json()) as { data: { token: string } };
    return json.data.token;
  }

  /** The pending attempt of a channel type, once the element has started one. */
  async attempt(type: string): Promise<SandboxAttempt | undefined> {
    const { attempts } = await this.state();
    return attempts.filter((attempt) => attempt.type === type).at(-1);
  }
}

/** Fast timings so QR flows finish in a test's time. */
export const fastTimings = {
  whatsappFirstQrMs: 3000,
  whatsappNextQrMs: 2000,
  whatsappQrCount: 3,
  telegramQrMs: 2000,
  telegramQrCount: 3,
  scanToCompleteMs: 300,
  connectingToOkMs: 300,
  authStateIntervalMs: 100,
  resendCooldownMs: 1000,
};
