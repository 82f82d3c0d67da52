import type { BenchApi } from './api.js';

declare global {
  interface Window {
    bench?: Partial<BenchApi> & { ready?: boolean };
  }
}

/** Adds functions to `window.bench`, where bench/run.ts calls them. */
export function expose(functions: Partial<BenchApi>): void {
  window.bench = { ...window.bench, ...functions, ready: true };
}

export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Resolves just after the next frame was produced (its rendering steps done), as seen from script. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Resolves as soon as `check()` holds: checked now, on every DOM change under `root` (so a condition that
 * starts to hold in a render is seen in the same task) and every 50 ms (for changes elsewhere).
 */
export function waitFor(root: Node, check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) {
      resolve();
      return;
    }
    const observer = new MutationObserver(() => {
      if (check()) finish();
    });
    const poll = setInterval(() => {
      if (check()) finish();
    }, 50);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    function cleanup() {
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
    }
    function finish() {
      cleanup();
      resolve();
    }
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

/** Polls `check()` every 50 ms, without observing the DOM (cheap enough to run during a measurement). */
export function poll(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const tick = () => {
      if (check()) resolve();
      else if (performance.now() - started > timeoutMs)
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

export function stage(): HTMLElement {
  const found = document.getElementById('stage');
  if (!found) throw new Error('the page has no #stage');
  return found;
}

/** rAF deltas of `count` frames in which nothing else happens. */
export async function idleFrames(count: number): Promise<number[]> {
  const deltas: number[] = [];
  let last = await nextFrame();
  for (let index = 0; index < count; index++) {
    const now = await nextFrame();
    deltas.push(now - last);
    last = now;
  }
  return deltas;
}
