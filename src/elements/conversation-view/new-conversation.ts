import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Backend } from '../../api/backend.js';
import { describeError } from '../../api/describe-error.js';
import { toApiError, type ApiError } from '../../api/errors.js';
import type { Channel, ChannelType, Recipient, StartedConversation } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import { newConversationStrings } from '../../i18n/en/new-conversation.js';
import { useEnglish } from '../../i18n/localize.js';
import { loadPhoneNumbers, type PhoneLibrary } from '../../internal/phone-numbers.js';

/** How each channel reaches someone it has no chat with yet (docs/openapi.yaml `startConversation`). */
const REACHABLE_BY: Partial<Record<ChannelType, 'phone' | 'phone-or-username'>> = {
  whatsapp: 'phone',
  max: 'phone',
  telegram: 'phone-or-username',
};

/** A Telegram username: 5 to 32 letters, digits or underscores, from a letter; the `@` optional. */
const USERNAME = /^@?[A-Za-z][A-Za-z0-9_]{4,31}$/;

/** What the recipient field holds: who to send to, or why it cannot be sent yet. */
type RecipientReading = { to: Recipient; formatted?: string } | { problem: 'empty' | 'short' | 'invalid' };

type Field = 'account' | 'recipient' | 'text';

export const newConversationStyles = css`
  .list-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }

  /* Small enough to sit beside the heading in the list's narrowest pane. */
  .new-conversation-open {
    min-block-size: calc(var(--_control-size) * 0.8);
    padding-block: calc(var(--_space) * 0.5);
    padding-inline: var(--_space);
    font-size: 0.9em;
  }

  .new-conversation {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_border);
    background: var(--_surface-alt);
  }

  .new-conversation h3 {
    margin: 0;
    font-size: 1em;
  }

  .new-conversation textarea {
    inline-size: 100%;
    min-block-size: calc(var(--_control-size) * 2);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    resize: vertical;
  }

  .new-conversation textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .new-conversation textarea:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .new-conversation .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }

  .new-conversation p {
    margin: 0;
  }

  .new-conversation .valid {
    color: var(--_success);
  }
`;

export interface NewConversationOptions {
  backend(): Backend | undefined;
  signal(): AbortSignal;
  strings(): Strings;
  /** The linked accounts the element shows conversations of. */
  accounts(): Channel[];
  /** The first message went: the host lists the conversation and opens it. */
  onStarted(started: StartedConversation): void;
  /** Says something in the host's live region. */
  announce(text: string): void;
  /** Where the focus goes when the form closes for good (the backend cannot start conversations). */
  focusFallback(): void;
}

/**
 * "New conversation": the button in the list's header and the form it opens, which sends a first text
 * from a linked account to a phone number (checked with the phone-number library as it is typed, fetched
 * when the form first opens) or a Telegram username. Only where the backend can: none without
 * `startConversation`, and none once it answered 501.
 */
