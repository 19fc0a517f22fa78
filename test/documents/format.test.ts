import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { isZero, itemMoney, money, percent, quantity } from '../../src/modules/documents/format.js';

/** The formatting as decimal.js alone gives it (each amount read into a Decimal). */
const group = (fixed: string) => {
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}$${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};
const byDecimal = {
  money: (v: number) => group(new Decimal(v).toFixed(2)),
  itemMoney: (v: number) => {
    const d = new Decimal(v);
    return group(d.toFixed(Math.min(8, Math.max(2, d.decimalPlaces()))));
  },
  quantity: (v: number) => {
    const d = new Decimal(v);
    return d.toFixed(Math.min(8, d.decimalPlaces()));
  },
  percent: (v: number) => `${new Decimal(v).toFixed(2)} %`,
  isZero: (v: number) => new Decimal(v).isZero(),
};

/** Amounts of every shape: 0 to 10 decimals, negative, tiny and huge (exponent forms), halves to round. */
function amounts(): number[] {
  let x = 0x1b873593;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const out = [0, -0, 1, 0.5, 0.005, 0.015, 1.005, 2.675, 0.1 + 0.2, 1e-7, 1.5e-7, 123456789.125, 1e21, 2.5e22, -1.005];
  for (let n = 0; n < 4000; n += 1) {
    const decimals = Math.floor(next() * 11);
    const magnitude = 10 ** Math.floor(next() * 9);
    const v = Number((next() * magnitude).toFixed(decimals));
    out.push(n % 9 === 0 ? -v : v);
  }
  return out;
}

describe('amounts printed on the versión legible and in the e-mail', () => {
  it('read as decimal.js reads them, to the last digit, for every shape of amount', () => {
    for (const v of amounts()) {
      expect({ v, money: money(v), itemMoney: itemMoney(v), quantity: quantity(v) }).toEqual({
        v,
        money: byDecimal.money(v),
        itemMoney: byDecimal.itemMoney(v),
        quantity: byDecimal.quantity(v),
      });
      expect({ v, percent: percent(v), isZero: isZero(v) }).toEqual({
        v,
        percent: byDecimal.percent(v),
        isZero: byDecimal.isZero(v),
      });
    }
    expect(itemMoney('12.5')).toBe('$12.50');
    expect(itemMoney(new Decimal('0.333333333'))).toBe('$0.33333333');
  });
});
