import { clearStoredLinking } from '../stores/linking-storage.js';
import { clearStoredDrafts } from '../stores/drafts.js';
import { closeInbox } from '../stores/inbox.js';
import { clearStoredOutboxes } from '../stores/outbox.js';
import { pageConfig } from './config.js';
import { forgetServices } from './services.js';

/**
 * Forgets the signed-in user on this browser: every unsent message (with its attachment), in memory and
 * in IndexedDB, every draft and every linking step kept for a reload, whoever's they are; the loaded conversations; the cached token; and the credentials and
 * identity given to `configure()`. Elements on the page then start afresh from their configuration; give
 * them the next user's with `configure({ getToken, identity })`. Resolves once storage is cleared.
 */
export async function signOut(): Promise<void> {
  for (const services of forgetServices()) closeInbox(services);
  clearStoredDrafts();
  clearStoredLinking();
  await clearStoredOutboxes();
  const kept = { ...pageConfig.get() };
  delete kept.apiKey;
  delete kept.getToken;
  delete kept.identity;
  pageConfig.set(kept);
}
