/**
 * Text in both directions: every message, preview, name and number takes its own direction, whatever the
 * page's; phone numbers read left to right; a cut line ends at the text's logical end.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  conversationButton,
  listReady,
  mount,
  open,
  rowWith,
  shadow,
  threadReady,
} from '../helpers/conversation-view.js';

const ARABIC_QUESTION = 'متى يصل طلبي؟';
const ENGLISH_QUESTION = 'When will my order arrive?';
const ARABIC_NAME = 'سارة القحطاني';
const PHONE = '+966560214812';
const LONG_ARABIC = `${'مرحبا بكم في متجرنا '.repeat(30)}النهاية`;
const LONG_ENGLISH = `${'Welcome to our shop and thank you '.repeat(20)}the end`;

/** The innermost element under `root` whose own text holds `content`. */
function holderOf(root: ParentNode, content: string): HTMLElement {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent?.includes(content)) return node.parentElement!;
  }
  throw new Error(`nothing shows "${content}"`);
}

/** Where one character of the text node holding `content` is drawn. */
function charRect(root: ParentNode, content: string, index: number): DOMRect {
  const node = [...holderOf(root, content).childNodes].find((child) => child.textContent?.includes(content))!;
  const start = node.textContent!.indexOf(content) + index;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + 1);
  return range.getBoundingClientRect();
}

/** Whether `content` is drawn left to right: its first character left of its last. */
function drawnLeftToRight(root: ParentNode, content: string): boolean {
  return charRect(root, content, 0).left < charRect(root, content, content.length - 1).left;
}

async function conversationWith(tenant: SandboxTenant, lastText: string, name: string | null = ARABIC_NAME) {
  const conversation = await tenant.createConversation({
    messages: 2,
    contact: { name, phone: PHONE, username: null },
  });
  await tenant.incoming(conversation.id, { text: lastText });
  return conversation;
}

