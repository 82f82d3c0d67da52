import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { toApiError, type ApiError } from '../../api/errors.js';
import type {
  Channel,
  ChannelType,
  Conversation,
  Message,
  MessageSearchHit,
  StartedConversation,
} from '../../api/types.js';
import { wholeNumberProblem } from '../../config/configuration-problem.js';
import type { InboxServices } from '../../config/services.js';
import { AnnouncerController } from '../../controllers/announcer.controller.js';
import { ReadMarkerController } from '../../controllers/read-marker.controller.js';
import { RovingFocusController } from '../../controllers/roving-focus.controller.js';
import { ServicesLifecycleController } from '../../controllers/services-lifecycle.controller.js';
import { conversationViewStrings } from '../../i18n/en/conversation-view.js';
import { CallScope } from '../../internal/call-scope.js';
import { InboxElement } from '../../internal/inbox-element.js';
import { dateFormat } from '../../internal/intl-cache.js';
import { cardStyles, sharedStyles } from '../../internal/shared.styles.js';
import { inboxFor, type Inbox, type Thread, type ThreadState } from '../../stores/inbox.js';
import { draftsFor } from '../../stores/drafts.js';
import type { OutboxEvent, OutboxHoldUp } from '../../stores/outbox.js';
import { NewMessagesAnnouncement, newlyFailed } from './announcements.js';
import { AttachmentController } from './attachment.controller.js';
import { avatarStyles } from './avatar.js';
import { Composer, composerStyles } from './composer.js';
import { ConnectionController, connectionStyles } from './connection.controller.js';
import { contactName } from './contact.js';
import { ConversationListController } from './conversation-list.controller.js';
import { conversationListStyles, renderConversationList } from './conversation-list.view.js';
import { conversationViewStyles } from './conversation-view.styles.js';
import { Deletion } from './deletion.controller.js';
import { ImageViewer, imageViewerStyles } from './image-viewer.js';
import { Reactions, reactionsStyles } from './reactions.js';
import { MessageActions, messageActionsStyles } from './message-actions.js';
import { LiveFramesController, type LiveBatch } from './live-frames.controller.js';
import { messageRowStyles, renderMessageRow, type MessageRowContext } from './message-row.js';
import { MessageSearchController } from './message-search.controller.js';
import { NewConversation, newConversationStyles } from './new-conversation.js';
import { NotificationsController } from './notifications.controller.js';
import { PresenceController } from './presence.controller.js';
import { OutboxView, failureText, holdUpText, localMessageId } from './outbox-view.js';
import { renderNoThread, renderThread, threadStyles } from './thread.view.js';
import { buildRows } from './thread-rows.js';
import { ThreadWindowController } from './thread-window.controller.js';
import type { QuickReply } from './quick-replies.js';
import { ConversationListWindowController } from './conversation-list-window.controller.js';

export type { QuickReply } from './quick-replies.js';

const DEFAULT_POLL_INTERVAL_MS = 10_000;
const NO_THREAD: ThreadState = { messages: [], loaded: false, hasOlder: false };

