import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { describeError } from '../../api/describe-error.js';
import { toApiError, type ApiError } from '../../api/errors.js';
import type { Channel, PhoneChannelType, TelegramAuthStatus } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import { TelegramAuthController } from '../../controllers/telegram-auth.controller.js';
import type {} from '../../events/cancelled.js';
import type {} from '../../events/connect-failed.js';
import type {} from '../../events/connected.js';
import type {} from '../../events/manage-request.js';
import { phoneLoginStrings } from '../../i18n/en/phone-login.js';
import { sentenceWith } from '../../internal/bidi.js';
import { CallScope } from '../../internal/call-scope.js';
import { InboxElement } from '../../internal/inbox-element.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { phoneLoginStyles } from './phone-login.styles.js';

/**
 * Where the login stands. `starting`: waiting for the Telegram room's first `auth_state`; `phone`,
 * `code`, `password`: asking for that; `finishing`: signed in, fetching the linked channel;
 * `connected`; `conflict`: an account is already linked; `unavailable`: Telegram without a socket;
 * `failed`: the connection could not be set up, or the linked channel could not be read.
 */
export type PhoneLoginPhase =
  | 'starting'
  | 'phone'
  | 'code'
  | 'password'
  | 'finishing'
  | 'connected'
  | 'conflict'
  | 'unavailable'
  | 'failed';

type EntryPhase = 'phone' | 'code' | 'password';

const PHASE_OF_STATUS: Record<Exclude<TelegramAuthStatus, 'authorized'>, EntryPhase> = {
  wait_phone: 'phone',
  wait_code: 'code',
  wait_password: 'password',
};

const SEPARATORS = /[\s\-().]+/g;
const PHONE_PATTERN = /^\+?\d{7,15}$/;
const CODE_PATTERN = /^\d{4,8}$/;
/** Seconds to wait after a 429 that did not say how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 30;

interface Notice {
  tone: 'info' | 'error';
  text: string;
}

function isEntryPhase(phase: PhoneLoginPhase): phase is EntryPhase {
  return phase === 'phone' || phase === 'code' || phase === 'password';
}

/**
 * Links a Telegram account by phone number, login code and (when the account has one) cloud password
 * through the backend's realtime login room, or a MAX account by phone number and SMS code.
 *
 * @tagname phone-login
 * @summary Link Telegram or MAX with a phone number and the code sent to it.
 *
 * @fires {CustomEvent<ConnectedDetail>} inbox-connected - The account is linked; `detail.channel` is the channel.
 * @fires {CustomEvent<ConnectFailedDetail>} inbox-connect-failed - Linking cannot go on (`detail.reason`: `conflict`, or the error kind); `detail.message` is what the user was told.
 * @fires {CustomEvent<ManageRequestDetail>} inbox-manage-request - An account was already linked and the user asked to manage it.
 * @fires {CustomEvent<Record<string, never>>} inbox-cancelled - The user chose Cancel.
 *
 * @csspart base - The wrapper around the whole element.
 * @csspart form - The form of the current step (phone number, code or password).
 * @csspart input - The input of the current step.
 * @csspart actions - The row of buttons.
 * @csspart status - Progress, notices, errors and the success message.
 *
 * @cssprop --inbox-phone-gap - Space between the blocks; defaults to 1.5 × `--inbox-space`.
 * @cssprop --inbox-phone-max-inline-size - Widest the element grows; defaults to 28rem.
 * @cssprop --inbox-color-primary - Accent colour of the main button and focus rings.
 * @cssprop --inbox-color-danger - Colour of errors and of an invalid input's border.
 */
export class PhoneLogin extends InboxElement {
  static override styles = [sharedStyles, phoneLoginStyles];
  protected static override englishStrings = phoneLoginStrings;

  /** `element.focus()` moves focus to the input of the current step. */
  static override shadowRootOptions: ShadowRootInit = {
    ...InboxElement.shadowRootOptions,
    delegatesFocus: true,
  };

