import type { EntrySize } from '../../scripts/sizes.js';
import {
  PEER_KINDS,
  PEER_SIZES,
  type PeerFigures,
  type PeerKind,
  type PeerOptions,
  type PeerResult,
} from './peers.js';
import { fixed, max, median, ratio, spread } from './stats.js';

export const PEERS_HEADING = '## conversation-view next to its peers';

const NAMES: Record<PeerKind, string> = {
  element: 'conversation-view',
  virtualizer: 'lit-virtualizer thread',
  virtuoso: 'react-virtuoso thread',
  naive: 'naive list',
};

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, column) => (column === 0 ? '---' : '---:'))), ...rows.map(line)].join(
    '\n',
  );
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const msText = (value: number) => `${fixed(value, value >= 100 ? 0 : 1)} ms`;

/** A figure of each kind (lower is better), or why there is none. */
type Figure = (result: PeerResult) => { value: number; text: string } | string;

function notMeasured(result: PeerResult, what: keyof PeerResult['failed']): string {
  return result.notRun ?? result.failed[what] ?? 'not measured: no run';
}

function scrollMissing(result: PeerResult): string {
  return result.notRun ?? result.failed.scroll ?? 'not measured: no run';
}

/** conversation-view's figure and the best peer's, when both were measured. */
function compared(results: Record<PeerKind, PeerResult>, figure: Figure) {
  const own = figure(results.element);
  if (typeof own === 'string') return undefined;
  let best: { kind: PeerKind; value: number } | undefined;
  for (const kind of PEER_KINDS) {
    const cell = kind === 'element' ? undefined : figure(results[kind]);
    if (cell === undefined || typeof cell === 'string') continue;
    if (!best || cell.value < best.value) best = { kind, value: cell.value };
  }
  return best && { own, best };
}

/** conversation-view's value over the best peer's: at most 1× means conversation-view is ahead. */
function against(results: Record<PeerKind, PeerResult>, figure: Figure): string {
  const pair = compared(results, figure);
  if (!pair) return '—';
  const { own, best } = pair;
  if (best.value === 0) return own.value === 0 ? 'tie (0)' : `behind (${NAMES[best.kind]}: 0)`;
  return `${own.value <= best.value ? 'ahead' : 'behind'}, ${ratio(own.value, best.value)} of ${NAMES[best.kind]}`;
}

const FIGURES: [label: string, figure: Figure][] = [
  [
    'time to open at the newest message',
    (r) =>
      r.open.length ? { value: median(r.open), text: spread(r.open, 0, ' ms') } : notMeasured(r, 'open'),
  ],
  [
    'message rows in the DOM after opening',
    (r) => (r.rows === undefined ? notMeasured(r, 'open') : { value: r.rows, text: String(r.rows) }),
  ],
  [
    'elements in the list’s shadow root after opening',
    (r) =>
      r.elements === undefined ? notMeasured(r, 'open') : { value: r.elements, text: String(r.elements) },
  ],
  [
    'JS heap after opening (V8, after GC; the list’s own share)',
    (r) =>
      r.heap
        ? {
            value: r.heap.after.jsBytes - r.heap.before.jsBytes,
            text: `${mb(r.heap.after.jsBytes)} (${mb(r.heap.after.jsBytes - r.heap.before.jsBytes)})`,
          }
        : notMeasured(r, 'open'),
  ],
  [
    'p95 frame while scrolling',
    (r) =>
      r.scroll.length
        ? {
            value: median(r.scroll.map((s) => s.p95)),
            text: spread(
              r.scroll.map((s) => s.p95),
              1,
              ' ms',
            ),
          }
        : scrollMissing(r),
  ],
  [
    'p99 frame while scrolling',
    (r) =>
      r.scroll.length
        ? {
            value: median(r.scroll.map((s) => s.p99)),
            text: spread(
              r.scroll.map((s) => s.p99),
              1,
              ' ms',
            ),
          }
        : scrollMissing(r),
  ],
  [
    'frames that skipped a display frame',
    (r) =>
      r.scroll.length
        ? {
            value: median(r.scroll.map((s) => s.missed)),
            text: `${fixed(100 * median(r.scroll.map((s) => s.missed)))} %`,
          }
        : scrollMissing(r),
  ],
  [
    'most message rows at any frame of the scroll',
    (r) =>
      r.scroll.length
        ? { value: max(r.scroll.map((s) => s.maxRows)), text: String(max(r.scroll.map((s) => s.maxRows))) }
        : scrollMissing(r),
  ],
  [
    'scroll: steps / time / reached the oldest message',
    (r) => {
      const last = r.scroll.at(-1);
      if (!last) return scrollMissing(r);
      return {
        value: median(r.scroll.map((s) => s.ms)),
        text: `${last.steps} / ${(median(r.scroll.map((s) => s.ms)) / 1000).toFixed(1)} s / ${r.scroll.every((s) => s.reachedStart) ? 'yes' : 'no'}`,
      };
    },
  ],
  [
    'movement when an older page is inserted (largest, first painted frame) ¹',
    (r) => {
      if (r.movement.length === 0) return notMeasured(r, 'movement');
      const largest = max(r.movement.map((m) => m.firstFrame));
      const moved = r.movement.reduce((sum, m) => sum + m.moved, 0);
      const insertions = r.movement.reduce((sum, m) => sum + m.insertions, 0);
      return {
        value: largest,
        text: `${fixed(largest, largest >= 10 ? 0 : 2)} px (${moved} of ${insertions} moved ≥ 1 px)`,
      };
    },
  ],
  [
    'last of a 1,000-message burst on screen after ²',
    (r) =>
      r.burst.length
        ? { value: median(r.burst), text: `${(median(r.burst) / 1000).toFixed(2)} s` }
        : notMeasured(r, 'burst'),
  ],
];

