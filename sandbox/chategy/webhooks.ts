/** One POST the sandbox made (or keeps trying to make) to a webhook or callback URL. */
export interface WebhookDelivery {
  id: number;
  url: string;
  /** The webhook type, or `delivery_status` for a `callback_url` post. */
  type: string;
  body: unknown;
  attempts: number;
  /** The last answer's HTTP status; null before the first answer or after a network error. */
  last_status: number | null;
  last_error: string | null;
  delivered: boolean;
}

export interface RetryPolicy {
  /** Wait between tries of one post. */
  retryMs: number;
  /** Tries in all, the first included. */
  attempts: number;
}

/**
 * Posts JSON to the host's URLs and tries again until it gets a 2xx or runs out of tries, as
 * Chategy does with delivery callbacks ("every 2 minutes 10 times until it receives HTTP 200").
 */
export class WebhookSender {
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly policy: () => RetryPolicy,
    private readonly log: (line: string) => void,
  ) {}

  post(url: string, type: string, body: unknown): WebhookDelivery {
    const delivery: WebhookDelivery = {
      id: this.deliveries.length + 1,
      url,
      type,
      body,
      attempts: 0,
      last_status: null,
      last_error: null,
      delivered: false,
    };
    this.deliveries.push(delivery);
    this.attempt(delivery);
    return delivery;
  }

  /** Posts an earlier body again as a new delivery, as a provider retrying after a lost answer would. */
  repeat(id: number): WebhookDelivery | undefined {
    const earlier = this.deliveries[id - 1];
    return earlier && this.post(earlier.url, earlier.type, earlier.body);
  }

  list(): readonly WebhookDelivery[] {
    return this.deliveries;
  }

  /** Resolves once no post is on the wire (retries that wait for their timer do not count). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries.length = 0;
  }

  close(): void {
    this.closed = true;
    this.clear();
  }

  private attempt(delivery: WebhookDelivery): void {
    if (this.closed) return;
    delivery.attempts += 1;
    const running = this.send(delivery).finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  private async send(delivery: WebhookDelivery): Promise<void> {
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(delivery.body),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      delivery.last_status = response.status;
      delivery.last_error = null;
      delivery.delivered = response.ok;
    } catch (error) {
      delivery.last_status = null;
      delivery.last_error = error instanceof Error ? error.message : String(error);
    }
    this.log(`webhook ${delivery.type} → ${delivery.url}: ${delivery.last_status ?? delivery.last_error}`);
    const { retryMs, attempts } = this.policy();
    if (delivery.delivered || delivery.attempts >= attempts || this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.attempt(delivery);
    }, retryMs);
    this.timers.add(timer);
  }
}