  private readonly calls = new CallScope(this);
  private readonly submitWait = new CountdownController(this);
  private readonly telegram = new TelegramAuthController(this, {
    socket: () => this.services?.socket,
    onStatus: (status) => this.handleTelegramStatus(status),
    onLink: (up) => this.handleLink(up),
    onFailure: (error) => this.fail(error),
  });

  @query('#entry') private entryInput?: HTMLInputElement;
  @query('.success') private successMessage?: HTMLElement;

  /** The app to link: `telegram` (needs a `socket-url`) or `max`. */
  @property() channel?: PhoneChannelType;

  /** Leaves out the Cancel button, for flows (like channel-connect) that offer their own. */
  @property({ attribute: 'hide-cancel', type: Boolean }) hideCancel = false;

  @state() private currentPhase: PhoneLoginPhase = 'starting';
  @state() private submitting = false;
  @state() private fieldError = '';
  @state() private notice?: Notice;
  /** The Telegram room's connection is down; phoenix is reconnecting. */
  @state() private linkDown = false;
  /** The number the code was sent to; not a secret, and shown in the code step. */
  @state() private phone = '';
  @state() private connectedChannel?: Channel;
  @state() private failure?: ApiError;
  @state() private announcement = '';

  /** Changes whenever an answer on its way stops mattering (a new step, a drop, a reset). */
  private generation = 0;
  /** The login that is running: the channel and services it was started with. */
  private started?: { channel: PhoneChannelType; services: InboxServices };

  /** Where the login stands; see `PhoneLoginPhase`. */
  get phase(): PhoneLoginPhase {
    return this.currentPhase;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const channel = this.channel === 'telegram' || this.channel === 'max' ? this.channel : undefined;
    const services = this.services;
    if (this.started && (this.started.channel !== channel || this.started.services !== services)) {
      this.stopLogin();
    }
    if (!this.started && channel && services) this.startLogin(channel, services);
  }

  // Fires nothing; Cancel calls it and then fires `inbox-cancelled`.
  /** Abandons the login midway and tells the backend (Telegram `reset`, MAX `close_session`). */
  abandon(): void {
    const started = this.started;
    if (!started) return;
    const midway = this.currentPhase === 'code' || this.currentPhase === 'password';
    if (started.channel === 'telegram') {
      if (midway) this.telegram.abandon();
    } else if (midway) {
      started.services.backend.closeMaxSession().catch(() => {
        // Nothing was waiting, or the backend is unreachable: the login is abandoned either way.
      });
    }
    this.stopLogin();
  }

  private startLogin(channel: PhoneChannelType, services: InboxServices): void {
    this.started = { channel, services };
    this.resetView();
    if (channel === 'max') {
      this.currentPhase = 'phone';
    } else if (services.socket) {
      this.currentPhase = 'starting';
      this.telegram.start();
    } else {
      this.currentPhase = 'unavailable';
    }
  }

  private stopLogin(): void {
    this.started = undefined;
    this.telegram.stop();
    this.calls.abortAll();
    this.resetView();
    this.currentPhase = 'starting';
  }

  private resetView(): void {
    this.generation += 1;
    this.submitting = false;
    this.fieldError = '';
    this.notice = undefined;
    this.linkDown = false;
    this.phone = '';
    this.connectedChannel = undefined;
    this.failure = undefined;
    this.submitWait.stop();
  }

  private handleTelegramStatus(status: TelegramAuthStatus): void {
    this.linkDown = false;
    if (status === 'authorized') {
      // Authorized before this login sent anything: the account was linked earlier.
      if (this.currentPhase === 'starting') this.showConflict();
      else if (isEntryPhase(this.currentPhase)) void this.finishTelegram();
      return;
    }
    const next = PHASE_OF_STATUS[status];
    // The first step is where the element starts: the page's focus stays where it is, unless `autofocus`.
    if (next !== this.currentPhase)
      this.enterPhase(next, undefined, this.currentPhase !== 'starting' || this.autofocus);
  }

