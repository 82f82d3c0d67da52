import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { describeError } from '../../api/describe-error.js';
import { ApiError, toApiError } from '../../api/errors.js';
import type { Channel, Conversation, Message, MessageType } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import { FrameBatchController } from '../../controllers/frame-batch.controller.js';
import { InboxLiveController } from '../../controllers/inbox-live.controller.js';
import { ReadMarkerController } from '../../controllers/read-marker.controller.js';
import { CallScope } from '../../internal/call-scope.js';
import { channelIcon } from '../../internal/channel-icons.js';
import { conversationViewStrings } from '../../i18n/en/conversation-view.js';
import { InboxElement } from '../../internal/inbox-element.js';
import { createOwnBlobUrl, revokeOwnBlobUrl, safeUrl } from '../../internal/safe-url.js';
import { cardStyles, sharedStyles } from '../../internal/shared.styles.js';
import { channelOfFrame } from '../../realtime/channel-frame.js';
import {
  type StatusReport,
  conversationOfFrame,
  deletionOfFrame,
  messageOfFrame,
  statusOfFrame,
} from '../../realtime/inbox-frames.js';
import { inboxFor, type Inbox, type Thread, type ThreadState } from '../../stores/inbox.js';
import type { OutboxEntry, OutboxEvent } from '../../stores/outbox.js';
import { ACCEPT, checkAttachment, withMimeType } from './attachments.js';
import { conversationViewStyles } from './conversation-view.styles.js';
import { messageContent, messageSummary, statusMark } from './message-content.js';
import { buildRows, type ThreadRow } from './thread-rows.js';
import { dateFormat } from '../../internal/intl-cache.js';

const DEFAULT_POLL_INTERVAL_MS = 10_000;
const CONVERSATION_PAGE_SIZE = 30;
/** How many list pages `conversation-id` may look through for its conversation's details. */
const LOOKUP_PAGES = 3;
/** Closer than this to the bottom counts as reading the newest messages. */
const BOTTOM_SLACK_PX = 48;
/** Closer than this to the top loads the older page. */
const TOP_SLACK_PX = 400;
const ANNOUNCE_DELAY_MS = 1_000;
/** Most rows in the DOM at once, however long the history. */
const WINDOW_ROWS = 120;
/** Rows added to one end of the window (and dropped from the other) as the user nears that end. */
const WINDOW_STEP = 40;

type LoadState = 'idle' | 'loading' | 'loaded' | 'error';

/** An `inbox` frame about messages or conversations, applied with the rest of its animation frame. */
type LiveUpdate =
  | { message: Message }
  | { report: StatusReport }
  | { deletion: { id: string; conversation_id: string } }
  | { conversation: Conversation };

interface PendingAttachment {
  file: File;
  mimeType: string;
  previewUrl?: string;
}

/** Where the user was reading, to put it back after rows are inserted above it. */
interface Anchor {
  key: string;
  offset: number;
}

/** Seed 004: deleting works for WhatsApp and Telegram messages that reached the recipient. */
const DELETABLE_CHANNELS = new Set(['whatsapp', 'telegram']);
const DELIVERED = new Set(['delivered', 'read', 'played']);

function typeOfMime(mimeType: string): MessageType {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return 'document';
}

function contactName(conversation: Conversation | undefined, fallback: string): string {
  const contact = conversation?.contact;
  return contact?.name ?? contact?.phone ?? (contact?.username ? `@${contact.username}` : fallback);
}

function rowKey(row: ThreadRow): string {
  return row.key;
}

function byActivity(a: Conversation, b: Conversation): number {
  return a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0;
}

/**
 * The inbox: conversations of the linked accounts, the open thread with its history, and a composer.
 *
 * @tagname conversation-view
 * @summary Conversations, message history, composer and live updates.
 *
 * @fires {CustomEvent<ConversationOpenDetail>} inbox-conversation-open - The user opened a conversation; `detail.conversation`.
 * @fires {CustomEvent<MessageSentDetail>} inbox-message-sent - A message written here reached the server; `detail.message` is the server's copy.
 * @fires {CustomEvent<SendFailedDetail>} inbox-send-failed - The server refused a message written here; `detail.conversationId`, `detail.externalId`, `detail.reason`, `detail.message`.
 *
 * @csspart base - The wrapper of both panes.
 * @csspart conversations - The conversation list pane.
 * @csspart conversation - One conversation in the list.
 * @csspart unread - The unread count of a conversation.
 * @csspart thread - The open conversation's pane.
 * @csspart thread-header - The contact's name above the messages.
 * @csspart messages - The scrolling list of messages.
 * @csspart bubble - One message's bubble.
 * @csspart day - A date separator.
 * @csspart jump - The "jump to latest" button.
 * @csspart composer - The message composer.
 * @csspart send - The send button.
 * @csspart status - Loading, empty and error messages.
 * @csspart viewer - The dialog that shows an image larger.
 *
 * @cssprop --inbox-color-primary - Accent colour of buttons, links and outgoing bubbles.
 * @cssprop --inbox-conversation-height - Height of the element (default 600px).
 * @cssprop --inbox-bubble-incoming - Background of incoming bubbles.
 * @cssprop --inbox-bubble-outgoing - Background of outgoing bubbles.
 * @cssprop --inbox-radius - Corner radius of bubbles, buttons and cards.
 */
export class ConversationView extends InboxElement {
  static override styles = [sharedStyles, cardStyles, conversationViewStyles];
  protected static override englishStrings = conversationViewStrings;

  private readonly calls = new CallScope(this);
  private readonly readMarker = new ReadMarkerController(this);
  private readonly liveBatch = new FrameBatchController<LiveUpdate>(this, (updates) =>
    this.applyLiveUpdates(updates),
  );
  private readonly live = new InboxLiveController(this, {
    services: () => this.services,
    intervalMs: () => this.pollInterval,
    reload: () => this.catchUp(),
    reloadWhenVisible: true,
    handlers: {
      'message:new': (payload) => {
        const message = messageOfFrame(payload);
        if (message) this.liveBatch.add({ message });
      },
      'message:status': (payload) => {
        const report = statusOfFrame(payload);
        if (report) this.liveBatch.add({ report });
      },
      'message:deleted': (payload) => {
        const deletion = deletionOfFrame(payload);
        if (deletion) this.liveBatch.add({ deletion });
      },
      'conversation:updated': (payload) => {
        const conversation = conversationOfFrame(payload);
        if (conversation) this.liveBatch.add({ conversation });
      },
      'channel:status': (payload) => {
        const channel = channelOfFrame(payload);
        if (channel) this.services?.channels.upsert(channel, { broadcast: false });
      },
    },
  });

  /** Shows only this conversation, without the list: a host embedding a single chat. */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** Shows only the conversations of this linked account (its channel `id`). */
  @property({ attribute: 'channel-id', type: Number }) channelId?: number;

  /** Milliseconds between checks for new messages when there is no socket; only while the page is visible. */
  @property({ attribute: false }) pollInterval = DEFAULT_POLL_INTERVAL_MS;

  @state() private conversations: Conversation[] = [];
  @state() private listState: LoadState = 'idle';
  @state() private listError: ApiError | null = null;
  @state() private listCursor: string | null = null;
  @state() private loadingMore = false;
  @state() private search = '';
  @state() private accountFilter: number | null = null;
  @state() private channels: Record<string, Channel> = {};
  @state() private channelsKnown = false;

