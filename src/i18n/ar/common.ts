import type { commonStrings as english } from '../en/common.js';
import { seconds } from './format.js';

/** Strings shared by every element. */
export const commonStrings: typeof english = {
  errorUnauthorized: 'انتهت جلستك. أعد تحميل الصفحة وسجّل الدخول مرة أخرى.',
  errorForbidden: 'ليس لديك إذن بهذا الإجراء. اطلب الوصول من مالك الموقع.',
  errorNotFound: 'لم يُعثر على هذا العنصر. ربما أُزيل.',
  errorConflict: 'هذا الحساب مرتبط بالفعل.',
  errorValidation: (serverMessage?: string) =>
    serverMessage ?? 'بعض البيانات غير صحيحة. راجعها وحاول مرة أخرى.',
  errorRateLimited: (wait?: number) =>
    wait === undefined
      ? 'محاولات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.'
      : `محاولات كثيرة جدًا. حاول مرة أخرى بعد ${seconds(wait)}.`,
  errorServer: 'تواجه الخدمة مشكلة. حاول مرة أخرى بعد قليل.',
  errorNetwork: 'تعذّر الوصول إلى الخدمة. تحقّق من اتصالك وحاول مرة أخرى.',
  errorTimeout: 'استغرقت الخدمة وقتًا طويلًا في الرد. حاول مرة أخرى.',
  errorMalformed: 'أرسلت الخدمة ردًا تعذّرت قراءته. حاول مرة أخرى لاحقًا.',
  errorUnknown: 'حدث خطأ ما. حاول مرة أخرى.',
  errorLoadFailed: 'لم يُحمَّل جزء من هذه الأداة. تحقّق من اتصالك، ثم أعد تحميل الصفحة.',
  errorNotConfigured: 'هذه الأداة غير مُعدّة: تحتاج إلى base-url.',
  errorMisconfigured: (problem: string) => `هذه الأداة غير مُعدّة كما يجب: ${problem}`,
  reloadPage: 'أعد تحميل الصفحة',
  channelName: (channel: 'whatsapp' | 'telegram' | 'instagram' | 'max') =>
    ({ whatsapp: 'واتساب', telegram: 'تيليجرام', instagram: 'إنستغرام', max: 'MAX' })[channel],
  accountsAccountName: (channelName: string, username: string | null) =>
    username ? `${channelName} ${username}` : `حساب ${channelName}`,
};
