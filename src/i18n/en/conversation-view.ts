import { num } from './format.js';

/** Strings of <conversation-view>. */
export const conversationViewStrings = {
  conversationsHeading: 'Conversations',
  conversationsSearchLabel: 'Search by contact',
  conversationsFilterLabel: 'Account',
  conversationsFilterAll: 'All accounts',
  conversationsLoading: 'Loading conversations…',
  conversationsEmptyHeading: 'No conversations yet',
  conversationsEmptyText:
    'When someone writes to one of your linked accounts, the conversation appears here.',
  conversationsNoMatch: (query: string) => `No conversation matches “${query}”.`,
  conversationsMore: 'Show more',
  conversationsRetry: 'Try again',
  conversationsUnread: (count: number) =>
    count === 1 ? '1 unread message' : `${num(count)} unread messages`,
  conversationsUnknownContact: 'Unknown contact',
  conversationsNoMessages: 'No messages yet',
  conversationsPreviewYou: (text: string) => `You: ${text}`,

  connectionOffline: 'You are offline. Messages you write are sent when the connection is back.',
  connectionReconnecting: 'Reconnecting…',
  connectionBack: 'Back online',

  threadBack: 'Back to conversations',
  threadPick: 'Pick a conversation to read it here.',
  threadLoading: 'Loading messages…',
  threadLoadingOlder: 'Loading earlier messages…',
  threadOlderFailed: 'Earlier messages could not be loaded.',
  threadStart: 'This is the start of the conversation.',
  threadEmpty: 'No messages yet. Write the first one below.',
  threadLabel: (name: string) => `Messages with ${name}`,
  threadVia: (account: string) => `on ${account}`,
  threadKeys:
    'Up and Down arrows move between messages. On a message: R replies, Delete deletes, Tab reaches its buttons, Escape goes to the message box.',
  threadToday: 'Today',
  threadYesterday: 'Yesterday',
  threadNewMessages: 'New messages',
  threadJumpToLatest: 'Jump to latest',
  threadJumpToLatestCount: (count: number) => (count === 1 ? '1 new message' : `${num(count)} new messages`),
  threadAnnounceNew: (count: number, name: string) =>
    count === 1 ? `New message from ${name}` : `${num(count)} new messages from ${name}`,
  threadUpdateFailed: 'Could not check for new messages. Retrying…',

  messageYou: 'You',
  messageReplyTo: (name: string) => `Reply to ${name}`,
  messageDelete: 'Delete',
  messageDeleteConfirm: 'Delete this message for everyone?',
  messageDeleteConfirmAction: 'Delete for everyone',
  messageDeleteCancel: 'Keep',
  messageDeleteNotDelivered:
    'Only a message that has been delivered can be deleted. Try again once it shows as delivered.',
  messageDeleteNotPossible:
    'This message cannot be deleted: it was already deleted, or its channel does not allow it.',
  messageDeleted: 'This message was deleted.',
  messageShowMore: 'Show more',
  messageUnsupported: 'This kind of message cannot be shown here. Open it on your phone.',
  messageCallIncoming: 'Incoming call',
  messageCallOutgoing: 'Outgoing call',
  messageImageOpen: (name: string) => `Open image ${name}`,
  messageImageClose: 'Close',
  messageDownload: (name: string) => `Download ${name}`,
  messageFileUnavailable: 'The file is not available.',
  messageQuoteMissing: 'Earlier message',
  messageQuoteLabel: (name: string) => `Reply to ${name}`,
  messageStatus: (status: 'pending' | 'sent' | 'delivered' | 'read' | 'played' | 'failed') =>
    ({
      pending: 'Sending',
      sent: 'Sent',
      delivered: 'Delivered',
      read: 'Read',
      played: 'Played',
      failed: 'Not delivered',
    })[status],
  messageFailedReason: (reason: string) => `Not delivered: ${reason}`,
  messageSendFailed: (reason: string) => `Not sent: ${reason}`,
  messageHeldUp: (reason: string) => `Not sent: ${reason}. It will be tried again automatically.`,
  messageHeldUpUnavailable: (status: number) => `the server is unavailable (${status})`,
  messageHeldUpServerError: (status: number) => `the server ran into an error (${status})`,
  messageHeldUpRateLimited: (status: number) => `the server is receiving too many messages (${status})`,
  messageHeldUpNoConnection: 'the server cannot be reached',
  messageHeldUpTimeout: 'the server did not answer in time',
  messageQueued: 'Queued',
  messageRetry: 'Retry',
  messageRetryFileGone: 'The file could not be fetched again to resend it. Attach it anew.',
  messageDiscard: 'Discard',
  messageUploading: (percent: string) => `Uploading ${percent}`,

  composerLabel: 'Message',
  composerPlaceholder: 'Write a message',
  composerSend: 'Send',
  composerAttach: 'Attach a file',
  composerCaptionLabel: 'Caption',
  composerRemoveFile: (name: string) => `Remove ${name}`,
  composerReplyingTo: (name: string) => `Replying to ${name}`,
  composerCancelReply: 'Cancel reply',
  composerHint: 'Enter sends, Shift+Enter starts a new line.',
  composerDisconnected: (account: string) =>
    `${account} is not connected, so messages cannot be sent. Reconnect it under Linked accounts.`,
  composerAccountUnknown:
    'The account of this conversation is not linked any more, so messages cannot be sent.',
  composerFileTooLarge: (name: string) => `${name} is larger than 100 MB, the most a message can carry.`,
  composerFileEmpty: (name: string) => `${name} is empty: there is nothing in it to send.`,
  composerFileType: (name: string) =>
    `${name} cannot be sent: use an image (JPEG, PNG, WebP), a PDF or Office document, a ZIP or 7z archive, audio, an MP4 video or a contact card.`,
  composerDrop: 'Drop the file to attach it',
  composerOneFile: (name: string) =>
    `A message carries one file: ${name} is attached, the others were left out.`,

  quickRepliesLabel: 'Saved replies',
  quickRepliesHint: 'Type / at the start to search saved replies.',
  quickRepliesNone: (query: string) => `No saved reply matches “${query}”.`,
};
