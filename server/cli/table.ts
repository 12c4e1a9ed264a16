/** Plain-text tables for the command line; widths count CJK characters as two columns. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.min(60, Math.max(width(h), ...rows.map((r) => width(r[i] ?? '')))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c ?? '', widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
