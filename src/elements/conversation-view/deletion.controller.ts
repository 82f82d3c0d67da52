import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Backend } from '../../api/backend.js';
import { describeError } from '../../api/describe-error.js';
import { toApiError } from '../../api/errors.js';
import type { ChannelType, Message } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';

/** The provider deletes only WhatsApp and Telegram messages, and only once they reached the recipient. */
const DELETABLE_CHANNELS = new Set<ChannelType>(['whatsapp', 'telegram']);
const DELIVERED = new Set(['delivered', 'read', 'played']);

export interface DeletionOptions {
  backend(): Backend | undefined;
  signal(): AbortSignal;
  strings(): Strings;
  /** The DOM element of a message's row, to put the focus in it. */
  rowElement(messageId: string): HTMLElement | undefined;
  /** The message list, where the focus goes when a deleted message's buttons are gone. */
  list(): HTMLElement | null;
  /** The message is deleted on the backend: the thread shows it so. */
  onDeleted(message: Message): void;
  /** A note under a message (`null` removes it): why it could not be deleted. */
  onNotice(messageId: string, text: string | null): void;
}

/** Deleting a sent message for everyone: whether it can be, the confirmation in the message, the call. */
export class Deletion {
  /** The message whose confirmation is shown. */
  confirming: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DeletionOptions,
  ) {}

  /** Whether a message can be deleted for everyone; `channel` is its conversation's, when known. */
  canDelete(message: Message, channel: ChannelType | undefined): boolean {
    return (
      message.direction === 'outgoing' &&
      !message.deleted &&
      !message.id.startsWith('local:') &&
      message.status !== null &&
      DELIVERED.has(message.status) &&
      (!channel || DELETABLE_CHANNELS.has(channel))
    );
  }

  /** Shows the confirmation in the message, with the focus on its safe choice. */
  ask(message: Message): void {
    this.setConfirming(message.id);
    this.options.onNotice(message.id, null);
    void this.host.updateComplete.then(() =>
      this.options.rowElement(message.id)?.querySelector<HTMLElement>('.keep')?.focus(),
    );
  }

  /** Closes the confirmation; the focus goes back to the Delete button it came from. */
  keep(message: Message): void {
    this.setConfirming(null);
    void this.host.updateComplete.then(() =>
      this.options.rowElement(message.id)?.querySelector<HTMLElement>('.delete')?.focus(),
    );
  }

  /** Another thread opened. */
  reset(): void {
    this.setConfirming(null);
  }

  async delete(message: Message): Promise<void> {
    const backend = this.options.backend();
    if (!backend) return;
    const s = this.options.strings();
    try {
      await backend.deleteMessage(message.id, { signal: this.options.signal() });
      this.setConfirming(null);
      this.options.onDeleted(message);
      // The message and its buttons are gone: the focus stays in the list, where the message was.
      void this.host.updateComplete.then(() => this.options.list()?.focus({ preventScroll: true }));
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted') return;
      this.setConfirming(null);
      const reasons = Object.values(apiError.fieldErrors).flat().join(' ');
      const text =
        apiError.kind === 'validation'
          ? reasons.includes('not_complete')
            ? s.messageDeleteNotDelivered
            : s.messageDeleteNotPossible
          : describeError(apiError, s);
      this.options.onNotice(message.id, text);
      this.keep(message);
    }
  }

  renderConfirm(message: Message, strings: Strings): TemplateResult {
    const s = strings;
    return html`<div
      class="confirm"
      role="group"
      aria-label=${s.messageDeleteConfirm}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') this.keep(message);
      }}
    >
      <p>${s.messageDeleteConfirm}</p>
      <button class="button danger" type="button" @click=${() => this.delete(message)}>
        ${s.messageDeleteConfirmAction}
      </button>
      <button class="button keep" type="button" @click=${() => this.keep(message)}>
        ${s.messageDeleteCancel}
      </button>
    </div>`;
  }

  private setConfirming(id: string | null): void {
    this.confirming = id;
    this.host.requestUpdate();
  }
}
