import { describe, expect, it } from 'vitest';
import { BOM, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('starts with the BOM, ends lines with CRLF and quotes what needs quoting', () => {
    const csv = toCsv(['编号', '说明'], [[1, '含,逗号'], [2, '含"引号"'], [3, '两\n行'], [4, null]]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['编号,说明', '1,"含,逗号"', '2,"含""引号"""', '3,"两\n行"', '4,', '']);
  });

  it('defuses text cells a spreadsheet would run as a formula, but not numbers', () => {
    const csv = toCsv(['a'], [['=1+1'], ['+86 123'], ['@SUM(A1)'], ['-x'], [-5]]);
    expect(csv.slice(1).split('\r\n').slice(1, 6)).toEqual(["'=1+1", "'+86 123", "'@SUM(A1)", "'-x", '-5']);
  });
});
