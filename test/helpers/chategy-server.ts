import { waitUntil } from './async.js';

/** Mirrors server/test/wtr-chategy-plugin.ts, which serves the server and the Chategy flavour's controls. */
export const CHATEGY_SERVER = `${location.origin}/inbox-chategy`;
export const CHATEGY_SOCKET = `${CHATEGY_SERVER.replace(/^http/, 'ws')}/socket`;
const DEVELOPER_KEY = 'browser-tests-chategy';

let customerNumber = 0;

/** A customer of the host: its id (the instance's `external_id` upstream) and the host's `getToken`. */
export interface ChategyCustomer {
  id: string;
  getToken: () => Promise<string>;
}

export function newChategyCustomer(): ChategyCustomer {
  const id = `browser-${Date.now()}-${++customerNumber}`;
  const getToken = async () => {
    const response = await fetch(`${CHATEGY_SERVER}/inbox/session`, {
      method: 'POST',
      headers: { 'X-Inbox-Customer': id },
    });
    const body = (await response.json()) as { data: { token: string } };
    return body.data.token;
  };
  return { id, getToken };
}

/** The server and its embedded database start with the dev server; the first test waits for them. */
export async function chategyServerReady(): Promise<void> {
  await waitUntil(
    async () => (await fetch(`${CHATEGY_SERVER}/inbox/session`, { method: 'POST' })).status === 401,
    'the Chategy server did not start',
    { timeout: 55_000, interval: 250 },
  );
}

/** A call to one of the flavour's `/__chategy/` controls with the developer key. */
export function chategyControl(path: string, body?: unknown): Promise<Response> {
  return fetch(`/__chategy/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: DEVELOPER_KEY, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The flavour's view of a customer's instance: its login states. */
export interface ChategyInstanceState {
  id: number;
  customer_id: number;
  external_id: string | null;
  telegram_status: string;
  max_session: string;
  whatsapp_state: string | null;
}

export async function chategyInstance(customer: ChategyCustomer): Promise<ChategyInstanceState | undefined> {
  const response = await chategyControl('state');
  const body = (await response.json()) as { instances: ChategyInstanceState[] };
  return body.instances.find((instance) => instance.external_id === customer.id);
}

export interface ChategyRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  status: number | null;
}

/** The calls the server made upstream (the request log is the developer key's, shared by every test). */
export async function chategyRequests(): Promise<ChategyRequest[]> {
  const response = await chategyControl('requests');
  return ((await response.json()) as { requests: ChategyRequest[] }).requests;
}

/** A number no other test uses, so the request log can tell this test's calls apart. */
export function uniquePhone(): string {
  return `9665${String(Date.now() * 1000 + Math.floor(Math.random() * 1000)).slice(-8)}`;
}

export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function buttonByText(root: ParentNode, label: string): HTMLButtonElement {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = buttons.find((button) => text(button).includes(label));
  if (!found) throw new Error(`no "${label}" button among: ${buttons.map((b) => text(b)).join(' | ')}`);
  return found;
}