  private handleLink(up: boolean): void {
    if (up) {
      this.linkDown = false;
      return;
    }
    if (this.linkDown || !(isEntryPhase(this.currentPhase) || this.currentPhase === 'starting')) return;
    this.linkDown = true;
    if (this.submitting) {
      // Its answer may never come; what was sent must be sent again once the room is back.
      this.generation += 1;
      this.submitting = false;
      this.notice = { tone: 'error', text: this.localize.strings.phoneLoginUnconfirmed };
    }
    this.announce(this.localize.strings.phoneLoginReconnecting);
  }

  private enterPhase(phase: EntryPhase, notice?: Notice, focus = true): void {
    this.generation += 1;
    this.currentPhase = phase;
    this.submitting = false;
    this.fieldError = '';
    this.notice = notice;
    this.announce(notice ? `${this.explanation()} ${notice.text}` : this.explanation());
    if (focus) void this.focusEntry();
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const phase = this.currentPhase;
    const input = this.entryInput;
    const started = this.started;
    if (!started || !input || !isEntryPhase(phase)) return;
    if (this.submitting || this.submitWait.running || this.linkDown) return;

    const value = phase === 'password' ? input.value : input.value.replace(SEPARATORS, '');
    const problem = this.checkEntry(phase, value);
    if (problem) {
      this.fieldError = problem;
      this.announce(problem);
      input.focus();
      return;
    }
    // The code and the password are sent once and kept nowhere: not in the input, not on the element.
    if (phase !== 'phone') input.value = '';
    if (phase === 'phone') this.phone = value;

    const generation = ++this.generation;
    this.submitting = true;
    this.fieldError = '';
    this.notice = undefined;
    try {
      const channel = await this.send(started, phase, value);
      if (generation !== this.generation) return;
      if (started.channel === 'max') {
        if (channel) this.showConnected(started.services, channel);
        else this.enterPhase('code');
      }
    } catch (caught) {
      if (generation === this.generation) this.showError(phase, toApiError(caught));
    } finally {
      if (generation === this.generation) this.submitting = false;
    }
  }

  /** Sends one step; MAX's code answers the linked channel, everything else nothing. */
  private async send(
    { channel, services }: { channel: PhoneChannelType; services: InboxServices },
    phase: EntryPhase,
    value: string,
  ): Promise<Channel | undefined> {
    const options = { signal: this.calls.signal };
    if (channel === 'max') {
      if (phase === 'phone') {
        await services.backend.sendMaxPhone(value.replace(/^\+/, ''), options);
        return undefined;
      }
      return services.backend.sendMaxCode(value, options);
    }
    switch (phase) {
      case 'phone':
        await this.telegram.send({ event: 'send_phone', payload: { phone: value } });
        return undefined;
      case 'code':
        await this.telegram.send({ event: 'send_code', payload: { code: value } });
        return undefined;
      case 'password':
        await this.telegram.send({ event: 'send_password', payload: { password: value } });
        return undefined;
    }
  }

  private checkEntry(phase: EntryPhase, value: string): string | undefined {
    const s = this.localize.strings;
    switch (phase) {
      case 'phone':
        if (value === '') return s.phoneLoginPhoneRequired;
        return PHONE_PATTERN.test(value) ? undefined : s.phoneLoginPhoneMalformed;
      case 'code':
        if (value === '') return s.phoneLoginCodeRequired;
        return CODE_PATTERN.test(value) ? undefined : s.phoneLoginCodeMalformed;
      case 'password':
        return value === '' ? s.phoneLoginPasswordRequired : undefined;
    }
  }

  private showError(phase: EntryPhase, error: ApiError): void {
    const s = this.localize.strings;
    switch (error.kind) {
      case 'aborted':
        return;
      case 'validation':
        this.fieldError = this.refusal(phase, error);
        this.announce(this.fieldError);
        void this.focusEntry();
        return;
      case 'conflict':
        this.showConflict();
        return;
      case 'not-found':
        // MAX: no sign-in waits for this code any more.
        this.enterPhase('phone', { tone: 'error', text: s.phoneLoginCodeExpired });
        return;
      case 'rate-limited': {
        const seconds = error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
        this.submitWait.start(seconds);
        this.notice = { tone: 'error', text: s.errorRateLimited(seconds) };
        this.announce(this.notice.text);
        return;
      }
      default:
        this.notice = { tone: 'error', text: describeError(error, s) };
        this.announce(this.notice.text);
        void this.focusEntry();
    }
  }

