import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Backend } from '../api/backend.js';

/** The shortest time between two rounds of calls that mark conversations read. */
const READ_CALL_INTERVAL_MS = 1000;

/**
 * Tells the backend which conversations were read up to which message: at once, then at most once a
 * second while more is read, so a burst seen live is a few calls, not one a message. Each pending read
 * keeps the backend it belongs to, and what is pending when the host leaves the page goes out then, so
 * nothing the user saw is lost.
 */
export class ReadMarkerController implements ReactiveController {
  private readonly pending = new Map<string, { messageId: string; backend: Backend }>();
  /** The newest message each conversation was marked read up to, by calls sent. */
  private readonly sent = new Map<string, string>();
  /** Conversations whose last call failed: still unread on the backend, whatever the list shows. */
  private readonly failed = new Set<string>();
  private pause: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Whether the conversation is marked read up to `messageId`, or will be in the next round. */
  isMarked(conversationId: string, messageId: string): boolean {
    return (
      this.pending.get(conversationId)?.messageId === messageId ||
      (this.sent.get(conversationId) === messageId && !this.failed.has(conversationId))
    );
  }

  /** Whether the last call for the conversation failed, so it still needs marking. */
  hasFailed(conversationId: string): boolean {
    return this.failed.has(conversationId);
  }

  mark(conversationId: string, messageId: string, backend: Backend): void {
    this.pending.set(conversationId, { messageId, backend });
    if (this.pause === undefined) this.sendPending();
  }

  hostDisconnected(): void {
    clearTimeout(this.pause);
    this.pause = undefined;
    this.sendPending({ thenPause: false });
  }

  private sendPending({ thenPause = true } = {}): void {
    const reads = [...this.pending];
    this.pending.clear();
    for (const [conversationId, { messageId, backend }] of reads) {
      this.sent.set(conversationId, messageId);
      backend.markRead(conversationId, messageId).then(
        () => {
          if (this.sent.get(conversationId) === messageId) this.failed.delete(conversationId);
        },
        () => {
          if (this.sent.get(conversationId) === messageId) this.failed.add(conversationId);
        },
      );
    }
    if (thenPause && reads.length > 0) {
      this.pause = setTimeout(() => {
        this.pause = undefined;
        this.sendPending();
      }, READ_CALL_INTERVAL_MS);
    }
  }
}
