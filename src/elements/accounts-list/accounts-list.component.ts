import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { describeError } from '../../api/describe-error.js';
import { toApiError, type ApiError } from '../../api/errors.js';
import { listChannelsFromStatus } from '../../api/list-channels-from-status.js';
import { CHANNEL_TYPES, type Channel, type ChannelType } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import { AnnouncerController } from '../../controllers/announcer.controller.js';
import { InboxLiveController } from '../../controllers/inbox-live.controller.js';
import { ServicesLifecycleController } from '../../controllers/services-lifecycle.controller.js';
import { channelOfFrame } from '../../realtime/channel-frame.js';
import { RelativeTimeController } from '../../controllers/relative-time.controller.js';
import type { AccountAction } from '../../events/action-failed.js';
import { isolated } from '../../internal/bidi.js';
import { CallScope } from '../../internal/call-scope.js';
import { channelIcon } from '../../internal/channel-icons.js';
import { accountsListStrings } from '../../i18n/en/accounts-list.js';
import { InboxElement } from '../../internal/inbox-element.js';
import { LatestCall } from '../../internal/latest-call.js';
import { reloadPage } from '../../internal/reload-page.js';
import { cardStyles, sharedStyles } from '../../internal/shared.styles.js';
import { channelListConverter, channelListOf } from '../../internal/channel-list.js';
import { statusView } from '../../internal/sync-status.js';
import { reconcileChannels } from '../../stores/channels.js';
import { accountsListStyles } from './accounts-list.styles.js';
import { loadConnectElement } from './connect-element.js';
import { dateFormat } from '../../internal/intl-cache.js';

/** What one row is doing or last said. */
interface RowState {
  busy?: 'refresh' | 'disconnect';
  confirming?: boolean;
  message?: {
    tone: 'success' | 'error';
    text: string;
    retry?: 'refresh' | 'disconnect';
    /** The status a success note speaks of: once the account's status moves on, the note is stale. */
    status?: string;
  };
}

type Panel = { mode: 'add' } | { mode: 'reconnect'; channel: Channel };

/** Where the list comes from: `GET /channels`, or one status call per type (docs/providers.md#listing-channels). */
export type AccountsSource = 'list' | 'status';

const DEFAULT_POLL_INTERVAL_MS = 30_000;

/** How long a success note stays under its row: long enough to read, then it goes by itself. */
const SUCCESS_NOTE_MS = 5_000;

/** Enough accounts for most customers at once, few enough that hundreds do not fill the page. */
const DEFAULT_PAGE_SIZE = 20;

