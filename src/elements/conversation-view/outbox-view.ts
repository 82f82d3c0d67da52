import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { describeError } from '../../api/describe-error.js';
import { ApiError } from '../../api/errors.js';
import type { Message, MessageType } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import { createOwnBlobUrl, revokeOwnBlobUrl, safeUrl } from '../../internal/safe-url.js';
import type { Inbox } from '../../stores/inbox.js';
import type { OutboxEntry, OutboxEvent, OutboxHoldUp } from '../../stores/outbox.js';

function typeOfMime(mimeType: string): MessageType {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return 'document';
}

/** The id an unsent message has in the thread until the server's copy replaces it. */
export function localMessageId(externalId: string): string {
  return `local:${externalId}`;
}

/** Why the first unsent message waits to go again, in words: what the server answered, or that it was not reached. */
export function holdUpText(holdUp: OutboxHoldUp, strings: Strings): string {
  const status = holdUp.status;
  let reason: string;
  if (holdUp.kind === 'rate-limited') reason = strings.messageHeldUpRateLimited(status ?? 429);
  else if (holdUp.kind === 'server' && status !== undefined && [502, 503, 504].includes(status))
    reason = strings.messageHeldUpUnavailable(status);
  else if (holdUp.kind === 'server') reason = strings.messageHeldUpServerError(status ?? 500);
  else if (holdUp.kind === 'timeout') reason = strings.messageHeldUpTimeout;
  else reason = strings.messageHeldUpNoConnection;
  return strings.messageHeldUp(reason);
}

/** Why the server refused an unsent message, in words. */
export function failureText(entry: OutboxEntry, strings: Strings): string {
  const failure = entry.failure;
  if (!failure) return '';
  return (
    failure.message ?? describeError(new ApiError({ kind: failure.kind, status: failure.status }), strings)
  );
}

export interface OutboxViewOptions {
  /** What the outbox says happened to a message on its way out. */
  onEvent(event: OutboxEvent): void;
  /** The first unsent message waits to go again, for a reason other than the last time's. */
  onHeldUp(holdUp: OutboxHoldUp): void;
  /** A note under a message (`null` removes it): why it could not be sent again. */
  onNotice(messageId: string, text: string | null): void;
  signal(): AbortSignal;
  strings(): Strings;
}

/**
 * The outbox as the thread shows it: unsent messages after the server's ones (with their upload
 * progress, why the first one waits or why one was refused, with Retry and Discard, and the others
 * queued behind it), image
 * previews from the files themselves, and sending again a message the provider failed to deliver.
 */
export class OutboxView {
  entries: readonly OutboxEntry[] = [];
  progress: Record<string, number> = {};
  holdUp: OutboxHoldUp | null = null;
  /** Failed messages sent again (or being sent again) from here, which no longer offer Retry. */
  resent = new Set<string>();

