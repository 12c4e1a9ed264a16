/**
 * Who is acting (处理人): remembered in the browser between ledger entries, so a leader types their name once.
 * Not an identity: the ledger records what is typed, with every step.
 */
const KEY = 'minerisk.ledgerActor';

export function rememberedActor(): string {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberActor(actor: string): void {
  try {
    globalThis.localStorage?.setItem(KEY, actor.trim());
  } catch {
    // Not remembered; fine.
  }
}
