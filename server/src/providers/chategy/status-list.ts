/** One entry of Chategy's list of service statuses (docs/providers/chategy.md), as Chategy words it. */
export interface ChategyStatus {
  id: number;
  name: string;
  /** The short explanation, e.g. "Delivered". */
  explanation: string;
  /** Final statuses end the delivery; intermediate ones are followed by another. */
  final: boolean;
  /** What the status means, in Chategy's words. */
  description: string;
}

const SENDING_RESTRICTIONS =
  'One of the restrictions worked: on sending duplicates, on flooding (sending messages to one recipient too often), on numbers from the blacklist, on texts prohibited by the spam filter or names of senders.';
const OPERATOR_CRITICAL_ERROR = 'The operator reported a critical error when trying to send.';
const SUBSCRIBER_OR_SENDER_OFFLINE =
  "Failed to deliver the message if it is an SMS: the operator cannot deliver the message. This may be due to the fact that the subscriber is offline or has forbidden receiving messages. If this is a delivery to messengers: the message could not be delivered due to the fact that the sender's phone is offline.";

function status(
  id: number,
  name: string,
  explanation: string,
  type: 'final' | 'intermediate',
  description: string,
): ChategyStatus {
  return { id, name, explanation, final: type === 'final', description };
}

/** Every `status_id` Chategy documents, in its order. */
export const CHATEGY_STATUSES: readonly ChategyStatus[] = [
  status(
    0,
    'telecommunication_company_error',
    'Operator error',
    'final',
    'Message not delivered. The operator reported an error when sending.',
  ),
  status(
    1,
    'enroute',
    'Passed to the operator',
    'intermediate',
    'The operator accepted the request to send the message, the delivery status will appear later.',
  ),
  status(2, 'delivered', 'Delivered', 'final', 'The message has been delivered to the recipient.'),
  status(
    3,
    'expired',
    'Expired',
    'final',
    'Message not delivered. Possible reasons: the subscriber was out of the access zone for a long time or his phone ran out of memory for new messages.',
  ),
  status(4, 'deleted', 'Deleted', 'final', 'Message deleted.'),
  status(
    5,
    'undeliverable',
    'Unable to deliver',
    'final',
    'Message could not be delivered. The recipient is offline or has banned receiving messages.',
  ),
  status(
    6,
    'accepted',
    'Accepted',
    'intermediate',
    'The message is accepted by us for sending and in the process of transmission to the operator.',
  ),
  status(
    7,
    'unknown',
    'Failed to deliver',
    'final',
    'Message not delivered. The operator reported an unknown error.',
  ),
  status(
    8,
    'rejected',
    'Rejected',
    'final',
    "The operator rejected the delivery. A possible reason is the client's refusal to receive an SMS.",
  ),
  status(
    9,
    'internal_server_error',
    'Server error',
    'final',
    'The server could not process the request and shut down. We are already dealing with this problem.',
  ),
  status(
    10,
    'unhandled_error',
    'Unhandled error',
    'final',
    'Unknown operator error. Our specialists are already dealing with this problem.',
  ),
  status(
    11,
    'incorrect_number',
    'Invalid number',
    'final',
    'The wrong phone number is specified in the delivery request.',
  ),
  status(
    12,
    'forbidden',
    'Forbidden',
    'final',
    'One of the restrictions has worked: on sending duplicates, on sending messages too often to one recipient, on numbers from the blacklist, on texts prohibited by the spam filter or names of senders.',
  ),
  status(
    13,
    'not_enough_money',
    'Insufficient funds',
    'final',
    'Top up your account for sending SMS or mailing in messengers.',
  ),
  status(
    14,
    'waiting_for_sending',
    'Waiting to be sent',
    'intermediate',
    'The message is in the queue to be sent, it will be sent to the operator soon.',
  ),
  status(
    15,
    'in_progress',
    'In processing',
    'intermediate',
    'The message is being processed by the system. Its status will be updated in the near future.',
  ),
  status(16, 'read', 'Read', 'final', 'Message read by recipient.'),
  status(
    17,
    'too_many_requests',
    'Request limit exceeded',
    'final',
    'Telegram informed us that you sent too many requests, check the status of your phone at the link: https://t.me/SpamBot .',
  ),
  status(18, 'cancelled', 'Cancelled', 'final', 'Message delivery has been cancelled.'),
  status(20, 'smpp_queue_expired', 'Unable to deliver', 'final', OPERATOR_CRITICAL_ERROR),
  status(
    21,
    'moderating',
    'On moderation',
    'intermediate',
    'Message on moderation. According to the results of processing, an email will be sent with an explanation of the decision.',
  ),
  status(
    22,
    'moderation_declined',
    'Moderation rejected',
    'final',
    'The message did not pass moderation. The reason: look in the mail.',
  ),
  status(25, 'external_restriction', 'Restrictions on sending', 'final', SENDING_RESTRICTIONS),
  status(
    26,
    'length_restriction',
    'Message length limits',
    'final',
    'The message was not sent because in settings there is a limit on the length of messages sent.',
  ),
  status(
    27,
    'kazakhstan_restriction',
    'Restrictions on sending to Kazakhstan',
    'final',
    'Sending promotional messages after 22:00 is prohibited in Kazakhstan.',
  ),
  status(
    28,
    'operator_restriction',
    'Operator restriction',
    'final',
    'The message is blocked due to operator restriction for you.',
  ),
  status(
    31,
    'payment_transaction_error',
    'Payment error',
    'final',
    'The server could not make the payment. We are already dealing with this problem.',
  ),
  status(
    32,
    'subscription_expired',
    'The subscription to messengers has not been paid',
    'final',
    'The message has not been delivered, since you have not paid for access to the message sending service. Top up your account in your personal account to continue sending messages.',
  ),
  status(
    33,
    'incorrect_delivery_params',
    'Invalid sending parameters',
    'final',
    'The parameters in the delivery request were passed incorrectly.',
  ),
  status(34, 'foreign_delivery_restricted', 'Restrictions on sending', 'final', SENDING_RESTRICTIONS),
  status(
    35,
    'rate_limit_error',
    'The limit of delivery requests has been exceeded',
    'final',
    'When more than 1 message per minute is sent to the messenger, they queue up, an error is displayed if the number of messages in the queue is exceeded.',
  ),
  status(36, 'blocked_by_subscription_expired', 'Subscription suspended', 'final', 'Subscription suspended.'),
  status(
    37,
    'daily_limit_error',
    'The daily limit of delivery requests has been exceeded',
    'final',
    'The daily limit for sending messages has been exceeded.',
  ),
  status(
    44,
    'whatsapp_unregistered_number',
    'WhatsApp unregistered number',
    'final',
    'This number is not registered in the messenger.',
  ),
  status(
    45,
    'whatsapp_session_doesnt_exist',
    'WhatsApp session not started',
    'final',
    'Message not delivered because your WhatsApp is not authorized in the message sending service. To log in, scan the QR code.',
  ),
  status(
    46,
    'smsc_dos_error',
    'Waiting to be sent',
    'intermediate',
    'Message in the queue to be sent, will be sent to the operator soon.',
  ),
  status(
    47,
    'smsc_not_enough_money',
    'Unprocessed error',
    'final',
    'Unknown operator error. Our specialists are already dealing with this problem.',
  ),
  status(
    48,
    'smsc_unavailable_number',
    'Unavailable number',
    'final',
    'The operator could not deliver a message to this phone number.',
  ),
  status(49, 'aggregate_forbidden', 'Prohibited', 'final', "Operator's ban on sending from common names."),
  status(
    50,
    'tdlib_not_authorized',
    'Telegram is not authorized',
    'final',
    'Sending to Telegram has stopped, you need to log in.',
  ),
  status(
    51,
    'customer_settings_delivery_time_restriction_cancel',
    'Restriction on sending time settings',
    'final',
    'The message is blocked due to a restriction on sending time settings.',
  ),
  status(69, 'smpp_connection_error', 'Unable to deliver', 'final', OPERATOR_CRITICAL_ERROR),
  status(88, 'smpp_sending_limit_error', 'Unable to deliver', 'final', OPERATOR_CRITICAL_ERROR),
  status(
    257,
    'smpp_transmitter_not_allowed_region',
    'Unable to deliver',
    'final',
    SUBSCRIBER_OR_SENDER_OFFLINE,
  ),
  status(
    555,
    'blacklisted_number_error',
    'Blacklisted',
    'final',
    'Subscriber is blacklisted by the client or the message sending service.',
  ),
  status(1281, 'source_addr_forbidden', 'Name blocked by operator', 'final', 'Name blocked by operator.'),
  status(
    1282,
    'smpp_num_blacklisted',
    'Unable to deliver',
    'final',
    "There is a problem with the recipient's number. It is possible that there was an attempt to send to a direction prohibited for the client (for example, sending to non-Russian numbers may be prohibited) or the recipient himself forbade receiving a certain class of messages.",
  ),
  status(
    1283,
    'template_violation',
    'Invalid text or template',
    'final',
    'The operator rejected the delivery due to violations of the text parameters.',
  ),
  status(
    1284,
    'smpp_msg_blacklisted',
    'Rejected',
    'final',
    'The text of the message contains forbidden words.',
  ),
  status(1285, 'smpp_not_enough_money', 'Unable to deliver', 'final', OPERATOR_CRITICAL_ERROR),
  status(1286, 'smpp_foreign_delivery_restricted', 'Restrictions on sending', 'final', SENDING_RESTRICTIONS),
  status(
    1287,
    'smpp_down_msisdn',
    'Operator error',
    'final',
    'Operator error. Our specialists are already dealing with this problem.',
  ),
  status(1288, 'smpp_megafon_wrong_provider', 'Unable to deliver', 'final', OPERATOR_CRITICAL_ERROR),
  status(1293, 'smpp_beeline_wrong_provider', 'Unable to deliver', 'final', OPERATOR_CRITICAL_ERROR),
  status(1299, 'smpp_beeline_partner_blocked', 'Unable to deliver', 'final', SUBSCRIBER_OR_SENDER_OFFLINE),
  status(
    2291,
    'smpp_anti_spam_block',
    'The subscriber has enabled the spam filter',
    'final',
    'The subscriber has forbidden receiving SMS.',
  ),
];

const BY_ID = new Map(CHATEGY_STATUSES.map((entry) => [entry.id, entry]));

/** The documented status with this id; undefined for one Chategy does not list. */
export function chategyStatus(id: number): ChategyStatus | undefined {
  return BY_ID.get(id);
}
