/**
 * Fixtures and queries for tests of <conversation-view> against the sandbox: mounting, finding
 * conversations, rows and controls in its shadow root (through parts, roles and labels, never the
 * element's own class names), and reading the sandbox's request log.
 */
import { fixture, html } from '@open-wc/testing';
import { waitUntil } from './async.js';
import { nothing } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import type { Conversation } from '../../src/api/types.js';
import { en, type Strings } from '../../src/i18n/en.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import type { LoggedRequest, SandboxTenant } from './sandbox.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const WIDE = '--inbox-conversation-height: 500px; width: 900px';
export const NARROW = '--inbox-conversation-height: 500px; width: 400px';

export function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function buttonByText(root: ParentNode, label: string): HTMLButtonElement {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = buttons.find((button) => text(button).includes(label));
  if (!found) throw new Error(`no button "${label}" among: ${buttons.map((b) => text(b)).join(' | ')}`);
  return found;
}

export interface MountOptions {
  socket?: boolean;
  style?: string;
  conversationId?: string;
  channelId?: number;
  pollInterval?: number;
  theme?: 'light' | 'dark';
  dir?: string;
  lang?: string;
}

export function render(tenant: SandboxTenant, options: MountOptions = {}) {
  return html`<conversation-view
    base-url=${tenant.baseUrl}
    api-key=${tenant.apiKey}
    socket-url=${options.socket ? tenant.socketUrl : nothing}
    conversation-id=${options.conversationId ?? nothing}
    channel-id=${options.channelId ?? nothing}
    theme=${options.theme ?? nothing}
    dir=${options.dir ?? nothing}
    lang=${options.lang ?? nothing}
    style=${options.style ?? WIDE}
    .pollInterval=${options.pollInterval ?? 60_000}
  ></conversation-view>`;
}

export async function mount(tenant: SandboxTenant, options: MountOptions = {}): Promise<ConversationView> {
  return fixture<ConversationView>(render(tenant, options));
}

export function conversationButtons(el: ConversationView): HTMLButtonElement[] {
  return [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="conversation"]')];
}

export function conversationButton(el: ConversationView, id: string): HTMLButtonElement | null {
  return shadow(el).querySelector<HTMLButtonElement>(`[part="conversation"][data-id="${id}"]`);
}

export async function listReady(el: ConversationView): Promise<void> {
  await waitUntil(
    // The empty state and the error are the list's statuses that are not a polite "loading" or "no match".
    () =>
      conversationButtons(el).length > 0 ||
      shadow(el).querySelector('[part="conversations"] [part="status"]:not([role="status"])'),
    'the conversation list did not load',
    { timeout: 8000 },
  );
}

export function scroller(el: ConversationView): HTMLElement {
  const found = shadow(el).querySelector<HTMLElement>('[part="messages"]');
  if (!found) throw new Error('no open thread');
  return found;
}

export async function threadReady(el: ConversationView): Promise<void> {
  await waitUntil(() => shadow(el).querySelector('[part="messages"]'), 'the thread did not load', {
    timeout: 8000,
  });
}

export async function open(el: ConversationView, id: string): Promise<void> {
  await listReady(el);
  const button = conversationButton(el, id);
  if (!button) throw new Error(`conversation ${id} is not listed`);
  button.click();
  await threadReady(el);
}

/** The rows of the message list that hold a message (not a date or the "new messages" marker). */
export function messageRows(el: ConversationView): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('[part="messages"] [role="listitem"]')].filter((row) =>
    row.querySelector('[part="bubble"]'),
  );
}

/** A message's bubble. */
export function bubbleOf(row: HTMLElement): HTMLElement {
  return row.querySelector<HTMLElement>('[part="bubble"]')!;
}

/** Whether a message row is one of the user's: it carries the delivery tick, or is not sent yet. */
export function isOutgoing(row: HTMLElement): boolean {
  return row.querySelector('[part="bubble"] [role="img"]') !== null;
}

/** The composer's chip of the attached file (found by its Remove button, in `strings`' words), or `null`. */
export function attachmentChip(el: ConversationView, strings: Strings = en): HTMLElement | null {
  return (
    shadow(el).querySelector(`[part="composer"] button[aria-label^="${strings.composerRemoveFile('')}"]`)
      ?.parentElement ?? null
  );
}

/** The composer's chip of the message it replies to (found by its Cancel button, in `strings`' words), or `null`. */
export function replyChip(el: ConversationView, strings: Strings = en): HTMLElement | null {
  return (
    shadow(el).querySelector(`[part="composer"] button[aria-label="${strings.composerCancelReply}"]`)
      ?.parentElement ?? null
  );
}

export function rowsWith(el: ConversationView, content: string): HTMLElement[] {
  return messageRows(el).filter((row) =>
    [...bubbleOf(row).children]
      .filter((child) => child.tagName !== 'BLOCKQUOTE')
      .map((child) => text(child))
      .join(' ')
      .includes(content),
  );
}

export function rowWith(el: ConversationView, content: string): HTMLElement {
  const rows = rowsWith(el, content);
  if (rows.length !== 1) throw new Error(`${rows.length} rows show "${content}"`);
  return rows[0];
}

export function statusOf(row: HTMLElement): string | null {
  return row.querySelector('[part="bubble"] [role="img"]')?.getAttribute('aria-label') ?? null;
}

export function textarea(el: ConversationView): HTMLTextAreaElement {
  return shadow(el).querySelector('textarea')!;
}

export async function typeAndSend(el: ConversationView, message: string): Promise<void> {
  textarea(el).focus();
  await sendKeys({ type: message });
  await sendKeys({ press: 'Enter' });
}

export async function apiCalls(
  tenant: SandboxTenant,
  method?: string,
  path?: string,
): Promise<LoggedRequest[]> {
  return (await tenant.requests()).filter(
    (request) =>
      request.path.startsWith('/api/v1/') &&
      (method === undefined || request.method === method) &&
      (path === undefined || request.path.split('?')[0] === path),
  );
}

export function externalIdOf(request: LoggedRequest): string {
  return (request.body as { external_id: string }).external_id;
}

export function messagesPath(conversation: Conversation): string {
  return `/api/v1/conversations/${conversation.id}/messages`;
}

export function focusedIn(el: ConversationView): Element | null {
  return shadow(el).activeElement;
}
