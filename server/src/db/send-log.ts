import type { Database } from './database.js';

export interface RecordedSend {
  customerId: string;
  externalId: string;
  conversationId: string;
  /** The call as the elements made it, without the file's bytes. */
  body: Record<string, unknown>;
  file: Uint8Array | null;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  /** The Message the upstream (or the store) answered, once settled. */
  answer: unknown;
}

interface SendRow {
  customer_id: string;
  external_id: string;
  conversation_id: string;
  body: Record<string, unknown>;
  file: Uint8Array | null;
  state: RecordedSend['state'];
  attempts: number;
  answer: unknown;
}

function recorded(row: SendRow): RecordedSend {
  return {
    customerId: row.customer_id,
    externalId: row.external_id,
    conversationId: row.conversation_id,
    body: row.body,
    file: row.file,
    state: row.state,
    attempts: row.attempts,
    answer: row.answer,
  };
}

/** Sends written down before they go upstream, so a restart finishes them with the same `external_id`. */
export class SendLog {
  constructor(
    private readonly db: Database,
    private readonly provider: string,
  ) {}

  /** Records the send; an existing record of the same external id is returned instead (a repeat). */
  async record(
    send: Omit<RecordedSend, 'state' | 'attempts' | 'answer'>,
  ): Promise<{ send: RecordedSend; created: boolean }> {
    const inserted = await this.db.query<SendRow>(
      `INSERT INTO outgoing_sends (provider, customer_id, external_id, conversation_id, body, file)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING *`,
      [
        this.provider,
        send.customerId,
        send.externalId,
        send.conversationId,
        JSON.stringify(send.body),
        send.file,
      ],
    );
    if (inserted[0]) return { send: recorded(inserted[0]), created: true };
    const [existing] = await this.db.query<SendRow>(
      'SELECT * FROM outgoing_sends WHERE provider = $1 AND customer_id = $2 AND external_id = $3',
      [this.provider, send.customerId, send.externalId],
    );
    return { send: recorded(existing), created: false };
  }

  async attempt(customerId: string, externalId: string): Promise<number> {
    const [row] = await this.db.query<{ attempts: number }>(
      `UPDATE outgoing_sends SET attempts = attempts + 1 WHERE provider = $1 AND customer_id = $2 AND external_id = $3
       RETURNING attempts`,
      [this.provider, customerId, externalId],
    );
    return row?.attempts ?? 1;
  }

  async settle(
    customerId: string,
    externalId: string,
    state: 'done' | 'failed',
    answer: unknown,
    /**
     * A refused file keeps its bytes (its link serves them, and the elements send it again from there),
     * and so does a delivered one its provider gave no link of its own (its link stays ours).
     */
    keepFile = state === 'failed',
  ): Promise<void> {
    await this.db.query(
      `UPDATE outgoing_sends SET state = $4, answer = $5, file = CASE WHEN $6 THEN file ELSE NULL END
       WHERE provider = $1 AND customer_id = $2 AND external_id = $3`,
      [this.provider, customerId, externalId, state, JSON.stringify(answer ?? null), keepFile],
    );
  }

  async find(customerId: string, externalId: string): Promise<RecordedSend | undefined> {
    const [row] = await this.db.query<SendRow>(
      'SELECT * FROM outgoing_sends WHERE provider = $1 AND customer_id = $2 AND external_id = $3',
      [this.provider, customerId, externalId],
    );
    return row ? recorded(row) : undefined;
  }

  async pending(): Promise<RecordedSend[]> {
    const rows = await this.db.query<SendRow>(
      `SELECT * FROM outgoing_sends WHERE provider = $1 AND state = 'pending' ORDER BY created_at`,
      [this.provider],
    );
    return rows.map(recorded);
  }
}
