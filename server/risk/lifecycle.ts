/**
 * The hazard ledger's lifecycle (隐患排查治理台账): statuses, levels, the allowed transitions and what "overdue" means.
 * Pure data and functions; the store (ledger.ts) and the routes enforce it, the risk grading reads it.
 *
 *   open 待整改 → rectifying 整改中 → rectified 已整改待验收 → verified 已验收 → closed 已销号 (整改销号)
 *                                       └─ rectified → rectifying: verification failed, back to rectification (验收不合格退回)
 */
import type { Label } from '../layers/catalog.ts';

export const ledgerStatuses = ['open', 'rectifying', 'rectified', 'verified', 'closed'] as const;
export type LedgerStatus = (typeof ledgerStatuses)[number];

/** 隐患等级: the same four words as the risk grades (重大 / 较大 / 一般 / 低). */
export const ledgerLevels = ['major', 'significant', 'general', 'low'] as const;
export type LedgerLevel = (typeof ledgerLevels)[number];

export const statusLabels: Record<LedgerStatus, Label> = {
  open: { zh: '待整改', en: 'Open' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  rectified: { zh: '已整改待验收', en: 'Rectified' },
  verified: { zh: '已验收', en: 'Verified' },
  closed: { zh: '已销号', en: 'Closed' },
};

export const levelLabels: Record<LedgerLevel, Label> = {
  major: { zh: '重大', en: 'Major' },
  significant: { zh: '较大', en: 'Significant' },
  general: { zh: '一般', en: 'General' },
  low: { zh: '低', en: 'Low' },
};

/** Where each status may go next. Nothing leaves `closed`. */
export const transitions: Readonly<Record<LedgerStatus, readonly LedgerStatus[]>> = {
  open: ['rectifying'],
  rectifying: ['rectified'],
  rectified: ['verified', 'rectifying'],
  verified: ['closed'],
  closed: [],
};

/** Statuses in which an item no longer counts as open (rectification accepted, or delisted). */
export const doneStatuses: readonly LedgerStatus[] = ['verified', 'closed'];

/**
 * The lifecycle for people and for the web (GET /api/ledger/vocabulary): statuses in lifecycle order and levels
 * from the most serious, each with its zh/en label; where each status may go; the statuses that count as done.
 */
export function ledgerVocabulary() {
  return {
    statuses: ledgerStatuses.map((id) => ({ id, label: statusLabels[id] })),
    levels: ledgerLevels.map((id) => ({ id, label: levelLabels[id] })),
    transitions: Object.fromEntries(ledgerStatuses.map((s) => [s, [...transitions[s]]])) as Record<LedgerStatus, LedgerStatus[]>,
    done: [...doneStatuses],
  };
}

export function isDone(status: LedgerStatus): boolean {
  return doneStatuses.includes(status);
}

/** Why a transition is refused, or null when it is allowed. */
export function transitionProblem(from: LedgerStatus, to: LedgerStatus): string | null {
  if (transitions[from].includes(to)) return null;
  const allowed = transitions[from];
  return allowed.length
    ? `from "${from}" (${statusLabels[from].zh}) an item may go only to ${allowed.map((s) => `"${s}" (${statusLabels[s].zh})`).join(' or ')}`
    : `"${from}" (${statusLabels[from].zh}) is final: nothing follows it`;
}

/** Overdue 逾期: the deadline (YYYY-MM-DD) is before today and the item is neither verified nor closed. */
export function isOverdue(deadline: string, status: LedgerStatus, today: string): boolean {
  return deadline < today && !isDone(status);
}

/**
 * Deadlines are calendar dates in China (UTC+8 all year, no daylight saving since 1991), not in the server's zone.
 */
export const LEDGER_TIME_ZONE = 'Asia/Shanghai';
export const LEDGER_UTC_OFFSET = '+08:00';

/** Today's date (YYYY-MM-DD) in the ledger's time zone. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: LEDGER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
