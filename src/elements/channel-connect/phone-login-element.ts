import { isRegistered, tagNameOf } from '../../internal/registry.js';

/**
 * Fetches `phone-login` the first time a user links by phone number (MAX, or Telegram's phone method),
 * registers it unless the page already has, and gives the tag to render. A page that links by QR code
 * only never downloads it.
 */
export async function loadPhoneLoginElement(connectTag: string): Promise<string> {
  const { PhoneLogin } = await import('../phone-login/phone-login.component.js');
  if (!isRegistered(PhoneLogin)) {
    PhoneLogin.define(customElements.get('phone-login') ? `${connectTag}-phone-login` : 'phone-login');
  }
  return tagNameOf(PhoneLogin, 'phone-login');
}
