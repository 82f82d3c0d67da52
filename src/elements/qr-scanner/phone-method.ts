import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CountryCode } from 'libphonenumber-js/min';
import type { Backend } from '../../api/backend.js';
import type { ApiError } from '../../api/errors.js';
import type { QrChannelType } from '../../api/types.js';
import type { QrAttemptController } from '../../controllers/qr-attempt.controller.js';
import type { LinkMethod } from './qr-scanner.component.js';
import type { Strings } from '../../i18n/en.js';
import { pairingCodeStrings } from '../../i18n/en/pairing-code.js';
import { useEnglish } from '../../i18n/localize.js';
import { loadPhoneNumbers, type PhoneLibrary } from '../../internal/phone-numbers.js';

const phoneMethodStyles = css`
  .form,
  .pairing-code {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    justify-items: start;
  }

  .pairing-code p,
  .switch {
    margin: 0;
  }

  /* Large, monospaced and spaced, to be read aloud or typed on another screen without a slip. */
  .pairing-code .code {
    font:
      600 2em / 1.2 ui-monospace,
      'SF Mono',
      Menlo,
      Consolas,
      monospace;
    letter-spacing: 0.15em;
  }

  .valid {
    color: var(--_success);
  }
`;

export interface PhoneMethodHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** `default-country`: the country of a number typed without its country code. */
  readonly defaultCountry?: string;
}

export interface PhoneMethodOptions {
  attempt: QrAttemptController;
  backend(): Backend | undefined;
  channel(): QrChannelType | undefined;
  strings(): Strings;
  /** Says something in the host's live region. */
  announce(text: string): void;
  /** The phone number comes first (`link-method`, or a narrow touch screen). */
  phoneFirst(): boolean;
}

/** A typed number read with the phone-number library: its E.164 form and how to show it, or why not. */
type PhoneReading = { e164: string; formatted: string } | { problem: 'empty' | 'invalid' };

/** Speaks a code one character at a time ("K 7 Q M, 2 X W P"), as a screen reader should read it. */
function spelled(code: string): string {
  return [code.slice(0, 4), code.slice(4)].map((half) => [...half].join(' ')).join(', ');
}

/**
 * `<qr-scanner>`'s second way to link WhatsApp, fetched when the backend offers it (docs/openapi.yaml:
 * `POST /channels/whatsapp/pairing-code`): the choice between the QR code and the phone number, the
 * number field checked as the user types (the phone-number library is fetched with the field), and the
 * pairing code to type in WhatsApp. The attempt runs in the host's `QrAttemptController`.
 */
export class PhoneMethod {
  private method: LinkMethod | null = null;
  /** The backend answered 501: it cannot link by phone number after all. */
  private unavailable = false;
  private phone = '';
  private fieldError = '';
  /** The number the last code was asked for, to ask again for a new code. */
  private lastNumber: string | null = null;
  private library: PhoneLibrary | null = null;
  private libraryLoad: Promise<PhoneLibrary | null> | undefined;
  private readonly attempt: QrAttemptController;

