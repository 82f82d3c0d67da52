import {
  createElement as h,
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ReactElement,
  type WheelEvent as ReactWheelEvent,
} from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Virtuoso } from 'react-virtuoso';
import {
  bubbleOf,
  PEER_BOTTOM_SLACK_PX,
  PEER_THREAD_CSS,
  PEER_TOP_SLACK_PX,
  PeerThreadSource,
  type PeerMessage,
  type PeerThreadTarget,
} from './peer-thread.js';

/**
 * Where the first page starts in Virtuoso's item numbering: each older page lowers `firstItemIndex` by
 * its length (Virtuoso's way to prepend without moving the view), which must stay positive.
 */
const FIRST_ITEM_INDEX = 10_000_000;

interface ThreadProps {
  target: PeerThreadTarget;
  socketUrl: string | null;
}

interface ThreadState {
  messages: PeerMessage[];
  /** The newest message of the first page: where the list opens (a prop Virtuoso reapplies when it changes). */
  openAt: number;
  firstItemIndex: number;
  hasOlder: boolean;
}

type Quoted = (id: string) => PeerMessage | undefined;

const Row = memo(function Row({ message, quoted }: { message: PeerMessage; quoted: Quoted }): ReactElement {
  const bubble = bubbleOf(message, quoted);
  return h(
    'div',
    { className: `message-row ${bubble.outgoing ? 'outgoing' : 'incoming'}`, 'data-key': message.id },
    h(
      'div',
      { className: 'bubble' },
      bubble.sender ? h('span', { className: 'sender' }, bubble.sender) : null,
      bubble.quote
        ? h(
            'div',
            { className: 'quote' },
            h('span', { className: 'quote-author' }, bubble.quote.author),
            h('span', { className: 'quote-text' }, bubble.quote.text),
          )
        : null,
      bubble.image
        ? [
            h('img', {
              key: 'image',
              src: bubble.image.src,
              alt: bubble.image.alt,
              loading: 'lazy',
              decoding: 'async',
            }),
            bubble.image.caption
              ? h('p', { key: 'caption', className: 'caption' }, bubble.image.caption)
              : null,
          ]
        : h('p', { className: 'text' }, bubble.text),
      h('time', null, bubble.time),
    ),
  );
});

/**
 * The thread as Virtuoso's documentation writes a chat: opened at the last item
 * (`initialTopMostItemIndex`), older pages on `startReached` through `firstItemIndex`, and new messages
 * followed with `followOutput` while the reader is at the bottom.
 */
