/**
 * The risk view's part of `window.__atlas` (web/src/testHook.ts): `__atlas.risk`, a read-out for the browser test
 * (tests/browser/risk.test.ts) and for people debugging in the console. Written by the view, never read by it.
 */
import { atlas } from '../testHook.ts';

export interface RiskReadout {
  /** The map is loaded, the scene's data has arrived and deck.gl has drawn it, and the map is not moving. */
  ready: boolean;
  /** Features (or areas, corridors…) drawn per risk layer module. */
  drawn: Record<string, number>;
  /** The labels are drawn too (on the first load they follow the areas by a frame or so). */
  labelled: boolean;
  /** Where the view is (the URL's route). */
  route: { area?: string; site?: string; show: string; tab: string; pond?: string; item?: number };
  /** The area whose detail panel is shown, with its grade. */
  area?: { code: string; name: string; grade: string; score: number };
  /** Error messages shown to the user. */
  errors: string[];
  /** Requests in flight. */
  loading: boolean;
}

declare module '../testHook.ts' {
  interface AtlasHook {
    risk?: RiskReadout;
  }
}

export function riskReadout(): RiskReadout {
  atlas.risk ??= { ready: false, drawn: {}, labelled: false, route: { show: 'areas', tab: 'ranking' }, errors: [], loading: false };
  return atlas.risk;
}