export class NewConversation {
  private opened = false;
  private refused = false;
  private sending = false;
  private accountId: number | null = null;
  private recipient = '';
  private text = '';
  private errors: Partial<Record<Field, string>> = {};
  /** Why the last send failed when trying again can help; the typed text stays. */
  private failure: string | null = null;
  private library: PhoneLibrary | null = null;
  private libraryFailed = false;
  /** Kept while the form is unchanged, so trying again never sends twice. */
  private externalId: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly options: NewConversationOptions,
  ) {
    useEnglish(newConversationStrings);
  }

  /** The connected accounts that can reach someone new. */
  private get accounts(): Channel[] {
    return this.options.accounts().filter((channel) => channel.is_connected && REACHABLE_BY[channel.type]);
  }

  private get available(): boolean {
    return (
      !this.refused && this.options.backend()?.startConversation !== undefined && this.accounts.length > 0
    );
  }

  private get account(): Channel | undefined {
    const accounts = this.accounts;
    return accounts.find((channel) => channel.id === this.accountId) ?? accounts[0];
  }

  /** Closes the form when the services change; what was typed goes with them. */
  reset(): void {
    this.opened = false;
    this.sending = false;
    this.clear();
  }

  private clear(): void {
    this.recipient = '';
    this.text = '';
    this.errors = {};
    this.failure = null;
    this.externalId = null;
  }

  private open(): void {
    this.opened = true;
    void this.loadLibrary();
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.root.querySelector<HTMLElement>('#new-conversation select, #new-conversation input')?.focus(),
    );
  }

  private close(): void {
    this.opened = false;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const button = this.root.querySelector<HTMLElement>('[part~="new-conversation"]');
      if (button) button.focus();
      else this.options.focusFallback();
    });
  }

  private get root(): HTMLElement | DocumentFragment {
    return this.host.renderRoot;
  }

  private loadLibrary(): Promise<PhoneLibrary | null> {
    if (this.library) return Promise.resolve(this.library);
    return loadPhoneNumbers().then(
      (library) => {
        this.library = library;
        this.libraryFailed = false;
        this.host.requestUpdate();
        return library;
      },
      () => {
        this.libraryFailed = true;
        this.host.requestUpdate();
        return null;
      },
    );
  }

  /** The recipient as typed: a username where the account takes one, else a phone number. */
  private read(value: string, account: Channel | undefined, library: PhoneLibrary): RecipientReading {
    const typed = value.trim();
    if (typed === '') return { problem: 'empty' };
    if (REACHABLE_BY[account?.type ?? 'whatsapp'] === 'phone-or-username' && /^@|^[A-Za-z]/.test(typed)) {
      return USERNAME.test(typed) ? { to: { username: typed.replace(/^@/, '') } } : { problem: 'invalid' };
    }
    const length = library.validatePhoneNumberLength(typed);
    if (length === 'TOO_SHORT') return { problem: 'short' };
    const number = library.parsePhoneNumberFromString(typed);
    if (length !== undefined || !number?.isValid()) return { problem: 'invalid' };
    return { to: { phone: number.number }, formatted: number.formatInternational() };
  }

  private problemText(reading: RecipientReading, account: Channel | undefined): string | undefined {
    if (!('problem' in reading)) return undefined;
    const s = this.options.strings();
    if (reading.problem === 'empty') return s.newConversationRecipientRequired;
    const username = REACHABLE_BY[account?.type ?? 'whatsapp'] === 'phone-or-username';
    return username && /^@|^[A-Za-z]/.test(this.recipient.trim())
      ? s.newConversationUsernameInvalid
      : s.newConversationPhoneInvalid;
  }

  private changed(field: Field): void {
    delete this.errors[field];
    this.failure = null;
    this.externalId = null;
    this.host.requestUpdate();
  }

  private readonly handleAccount = (event: Event): void => {
    this.accountId = Number((event.target as HTMLSelectElement).value);
    delete this.errors.recipient;
    this.changed('account');
  };

  private readonly handleRecipient = (event: Event): void => {
    this.recipient = (event.target as HTMLInputElement).value;
    this.changed('recipient');
  };

  private readonly handleText = (event: Event): void => {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.changed('text');
  };

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.close();
  };

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.send();
  };

  private async send(): Promise<void> {
    const backend = this.options.backend();
    const account = this.account;
    if (this.sending || !backend?.startConversation || !account) return;
    const library = await this.loadLibrary();
    if (!library) return;
    const s = this.options.strings();
    const reading = this.read(this.recipient, account, library);
    this.errors = {};
    const recipientProblem = this.problemText(reading, account);
    if (recipientProblem) this.errors.recipient = recipientProblem;
    if (this.text.trim() === '') this.errors.text = s.newConversationMessageRequired;
    if (recipientProblem || this.errors.text || !('to' in reading)) {
      this.host.requestUpdate();
      this.focus(this.errors.recipient ? 'recipient' : 'text');
      return;
    }
    this.externalId ??= crypto.randomUUID();
    this.sending = true;
    this.failure = null;
    this.host.requestUpdate();
    try {
      const started = await backend.startConversation(
        { channelId: account.id, to: reading.to, text: this.text, externalId: this.externalId },
        { signal: this.options.signal() },
      );
      this.sending = false;
      this.opened = false;
      this.clear();
      this.host.requestUpdate();
      this.options.onStarted(started);
    } catch (error) {
      this.sending = false;
      this.refuse(toApiError(error));
    }
  }

  /** Puts a refusal where it belongs: at its field, over the form, or (501) the form away for good. */
  private refuse(error: ApiError): void {
    if (error.kind === 'aborted') return;
    const s = this.options.strings();
    if (error.status === 501) {
      this.refused = true;
      this.options.announce(s.newConversationUnavailable);
      this.close();
      return;
    }
    if (error.kind === 'validation') {
      const fieldErrors = error.fieldErrors;
      const recipient = fieldErrors['to.phone'] ?? fieldErrors['to.username'] ?? fieldErrors['to'];
      if (recipient?.[0]) this.errors.recipient = recipient[0];
      if (fieldErrors['text']?.[0]) this.errors.text = fieldErrors['text'][0];
      if (fieldErrors['channel_id']?.[0]) this.errors.account = fieldErrors['channel_id'][0];
      if (Object.keys(this.errors).length === 0) this.errors.recipient = describeError(error, s);
    } else if (error.kind === 'conflict' || error.kind === 'not-found') {
      this.errors.account = describeError(error, s);
    } else {
      this.failure = s.newConversationFailed(describeError(error, s));
    }
    this.host.requestUpdate();
    if (!this.failure)
      this.focus(this.errors.account ? 'account' : this.errors.recipient ? 'recipient' : 'text');
  }

  private focus(field: Field): void {
    const id = {
      account: 'new-conversation-account',
      recipient: 'new-conversation-to',
      text: 'new-conversation-text',
    };
    void this.host.updateComplete.then(() => this.root.querySelector<HTMLElement>(`#${id[field]}`)?.focus());
  }

  /** The button in the list's header; nothing where conversations cannot be started. */
  renderButton(): TemplateResult | typeof nothing {
    if (!this.available) return nothing;
    return html`<button
      type="button"
      part="new-conversation"
      class="button new-conversation-open"
      aria-expanded=${this.opened ? 'true' : 'false'}
      aria-controls="new-conversation"
      @click=${() => (this.opened ? this.close() : this.open())}
    >
      ${this.options.strings().newConversationOpen}
    </button>`;
  }

  /** The form, under the list's header while it is open. */
  renderForm(): TemplateResult | typeof nothing {
    if (!this.opened || !this.available) return nothing;
    const s = this.options.strings();
    const account = this.account;
    const byUsername = REACHABLE_BY[account?.type ?? 'whatsapp'] === 'phone-or-username';
    return html`<form
      id="new-conversation"
      part="new-conversation-form"
      class="new-conversation"
      aria-labelledby="new-conversation-heading"
      aria-busy=${this.sending ? 'true' : 'false'}
      novalidate
      @submit=${this.handleSubmit}
      @keydown=${this.handleKeydown}
    >
      <h3 id="new-conversation-heading">${s.newConversationHeading}</h3>
      ${this.renderAccountField(account, s)}
      <div class="field">
        <label for="new-conversation-to">
          ${byUsername ? s.newConversationPhoneOrUsername : s.newConversationPhone}
        </label>
        <input
          id="new-conversation-to"
          name="to"
          type=${byUsername ? 'text' : 'tel'}
          inputmode=${byUsername ? 'text' : 'tel'}
          autocomplete="off"
          dir="ltr"
          required
          .value=${live(this.recipient)}
          aria-invalid=${this.recipientError ? 'true' : 'false'}
          aria-describedby="new-conversation-to-hint new-conversation-to-check"
          @input=${this.handleRecipient}
        />
        <span id="new-conversation-to-hint" class="hint">
          ${byUsername ? s.newConversationUsernameHint : s.newConversationPhoneHint}
        </span>
        ${this.renderRecipientCheck(account, s)}
      </div>
      <div class="field">
        <label for="new-conversation-text">${s.newConversationMessage}</label>
        <textarea
          id="new-conversation-text"
          name="text"
          rows="3"
          maxlength="4096"
          required
          .value=${live(this.text)}
          aria-invalid=${this.errors.text ? 'true' : 'false'}
          aria-describedby="new-conversation-text-error"
          @input=${this.handleText}
        ></textarea>
        <span id="new-conversation-text-error" class="field-error">${this.errors.text ?? nothing}</span>
      </div>
      <p role="status" class="hint">${this.sending ? s.newConversationSending : nothing}</p>
      ${this.failure ? html`<p role="alert" class="error">${this.failure}</p>` : nothing}
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.sending}>
          ${
            this.sending
              ? html`<span class="spinner" aria-hidden="true"></span>${s.newConversationSending}`
              : this.failure
                ? s.newConversationRetry
                : s.newConversationSend
          }
        </button>
        <button class="button" type="button" @click=${() => this.close()}>${s.newConversationCancel}</button>
      </div>
    </form>`;
  }

  /** The error at the field: the server's, or the library's verdict on what is typed so far. */
  private get recipientError(): string | undefined {
    if (this.errors.recipient) return this.errors.recipient;
    if (this.libraryFailed) return this.options.strings().newConversationCheckUnavailable;
    if (!this.library) return undefined;
    const reading = this.read(this.recipient, this.account, this.library);
    // Flagged while typing only once no more digits can make it valid; an empty or short field waits for Send.
    return 'problem' in reading && reading.problem === 'invalid'
      ? this.problemText(reading, this.account)
      : undefined;
  }

  private renderRecipientCheck(account: Channel | undefined, s: Strings): TemplateResult {
    const error = this.recipientError;
    const reading = this.library && !error ? this.read(this.recipient, account, this.library) : undefined;
    const valid = reading && 'formatted' in reading && reading.formatted;
    return html`<span id="new-conversation-to-check" class=${error ? 'field-error' : 'hint valid'}>
      ${error ?? (valid ? s.newConversationPhoneValid(valid) : nothing)}
    </span>`;
  }

  private renderAccountField(account: Channel | undefined, s: Strings): TemplateResult {
    const accounts = this.accounts;
    return html`<div class="field">
      <label for="new-conversation-account">${s.newConversationAccount}</label>
      <select
        id="new-conversation-account"
        name="channel_id"
        aria-invalid=${this.errors.account ? 'true' : 'false'}
        aria-describedby="new-conversation-account-error"
        @change=${this.handleAccount}
      >
        ${accounts.map(
          (channel) =>
            html`<option value=${channel.id} ?selected=${channel.id === account?.id}>
              ${s.accountsAccountName(s.channelName(channel.type), channel.username)}
            </option>`,
        )}
      </select>
      <span id="new-conversation-account-error" class="field-error">${this.errors.account ?? nothing}</span>
    </div>`;
  }
}
