/**
 * 尾矿库等别 (tailings pond grade) from total storage V (万m³) and total dam height H (m), GB 50863 / 尾矿库安全规程:
 *
 *   grade   V (万m³)          H (m)
 *     2     V ≥ 10000         H ≥ 100
 *     3     1000 ≤ V < 10000  60 ≤ H < 100
 *     4     100 ≤ V < 1000    30 ≤ H < 60
 *     5     V < 100           H < 30
 *
 * When the two disagree by one grade the higher one (smaller number) applies; by more than one, the higher one
 * plus one step down (smaller number + 1). Grade 1 (an upgraded grade 2 whose failure would be catastrophic) is set
 * by the authorities and never computed. Pure: no I/O.
 */

/** Lower bounds of grades 2, 3 and 4 (below the grade-4 bound is grade 5). */
export interface GradeBreaks {
  grade2: number;
  grade3: number;
  grade4: number;
}

export const DEFAULT_VOLUME_BREAKS_WAN_M3: GradeBreaks = { grade2: 10000, grade3: 1000, grade4: 100 };
export const DEFAULT_HEIGHT_BREAKS_M: GradeBreaks = { grade2: 100, grade3: 60, grade4: 30 };

/** Grade (2–5) of one quantity: the first band whose lower bound it reaches (a value on a bound takes the higher grade). */
export function gradeBy(value: number, breaks: GradeBreaks): 2 | 3 | 4 | 5 {
  if (value >= breaks.grade2) return 2;
  if (value >= breaks.grade3) return 3;
  if (value >= breaks.grade4) return 4;
  return 5;
}

/** Combines the grade by volume and the grade by height: one apart → the higher; more apart → the higher plus one. */
export function combineGrades(byVolume: number, byHeight: number): number {
  const higher = Math.min(byVolume, byHeight);
  return Math.abs(byVolume - byHeight) <= 1 ? higher : higher + 1;
}

export interface ComputedGrade {
  byVolume: number;
  byHeight: number;
  grade: number;
}

export function computeGrade(
  capacityWanM3: number,
  damHeightM: number,
  volumeBreaks: GradeBreaks = DEFAULT_VOLUME_BREAKS_WAN_M3,
  heightBreaks: GradeBreaks = DEFAULT_HEIGHT_BREAKS_M,
): ComputedGrade {
  const byVolume = gradeBy(capacityWanM3, volumeBreaks);
  const byHeight = gradeBy(damHeightM, heightBreaks);
  return { byVolume, byHeight, grade: combineGrades(byVolume, byHeight) };
}
