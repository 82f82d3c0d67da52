import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { describeError } from '../../api/describe-error.js';
import { toApiError, type ApiError } from '../../api/errors.js';
import type { Channel, InstagramConnectResult } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import type {} from '../../events/cancelled.js';
import type {} from '../../events/challenge.js';
import type {} from '../../events/connect-failed.js';
import type {} from '../../events/connected.js';
import { CallScope } from '../../internal/call-scope.js';
import { instagramTwoFactorStrings } from '../../i18n/en/instagram-2fa.js';
import { InboxElement } from '../../internal/inbox-element.js';
import { LatestCall } from '../../internal/latest-call.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { AnnouncerController } from '../../controllers/announcer.controller.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import { instagramTwoFactorStyles } from './instagram-2fa.styles.js';

/** What the input accepts: 4 to 8 digits, with spaces and dashes anywhere (as codes are often pasted). */
const CODE_INPUT_PATTERN = '[\\s\\-]*(?:\\d[\\s\\-]*){4,8}';
const CODE_PATTERN = /^\d{4,8}$/;
const SEPARATORS = /[\s-]+/g;
/** Seconds to wait after a 429 that did not say how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** The digits of what the user typed or pasted: spaces and dashes dropped. */
function normalizeCode(raw: string): string {
  return raw.replace(SEPARATORS, '');
}

type Phase = 'form' | 'connected' | 'expired';

interface Notice {
  tone: 'info' | 'error';
  text: string;
  /** Add the sentence that tells the user how to retry. */
  retry?: boolean;
}

/**
 * @tagname instagram-2fa
 * @summary Asks for the code Instagram sends while linking an account, round after round, until it is linked.
 *
 * @csspart base - The wrapper around the whole element.
 * @csspart form - The verification-code form.
 * @csspart input - The one-time-code input.
 * @csspart actions - The row of buttons (verify, send a new code, cancel).
 * @csspart status - The round, notices, errors and the success message.
 *
 * @cssprop --inbox-2fa-gap - Space between the blocks; defaults to 1.5 × `--inbox-space`.
 * @cssprop --inbox-2fa-max-inline-size - Widest the element grows; defaults to 28rem.
 * @cssprop --inbox-2fa-code-font-size - Font size of the typed code; defaults to 1.4em.
 * @cssprop --inbox-2fa-code-letter-spacing - Letter spacing of the typed code; defaults to 0.25em.
 * @cssprop --inbox-color-primary - Accent colour of the Verify button and focus rings.
 * @cssprop --inbox-color-danger - Colour of errors and of the invalid input's border.
 * @cssprop --inbox-radius - Corner radius of the input, buttons and success message.
 *
 * @fires {CustomEvent<ConnectedDetail>} inbox-connected - The account is linked; `detail.channel` is the channel the backend returned.
 * @fires {CustomEvent<TwoFactorChallengeDetail>} inbox-2fa-challenge - Instagram asked for another code; `detail` has `checkpointType`, `round` and `message`.
 * @fires {CustomEvent<ConnectFailedDetail>} inbox-connect-failed - The sign-in attempt is gone (404); `detail.reason` is `not-found`: start again.
 * @fires {CustomEvent<Record<string, never>>} inbox-cancelled - The user chose Cancel.
 */
export class InstagramTwoFactor extends InboxElement {
  static override styles = [sharedStyles, instagramTwoFactorStyles];
  protected static override englishStrings = instagramTwoFactorStrings;

  /** `element.focus()` moves focus to the code input. */
  static override shadowRootOptions: ShadowRootInit = {
    ...InboxElement.shadowRootOptions,
    delegatesFocus: true,
  };

  private readonly calls = new CallScope(this);
  private readonly announcer = new AnnouncerController(this);
  private readonly resendWait = new CountdownController(this);
  private readonly submitWait = new CountdownController(this, () => this.handleSubmitWaitOver());

  @query('#code') private codeInput?: HTMLInputElement;
  @query('.success') private successMessage?: HTMLElement;

  /** The `account_id` of the connect answer that asked for verification. */
  @property({ attribute: 'account-id' }) accountId?: string;

  /** What Instagram asks for (`OTP`, `2FA`, `SMS`, `EMAIL`, `IN_APP_VALIDATION`, …); updated on each round. */
  @property({ attribute: 'checkpoint-type' }) checkpointType?: string;

  /** The Instagram username being linked, shown in the heading. */
  @property() username?: string;

