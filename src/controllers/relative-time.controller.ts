import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { relativeTimeFormat } from '../internal/intl-cache.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Largest unit first: the unit used is the first whose size the age reaches. */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
];

/** Never wait longer than this between re-renders, so a sleeping laptop catches up soon after waking. */
const MAX_WAIT_MS = MINUTE;

export interface RelativeTime {
  /** E.g. "5 minutes ago", "now", "vor 5 Minuten". */
  text: string;
  /** Milliseconds until `text` changes. */
  changesInMs: number;
}

/** `date` relative to `now` in `locale`; a time in the future (a skewed clock) reads as now. */
export function relativeTime(date: number, now: number, locale: string): RelativeTime {
  const age = Math.max(0, now - date);
  const format = relativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (age >= size || unit === 'second') {
      const count = Math.floor(age / size);
      return { text: format.format(-count, unit), changesInMs: (count + 1) * size - age };
    }
  }
  /* c8 ignore next */
  return { text: format.format(0, 'second'), changesInMs: SECOND };
}

/**
 * Formats times relative to now for its host and re-renders the host when a shown text would change:
 * every second for times under a minute old, then at the next minute, hour, … (at most a minute apart).
 * The timer runs only while the host is on the page.
 */
export class RelativeTimeController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;
  /** The soonest change among the texts handed out during the current render. */
  private soonest = Infinity;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The text for an ISO time in `locale`, or `undefined` when it is not a valid time. */
  format(iso: string, locale: string): string | undefined {
    const date = Date.parse(iso);
    if (Number.isNaN(date)) return undefined;
    const { text, changesInMs } = relativeTime(date, Date.now(), locale);
    this.soonest = Math.min(this.soonest, changesInMs);
    return text;
  }

  hostConnected(): void {
    this.connected = true;
    // Time went on while detached.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.clear();
  }

  hostUpdate(): void {
    this.soonest = Infinity;
  }

  hostUpdated(): void {
    this.clear();
    if (!this.connected || this.soonest === Infinity) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.host.requestUpdate();
      },
      Math.min(this.soonest, MAX_WAIT_MS) + 20,
    );
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
