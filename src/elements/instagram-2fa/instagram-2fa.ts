import { InstagramTwoFactor } from './instagram-2fa.component.js';

export * from './instagram-2fa.component.js';
export default InstagramTwoFactor;

InstagramTwoFactor.define('instagram-2fa');

declare global {
  interface HTMLElementTagNameMap {
    'instagram-2fa': InstagramTwoFactor;
  }
}
