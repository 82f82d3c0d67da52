import type {
  Channel,
  Contact,
  Conversation,
  ConversationPage,
  Message,
  InboxEvent,
  MessageFile,
  MessagePage,
  MessageSearchPage,
  MessageStatus,
} from '../contract.js';
import type {
  ChannelInput,
  ConversationInput,
  ConversationQuery,
  InboxStore,
  MessageInput,
  MessageQuery,
  MessageRef,
  MessageSearchQuery,
  StoredChannel,
  StoredConversation,
  StoredMessage,
} from '../providers/provider.js';
import type { EventBus } from '../realtime/event-bus.js';
import type { Database, Queryable } from './database.js';

interface ChannelRow {
  id: string;
  customer_id: string;
  provider_key: string;
  type: string;
  username: string | null;
  is_connected: boolean;
  sync_status: string;
  last_synced_at: Date | null;
}

interface MessageRow {
  id: string;
  customer_id: string;
  conversation_id: string;
  provider_message_id: string | null;
  external_id: string | null;
  direction: 'incoming' | 'outgoing';
  type: StoredMessage['type'];
  text: string | null;
  file: MessageFile | null;
  sender: { id: string; name: string | null };
  sent_at: Date;
  status: MessageStatus | null;
  error: string | null;
  reply_to: string | null;
  deleted: boolean;
  seq: string | number;
}

interface ConversationRow {
  id: string;
  customer_id: string;
  channel_id: string;
  channel_type: string;
  provider_conversation_id: string;
  contact: Contact;
  updated_at: Date;
  unread_count: string;
  last_message: MessageRow | null;
}

/** Delivery progress; a status never moves a message back to a lower one. */
const STATUS_RANK: Record<MessageStatus, number> = {
  pending: 0,
  sent: 1,
  failed: 2,
  delivered: 3,
  read: 4,
  played: 5,
};

/** An incoming message the customer has not read: what `unread_count` and `unread_total` count. */
const UNREAD_MESSAGE = `m.direction = 'incoming' AND NOT m.deleted AND m.id > c.read_up_to`;

const MESSAGE_COLUMNS = `id, customer_id, conversation_id, provider_message_id, external_id, direction, type, text, file,
  sender, sent_at, status, error, reply_to, deleted, seq`;

const CONVERSATION_SELECT = `
  SELECT c.id, c.customer_id, c.channel_id, ch.type AS channel_type, c.provider_conversation_id, c.contact, c.updated_at,
    (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND ${UNREAD_MESSAGE}) AS unread_count,
    (SELECT to_jsonb(m) FROM (SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = c.id
       ORDER BY seq DESC LIMIT 1) m) AS last_message
  FROM conversations c JOIN channels ch ON ch.id = c.channel_id`;

/** A message whose text, file name or caption contains the pattern `$n` (ILIKE: any case). */
function messageMatches(n: number): string {
  return `NOT m.deleted AND (m.text ILIKE $${n} OR m.file->>'name' ILIKE $${n} OR m.file->>'caption' ILIKE $${n})`;
}

/** `q` as an ILIKE pattern that finds it anywhere, its `%`, `_` and `\` taken literally. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const CONVERSATION_PREFIX = 'conv_';
const MESSAGE_PREFIX = 'msg_';

function isoTime(value: Date | string): string {
  return new Date(value).toISOString();
}

/** Our numeric row id of `conv_12` / `msg_12`; undefined for anything else. */
export function rowId(id: string, prefix: string): string | undefined {
  if (!id.startsWith(prefix)) return undefined;
  const digits = id.slice(prefix.length);
  return /^[1-9]\d{0,17}$/.test(digits) ? digits : undefined;
}

function channelJson(row: ChannelRow): StoredChannel {
  return {
    id: Number(row.id),
    type: row.type,
    username: row.username,
    is_connected: row.is_connected,
    sync_status: row.sync_status,
    last_synced_at: row.last_synced_at ? isoTime(row.last_synced_at) : null,
    customerId: row.customer_id,
    providerKey: row.provider_key,
  };
}

