import { PhoneLogin } from './phone-login.component.js';

export * from './phone-login.component.js';
export default PhoneLogin;

PhoneLogin.define('phone-login');

declare global {
  interface HTMLElementTagNameMap {
    'phone-login': PhoneLogin;
  }
}
