/** What kind of record an answer or a socket frame carried that could not be used. */
export type SkippedKind = 'channel' | 'conversation' | 'message' | 'frame';

/** A record left out because it did not have the contract's shape; the rest of its answer is kept. */
export interface SkippedRecord {
  kind: SkippedKind;
  /** The record's id, when it had a readable one. */
  id?: string;
  /** What was wrong, naming the field. */
  reason: string;
}

/** Told of each record that is left out. */
export type SkipReporter = (record: SkippedRecord) => void;

const reportersBySignal = new WeakMap<AbortSignal, SkipReporter>();

/**
 * Routes the records skipped in the answers of calls made with `signal` to `reporter`: the signal says
 * which element asked, so the element can tell its host without each call site passing a callback.
 */
export function reportSkippedRecordsOf(signal: AbortSignal, reporter: SkipReporter): void {
  reportersBySignal.set(signal, reporter);
}

/** Only the console hears of records skipped by calls that no element made. */
export function warnSkippedRecord(record: SkippedRecord): void {
  console.warn(
    `inbox-elements: skipped a ${record.kind}${record.id ? ` (${record.id})` : ''}: ${record.reason}`,
  );
}

const signedOutListenersBySignal = new WeakMap<AbortSignal, () => void>();

/** Tells `listener` when a call made with `signal` finds the session over (a fresh token refused too). */
export function reportSignedOutOf(signal: AbortSignal, listener: () => void): void {
  signedOutListenersBySignal.set(signal, listener);
}

/** Whoever hears that the session ended during a call made with `signal`; the console when no element made it. */
export function signedOutReporterFor(signal: AbortSignal | undefined): () => void {
  return (
    (signal && signedOutListenersBySignal.get(signal)) ??
    (() => console.warn('inbox-elements: signed out: the server refused a freshly fetched token.'))
  );
}

/** Whoever hears of the records skipped in the answer of a call made with `signal`. */
export function skipReporterFor(signal: AbortSignal | undefined): SkipReporter {
  return (signal && reportersBySignal.get(signal)) ?? warnSkippedRecord;
}

/** `AbortSignal.any(signals)`, reporting to whoever the first of `signals` that has a reporter reports to. */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  const combined = AbortSignal.any(signals);
  const reporter = signals.map((signal) => reportersBySignal.get(signal)).find(Boolean);
  const signedOut = signals.map((signal) => signedOutListenersBySignal.get(signal)).find(Boolean);
  if (reporter) reportersBySignal.set(combined, reporter);
  if (signedOut) signedOutListenersBySignal.set(combined, signedOut);
  return combined;
}

let frameReporter: SkipReporter = warnSkippedRecord;

/**
 * Runs a socket frame's handler with `reporter` told of the records its frame readers leave out: a frame
 * is read synchronously in its handler, so the reporter of the subscription that received it is known.
 */
export function readingFrameFor(reporter: SkipReporter, handle: () => void): void {
  const previous = frameReporter;
  frameReporter = reporter;
  try {
    handle();
  } finally {
    frameReporter = previous;
  }
}

/** Whoever hears of the records left out of the socket frame being handled now. */
export function frameSkipReporter(): SkipReporter {
  return frameReporter;
}

const reportersByHost = new WeakMap<object, SkipReporter>();

/**
 * The reporter of one element, the same for all its calls and frames: each distinct record once, as a
 * console warning and an `inbox-data-skipped` event from `host` (when it is an element).
 */
export function elementSkipReporter(host: object): SkipReporter {
  const existing = reportersByHost.get(host);
  if (existing) return existing;
  const reported = new Set<string>();
  const reporter: SkipReporter = (record) => {
    const key = JSON.stringify([record.kind, record.id, record.reason]);
    if (reported.has(key)) return;
    reported.add(key);
    warnSkippedRecord(record);
    if (host instanceof EventTarget) {
      host.dispatchEvent(
        new CustomEvent('inbox-data-skipped', { bubbles: true, composed: true, detail: record }),
      );
    }
  };
  reportersByHost.set(host, reporter);
  return reporter;
}
