import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { focusedIn, mount, open, rowsWith, shadow, textarea } from '../helpers/conversation-view.js';

function emojiButton(el: ConversationView): HTMLButtonElement {
  return shadow(el).querySelector<HTMLButtonElement>(
    '[part="composer"] button[aria-controls="emoji-panel"]',
  )!;
}

function picker(el: ConversationView): HTMLElement | null {
  return shadow(el).querySelector('[part="emoji-picker"] emoji-picker');
}

/** Every URL the page fetched, scripts and data alike. */
function fetchedUrls(): string[] {
  return performance.getEntriesByType('resource').map((entry) => entry.name);
}

describe('<conversation-view> emoji picker', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    localStorage.clear();
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => localStorage.clear());

  it('is fetched on first opening only, asks no other site for data, and inserts at the caret', async () => {
    const conversation = await tenant.createConversation({ messages: 2 });
    const el = await mount(tenant);
    await open(el, conversation.id);
    expect(customElements.get('emoji-picker')).to.equal(undefined);
    expect(
      fetchedUrls().filter((url) => /emoji-catalog|emoji-data|emoji-picker-element/.test(url)),
    ).to.deep.equal([]);

    textarea(el).focus();
    await sendKeys({ type: 'Hello there' });
    textarea(el).setSelectionRange(5, 5);
    const button = emojiButton(el);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => picker(el)?.shadowRoot?.querySelector('#search'), 'the picker did not open');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();

    const search = picker(el)!.shadowRoot!.querySelector<HTMLInputElement>('#search')!;
    search.focus();
    await sendKeys({ type: 'grinn' });
    await waitUntil(
      () => picker(el)!.shadowRoot!.querySelector('[role="option"][id="emo-😀"]'),
      'the search did not find the grinning face',
    );
    picker(el)!.shadowRoot!.querySelector<HTMLElement>('[role="option"][id="emo-😀"]')!.click();
    await waitUntil(() => !picker(el), 'the picker stayed open');
    expect(textarea(el).value).to.equal('Hello😀 there');
    expect(textarea(el).selectionStart).to.equal('Hello😀'.length);
    expect(focusedIn(el)).to.equal(textarea(el));
    expect(JSON.stringify(localStorage)).to.contain('Hello😀 there');

    const foreign = fetchedUrls().filter((url) => new URL(url).origin !== location.origin);
    expect(foreign).to.deep.equal([]);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, 'Hello😀 there').length === 1, 'the message was not sent');
  });

  it('Escape closes the picker and puts the focus back on its button; the button closes it too', async () => {
    const conversation = await tenant.createConversation({ messages: 2 });
    const el = await mount(tenant);
    await open(el, conversation.id);
    emojiButton(el).click();
    await waitUntil(() => picker(el)?.shadowRoot?.querySelector('#search'), 'the picker did not open');
    picker(el)!.shadowRoot!.querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !picker(el), 'Escape did not close the picker');
    expect(focusedIn(el)).to.equal(emojiButton(el));
    expect(emojiButton(el).getAttribute('aria-expanded')).to.equal('false');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => picker(el), 'Enter on the button did not open the picker');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !picker(el), 'the button did not close the picker');
  });

  it('speaks Arabic in an Arabic element', async () => {
    const conversation = await tenant.createConversation({ messages: 2 });
    const el = await mount(tenant, { lang: 'ar' });
    await open(el, conversation.id);
    emojiButton(el).click();
    await waitUntil(() => picker(el)?.shadowRoot?.querySelector('#search'), 'the picker did not open');
    expect(picker(el)!.shadowRoot!.querySelector('#search')!.getAttribute('placeholder')).to.equal('بحث');
  });
});