function Thread({ target, socketUrl }: ThreadProps): ReactElement {
  const [state, setState] = useState<ThreadState>({
    messages: [],
    openAt: 0,
    firstItemIndex: FIRST_ITEM_INDEX,
    hasOlder: false,
  });
  const source = useRef<PeerThreadSource | null>(null);
  const byId = useRef(new Map<string, PeerMessage>());
  const loadingOlder = useRef(false);
  // Virtuoso's own "at the bottom" turns false while messages arrive faster than it measures them (its
  // followOutput then stops a few rows short for good): the reader leaves the bottom by scrolling up
  // themselves, and until then each growth of the list after a new message scrolls to its end.
  const following = useRef(true);
  const received = useRef(false);
  const scroller = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const opened = new PeerThreadSource(target);
    source.current = opened;
    void opened.page().then((page) => {
      for (const message of page.items) byId.current.set(message.id, message);
      setState({
        messages: page.items,
        openAt: page.items.length - 1,
        firstItemIndex: FIRST_ITEM_INDEX,
        hasOlder: page.has_more,
      });
    });
    if (socketUrl) {
      opened.listen(socketUrl, (message) => {
        if (byId.current.has(message.id)) return;
        byId.current.set(message.id, message);
        received.current = true;
        setState((previous) => ({ ...previous, messages: [...previous.messages, message] }));
      });
    }
    return () => opened.close();
  }, [target, socketUrl]);

  // The latest state for the callbacks Virtuoso holds on to.
  const current = useRef(state);
  current.current = state;

  const loadOlder = useCallback(function loadOlder(): void {
    const { messages, hasOlder } = current.current;
    const oldest = messages[0];
    if (loadingOlder.current || !hasOlder || !oldest || !source.current) return;
    loadingOlder.current = true;
    void source.current
      .page(oldest.id)
      .then((page) => {
        for (const message of page.items) byId.current.set(message.id, message);
        setState((previous) => ({
          ...previous,
          messages: [...page.items, ...previous.messages],
          firstItemIndex: previous.firstItemIndex - page.items.length,
          hasOlder: page.has_more,
        }));
      })
      .finally(() => {
        loadingOlder.current = false;
        // startReached fired while this page was on its way is not repeated: still at the top, load on.
        requestAnimationFrame(() => {
          const element = scroller.current;
          if (element && element.scrollTop < PEER_TOP_SLACK_PX) loadOlder();
        });
      });
  }, []);

  const loadNearTop = useCallback(() => {
    if (scroller.current && scroller.current.scrollTop < PEER_TOP_SLACK_PX) loadOlder();
  }, [loadOlder]);

  const quoted = useCallback<Quoted>((id) => byId.current.get(id), []);

  if (state.messages.length === 0) return h('p', null, 'Loading…');
  return h(Virtuoso<PeerMessage>, {
    className: 'scroller',
    style: { height: 'var(--peer-height, 600px)' },
    data: state.messages,
    firstItemIndex: state.firstItemIndex,
    initialTopMostItemIndex: state.openAt,
    startReached: loadOlder,
    atTopThreshold: PEER_TOP_SLACK_PX,
    atBottomThreshold: PEER_BOTTOM_SLACK_PX,
    atBottomStateChange: (atBottom: boolean) => {
      if (atBottom) following.current = true;
    },
    // Virtuoso asks this on any growth, an older page too: only a new message is followed.
    followOutput: () => (following.current && received.current ? 'auto' : false),
    totalListHeightChanged: () => {
      const element = scroller.current;
      if (following.current && received.current && element) element.scrollTop = element.scrollHeight;
    },
    scrollerRef: (element: HTMLElement | Window | null) => {
      const next = element instanceof HTMLElement ? element : null;
      if (next === scroller.current) return;
      scroller.current?.removeEventListener('scroll', loadNearTop);
      scroller.current = next;
      // startReached is not repeated when it fired while a page was on its way and the list then
      // reached the top again: the scroll position is checked as well.
      next?.addEventListener('scroll', loadNearTop, { passive: true });
    },
    onWheel: (event: ReactWheelEvent) => {
      if (event.deltaY < 0) following.current = false;
    },
    onTouchMove: () => {
      following.current = false;
    },
    computeItemKey: (_index: number, message: PeerMessage) => message.id,
    itemContent: (_index: number, message: PeerMessage) => h(Row, { message, quoted }),
  });
}

/**
 * A peer of the benchmark: the thread a React developer would write with `react-virtuoso` (what Stream's
 * React kit builds its message list on), React 18, mounted in a shadow root like the other threads.
 *
 * The module has no side effect; the page registers the tag.
 */
export class VirtuosoThread extends HTMLElement {
  private root?: Root;

  connectedCallback(): void {
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = PEER_THREAD_CSS;
    const container = document.createElement('div');
    shadow.replaceChildren(style, container);
    const target: PeerThreadTarget = {
      baseUrl: this.getAttribute('base-url') ?? '',
      apiKey: this.getAttribute('api-key') ?? '',
      conversationId: this.getAttribute('conversation-id') ?? '',
    };
    this.root = createRoot(container);
    this.root.render(h(Thread, { target, socketUrl: this.getAttribute('socket-url') }));
  }

  disconnectedCallback(): void {
    this.root?.unmount();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'virtuoso-thread': VirtuosoThread;
  }
}
