import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Backend } from '../../api/backend.js';
import { describeError } from '../../api/describe-error.js';
import { toApiError } from '../../api/errors.js';
import type { Conversation, Message } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';

export interface MessageActionsOptions {
  backend(): Backend | undefined;
  signal(): AbortSignal;
  strings(): Strings;
  /** The conversations a message can be forwarded to, as the list holds them. */
  conversations(): readonly Conversation[];
  /** What a conversation is called in the list. */
  nameOf(conversation: Conversation): string;
  rowElement(messageId: string): HTMLElement | undefined;
  /** The server's copy of a message that changed, or of a message forwarded. */
  onMessage(message: Message): void;
  onNotice(messageId: string, text: string | null): void;
  announce(text: string): void;
}

interface Form {
  kind: 'edit' | 'forward';
  messageId: string;
  /** A call is under way: the form takes no second submit. */
  pending: boolean;
  /** One `external_id` per target, kept while the form is open: a retry is the same forward to the server. */
  forwardIds: Map<string, string>;
}

/** What Copy copies: the text, or a file's caption. */
function copyableText(message: Message): string {
  return message.text ?? message.file?.caption ?? '';
}

/**
 * Copy, Edit and Forward on a message. Copy is always offered for text (the Clipboard API, and a note
 * when the browser refuses); Edit (the user's own texts) and Forward (texts) only where the backend has
 * the call, and no more once it answered 501. Edit and Forward open a small form inside the message.
 */
