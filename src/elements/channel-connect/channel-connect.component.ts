import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { describeError } from '../../api/describe-error.js';
import { toApiError, type ApiError } from '../../api/errors.js';
import { CHANNEL_TYPES, type Channel, type ChannelType, type TwoFactorChallenge } from '../../api/types.js';
import type { ConnectFailedDetail } from '../../events/connect-failed.js';
import type { ConnectStep } from '../../events/step-change.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import { CallScope } from '../../internal/call-scope.js';
import { channelIcon } from '../../internal/channel-icons.js';
import { countriesByName, countryName } from '../../internal/countries.js';
import { channelConnectStrings } from '../../i18n/en/channel-connect.js';
import { InboxElement } from '../../internal/inbox-element.js';
import { isRegistered, tagNameOf } from '../../internal/registry.js';
import { reloadPage } from '../../internal/reload-page.js';
import { channelListConverter, channelListOf } from '../../internal/channel-list.js';
import { cardStyles, sharedStyles } from '../../internal/shared.styles.js';
import { saveLinking, takeLinking, type StoredLinking } from '../../stores/linking-storage.js';
import { InstagramTwoFactor } from '../instagram-2fa/instagram-2fa.component.js';
import { QrScanner, type LinkMethod, type ResumedAttempt } from '../qr-scanner/qr-scanner.component.js';
import { channelConnectStyles } from './channel-connect.styles.js';
import { loadPhoneLoginElement } from './phone-login-element.js';

/** How Telegram is linked: by scanning a QR code, or by phone number, code and password. */
type TelegramMethod = 'qr' | 'phone';

/** The nested phone-login's public face, without importing the class (it is fetched on demand). */
interface PhoneLoginStep extends HTMLElement {
  abandon(): void;
}

function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

interface FieldErrors {
  username?: string;
  password?: string;
  country?: string;
}

/**
 * Lets a customer pick WhatsApp, Telegram, Instagram or MAX and link the account, step by step. Telegram
 * links by QR code or, with a socket, by phone number; MAX by phone number and SMS code; WhatsApp by QR
 * code or, where the backend offers it, by phone number (a pairing code). A page reloaded midway comes
 * back to the step it was at (kept in `sessionStorage`, without codes or passwords).
 *
 * @tagname channel-connect
 * @summary Pick a messaging channel and link it.
 * @dependency qr-scanner
 * @dependency instagram-2fa
 * @dependency phone-login
 *
 * @fires {CustomEvent<ConnectedDetail>} inbox-connected - A channel was linked; `detail.channel` is the channel object.
 * @fires {CustomEvent<ConnectFailedDetail>} inbox-connect-failed - Linking failed; `detail.reason` and `detail.message` say why.
 * @fires {CustomEvent<Record<string, never>>} inbox-cancelled - The user cancelled.
 * @fires {CustomEvent<StepChangeDetail>} inbox-step-change - The flow moved to another step; `detail.step` and `detail.channel`.
 * @fires {CustomEvent<ManageRequestDetail>} inbox-manage-request - The user asked to manage an already linked channel.
 * @fires {CustomEvent<TwoFactorChallengeDetail>} inbox-2fa-challenge - Instagram asked for another verification code (from the nested instagram-2fa).
 *
 * @csspart base - The wrapper of every step.
 * @csspart header - The step heading with back and cancel.
 * @csspart picker - The list of channels to choose from.
 * @csspart form - The Instagram sign-in form.
 * @csspart status - Errors and the success message.
 * @csspart qr-scanner - The nested qr-scanner; its parts are forwarded with a `qr-` prefix (below).
 * @csspart qr-base - The qr-scanner's `base`: the wrapper of every state.
 * @csspart qr-code - The qr-scanner's `qr`: the frame of the QR image.
 * @csspart qr-steps - The qr-scanner's `steps`: what to do in the phone's app.
 * @csspart qr-status - The qr-scanner's `status`: code number, time left, progress and errors.
 * @csspart qr-actions - The qr-scanner's `actions`: its "New code" and "Try again" buttons.
 * @csspart qr-switch - The qr-scanner's `switch`: QR code or phone number (WhatsApp).
 * @csspart qr-form - The qr-scanner's `form`: the phone number form.
 * @csspart qr-input - The qr-scanner's `input`: the phone number field.
 * @csspart qr-pairing-code - The qr-scanner's `code`: the pairing code to type in WhatsApp.
 * @csspart methods - The choice between QR code and phone number for Telegram.
 * @csspart phone-login - The nested phone-login, fetched on demand; its parts are forwarded with a `phone-` prefix (below).
 * @csspart phone-base - The phone-login's `base`: its wrapper.
 * @csspart phone-form - The phone-login's `form`: the phone number, code or password form.
 * @csspart phone-input - The phone-login's `input`: the input of the current step.
 * @csspart phone-actions - The phone-login's `actions`: its buttons.
 * @csspart phone-status - The phone-login's `status`: progress, notices, errors and success.
 * @csspart instagram-2fa - The nested instagram-2fa; its parts are forwarded with a `verify-` prefix (below).
 * @csspart verify-base - The instagram-2fa's `base`: its wrapper.
 * @csspart verify-form - The instagram-2fa's `form`: the verification-code form.
 * @csspart verify-input - The instagram-2fa's `input`: the one-time-code input.
 * @csspart verify-actions - The instagram-2fa's `actions`: its buttons.
 * @csspart verify-status - The instagram-2fa's `status`: round, notices, errors and success.
 *
 * @cssprop --inbox-color-primary - Accent colour of buttons and focus rings.
 * @cssprop --inbox-radius - Corner radius of buttons, fields and cards.
 * @cssprop --inbox-connect-max-width - Widest the element grows (default 480px).
 */
