import type { conversationViewStrings as english } from '../en/conversation-view.js';
import { counted, num } from './format.js';

const newMessages = (count: number): string =>
  counted(count, {
    one: 'رسالة جديدة',
    two: 'رسالتان جديدتان',
    few: 'رسائل جديدة',
    many: 'رسالة جديدة',
    other: 'رسالة جديدة',
  });

/** Strings of <conversation-view>. */
export const conversationViewStrings: typeof english = {
  conversationsHeading: 'المحادثات',
  conversationsSearchLabel: 'البحث حسب جهة الاتصال',
  conversationsFilterLabel: 'الحساب',
  conversationsFilterAll: 'جميع الحسابات',
  conversationsLoading: 'جارٍ تحميل المحادثات…',
  conversationsEmptyHeading: 'لا توجد محادثات بعد',
  conversationsEmptyText: 'عندما يراسلك أحد على أحد حساباتك المرتبطة، تظهر المحادثة هنا.',
  conversationsNoMatch: (query: string) => `لا توجد محادثة تطابق «${query}».`,
  conversationsMore: 'عرض المزيد',
  conversationsRetry: 'حاول مرة أخرى',
  conversationsUnread: (count: number) =>
    counted(count, {
      one: 'رسالة واحدة غير مقروءة',
      two: 'رسالتان غير مقروءتين',
      few: 'رسائل غير مقروءة',
      many: 'رسالة غير مقروءة',
      other: 'رسالة غير مقروءة',
    }),
  conversationsUnknownContact: 'جهة اتصال غير معروفة',
  conversationsNoMessages: 'لا توجد رسائل بعد',
  conversationsPreviewYou: (text: string) => `أنت: ${text}`,

  threadBack: 'العودة إلى المحادثات',
  threadPick: 'اختر محادثة لقراءتها هنا.',
  threadLoading: 'جارٍ تحميل الرسائل…',
  threadLoadingOlder: 'جارٍ تحميل الرسائل السابقة…',
  threadOlderFailed: 'تعذّر تحميل الرسائل السابقة.',
  threadStart: 'هذه بداية المحادثة.',
  threadEmpty: 'لا توجد رسائل بعد. اكتب أول رسالة أدناه.',
  threadLabel: (name: string) => `الرسائل مع ${name}`,
  threadKeys:
    'تنقّل بين الرسائل بسهمي الأعلى والأسفل. على الرسالة: R للرد، وDelete للحذف، وTab للوصول إلى أزرارها، وEscape للانتقال إلى مربع الرسالة.',
  threadToday: 'اليوم',
  threadYesterday: 'أمس',
  threadNewMessages: 'رسائل جديدة',
  threadJumpToLatest: 'الانتقال إلى الأحدث',
  threadJumpToLatestCount: (count: number) => newMessages(count),
  threadAnnounceNew: (count: number, name: string) => `${newMessages(count)} من ${name}`,
  threadUpdateFailed: 'تعذّر التحقق من وجود رسائل جديدة. جارٍ إعادة المحاولة…',

  messageYou: 'أنت',
  messageReplyTo: (name: string) => `الرد على ${name}`,
  messageDelete: 'حذف',
  messageDeleteConfirm: 'حذف هذه الرسالة لدى الجميع؟',
  messageDeleteConfirmAction: 'حذف لدى الجميع',
  messageDeleteCancel: 'أبقِها',
  messageDeleteNotDelivered: 'لا يمكن حذف الرسالة إلا بعد تسليمها. حاول مرة أخرى عندما تظهر على أنها سُلّمت.',
  messageDeleteNotPossible: 'لا يمكن حذف هذه الرسالة: إما أنها حُذفت بالفعل، وإما أن قناتها لا تسمح بذلك.',
  messageDeleted: 'حُذفت هذه الرسالة.',
  messageUnsupported: 'لا يمكن عرض هذا النوع من الرسائل هنا. افتحها على هاتفك.',
  messageCallIncoming: 'مكالمة واردة',
  messageCallOutgoing: 'مكالمة صادرة',
  messageImageOpen: (name: string) => `فتح الصورة ${name}`,
  messageImageClose: 'إغلاق',
  messageDownload: (name: string) => `تنزيل ${name}`,
  messageFileUnavailable: 'الملف غير متاح.',
  messageQuoteMissing: 'رسالة سابقة',
  messageQuoteLabel: (name: string) => `رد على ${name}`,
  messageStatus: (status: 'pending' | 'sent' | 'delivered' | 'read' | 'played' | 'failed') =>
    ({
      pending: 'جارٍ الإرسال',
      sent: 'أُرسلت',
      delivered: 'سُلّمت',
      read: 'قُرئت',
      played: 'شُغّلت',
      failed: 'لم تُسلَّم',
    })[status],
  messageFailedReason: (reason: string) => `لم تُسلَّم: ${reason}`,
  messageSendFailed: (reason: string) => `لم تُرسَل: ${reason}`,
  messageWaitingForNetwork: 'بانتظار عودة الاتصال…',
  messageRetry: 'إعادة المحاولة',
  messageRetryFileGone: 'تعذّر جلب الملف مرة أخرى لإعادة إرساله. أرفقه من جديد.',
  messageDiscard: 'تجاهل',
  messageUploading: (percent: string) => `جارٍ الرفع ${percent}`,

  composerLabel: 'الرسالة',
  composerPlaceholder: 'اكتب رسالة',
  composerSend: 'إرسال',
  composerAttach: 'إرفاق ملف',
  composerCaptionLabel: 'التعليق',
  composerRemoveFile: (name: string) => `إزالة ${name}`,
  composerReplyingTo: (name: string) => `ردًا على ${name}`,
  composerCancelReply: 'إلغاء الرد',
  composerHint: 'اضغط Enter للإرسال، أو Shift+Enter لبدء سطر جديد.',
  composerDisconnected: (account: string) =>
    `الحساب ${account} غير متصل، لذا لا يمكن إرسال الرسائل. أعد ربطه من «الحسابات المرتبطة».`,
  composerAccountUnknown: 'لم يعد حساب هذه المحادثة مرتبطًا، لذا لا يمكن إرسال الرسائل.',
  composerFileTooLarge: (name: string) =>
    `الملف ${name} أكبر من ${num(100)} ميغابايت، وهو الحد الأقصى لحجم الرسالة.`,
  composerFileEmpty: (name: string) => `الملف ${name} فارغ: لا يوجد فيه ما يمكن إرساله.`,
  composerFileType: (name: string) =>
    `لا يمكن إرسال الملف ${name}: استخدم صورة (JPEG أو PNG أو WebP)، أو مستند PDF أو Office، أو أرشيف ZIP أو 7z، أو ملفًا صوتيًا، أو فيديو MP4، أو بطاقة جهة اتصال.`,
  composerDrop: 'أفلت الملف لإرفاقه',
  composerOneFile: (name: string) => `تحمل الرسالة ملفًا واحدًا: أُرفق ${name} وتُركت الملفات الأخرى.`,
};
