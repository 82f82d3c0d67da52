import { ConversationView } from './conversation-view.component.js';

ConversationView.define('conversation-view');

declare global {
  interface HTMLElementTagNameMap {
    'conversation-view': ConversationView;
  }
}

export { ConversationView };
