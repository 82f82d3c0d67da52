import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Message } from '../../api/types.js';

/** New messages are announced at most this often, so a burst is one announcement, not a flood. */
const ANNOUNCE_DELAY_MS = 1_000;

/** Collects the messages that arrive in the open thread and says "3 new messages from Nora" once. */
export class NewMessagesAnnouncement implements ReactiveController {
  private pending: { count: number; name: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly announce: (count: number, name: string) => void,
  ) {
    host.addController(this);
  }

  /** A message from `name` arrived; the newest sender names the announcement. */
  add(name: string): void {
    this.pending = { count: (this.pending?.count ?? 0) + 1, name };
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const pending = this.pending;
      this.pending = null;
      if (pending) this.announce(pending.count, pending.name);
    }, ANNOUNCE_DELAY_MS);
  }

  /** Forgets what was not said yet: the thread it was about is gone. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
  }

  hostDisconnected(): void {
    this.cancel();
  }
}

/**
 * The newest outgoing message that a receipt (from the socket or a catch-up) reports as not delivered
 * between two states of a thread. A failed message on an older page the user scrolls to is old news:
 * only changes and new arrivals count.
 */
export function newlyFailed(before: readonly Message[], after: readonly Message[]): Message | undefined {
  const statusBefore = new Map(before.map((message) => [message.id, message.status]));
  const newest = before[before.length - 1];
  const newestBefore = newest ? Date.parse(newest.timestamp) : -Infinity;
  return after.findLast(
    (message) =>
      message.direction === 'outgoing' &&
      message.status === 'failed' &&
      (statusBefore.has(message.id)
        ? statusBefore.get(message.id) !== 'failed'
        : Date.parse(message.timestamp) > newestBefore),
  );
}
