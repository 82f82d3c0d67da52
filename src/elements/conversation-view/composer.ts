import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Message } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import type { Drafts } from '../../stores/drafts.js';
import type { OutboxEntry } from '../../stores/outbox.js';
import type { AttachmentController } from './attachment.controller.js';
import { ACCEPT } from './attachments.js';
import { EmojiPicker, emojiPickerStyles } from './emoji-picker.js';
import { attachIcon, kindIcon } from './icons.js';
import { messageSummary } from './message-content.js';
import { QuickReplies, quickRepliesStyles, type QuickReply } from './quick-replies.js';
import { VoiceRecorder, voiceRecorderStyles } from './voice-recorder.js';

export interface ComposerHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ComposerOptions {
  attachments: AttachmentController;
  /** The open conversation, which messages go to. */
  conversationId(): string | null;
  /** Why nothing can be sent now, or `undefined`. */
  blockedReason(): string | undefined;
  /** Where unsent text waits per conversation, or `undefined` before the services are known. */
  drafts(): Drafts | undefined;
  /** The host's saved replies, which `/` searches. */
  quickReplies(): readonly QuickReply[];
  /** The element's language. */
  locale(): string;
  /** Queues the message in the outbox; an image's preview URL goes with it. */
  send(entry: Omit<OutboxEntry, 'scope'>, previewUrl?: string): Promise<void>;
}

/** The composer: text, the message it replies to, the attachment, and sending with Enter. */
export class Composer {
  replyTo: Message | null = null;
  private readonly quickReplies: QuickReplies;
  private readonly emojiPicker: EmojiPicker;
  private readonly voiceRecorder: VoiceRecorder;

  constructor(
    private readonly host: ComposerHost,
    private readonly options: ComposerOptions,
  ) {
    this.quickReplies = new QuickReplies(host, {
      replies: () => options.quickReplies(),
      textarea: () => this.textarea,
    });
    this.emojiPicker = new EmojiPicker(host, {
      textarea: () => this.textarea,
      locale: () => options.locale(),
    });
    this.voiceRecorder = new VoiceRecorder(host, {
      conversationId: () => options.conversationId(),
      locale: () => options.locale(),
      send: (file) => this.sendVoiceNote(file),
    });
  }

  get textarea(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector('textarea');
  }

  focus(): void {
    this.textarea?.focus();
  }

  startReply(message: Message): void {
    this.setReply(message);
    this.focus();
  }

  /** Another conversation opened: no reply, no saved replies' popup. */
  leave(): void {
    this.quickReplies.close();
    this.emojiPicker.close();
    this.setReply(null);
  }

  /** Sets or leaves the reply; another thread opened leaves it. A file sent with it answers that message. */
  setReply(message: Message | null): void {
    this.replyTo = message;
    this.host.requestUpdate();
  }

  async send(): Promise<void> {
    const conversationId = this.options.conversationId();
    const textarea = this.textarea;
    if (!conversationId || !textarea || this.options.blockedReason()) return;
    const text = textarea.value.trim();
    const attachments = this.options.attachments;
    if (!text && !attachments.attachment) return;
    const attachment = attachments.take();
    const entry: Omit<OutboxEntry, 'scope'> = {
      conversation_id: conversationId,
      external_id: crypto.randomUUID(),
      created_at: new Date().toISOString(),
    };
    if (this.replyTo) entry.reply_to_message_id = this.replyTo.id;
    if (attachment) {
      entry.file = {
        blob: attachment.file,
        name: attachment.file.name,
        mime_type: attachment.mimeType,
        size: attachment.file.size,
        ...(text ? { caption: text } : {}),
      };
    } else {
      entry.text = text;
    }
    textarea.value = '';
    this.options.drafts()?.set(conversationId, '');
    this.quickReplies.handleInput();
    this.setReply(null);
    await this.options.send(entry, attachment?.previewUrl);
  }

  /** A recorded voice note goes as an audio file, answering the message being replied to. */
  private async sendVoiceNote(file: File): Promise<void> {
    const conversationId = this.options.conversationId();
    if (!conversationId || this.options.blockedReason()) throw new Error('sending is blocked');
    const entry: Omit<OutboxEntry, 'scope'> = {
      conversation_id: conversationId,
      external_id: crypto.randomUUID(),
      created_at: new Date().toISOString(),
      file: { blob: file, name: file.name, mime_type: file.type, size: file.size },
    };
    if (this.replyTo) entry.reply_to_message_id = this.replyTo.id;
    this.setReply(null);
    await this.options.send(entry);
  }

  /** The open conversation's draft, which the textarea shows. */
  private get draft(): string {
    const conversationId = this.options.conversationId();
    return conversationId ? (this.options.drafts()?.get(conversationId) ?? '') : '';
  }

  private readonly handleInput = (): void => {
    const conversationId = this.options.conversationId();
    const textarea = this.textarea;
    if (conversationId && textarea) this.options.drafts()?.set(conversationId, textarea.value);
    this.quickReplies.handleInput();
  };

