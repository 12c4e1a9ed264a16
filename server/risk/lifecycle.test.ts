import { describe, expect, it } from 'vitest';
import { isOverdue, ledgerStatuses, todayInChina, transitionProblem, transitions } from './lifecycle.ts';

describe('ledger lifecycle', () => {
  it('allows the forward path and the return from rectified to rectifying, nothing else', () => {
    const allowed = ledgerStatuses.flatMap((from) => ledgerStatuses.filter((to) => transitionProblem(from, to) === null).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['open→rectifying', 'rectifying→rectified', 'rectified→rectifying', 'rectified→verified', 'verified→closed']);
    expect(transitions.closed).toEqual([]);
    expect(transitionProblem('open', 'closed')).toContain('"rectifying"');
    expect(transitionProblem('closed', 'open')).toContain('final');
  });

  it('calls an item overdue when its deadline is before today and it is neither verified nor closed', () => {
    expect(isOverdue('2025-03-01', 'rectifying', '2025-03-02')).toBe(true);
    expect(isOverdue('2025-03-02', 'open', '2025-03-02')).toBe(false);
    expect(isOverdue('2025-03-01', 'verified', '2025-03-02')).toBe(false);
    expect(isOverdue('2025-03-01', 'closed', '2025-03-02')).toBe(false);
  });

  it('counts days in China time (UTC+8)', () => {
    expect(todayInChina(new Date('2025-01-01T15:59:59Z'))).toBe('2025-01-01');
    expect(todayInChina(new Date('2025-01-01T16:00:00Z'))).toBe('2025-01-02');
  });
});
