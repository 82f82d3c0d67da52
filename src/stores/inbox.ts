import { atom, type ReadableAtom } from 'nanostores';
import type { Backend } from '../api/backend.js';
import type { Message } from '../api/types.js';
import type { InboxServices } from '../config/services.js';
import { LatestCall } from '../internal/latest-call.js';
import type { StatusReport } from '../realtime/inbox-frames.js';
import { EarlyReports, mergeMessages } from './message-merge.js';
import { Outbox } from './outbox.js';

/** The newest page is this long; older pages too. */
export const PAGE_SIZE = 50;
/** Catching up after a reconnect asks for this many at a time (the contract's maximum). */
const CATCH_UP_PAGE_SIZE = 100;
/** Opening at a message loads this many older and this many newer ones around it. */
const AROUND_PAGE_SIZE = 25;
/** How long after sending a message its receipts are still looked for on each catch-up. */
const RECEIPT_WAIT_MS = 60 * 60 * 1000;

export interface ThreadState {
  /** The server's messages of the conversation that are loaded, oldest first. */
  readonly messages: readonly Message[];
  /** Whether the newest page has been loaded. */
  readonly loaded: boolean;
  /** Whether older messages than the first loaded one exist. */
  readonly hasOlder: boolean;
  /**
   * Whether newer messages than the last loaded one exist: the thread was opened at a message (a search
   * hit) and the newest are not loaded yet, or the pages around that message are still on their way.
   * Live messages and catching up wait until the newest are loaded.
   */
  readonly hasNewer?: boolean;
}

/** Where catching up resumes: the newest message the server confirmed along with every earlier one. */
interface Cursor {
  id: string;
  seq: number | undefined;
}

/**
 * One conversation's history as far as it is loaded, shared by every element of the configuration.
 * Messages are kept once each whatever way they arrive (see `mergeMessages`).
 *
 * Catching up resumes from a cursor the server confirmed, never from the newest message held: a socket
 * frame or a send's answer can bring a newer message while an older one was lost on the way. Only a page
 * the server answered moves the cursor, or, when the backend numbers messages (`seq`), a message that
 * follows it without a gap; a message further ahead shows a gap, which a catch-up fills at once.
 *
 * Which stretch of the history is shown (the newest messages, or the messages around a search hit) is
 * "latest call wins": opening at a message or going back to the newest makes every page still on its
 * way for the stretch shown before stale, so a slow answer never puts the earlier stretch back.
 */
export class Thread {
  readonly state: ReadableAtom<ThreadState>;
  private readonly writable = atom<ThreadState>({ messages: [], loaded: false, hasOlder: false });
  private readonly early = new EarlyReports();
  private cursor: Cursor | undefined;
  /** Positions beyond the cursor's held from the socket or a send, by `seq`, waiting for the gap to fill. */
  private readonly ahead = new Map<number, Cursor>();
  /** The stretch of history shown: `openAround` and `resetToLatest` start one, the pages that extend it join it. */
  private readonly stretch = new LatestCall();
  private olderInFlight: { run: Promise<boolean>; current: () => boolean } | undefined;
  private catchUpInFlight: Promise<void> | undefined;
  private catchUpAgain = false;

  constructor(
    readonly conversationId: string,
    private readonly backend: Backend,
  ) {
    this.state = this.writable;
  }

  /** Adds or updates messages the socket or a send reported. */
  apply(messages: readonly Message[]): void {
    if (this.writable.get().hasNewer) {
      // Opened at an older message: only those held change; newer ones come when the reader gets there.
      const held = new Set(this.writable.get().messages.map((message) => message.id));
      this.merge(messages.filter((message) => held.has(message.id)));
      return;
    }
    this.merge(messages);
    if (this.followCursor(messages)) void this.catchUp().catch(() => undefined);
  }

  /** Receipts of messages; one of a message not held yet is kept until the message arrives. */
  applyStatuses(reports: readonly StatusReport[]): void {
    const byId = new Map(this.writable.get().messages.map((message) => [message.id, message]));
    const updates: Message[] = [];
    for (const report of reports) {
      const known = byId.get(report.id);
      if (known) updates.push({ ...known, status: report.status, error: report.error });
      else this.early.status(report.id, report.status, report.error);
    }
    this.merge(updates);
  }