  /** The refusal of a step in words: the documented 422s each have their own sentence. */
  private refusal(phase: EntryPhase, error: ApiError): string {
    const s = this.localize.strings;
    const fields = error.fieldErrors;
    if (this.started?.channel === 'max') {
      if (fields['phone']) {
        return fields['phone'].some((message) => /blank/i.test(message))
          ? s.phoneLoginPhoneRequired
          : s.phoneLoginPhoneFormat;
      }
      if (fields['code']) return s.phoneLoginCodeRequired;
      if (fields['confirmation_code']) return s.phoneLoginCodeRejected;
      return describeError(error, s);
    }
    switch (phase) {
      case 'phone':
        return s.phoneLoginPhoneRejected;
      case 'code':
        return s.phoneLoginCodeRejected;
      case 'password':
        return s.phoneLoginPasswordRejected;
    }
  }

  private async handleUseAnotherNumber(): Promise<void> {
    const started = this.started;
    if (!started || this.submitting || this.linkDown) return;
    const generation = ++this.generation;
    this.submitting = true;
    this.notice = undefined;
    try {
      if (started.channel === 'telegram') {
        // The room answers with `auth_state` `wait_phone`, which brings the phone step back.
        await this.telegram.send({ event: 'reset', payload: {} });
        return;
      }
      await started.services.backend.closeMaxSession({ signal: this.calls.signal });
      if (generation === this.generation) this.enterPhase('phone');
    } catch (caught) {
      if (generation !== this.generation) return;
      const error = toApiError(caught);
      if (error.kind === 'aborted') return;
      if (started.channel === 'max' && error.fieldErrors['max_session_closer']) {
        this.enterPhase('phone', { tone: 'info', text: this.localize.strings.phoneLoginSessionGone });
      } else {
        this.notice = { tone: 'error', text: describeError(error, this.localize.strings) };
        this.announce(this.notice.text);
      }
    } finally {
      if (generation === this.generation) this.submitting = false;
    }
  }

  private handleCancel(): void {
    this.abandon();
    this.emit('inbox-cancelled', { detail: {} });
  }

  private handleManage(): void {
    if (this.channel) this.emit('inbox-manage-request', { detail: { channel: this.channel } });
  }

  private async finishTelegram(): Promise<void> {
    const started = this.started;
    if (!started) return;
    const generation = ++this.generation;
    this.currentPhase = 'finishing';
    this.submitting = false;
    this.notice = undefined;
    this.failure = undefined;
    this.announce(this.localize.strings.phoneLoginFinishing);
    try {
      const channel = await started.services.backend.getChannelStatus('telegram', {
        signal: this.calls.signal,
      });
      if (generation === this.generation) this.showConnected(started.services, channel);
    } catch (caught) {
      const error = toApiError(caught);
      if (generation === this.generation && error.kind !== 'aborted') this.fail(error);
    }
  }

  private showConnected(services: InboxServices, channel: Channel): void {
    // The login is over: the room is no longer needed.
    this.telegram.stop();
    this.generation += 1;
    this.currentPhase = 'connected';
    this.connectedChannel = channel;
    this.notice = undefined;
    this.submitWait.stop();
    services.channels.upsert(channel);
    this.announce(this.connectedText());
    this.emit('inbox-connected', { detail: { channel } });
    void this.updateComplete.then(() => this.successMessage?.focus());
  }

  private showConflict(): void {
    const message = this.localize.strings.phoneLoginAlreadyLinked(this.channelName());
    this.telegram.stop();
    this.generation += 1;
    this.currentPhase = 'conflict';
    this.announce(message);
    this.emit('inbox-connect-failed', { detail: { reason: 'conflict', message } });
  }

