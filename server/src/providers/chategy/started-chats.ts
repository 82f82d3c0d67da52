/**
 * Keys of Telegram chats started from here, before Chategy's webhooks name the chat: by the phone
 * number or username the first message went to (docs/openapi.yaml `startConversation`). The echo of
 * that first send names the chat's tdlib id, and the conversation is keyed by it from then on.
 */
const TELEGRAM_BY_PHONE = 'phone:';
const TELEGRAM_BY_USERNAME = 'username:';

export const telegramChatByUsername = (username: string) =>
  `${TELEGRAM_BY_USERNAME}${username.replace(/^@/, '').toLowerCase()}`;

export const telegramChatByPhone = (digits: string) => `${TELEGRAM_BY_PHONE}${digits}`;

/** Whom a send to a chat not named by Chategy yet goes to; undefined for a chat keyed by its tdlib id. */
export function startedChatRecipient(chatId: string): { username: string } | { phone: string } | undefined {
  if (chatId.startsWith(TELEGRAM_BY_USERNAME)) return { username: chatId.slice(TELEGRAM_BY_USERNAME.length) };
  if (chatId.startsWith(TELEGRAM_BY_PHONE)) return { phone: chatId.slice(TELEGRAM_BY_PHONE.length) };
  return undefined;
}

/** The keys a chat with this contact may have been started under, by username first. */
export function startedChatKeys(username: string | null, phoneDigits: string | null): string[] {
  return [
    ...(username ? [telegramChatByUsername(username)] : []),
    ...(phoneDigits ? [telegramChatByPhone(phoneDigits)] : []),
  ];
}
