/**
 * CSV that Excel opens correctly in a Chinese locale: UTF-8 with a byte-order mark (without it Excel reads the file
 * as GBK and garbles every Chinese character), CRLF line ends, RFC 4180 quoting. Text cells that a spreadsheet would
 * take for a formula (= + - @, tab, CR) are prefixed with an apostrophe (OWASP "CSV injection").
 */
export type Cell = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

function cell(value: Cell, guard: boolean): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (guard && typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file, BOM first. `header` cells are written as given; other string cells are guarded. */
export function toCsv(header: string[], records: Cell[][]): string {
  const lines = [header.map((h) => cell(h, false)).join(','), ...records.map((r) => r.map((v) => cell(v, true)).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