export class MessageActions {
  private form: Form | null = null;
  private readonly refused = new Set<'edit' | 'forward'>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: MessageActionsOptions,
  ) {}

  canEdit(message: Message): boolean {
    return (
      !this.refused.has('edit') &&
      this.options.backend()?.editMessage !== undefined &&
      message.direction === 'outgoing' &&
      message.type === 'text' &&
      !message.deleted &&
      !message.id.startsWith('local:')
    );
  }

  canForward(message: Message): boolean {
    return (
      !this.refused.has('forward') &&
      this.options.backend()?.forwardMessage !== undefined &&
      message.type === 'text' &&
      Boolean(message.text) &&
      !message.deleted &&
      !message.id.startsWith('local:')
    );
  }

  /** Another thread opened. */
  reset(): void {
    this.form = null;
    this.host.requestUpdate();
  }

  async copy(message: Message): Promise<void> {
    const s = this.options.strings();
    try {
      await navigator.clipboard.writeText(copyableText(message));
      this.options.onNotice(message.id, null);
      this.options.announce(s.messageCopied);
    } catch {
      this.options.onNotice(message.id, s.messageCopyRefused);
    }
  }

  private openForm(kind: Form['kind'], message: Message): void {
    this.form = { kind, messageId: message.id, pending: false, forwardIds: new Map() };
    this.options.onNotice(message.id, null);
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.options
        .rowElement(message.id)
        ?.querySelector<HTMLElement>('.message-form textarea, .message-form select')
        ?.focus(),
    );
  }

  private closeForm(message: Message, opener: 'edit' | 'forward'): void {
    this.form = null;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.options.rowElement(message.id)?.querySelector<HTMLElement>(`.${opener}`)?.focus(),
    );
  }

  private async run(
    kind: Form['kind'],
    message: Message,
    call: (backend: Backend) => Promise<Message> | undefined,
  ): Promise<void> {
    const backend = this.options.backend();
    const pending = backend && call(backend);
    if (!pending) return;
    const s = this.options.strings();
    const form = this.form;
    if (form) form.pending = true;
    this.host.requestUpdate();
    try {
      this.options.onMessage(await pending);
      this.closeForm(message, kind);
      if (kind === 'forward') this.options.announce(s.messageForwarded);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted') return;
      if (apiError.status === 501) {
        this.refused.add(kind);
        this.form = null;
        this.host.requestUpdate();
      }
      const reason = describeError(apiError, s);
      const unsupported = kind === 'edit' ? s.messageEditUnsupported : s.messageForwardUnsupported;
      this.options.onNotice(
        message.id,
        apiError.status === 501
          ? unsupported
          : kind === 'edit'
            ? s.messageEditFailed(reason)
            : s.messageForwardFailed(reason),
      );
    } finally {
      if (form) form.pending = false;
      this.host.requestUpdate();
    }
  }

  private readonly handleSubmit = (event: SubmitEvent, message: Message): void => {
    event.preventDefault();
    if (!this.form || this.form.pending) return;
    const form = event.currentTarget as HTMLFormElement;
    if (this.form.kind === 'edit') {
      const text = form.querySelector('textarea')?.value.trim() ?? '';
      if (!text || text === message.text) {
        this.closeForm(message, 'edit');
        return;
      }
      void this.run('edit', message, (backend) =>
        backend.editMessage?.(message.conversation_id, message.id, text, { signal: this.options.signal() }),
      );
    } else {
      const to = form.querySelector('select')?.value;
      if (!to) return;
      const ids = this.form.forwardIds;
      const externalId = ids.get(to) ?? crypto.randomUUID();
      ids.set(to, externalId);
      void this.run('forward', message, (backend) =>
        backend.forwardMessage?.(
          message.conversation_id,
          message.id,
          { toConversationId: to, externalId },
          { signal: this.options.signal() },
        ),
      );
    }
  };

  /** Copy, Edit and Forward among the message's actions, each where it applies. */
  renderButtons(message: Message, strings: Strings): TemplateResult {
    const s = strings;
    const form = this.form?.messageId === message.id ? this.form.kind : null;
    return html`${
      copyableText(message)
        ? html`<button
            class="icon-button copy"
            type="button"
            aria-label=${s.messageCopy}
            @click=${() => this.copy(message)}
          >
            <span aria-hidden="true">⧉</span>
          </button>`
        : nothing
    }
    ${
      this.canEdit(message)
        ? html`<button
            class="icon-button edit"
            type="button"
            aria-label=${s.messageEdit}
            aria-expanded=${form === 'edit' ? 'true' : 'false'}
            @click=${() => (form === 'edit' ? this.closeForm(message, 'edit') : this.openForm('edit', message))}
          >
            <span aria-hidden="true">✎</span>
          </button>`
        : nothing
    }
    ${
      this.canForward(message)
        ? html`<button
            class="icon-button forward"
            type="button"
            aria-label=${s.messageForward}
            aria-expanded=${form === 'forward' ? 'true' : 'false'}
            @click=${() =>
              form === 'forward' ? this.closeForm(message, 'forward') : this.openForm('forward', message)}
          >
            <span aria-hidden="true">↪</span>
          </button>`
        : nothing
    }`;
  }

  /** The open Edit or Forward form of the message, inside its bubble. */
  renderForm(message: Message, strings: Strings): TemplateResult | typeof nothing {
    const form = this.form?.messageId === message.id ? this.form.kind : null;
    if (form === 'edit' && !this.canEdit(message)) return nothing;
    if (form === 'forward' && !this.canForward(message)) return nothing;
    if (!form) return nothing;
    const s = strings;
    const label = form === 'edit' ? s.messageEditLabel : s.messageForwardLabel;
    return html`<form
      class="message-form"
      aria-label=${label}
      @submit=${(event: SubmitEvent) => this.handleSubmit(event, message)}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          this.closeForm(message, form);
        } else if (form === 'edit' && event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          (event.currentTarget as HTMLFormElement).requestSubmit();
        }
      }}
    >
      ${
        form === 'edit'
          ? html`<textarea aria-label=${label} rows="2" .value=${message.text ?? ''}></textarea>`
          : html`<select aria-label=${label}>
              ${this.options
                .conversations()
                .map(
                  (conversation) =>
                    html`<option value=${conversation.id}>${this.options.nameOf(conversation)}</option>`,
                )}
            </select>`
      }
      <span class="message-form-buttons">
        <button class="button primary" type="submit" ?disabled=${this.form?.pending}>
          ${form === 'edit' ? s.messageEditSave : s.messageForwardSend}
        </button>
        <button class="button" type="button" @click=${() => this.closeForm(message, form)}>
          ${s.messageFormCancel}
        </button>
      </span>
    </form>`;
  }
}

export const messageActionsStyles = css`
  .message-form {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .message-form textarea,
  .message-form select {
    min-inline-size: min(60vw, 280px);
    padding: calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  .message-form-buttons {
    display: flex;
    gap: calc(var(--_space) * 0.5);
  }

  .edited {
    font-style: italic;
  }
`;