  private fail(error: ApiError): void {
    this.generation += 1;
    this.currentPhase = 'failed';
    this.failure = error;
    const message = describeError(error, this.localize.strings);
    this.announce(message);
    this.emit('inbox-connect-failed', { detail: { reason: error.kind, message } });
  }

  private handleTryAgain(): void {
    const started = this.started;
    if (!started) return;
    if (started.channel === 'telegram' && this.telegram.isOpen) {
      void this.finishTelegram();
      return;
    }
    this.stopLogin();
    this.startLogin(started.channel, started.services);
  }

  /** Says `message` once in the live region; saying the same thing twice in a row is still heard. */
  private announce(message: string): void {
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  private async focusEntry(): Promise<void> {
    await this.updateComplete;
    this.entryInput?.focus();
  }

  private channelName(): string {
    return this.localize.strings.channelName(this.channel ?? 'telegram');
  }

  private connectedText(): string {
    return this.localize.strings.phoneLoginConnected(
      this.channelName(),
      this.connectedChannel?.username ?? null,
    );
  }

  /** The explanation, with the number the code went to isolated left to right in any language. */
  private renderExplanation(): TemplateResult | string {
    if (this.currentPhase !== 'code' || !this.phone) return this.explanation();
    const channel = this.channel ?? 'telegram';
    return sentenceWith((phone) => this.localize.strings.phoneLoginCodeExplain(channel, phone), this.phone);
  }

  private explanation(): string {
    const s = this.localize.strings;
    const channel = this.channel ?? 'telegram';
    switch (this.currentPhase) {
      case 'code':
        return s.phoneLoginCodeExplain(channel, this.phone);
      case 'password':
        return s.phoneLoginPasswordExplain;
      default:
        return s.phoneLoginPhoneExplain(channel);
    }
  }

  override render(): TemplateResult {
    return html`
      <div part="base" class="base" lang=${this.localize.locale} dir=${this.localize.dir}>
        ${this.renderBody()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          ${this.announcement}
        </div>
      </div>
    `;
  }

  private renderBody(): TemplateResult {
    const s = this.localize.strings;
    if (!this.services) return this.renderProblem(s.errorNotConfigured);
    const phase = this.currentPhase;
    switch (phase) {
      case 'starting':
        return this.renderPending(this.linkDown ? s.phoneLoginReconnecting : s.phoneLoginStarting);
      case 'finishing':
        return this.renderPending(s.phoneLoginFinishing);
      case 'unavailable':
        return this.renderProblem(s.phoneLoginNeedsSocket(this.channelName()));
      case 'conflict':
        return this.renderConflict();
      case 'failed':
        return this.renderFailed();
      case 'connected':
        return html`<div part="status" class="status">
          <p class="success" tabindex="-1">${this.connectedText()}</p>
        </div>`;
      default:
        return this.renderForm(phase);
    }
  }

  private renderPending(text: string): TemplateResult {
    return html`<div part="status" class="status">
        <p class="pending"><span class="spinner" aria-hidden="true"></span>${text}</p>
      </div>
      ${this.hideCancel ? nothing : html`<div part="actions" class="actions">${this.renderCancel()}</div>`}`;
  }

  private renderProblem(message: string): TemplateResult {
    return html`<div part="status" class="status"><p class="notice error">${message}</p></div>
      ${this.hideCancel ? nothing : html`<div part="actions" class="actions">${this.renderCancel()}</div>`}`;
  }

  private renderConflict(): TemplateResult {
    return html`<div part="status" class="status">
        <p class="notice error">${this.localize.strings.phoneLoginAlreadyLinked(this.channelName())}</p>
      </div>
      <div part="actions" class="actions">
        <button type="button" class="button" @click=${this.handleManage}>
          ${this.localize.strings.phoneLoginManage}
        </button>
        ${this.renderCancel()}
      </div>`;
  }

  private renderFailed(): TemplateResult {
    const s = this.localize.strings;
    return html`<div part="status" class="status">
        <p class="notice error">${describeError(this.failure, s)}</p>
      </div>
      <div part="actions" class="actions">
        <button type="button" class="button primary" @click=${this.handleTryAgain}>
          ${s.phoneLoginTryAgain}
        </button>
        ${this.renderCancel()}
      </div>`;
  }

  private renderForm(phase: EntryPhase): TemplateResult {
    const s = this.localize.strings;
    const waiting = this.submitWait.remaining;
    const blocked = this.submitting || waiting > 0 || this.linkDown;
    return html`
      <p id="explain" class="explain">${this.renderExplanation()}</p>
      <form
        part="form"
        class="form"
        novalidate
        aria-busy=${this.submitting ? 'true' : 'false'}
        @submit=${this.handleSubmit}
      >
        ${keyed(phase, this.renderEntry(phase))} ${this.renderNotice()}
        <div part="actions" class="actions">
          <button class="button primary submit" type="submit" ?disabled=${blocked}>
            ${this.submitting ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${
              this.submitting
                ? s.phoneLoginSending
                : waiting > 0
                  ? s.phoneLoginWait(waiting)
                  : this.submitLabel(phase)
            }
          </button>
          ${
            phase === 'phone'
              ? nothing
              : html`<button
                  class="button another"
                  type="button"
                  ?disabled=${this.submitting || this.linkDown}
                  @click=${this.handleUseAnotherNumber}
                >
                  ${s.phoneLoginUseAnotherNumber}
                </button>`
          }
          ${this.renderCancel()}
        </div>
      </form>
    `;
  }

  private submitLabel(phase: EntryPhase): string {
    const s = this.localize.strings;
    return {
      phone: s.phoneLoginPhoneSubmit,
      code: s.phoneLoginCodeSubmit,
      password: s.phoneLoginPasswordSubmit,
    }[phase];
  }

  private renderEntry(phase: EntryPhase): TemplateResult {
    const s = this.localize.strings;
    const entry = {
      phone: {
        label: s.phoneLoginPhoneLabel,
        hint: s.phoneLoginPhoneHint,
        type: 'tel',
        autocomplete: 'tel',
        inputmode: 'tel',
      },
      code: {
        label: s.phoneLoginCodeLabel,
        hint: s.phoneLoginCodeHint,
        type: 'text',
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
      },
      password: {
        label: s.phoneLoginPasswordLabel,
        hint: s.phoneLoginPasswordNote,
        type: 'password',
        autocomplete: 'current-password',
        inputmode: 'text',
      },
    }[phase];
    const describedBy = ['explain', 'entry-hint', this.fieldError ? 'entry-error' : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label for="entry">${entry.label}</label>
      <input
        id="entry"
        part="input"
        class=${phase === 'password' ? '' : 'digits'}
        name=${phase}
        type=${entry.type}
        inputmode=${entry.inputmode}
        autocomplete=${entry.autocomplete}
        autocapitalize="none"
        spellcheck="false"
        dir=${phase === 'password' ? nothing : 'ltr'}
        required
        .value=${phase === 'phone' ? this.phone : ''}
        aria-invalid=${this.fieldError ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${this.handleInput}
      />
      <span id="entry-hint" class="hint">${entry.hint}</span>
      ${this.fieldError ? html`<p id="entry-error" class="field-error">${this.fieldError}</p>` : nothing}
    </div>`;
  }

  private handleInput(): void {
    if (this.fieldError) this.fieldError = '';
  }

  private renderNotice(): TemplateResult | typeof nothing {
    const notice: Notice | undefined = this.linkDown
      ? { tone: 'error', text: this.localize.strings.phoneLoginReconnecting }
      : this.notice;
    if (!notice) return nothing;
    return html`<div part="status" class="status">
      <p class="notice ${notice.tone}">${notice.text}</p>
      ${this.linkDown && this.notice ? html`<p class="notice error">${this.notice.text}</p>` : nothing}
    </div>`;
  }

  private renderCancel(): TemplateResult | typeof nothing {
    if (this.hideCancel) return nothing;
    return html`<button class="button cancel" type="button" @click=${this.handleCancel}>
      ${this.localize.strings.phoneLoginCancel}
    </button>`;
  }
}
