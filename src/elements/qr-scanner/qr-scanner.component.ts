import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { describeError } from '../../api/describe-error.js';
import type { ApiError } from '../../api/errors.js';
import type { QrChannelType } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import { AnnouncerController } from '../../controllers/announcer.controller.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import {
  QrAttemptController,
  QrFinishTimeoutError,
  type QrAttemptChange,
  type QrAttemptPhase,
} from '../../controllers/qr-attempt.controller.js';
import { asQrChannel, type QrCodeLifetimes } from '../../controllers/qr-lifetimes.js';
import { qrScannerStrings } from '../../i18n/en/qr-scanner.js';
import { InboxElement } from '../../internal/inbox-element.js';
import { reloadPage } from '../../internal/reload-page.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import type { PhoneMethod } from './phone-method.js';
import { UnencodableQrError, drawQr, loadQrEncoder, type QrDrawing } from './qr-matrix.js';
import { qrScannerStyles } from './qr-scanner.styles.js';

/** What a screen is showing: the attempt's phase, or a setup problem. */
export type QrScannerPhase = QrAttemptPhase | 'not-configured';

/** How an account is being linked: by scanning a QR code, or by typing a pairing code (WhatsApp). */
export type LinkMethod = 'qr' | 'phone';

/** An attempt started before the page was reloaded, to follow again. */
export interface ResumedAttempt {
  accountId: string;
  method: LinkMethod;
}

/**
 * Shows the QR code that links a WhatsApp or Telegram account, follows its rotations until the phone
 * has scanned it, and reports the linked channel. Where the backend offers it, WhatsApp can also be linked
 * with a phone number: the user types the pairing code the backend answers in WhatsApp.
 *
 * @summary Scan a QR code with your phone to link WhatsApp or Telegram.
 * @tagname qr-scanner
 *
 * @fires {CustomEvent<ConnectedDetail>} inbox-connected - The account was linked; `detail.channel` is the channel object.
 * @fires {CustomEvent<ConnectFailedDetail>} inbox-connect-failed - The codes ran out (`reason: 'qr-expired'`), a call failed, or the scan never finished (`reason: 'timeout'`); `detail.message` is what the user was told.
 * @fires {CustomEvent<ManageRequestDetail>} inbox-manage-request - After a 409 the user asked to manage the already linked account.
 *
 * @csspart base - The wrapper of every state.
 * @csspart qr - The frame of the QR image (always white, whatever the theme).
 * @csspart steps - The steps to follow in the phone's app.
 * @csspart status - Code number and time left, progress, success and error messages.
 * @csspart actions - The "New code" (on the expired code), "Try again" and "Open the linked account" buttons.
 * @csspart switch - The button that switches between the QR code and the phone number (WhatsApp).
 * @csspart form - The phone number form.
 * @csspart input - The phone number field.
 * @csspart code - The pairing code to type in WhatsApp, with its copy button.
 *
 * @cssprop --inbox-qr-size - Side of the QR image (default 240px).
 * @cssprop --inbox-color-primary - Accent colour of buttons and focus rings.
 * @cssprop --inbox-radius - Corner radius of the QR frame and buttons.
 */
export class QrScanner extends InboxElement {
  static override styles = [sharedStyles, qrScannerStyles];
  protected static override englishStrings = qrScannerStrings;

  private readonly attempt = new QrAttemptController(this, {
    services: () => this.services,
    channel: () => asQrChannel(this.channel),
    relinkId: () => this.relinkId,
    pollIntervalMs: () => this.pollInterval,
    codeLifetimes: () => this.codeLifetimes,
    finishTimeoutMs: () => this.finishTimeout,
    onChange: (change) => this.handleAttemptChange(change),
  });

  /** Runs while a 429 on `connect` asks to wait before trying again. */
  private readonly retryWait = new CountdownController(this, () => this.handleRetryWaitOver());
  private readonly announcer = new AnnouncerController(this);

  @query('.base') private base?: HTMLElement;

  /** The app to link: `whatsapp` or `telegram`. */
  @property() channel?: QrChannelType;

  /** The `id` of a linked channel to link again in place (Reconnect), instead of linking a new account. */
  @property({ attribute: 'relink-id', type: Number }) relinkId?: number;

  /** Milliseconds between status polls; the provider asks for 2–3 s. */
  @property({ attribute: false }) pollInterval = 2500;

  /** How long codes live when the backend does not say; by default what the channel's app is known to do. */
  @property({ attribute: false }) codeLifetimes?: QrCodeLifetimes;

