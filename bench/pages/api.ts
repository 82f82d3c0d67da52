/**
 * What the bench pages put on `window.bench`, and what `bench/run.ts` calls by name. Types only, and no DOM
 * types, so both the browser side (bench/tsconfig.json) and the Node side (tsconfig.node.json) read it.
 */

/** `element`: `<conversation-view>`. `naive`: every message fetched, then all rendered at once.
 * `naive-paging`: the same list, rendering the newest page and adding each older page on top as the user
 * reaches it, as a straightforward infinite list does. `virtualizer`, `virtuoso`: the peer threads
 * (bench/virtualizer-thread.ts, bench/virtuoso-thread.ts). */
export type ListKind = 'element' | 'naive' | 'naive-paging' | 'virtualizer' | 'virtuoso';

export interface ListTarget {
  kind: ListKind;
  baseUrl: string;
  apiKey: string;
  conversationId: string;
  /** Live updates over the socket; without it neither list listens. */
  socketUrl?: string;
}

export interface OpenResult {
  /** From `createElement` to the first frame painted with message rows in it. */
  ms: number;
  /** Message rows in the DOM at that moment. */
  rows: number;
}

export interface NodeCount {
  /** Elements with the message row class in the list's shadow root. */
  messageRows: number;
  /** Every element in the list's shadow root. */
  elements: number;
}

export interface ScrollResult {
  /** requestAnimationFrame deltas (ms) of the frames that showed a scroll step or a change of the list. */
  frames: number[];
  /** The most message rows in the DOM at any frame. */
  maxRows: number;
  /** Scroll steps taken. */
  steps: number;
  /** Wall time of the whole scroll, older pages included. */
  ms: number;
  /** Whether the oldest message was reached. */
  reachedStart: boolean;
}

export interface MovementResult {
  /** Per insertion above the reader: how far the watched row moved (px) in the first frame painted after it. */
  firstFrame: number[];
  /** The same, two frames later (what a late correction leaves). */
  settled: number[];
  /** Insertions after which the watched row was no longer in the DOM (nothing to compare). */
  lost: number;
}

export interface LongTaskResult {
  /** Durations (ms) of every long task from the start of the burst until the last message was shown. */
  longTasks: number[];
  /** From the start of the burst until the last message was in the DOM (polled every 50 ms). */
  lastShownMs: number;
}

export interface DrawResult {
  /** From `createElement` to the first frame painted with the QR image. */
  ms: number;
  /** From the end of the answer that carried the code to that frame. */
  afterAnswerMs: number;
}

export interface RepeatResult {
  /** DOM mutations inside the QR frame while the same code kept arriving. */
  mutations: number;
  /** Whether the `<svg>` is the very same node before and after. */
  sameImage: boolean;
  /** Status answers that reached the page while watching. */
  statusAnswers: number;
}

export interface QrTarget {
  baseUrl: string;
  apiKey: string;
  socketUrl?: string;
  /** Default: the element's own (2.5 s). */
  pollInterval?: number;
}

export interface ColdStartResult {
  /** From just before the library's script tag to the channel buttons in the DOM, enabled. */
  readyMs: number;
  /** To the first frame painted after that. */
  paintedMs: number;
}

export interface FirstScreenResult {
  /** From navigation start to the first useful screen. */
  ms: number;
  /** What the page fetched until then (resource timing), in order. */
  resources: { path: string; initiator: string }[];
}

export interface BenchApi {
  // conversation page
  open(target: ListTarget): Promise<OpenResult>;
  /** Like `open`, until the row of `newestId` is painted inside the list's visible box. */
  openAtNewest(target: ListTarget, newestId: string): Promise<OpenResult>;
  nodes(): NodeCount;
  /**
   * Scrolls from the newest message up to `oldestId`, `stepPx` a frame, waiting at the top for older pages;
   * with `maxSteps`, stops after that many steps.
   */
  scrollThrough(stepPx: number, oldestId: string, maxSteps?: number): Promise<ScrollResult>;
  /** Scrolls to the top `insertions` times (or until `oldestId` shows), each time until rows arrive above. */
  movement(insertions: number, oldestId: string): Promise<MovementResult>;
  /** `movement` for older pages only, the watched row chosen once the list has rendered the top. */
  pageMovement(insertions: number, oldestId: string): Promise<MovementResult>;
  /** Waits until the newest message row reads `text`; ms it took. */
  waitForNewest(text: string, timeoutMs: number): Promise<number>;
  startLongTasks(): void;
  finishLongTasks(lastText: string, timeoutMs: number): Promise<LongTaskResult>;
  idleFrames(count: number): Promise<number[]>;
  // qr page
  drawQr(target: QrTarget): Promise<DrawResult>;
  qrCode(): string | null;
  watchQr(): void;
  /** Waits for `answers` more status answers (or just `waitMs` when 0), then reports what changed. */
  qrRepeatResult(answers: number, waitMs: number): Promise<RepeatResult>;
  setHidden(hidden: boolean): void;
  // cold start page
  coldStart(): Promise<ColdStartResult>;
  // first-screen pages
  firstScreen(): Promise<FirstScreenResult>;
}

/** What the server latency page (`server-latency.ts`, its own `window.serverBench`) mounts. */
export interface ServerLatencyTarget {
  /** The server's base URL (where `/inbox/session` and `/api/v1` are). */
  baseUrl: string;
  socketUrl: string;
  conversationId: string;
  /** Sent as `x-customer` to the bench server's `authorize` hook. */
  customerId: string;
}
