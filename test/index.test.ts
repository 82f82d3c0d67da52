import { expect } from '@open-wc/testing';
import { AccountsList, ChannelConnect, InstagramTwoFactor, QrScanner } from '../src/index.js';
import './helpers/lit-warnings.js';

describe('importing the package', () => {
  it('registers channel-connect, qr-scanner and instagram-2fa', () => {
    expect(customElements.get('channel-connect')).to.equal(ChannelConnect);
    expect(customElements.get('qr-scanner')).to.equal(QrScanner);
    expect(customElements.get('instagram-2fa')).to.equal(InstagramTwoFactor);
    expect(customElements.get('accounts-list')).to.equal(AccountsList);
  });

  it('is harmless when the registration runs again', () => {
    expect(() => ChannelConnect.define('channel-connect')).not.to.throw();
    expect(customElements.get('channel-connect')).to.equal(ChannelConnect);
  });
});