  /** Milliseconds to wait, once the code was scanned, for the backend to report the account linked. */
  @property({ attribute: false }) finishTimeout = 120_000;

  /** How to link WhatsApp at first, where the backend links by phone number too: `qr`, `phone` or `auto` (phone on narrow touch screens). */
  @property({ attribute: 'link-method' }) linkMethod: LinkMethod | 'auto' = 'auto';

  /** The country of a phone number typed without its country code (ISO 3166-1 alpha-2), e.g. `SA`. */
  @property({ attribute: 'default-country' }) defaultCountry?: string;

  /** An attempt to follow instead of starting one, e.g. after a page reload (`channel-connect` sets it). */
  @property({ attribute: false }) resume?: ResumedAttempt;

  /** The QR encoder is fetched on demand; this is set when fetching it failed. */
  @state() private encoderFailed = false;
  /** WhatsApp's phone-number method, fetched when the backend offers it. */
  @state() private phoneMethod?: PhoneMethod;

  /** Fetching the phone-number method; `failed`: the QR code alone, then. */
  private phoneMethodLoad?: 'loading' | 'failed';

  private focusActionsAfterUpdate = false;
  private drawn?: { code: string; drawing: QrDrawing | null };

  /** Where it stands: `not-configured`, `starting` (loading), `waiting`, `scanned`, `connected`, `expired`, `error`. */
  get phase(): QrScannerPhase {
    if (!this.services || !asQrChannel(this.channel)) return 'not-configured';
    return this.attempt.phase;
  }

  /** The backend's id of the current attempt (`account_id`), once it has one. */
  get accountId(): string | null {
    return this.attempt.accountId;
  }

  /** The QR string on screen, as the backend sent it. */
  get qrCode(): string | null {
    return this.attempt.phase === 'waiting' && !this.attempt.byCode ? this.attempt.qrCode : null;
  }

  /** How the account is being linked: `qr`, or `phone` (WhatsApp's pairing code). */
  get currentMethod(): LinkMethod {
    return this.phoneMethod?.active ? 'phone' : 'qr';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Fetched while the first code is requested, so it is ready when the code arrives.
    this.loadEncoder();
  }

  private loadEncoder(): void {
    loadQrEncoder().then(
      () => this.requestUpdate(),
      () => {
        this.encoderFailed = true;
      },
    );
  }

  protected override servicesChanged(previous: InboxServices | undefined): void {
    // Another backend: an attempt made with the previous one means nothing to it.
    if (previous) this.attempt.reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const channel = asQrChannel(this.channel);
    if (changed.has('channel') && this.attempt.phase !== 'idle' && this.attempt.channel !== channel) {
      this.attempt.reset();
    }
    if (!this.isConnected || !this.services || !channel) return;
    const { resume } = this;
    if (resume && this.attempt.phase === 'idle') {
      this.resume = undefined;
      const { accountId, method } = resume;
      void this.attempt.start(
        () => Promise.resolve({ accountId, code: null, expiresAt: null }),
        method === 'phone',
      );
    }
    // WhatsApp with a backend that links by code too (not when linking an account again in place).
    const byPhoneToo =
      channel === 'whatsapp' &&
      this.services.backend.requestWhatsAppPairingCode &&
      this.relinkId === undefined &&
      this.phoneMethodLoad !== 'failed';
    if (byPhoneToo && this.phoneMethod) this.phoneMethod.update();
    else {
      if (byPhoneToo) this.loadPhoneMethod();
      // The QR code does not wait for the phone-number method, unless that one comes first.
      if (this.attempt.phase === 'idle' && !(byPhoneToo && this.phoneFirst())) void this.attempt.start();
    }
  }

  /** `link-method` asks for the phone number first, or `auto` on a narrow touch screen. */
  private phoneFirst(): boolean {
    return (
      this.linkMethod === 'phone' ||
      (this.linkMethod === 'auto' && matchMedia('(pointer: coarse) and (max-width: 640px)').matches)
    );
  }

