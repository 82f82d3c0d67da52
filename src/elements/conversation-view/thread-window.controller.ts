import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ThreadRow } from './thread-rows.js';

/** Closer than this to the bottom counts as reading the newest messages. */
const BOTTOM_SLACK_PX = 48;
/** Closer than this to the top loads the older page. */
const TOP_SLACK_PX = 400;
/** Most rows in the DOM at once, however long the history. */
const WINDOW_ROWS = 120;
/** Rows added to one end of the window (and dropped from the other) as the user nears that end. */
const WINDOW_STEP = 40;

/** Where the user was reading, to put it back after rows are inserted above it. */
interface Anchor {
  key: string;
  offset: number;
}

export interface ThreadWindowHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ThreadWindowOptions {
  /** Whether an older page can still be loaded. */
  hasOlder(): boolean;
  /** Loads the older page: `false` when the thread changed meanwhile; rejects when it could not. */
  loadOlder(): Promise<boolean>;
  /** The user reached the newest message after new ones arrived below. */
  onReachedBottom(): void;
  /** Whether newer messages than the last loaded one exist (a thread opened at a search hit). */
  hasNewer(): boolean;
  /** Loads the newer page: `false` when the thread changed meanwhile; rejects when it could not. */
  loadNewer(): Promise<boolean>;
}

/**
 * The open thread's scrolling: which slice of the rows is in the DOM (a window that moves as the user
 * scrolls, so the DOM stays small however long the history), whether the user is at the newest message,
 * how many arrived unseen below, the "new messages" marker, loading the older page at the top, and
 * keeping what the user reads in place while rows are added or dropped around it or the list changes size.
 */
export class ThreadWindowController implements ReactiveController {
  rows: ThreadRow[] = [];
  start = 0;
  end = 0;
  atBottom = true;
  unseenCount = 0;
  /** The first message that arrived unseen, which the "new messages" marker goes before. */
  markerBeforeId: string | null = null;
  loadingOlder = false;
  olderError = false;
  loadingNewer = false;
  newerError = false;

  private scrollingToBottom = false;
  private movingWindow = false;
  /** What the user read when they last scrolled, put back when the list changes size. */
  private readAnchor: Anchor | undefined;
  private observed: HTMLElement | null = null;
  // Narrowing the element rewraps every message: without this the newest one ends up below the view.
  private readonly resizeObserver = new ResizeObserver(() => {
    const scroller = this.observed;
    if (this.atBottom && scroller) scroller.scrollTop = scroller.scrollHeight;
    else if (this.readAnchor) void this.restoreAnchor(this.readAnchor);
  });

  constructor(
    private readonly host: ThreadWindowHost,
    private readonly options: ThreadWindowOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.hostUpdated();
  }

  /** Observes the thread's list, which is drawn anew when another thread opens or a thread loads. */
  hostUpdated(): void {
    const scroller = this.scroller;
    if (scroller === this.observed) return;
    this.resizeObserver.disconnect();
    this.observed = scroller;
    if (scroller) this.resizeObserver.observe(scroller);
  }

  hostDisconnected(): void {
    this.resizeObserver.disconnect();
    this.observed = null;
  }

  /** The rows in the DOM now. */
  get shownRows(): ThreadRow[] {
    return this.rows.slice(this.start, this.end);
  }

  /** A thread was opened: at its bottom, nothing unseen. */
  reset(): void {
    this.olderError = false;
    this.newerError = false;
    this.unseenCount = 0;
    this.markerBeforeId = null;
    this.atBottom = true;
    this.host.requestUpdate();
  }

  /** New rows to show; called while the host updates, so the window moves in the same render. */
  setRows(rows: ThreadRow[]): void {
    const previous = this.rows;
    this.rows = rows;
    this.placeWindow(previous);
  }

  /** Messages arrived that the user does not see: counted, and the marker goes before the first. */
  addUnseen(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.unseenCount += ids.length;
    this.markerBeforeId ??= ids[0];
    this.host.requestUpdate();
  }