  /** Newer copies of messages held; one not held is left for the fetch that brings it. */
  applyUpdates(messages: readonly Message[]): void {
    const held = new Set(this.writable.get().messages.map((message) => message.id));
    this.merge(messages.filter((message) => held.has(message.id)));
  }

  /** A deletion; one of a message not held yet is kept until the message arrives. */
  applyDeletion(id: string): void {
    const known = this.writable.get().messages.find((message) => message.id === id);
    if (known) this.merge([{ ...known, deleted: true, text: null, file: null }]);
    else this.early.deletion(id);
  }

  /**
   * Fetches what is new: the newest page the first time, then everything after the cursor, page by page,
   * so a dropped connection or a lost frame loses nothing. Concurrent calls share one run, which goes
   * round once more when asked again meanwhile.
   */
  catchUp(signal?: AbortSignal): Promise<void> {
    if (this.catchUpInFlight) {
      this.catchUpAgain = true;
      return this.catchUpInFlight;
    }
    this.catchUpInFlight = this.runCatchUps(signal).finally(() => {
      this.catchUpInFlight = undefined;
    });
    return this.catchUpInFlight;
  }

  /**
   * Shows the history around `target` (a search hit): the page older than it, it, and the page newer.
   * Nothing changes when it is already loaded. Until the newest message is loaded (`loadNewer`),
   * catching up waits. `false` when another stretch was asked for before the pages came: they are
   * dropped, or their failure.
   */
  async openAround(target: Message, signal?: AbortSignal): Promise<boolean> {
    const current = this.stretch.begin();
    const held = this.writable.get();
    if (held.loaded && held.messages.some((message) => message.id === target.id)) return true;
    // Nothing is shown until the pages come, and no catch-up adds the newest messages meanwhile.
    this.cursor = undefined;
    this.ahead.clear();
    this.writable.set({ messages: [], loaded: false, hasOlder: false, hasNewer: true });
    const side = { limit: AROUND_PAGE_SIZE, signal };
    const pages = await unlessStale(
      current,
      Promise.all([
        this.backend.listMessages(this.conversationId, { ...side, before: target.id }),
        this.backend.listMessages(this.conversationId, { ...side, after: target.id }),
      ]),
    );
    if (!pages) return false;
    const [older, newer] = pages;
    const around = [...older.items, target, ...newer.items];
    this.writable.set({
      messages: mergeMessages([], this.early.applyTo(around)),
      loaded: true,
      hasOlder: older.has_more,
      hasNewer: newer.has_more,
    });
    if (!newer.has_more) this.confirm(around);
    return true;
  }

  /**
   * Loads the page just newer than the newest loaded message, of a thread opened at an older one.
   * `false` when another stretch was asked for before the page came: it is dropped, or its failure.
   */
  async loadNewer(signal?: AbortSignal): Promise<boolean> {
    const current = this.stretch.join();
    const held = this.writable.get();
    const newest = held.messages.at(-1);
    if (!held.hasNewer || !newest) return true;
    const page = await unlessStale(
      current,
      this.backend.listMessages(this.conversationId, { after: newest.id, limit: PAGE_SIZE, signal }),
    );
    if (!page) return false;
    const latest = this.writable.get();
    const messages = mergeMessages(latest.messages, this.early.applyTo(page.items));
    this.writable.set({ ...latest, messages, hasNewer: page.has_more });
    if (!page.has_more) this.confirm(messages);
    return true;
  }

  /**
   * Back to the newest messages, which the next catch-up loads: a thread opened at an older message
   * forgets what it holds, and an opening at a message still on its way is dropped.
   */
  resetToLatest(): void {
    this.stretch.begin();
    if (!this.writable.get().hasNewer) return;
    this.cursor = undefined;
    this.ahead.clear();
    this.writable.set({ messages: [], loaded: false, hasOlder: false });
  }

  /**
   * Shows the newest messages (`resetToLatest`, then a catch-up); `false` when another stretch was asked
   * for before they came, whose failure is then dropped too.
   */
  async openLatest(signal?: AbortSignal): Promise<boolean> {
    this.resetToLatest();
    const current = this.stretch.join();
    const caughtUp = this.catchUp(signal).then(() => true);
    return (await unlessStale(current, caughtUp)) ?? false;
  }

