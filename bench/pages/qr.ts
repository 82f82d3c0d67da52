/** The QR page: mounts one `<qr-scanner>` against the sandbox and watches it from the outside. */
import '../../src/elements/qr-scanner/qr-scanner.js';
import type { DrawResult, QrTarget, RepeatResult } from './api.js';
import { expose, nextPaint, poll, stage, waitFor } from './common.js';

const ANSWER = /\/api\/v1\/channels\/whatsapp\/(connect|status)/;
const STATUS = /\/api\/v1\/channels\/whatsapp\/status/;

let scanner: HTMLElementTagNameMap['qr-scanner'] | undefined;

function frame(): HTMLElement | null {
  return scanner?.shadowRoot?.querySelector<HTMLElement>('[part~="qr"]') ?? null;
}

function image(): SVGSVGElement | null {
  return frame()?.querySelector('svg') ?? null;
}

async function drawQr(target: QrTarget): Promise<DrawResult> {
  const started = performance.now();
  const element = document.createElement('qr-scanner');
  if (target.pollInterval !== undefined) element.pollInterval = target.pollInterval;
  element.setAttribute('base-url', target.baseUrl);
  element.setAttribute('api-key', target.apiKey);
  if (target.socketUrl) element.setAttribute('socket-url', target.socketUrl);
  element.setAttribute('channel', 'whatsapp');
  scanner = element;
  stage().append(element);
  await waitFor(
    element.shadowRoot!,
    () => image()?.querySelector('path')?.getAttribute('d') != null,
    30_000,
    'the QR image',
  );
  const shownAt = performance.now();
  await nextPaint();
  const paintedAt = performance.now();
  const answers = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (entry) => ANSWER.test(entry.name) && entry.responseEnd <= shownAt,
  );
  const answeredAt = Math.max(...answers.map((entry) => entry.responseEnd));
  return { ms: paintedAt - started, afterAnswerMs: paintedAt - answeredAt };
}

let mutations = 0;
let statusAnswers = 0;
let watchedImage: SVGSVGElement | null = null;
let mutationObserver: MutationObserver | undefined;
let resourceObserver: PerformanceObserver | undefined;

function watchQr(): void {
  const watched = frame();
  if (!watched) throw new Error('no QR frame to watch');
  mutations = 0;
  statusAnswers = 0;
  watchedImage = image();
  mutationObserver = new MutationObserver((records) => {
    mutations += records.length;
  });
  mutationObserver.observe(watched, {
    childList: true,
    subtree: true,
    attributes: true,
    characterData: true,
  });
  resourceObserver = new PerformanceObserver((entries) => {
    statusAnswers += entries.getEntries().filter((entry) => STATUS.test(entry.name)).length;
  });
  resourceObserver.observe({ type: 'resource' });
}

async function qrRepeatResult(answers: number, waitMs: number): Promise<RepeatResult> {
  if (answers > 0) {
    await poll(
      () => {
        for (const entry of resourceObserver?.takeRecords() ?? []) {
          if (STATUS.test(entry.name)) statusAnswers++;
        }
        return statusAnswers >= answers;
      },
      answers * 10_000,
      `${answers} status answers`,
    );
  } else if (waitMs > 0) {
    // The measurement is a time window here.
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  await nextPaint();
  await nextPaint();
  mutations += mutationObserver?.takeRecords().length ?? 0;
  mutationObserver?.disconnect();
  resourceObserver?.disconnect();
  return { mutations, sameImage: watchedImage !== null && image() === watchedImage, statusAnswers };
}

function qrCode(): string | null {
  return scanner?.qrCode ?? null;
}

/** Headless pages are always visible; this is what the elements read when the tab is hidden. */
function setHidden(hidden: boolean): void {
  if (hidden) {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  } else {
    Reflect.deleteProperty(document, 'visibilityState');
    Reflect.deleteProperty(document, 'hidden');
  }
  document.dispatchEvent(new Event('visibilitychange'));
}

expose({ drawQr, watchQr, qrRepeatResult, qrCode, setHidden });
