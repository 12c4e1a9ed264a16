/**
 * Label placement: deck.gl's TextLayer draws every label it is given, so the map first keeps the labels that do not
 * collide on screen (highest priority first), like a map renderer's symbol placement. Pure: the projection is passed in.
 */
import type { LabelCandidate } from './layers/types.ts';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Approximate rendered width in pixels (CJK glyphs are square; Latin ones about 0.58 em). */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += CJK.test(ch) ? size : ch === ' ' ? size * 0.3 : size * 0.58;
  return w;
}

export function declutter(
  candidates: LabelCandidate[],
  project: (position: [number, number]) => { x: number; y: number },
  width: number,
  height: number,
  padding = 3,
): LabelCandidate[] {
  const placed: Box[] = [];
  const kept: LabelCandidate[] = [];
  const sorted = [...candidates].sort((a, b) => b.priority - a.priority || a.key.localeCompare(b.key));
  for (const c of sorted) {
    const p = project(c.position);
    const w = textWidth(c.text, c.size) / 2 + padding;
    const h = (c.size * 1.2) / 2 + padding;
    // A centred label (an area's name) may move one line up or down to make room.
    const offsets: [number, number][] = c.offset ? [c.offset] : [[0, 0], [0, c.size * 2], [0, -c.size * 2]];
    for (const offset of offsets) {
      const cx = p.x + offset[0];
      const cy = p.y + offset[1];
      const box = { x0: cx - w, y0: cy - h, x1: cx + w, y1: cy + h };
      if (box.x1 < 0 || box.y1 < 0 || box.x0 > width || box.y0 > height) break;
      if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
      placed.push(box);
      kept.push(offset === c.offset ? c : { ...c, offset });
      break;
    }
  }
  return kept;
}
