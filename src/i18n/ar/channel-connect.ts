import type { channelConnectStrings as english } from '../en/channel-connect.js';
import { num } from './format.js';

/** Strings of <channel-connect>. */
export const channelConnectStrings: typeof english = {
  connectHeading: 'ربط حساب مراسلة',
  connectIntro: 'اختر التطبيق الذي تريد الرد على محادثاته من هنا.',
  channelPickHint: (channel: 'whatsapp' | 'telegram' | 'instagram' | 'max') =>
    ({
      whatsapp: 'امسح رمزًا بهاتفك',
      telegram: 'امسح رمزًا بهاتفك',
      instagram: 'سجّل الدخول باسم المستخدم وكلمة المرور',
      max: 'سجّل الدخول برقم هاتفك ورمز في رسالة نصية',
    })[channel],
  connectMethodLegend: (name: string) => `طريقة ربط ${name}`,
  connectMethodQr: 'رمز QR',
  connectMethodPhone: 'رقم الهاتف',
  connectPhoneNeedsSocket: (name: string) =>
    `يحتاج ربط ${name} برقم الهاتف إلى اتصال مباشر بالخدمة، ولا تُعدّه هذه الصفحة؛ امسح الرمز بدلًا من ذلك.`,
  connectQrNotOffered: (name: string) => `يُربط ${name} هنا برقم الهاتف: أدخل رقمك.`,
  connectPhoneLoading: 'جارٍ التحميل…',
  linkChannelHeading: (name: string) => `ربط ${name}`,
  back: 'رجوع',
  cancel: 'إلغاء',
  connectCancelledHeading: 'أُلغي الربط',
  connectCancelledText: 'لم يُربط أي حساب. يمكنك البدء من جديد متى شئت.',
  connectStartAgain: 'البدء من جديد',
  instagramUsernameLabel: 'اسم المستخدم أو البريد الإلكتروني',
  instagramPasswordLabel: 'كلمة المرور',
  instagramCountryLabel: 'البلد',
  instagramCountryHint: 'البلد الذي تسجّل الدخول منه عادةً؛ يساعد إنستغرام على الوثوق بتسجيل الدخول.',
  instagramPasswordNote: 'تُرسل كلمة المرور مرة واحدة لربط الحساب، ولا تُحفظ في هذه الصفحة.',
  instagramSubmit: 'تسجيل الدخول',
  instagramSigningIn: 'جارٍ تسجيل الدخول…',
  instagramSubmitAfter: (wait: number) => `تسجيل الدخول (انتظر ${num(wait)} ث)`,
  usernameRequired: 'أدخل اسم المستخدم أو البريد الإلكتروني لحسابك على إنستغرام.',
  passwordRequired: 'أدخل كلمة مرور إنستغرام.',
  passwordRetype: 'حفاظًا على أمانك مُسحت كلمة المرور. أدخلها مرة أخرى.',
  alreadyLinked: (name: string) => `حساب ${name} هذا مرتبط بالفعل.`,
  manageLinkedAccounts: 'إدارة الحسابات المرتبطة',
  connectedHeading: (name: string) => `تم ربط ${name}`,
  connectedAs: (username: string) => `تم تسجيل الدخول باسم ${username}.`,
  connectedSyncing: 'ستظهر محادثاتك بعد لحظات.',
  connectAnother: 'ربط حساب آخر',
};
