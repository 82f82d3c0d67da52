/** Strings of <conversation-view>'s "New conversation" form. */
export const newConversationStrings = {
  newConversationOpen: 'New conversation',
  newConversationHeading: 'New conversation',
  newConversationAccount: 'Send from',
  newConversationPhone: 'Phone number',
  newConversationPhoneOrUsername: 'Phone number or username',
  newConversationPhoneHint: 'With the country code, e.g. +966 50 123 4567.',
  newConversationUsernameHint:
    'A phone number with its country code, or a Telegram username such as @sara_k.',
  /** The number as it will be sent, once it is a valid one. */
  newConversationPhoneValid: (formatted: string) => `Valid number: ${formatted}`,
  newConversationRecipientRequired: 'Enter who to write to.',
  newConversationPhoneInvalid: 'This is not a valid phone number. Check the country code and the digits.',
  newConversationUsernameInvalid:
    'A username has 4 to 32 letters, digits or underscores, and starts with a letter.',
  newConversationMessage: 'Message',
  newConversationMessageRequired: 'Write the first message.',
  newConversationSend: 'Send',
  newConversationSending: 'Sending…',
  newConversationCancel: 'Cancel',
  newConversationRetry: 'Try again',
  newConversationFailed: (reason: string) => `The message was not sent. ${reason} What you wrote is kept.`,
  newConversationCheckUnavailable:
    'The number check could not be loaded. Check your connection and try again.',
  newConversationUnavailable: 'Starting conversations is not available here.',
  /** Said when the thread opens with the first message. */
  newConversationOpened: (name: string) => `Message sent. Conversation with ${name} opened.`,
};