  /** The user is about to see the newest message (they sent one). */
  followBottom(): void {
    this.atBottom = true;
  }

  async scrollToBottom(): Promise<void> {
    if (this.scrollingToBottom) return;
    this.scrollingToBottom = true;
    try {
      this.end = this.rows.length;
      this.start = Math.max(0, this.rows.length - WINDOW_ROWS);
      this.host.requestUpdate();
      await this.host.updateComplete;
      const scroller = this.scroller;
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
      this.atBottom = true;
      this.unseenCount = 0;
      this.host.requestUpdate();
    } finally {
      this.scrollingToBottom = false;
    }
  }

  /** Loads the older page, keeping what the user reads where it is. */
  async loadOlder(): Promise<void> {
    if (this.loadingOlder || !this.options.hasOlder()) return;
    this.loadingOlder = true;
    this.olderError = false;
    this.host.requestUpdate();
    const anchor = this.captureAnchor();
    try {
      if (!(await this.options.loadOlder())) return;
      if (anchor) await this.restoreAnchor(anchor);
      if (this.scroller && this.scroller.scrollTop < TOP_SLACK_PX) await this.moveWindow('up');
    } catch {
      this.olderError = true;
    } finally {
      this.loadingOlder = false;
      this.host.requestUpdate();
    }
  }

  /** Loads the newer page of a thread opened at an older message, and moves the window onto it. */
  async loadNewer(): Promise<void> {
    if (this.loadingNewer || !this.options.hasNewer()) return;
    this.loadingNewer = true;
    this.newerError = false;
    this.host.requestUpdate();
    try {
      if (await this.options.loadNewer()) await this.shiftWindow('down');
    } catch {
      this.newerError = true;
    } finally {
      this.loadingNewer = false;
      this.host.requestUpdate();
    }
  }

  /** Shows the row with this key in the middle of the list, however far from the bottom: a search hit. */
  async centerOn(key: string): Promise<void> {
    const index = this.rows.findIndex((row) => row.key === key);
    if (index < 0) return;
    this.atBottom = false;
    this.start = Math.max(0, Math.min(index - WINDOW_ROWS / 2, this.rows.length - WINDOW_ROWS));
    this.end = Math.min(this.rows.length, this.start + WINDOW_ROWS);
    this.host.requestUpdate();
    await this.host.updateComplete;
    const scroller = this.scroller;
    const row = this.rowElement(key);
    if (!scroller || !row) return;
    const offset = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTop += offset - Math.max(0, (scroller.clientHeight - row.offsetHeight) / 2);
    this.readAnchor = this.captureAnchor();
  }

  handleScroll(): void {
    const scroller = this.scroller;
    if (!scroller || this.scrollingToBottom || this.movingWindow) return;
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    const windowAtEnd = this.end >= this.rows.length;
    const hasNewer = this.options.hasNewer();
    const atBottom = windowAtEnd && !hasNewer && fromBottom < BOTTOM_SLACK_PX;
    this.readAnchor = this.captureAnchor();
    if (atBottom !== this.atBottom) {
      this.atBottom = atBottom;
      this.host.requestUpdate();
    }
    if (atBottom && this.unseenCount > 0) {
      this.unseenCount = 0;
      this.host.requestUpdate();
      this.options.onReachedBottom();
    }
    if (scroller.scrollTop < TOP_SLACK_PX) {
      if (this.start > 0) void this.shiftWindow('up');
      else void this.loadOlder();
    } else if (!windowAtEnd && fromBottom < TOP_SLACK_PX) {
      void this.shiftWindow('down');
    } else if (hasNewer && !this.newerError && fromBottom < TOP_SLACK_PX) {
      // After a failure only Retry asks again: the failure's note changing size must not start a loop.
      void this.loadNewer();
    }
  }

