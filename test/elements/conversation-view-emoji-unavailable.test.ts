import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import { en } from '../../src/i18n/en.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { mount, open, shadow, text, textarea } from '../helpers/conversation-view.js';

/**
 * The picker's chunk cannot be fetched. A file of its own: Chromium keeps a failed module fetch for the
 * page's lifetime, and a picker loaded before would not be fetched again.
 */
describe('<conversation-view> emoji picker that cannot be loaded', () => {
  afterEach(() => executeServerCommand('make-unavailable', { paths: [] }));

  it('says so in the panel; the composer still sends', async () => {
    const tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    const conversation = await tenant.createConversation({ messages: 2 });
    await executeServerCommand('make-unavailable', {
      paths: ['/src/elements/conversation-view/emoji-catalog.ts'],
    });
    const el = await mount(tenant);
    await open(el, conversation.id);
    shadow(el)
      .querySelector<HTMLButtonElement>('[part="composer"] button[aria-controls="emoji-panel"]')!
      .click();
    await waitUntil(
      () => shadow(el).querySelector('[part="emoji-picker"] [role="alert"]'),
      'no word that the picker could not be loaded',
    );
    expect(text(shadow(el).querySelector('[part="emoji-picker"] [role="alert"]'))).to.equal(
      en.composerEmojiFailed,
    );
    expect(textarea(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
