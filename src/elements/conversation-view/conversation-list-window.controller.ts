import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Assumed height of a conversation until one is measured. */
const ESTIMATED_ROW_PX = 64;
/** Conversations kept in the DOM beyond the visible ones, on each side. */
const OVERSCAN_ROWS = 15;
/** The window's ends move in steps of this many rows, so scrolling re-renders only now and then. */
const STEP_ROWS = 10;
/** At least this many are rendered: a pane not laid out yet (hidden, or one pane at a time) shows its top. */
const MIN_ROWS = 40;

export interface ListWindowHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** The slice of the conversations in the DOM, and the space that stands in for the others. */
export interface ListWindow {
  start: number;
  end: number;
  /** Pixels above the first rendered conversation and below the last, for the ones left out. */
  before: number;
  after: number;
}

/**
 * Which conversations of the list are in the DOM: those in view and a margin around them, however many
 * the list holds, as the thread keeps a window of its messages. Conversations are all one height, so the
 * ones left out are stood in for by padding of their exact height and the scrollbar stays true.
 */
export class ConversationListWindowController implements ReactiveController {
  private rowHeight = ESTIMATED_ROW_PX;
  /** The visible part of the list, in pixels from its top. */
  private visibleTop = 0;
  private visibleHeight = 0;
  private frame: number | undefined;

  constructor(private readonly host: ListWindowHost) {
    host.addController(this);
  }

  /** The window over a list of `count` conversations. */
  range(count: number): ListWindow {
    const first = Math.floor(this.visibleTop / this.rowHeight) - OVERSCAN_ROWS;
    const last = Math.ceil((this.visibleTop + this.visibleHeight) / this.rowHeight) + OVERSCAN_ROWS;
    const start = Math.min(
      Math.max(0, Math.floor(first / STEP_ROWS) * STEP_ROWS),
      Math.max(0, count - MIN_ROWS),
    );
    const end = Math.min(count, Math.max(start + MIN_ROWS, Math.ceil(last / STEP_ROWS) * STEP_ROWS));
    return { start, end, before: start * this.rowHeight, after: (count - end) * this.rowHeight };
  }

  /** The conversations pane scrolled (or was drawn anew): the window follows in the next frame. */
  readonly handleScroll = (): void => {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      if (this.measure()) this.host.requestUpdate();
    });
  };

  /**
   * Scrolls to the list's first or last conversation, brings it into the DOM and focuses it: Home and
   * End reach the ends of the whole list, not of the conversations rendered.
   */
  async focusEnd(end: 'first' | 'last', id: string): Promise<void> {
    const pane = this.host.renderRoot.querySelector<HTMLElement>('.conversations');
    if (!pane) return;
    pane.scrollTop = end === 'first' ? 0 : pane.scrollHeight;
    this.measure();
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot
      .querySelector<HTMLElement>(`[part="conversation"][data-id="${CSS.escape(id)}"]`)
      ?.focus();
  }

  hostUpdated(): void {
    this.handleScroll();
  }

  hostDisconnected(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  /** Reads the pane's scroll position and a row's height; true when either changed. */
  private measure(): boolean {
    const list = this.host.renderRoot.querySelector<HTMLElement>('.conversation-list:not(.skeletons)');
    const pane = list?.closest<HTMLElement>('.conversations');
    if (!list || !pane) return false;
    const row = list.querySelector<HTMLElement>(':scope > li');
    const rowHeight = row ? row.getBoundingClientRect().height : this.rowHeight;
    const listTop = list.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
    const visibleTop = Math.max(0, pane.scrollTop - listTop);
    const visibleHeight = pane.clientHeight;
    const changed =
      (rowHeight > 0 && Math.abs(rowHeight - this.rowHeight) > 0.5) ||
      Math.floor(visibleTop / this.rowHeight / STEP_ROWS) !==
        Math.floor(this.visibleTop / this.rowHeight / STEP_ROWS) ||
      Math.abs(visibleHeight - this.visibleHeight) > this.rowHeight;
    if (rowHeight > 0) this.rowHeight = rowHeight;
    this.visibleTop = visibleTop;
    this.visibleHeight = visibleHeight;
    return changed;
  }
}
