import type { Conversation } from '../../api/types.js';

/** The name a conversation's contact goes by: their name, number or `@username`, else `fallback`. */
export function contactName(conversation: Conversation | undefined, fallback: string): string {
  const contact = conversation?.contact;
  return contact?.name ?? contact?.phone ?? (contact?.username ? `@${contact.username}` : fallback);
}
