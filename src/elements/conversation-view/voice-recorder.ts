import {
  css,
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { Strings } from '../../i18n/en.js';
import { createOwnBlobUrl, revokeOwnBlobUrl, safeUrl } from '../../internal/safe-url.js';
import { microphoneIcon } from './icons.js';

const PANEL_ID = 'voice-panel';
/** A recording left running is stopped here, so a forgotten one does not keep the microphone on. */
const MAX_RECORDING_MS = 15 * 60 * 1000;
const OGG_OPUS = 'audio/ogg;codecs=opus';
const WEBM_OPUS = 'audio/webm;codecs=opus';

type FailureKey =
  'voiceDenied' | 'voiceNoDevice' | 'voiceBusy' | 'voiceInsecure' | 'voiceFailed' | 'voiceEmpty';

type VoiceStep =
  | { step: 'idle' }
  | { step: 'explaining' }
  | { step: 'asking' }
  | { step: 'recording'; startedAt: number }
  | { step: 'preparing' }
  | { step: 'recorded'; file: File; milliseconds: number }
  | { step: 'failed'; failure: FailureKey };

export interface VoiceRecorderOptions {
  /** The open conversation: a voice note belongs to the one it was recorded in. */
  conversationId(): string | null;
  locale(): string;
  /** Sends the finished note as the composer sends a file. */
  send(file: File): Promise<void>;
}

/** The recording format this browser makes that can become Ogg/Opus, or `undefined` when it cannot record. */
function recordingType(): string | undefined {
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) return undefined;
  return [OGG_OPUS, WEBM_OPUS].find((type) => MediaRecorder.isTypeSupported(type));
}

function failureOf(error: unknown): FailureKey {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return 'voiceDenied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'voiceNoDevice';
  if (name === 'NotReadableError' || name === 'AbortError') return 'voiceBusy';
  if (name === 'SecurityError') return 'voiceInsecure';
  return 'voiceFailed';
}

/**
 * The composer's voice notes: explains the microphone request before the browser asks, records with
 * MediaRecorder, lets the user listen back, and hands an Ogg/Opus file to the composer. The microphone is
 * released as soon as a recording stops, the element leaves the page or the user cancels.
 */