  /** Seconds before "Send a new code" is offered, after the first code and after each new one. */
  @property({ attribute: 'resend-cooldown', type: Number }) resendCooldown = 30;

  /** Leaves out the Cancel button, for flows (like channel-connect) that offer their own. */
  @property({ attribute: 'hide-cancel', type: Boolean }) hideCancel = false;

  @state() private phase: Phase = 'form';
  @state() private round = 1;
  @state() private submitting = false;
  @state() private resending = false;
  @state() private fieldError = '';
  @state() private notice?: Notice;
  @state() private connectedChannel?: Channel;

  /** The account the current round belongs to; a new `account-id` from outside starts over. */
  private activeAccountId?: string;
  /** Set synchronously on submit, so a second click or Enter before the re-render sends nothing. */
  private submitInFlight = false;
  private resendInFlight = false;
  /** A submit's answer settles the form only while no restart came after it. */
  private readonly submits = new LatestCall();

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('accountId') && this.accountId !== this.activeAccountId) this.startOver();
  }

  protected override servicesChanged(previous: InboxServices | undefined): void {
    // Calls made with other services are no longer this element's business.
    if (previous) this.calls.abortAll();
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const services = this.services;
    const accountId = this.accountId;
    const input = this.codeInput;
    if (this.submitInFlight || this.submitWait.running || this.phase !== 'form') return;
    if (!services || !accountId || !input) return;

    const s = this.localize.strings;
    const code = normalizeCode(input.value);
    if (code === '' || !CODE_PATTERN.test(code)) {
      this.fieldError = code === '' ? s.twoFactorCodeRequired : s.twoFactorCodeInvalid;
      this.announce(this.fieldError);
      input.focus();
      return;
    }

    const current = this.submits.begin();
    this.submitInFlight = true;
    this.submitting = true;
    this.fieldError = '';
    this.notice = undefined;
    let request: Promise<InstagramConnectResult>;
    try {
      request = services.backend.submitInstagramCode(accountId, code, { signal: this.calls.signal });
    } finally {
      // The code is sent once and kept nowhere: not in the input, not on the element.
      input.value = '';
    }
    try {
      const result = await request;
      if (result.kind === 'connected') this.showConnected(services, result.channel);
      else this.showNextRound(result.challenge.account_id, result.challenge.checkpoint_type, result.message);
    } catch (error) {
      this.showSubmitError(toApiError(error));
    } finally {
      if (current()) {
        this.submitInFlight = false;
        this.submitting = false;
      }
    }
  }

  private async handleResend(): Promise<void> {
    const services = this.services;
    const accountId = this.accountId;
    if (this.resendInFlight || this.resendWait.running || this.phase !== 'form') return;
    if (!services || !accountId) return;

    const s = this.localize.strings;
    this.resendInFlight = true;
    this.resending = true;
    try {
      const { message } = await services.backend.resendInstagramCode(accountId, {
        signal: this.calls.signal,
      });
      this.notice = { tone: 'info', text: message || s.twoFactorResent };
      this.announce(this.notice.text);
      this.resendWait.start(this.resendCooldown);
      this.fieldError = '';
      // A code typed for the old one would only be refused: the field waits for the new code.
      if (this.codeInput) this.codeInput.value = '';
      void this.focusInput();
    } catch (caught) {
      const error = toApiError(caught);
      if (error.kind === 'aborted') return;
      if (error.kind === 'not-found') {
        this.showExpired(error);
      } else if (error.kind === 'rate-limited') {
        this.resendWait.extend(error.retryAfterSeconds ?? this.resendCooldown);
        this.notice = { tone: 'error', text: s.twoFactorResendTooSoon };
        this.announce(this.notice.text);
      } else {
        this.notice = { tone: 'error', text: describeError(error, this.localize.strings) };
        this.announce(this.notice.text);
      }
    } finally {
      this.resendInFlight = false;
      this.resending = false;
    }
  }

  private handleCancel(): void {
    this.calls.abortAll();
    this.emit('inbox-cancelled', { detail: {} });
  }

  private handleInput(): void {
    if (this.fieldError) this.fieldError = '';
  }

  private handleSubmitWaitOver(): void {
    if (this.phase !== 'form') return;
    const s = this.localize.strings;
    this.notice = { tone: 'info', text: s.twoFactorCanRetry };
    this.announce(s.twoFactorCanRetry);
  }

  private startOver(): void {
    this.calls.abortAll();
    this.activeAccountId = this.accountId;
    this.phase = 'form';
    this.round = 1;
    this.submitting = false;
    this.resending = false;
    this.submits.cancel();
    this.submitInFlight = false;
    this.resendInFlight = false;
    this.fieldError = '';
    this.notice = undefined;
    this.connectedChannel = undefined;
    this.submitWait.stop();
    if (this.accountId) this.resendWait.start(this.resendCooldown);
    else this.resendWait.stop();
    if (this.codeInput) this.codeInput.value = '';
  }

  private showConnected(services: InboxServices, channel: Channel): void {
    const s = this.localize.strings;
    this.phase = 'connected';
    this.connectedChannel = channel;
    this.notice = undefined;
    this.resendWait.stop();
    this.submitWait.stop();
    services.channels.upsert(channel);
    this.announce(s.twoFactorConnected(channel.username ?? this.username));
    this.emit('inbox-connected', { detail: { channel } });
    void this.updateComplete.then(() => this.successMessage?.focus());
  }

  private showNextRound(accountId: string, checkpointType: string, message?: string): void {
    const s = this.localize.strings;
    this.round += 1;
    if (accountId && accountId !== this.accountId) {
      this.activeAccountId = accountId;
      this.accountId = accountId;
    }
    this.checkpointType = checkpointType;
    const text = message || s.twoFactorAnotherRound;
    this.notice = { tone: 'info', text };
    // Instagram sent a new code for this round: the resend cooldown starts again.
    this.resendWait.start(this.resendCooldown);
    this.announce(s.twoFactorRoundAnnouncement(this.round, text));
    this.emit('inbox-2fa-challenge', {
      detail: { checkpointType, round: this.round, ...(message ? { message } : {}) },
    });
    void this.focusInput();
  }

  private showSubmitError(error: ApiError): void {
    const s = this.localize.strings;
    switch (error.kind) {
      case 'aborted':
        return;
      case 'validation': {
        const codeMessage = error.fieldErrors['code']?.[0];
        const otherFields = Object.keys(error.fieldErrors).some((field) => field !== 'code');
        if (codeMessage || !otherFields) {
          const refused = codeMessage ?? describeError(error, this.localize.strings);
          const left = error.attemptsLeft;
          this.fieldError = left === undefined ? refused : `${refused} ${s.twoFactorAttemptsLeft(left)}`;
          this.announce(this.fieldError);
        } else {
          this.notice = { tone: 'error', text: describeError(error, this.localize.strings), retry: true };
          this.announce(this.notice.text);
        }
        void this.focusInput();
        return;
      }
      case 'rate-limited': {
        const seconds = error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
        this.submitWait.start(seconds);
        this.announce(s.twoFactorTooManyAttempts(seconds));
        return;
      }
      case 'not-found':
        this.showExpired(error);
        return;
      default:
        this.notice = { tone: 'error', text: describeError(error, this.localize.strings), retry: true };
        this.announce(this.notice.text);
        void this.focusInput();
    }
  }

  private showExpired(error: ApiError): void {
    const message = this.localize.strings.twoFactorExpired;
    this.calls.abortAll();
    this.phase = 'expired';
    this.notice = { tone: 'error', text: message };
    this.fieldError = '';
    this.resendWait.stop();
    this.submitWait.stop();
    this.announce(message);
    this.emit('inbox-connect-failed', { detail: { reason: error.kind, message } });
  }

  /** Says `message` once in the live region; saying the same thing twice in a row is still heard. */
  private announce(message: string): void {
    this.announcer.announce(message, { repeat: true });
  }

  private async focusInput(): Promise<void> {
    await this.updateComplete;
    this.codeInput?.focus();
  }

  private explanation(): string {
    const s = this.localize.strings;
    switch ((this.checkpointType ?? '').trim().toUpperCase()) {
      case 'OTP':
        return s.twoFactorExplainOtp;
      case 'SMS':
        return s.twoFactorExplainSms;
      case 'EMAIL':
        return s.twoFactorExplainEmail;
      case '2FA':
        return s.twoFactorExplainAuthenticator;
      case 'IN_APP_VALIDATION':
        return s.twoFactorExplainInApp;
      case 'CAPTCHA':
        return s.twoFactorExplainCaptcha;
      case 'PHONE_REGISTER':
        return s.twoFactorExplainPhoneRegister;
      default:
        return s.twoFactorExplainGeneric;
    }
  }

  override render(): TemplateResult {
    const s = this.localize.strings;
    return html`
      <div part="base" class="base" lang=${this.localize.locale} dir=${this.localize.dir}>
        <h2 class="title">${s.twoFactorHeading(this.username)}</h2>
        ${this.renderBody()} ${this.announcer.render()}
      </div>
    `;
  }

  private renderBody(): TemplateResult {
    const s = this.localize.strings;
    if (!this.services) return this.renderProblem(this.notSetUpMessage);
    if (!this.accountId) return this.renderProblem(s.twoFactorMissingAccount);
    if (this.phase === 'connected') return this.renderConnected();
    if (this.phase === 'expired') return this.renderProblem(this.notice?.text ?? s.twoFactorExpired);
    return this.renderForm();
  }

  private renderProblem(message: string): TemplateResult {
    return html`
      <div part="status" class="status">
        <p class="notice error">${message}</p>
      </div>
      <div part="actions" class="actions">${this.renderCancel()}</div>
    `;
  }

  private renderConnected(): TemplateResult {
    const username = this.connectedChannel?.username ?? this.username;
    return html`
      <div part="status" class="status">
        <p class="success" tabindex="-1">${this.localize.strings.twoFactorConnected(username)}</p>
      </div>
    `;
  }

  private renderForm(): TemplateResult {
    const s = this.localize.strings;
    const describedBy = ['explain', 'code-hint', this.fieldError ? 'code-error' : ''].filter(Boolean);
    return html`
      <p id="explain" class="explain">${this.explanation()}</p>
      ${this.renderStatus()}
      <form
        part="form"
        class="form"
        novalidate
        aria-busy=${this.submitting ? 'true' : 'false'}
        @submit=${this.handleSubmit}
      >
        <div class="field">
          <label for="code">${s.twoFactorCodeLabel}</label>
          <input
            id="code"
            part="input"
            class="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            enterkeyhint="done"
            spellcheck="false"
            pattern=${CODE_INPUT_PATTERN}
            maxlength="16"
            required
            aria-invalid=${this.fieldError ? 'true' : 'false'}
            aria-describedby=${describedBy.join(' ')}
            @input=${this.handleInput}
          />
          <span id="code-hint" class="hint">${s.twoFactorCodeHint}</span>
          ${this.fieldError ? html`<p id="code-error" class="field-error">${this.fieldError}</p>` : nothing}
        </div>
        <div part="actions" class="actions">
          ${this.renderSubmit()} ${this.renderResend()} ${this.renderCancel()}
        </div>
      </form>
    `;
  }

  private renderStatus(): TemplateResult | typeof nothing {
    const s = this.localize.strings;
    const waiting = this.submitWait.remaining;
    const notice: Notice | undefined =
      waiting > 0 ? { tone: 'error', text: s.twoFactorTooManyAttempts(waiting) } : this.notice;
    if (!notice && this.round === 1) return nothing;
    return html`
      <div part="status" class="status">
        ${this.round > 1 ? html`<p class="round">${s.twoFactorRound(this.round)}</p>` : nothing}${
          notice
            ? html`<p class="notice ${notice.tone}">
                ${notice.text} ${notice.retry ? s.twoFactorRetryHint : nothing}
              </p>`
            : nothing
        }
      </div>
    `;
  }

  private renderSubmit(): TemplateResult {
    const s = this.localize.strings;
    const waiting = this.submitWait.remaining;
    let label: string = s.twoFactorSubmit;
    if (this.submitting) label = s.twoFactorSubmitting;
    else if (waiting > 0) label = s.twoFactorSubmitWait(waiting);
    return html`
      <button class="button primary submit" type="submit" ?disabled=${this.submitting || waiting > 0}>
        ${this.submitting ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${label}
      </button>
    `;
  }

  private renderResend(): TemplateResult {
    const s = this.localize.strings;
    const waiting = this.resendWait.remaining;
    let label: string = s.twoFactorResend;
    if (this.resending) label = s.twoFactorResending;
    else if (waiting > 0) label = s.twoFactorResendWait(waiting);
    return html`
      <button
        class="button resend"
        type="button"
        ?disabled=${this.resending || waiting > 0}
        @click=${this.handleResend}
      >
        ${label}
      </button>
    `;
  }

  private renderCancel(): TemplateResult | typeof nothing {
    if (this.hideCancel) return nothing;
    return html`
      <button class="button cancel" type="button" @click=${this.handleCancel}>
        ${this.localize.strings.twoFactorCancel}
      </button>
    `;
  }
}
