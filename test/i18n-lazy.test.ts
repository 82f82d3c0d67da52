import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers/async.js';
import '../src/elements/channel-connect/channel-connect.js';
import { en } from '../src/i18n/en.js';
import { SandboxTenant } from './helpers/sandbox.js';

function arabicStringsRequested(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /\/i18n\/ar(\.|\/)/.test(entry.name));
}

describe('shipped languages load on demand', () => {
  it('an English page never fetches the Arabic strings; an element under lang="ar" fetches them and re-renders', async () => {
    const tenant = new SandboxTenant();
    const english = await fixture<HTMLElementTagNameMap['channel-connect']>(
      html`<channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>`,
    );
    await english.updateComplete;
    expect(arabicStringsRequested()).to.equal(false);

    const arabic = await fixture(
      html`<div lang="ar">
        <channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>
      </div>`,
    );
    const element = arabic.querySelector('channel-connect')!;
    await waitUntil(
      () => !element.shadowRoot!.textContent.includes(en.connectHeading),
      'the Arabic strings never arrived',
    );
    expect(arabicStringsRequested()).to.equal(true);
    const { ar } = await import('../src/i18n/ar.js');
    expect(element.shadowRoot!.textContent).to.contain(ar.connectHeading);
    expect(english.shadowRoot!.textContent).to.contain(en.connectHeading);
  });
});