/** Why conversation-view can be behind on a figure: what it does that a bare list does not. */
const REASONS: Record<string, string> = {
  'time to open at the newest message':
    'conversation-view loads its HTTP client as lazy chunks (two waves of module requests before its first ' +
    'call, to keep its first bytes small) and asks for the conversation list and the channels beside the ' +
    'page of messages, and renders its header and composer; each peer thread is one `fetch` and a list.',
  'message rows in the DOM after opening':
    'conversation-view renders the whole first page (50 rows) in normal flow and keeps a window of up to 120 ' +
    'rows while scrolling, so that find-in-page, screen readers and keyboard focus see whole runs of ' +
    'messages; the virtualizers keep only the rows in view and a few around them.',
  'elements in the list’s shadow root after opening':
    'as above, plus its header, composer, day separators and each message’s actions (reply, delete) and ' +
    'delivery ticks, which the peer threads do not have.',
  'JS heap after opening (V8, after GC; the list’s own share)':
    'conversation-view holds its stores (conversation list, channels, outbox, drafts), its lit templates and ' +
    'its localized strings besides the messages.',
  'p95 frame while scrolling':
    'conversation-view moves its window 40 rows at a time while scrolling (rendering and dropping rows in ' +
    'one frame) where the virtualizers add a row or two per frame.',
  'p99 frame while scrolling': 'as for p95.',
  'frames that skipped a display frame': 'as for p95.',
  'most message rows at any frame of the scroll': 'as for the rows after opening: a window of 120 rows.',
  'scroll: steps / time / reached the oldest message':
    'conversation-view’s rows are taller (day separators, sender names, actions), so the same history is ' +
    'more pixels and more steps.',
  'movement when an older page is inserted (largest, first painted frame) ¹':
    'under a pixel: layout rounding as conversation-view puts its reader back after the page lands; no ' +
    'row it showed moved by a pixel or more.',
  'last of a 1,000-message burst on screen after ²':
    'conversation-view also merges each message into its conversation list, counts unread ones and ' +
    'announces new messages to screen readers.',
};

function sizeTable(size: number, results: Record<PeerKind, PeerResult>): string {
  const rows = FIGURES.map(([label, figure]) => [
    label,
    ...PEER_KINDS.map((kind) => {
      const cell = figure(results[kind]);
      return typeof cell === 'string' ? cell : cell.text;
    }),
    against(results, figure),
  ]);
  return `### ${size.toLocaleString('en')} messages

${table(['figure', ...PEER_KINDS.map((kind) => NAMES[kind]), 'conversation-view ÷ best peer'], rows)}`;
}

function bytesTable(bytes: Record<PeerKind, EntrySize>): string {
  const totalOf = (size: EntrySize) => size.initial.brotli + size.lazy.brotli;
  const rows = PEER_KINDS.map((kind) => {
    const size = bytes[kind];
    return [
      NAMES[kind],
      kb(size.initial.brotli),
      kb(size.lazy.brotli),
      kb(totalOf(size)),
      kind === 'element' ? '—' : ratio(totalOf(bytes.element), totalOf(size)),
    ];
  });
  return table(['thread', 'initial brotli', 'lazy brotli', 'total brotli', 'conversation-view ÷ it'], rows);
}

function goals(figures: PeerFigures): string {
  const element100k = figures.bySize[100_000].element;
  const element10k = figures.bySize[10_000].element;
  const open50 = median(figures.open50.element);
  const open100k = median(element100k.open);
  const added = (result: PeerResult) =>
    result.heap ? result.heap.after.jsBytes - result.heap.before.jsBytes : Number.NaN;
  const heap10k = added(element10k);
  const heap100k = added(element100k);
  const verdict = (value: number) => (value <= 1.5 ? '**pass**' : '**FAIL**');
  return table(
    ['goal (conversation-view, 100,000 messages)', 'measured', 'result'],
    [
      [
        'opens within 1.5× of 50 messages',
        `${ratio(open100k, open50)} (${msText(open100k)} vs ${msText(open50)})`,
        verdict(open100k / open50),
      ],
      [
        'JS heap (what the element added) within 1.5× of the 10,000-message heap',
        `${ratio(heap100k, heap10k)} (${mb(heap100k)} vs ${mb(heap10k)})`,
        verdict(heap100k / heap10k),
      ],
    ],
  );
}