function messageJson(row: MessageRow): StoredMessage {
  return {
    id: MESSAGE_PREFIX + row.id,
    conversation_id: CONVERSATION_PREFIX + row.conversation_id,
    external_id: row.external_id,
    direction: row.direction,
    type: row.type,
    text: row.deleted ? null : row.text,
    file: row.deleted ? null : row.file,
    sender: row.sender,
    timestamp: isoTime(row.sent_at),
    status: row.status,
    error: row.error,
    reply_to_message_id: row.reply_to ? MESSAGE_PREFIX + row.reply_to : null,
    deleted: row.deleted,
    seq: Number(row.seq),
    providerMessageId: row.provider_message_id,
  };
}

function conversationJson(row: ConversationRow): StoredConversation {
  return {
    id: CONVERSATION_PREFIX + row.id,
    channel: row.channel_type,
    channel_id: Number(row.channel_id),
    contact: row.contact,
    last_message: row.last_message ? publicMessage(messageJson(row.last_message)) : null,
    unread_count: Number(row.unread_count),
    updated_at: isoTime(row.updated_at),
    customerId: row.customer_id,
    providerConversationId: row.provider_conversation_id,
  };
}

/** The contract's Message, without the store's own fields. */
export function publicMessage(message: Message): Message {
  return {
    id: message.id,
    conversation_id: message.conversation_id,
    external_id: message.external_id,
    direction: message.direction,
    type: message.type,
    text: message.text,
    file: message.file,
    sender: message.sender,
    timestamp: message.timestamp,
    status: message.status,
    error: message.error,
    reply_to_message_id: message.reply_to_message_id,
    deleted: message.deleted,
    ...(message.seq === undefined ? {} : { seq: message.seq }),
  };
}

/** The contract's Conversation, without the store's own fields. */
export function publicConversation(conversation: Conversation): Conversation {
  return {
    id: conversation.id,
    channel: conversation.channel,
    channel_id: conversation.channel_id,
    contact: conversation.contact,
    last_message: conversation.last_message,
    unread_count: conversation.unread_count,
    updated_at: conversation.updated_at,
  };
}

/** The contract's Channel, without the store's own fields. */
export function publicChannel(channel: Channel): Channel {
  return {
    id: channel.id,
    type: channel.type,
    username: channel.username,
    is_connected: channel.is_connected,
    sync_status: channel.sync_status,
    last_synced_at: channel.last_synced_at,
  };
}

