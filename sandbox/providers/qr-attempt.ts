import { isoTime, type QrChannelType } from '../channel.js';

export type AttemptState = 'waiting' | 'scanned' | 'completed' | 'failed';

/** When the codes of one attempt rotate. */
export interface QrSchedule {
  firstMs: number;
  nextMs: number;
  count: number;
}

/** How an attempt looks at one moment; also the `__sandbox/state` entry. */
export interface AttemptSnapshot {
  account_id: string;
  type: QrChannelType;
  state: AttemptState;
  qr_code: string | null;
  qr_index: number;
  qr_total: number;
  qr_expires_at: string | null;
  /** The phone that scanned, once one did. */
  username: string | null;
  /** Linking by phone number: the code while it can be entered. */
  pairing_code: string | null;
  pairing_code_expires_at: string | null;
}

/** The attempt is linked by phone number: the code WhatsApp showed for that phone, until it expires. */
export interface Pairing {
  code: string;
  phone: string;
  expiresAt: number;
}

interface Scan {
  at: number;
  index: number;
  username: string;
}

/**
 * One QR linking attempt (WhatsApp or Telegram). Which code is current, and whether the attempt
 * ran out of codes, is computed from the start time and the schedule, so no timer drives rotation.
 */
export class QrAttempt {
  /** Codes in the order they were shown; made when first asked for. */
  private readonly codes: string[] = [];
  private scan: Scan | null = null;
  private abandonedAt: number | null = null;
  /** The channel the attempt created once linking finished. */
  channelId: number | null = null;
  /** The linked channel this attempt links again in place, if any. */
  relinkId: number | null = null;
  /** Set once the attempt is linked by phone number instead: the attempt then ends with the code. */
  pairing: Pairing | null = null;

  constructor(
    readonly accountId: string,
    readonly type: QrChannelType,
    readonly startedAt: number,
    private readonly schedule: QrSchedule,
    private readonly scanToCompleteMs: number,
    private readonly makeCode: () => string,
  ) {}

  /** When the last code expires, unless scanned or abandoned first. */
  get endsAt(): number {
    if (this.pairing) return this.pairing.expiresAt;
    return this.startedAt + this.schedule.firstMs + (this.schedule.count - 1) * this.schedule.nextMs;
  }

  /** When the scanned phone finishes linking. */
  get completesAt(): number | null {
    return this.scan && this.abandonedAt === null ? this.scan.at + this.scanToCompleteMs : null;
  }

  get scannedUsername(): string | null {
    return this.scan?.username ?? null;
  }

  state(now: number): AttemptState {
    if (this.channelId !== null) return 'completed';
    if (this.abandonedAt !== null) return 'failed';
    if (this.scan) return 'scanned';
    return now >= this.endsAt ? 'failed' : 'waiting';
  }

  /** 1-based number of the code shown at `time`, capped at the last code. */
  private indexAt(time: number): number {
    const elapsed = time - this.startedAt;
    if (elapsed < this.schedule.firstMs || this.schedule.nextMs === 0) return 1;
    const index = 2 + Math.floor((elapsed - this.schedule.firstMs) / this.schedule.nextMs);
    return Math.min(index, this.schedule.count);
  }

  private codeAt(index: number): string {
    while (this.codes.length < index) this.codes.push(this.makeCode());
    return this.codes[index - 1];
  }

  private expiryOf(index: number): number {
    return this.startedAt + this.schedule.firstMs + (index - 1) * this.schedule.nextMs;
  }

  /** The code to show right now; only while waiting for a scan. */
  currentCode(now: number): string | null {
    return this.state(now) === 'waiting' ? this.codeAt(this.indexAt(now)) : null;
  }

  markScanned(now: number, username: string): void {
    this.scan = { at: now, index: this.indexAt(now), username };
  }

  abandon(now: number): void {
    this.abandonedAt = now;
  }

  snapshot(now: number): AttemptSnapshot {
    const state = this.state(now);
    const shownIndex = this.scan?.index ?? this.indexAt(Math.min(now, this.abandonedAt ?? now));
    const waiting = state === 'waiting';
    return {
      account_id: this.accountId,
      type: this.type,
      state,
      qr_code: waiting ? this.codeAt(shownIndex) : null,
      qr_index: shownIndex,
      qr_total: this.schedule.count,
      qr_expires_at: waiting ? isoTime(this.expiryOf(shownIndex)) : null,
      username: this.scannedUsername,
      pairing_code: waiting && this.pairing ? this.pairing.code : null,
      pairing_code_expires_at: waiting && this.pairing ? isoTime(this.pairing.expiresAt) : null,
    };
  }
}
