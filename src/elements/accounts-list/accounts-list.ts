import { AccountsList } from './accounts-list.component.js';

AccountsList.define('accounts-list');

declare global {
  interface HTMLElementTagNameMap {
    'accounts-list': AccountsList;
  }
}

export { AccountsList };
