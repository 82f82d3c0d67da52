import type { instagramTwoFactorStrings as english } from '../en/instagram-2fa.js';
import { counted, num, seconds } from './format.js';

/** Strings of <instagram-2fa>. */
export const instagramTwoFactorStrings: typeof english = {
  twoFactorHeading: (username?: string) =>
    username ? `تأكيد هويتك: @${username.replace(/^@/, '')}` : 'تأكيد تسجيل الدخول إلى إنستغرام',
  twoFactorExplainOtp: 'أدخل الرمز الذي أرسله إنستغرام إلى هاتفك أو بريدك الإلكتروني.',
  twoFactorExplainSms: 'أدخل الرمز الذي أرسله إنستغرام إلى هاتفك في رسالة نصية.',
  twoFactorExplainEmail: 'أدخل الرمز الذي أرسله إنستغرام إلى بريدك الإلكتروني.',
  twoFactorExplainAuthenticator: 'أدخل الرمز من تطبيق المصادقة.',
  twoFactorExplainInApp:
    'وافق على تسجيل الدخول في تطبيق إنستغرام على هاتفك («هذا أنا»)، ثم أدخل هنا الرمز الذي يعطيك إياه إنستغرام.',
  twoFactorExplainCaptcha:
    'يريد إنستغرام التحقق من أنك شخص حقيقي. سجّل الدخول مرة في instagram.com أو في التطبيق وأكمل التحقق، ثم أدخل الرمز الذي يرسله إليك إنستغرام.',
  twoFactorExplainPhoneRegister:
    'يحتاج إنستغرام إلى رقم هاتف في هذا الحساب. أضف رقمًا في تطبيق إنستغرام، ثم أدخل الرمز الذي يرسله إليه.',
  twoFactorExplainGeneric: 'طلب إنستغرام تحققًا إضافيًا. أدخل الرمز الذي أرسله إليك.',
  twoFactorCodeLabel: 'رمز التحقق',
  twoFactorCodeHint: `من ${num(4)} إلى ${num(8)} أرقام. لا بأس بالمسافات والشرطات.`,
  twoFactorCodeRequired: 'أدخل الرمز الذي أرسله إليك إنستغرام.',
  twoFactorCodeInvalid: `يتكوّن الرمز من ${num(4)} إلى ${num(8)} أرقام. تحقّق منه وحاول مرة أخرى.`,
  twoFactorSubmit: 'تحقّق',
  twoFactorSubmitting: 'جارٍ التحقق…',
  twoFactorSubmitWait: (wait: number) => `حاول مرة أخرى بعد ${num(wait)} ث`,
  twoFactorResend: 'إرسال رمز جديد',
  twoFactorResending: 'جارٍ الإرسال…',
  twoFactorResendWait: (wait: number) => `إرسال رمز جديد (${num(wait)} ث)`,
  twoFactorResent: 'رمز جديد في الطريق إليك.',
  twoFactorResendTooSoon:
    'يحتاج إنستغرام إلى لحظة قبل أن يرسل رمزًا آخر. يعدّ الزر تنازليًا حتى يمكنك الطلب مرة أخرى.',
  twoFactorCancel: 'إلغاء',
  twoFactorRound: (round: number) => `جولة التحقق ${num(round)}`,
  twoFactorAnotherRound: 'طلب إنستغرام رمزًا آخر. أدخل الرمز الجديد.',
  twoFactorRoundAnnouncement: (round: number, message: string) => `جولة التحقق ${num(round)}. ${message}`,
  twoFactorTooManyAttempts: (wait: number) =>
    `محاولات كثيرة جدًا. يمكنك المحاولة مرة أخرى بعد ${seconds(wait)}.`,
  twoFactorAttemptsLeft: (left: number) =>
    left === 0
      ? 'لم تبقَ محاولات: سينتظر الرمز التالي مهلة قصيرة.'
      : `يتبقى لك ${counted(left, { one: 'محاولة واحدة', two: 'محاولتان', few: 'محاولات', many: 'محاولة', other: 'محاولة' })} قبل مهلة قصيرة.`,
  twoFactorCanRetry: 'يمكنك تجربة الرمز مرة أخرى الآن.',
  twoFactorRetryHint: 'أدخل الرمز مرة أخرى واختر «تحقّق» لإعادة المحاولة.',
  twoFactorExpired:
    'انتهت صلاحية تسجيل الدخول هذا. ابدأ من جديد بإدخال اسم المستخدم وكلمة المرور لحساب إنستغرام.',
  twoFactorMissingAccount: 'هذه الخطوة غير مُعدّة: تحتاج إلى account-id من رد ربط إنستغرام.',
  twoFactorConnected: (username?: string | null) =>
    username
      ? `تم ربط @${username.replace(/^@/, '')}. يزامن إنستغرام رسائلك الآن.`
      : 'تم ربط حسابك على إنستغرام. يزامن إنستغرام رسائلك الآن.',
};
