import type { Message, MessageStatus } from '../api/types.js';

/** How far an outgoing message got; a later answer never moves it back. */
const STATUS_RANK: Record<MessageStatus, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
  failed: 5,
};

/** The status that wins when two reports of one message disagree: the one further along. */
export function laterStatus(a: MessageStatus | null, b: MessageStatus | null): MessageStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return STATUS_RANK[b] >= STATUS_RANK[a] ? b : a;
}

/** Two reports of one message merged: the newer fields, but never an earlier status or an undeletion. */
function combine(known: Message, report: Message): Message {
  const status = laterStatus(known.status, report.status);
  const merged: Message = {
    ...report,
    status,
    error: status === 'failed' ? (report.error ?? known.error) : null,
  };
  if (known.deleted) return { ...merged, deleted: true, text: null, file: null };
  return merged;
}

/** The server's order: by `seq` where the backend numbers messages, else by time, then id. */
function compareMessages(a: Message, b: Message): number {
  if (a.seq !== undefined && b.seq !== undefined) return a.seq - b.seq;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Adds `reports` to a thread (oldest first) so that each message appears once: matched by `id`, or by
 * `external_id` when the server's copy of a message sent from here arrives (the POST's answer or the
 * socket's echo, in either order). Returns `current` itself when nothing changed.
 */
export function mergeMessages(current: readonly Message[], reports: readonly Message[]): readonly Message[] {
  if (reports.length === 0) return current;
  const byId = new Map<string, number>();
  const byExternalId = new Map<string, number>();
  current.forEach((message, index) => {
    byId.set(message.id, index);
    if (message.external_id) byExternalId.set(message.external_id, index);
  });
  const next = current.slice();
  let changed = false;
  let needsSort = false;
  for (const report of reports) {
    const index =
      byId.get(report.id) ?? (report.external_id ? byExternalId.get(report.external_id) : undefined);
    if (index !== undefined) {
      const known = next[index];
      const merged = combine(known, report);
      if (sameMessage(known, merged)) continue;
      next[index] = merged;
      byId.set(merged.id, index);
      if (merged.timestamp !== known.timestamp) needsSort = true;
    } else {
      const last = next[next.length - 1];
      if (last && compareMessages(last, report) > 0) needsSort = true;
      next.push(report);
      byId.set(report.id, next.length - 1);
      if (report.external_id) byExternalId.set(report.external_id, next.length - 1);
    }
    changed = true;
  }
  if (!changed) return current;
  if (needsSort) next.sort(compareMessages);
  return next;
}

function sameMessage(a: Message, b: Message): boolean {
  return (
    a.id === b.id &&
    a.status === b.status &&
    a.error === b.error &&
    a.deleted === b.deleted &&
    a.timestamp === b.timestamp &&
    a.text === b.text &&
    a.file?.download_url === b.file?.download_url &&
    a.edited_at === b.edited_at &&
    JSON.stringify(a.reactions ?? []) === JSON.stringify(b.reactions ?? [])
  );
}

/** What receipts and a deletion said about a message before it was held. */
interface EarlyReport {
  status: MessageStatus | null;
  error: string | null;
  deleted: boolean;
}

/** Beyond this many messages the oldest early reports are forgotten; the next catch-up has them anyway. */
const EARLY_REPORT_LIMIT = 1000;

/**
 * Receipts and deletions that overtook their message (a `message:status` or `message:deleted` frame
 * before the `message:new` echo, the send's answer or the page that brings it), kept by message id and
 * laid over the message when it arrives.
 */
export class EarlyReports {
  private readonly byId = new Map<string, EarlyReport>();

  status(id: string, status: MessageStatus, error: string | null): void {
    const known = this.take(id);
    const later = laterStatus(known.status, status);
    this.keep(id, { ...known, status: later, error: later === status ? error : known.error });
  }

  deletion(id: string): void {
    this.keep(id, { ...this.take(id), deleted: true });
  }

  /** `messages` with the kept reports laid over theirs; a report is used once, then forgotten. */
  applyTo(messages: readonly Message[]): readonly Message[] {
    if (this.byId.size === 0) return messages;
    return messages.map((message) => {
      const report = this.byId.get(message.id);
      if (!report) return message;
      this.byId.delete(message.id);
      const status = laterStatus(message.status, report.status);
      const error = status === report.status && status === 'failed' ? report.error : message.error;
      const updated: Message = { ...message, status, error };
      return report.deleted ? { ...updated, deleted: true, text: null, file: null } : updated;
    });
  }

  private take(id: string): EarlyReport {
    const known = this.byId.get(id) ?? { status: null, error: null, deleted: false };
    this.byId.delete(id);
    return known;
  }

  private keep(id: string, report: EarlyReport): void {
    this.byId.set(id, report);
    if (this.byId.size > EARLY_REPORT_LIMIT) this.byId.delete(this.byId.keys().next().value!);
  }
}
