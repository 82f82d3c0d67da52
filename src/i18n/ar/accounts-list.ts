import type { accountsListStrings as english } from '../en/accounts-list.js';
import { counted, num } from './format.js';

/** Strings of <accounts-list>. */
export const accountsListStrings: typeof english = {
  accountsHeading: 'الحسابات المرتبطة',
  accountsAdd: 'إضافة حساب',
  accountsLoading: 'جارٍ تحميل حساباتك…',
  accountsRetry: 'حاول مرة أخرى',
  accountsEmptyHeading: 'لا توجد حسابات بعد',
  accountsEmptyText: 'اربط حسابًا على واتساب أو تيليجرام أو إنستغرام للرد على محادثاته من هنا.',
  accountsFilterLabel: 'عرض الحسابات',
  accountsFilterAll: (count: number) => `الكل (${num(count)})`,
  accountsFilterType: (name: string, count: number) => `${name} (${num(count)})`,
  accountsGroupHeading: (name: string, count: number) =>
    `${name} · ${counted(count, { one: 'حساب واحد', two: 'حسابان', few: 'حسابات', many: 'حسابًا', other: 'حساب' })}`,
  accountsNoUsername: 'الاسم غير معروف بعد',
  accountsShowMore: (next: number, left: number) => `عرض ${num(next)} أخرى (${num(left)} غير معروضة)`,
  accountsShowing: (shown: number, total: number) => `يُعرض ${num(shown)} من ${num(total)} حساب.`,
  accountsStatusLabel: (status) =>
    ({
      OK: 'سليم',
      CONNECTING: 'جارٍ الاتصال',
      SYNC_SUCCESS: 'متزامن',
      CREDENTIALS: 'تغيّرت كلمة المرور',
      ERROR: 'خطأ',
      STOPPED: 'متوقف مؤقتًا',
      CREATION_FAIL: 'فشل الربط',
    })[status],
  accountsStatusAdvice: (status) =>
    ({
      OK: 'متصل ويعمل.',
      CONNECTING: 'يجري إعداد الحساب. يستغرق ذلك عادةً دقيقة.',
      SYNC_SUCCESS: 'المحادثات محدّثة.',
      CREDENTIALS: 'تغيّرت كلمة المرور. أعد ربط الحساب لتستمر في تلقي الرسائل.',
      ERROR: 'حدث خطأ في هذا الحساب. حدّثه؛ وإن لم يُجدِ ذلك فأعد ربطه.',
      STOPPED: 'الحساب متوقف مؤقتًا ولا يتلقى رسائل. حدّثه للتحقق، أو أعد ربطه.',
      CREATION_FAIL: 'لم يكتمل الربط برمز QR. أعد الربط للمحاولة مرة أخرى برمز جديد.',
    })[status],
  accountsUnknownStatusLabel: 'حالة غير معروفة',
  accountsUnknownStatusAdvice: (value: string) =>
    `تُبلغ الخدمة عن «${value}»، وهي حالة لا تعرفها هذه الصفحة. حدّث الحساب؛ وإن لم يُجدِ ذلك فأعد ربطه.`,
  accountsNotActive: 'غير نشط: لن تصل أي رسائل حتى تُعيد ربطه.',
  accountsSynced: (relative: string) => `آخر مزامنة ${relative}`,
  accountsNeverSynced: 'لم تتم المزامنة بعد',
  accountsRefresh: 'تحديث',
  accountsRefreshing: 'جارٍ التحديث…',
  accountsRefreshed: (label: string) => `تم التحديث. الحالة: ${label}.`,
  accountsReconnect: 'إعادة الربط',
  accountsDisconnect: 'فصل',
  accountsDisconnecting: 'جارٍ الفصل…',
  accountsConfirmDisconnect: (account: string) => `فصل ${account}؟`,
  accountsConfirmDisconnectText: 'ستتوقف محادثاته عن الوصول إلى هنا. يمكنك ربطه مرة أخرى لاحقًا.',
  accountsConfirmYes: 'نعم، افصله',
  accountsConfirmNo: 'أبقِه',
  accountsDisconnected: (account: string) => `تم فصل ${account}.`,
  accountsDisconnectRefused: (serverMessage?: string) =>
    `${serverMessage ?? 'لا يمكن فصل هذا الحساب الآن.'} يبقى الحساب مرتبطًا.`,
  accountsGone: 'لم يُعثر على هذا الحساب؛ ربما أُزيل بالفعل.',
  accountsUpdateFailed: (message: string) => `تعذّر تحديث القائمة. ${message}`,
  accountsReconnectHeading: (account: string) => `إعادة ربط ${account}`,
  accountsAddHeading: 'إضافة حساب',
  accountsPanelLoading: 'جارٍ التحميل…',
  accountsPanelFailed: 'تعذّر تحميل خطوات الربط. تحقّق من اتصالك، ثم أعد تحميل الصفحة.',
  accountsLinked: (account: string) => `تم ربط ${account}.`,
  accountsStillLinked: (name: string) =>
    `يربط ${name} هنا حسابًا واحدًا في كل مرة، ولا يزال أحدها مرتبطًا. افصله أولًا، ثم أعد الربط.`,
};
