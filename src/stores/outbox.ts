import { clear, createStore, del, set, values, type UseStore } from 'idb-keyval';
import { atom, map, type MapStore, type ReadableAtom } from 'nanostores';
import type { Backend } from '../api/backend.js';
import { toApiError, type ApiError } from '../api/errors.js';
import type { Message } from '../api/types.js';

/** A message written here that the server has not confirmed yet. */
export interface OutboxEntry {
  /** Which configuration it belongs to (`InboxServices.storageKey`). */
  scope: string;
  conversation_id: string;
  /** Made here with `crypto.randomUUID()`; the server deduplicates on it, so resending is safe. */
  external_id: string;
  created_at: string;
  text?: string;
  reply_to_message_id?: string;
  file?: { blob: Blob; name: string; mime_type: string; size: number; caption?: string };
  /** Why the server refused it; set until the user retries or discards it. */
  failure?: { kind: ApiError['kind']; status?: number; message?: string };
}

/**
 * Why the first unsent message waits to go again: a network failure, a timeout, a 429 or a 5xx. It goes
 * again by itself after a pause (no shorter than the server's `Retry-After`) or when the browser is back
 * online, and at once on `retry()`.
 */
export interface OutboxHoldUp {
  external_id: string;
  kind: ApiError['kind'];
  /** HTTP status, when the server answered. */
  status?: number;
  retryAfterSeconds?: number;
}

/** What happened to a message on its way out. */
export type OutboxEvent = { type: 'sent'; message: Message } | { type: 'failed'; entry: OutboxEntry };

export interface OutboxOptions {
  backend: Backend;
  /** `undefined` keeps unsent messages in memory only (a host-supplied backend). */
  storageKey: string | undefined;
  /** The server's copy of a message that went out. */
  onSent(message: Message): void;
}

const MIN_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

let database: UseStore | undefined;
function outboxDatabase(): UseStore {
  database ??= createStore('inbox-elements', 'outbox');
  return database;
}

function recordKey(entry: OutboxEntry): string {
  return `${entry.scope}|${entry.external_id}`;
}

/** Removes every unsent message kept on this browser, whoever wrote it. */
export async function clearStoredOutboxes(): Promise<void> {
  try {
    await clear(outboxDatabase());
  } catch {
    // IndexedDB unavailable: nothing was kept there.
  }
}

/**
 * Messages on their way out, one configuration's. They are kept in IndexedDB until the server confirms
 * them, so a reload loses nothing, and go out one at a time in the order they were written. A message
 * that meets a network failure, a timeout, a 429 or a 5xx waits and goes again (same `external_id`)
 * when the browser is back online or after a growing pause; one the server refuses is kept with the
 * reason until the user retries or discards it, and the ones after it go on.
 */
export class Outbox {
  /** Unsent messages by `external_id`, oldest first. */
  readonly entries: ReadableAtom<readonly OutboxEntry[]>;
  /** Upload progress (0–1) of files being sent, by `external_id`. */
  readonly progress: MapStore<Record<string, number>>;
  /** Why the messages wait for the network or the server to come back, or `null` while nothing holds them up. */
  readonly holdUp: ReadableAtom<OutboxHoldUp | null>;

  private readonly writableEntries = atom<readonly OutboxEntry[]>([]);
  private readonly writableHoldUp = atom<OutboxHoldUp | null>(null);
  private readonly scope: string;
  private users = 0;
  private loaded: Promise<void> | undefined;
  private sending = false;
  /** Closed by a sign-out: nothing is sent, kept or loaded any more. */
  private closed = false;
  private inFlight: AbortController | undefined;
  /** The `external_id` being sent. */
  private current: string | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = MIN_RETRY_MS;
  private readonly listeners = new Set<(event: OutboxEvent) => void>();

  constructor(private readonly options: OutboxOptions) {
    this.entries = this.writableEntries;
    this.progress = map({});
    this.holdUp = this.writableHoldUp;
    this.scope = options.storageKey ?? 'memory';
  }

  /** An element starts using the outbox; the returned function stops. Sending only runs while in use. */
  use(): () => void {
    this.users++;
    if (this.users === 1) {
      window.addEventListener('online', this.handleOnline);
      this.loaded ??= this.load();
      void this.loaded.then(() => this.kick());
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      if (this.users === 0) this.pause();
    };
  }

