import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../helpers/lit-warnings.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { waitUntil } from '../helpers/async.js';
import { focusedIn, open, rowsWith, shadow, text, textarea } from '../helpers/conversation-view.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

type CspWindow = Window & typeof globalThis & { cspViolations: string[] };

interface HostPage {
  page: CspWindow;
  el: ConversationView;
}

/** <conversation-view> alone in a page held to the README's policy, with a conversation opened. */
async function strictPage(tenant: SandboxTenant, lang = 'en'): Promise<HostPage> {
  const conversation = await tenant.createConversation({ messages: 2, contact: { name: 'Strict Contact' } });
  const query = new URLSearchParams({ apiKey: tenant.apiKey, lang });
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe
      title="strict CSP host"
      style="width: 1000px; height: 900px"
      src=${`/test/reliability/csp/conversation-view.html?${query.toString()}`}
    ></iframe>`,
  );
  await waitUntil(() => (frame.contentWindow as CspWindow | null)?.cspViolations, 'the host page ran', {
    timeout: 20_000,
  });
  const page = frame.contentWindow as CspWindow;
  const el = page.document.querySelector('conversation-view')!;
  await open(el, conversation.id);
  return { page, el };
}

function emojiButton(el: ConversationView): HTMLButtonElement {
  return shadow(el).querySelector<HTMLButtonElement>(
    '[part="composer"] button[aria-controls="emoji-panel"]',
  )!;
}

function panel(el: ConversationView): HTMLElement | null {
  return shadow(el).querySelector('[part="emoji-picker"]');
}

function searchField(el: ConversationView): HTMLInputElement | null {
  return shadow(el).querySelector('[part="emoji-picker"] input[type="search"]');
}

function emojiChoices(el: ConversationView): HTMLButtonElement[] {
  return [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="emoji-picker"] [role="group"] button')];
}

describe('<conversation-view> emoji picker in a page that requires Trusted Types', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('draws a lit grid: search, choose with the keyboard, the emoji lands at the caret, no violation', async function () {
    this.timeout(60_000);
    const { page, el } = await strictPage(tenant);

    textarea(el).focus();
    await sendKeys({ type: 'Hello there' });
    textarea(el).setSelectionRange(5, 5);
    emojiButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focusedIn(el) === searchField(el), 'the search field did not take the focus', {
      timeout: 20_000,
    });
    expect(emojiButton(el).getAttribute('aria-expanded')).to.equal('true');
    expect(page.customElements.get('emoji-picker'), 'emoji-picker-element was loaded').to.equal(undefined);
    // Every category of the bundled list, each a group named by its heading, each emoji named.
    const groups = [...shadow(el).querySelectorAll('[part="emoji-picker"] [role="group"]')];
    expect(
      groups.map((group) => text(shadow(el).getElementById(group.getAttribute('aria-labelledby')!))),
    ).to.deep.equal([
      'Smileys and emoticons',
      'People and body',
      'Animals and nature',
      'Food and drink',
      'Travel and places',
      'Activities',
      'Objects',
      'Symbols',
      'Flags',
    ]);
    expect(emojiChoices(el).every((button) => button.getAttribute('aria-label'))).to.equal(true);
    // One tab stop in the grid.
    expect(emojiChoices(el).filter((button) => button.tabIndex === 0)).to.have.length(1);

    await sendKeys({ type: 'grinn' });
    await waitUntil(
      () => emojiChoices(el)[0]?.getAttribute('aria-label') === 'grinning',
      'the search did not find the grinning face first',
    );
    const found = emojiChoices(el);
    expect(found.length).to.be.greaterThan(1);
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedIn(el)).to.equal(found[0]);
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedIn(el)).to.equal(found[1]);
    expect(found[1].tabIndex).to.equal(0);
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedIn(el)).to.equal(found[0]);
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => !panel(el), 'the picker stayed open');
    expect(textarea(el).value).to.equal('Hello😀 there');
    expect(textarea(el).selectionStart).to.equal('Hello😀'.length);
    expect(focusedIn(el)).to.equal(textarea(el));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowsWith(el, 'Hello😀 there').length === 1, 'the message was not sent');

    expect(page.cspViolations).to.deep.equal([]);
  });

  it('says when nothing matches, and Escape closes it back onto its button', async function () {
    this.timeout(60_000);
    const { page, el } = await strictPage(tenant);
    emojiButton(el).click();
    await waitUntil(() => focusedIn(el) === searchField(el), 'the search field did not take the focus', {
      timeout: 20_000,
    });
    // axe cannot look into another window's document: test/elements/conversation-view-emoji-grid.test.ts checks the grid.
    await sendKeys({ type: 'zzqx' });
    await waitUntil(() => emojiChoices(el).length === 0, 'the search still shows emoji');
    expect(text(shadow(el).querySelector('[part="emoji-picker"] [role="status"]'))).to.equal(
      en.composerEmojiNoMatch,
    );
    // Enter with nothing found chooses nothing and sends nothing.
    await sendKeys({ press: 'Enter' });
    expect(panel(el)).to.not.equal(null);
    expect(textarea(el).value).to.equal('');

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !panel(el), 'Escape did not close the picker');
    expect(focusedIn(el)).to.equal(emojiButton(el));
    expect(emojiButton(el).getAttribute('aria-expanded')).to.equal('false');

    // Opened again: an empty search and every emoji.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focusedIn(el) === searchField(el), 'the picker did not open again');
    expect(searchField(el)!.value).to.equal('');
    expect(emojiChoices(el).length).to.be.greaterThan(1000);
    expect(page.cspViolations).to.deep.equal([]);
  });

  it('speaks Arabic in an Arabic element, and the arrow keys follow the right-to-left grid', async function () {
    this.timeout(60_000);
    const { page, el } = await strictPage(tenant, 'ar');
    emojiButton(el).click();
    await waitUntil(() => focusedIn(el) === searchField(el), 'the search field did not take the focus', {
      timeout: 20_000,
    });
    expect(searchField(el)!.getAttribute('aria-label')).to.equal('بحث');
    const firstGroup = shadow(el).querySelector('[part="emoji-picker"] [role="group"]')!;
    expect(text(shadow(el).getElementById(firstGroup.getAttribute('aria-labelledby')!))).to.equal(
      'الوجوه الضاحكة ورموز المشاعر',
    );

    await sendKeys({ press: 'ArrowDown' });
    const choices = emojiChoices(el);
    expect(focusedIn(el)).to.equal(choices[0]);
    // Right to left, the next emoji is on the left.
    expect(choices[1].getBoundingClientRect().left).to.be.lessThan(choices[0].getBoundingClientRect().left);
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedIn(el)).to.equal(choices[1]);
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedIn(el)).to.equal(choices[0]);

    // Down: the emoji below, in the same column; up from the first row: the search field.
    await sendKeys({ press: 'ArrowDown' });
    const below = focusedIn(el) as HTMLButtonElement;
    expect(below.getBoundingClientRect().top).to.be.greaterThan(choices[0].getBoundingClientRect().top);
    expect(below.getBoundingClientRect().left).to.be.closeTo(choices[0].getBoundingClientRect().left, 1);
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedIn(el)).to.equal(choices[0]);
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedIn(el)).to.equal(searchField(el));

    // End and Home: the last and the first emoji, across categories.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    expect(focusedIn(el)).to.equal(choices.at(-1));
    await sendKeys({ press: 'Home' });
    expect(focusedIn(el)).to.equal(choices[0]);
    expect(page.cspViolations).to.deep.equal([]);
  });
});
