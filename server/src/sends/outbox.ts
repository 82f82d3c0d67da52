import type { Message } from '../contract.js';
import type { SendLog, RecordedSend } from '../db/send-log.js';
import { publicMessage, type SqlStore } from '../db/sql-store.js';
import { HttpError } from '../http/envelope.js';
import {
  ProviderError,
  type CustomerContext,
  type InboxProvider,
  type OutgoingFile,
  type OutgoingText,
  type ProviderLogger,
  type StoredConversation,
} from '../providers/provider.js';
import type { PendingFiles } from './pending-files.js';

/** After an upstream failure a send is tried again after this long, doubling up to the maximum. */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

interface TextBody {
  kind: 'text';
  text: string;
  reply_to_message_id: string | null;
}

interface FileBody {
  kind: 'file';
  name: string;
  mime_type: string;
  caption: string | null;
  /** Absent in sends recorded before files could reply. */
  reply_to_message_id?: string | null;
}

type SendBody = TextBody | FileBody;

/**
 * Every send is written down before it goes upstream and settled once the upstream answered, so a send
 * interrupted by a crash or an upstream failure is tried again, with the same `external_id`, until it settles.
 */
export class Outbox {
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly provider: InboxProvider,
    private readonly store: SqlStore,
    private readonly sends: SendLog,
    private readonly log: ProviderLogger,
    /** The context of a send resumed after a restart, when no request is there to give one. */
    private readonly backgroundContext: (customerId: string) => CustomerContext,
    /** Links a file the provider has not taken yet to the server's copy. */
    private readonly pendingFiles: PendingFiles,
  ) {}

  sendText(ctx: CustomerContext, conversationId: string, message: OutgoingText): Promise<Message> {
    const body: TextBody = {
      kind: 'text',
      text: message.text,
      reply_to_message_id: message.reply_to_message_id ?? null,
    };
    return this.send(ctx, conversationId, message.external_id, body, null);
  }

  sendFile(ctx: CustomerContext, conversationId: string, file: OutgoingFile): Promise<Message> {
    const body: FileBody = {
      kind: 'file',
      name: file.name,
      mime_type: file.mime_type,
      caption: file.caption ?? null,
      reply_to_message_id: file.reply_to_message_id ?? null,
    };
    return this.send(ctx, conversationId, file.external_id, body, file.bytes);
  }

  /** Tries again every send that never settled, oldest first (called at start). */
  async resume(): Promise<void> {
    for (const send of await this.sends.pending()) {
      await this.deliver(this.backgroundContext(send.customerId), send).catch((error: unknown) => {
        this.log.warn('a resumed send failed again', { external_id: send.externalId, error: String(error) });
      });
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }

  private async send(
    ctx: CustomerContext,
    conversationId: string,
    externalId: string,
    body: SendBody,
    file: Uint8Array | null,
  ): Promise<Message> {
    const { send } = await this.sends.record({
      customerId: ctx.customerId,
      externalId,
      conversationId,
      body: { ...body },
      file,
    });
    if (send.conversationId !== conversationId) {
      throw new HttpError(422, 'The given data was invalid.', {
        external_id: ['This external id was already used in another conversation.'],
      });
    }
    if (send.state === 'done') return send.answer as Message;
    if (send.state === 'failed') throw this.failureOf(send);
    return this.deliver(ctx, send);
  }

  private failureOf(send: RecordedSend): HttpError {
    const answer = send.answer as { status?: number; message?: string } | null;
    return new HttpError(answer?.status ?? 422, answer?.message ?? 'The message could not be sent.');
  }

  private async deliver(ctx: CustomerContext, send: RecordedSend): Promise<Message> {
    const attempt = await this.sends.attempt(send.customerId, send.externalId);
    try {
      const message =
        this.provider.conversations.kind === 'upstream'
          ? await this.deliverUpstream(ctx, send)
          : await this.deliverStored(ctx, send, attempt);
      return message;
    } catch (error) {
      if (error instanceof ProviderError && isFinal(error)) {
        await this.sends.settle(send.customerId, send.externalId, 'failed', {
          status: error.status,
          message: error.message,
        });
      } else {
        this.retryLater(send, attempt);
      }
      throw error;
    }
  }

  private async deliverUpstream(ctx: CustomerContext, send: RecordedSend): Promise<Message> {
    const conversations = this.provider.conversations;
    if (conversations.kind !== 'upstream') throw new Error('Not an upstream provider');
    const body = send.body as unknown as SendBody;
    const reply = body.reply_to_message_id ? { reply_to_message_id: body.reply_to_message_id } : {};
    const message =
      body.kind === 'text'
        ? await conversations.sendText(ctx, send.conversationId, {
            text: body.text,
            external_id: send.externalId,
            ...reply,
          })
        : await conversations.sendFile(ctx, send.conversationId, {
            bytes: send.file ?? new Uint8Array(),
            name: body.name,
            mime_type: body.mime_type,
            external_id: send.externalId,
            ...(body.caption === null ? {} : { caption: body.caption }),
            ...reply,
          });
    await this.sends.settle(send.customerId, send.externalId, 'done', message);
    return message;
  }

  private async deliverStored(ctx: CustomerContext, send: RecordedSend, attempt: number): Promise<Message> {
    const conversations = this.provider.conversations;
    if (conversations.kind !== 'stored') throw new Error('Not a stored provider');
    const conversation = await this.store.conversation(send.customerId, send.conversationId);
    const channel = conversation && (await this.store.channelById(send.customerId, conversation.channel_id));
    if (!conversation || !channel) throw new ProviderError(404, 'The conversation no longer exists.');
    const body = send.body as unknown as SendBody;
    const { message } = await this.store.upsertMessage(
      send.customerId,
      this.pendingMessage(ctx, conversation, send, body),
    );
    if (message.status !== 'pending') return publicMessage(message);
    const replyTo =
      message.reply_to_message_id === null
        ? null
        : ((await this.store.message(send.customerId, { id: message.reply_to_message_id })) ?? null);
    const delivery = conversations.deliver({
      customerId: send.customerId,
      message,
      externalId: send.externalId,
      channel,
      conversation,
      text: body.kind === 'text' ? body.text : null,
      file:
        body.kind === 'file'
          ? {
              bytes: send.file ?? new Uint8Array(),
              name: body.name,
              mime_type: body.mime_type,
              caption: body.caption,
            }
          : null,
      replyTo,
      attempt,
    });
    let result;
    try {
      result = await delivery;
    } catch (error) {
      if (error instanceof ProviderError && isFinal(error)) {
        await this.store.applyStatus(send.customerId, { id: message.id }, 'failed', error.message);
        throw error;
      }
      // Recorded and shown as pending: the retry finishes it, so the caller gets the message, not an error.
      this.retryLater(send, attempt);
      return publicMessage(message);
    }
    const settled = (await this.store.settleSend(send.customerId, message.id, result)) ?? message;
    const answer = publicMessage(settled);
    const linkedByProvider = body.kind !== 'file' || result.file !== undefined;
    await this.sends.settle(send.customerId, send.externalId, 'done', answer, !linkedByProvider);
    return answer;
  }

  private pendingMessage(
    ctx: CustomerContext,
    conversation: StoredConversation,
    send: RecordedSend,
    body: SendBody,
  ) {
    return {
      conversationId: conversation.id,
      providerMessageId: null,
      externalId: send.externalId,
      direction: 'outgoing' as const,
      type: body.kind === 'text' ? ('text' as const) : fileMessageType(body.mime_type),
      text: body.kind === 'text' ? body.text : null,
      file:
        body.kind === 'file'
          ? {
              name: body.name,
              mime_type: body.mime_type,
              size: send.file?.byteLength ?? null,
              caption: body.caption,
              download_url: this.pendingFiles.urlFor(ctx.origin, send.customerId, send.externalId, body.name),
            }
          : null,
      sender: { id: 'me', name: null },
      timestamp: new Date().toISOString(),
      status: 'pending' as const,
      replyToMessageId: body.reply_to_message_id ?? null,
    };
  }

  private retryLater(send: RecordedSend, attempt: number): void {
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(timer);
        this.deliver(this.backgroundContext(send.customerId), send).catch(() => undefined);
      },
      Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS),
    );
    timer.unref();
    this.retryTimers.add(timer);
  }
}

/** A refusal that repeating will not change (unlike a rate limit or an upstream outage). */
function isFinal(error: ProviderError): boolean {
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

function fileMessageType(mimeType: string): Message['type'] {
  const type = mimeType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'document';
}