  private inbox: Inbox | undefined;
  private readonly previews = new Map<string, string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: OutboxViewOptions,
  ) {}

  /** Follows the inbox's outbox; returns what stops it. */
  attach(inbox: Inbox): (() => void)[] {
    this.inbox = inbox;
    return [
      inbox.outbox.use(),
      inbox.outbox.entries.subscribe((entries) => {
        this.entries = entries;
        this.releaseStalePreviews(entries);
        this.host.requestUpdate();
      }),
      inbox.outbox.progress.subscribe((progress) => {
        this.progress = progress;
        this.host.requestUpdate();
      }),
      inbox.outbox.holdUp.subscribe((holdUp) => {
        const previous = this.holdUp;
        this.holdUp = holdUp;
        this.host.requestUpdate();
        if (holdUp && !sameHoldUp(previous, holdUp)) this.options.onHeldUp(holdUp);
      }),
      inbox.outbox.listen((event) => this.options.onEvent(event)),
      () => this.detach(),
    ];
  }

  /** The thread's messages followed by those of its unsent ones the server has not confirmed yet. */
  withUnsent(messages: readonly Message[], conversationId: string | null): readonly Message[] {
    const pending = this.entries.filter((entry) => entry.conversation_id === conversationId);
    if (pending.length === 0) return messages;
    const confirmed = new Set(messages.map((message) => message.external_id).filter(Boolean));
    const local = pending
      .filter((entry) => !confirmed.has(entry.external_id))
      .map((entry) => this.localMessage(entry));
    return local.length === 0 ? messages : [...messages, ...local];
  }

  entryOf(message: Message): OutboxEntry | undefined {
    return message.id.startsWith('local:')
      ? this.entries.find((item) => item.external_id === message.external_id)
      : undefined;
  }

  /** Queues a message; an image's preview URL is kept for its unsent row. */
  async add(entry: Omit<OutboxEntry, 'scope'>, previewUrl?: string): Promise<void> {
    if (previewUrl) this.previews.set(entry.external_id, previewUrl);
    await this.inbox?.outbox.add(entry);
  }

  /** Whether an unsent message shows this preview URL, which therefore must stay. */
  showsPreview(url: string): boolean {
    return [...this.previews.values()].includes(url);
  }

  /** Sends a message the provider failed to deliver again, as a new message (a new `external_id`). */
  async resend(message: Message): Promise<void> {
    const inbox = this.inbox;
    if (!inbox || this.resent.has(message.id)) return;
    this.setResent(message.id, true);
    const entry = {
      conversation_id: message.conversation_id,
      external_id: crypto.randomUUID(),
      created_at: new Date().toISOString(),
      ...(message.reply_to_message_id ? { reply_to_message_id: message.reply_to_message_id } : {}),
    };
    if (!message.file) {
      if (message.text) await inbox.outbox.add({ ...entry, text: message.text });
      return;
    }
    // A file goes out again from the copy the server kept.
    const { name, mime_type, caption, download_url } = message.file;
    const url = safeUrl(download_url);
    const signal = this.options.signal();
    try {
      if (!url) throw new Error('unsafe download URL');
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error(`download answered ${response.status}`);
      const blob = await response.blob();
      await inbox.outbox.add({
        ...entry,
        file: { blob, name, mime_type, size: blob.size, ...(caption ? { caption } : {}) },
      });
    } catch {
      this.setResent(message.id, false);
      if (signal.aborted) return;
      this.options.onNotice(message.id, this.options.strings().messageRetryFileGone);
    }
  }

  /** Whether an unsent message waits behind the one the outbox cannot send yet. */
  isQueued(message: Message): boolean {
    const entry = this.entryOf(message);
    return Boolean(entry && !entry.failure && this.holdUp && this.holdUp.external_id !== entry.external_id);
  }

  /** What a message row shows about its way out: progress, a hold-up, refusal or failure, with what to do. */
  render(message: Message, strings: Strings, percent: (value: number) => string): TemplateResult {
    const local = message.id.startsWith('local:');
    const entry = this.entryOf(message);
    const progress = message.external_id ? this.progress[message.external_id] : undefined;
    const outbox = this.inbox?.outbox;
    const holdUp =
      entry && !entry.failure && this.holdUp?.external_id === entry.external_id ? this.holdUp : null;
    return html`${
      progress !== undefined
        ? html`<progress
            max="1"
            .value=${progress}
            aria-label=${strings.messageUploading(percent(progress))}
          ></progress>`
        : nothing
    }
    ${
      entry && (holdUp || entry.failure)
        ? html`<p class="error">
              ${holdUp ? holdUpText(holdUp, strings) : strings.messageSendFailed(failureText(entry, strings))}
            </p>
            <span class="actions">
              <button class="link-button" type="button" @click=${() => outbox?.retry(entry.external_id)}>
                ${strings.messageRetry}
              </button>
              <button class="link-button" type="button" @click=${() => outbox?.discard(entry.external_id)}>
                ${strings.messageDiscard}
              </button>
            </span>`
        : nothing
    }
    ${
      !local && message.status === 'failed'
        ? html`<p class="error">
              ${message.error ? strings.messageFailedReason(message.error) : strings.messageStatus('failed')}
            </p>
            ${
              (message.text || message.file) && !this.resent.has(message.id)
                ? html`<button class="link-button" type="button" @click=${() => void this.resend(message)}>
                    ${strings.messageRetry}
                  </button>`
                : nothing
            }`
        : nothing
    }`;
  }

  /** An unsent message as the thread shows it until the server's copy replaces it. */
  private localMessage(entry: OutboxEntry): Message {
    const file = entry.file;
    let previewUrl = '';
    if (file && /^(image|audio|video)\//.test(file.mime_type)) {
      previewUrl = this.previews.get(entry.external_id) ?? createOwnBlobUrl(file.blob);
      this.previews.set(entry.external_id, previewUrl);
    }
    return {
      id: localMessageId(entry.external_id),
      conversation_id: entry.conversation_id,
      external_id: entry.external_id,
      direction: 'outgoing',
      type: file ? typeOfMime(file.mime_type) : 'text',
      text: file ? (file.caption ?? null) : (entry.text ?? ''),
      file: file
        ? {
            name: file.name,
            mime_type: file.mime_type,
            size: file.size,
            caption: file.caption ?? null,
            download_url: previewUrl,
          }
        : null,
      sender: { id: 'me', name: null },
      timestamp: entry.created_at,
      status: entry.failure ? 'failed' : 'pending',
      error: null,
      reply_to_message_id: entry.reply_to_message_id ?? null,
      deleted: false,
    };
  }

  private setResent(id: string, resent: boolean): void {
    const next = new Set(this.resent);
    if (resent) next.add(id);
    else next.delete(id);
    this.resent = next;
    this.host.requestUpdate();
  }

  private releaseStalePreviews(entries: readonly OutboxEntry[]): void {
    const live = new Set(entries.map((entry) => entry.external_id));
    for (const [externalId, url] of this.previews) {
      if (!live.has(externalId)) {
        revokeOwnBlobUrl(url);
        this.previews.delete(externalId);
      }
    }
  }

  private detach(): void {
    for (const url of this.previews.values()) revokeOwnBlobUrl(url);
    this.previews.clear();
    this.inbox = undefined;
  }
}

function sameHoldUp(a: OutboxHoldUp | null, b: OutboxHoldUp): boolean {
  return a?.external_id === b.external_id && a.kind === b.kind && a.status === b.status;
}