  handleKeydown = (event: KeyboardEvent): void => {
    if (this.quickReplies.handleKeydown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    } else if (event.key === 'Escape' && (this.replyTo || this.options.attachments.attachment)) {
      event.preventDefault();
      this.setReply(null);
      this.options.attachments.clear();
    }
  };

  render(strings: Strings): TemplateResult {
    const s = strings;
    const blocked = this.options.blockedReason();
    const reply = this.replyTo;
    const attachments = this.options.attachments;
    const attachment = attachments.attachment;
    const popup = this.quickReplies.fieldState();
    return html`<form
      part="composer"
      class="composer ${attachments.dragging ? 'dragging' : ''}"
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.send();
      }}
    >
      ${blocked ? html`<p class="blocked" role="status">${blocked}</p>` : nothing}
      ${
        reply
          ? html`<div class="chip">
              <span
                >${s.composerReplyingTo(reply.direction === 'outgoing' ? s.messageYou : (reply.sender.name ?? s.conversationsUnknownContact))}:
                ${kindIcon(reply.type)}${messageSummary(reply, s)}</span
              >
              <button
                class="icon-button"
                type="button"
                aria-label=${s.composerCancelReply}
                @click=${() => this.setReply(null)}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </div>`
          : nothing
      }
      ${
        attachment
          ? html`<div class="chip attachment">
              ${attachment.previewUrl ? html`<img src=${attachment.previewUrl} alt="" />` : nothing}
              <span><bdi>${attachment.file.name}</bdi></span>
              <button
                class="icon-button"
                type="button"
                aria-label=${s.composerRemoveFile(attachment.file.name)}
                @click=${() => attachments.clear()}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </div>`
          : nothing
      }
      ${attachments.error ? html`<p class="error" role="alert">${attachments.error}</p>` : nothing}
      ${attachments.dragging ? html`<p class="hint">${s.composerDrop}</p>` : nothing}
      ${this.quickReplies.render(s)} ${this.emojiPicker.renderPanel(s)} ${this.voiceRecorder.renderPanel(s)}
      <div class="composer-row">
        <label class="icon-button attach" title=${s.composerAttach}>
          ${attachIcon()}
          <span class="visually-hidden">${s.composerAttach}</span>
          <input
            class="visually-hidden"
            type="file"
            accept=${ACCEPT}
            ?disabled=${Boolean(blocked)}
            @change=${attachments.handleChange}
          />
        </label>
        ${this.emojiPicker.renderButton(s, Boolean(blocked))}
        ${this.voiceRecorder.renderButton(s, Boolean(blocked))}
        <label class="visually-hidden" for="composer-text"
          >${attachment ? s.composerCaptionLabel : s.composerLabel}</label
        >
        <textarea
          id="composer-text"
          rows="1"
          placeholder=${attachment ? s.composerCaptionLabel : s.composerPlaceholder}
          aria-describedby="composer-hint"
          aria-autocomplete=${ifDefined(popup.autocomplete)}
          aria-controls=${ifDefined(popup.controls)}
          aria-activedescendant=${ifDefined(popup.activeDescendant)}
          ?disabled=${Boolean(blocked)}
          .value=${live(this.draft)}
          @input=${this.handleInput}
          @keydown=${this.handleKeydown}
          @paste=${attachments.handlePaste}
        ></textarea>
        <button part="send" class="button primary send" type="submit" ?disabled=${Boolean(blocked)}>
          ${s.composerSend}
        </button>
      </div>
      <p id="composer-hint" class="visually-hidden">
        ${s.composerHint} ${popup.autocomplete ? s.quickRepliesHint : nothing}
      </p>
    </form>`;
  }
}

export const composerStyles = [
  quickRepliesStyles,
  emojiPickerStyles,
  voiceRecorderStyles,
  css`
    .composer {
      display: grid;
      gap: calc(var(--_space) * 0.75);
      padding: var(--_space) calc(var(--_space) * 1.5);
      border-block-start: 1px solid var(--_border);
    }

    .composer.dragging {
      outline: 2px dashed var(--_primary);
      outline-offset: -4px;
    }

    .composer p {
      margin: 0;
    }

    .blocked {
      color: var(--_danger);
    }

    .composer-row {
      display: flex;
      align-items: flex-end;
      gap: var(--_space);
    }

    textarea {
      flex: 1;
      min-block-size: var(--_control-size);
      max-block-size: 160px;
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
      field-sizing: content;
      resize: none;
    }

    textarea:focus-visible,
    .attach:focus-within {
      outline: 2px solid transparent;
      box-shadow: var(--_focus);
    }

    .chip {
      display: flex;
      align-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) * 0.5) var(--_space);
      border-inline-start: 3px solid var(--_primary);
      border-radius: 4px;
      background: var(--_surface-alt);
      font-size: 0.9em;
    }

    .chip span {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .chip img {
      inline-size: 40px;
      block-size: 40px;
      border-radius: 4px;
      object-fit: cover;
    }
  `,
];