export class ChannelConnect extends InboxElement {
  static override styles = [sharedStyles, cardStyles, channelConnectStyles];
  protected static override englishStrings = channelConnectStrings;

  /** Registers this element, and the elements it nests unless the page registered them already. */
  static override define(tagName: string): void {
    super.define(tagName);
    const nested = [
      [QrScanner, 'qr-scanner'],
      [InstagramTwoFactor, 'instagram-2fa'],
    ] as const;
    for (const [element, defaultTag] of nested) {
      if (isRegistered(element)) continue;
      element.define(customElements.get(defaultTag) ? `${tagName}-${defaultTag}` : defaultTag);
    }
  }

  private readonly calls = new CallScope(this);
  private readonly retryWait = new CountdownController(this);

  @query('.step-heading') private stepHeading?: HTMLElement;
  @query('input[name="password"]') private passwordInput?: HTMLInputElement;

  /** Which channels to offer, space-separated: `whatsapp telegram instagram max` (default all four). */
  @property({ converter: channelListConverter }) channels: ChannelType[] = [...CHANNEL_TYPES];

  /** Start on this channel instead of the picker (e.g. to reconnect it). */
  @property() channel?: ChannelType;

  /** A linked account to link again in place (Reconnect): starts on its channel, its username filled in, its `id` kept. */
  @property({ attribute: false }) relink?: Channel;

  /** Country sent with an Instagram sign-in (ISO 3166-1 alpha-2); also the country of a WhatsApp number typed without its code. */
  @property({ attribute: 'default-country' }) defaultCountry = 'SA';

  /** How to link WhatsApp at first: `qr`, `phone` (a pairing code) or `auto` (phone on narrow touch screens). */
  @property({ attribute: 'link-method' }) linkMethod: LinkMethod | 'auto' = 'auto';

  @state() private step: ConnectStep = 'pick';
  @state() private selected: ChannelType | null = null;
  @state() private submitting = false;
  @state() private error: ApiError | null = null;
  @state() private fieldErrors: FieldErrors = {};
  @state() private username = '';
  @state() private country = 'SA';
  @state() private challenge: TwoFactorChallenge | null = null;
  @state() private connectedChannel: Channel | null = null;
  /** Changes for every new attempt, so a restarted step gets fresh nested elements. */
  @state() private attempt = 0;
  @state() private telegramMethod: TelegramMethod = 'qr';
  /** The backend refused Telegram's QR code (docs/openapi.yaml: 422 on connect): the phone method took over. */
  @state() private qrRefused = false;
  /** The tag of the phone-login step once it is fetched; `null` before. */
  @state() private phoneTag: string | null = null;
  @state() private phoneLoadFailed = false;
  /** The user cancelled on the first step and nobody took the element away: say so. */
  @state() private cancelled = false;

