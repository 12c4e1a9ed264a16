/**
 * Every colour the map and its legend use, in one place. deck.gl takes [r, g, b, a] (0–255); CSS gets `css(c)`.
 * Risk grades follow the national four-colour scheme (重大红 / 较大橙 / 一般黄 / 低蓝); review results use fail / warn /
 * pass. Layer hues avoid those four so that a risk colour always means risk.
 */
export type RGBA = [number, number, number, number];

export function rgba(hex: string, alpha = 255): RGBA {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), alpha];
}

export function withAlpha(c: RGBA, alpha: number): RGBA {
  return [c[0], c[1], c[2], alpha];
}

export function css(c: RGBA): string {
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] / 255).toFixed(3)})`;
}

/** 风险四色: 重大 major / 较大 significant / 一般 general / 低 low. */
export const risk = {
  major: rgba('#d7191c'),
  significant: rgba('#f17c0e'),
  general: rgba('#f2c500'),
  low: rgba('#2c7bb6'),
} as const;
export type RiskLevel = keyof typeof risk;

/** Review verdicts (POST /api/checks): 不符合 fail / 需关注 warn / 符合 pass. */
export const status = {
  fail: rgba('#c62828'),
  warn: rgba('#e08a00'),
  pass: rgba('#2e7d32'),
} as const;

export const base = {
  land: '#f2efe6',
  water: '#a9cbe6',
  waterLine: '#8dbbe0',
  place: '#5b5b5b',
  text: rgba('#1f2933'),
  textMuted: rgba('#52606d'),
  halo: rgba('#ffffff', 230),
  selection: rgba('#00a3c4'),
  highlight: rgba('#00a3c4', 90),
};

export const layerColours = {
  miningRights: {
    metal: rgba('#6f4fa3'),
    nonmetal: rgba('#2a8c82'),
    construction_sand_gravel: rgba('#b08a2e'),
    building_stone: rgba('#8a6a55'),
    other: rgba('#5f6b7a'),
    inactive: rgba('#9aa1a9'),
  },
  tailings: {
    fill: rgba('#5fa7b8'),
    line: rgba('#1f5f70'),
    closed: rgba('#a7b4b8'),
    dam: rgba('#263238'),
    arrow: rgba('#7a2e0e'),
  },
  settlements: {
    town: rgba('#37474f'),
    village: rgba('#795548'),
    school: rgba('#6a1b9a'),
    hospital: rgba('#ad1457'),
    facility: rgba('#546e7a'),
    area: rgba('#d9b99b'),
  },
  rivers: {
    yellow_main: rgba('#1f6fb2'),
    yellow_tributary: rgba('#3b8ed0'),
    yangtze_main: rgba('#1f6fb2'),
    yangtze_tributary: rgba('#3b8ed0'),
    other: rgba('#79aedb'),
  },
  ridge: rgba('#7b4f2c'),
  restricted: rgba('#d32f2f'),
  ore: rgba('#8d7a2b'),
  admin: {
    province: rgba('#4a4a68'),
    county: rgba('#6d5a8c'),
    town: rgba('#9b8fb0'),
    label: rgba('#4b3a6b'),
  },
  evidence: {
    overlap: rgba('#d50000'),
    gap: rgba('#d50000'),
    buffer: rgba('#e65100'),
    ridge: rgba('#b71c1c'),
    corridor: rgba('#ff6f00'),
    hit: rgba('#00a3c4'),
  },
};

/** UI chrome colours (CSS). */
export const ui = {
  brand: '#1f4e79',
  border: '#d5dbe1',
  panel: '#ffffff',
};

/** A darker shade of a colour (for outlines and label text), keeping its alpha unless given. */
export function darker(c: RGBA, factor = 0.65, alpha = c[3]): RGBA {
  return [Math.round(c[0] * factor), Math.round(c[1] * factor), Math.round(c[2] * factor), alpha];
}
