import { describe, expect, it } from 'vitest';
import { amountForInput, formatMoney, parseAmount } from './amount';
import { knownCurrencies } from './schema';

describe('parseAmount', () => {
  it.each([
    ['25000', 'en-US', 25000],
    ['25,000', 'en-US', 25000],
    ['25,000.50', 'en-US', 25000.5],
    ['25.000', 'de-DE', 25000],
    ['25.000,50', 'de-DE', 25000.5],
    ['1.234.567', 'de-DE', 1234567],
    ['25000.50', 'de-DE', 25000.5],
    ['1,5', 'en-US', 1.5],
    ['25 000,50', 'fr-FR', 25000.5],
    ["25'000.50", 'de-CH', 25000.5],
  ])('%s in %s is %s', (typed, locale, amount) => {
    expect(parseAmount(typed, locale)).toBe(amount);
  });

  it.each(['', 'abc', '-5', '0', '0,00', '12e3', '€25', '1..2.3x'])('%j is no amount', (typed) => {
    expect(parseAmount(typed, 'en-US')).toBeNull();
  });
});

describe('amounts and currencies for the rep', () => {
  it('writes an amount back as the locale types it', () => {
    expect(amountForInput(25000.5, 'de-DE')).toBe('25000,5');
    expect(parseAmount(amountForInput(1234.56, 'de-DE'), 'de-DE')).toBe(1234.56);
  });

  it('shows money as the locale writes it', () => {
    expect(formatMoney(25000, 'EUR', 'de-DE')).toBe('25.000\u00a0€');
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
  });

  it('knows the ISO 4217 currencies the browser knows', () => {
    expect(knownCurrencies()).toEqual(expect.arrayContaining(['EUR', 'USD', 'JPY', 'CHF']));
  });
});