  private currentSubmit = 0;
  /** A QR or pairing-code attempt of the page before a reload, for the QR step to follow again. */
  private resumedQr?: ResumedAttempt;
  /** The step kept before a reload was looked for (once, when the services are known). */
  private restored = false;
  /** Where the focus was before it came into the element, to take it back there on cancel. */
  private focusOrigin: HTMLElement | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('focusin', this.handleFocusIn);
    this.addEventListener('keydown', this.handleKeydown);
    document.addEventListener('visibilitychange', this.handleVisibilityChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const attempt = this.pendingQr();
    // Moved rather than removed, it keeps its attempt; removed, it starts a new one if it comes back.
    queueMicrotask(() => {
      if (this.isConnected || !attempt) return;
      this.abandonQr(attempt);
      this.attempt += 1;
    });
    this.removeEventListener('focusin', this.handleFocusIn);
    this.removeEventListener('keydown', this.handleKeydown);
    document.removeEventListener('visibilitychange', this.handleVisibilityChange);
  }

  /**
   * The page is hidden before it is reloaded or left, and a phone switching to WhatsApp may discard the
   * hidden page: keep the step then.
   */
  private readonly handleVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') saveLinking(this.services?.storageKey, this.linkingStep());
  };

  /** The step to come back to after a reload, while an attempt is under way; `null` otherwise. */
  private linkingStep(): StoredLinking | null {
    const channel = this.selected;
    const savedAt = Date.now();
    if (!channel || this.cancelled) return null;
    const pending = this.step === 'qr' ? this.pendingQr() : undefined;
    if (pending) {
      const method = this.renderRoot.querySelector<QrScanner>('[part="qr-scanner"]')?.currentMethod ?? 'qr';
      return { channel, step: 'qr', accountId: pending[1].accountId, method, savedAt };
    }
    if (this.step === 'phone' && channel === 'telegram') return { channel, step: 'phone', savedAt };
    const challenge = this.step === 'verify' ? this.challenge : null;
    return challenge
      ? {
          channel,
          step: 'verify',
          accountId: challenge.account_id,
          checkpoint: challenge.checkpoint_type,
          savedAt,
        }
      : null;
  }

  /** Goes back to the step kept before a reload; an attempt kept too long ago is abandoned at the backend. */
  private restoreLinking(): void {
    const { kept, fresh } = takeLinking(this.services?.storageKey) ?? {};
    const { channel, step, accountId, method, checkpoint } = kept ?? {};
    if (!channel || !this.channels.includes(channel)) return;
    if (!fresh) {
      if (step === 'qr' && accountId) this.abandonQr([channel, { accountId }]);
      return;
    }
    this.choose(channel);
    if (step === 'qr' && accountId)
      this.resumedQr = { accountId, method: method === 'phone' ? method : 'qr' };
    if (step === 'phone' && channel === 'telegram') this.handleMethodChange('phone');
    if (step === 'verify' && accountId && checkpoint) {
      this.challenge = { requires_2fa: true, account_id: accountId, checkpoint_type: checkpoint };
      this.goTo('verify', channel);
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.channels = channelListOf(this.channels);
    if (changed.has('defaultCountry')) this.country = this.defaultCountry;
    if (!this.restored && this.services) {
      this.restored = true;
      this.restoreLinking();
    }
    if (changed.has('relink') && this.relink) {
      this.username = this.relink.username ?? '';
      if (this.step !== 'pick') this.reset();
    }
    if (changed.has('channel') || changed.has('channels') || changed.has('relink'))
      this.startOnRequestedChannel();
    if (this.step === 'phone') this.loadPhoneLogin();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('step') && changed.get('step') !== undefined) {
      this.emit('inbox-step-change', { detail: { step: this.step, channel: this.selected } });
      this.focusStep();
    }
  }

  /** Focus goes where the new step starts: the code field of the verification step, else its heading. */
  private focusStep(): void {
    const codeStep =
      this.step === 'verify' ? this.renderRoot.querySelector<HTMLElement>('[part="instagram-2fa"]') : null;
    void (codeStep instanceof InboxElement ? codeStep.updateComplete : Promise.resolve(true)).then(() =>
      (codeStep ?? this.stepHeading)?.focus(),
    );
  }

  /** Focuses the current step's heading, where reading the step begins (e.g. when a host opens the element in a panel). */
  override focus(options?: FocusOptions): void {
    if (this.stepHeading) this.stepHeading.focus(options);
    else super.focus(options);
  }

  /** Returns to the channel picker, abandoning the current attempt. */
  reset(): void {
    this.abandonQr();
    this.abandonPhoneLogin();
    this.calls.abortAll();
    this.goTo('pick', this.channels.length === 1 ? this.channels[0] : null);
    if (this.channels.length === 1) this.choose(this.channels[0]);
  }

  private startOnRequestedChannel(): void {
    const only = this.channels.length === 1 ? this.channels[0] : undefined;
    const requested = this.relink?.type ?? this.channel;
    const start = requested && this.channels.includes(requested) ? requested : only;
    if (start && this.step === 'pick') this.choose(start);
  }

  private goTo(step: ConnectStep, channel: ChannelType | null): void {
    this.currentSubmit += 1;
    this.resumedQr = undefined;
    this.retryWait.stop();
    this.step = step;
    this.selected = channel;
    this.error = null;
    this.fieldErrors = {};
    this.submitting = false;
  }

  private choose(channel: ChannelType): void {
    this.cancelled = false;
    this.challenge = null;
    this.connectedChannel = null;
    this.attempt += 1;
    this.telegramMethod = 'qr';
    this.qrRefused = false;
    this.goTo(this.firstStepOf(channel), channel);
  }

  private firstStepOf(channel: ChannelType): ConnectStep {
    if (channel === 'instagram') return 'credentials';
    if (channel === 'max') return 'phone';
    return 'qr';
  }

  private handleMethodChange(method: TelegramMethod): void {
    if (method === this.telegramMethod) return;
    this.abandonQr();
    this.abandonPhoneLogin();
    this.telegramMethod = method;
    this.attempt += 1;
    this.goTo(method, 'telegram');
  }

  /** Ends a QR attempt left midway upstream too (docs/openapi.yaml: disconnect with `account_id`), without waiting. */
  private abandonQr(attempt = this.pendingQr()): void {
    if (attempt) this.services?.backend.disconnectChannel(...attempt).catch(() => {});
  }

  /** A QR attempt still waiting for its scan to finish, as disconnect's arguments. */
  private pendingQr(): [ChannelType, { accountId: string }] | undefined {
    const scanner = this.renderRoot.querySelector<QrScanner>('[part="qr-scanner"]');
    const accountId = scanner?.accountId;
    return accountId && ['waiting', 'scanned'].includes(scanner.phase)
      ? [scanner.channel!, { accountId }]
      : undefined;
  }

  /** Tells the backend to forget a phone login left midway, so the next one starts at the number. */
  private abandonPhoneLogin(): void {
    if (this.step !== 'phone') return;
    this.renderRoot.querySelector<PhoneLoginStep>('[part="phone-login"]')?.abandon();
  }

  private loadPhoneLogin(): void {
    if (this.phoneTag !== null) return;
    loadPhoneLoginElement(this.localName).then(
      (tag) => {
        this.phoneTag = tag;
        this.phoneLoadFailed = false;
      },
      () => {
        this.phoneLoadFailed = true;
      },
    );
  }

  private handleBack(): void {
    if (this.step === 'verify') {
      this.calls.abortAll();
      this.goTo('credentials', 'instagram');
      return;
    }
    this.reset();
  }

  private readonly handleFocusIn = (event: FocusEvent): void => {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && from !== this && !this.contains(from)) this.focusOrigin = from;
  };

  /** Escape anywhere in the flow is Cancel; nested fields that use Escape themselves keep it. */
  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.stopPropagation();
    this.handleCancel();
  };

  /**
   * Cancel mid-way goes back to the start; Cancel at the start ends the flow: it says so, and the focus
   * goes back where it came from.
   */
  private handleCancel(): void {
    const only = this.channels.length === 1 ? this.channels[0] : undefined;
    const atStart = this.step === 'pick' || (only !== undefined && this.step === this.firstStepOf(only));
    this.emit('inbox-cancelled', { detail: {} });
    this.reset();
    if (!atStart) return;
    this.cancelled = true;
    const origin = this.focusOrigin;
    void this.updateComplete.then(() => {
      // A host that closed the element on the event has already put the focus back.
      if (!this.isConnected) return;
      if (origin?.isConnected) origin.focus();
      else this.stepHeading?.focus();
    });
  }

  private handleStartAgain(): void {
    this.cancelled = false;
    void this.updateComplete.then(() => this.stepHeading?.focus());
  }

  private async handleInstagramSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitting || this.retryWait.running || !this.services) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const username = formText(data, 'username').trim();
    const password = formText(data, 'password');
    const country = formText(data, 'country') || this.country;
    this.username = username;
    this.country = country;
    this.fieldErrors = {
      ...(username ? {} : { username: this.localize.strings.usernameRequired }),
      ...(password ? {} : { password: this.localize.strings.passwordRequired }),
    };
    if (this.fieldErrors.username || this.fieldErrors.password) {
      this.focusFirstInvalidField();
      return;
    }
    this.submitting = true;
    this.error = null;
    const submit = ++this.currentSubmit;
    const pending = this.services.backend.connectInstagram(
      { username, password, country },
      { signal: this.calls.signal, id: this.relinkId('instagram') },
    );
    this.clearPassword();
    try {
      const result = await pending;
      if (submit !== this.currentSubmit) return;
      if (result.kind === 'connected') {
        this.finish(result.channel);
      } else {
        this.challenge = result.challenge;
        this.goTo('verify', 'instagram');
      }
    } catch (error) {
      if (submit === this.currentSubmit) this.handleInstagramError(toApiError(error));
    } finally {
      if (submit === this.currentSubmit) this.submitting = false;
    }
  }

  private handleInstagramError(error: ApiError): void {
    if (error.kind === 'aborted') return;
    // Refused credentials are said once, where they are retyped, not again in a second alert.
    const retype = this.localize.strings.passwordRetype;
    const password = this.credentialsRefused(error) ? `${this.errorMessage(error)} ${retype}` : retype;
    const fieldErrors: FieldErrors = { password };
    for (const field of ['username', 'password', 'country'] as const) {
      const messages = error.fieldErrors[field];
      if (messages?.length) fieldErrors[field] = messages.join(' ');
    }
    this.fieldErrors = fieldErrors;
    this.error = error;
    if (error.kind === 'rate-limited') this.retryWait.start(error.retryAfterSeconds ?? 30);
    this.failed(error);
    this.focusFirstInvalidField();
  }

  /** A 422 that names no field: the username or password was refused. */
  private credentialsRefused(error: ApiError): boolean {
    return error.kind === 'validation' && Object.keys(error.fieldErrors).length === 0;
  }

  private clearPassword(): void {
    if (this.passwordInput) this.passwordInput.value = '';
  }

  private focusFirstInvalidField(): void {
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  }

  private failed(error: ApiError): void {
    const detail: ConnectFailedDetail = { reason: error.kind, message: this.errorMessage(error) };
    this.emit('inbox-connect-failed', { detail });
  }

  private finish(channel: Channel): void {
    this.services?.channels.upsert(channel);
    this.connectedChannel = channel;
    this.goTo('done', channel.type);
    this.emit('inbox-connected', { detail: { channel } });
  }

  private handleNestedConnected(event: CustomEvent<{ channel: Channel }>): void {
    event.stopPropagation();
    this.finish(event.detail.channel);
  }

  private handleNestedFailed(event: CustomEvent<ConnectFailedDetail>): void {
    event.stopPropagation();
    this.emit('inbox-connect-failed', { detail: event.detail });
    if (this.selected === 'telegram' && event.detail.reason === 'validation' && this.services?.socket) {
      this.qrRefused = true;
      this.handleMethodChange('phone');
    }
    if (this.step === 'verify' && event.detail.reason === 'not-found') {
      this.goTo('credentials', 'instagram');
      this.error = null;
    }
  }

  private handleNestedManageRequest(event: CustomEvent<{ channel: ChannelType }>): void {
    event.stopPropagation();
    this.emit('inbox-manage-request', { detail: event.detail });
  }

  private handleManageClick(): void {
    if (this.selected) this.emit('inbox-manage-request', { detail: { channel: this.selected } });
  }

  /** The id of the account being linked again, when it is of `channel`. */
  private relinkId(channel: ChannelType): number | undefined {
    return this.relink?.type === channel ? this.relink.id : undefined;
  }

  private errorMessage(error: ApiError): string {
    if (error.kind === 'conflict' && this.selected) {
      return this.localize.strings.alreadyLinked(this.localize.strings.channelName(this.selected));
    }
    return describeError(error, this.localize.strings);
  }

  override render() {
    if (!this.services) {
      return html`<div part="base" class="base" lang=${this.localize.locale} dir=${this.localize.dir}>
        <p class="error" role="alert" part="status">${this.notSetUpMessage}</p>
      </div>`;
    }
    return html`<div part="base" class="base" lang=${this.localize.locale} dir=${this.localize.dir}>
      ${this.renderStep()}
    </div>`;
  }

  private renderStep() {
    if (this.cancelled) return this.renderCancelled();
    switch (this.step) {
      case 'qr':
        return this.renderQr();
      case 'phone':
        return this.renderPhone();
      case 'credentials':
        return this.renderCredentials();
      case 'verify':
        return this.renderVerify();
      case 'done':
        return this.renderDone();
      default:
        return this.renderPicker();
    }
  }

  private renderHeader(title: string, { back = true } = {}) {
    const canGoBack = back && (this.step === 'verify' || this.channels.length > 1);
    return html`<div class="header" part="header">
      ${
        canGoBack
          ? html`<button type="button" class="button back" @click=${this.handleBack}>
              <span aria-hidden="true" class="back-arrow">←</span> ${this.localize.strings.back}
            </button>`
          : nothing
      }
      <h2 class="step-heading" tabindex="-1">${title}</h2>
      <button type="button" class="button cancel" @click=${this.handleCancel}>
        ${this.localize.strings.cancel}
      </button>
    </div>`;
  }

  private renderCancelled() {
    const s = this.localize.strings;
    return html`<div class="header" part="header">
        <h2 class="step-heading" tabindex="-1">${s.connectCancelledHeading}</h2>
      </div>
      <p class="hint" role="status" part="status">${s.connectCancelledText}</p>
      <div class="actions">
        <button type="button" class="button primary start-again" @click=${this.handleStartAgain}>
          ${s.connectStartAgain}
        </button>
      </div>`;
  }

  private renderPicker() {
    const s = this.localize.strings;
    return html`<div class="header" part="header">
        <h2 class="step-heading" tabindex="-1">${s.connectHeading}</h2>
        <button type="button" class="button cancel" @click=${this.handleCancel}>${s.cancel}</button>
      </div>
      <p class="hint">${s.connectIntro}</p>
      <ul class="picker" part="picker">
        ${this.channels.map(
          (channel) =>
            html`<li>
              <button type="button" class="channel-option" @click=${() => this.choose(channel)}>
                ${channelIcon(channel)}
                <span class="channel-text">
                  <span class="channel-name">${s.channelName(channel)}</span>
                  <span class="hint">${s.channelPickHint(channel)}</span>
                </span>
              </button>
            </li>`,
        )}
      </ul>`;
  }

  private renderQr() {
    const channel = this.selected as 'whatsapp' | 'telegram';
    const tag = unsafeStatic(tagNameOf(QrScanner, 'qr-scanner'));
    return html`${this.renderHeader(this.localize.strings.linkChannelHeading(this.localize.strings.channelName(channel)))}
    ${channel === 'telegram' ? this.renderMethods() : nothing}
    ${keyed(
      this.attempt,
      staticHtml`<${tag}
        part="qr-scanner"
        exportparts="base:qr-base, qr:qr-code, steps:qr-steps, status:qr-status, actions:qr-actions, switch:qr-switch, form:qr-form, input:qr-input, code:qr-pairing-code"
        channel=${channel}
        relink-id=${this.relinkId(channel) ?? nothing}
        link-method=${this.linkMethod}
        default-country=${this.defaultCountry}
        .resume=${this.resumedQr}
        theme=${this.theme ?? nothing}
        @inbox-connected=${this.handleNestedConnected}
        @inbox-connect-failed=${this.handleNestedFailed}
        @inbox-manage-request=${this.handleNestedManageRequest}
      ></${tag}>`,
    )}`;
  }

  /** Telegram's two ways in; without a socket only the QR code, and a note saying why. */
  private renderMethods() {
    const s = this.localize.strings;
    const name = s.channelName('telegram');
    if (!this.services?.socket)
      return html`<p class="hint method-note">${s.connectPhoneNeedsSocket(name)}</p>`;
    const option = (method: TelegramMethod, label: string) =>
      html`<label class="method">
        <input
          type="radio"
          name="method"
          value=${method}
          .checked=${this.telegramMethod === method}
          @change=${() => this.handleMethodChange(method)}
        />
        <span>${label}</span>
      </label>`;
    return html`<fieldset class="methods" part="methods">
        <legend>${s.connectMethodLegend(name)}</legend>
        ${option('qr', s.connectMethodQr)} ${option('phone', s.connectMethodPhone)}
      </fieldset>
      ${this.qrRefused ? html`<p class="hint" role="status">${s.connectQrNotOffered(name)}</p>` : nothing}`;
  }

  private renderPhone() {
    const s = this.localize.strings;
    const channel = this.selected as 'telegram' | 'max';
    return html`${this.renderHeader(s.linkChannelHeading(s.channelName(channel)))}
    ${channel === 'telegram' ? this.renderMethods() : nothing} ${this.renderPhoneLogin(channel)}`;
  }

  private renderPhoneLogin(channel: 'telegram' | 'max') {
    const s = this.localize.strings;
    if (this.phoneLoadFailed) {
      return html`<div class="conflict" role="alert" part="status">
        <p class="error">${s.errorLoadFailed}</p>
        <button type="button" class="button" @click=${reloadPage}>${s.reloadPage}</button>
      </div>`;
    }
    if (this.phoneTag === null) {
      return html`<p class="loading" role="status" part="status">
        <span class="spinner" aria-hidden="true"></span>${s.connectPhoneLoading}
      </p>`;
    }
    const tag = unsafeStatic(this.phoneTag);
    return keyed(
      this.attempt,
      staticHtml`<${tag}
        part="phone-login"
        exportparts="base:phone-base, form:phone-form, input:phone-input, actions:phone-actions, status:phone-status"
        channel=${channel}
        ?autofocus=${this.qrRefused}
        hide-cancel
        theme=${this.theme ?? nothing}
        @inbox-connected=${this.handleNestedConnected}
        @inbox-connect-failed=${this.handleNestedFailed}
        @inbox-manage-request=${this.handleNestedManageRequest}
      ></${tag}>`,
    );
  }

  private renderCredentials() {
    const s = this.localize.strings;
    const errors = this.fieldErrors;
    const conflict = this.error?.kind === 'conflict';
    return html`${this.renderHeader(s.linkChannelHeading(s.channelName('instagram')))}
      <form class="form" part="form" novalidate @submit=${this.handleInstagramSubmit}>
        ${this.renderField('username', s.instagramUsernameLabel, errors.username, {
          autocomplete: 'username',
          value: this.username,
          readonly: this.relink?.type === 'instagram' && Boolean(this.relink.username),
        })}
        ${this.renderField('password', s.instagramPasswordLabel, errors.password, {
          type: 'password',
          autocomplete: 'current-password',
          hint: s.instagramPasswordNote,
        })}
        <div class="field">
          <label for="country">${s.instagramCountryLabel}</label>
          <select
            id="country"
            name="country"
            aria-describedby="country-hint ${errors.country ? 'country-error' : ''}"
            aria-invalid=${errors.country ? 'true' : 'false'}
            @change=${(event: Event) => (this.country = (event.target as HTMLSelectElement).value)}
          >
            ${countriesByName(this.localize.locale).map(
              (code) =>
                html`<option value=${code} ?selected=${code === this.country}>
                  ${countryName(code, this.localize.locale)}
                </option>`,
            )}
          </select>
          <span id="country-hint" class="hint">${s.instagramCountryHint}</span>
          ${errors.country ? html`<span id="country-error" class="field-error">${errors.country}</span>` : nothing}
        </div>
        ${
          this.error &&
          !conflict &&
          Object.keys(this.error.fieldErrors).length === 0 &&
          !this.credentialsRefused(this.error)
            ? html`<p class="error" role="alert" part="status">${this.errorMessage(this.error)}</p>`
            : nothing
        }
        ${conflict ? this.renderConflict() : nothing}
        <div class="actions">
          <button
            type="submit"
            class="button primary"
            ?disabled=${this.submitting || this.retryWait.running}
            aria-busy=${this.submitting}
          >
            ${this.renderSubmitLabel()}
          </button>
        </div>
      </form>`;
  }

  private renderSubmitLabel() {
    const s = this.localize.strings;
    if (this.submitting) return html`<span class="spinner" aria-hidden="true"></span>${s.instagramSigningIn}`;
    if (this.retryWait.running) return s.instagramSubmitAfter(this.retryWait.remaining);
    return s.instagramSubmit;
  }

  private renderField(
    name: 'username' | 'password',
    label: string,
    error: string | undefined,
    options: { type?: string; autocomplete: string; value?: string; hint?: string; readonly?: boolean },
  ) {
    const describedBy = [options.hint ? `${name}-hint` : '', error ? `${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input
        id=${name}
        name=${name}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete}
        autocapitalize="none"
        spellcheck="false"
        required
        ?readonly=${options.readonly ?? false}
        .value=${live(options.value ?? '')}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
      />
      ${options.hint ? html`<span id="${name}-hint" class="hint">${options.hint}</span>` : nothing}
      ${error ? html`<span id="${name}-error" class="field-error">${error}</span>` : nothing}
    </div>`;
  }

  private renderConflict() {
    return html`<div class="conflict" role="alert" part="status">
      <p class="error">${this.error ? this.errorMessage(this.error) : nothing}</p>
      <button type="button" class="button" @click=${this.handleManageClick}>
        ${this.localize.strings.manageLinkedAccounts}
      </button>
    </div>`;
  }

  private renderVerify() {
    const challenge = this.challenge!;
    const tag = unsafeStatic(tagNameOf(InstagramTwoFactor, 'instagram-2fa'));
    return html`${this.renderHeader(this.localize.strings.linkChannelHeading(this.localize.strings.channelName('instagram')))}
    ${keyed(
      this.attempt,
      staticHtml`<${tag}
        part="instagram-2fa"
        exportparts="base:verify-base, form:verify-form, input:verify-input, actions:verify-actions, status:verify-status"
        account-id=${challenge.account_id}
        checkpoint-type=${challenge.checkpoint_type}
        username=${this.username}
        hide-cancel
        theme=${this.theme ?? nothing}
        @inbox-connected=${this.handleNestedConnected}
        @inbox-connect-failed=${this.handleNestedFailed}
      ></${tag}>`,
    )}`;
  }

  private renderDone() {
    const s = this.localize.strings;
    const channel = this.connectedChannel!;
    const name = s.channelName(channel.type);
    return html`<div class="done" part="status">
        ${channelIcon(channel.type)}
        <h2 class="step-heading" tabindex="-1">${s.connectedHeading(name)}</h2>
        ${channel.username ? html`<p>${s.connectedAs(channel.username)}</p>` : nothing}
        <p class="hint">${s.connectedSyncing}</p>
      </div>
      <div class="actions">
        <button type="button" class="button" @click=${() => this.reset()}>${s.connectAnother}</button>
      </div>`;
  }
}
