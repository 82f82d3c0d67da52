import type { InboxEvent } from '../contract.js';
import type { Database, Queryable } from '../db/database.js';
import type { EventPublisher } from '../providers/provider.js';

const CHANNEL = 'inbox_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; bigger events travel through the events table. */
const INLINE_PAYLOAD_LIMIT = 7000;
/** How long a big event stays in the table for processes to read it. */
const EVENT_ROW_TTL_MS = 10 * 60_000;

type Listener = (event: InboxEvent) => void;

interface Notice {
  customer: string;
  event?: InboxEvent;
  row?: string;
}

/**
 * Fan-out of inbox events to the sockets of every server process through PostgreSQL's LISTEN/NOTIFY
 * (PGlite implements it in-process). Every process, the publishing one included, delivers what it hears,
 * so a socket gets an event once whichever process stored it.
 */
export class EventBus implements EventPublisher {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopListening: (() => Promise<void>) | undefined;
  /** Deliveries in NOTIFY order, even when one has to read its event from the table first. */
  private delivery: Promise<void> = Promise.resolve();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(CHANNEL, (payload) => {
      this.delivery = this.delivery
        .then(() => this.deliver(payload))
        .catch((error: unknown) => {
          console.error('[inbox-elements-server] an event could not be delivered', error);
        });
    });
    this.sweepTimer = setInterval(() => void this.sweep(), EVENT_ROW_TTL_MS);
    this.sweepTimer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.stopListening?.();
    await this.delivery;
  }

  publish(customerId: string, event: InboxEvent): Promise<void> {
    return this.publishIn(this.db, customerId, event);
  }

  /** Publishes from inside a transaction: the event goes out when (and only if) it commits. */
  async publishIn(tx: Queryable, customerId: string, event: InboxEvent): Promise<void> {
    let payload = JSON.stringify({ customer: customerId, event } satisfies Notice);
    if (Buffer.byteLength(payload) > INLINE_PAYLOAD_LIMIT) {
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO events (customer_id, body) VALUES ($1, $2) RETURNING id',
        [customerId, JSON.stringify(event)],
      );
      payload = JSON.stringify({ customer: customerId, row: String(row?.id) } satisfies Notice);
    }
    await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
  }

  /** Calls `listener` with every event of the customer until the returned function is called. */
  subscribe(customerId: string, listener: Listener): () => void {
    let set = this.listeners.get(customerId);
    if (!set) {
      set = new Set();
      this.listeners.set(customerId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(customerId);
    };
  }

  private async deliver(payload: string): Promise<void> {
    const notice = JSON.parse(payload) as Notice;
    const listeners = this.listeners.get(notice.customer);
    if (!listeners) return;
    let event = notice.event;
    if (!event && notice.row !== undefined) {
      const [row] = await this.db.query<{ body: InboxEvent }>('SELECT body FROM events WHERE id = $1', [
        notice.row,
      ]);
      event = row?.body;
    }
    if (!event) return;
    for (const listener of [...listeners]) listener(event);
  }

  private async sweep(): Promise<void> {
    await this.db
      .query(`DELETE FROM events WHERE created_at < now() - make_interval(secs => $1)`, [
        EVENT_ROW_TTL_MS / 1000,
      ])
      .catch(() => undefined);
  }
}
