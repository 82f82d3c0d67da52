import type { pairingCodeStrings as english } from '../en/pairing-code.js';
import { num } from './format.js';

/** Strings of <qr-scanner>'s phone-number method (WhatsApp's pairing code). */
export const pairingCodeStrings: typeof english = {
  pairingIntro: 'على هذا الهاتف؟ احصل على رمز بدل المسح، واكتبه في واتساب.',
  pairingPhoneLabel: 'رقم هاتفك على واتساب',
  pairingPhoneHint: 'مع رمز الدولة، مثل ‎+966 50 123 4567.',
  pairingPhoneValid: (formatted: string) => `رقم صالح: ${formatted}`,
  pairingPhoneRequired: 'أدخل رقم هاتفك مع رمز الدولة.',
  pairingPhoneInvalid: 'هذا ليس رقم جوال صالحًا. تحقّق من رمز الدولة والأرقام.',
  pairingGetCode: 'احصل على رمز الربط',
  pairingGettingCode: 'جارٍ جلب الرمز…',
  pairingGetCodeIn: (wait: number) => `احصل على رمز بعد ${num(wait)} ث`,
  pairingCodeLabel: 'رمز الربط الخاص بك',
  pairingSteps: [
    'افتح واتساب على هاتفك.',
    'انتقل إلى الإعدادات (على أندرويد: القائمة ⋮).',
    'اضغط على «الأجهزة المرتبطة»، ثم «ربط جهاز».',
    'اضغط على «الربط برقم الهاتف بدلًا من ذلك».',
    'اكتب هذا الرمز.',
  ],
  pairingTimeLeft: (left: number) => `ينتهي خلال ${num(left)} ث`,
  pairingCopy: 'نسخ الرمز',
  pairingCopied: 'تم نسخ الرمز.',
  pairingShownAnnouncement: (spelled: string) => `رمز الربط جاهز: ${spelled}. اكتبه في واتساب.`,
  pairingEntered: 'تم إدخال الرمز — أكمل الخطوات على هاتفك…',
  pairingCodeGone: 'لم يعد الرمز معروضًا هنا. إن لم تكتبه بعد، فاحصل على رمز جديد.',
  pairingExpired: 'انتهت صلاحية هذا الرمز.',
  pairingExpiredHint: 'احصل على رمز جديد واكتبه خلال الوقت المعروض.',
  pairingNewCode: 'احصل على رمز جديد',
  pairingAnotherNumber: 'استخدم رقمًا آخر',
  pairingStepsLabel: 'كيفية ربط واتساب بالرمز',
  pairingUsePhone: 'الربط برقم الهاتف بدلًا من ذلك',
  pairingUseQr: 'امسح رمز QR بدلًا من ذلك',
  pairingCheckUnavailable:
    'تعذّر تحميل التحقق من الرقم. تحقّق من اتصالك وأعد تحميل الصفحة، أو امسح رمز QR بدلًا من ذلك.',
  pairingUnavailable: 'الربط برقم الهاتف غير متاح هنا. امسح رمز QR بدلًا من ذلك.',
};
