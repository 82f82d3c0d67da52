import { randomUUID } from 'node:crypto';

export interface LoggedRequest {
  method: string;
  path: string;
  time: string;
  status: number | null;
}

interface Envelope<T> {
  data: T;
}

/** A sandbox world of its own (its API key), driven from Node through the control endpoints. */
export class BenchTenant {
  readonly apiKey = `bench-${randomUUID()}`;

  constructor(readonly origin: string) {}

  get socketUrl(): string {
    return `${this.origin.replace(/^http/, 'ws')}/socket`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: { 'X-Api-Key': this.apiKey, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    if (response.status === 204) return undefined as T;
    return ((await response.json()) as Envelope<T>).data;
  }

  scenario(switches: Record<string, unknown>): Promise<unknown> {
    return this.call('POST', '/__sandbox/scenario', switches);
  }

  /** A conversation with `messages` of simulated history (every `imageEvery`-th a photo); its id. */
  async createConversation(messages: number, imageEvery = 0): Promise<string> {
    const conversation = await this.call<{ id: string }>('POST', '/__sandbox/conversations', {
      messages,
      image_every: imageEvery,
    });
    return conversation.id;
  }

  /** The id of the newest message. */
  async newestMessageId(conversationId: string): Promise<string> {
    const page = await this.call<{ items: { id: string }[] }>(
      'GET',
      `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?limit=1`,
    );
    const newest = page.items.at(-1)?.id;
    if (!newest) throw new Error(`conversation ${conversationId} has no messages`);
    return newest;
  }

  incoming(conversationId: string, text: string): Promise<unknown> {
    return this.call('POST', '/__sandbox/incoming', { conversation_id: conversationId, text });
  }

  /** `count` incoming texts "`text` 1" … "`text` count", evenly over `withinMs`. */
  burst(conversationId: string, count: number, withinMs: number, text: string): Promise<unknown> {
    return this.call('POST', '/__sandbox/burst', {
      conversation_id: conversationId,
      count,
      within_ms: withinMs,
      text,
    });
  }

  requests(): Promise<LoggedRequest[]> {
    return this.call('GET', '/__sandbox/requests');
  }

  /** The id of the oldest message, found the way a client pages back to it. */
  async oldestMessageId(conversationId: string): Promise<string> {
    let before: string | undefined;
    for (;;) {
      const query = new URLSearchParams({ limit: '100', ...(before ? { before } : {}) });
      const page = await this.call<{ items: { id: string }[]; has_more: boolean }>(
        'GET',
        `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?${query.toString()}`,
      );
      const oldest = page.items[0]?.id;
      if (!oldest) throw new Error(`conversation ${conversationId} has no messages`);
      if (!page.has_more) return oldest;
      before = oldest;
    }
  }
}
