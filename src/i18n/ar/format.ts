const numbers = new Intl.NumberFormat('ar');
const plurals = new Intl.PluralRules('ar');

/** A number in Arabic digits as Intl writes them for `ar`. */
export const num = (value: number): string => numbers.format(value);

/** Arabic counted noun: one, two, three to ten, eleven to ninety-nine, and the rest. */
export function counted(
  value: number,
  forms: { one: string; two: string; few: string; many: string; other: string },
): string {
  const rule = plurals.select(value);
  if (rule === 'one') return forms.one;
  if (rule === 'two') return forms.two;
  const noun = rule === 'few' ? forms.few : rule === 'many' ? forms.many : forms.other;
  return `${num(value)} ${noun}`;
}

/** "ثانية واحدة", "ثانيتين", "٥ ثوانٍ", "٣٠ ثانية". */
export const seconds = (value: number): string =>
  counted(value, { one: 'ثانية واحدة', two: 'ثانيتين', few: 'ثوانٍ', many: 'ثانية', other: 'ثانية' });
