const numbers = new Intl.NumberFormat('en');

/** A count as English writes it, grouped: 1,234. */
export const num = (value: number): string => numbers.format(value);