describe('text in both directions', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('on an English page, an Arabic name, preview and message each read right to left, and English ones left to right', async () => {
    const conversation = await tenant.createConversation({
      messages: 1,
      contact: { name: ARABIC_NAME, phone: PHONE, username: null },
    });
    await tenant.incoming(conversation.id, { text: ENGLISH_QUESTION });
    await tenant.incoming(conversation.id, { text: ARABIC_QUESTION });
    const el: ConversationView = await mount(tenant);
    await listReady(el);
    const item = conversationButton(el, conversation.id)!;
    expect(item.matches(':dir(ltr)'), 'the row keeps the page direction').to.equal(true);
    expect(holderOf(item, ARABIC_NAME).matches(':dir(rtl)'), 'the name').to.equal(true);
    expect(holderOf(item, ARABIC_QUESTION).matches(':dir(rtl)'), 'the preview').to.equal(true);
    await open(el, conversation.id);
    const arabic = rowWith(el, ARABIC_QUESTION);
    expect(holderOf(arabic, ARABIC_QUESTION).matches(':dir(rtl)'), 'the Arabic message').to.equal(true);
    // The question mark ends the sentence: in a right-to-left line, at its left.
    expect(drawnLeftToRight(arabic, ARABIC_QUESTION), '"؟" at the wrong end').to.equal(false);
    const english = rowWith(el, ENGLISH_QUESTION);
    expect(holderOf(english, ENGLISH_QUESTION).matches(':dir(ltr)'), 'the English message').to.equal(true);
  });

  it('on an Arabic page, an English message and preview read left to right, with "?" at their end', async () => {
    const conversation = await conversationWith(tenant, ENGLISH_QUESTION, 'Sarah');
    const el: ConversationView = await mount(tenant, { lang: 'ar', dir: 'rtl' });
    await listReady(el);
    const item = conversationButton(el, conversation.id)!;
    expect(item.matches(':dir(rtl)'), 'the row keeps the page direction').to.equal(true);
    expect(holderOf(item, ENGLISH_QUESTION).matches(':dir(ltr)'), 'the preview').to.equal(true);
    expect(holderOf(item, 'Sarah').matches(':dir(ltr)'), 'the name').to.equal(true);
    await open(el, conversation.id);
    const row = rowWith(el, ENGLISH_QUESTION);
    expect(holderOf(row, ENGLISH_QUESTION).matches(':dir(ltr)')).to.equal(true);
    expect(drawnLeftToRight(row, ENGLISH_QUESTION), '"?When will my order arrive"').to.equal(true);
  });

  it('draws a phone number left to right on an Arabic page: "+966…", never "…966+"', async () => {
    const conversation = await conversationWith(tenant, ARABIC_QUESTION, null);
    const el: ConversationView = await mount(tenant, { lang: 'ar', dir: 'rtl' });
    await listReady(el);
    const item = conversationButton(el, conversation.id)!;
    expect(holderOf(item, PHONE).matches(':dir(ltr)'), 'the number as the name').to.equal(true);
    expect(drawnLeftToRight(item, PHONE), 'the number in the list').to.equal(true);
    await open(el, conversation.id);
    const header = shadow(el).querySelector('[part="thread-header"]')!;
    expect(holderOf(header, PHONE).matches(':dir(ltr)')).to.equal(true);
    expect(drawnLeftToRight(header, PHONE), 'the number in the thread header').to.equal(true);
  });

  it('draws an account linked with a phone number left to right in an Arabic accounts list', async () => {
    await tenant.addChannel({ type: 'whatsapp', username: PHONE, is_connected: true });
    const el = await fixture<AccountsList>(
      html`<accounts-list
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        lang="ar"
        dir="rtl"
      ></accounts-list>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="account"]'), 'no account shown', {
      timeout: 8000,
    });
    const account = el.shadowRoot!.querySelector('[part="account"]')!;
    expect(holderOf(account, PHONE).matches(':dir(ltr)')).to.equal(true);
    expect(drawnLeftToRight(account, PHONE)).to.equal(true);
  });

  it('cuts a long preview at its logical end: an Arabic one on an English page shows its start at the right', async () => {
    const conversation = await conversationWith(tenant, LONG_ARABIC);
    const el: ConversationView = await mount(tenant);
    await listReady(el);
    const preview = holderOf(conversationButton(el, conversation.id)!, 'مرحبا');
    expect(preview.scrollWidth, 'the preview is cut').to.be.above(preview.clientWidth);
    const box = preview.getBoundingClientRect();
    const first = charRect(preview, 'مرحبا', 0);
    expect(Math.abs(first.right - box.right), 'the first letter starts the line at its right').to.be.below(2);
  });

  it('cuts a long preview at its logical end: an English one on an Arabic page shows its start at the left', async () => {
    const conversation = await conversationWith(tenant, LONG_ENGLISH, 'Sarah');
    const el: ConversationView = await mount(tenant, { lang: 'ar', dir: 'rtl' });
    await listReady(el);
    const preview = holderOf(conversationButton(el, conversation.id)!, 'Welcome');
    expect(preview.scrollWidth, 'the preview is cut').to.be.above(preview.clientWidth);
    const box = preview.getBoundingClientRect();
    const first = charRect(preview, 'Welcome', 0);
    expect(Math.abs(first.left - box.left), 'the first letter starts the line at its left').to.be.below(2);
  });

  it('keeps a long Arabic contact name on one line, cut at its logical end, in the thread header', async () => {
    const long = `${ARABIC_NAME} `.repeat(8).trim();
    const conversation = await conversationWith(tenant, ARABIC_QUESTION, long);
    const el: ConversationView = await mount(tenant, {
      style: '--inbox-conversation-height: 500px; width: 360px',
    });
    await open(el, conversation.id);
    await threadReady(el);
    const title = holderOf(shadow(el).querySelector('[part="thread-header"] h2')!, ARABIC_NAME);
    expect(title.matches(':dir(rtl)')).to.equal(true);
    expect(title.scrollWidth, 'the name is cut').to.be.above(title.clientWidth);
    const letter = charRect(title, ARABIC_NAME, 0);
    expect(title.getBoundingClientRect().height, 'the name takes one line').to.be.below(letter.height * 2);
    expect(Math.abs(letter.right - title.getBoundingClientRect().right), 'its start shows').to.be.below(2);
    // On a phone, Back is the arrow on one line, and still named in words.
    const back = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="thread-header"] button')].find(
      (button) => button.textContent?.includes(en.threadBack),
    )!;
    expect(back.getBoundingClientRect().height, 'Back takes one line').to.be.at.most(48);
    expect(back.getBoundingClientRect().width, 'Back is the arrow alone').to.be.at.most(48);
  });
});
