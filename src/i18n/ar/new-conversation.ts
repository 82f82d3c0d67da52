import type { newConversationStrings as english } from '../en/new-conversation.js';

/** Strings of <conversation-view>'s "New conversation" form. */
export const newConversationStrings: typeof english = {
  newConversationOpen: 'محادثة جديدة',
  newConversationHeading: 'محادثة جديدة',
  newConversationAccount: 'الإرسال من',
  newConversationPhone: 'رقم الهاتف',
  newConversationPhoneOrUsername: 'رقم الهاتف أو اسم المستخدم',
  newConversationPhoneHint: 'مع رمز الدولة، مثل ‎+966 50 123 4567.',
  newConversationUsernameHint: 'رقم هاتف مع رمز الدولة، أو اسم مستخدم في تيليجرام مثل ‎@sara_k.',
  newConversationPhoneValid: (formatted: string) => `رقم صالح: ${formatted}`,
  newConversationRecipientRequired: 'أدخل من تريد مراسلته.',
  newConversationPhoneInvalid: 'هذا ليس رقم هاتف صالحًا. تحقّق من رمز الدولة والأرقام.',
  newConversationUsernameInvalid: 'يتكوّن اسم المستخدم من 4 إلى 32 حرفًا أو رقمًا أو شرطة سفلية، ويبدأ بحرف.',
  newConversationMessage: 'الرسالة',
  newConversationMessageRequired: 'اكتب الرسالة الأولى.',
  newConversationSend: 'إرسال',
  newConversationSending: 'جارٍ الإرسال…',
  newConversationCancel: 'إلغاء',
  newConversationRetry: 'حاول مرة أخرى',
  newConversationFailed: (reason: string) => `لم تُرسل الرسالة. ${reason} ما كتبته محفوظ.`,
  newConversationCheckUnavailable: 'تعذّر تحميل التحقق من الرقم. تحقّق من اتصالك وحاول مرة أخرى.',
  newConversationUnavailable: 'بدء المحادثات غير متاح هنا.',
  newConversationOpened: (name: string) => `أُرسلت الرسالة. فُتحت المحادثة مع ${name}.`,
};