  @state() private selectedId: string | null = null;
  @state() private threadState: ThreadState = { messages: [], loaded: false, hasOlder: false };
  @state() private threadError: ApiError | null = null;
  @state() private updateNotice = false;
  @state() private loadingOlder = false;
  @state() private olderError = false;
  @state() private outboxEntries: readonly OutboxEntry[] = [];
  @state() private uploadProgress: Record<string, number> = {};
  @state() private waitingForNetwork = false;
  @state() private atBottom = true;
  @state() private unseenCount = 0;
  @state() private markerBeforeId: string | null = null;
  /** The rendered slice of `rows`: the window moves as the user scrolls, so the DOM stays small. */
  @state() private windowStart = 0;
  @state() private windowEnd = 0;

  @state() private replyTo: Message | null = null;
  @state() private attachment: PendingAttachment | null = null;
  @state() private composerError = '';
  @state() private dragging = false;
  @state() private confirmingDelete: string | null = null;
  @state() private messageNotices: Record<string, string> = {};
  /** Failed messages sent again (or being sent again) from here, which no longer offer Retry. */
  @state() private resent = new Set<string>();
  @state() private viewing: { url: string; name: string } | null = null;
  @state() private announcement = '';

  @query('.scroller') private scroller?: HTMLElement;
  @query('.rows') private rowsHost?: HTMLElement;
  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('dialog') private viewer?: HTMLDialogElement;
  @query('.thread-title') private threadTitle?: HTMLElement;