/**
 * Every linked WhatsApp, Telegram and Instagram account with its live health, and the means to
 * refresh, reconnect, disconnect and add accounts.
 *
 * @tagname accounts-list
 * @summary Linked messaging accounts, their live status, and refresh, reconnect and disconnect.
 * @dependency channel-connect
 *
 * @fires {CustomEvent<RefreshedDetail>} inbox-refreshed - An account was refreshed; `detail.channel` is the updated channel.
 * @fires {CustomEvent<DisconnectedDetail>} inbox-disconnected - An account was disconnected and removed; `detail.channel` is the removed channel.
 * @fires {CustomEvent<ReconnectRequestDetail>} inbox-reconnect-request - The user asked to reconnect `detail.channel`; cancelable: cancel it to handle reconnecting yourself.
 * @fires {CustomEvent<AddRequestDetail>} inbox-add-request - The user asked to link another account; cancelable: cancel it to handle linking yourself.
 * @fires {CustomEvent<ActionFailedDetail>} inbox-action-failed - Loading the list, or refreshing or disconnecting an account, failed; `detail.action`, `detail.channel`, `detail.reason`, `detail.message`.
 *
 * @csspart base - The wrapper of the whole element.
 * @csspart header - The heading with the add-account action.
 * @csspart filter - The buttons that show one channel type or all.
 * @csspart show-more - The button under a type's accounts that shows the next page of them.
 * @csspart list - Each channel type's list of accounts.
 * @csspart account - One account.
 * @csspart badge - An account's status in words.
 * @csspart actions - An account's refresh, reconnect and disconnect buttons.
 * @csspart confirm - The disconnect confirmation.
 * @csspart message - The result of an account's last action.
 * @csspart status - Loading, error and notice messages of the whole list.
 * @csspart empty - The "no accounts yet" state.
 * @csspart panel - The in-place panel around the nested channel-connect, whose step header (heading, Back, Cancel) is the panel's only header.
 * @csspart connect - The nested channel-connect; its parts are forwarded with a `connect-` prefix (below).
 * @csspart connect-base - channel-connect's `base`: the wrapper of every step.
 * @csspart connect-header - channel-connect's `header`: the step heading with back and cancel.
 * @csspart connect-picker - channel-connect's `picker`: the list of channels to choose from.
 * @csspart connect-form - channel-connect's `form`: the Instagram sign-in form.
 * @csspart connect-status - channel-connect's `status`: its errors and success message.
 * @csspart connect-qr-scanner - channel-connect's nested qr-scanner.
 * @csspart connect-qr-base - The qr-scanner's `base`: the wrapper of every state.
 * @csspart connect-qr-code - The qr-scanner's `qr`: the frame of the QR image.
 * @csspart connect-qr-steps - The qr-scanner's `steps`: what to do in the phone's app.
 * @csspart connect-qr-status - The qr-scanner's `status`: code number, time left, progress and errors.
 * @csspart connect-qr-actions - The qr-scanner's `actions`: its "New code" and "Try again" buttons.
 * @csspart connect-instagram-2fa - channel-connect's nested instagram-2fa.
 * @csspart connect-verify-base - The instagram-2fa's `base`: its wrapper.
 * @csspart connect-verify-form - The instagram-2fa's `form`: the verification-code form.
 * @csspart connect-verify-input - The instagram-2fa's `input`: the one-time-code input.
 * @csspart connect-verify-actions - The instagram-2fa's `actions`: its buttons.
 * @csspart connect-verify-status - The instagram-2fa's `status`: round, notices, errors and success.
 *
 * @cssprop --inbox-color-primary - Accent colour of buttons and focus rings.
 * @cssprop --inbox-color-warning - Colour of paused and unknown statuses.
 * @cssprop --inbox-radius - Corner radius of buttons and cards.
 * @cssprop --inbox-accounts-max-width - Widest the element grows (default 640px).
 * @cssprop --inbox-accounts-badge-radius - Corner radius of the status badges.
 */
export class AccountsList extends InboxElement {
  static override styles = [sharedStyles, cardStyles, accountsListStyles];
  protected static override englishStrings = accountsListStrings;

  private readonly calls = new CallScope(this);
  private readonly clock = new RelativeTimeController(this);
  private readonly live = new InboxLiveController(this, {
    services: () => this.services,
    intervalMs: () => this.pollInterval,
    reload: () => this.load(),
    handlers: {
      'channel:status': (payload) => {
        const channel = channelOfFrame(payload);
        if (channel) this.handleLiveChannel(channel);
      },
    },
  });

  private readonly announcer = new AnnouncerController(this);
  private readonly servicesLifecycle = new ServicesLifecycleController(this, {
    services: () => this.services,
    attach: (services) => this.attachServices(services),
  });

  @query('.heading') private heading?: HTMLElement;

  /** Which channel types to show and offer, space-separated (default all three). */
  @property({ converter: channelListConverter }) channels: ChannelType[] = [...CHANNEL_TYPES];

  /** `status` composes the list from the three `GET /channels/{type}/status` calls, for backends without `GET /channels`. */
  @property() source: AccountsSource = 'list';

  /** Milliseconds between list reloads when there is no socket; only while the page is visible. */
  @property({ attribute: false }) pollInterval = DEFAULT_POLL_INTERVAL_MS;

  /** How many accounts of a type show at first, and how many more each "Show more" adds. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  @state() private accounts: Channel[] = [];
  @state() private loaded = false;
  @state() private loading = false;
  @state() private loadError: ApiError | null = null;
  @state() private filter: ChannelType | 'all' = 'all';
  @state() private rows: Record<number, RowState> = {};
  @state() private panel: Panel | null = null;
  /** The tag of the nested channel-connect, once its code is loaded. */
  @state() private connectTag: string | null = null;
  @state() private connectLoadFailed = false;
  @state() private notice = '';
  /** Accounts shown per type beyond the first page, after "Show more". */
  @state() private shownByType: Partial<Record<ChannelType, number>> = {};