  /** Loads the page just older than the oldest loaded message; `false` when another stretch was asked for meanwhile. */
  loadOlder(signal?: AbortSignal): Promise<boolean> {
    if (!this.olderInFlight?.current()) {
      const current = this.stretch.join();
      const run = this.runLoadOlder(current, signal).finally(() => {
        if (this.olderInFlight?.run === run) this.olderInFlight = undefined;
      });
      this.olderInFlight = { run, current };
    }
    return this.olderInFlight.run;
  }

  /** Messages merged in, with the receipts and deletions that came before them laid over. */
  private merge(reports: readonly Message[]): void {
    const current = this.writable.get();
    const merged = mergeMessages(current.messages, this.early.applyTo(reports));
    if (merged !== current.messages) this.writable.set({ ...current, messages: merged });
  }

  /** Moves the cursor along messages that follow it without a gap; true when one further ahead shows a gap. */
  private followCursor(messages: readonly Message[]): boolean {
    const cursorSeq = this.cursor?.seq;
    if (cursorSeq === undefined || !this.writable.get().loaded) return false;
    for (const message of messages) {
      if (message.seq !== undefined && message.seq > cursorSeq) {
        this.ahead.set(message.seq, { id: message.id, seq: message.seq });
      }
    }
    this.advanceThroughAhead();
    return this.ahead.size > 0;
  }

  private advanceThroughAhead(): void {
    for (;;) {
      const seq = this.cursor?.seq;
      if (seq === undefined) return;
      for (const held of this.ahead.keys()) if (held <= seq) this.ahead.delete(held);
      const next = this.ahead.get(seq + 1);
      if (!next) return;
      this.cursor = next;
    }
  }

  /** A page the server answered, ending at its newest message: what it holds is confirmed up to there. */
  private confirm(page: readonly Message[]): void {
    const last = page[page.length - 1];
    if (!last) return;
    const cursorSeq = this.cursor?.seq;
    if (cursorSeq !== undefined && last.seq !== undefined && last.seq <= cursorSeq) return;
    this.cursor = { id: last.id, seq: last.seq };
    this.advanceThroughAhead();
  }

  private async runCatchUps(signal: AbortSignal | undefined): Promise<void> {
    do {
      this.catchUpAgain = false;
      await this.runCatchUp(signal);
    } while (this.catchUpAgain && !signal?.aborted);
  }

  private async runCatchUp(signal: AbortSignal | undefined): Promise<void> {
    const current = this.stretch.join();
    const held = this.writable.get();
    if (held.hasNewer) return;
    if (!held.loaded || !this.cursor) {
      const page = await this.backend.listMessages(this.conversationId, { limit: PAGE_SIZE, signal });
      // Another stretch was asked for meanwhile: the page is dropped, and the catch-up runs again for it.
      if (!current()) {
        this.catchUpAgain = true;
        return;
      }
      const latest = this.writable.get();
      this.writable.set({
        messages: mergeMessages(latest.messages, this.early.applyTo(page.items)),
        loaded: true,
        hasOlder: latest.loaded ? latest.hasOlder : page.has_more,
      });
      this.cursor = undefined;
      this.confirm(page.items);
      // Messages the socket brought while the page was on its way may lie beyond a gap.
      if (this.followCursor(this.writable.get().messages)) this.catchUpAgain = true;
      return;
    }
    for (;;) {
      const page = await this.backend.listMessages(this.conversationId, {
        after: this.cursor.id,
        limit: CATCH_UP_PAGE_SIZE,
        signal,
      });
      if (!current()) {
        this.catchUpAgain = true;
        return;
      }
      this.merge(page.items);
      this.confirm(page.items);
      if (!page.has_more || page.items.length === 0) break;
    }
    await this.refreshReceipts(current, signal);
  }

