import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/index.js';
import type { Conversation, Message } from '../../src/api/types.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import {
  conversationButtons,
  listReady,
  messageRows,
  mount,
  open,
  shadow,
} from '../helpers/conversation-view.js';
import { SandboxTenant } from '../helpers/sandbox.js';

/** Payloads that, if they ever ran, set the trap below. */
const VECTORS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '"><svg onload=window.__pwned=1>',
  "'><details open ontoggle=window.__pwned=1>",
  '<a href="javascript:window.__pwned=1">link</a>',
  'javascript:window.__pwned=1',
  'java&#x73;cript:window.__pwned=1',
  '%6A%61%76%61%73%63%72%69%70%74:window.__pwned=1',
  'JaVaScRiPt:window.__pwned=1',
  'data:text/html,<script>window.__pwned=1</script>',
  'https://example.com/"><img src=x onerror=window.__pwned=1>',
  '<svg><style><img src=x onerror=window.__pwned=1></style></svg>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=window.__pwned=1 src>">',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '${window.__pwned=1}',
  "{{constructor.constructor('window.__pwned=1')()}}",
  '<style>*{display:none}</style>',
  '\u202Eevil\u202C https://example.com',
  'W'.repeat(400),
  `${'a\u0301'.repeat(200)}`,
];

async function corpus(): Promise<string[]> {
  const naughty = (await (
    await fetch('/node_modules/big-list-of-naughty-strings/blns.json')
  ).json()) as string[];
  return [...VECTORS, ...naughty.filter((entry) => entry !== '')];
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
}

/** Neither the element nor the page scrolls sideways. */
function expectNoHorizontalOverflow(el: HTMLElement): void {
  expect(el.scrollWidth, `${el.localName} overflows`).to.be.at.most(el.clientWidth + 1);
  expect(document.scrollingElement!.scrollWidth, 'the page scrolls sideways').to.be.at.most(
    window.innerWidth,
  );
}

