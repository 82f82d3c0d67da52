import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { describeEmbedding, openEmbeddedPage } from '../helpers/embedded-page.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

const path = '/test/embed/pages/script-tag.html';

describeEmbedding('a page with the classic script (dist/inbox-elements.min.js)', path);

describe('the classic script', () => {
  it('registers all five elements and exposes the API, from one file', async () => {
    const page = await openEmbeddedPage(path, new SandboxTenant());
    const frameWindow = page.frame.contentWindow as Window & { InboxElements?: Record<string, unknown> };
    const tags = ['channel-connect', 'qr-scanner', 'instagram-2fa', 'accounts-list', 'conversation-view'];
    const packageFiles = frameWindow.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((pathname) => pathname.startsWith('/dist/'));
    const unregistered = tags.filter((tag) => !frameWindow.customElements.get(tag));
    const configure = typeof frameWindow.InboxElements?.configure;
    page.frame.remove();
    expect(unregistered).to.deep.equal([]);
    expect(configure).to.equal('function');
    expect(packageFiles).to.deep.equal(['/dist/inbox-elements.min.js']);
  });

  it('fetches the QR encoder and the Arabic strings next to it only when they are needed', async () => {
    const tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    const page = await openEmbeddedPage(path, tenant);
    const frameWindow = page.frame.contentWindow!;
    const fetched = () =>
      frameWindow.performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((pathname) => pathname.startsWith('/dist/cdn/'));
    try {
      expect(fetched()).to.deep.equal([]);
      const whatsapp = [
        ...page.connect.shadowRoot!.querySelectorAll<HTMLButtonElement>('.channel-option'),
      ].find((option) => option.textContent.includes('WhatsApp'))!;
      whatsapp.click();
      await waitUntil(
        () =>
          page.connect
            .shadowRoot!.querySelector('qr-scanner')
            ?.shadowRoot?.querySelector('[part~="qr"] svg path'),
        'the QR code was never drawn',
        { timeout: 10000 },
      );
      expect(fetched()).to.include('/dist/cdn/lazy/qrcode.js');
      expect(fetched().some((file) => file.startsWith('/dist/cdn/lazy/ar'))).to.equal(false);

      page.document.documentElement.lang = 'ar';
      await waitUntil(
        () => fetched().includes('/dist/cdn/lazy/ar.js'),
        'the Arabic strings were not fetched',
      );
      const { ar } = await import('../../src/i18n/ar.js');
      await waitUntil(
        () =>
          page.connect.shadowRoot!.textContent.includes(ar.linkChannelHeading(ar.channelName('whatsapp'))),
        'the element did not switch to Arabic',
      );
    } finally {
      page.frame.remove();
    }
  });
});
