import type { phoneLoginStrings as english } from '../en/phone-login.js';
import { num } from './format.js';

/** Strings of <phone-login>. */
export const phoneLoginStrings: typeof english = {
  phoneLoginStarting: 'جارٍ الاتصال بالخدمة…',
  phoneLoginNeedsSocket: (name: string) =>
    `يحتاج تسجيل الدخول إلى ${name} برقم الهاتف إلى اتصال مباشر بالخدمة، وهذه الصفحة لا تملكه (لا يوجد socket-url). استخدم رمز QR بدلًا من ذلك.`,
  phoneLoginPhoneExplain: (channel: 'telegram' | 'max') =>
    ({
      telegram: 'سيرسل تيليجرام رمز الدخول إلى تطبيق تيليجرام على أجهزتك الأخرى، أو في رسالة نصية.',
      max: 'سيرسل MAX رمزًا إلى هذا الرقم في رسالة نصية.',
    })[channel],
  phoneLoginPhoneLabel: 'رقم الهاتف',
  phoneLoginPhoneHint: 'مع رمز الدولة، مثل ‎+966 50 123 4567. لا بأس بالمسافات والشرطات.',
  phoneLoginPhoneRequired: 'أدخل رقم هاتفك.',
  phoneLoginPhoneMalformed: 'رقم الهاتف من ٧ إلى ١٥ رقمًا، يبدأ برمز الدولة.',
  phoneLoginPhoneRejected: 'لم يقبل تيليجرام هذا الرقم. تحقّق من رمز الدولة والأرقام.',
  phoneLoginPhoneFormat:
    'لم يقبل MAX هذا الرقم: اكتبه بالصيغة الدولية، أرقامًا فقط، مثل 79991112233 (ويجوز أن يبدأ الرقم الروسي بـ 8).',
  phoneLoginPhoneSubmit: 'إرسال الرمز',
  phoneLoginCodeExplain: (channel: 'telegram' | 'max', phone: string) =>
    ({
      telegram: phone
        ? `أرسل تيليجرام رمزًا للرقم ${phone}: ابحث عنه في تطبيق تيليجرام على جهاز آخر، أو في رسائلك النصية.`
        : 'أرسل تيليجرام رمزًا: ابحث عنه في تطبيق تيليجرام على جهاز آخر، أو في رسائلك النصية.',
      max: phone ? `أرسل MAX رمزًا في رسالة نصية إلى ${phone}.` : 'أرسل لك MAX رمزًا في رسالة نصية.',
    })[channel],
  phoneLoginCodeLabel: 'الرمز',
  phoneLoginCodeHint: 'أرقام فقط؛ لا بأس بالمسافات والشرطات.',
  phoneLoginCodeRequired: 'أدخل الرمز الذي وصلك.',
  phoneLoginCodeMalformed: 'الرمز من ٤ إلى ٨ أرقام. تحقّق منه وحاول مرة أخرى.',
  phoneLoginCodeRejected: 'هذا الرمز غير صحيح. تحقّق منه وأدخله مرة أخرى.',
  phoneLoginCodeSubmit: 'تأكيد',
  phoneLoginPasswordExplain:
    'في حساب تيليجرام هذا تحقّق بخطوتين. أدخل كلمة المرور السحابية (التي عيّنتها في تيليجرام، لا رمزًا).',
  phoneLoginPasswordLabel: 'كلمة المرور السحابية',
  phoneLoginPasswordNote: 'تُرسل مرة واحدة لربط الحساب، ولا تُحفظ في هذه الصفحة.',
  phoneLoginPasswordRequired: 'أدخل كلمة المرور السحابية.',
  phoneLoginPasswordRejected: 'كلمة المرور غير صحيحة. مُسح الحقل حفاظًا على أمانك: أدخلها مرة أخرى.',
  phoneLoginPasswordSubmit: 'تسجيل الدخول',
  phoneLoginSending: 'جارٍ الإرسال…',
  phoneLoginWait: (seconds: number) => `انتظر ${num(seconds)} ث`,
  phoneLoginUseAnotherNumber: 'استخدام رقم آخر',
  phoneLoginSessionGone: 'كان تسجيل الدخول ذاك قد انتهى. أدخل رقمك للبدء من جديد.',
  phoneLoginCodeExpired: 'لم يعد هناك رمز بالانتظار. أدخل رقمك للحصول على رمز جديد.',
  phoneLoginReconnecting: 'انقطع الاتصال بالخدمة. جارٍ إعادة الاتصال…',
  phoneLoginUnconfirmed: 'انقطع الاتصال قبل أن تردّ الخدمة، فربما لم يصل. أرسله مرة أخرى.',
  phoneLoginFinishing: 'تم تسجيل الدخول. جارٍ إكمال الربط…',
  phoneLoginConnected: (name: string, username: string | null) =>
    username ? `تم ربط ${name} باسم ${username}.` : `تم ربط ${name}.`,
  phoneLoginAlreadyLinked: (name: string) => `يوجد حساب ${name} مرتبط هنا بالفعل.`,
  phoneLoginManage: 'إدارة الحسابات المرتبطة',
  phoneLoginTryAgain: 'حاول مرة أخرى',
  phoneLoginCancel: 'إلغاء',
};