  /** Scrolls the list the least that shows the whole row with this key (its top, when taller than the list). */
  async reveal(key: string): Promise<void> {
    await this.host.updateComplete;
    if (!this.rowElement(key)) await this.scrollToBottom();
    const scroller = this.scroller;
    const row = this.rowElement(key);
    if (!scroller || !row) return;
    const view = scroller.getBoundingClientRect();
    const box = row.getBoundingClientRect();
    if (box.bottom > view.bottom) {
      scroller.scrollTop += Math.min(box.bottom - view.bottom, box.top - view.top);
    } else if (box.top < view.top) {
      scroller.scrollTop -= view.top - box.top;
    }
  }

  /** The DOM element of the row with this key, when it is in the window. */
  rowElement(key: string): HTMLElement | undefined {
    const host = this.rowsHost;
    if (!host) return undefined;
    for (const child of host.children) {
      if ((child as HTMLElement).dataset.key === key) return child as HTMLElement;
    }
    return undefined;
  }

  get scroller(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  private get rowsHost(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.rows');
  }

  /**
   * Keeps the window on the rows it showed when rows change: rows added above or below it are not
   * rendered until the user scrolls towards them, except that a view at the bottom follows the bottom.
   */
  private placeWindow(previous: readonly ThreadRow[]): void {
    const rows = this.rows;
    if (this.atBottom || previous.length === 0) {
      this.end = rows.length;
      this.start = Math.max(0, rows.length - WINDOW_ROWS);
      return;
    }
    // Message keys: a day separator's key moves up when an older page of the same day arrives.
    const shown = previous.slice(this.start, this.end).filter((row) => row.kind === 'message');
    const firstKey = shown[0]?.key;
    const lastKey = shown[shown.length - 1]?.key;
    const first = firstKey === undefined ? -1 : rows.findIndex((row) => row.key === firstKey);
    const last = lastKey === undefined ? -1 : rows.findIndex((row) => row.key === lastKey);
    // The separator or marker just above the first message stays with it.
    let start = Math.max(0, first - (rows[first - 1]?.kind === 'message' ? 0 : 1));
    // An older page arriving while the top of the history is shown: its newest rows are rendered at once,
    // so what the "loading" hint leaves is taken by rows above the reader and the anchor can be kept
    // (at scrollTop 0 content that shrinks above the anchor cannot be made up by scrolling).
    if (this.loadingOlder && this.start === 0) start = Math.max(0, start - WINDOW_STEP);
    const end = last < 0 ? Math.min(rows.length, start + WINDOW_ROWS) : last + 1;
    this.start = start;
    this.end = Math.min(end, start + WINDOW_ROWS);
  }

  private captureAnchor(): Anchor | undefined {
    const scroller = this.scroller;
    const host = this.rowsHost;
    if (!scroller || !host) return undefined;
    const top = scroller.getBoundingClientRect().top;
    // Message rows only: a day separator's key moves to the top when an older page of that day arrives.
    // The first row that starts in view: one cut off above it grows when narrowed and would push it away.
    for (const child of host.querySelectorAll<HTMLElement>(':scope > .message-row')) {
      const key = child.dataset.key;
      if (!key) continue;
      const rect = child.getBoundingClientRect();
      if (rect.top >= top) return { key, offset: rect.top - top };
    }
    return undefined;
  }

  /**
   * Puts the anchor row back where it was on screen after rows were added or dropped around it. It runs
   * after the update and before the next paint, so the user never sees the content move.
   */
  private async restoreAnchor(anchor: Anchor): Promise<void> {
    await this.host.updateComplete;
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
      this.start = Math.max(0, this.start - WINDOW_STEP);
      this.end = Math.min(this.end, this.start + WINDOW_ROWS);
    } else {
      this.end = Math.min(this.rows.length, this.end + WINDOW_STEP);
      this.start = Math.max(this.start, this.end - WINDOW_ROWS);
    }
    this.host.requestUpdate();
    if (anchor) await this.restoreAnchor(anchor);
  }

  private async shiftWindow(direction: 'up' | 'down'): Promise<void> {
    this.movingWindow = true;
    try {
      await this.moveWindow(direction);
    } finally {
      this.movingWindow = false;
    }
  }
}