export class VoiceRecorder implements ReactiveController {
  private state: VoiceStep = { step: 'idle' };
  /** The conversation the note on screen was started in. */
  private conversationId: string | null = null;
  private stream: MediaStream | undefined;
  private recorder: MediaRecorder | undefined;
  private chunks: Blob[] = [];
  private ticker: ReturnType<typeof setInterval> | undefined;
  private limit: ReturnType<typeof setTimeout> | undefined;
  private previewUrl: string | undefined;
  private sending = false;
  private readonly type = recordingType();

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly options: VoiceRecorderOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.state.step === 'recording') this.recorder?.stop();
    this.releaseMicrophone();
    if (this.state.step === 'explaining' || this.state.step === 'asking') this.set({ step: 'idle' });
    this.releasePreview();
  }

  /** Read afresh after an await, where the state may have moved on. */
  private get step(): VoiceStep['step'] {
    return this.state.step;
  }

  private set(state: VoiceStep): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private readonly start = async (): Promise<void> => {
    this.discard();
    this.conversationId = this.options.conversationId();
    if (!window.isSecureContext) return this.fail('voiceInsecure');
    const permission = await navigator.permissions
      ?.query({ name: 'microphone' })
      .then((status) => status.state)
      .catch(() => undefined);
    if (permission === 'denied') return this.fail('voiceDenied');
    if (permission === 'granted') return this.record();
    this.set({ step: 'explaining' });
    await this.focus('.voice-allow');
  };

  private readonly record = async (): Promise<void> => {
    this.set({ step: 'asking' });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      return this.fail(failureOf(error));
    }
    if (this.step !== 'asking') {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.stream = stream;
    this.chunks = [];
    const recorder = new MediaRecorder(stream, { mimeType: this.type });
    this.recorder = recorder;
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
    recorder.addEventListener('stop', () => void this.finish(recorder));
    recorder.start(1000);
    this.set({ step: 'recording', startedAt: performance.now() });
    this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
    this.limit = setTimeout(() => this.stop(), MAX_RECORDING_MS);
    await this.focus('.voice-stop');
  };

  private readonly stop = (): void => {
    if (this.recorder?.state === 'recording') this.recorder.stop();
  };

  private async finish(recorder: MediaRecorder): Promise<void> {
    if (recorder !== this.recorder || this.state.step !== 'recording') return;
    const milliseconds = performance.now() - this.state.startedAt;
    this.releaseMicrophone();
    this.set({ step: 'preparing' });
    const recording = new Blob(this.chunks, { type: recorder.mimeType });
    this.chunks = [];
    if (recording.size === 0) return this.fail('voiceEmpty');
    try {
      const ogg = recorder.mimeType.startsWith('audio/ogg')
        ? recording
        : await import('./voice-note-ogg.js').then(({ webmToOggOpus }) => webmToOggOpus(recording));
      if (this.step !== 'preparing') return;
      const file = new File(
        [ogg],
        `voice-note-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}.ogg`,
        {
          type: 'audio/ogg',
        },
      );
      this.set({ step: 'recorded', file, milliseconds });
    } catch {
      if (this.step === 'preparing') await this.fail('voiceFailed');
      return;
    }
    await this.focus('.voice-send');
  }

  private releaseMicrophone(): void {
    clearInterval(this.ticker);
    clearTimeout(this.limit);
    this.ticker = undefined;
    this.limit = undefined;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
  }

  private releasePreview(): void {
    if (this.previewUrl) revokeOwnBlobUrl(this.previewUrl);
    this.previewUrl = undefined;
  }

  /** Drops whatever is under way or recorded, and gives the microphone back. */
  private discard(): void {
    if (this.recorder?.state === 'recording') this.recorder.stop();
    this.recorder = undefined;
    this.chunks = [];
    this.releaseMicrophone();
    this.releasePreview();
    this.set({ step: 'idle' });
  }

  private readonly close = async (): Promise<void> => {
    this.discard();
    await this.focus('.voice-button');
  };

  private async fail(failure: FailureKey): Promise<void> {
    this.set({ step: 'failed', failure });
    await this.focus('.voice-retry');
  }

  /** Moves the focus to the panel's next control once it is drawn, since the one pressed is gone. */
  private async focus(selector: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private readonly send = async (): Promise<void> => {
    if (this.state.step !== 'recorded' || this.sending) return;
    const { file } = this.state;
    this.sending = true;
    try {
      await this.options.send(file);
    } catch {
      return;
    } finally {
      this.sending = false;
    }
    await this.close();
  };

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    void this.close();
  };

  private duration(milliseconds: number): string {
    const seconds = Math.floor(milliseconds / 1000);
    const locale = this.options.locale();
    const minutes = new Intl.NumberFormat(locale).format(Math.floor(seconds / 60));
    const rest = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 }).format(seconds % 60);
    return `${minutes}:${rest}`;
  }

  /** The microphone button, or nothing where this browser cannot record a note the providers take. */
  renderButton(strings: Strings, disabled: boolean): TemplateResult | typeof nothing {
    if (!this.type) return nothing;
    const open = this.state.step !== 'idle' && this.visible;
    return html`<button
      class="icon-button voice-button"
      type="button"
      title=${strings.voiceRecord}
      aria-label=${strings.voiceRecord}
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${PANEL_ID}
      ?disabled=${disabled || (open && this.state.step !== 'failed')}
      @click=${this.start}
    >
      ${microphoneIcon()}
    </button>`;
  }

  /** A note stays with the conversation it was recorded in; another conversation does not show it. */
  private get visible(): boolean {
    return this.conversationId === this.options.conversationId();
  }

  renderPanel(strings: Strings): TemplateResult | typeof nothing {
    if (this.state.step === 'idle' || !this.visible) return nothing;
    return html`<div
      id=${PANEL_ID}
      part="voice-note"
      class="voice-panel"
      role="group"
      aria-label=${strings.voicePanel}
      @keydown=${this.handleKeydown}
    >
      ${this.renderStep(strings)}
    </div>`;
  }

  private renderStep(s: Strings): TemplateResult {
    const cancel = html`<button class="button" type="button" @click=${this.close}>${s.voiceCancel}</button>`;
    switch (this.state.step) {
      case 'explaining':
        return html`<p>${s.voiceExplain}</p>
          <div class="voice-actions">
            <button class="button primary voice-allow" type="button" @click=${this.record}>
              ${s.voiceAllow}
            </button>
            ${cancel}
          </div>`;
      case 'asking':
        return html`<p role="status">${s.voiceAsking}</p>
          <div class="voice-actions">${cancel}</div>`;
      case 'recording':
        return html`<p class="voice-live" role="status">
            <span class="voice-dot" aria-hidden="true"></span>${s.voiceRecording(
              this.duration(performance.now() - this.state.startedAt),
            )}
          </p>
          <div class="voice-actions">
            <button class="button primary voice-stop" type="button" @click=${this.stop}>
              ${s.voiceStop}
            </button>
            ${cancel}
          </div>`;
      case 'preparing':
        return html`<p role="status">${s.voicePreparing}</p>`;
      case 'recorded': {
        this.previewUrl ??= createOwnBlobUrl(this.state.file);
        const label = s.voiceRecorded(this.duration(this.state.milliseconds));
        return html`<p>${label}</p>
          <audio
            controls
            preload="metadata"
            src=${safeUrl(this.previewUrl) ?? ''}
            aria-label=${label}
          ></audio>
          <div class="voice-actions">
            <button class="button primary voice-send" type="button" @click=${this.send}>
              ${s.voiceSend}
            </button>
            <button class="button" type="button" @click=${this.start}>${s.voiceAgain}</button>
            <button class="button" type="button" @click=${this.close}>${s.voiceDiscard}</button>
          </div>`;
      }
      case 'failed':
        return html`<p class="error" role="alert">${s[this.state.failure]}</p>
          <div class="voice-actions">
            <button class="button primary voice-retry" type="button" @click=${this.start}>
              ${s.voiceTryAgain}
            </button>
            <button class="button" type="button" @click=${this.close}>${s.voiceCancel}</button>
          </div>`;
      case 'idle':
        return html``;
    }
  }
}

export const voiceRecorderStyles = css`
  .voice-panel {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .voice-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }

  .voice-live {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }

  .voice-dot {
    inline-size: 10px;
    block-size: 10px;
    border-radius: 50%;
    background: var(--_danger);
  }

  .voice-panel audio {
    inline-size: min(100%, 320px);
  }
`;