/** A note for each figure on which conversation-view is behind the best peer at some size. */
function behindNotes(figures: PeerFigures): string {
  const notes = FIGURES.flatMap(([label, figure]) => {
    const sizes = PEER_SIZES.filter((size) => {
      const pair = compared(figures.bySize[size], figure);
      return pair !== undefined && pair.own.value > pair.best.value;
    });
    if (sizes.length === 0) return [];
    const where = sizes.map((size) => size.toLocaleString('en')).join(', ');
    return [`- **${label.replace(/ [¹²]$/, '')}** (behind at ${where} messages): ${REASONS[label] ?? ''}`];
  });
  return notes.length === 0
    ? 'conversation-view is ahead of every peer on every figure at every size.'
    : `Where conversation-view is behind the best peer, and why:\n\n${notes.join('\n')}`;
}

export function peersSection(figures: PeerFigures, options: PeerOptions): string {
  const { versions } = figures;
  const plans = PEER_SIZES.map((size) => {
    const plan = options.scroll[size];
    return `${size.toLocaleString('en')}: ${plan.stepPx} px a frame, at most ${plan.maxSteps.toLocaleString('en')} steps`;
  }).join('; ');
  return `${PEERS_HEADING}

The same sandbox conversation (every ${options.imageEvery}th message a 220 × 160 photo with a caption, some
replies quoting an earlier message) in four threads, each mounted alone in a fresh browser context, 900 ×
600 px, in one run:

- **conversation-view**;
- a thread on **\`@lit-labs/virtualizer\` ${versions.virtualizer}** (\`bench/virtualizer-thread.ts\`): a lit element
  with \`<lit-virtualizer scroller>\`, the layout pinned to the newest message and to the reader's row when
  an older page arrives;
- a thread on **\`react-virtuoso\` ${versions.virtuoso}** with **React ${versions.react}** / react-dom
  ${versions.reactDom} (\`bench/virtuoso-thread.ts\`): \`initialTopMostItemIndex\`, \`firstItemIndex\` and
  \`startReached\` for older pages, \`followOutput\` for new messages, as Virtuoso's chat examples do;
- the **naive list** (\`bench/naive-list.ts\`), as in the section above (100 messages a request; the
  others ask for conversation-view's 50).

The peers render the same bubble (sender, reply quote, text or photo with caption, time) from the same API
and socket. Medians (min–max) of ${options.openRuns} openings, ${options.scrollRuns} scroll run(s),
${options.movementRuns} movement run(s) of ${options.insertions} insertions and ${options.burstRuns} burst(s) per
thread and size. The last column is conversation-view's figure over the best peer's (lower is better for
every figure; at most 1×: conversation-view is ahead).

${goals(figures)}

${PEER_SIZES.map((size) => sizeTable(size, figures.bySize[size])).join('\n\n')}

${behindNotes(figures)}

Opening is timed from \`createElement\` until the newest message's row is painted inside the list's
visible box. The heap is V8's after two full collections, right after opening; in brackets what the
thread added over the empty page. Frames are requestAnimationFrame intervals (idle here:
${fixed(figures.idleFrameMs)} ms) of the frames that scrolled or changed the list, scrolling up from the
newest message, waiting at the top for each older page. Scroll plan, the same for every thread: ${plans}.
One thousand steps cover the whole 1,000-message history of every thread; at 10,000 and 100,000 messages
every thread scrolls the same 400,000 px up from the newest message (a few thousand messages, older pages
loaded on the way) rather than the whole history: at 400 px a frame with a wait at the top for each page,
the whole 100,000 would take each thread most of an hour here, and a larger step would skip whole screens.

¹ Each run scrolls to the top ${options.insertions} times and watches the first row in view until the
older page is in; the naive list is in its paging form here.
² A fresh conversation of that length per run, opened with the socket; the sandbox sends
${options.burstCount.toLocaleString('en')} \`message:new\` evenly over ${options.burstWithinMs} ms.

JavaScript each thread needs, its module bundled alone as a host app would (esbuild, minified, production,
every dependency in, split at \`import()\`); brotli quality 11. The peers' figures include lit or React
and react-dom:

${bytesTable(figures.bytes)}
`;
}

/** Replaces (or adds) the peers section in an existing BENCHMARKS.md. */
export function splicePeersSection(markdown: string, section: string): string {
  const start = markdown.indexOf(`\n${PEERS_HEADING}\n`);
  if (start >= 0) {
    const next = markdown.slice(start + 1 + PEERS_HEADING.length).search(/\n## /);
    const end = next < 0 ? markdown.length : start + 1 + PEERS_HEADING.length + next;
    return `${markdown.slice(0, start + 1)}${section}${markdown.slice(end)}`;
  }
  const after = markdown.indexOf('\n## qr-scanner');
  if (after >= 0) return `${markdown.slice(0, after + 1)}${section}\n${markdown.slice(after + 1)}`;
  return `${markdown.trimEnd()}\n\n${section}`;
}
