import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import { text } from '../helpers/elements.js';
import '../helpers/lit-warnings.js';
import { SandboxTenant } from '../helpers/sandbox.js';

const MANY = 533;

const channels = Array.from({ length: MANY }, (_, index) => ({
  id: index + 1,
  type: index % 10 === 0 ? 'telegram' : 'whatsapp',
  username: `+9665${String(index + 1).padStart(8, '0')}`,
  is_connected: true,
  sync_status: 'OK',
  last_synced_at: '2026-03-11T10:00:00Z',
}));

const rows = (el: AccountsList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="account"]')];
const showMoreButtons = (el: AccountsList) => [
  ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="show-more"]'),
];

describe('<accounts-list> with hundreds of accounts', () => {
  const tenant = new SandboxTenant();

  beforeEach(async () => {
    await tenant.reset();
    await tenant.scenario({
      failures: [
        {
          method: 'GET',
          path: '/api/v1/channels',
          times: -1,
          status: 200,
          body: { success: true, data: channels },
        },
      ],
    });
  });

  async function mount(): Promise<AccountsList> {
    const el = await fixture<AccountsList>(
      html`<accounts-list
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        page-size="20"
      ></accounts-list>`,
    );
    await waitUntil(() => rows(el).length > 0, 'the accounts show', { timeout: 8000 });
    return el;
  }

  it('renders a page per type, not all 533, and each "Show more" adds a page', async () => {
    const el = await mount();
    expect(rows(el)).to.have.length(40, '20 WhatsApp and 20 Telegram');
    const [whatsappMore] = showMoreButtons(el);
    expect(text(whatsappMore)).to.equal('Show 20 more (459 not shown)');
    whatsappMore.click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(60);
    expect(text(showMoreButtons(el)[0])).to.equal('Show 20 more (439 not shown)');
  });

  it('the filter shows one type, still paged; the last page removes the button', async () => {
    const el = await mount();
    const telegram = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="filter"] button')].find(
      (button) => text(button).startsWith('Telegram'),
    )!;
    telegram.click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(20);
    for (let page = 0; page < 2; page++) {
      showMoreButtons(el)[0].click();
      await el.updateComplete;
    }
    expect(rows(el)).to.have.length(54);
    expect(showMoreButtons(el)).to.deep.equal([]);
  });

  it('works from the keyboard: Enter on "Show more" reveals a page and moves the focus to its first account', async () => {
    const el = await mount();
    const [whatsappMore] = showMoreButtons(el);
    whatsappMore.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 60, 'a page was added');
    const focused = el.shadowRoot!.activeElement;
    expect(focused?.closest('[part="account"]')?.getAttribute('data-id')).to.equal(
      String(channels.filter((c) => c.type === 'whatsapp')[20].id),
    );
  });

  it('is accessible with its pages', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });
});
