import { describe, expect, it } from 'vitest';
import { fmt, round } from './evidence.ts';

describe('fmt', () => {
  it('prints what Intl.NumberFormat prints, with or without its fast path below 1,000', () => {
    const values = [0, -0, 0.04, -0.04, 0.05, 0.95, 1.005, 12.35, -12.35, 49.96, 299.99, 999.94, 999.95, 1000, 1234.56, -98765.4321, 1e-7, 3e9];
    for (let i = 0; i < 2000; i++) values.push((i * 7919) % 2000 - 300 + i / 997);
    for (const digits of [0, 1, 2, 3]) {
      const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
      for (const v of values) expect(fmt(v, digits), `${v} to ${digits}`).toBe(intl.format(round(v, digits)));
    }
  });
});