  /** Calls `listener` when a message is sent or refused; returns the unsubscribe function. */
  listen(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(event: OutboxEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Queues a message and starts sending it; resolves once it is stored. */
  async add(entry: Omit<OutboxEntry, 'scope'>): Promise<void> {
    if (this.closed) return;
    const stored: OutboxEntry = { ...entry, scope: this.scope };
    this.writableEntries.set([...this.writableEntries.get(), stored]);
    await this.persist(stored);
    this.kick();
  }

  retry(externalId: string): void {
    this.replace(externalId, (entry) => ({ ...entry, failure: undefined }));
    this.retryDelay = MIN_RETRY_MS;
    this.kick();
  }

  discard(externalId: string): void {
    const entry = this.find(externalId);
    if (!entry) return;
    if (this.sending && this.current === externalId) this.inFlight?.abort();
    this.writableEntries.set(this.writableEntries.get().filter((item) => item !== entry));
    if (this.writableHoldUp.get()?.external_id === externalId) this.writableHoldUp.set(null);
    this.progress.setKey(externalId, undefined);
    void this.forget(entry);
  }

  /**
   * Stops for good and forgets every unsent message held in memory (the user signed out); what is
   * stored is removed by `clearStoredOutboxes()`.
   */
  close(): void {
    this.closed = true;
    this.pause();
    this.writableEntries.set([]);
    this.progress.set({});
    this.writableHoldUp.set(null);
  }

  private find(externalId: string): OutboxEntry | undefined {
    return this.writableEntries.get().find((entry) => entry.external_id === externalId);
  }

  private replace(externalId: string, change: (entry: OutboxEntry) => OutboxEntry): void {
    const next = this.writableEntries
      .get()
      .map((entry) => (entry.external_id === externalId ? change(entry) : entry));
    this.writableEntries.set(next);
    const updated = next.find((entry) => entry.external_id === externalId);
    if (updated) void this.persist(updated);
  }

  private async load(): Promise<void> {
    if (this.options.storageKey === undefined || this.closed) return;
    let stored: OutboxEntry[] = [];
    try {
      stored = (await values<OutboxEntry>(outboxDatabase())).filter((entry) => entry.scope === this.scope);
    } catch {
      // IndexedDB unavailable (private mode, blocked): messages are kept for this page only.
    }
    const known = new Set(this.writableEntries.get().map((entry) => entry.external_id));
    const restored = stored.filter((entry) => !known.has(entry.external_id));
    restored.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    this.writableEntries.set([...restored, ...this.writableEntries.get()]);
  }

  private async persist(entry: OutboxEntry): Promise<void> {
    if (this.options.storageKey === undefined || this.closed) return;
    try {
      await set(recordKey(entry), entry, outboxDatabase());
    } catch {
      // Not kept across a reload, but still sent from this page.
    }
  }

  private async forget(entry: OutboxEntry): Promise<void> {
    if (this.options.storageKey === undefined) return;
    try {
      await del(recordKey(entry), outboxDatabase());
    } catch {
      // A leftover record is resent with its external_id, which the server deduplicates.
    }
  }

  private pause(): void {
    window.removeEventListener('online', this.handleOnline);
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.inFlight?.abort();
  }

  private readonly handleOnline = (): void => {
    this.retryDelay = MIN_RETRY_MS;
    this.kick();
  };

  private kick(): void {
    if (this.users === 0 || this.sending || this.closed) return;
    if (this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      for (;;) {
        if (this.users === 0 || this.closed) return;
        const next = this.writableEntries.get().find((entry) => !entry.failure);
        if (!next) {
          this.writableHoldUp.set(null);
          return;
        }
        const holdUp = await this.sendOne(next);
        if (holdUp) {
          this.writableHoldUp.set(holdUp);
          this.scheduleRetry(holdUp.retryAfterSeconds);
          return;
        }
        this.writableHoldUp.set(null);
      }
    } finally {
      this.sending = false;
      this.current = undefined;
    }
  }

  private scheduleRetry(retryAfterSeconds: number | undefined): void {
    if (this.users === 0) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.kick();
      },
      Math.max(this.retryDelay, (retryAfterSeconds ?? 0) * 1000),
    );
    this.retryDelay = Math.min(MAX_RETRY_MS, this.retryDelay * 2);
  }

  /** Sends one message; resolves with why it must wait to go again, or `null` when it is done with. */
  private async sendOne(entry: OutboxEntry): Promise<OutboxHoldUp | null> {
    const controller = new AbortController();
    this.inFlight = controller;
    this.current = entry.external_id;
    try {
      const message = entry.file
        ? await this.options.backend.sendFile(
            entry.conversation_id,
            {
              file: entry.file.blob,
              file_name: entry.file.name,
              external_id: entry.external_id,
              ...(entry.file.caption ? { caption: entry.file.caption } : {}),
              ...(entry.reply_to_message_id ? { reply_to_message_id: entry.reply_to_message_id } : {}),
            },
            {
              signal: controller.signal,
              onProgress: (fraction) => this.progress.setKey(entry.external_id, fraction),
            },
          )
        : await this.options.backend.sendMessage(
            entry.conversation_id,
            {
              text: entry.text ?? '',
              external_id: entry.external_id,
              ...(entry.reply_to_message_id ? { reply_to_message_id: entry.reply_to_message_id } : {}),
            },
            { signal: controller.signal },
          );
      this.retryDelay = MIN_RETRY_MS;
      this.writableEntries.set(
        this.writableEntries.get().filter((item) => item.external_id !== entry.external_id),
      );
      this.progress.setKey(entry.external_id, undefined);
      void this.forget(entry);
      this.options.onSent(message);
      this.notify({ type: 'sent', message });
      return null;
    } catch (thrown) {
      const error = toApiError(thrown);
      this.progress.setKey(entry.external_id, undefined);
      // Discarded while in flight, or the last element left (the entry stays for next time).
      if (error.kind === 'aborted') return null;
      if (error.isTransient) {
        const holdUp: OutboxHoldUp = { external_id: entry.external_id, kind: error.kind };
        if (error.status !== undefined) holdUp.status = error.status;
        if (error.retryAfterSeconds !== undefined) holdUp.retryAfterSeconds = error.retryAfterSeconds;
        return holdUp;
      }
      const failure: OutboxEntry['failure'] = { kind: error.kind };
      if (error.status !== undefined) failure.status = error.status;
      const reason = error.serverMessage ?? Object.values(error.fieldErrors).flat()[0];
      if (reason !== undefined) failure.message = reason;
      this.replace(entry.external_id, (item) => ({ ...item, failure }));
      this.notify({ type: 'failed', entry: { ...entry, failure } });
      return null;
    } finally {
      this.inFlight = undefined;
    }
  }
}