describe('hostile strings in every rendered field', () => {
  const tenant = new SandboxTenant();
  let strings: string[];
  let ran: string[];

  before(async () => {
    strings = await corpus();
  });

  beforeEach(async () => {
    await tenant.reset();
    ran = [];
    Object.defineProperty(window, '__pwned', {
      configurable: true,
      set: () => ran.push('__pwned'),
      get: () => undefined,
    });
  });

  afterEach(() => {
    delete (window as { __pwned?: unknown }).__pwned;
  });

  it('the trap catches a payload that runs', async () => {
    const probe = await fixture<HTMLDivElement>(html`<div></div>`);
    const image = document.createElement('img');
    image.setAttribute('onerror', VECTORS[1].match(/onerror="([^"]+)"/)![1]);
    image.src = 'data:,not-an-image';
    probe.append(image);
    await waitUntil(() => ran.length > 0, 'the payload ran and was caught');
  });

  const channelAnswer = (usernames: string[]) =>
    usernames.map((username, index) => ({
      id: index + 1,
      type: (['whatsapp', 'telegram', 'instagram'] as const)[index % 3],
      username,
      is_connected: index % 2 === 0,
      sync_status: index % 4 === 0 ? username : 'OK',
      last_synced_at: '2026-03-11T10:00:00Z',
    }));

  it('account usernames and statuses in <accounts-list>', async () => {
    await tenant.scenario({
      failures: [
        {
          method: 'GET',
          path: '/api/v1/channels',
          times: -1,
          status: 200,
          body: { success: true, data: channelAnswer(strings) },
        },
      ],
    });
    const el = await fixture<AccountsList>(
      html`<div style="width: 640px">
        <accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey} page-size="1000"></accounts-list>
      </div>`,
    ).then((wrapper) => wrapper.firstElementChild as AccountsList);
    await waitUntil(
      () => el.shadowRoot!.querySelectorAll('[part="account"]').length === strings.length,
      'every account shows',
      {
        timeout: 20_000,
      },
    );
    expect(ran).to.deep.equal([]);
    expectNoHorizontalOverflow(el);
  });

  it('server error messages in <accounts-list>', async () => {
    const failWith = (message: string) =>
      tenant.scenario({
        failures: [
          {
            method: 'GET',
            path: '/api/v1/channels',
            times: -1,
            status: 422,
            body: { success: false, message },
          },
        ],
      });
    const [first, ...rest] = chunks(strings, 40).map((chunk) => chunk.join('\n'));
    await failWith(first);
    const el = await fixture<AccountsList>(
      html`<div style="width: 640px">
        <accounts-list
          base-url=${tenant.baseUrl}
          api-key=${tenant.apiKey}
          .pollInterval=${600_000}
        ></accounts-list>
      </div>`,
    ).then((wrapper) => wrapper.querySelector('accounts-list')!);
    const notice = () => el.shadowRoot!.querySelector('.notice.error');
    await waitUntil(notice, 'the failure is shown', { timeout: 8000 });
    expectNoHorizontalOverflow(el);
    for (const message of rest) {
      await failWith(message);
      await el.reload();
      await el.updateComplete;
      expect(notice(), 'the failure is shown').to.not.equal(null);
      expectNoHorizontalOverflow(el);
    }
    expect(ran).to.deep.equal([]);
  });

  it('QR strings in <qr-scanner>', async () => {
    const el: QrScanner = document.createElement('qr-scanner');
    el.pollInterval = 100;
    el.baseUrl = tenant.baseUrl;
    el.apiKey = tenant.apiKey;
    el.channel = 'whatsapp';
    await fixture(html`<div style="width: 640px">${el}</div>`);
    await waitUntil(() => el.qrCode, 'a first code', { timeout: 10_000 });
    for (const code of VECTORS) {
      await tenant.scenario({
        failures: [
          {
            method: 'GET',
            path: '/api/v1/channels/whatsapp/status',
            times: -1,
            status: 200,
            body: {
              success: true,
              data: {
                id: null,
                type: 'whatsapp',
                username: code,
                is_connected: false,
                sync_status: code,
                last_synced_at: null,
                completed: false,
                in_progress: true,
                qr_code: code,
                qr_index: 1,
                qr_total: 3,
                qr_expires_at: new Date(Date.now() + 60_000).toISOString(),
              },
            },
          },
        ],
      });
      await waitUntil(() => el.qrCode === code, 'the code is taken', { timeout: 5000 });
      await el.updateComplete;
      expectNoHorizontalOverflow(el);
    }
    expect(ran).to.deep.equal([]);
  });

  it('contact names, message text, file names and captions in <conversation-view>', async function () {
    this.timeout(120_000);
    const real = await tenant.createConversation({ messages: 1 });
    const response = await fetch(`/api/v1/conversations/${encodeURIComponent(real.id)}/messages`, {
      headers: { 'X-Api-Key': tenant.apiKey },
    });
    const [template] = ((await response.json()) as { data: { items: Message[] } }).data.items;
    const groups = chunks(strings, 60);
    const conversationOf = (index: number, names: string[]): Conversation => ({
      ...real,
      id: `hostile-${index}`,
      contact: {
        id: `k${index}`,
        name: names[0],
        phone: names[1] ?? null,
        username: names[2] ?? null,
        avatar_url: names[3] ?? null,
      },
      last_message: {
        ...template,
        conversation_id: `hostile-${index}`,
        id: `last-${index}`,
        text: names.at(-1) ?? null,
      },
      unread_count: index,
    });
    const messagesOf = (index: number, texts: string[]): Message[] =>
      texts.map((value, position) => {
        const base = {
          ...template,
          conversation_id: `hostile-${index}`,
          id: `h${index}-${position}`,
          timestamp: new Date(Date.UTC(2026, 2, 11, 10, position)).toISOString(),
          sender: { id: 'contact', name: value },
        };
        return position % 3 === 0
          ? {
              ...base,
              type: 'document' as const,
              text: null,
              file: {
                name: value,
                mime_type: 'application/pdf',
                size: 10,
                caption: value,
                download_url: value,
              },
            }
          : { ...base, type: 'text' as const, text: value, file: null };
      });
    await tenant.scenario({
      failures: [
        {
          method: 'GET',
          path: '/api/v1/conversations',
          times: -1,
          status: 200,
          body: {
            success: true,
            data: { items: groups.map((names, index) => conversationOf(index, names)), next_cursor: null },
          },
        },
        ...groups.map((texts, index) => ({
          method: 'GET',
          path: `/api/v1/conversations/hostile-${index}/messages`,
          times: -1,
          status: 200,
          body: { success: true, data: { items: messagesOf(index, texts), has_more: false } },
        })),
      ],
    });
    const el = await mount(tenant, { style: '--inbox-conversation-height: 500px; width: 700px' });
    await listReady(el);
    expect(conversationButtons(el)).to.have.length(groups.length);
    expectNoHorizontalOverflow(el);
    for (let index = 0; index < groups.length; index++) {
      await open(el, `hostile-${index}`);
      await waitUntil(() => messageRows(el).length > 0, 'the thread shows', { timeout: 10_000 });
      expect(ran).to.deep.equal([]);
      expectNoHorizontalOverflow(el);
      expect(
        shadow(el).querySelector(
          'a[href^="javascript"], [href*="script:"], [src^="javascript"], iframe, script',
        ),
      ).to.equal(null);
    }
    expect(ran).to.deep.equal([]);
  });
});
