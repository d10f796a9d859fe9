// Money as the rep types and reads it: opportunity sizes and won values.

export const browserLocale = () => (typeof navigator === 'undefined' ? undefined : navigator.language);

// Opportunity sizes are typed the way the rep's locale writes numbers ("25.000,50" in German,
// "25,000.50" in English) and kept as numbers.

function separators(locale: string | undefined): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return { group: parts.find((part) => part.type === 'group')?.value ?? ',', decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.' };
}

/**
 * An amount as the rep typed it, or null when it is not one. The last `.` or `,` decides: followed by
 * exactly three digits and being the locale's group separator, it groups thousands ("25.000" in
 * German, "25,000" in English); otherwise it is the decimal point ("25000.50" anywhere).
 */
export function parseAmount(typed: string, locale?: string): number | null {
  const text = typed.trim().replace(/[\s\u00a0\u202f'’_]/g, '');
  if (!/^\d[\d.,]*$/.test(text)) return null;
  const last = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
  let digits = text;
  if (last >= 0) {
    const mark = text[last]!;
    const after = text.slice(last + 1);
    const grouping = after.length === 3 && mark === separators(locale).group;
    const whole = text.slice(0, last).replace(/[.,]/g, '');
    digits = grouping ? `${whole}${after}` : `${whole}.${after}`;
  }
  const amount = Number(digits);
  return Number.isFinite(amount) && amount > 0 ? amount : null;
}

/** An amount as the rep's locale writes it, without grouping, for a field the rep edits. */
export function amountForInput(amount: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 2 }).format(amount);
}

/** An amount with its currency, as the rep's locale writes money ("€25,000", "25.000 €"). */
export function formatMoney(amount: number, currency: string, locale = browserLocale()): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: amount % 1 === 0 ? 0 : 2 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