function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(`${updatedAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: string; id: string } | undefined {
  const [updatedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!updatedAt || !id || Number.isNaN(Date.parse(updatedAt)) || !/^\d{1,18}$/.test(id)) return undefined;
  return { updatedAt, id };
}

/**
 * The server's store of one provider's customers: channels, conversations and messages fed by webhooks
 * and sends, the SkylightChat channel mapping, webhook receipts and recorded sends.
 */
export class SqlStore implements InboxStore {
  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    readonly provider: string,
  ) {}

  // Channels

  async upsertChannel(customerId: string, input: ChannelInput): Promise<StoredChannel> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.query<ChannelRow>(
        'SELECT * FROM channels WHERE provider = $1 AND provider_key = $2 FOR UPDATE',
        [this.provider, input.providerKey],
      );
      const [row] = await tx.query<ChannelRow>(
        `INSERT INTO channels (provider, provider_key, customer_id, type, username, is_connected, sync_status, last_synced_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (provider, provider_key) DO UPDATE SET customer_id = $3, type = $4, username = $5,
           is_connected = $6, sync_status = $7, last_synced_at = coalesce($8, channels.last_synced_at)
         RETURNING *`,
        [
          this.provider,
          input.providerKey,
          customerId,
          input.type,
          input.username,
          input.is_connected,
          input.sync_status,
          input.last_synced_at ?? null,
        ],
      );
      const channel = channelJson(row);
      if (!before || JSON.stringify(channelJson(before)) !== JSON.stringify(channel)) {
        await this.publishIn(tx, customerId, {
          event: 'channel:status',
          payload: { channel: publicChannel(channel) },
        });
      }
      return channel;
    });
  }

  async updateChannel(
    providerKey: string,
    patch: Partial<Omit<ChannelInput, 'providerKey' | 'type'>>,
  ): Promise<StoredChannel | undefined> {
    const current = await this.channelByKey(providerKey);
    if (!current) return undefined;
    return this.upsertChannel(current.customerId, {
      providerKey,
      type: current.type,
      username: patch.username !== undefined ? patch.username : current.username,
      is_connected: patch.is_connected ?? current.is_connected,
      sync_status: patch.sync_status ?? current.sync_status,
      last_synced_at: patch.last_synced_at ?? current.last_synced_at,
    });
  }

  async removeChannel(customerId: string, channelId: number): Promise<void> {
    await this.db.query('DELETE FROM channels WHERE provider = $1 AND customer_id = $2 AND id = $3', [
      this.provider,
      customerId,
      channelId,
    ]);
  }

  async channels(customerId: string): Promise<StoredChannel[]> {
    const rows = await this.db.query<ChannelRow>(
      'SELECT * FROM channels WHERE provider = $1 AND customer_id = $2 ORDER BY id',
      [this.provider, customerId],
    );
    return rows.map(channelJson);
  }

  async channelByKey(providerKey: string): Promise<StoredChannel | undefined> {
    const [row] = await this.db.query<ChannelRow>(
      'SELECT * FROM channels WHERE provider = $1 AND provider_key = $2',
      [this.provider, providerKey],
    );
    return row && channelJson(row);
  }

  async channelById(customerId: string, channelId: number): Promise<StoredChannel | undefined> {
    if (!Number.isSafeInteger(channelId)) return undefined;
    const [row] = await this.db.query<ChannelRow>(
      'SELECT * FROM channels WHERE provider = $1 AND customer_id = $2 AND id = $3',
      [this.provider, customerId, channelId],
    );
    return row && channelJson(row);
  }

  // Provider-owned values

  async setCustomerValue(customerId: string, key: string, value: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO customer_values (provider, key, customer_id, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider, key) DO UPDATE SET customer_id = $3, value = $4`,
      [this.provider, key, customerId, JSON.stringify(value)],
    );
  }

  async customerValue(customerId: string, key: string): Promise<unknown> {
    const [row] = await this.db.query<{ value: unknown }>(
      'SELECT value FROM customer_values WHERE provider = $1 AND key = $2 AND customer_id = $3',
      [this.provider, key, customerId],
    );
    return row?.value;
  }

  async findByKey(key: string): Promise<{ customerId: string; value: unknown } | undefined> {
    const [row] = await this.db.query<{ customer_id: string; value: unknown }>(
      'SELECT customer_id, value FROM customer_values WHERE provider = $1 AND key = $2',
      [this.provider, key],
    );
    return row && { customerId: row.customer_id, value: row.value };
  }

  // Conversations and messages

  async upsertConversation(customerId: string, input: ConversationInput): Promise<StoredConversation> {
    const channel = await this.channelById(customerId, input.channelId);
    if (!channel) throw new Error(`Channel ${input.channelId} is not linked to this customer`);
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO conversations (customer_id, channel_id, provider_conversation_id, contact) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel_id, provider_conversation_id)
       DO UPDATE SET contact = conversations.contact || jsonb_strip_nulls($4::jsonb) RETURNING id`,
      [customerId, input.channelId, input.providerConversationId, JSON.stringify(input.contact)],
    );
    return (await this.conversation(customerId, CONVERSATION_PREFIX + row.id))!;
  }

  async rekeyConversation(
    customerId: string,
    channelId: number,
    placeholderIds: readonly string[],
    providerConversationId: string,
  ): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE conversations SET provider_conversation_id = $4
       WHERE id = (
         SELECT c.id FROM conversations c JOIN channels ch ON ch.id = c.channel_id
         WHERE c.customer_id = $1 AND ch.provider = $2 AND c.channel_id = $3
           AND c.provider_conversation_id = ANY($5::text[])
           AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.channel_id = $3 AND o.provider_conversation_id = $4)
         ORDER BY array_position($5::text[], c.provider_conversation_id) LIMIT 1
       ) RETURNING id`,
      [customerId, this.provider, channelId, providerConversationId, placeholderIds],
    );
    return rows.length > 0;
  }

  async upsertMessage(
    customerId: string,
    input: MessageInput,
  ): Promise<{ message: StoredMessage; created: boolean }> {
    const conversationId = rowId(input.conversationId, CONVERSATION_PREFIX);
    const result = await this.db.transaction(async (tx) => {
      // The row lock makes stores into one conversation take turns, on every process: a repeat waits and
      // finds the first, and `seq` follows commit order, so a catch-up after a message never skips one.
      const [conversation] = await tx.query<{ channel_id: string }>(
        'SELECT channel_id FROM conversations WHERE id = $1 AND customer_id = $2 FOR UPDATE',
        [conversationId ?? 0, customerId],
      );
      if (!conversation) throw new Error(`Conversation ${input.conversationId} is not this customer's`);
      const existing = await this.findMessageRow(tx, customerId, conversation.channel_id, input);
      if (existing) {
        // Our own send echoed back by the upstream: it now has the upstream's id.
        if (existing.provider_message_id === null && input.providerMessageId !== null) {
          await tx.query('UPDATE messages SET provider_message_id = $1 WHERE id = $2', [
            input.providerMessageId,
            existing.id,
          ]);
          existing.provider_message_id = input.providerMessageId;
        }
        return { message: messageJson(existing), created: false };
      }
      const replyTo = input.replyToMessageId
        ? (
            await tx.query<{ id: string }>('SELECT id FROM messages WHERE conversation_id = $1 AND id = $2', [
              conversationId,
              rowId(input.replyToMessageId, MESSAGE_PREFIX) ?? 0,
            ])
          )[0]?.id
        : input.replyToProviderMessageId
          ? (
              await tx.query<{ id: string }>(
                'SELECT id FROM messages WHERE channel_id = $1 AND provider_message_id = $2',
                [conversation.channel_id, input.replyToProviderMessageId],
              )
            )[0]?.id
          : undefined;
      const [early] = input.providerMessageId
        ? await tx.query<{ status: MessageStatus; error: string | null }>(
            `DELETE FROM early_statuses WHERE provider = $1 AND customer_id = $2 AND provider_message_id = $3
             RETURNING status, error`,
            [this.provider, customerId, input.providerMessageId],
          )
        : [];
      const status =
        early && (input.status === null || STATUS_RANK[early.status] > STATUS_RANK[input.status])
          ? early
          : input;
      const [counter] = await tx.query<{ last_seq: string }>(
        'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq',
        [conversationId],
      );
      const [row] = await tx.query<MessageRow>(
        `INSERT INTO messages (customer_id, conversation_id, channel_id, provider_message_id, external_id, direction,
           type, text, file, sender, sent_at, status, error, reply_to, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${MESSAGE_COLUMNS}`,
        [
          customerId,
          conversationId,
          conversation.channel_id,
          input.providerMessageId,
          input.externalId ?? null,
          input.direction,
          input.type,
          input.text,
          input.file === null ? null : JSON.stringify(input.file),
          JSON.stringify(input.sender),
          input.timestamp,
          status.status,
          status.error ?? null,
          replyTo ?? null,
          counter.last_seq,
        ],
      );
      await tx.query('UPDATE conversations SET updated_at = greatest(updated_at, $2) WHERE id = $1', [
        conversationId,
        input.timestamp,
      ]);
      const message = messageJson(row);
      await this.publishIn(tx, customerId, {
        event: 'message:new',
        payload: { message: publicMessage(message) },
      });
      await this.publishConversation(tx, customerId, conversationId!);
      return { message, created: true };
    });
    return result;
  }

  async applyStatus(
    customerId: string,
    ref: MessageRef,
    status: MessageStatus,
    error: string | null = null,
  ): Promise<StoredMessage | undefined> {
    return this.db.transaction(async (tx) => {
      const row = await this.messageRow(tx, customerId, ref, true);
      if (!row) {
        if ('providerMessageId' in ref)
          await this.keepEarlyStatus(tx, customerId, ref.providerMessageId, status, error);
        return undefined;
      }
      if (row.status !== null && STATUS_RANK[row.status] >= STATUS_RANK[status] && row.status !== 'failed') {
        return messageJson(row);
      }
      const [updated] = await tx.query<MessageRow>(
        `UPDATE messages SET status = $2, error = $3 WHERE id = $1 RETURNING ${MESSAGE_COLUMNS}`,
        [row.id, status, status === 'failed' ? error : null],
      );
      const message = messageJson(updated);
      await this.publishIn(tx, customerId, {
        event: 'message:status',
        payload: {
          id: message.id,
          external_id: message.external_id,
          conversation_id: message.conversation_id,
          status,
          ...(status === 'failed' ? { error: message.error } : {}),
        },
      });
      return message;
    });
  }

  /** Settles our own send with what the upstream answered: its id, status and served file. */
  async settleSend(
    customerId: string,
    messageId: string,
    result: {
      providerMessageId: string | null;
      status: MessageStatus;
      error?: string | null;
      file?: MessageFile;
    },
  ): Promise<StoredMessage | undefined> {
    const id = rowId(messageId, MESSAGE_PREFIX);
    if (id === undefined) return undefined;
    await this.db.query(
      `UPDATE messages SET provider_message_id = coalesce(provider_message_id, $3), file = coalesce($4, file)
       WHERE id = $1 AND customer_id = $2`,
      [id, customerId, result.providerMessageId, result.file ? JSON.stringify(result.file) : null],
    );
    return this.applyStatus(customerId, { id: messageId }, result.status, result.error ?? null);
  }

  async markDeleted(customerId: string, ref: MessageRef): Promise<StoredMessage | undefined> {
    return this.db.transaction(async (tx) => {
      const row = await this.messageRow(tx, customerId, ref, true);
      if (!row) return undefined;
      if (row.deleted) return messageJson(row);
      const [updated] = await tx.query<MessageRow>(
        `UPDATE messages SET deleted = true WHERE id = $1 RETURNING ${MESSAGE_COLUMNS}`,
        [row.id],
      );
      const message = messageJson(updated);
      await this.publishIn(tx, customerId, {
        event: 'message:deleted',
        payload: { id: message.id, conversation_id: message.conversation_id },
      });
      return message;
    });
  }

  async message(customerId: string, ref: MessageRef): Promise<StoredMessage | undefined> {
    const row = await this.messageRow(this.db, customerId, ref, false);
    return row && messageJson(row);
  }

  // Reads for the contract's conversation calls

  async conversation(customerId: string, id: string): Promise<StoredConversation | undefined> {
    const rowIdValue = rowId(id, CONVERSATION_PREFIX);
    if (rowIdValue === undefined) return undefined;
    const [row] = await this.db.query<ConversationRow>(
      `${CONVERSATION_SELECT} WHERE c.id = $1 AND c.customer_id = $2 AND ch.provider = $3`,
      [rowIdValue, customerId, this.provider],
    );
    return row && conversationJson(row);
  }

  /**
   * The channel's conversation with a contact: the chat `providerConversationId`, or one whose contact
   * has that phone (digits compared) or username (any case). The most recently active when several do.
   */
  async conversationWithContact(
    customerId: string,
    channelId: number,
    contact: { providerConversationId: string; phone: string | null; username: string | null },
  ): Promise<StoredConversation | undefined> {
    const [row] = await this.db.query<ConversationRow>(
      `${CONVERSATION_SELECT} WHERE c.customer_id = $1 AND ch.provider = $2 AND c.channel_id = $3
         AND (c.provider_conversation_id = $4
           OR ($5::text IS NOT NULL AND regexp_replace(coalesce(c.contact->>'phone', ''), '[^0-9]', '', 'g') = $5)
           OR ($6::text IS NOT NULL AND lower(c.contact->>'username') = $6))
       ORDER BY c.updated_at DESC, c.id DESC LIMIT 1`,
      [
        customerId,
        this.provider,
        channelId,
        contact.providerConversationId,
        contact.phone?.replace(/\D/g, '') || null,
        contact.username?.replace(/^@/, '').toLowerCase() || null,
      ],
    );
    return row && conversationJson(row);
  }

  /** Newest activity first; `channelIds` limits the page to those channels (a session's allow-list). */
  async conversationPage(
    customerId: string,
    channelIds: readonly number[] | undefined,
    query: ConversationQuery,
  ): Promise<ConversationPage | 'bad-cursor'> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) return 'bad-cursor';
    const params: unknown[] = [customerId, this.provider, query.limit + 1];
    const where = ['c.customer_id = $1', 'ch.provider = $2'];
    if (query.channelId !== undefined) {
      params.push(query.channelId);
      where.push(`c.channel_id = $${params.length}`);
    }
    if (channelIds !== undefined) {
      params.push(channelIds);
      where.push(`c.channel_id = ANY($${params.length}::bigint[])`);
    }
    const unreadTotal = this.unreadTotal(customerId, channelIds);
    if (query.channel !== undefined) {
      params.push(query.channel);
      where.push(`ch.type = $${params.length}`);
    }
    if (query.unread) {
      where.push(`EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND ${UNREAD_MESSAGE})`);
    }
    if (query.q !== undefined) {
      params.push(containsPattern(query.q));
      const n = params.length;
      where.push(`(c.contact->>'name' ILIKE $${n} OR c.contact->>'phone' ILIKE $${n}
        OR c.contact->>'username' ILIKE $${n}
        OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND ${messageMatches(n)}))`);
    }
    if (cursor) {
      params.push(cursor.updatedAt, cursor.id);
      where.push(`(c.updated_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    // Together, so that a failing list query never leaves the total's rejection unhandled.
    const [rows, total] = await Promise.all([
      this.db.query<ConversationRow>(
        `${CONVERSATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.updated_at DESC, c.id DESC LIMIT $3`,
        params,
      ),
      unreadTotal,
    ]);
    const items = rows.slice(0, query.limit).map(conversationJson);
    const last = items.at(-1);
    const hasMore = rows.length > query.limit;
    return {
      items: items.map(publicConversation),
      next_cursor:
        hasMore && last ? encodeCursor(last.updated_at, rowId(last.id, CONVERSATION_PREFIX)!) : null,
      unread_total: total,
    };
  }

  /** Messages whose text, file name or caption contains `q`, newest first, each with its conversation. */
  async searchMessages(
    customerId: string,
    channelIds: readonly number[] | undefined,
    query: MessageSearchQuery,
  ): Promise<MessageSearchPage | 'bad-cursor'> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) return 'bad-cursor';
    const params: unknown[] = [customerId, this.provider, query.limit + 1, containsPattern(query.q)];
    const where = [
      'm.customer_id = $1',
      'EXISTS (SELECT 1 FROM channels ch WHERE ch.id = m.channel_id AND ch.provider = $2)',
      messageMatches(4),
    ];
    if (query.channelId !== undefined) {
      params.push(query.channelId);
      where.push(`m.channel_id = $${params.length}`);
    }
    if (channelIds !== undefined) {
      params.push(channelIds);
      where.push(`m.channel_id = ANY($${params.length}::bigint[])`);
    }
    if (cursor) {
      params.push(cursor.updatedAt, cursor.id);
      where.push(`(m.sent_at, m.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    const rows = await this.db.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${where.join(' AND ')} ORDER BY m.sent_at DESC, m.id DESC LIMIT $3`,
      params,
    );
    const hits = rows.slice(0, query.limit);
    const conversationIds = [...new Set(hits.map((row) => String(row.conversation_id)))];
    const conversations = new Map(
      (
        await this.db.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.id = ANY($1::bigint[])`, [
          conversationIds,
        ])
      ).map((row) => [String(row.id), publicConversation(conversationJson(row))]),
    );
    const last = hits.at(-1);
    return {
      items: hits.map((row) => ({
        message: publicMessage(messageJson(row)),
        conversation: conversations.get(String(row.conversation_id))!,
      })),
      next_cursor:
        rows.length > query.limit && last ? encodeCursor(isoTime(last.sent_at), String(last.id)) : null,
    };
  }

  /** Unread messages of the customer's conversations (of `channelIds` only, when given). */
  private async unreadTotal(customerId: string, channelIds: readonly number[] | undefined): Promise<number> {
    const params: unknown[] = [customerId, this.provider];
    let scope = '';
    if (channelIds !== undefined) {
      params.push(channelIds);
      scope = 'AND c.channel_id = ANY($3::bigint[])';
    }
    const [row] = await this.db.query<{ total: string }>(
      `SELECT count(*) AS total FROM messages m JOIN conversations c ON c.id = m.conversation_id
       JOIN channels ch ON ch.id = c.channel_id
       WHERE c.customer_id = $1 AND ch.provider = $2 ${scope} AND ${UNREAD_MESSAGE}`,
      params,
    );
    return Number(row?.total ?? 0);
  }

  /** In `seq` order: the newest page, the page just older than `before`, or what is newer than `after`. */
  async messagePage(
    conversation: StoredConversation,
    query: MessageQuery,
  ): Promise<MessagePage | 'unknown-message'> {
    const conversationId = rowId(conversation.id, CONVERSATION_PREFIX)!;
    const anchorId = query.before ?? query.after;
    let anchor: string | undefined;
    if (anchorId !== undefined) {
      const anchorRowId = rowId(anchorId, MESSAGE_PREFIX);
      const [row] = anchorRowId
        ? await this.db.query<{ seq: string }>(
            'SELECT seq FROM messages WHERE id = $1 AND conversation_id = $2',
            [anchorRowId, conversationId],
          )
        : [];
      if (!row) return 'unknown-message';
      anchor = String(row.seq);
    }
    const after = query.after !== undefined;
    const rows = await this.db.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1
       ${anchor === undefined ? '' : after ? 'AND seq > $3' : 'AND seq < $3'}
       ORDER BY seq ${after ? 'ASC' : 'DESC'} LIMIT $2`,
      anchor === undefined ? [conversationId, query.limit + 1] : [conversationId, query.limit + 1, anchor],
    );
    const page = rows.slice(0, query.limit);
    if (!after) page.reverse();
    return { items: page.map((row) => publicMessage(messageJson(row))), has_more: rows.length > query.limit };
  }

  async markRead(customerId: string, conversation: StoredConversation, upTo: StoredMessage): Promise<void> {
    await this.db.transaction(async (tx) => {
      const conversationId = rowId(conversation.id, CONVERSATION_PREFIX)!;
      await tx.query('UPDATE conversations SET read_up_to = greatest(read_up_to, $2) WHERE id = $1', [
        conversationId,
        rowId(upTo.id, MESSAGE_PREFIX),
      ]);
      await this.publishConversation(tx, customerId, conversationId);
    });
  }

  // SkylightChat: which upstream channels the server linked for which customer

  async linkUpstreamChannel(customerId: string, upstreamId: number, type: string): Promise<void> {
    await this.db.query(
      `INSERT INTO linked_channels (provider, upstream_id, customer_id, type) VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider, upstream_id) DO NOTHING`,
      [this.provider, upstreamId, customerId, type],
    );
  }

  async unlinkUpstreamChannel(customerId: string, upstreamId: number): Promise<void> {
    await this.db.query(
      'DELETE FROM linked_channels WHERE provider = $1 AND upstream_id = $2 AND customer_id = $3',
      [this.provider, upstreamId, customerId],
    );
  }

  /** The upstream ids linked to this customer. */
  async upstreamChannelIds(customerId: string): Promise<number[]> {
    const rows = await this.db.query<{ upstream_id: string }>(
      'SELECT upstream_id FROM linked_channels WHERE provider = $1 AND customer_id = $2 ORDER BY upstream_id',
      [this.provider, customerId],
    );
    return rows.map((row) => Number(row.upstream_id));
  }

  /** Whether another customer linked this upstream channel. */
  async upstreamChannelOwner(upstreamId: number): Promise<string | undefined> {
    const [row] = await this.db.query<{ customer_id: string }>(
      'SELECT customer_id FROM linked_channels WHERE provider = $1 AND upstream_id = $2',
      [this.provider, upstreamId],
    );
    return row?.customer_id;
  }

  private async findMessageRow(
    tx: Queryable,
    customerId: string,
    channelId: string,
    input: MessageInput,
  ): Promise<MessageRow | undefined> {
    if (input.providerMessageId !== null) {
      const [row] = await tx.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE channel_id = $1 AND provider_message_id = $2 FOR UPDATE`,
        [channelId, input.providerMessageId],
      );
      if (row) return row;
    }
    if (input.externalId) {
      const [row] = await tx.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE customer_id = $1 AND external_id = $2 FOR UPDATE`,
        [customerId, input.externalId],
      );
      return row;
    }
    return undefined;
  }

  private async messageRow(
    tx: Queryable,
    customerId: string,
    ref: MessageRef,
    forUpdate: boolean,
  ): Promise<MessageRow | undefined> {
    const lock = forUpdate ? 'FOR UPDATE' : '';
    const base = `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.customer_id = $1
      AND EXISTS (SELECT 1 FROM channels ch WHERE ch.id = m.channel_id AND ch.provider = $2)`;
    if ('id' in ref) {
      const id = rowId(ref.id, MESSAGE_PREFIX);
      if (id === undefined) return undefined;
      return (
        await tx.query<MessageRow>(`${base} AND m.id = $3 ${lock}`, [customerId, this.provider, id])
      )[0];
    }
    if ('externalId' in ref) {
      return (
        await tx.query<MessageRow>(`${base} AND m.external_id = $3 ${lock}`, [
          customerId,
          this.provider,
          ref.externalId,
        ])
      )[0];
    }
    return (
      await tx.query<MessageRow>(`${base} AND m.provider_message_id = $3 ${lock}`, [
        customerId,
        this.provider,
        ref.providerMessageId,
      ])
    )[0];
  }

  /** A status that came before its message (webhooks arrive in any order), applied when the message comes. */
  private async keepEarlyStatus(
    tx: Queryable,
    customerId: string,
    providerMessageId: string,
    status: MessageStatus,
    error: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO early_statuses (provider, customer_id, provider_message_id, status, error) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (provider, customer_id, provider_message_id) DO UPDATE SET status = $4, error = $5`,
      [this.provider, customerId, providerMessageId, status, error],
    );
  }

  private async publishConversation(
    tx: Queryable,
    customerId: string,
    conversationRowId: string,
  ): Promise<void> {
    const [row] = await tx.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.id = $1`, [
      conversationRowId,
    ]);
    if (!row) return;
    await this.publishIn(tx, customerId, {
      event: 'conversation:updated',
      payload: { conversation: publicConversation(conversationJson(row)) },
    });
  }

  private publishIn(tx: Queryable, customerId: string, event: InboxEvent): Promise<void> {
    return this.bus.publishIn(tx, customerId, event);
  }
}
