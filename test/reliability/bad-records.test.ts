import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/index.js';
import type { Conversation, Message } from '../../src/api/types.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import type { DataSkippedDetail } from '../../src/events/index.js';
import {
  conversationButton,
  conversationButtons,
  listReady,
  messageRows,
  mount,
  open,
  shadow,
  text,
} from '../helpers/conversation-view.js';
import '../helpers/lit-warnings.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import { UncaughtErrors, recordConsole } from './uncaught.js';

const channel = (id: number, changes: Record<string, unknown> = {}) => ({
  id,
  type: 'whatsapp',
  username: `+96650000000${id}`,
  is_connected: true,
  sync_status: 'OK',
  last_synced_at: '2026-03-11T10:00:00Z',
  ...changes,
});

/** Every `inbox-data-skipped` that reaches the document. */
function collectSkips(): { details: DataSkippedDetail[]; stop(): void } {
  const details: DataSkippedDetail[] = [];
  const listener = (event: CustomEvent<DataSkippedDetail>) => details.push(event.detail);
  document.addEventListener('inbox-data-skipped', listener);
  return { details, stop: () => document.removeEventListener('inbox-data-skipped', listener) };
}

async function apiGet<T>(tenant: SandboxTenant, path: string): Promise<T> {
  const response = await fetch(`/api/v1/${path}`, { headers: { 'X-Api-Key': tenant.apiKey } });
  return ((await response.json()) as { data: T }).data;
}

describe('one bad record among good ones', () => {
  const tenant = new SandboxTenant();
  const uncaught = new UncaughtErrors();
  let skips: ReturnType<typeof collectSkips>;
  let warnings: ReturnType<typeof recordConsole>;

  beforeEach(async () => {
    await tenant.reset();
    uncaught.start();
    skips = collectSkips();
    warnings = recordConsole('warn');
  });

  afterEach(() => {
    uncaught.stop();
    skips.stop();
    warnings.restore();
  });

  it('<accounts-list> shows the good accounts and reports each bad one once, however often it reloads', async () => {
    const answer = [
      channel(1),
      channel(2, { last_synced_at: 'yesterday' }),
      channel(3, { type: undefined }),
      channel(4),
      'not a channel',
    ];
    await tenant.scenario({
      failures: [
        {
          method: 'GET',
          path: '/api/v1/channels',
          times: -1,
          status: 200,
          body: { success: true, data: answer },
        },
      ],
    });
    const el = await fixture<AccountsList>(
      html`<accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></accounts-list>`,
    );
    const rows = () => [...shadow(el).querySelectorAll<HTMLElement>('[part="account"]')];
    await waitUntil(() => rows().length > 0, 'the accounts show', { timeout: 8000 });
    expect(rows().map((row) => row.dataset.id)).to.deep.equal(['1', '4']);
    expect(skips.details.map(({ kind, id }) => [kind, id])).to.deep.equal([
      ['channel', '2'],
      ['channel', '3'],
      ['channel', undefined],
    ]);
    expect(skips.details[0].reason).to.contain('last_synced_at');
    expect(skips.details[1].reason).to.contain('type');

    el.reload();
    await waitUntil(
      async () => (await tenant.requests()).filter((r) => r.path === '/api/v1/channels').length >= 2,
    );
    await el.updateComplete;
    expect(rows()).to.have.length(2);
    expect(skips.details, 'each reported once').to.have.length(3);
    expect(warnings.lines.filter((line) => line.includes('skipped a channel'))).to.have.length(3);
    expect(uncaught.seen).to.deep.equal([]);
  });

  it('<conversation-view> lists the good conversations and shows the good messages of a thread', async () => {
    const first = await tenant.createConversation({ messages: 6, contact: { name: 'Good Contact' } });
    const second = await tenant.createConversation({ messages: 3, contact: { name: 'Second Contact' } });
    const { items } = await apiGet<{ items: Conversation[] }>(tenant, 'conversations');
    const byId = new Map(items.map((conversation) => [conversation.id, conversation]));
    const page = await apiGet<{ items: Message[]; has_more: boolean }>(
      tenant,
      `conversations/${encodeURIComponent(first.id)}/messages`,
    );
    const [oldest, ...rest] = page.items;
    const messages = [
      oldest,
      { ...rest[0], id: 'bad-date', timestamp: 'yesterday' },
      { ...rest[1], id: 'no-sender', sender: undefined },
      ...rest.slice(2),
    ];
    await tenant.scenario({
      failures: [
        {
          method: 'GET',
          path: '/api/v1/conversations',
          times: -1,
          status: 200,
          body: {
            success: true,
            data: {
              items: [
                byId.get(second.id),
                { ...byId.get(first.id), id: 'bad-updated', updated_at: 'last week' },
                { ...byId.get(first.id), id: 'no-contact', contact: null },
                {
                  ...byId.get(first.id),
                  last_message: { ...byId.get(first.id)!.last_message, timestamp: 'now' },
                },
              ],
              next_cursor: null,
            },
          },
        },
        {
          method: 'GET',
          path: `/api/v1/conversations/${first.id}/messages`,
          times: -1,
          status: 200,
          body: { success: true, data: { items: messages, has_more: false } },
        },
      ],
    });
    const el = await mount(tenant);
    await listReady(el);
    expect(conversationButtons(el).map((button) => button.dataset.id)).to.have.members([second.id, first.id]);
    expect(text(conversationButton(el, first.id))).to.contain('Good Contact');

    await open(el, first.id);
    await waitUntil(() => messageRows(el).length > 0, 'the thread shows', { timeout: 8000 });
    const shown = messageRows(el)
      .map((row) => text(row))
      .join('\n');
    expect(shown).to.contain(oldest.text ?? '');
    for (const message of rest.slice(2)) expect(shown).to.contain(message.text ?? '');

    const reported = skips.details.map(({ kind, id }) => `${kind}:${id}`);
    expect(reported).to.include.members([
      'conversation:bad-updated',
      'conversation:no-contact',
      `message:${rest.at(-1)!.id}`,
      'message:bad-date',
      'message:no-sender',
    ]);
    expect(new Set(reported).size, 'each reported once').to.equal(reported.length);
    expect(uncaught.seen).to.deep.equal([]);
  });
});
