import type { InboxServices } from '../config/services.js';

const PREFIX = 'inbox-elements:drafts:';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage blocked by the page's settings: drafts live as long as the page.
    return undefined;
  }
}

/**
 * What the user started writing in each conversation and did not send, one configuration's. Kept in
 * localStorage under one key per signed-in user (`InboxServices.storageKey`), so switching conversations
 * and reloading lose nothing; in memory only when the configuration must not be kept.
 */
export class Drafts {
  private texts: Record<string, string>;

  constructor(private readonly key: string | undefined) {
    this.texts = this.read();
  }

  get(conversationId: string): string {
    return this.texts[conversationId] ?? '';
  }

  /** Keeps `text` as the conversation's draft; blank text removes it. */
  set(conversationId: string, text: string): void {
    if (this.get(conversationId) === text) return;
    const texts = { ...this.texts };
    if (text.trim()) texts[conversationId] = text;
    else delete texts[conversationId];
    this.texts = texts;
    this.write();
  }

  private read(): Record<string, string> {
    if (this.key === undefined) return {};
    try {
      const parsed: unknown = JSON.parse(storage()?.getItem(PREFIX + this.key) ?? '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    } catch {
      return {};
    }
  }

  private write(): void {
    if (this.key === undefined) return;
    try {
      if (Object.keys(this.texts).length === 0) storage()?.removeItem(PREFIX + this.key);
      else storage()?.setItem(PREFIX + this.key, JSON.stringify(this.texts));
    } catch {
      // Storage full or blocked: the draft stays in memory for this page.
    }
  }
}

const draftsByServices = new WeakMap<InboxServices, Drafts>();

/** The drafts of a configuration, shared by its elements on the page. */
export function draftsFor(services: InboxServices): Drafts {
  let drafts = draftsByServices.get(services);
  if (!drafts) {
    drafts = new Drafts(services.storageKey);
    draftsByServices.set(services, drafts);
  }
  return drafts;
}

/** Removes every draft kept on this browser, whoever wrote it. */
export function clearStoredDrafts(): void {
  const store = storage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index));
  for (const key of keys) if (key?.startsWith(PREFIX)) store.removeItem(key);
}
