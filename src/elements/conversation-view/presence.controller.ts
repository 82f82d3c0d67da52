import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PresenceReport } from '../../realtime/inbox-frames.js';

/** The longest one `typing` frame shows its contact writing. */
const MAX_TYPING_MS = 30_000;

/** Whether a conversation's contact is online, and when they were last seen when not. */
export interface ContactPresence {
  online: boolean;
  lastSeen: number | null;
}

/**
 * Who is writing and who is online, from the `typing` and `presence` frames of backends that report
 * them (docs/asyncapi.yaml). A backend that never sends them leaves both empty, and nothing is shown.
 */
export class PresenceController implements ReactiveController {
  private readonly typingUntil = new Map<string, number>();
  private readonly presence = new Map<string, ContactPresence>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.typingUntil.clear();
  }

  /** Forgets who was writing and who was online: the services changed (another user, another backend). */
  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.typingUntil.clear();
    this.presence.clear();
    this.host.requestUpdate();
  }

  isTyping(conversationId: string | null | undefined): boolean {
    if (!conversationId) return false;
    return (this.typingUntil.get(conversationId) ?? 0) > Date.now();
  }

  presenceOf(conversationId: string | null | undefined): ContactPresence | undefined {
    return conversationId ? this.presence.get(conversationId) : undefined;
  }

  typing(conversationId: string, until: number): void {
    const now = Date.now();
    if (until <= now) this.typingUntil.delete(conversationId);
    // A far-off `until` (a wrong clock, a bad frame) would show typing for ever, and overflow the timer.
    else this.typingUntil.set(conversationId, Math.min(until, now + MAX_TYPING_MS));
    this.scheduleExpiry();
    this.host.requestUpdate();
  }

  /** A message from the contact ends their typing. */
  messageFrom(conversationId: string): void {
    if (this.typingUntil.delete(conversationId)) this.host.requestUpdate();
  }

  report(report: PresenceReport): void {
    this.presence.set(report.conversation_id, { online: report.online, lastSeen: report.lastSeen });
    this.host.requestUpdate();
  }

  /** Wakes once when the soonest typing ends, to take it away. */
  private scheduleExpiry(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    for (const [id, until] of this.typingUntil) if (until <= now) this.typingUntil.delete(id);
    if (this.typingUntil.size === 0) return;
    const soonest = Math.min(...this.typingUntil.values());
    this.timer = setTimeout(() => {
      this.scheduleExpiry();
      this.host.requestUpdate();
    }, soonest - now);
  }
}
