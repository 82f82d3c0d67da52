import type { qrScannerStrings as english } from '../en/qr-scanner.js';
import { num } from './format.js';

/** Strings of <qr-scanner>. */
export const qrScannerStrings: typeof english = {
  qrChannelName: (channel: 'whatsapp' | 'telegram') =>
    ({ whatsapp: 'واتساب', telegram: 'تيليجرام' })[channel],
  qrMissingChannel: 'ماسح رمز QR هذا غير مُعدّ: يحتاج إلى قناة (whatsapp أو telegram).',
  qrLoading: 'جارٍ جلب رمز QR…',
  qrStepsLabel: (name: string) => `كيفية ربط ${name}`,
  qrStepsWhatsapp: [
    'افتح واتساب على هاتفك.',
    'انتقل إلى الإعدادات (على أندرويد: القائمة ⋮).',
    'اضغط على «الأجهزة المرتبطة».',
    'اضغط على «ربط جهاز».',
    'وجّه هاتفك نحو هذا الرمز.',
  ],
  qrStepsTelegram: [
    'افتح تيليجرام على هاتفك.',
    'انتقل إلى الإعدادات.',
    'اضغط على «الأجهزة».',
    'اضغط على «ربط جهاز سطح المكتب».',
    'وجّه هاتفك نحو هذا الرمز.',
  ],
  qrImageLabel: (name: string, index: number, total: number | null) =>
    total === null
      ? `رمز QR لـ${name} رقم ${num(index)}`
      : `رمز QR لـ${name} رقم ${num(index)} من ${num(total)}`,
  qrCodeNumber: (index: number, total: number | null) =>
    total === null ? `الرمز ${num(index)}` : `الرمز ${num(index)} من ${num(total)}`,
  qrTimeLeft: (left: number) => `ينتهي خلال ${num(left)} ث`,
  qrRenewing: 'رمز جديد في الطريق…',
  qrNewCodeAnnouncement: (name: string, index: number, total: number | null) =>
    total === null
      ? `رمز QR جديد لـ${name} (${num(index)}).`
      : `رمز QR جديد لـ${name}، ${num(index)} من ${num(total)}.`,
  qrShownAnnouncement: (name: string) => `رمز QR لـ${name} جاهز. امسحه بهاتفك.`,
  qrScanned: 'تم المسح — أكمل الخطوات على هاتفك…',
  qrConnected: (name: string) => `تم ربط ${name}.`,
  qrConnectedAs: (name: string, username: string) => `تم ربط ${name} باسم ${username}.`,
  qrExpired: 'انتهت صلاحية هذا الرمز.',
  qrExpiredHint: 'احصل على رمز جديد وامسحه خلال الوقت المعروض.',
  qrNewCode: 'رمز جديد',
  qrRetry: 'حاول مرة أخرى',
  qrUnencodable: 'تعذّر عرض هذا الرمز: أرسل الخادم رمزًا لا يمكن رسمه. حاول مرة أخرى للحصول على رمز جديد.',
  qrImageFailed: 'تعذّر رسم رمز QR: لم يُحمَّل جزء من هذه الأداة. تحقّق من اتصالك، ثم أعد تحميل الصفحة.',
  qrRetryIn: (wait: number) => `حاول مرة أخرى بعد ${num(wait)} ث`,
  qrCanRetry: 'يمكنك المحاولة مرة أخرى الآن.',
  qrFinishTimedOut: (name: string) => `لم يكتمل ربط ${name}. حاول مرة أخرى برمز جديد.`,
  qrAlreadyLinked: (name: string) => `حساب ${name} هذا مرتبط بالفعل.`,
  qrAlreadyLinkedHint: 'افتحه لإعادة ربطه، أو افصله أولًا ثم اربط من جديد.',
  qrManageLinkedAccounts: 'فتح الحساب المرتبط',
  qrStillTrying: (problem: string) => `${problem} ما زلنا نحاول؛ هذا الرمز لا يزال صالحًا.`,
};
