/** Errors and rejections that reached the window unhandled while a test ran. */
export class UncaughtErrors {
  readonly seen: unknown[] = [];

  private readonly onError = (event: ErrorEvent) => this.seen.push(event.error ?? event.message);
  private readonly onRejection = (event: PromiseRejectionEvent) => this.seen.push(event.reason);

  start(): void {
    window.addEventListener('error', this.onError);
    window.addEventListener('unhandledrejection', this.onRejection);
  }

  stop(): void {
    window.removeEventListener('error', this.onError);
    window.removeEventListener('unhandledrejection', this.onRejection);
  }
}

/** Records what `console[method]` prints while a test runs, still printing it. */
/* eslint-disable no-console -- the console is what is being watched */
export function recordConsole(method: 'warn' | 'error' | 'log' | 'info' | 'debug'): {
  lines: string[];
  restore(): void;
} {
  const original = console[method];
  const lines: string[] = [];
  console[method] = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  return { lines, restore: () => (console[method] = original) };
}