  private inbox: Inbox | undefined;
  private thread: Thread | undefined;
  private rows: ThreadRow[] = [];
  private displayed: readonly Message[] = [];
  private unsubscribers: (() => void)[] = [];
  private unsubscribeThread?: () => void;
  private releaseOutbox?: () => void;
  private previews = new Map<string, string>();
  private listGeneration = 0;
  /** The account filter the list was last loaded with. */
  private listChannelQuery: number | undefined;
  private pendingAnnouncement: { count: number; name: string } | null = null;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private opener: HTMLElement | null = null;
  private scrollingToBottom = false;
  private movingWindow = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.services) this.attach(this.services);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detach();
  }

  protected override servicesChanged(_previous: InboxServices | undefined): void {
    this.detach();
    this.conversations = [];
    this.listState = 'idle';
    this.threadState = { messages: [], loaded: false, hasOlder: false };
    if (this.services && this.isConnected) this.attach(this.services);
    this.live.restart();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('conversationId') && this.conversationId && this.conversationId !== this.selectedId) {
      this.open(this.conversationId, { focus: false });
    }
    if (changed.has('channelId') && this.inbox && this.channelQuery !== this.listChannelQuery) {
      this.reloadConversations();
    }
    if (changed.has('pollInterval') && changed.get('pollInterval') !== undefined) this.live.reschedule();
    if (
      changed.has('threadState') ||
      changed.has('outboxEntries') ||
      changed.has('markerBeforeId') ||
      changed.has('selectedId')
    ) {
      const previous = this.rows;
      this.displayed = this.composeDisplayed();
      this.rows = buildRows(this.displayed, this.markerBeforeId);
      this.placeWindow(previous);
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('viewing')) {
      if (this.viewing && this.viewer && !this.viewer.open) this.viewer.showModal();
      if (!this.viewing && this.viewer?.open) this.viewer.close();
    }
  }

  /** Checks for new conversations and messages now; what the element does by itself after a reconnect. */
  reload(): Promise<void> {
    return this.catchUp();
  }

  // ---- set-up -------------------------------------------------------------------------------------

  private attach(services: InboxServices): void {
    this.detach();
    const inbox = inboxFor(services);
    this.inbox = inbox;
    this.releaseOutbox = inbox.outbox.use();
    this.unsubscribers.push(
      services.channels.channels.subscribe((byId) => {
        this.channels = byId;
      }),
      inbox.outbox.entries.subscribe((entries) => {
        this.outboxEntries = entries;
        this.releaseStalePreviews(entries);
      }),
      inbox.outbox.progress.subscribe((progress) => {
        this.uploadProgress = progress;
      }),
      inbox.outbox.waiting.subscribe((waiting) => {
        this.waitingForNetwork = waiting;
      }),
      inbox.outbox.listen((event) => this.handleOutboxEvent(event)),
    );
    void this.loadChannels(services);
    void this.loadConversations();
    const reopen = this.conversationId ?? this.selectedId;
    if (reopen) this.open(reopen, { focus: false });
  }

  private detach(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    this.unsubscribeThread?.();
    this.unsubscribeThread = undefined;
    this.releaseOutbox?.();
    this.releaseOutbox = undefined;
    this.calls.abortAll();
    this.listGeneration++;
    clearTimeout(this.announceTimer);
    this.pendingAnnouncement = null;
    this.liveBatch.clear();
    for (const url of this.previews.values()) revokeOwnBlobUrl(url);
    this.previews.clear();
    this.inbox = undefined;
    this.thread = undefined;
  }

  private async loadChannels(services: InboxServices): Promise<void> {
    if (Object.keys(services.channels.channels.get()).length > 0) {
      this.channelsKnown = true;
      return;
    }
    try {
      const list = await services.backend.listChannels({ signal: this.calls.signal });
      if (services !== this.services) return;
      for (const channel of list) services.channels.upsert(channel, { broadcast: false });
      this.channelsKnown = true;
    } catch {
      // Without the list the composer cannot tell a disconnected account; the server still refuses.
    }
  }

  // ---- conversations ------------------------------------------------------------------------------

  private get channelQuery(): number | undefined {
    return this.channelId ?? this.accountFilter ?? undefined;
  }

  private async loadConversations(): Promise<void> {
    const services = this.services;
    if (!services) return;
    const generation = ++this.listGeneration;
    this.listChannelQuery = this.channelQuery;
    if (this.listState !== 'loaded') this.listState = 'loading';
    try {
      let page = await services.backend.listConversations({
        channelId: this.channelQuery,
        limit: CONVERSATION_PAGE_SIZE,
        signal: this.calls.signal,
      });
      if (generation !== this.listGeneration) return;
      let items = page.items;
      // A single embedded conversation needs its own details (contact, account) from the list.
      for (let pages = 1; this.conversationId && pages < LOOKUP_PAGES && page.next_cursor; pages++) {
        if (items.some((conversation) => conversation.id === this.conversationId)) break;
        page = await services.backend.listConversations({
          cursor: page.next_cursor,
          limit: CONVERSATION_PAGE_SIZE,
          signal: this.calls.signal,
        });
        if (generation !== this.listGeneration) return;
        items = [...items, ...page.items];
      }
      this.conversations = this.mergeConversations(items, this.listState === 'loaded');
      this.listCursor = page.next_cursor;
      this.listState = 'loaded';
      this.listError = null;
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted' || generation !== this.listGeneration) return;
      this.listError = apiError;
      if (this.listState !== 'loaded') this.listState = 'error';
    }
  }

  /** Loads the list afresh for another account filter: nothing of the previous filter's list stays. */
  private reloadConversations(): void {
    this.conversations = [];
    this.listCursor = null;
    this.listState = 'loading';
    void this.loadConversations();
  }

  /** A fresh first page merged into what is shown, so pages loaded with "Show more" stay. */
  private mergeConversations(fresh: Conversation[], keepOthers: boolean): Conversation[] {
    const byId = new Map<string, Conversation>();
    if (keepOthers) for (const conversation of this.conversations) byId.set(conversation.id, conversation);
    for (const conversation of fresh) byId.set(conversation.id, conversation);
    return [...byId.values()].sort(byActivity);
  }

  private async loadMoreConversations(): Promise<void> {
    const services = this.services;
    if (!services || !this.listCursor || this.loadingMore) return;
    const generation = this.listGeneration;
    const buttonHadFocus = (this.renderRoot as ShadowRoot).activeElement?.classList.contains('more');
    this.loadingMore = true;
    try {
      const page = await services.backend.listConversations({
        channelId: this.channelQuery,
        cursor: this.listCursor,
        limit: CONVERSATION_PAGE_SIZE,
        signal: this.calls.signal,
      });
      if (generation !== this.listGeneration) return;
      const shown = new Set(this.conversations.map((conversation) => conversation.id));
      const firstNew = page.items.find((conversation) => !shown.has(conversation.id));
      this.conversations = this.mergeConversations([...this.conversations, ...page.items], false);
      this.listCursor = page.next_cursor;
      this.listError = null;
      // The last page removes "Show more": focus goes on to the first conversation it added.
      if (buttonHadFocus && !this.listCursor && firstNew) {
        void this.updateComplete.then(() =>
          this.renderRoot
            .querySelector<HTMLElement>(`[part="conversation"][data-id="${CSS.escape(firstNew.id)}"]`)
            ?.focus(),
        );
      }
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind !== 'aborted') this.listError = apiError;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Conversations the socket reported changed, oldest report first; the list is sorted once for all. */
  private upsertConversations(reports: Conversation[]): void {
    const filter = this.channelQuery;
    const byId = new Map(this.conversations.map((item) => [item.id, item]));
    for (const conversation of reports) {
      if (!byId.has(conversation.id) && filter !== undefined && conversation.channel_id !== filter) continue;
      byId.set(conversation.id, conversation);
    }
    this.conversations = [...byId.values()].sort(byActivity);
    if (reports.some((conversation) => conversation.id === this.selectedId)) this.markRead();
  }

  private get selectedConversation(): Conversation | undefined {
    return this.conversations.find((conversation) => conversation.id === this.selectedId);
  }

  // ---- the open thread ----------------------------------------------------------------------------

  private open(conversationId: string, { focus }: { focus: boolean }): void {
    if (!this.inbox) {
      this.selectedId = conversationId;
      return;
    }
    const changed = conversationId !== this.selectedId || !this.thread;
    this.selectedId = conversationId;
    if (!changed) return;
    this.unsubscribeThread?.();
    const thread = this.inbox.thread(conversationId);
    this.thread = thread;
    this.threadError = null;
    this.olderError = false;
    this.unseenCount = 0;
    this.markerBeforeId = null;
    this.replyTo = null;
    this.confirmingDelete = null;
    this.atBottom = true;
    let previous: ThreadState | undefined;
    this.unsubscribeThread = thread.state.subscribe((threadState) => {
      if (previous?.loaded) this.announceNewFailures(previous.messages, threadState.messages);
      previous = threadState;
      this.threadState = threadState;
    });
    void this.loadThread(thread).then(() => {
      if (focus) this.threadTitle?.focus();
    });
  }

  private async loadThread(thread: Thread): Promise<void> {
    try {
      await thread.catchUp(this.calls.signal);
      if (thread !== this.thread) return;
      this.threadError = null;
      await this.scrollToBottom();
      this.markRead();
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted' || thread !== this.thread) return;
      this.threadError = apiError;
    }
  }

  /** After a (re)join, a poll or the page becoming visible: what was missed, list and thread. */
  private async catchUp(): Promise<void> {
    const thread = this.thread;
    const list = this.conversationId ? Promise.resolve() : this.loadConversations();
    if (!thread) {
      await list;
      return;
    }
    const wasAtBottom = this.atBottom;
    const before = this.threadState.messages.length;
    try {
      await thread.catchUp(this.calls.signal);
      this.updateNotice = false;
      if (thread === this.thread && this.threadError) {
        this.threadError = null;
        await this.scrollToBottom();
      } else if (thread === this.thread && this.threadState.messages.length !== before) {
        await this.followNewRows(wasAtBottom);
      }
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind !== 'aborted' && thread === this.thread) this.updateNotice = true;
    }
    await list;
  }

  /** A frame's worth of `message:new` and `message:status`: one merge and one render for all of them. */
  private applyLiveUpdates(updates: LiveUpdate[]): void {
    const messages = updates.flatMap((update) => ('message' in update ? [update.message] : []));
    const reports = updates.flatMap((update) => ('report' in update ? [update.report] : []));
    const conversations = updates.flatMap((update) =>
      'conversation' in update ? [update.conversation] : [],
    );
    if (messages.length > 0) this.handleIncoming(messages);
    if (reports.length > 0) this.inbox?.applyStatuses(reports);
    for (const update of updates) {
      if ('deletion' in update)
        this.inbox?.applyDeletion(update.deletion.id, update.deletion.conversation_id);
    }
    if (conversations.length > 0) this.upsertConversations(conversations);
  }

  /** Says when a receipt, from the socket or a catch-up, reports that a message of the open thread was not delivered. */
  private announceNewFailures(before: readonly Message[], after: readonly Message[]): void {
    const statusBefore = new Map(before.map((message) => [message.id, message.status]));
    const newest = before[before.length - 1];
    const newestBefore = newest ? Date.parse(newest.timestamp) : -Infinity;
    // A failed message on an older page the user scrolls to is old news: only changes and new arrivals count.
    const failed = after.findLast(
      (message) =>
        message.direction === 'outgoing' &&
        message.status === 'failed' &&
        (statusBefore.has(message.id)
          ? statusBefore.get(message.id) !== 'failed'
          : Date.parse(message.timestamp) > newestBefore),
    );
    if (!failed) return;
    const s = this.localize.strings;
    this.announcement = failed.error ? s.messageFailedReason(failed.error) : s.messageStatus('failed');
  }

  private handleIncoming(messages: Message[]): void {
    const inbox = this.inbox;
    if (!inbox) return;
    const inOpenThread = messages.filter((message) => message.conversation_id === this.selectedId);
    const seen = new Set(this.threadState.messages.map((message) => message.id));
    const fresh = inOpenThread.filter((message) => {
      if (message.direction !== 'incoming' || seen.has(message.id)) return false;
      seen.add(message.id);
      return true;
    });
    const wasAtBottom = this.atBottom;
    inbox.applyMessages(messages);
    if (inOpenThread.length === 0) return;
    if (fresh.length > 0 && (!wasAtBottom || !this.isPageVisible())) {
      this.unseenCount += fresh.length;
      this.markerBeforeId ??= fresh[0].id;
    }
    for (const message of fresh) this.queueAnnouncement(message);
    void this.followNewRows(wasAtBottom);
  }

  private async followNewRows(wasAtBottom: boolean): Promise<void> {
    if (!wasAtBottom) return;
    await this.scrollToBottom();
    this.markRead();
  }

  private queueAnnouncement(message: Message): void {
    const name =
      message.sender.name ??
      contactName(this.selectedConversation, this.localize.strings.conversationsUnknownContact);
    this.pendingAnnouncement = { count: (this.pendingAnnouncement?.count ?? 0) + 1, name };
    if (this.announceTimer !== undefined) return;
    // New messages are announced at most once a second, so a burst is one announcement, not a flood.
    this.announceTimer = setTimeout(() => {
      this.announceTimer = undefined;
      const pending = this.pendingAnnouncement;
      this.pendingAnnouncement = null;
      if (pending) this.announcement = this.localize.strings.threadAnnounceNew(pending.count, pending.name);
    }, ANNOUNCE_DELAY_MS);
  }

  private isPageVisible(): boolean {
    return document.visibilityState === 'visible';
  }

  /** Marks the open conversation read up to its newest message, when the user sees that message. */
  private markRead(): void {
    const services = this.services;
    const conversationId = this.selectedId;
    if (!services || !conversationId || !this.atBottom || !this.isPageVisible()) return;
    const newestIncoming = this.threadState.messages.findLast((m) => m.direction === 'incoming');
    const newest = this.threadState.messages[this.threadState.messages.length - 1];
    if (!newest || !newestIncoming) return;
    const conversation = this.conversations.find((item) => item.id === conversationId);
    const unread =
      (conversation?.unread_count ?? 0) > 0 ||
      this.unseenCount > 0 ||
      this.readMarker.hasFailed(conversationId);
    if (conversation && conversation.unread_count > 0) {
      this.conversations = this.conversations.map((item) =>
        item.id === conversationId ? { ...item, unread_count: 0 } : item,
      );
    }
    if (unread && !this.readMarker.isMarked(conversationId, newest.id)) {
      this.readMarker.mark(conversationId, newest.id, services.backend);
    }
  }

  // ---- scrolling ----------------------------------------------------------------------------------

  /**
   * Keeps the window on the rows it showed when rows change: rows added above or below it are not
   * rendered until the user scrolls towards them, except that a view at the bottom follows the bottom.
   */
  private placeWindow(previous: readonly ThreadRow[]): void {
    const rows = this.rows;
    if (this.atBottom || previous.length === 0) {
      this.windowEnd = rows.length;
      this.windowStart = Math.max(0, rows.length - WINDOW_ROWS);
      return;
    }
    // Message keys: a day separator's key moves up when an older page of the same day arrives.
    const shown = previous.slice(this.windowStart, this.windowEnd).filter((row) => row.kind === 'message');
    const firstKey = shown[0]?.key;
    const lastKey = shown[shown.length - 1]?.key;
    const first = firstKey === undefined ? -1 : rows.findIndex((row) => row.key === firstKey);
    const last = lastKey === undefined ? -1 : rows.findIndex((row) => row.key === lastKey);
    // The separator or marker just above the first message stays with it.
    let start = Math.max(0, first - (rows[first - 1]?.kind === 'message' ? 0 : 1));
    // An older page arriving while the top of the history is shown: its newest rows are rendered at once,
    // so what the "loading" hint leaves is taken by rows above the reader and the anchor can be kept
    // (at scrollTop 0 content that shrinks above the anchor cannot be made up by scrolling).
    if (this.loadingOlder && this.windowStart === 0) start = Math.max(0, start - WINDOW_STEP);
    const end = last < 0 ? Math.min(rows.length, start + WINDOW_ROWS) : last + 1;
    this.windowStart = start;
    this.windowEnd = Math.min(end, start + WINDOW_ROWS);
  }

  private async scrollToBottom(): Promise<void> {
    if (this.scrollingToBottom) return;
    this.scrollingToBottom = true;
    try {
      this.windowEnd = this.rows.length;
      this.windowStart = Math.max(0, this.rows.length - WINDOW_ROWS);
      await this.updateComplete;
      const scroller = this.scroller;
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
      this.atBottom = true;
      this.unseenCount = 0;
    } finally {
      this.scrollingToBottom = false;
    }
  }

  private captureAnchor(): Anchor | undefined {
    const scroller = this.scroller;
    const host = this.rowsHost;
    if (!scroller || !host) return undefined;
    const top = scroller.getBoundingClientRect().top;
    // Message rows only: a day separator's key moves to the top when an older page of that day arrives.
    for (const child of host.querySelectorAll<HTMLElement>(':scope > .message-row')) {
      const key = child.dataset.key;
      if (!key) continue;
      const rect = child.getBoundingClientRect();
      if (rect.bottom > top) return { key, offset: rect.top - top };
    }
    return undefined;
  }

  private rowElement(key: string): HTMLElement | undefined {
    const host = this.rowsHost;
    if (!host) return undefined;
    for (const child of host.children) {
      if ((child as HTMLElement).dataset.key === key) return child as HTMLElement;
    }
    return undefined;
  }

  /**
   * Puts the anchor row back where it was on screen after rows were added or dropped around it. It runs
   * after the update and before the next paint, so the user never sees the content move.
   */
  private async restoreAnchor(anchor: Anchor): Promise<void> {
    await this.updateComplete;
    const scroller = this.scroller;
    const element = this.rowElement(anchor.key);
    if (!scroller || !element) return;
    const drift = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.offset;
    if (drift !== 0) scroller.scrollTop += drift;
  }

  /** Moves the window `WINDOW_STEP` rows towards the top or bottom, keeping what the user sees in place. */
  private async moveWindow(direction: 'up' | 'down'): Promise<void> {
    const anchor = this.captureAnchor();
    if (direction === 'up') {
      this.windowStart = Math.max(0, this.windowStart - WINDOW_STEP);
      this.windowEnd = Math.min(this.windowEnd, this.windowStart + WINDOW_ROWS);
    } else {
      this.windowEnd = Math.min(this.rows.length, this.windowEnd + WINDOW_STEP);
      this.windowStart = Math.max(this.windowStart, this.windowEnd - WINDOW_ROWS);
    }
    if (anchor) await this.restoreAnchor(anchor);
  }

  private async loadOlder(): Promise<void> {
    const thread = this.thread;
    if (!thread || this.loadingOlder || !this.threadState.hasOlder || !this.threadState.loaded) return;
    this.loadingOlder = true;
    this.olderError = false;
    const anchor = this.captureAnchor();
    try {
      await thread.loadOlder(this.calls.signal);
      if (thread !== this.thread) return;
      if (anchor) await this.restoreAnchor(anchor);
      if (this.scroller && this.scroller.scrollTop < TOP_SLACK_PX) await this.moveWindow('up');
    } catch (error) {
      if (toApiError(error).kind !== 'aborted' && thread === this.thread) this.olderError = true;
    } finally {
      this.loadingOlder = false;
    }
  }

  private handleScroll(): void {
    const scroller = this.scroller;
    if (!scroller || this.scrollingToBottom || this.movingWindow) return;
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    const windowAtEnd = this.windowEnd >= this.rows.length;
    const atBottom = windowAtEnd && fromBottom < BOTTOM_SLACK_PX;
    if (atBottom !== this.atBottom) this.atBottom = atBottom;
    if (atBottom && this.unseenCount > 0) {
      this.unseenCount = 0;
      this.markRead();
    }
    if (scroller.scrollTop < TOP_SLACK_PX) {
      if (this.windowStart > 0) void this.shiftWindow('up');
      else void this.loadOlder();
    } else if (!windowAtEnd && fromBottom < TOP_SLACK_PX) {
      void this.shiftWindow('down');
    }
  }

  private async shiftWindow(direction: 'up' | 'down'): Promise<void> {
    this.movingWindow = true;
    try {
      await this.moveWindow(direction);
    } finally {
      this.movingWindow = false;
    }
  }

  private async jumpToLatest(): Promise<void> {
    await this.scrollToBottom();
    this.markRead();
    this.textarea?.focus();
  }

  // ---- composing and sending ----------------------------------------------------------------------

  private composeDisplayed(): readonly Message[] {
    const messages = this.threadState.messages;
    const conversationId = this.selectedId;
    const pending = this.outboxEntries.filter((entry) => entry.conversation_id === conversationId);
    if (pending.length === 0) return messages;
    const confirmed = new Set(messages.map((message) => message.external_id).filter(Boolean));
    const local = pending
      .filter((entry) => !confirmed.has(entry.external_id))
      .map((entry) => this.localMessage(entry));
    return local.length === 0 ? messages : [...messages, ...local];
  }

  /** An unsent message as the thread shows it until the server's copy replaces it. */
  private localMessage(entry: OutboxEntry): Message {
    const file = entry.file;
    let previewUrl = '';
    if (file && file.mime_type.startsWith('image/')) {
      previewUrl = this.previews.get(entry.external_id) ?? createOwnBlobUrl(file.blob);
      this.previews.set(entry.external_id, previewUrl);
    }
    return {
      id: `local:${entry.external_id}`,
      conversation_id: entry.conversation_id,
      external_id: entry.external_id,
      direction: 'outgoing',
      type: file ? typeOfMime(file.mime_type) : 'text',
      text: file ? (file.caption ?? null) : (entry.text ?? ''),
      file: file
        ? {
            name: file.name,
            mime_type: file.mime_type,
            size: file.size,
            caption: file.caption ?? null,
            download_url: previewUrl,
          }
        : null,
      sender: { id: 'me', name: null },
      timestamp: entry.created_at,
      status: entry.failure ? 'failed' : 'pending',
      error: null,
      reply_to_message_id: entry.reply_to_message_id ?? null,
      deleted: false,
    };
  }

  private releaseStalePreviews(entries: readonly OutboxEntry[]): void {
    const live = new Set(entries.map((entry) => entry.external_id));
    for (const [externalId, url] of this.previews) {
      if (!live.has(externalId)) {
        revokeOwnBlobUrl(url);
        this.previews.delete(externalId);
      }
    }
  }

  private handleOutboxEvent(event: OutboxEvent): void {
    if (event.type === 'sent') {
      if (event.message.conversation_id === this.selectedId) {
        this.emit('inbox-message-sent', { detail: { message: event.message } });
      }
      return;
    }
    const entry = event.entry;
    if (entry.conversation_id !== this.selectedId || !entry.failure) return;
    const message = this.failureText(entry);
    this.announcement = this.localize.strings.messageSendFailed(message);
    this.emit('inbox-send-failed', {
      detail: {
        conversationId: entry.conversation_id,
        externalId: entry.external_id,
        reason: entry.failure.kind,
        message,
      },
    });
  }

  private failureText(entry: OutboxEntry): string {
    const failure = entry.failure;
    if (!failure) return '';
    return (
      failure.message ??
      describeError(new ApiError({ kind: failure.kind, status: failure.status }), this.localize.strings)
    );
  }

  /** Why the composer is off, or `undefined` when the account can send. */
  private get sendBlockedReason(): string | undefined {
    const conversation = this.selectedConversation;
    if (!conversation || !this.channelsKnown) return undefined;
    const channel = this.channels[String(conversation.channel_id)];
    const s = this.localize.strings;
    if (!channel) return s.composerAccountUnknown;
    if (!channel.is_connected) {
      return s.composerDisconnected(s.accountsAccountName(s.channelName(channel.type), channel.username));
    }
    return undefined;
  }

  private async send(): Promise<void> {
    const inbox = this.inbox;
    const conversationId = this.selectedId;
    const textarea = this.textarea;
    if (!inbox || !conversationId || !textarea || this.sendBlockedReason) return;
    const text = textarea.value.trim();
    const attachment = this.attachment;
    if (!text && !attachment) return;
    const entry: Omit<OutboxEntry, 'scope'> = {
      conversation_id: conversationId,
      external_id: crypto.randomUUID(),
      created_at: new Date().toISOString(),
    };
    if (attachment) {
      entry.file = {
        blob: attachment.file,
        name: attachment.file.name,
        mime_type: attachment.mimeType,
        size: attachment.file.size,
        ...(text ? { caption: text } : {}),
      };
      if (attachment.previewUrl) this.previews.set(entry.external_id, attachment.previewUrl);
    } else {
      entry.text = text;
      if (this.replyTo) entry.reply_to_message_id = this.replyTo.id;
    }
    textarea.value = '';
    this.replyTo = null;
    this.attachment = null;
    this.composerError = '';
    this.atBottom = true;
    await inbox.outbox.add(entry);
    await this.scrollToBottom();
  }

  private handleComposerKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    } else if (event.key === 'Escape' && (this.replyTo || this.attachment)) {
      event.preventDefault();
      this.replyTo = null;
      this.clearAttachment();
    }
  }

  private attachFile(file: File | undefined): void {
    if (!file) return;
    const s = this.localize.strings;
    const check = checkAttachment(file);
    if (!check.ok) {
      this.composerError =
        check.reason === 'size' ? s.composerFileTooLarge(file.name) : s.composerFileType(file.name);
      return;
    }
    this.clearAttachment();
    this.composerError = '';
    this.replyTo = null;
    this.attachment = {
      file: withMimeType(file, check.mimeType),
      mimeType: check.mimeType,
      ...(check.mimeType.startsWith('image/') ? { previewUrl: createOwnBlobUrl(file) } : {}),
    };
    this.textarea?.focus();
  }

  private clearAttachment(): void {
    const previewUrl = this.attachment?.previewUrl;
    if (previewUrl && ![...this.previews.values()].includes(previewUrl)) revokeOwnBlobUrl(previewUrl);
    this.attachment = null;
  }

  private handlePaste(event: ClipboardEvent): void {
    const files = event.clipboardData?.files;
    if (!files?.length) return;
    event.preventDefault();
    this.attachFirstOf(files);
  }

  private handleDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    // Taken even when sending is blocked: a file dropped anywhere else would open in the tab.
    event.preventDefault();
    if (this.sendBlockedReason) {
      event.dataTransfer.dropEffect = 'none';
      return;
    }
    this.dragging = true;
  }

  private handleDrop(event: DragEvent): void {
    this.dragging = false;
    const files = event.dataTransfer?.files;
    if (!files?.length) return;
    event.preventDefault();
    if (!this.sendBlockedReason) this.attachFirstOf(files);
  }

  /** A message carries one file: the first is attached, and the user is told the rest were left. */
  private attachFirstOf(files: FileList): void {
    this.attachFile(files[0]);
    if (files.length > 1 && this.attachment) {
      this.composerError = this.localize.strings.composerOneFile(files[0].name);
    }
  }

  private startReply(message: Message): void {
    this.clearAttachment();
    this.replyTo = message;
    this.textarea?.focus();
  }

  /** Sends a message the provider failed to deliver again, as a new message (a new `external_id`). */
  private async resend(message: Message): Promise<void> {
    const inbox = this.inbox;
    if (!inbox || this.resent.has(message.id)) return;
    this.resent = new Set(this.resent).add(message.id);
    const entry = {
      conversation_id: message.conversation_id,
      external_id: crypto.randomUUID(),
      created_at: new Date().toISOString(),
      ...(message.reply_to_message_id ? { reply_to_message_id: message.reply_to_message_id } : {}),
    };
    if (!message.file) {
      if (message.text) await inbox.outbox.add({ ...entry, text: message.text });
      return;
    }
    // A file goes out again from the copy the server kept.
    const { name, mime_type, caption, download_url } = message.file;
    const url = safeUrl(download_url);
    const signal = this.calls.signal;
    try {
      if (!url) throw new Error('unsafe download URL');
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error(`download answered ${response.status}`);
      const blob = await response.blob();
      await inbox.outbox.add({
        ...entry,
        file: { blob, name, mime_type, size: blob.size, ...(caption ? { caption } : {}) },
      });
    } catch {
      const resent = new Set(this.resent);
      resent.delete(message.id);
      this.resent = resent;
      if (signal.aborted) return;
      this.messageNotices = {
        ...this.messageNotices,
        [message.id]: this.localize.strings.messageRetryFileGone,
      };
    }
  }

  // ---- deleting -----------------------------------------------------------------------------------

  private canDelete(message: Message): boolean {
    const conversation = this.selectedConversation;
    return (
      message.direction === 'outgoing' &&
      !message.deleted &&
      !message.id.startsWith('local:') &&
      message.status !== null &&
      DELIVERED.has(message.status) &&
      (!conversation || DELETABLE_CHANNELS.has(conversation.channel))
    );
  }

  /** Shows the confirmation in the message, with the focus on its safe choice. */
  private askToDelete(message: Message): void {
    this.confirmingDelete = message.id;
    this.messageNotices = Object.fromEntries(
      Object.entries(this.messageNotices).filter(([id]) => id !== message.id),
    );
    void this.updateComplete.then(() =>
      this.rowElement(message.id)?.querySelector<HTMLElement>('.keep')?.focus(),
    );
  }

  /** Closes the confirmation; the focus goes back to the Delete button it came from. */
  private keepMessage(message: Message): void {
    this.confirmingDelete = null;
    void this.updateComplete.then(() =>
      this.rowElement(message.id)?.querySelector<HTMLElement>('.delete')?.focus(),
    );
  }

  private async deleteMessage(message: Message): Promise<void> {
    const services = this.services;
    if (!services) return;
    const s = this.localize.strings;
    try {
      await services.backend.deleteMessage(message.id, { signal: this.calls.signal });
      this.confirmingDelete = null;
      this.inbox?.applyDeletion(message.id, message.conversation_id);
      // The message and its buttons are gone: the focus stays in the list, where the message was.
      void this.updateComplete.then(() => this.scroller?.focus({ preventScroll: true }));
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted') return;
      this.confirmingDelete = null;
      const reasons = Object.values(apiError.fieldErrors).flat().join(' ');
      const text =
        apiError.kind === 'validation'
          ? reasons.includes('not_complete')
            ? s.messageDeleteNotDelivered
            : s.messageDeleteNotPossible
          : describeError(apiError, s);
      this.messageNotices = { ...this.messageNotices, [message.id]: text };
      this.keepMessage(message);
    }
  }

  // ---- rendering ----------------------------------------------------------------------------------

  override render() {
    const single = Boolean(this.conversationId);
    return html`<div
      part="base"
      class="base layout"
      ?data-single=${single}
      ?data-open=${this.selectedId !== null}
      dir=${this.localize.dir}
      lang=${this.localize.locale}
    >
      ${single ? nothing : this.renderConversations()} ${this.renderThread()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderViewer()}
    </div>`;
  }

  private renderConversations(): TemplateResult {
    const s = this.localize.strings;
    const query = this.search.trim().toLowerCase();
    const shown = query
      ? this.conversations.filter((conversation) =>
          [conversation.contact.name, conversation.contact.phone, conversation.contact.username].some(
            (field) => field?.toLowerCase().includes(query),
          ),
        )
      : this.conversations;
    return html`<section part="conversations" class="conversations" aria-labelledby="conversations-heading">
      <header class="list-header field">
        <h2 id="conversations-heading">${s.conversationsHeading}</h2>
        <label class="visually-hidden" for="search">${s.conversationsSearchLabel}</label>
        <input
          id="search"
          class="search"
          type="search"
          placeholder=${s.conversationsSearchLabel}
          .value=${live(this.search)}
          @input=${(event: Event) => (this.search = (event.target as HTMLInputElement).value)}
        />
        ${this.renderAccountFilter()}
      </header>
      ${this.renderConversationList(shown, query)}
    </section>`;
  }

  private renderAccountFilter(): TemplateResult | typeof nothing {
    if (this.channelId !== undefined) return nothing;
    const s = this.localize.strings;
    const accounts = Object.values(this.channels).sort((a, b) => a.id - b.id);
    if (accounts.length < 2) return nothing;
    return html`<label class="visually-hidden" for="account">${s.conversationsFilterLabel}</label>
      <select
        id="account"
        class="account-filter"
        @change=${(event: Event) => {
          const value = (event.target as HTMLSelectElement).value;
          this.accountFilter = value === '' ? null : Number(value);
          this.reloadConversations();
        }}
      >
        <option value="" ?selected=${this.accountFilter === null}>${s.conversationsFilterAll}</option>
        ${accounts.map(
          (channel) =>
            html`<option value=${channel.id} ?selected=${this.accountFilter === channel.id}>
              ${s.accountsAccountName(s.channelName(channel.type), channel.username)}
            </option>`,
        )}
      </select>`;
  }

  private renderConversationList(shown: Conversation[], query: string): TemplateResult {
    const s = this.localize.strings;
    if (this.listState === 'loading' || this.listState === 'idle') {
      return html`<p part="status" class="status" role="status">
        <span class="spinner"></span>${s.conversationsLoading}
      </p>`;
    }
    if (this.listState === 'error' && this.listError) {
      return html`<div part="status" class="status error" role="alert">
        <p>${describeError(this.listError, s)}</p>
        <button class="button" type="button" @click=${() => this.loadConversations()}>
          ${s.conversationsRetry}
        </button>
      </div>`;
    }
    if (this.conversations.length === 0) {
      return html`<div part="status" class="status empty">
        <h3>${s.conversationsEmptyHeading}</h3>
        <p>${s.conversationsEmptyText}</p>
      </div>`;
    }
    return html`${
      shown.length === 0
        ? html`<p part="status" class="status" role="status">${s.conversationsNoMatch(query)}</p>`
        : html`<ul class="conversation-list">
            ${repeat(
              shown,
              (conversation) => conversation.id,
              (conversation) => this.renderConversationItem(conversation),
            )}
          </ul>`
    }
    ${
      this.listError && this.listState === 'loaded'
        ? html`<p part="status" class="status error" role="alert">
            ${describeError(this.listError, s)}
            <button class="link-button" type="button" @click=${() => this.loadConversations()}>
              ${s.conversationsRetry}
            </button>
          </p>`
        : nothing
    }
    ${
      this.listCursor
        ? html`<button
            class="button more"
            type="button"
            aria-disabled=${this.loadingMore ? 'true' : nothing}
            @click=${() => this.loadMoreConversations()}
          >
            ${this.loadingMore ? html`<span class="spinner"></span>` : nothing}${s.conversationsMore}
          </button>`
        : nothing
    }`;
  }

  private renderConversationItem(conversation: Conversation): TemplateResult {
    const s = this.localize.strings;
    const last = conversation.last_message;
    const name = contactName(conversation, s.conversationsUnknownContact);
    const preview = last
      ? last.direction === 'outgoing'
        ? s.conversationsPreviewYou(messageSummary(last, s))
        : messageSummary(last, s)
      : s.conversationsNoMessages;
    const selected = conversation.id === this.selectedId;
    return html`<li>
      <button
        part="conversation"
        class="conversation"
        type="button"
        data-id=${conversation.id}
        aria-current=${selected ? 'true' : 'false'}
        @click=${(event: Event) => this.handleSelect(conversation, event.currentTarget as HTMLElement)}
      >
        ${channelIcon(conversation.channel)}
        <span class="conversation-text">
          <span class="conversation-name"
            ><bdi>${name}</bdi
            ><span class="visually-hidden">, ${s.channelName(conversation.channel)}</span></span
          >
          <span class="conversation-preview">${preview}</span>
        </span>
        <span class="conversation-meta">
          <time datetime=${conversation.updated_at}>${this.shortTime(conversation.updated_at)}</time>
          ${
            conversation.unread_count > 0
              ? html`<span
                  part="unread"
                  class="unread"
                  aria-label=${s.conversationsUnread(conversation.unread_count)}
                  >${this.localize.number(conversation.unread_count)}</span
                >`
              : nothing
          }
        </span>
      </button>
    </li>`;
  }

  private handleSelect(conversation: Conversation, opener: HTMLElement): void {
    this.opener = opener;
    this.open(conversation.id, { focus: true });
    this.emit('inbox-conversation-open', { detail: { conversation } });
  }

  private goBack(): void {
    const id = this.selectedId;
    this.unsubscribeThread?.();
    this.unsubscribeThread = undefined;
    this.thread = undefined;
    this.selectedId = null;
    void this.updateComplete.then(() => {
      const button = id
        ? this.renderRoot.querySelector<HTMLElement>(`.conversation[data-id="${CSS.escape(id)}"]`)
        : null;
      (button ?? this.opener)?.focus();
    });
  }

  private shortTime(iso: string): string {
    const date = new Date(iso);
    const now = new Date();
    const locale = this.localize.locale;
    if (date.toDateString() === now.toDateString()) {
      return dateFormat(locale, { timeStyle: 'short' }).format(date);
    }
    if (now.getTime() - date.getTime() < 6 * 24 * 3600_000) {
      return dateFormat(locale, { weekday: 'short' }).format(date);
    }
    return dateFormat(locale, { dateStyle: 'short' }).format(date);
  }

  private renderThread(): TemplateResult {
    const s = this.localize.strings;
    if (!this.selectedId) {
      return html`<section part="thread" class="thread empty-thread">
        <p part="status" class="status">${s.threadPick}</p>
      </section>`;
    }
    const conversation = this.selectedConversation;
    const fallbackName =
      this.threadState.messages.find((message) => message.direction === 'incoming')?.sender.name ??
      s.conversationsUnknownContact;
    const name = contactName(conversation, fallbackName);
    return html`<section
      part="thread"
      class="thread"
      aria-labelledby="thread-title"
      @dragover=${this.handleDragOver}
      @dragleave=${() => (this.dragging = false)}
      @drop=${this.handleDrop}
    >
      <header part="thread-header" class="thread-header">
        ${
          this.conversationId
            ? nothing
            : html`<button class="link-button back" type="button" @click=${() => this.goBack()}>
                <span aria-hidden="true">←</span> ${s.threadBack}
              </button>`
        }
        ${conversation ? channelIcon(conversation.channel) : nothing}
        <h2 id="thread-title" class="thread-title" tabindex="-1"><bdi>${name}</bdi></h2>
      </header>
      ${this.renderThreadBody(name)} ${this.renderComposer()}
    </section>`;
  }

  private renderThreadBody(name: string): TemplateResult {
    const s = this.localize.strings;
    const state = this.threadState;
    if (!state.loaded && this.threadError) {
      return html`<div part="status" class="status error" role="alert">
        <p>${describeError(this.threadError, s)}</p>
        <button class="button" type="button" @click=${() => this.thread && this.loadThread(this.thread)}>
          ${s.conversationsRetry}
        </button>
      </div>`;
    }
    if (!state.loaded) {
      return html`<p part="status" class="status" role="status">
        <span class="spinner"></span>${s.threadLoading}
      </p>`;
    }
    return html`<div class="thread-body">
      ${this.updateNotice ? html`<p class="notice" role="status">${s.threadUpdateFailed}</p>` : nothing}
      <div
        class="scroller"
        part="messages"
        role="region"
        tabindex="0"
        aria-label=${s.threadLabel(name)}
        @scroll=${this.handleScroll}
      >
        <div class="older">${this.renderOlderState()}</div>
        ${
          this.rows.length === 0
            ? html`<p part="status" class="status">${s.threadEmpty}</p>`
            : html`<div class="rows" role="list">
                ${repeat(this.rows.slice(this.windowStart, this.windowEnd), rowKey, (row) => this.renderRow(row))}
              </div>`
        }
      </div>
      ${
        this.atBottom
          ? nothing
          : html`<button part="jump" class="jump" type="button" @click=${() => this.jumpToLatest()}>
              <span aria-hidden="true">↓</span>
              ${this.unseenCount > 0 ? s.threadJumpToLatestCount(this.unseenCount) : s.threadJumpToLatest}
            </button>`
      }
    </div>`;
  }

  private renderOlderState(): TemplateResult | typeof nothing {
    const s = this.localize.strings;
    if (this.windowStart > 0) return nothing;
    if (this.olderError) {
      return html`<p class="error" role="alert">
        ${s.threadOlderFailed}
        <button class="link-button" type="button" @click=${() => this.loadOlder()}>
          ${s.conversationsRetry}
        </button>
      </p>`;
    }
    if (this.threadState.hasOlder) {
      return html`<p class="hint" role="status"><span class="spinner"></span>${s.threadLoadingOlder}</p>`;
    }
    return this.rows.length > 0 ? html`<p class="hint">${s.threadStart}</p>` : nothing;
  }

  private renderRow(row: ThreadRow): TemplateResult {
    const s = this.localize.strings;
    if (row.kind === 'day') {
      return html`<div class="row day-row" role="listitem" data-key=${row.key}>
        <span part="day" class="day">${this.dayLabel(row.day)}</span>
      </div>`;
    }
    if (row.kind === 'marker') {
      return html`<div class="row marker-row" role="listitem" data-key=${row.key}>
        <span class="marker">${s.threadNewMessages}</span>
      </div>`;
    }
    return this.renderMessage(row.message, row.opensGroup, row.closesGroup, row.key);
  }

  private dayLabel(day: Date): string {
    const s = this.localize.strings;
    const today = new Date();
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    if (day.toDateString() === today.toDateString()) return s.threadToday;
    if (day.toDateString() === yesterday.toDateString()) return s.threadYesterday;
    return dateFormat(this.localize.locale, { dateStyle: 'medium' }).format(day);
  }

  private renderMessage(
    message: Message,
    opensGroup: boolean,
    closesGroup: boolean,
    key: string,
  ): TemplateResult {
    const s = this.localize.strings;
    const outgoing = message.direction === 'outgoing';
    const local = message.id.startsWith('local:');
    const entry = local
      ? this.outboxEntries.find((item) => item.external_id === message.external_id)
      : undefined;
    const progress = message.external_id ? this.uploadProgress[message.external_id] : undefined;
    const senderName = outgoing ? s.messageYou : (message.sender.name ?? s.conversationsUnknownContact);
    const time = dateFormat(this.localize.locale, { timeStyle: 'short' }).format(new Date(message.timestamp));
    const notice = this.messageNotices[message.id];
    return html`<div
      class="row message-row ${outgoing ? 'outgoing' : 'incoming'} ${opensGroup ? 'opens' : ''} ${closesGroup ? 'closes' : ''}"
      role="listitem"
      data-key=${key}
    >
      <div part="bubble" class="bubble ${message.deleted ? 'deleted' : ''}">
        <span class=${opensGroup && !outgoing ? 'sender' : 'visually-hidden'}><bdi>${senderName}</bdi></span>
        ${message.reply_to_message_id ? this.renderQuote(message.reply_to_message_id) : nothing}
        ${messageContent(message, {
          strings: s,
          locale: this.localize.locale,
          onOpenImage: (url, name, opener) => {
            this.opener = opener;
            this.viewing = { url, name };
          },
        })}
        <span class="meta">
          <time datetime=${message.timestamp}>${time}</time>
          ${outgoing && message.status ? statusMark(message.status, s) : nothing}
        </span>
        ${
          progress !== undefined
            ? html`<progress
                max="1"
                .value=${progress}
                aria-label=${s.messageUploading(this.localize.number(progress, { style: 'percent' }))}
              ></progress>`
            : nothing
        }
        ${
          local && !entry?.failure && this.waitingForNetwork
            ? html`<p class="hint">${s.messageWaitingForNetwork}</p>`
            : nothing
        }
        ${
          entry?.failure
            ? html`<p class="error">${s.messageSendFailed(this.failureText(entry))}</p>
                <span class="actions">
                  <button
                    class="link-button"
                    type="button"
                    @click=${() => this.inbox?.outbox.retry(entry.external_id)}
                  >
                    ${s.messageRetry}
                  </button>
                  <button
                    class="link-button"
                    type="button"
                    @click=${() => this.inbox?.outbox.discard(entry.external_id)}
                  >
                    ${s.messageDiscard}
                  </button>
                </span>`
            : nothing
        }
        ${
          !local && message.status === 'failed'
            ? html`<p class="error">
                  ${message.error ? s.messageFailedReason(message.error) : s.messageStatus('failed')}
                </p>
                ${
                  (message.text || message.file) && !this.resent.has(message.id)
                    ? html`<button
                        class="link-button"
                        type="button"
                        @click=${() => void this.resend(message)}
                      >
                        ${s.messageRetry}
                      </button>`
                    : nothing
                }`
            : nothing
        }
        ${notice ? html`<p class="error" role="alert">${notice}</p>` : nothing}
        ${this.confirmingDelete === message.id ? this.renderDeleteConfirm(message) : nothing}
      </div>
      ${local || message.deleted ? nothing : this.renderMessageActions(message, senderName)}
    </div>`;
  }

  private renderMessageActions(message: Message, senderName: string): TemplateResult {
    const s = this.localize.strings;
    return html`<span class="message-actions">
      <button
        class="icon-button"
        type="button"
        aria-label=${s.messageReplyTo(senderName)}
        @click=${() => this.startReply(message)}
      >
        <span aria-hidden="true">↩</span>
      </button>
      ${
        this.canDelete(message)
          ? html`<button
              class="icon-button delete"
              type="button"
              aria-label=${s.messageDelete}
              @click=${() => this.askToDelete(message)}
            >
              <span aria-hidden="true">🗑</span>
            </button>`
          : nothing
      }
    </span>`;
  }

  private renderDeleteConfirm(message: Message): TemplateResult {
    const s = this.localize.strings;
    return html`<div
      class="confirm"
      role="group"
      aria-label=${s.messageDeleteConfirm}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') this.keepMessage(message);
      }}
    >
      <p>${s.messageDeleteConfirm}</p>
      <button class="button danger" type="button" @click=${() => this.deleteMessage(message)}>
        ${s.messageDeleteConfirmAction}
      </button>
      <button class="button keep" type="button" @click=${() => this.keepMessage(message)}>
        ${s.messageDeleteCancel}
      </button>
    </div>`;
  }

  private renderQuote(id: string): TemplateResult {
    const s = this.localize.strings;
    const quoted = this.displayed.find((message) => message.id === id);
    const author = quoted
      ? quoted.direction === 'outgoing'
        ? s.messageYou
        : (quoted.sender.name ?? s.conversationsUnknownContact)
      : '';
    return html`<blockquote class="quote" aria-label=${s.messageQuoteLabel(author || s.messageQuoteMissing)}>
      ${
        quoted
          ? html`<span class="quote-author"><bdi>${author}</bdi></span
              ><span class="quote-text">${messageSummary(quoted, s)}</span>`
          : html`<span class="quote-text">${s.messageQuoteMissing}</span>`
      }
    </blockquote>`;
  }

  private renderComposer(): TemplateResult {
    const s = this.localize.strings;
    const blocked = this.sendBlockedReason;
    const reply = this.replyTo;
    const attachment = this.attachment;
    return html`<form
      part="composer"
      class="composer ${this.dragging ? 'dragging' : ''}"
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.send();
      }}
    >
      ${blocked ? html`<p class="blocked" role="status">${blocked}</p>` : nothing}
      ${
        reply
          ? html`<div class="chip">
              <span
                >${s.composerReplyingTo(reply.direction === 'outgoing' ? s.messageYou : (reply.sender.name ?? s.conversationsUnknownContact))}:
                ${messageSummary(reply, s)}</span
              >
              <button
                class="icon-button"
                type="button"
                aria-label=${s.composerCancelReply}
                @click=${() => (this.replyTo = null)}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </div>`
          : nothing
      }
      ${
        attachment
          ? html`<div class="chip attachment">
              ${attachment.previewUrl ? html`<img src=${attachment.previewUrl} alt="" />` : nothing}
              <span><bdi>${attachment.file.name}</bdi></span>
              <button
                class="icon-button"
                type="button"
                aria-label=${s.composerRemoveFile(attachment.file.name)}
                @click=${() => this.clearAttachment()}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </div>`
          : nothing
      }
      ${this.composerError ? html`<p class="error" role="alert">${this.composerError}</p>` : nothing}
      ${this.dragging ? html`<p class="hint">${s.composerDrop}</p>` : nothing}
      <div class="composer-row">
        <label class="icon-button attach" title=${s.composerAttach}>
          <span aria-hidden="true">📎</span>
          <span class="visually-hidden">${s.composerAttach}</span>
          <input
            class="visually-hidden"
            type="file"
            accept=${ACCEPT}
            ?disabled=${Boolean(blocked)}
            @change=${(event: Event) => {
              const input = event.target as HTMLInputElement;
              this.attachFile(input.files?.[0]);
              input.value = '';
            }}
          />
        </label>
        <label class="visually-hidden" for="composer-text"
          >${attachment ? s.composerCaptionLabel : s.composerLabel}</label
        >
        <textarea
          id="composer-text"
          rows="1"
          placeholder=${attachment ? s.composerCaptionLabel : s.composerPlaceholder}
          aria-describedby="composer-hint"
          ?disabled=${Boolean(blocked)}
          @keydown=${this.handleComposerKeydown}
          @paste=${this.handlePaste}
        ></textarea>
        <button part="send" class="button primary send" type="submit" ?disabled=${Boolean(blocked)}>
          ${s.composerSend}
        </button>
      </div>
      <p id="composer-hint" class="visually-hidden">${s.composerHint}</p>
    </form>`;
  }

  private renderViewer(): TemplateResult {
    const s = this.localize.strings;
    const viewing = this.viewing;
    return html`<dialog
      part="viewer"
      class="viewer"
      aria-label=${viewing?.name ?? ''}
      @close=${() => {
        this.viewing = null;
        this.opener?.focus();
      }}
    >
      ${
        viewing
          ? html`<img src=${viewing.url} alt=${viewing.name} />
              <button class="button" type="button" @click=${() => (this.viewing = null)}>
                ${s.messageImageClose}
              </button>`
          : nothing
      }
    </dialog>`;
  }
}
