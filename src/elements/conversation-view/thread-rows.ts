import type { Message } from '../../api/types.js';

export type ThreadRow =
  | { kind: 'day'; key: string; day: Date }
  | { kind: 'marker'; key: string }
  | {
      kind: 'message';
      key: string;
      message: Message;
      /** First of a run of messages from one sender: it shows the sender's name. */
      opensGroup: boolean;
      /** Last of such a run: it shows the tail and the time. */
      closesGroup: boolean;
    };

/** Messages this close together from one sender read as one run. */
const GROUP_GAP_MS = 5 * 60_000;

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

function sameSender(a: Message, b: Message): boolean {
  return a.direction === b.direction && a.sender.id === b.sender.id;
}

/**
 * The rows of a thread: a separator before each new day, the "new messages" marker before
 * `markerBeforeId`, and each message with whether it opens or closes a run from one sender. Rows are
 * keyed by what they show, so `repeat` keeps their elements across updates.
 */
export function buildRows(messages: readonly Message[], markerBeforeId: string | null): ThreadRow[] {
  const rows: ThreadRow[] = [];
  let previous: Message | undefined;
  let previousTime = 0;
  let previousDay = '';
  let lastMessageRow: Extract<ThreadRow, { kind: 'message' }> | undefined;
  for (const message of messages) {
    const date = new Date(message.timestamp);
    const time = date.getTime();
    const day = dayKey(date);
    let opensGroup = true;
    if (day !== previousDay) {
      rows.push({ kind: 'day', key: `day:${day}`, day: date });
      previousDay = day;
    } else if (previous && sameSender(previous, message) && time - previousTime < GROUP_GAP_MS) {
      opensGroup = false;
    }
    if (message.id === markerBeforeId) {
      rows.push({ kind: 'marker', key: 'marker' });
      opensGroup = true;
    }
    if (opensGroup && lastMessageRow) lastMessageRow.closesGroup = true;
    lastMessageRow = { kind: 'message', key: message.id, message, opensGroup, closesGroup: false };
    rows.push(lastMessageRow);
    previous = message;
    previousTime = time;
  }
  if (lastMessageRow) lastMessageRow.closesGroup = true;
  return rows;
}