  private inFlightLoad: Promise<void> | null = null;
  private loadAgain = false;
  /** Starts again when the element lets go of its services, so an abandoned reload does not go round again. */
  private readonly loads = new LatestCall();
  /** The button that opened the panel, to take the focus back when it closes. */
  private opener: HTMLElement | null = null;
  private pendingReconcile: ReturnType<typeof setTimeout> | undefined;
  private readonly successNoteTimers = new Map<number, ReturnType<typeof setTimeout>>();

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.channels = channelListOf(this.channels);
    const sourceChanged = changed.has('source') && changed.get('source') !== undefined;
    const channelsChanged = changed.has('channels') && changed.get('channels') !== undefined;
    if (
      (sourceChanged || (channelsChanged && this.source === 'status')) &&
      this.services &&
      this.isConnected
    ) {
      void this.load();
    }
    if (changed.has('pollInterval') && changed.get('pollInterval') !== undefined) this.live.reschedule();
    if (this.filter !== 'all' && !this.typesShown().includes(this.filter)) this.filter = 'all';
  }

  protected override servicesChanged(_previous: InboxServices | undefined): void {
    this.servicesLifecycle.detach();
    this.loaded = false;
    this.loadError = null;
    this.rows = {};
    this.panel = null;
    this.servicesLifecycle.attach();
    this.live.restart();
  }

  /** Loads the list again now; what the element does by itself on a timer or after a socket rejoin. */
  reload(): Promise<void> {
    return this.load();
  }

  private attachServices(services: InboxServices): (() => void)[] {
    const cleanups = [
      () => {
        this.calls.abortAll();
        this.loads.cancel();
        this.inFlightLoad = null;
        this.loadAgain = false;
        this.loading = false;
        clearTimeout(this.pendingReconcile);
        for (const timer of this.successNoteTimers.values()) clearTimeout(timer);
        this.successNoteTimers.clear();
      },
      services.channels.channels.subscribe((byId) => {
        this.accounts = Object.values(byId).sort((a, b) => a.id - b.id);
      }),
    ];
    void this.load();
    return cleanups;
  }

  /** One reload at a time; a reload asked for meanwhile runs once more after it. */
  private load(): Promise<void> {
    if (this.inFlightLoad) {
      this.loadAgain = true;
      return this.inFlightLoad;
    }
    const services = this.services;
    if (!services) return Promise.resolve();
    const current = this.loads.join();
    const run = (async () => {
      do {
        this.loadAgain = false;
        await this.fetchList(services);
      } while (this.loadAgain && current());
    })();
    const tracked = run.finally(() => {
      if (this.inFlightLoad === tracked) {
        this.inFlightLoad = null;
        this.loading = false;
      }
    });
    this.inFlightLoad = tracked;
    return tracked;
  }

  private async fetchList(services: InboxServices): Promise<void> {
    const strict = this.source === 'status';
    const types = strict ? [...this.channels] : [...CHANNEL_TYPES];
    const before = new Set(Object.values(services.channels.channels.get()).map((channel) => channel.id));
    this.loading = true;
    try {
      const signal = this.calls.signal;
      const list = strict
        ? await listChannelsFromStatus(services.backend, { types, signal })
        : await services.backend.listChannels({ signal });
      if (services !== this.services) return;
      reconcileChannels(services.channels, list, types, before);
      this.loaded = true;
      this.loadError = null;
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted' || services !== this.services) return;
      if (!this.loadError)
        this.failed('load', null, apiError, describeError(apiError, this.localize.strings));
      this.loadError = apiError;
    } finally {
      this.live.reloaded();
    }
  }

  private handleLiveChannel(channel: Channel): void {
    this.services?.channels.upsert(channel, { broadcast: false });
    if (!channel.is_connected) {
      // The socket says the same for an account that went and one that only stopped: ask the list.
      clearTimeout(this.pendingReconcile);
      this.pendingReconcile = setTimeout(() => void this.load(), 300);
    }
  }

  private setRow(id: number, row: RowState): void {
    this.rows = { ...this.rows, [id]: row };
  }

  private failed(action: AccountAction, channel: Channel | null, error: ApiError, message: string): void {
    this.emit('inbox-action-failed', { detail: { action, channel, reason: error.kind, message } });
  }

  private async handleRefresh(channel: Channel): Promise<void> {
    const services = this.services;
    if (!services || this.rows[channel.id]?.busy) return;
    this.setRow(channel.id, { busy: 'refresh' });
    try {
      const updated = await services.backend.refreshChannel(channel.type, {
        id: channel.id,
        signal: this.calls.signal,
      });
      if (services !== this.services) return;
      services.channels.upsert(updated);
      const text = this.localize.strings.accountsRefreshed(statusView(updated, this.localize.strings).label);
      this.setRow(updated.id, { message: { tone: 'success', text, status: updated.sync_status } });
      this.dismissSuccessLater(updated.id);
      if (updated.id !== channel.id) this.setRow(channel.id, {});
      this.emit('inbox-refreshed', { detail: { channel: updated } });
    } catch (error) {
      this.actionFailed('refresh', channel, toApiError(error));
    }
  }

  private dismissSuccessLater(id: number): void {
    clearTimeout(this.successNoteTimers.get(id));
    this.successNoteTimers.set(
      id,
      setTimeout(() => {
        this.successNoteTimers.delete(id);
        if (this.rows[id]?.message?.tone === 'success')
          this.setRow(id, { ...this.rows[id], message: undefined });
      }, SUCCESS_NOTE_MS),
    );
  }

  private handleDisconnectClick(channel: Channel): void {
    if (this.rows[channel.id]?.busy) return;
    this.setRow(channel.id, { confirming: true });
    this.focusInRow(channel.id, '.confirm-cancel');
  }

  private handleConfirmCancel(channel: Channel): void {
    if (this.rows[channel.id]?.busy) return;
    this.setRow(channel.id, {});
    this.focusInRow(channel.id, '.disconnect');
  }

  private handleConfirmKeydown(event: KeyboardEvent, channel: Channel): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.handleConfirmCancel(channel);
  }

  private async handleDisconnect(channel: Channel): Promise<void> {
    const services = this.services;
    if (!services || this.rows[channel.id]?.busy) return;
    // The confirmation stays up, its button showing progress, so the focus has somewhere to stay.
    this.setRow(channel.id, { confirming: true, busy: 'disconnect' });
    try {
      await services.backend.disconnectChannel(channel.type, { id: channel.id, signal: this.calls.signal });
      if (services !== this.services) return;
      const next = this.neighbourOf(channel.id);
      services.channels.remove(channel.id);
      const rows = { ...this.rows };
      delete rows[channel.id];
      this.rows = rows;
      this.announcer.announce(this.localize.strings.accountsDisconnected(this.accountName(channel)));
      this.emit('inbox-disconnected', { detail: { channel } });
      void this.updateComplete.then(() => {
        const target = next === undefined ? null : this.rowElement(next)?.querySelector('button');
        (target ?? this.heading)?.focus();
      });
    } catch (error) {
      this.actionFailed('disconnect', channel, toApiError(error));
    }
  }

  private actionFailed(action: 'refresh' | 'disconnect', channel: Channel, error: ApiError): void {
    if (error.kind === 'aborted') {
      // The element left the page mid-call; back on it, the row is idle and the list reloaded.
      this.setRow(channel.id, {});
      return;
    }
    const s = this.localize.strings;
    let text: string;
    if (error.kind === 'not-found') text = s.accountsGone;
    else if (action === 'disconnect' && error.kind === 'validation')
      text = s.accountsDisconnectRefused(error.serverMessage);
    else text = describeError(error, this.localize.strings);
    this.setRow(channel.id, { message: { tone: 'error', text, retry: action } });
    this.failed(action, channel, error, text);
    this.focusInRow(channel.id, '.retry');
    if (error.kind === 'not-found') void this.load();
  }

  private handleRetry(channel: Channel, action: 'refresh' | 'disconnect'): void {
    if (action === 'disconnect') {
      this.handleDisconnectClick(channel);
      return;
    }
    void this.handleRefresh(channel);
    this.focusInRow(channel.id, '.refresh');
  }

  private handleReconnect(event: Event, channel: Channel): void {
    if (this.rows[channel.id]?.busy) return;
    if (!this.emit('inbox-reconnect-request', { detail: { channel }, cancelable: true })) return;
    this.openPanel({ mode: 'reconnect', channel }, event.currentTarget as HTMLElement);
  }

  private handleAdd(event: Event): void {
    if (!this.emit('inbox-add-request', { detail: { channels: [...this.channels] }, cancelable: true }))
      return;
    this.openPanel({ mode: 'add' }, event.currentTarget as HTMLElement);
  }

  private openPanel(panel: Panel, opener: HTMLElement): void {
    this.opener = opener;
    this.notice = '';
    this.panel = panel;
    if (this.connectTag === null) this.loadConnect();
    void this.focusPanel();
  }

  /** The focus goes to the nested step's heading, or to the panel itself while the step's code loads. */
  private async focusPanel(): Promise<void> {
    await this.updateComplete;
    const connect = this.renderRoot.querySelector<InboxElement>('[part="connect"]');
    if (!connect) {
      this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
      return;
    }
    await connect.updateComplete;
    connect.focus();
  }

  private loadConnect(): void {
    loadConnectElement(this.localName).then(
      (tag) => {
        this.connectTag = tag;
        this.connectLoadFailed = false;
        if (this.shadowRoot?.activeElement?.matches('.panel')) void this.focusPanel();
      },
      () => {
        this.connectLoadFailed = true;
      },
    );
  }

  private closePanel({ returnFocus = true } = {}): void {
    this.panel = null;
    const opener = this.opener;
    this.opener = null;
    if (!returnFocus) return;
    void this.updateComplete.then(() => {
      const target = opener?.isConnected ? opener : this.addButton();
      (target ?? this.heading)?.focus();
    });
  }

  private handlePanelKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.closePanel();
  }

  private handleNestedConnected(event: CustomEvent<{ channel: Channel }>): void {
    // channel-connect already put the channel in the shared store; the event goes on to the host.
    const { channel } = event.detail;
    this.announcer.announce(this.localize.strings.accountsLinked(this.accountName(channel)));
    this.closePanel({ returnFocus: false });
    void this.updateComplete.then(() => {
      const target = this.rowElement(channel.id)?.querySelector('button') ?? this.heading;
      target?.focus();
    });
    // A reconnect may have replaced the old account on the backend.
    void this.load();
  }

  private handleNestedCancelled(): void {
    this.closePanel();
  }

  private handleNestedManageRequest(event: CustomEvent<{ channel: ChannelType }>): void {
    // This list is where linked accounts are managed: the request ends here.
    event.stopPropagation();
    const { channel } = event.detail;
    this.closePanel({ returnFocus: false });
    this.filter = this.typesShown().includes(channel) ? channel : 'all';
    this.notice = this.localize.strings.accountsStillLinked(this.localize.strings.channelName(channel));
    this.announcer.announce(this.notice);
    // Open the linked account: its row, where Reconnect and Disconnect are.
    const linked = this.visibleAccounts().find((account) => account.type === channel);
    void this.updateComplete.then(() => {
      const row = linked ? this.rowElement(linked.id) : null;
      const target = row?.querySelector<HTMLElement>('.reconnect, .disconnect') ?? this.heading;
      target?.focus();
    });
  }

  private handleFilter(filter: ChannelType | 'all'): void {
    this.filter = filter;
  }

  /** `page-size`, or the default when it is not a positive whole number. */
  private get page(): number {
    return Number.isSafeInteger(this.pageSize) && this.pageSize > 0 ? this.pageSize : DEFAULT_PAGE_SIZE;
  }

  /** How many accounts of a type show now. */
  private shownCount(type: ChannelType): number {
    return this.shownByType[type] ?? this.page;
  }

  private async handleShowMore(type: ChannelType, accounts: Channel[]): Promise<void> {
    const before = Math.min(accounts.length, this.shownCount(type));
    const shown = Math.min(accounts.length, before + this.page);
    this.shownByType = { ...this.shownByType, [type]: shown };
    const s = this.localize.strings;
    this.announcer.announce(s.accountsShowing(shown, accounts.length));
    await this.updateComplete;
    // The button may be gone with the last page: the first account it revealed takes the focus.
    const first = accounts[before];
    if (first) this.rowElement(first.id)?.querySelector<HTMLElement>('button')?.focus();
  }

  private visibleAccounts(): Channel[] {
    return this.accounts.filter((channel) => this.channels.includes(channel.type));
  }

  private typesShown(): ChannelType[] {
    const present = new Set(this.visibleAccounts().map((channel) => channel.type));
    return CHANNEL_TYPES.filter((type) => present.has(type));
  }

  private neighbourOf(id: number): number | undefined {
    const ids = [...this.renderRoot.querySelectorAll<HTMLElement>('.account')].map((row) =>
      Number(row.dataset.id),
    );
    const index = ids.indexOf(id);
    return index === -1 ? undefined : (ids[index + 1] ?? ids[index - 1]);
  }

  private rowElement(id: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.account[data-id="${id}"]`);
  }

  private addButton(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.add');
  }

  private focusInRow(id: number, selector: string): void {
    void this.updateComplete.then(() => this.rowElement(id)?.querySelector<HTMLElement>(selector)?.focus());
  }

  private locale(): string {
    return this.localize.locale;
  }

  /** How messages name one account, e.g. "WhatsApp +966501234567". */
  private accountName(channel: Channel): string {
    const s = this.localize.strings;
    return s.accountsAccountName(s.channelName(channel.type), channel.username);
  }

  override render() {
    const s = this.localize.strings;
    if (!this.services) {
      return html`<div part="base" class="base" lang=${this.localize.locale} dir=${this.localize.dir}>
        <p class="error" role="alert" part="status">${this.notSetUpMessage}</p>
      </div>`;
    }
    const accounts = this.visibleAccounts();
    const empty = this.loaded && accounts.length === 0;
    return html`<div
      part="base"
      class="base"
      lang=${this.localize.locale}
      dir=${this.localize.dir}
      aria-busy=${this.loading && !this.loaded ? 'true' : 'false'}
    >
      <div class="header" part="header">
        <h2 class="heading" tabindex="-1">${s.accountsHeading}</h2>
        ${
          empty || this.panel?.mode === 'add'
            ? nothing
            : html`<button type="button" class="button primary add" @click=${this.handleAdd}>
                ${s.accountsAdd}
              </button>`
        }
      </div>
      ${this.announcer.render()}
      ${this.notice ? html`<p class="notice" part="status">${this.notice}</p>` : nothing}
      ${this.panel?.mode === 'add' ? this.renderPanel(this.panel) : nothing} ${this.renderBody(accounts)}
    </div>`;
  }

  private renderBody(accounts: Channel[]) {
    const s = this.localize.strings;
    if (!this.loaded && accounts.length === 0) {
      if (this.loadError) return this.renderLoadError(this.loadError, false);
      return html`<p class="state" role="status" part="status">
        <span class="spinner" aria-hidden="true"></span>${s.accountsLoading}
      </p>`;
    }
    if (accounts.length === 0) return this.panel?.mode === 'add' ? nothing : this.renderEmpty();
    const types = this.typesShown();
    const shown = this.filter === 'all' ? types : types.filter((type) => type === this.filter);
    return html`${this.loadError ? this.renderLoadError(this.loadError, true) : nothing}
    ${types.length > 1 ? this.renderFilter(types, accounts) : nothing}
    ${shown.map((type) =>
      this.renderGroup(
        type,
        accounts.filter((channel) => channel.type === type),
      ),
    )}`;
  }

  private renderLoadError(error: ApiError, stale: boolean) {
    const s = this.localize.strings;
    const message = describeError(error, this.localize.strings);
    return html`<div class="notice error" role="alert" part="status">
      <p class="state">${stale ? s.accountsUpdateFailed(message) : message}</p>
      <button type="button" class="button retry-load" @click=${() => void this.load()}>
        ${s.accountsRetry}
      </button>
    </div>`;
  }

  private renderEmpty() {
    const s = this.localize.strings;
    return html`<div class="empty" part="empty">
      <h3>${s.accountsEmptyHeading}</h3>
      <p class="hint">${s.accountsEmptyText}</p>
      <button type="button" class="button primary add" @click=${this.handleAdd}>${s.accountsAdd}</button>
    </div>`;
  }

  private renderFilter(types: ChannelType[], accounts: Channel[]) {
    const s = this.localize.strings;
    const option = (value: ChannelType | 'all', label: string) =>
      html`<button
        type="button"
        class="button"
        aria-pressed=${this.filter === value ? 'true' : 'false'}
        @click=${() => this.handleFilter(value)}
      >
        ${label}
      </button>`;
    return html`<div class="filter" part="filter" role="group" aria-label=${s.accountsFilterLabel}>
      ${option('all', s.accountsFilterAll(accounts.length))}
      ${types.map((type) =>
        option(
          type,
          s.accountsFilterType(
            s.channelName(type),
            accounts.filter((channel) => channel.type === type).length,
          ),
        ),
      )}
    </div>`;
  }

  private renderGroup(type: ChannelType, accounts: Channel[]) {
    const s = this.localize.strings;
    const headingId = `group-${type}`;
    const shown = accounts.slice(0, this.shownCount(type));
    const left = accounts.length - shown.length;
    return html`<section class="group" aria-labelledby=${headingId}>
      <h3 class="group-heading" id=${headingId}>
        ${s.accountsGroupHeading(s.channelName(type), accounts.length)}
      </h3>
      <ul class="list" part="list">
        ${repeat(
          shown,
          (channel) => channel.id,
          (channel) => this.renderAccount(channel),
        )}
      </ul>
      ${
        left > 0
          ? html`<button
              type="button"
              class="button show-more"
              part="show-more"
              @click=${() => void this.handleShowMore(type, accounts)}
            >
              ${s.accountsShowMore(Math.min(left, this.page), left)}
            </button>`
          : nothing
      }
    </section>`;
  }

  private renderAccount(channel: Channel) {
    const s = this.localize.strings;
    const view = statusView(channel, this.localize.strings);
    const row = this.rows[channel.id] ?? {};
    const name = this.accountName(channel);
    const reconnecting = this.panel?.mode === 'reconnect' && this.panel.channel.id === channel.id;
    return html`<li class="account" part="account" data-id=${channel.id} data-tone=${view.tone}>
      <div class="account-main">
        ${channelIcon(channel.type)}
        <div class="account-text">
          <div class="account-title">
            <span class="account-name">
              <span class="visually-hidden">${s.channelName(channel.type)}</span>
              ${channel.username ? isolated(channel.username) : s.accountsNoUsername}
            </span>
            <span class="badge" part="badge" data-tone=${view.tone}>${view.label}</span>
          </div>
          <p class="advice">${view.advice}</p>
          ${channel.is_connected ? nothing : html`<p class="advice">${s.accountsNotActive}</p>`}
          ${this.renderSynced(channel)}
        </div>
      </div>
      ${row.confirming ? this.renderConfirm(channel, row, name) : this.renderActions(channel, row, view.canReconnect, name)}
      ${row.message && !this.isStale(row.message, channel) ? this.renderMessage(channel, row.message) : nothing}
      ${reconnecting && this.panel ? this.renderPanel(this.panel) : nothing}
    </li>`;
  }

  private renderSynced(channel: Channel) {
    const s = this.localize.strings;
    const iso = channel.last_synced_at;
    const locale = this.locale();
    const relative = iso ? this.clock.format(iso, locale) : undefined;
    if (!iso || relative === undefined) return html`<p class="synced">${s.accountsNeverSynced}</p>`;
    const absolute = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    return html`<p class="synced">
      <time datetime=${iso} title=${absolute}>${s.accountsSynced(relative)}</time>
    </p>`;
  }

  private renderActions(channel: Channel, row: RowState, canReconnect: boolean, name: string) {
    const s = this.localize.strings;
    const busy = row.busy !== undefined;
    const label = (text: string) => html`${text}<span class="visually-hidden"> ${name}</span>`;
    return html`<div class="actions" part="actions">
      <button
        type="button"
        class="button refresh"
        aria-disabled=${busy ? 'true' : 'false'}
        aria-busy=${row.busy === 'refresh' ? 'true' : 'false'}
        @click=${() => void this.handleRefresh(channel)}
      >
        ${
          row.busy === 'refresh'
            ? html`<span class="spinner" aria-hidden="true"></span>${label(s.accountsRefreshing)}`
            : label(s.accountsRefresh)
        }
      </button>
      ${
        canReconnect
          ? html`<button
              type="button"
              class="button reconnect"
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${(event: Event) => this.handleReconnect(event, channel)}
            >
              ${label(s.accountsReconnect)}
            </button>`
          : nothing
      }
      <button
        type="button"
        class="button disconnect"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => this.handleDisconnectClick(channel)}
      >
        ${label(s.accountsDisconnect)}
      </button>
    </div>`;
  }

  private renderConfirm(channel: Channel, row: RowState, name: string) {
    const s = this.localize.strings;
    const busy = row.busy === 'disconnect';
    const titleId = `confirm-${channel.id}`;
    return html`<div
      class="confirm"
      part="confirm"
      role="group"
      aria-labelledby=${titleId}
      @keydown=${(event: KeyboardEvent) => this.handleConfirmKeydown(event, channel)}
    >
      <p class="confirm-title" id=${titleId}>${s.accountsConfirmDisconnect(name)}</p>
      <p class="hint">${s.accountsConfirmDisconnectText}</p>
      <div class="actions">
        <button
          type="button"
          class="button danger confirm-yes"
          aria-disabled=${busy ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
          @click=${() => void this.handleDisconnect(channel)}
        >
          ${
            busy
              ? html`<span class="spinner" aria-hidden="true"></span>${s.accountsDisconnecting}`
              : s.accountsConfirmYes
          }
        </button>
        <button
          type="button"
          class="button confirm-cancel"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => this.handleConfirmCancel(channel)}
        >
          ${s.accountsConfirmNo}
        </button>
      </div>
    </div>`;
  }

  /** A success note that no longer matches the account's status is not shown: it would contradict the badge. */
  private isStale(message: NonNullable<RowState['message']>, channel: Channel): boolean {
    return (
      message.tone === 'success' && message.status !== undefined && message.status !== channel.sync_status
    );
  }

  private renderMessage(channel: Channel, message: NonNullable<RowState['message']>) {
    const s = this.localize.strings;
    const retry = message.retry;
    return html`<div
      class="message ${message.tone}"
      part="message"
      role=${message.tone === 'error' ? 'alert' : 'status'}
    >
      <span>${message.text}</span>
      ${
        retry
          ? html`<button type="button" class="button retry" @click=${() => this.handleRetry(channel, retry)}>
              ${s.accountsRetry}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderPanel(panel: Panel) {
    const s = this.localize.strings;
    const title =
      panel.mode === 'add'
        ? s.accountsAddHeading
        : s.accountsReconnectHeading(this.accountName(panel.channel));
    const channels = panel.mode === 'add' ? this.channels.join(' ') : panel.channel.type;
    // One header: channel-connect's step heading and its Cancel, which closes the panel (inbox-cancelled).
    return html`<section
      class="panel"
      part="panel"
      aria-label=${title}
      tabindex="-1"
      @keydown=${this.handlePanelKeydown}
    >
      ${this.renderConnect(channels, panel.mode === 'reconnect' ? panel.channel : undefined)}
    </section>`;
  }

  private renderConnect(channels: string, relink: Channel | undefined) {
    const s = this.localize.strings;
    if (this.connectLoadFailed) {
      return html`<div class="notice error" role="alert" part="status">
        <p class="state">${s.accountsPanelFailed}</p>
        <button type="button" class="button reload" @click=${reloadPage}>${s.reloadPage}</button>
      </div>`;
    }
    if (this.connectTag === null) {
      return html`<p class="state" role="status" part="status">
        <span class="spinner" aria-hidden="true"></span>${s.accountsPanelLoading}
      </p>`;
    }
    const tag = unsafeStatic(this.connectTag);
    return staticHtml`<${tag}
      part="connect"
      exportparts="base:connect-base, header:connect-header, picker:connect-picker, form:connect-form, status:connect-status, qr-scanner:connect-qr-scanner, qr-base:connect-qr-base, qr-code:connect-qr-code, qr-steps:connect-qr-steps, qr-status:connect-qr-status, qr-actions:connect-qr-actions, instagram-2fa:connect-instagram-2fa, verify-base:connect-verify-base, verify-form:connect-verify-form, verify-input:connect-verify-input, verify-actions:connect-verify-actions, verify-status:connect-verify-status"
      channels=${channels}
      .relink=${relink}
      theme=${this.theme ?? nothing}
      @inbox-connected=${this.handleNestedConnected}
      @inbox-cancelled=${this.handleNestedCancelled}
      @inbox-manage-request=${this.handleNestedManageRequest}
    ></${tag}>`;
  }
}