  constructor(
    private readonly host: PhoneMethodHost,
    private readonly options: PhoneMethodOptions,
  ) {
    useEnglish(pairingCodeStrings);
    this.attempt = options.attempt;
    const root = host.renderRoot;
    if (root instanceof ShadowRoot && phoneMethodStyles.styleSheet) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, phoneMethodStyles.styleSheet];
    }
  }

  /** The phone number is the way in use. */
  get active(): boolean {
    return this.method === 'phone' && !this.unavailable;
  }

  /**
   * Called at each host update: picks the first method once (or the one of a resumed attempt), and
   * starts a QR attempt whenever the QR code is the way and none runs.
   */
  update(): void {
    if (this.attempt.phase !== 'idle') {
      this.method ??= this.attempt.byCode ? 'phone' : 'qr';
      return;
    }
    this.method ??= this.options.phoneFirst() ? 'phone' : 'qr';
    if (this.active) void this.loadLibrary();
    else void this.attempt.start();
  }

  /** The phone-number library, or `null` when it could not be fetched (the field then says so). */
  private loadLibrary(): Promise<PhoneLibrary | null> {
    this.libraryLoad ??= loadPhoneNumbers().then(
      (library) => {
        this.library = library;
        this.host.requestUpdate();
        return library;
      },
      () => {
        this.libraryLoad = undefined;
        this.fieldError = this.options.strings().pairingCheckUnavailable;
        this.host.requestUpdate();
        return null;
      },
    );
    return this.libraryLoad;
  }

  private country(): CountryCode | undefined {
    const country = this.host.defaultCountry?.toUpperCase();
    return country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : undefined;
  }

  private read(value: string, library: PhoneLibrary): PhoneReading {
    const typed = value.trim();
    if (typed === '') return { problem: 'empty' };
    const number = library.parsePhoneNumberFromString(typed, this.country());
    if (!number?.isValid()) return { problem: 'invalid' };
    return { e164: number.number, formatted: number.formatInternational() };
  }

  /**
   * Takes a change of a pairing-code attempt the host should not handle as it does a QR code's: a first
   * code to announce, a refused number (said at the field), a backend that cannot link by code (501).
   */
  handleChange(change: { kind: string; error?: ApiError }): boolean {
    const strings = this.options.strings();
    const error = change.error;
    if (change.kind === 'code') {
      const code = this.attempt.qrCode;
      if (code) this.options.announce(strings.pairingShownAnnouncement(spelled(code)));
      return true;
    }
    if (error?.status === 501) {
      this.unavailable = true;
      this.attempt.reset();
      return true;
    }
    if (error?.kind === 'validation') {
      this.fieldError =
        error.fieldErrors['phone_number']?.[0] ?? error.message ?? strings.pairingPhoneInvalid;
      this.focusField();
    }
    return false;
  }

  /** Asks for a new code for the same number, or shows the form when there is none. */
  retry(): void {
    if (this.lastNumber) this.request(this.lastNumber);
    else this.useAnotherNumber();
  }

  private request(e164: string): void {
    const backend = this.options.backend();
    if (!backend?.requestWhatsAppPairingCode) return;
    this.lastNumber = e164;
    this.fieldError = '';
    void this.attempt.start(async (signal) => {
      const answer = await backend.requestWhatsAppPairingCode!({ phone_number: e164 }, { signal });
      return {
        accountId: answer.account_id,
        code: answer.pairing_code,
        expiresAt: Date.parse(answer.expires_at),
      };
    });
  }

  /** Ends the attempt on screen, at the backend too (docs/openapi.yaml: disconnect with `account_id`), without waiting. */
  private abandon(): void {
    const { accountId, phase } = this.attempt;
    const channel = this.options.channel();
    if (accountId && channel && (phase === 'waiting' || phase === 'scanned')) {
      this.options
        .backend()
        ?.disconnectChannel(channel, { accountId })
        .catch(() => {});
    }
    this.attempt.reset();
  }

  private useAnotherNumber(): void {
    this.abandon();
    this.fieldError = '';
    this.focusField();
  }

  private focusField(): void {
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLInputElement>('#pairing-phone')?.focus(),
    );
  }

  private readonly handleSwitch = (): void => {
    this.abandon();
    this.method = this.active ? 'qr' : 'phone';
    this.host.requestUpdate();
  };

  private readonly handleInput = (event: InputEvent): void => {
    const input = event.target as HTMLInputElement;
    // Formats as the user types, but not while they delete (the caret would jump over a space).
    const typing = event.inputType.startsWith('insert') && this.library !== null;
    this.phone = typing ? new this.library!.AsYouType(this.country()).input(input.value) : input.value;
    if (input.value !== this.phone) input.value = this.phone;
    this.fieldError = '';
    this.host.requestUpdate();
  };

  private readonly handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.attempt.phase === 'starting') return;
    const library = await this.loadLibrary();
    if (!library) return;
    const reading = this.read(this.phone, library);
    if ('problem' in reading) {
      const strings = this.options.strings();
      this.fieldError =
        reading.problem === 'empty' ? strings.pairingPhoneRequired : strings.pairingPhoneInvalid;
      this.host.requestUpdate();
      this.focusField();
      return;
    }
    this.request(reading.e164);
  };

  private readonly handleCopy = (): void => {
    const code = this.attempt.qrCode;
    if (!code) return;
    navigator.clipboard.writeText(code).then(
      () => this.options.announce(this.options.strings().pairingCopied),
      () => {
        // Not allowed here: the code stays on screen to be read or selected.
      },
    );
  };

  /** The way to the other method; a note instead once the backend refused phone numbers. */
  renderSwitch(): TemplateResult | typeof nothing {
    const s = this.options.strings();
    if (this.unavailable) return html`<p class="hint" role="status">${s.pairingUnavailable}</p>`;
    // Offered while a code or the form is up; not over the host's own failures, where it cannot help.
    const phase = this.attempt.phase;
    const up = this.active
      ? phase !== 'connected' && phase !== 'scanned'
      : ['idle', 'starting', 'waiting'].includes(phase);
    if (!up) return nothing;
    return html`<p class="switch">
      <button type="button" part="switch" class="link-button" @click=${this.handleSwitch}>
        ${this.active ? s.pairingUseQr : s.pairingUsePhone}
      </button>
    </p>`;
  }

  /**
   * The form or the code, by the attempt's phase, or `undefined` where the host shows its own view
   * (connected, and the errors other than a refused number). `waitSeconds` is what is left of a 429's wait.
   */
  render(waitSeconds: number): TemplateResult | undefined {
    switch (this.attempt.phase) {
      case 'idle':
      case 'starting':
        return this.renderForm(waitSeconds);
      case 'error':
        return this.fieldError ? this.renderForm(waitSeconds) : undefined;
      case 'scanned':
        return html`<div part="status" class="status">
          <p><span class="spinner" aria-hidden="true"></span>${this.options.strings().pairingEntered}</p>
        </div>`;
      case 'expired':
        return this.renderExpired();
      case 'waiting':
        return this.renderCode();
      default:
        return undefined;
    }
  }

  private renderForm(waitSeconds: number): TemplateResult {
    const s = this.options.strings();
    const submitting = this.attempt.phase === 'starting';
    const reading = this.fieldError || !this.library ? undefined : this.read(this.phone, this.library);
    const valid = reading && 'e164' in reading ? s.pairingPhoneValid(reading.formatted) : nothing;
    return html`<p class="hint">${s.pairingIntro}</p>
      <form
        part="form"
        class="form"
        novalidate
        aria-busy=${submitting ? 'true' : 'false'}
        @submit=${this.handleSubmit}
      >
        <div class="field">
          <label for="pairing-phone">${s.pairingPhoneLabel}</label>
          <input
            id="pairing-phone"
            part="input"
            name="phone_number"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            dir="ltr"
            required
            .value=${this.phone}
            aria-invalid=${this.fieldError ? 'true' : 'false'}
            aria-describedby="pairing-phone-hint pairing-phone-check"
            @input=${this.handleInput}
          />
          <span id="pairing-phone-hint" class="hint">${s.pairingPhoneHint}</span>
          <span id="pairing-phone-check" class=${this.fieldError ? 'field-error' : 'hint valid'}>
            ${this.fieldError || valid}
          </span>
        </div>
        <div part="actions" class="actions">
          <button class="button primary" type="submit" ?disabled=${submitting || waitSeconds > 0}>
            ${
              submitting
                ? html`<span class="spinner" aria-hidden="true"></span>${s.pairingGettingCode}`
                : waitSeconds > 0
                  ? s.pairingGetCodeIn(waitSeconds)
                  : s.pairingGetCode
            }
          </button>
        </div>
      </form>`;
  }

  private renderCode(): TemplateResult {
    const s = this.options.strings();
    const code = this.attempt.qrCode;
    if (code === null) {
      return html`<div part="status" class="status"><p>${s.pairingCodeGone}</p></div>
        ${this.renderActions(s.pairingNewCode)}`;
    }
    const left = this.attempt.secondsLeft;
    return html`<div class="layout">
      <div part="code" class="pairing-code" role="group" aria-labelledby="pairing-code-label">
        <p id="pairing-code-label" class="hint">${s.pairingCodeLabel}</p>
        <p class="code" dir="ltr">
          <span aria-hidden="true">${code.slice(0, 4)}</span><span aria-hidden="true">-</span
          ><span aria-hidden="true">${code.slice(4)}</span
          ><span class="visually-hidden">${spelled(code)}</span>
        </p>
        <button type="button" class="button copy" @click=${this.handleCopy}>${s.pairingCopy}</button>
      </div>
      <div class="details">
        <ol part="steps" class="steps" aria-label=${s.pairingStepsLabel}>
          ${s.pairingSteps.map((step) => html`<li>${step}</li>`)}
        </ol>
        <div part="status" class="status">
          <p class="time-left">${left === null ? nothing : s.pairingTimeLeft(left)}</p>
        </div>
        ${this.renderActions()}
      </div>
    </div>`;
  }

  private renderExpired(): TemplateResult {
    const s = this.options.strings();
    return html`<div part="status" class="status">
        <p>${s.pairingExpired}</p>
        <p class="hint">${s.pairingExpiredHint}</p>
      </div>
      ${this.renderActions(this.lastNumber ? s.pairingNewCode : undefined)}`;
  }

  /** "Get a new code" (for the same number) when offered, and "Use another number". */
  private renderActions(newCode?: string): TemplateResult {
    const s = this.options.strings();
    return html`<div part="actions" class="actions">
      ${
        newCode
          ? html`<button type="button" class="button primary" @click=${() => this.retry()}>
              ${newCode}
            </button>`
          : nothing
      }
      <button type="button" class="button" @click=${() => this.useAnotherNumber()}>
        ${s.pairingAnotherNumber}
      </button>
    </div>`;
  }
}