  /**
   * Receipts of messages already loaded are not in `after=` pages: while outgoing messages of the last
   * hour may still move on (sent, delivered), the newest page is read again, so a `read` or `failed`
   * that came while the connection was down, or with no socket at all, is shown. Older ones are left:
   * `delivered` is final for contacts who turned read receipts off.
   */
  private async refreshReceipts(current: () => boolean, signal: AbortSignal | undefined): Promise<void> {
    const since = Date.now() - RECEIPT_WAIT_MS;
    const recent = this.writable.get().messages.slice(-PAGE_SIZE);
    const awaitingReceipts = recent.some(
      (message) =>
        message.direction === 'outgoing' &&
        (message.status === 'sent' || message.status === 'delivered') &&
        Date.parse(message.timestamp) > since,
    );
    if (!awaitingReceipts) return;
    const page = await this.backend.listMessages(this.conversationId, { limit: PAGE_SIZE, signal });
    if (!current()) return;
    this.merge(page.items);
    // The newest page reaches back past the cursor: everything up to its end is confirmed too.
    if (this.cursor && page.items.some((message) => message.id === this.cursor!.id)) this.confirm(page.items);
  }

  private async runLoadOlder(current: () => boolean, signal: AbortSignal | undefined): Promise<boolean> {
    const oldest = this.writable.get().messages[0];
    if (!oldest) {
      await this.catchUp(signal);
      return current();
    }
    const page = await unlessStale(
      current,
      this.backend.listMessages(this.conversationId, { before: oldest.id, limit: PAGE_SIZE, signal }),
    );
    if (!page) return false;
    const latest = this.writable.get();
    this.writable.set({
      ...latest,
      messages: mergeMessages(latest.messages, this.early.applyTo(page.items)),
      hasOlder: page.has_more,
    });
    return true;
  }
}

/** The conversation data of one configuration: loaded threads and unsent messages. */
export class Inbox {
  readonly outbox: Outbox;
  private readonly threads = new Map<string, Thread>();

  constructor(private readonly services: InboxServices) {
    this.outbox = new Outbox({
      backend: services.backend,
      storageKey: services.storageKey,
      onSent: (message) => this.applyMessages([message]),
    });
  }

  thread(conversationId: string): Thread {
    let thread = this.threads.get(conversationId);
    if (!thread) {
      thread = new Thread(conversationId, this.services.backend);
      this.threads.set(conversationId, thread);
    }
    return thread;
  }

  /** Messages from the socket or a send; threads not loaded yet learn them when they load. */
  applyMessages(messages: readonly Message[]): void {
    for (const [conversationId, group] of groupByConversation(messages)) {
      this.threads.get(conversationId)?.apply(group);
    }
  }

  applyStatuses(reports: readonly StatusReport[]): void {
    for (const [conversationId, group] of groupByConversation(reports)) {
      this.threads.get(conversationId)?.applyStatuses(group);
    }
  }

  applyDeletion(id: string, conversationId: string): void {
    this.threads.get(conversationId)?.applyDeletion(id);
  }

  /** Newer copies of messages (their reactions changed); threads take those they hold. */
  applyUpdates(messages: readonly Message[]): void {
    for (const [conversationId, group] of groupByConversation(messages)) {
      this.threads.get(conversationId)?.applyUpdates(group);
    }
  }

  /** The user signed out: unsent messages and loaded threads are forgotten, and nothing more is sent. */
  close(): void {
    this.outbox.close();
    this.threads.clear();
  }
}

/** What `answer` brings while `current()` holds; `undefined` once it does not, whether it came or failed. */
async function unlessStale<T>(current: () => boolean, answer: Promise<T>): Promise<T | undefined> {
  try {
    const value = await answer;
    return current() ? value : undefined;
  } catch (error) {
    if (current()) throw error;
    return undefined;
  }
}

function groupByConversation<T extends { conversation_id: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.conversation_id);
    if (group) group.push(item);
    else groups.set(item.conversation_id, [item]);
  }
  return groups;
}

const inboxes = new WeakMap<InboxServices, Inbox>();

/** Closes and forgets the conversation data of a configuration, if it has any. */
export function closeInbox(services: InboxServices): void {
  inboxes.get(services)?.close();
  inboxes.delete(services);
}

/** The conversation data of a configuration, made on first use so pages without conversations skip it. */
export function inboxFor(services: InboxServices): Inbox {
  let inbox = inboxes.get(services);
  if (!inbox) {
    inbox = new Inbox(services);
    inboxes.set(services, inbox);
  }
  return inbox;
}