function isPageVisible(): boolean {
  return document.visibilityState === 'visible';
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
 * @fires {CustomEvent<UnreadChangeDetail>} inbox-unread-change - The unread total across the inbox changed; `detail.total`.
 *
 * @csspart base - The wrapper of both panes.
 * @csspart conversations - The conversation list pane.
 * @csspart conversation - One conversation in the list.
 * @csspart unread - The unread count of a conversation.
 * @csspart search-hit - A message the search found.
 * @csspart typing - "typing…" in place of a conversation's last message.
 * @csspart presence - The online mark in the list, and "online" or "last seen" under the thread's name.
 * @csspart notify - The switch that turns browser notifications on.
 * @csspart new-conversation - The button that opens the New conversation form.
 * @csspart new-conversation-form - The form that sends a first message to a phone number or username.
 * @csspart thread - The open conversation's pane.
 * @csspart thread-header - The contact's name above the messages.
 * @csspart messages - The scrolling list of messages.
 * @csspart bubble - One message's bubble.
 * @csspart day - A date separator.
 * @csspart jump - The "jump to latest" button.
 * @csspart composer - The message composer.
 * @csspart quick-replies - The list of saved replies that `/` opens in the composer.
 * @csspart emoji-picker - The panel around the emoji picker the composer's emoji button opens.
 * @csspart voice-note - The panel where a voice note is explained, recorded, listened to and sent.
 * @csspart reactions - The reactions under a message.
 * @csspart send - The send button.
 * @csspart status - Loading, empty and error messages.
 * @csspart connection - The banner that says the element is offline, reconnecting or back online.
 * @csspart viewer - The dialog that shows an image larger.
 *
 * @cssprop --inbox-color-primary - Accent colour of buttons, links and outgoing bubbles.
 * @cssprop --inbox-conversation-height - Height of the element (default 600px).
 * @cssprop --inbox-bubble-incoming - Background of incoming bubbles.
 * @cssprop --inbox-bubble-outgoing - Background of outgoing bubbles.
 * @cssprop --inbox-radius - Corner radius of bubbles, buttons and cards.
 */
export class ConversationView extends InboxElement {
  static override styles = [
    sharedStyles,
    cardStyles,
    conversationViewStyles,
    avatarStyles,
    conversationListStyles,
    threadStyles,
    messageRowStyles,
    composerStyles,
    imageViewerStyles,
    reactionsStyles,
    messageActionsStyles,
    connectionStyles,
    newConversationStyles,
  ];
  protected static override englishStrings = conversationViewStrings;

  private readonly calls = new CallScope(this);
  private readonly readMarker = new ReadMarkerController(this);
  private readonly liveFrames = new LiveFramesController(this, {
    services: () => this.services,
    intervalMs: () => this.pollInterval,
    catchUp: () => this.catchUp(),
    apply: (batch) => this.applyLive(batch),
    onTyping: (conversationId, until) => this.presence.typing(conversationId, until),
    onPresence: (report) => this.presence.report(report),
  });
  private readonly presence = new PresenceController(this);
  private readonly announcer = new AnnouncerController(this);
  private readonly newMessages = new NewMessagesAnnouncement(this, (count, name) =>
    this.announcer.announce(this.localize.strings.threadAnnounceNew(count, name)),
  );
  private readonly list = new ConversationListController(this, {
    services: () => this.services,
    signal: () => this.calls.signal,
    lookFor: () => this.conversationId,
    channelId: (): number | undefined => this.channelId ?? this.list.accountFilter ?? undefined,
    onSearch: (query) => void this.messageSearch.search(query),
  });
  private readonly messageSearch = new MessageSearchController(this, {
    services: () => this.services,
    signal: () => this.calls.signal,
    channelId: (): number | undefined => this.channelId ?? this.list.accountFilter ?? undefined,
  });
  private readonly notifications = new NotificationsController(this, {
    offered: () => this.notificationsOffered,
    sound: () => this.notificationSound,
    strings: () => this.localize.strings,
    nameOf: (message) =>
      contactName(
        this.list.get(message.conversation_id),
        message.sender.name ?? this.localize.strings.conversationsUnknownContact,
      ),
    onOpen: (conversationId) => this.open(conversationId, { focus: true }),
  });
  private readonly threadWindow = new ThreadWindowController(this, {
    hasOlder: () => Boolean(this.thread) && this.threadState.hasOlder && this.threadState.loaded,
    loadOlder: () => this.loadOlder(),
    onReachedBottom: () => this.markRead(),
    hasNewer: () => Boolean(this.thread) && Boolean(this.threadState.hasNewer),
    loadNewer: () => this.loadNewer(),
  });
  private readonly connection = new ConnectionController(this);
  private readonly outbox = new OutboxView(this, {
    onEvent: (event) => this.handleOutboxEvent(event),
    onHeldUp: (holdUp) => this.handleHoldUp(holdUp),
    onNotice: (id, text) => this.setNotice(id, text),
    signal: () => this.calls.signal,
    strings: () => this.localize.strings,
  });
  private readonly attachments = new AttachmentController(this, {
    strings: () => this.localize.strings,
    blockedReason: () => this.sendBlockedReason,
    previewInUse: (url) => this.outbox.showsPreview(url),
    onAttached: () => this.composer.focus(),
  });
  private readonly composer = new Composer(this, {
    attachments: this.attachments,
    conversationId: () => (this.inbox ? this.selectedId : null),
    blockedReason: () => this.sendBlockedReason,
    drafts: () => (this.services ? draftsFor(this.services) : undefined),
    quickReplies: () => this.quickReplies,
    locale: () => this.localize.locale,
    send: async (entry, previewUrl) => {
      if (this.threadState.hasNewer) await this.showLatest();
      this.threadWindow.followBottom();
      await this.outbox.add(entry, previewUrl);
      await this.threadWindow.scrollToBottom();
    },
  });
  private readonly deletion = new Deletion(this, {
    backend: () => this.services?.backend,
    signal: () => this.calls.signal,
    strings: () => this.localize.strings,
    rowElement: (id) => this.threadWindow.rowElement(id),
    list: () => this.threadWindow.scroller,
    onDeleted: (message) => this.inbox?.applyDeletion(message.id, message.conversation_id),
    onNotice: (id, text) => this.setNotice(id, text),
  });
  private readonly reactions = new Reactions(this, {
    backend: () => this.services?.backend,
    signal: () => this.calls.signal,
    strings: () => this.localize.strings,
    rowElement: (id) => this.threadWindow.rowElement(id),
    onReacted: (message) => this.inbox?.applyUpdates([message]),
    onNotice: (id, text) => this.setNotice(id, text),
  });
  private readonly messageActions = new MessageActions(this, {
    backend: () => this.services?.backend,
    signal: () => this.calls.signal,
    strings: () => this.localize.strings,
    conversations: () => this.list.shown,
    nameOf: (conversation) => contactName(conversation, this.localize.strings.conversationsUnknownContact),
    rowElement: (id) => this.threadWindow.rowElement(id),
    onMessage: (message) => this.inbox?.applyMessages([message]),
    onNotice: (id, text) => this.setNotice(id, text),
    announce: (text) => this.announcer.announce(text),
  });
  private readonly newConversation = new NewConversation(this, {
    backend: () => this.services?.backend,
    signal: () => this.calls.signal,
    strings: () => this.localize.strings,
    accounts: () =>
      Object.values(this.channels)
        .filter((channel) => this.channelId === undefined || channel.id === this.channelId)
        .sort((a, b) => a.id - b.id),
    onStarted: (started) => this.openStarted(started),
    announce: (text) => this.announcer.announce(text),
    focusFallback: () => this.renderRoot.querySelector<HTMLElement>('#search')?.focus(),
  });
  private readonly viewer = new ImageViewer(this);
  private readonly listWindow = new ConversationListWindowController(this);
  private readonly conversationFocus = new RovingFocusController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[part="conversation"]')],
    initial: (items) => items.find((item) => item.getAttribute('aria-current') === 'true'),
  });
  private readonly messageFocus = new RovingFocusController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('.rows > .message-row')],
    initial: (items) => items[items.length - 1],
    inner: 'button, a[href], audio, video, input, select, textarea',
  });
  private readonly servicesLifecycle = new ServicesLifecycleController(this, {
    services: () => this.services,
    attach: (services) => this.attachServices(services),
  });

  @query('.thread-title') private threadTitle?: HTMLElement;

  /** Shows only this conversation, without the list: a host embedding a single chat. */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** Shows only the conversations of this linked account (its channel `id`). */
  @property({ attribute: 'channel-id', type: Number }) channelId?: number;

  /** Milliseconds between checks for new messages when there is no socket; only while the page is visible. */
  @property({ attribute: false }) pollInterval = DEFAULT_POLL_INTERVAL_MS;

  /** Offers a switch that turns on browser notifications of messages arriving while the page is hidden. */
  @property({ attribute: 'notifications', type: Boolean }) notificationsOffered = false;

  /** The notifications chime too. */
  @property({ attribute: 'notification-sound', type: Boolean }) notificationSound = false;

  /** Saved replies (`{ id, title, text }`) that `/` at the start of the composer searches. */
  @property({ attribute: false }) quickReplies: QuickReply[] = [];

  @state() private channels: Record<string, Channel> = {};
  @state() private channelsKnown = false;
  @state() private selectedId: string | null = null;
  @state() private threadState: ThreadState = NO_THREAD;
  @state() private threadError: ApiError | null = null;
  @state() private updateFailed = false;
  /** Notes under messages: why one could not be deleted or sent again. */
  @state() private messageNotices: Record<string, string> = {};

  private inbox: Inbox | undefined;
  private thread: Thread | undefined;
  private unsubscribeThread?: () => void;
  /** The thread's messages and the unsent ones after them, as shown. */
  private displayed: readonly Message[] = [];
  /** What `displayed` was made from; the rows are built again only when one of these changed. */
  private rowInputs: readonly unknown[] = [];
  /** The message a search hit opened the thread at, marked until another thread opens. */
  private highlightedId: string | null = null;
  /** The conversation of the search hit or new conversation opened last, for a thread whose conversation the filtered list lacks. */
  private hitConversation: Conversation | undefined;
  /** The unread total last announced with `inbox-unread-change`. */
  private announcedUnread: number | undefined;
  /** The conversation button that opened the thread, for the focus to go back to. */
  private opener: HTMLElement | null = null;

  protected override ownConfigurationProblem(): string | undefined {
    return wholeNumberProblem('channel-id', this.channelId, this.getAttribute('channel-id'));
  }

  protected override servicesChanged(_previous: InboxServices | undefined): void {
    this.servicesLifecycle.detach();
    this.list.reset();
    this.messageSearch.reset();
    this.newConversation.reset();
    this.notifications.turnOff();
    this.presence.reset();
    this.announcer.clear();
    this.highlightedId = null;
    this.hitConversation = undefined;
    this.threadState = NO_THREAD;
    this.servicesLifecycle.attach();
    this.liveFrames.restart();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('conversationId') && this.conversationId && this.conversationId !== this.selectedId) {
      this.open(this.conversationId, { focus: false });
    }
    if (changed.has('channelId') && this.inbox && this.list.filterChanged) this.list.reload();
    if (changed.has('pollInterval') && changed.get('pollInterval') !== undefined)
      this.liveFrames.reschedule();
    const rowInputs = [
      this.threadState,
      this.outbox.entries,
      this.threadWindow.markerBeforeId,
      this.selectedId,
    ];
    if (rowInputs.some((input, index) => input !== this.rowInputs[index])) {
      this.rowInputs = rowInputs;
      this.displayed = this.outbox.withUnsent(this.threadState.messages, this.selectedId);
      this.threadWindow.setRows(buildRows(this.displayed, this.threadWindow.markerBeforeId));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.list.state !== 'loaded') return;
    const total = this.list.unreadTotal;
    if (total === this.announcedUnread) return;
    this.announcedUnread = total;
    this.emit('inbox-unread-change', { detail: { total } });
  }

  /** Unread messages across the inbox, for the host's own launcher or tab title (`inbox-unread-change` tells when it changes). */
  get unreadTotal(): number {
    return this.list.unreadTotal;
  }

  /** Checks for new conversations and messages now; what the element does by itself after a reconnect. */
  reload(): Promise<void> {
    return this.catchUp();
  }

  // ---- services -----------------------------------------------------------------------------------

  private attachServices(services: InboxServices): (() => void)[] {
    const inbox = inboxFor(services);
    this.inbox = inbox;
    const cleanups = [
      () => {
        this.calls.abortAll();
        this.list.cancel();
        this.messageSearch.cancel();
        this.newMessages.cancel();
        this.liveFrames.clear();
        this.inbox = undefined;
      },
      () => this.leaveThread(),
      ...this.outbox.attach(inbox),
      this.connection.follow(services.socket),
      services.channels.channels.subscribe((byId) => {
        this.channels = byId;
      }),
    ];
    void this.loadChannels(services);
    void this.list.load();
    const reopen = this.conversationId ?? this.selectedId;
    if (reopen) this.open(reopen, { focus: false });
    return cleanups;
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

  // ---- the open thread ----------------------------------------------------------------------------

  private get selectedConversation(): Conversation | undefined {
    const hit = this.hitConversation;
    return this.list.get(this.selectedId) ?? (hit?.id === this.selectedId ? hit : undefined);
  }

  /** Opens the conversation; `around` a message (a search hit), at that message, marked. */
  private open(conversationId: string, { focus, around }: { focus: boolean; around?: Message }): void {
    const inbox = this.inbox;
    if (!inbox) {
      this.selectedId = conversationId;
      return;
    }
    const changed = conversationId !== this.selectedId || !this.thread;
    this.selectedId = conversationId;
    if (changed || around) this.highlightedId = around?.id ?? null;
    if (!changed) {
      if (around && this.thread) void this.loadThread(this.thread, around);
      return;
    }
    this.unsubscribeThread?.();
    const thread = inbox.thread(conversationId);
    this.thread = thread;
    this.threadError = null;
    this.threadWindow.reset();
    this.composer.leave();
    this.deletion.reset();
    this.reactions.reset();
    this.messageActions.reset();
    let previous: ThreadState | undefined;
    this.unsubscribeThread = thread.state.subscribe((threadState) => {
      if (previous?.loaded) this.announceFailure(newlyFailed(previous.messages, threadState.messages));
      previous = threadState;
      this.threadState = threadState;
    });
    this.messageFocus.reset();
    void this.loadThread(thread, around).then(() => {
      if (focus && !around) this.focusComposer();
    });
  }

  /** A message the search found: its conversation opens at it, the focus on it. */
  private openHit(hit: MessageSearchHit): void {
    this.hitConversation = hit.conversation;
    this.open(hit.conversation.id, { focus: true, around: hit.message });
    this.emit('inbox-conversation-open', { detail: { conversation: hit.conversation } });
  }

  /** A conversation whose first message was just sent from the "New conversation" form: listed and opened. */
  private openStarted({ conversation, message }: StartedConversation): void {
    const shown = { ...conversation, last_message: conversation.last_message ?? message };
    this.hitConversation = shown;
    this.list.upsert([shown]);
    this.inbox?.applyMessages([message]);
    this.open(shown.id, { focus: true });
    const s = this.localize.strings;
    this.announcer.announce(s.newConversationOpened(contactName(shown, s.conversationsUnknownContact)));
    this.emit('inbox-conversation-open', { detail: { conversation: shown } });
  }

  /** Where the user starts in an opened conversation: writing, or reading the heading when sending is off. */
  private focusComposer(): void {
    const textarea = this.composer.textarea;
    if (textarea && !textarea.disabled) textarea.focus();
    else this.threadTitle?.focus();
  }

  private leaveThread(): void {
    this.unsubscribeThread?.();
    this.unsubscribeThread = undefined;
    this.thread = undefined;
  }

  private async loadThread(thread: Thread, around?: Message): Promise<void> {
    try {
      if (around) {
        const shown = await thread.openAround(around, this.calls.signal);
        if (!shown || thread !== this.thread) return;
        this.threadError = null;
        await this.updateComplete;
        await this.threadWindow.centerOn(around.id);
        this.messageFocus.focus(this.threadWindow.rowElement(around.id));
        return;
      }
      // Left while opened (or opening) at a search hit: the newest messages come first again.
      const shown = await thread.openLatest(this.calls.signal);
      if (!shown || thread !== this.thread) return;
      this.threadError = null;
      await this.threadWindow.scrollToBottom();
      this.markRead();
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted' || thread !== this.thread) return;
      this.threadError = apiError;
    }
  }

  private async loadNewer(): Promise<boolean> {
    const thread = this.thread;
    if (!thread) return false;
    try {
      if (!(await thread.loadNewer(this.calls.signal))) return false;
    } catch (error) {
      if (toApiError(error).kind !== 'aborted' && thread === this.thread) throw error;
      return false;
    }
    await this.updateComplete;
    return thread === this.thread;
  }

  /** Leaves a thread opened at a search hit for its newest messages. */
  private async showLatest(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.highlightedId = null;
    thread.resetToLatest();
    await this.loadThread(thread);
  }

  private async loadOlder(): Promise<boolean> {
    const thread = this.thread;
    if (!thread) return false;
    try {
      if (!(await thread.loadOlder(this.calls.signal))) return false;
    } catch (error) {
      if (toApiError(error).kind !== 'aborted' && thread === this.thread) throw error;
      return false;
    }
    return thread === this.thread;
  }

  /** After a (re)join, a poll or the page becoming visible: what was missed, list and thread. */
  private async catchUp(): Promise<void> {
    const thread = this.thread;
    const list = this.conversationId ? Promise.resolve() : this.list.load();
    if (!thread) {
      await list;
      return;
    }
    const wasAtBottom = this.threadWindow.atBottom;
    const before = this.threadState.messages.length;
    try {
      await thread.catchUp(this.calls.signal);
      this.updateFailed = false;
      if (thread === this.thread && this.threadError) {
        this.threadError = null;
        await this.threadWindow.scrollToBottom();
      } else if (thread === this.thread && this.threadState.messages.length !== before) {
        await this.followNewRows(wasAtBottom);
      }
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind !== 'aborted' && thread === this.thread) this.updateFailed = true;
    }
    await list;
  }

  /** A frame's worth of socket frames: one merge and one render for all of them. */
  private applyLive(batch: LiveBatch): void {
    if (batch.messages.length > 0) this.handleIncoming(batch.messages);
    if (batch.reports.length > 0) this.inbox?.applyStatuses(batch.reports);
    if (batch.updates.length > 0) this.inbox?.applyUpdates(batch.updates);
    for (const deletion of batch.deletions) this.inbox?.applyDeletion(deletion.id, deletion.conversation_id);
    if (batch.conversations.length > 0) {
      this.list.upsert(batch.conversations);
      if (batch.conversations.some((conversation) => conversation.id === this.selectedId)) this.markRead();
    }
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
    const wasAtBottom = this.threadWindow.atBottom;
    inbox.applyMessages(messages);
    for (const message of messages) {
      if (message.direction === 'incoming') this.presence.messageFrom(message.conversation_id);
    }
    this.notifications.messagesArrived(messages);
    if (inOpenThread.length === 0) return;
    if (!wasAtBottom || !isPageVisible()) this.threadWindow.addUnseen(fresh.map((message) => message.id));
    const unknown = this.localize.strings.conversationsUnknownContact;
    for (const message of fresh) {
      this.newMessages.add(message.sender.name ?? contactName(this.selectedConversation, unknown));
    }
    void this.followNewRows(wasAtBottom);
  }

  private async followNewRows(wasAtBottom: boolean): Promise<void> {
    if (!wasAtBottom) return;
    await this.threadWindow.scrollToBottom();
    this.markRead();
  }

  /** Marks the open conversation read up to its newest message, when the user sees that message. */
  private markRead(): void {
    const services = this.services;
    const conversationId = this.selectedId;
    if (!services || !conversationId || !this.threadWindow.atBottom || !isPageVisible()) return;
    const messages = this.threadState.messages;
    const newestIncoming = messages.findLast((message) => message.direction === 'incoming');
    const newest = messages[messages.length - 1];
    if (!newest || !newestIncoming) return;
    const unread =
      (this.list.get(conversationId)?.unread_count ?? 0) > 0 ||
      this.threadWindow.unseenCount > 0 ||
      this.readMarker.hasFailed(conversationId);
    this.list.clearUnread(conversationId);
    if (unread && !this.readMarker.isMarked(conversationId, newest.id)) {
      this.readMarker.mark(conversationId, newest.id, services.backend);
    }
  }

  private async jumpToLatest(): Promise<void> {
    if (this.threadState.hasNewer) await this.showLatest();
    await this.threadWindow.scrollToBottom();
    this.markRead();
    this.composer.focus();
  }

  // ---- sending ------------------------------------------------------------------------------------

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

  private handleOutboxEvent(event: OutboxEvent): void {
    if (event.type === 'sent') {
      if (event.message.conversation_id === this.selectedId) {
        this.emit('inbox-message-sent', { detail: { message: event.message } });
      }
      return;
    }
    const entry = event.entry;
    if (entry.conversation_id !== this.selectedId || !entry.failure) return;
    const message = failureText(entry, this.localize.strings);
    this.announcer.announce(this.localize.strings.messageSendFailed(message));
    void this.threadWindow.reveal(localMessageId(entry.external_id));
    this.emit('inbox-send-failed', {
      detail: {
        conversationId: entry.conversation_id,
        externalId: entry.external_id,
        reason: entry.failure.kind,
        message,
      },
    });
  }

  /** The first unsent message of the open thread waits to go again: says why, where it is seen. */
  private handleHoldUp(holdUp: OutboxHoldUp): void {
    const entry = this.outbox.entries.find((item) => item.external_id === holdUp.external_id);
    if (entry?.conversation_id !== this.selectedId) return;
    this.announcer.announce(holdUpText(holdUp, this.localize.strings));
    void this.threadWindow.reveal(localMessageId(holdUp.external_id));
  }

  /** Says when a receipt, from the socket or a catch-up, reports that a message of the open thread was not delivered. */
  private announceFailure(failed: Message | undefined): void {
    if (!failed) return;
    const s = this.localize.strings;
    this.announcer.announce(failed.error ? s.messageFailedReason(failed.error) : s.messageStatus('failed'));
  }

  private setNotice(messageId: string, text: string | null): void {
    const notices = { ...this.messageNotices };
    if (text === null) delete notices[messageId];
    else notices[messageId] = text;
    this.messageNotices = notices;
  }

  // ---- navigation ---------------------------------------------------------------------------------

  /** A focused message's shortcuts; the arrow keys are the message list's. */
  private handleMessageKeydown(event: KeyboardEvent): void {
    const row = event.target as HTMLElement;
    const message = row.matches('.message-row')
      ? this.displayed.find((item) => item.id === row.dataset.key)
      : undefined;
    if (!message || event.altKey || event.ctrlKey || event.metaKey) {
      this.messageFocus.handleKeydown(event);
      return;
    }
    const local = message.id.startsWith('local:');
    if ((event.key === 'r' || event.key === 'R') && !local && !message.deleted) {
      event.preventDefault();
      this.composer.startReply(message);
    } else if (
      event.key === 'Delete' &&
      this.deletion.canDelete(message, this.selectedConversation?.channel)
    ) {
      event.preventDefault();
      this.deletion.ask(message);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.composer.focus();
    } else {
      this.messageFocus.handleKeydown(event);
    }
  }

  /** The conversation list's keys; Home and End go to the ends of the whole list, which is windowed. */
  private handleListKeydown(event: KeyboardEvent): void {
    const shown = this.list.shown;
    const target = event.key === 'Home' ? shown[0] : event.key === 'End' ? shown.at(-1) : undefined;
    const onConversation = (event.target as HTMLElement).matches('[part="conversation"]');
    if (!target || !onConversation || event.altKey || event.ctrlKey || event.metaKey) {
      this.conversationFocus.handleKeydown(event);
      return;
    }
    event.preventDefault();
    void this.listWindow.focusEnd(event.key === 'Home' ? 'first' : 'last', target.id);
  }

  private handleSelect(conversation: Conversation, opener: HTMLElement): void {
    this.opener = opener;
    this.open(conversation.id, { focus: true });
    this.emit('inbox-conversation-open', { detail: { conversation } });
  }

  private goBack(): void {
    const id = this.selectedId;
    this.leaveThread();
    this.selectedId = null;
    void this.updateComplete.then(() => {
      const button = id
        ? this.renderRoot.querySelector<HTMLElement>(`.conversation[data-id="${CSS.escape(id)}"]`)
        : null;
      (button ?? this.opener)?.focus();
    });
  }

  // ---- rendering ----------------------------------------------------------------------------------

  override render() {
    if (!this.services) {
      return html`<div part="base" class="base" dir=${this.localize.dir} lang=${this.localize.locale}>
        <p part="status" class="status error" role="alert">${this.notSetUpMessage}</p>
      </div>`;
    }
    const single = Boolean(this.conversationId);
    const s = this.localize.strings;
    return html`<div
      part="base"
      class="base layout"
      ?data-single=${single}
      ?data-open=${this.selectedId !== null}
      dir=${this.localize.dir}
      lang=${this.localize.locale}
    >
      ${
        single
          ? nothing
          : renderConversationList({
              list: this.list,
              window: this.listWindow,
              strings: s,
              locale: this.localize.locale,
              number: (value) => this.localize.number(value),
              selectedId: this.selectedId,
              accounts:
                this.channelId === undefined ? Object.values(this.channels).sort((a, b) => a.id - b.id) : [],
              channelTypes: this.channelId === undefined ? this.linkedTypes : [],
              messageSearch: this.messageSearch,
              isTyping: (id) => this.presence.isTyping(id),
              presenceOf: (id) => this.presence.presenceOf(id),
              extraControls: this.notifications.render(),
              newConversation: {
                button: this.newConversation.renderButton(),
                form: this.newConversation.renderForm(),
              },
              onSelect: (conversation, opener) => this.handleSelect(conversation, opener),
              onOpenHit: (hit) => this.openHit(hit),
              onClearFilters: () => this.clearFilters(),
              onKeydown: (event) => this.handleListKeydown(event),
              onFocusIn: this.conversationFocus.handleFocusIn,
            })
      }
      ${this.renderThread()} ${this.connection.render(s)} ${this.announcer.render()} ${this.viewer.render(s)}
    </div>`;
  }

  /** The types of the linked accounts, for the type filter. */
  private get linkedTypes(): ChannelType[] {
    return [...new Set(Object.values(this.channels).map((channel) => channel.type))].sort();
  }

  /** "typing…", "online" or "last seen …" for the open thread's contact, where the backend reports them. */
  private presenceText(): string | undefined {
    const s = this.localize.strings;
    if (this.presence.isTyping(this.selectedId)) return s.presenceTyping;
    const presence = this.presence.presenceOf(this.selectedId);
    if (!presence) return undefined;
    if (presence.online) return s.presenceOnline;
    if (presence.lastSeen === null) return undefined;
    const when = new Date(presence.lastSeen);
    const sameDay = when.toDateString() === new Date().toDateString();
    const format = sameDay
      ? { timeStyle: 'short' as const }
      : { dateStyle: 'medium' as const, timeStyle: 'short' as const };
    return s.presenceLastSeen(dateFormat(this.localize.locale, format).format(when));
  }

  private clearFilters(): void {
    this.list.clearFilters();
    void this.messageSearch.search('');
    this.renderRoot.querySelector<HTMLElement>('#search')?.focus();
  }

  private renderThread(): TemplateResult {
    const s = this.localize.strings;
    if (!this.selectedId) return renderNoThread(s);
    const conversation = this.selectedConversation;
    const fallbackName =
      this.threadState.messages.find((message) => message.direction === 'incoming')?.sender.name ??
      s.conversationsUnknownContact;
    const attachments = this.attachments;
    return renderThread({
      strings: s,
      locale: this.localize.locale,
      name: contactName(conversation, fallbackName),
      conversation,
      account: conversation ? this.channels[String(conversation.channel_id)] : undefined,
      single: Boolean(this.conversationId),
      presence: this.presenceText(),
      state: this.threadState,
      error: this.threadError,
      updateFailed: this.updateFailed,
      window: this.threadWindow,
      composer: this.composer.render(s),
      renderMessage: (row) => renderMessageRow(row, this.rowContext(conversation)),
      onBack: () => this.goBack(),
      onRetry: () => {
        if (this.thread) void this.loadThread(this.thread);
      },
      onJumpToLatest: () => void this.jumpToLatest(),
      onKeydown: (event) => this.handleMessageKeydown(event),
      onFocusIn: this.messageFocus.handleFocusIn,
      onDragOver: attachments.handleDragOver,
      onDragLeave: attachments.handleDragLeave,
      onDrop: attachments.handleDrop,
    });
  }

  private rowContext(conversation: Conversation | undefined): MessageRowContext {
    const s = this.localize.strings;
    const percent = (value: number) => this.localize.number(value, { style: 'percent' });
    return {
      strings: s,
      locale: this.localize.locale,
      percent,
      quoted: (id) => this.displayed.find((message) => message.id === id),
      delivery: (message) => this.outbox.render(message, s, percent),
      queued: (message) => this.outbox.isQueued(message),
      notice: (message) => this.messageNotices[message.id],
      confirmingDelete: (message) => this.deletion.confirming === message.id,
      renderDeleteConfirm: (message) => this.deletion.renderConfirm(message, s),
      canDelete: (message) => this.deletion.canDelete(message, conversation?.channel),
      onReply: (message) => this.composer.startReply(message),
      onDelete: (message) => this.deletion.ask(message),
      onOpenImage: (url, name, opener) => this.viewer.show(url, name, opener),
      renderExtras: (message) =>
        html`${this.reactions.render(message, s)}${this.messageActions.renderForm(message, s)}`,
      renderMoreActions: (message) =>
        html`${this.reactions.renderButton(message, s)}${this.messageActions.renderButtons(message, s)}`,
      highlighted: (message) => message.id === this.highlightedId,
    };
  }
}
