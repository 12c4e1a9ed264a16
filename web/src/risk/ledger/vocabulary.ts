/**
 * The ledger's words from the server (GET /api/ledger/vocabulary): statuses in lifecycle order, levels, their zh/en
 * labels, the transitions and the statuses that count as done. The risk view loads it once (QueryCache) and shares
 * it through this context; the chips, the status stepper, the filters and the level select read it. Which moves an
 * item allows now comes with the item itself (`item.next`): the web never decides that.
 */
import { createContext, useContext } from 'react';
import type { LedgerLevel, LedgerStatus, LedgerVocabulary } from '../api.ts';
import type { QueryState } from '../query.ts';
import { useRiskText } from '../text.ts';

export type VocabularyState = QueryState<LedgerVocabulary> & { reload(): void };

const VocabularyContext = createContext<VocabularyState>({ loading: true, reload: () => {} });
export const LedgerVocabularyProvider = VocabularyContext.Provider;

/** The vocabulary (undefined while it loads or after it failed) and names for statuses and levels (the id meanwhile). */
export function useLedgerVocabulary() {
  const state = useContext(VocabularyContext);
  const { l } = useRiskText();
  const vocabulary = state.data;
  const name = (entries: { id: string; label: { zh: string; en: string } }[] | undefined, id: string) => {
    const entry = entries?.find((e) => e.id === id);
    return entry ? l(entry.label) : id;
  };
  return {
    state,
    vocabulary,
    statusName: (status: LedgerStatus) => name(vocabulary?.statuses, status),
    levelName: (level: LedgerLevel) => name(vocabulary?.levels, level),
    /** Where a status stands in the lifecycle (-1 while the vocabulary is missing). */
    statusIndex: (status: LedgerStatus) => vocabulary?.statuses.findIndex((s) => s.id === status) ?? -1,
    isDone: (status: LedgerStatus) => vocabulary?.done.includes(status) ?? false,
  };
}
