import { expect, fixtureCleanup } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import { forgetServices } from '../../src/config/services.js';
import { signOut } from '../../src/config/sign-out.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { apiCalls, messagesPath, mount, open, rowWith, textarea } from '../helpers/conversation-view.js';

const PREFIX = 'inbox-elements:drafts:';

function storedDraftKeys(): string[] {
  return Object.keys(localStorage).filter((key) => key.startsWith(PREFIX));
}

async function type(el: ConversationView, words: string): Promise<void> {
  textarea(el).focus();
  await sendKeys({ type: words });
}

describe('<conversation-view> drafts', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    localStorage.clear();
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => localStorage.clear());

  it('keeps what was written in each conversation across switching and a reload, under one key', async () => {
    const first = await tenant.createConversation({ contact: { name: 'First Fay' }, messages: 2 });
    const second = await tenant.createConversation({ contact: { name: 'Second Sam' }, messages: 2 });
    let el = await mount(tenant);
    await open(el, first.id);
    await type(el, 'half a thought for Fay');
    await open(el, second.id);
    await waitUntil(() => textarea(el).value === '', 'the other conversation showed the first draft');
    await type(el, 'and one for Sam');
    await open(el, first.id);
    await waitUntil(
      () => textarea(el).value === 'half a thought for Fay',
      'the first draft did not come back',
    );
    expect(storedDraftKeys()).to.have.length(1);

    // As a reload: nothing of the page's services is left but what was stored.
    fixtureCleanup();
    forgetServices();
    el = await mount(tenant);
    await open(el, second.id);
    await waitUntil(() => textarea(el).value === 'and one for Sam', 'the draft did not survive the reload');
    await expect(el).to.be.accessible();
  });

  it('forgets a draft once it is sent, and a blank one at once', async () => {
    const conversation = await tenant.createConversation({ messages: 2 });
    const el = await mount(tenant);
    await open(el, conversation.id);
    await type(el, 'sent right away');
    expect(storedDraftKeys()).to.have.length(1);
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      async () => (await apiCalls(tenant, 'POST', messagesPath(conversation))).length === 1,
      'the message was not sent',
    );
    rowWith(el, 'sent right away');
    expect(textarea(el).value).to.equal('');
    expect(storedDraftKeys()).to.deep.equal([]);

    await type(el, 'x');
    expect(storedDraftKeys()).to.have.length(1);
    await sendKeys({ press: 'Backspace' });
    expect(storedDraftKeys()).to.deep.equal([]);
  });

  it('signOut() removes every kept draft', async () => {
    const conversation = await tenant.createConversation({ messages: 2 });
    const el = await mount(tenant);
    await open(el, conversation.id);
    await type(el, 'private words');
    localStorage.setItem('host-own-key', 'kept');
    expect(storedDraftKeys()).to.have.length(1);
    await signOut();
    expect(storedDraftKeys()).to.deep.equal([]);
    expect(localStorage.getItem('host-own-key')).to.equal('kept');
  });

  it('keeps drafts for the page when storage refuses them', async () => {
    const first = await tenant.createConversation({ messages: 2 });
    const second = await tenant.createConversation({ messages: 2 });
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      const el = await mount(tenant);
      await open(el, first.id);
      await type(el, 'nowhere to store this');
      await open(el, second.id);
      await waitUntil(() => textarea(el).value === '', 'the other conversation showed the draft');
      await open(el, first.id);
      await waitUntil(() => textarea(el).value === 'nowhere to store this', 'the draft was lost');
      expect(storedDraftKeys()).to.deep.equal([]);
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });
});
