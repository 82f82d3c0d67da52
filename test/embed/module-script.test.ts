import { expect } from '@open-wc/testing';
import { describeEmbedding, openEmbeddedPage } from '../helpers/embedded-page.js';
import { SandboxTenant } from '../helpers/sandbox.js';

const path = '/test/embed/pages/module-script.html';

describeEmbedding('a page with a module script from the CDN build (dist/cdn/channel-connect.js)', path);

describe('the CDN build', () => {
  it('loads channel-connect without the conversation code', async () => {
    const page = await openEmbeddedPage(path, new SandboxTenant());
    const loaded = page.frame
      .contentWindow!.performance.getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.includes('/dist/cdn/'));
    page.frame.remove();
    expect(loaded.some((name) => name.includes('channel-connect'))).to.be.true;
    expect(loaded.filter((name) => name.includes('conversation-view'))).to.deep.equal([]);
  });
});
