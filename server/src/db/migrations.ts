import type { Database } from './database.js';

/**
 * The schema, one step per entry, applied in order and never edited once released: a database made by
 * an older version is brought up to date by the steps it lacks. The same SQL runs on PGlite and PostgreSQL.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE linked_channels (
    provider text NOT NULL,
    upstream_id bigint NOT NULL,
    customer_id text NOT NULL,
    type text NOT NULL,
    linked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, upstream_id)
  );
  CREATE INDEX linked_channels_customer ON linked_channels (provider, customer_id);

  CREATE TABLE channels (
    id bigserial PRIMARY KEY,
    provider text NOT NULL,
    provider_key text NOT NULL,
    customer_id text NOT NULL,
    type text NOT NULL,
    username text,
    is_connected boolean NOT NULL,
    sync_status text NOT NULL,
    last_synced_at timestamptz,
    UNIQUE (provider, provider_key)
  );
  CREATE INDEX channels_customer ON channels (customer_id);

  CREATE TABLE customer_values (
    provider text NOT NULL,
    key text NOT NULL,
    customer_id text NOT NULL,
    value jsonb NOT NULL,
    PRIMARY KEY (provider, key)
  );

  CREATE TABLE conversations (
    id bigserial PRIMARY KEY,
    customer_id text NOT NULL,
    channel_id bigint NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    provider_conversation_id text NOT NULL,
    contact jsonb NOT NULL,
    read_up_to bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel_id, provider_conversation_id)
  );
  CREATE INDEX conversations_customer_recent ON conversations (customer_id, updated_at DESC, id DESC);

  CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    customer_id text NOT NULL,
    conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    channel_id bigint NOT NULL,
    provider_message_id text,
    external_id text,
    direction text NOT NULL,
    type text NOT NULL,
    text text,
    file jsonb,
    sender jsonb NOT NULL,
    sent_at timestamptz NOT NULL,
    status text,
    error text,
    reply_to bigint,
    deleted boolean NOT NULL DEFAULT false,
    UNIQUE (channel_id, provider_message_id),
    UNIQUE (customer_id, external_id)
  );
  CREATE INDEX messages_conversation ON messages (conversation_id, id);

  CREATE TABLE early_statuses (
    provider text NOT NULL,
    customer_id text NOT NULL,
    provider_message_id text NOT NULL,
    status text NOT NULL,
    error text,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, customer_id, provider_message_id)
  );

  CREATE TABLE webhook_receipts (
    provider text NOT NULL,
    digest text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, digest)
  );

  CREATE TABLE outgoing_sends (
    provider text NOT NULL,
    customer_id text NOT NULL,
    external_id text NOT NULL,
    conversation_id text NOT NULL,
    body jsonb NOT NULL,
    file bytea,
    state text NOT NULL DEFAULT 'pending',
    attempts integer NOT NULL DEFAULT 0,
    answer jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, customer_id, external_id)
  );
  CREATE INDEX outgoing_sends_pending ON outgoing_sends (provider, state) WHERE state = 'pending';

  CREATE TABLE events (
    id bigserial PRIMARY KEY,
    customer_id text NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  `,
  // Each message's place in its conversation (the contract's `seq`), counted on the conversation's row so
  // that processes storing into one conversation at once take turns; messages stored before get theirs in id order.
  `
  ALTER TABLE conversations ADD COLUMN last_seq bigint NOT NULL DEFAULT 0;
  ALTER TABLE messages ADD COLUMN seq bigint;
  UPDATE messages SET seq = numbered.seq FROM (
    SELECT id, row_number() OVER (PARTITION BY conversation_id ORDER BY id) AS seq FROM messages
  ) numbered WHERE messages.id = numbered.id;
  UPDATE conversations SET last_seq = coalesce((SELECT max(seq) FROM messages WHERE conversation_id = conversations.id), 0);
  ALTER TABLE messages ALTER COLUMN seq SET NOT NULL;
  CREATE UNIQUE INDEX messages_conversation_seq ON messages (conversation_id, seq);
  `,
];

/** Serialises schema changes between processes that start at once on one database. */
const MIGRATION_LOCK = 7_140_104;

export async function migrate(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY)');
    const rows = await tx.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM schema_migrations',
    );
    const applied = Number(rows[0]?.version ?? 0);
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index + 1 <= applied) continue;
      for (const statement of sql
        .split(';')
        .map((part) => part.trim())
        .filter(Boolean))
        await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [index + 1]);
    }
  });
}
