import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { Message } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import type * as NotifierModule from './notifier.js';

/** `off` until the user turns it on; `denied` and `unsupported` say why it stays off. */
export type NotificationsState = 'off' | 'asking' | 'on' | 'denied' | 'unsupported';

type Notifier = typeof NotifierModule;

export interface NotificationsOptions {
  /** Whether the host offers notifications (the `notifications` attribute). */
  offered(): boolean;
  /** Whether they chime too (the `notification-sound` attribute). */
  sound(): boolean;
  strings(): Strings;
  /** The title's name for a message: its conversation's contact. */
  nameOf(message: Message): string;
  onOpen(conversationId: string): void;
}

/**
 * The switch that turns browser notifications on, and the notifications themselves: for each incoming
 * message that arrives while the page is hidden. The browser is asked for permission only when the
 * user turns the switch on, and the notifier module is loaded only then.
 */
export class NotificationsController implements ReactiveController {
  state: NotificationsState = 'off';
  private notifier: Notifier | undefined;
  /** Shown and not yet closed: closed when the element leaves or its user changes. */
  private readonly shown = new Set<Notification>();
  private chimeContext: AudioContext | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: NotificationsOptions,
  ) {
    host.addController(this);
  }

  /** Removed from the page: its notifications go, and the switch is off when it comes back. */
  hostDisconnected(): void {
    this.turnOff();
  }

  async turnOn(): Promise<void> {
    this.set('asking');
    try {
      this.notifier ??= await import('./notifier.js');
      const permission = await this.notifier.requestNotifications();
      if (permission === 'granted') this.chimeContext ??= this.notifier.createChimeContext();
      this.set(permission === 'granted' ? 'on' : permission);
    } catch {
      this.set('unsupported');
    }
  }

  /** Off, and every notification shown is closed: also when the signed-in user changes. */
  turnOff(): void {
    for (const notification of this.shown) notification.close();
    this.shown.clear();
    void this.chimeContext?.close();
    this.chimeContext = undefined;
    this.set('off');
  }

  /** New messages from the socket: each incoming one notifies while the page is hidden. */
  messagesArrived(messages: readonly Message[]): void {
    if (this.state !== 'on' || !this.notifier || document.visibilityState !== 'hidden') return;
    const s = this.options.strings();
    let notified = false;
    for (const message of messages) {
      if (message.direction !== 'incoming') continue;
      const notification = this.notifier.notify({
        title: s.notifyTitle(this.options.nameOf(message)),
        body: message.text ?? message.file?.caption ?? message.file?.name ?? '',
        tag: message.conversation_id,
        onClick: () => this.options.onOpen(message.conversation_id),
      });
      if (!notification) continue;
      notified = true;
      this.shown.add(notification);
      notification.addEventListener('close', () => this.shown.delete(notification));
    }
    if (notified && this.chimeContext && this.options.sound()) this.notifier.chime(this.chimeContext);
  }

  /** The switch, and why it stayed off; nothing when the host does not offer notifications. */
  render(): TemplateResult | typeof nothing {
    if (!this.options.offered()) return nothing;
    const s = this.options.strings();
    const reason =
      this.state === 'denied' ? s.notifyDenied : this.state === 'unsupported' ? s.notifyUnsupported : '';
    return html`<label class="unread-filter">
        <input
          type="checkbox"
          part="notify"
          .checked=${this.state === 'on' || this.state === 'asking'}
          ?disabled=${this.state === 'asking'}
          aria-describedby=${reason ? 'notify-reason' : nothing}
          @change=${(event: Event) =>
            (event.target as HTMLInputElement).checked ? void this.turnOn() : this.turnOff()}
        />
        ${s.notifyLabel}
      </label>
      ${reason ? html`<p id="notify-reason" class="notify-reason" role="alert">${reason}</p>` : nothing}`;
  }

  private set(state: NotificationsState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
