import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import { elementsOf } from '../../demo/manifest.js';
import { SandboxTenant } from '../helpers/sandbox.js';

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function openApiPage(tenant: SandboxTenant): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'inline-size: 1100px; block-size: 900px; border: 0';
  frame.src = `/demo/api.html?tenant=${encodeURIComponent(tenant.apiKey)}`;
  document.body.append(frame);
  await waitUntil(
    () => frame.contentDocument?.body?.dataset.apiReady === 'true',
    'the API page did not load',
    {
      timeout: 20000,
    },
  );
  return frame;
}

describe('the demo API page', () => {
  let frame: HTMLIFrameElement;

  afterEach(() => frame?.remove());

  it("lists every element's attributes, properties, events, parts and custom properties from custom-elements.json", async () => {
    // The test reads the manifest itself, so a new attribute or event that the page failed to show fails here.
    const manifest: unknown = await (await fetch('/custom-elements.json')).json();
    const elements = elementsOf(manifest);
    expect(elements.map((element) => element.tagName)).to.include.members([
      'accounts-list',
      'channel-connect',
      'conversation-view',
      'instagram-2fa',
      'qr-scanner',
    ]);
    frame = await openApiPage(new SandboxTenant());
    const page = frame.contentDocument!;

    for (const element of elements) {
      const section = page.querySelector(`section[data-tag="${element.tagName}"]`);
      expect(section, `no section for <${element.tagName}>`).to.exist;
      const column = (kind: string) =>
        [...section!.querySelectorAll(`table[data-kind="${kind}"] tbody tr td:first-child`)].map(text);
      expect(column('attributes')).to.deep.equal(
        (element.attributes ?? []).map((attribute) => attribute.name),
      );
      expect(column('events')).to.deep.equal((element.events ?? []).map((event) => event.name));
      expect(column('parts')).to.deep.equal((element.cssParts ?? []).map((part) => part.name));
      expect(column('css-properties')).to.deep.equal(
        (element.cssProperties ?? []).map((property) => property.name),
      );
      expect(column('properties')).to.include.members(['baseUrl', 'apiKey', 'getToken']);
      expect(column('properties')).not.to.include('services');
      const slots = element.slots ?? [];
      if (slots.length === 0)
        expect(text(section!.querySelector('[data-kind="slots"]'))).to.equal('Slots: none.');
      else expect(column('slots')).to.have.length(slots.length);
    }
  });

  it('renders the chosen element against the sandbox, applies an attribute change and logs its events', async function () {
    this.timeout(40000);
    frame = await openApiPage(new SandboxTenant());
    const page = frame.contentDocument!;
    const select = page.querySelector<HTMLSelectElement>('#playground-element')!;
    select.value = 'channel-connect';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => page.querySelector('#playground-preview channel-connect'), 'no <channel-connect>');
    const connect = page.querySelector<ChannelConnect>('#playground-preview channel-connect')!;
    const options = () => [...(connect.shadowRoot?.querySelectorAll('.channel-option') ?? [])].map(text);
    await waitUntil(() => options().length > 1, 'the element did not render its channel picker', {
      timeout: 10000,
    });

    const channels = page.querySelector<HTMLInputElement>('input[data-attribute="channels"]')!;
    channels.value = 'telegram instagram';
    channels.dispatchEvent(new Event('change'));
    await waitUntil(() => options().length === 2, 'the attribute change did not reach the element');
    expect(connect.getAttribute('channels')).to.equal('telegram instagram');
    expect(options()[0]).to.contain('Telegram');
    expect(options()[1]).to.contain('Instagram');

    connect.shadowRoot!.querySelector<HTMLButtonElement>('.channel-option')!.click();
    await waitUntil(
      () => text(page.querySelector('#playground-log')).includes('inbox-step-change {"step":"qr"'),
      'the step change was not logged',
      { timeout: 10000 },
    );
  });

  it('says so when a property is not JSON, and sets it once it is', async () => {
    frame = await openApiPage(new SandboxTenant());
    const page = frame.contentDocument!;
    const select = page.querySelector<HTMLSelectElement>('#playground-element')!;
    select.value = 'accounts-list';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => page.querySelector('input[data-property="pollInterval"]'), 'no pollInterval field');
    const field = page.querySelector<HTMLInputElement>('input[data-property="pollInterval"]')!;
    const list = page.querySelector('#playground-preview accounts-list') as HTMLElement & {
      pollInterval: number;
    };
    field.value = '5 seconds';
    field.dispatchEvent(new Event('change'));
    await waitUntil(() => page.querySelector('[role="alert"]'), 'no error for text that is not JSON');
    expect(text(page.querySelector('[role="alert"]'))).to.match(/^Not JSON/);
    field.value = '5000';
    field.dispatchEvent(new Event('change'));
    await waitUntil(() => !page.querySelector('[role="alert"]'), 'the error stayed');
    expect(list.pollInterval).to.equal(5000);
  });
});