  private loadPhoneMethod(): void {
    if (this.phoneMethodLoad) return;
    this.phoneMethodLoad = 'loading';
    import('./phone-method.js').then(
      ({ PhoneMethod }) => {
        this.phoneMethod = new PhoneMethod(this, {
          attempt: this.attempt,
          backend: () => this.services?.backend,
          channel: () => asQrChannel(this.channel),
          strings: () => this.localize.strings,
          announce: (text) => this.announcer.announce(text),
          phoneFirst: () => this.phoneFirst(),
        });
      },
      () => {
        this.phoneMethodLoad = 'failed';
        this.requestUpdate();
      },
    );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusActionsAfterUpdate) {
      this.focusActionsAfterUpdate = false;
      // A button still waiting out a 429 cannot take focus; the element keeps it until then.
      const action = this.renderRoot.querySelector<HTMLElement>('[part~="actions"] button:not([disabled])');
      (action ?? this.base)?.focus();
    }
  }

  /** Abandons the current attempt and asks the backend for a new code. */
  restart(): void {
    if (this.phase === 'not-configured') {
      this.emit('inbox-connect-failed', {
        detail: { reason: 'not-configured', message: this.notConfiguredMessage() },
      });
      return;
    }
    if (this.phoneMethod?.active) this.phoneMethod.retry();
    else void this.attempt.start();
  }

  private handleAttemptChange(change: QrAttemptChange): void {
    const s = this.localize.strings;
    const name = this.channelName();
    const byCode = this.attempt.byCode;
    if (byCode && this.phoneMethod?.handleChange(change)) return;
    switch (change.kind) {
      case 'code':
        this.announcer.announce(
          change.first
            ? s.qrShownAnnouncement(name)
            : s.qrNewCodeAnnouncement(name, this.attempt.qrIndex, this.attempt.qrTotal),
        );
        break;
      case 'scanned':
        this.announcer.announce(byCode ? s.pairingEntered : s.qrScanned);
        break;
      case 'connected': {
        const { channel } = change;
        this.announcer.announce(this.connectedMessage());
        this.services?.channels.upsert(channel);
        this.emit('inbox-connected', { detail: { channel } });
        break;
      }
      case 'expired': {
        const message = byCode ? s.pairingExpired : s.qrExpired;
        this.announcer.announce(message);
        this.focusActionsAfterUpdate = this.mayMoveFocus();
        this.emit('inbox-connect-failed', { detail: { reason: 'qr-expired', message } });
        break;
      }
      case 'error': {
        const message = this.errorMessage(change.error);
        this.announcer.announce(message);
        // A refused number is said at its field, which takes the focus.
        this.focusActionsAfterUpdate = change.error.kind !== 'validation' && this.mayMoveFocus();
        const waitSeconds = change.error.kind === 'rate-limited' ? (change.error.retryAfterSeconds ?? 0) : 0;
        if (waitSeconds > 0) this.retryWait.start(waitSeconds);
        else this.retryWait.stop();
        this.emit('inbox-connect-failed', { detail: { reason: change.error.kind, message } });
        break;
      }
      case 'notice':
        this.announcer.announce(s.qrStillTrying(describeError(change.error, this.localize.strings)));
        break;
      case 'recovered':
        // Nothing to say out loud; just do not leave the stale notice in the region.
        this.announcer.clear();
        break;
    }
  }

  private handleNewCode(): void {
    this.restart();
    // The pressed button is gone with its state: keep keyboard users in the element.
    void this.updateComplete.then(() => {
      if (!this.shadowRoot?.activeElement && this.isFocusLost()) this.base?.focus();
    });
  }

  private handleRetryWaitOver(): void {
    if (this.attempt.phase !== 'error') return;
    this.announcer.announce(this.localize.strings.qrCanRetry);
    this.focusActionsAfterUpdate = this.mayMoveFocus();
  }

  private handleManage(): void {
    const channel = asQrChannel(this.channel);
    if (channel) this.emit('inbox-manage-request', { detail: { channel } });
  }

  /** Moving focus to a new button is fine when focus is nowhere, in here, or on a mere landmark. */
  private mayMoveFocus(): boolean {
    if (this.isFocusLost()) return true;
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      if (active === this) return true;
      active = active.shadowRoot.activeElement;
    }
    return active instanceof HTMLElement && active.getAttribute('tabindex') === '-1';
  }

  private isFocusLost(): boolean {
    const active = document.activeElement;
    return active === null || active === document.body || active === document.documentElement;
  }

  private channelName(): string {
    const channel = asQrChannel(this.channel) ?? this.attempt.channel;
    return channel ? this.localize.strings.qrChannelName(channel) : '';
  }

  private notConfiguredMessage(): string {
    return this.services ? this.localize.strings.qrMissingChannel : this.notSetUpMessage;
  }

  private connectedMessage(): string {
    const username = this.attempt.connectedChannel?.username;
    const name = this.channelName();
    return username
      ? this.localize.strings.qrConnectedAs(name, username)
      : this.localize.strings.qrConnected(name);
  }

  private errorMessage(error: ApiError): string {
    if (error instanceof QrFinishTimeoutError)
      return this.localize.strings.qrFinishTimedOut(this.channelName());
    return error.kind === 'conflict'
      ? this.localize.strings.qrAlreadyLinked(this.channelName())
      : describeError(error, this.localize.strings);
  }

  /**
   * The drawing of `code`, computed once per distinct string; `undefined` until the encoder is here,
   * `null` when no QR symbol can hold it.
   */
  private drawingOf(code: string): QrDrawing | null | undefined {
    if (this.drawn?.code !== code) {
      let drawing: QrDrawing | null | undefined;
      try {
        drawing = drawQr(code);
      } catch (error) {
        if (!(error instanceof UnencodableQrError)) throw error;
        console.error(`<qr-scanner>: the backend sent a code that cannot be drawn (${error.message}).`);
        drawing = null;
      }
      if (drawing === undefined) return undefined;
      this.drawn = { code, drawing };
    }
    return this.drawn.drawing;
  }

  override render() {
    return html`<div
      part="base"
      class="base"
      lang=${this.localize.locale}
      dir=${this.localize.dir}
      tabindex="-1"
    >
      ${this.renderState()} ${this.phoneMethod?.renderSwitch()} ${this.announcer.render()}
    </div>`;
  }

  private renderState() {
    // The phone-number method draws its own views, but connected and most errors are shared.
    const phoneView =
      this.phoneMethod?.active && this.services
        ? this.phoneMethod.render(this.retryWait.remaining)
        : undefined;
    if (phoneView) return phoneView;
    switch (this.phase) {
      case 'not-configured':
        return html`<p part="status" class="status error">${this.notConfiguredMessage()}</p>`;
      case 'waiting':
      case 'scanned':
        return this.renderCode();
      case 'connected':
        return this.renderConnected();
      case 'expired':
        return this.renderExpired();
      case 'error':
        return this.renderError();
      default:
        return this.renderLoading();
    }
  }

  private renderLoading() {
    return html`<div class="layout">
      <div part="qr" class="qr placeholder"><span class="spinner" aria-hidden="true"></span></div>
      <div class="details">
        ${this.renderSteps()}
        <div part="status" class="status" aria-busy="true">
          <p>${this.localize.strings.qrLoading}</p>
        </div>
      </div>
    </div>`;
  }

  private renderCode() {
    const s = this.localize.strings;
    const scanned = this.attempt.phase === 'scanned';
    return html`<div class="layout">
      <div part="qr" class="qr ${scanned ? 'scanned' : ''}">
        ${this.renderQrImage(scanned)}
        ${scanned ? html`<div class="overlay"><span class="spinner" aria-hidden="true"></span></div>` : nothing}
      </div>
      <div class="details">
        ${this.renderSteps()}
        <div part="status" class="status">
          ${scanned ? html`<p>${s.qrScanned}</p>` : this.renderCountdown()}
          ${
            this.attempt.notice
              ? html`<p class="notice">
                  ${s.qrStillTrying(describeError(this.attempt.notice, this.localize.strings))}
                </p>`
              : nothing
          }
        </div>
      </div>
    </div>`;
  }

  private renderQrImage(scanned: boolean) {
    const code = this.attempt.qrCode;
    if (code === null) return nothing;
    const drawing = this.drawingOf(code);
    if (drawing === null) return this.renderUnencodable();
    if (!drawing) return this.renderEncoderPending();
    const { size, path } = drawing;
    const label = this.localize.strings.qrImageLabel(
      this.channelName(),
      this.attempt.qrIndex,
      this.attempt.qrTotal,
    );
    // Scanned: the faded code is decoration; the status says what is going on.
    return html`<svg
      role=${scanned ? nothing : 'img'}
      aria-label=${scanned ? nothing : label}
      aria-hidden=${scanned ? 'true' : nothing}
      viewBox="0 0 ${size} ${size}"
      shape-rendering="crispEdges"
      focusable="false"
    >
      ${svg`<rect width=${size} height=${size} fill="#ffffff"></rect><path d=${path} fill="#000000"></path>`}
    </svg>`;
  }

  private renderUnencodable() {
    const s = this.localize.strings;
    return html`<p class="encoder-failed" role="alert" dir=${this.localize.dir}>
      ${s.qrUnencodable}
      <button type="button" class="button primary" @click=${() => this.handleNewCode()}>${s.qrRetry}</button>
    </p>`;
  }

  private renderEncoderPending() {
    if (!this.encoderFailed) return html`<span class="spinner" aria-hidden="true"></span>`;
    return html`<p class="encoder-failed" role="alert" dir=${this.localize.dir}>
      ${this.localize.strings.qrImageFailed}
      <button type="button" class="button reload" @click=${reloadPage}>
        ${this.localize.strings.reloadPage}
      </button>
    </p>`;
  }

  private renderCountdown() {
    const s = this.localize.strings;
    const left = this.attempt.secondsLeft;
    return html`<p class="line">
      <span class="code-number">${s.qrCodeNumber(this.attempt.qrIndex, this.attempt.qrTotal)}</span>
      <span class="separator" aria-hidden="true">·</span>
      <span class="time-left">${left === null ? nothing : left > 0 ? s.qrTimeLeft(left) : s.qrRenewing}</span>
    </p>`;
  }

  private renderSteps() {
    const s = this.localize.strings;
    const channel = asQrChannel(this.channel) ?? 'whatsapp';
    const steps = channel === 'telegram' ? s.qrStepsTelegram : s.qrStepsWhatsapp;
    return html`<ol part="steps" class="steps" aria-label=${s.qrStepsLabel(this.channelName())}>
      ${steps.map((step) => html`<li>${step}</li>`)}
    </ol>`;
  }

  private renderConnected() {
    return html`<div part="status" class="status">
      <p class="success"><span aria-hidden="true">✓ </span>${this.connectedMessage()}</p>
    </div>`;
  }

  /** As in WhatsApp Web: the last code stays, blurred and hidden from assistive technology, under a reload button. */
  private renderExpired() {
    const s = this.localize.strings;
    const drawing = this.drawn?.drawing;
    return html`<div class="layout">
      <div part="qr" class="qr expired">
        ${
          drawing
            ? html`<svg
                aria-hidden="true"
                viewBox="0 0 ${drawing.size} ${drawing.size}"
                shape-rendering="crispEdges"
                focusable="false"
              >
                ${svg`<rect width=${drawing.size} height=${drawing.size} fill="#ffffff"></rect><path d=${drawing.path} fill="#000000"></path>`}
              </svg>`
            : nothing
        }
        <div part="actions" class="overlay actions">
          <button type="button" class="button primary reload-code" @click=${() => this.handleNewCode()}>
            <svg class="reload-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path
                d="M17.65 6.35A7.96 7.96 0 0 0 12 4a8 8 0 1 0 7.75 10h-2.08A6 6 0 1 1 12 6c1.66 0 3.14.69 4.22 1.78L13 11h7V4z"
                fill="currentColor"
              ></path>
            </svg>
            ${s.qrNewCode}
          </button>
        </div>
      </div>
      <div class="details">
        ${this.renderSteps()}
        <div part="status" class="status">
          <p>${s.qrExpired}</p>
          <p class="hint">${s.qrExpiredHint}</p>
        </div>
      </div>
    </div>`;
  }

  private renderError() {
    const error = this.attempt.error!;
    const conflict = error.kind === 'conflict';
    // Trying again after a 409 can only meet the same linked account: what helps is going to it.
    const canRetry = !conflict && error.kind !== 'unauthorized' && error.kind !== 'forbidden';
    return html`<div part="status" class="status">
        <p class="error">${this.errorMessage(error)}</p>
        ${conflict ? html`<p class="hint">${this.localize.strings.qrAlreadyLinkedHint}</p>` : nothing}
      </div>
      ${conflict || canRetry ? this.renderErrorActions(conflict, canRetry) : nothing}`;
  }

  private renderErrorActions(conflict: boolean, canRetry: boolean) {
    const s = this.localize.strings;
    return html`<div part="actions" class="actions">
      ${
        conflict
          ? html`<button type="button" class="button primary" @click=${() => this.handleManage()}>
              ${s.qrManageLinkedAccounts}
            </button>`
          : nothing
      }
      ${
        canRetry
          ? html`<button
              type="button"
              class="button ${conflict ? '' : 'primary'}"
              ?disabled=${this.retryWait.running}
              @click=${() => this.handleNewCode()}
            >
              ${this.retryWait.running ? s.qrRetryIn(this.retryWait.remaining) : s.qrRetry}
            </button>`
          : nothing
      }
    </div>`;
  }
}
