import {
  css,
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { Strings } from '../../i18n/en.js';
import type { SocketAdapter, SocketState } from '../../realtime/socket-adapter.js';

/** How long "Back online" stays before the banner goes away by itself. */
const BACK_ONLINE_MS = 3_000;

/** What the connection banner says: nothing while all is well. */
export type ConnectionNotice = 'none' | 'offline' | 'reconnecting' | 'back';

/**
 * The state of the element's connection, said once for the whole element rather than under each
 * message: the browser offline (its `online` and `offline` events), the socket reconnecting, and
 * "back online" for a moment after either ends.
 */
export class ConnectionController implements ReactiveController {
  notice: ConnectionNotice = 'none';

  private browserOnline = true;
  private socketState: SocketState = 'idle';
  private backTimer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.browserOnline = navigator.onLine;
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
    this.judge();
  }

  hostDisconnected(): void {
    this.connected = false;
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
    this.clearBackTimer();
    this.notice = 'none';
  }

  /** Follows the socket's state (none without a socket); returns what stops following it. */
  follow(socket: SocketAdapter | null): () => void {
    if (!socket) return () => undefined;
    const unsubscribe = socket.state.subscribe((state) => {
      this.socketState = state;
      this.judge();
    });
    return () => {
      unsubscribe();
      this.socketState = 'idle';
      this.judge();
    };
  }

  /** The banner's status region: always present (empty while all is well), so what it comes to say is read out. */
  render(strings: Strings): TemplateResult {
    const text = {
      none: '',
      offline: strings.connectionOffline,
      reconnecting: strings.connectionReconnecting,
      back: strings.connectionBack,
    }[this.notice];
    return html`<div part="connection" class="connection" role="status">
      ${text ? html`<p class="connection-notice">${text}</p>` : nothing}
    </div>`;
  }

  private readonly handleOnline = (): void => {
    this.browserOnline = true;
    this.judge();
  };

  private readonly handleOffline = (): void => {
    this.browserOnline = false;
    this.judge();
  };

  private judge(): void {
    // Off the page nothing is shown, and no timer may be left behind.
    if (!this.connected) return;
    const trouble: ConnectionNotice | undefined = !this.browserOnline
      ? 'offline'
      : this.socketState === 'reconnecting'
        ? 'reconnecting'
        : undefined;
    if (trouble) {
      this.clearBackTimer();
      this.show(trouble);
    } else if (this.notice === 'offline' || this.notice === 'reconnecting') {
      this.show('back');
      this.backTimer = setTimeout(() => {
        this.backTimer = undefined;
        this.show('none');
      }, BACK_ONLINE_MS);
    }
  }

  private show(notice: ConnectionNotice): void {
    if (notice === this.notice) return;
    this.notice = notice;
    this.host.requestUpdate();
  }

  private clearBackTimer(): void {
    clearTimeout(this.backTimer);
    this.backTimer = undefined;
  }
}

export const connectionStyles = css`
  /* The layout's first row, above both panes: it covers nothing, and takes no room while empty. */
  .connection {
    display: flex;
    grid-row: 1;
    grid-column: 1 / -1;
    justify-content: center;
  }

  .connection-notice {
    margin: calc(var(--_space) * 0.5) var(--_space);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_text);
    color: var(--_surface);
    overflow-wrap: anywhere;
    text-align: center;
  }
`;
