import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RovingFocusOptions {
  /** The items, in order, that the arrow keys move between. */
  items(): HTMLElement[];
  /** The item that takes the tab stop when none had it yet (default the first). */
  initial?(items: HTMLElement[]): HTMLElement | undefined;
  /**
   * Controls inside the items, other than the item itself, that leave the tab order unless their item
   * holds the tab stop: a list of a hundred messages is not a hundred Reply buttons to Tab through.
   */
  inner?: string;
}

const NEXT_KEYS = new Set(['ArrowDown']);
const PREVIOUS_KEYS = new Set(['ArrowUp']);

/**
 * One tab stop for a list (the roving tabindex of the WAI-ARIA listbox and grid patterns): Tab enters
 * the list at the item last focused, ArrowUp and ArrowDown move between items, Home and End go to the
 * first and last. The tab stop is kept on an item that is still there after every update.
 */
export class RovingFocusController implements ReactiveController {
  private active: HTMLElement | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: RovingFocusOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.sync();
  }

  /** The item that holds the tab stop now. */
  get current(): HTMLElement | undefined {
    return this.active?.isConnected ? this.active : undefined;
  }

  /** Gives the tab stop to `item` and focuses it. */
  focus(item: HTMLElement | undefined): void {
    if (!item) return;
    this.active = item;
    this.sync();
    item.focus();
  }

  /** Forgets the item that had the tab stop: the next update gives it to the initial item. */
  reset(): void {
    this.active = undefined;
  }

  /** An item (or something inside it) got the focus: it holds the tab stop from now on. */
  handleFocusIn = (event: FocusEvent): void => {
    const item = this.options.items().find((candidate) => candidate.contains(event.target as Node));
    if (item && item !== this.active) {
      this.active = item;
      this.sync();
    }
  };

  handleKeydown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const items = this.options.items();
    const index = items.indexOf(event.target as HTMLElement);
    // Keys pressed in a control inside an item are the control's own.
    if (index < 0) return;
    let target: HTMLElement | undefined;
    if (NEXT_KEYS.has(event.key)) target = items[index + 1];
    else if (PREVIOUS_KEYS.has(event.key)) target = items[index - 1];
    else if (event.key === 'Home') target = items[0];
    else if (event.key === 'End') target = items[items.length - 1];
    else return;
    event.preventDefault();
    this.focus(target);
  };

  private sync(): void {
    const items = this.options.items();
    if (!this.active || !items.includes(this.active)) {
      this.active = (this.options.initial?.(items) ?? items[0]) || undefined;
    }
    const inner = this.options.inner;
    for (const item of items) {
      const holds = item === this.active;
      item.tabIndex = holds ? 0 : -1;
      if (!inner) continue;
      for (const control of item.querySelectorAll<HTMLElement>(inner)) {
        if (holds) control.removeAttribute('tabindex');
        else control.tabIndex = -1;
      }
    }
  }
}
