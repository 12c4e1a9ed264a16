/**
 * Demo region generator: MineRisk Atlas 矿山风险一张图, the Fen River / Yellow River confluence
 * between Hejin 河津 (Shanxi 山西) and Hancheng 韩城 (Shaanxi 陕西), with Wanrong 万荣 south of the Fen.
 *
 *   npx tsx data/demo/generate.ts            # writes geo-fixtures/demo/** and self-checks every expectation
 *   npx tsx data/demo/generate.ts --check    # self-check only, writes nothing
 *
 * Deterministic: fixed-seed PRNG (mulberry32 seeded per feature id), no Math.random, no clock in the output.
 * The only thing read from the clock is the current year, used by the self-check of `tailings-closure`
 * (idle > 3 years), never written to a file.
 *
 * What is real: the river centre lines (Natural Earth 1:10m, public domain; the vertices we use are embedded
 * below and verified against ../shared/reference when that folder is present) and the position and
 * population of Hancheng (Natural Earth populated places). Everything else is made up for the demo.
 *
 * The self-check at the end re-implements the 14 rules of docs/rules.md with turf (spherical distances, metres)
 * and fails loudly when
 *   - an `expect` written on a stored feature (audit: each stored feature against all other stored features)
 *     or on a proposal (check: the proposal against everything stored) does not hold;
 *   - a stored feature or proposal gets a `fail` or `warn` that its `expect` does not list (so features that are
 *     not deliberate cases stay clear of trouble, and deliberate ones list their side effects);
 *   - a geometry is invalid (open ring, self-intersection, clockwise outer ring, > 7 decimals, ...);
 *   - the admin areas do not tile (counties among themselves, towns inside their county).
 */
import * as turf from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(REPO, 'geo-fixtures/demo');
const REFERENCE = process.env.NE_REFERENCE_DIR ?? resolve(REPO, '../shared/reference');
const CHECK_ONLY = process.argv.includes('--check');
const CURRENT_YEAR = new Date().getFullYear();

/** The demo box [w, s, e, n]: counties, rivers and red line are cut to it. */
const BOX: [number, number, number, number] = [110.2, 35.2, 111.0, 35.85];
/** Provinces are drawn a little larger than the box (rough polygons). */
const PROV_BOX: [number, number, number, number] = [110.0, 35.1, 111.3, 35.95];

// ---------------------------------------------------------------------------------------------------------------
// Natural Earth 1:10m (public domain). ne_10m_rivers: feature name "Huang", name_en "Huang", featurecla "River",
// the run of vertices of its part 1 that passes Hejin/Hancheng; and feature "Fen" from just east of the box to its
// mouth. ne_10m_populated_places: Hancheng. Embedded so that the script runs on a machine without the reference
// folder; verified against it when present.
// ---------------------------------------------------------------------------------------------------------------
const NE_HUANG: Position[] = [
  [110.49749, 35.9796], [110.50066, 35.93313], [110.50595, 35.91197], [110.50709, 35.90082], [110.51075, 35.88679],
  [110.51954, 35.88508], [110.53069, 35.88703], [110.54127, 35.88382], [110.56015, 35.84915], [110.57545, 35.71247],
  [110.61134, 35.63772], [110.61964, 35.59719], [110.60263, 35.55423], [110.57276, 35.52794], [110.55592, 35.50849],
  [110.55844, 35.49958], [110.56275, 35.49075], [110.55926, 35.47081], [110.55274, 35.4499], [110.54746, 35.43818],
  [110.53753, 35.42776], [110.52345, 35.41657], [110.5088, 35.40766], [110.49619, 35.404], [110.46827, 35.35602],
  [110.45875, 35.34313], [110.44483, 35.33503], [110.4371, 35.32233], [110.43165, 35.30781], [110.42457, 35.29413],
  [110.41725, 35.2864], [110.37257, 35.25532], [110.3576, 35.23823], [110.33513, 35.19794], [110.32618, 35.1492],
  [110.31691, 35.12568], [110.31048, 35.09089],
];
const NE_FEN: Position[] = [
  [111.08863, 35.58893], [110.99, 35.57864], [110.95899, 35.58893], [110.94394, 35.57929], [110.92115, 35.57294],
  [110.79444, 35.56163], [110.80071, 35.56163], [110.78248, 35.55789], [110.76783, 35.56082], [110.75424, 35.56578],
  [110.73927, 35.56847], [110.72161, 35.56403], [110.70411, 35.55382], [110.67783, 35.53437], [110.58155, 35.48188],
  [110.55486, 35.4586],
];
const NE_HANCHENG = { coordinates: [110.42999, 35.47043] as Position, popMax: 222135 };

// ---------------------------------------------------------------------------------------------------------------
// Small deterministic helpers
// ---------------------------------------------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hashStr(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
/** One PRNG per key, so editing one feature never shifts the random numbers of another. */
const rngFor = (key: string) => mulberry32(hashStr(`minerisk-demo-v1:${key}`));

const r7 = (x: number) => Math.round(x * 1e7) / 1e7;
const rp = (p: Position): Position => [r7(p[0]), r7(p[1])];
const deg = Math.PI / 180;

type XY = [number, number];
/** A local east/north frame in metres around (lon0, lat0), ellipsoidal metres-per-degree. Fine for a few km. */
interface Frame {
  ll(p: XY): Position;
  xy(p: Position): XY;
}
function frame(lon0: number, lat0: number): Frame {
  const f = lat0 * deg;
  const my = 111132.954 - 559.822 * Math.cos(2 * f) + 1.175 * Math.cos(4 * f);
  const mx = 111412.84 * Math.cos(f) - 93.5 * Math.cos(3 * f) + 0.118 * Math.cos(5 * f);
  return {
    ll: ([x, y]) => rp([lon0 + x / mx, lat0 + y / my]),
    xy: ([lon, lat]) => [(lon - lon0) * mx, (lat - lat0) * my],
  };
}

/** Twice the signed area (shoelace) of a ring in lon/lat; > 0 is counter-clockwise. */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}
/** Round, drop repeated points, close, orient (outer CCW, holes CW: RFC 7946). */
function cleanRing(pts: Position[], outer = true): Position[] {
  const out: Position[] = [];
  for (const p of pts.map(rp)) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  const ccw = signedArea2(out) > 0;
  if (ccw !== outer) out.reverse();
  return out;
}
const ringXY = (F: Frame, pts: XY[], outer = true) => cleanRing(pts.map((p) => F.ll(p)), outer);

/** A star-shaped irregular polygon (never self-intersecting): n corners around (cx, cy). */
function blobXY(rng: () => number, cx: number, cy: number, rx: number, ry: number, n: number, rotDeg = 0, jit = 0.18): XY[] {
  const pts: XY[] = [];
  const rot = rotDeg * deg;
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n + (rng() - 0.5) * ((2 * Math.PI) / n) * 0.5;
    const r = 1 + (rng() - 0.5) * 2 * jit;
    const x = Math.cos(a) * rx * r;
    const y = Math.sin(a) * ry * r;
    pts.push([cx + x * Math.cos(rot) - y * Math.sin(rot), cy + x * Math.sin(rot) + y * Math.cos(rot)]);
  }
  return pts;
}
const polyG = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const multiG = (...polys: Position[][][]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: polys });
const lineG = (F: Frame, pts: XY[]): LineString => ({ type: 'LineString', coordinates: pts.map((p) => F.ll(p)) });
const pointG = (p: Position): Point => ({ type: 'Point', coordinates: rp(p) });
const dest = (p: Position, m: number, bearing: number): Position =>
  rp(turf.destination(p, m, bearing, { units: 'meters' }).geometry.coordinates);

/** Linear interpolation of a polyline y(x) in the local frame (for drawing boundaries along a ridge). */
function yAt(line: XY[], x: number): number {
  for (let i = 0; i < line.length - 1; i++) {
    const [x1, y1] = line[i];
    const [x2, y2] = line[i + 1];
    if ((x - x1) * (x - x2) <= 0 && x1 !== x2) return y1 + ((y2 - y1) * (x - x1)) / (x2 - x1);
  }
  throw new Error(`x=${x} outside the polyline`);
}

type Json = Record<string, unknown>;
type Status = 'fail' | 'warn' | 'pass' | 'not_applicable';
type Expect = Record<string, Status>;
interface Feat {
  type: 'Feature';
  properties: Json & { id: string; name: string };
  geometry: Geometry;
  expect?: Expect;
}
/** Why each expectation holds (README only; never written into the GeoJSON). */
const WHY = new Map<string, Record<string, string>>();
function feat(properties: Feat['properties'], geometry: Geometry, expect?: Expect, why?: Record<string, string>): Feat {
  const f: Feat = { type: 'Feature', properties, geometry };
  if (expect) f.expect = expect;
  if (why) WHY.set(properties.id, why);
  return f;
}

// ---------------------------------------------------------------------------------------------------------------
// Rivers (real) and the river-based cut lines for the admin areas
// ---------------------------------------------------------------------------------------------------------------
function verifyAgainstReference(): void {
  const file = join(REFERENCE, 'ne_10m_rivers_yellow_river_basin.geojson');
  if (!existsSync(file)) {
    console.log(`(reference folder ${REFERENCE} not found: using the embedded Natural Earth vertices unverified)`);
    return;
  }
  const rivers = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
  const parts = (g: Geometry): Position[][] =>
    g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
  const contains = (hay: Position[], needle: Position[]) => {
    const key = (p: Position) => `${p[0]},${p[1]}`;
    const h = hay.map(key).join(';');
    return h.includes(needle.map(key).join(';'));
  };
  const huang = rivers.features.find(
    (f) => f.properties?.name === 'Huang' && f.properties?.name_en === 'Huang' && f.properties?.featurecla === 'River',
  );
  const fen = rivers.features.find((f) => f.properties?.name === 'Fen');
  if (!huang || !parts(huang.geometry).some((p) => contains(p, NE_HUANG))) throw new Error('embedded Huang vertices do not match the reference');
  if (!fen || !parts(fen.geometry).some((p) => contains(p, NE_FEN))) throw new Error('embedded Fen vertices do not match the reference');
  const places = JSON.parse(readFileSync(join(REFERENCE, 'ne_10m_populated_places_yellow_river_basin.geojson'), 'utf8')) as FeatureCollection;
  const hc = places.features.find((f) => f.properties?.name === 'Hancheng');
  const c = (hc?.geometry as Point | undefined)?.coordinates;
  if (!hc || !c || c[0] !== NE_HANCHENG.coordinates[0] || c[1] !== NE_HANCHENG.coordinates[1] || hc.properties?.pop_max !== NE_HANCHENG.popMax)
    throw new Error('embedded Hancheng does not match the reference');
  const inBox = places.features.filter((f) => {
    const [x, y] = (f.geometry as Point).coordinates;
    return x >= BOX[0] - 0.3 && x <= BOX[2] + 0.3 && y >= BOX[1] - 0.3 && y <= BOX[3] + 0.3;
  });
  console.log(`reference verified; Natural Earth places within 0.3° of the box: ${inBox.map((f) => `${f.properties?.name} [${(f.geometry as Point).coordinates}]`).join(', ')}`);
}

/** The part of a north→south polyline between the crossings of y = north and y = south (each crossed once). */
function cutBand(line: Position[], south: number, north: number): Position[] {
  const cross = (y: number) => {
    const hits: number[] = [];
    for (let i = 0; i < line.length - 1; i++) if ((line[i][1] - y) * (line[i + 1][1] - y) < 0) hits.push(i);
    if (hits.length !== 1) throw new Error(`line crosses y=${y} ${hits.length} times`);
    const i = hits[0];
    const [a, b] = [line[i], line[i + 1]];
    return { i, p: [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y] as Position };
  };
  const n = cross(north);
  const s = cross(south);
  return [n.p, ...line.slice(n.i + 1, s.i + 1), s.p];
}
/** The part of an east→west polyline west of x = east (crossed once). */
function cutWest(line: Position[], east: number): Position[] {
  for (let i = 0; i < line.length - 1; i++) {
    const [a, b] = [line[i], line[i + 1]];
    if (a[0] > east && b[0] <= east) return [[east, a[1] + ((b[1] - a[1]) * (east - a[0])) / (b[0] - a[0])], ...line.slice(i + 1)];
  }
  throw new Error('no crossing');
}
/** Nearest point on a polyline (local planar projection; the lines here are short). Returns the point and segment. */
function projectOnLine(line: Position[], p: Position): { p: Position; seg: number } {
  const F = frame(p[0], p[1]);
  let best = { d: Infinity, p: line[0], seg: 0 };
  for (let i = 0; i < line.length - 1; i++) {
    const a = F.xy(line[i]);
    const b = F.xy(line[i + 1]);
    const v: XY = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, (-a[0] * v[0] - a[1] * v[1]) / (v[0] * v[0] + v[1] * v[1])));
    const q: XY = [a[0] + t * v[0], a[1] + t * v[1]];
    const d = Math.hypot(q[0], q[1]);
    if (d < best.d) best = { d, p: F.ll(q), seg: i };
  }
  return best;
}

// The Fen's Natural Earth mouth lies ~55 m west of the Huang line; for the admin cut we snap it onto the Huang.
const FEN_MOUTH = NE_FEN[NE_FEN.length - 1];
const CONFLUENCE = projectOnLine(NE_HUANG, FEN_MOUTH);
const HUANG_WITH_C: Position[] = [
  ...NE_HUANG.slice(0, CONFLUENCE.seg + 1),
  CONFLUENCE.p,
  ...NE_HUANG.slice(CONFLUENCE.seg + 1),
];

function riverFeatures(): Feat[] {
  const clip = (coords: Position[]) => {
    const g = turf.bboxClip(turf.lineString(coords), BOX).geometry;
    if (g.type === 'LineString') return { type: 'LineString', coordinates: g.coordinates.map(rp) } as LineString;
    return { type: 'MultiLineString', coordinates: (g as MultiLineString).coordinates.map((l) => l.map(rp)) } as MultiLineString;
  };
  const F2 = frame(110.745, 35.64);
  const src = 'Natural Earth 1:10m rivers (public domain), clipped to the demo box';
  return [
    feat({ id: 'RV-HUANG', name: '黄河', nameEn: 'Yellow River (Huang He), main stem', riverClass: 'yellow_main', source: src }, clip(NE_HUANG)),
    feat({ id: 'RV-FEN', name: '汾河', nameEn: 'Fen River', riverClass: 'yellow_tributary', source: src }, clip(NE_FEN)),
    // Made up, approximate courses (real names): no rule reads `other` rivers; they make the map readable.
    feat(
      { id: 'RV-JUSHUI', name: '澽水（示意）', nameEn: 'Ju River (course made up, approximate)', riverClass: 'other', source: 'made up (demo)' },
      { type: 'LineString', coordinates: [[110.27, 35.625], [110.32, 35.6], [110.36, 35.56], [110.4, 35.505], [110.43, 35.48], [110.48, 35.455], [110.52, 35.44], [110.538, 35.428]] },
    ),
    feat(
      { id: 'RV-ZHEMAYU', name: '遮马峪河（示意）', nameEn: 'Zhemayu stream (course made up, approximate)', riverClass: 'other', source: 'made up (demo)' },
      lineG(F2, [[2600, 7600], [2100, 5200], [800, 3100], [-600, 800], [-1400, -2400], [-1500, -8400]]),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Admin areas: provinces and counties cut by the Yellow River (and the Fen between Hejin and Wanrong)
// ---------------------------------------------------------------------------------------------------------------
function clipPoly(ring: Position[], bbox: [number, number, number, number]): Position[] {
  const g = turf.bboxClip(turf.polygon([ring]), bbox).geometry as Polygon;
  return cleanRing(g.coordinates[0]);
}
function adminFeatures(): Feat[] {
  const [w, s, e, n] = BOX;
  const huang = cutBand(HUANG_WITH_C, s, n);
  const ci = huang.findIndex((p) => p === CONFLUENCE.p);
  const huangN = huang.slice(0, ci + 1); // Ncross … C
  const huangS = huang.slice(ci); // C … Scross
  const fen = cutWest(NE_FEN, e).slice(0, -1).concat([CONFLUENCE.p]); // Efen … C (east → west)
  const ncross = huang[0];
  const scross = huang[huang.length - 1];
  const hejin = cleanRing([ncross, [e, n], ...fen, ...[...huangN].reverse().slice(1)]);
  const wanrong = cleanRing([CONFLUENCE.p, ...[...fen].reverse().slice(1), [e, s], scross, ...[...huangS].reverse().slice(1)]);
  const hancheng = cleanRing([[w, n], ...huangN, ...huangS.slice(1), [w, s], [w, n]]);

  const [pw, ps, pe, pn] = PROV_BOX;
  const ph = cutBand(HUANG_WITH_C, ps, pn);
  const shanxi = cleanRing([ph[0], [pe, pn], [pe, ps], ...[...ph].reverse()]);
  const shaanxi = cleanRing([[pw, pn], ...ph, [pw, ps], [pw, pn]]);

  const remark = '边界示意 approximate boundaries (cut along the Natural Earth river lines; not official)';
  // English names in pinyin: a county-level city without 市 (Hejin), a county with County, 镇 Town, 乡 Township,
  // 街道 Subdistrict.
  const county = (id: string, name: string, nameEn: string, code: string, parentCode: string, ring: Position[]) =>
    feat({ id, name, nameEn, code, level: 'county', parentCode, remark }, polyG(ring));
  const town = (id: string, name: string, nameEn: string, code: string, parentCode: string, ring: Position[], tile: [number, number, number, number]) =>
    feat({ id, name, nameEn, code, level: 'town', parentCode, remark }, polyG(clipPoly(ring, tile)));
  const provinceRemark = '示意 rough polygon, drawn slightly larger than the demo box';
  return [
    feat({ id: 'AD-140000', name: '山西省', nameEn: 'Shanxi Province', code: '140000', level: 'province', remark: provinceRemark }, polyG(shanxi)),
    feat({ id: 'AD-610000', name: '陕西省', nameEn: 'Shaanxi Province', code: '610000', level: 'province', remark: provinceRemark }, polyG(shaanxi)),
    county('AD-140882', '河津市', 'Hejin', '140882', '140800', hejin),
    county('AD-140822', '万荣县', 'Wanrong County', '140822', '140800', wanrong),
    county('AD-610581', '韩城市', 'Hancheng', '610581', '610500', hancheng),
    town('AD-140882001', '城区街道', 'Chengqu Subdistrict', '140882001', '140882', hejin, [109, 34, 110.78, 35.7]),
    town('AD-140882100', '僧楼镇', 'Senglou Town', '140882100', '140882', hejin, [110.78, 34, 112, 35.7]),
    town('AD-140882200', '下化乡', 'Xiahua Township', '140882200', '140882', hejin, [109, 35.7, 112, 37]),
    town('AD-140822100', '解店镇', 'Jiedian Town', '140822100', '140822', wanrong, [110.7, 35.38, 112, 37]),
    town('AD-140822101', '荣河镇', 'Ronghe Town', '140822101', '140822', wanrong, [109, 34, 110.7, 37]),
    town('AD-140822200', '皇甫乡', 'Huangfu Township', '140822200', '140822', wanrong, [110.7, 34, 112, 35.38]),
    town('AD-610581001', '新城街道', 'Xincheng Subdistrict', '610581001', '610581', hancheng, [109, 35.4, 112, 35.6]),
    town('AD-610581100', '龙门镇', 'Longmen Town', '610581100', '610581', hancheng, [109, 35.6, 112, 37]),
    town('AD-610581101', '芝川镇', 'Zhichuan Town', '610581101', '610581', hancheng, [109, 34, 112, 35.4]),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Site frames (origins of the local designs). Distances below are metres in these frames.
// ---------------------------------------------------------------------------------------------------------------
const S = {
  overlap: frame(110.94, 35.8), // S4 overlap fail (different holders)
  layered: frame(110.86, 35.8), // S3 layered rights, same holder (warn) + ore body shared by one holder
  pillar: frame(110.78, 35.8), // S2 pillar fail (25 m)
  ore: frame(110.7, 35.8), // S1 ore body under two holders (fail), pillar pass (150 m)
  closedNb: frame(110.94, 35.64), // S10 pillar pass next to a closed right, ore body with one right
  ridgeFail: frame(110.7, 35.72), // S5 two quarries cut one ridge from both sides
  ridgeTouch: frame(110.94, 35.72), // S8 a quarry touching a ridge at one corner
  ridgeAway: frame(110.33, 35.7), // Hancheng ridge, a quarry 80 m away
  ridgeWr: frame(110.78, 35.36), // Wanrong 孤山 ridge, used by a proposal
  hazardA: frame(110.78, 35.72), // S6 unsurveyed goaf (fail) + treated goaf (pass)
  hazardB: frame(110.86, 35.72), // S7 surveyed significant old workings (warn) + near goaf (warn)
  hazardC: frame(110.62, 35.37), // S11 surveyed general closed mine (pass) + Wanrong min-scale pass
  water: frame(110.815, 35.635), // S9 water-source protection area
  river: frame(110.43, 35.3), // W1 mining rights ~2 km and ~4.5 km from the Yellow River
  slope: frame(110.9, 35.45), // W2 four limestone quarries: slope fail / warn / pass / pass
  reserve: frame(110.558, 35.465), // wetland nature reserve at the confluence
};
const RIDGE_FAIL_LINE: XY[] = [[-2400, -250], [-1300, -120], [-600, -30], [0, 0], [600, 40], [1300, 130], [2300, 320]];
const RIDGE_TOUCH_LINE: XY[] = [[-2000, -400], [-800, -150], [0, 0], [700, 170], [1800, 300]];
const RIDGE_AWAY_LINE: XY[] = [[-2000, -300], [-900, -100], [0, 0], [1000, 200], [2000, 250]];
const RIDGE_WR_LINE: XY[] = [[-1800, -200], [-700, -50], [0, 0], [800, -80], [1700, -250]];

function ridgeFeatures(): Feat[] {
  const src = 'made up (demo): crest lines drawn for the rule cases, not surveyed';
  const F5 = frame(110.4, 35.8);
  return [
    feat({ id: 'RL-01', name: '龙门山南支山脊（示意）', source: src }, lineG(S.ridgeFail, RIDGE_FAIL_LINE)),
    feat({ id: 'RL-02', name: '僧楼北山山脊（示意）', source: src }, lineG(S.ridgeTouch, RIDGE_TOUCH_LINE)),
    feat({ id: 'RL-03', name: '梁山东段山脊（示意）', source: src }, lineG(S.ridgeAway, RIDGE_AWAY_LINE)),
    feat({ id: 'RL-04', name: '孤山山脊（示意）', source: src }, lineG(S.ridgeWr, RIDGE_WR_LINE)),
    feat({ id: 'RL-05', name: '梁山北段山脊（示意）', source: src }, lineG(F5, [[-2500, -600], [-1200, -250], [0, 0], [1300, 380], [2400, 900]])),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Restricted zones, hazard zones, ore bodies
// ---------------------------------------------------------------------------------------------------------------
const WATER_SOURCE: XY[] = [[-1300, -200], [-1000, -700], [-200, -900], [600, -800], [1200, -400], [1300, 200], [900, 700], [0, 900], [-900, 650], [-1320, 250]];
const RESERVE: XY[] = [[-1600, -3200], [0, -3600], [1500, -2800], [1900, -800], [1800, 1200], [1200, 3300], [-300, 3600], [-1500, 2600], [-1900, 400], [-1800, -1600]];

function restrictedFeatures(): Feat[] {
  // Ecological red line along the Yellow River: 800 m either side of the Natural Earth centre line, cut to the box.
  const buf = turf.buffer(turf.lineString(HUANG_WITH_C), 800, { units: 'meters', steps: 6 }) as Feature<Polygon>;
  const red = clipPoly(buf.geometry.coordinates[0], BOX);
  const hejinCity = frame(110.712, 35.6);
  return [
    feat(
      { id: 'RZ-ECO-01', name: '黄河岸线生态保护红线（示意）', zoneType: 'ecological_red_line', source: 'made up (demo): 800 m either side of the Natural Earth centre line' },
      polyG(red),
    ),
    feat(
      { id: 'RZ-NR-01', name: '黄河湿地自然保护区（汾河口段，示意）', zoneType: 'nature_reserve', source: 'made up (demo): shape invented; wetland reserves do exist along this stretch of the Yellow River' },
      polyG(ringXY(S.reserve, RESERVE)),
    ),
    feat(
      { id: 'RZ-WS-01', name: '河津市北山岩溶水水源地保护区（示意）', zoneType: 'water_source', source: 'made up (demo)' },
      polyG(ringXY(S.water, WATER_SOURCE)),
    ),
    feat(
      { id: 'RZ-NM-01', name: '河津市城区禁采区（示意）', zoneType: 'no_mining', source: 'made up (demo)' },
      polyG(ringXY(hejinCity, blobXY(rngFor('RZ-NM-01'), 0, 0, 3000, 2400, 12, 0, 0.06))),
    ),
  ];
}

const HZ03: XY[] = [[400, -350], [800, -420], [1100, -100], [1050, 300], [700, 420], [400, 350]];
function hazardFeatures(): Feat[] {
  const src = 'made up (demo)';
  const z = (id: string, name: string, hazardType: string, surveyStatus: string, level: string, g: Polygon) =>
    feat({ id, name, hazardType, surveyStatus, level, source: src }, g);
  const b = (id: string, F: Frame, cx: number, cy: number, rx: number, ry: number, n = 10, jit = 0.06) =>
    polyG(ringXY(F, blobXY(rngFor(id), cx, cy, rx, ry, n, 0, jit)));
  const hz08 = hazardNearPond();
  return [
    z('HZ-01', '下化北采空区（未普查）', 'goaf', 'unsurveyed', 'major', b('HZ-01', S.hazardA, -700, 0, 420, 320)),
    z('HZ-02', '清涧老窑区（已普查，较大）', 'old_workings', 'surveyed', 'significant', b('HZ-02', S.hazardB, -1100, 0, 380, 300)),
    z('HZ-03', '岭后采空区（已普查，一般）', 'goaf', 'surveyed', 'general', polyG(ringXY(S.hazardB, HZ03))),
    z('HZ-04', '西坡采空区（已治理）', 'goaf', 'treated', 'general', b('HZ-04', S.hazardA, 1000, 0, 350, 300)),
    z('HZ-05', '孤山原铁矿闭坑区（已普查，一般）', 'closed_mine', 'surveyed', 'general', b('HZ-05', S.hazardC, -100, 0, 250, 230, 9, 0.05)),
    z('HZ-06', '龙门山前老空积水区（已普查，较大）', 'water', 'surveyed', 'significant', b('HZ-06', frame(110.68, 35.64), 0, 0, 500, 350)),
    z('HZ-07', '孤峰岩溶发育区（未普查）', 'karst', 'unsurveyed', 'significant', b('HZ-07', frame(110.88, 35.36), 450, 0, 300, 220)),
    z('HZ-08', '王峰老窑区（已普查，一般）', 'old_workings', 'surveyed', 'general', hz08),
    z('HZ-09', '薛峰煤矿采空区（未普查）', 'goaf', 'unsurveyed', 'major', b('HZ-09', frame(110.35, 35.52), 0, 0, 700, 450, 11)),
    z('HZ-10', '下峪口断层破碎带（已普查，低）', 'fault', 'surveyed', 'low', polyG(ringXY(frame(110.48, 35.6), [[-1000, -120], [1000, 180], [1000, 330], [-1000, 30]]))),
  ];
}

function oreFeatures(): Feat[] {
  const src = 'made up (demo)';
  return [
    feat(
      { id: 'OB-01', name: '樊村北铁矿体', mineral: 'iron', resourceWanT: 1850, source: src },
      polyG(ringXY(S.ore, [[-650, 80], [-600, -300], [-560, -1050], [0, -1180], [520, -1050], [600, -300], [680, 100], [300, 330], [-300, 320]])),
      undefined,
    ),
    feat({ id: 'OB-02', name: '小梁铜矿体', mineral: 'copper', resourceWanT: 420, source: src }, polyG(ringXY(S.closedNb, [[-850, -250], [-400, -320], [-200, -100], [-250, 250], [-600, 300], [-900, 100]]))),
    feat({ id: 'OB-03', name: '龙门铁矿体', mineral: 'iron', resourceWanT: 2600, source: src }, polyG(ringXY(S.layered, [[-500, -300], [100, -420], [600, -250], [650, 150], [200, 320], [-450, 250], [-560, 0]]))),
    feat({ id: 'OB-04', name: '通化石灰岩矿体', mineral: 'limestone', resourceWanT: 5200, source: src }, polyG(ringXY(S.slope, [[400, -200], [650, -260], [800, 0], [700, 220], [450, 180]]))),
    feat({ id: 'OB-05', name: '下化白云岩矿体（未设权）', mineral: 'dolomite', resourceWanT: 900, source: src }, polyG(ringXY(frame(110.7, 35.68), blobXY(rngFor('OB-05'), 0, 0, 450, 320, 9, 10, 0.08)))),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Mining rights
// ---------------------------------------------------------------------------------------------------------------
const MINERAL_GROUP: Record<string, string> = {
  iron: 'metal', copper: 'metal', limestone: 'nonmetal', dolomite: 'nonmetal', clay: 'nonmetal',
  sand_gravel: 'construction_sand_gravel', granite: 'building_stone',
};
interface RightSpec {
  id: string;
  name: string;
  holder: string;
  mineral: string;
  method: 'underground' | 'open_pit' | 'mixed';
  status: string;
  cap: number;
  top: number;
  bottom: number;
  slope?: number;
  mon?: 'none' | 'system' | 'online';
  year: number;
  geom: Polygon | MultiPolygon;
  county?: 'HJ' | 'WR' | 'HC'; // defaults to the county in the id (MR-HJ-…)
  expect?: Expect;
  why?: Record<string, string>;
}
const COUNTY_OF: Record<string, { code: string; city: string }> = {
  HJ: { code: '140882', city: '140800' },
  WR: { code: '140822', city: '140800' },
  HC: { code: '610581', city: '610500' },
};
function rightFeature(r: RightSpec): Feat {
  const rng = rngFor(`lic:${r.id}`);
  const c = COUNTY_OF[r.county ?? r.id.split('-')[1]];
  // Metal licences issued by the city, construction materials by the county (a realistic split).
  const issuer = MINERAL_GROUP[r.mineral] === 'metal' ? c.city : c.code;
  const mm = String(1 + Math.floor(rng() * 12)).padStart(2, '0');
  const mid = String(Math.floor(rng() * 10000)).padStart(4, '0');
  const serial = String(10000 + Math.floor(rng() * 89999)).padStart(5, '0');
  const licenseNo = `C${issuer}${r.year}${mm}1${mid}${serial}`;
  if (licenseNo.length !== 23) throw new Error(`licence ${licenseNo}`);
  const props: Feat['properties'] = {
    id: r.id,
    name: r.name,
    licenseNo,
    holder: r.holder,
    mineral: r.mineral,
    mineralGroup: MINERAL_GROUP[r.mineral],
    method: r.method,
    status: r.status,
    capacityWanTpa: r.cap,
    elevationTop: r.top,
    elevationBottom: r.bottom,
  };
  if (r.slope !== undefined) {
    props.slopeHeightM = r.slope;
    props.slopeMonitoring = r.mon;
  }
  props.adminCode = c.code;
  props.areaKm2 = Math.round(turf.area(r.geom) / 1e3) / 1e3;
  props.source = 'made up (demo)';
  return feat(props, r.geom, r.expect, r.why);
}

function rightSpecs(): RightSpec[] {
  const blob = (id: string, F: Frame, rx: number, ry: number, n: number, rot = 0, cx = 0, cy = 0) =>
    polyG(ringXY(F, blobXY(rngFor(id), cx, cy, rx, ry, n, rot)));
  const P = (F: Frame, pts: XY[]) => polyG(ringXY(F, pts));
  const R = RIDGE_FAIL_LINE;
  const T = RIDGE_AWAY_LINE;
  const hj: RightSpec[] = [
    {
      id: 'MR-HJ-001', name: '河津市铜鑫铜矿', holder: '河津市铜鑫矿业有限公司', mineral: 'copper', method: 'underground', status: 'producing',
      cap: 35, top: 720, bottom: 260, year: 2011,
      geom: P(S.overlap, [[-1100, -450], [-600, -620], [150, -520], [180, -100], [140, 420], [-300, 600], [-900, 480], [-1180, 60]]),
      expect: { 'mining-right-overlap': 'fail', 'safety-pillar-50m': 'pass', 'minimum-scale': 'pass' },
      why: {
        'mining-right-overlap': 'projection overlaps MR-HJ-002 (another holder) by ~0.26 km²; depth ranges do not matter between holders',
        'safety-pillar-50m': 'its only neighbour, MR-HJ-002, is open pit: the pillar rule compares underground/mixed rights only',
        'minimum-scale': 'copper underground in Hejin (key county) at 35 ≥ 30 万t/a',
      },
    },
    {
      id: 'MR-HJ-002', name: '河津市恒基石灰岩矿', holder: '河津市恒基建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 60, top: 980, bottom: 820, slope: 70, mon: 'system', year: 2016,
      geom: P(S.overlap, [[-150, -380], [400, -560], [1000, -420], [1120, 80], [900, 520], [300, 560], [-120, 300], [-180, -60]]),
      expect: { 'mining-right-overlap': 'fail', 'open-pit-spacing': 'pass' },
      why: {
        'mining-right-overlap': 'overlaps MR-HJ-001 of another holder (both fail)',
        'open-pit-spacing': 'MR-HJ-001 is underground: spacing compares open-pit/mixed rights only',
      },
    },
    {
      id: 'MR-HJ-003', name: '河津市龙门铁矿（浅部露天）', holder: '河津市龙门铁矿有限公司', mineral: 'iron', method: 'open_pit', status: 'producing',
      cap: 40, top: 980, bottom: 760, slope: 130, mon: 'system', year: 2009,
      geom: P(S.layered, [[-700, -420], [-200, -520], [300, -380], [340, 150], [250, 480], [-300, 520], [-720, 300], [-780, -50]]),
      expect: { 'mining-right-overlap': 'warn', 'ore-body-single-right': 'pass', 'open-pit-spacing': 'pass', 'slope-monitoring': 'pass' },
      why: {
        'mining-right-overlap': 'overlaps MR-HJ-004 of the same holder with disjoint licensed depths (+980/+760 vs +700/+350): layered rights 分层设立',
        'ore-body-single-right': 'OB-03 is shared only by rights of the same holder',
        'open-pit-spacing': 'no other open-pit/mixed right within 300 m',
        'slope-monitoring': '130 m slope with a monitoring system: passes (yearly stability analysis reminder)',
      },
    },
    {
      id: 'MR-HJ-004', name: '河津市龙门铁矿（深部地下）', holder: '河津市龙门铁矿有限公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 45, top: 700, bottom: 350, year: 2014,
      geom: P(S.layered, [[-300, -620], [400, -700], [820, -350], [860, 200], [500, 420], [-50, 380], [-320, 100]]),
      expect: { 'mining-right-overlap': 'warn', 'ore-body-single-right': 'pass', 'safety-pillar-50m': 'pass', 'minimum-scale': 'pass' },
      why: {
        'mining-right-overlap': 'layered with MR-HJ-003 (same holder, disjoint depth ranges)',
        'ore-body-single-right': 'OB-03 is shared only by rights of the same holder',
        'safety-pillar-50m': 'MR-HJ-003 is open pit; no underground/mixed right within 50 m',
        'minimum-scale': 'iron underground in Hejin at 45 ≥ 30',
      },
    },
    {
      id: 'MR-HJ-005', name: '河津市下化铁矿', holder: '河津市下化铁矿有限责任公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 36, top: 900, bottom: 480, year: 2010,
      geom: P(S.pillar, [[-950, -420], [-500, -600], [-12.5, -500], [-12.5, 500], [-400, 620], [-900, 380], [-1050, -20]]),
      expect: { 'safety-pillar-50m': 'fail', 'mining-right-overlap': 'pass', 'minimum-scale': 'pass' },
      why: {
        'safety-pillar-50m': '25 m between its east boundary and MR-HJ-006 (< 50 m)',
        'mining-right-overlap': 'the two rights do not overlap',
        'minimum-scale': 'iron underground in Hejin at 36 ≥ 30',
      },
    },
    {
      id: 'MR-HJ-006', name: '河津市清涧铁矿', holder: '河津市清涧矿业有限公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 50, top: 880, bottom: 420, year: 2012,
      geom: P(S.pillar, [[12.5, -400], [500, -560], [950, -300], [1000, 250], [600, 620], [12.5, 600]]),
      expect: { 'safety-pillar-50m': 'fail', 'mining-right-overlap': 'pass' },
      why: { 'safety-pillar-50m': '25 m from MR-HJ-005 (both fail)', 'mining-right-overlap': 'no overlap' },
    },
    {
      id: 'MR-HJ-007', name: '山西河津华兴铁矿', holder: '山西河津华兴铁矿有限公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 45, top: 860, bottom: 400, year: 2008,
      geom: P(S.ore, [[-1000, -450], [-500, -650], [-75, -550], [-75, 550], [-450, 680], [-950, 420], [-1100, 0]]),
      expect: { 'ore-body-single-right': 'fail', 'safety-pillar-50m': 'pass', 'minimum-scale': 'pass' },
      why: {
        'ore-body-single-right': 'OB-01 is also covered by MR-HJ-008 of another holder',
        'safety-pillar-50m': '150 m to MR-HJ-008 (≥ 50 m)',
        'minimum-scale': 'iron underground in Hejin at 45 ≥ 30',
      },
    },
    {
      id: 'MR-HJ-008', name: '河津市樊村鑫源铁矿', holder: '河津市樊村鑫源铁矿有限公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 12, top: 820, bottom: 520, year: 2013,
      geom: P(S.ore, [[75, -500], [600, -600], [900, -200], [850, 400], [450, 600], [75, 520]]),
      expect: { 'ore-body-single-right': 'fail', 'safety-pillar-50m': 'pass', 'minimum-scale': 'fail' },
      why: {
        'ore-body-single-right': 'OB-01 is also covered by MR-HJ-007 of another holder',
        'safety-pillar-50m': '150 m to MR-HJ-007',
        'minimum-scale': 'iron underground in Hejin (one of the five Shanxi key counties) at 12 < 30 万t/a (it would pass the ≥ 10 elsewhere in Shanxi)',
      },
    },
    {
      id: 'MR-HJ-009', name: '河津市小梁铜矿', holder: '河津市金源铜业有限公司', mineral: 'copper', method: 'underground', status: 'producing',
      cap: 32, top: 650, bottom: 300, year: 2015,
      geom: P(S.closedNb, [[-1000, -400], [-500, -550], [-10, -450], [-10, 450], [-500, 560], [-950, 380], [-1100, 0]]),
      expect: { 'safety-pillar-50m': 'pass', 'ore-body-single-right': 'pass', 'minimum-scale': 'pass' },
      why: {
        'safety-pillar-50m': 'the only right within 50 m (MR-HJ-010, 20 m) is closed: closed rights are not neighbours',
        'ore-body-single-right': 'the only right on OB-02',
        'minimum-scale': 'copper underground in Hejin at 32 ≥ 30',
      },
    },
    {
      id: 'MR-HJ-010', name: '河津市阳村铁矿（已关闭）', holder: '河津市阳村铁矿有限公司', mineral: 'iron', method: 'underground', status: 'closed',
      cap: 9, top: 700, bottom: 500, year: 2006,
      geom: P(S.closedNb, [[10, -350], [450, -450], [700, -100], [600, 380], [10, 400]]),
    },
    {
      id: 'MR-HJ-011', name: '河津市下化花岗岩矿', holder: '河津市下化石料有限公司', mineral: 'granite', method: 'open_pit', status: 'producing',
      cap: 50, top: 1180, bottom: 980, slope: 95, mon: 'system', year: 2017,
      geom: P(S.ridgeFail, [
        ...[-500, -200, 100, 400, 700].map((x): XY => [x, yAt(R, x) + 12]),
        [850, 380], [400, 560], [-200, 520], [-560, 300],
      ]),
      expect: { 'ridge-line-boundary': 'fail', 'open-pit-spacing': 'warn' },
      why: {
        'ridge-line-boundary': 'its south boundary runs ~1.2 km along RL-01 at 12 m',
        'open-pit-spacing': '~24 m from MR-HJ-012 across the ridge (< 300 m)',
      },
    },
    {
      id: 'MR-HJ-012', name: '河津市禹门口花岗岩矿', holder: '河津市禹门口建材有限公司', mineral: 'granite', method: 'open_pit', status: 'producing',
      cap: 40, top: 1150, bottom: 960, slope: 70, mon: 'none', year: 2018,
      geom: P(S.ridgeFail, [
        [-650, -420], [0, -520], [550, -380],
        ...[500, 200, -100, -400, -600].map((x): XY => [x, yAt(R, x) - 12]),
        [-700, -150],
      ]),
      expect: { 'ridge-line-boundary': 'fail', 'open-pit-spacing': 'warn' },
      why: {
        'ridge-line-boundary': 'its north boundary runs ~1.1 km along RL-01 at 12 m: two quarries cut one hill from both sides',
        'open-pit-spacing': '~24 m from MR-HJ-011',
      },
    },
    {
      id: 'MR-HJ-013', name: '河津市僧楼建筑用砂石矿', holder: '河津市僧楼砂石有限公司', mineral: 'sand_gravel', method: 'open_pit', status: 'producing',
      cap: 80, top: 1020, bottom: 900, slope: 60, mon: 'none', year: 2019,
      geom: P(S.ridgeTouch, [[-20, -330], [-60, -560], [250, -700], [600, -560], [660, -380], [300, yAt(RIDGE_TOUCH_LINE, 300) - 16]]),
      expect: { 'ridge-line-boundary': 'pass', 'open-pit-spacing': 'pass' },
      why: {
        'ridge-line-boundary': 'only its top corner comes within 30 m of RL-02 (~16 m): well under 100 m of boundary along the ridge',
        'open-pit-spacing': 'no open-pit/mixed right within 300 m',
      },
    },
    {
      id: 'MR-HJ-014', name: '河津市鑫磊铁矿', holder: '河津市鑫磊矿业有限公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 38, top: 780, bottom: 400, year: 2012,
      geom: P(S.hazardA, [[-450, -380], [0, -420], [250, -200], [230, 250], [-100, 400], [-470, 220]]),
      expect: { 'hidden-hazard-zone': 'fail' },
      why: { 'hidden-hazard-zone': 'intersects HZ-01, an unsurveyed goaf' },
    },
    {
      id: 'MR-HJ-015', name: '河津市西坡石灰岩矿', holder: '河津市恒泰建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 30, top: 960, bottom: 840, slope: 50, mon: 'none', year: 2016,
      geom: P(S.hazardA, [[900, -380], [1400, -450], [1700, -100], [1650, 300], [1200, 420], [880, 150]]),
      expect: { 'hidden-hazard-zone': 'pass' },
      why: { 'hidden-hazard-zone': 'intersects only HZ-04, a goaf already treated (已治理)' },
    },
    {
      id: 'MR-HJ-016', name: '河津市华鑫白云岩矿', holder: '河津市华鑫白云岩开发有限公司', mineral: 'dolomite', method: 'open_pit', status: 'producing',
      cap: 25, top: 900, bottom: 780, slope: 65, mon: 'system', year: 2015,
      geom: P(S.hazardB, [[-1450, 120], [-1000, 80], [-750, 250], [-800, 600], [-1200, 650], [-1480, 420]]),
      expect: { 'hidden-hazard-zone': 'warn' },
      why: { 'hidden-hazard-zone': 'intersects HZ-02, old workings surveyed as significant (较大) but not treated' },
    },
    {
      id: 'MR-HJ-017', name: '河津市兴旺铁矿', holder: '河津市兴旺矿业有限公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 40, top: 760, bottom: 380, year: 2011,
      geom: P(S.hazardB, [[-300, -300], [100, -450], [280, -350], [280, 350], [0, 480], [-350, 250]]),
      expect: { 'hidden-hazard-zone': 'warn' },
      why: { 'hidden-hazard-zone': '~120 m from HZ-03, a surveyed goaf (general, not treated): within 200 m' },
    },
    {
      id: 'MR-HJ-018', name: '河津市北山石灰岩矿', holder: '河津市北山建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 45, top: 880, bottom: 760, slope: 85, mon: 'system', year: 2014,
      geom: P(S.water, [[-2000, -350], [-1500, -450], [-1050, -250], [-1050, 250], [-1500, 420], [-2050, 150]]),
      expect: { 'restricted-zone': 'fail' },
      why: { 'restricted-zone': 'its east part lies inside RZ-WS-01, the water-source protection area' },
    },
    {
      id: 'MR-HJ-019', name: '河津市岭上白云岩矿', holder: '河津市岭上矿业有限公司', mineral: 'dolomite', method: 'open_pit', status: 'construction',
      cap: 20, top: 860, bottom: 760, slope: 40, mon: 'none', year: 2021,
      geom: P(S.water, [[1550, -300], [2000, -450], [2300, -100], [2200, 350], [1800, 500], [1550, 300]]),
      expect: { 'restricted-zone': 'warn' },
      why: { 'restricted-zone': '~250 m from RZ-WS-01 (within 500 m)' },
    },
    // Not deliberate cases (kept clear of every rule):
    {
      id: 'MR-HJ-020', name: '河津市龙鑫白云岩矿', holder: '河津市龙鑫白云岩有限公司', mineral: 'dolomite', method: 'open_pit', status: 'producing',
      cap: 18, top: 760, bottom: 660, slope: 55, mon: 'none', year: 2013,
      geom: multiG(
        [ringXY(frame(110.66, 35.66), blobXY(rngFor('MR-HJ-020a'), -350, 0, 250, 200, 7, 0, 0.12))],
        [ringXY(frame(110.66, 35.66), blobXY(rngFor('MR-HJ-020b'), 330, 60, 220, 180, 6, 0, 0.12))],
      ),
    },
    {
      id: 'MR-HJ-021', name: '河津市宏达石灰岩矿', holder: '河津市宏达石料有限公司', mineral: 'limestone', method: 'open_pit', status: 'suspended',
      cap: 30, top: 1040, bottom: 900, slope: 90, mon: 'system', year: 2012,
      geom: blob('MR-HJ-021', frame(110.9, 35.76), 420, 300, 8, 20),
    },
    {
      id: 'MR-HJ-022', name: '山西河津鑫达铁矿', holder: '山西河津鑫达铁矿有限公司', mineral: 'iron', method: 'mixed', status: 'producing',
      cap: 60, top: 940, bottom: 420, slope: 110, mon: 'system', year: 2010,
      geom: blob('MR-HJ-022', frame(110.985, 35.68), 380, 520, 10, 0),
    },
    {
      id: 'MR-HJ-023', name: '河津市汾阳建筑用砂石矿', holder: '河津市汾阳砂石有限公司', mineral: 'sand_gravel', method: 'open_pit', status: 'construction',
      cap: 100, top: 470, bottom: 430, slope: 30, mon: 'none', year: 2021,
      geom: blob('MR-HJ-023', frame(110.8, 35.585), 350, 250, 7, -10),
    },
    {
      id: 'MR-HJ-024', name: '河津市樊家峪石灰岩矿', holder: '河津市樊家峪建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 55, top: 1100, bottom: 920, slope: 160, mon: 'system', year: 2011,
      geom: blob('MR-HJ-024', frame(110.63, 35.8), 500, 380, 9, 30),
    },
  ];

  // Wanrong: the W1 pair sits east of the Yellow River south of the confluence.
  const wr: RightSpec[] = [
    {
      id: 'MR-WR-001', name: '万荣县孤山铁矿', holder: '万荣县孤山铁矿有限公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 15, top: 620, bottom: 300, year: 2012,
      geom: P(S.hazardC, [[-500, -350], [0, -480], [400, -400], [400, 400], [-100, 500], [-550, 250]]),
      expect: { 'minimum-scale': 'pass', 'hidden-hazard-zone': 'pass' },
      why: {
        'minimum-scale': 'iron underground in Wanrong (Shanxi, not a key county) at 15 ≥ 10 (it would fail in Hejin)',
        'hidden-hazard-zone': 'intersects HZ-05, a closed mine surveyed as general: neither unsurveyed, major/significant, nor goaf/old workings',
      },
    },
    {
      id: 'MR-WR-002', name: '万荣县荣河建筑用砂石矿', holder: '万荣县荣河砂石有限公司', mineral: 'sand_gravel', method: 'open_pit', status: 'producing',
      cap: 120, top: 420, bottom: 385, slope: 25, mon: 'none', year: 2019,
      geom: P(S.river, [[1750, -400], [2300, -460], [2650, -150], [2600, 350], [2150, 430], [1760, 250]]),
      expect: { 'yellow-river-buffer': 'warn', 'restricted-zone': 'pass' },
      why: {
        'yellow-river-buffer': '~2 km from the Yellow River main stem (< 3000 m): ecological review',
        'restricted-zone': 'more than 500 m outside the 800 m river red line',
      },
    },
    {
      id: 'MR-WR-003', name: '万荣县贾村砖瓦用粘土矿', holder: '万荣县贾村建材有限公司', mineral: 'clay', method: 'open_pit', status: 'producing',
      cap: 10, top: 520, bottom: 495, slope: 20, mon: 'none', year: 2017,
      geom: P(S.river, [[4400, -350], [4900, -420], [5150, -50], [5050, 380], [4600, 420], [4380, 100]]),
      expect: { 'yellow-river-buffer': 'pass' },
      why: { 'yellow-river-buffer': '~4.5 km from the Yellow River main stem' },
    },
    {
      id: 'MR-WR-004', name: '万荣县孤峰石灰岩矿', holder: '万荣县孤峰建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 100, top: 1180, bottom: 950, slope: 230, mon: 'system', year: 2008,
      geom: P(S.slope, [[-2100, -300], [-1700, -420], [-1500, -150], [-1520, 300], [-1850, 380], [-2120, 150]]),
      expect: { 'slope-monitoring': 'fail' },
      why: { 'slope-monitoring': '230 m slope (≥ 200) monitored only by a system, not online' },
    },
    {
      id: 'MR-WR-005', name: '万荣县皇甫石灰岩矿', holder: '万荣县皇甫建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 60, top: 1080, bottom: 910, slope: 170, mon: 'none', year: 2013,
      geom: P(S.slope, [[-900, -320], [-500, -400], [-300, -100], [-320, 320], [-700, 380], [-920, 100]]),
      expect: { 'slope-monitoring': 'warn', 'open-pit-spacing': 'pass' },
      why: { 'slope-monitoring': '170 m slope (≥ 150) with no monitoring', 'open-pit-spacing': 'nearest quarries ~600 m away (≥ 300 m)' },
    },
    {
      id: 'MR-WR-006', name: '万荣县通化石灰岩矿', holder: '万荣县通化水泥有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 80, top: 1020, bottom: 900, slope: 120, mon: 'system', year: 2011,
      geom: P(S.slope, [[300, -380], [700, -420], [900, -120], [880, 330], [500, 400], [300, 100]]),
      expect: { 'slope-monitoring': 'pass', 'open-pit-spacing': 'pass', 'ore-body-single-right': 'pass' },
      why: {
        'slope-monitoring': '120 m slope with a monitoring system: passes (≥ 100 m: yearly stability analysis reminder)',
        'open-pit-spacing': 'nearest quarries ~600 m away',
        'ore-body-single-right': 'the only right on OB-04',
      },
    },
    {
      id: 'MR-WR-007', name: '万荣县解店石灰岩矿', holder: '万荣县鑫源石料有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 90, top: 1120, bottom: 900, slope: 210, mon: 'online', year: 2014,
      geom: P(S.slope, [[1500, -350], [1900, -420], [2100, -300], [2100, 300], [1800, 420], [1500, 200]]),
      expect: { 'slope-monitoring': 'pass' },
      why: { 'slope-monitoring': '210 m slope with online monitoring' },
    },
    {
      id: 'MR-WR-008', name: '万荣县汉薛建筑用砂石矿', holder: '万荣县汉薛砂石有限公司', mineral: 'sand_gravel', method: 'open_pit', status: 'producing',
      cap: 40, top: 560, bottom: 520, slope: 20, mon: 'none', year: 2020,
      geom: multiG(
        [ringXY(frame(110.7, 35.48), blobXY(rngFor('MR-WR-008a'), -330, 0, 240, 180, 6, 0, 0.12))],
        [ringXY(frame(110.7, 35.48), blobXY(rngFor('MR-WR-008b'), 320, -40, 230, 200, 7, 0, 0.12))],
      ),
    },
    {
      id: 'MR-WR-009', name: '万荣县光华白云岩矿', holder: '万荣县光华白云岩有限公司', mineral: 'dolomite', method: 'open_pit', status: 'producing',
      cap: 25, top: 980, bottom: 860, slope: 75, mon: 'system', year: 2016,
      geom: blob('MR-WR-009', frame(110.97, 35.37), 420, 340, 8, 0),
    },
    {
      id: 'MR-WR-010', name: '万荣县南张铁矿', holder: '万荣县南张铁矿有限公司', mineral: 'iron', method: 'open_pit', status: 'producing',
      cap: 25, top: 860, bottom: 700, slope: 140, mon: 'system', year: 2012,
      geom: blob('MR-WR-010', frame(110.78, 35.225), 450, 300, 9, -15),
    },
    {
      id: 'MR-WR-011', name: '万荣县西村石灰岩矿（已关闭）', holder: '万荣县西村建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'closed',
      cap: 8, top: 760, bottom: 700, slope: 60, mon: 'none', year: 2005,
      geom: blob('MR-WR-011', frame(110.62, 35.3), 300, 220, 6, 0),
    },
  ];

  const hcHoleF = frame(110.4, 35.62);
  const hc: RightSpec[] = [
    {
      id: 'MR-HC-001', name: '韩城市象山花岗岩矿', holder: '韩城市象山建材有限公司', mineral: 'granite', method: 'open_pit', status: 'producing',
      cap: 30, top: 1320, bottom: 1150, slope: 90, mon: 'system', year: 2015,
      geom: P(S.ridgeAway, [
        [-650, -480], [0, -560], [650, -420],
        ...[600, 300, 0, -300, -600].map((x): XY => [x, yAt(T, x) - 80]),
      ]),
      expect: { 'ridge-line-boundary': 'pass' },
      why: { 'ridge-line-boundary': 'its north boundary follows RL-03 but stays ~80 m below the crest (> 30 m)' },
    },
    {
      id: 'MR-HC-002', name: '韩城市桑树坪铁矿', holder: '韩城市桑树坪铁矿有限公司', mineral: 'iron', method: 'underground', status: 'producing',
      cap: 8, top: 780, bottom: 450, year: 2010,
      geom: blob('MR-HC-002', frame(110.3, 35.58), 600, 450, 9, 25),
      expect: { 'minimum-scale': 'not_applicable' },
      why: { 'minimum-scale': 'Shaanxi: the national profile has no minimum for iron, so 8 万t/a is not judged' },
    },
    {
      id: 'MR-HC-003', name: '韩城市龙门石灰岩矿', holder: '韩城市龙门建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 70, top: 960, bottom: 800, slope: 140, mon: 'system', year: 2012,
      // With a hole: a protected spring (泉眼保护区) left out of the licence.
      geom: polyG(
        ringXY(hcHoleF, blobXY(rngFor('MR-HC-003'), 0, 0, 650, 500, 10, 0, 0.1)),
        ringXY(hcHoleF, [[0, -100], [120, -90], [140, 30], [20, 60], [-40, -20]], false),
      ),
    },
    {
      id: 'MR-HC-004', name: '韩城市板桥石灰岩矿', holder: '韩城市板桥石料有限公司', mineral: 'limestone', method: 'open_pit', status: 'producing',
      cap: 50, top: 1050, bottom: 900, slope: 100, mon: 'system', year: 2016,
      geom: blob('MR-HC-004', frame(110.46, 35.78), 450, 330, 8, -20),
    },
    {
      id: 'MR-HC-005', name: '韩城市薛峰白云岩矿', holder: '韩城市薛峰白云岩有限公司', mineral: 'dolomite', method: 'open_pit', status: 'suspended',
      cap: 15, top: 820, bottom: 740, slope: 45, mon: 'none', year: 2013,
      geom: blob('MR-HC-005', frame(110.25, 35.45), 300, 260, 7, 0),
    },
    {
      id: 'MR-HC-006', name: '韩城市芝川花岗岩矿', holder: '韩城市芝川石材有限公司', mineral: 'granite', method: 'open_pit', status: 'producing',
      cap: 20, top: 760, bottom: 640, slope: 75, mon: 'none', year: 2017,
      geom: blob('MR-HC-006', frame(110.38, 35.33), 380, 280, 8, 40),
    },
    {
      id: 'MR-HC-007', name: '陕西韩城鑫源铁矿', holder: '陕西韩城鑫源矿业有限公司', mineral: 'iron', method: 'mixed', status: 'producing',
      cap: 35, top: 1400, bottom: 820, slope: 190, mon: 'system', year: 2009,
      geom: blob('MR-HC-007', frame(110.25, 35.815), 700, 500, 12, 10),
    },
    {
      id: 'MR-HC-008', name: '韩城市西庄建筑用砂石矿', holder: '韩城市西庄砂石有限公司', mineral: 'sand_gravel', method: 'open_pit', status: 'producing',
      cap: 60, top: 560, bottom: 520, slope: 20, mon: 'none', year: 2020,
      geom: multiG(
        [ringXY(frame(110.3, 35.3), blobXY(rngFor('MR-HC-008a'), -300, 0, 230, 170, 6, 0, 0.12))],
        [ringXY(frame(110.3, 35.3), blobXY(rngFor('MR-HC-008b'), 300, 50, 210, 190, 5, 0, 0.12))],
      ),
    },
    {
      id: 'MR-HC-009', name: '韩城市金塬铜矿', holder: '韩城市金塬铜业有限公司', mineral: 'copper', method: 'underground', status: 'construction',
      cap: 12, top: 900, bottom: 520, year: 2021,
      geom: blob('MR-HC-009', frame(110.46, 35.68), 520, 400, 10, -30),
    },
  ];
  return [...hj, ...wr, ...hc];
}

// ---------------------------------------------------------------------------------------------------------------
// Tailings ponds
// ---------------------------------------------------------------------------------------------------------------
interface PondSpec {
  id: string;
  name: string;
  at: [number, number]; // dam point lon/lat
  az: number; // downstream azimuth
  len: number; // pond length upstream of the dam, m
  width: number; // dam length, m
  grade: number;
  H: number;
  V: number;
  status: string;
  oneTimeDam: boolean;
  finalElevationReached: boolean;
  idleSince?: number;
  operator?: string;
  damType?: string;
  omitAzimuth?: boolean;
  expect?: Expect;
  why?: Record<string, string>;
}
/** The pond lies upstream of the dam; the dam point is the middle of the dam (downstream edge). */
function pondGeometry(p: PondSpec): { ring: Position[]; dam: Position } {
  const F = frame(p.at[0], p.at[1]);
  const rng = rngFor(p.id);
  const d: XY = [Math.sin(p.az * deg), Math.cos(p.az * deg)]; // downstream
  const c: XY = [Math.cos(p.az * deg), -Math.sin(p.az * deg)]; // across
  const L = p.len;
  const w = p.width / 2;
  const j = () => 1 + (rng() - 0.5) * 0.16;
  const ac: XY[] = [
    [0, -w], [L * 0.3 * j(), -w * 1.25 * j()], [L * 0.6 * j(), -w * 1.1 * j()], [L * 0.88 * j(), -w * 0.6 * j()], [L, 0],
    [L * 0.9 * j(), w * 0.7 * j()], [L * 0.62 * j(), w * 1.2 * j()], [L * 0.3 * j(), w * 1.25 * j()], [0, w],
  ];
  const pts = ac.map(([a, cc]): XY => [-a * d[0] + cc * c[0], -a * d[1] + cc * c[1]]);
  return { ring: ringXY(F, pts), dam: F.ll([0, 0]) };
}
function pondFeature(p: PondSpec): Feat {
  const g = pondGeometry(p);
  const props: Feat['properties'] = { id: p.id, name: p.name, grade: p.grade, damHeightM: p.H, capacityWanM3: p.V, status: p.status };
  if (!p.omitAzimuth) props.downstreamAzimuthDeg = p.az;
  props.oneTimeDam = p.oneTimeDam;
  props.finalElevationReached = p.finalElevationReached;
  if (p.idleSince !== undefined) props.idleSince = p.idleSince;
  if (p.operator !== undefined) props.operator = p.operator;
  props.damPoint = g.dam;
  props.damType = p.damType ?? (p.oneTimeDam ? '一次性筑坝 one-time dam' : '上游式 upstream raising');
  props.areaKm2 = Math.round(turf.area(polyG(g.ring)) / 1e3) / 1e3;
  props.source = 'made up (demo)';
  return feat(props, polyG(g.ring), p.expect, p.why);
}

const HEAD_TOP_FAIL_POND = { at: [110.9, 35.665] as [number, number], az: 190 };
const HEAD_TOP_PASS_POND = { at: [110.74, 35.665] as [number, number], az: 180 };
const HC_POND_NEAR_HAZARD: PondSpec = {
  id: 'TP-HC-003', name: '王峰尾矿库', at: [110.25, 35.64], az: 150, len: 500, width: 320, grade: 4, H: 32, V: 120,
  status: 'operating', oneTimeDam: true, finalElevationReached: false, operator: '韩城市王峰选矿有限公司',
  expect: { 'hidden-hazard-zone': 'warn' },
  why: { 'hidden-hazard-zone': '~120 m from HZ-08, old workings surveyed as general and not treated (within 200 m)' },
};
/** HZ-08 is placed ~150 m beside TP-HC-003 (across the valley from the pond's flank). */
function hazardNearPond(): Polygon {
  const p = HC_POND_NEAR_HAZARD;
  const F = frame(p.at[0], p.at[1]);
  const d: XY = [Math.sin(p.az * deg), Math.cos(p.az * deg)];
  const c: XY = [Math.cos(p.az * deg), -Math.sin(p.az * deg)];
  const a = 280;
  const cc = (p.width / 2) * 1.25 * 1.08 + 95 + 240;
  const centre: XY = [-a * d[0] + cc * c[0], -a * d[1] + cc * c[1]];
  return polyG(ringXY(F, blobXY(rngFor('HZ-08'), centre[0], centre[1], 240, 240, 10, 0, 0.03)));
}

function pondSpecs(): PondSpec[] {
  return [
    {
      id: 'TP-HJ-001', name: '龙门尾矿库', at: [110.6235, 35.665], az: 265, len: 700, width: 450, grade: 4, H: 42, V: 450,
      status: 'operating', oneTimeDam: true, finalElevationReached: false, operator: '河津市龙门铁矿有限公司',
      expect: { 'yellow-river-buffer': 'fail', 'head-top-tailings': 'pass', 'tailings-grade': 'pass', 'tailings-dam-height': 'pass', 'tailings-closure': 'pass', 'restricted-zone': 'pass' },
      why: {
        'yellow-river-buffer': '~2 km from the Yellow River main stem (< 3000 m)',
        'head-top-tailings': 'no settlement in the 1 km ±30° sector towards the river',
        'tailings-grade': 'V 450 万m³ → 4, H 42 m → 4; declared 4',
        'tailings-dam-height': '42 m, built in one go',
        'tailings-closure': 'operating, has an operator, final elevation not reached',
        'restricted-zone': '> 500 m outside the 800 m river red line',
      },
    },
    {
      id: 'TP-HJ-002', name: '东岭尾矿库', at: HEAD_TOP_FAIL_POND.at, az: HEAD_TOP_FAIL_POND.az, len: 800, width: 380, grade: 3, H: 65, V: 1200,
      status: 'operating', oneTimeDam: false, finalElevationReached: false, operator: '河津市铜鑫矿业有限公司',
      expect: { 'head-top-tailings': 'fail', 'tailings-dam-height': 'pass', 'tailings-grade': 'pass' },
      why: {
        'head-top-tailings': '东岭村 (centre 500 m, edge ~370 m) and 东岭小学 (~820 m) lie in the downstream sector: a 头顶库 (exposed population 1280)',
        'tailings-dam-height': '65 m; grade 3, so upstream raising does not warn',
        'tailings-grade': 'V 1200 → 3, H 65 → 3; declared 3',
      },
    },
    {
      id: 'TP-HJ-003', name: '西岭尾矿库', at: HEAD_TOP_PASS_POND.at, az: HEAD_TOP_PASS_POND.az, len: 750, width: 400, grade: 4, H: 45, V: 600,
      status: 'operating', oneTimeDam: true, finalElevationReached: false, operator: '河津市下化铁矿有限责任公司',
      expect: {
        'head-top-tailings': 'pass', 'yellow-river-buffer': 'pass', 'tailings-grade': 'pass', 'tailings-dam-height': 'pass',
        'tailings-closure': 'pass', 'hidden-hazard-zone': 'pass', 'restricted-zone': 'pass',
      },
      why: {
        'head-top-tailings': '西岭村 is 500 m beside the dam (90° off the axis), 南坡村 1.6 km downstream (beyond 1 km), 后沟村 behind the pond: none in the sector',
        'yellow-river-buffer': '> 10 km from the Yellow River, > 1 km from the Fen',
        'tailings-grade': 'V 600 → 4, H 45 → 4; declared 4',
        'tailings-dam-height': '45 m, one-time dam',
        'tailings-closure': 'operating normally',
        'hidden-hazard-zone': 'no hazard zone within 200 m',
        'restricted-zone': 'no restricted zone within 500 m',
      },
    },
    {
      id: 'TP-HJ-004', name: '柴家尾矿库', at: [110.96, 35.755], az: 200, len: 500, width: 300, grade: 5, H: 25, V: 90,
      status: 'idle', idleSince: 2019, oneTimeDam: true, finalElevationReached: false, operator: '河津市柴家选矿厂',
      expect: { 'tailings-closure': 'fail', 'tailings-grade': 'pass' },
      why: { 'tailings-closure': 'idle since 2019: more than 3 years', 'tailings-grade': 'V 90 → 5, H 25 → 5; declared 5' },
    },
    {
      id: 'TP-HJ-005', name: '樊家峪尾矿库', at: [110.655, 35.755], az: 250, len: 650, width: 350, grade: 4, H: 52, V: 700,
      status: 'operating', oneTimeDam: true, finalElevationReached: true, operator: '山西河津华兴铁矿有限公司',
      expect: { 'tailings-closure': 'fail' },
      why: { 'tailings-closure': 'reached its final elevation but is still operating: list for 闭库销号' },
    },
    {
      id: 'TP-HJ-006', name: '上柴尾矿库（已闭库）', at: [110.975, 35.83], az: 180, len: 450, width: 300, grade: 4, H: 33, V: 150,
      status: 'closed', oneTimeDam: true, finalElevationReached: true, operator: '河津市柴家选矿厂',
    },
    {
      id: 'TP-WR-001', name: '汾南尾矿库', at: [110.85, 35.5621], az: 355, len: 600, width: 360, grade: 4, H: 28, V: 180,
      status: 'operating', oneTimeDam: true, finalElevationReached: false, operator: '万荣县汾南选矿有限公司',
      expect: { 'yellow-river-buffer': 'fail', 'tailings-grade': 'pass' },
      why: {
        'yellow-river-buffer': '~500 m from the Fen, an important tributary (< 1000 m)',
        'tailings-grade': 'V 180 → 4, H 28 → 5: one apart, take the higher → 4; declared 4',
      },
    },
    {
      id: 'TP-WR-002', name: '里望尾矿库', at: [110.7, 35.34], az: 135, len: 600, width: 350, grade: 4, H: 38, V: 350,
      status: 'operating', oneTimeDam: false, finalElevationReached: false, operator: '万荣县里望矿业有限公司',
      expect: { 'tailings-dam-height': 'warn', 'tailings-grade': 'pass' },
      why: { 'tailings-dam-height': 'grade 4 raised in stages (not a one-time dam)', 'tailings-grade': 'V 350 → 4, H 38 → 4' },
    },
    {
      id: 'TP-WR-003', name: '皇甫尾矿库', at: [110.8, 35.25], az: 160, len: 800, width: 420, grade: 4, H: 65, V: 1500,
      status: 'operating', oneTimeDam: true, finalElevationReached: false, operator: '万荣县皇甫选矿有限公司',
      expect: { 'tailings-grade': 'fail' },
      why: { 'tailings-grade': 'V 1500 → 3, H 65 → 3, computed 3; declared 4 is understated' },
    },
    {
      id: 'TP-WR-004', name: '光华尾矿库', at: [110.95, 35.3], az: 90, len: 400, width: 260, grade: 4, H: 22, V: 80,
      status: 'operating', oneTimeDam: true, finalElevationReached: false, operator: '万荣县光华矿业有限公司',
      expect: { 'tailings-grade': 'warn' },
      why: { 'tailings-grade': 'V 80 → 5, H 22 → 5, computed 5; declared 4 is overstated' },
    },
    {
      id: 'TP-WR-005', name: '荣华尾矿库', at: [110.62, 35.25], az: 200, len: 900, width: 700, grade: 4, H: 24, V: 2500,
      status: 'operating', oneTimeDam: true, finalElevationReached: false, operator: '万荣县荣华选矿有限公司', damType: '平地型围堤 flat-land dike',
      expect: { 'tailings-grade': 'pass' },
      why: { 'tailings-grade': 'V 2500 → 3, H 24 → 5: two apart, the higher plus one step down → 4; declared 4' },
    },
    {
      id: 'TP-WR-006', name: '孤峰尾矿库', at: [110.88, 35.36], az: 270, len: 600, width: 350, grade: 4, H: 35, V: 250,
      status: 'operating', oneTimeDam: true, finalElevationReached: false, operator: '万荣县孤峰建材有限公司',
      expect: { 'hidden-hazard-zone': 'fail' },
      why: { 'hidden-hazard-zone': 'intersects HZ-07, an unsurveyed karst zone' },
    },
    {
      id: 'TP-HC-001', name: '桑树坪尾矿库', at: [110.28, 35.76], az: 120, len: 1500, width: 600, grade: 2, H: 215, V: 16000,
      status: 'operating', oneTimeDam: false, finalElevationReached: false, operator: '陕西韩城鑫源矿业有限公司',
      expect: { 'tailings-dam-height': 'fail', 'tailings-grade': 'pass' },
      why: { 'tailings-dam-height': 'total dam height 215 m > 200 m', 'tailings-grade': 'V 16000 → 2, H 215 → 2; declared 2' },
    },
    {
      id: 'TP-HC-002', name: '薛峰尾矿库', at: [110.32, 35.4], az: 90, len: 450, width: 300, grade: 5, H: 20, V: 60,
      status: 'idle', idleSince: 2025, oneTimeDam: true, finalElevationReached: false,
      expect: { 'tailings-closure': 'fail' },
      why: { 'tailings-closure': 'no operator (无主库): list for 闭库销号 (idle only since 2025)' },
    },
    HC_POND_NEAR_HAZARD,
    {
      id: 'TP-HC-004', name: '芝川尾矿库（已销号）', at: [110.25, 35.3], az: 45, len: 400, width: 260, grade: 5, H: 18, V: 40,
      status: 'delisted', oneTimeDam: true, finalElevationReached: true, operator: '韩城市芝川选矿厂',
    },
    {
      id: 'TP-HC-005', name: '西塬尾矿库', at: [110.24, 35.55], az: 100, len: 1200, width: 700, grade: 2, H: 105, V: 11000,
      status: 'operating', oneTimeDam: false, finalElevationReached: false, operator: '韩城市西塬矿业有限公司',
      expect: { 'tailings-grade': 'pass', 'tailings-dam-height': 'pass', 'tailings-closure': 'pass' },
      why: {
        'tailings-grade': 'V 11000 → 2, H 105 → 2; declared 2',
        'tailings-dam-height': '105 m ≤ 200; grade 2, so upstream raising does not warn',
        'tailings-closure': 'operating normally',
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Settlements
// ---------------------------------------------------------------------------------------------------------------
function settlementFeatures(): Feat[] {
  const src = 'made up (demo): village names are typical of the area, positions and populations invented';
  const vil = (id: string, name: string, pop: number, at: Position, poly?: [number, number]) =>
    feat(
      { id, name, kind: 'village', population: pop, source: src },
      poly ? polyG(ringXY(frame(at[0], at[1]), blobXY(rngFor(id), 0, 0, poly[0], poly[1], 8, 0, 0.15))) : pointG(at),
    );
  const failDam = pondGeometry({ ...(pondSpecs().find((p) => p.id === 'TP-HJ-002') as PondSpec) }).dam;
  const passDam = pondGeometry({ ...(pondSpecs().find((p) => p.id === 'TP-HJ-003') as PondSpec) }).dam;
  const hejin = frame(110.712, 35.6);
  return [
    feat(
      { id: 'ST-HC-TOWN', name: '韩城市', kind: 'town', population: NE_HANCHENG.popMax, source: 'Natural Earth 1:10m populated places (public domain): position and pop_max' },
      pointG(NE_HANCHENG.coordinates),
    ),
    feat(
      { id: 'ST-HJ-TOWN', name: '河津市', kind: 'town', population: 180000, source: 'not in Natural Earth: approximate position of the city from general knowledge, outline and population rough estimates' },
      polyG(ringXY(hejin, blobXY(rngFor('ST-HJ-TOWN'), 0, 0, 2200, 1600, 12, 0, 0.1))),
    ),
    feat(
      { id: 'ST-WR-TOWN', name: '万荣县城（解店镇）', kind: 'town', population: 60000, source: 'not in Natural Earth: approximate position from general knowledge, population a rough estimate' },
      pointG([110.838, 35.415]),
    ),
    // Designed around the head-top ponds
    feat(
      { id: 'ST-HJ-001', name: '东岭村', kind: 'village', population: 860, source: src },
      polyG(ringXY(frame(...(dest(failDam, 500, 188) as [number, number])), blobXY(rngFor('ST-HJ-001'), 0, 0, 160, 120, 8, 0, 0.12))),
    ),
    feat({ id: 'ST-HJ-002', name: '东岭小学', kind: 'school', population: 420, source: src }, pointG(dest(failDam, 820, 195))),
    vil('ST-HJ-003', '西岭村', 540, dest(passDam, 500, 270)),
    vil('ST-HJ-004', '南坡村', 1320, dest(passDam, 1600, 180)),
    vil('ST-HJ-005', '后沟村', 260, dest(passDam, 1400, 0)),
    // Hejin
    vil('ST-HJ-006', '樊村', 2850, [110.66, 35.62], [260, 200]),
    vil('ST-HJ-007', '僧楼村', 1960, [110.86, 35.6]),
    vil('ST-HJ-008', '下化村', 780, [110.8, 35.765], [180, 140]),
    vil('ST-HJ-009', '清涧村', 2400, [110.76, 35.585]),
    vil('ST-HJ-010', '小梁村', 1150, [110.97, 35.62]),
    vil('ST-HJ-011', '阳村', 1680, [110.68, 35.58]),
    vil('ST-HJ-012', '柴家村', 430, [110.92, 35.78]),
    feat({ id: 'ST-HJ-013', name: '樊村镇卫生院', kind: 'hospital', population: 60, source: src }, pointG([110.665, 35.615])),
    // Wanrong
    vil('ST-WR-001', '荣河村', 2100, [110.53, 35.36]),
    vil('ST-WR-002', '里望村', 1750, [110.76, 35.45], [220, 170]),
    vil('ST-WR-003', '汉薛村', 1430, [110.88, 35.49]),
    vil('ST-WR-004', '皇甫村', 980, [110.75, 35.27]),
    vil('ST-WR-005', '光华村', 640, [110.93, 35.24]),
    // Hancheng
    vil('ST-HC-001', '芝川村', 2600, [110.5, 35.42]),
    vil('ST-HC-002', '西庄村', 1850, [110.38, 35.52], [230, 180]),
    vil('ST-HC-003', '桑树坪村', 720, [110.42, 35.75]),
    vil('ST-HC-004', '薛峰村', 540, [110.3, 35.48]),
    vil('ST-HC-005', '王峰村', 380, [110.35, 35.63]),
    vil('ST-HC-006', '龙门村', 3000, [110.585, 35.645]),
    vil('ST-HC-007', '板桥村', 90, [110.47, 35.72]),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Proposals (POST /api/checks): each a single Feature with layer, expect, description
// ---------------------------------------------------------------------------------------------------------------
interface Proposal {
  file: string;
  layer: 'mining_rights' | 'tailings_ponds';
  feature: Feat;
  description: { zh: string; en: string };
}
function proposals(stored: { rights: Feat[]; settlements: Feat[] }): Proposal[] {
  const out: Proposal[] = [];
  const right = (file: string, spec: RightSpec, zh: string, en: string) =>
    out.push({ file, layer: 'mining_rights', feature: rightFeature(spec), description: { zh, en } });
  const pond = (file: string, spec: PondSpec, zh: string, en: string) =>
    out.push({ file, layer: 'tailings_ponds', feature: pondFeature(spec), description: { zh, en } });
  const P = (F: Frame, pts: XY[]) => polyG(ringXY(F, pts));
  const blob = (id: string, F: Frame, rx: number, ry: number, n: number, rot = 0, cx = 0, cy = 0) =>
    polyG(ringXY(F, blobXY(rngFor(id), cx, cy, rx, ry, n, rot)));

  right('p01-mr-overlap-fail', {
    id: 'PR-MR-01', county: 'WR', name: '拟设 万荣县光华东石灰岩矿', holder: '万荣县华泰建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'proposed',
    cap: 30, top: 990, bottom: 880, slope: 60, mon: 'none', year: 2026,
    geom: blob('PR-MR-01', frame(110.97, 35.37), 380, 300, 8, 0, -520, 40),
    expect: { 'mining-right-overlap': 'fail', 'open-pit-spacing': 'warn', 'restricted-zone': 'pass' },
  }, '新设石灰岩矿与已设采矿权 MR-WR-009（不同权利人）垂直投影重叠：重叠不合格，露天间距预警。',
  'A new limestone quarry overlapping stored right MR-WR-009 of another holder: overlap fails, open-pit spacing warns.');

  const ext = stored.rights.find((f) => f.properties.id === 'MR-HJ-021') as Feat;
  const extGeom = turf.transformScale(turf.feature(ext.geometry as Polygon), 1.35).geometry as Polygon;
  right('p02-mr-extension-same-id', {
    id: 'MR-HJ-021', name: '河津市宏达石灰岩矿（扩大矿区范围）', holder: '河津市宏达石料有限公司', mineral: 'limestone', method: 'open_pit', status: 'suspended',
    cap: 40, top: 1040, bottom: 880, slope: 100, mon: 'system', year: 2012,
    geom: polyG(cleanRing(extGeom.coordinates[0])),
    expect: { 'mining-right-overlap': 'pass', 'open-pit-spacing': 'pass', 'slope-monitoring': 'pass' },
  }, '扩大矿区范围：与已存 MR-HJ-021 同编号，核查时排除其旧范围，因此不算自身重叠。',
  'Extension of stored MR-HJ-021 (same id): its stored version is left out, so it does not overlap itself.');

  const e6 = [[950, -300], [1000, 250]] as XY[];
  const dir: XY = [e6[1][0] - e6[0][0], e6[1][1] - e6[0][1]];
  const len = Math.hypot(...dir);
  const nrm: XY = [dir[1] / len, -dir[0] / len]; // east-pointing normal of MR-HJ-006's east edge
  const off = (p: XY, m: number): XY => [p[0] + nrm[0] * m, p[1] + nrm[1] * m];
  right('p03-mr-pillar-fail', {
    id: 'PR-MR-03', county: 'HJ', name: '拟设 河津市下化东铁矿', holder: '河津市东岭矿业有限公司', mineral: 'iron', method: 'underground', status: 'proposed',
    cap: 20, top: 860, bottom: 450, year: 2026,
    geom: P(S.pillar, [off(e6[0], 30), [1500, -420], [1650, 150], off(e6[1], 30)]),
    expect: { 'safety-pillar-50m': 'fail', 'minimum-scale': 'fail', 'mining-right-overlap': 'pass' },
  }, '新设地下铁矿距已设 MR-HJ-006 仅约30米（小于50米保安矿柱）；河津市为重点县，20万吨/年低于30万吨/年。',
  'A new underground iron mine ~30 m from MR-HJ-006 (< 50 m pillar); in Hejin (key county) 20 < 30 万t/a fails minimum scale.');

  right('p04-mr-pillar-pass', {
    id: 'PR-MR-04', county: 'WR', name: '拟设 万荣县孤山东铁矿', holder: '万荣县东山矿业有限公司', mineral: 'iron', method: 'underground', status: 'proposed',
    cap: 20, top: 600, bottom: 320, year: 2026,
    geom: P(S.hazardC, [[520, -380], [1000, -500], [1250, -50], [1150, 420], [520, 380]]),
    expect: { 'safety-pillar-50m': 'pass', 'minimum-scale': 'pass', 'mining-right-overlap': 'pass', 'hidden-hazard-zone': 'pass' },
  }, '新设地下铁矿距 MR-WR-001 约120米，保安矿柱满足；万荣县非重点县，20万吨/年不低于10万吨/年。',
  'A new underground iron mine ~120 m from MR-WR-001 (pillar ≥ 50 m passes); Wanrong is not a key county, 20 ≥ 10 万t/a passes.');

  right('p05-mr-ridge-fail', {
    id: 'PR-MR-05', county: 'WR', name: '拟设 万荣县孤山花岗岩矿', holder: '万荣县孤山石材有限公司', mineral: 'granite', method: 'open_pit', status: 'proposed',
    cap: 25, top: 1400, bottom: 1250, slope: 80, mon: 'none', year: 2026,
    geom: P(S.ridgeWr, [...[-600, -300, 0, 300, 500].map((x): XY => [x, yAt(RIDGE_WR_LINE, x) - 15]), [650, -450], [0, -560], [-550, -420]]),
    expect: { 'ridge-line-boundary': 'fail', 'open-pit-spacing': 'pass' },
  }, '新设饰面石材露天矿北界沿孤山山脊（RL-04）约1.1公里：以山脊划界，不合格。',
  'A new building-stone quarry whose north boundary follows ridge RL-04 for ~1.1 km: ridge-line boundary fails.');

  right('p06-mr-open-pit-spacing-warn', {
    id: 'PR-MR-06', county: 'WR', name: '拟设 万荣县解店东石灰岩矿', holder: '万荣县东兴建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'proposed',
    cap: 40, top: 1060, bottom: 940, slope: 90, mon: 'system', year: 2026,
    geom: P(S.slope, [[2280, -320], [2700, -400], [2850, 0], [2700, 360], [2280, 300]]),
    expect: { 'open-pit-spacing': 'warn', 'slope-monitoring': 'pass', 'mining-right-overlap': 'pass' },
  }, '新设露天石灰岩矿距已设 MR-WR-007 约180米（小于300米）：露天间距预警。',
  'A new open-pit limestone quarry ~180 m from MR-WR-007 (< 300 m): open-pit spacing warns.');

  right('p07-mr-red-line-fail', {
    id: 'PR-MR-07', county: 'HC', name: '拟设 韩城市龙门河滩砂石矿', holder: '韩城市河滩砂石有限公司', mineral: 'sand_gravel', method: 'open_pit', status: 'proposed',
    cap: 50, top: 390, bottom: 372, slope: 15, mon: 'none', year: 2026,
    geom: P(frame(110.5965, 35.56), [[-300, -350], [250, -420], [330, 0], [260, 380], [-280, 330], [-380, 0]]),
    expect: { 'restricted-zone': 'fail', 'yellow-river-buffer': 'warn' },
  }, '新设河滩砂石矿位于黄河岸线生态保护红线内：禁止/限制区不合格；距黄河干流不足3公里：生态审查预警。',
  'A new river-bank sand pit inside the Yellow River ecological red line: restricted zone fails; < 3 km from the main stem warns.');

  right('p08-mr-reserve-warn', {
    id: 'PR-MR-08', county: 'WR', name: '拟设 万荣县汾口石灰岩矿', holder: '万荣县汾口建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'proposed',
    cap: 30, top: 520, bottom: 440, slope: 40, mon: 'none', year: 2026,
    geom: P(S.reserve, [[2150, -1500], [2700, -1700], [3000, -1200], [2800, -700], [2200, -800]]),
    expect: { 'restricted-zone': 'warn', 'yellow-river-buffer': 'warn' },
  }, '新设矿权距黄河湿地自然保护区约300米（500米内）：预警；距黄河干流不足3公里：预警。',
  'A new right ~300 m from the wetland nature reserve (within 500 m) warns; < 3 km from the Yellow River main stem warns.');

  right('p09-mr-hidden-hazard-fail', {
    id: 'PR-MR-09', county: 'HC', name: '拟设 韩城市薛峰石灰岩矿', holder: '韩城市薛峰建材有限公司', mineral: 'limestone', method: 'open_pit', status: 'proposed',
    cap: 30, top: 900, bottom: 780, slope: 60, mon: 'none', year: 2026,
    geom: blob('PR-MR-09', frame(110.35, 35.52), 420, 320, 8, 0, 350, 150),
    expect: { 'hidden-hazard-zone': 'fail', 'minimum-scale': 'not_applicable' },
  }, '新设矿权与未普查的采空区 HZ-09 相交：隐蔽致灾因素未普查，不合格；陕西（全国默认规则）无最低规模要求。',
  'A new right over HZ-09, an unsurveyed goaf: hidden-hazard fails; Shaanxi (national profile) has no minimum scale.');

  right('p10-mr-ore-body-fail', {
    id: 'PR-MR-10', county: 'HJ', name: '拟设 河津市樊村南铁矿', holder: '河津市南山矿业有限公司', mineral: 'iron', method: 'underground', status: 'proposed',
    cap: 40, top: 800, bottom: 380, year: 2026,
    geom: P(S.ore, [[-500, -760], [-550, -1250], [0, -1400], [480, -1250], [450, -760]]),
    expect: { 'ore-body-single-right': 'fail', 'safety-pillar-50m': 'pass', 'mining-right-overlap': 'pass', 'minimum-scale': 'pass' },
  }, '新设矿权占用 OB-01 南段，该矿体已由其他权利人的两宗采矿权（MR-HJ-007、MR-HJ-008）占用：同一矿体不得设立2个以上采矿权。',
  'A new right over the south end of OB-01, already covered by two rights of other holders: ore-body single right fails.');

  right('p11-mr-slope-fail', {
    id: 'PR-MR-11', county: 'WR', name: '拟设 万荣县西坡石灰岩矿', holder: '万荣县西坡水泥有限公司', mineral: 'limestone', method: 'open_pit', status: 'proposed',
    cap: 120, top: 980, bottom: 760, slope: 220, mon: 'system', year: 2026,
    geom: blob('PR-MR-11', frame(110.66, 35.43), 600, 420, 9, 15),
    expect: { 'slope-monitoring': 'fail', 'open-pit-spacing': 'pass' },
  }, '新设露天矿设计边坡高220米，仅有监测系统而无在线监测：不合格。',
  'A new quarry with a 220 m slope and a monitoring system but no online monitoring: slope monitoring fails.');

  right('p12-mr-clean-pass', {
    id: 'PR-MR-12', county: 'HJ', name: '拟设 河津市下化白云岩矿', holder: '河津市下化白云岩有限公司', mineral: 'dolomite', method: 'open_pit', status: 'proposed',
    cap: 30, top: 820, bottom: 720, slope: 80, mon: 'system', year: 2026,
    geom: blob('PR-MR-12', frame(110.7, 35.68), 600, 450, 9, 10),
    expect: {
      'mining-right-overlap': 'pass', 'open-pit-spacing': 'pass', 'yellow-river-buffer': 'pass', 'hidden-hazard-zone': 'pass',
      'restricted-zone': 'pass', 'ore-body-single-right': 'pass', 'minimum-scale': 'not_applicable', 'slope-monitoring': 'pass',
    },
  }, '新设白云岩露天矿，覆盖未设权的 OB-05，各项规则均通过（最低规模对白云岩不适用）。',
  'A new dolomite quarry over unallocated ore body OB-05: every rule passes (no minimum scale for dolomite).');

  pond('p13-tp-river-main-fail', {
    id: 'PR-TP-13', name: '拟建 荣河尾矿库', at: [110.475, 35.33], az: 290, len: 600, width: 360, grade: 4, H: 40, V: 300,
    status: 'proposed', oneTimeDam: true, finalElevationReached: false, operator: '万荣县荣河矿业有限公司',
    expect: { 'yellow-river-buffer': 'fail', 'head-top-tailings': 'pass', 'tailings-grade': 'pass', 'tailings-dam-height': 'pass' },
  }, '拟建尾矿库距黄河干流约2公里（小于3公里）：不合格。',
  'A proposed tailings pond ~2 km from the Yellow River main stem (< 3 km): fails.');

  pond('p14-tp-river-fen-fail', {
    id: 'PR-TP-14', name: '拟建 小梁尾矿库', at: [110.95, 35.5895], az: 180, len: 500, width: 320, grade: 4, H: 33, V: 200,
    status: 'proposed', oneTimeDam: true, finalElevationReached: false, operator: '河津市小梁矿业有限公司',
    expect: { 'yellow-river-buffer': 'fail', 'head-top-tailings': 'pass', 'tailings-grade': 'pass' },
  }, '拟建尾矿库距汾河（黄河重要支流）约450米（小于1公里）：不合格。',
  'A proposed pond ~450 m from the Fen, an important tributary (< 1 km): fails.');

  const senglou = stored.settlements.find((f) => f.properties.id === 'ST-HJ-007') as Feat;
  const slDam = dest((senglou.geometry as Point).coordinates, 650, 0);
  pond('p15-tp-head-top-fail', {
    id: 'PR-TP-15', name: '拟建 僧楼北尾矿库', at: [slDam[0], slDam[1]], az: 180, len: 650, width: 380, grade: 4, H: 48, V: 500,
    status: 'proposed', oneTimeDam: true, finalElevationReached: false, operator: '河津市僧楼矿业有限公司',
    expect: { 'head-top-tailings': 'fail', 'yellow-river-buffer': 'pass', 'tailings-grade': 'pass' },
  }, '拟建尾矿库坝下游约650米为僧楼村（1公里、±30°扇区内）：头顶库，不合格。',
  'A proposed pond with 僧楼村 ~650 m downstream of the dam (inside the 1 km ±30° sector): head-top pond fails.');

  pond('p16-tp-head-top-warn-no-azimuth', {
    id: 'PR-TP-16', name: '拟建 东山尾矿库', at: [110.97, 35.47], az: 180, len: 500, width: 300, grade: 4, H: 36, V: 220,
    status: 'proposed', oneTimeDam: true, finalElevationReached: false, operator: '万荣县东山矿业有限公司', omitAzimuth: true,
    expect: { 'head-top-tailings': 'warn', 'yellow-river-buffer': 'pass', 'tailings-grade': 'pass' },
  }, '拟建尾矿库缺少下游方位角 downstreamAzimuthDeg，无法判定头顶库：预警（指出缺少的属性）。',
  'A proposed pond without downstreamAzimuthDeg: the head-top rule cannot judge and warns, naming the missing property.');

  pond('p17-tp-dam-height-and-grade-fail', {
    id: 'PR-TP-17', name: '拟建 西山尾矿库', at: [110.23, 35.7], az: 90, len: 1200, width: 600, grade: 3, H: 230, V: 12000,
    status: 'proposed', oneTimeDam: false, finalElevationReached: false, operator: '韩城市西山矿业有限公司',
    expect: { 'tailings-dam-height': 'fail', 'tailings-grade': 'fail', 'head-top-tailings': 'pass' },
  }, '拟建尾矿库总坝高230米（大于200米）：不合格；库容12000万m³、坝高230米应为二等库，申报三等偏低：不合格。',
  'A proposed pond with a 230 m dam (> 200 m) fails; 12000 万m³ and 230 m compute grade 2, declared 3 is understated: fails.');

  const wangfeng = stored.settlements.find((f) => f.properties.id === 'ST-HC-005') as Feat;
  const wfDam = dest((wangfeng.geometry as Point).coordinates, 450, 90);
  pond('p18-tp-clean-pass', {
    id: 'PR-TP-18', name: '拟建 王峰东尾矿库', at: [wfDam[0], wfDam[1]], az: 180, len: 900, width: 650, grade: 4, H: 25, V: 3000,
    status: 'proposed', oneTimeDam: true, finalElevationReached: false, operator: '韩城市王峰选矿有限公司', damType: '平地型围堤 flat-land dike',
    expect: {
      'head-top-tailings': 'pass', 'yellow-river-buffer': 'pass', 'tailings-grade': 'pass', 'tailings-dam-height': 'pass',
      'hidden-hazard-zone': 'pass', 'restricted-zone': 'pass',
    },
  }, '拟建尾矿库：王峰村在坝侧约450米（偏离下游方向90°），不在下游扇区内；等别按库容3等、坝高5等相差两等取高一等再降一等=4等，与申报一致；各项通过。',
  'A proposed pond with 王峰村 450 m beside the dam (90° off the downstream axis, outside the sector); grade 3 by volume and 5 by height → 4 as declared; all pass.');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry validation
// ---------------------------------------------------------------------------------------------------------------
const errors: string[] = [];
const fail = (msg: string) => errors.push(msg);

function polygonsOf(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}
function allPositions(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point': return [g.coordinates];
    case 'LineString': return g.coordinates;
    case 'MultiLineString': return g.coordinates.flat();
    case 'Polygon': return g.coordinates.flat();
    case 'MultiPolygon': return g.coordinates.flat(2);
    default: return [];
  }
}
function validate(layer: string, f: Feat): void {
  const where = `${layer}/${f.properties.id}`;
  for (const p of allPositions(f.geometry)) {
    if (p.length !== 2 || p.some((v) => !Number.isFinite(v))) fail(`${where}: bad position ${p}`);
    for (const v of p) {
      const dec = String(v).split('.')[1];
      if (dec && dec.length > 7) fail(`${where}: more than 7 decimals in ${v}`);
    }
    if (p[0] < PROV_BOX[0] || p[0] > PROV_BOX[2] || p[1] < PROV_BOX[1] || p[1] > PROV_BOX[3]) fail(`${where}: position ${p} outside the region`);
  }
  const polys = polygonsOf(f.geometry);
  polys.forEach((rings, k) => {
    rings.forEach((ring, i) => {
      const a = ring[0];
      const b = ring[ring.length - 1];
      if (ring.length < 4) fail(`${where}: ring with < 4 positions`);
      if (a[0] !== b[0] || a[1] !== b[1]) fail(`${where}: ring ${k}/${i} not closed`);
      for (let j = 1; j < ring.length; j++)
        if (ring[j][0] === ring[j - 1][0] && ring[j][1] === ring[j - 1][1]) fail(`${where}: repeated position in ring ${k}/${i}`);
      const ccw = signedArea2(ring) > 0;
      if (i === 0 && !ccw) fail(`${where}: outer ring ${k} is clockwise`);
      if (i > 0 && ccw) fail(`${where}: hole ${k}/${i} is counter-clockwise`);
    });
    const kinks = turf.kinks(turf.polygon(rings));
    if (kinks.features.length) fail(`${where}: self-intersection at ${JSON.stringify(kinks.features[0].geometry.coordinates)}`);
    for (let i = 1; i < rings.length; i++)
      if (!turf.booleanWithin(turf.polygon([[...rings[i]].reverse()]), turf.polygon([rings[0]]))) fail(`${where}: hole ${i} not inside the outer ring`);
  });
  if (f.geometry.type === 'MultiPolygon') {
    const ps = f.geometry.coordinates;
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++)
        if (turf.booleanIntersects(turf.polygon(ps[i]), turf.polygon(ps[j]))) fail(`${where}: parts ${i} and ${j} intersect`);
  }
  if (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString') {
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const l of lines) if (l.length < 2) fail(`${where}: line with < 2 positions`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The self-check: the 14 rules of docs/rules.md re-implemented with turf
// ---------------------------------------------------------------------------------------------------------------
interface Result {
  status: Status;
  measured?: number;
  related?: string[];
  info?: string;
}
const RANK: Record<Status, number> = { not_applicable: 0, pass: 1, warn: 2, fail: 3 };
const worse = (a: Status, b: Status): Status => (RANK[a] >= RANK[b] ? a : b);

function linesOf(g: Geometry): Position[][] {
  switch (g.type) {
    case 'LineString': return [g.coordinates];
    case 'MultiLineString': return g.coordinates;
    case 'Polygon': return g.coordinates;
    case 'MultiPolygon': return g.coordinates.flat();
    default: return [];
  }
}
const bboxCache = new WeakMap<Geometry, number[]>();
function bboxOf(g: Geometry): number[] {
  let b = bboxCache.get(g);
  if (!b) {
    b = turf.bbox(g);
    bboxCache.set(g, b);
  }
  return b;
}
/** Ground distance in metres between two geometries (0 when they intersect). */
function distanceM(a: Geometry, b: Geometry): number {
  if (turf.booleanIntersects(a, b)) return 0;
  const pa = a.type === 'Point' ? [[a.coordinates]] : linesOf(a);
  const pb = b.type === 'Point' ? [[b.coordinates]] : linesOf(b);
  let m = Infinity;
  for (const la of pa)
    for (const lb of pb) {
      if (la.length === 1 && lb.length === 1) m = Math.min(m, turf.distance(la[0], lb[0], { units: 'meters' }));
      if (lb.length > 1) for (const p of la) m = Math.min(m, turf.pointToLineDistance(p, turf.lineString(lb), { units: 'meters' }));
      if (la.length > 1) for (const p of lb) m = Math.min(m, turf.pointToLineDistance(p, turf.lineString(la), { units: 'meters' }));
    }
  return m;
}
/** Cheap lower bound test: are the bboxes farther apart than `m` metres? */
function farApart(a: Geometry, b: Geometry, m: number): boolean {
  const [aw, as, ae, an] = bboxOf(a);
  const [bw, bs, be, bn] = bboxOf(b);
  const dx = Math.max(0, bw - ae, aw - be) * 90000;
  const dy = Math.max(0, bs - an, as - bn) * 110900;
  return Math.hypot(dx, dy) > m;
}
function overlapAreaM2(a: Geometry, b: Geometry): number {
  if (farApart(a, b, 0)) return 0;
  const i = turf.intersect(turf.featureCollection([turf.feature(a as Polygon | MultiPolygon), turf.feature(b as Polygon | MultiPolygon)]));
  return i ? turf.area(i) : 0;
}
/** Length of the boundary of `g` lying within `tol` metres of any of `lines` (sampled every ~2 m). */
function boundaryLengthNear(g: Geometry, lines: Geometry[], tol: number): number {
  const near = lines.filter((l) => !farApart(g, l, tol + 50));
  if (!near.length) return 0;
  let total = 0;
  for (const ring of linesOf(g))
    for (let i = 0; i < ring.length - 1; i++) {
      const len = turf.distance(ring[i], ring[i + 1], { units: 'meters' });
      const n = Math.max(1, Math.ceil(len / 2));
      for (let k = 0; k < n; k++) {
        const t = (k + 0.5) / n;
        const p = [ring[i][0] + (ring[i + 1][0] - ring[i][0]) * t, ring[i][1] + (ring[i + 1][1] - ring[i][1]) * t];
        const d = Math.min(...near.flatMap((l) => linesOf(l).map((ln) => turf.pointToLineDistance(p, turf.lineString(ln), { units: 'meters' }))));
        if (d <= tol) total += len / n;
      }
    }
  return total;
}
function sectorPolygon(apex: Position, az: number, radius: number, half: number): Polygon {
  const ring: Position[] = [apex];
  for (let b = az - half; b <= az + half + 1e-9; b += 1) ring.push(turf.destination(apex, radius, b, { units: 'meters' }).geometry.coordinates);
  ring.push(apex);
  return { type: 'Polygon', coordinates: [signedArea2(ring) > 0 ? ring : [...ring].reverse()] };
}

interface World {
  rights: Feat[];
  ponds: Feat[];
  settlements: Feat[];
  rivers: Feat[];
  ridges: Feat[];
  hazards: Feat[];
  restricted: Feat[];
  ores: Feat[];
  counties: Feat[];
}
const KEY_COUNTIES = ['140882', '140827', '140923', '140924', '141127'];

function riverRule(f: Feat, w: World, asFail: boolean): Result {
  let worst: { d: number; buf: number } | undefined;
  let nearest = Infinity;
  for (const r of w.rivers) {
    const cls = r.properties.riverClass as string;
    const buf = /_main$/.test(cls) ? 3000 : /_tributary$/.test(cls) ? 1000 : 0;
    if (!buf) continue;
    const d = distanceM(f.geometry, r.geometry);
    nearest = Math.min(nearest, d);
    if (d < buf && (!worst || d / buf < worst.d / worst.buf)) worst = { d, buf };
  }
  if (worst) return { status: asFail ? 'fail' : 'warn', measured: worst.d, info: `buffer ${worst.buf}` };
  return { status: 'pass', measured: nearest };
}
function hazardRule(f: Feat, w: World): Result {
  let st: Status = 'pass';
  let measured: number | undefined;
  const related: string[] = [];
  for (const z of w.hazards) {
    const p = z.properties as Json;
    if (p.surveyStatus === 'treated') continue;
    if (farApart(f.geometry, z.geometry, 250)) continue;
    const hits = turf.booleanIntersects(f.geometry, z.geometry);
    let s: Status = 'pass';
    if (hits && p.surveyStatus === 'unsurveyed') s = 'fail';
    else if (hits && p.surveyStatus === 'surveyed' && (p.level === 'major' || p.level === 'significant')) s = 'warn';
    if (s === 'pass' && (p.hazardType === 'goaf' || p.hazardType === 'old_workings')) {
      const d = distanceM(f.geometry, z.geometry);
      if (d < 200) {
        s = 'warn';
        measured = d;
      }
    }
    if (s !== 'pass') related.push(z.properties.id);
    st = worse(st, s);
  }
  return { status: st, measured, related };
}
function restrictedRule(f: Feat, w: World): Result {
  let st: Status = 'pass';
  let nearest = Infinity;
  const related: string[] = [];
  for (const z of w.restricted) {
    if (!['ecological_red_line', 'nature_reserve', 'water_source', 'no_mining'].includes(z.properties.zoneType as string)) continue;
    if (farApart(f.geometry, z.geometry, 600)) continue;
    const d = distanceM(f.geometry, z.geometry);
    nearest = Math.min(nearest, d);
    const s: Status = d === 0 ? 'fail' : d < 500 ? 'warn' : 'pass';
    if (s !== 'pass') related.push(z.properties.id);
    st = worse(st, s);
  }
  return { status: st, measured: nearest, related };
}
function countyOf(f: Feat, w: World): string | undefined {
  const p = turf.pointOnFeature(f.geometry);
  return w.counties.find((c) => turf.booleanPointInPolygon(p, c.geometry as Polygon))?.properties.code as string | undefined;
}

function evalRight(f: Feat, w: World): Record<string, Result> {
  const p = f.properties as Json;
  const others = w.rights.filter((o) => o.properties.id !== p.id && o.properties.status !== 'closed');
  const method = p.method as string;
  const ug = method === 'underground' || method === 'mixed';
  const op = method === 'open_pit' || method === 'mixed';
  const out: Record<string, Result> = {};

  // mining-right-overlap
  {
    let st: Status = 'pass';
    let total = 0;
    const related: string[] = [];
    for (const o of others) {
      const a = overlapAreaM2(f.geometry, o.geometry);
      if (a <= 1) continue;
      const q = o.properties as Json;
      const disjoint = (p.elevationTop as number) < (q.elevationBottom as number) || (q.elevationTop as number) < (p.elevationBottom as number);
      st = worse(st, q.holder === p.holder && disjoint ? 'warn' : 'fail');
      total += a;
      related.push(o.properties.id);
    }
    out['mining-right-overlap'] = { status: st, measured: total, related };
  }
  // safety-pillar-50m and open-pit-spacing
  const gapRule = (applies: boolean, peers: (m: string) => boolean, limit: number, bad: Status): Result => {
    if (!applies) return { status: 'not_applicable' };
    let min = Infinity;
    const related: string[] = [];
    for (const o of others) {
      if (!peers(o.properties.method as string) || farApart(f.geometry, o.geometry, limit + 100)) continue;
      const d = distanceM(f.geometry, o.geometry);
      if (d < limit) related.push(o.properties.id);
      min = Math.min(min, d);
    }
    return { status: min < limit ? bad : 'pass', measured: min, related };
  };
  out['safety-pillar-50m'] = gapRule(ug, (m) => m === 'underground' || m === 'mixed', 50, 'fail');
  out['open-pit-spacing'] = gapRule(op, (m) => m === 'open_pit' || m === 'mixed', 300, 'warn');
  // ridge-line-boundary
  if (op && ['construction_sand_gravel', 'building_stone'].includes(p.mineralGroup as string)) {
    const len = boundaryLengthNear(f.geometry, w.ridges.map((r) => r.geometry), 30);
    out['ridge-line-boundary'] = { status: len >= 100 ? 'fail' : 'pass', measured: len };
  } else out['ridge-line-boundary'] = { status: 'not_applicable' };
  out['yellow-river-buffer'] = riverRule(f, w, false);
  out['hidden-hazard-zone'] = hazardRule(f, w);
  out['restricted-zone'] = restrictedRule(f, w);
  // ore-body-single-right
  {
    let st: Status = 'pass';
    let count = 0;
    const related: string[] = [];
    for (const ob of w.ores) {
      if (overlapAreaM2(f.geometry, ob.geometry) <= 1) continue;
      const rivals = others.filter((o) => o.properties.holder !== p.holder && overlapAreaM2(o.geometry, ob.geometry) > 1);
      if (rivals.length) {
        st = 'fail';
        count = Math.max(count, rivals.length);
        related.push(ob.properties.id, ...rivals.map((r) => r.properties.id));
      }
    }
    out['ore-body-single-right'] = { status: st, measured: count, related };
  }
  // minimum-scale (Shanxi profile; national has no minimums)
  {
    const code = countyOf(f, w);
    let min: number | undefined;
    if (code?.startsWith('14')) {
      if (KEY_COUNTIES.includes(code) && ['iron', 'copper', 'lead', 'zinc'].includes(p.mineral as string) && method === 'underground') min = 30;
      else if (p.mineral === 'iron' && method === 'underground') min = 10;
      else if (p.mineral === 'iron' && method === 'open_pit') min = 20;
    }
    out['minimum-scale'] = min === undefined
      ? { status: 'not_applicable', info: `county ${code}` }
      : { status: (p.capacityWanTpa as number) < min ? 'fail' : 'pass', measured: p.capacityWanTpa as number, info: `min ${min}, county ${code}` };
  }
  // slope-monitoring
  if (op && typeof p.slopeHeightM === 'number') {
    const h = p.slopeHeightM;
    const st: Status = h >= 200 && p.slopeMonitoring !== 'online' ? 'fail' : h >= 150 && p.slopeMonitoring === 'none' ? 'warn' : 'pass';
    out['slope-monitoring'] = { status: st, measured: h };
  } else out['slope-monitoring'] = { status: 'not_applicable' };
  return out;
}

function computedGrade(V: number, H: number): number {
  const gv = V >= 10000 ? 2 : V >= 1000 ? 3 : V >= 100 ? 4 : 5;
  const gh = H >= 100 ? 2 : H >= 60 ? 3 : H >= 30 ? 4 : 5;
  const hi = Math.min(gv, gh);
  const diff = Math.abs(gv - gh);
  return diff <= 1 ? hi : hi + 1;
}
function evalPond(f: Feat, w: World): Record<string, Result> {
  const p = f.properties as Json;
  const out: Record<string, Result> = {};
  out['yellow-river-buffer'] = riverRule(f, w, true);
  // head-top-tailings
  const dam = p.damPoint as Position | undefined;
  const az = p.downstreamAzimuthDeg as number | undefined;
  if (!dam || typeof az !== 'number') out['head-top-tailings'] = { status: 'warn', info: 'damPoint or downstreamAzimuthDeg missing' };
  else {
    const sector = sectorPolygon(dam, az, 1000, 30);
    const hits = w.settlements.filter((s) => turf.booleanIntersects(s.geometry, sector));
    const d = hits.length ? Math.min(...hits.map((s) => distanceM({ type: 'Point', coordinates: dam }, s.geometry))) : undefined;
    out['head-top-tailings'] = {
      status: hits.length ? 'fail' : 'pass',
      measured: d,
      related: hits.map((s) => s.properties.id),
      info: hits.length ? `population ${hits.reduce((a, s) => a + (s.properties.population as number), 0)}` : undefined,
    };
  }
  // tailings-dam-height
  const H = p.damHeightM as number;
  out['tailings-dam-height'] = { status: H > 200 ? 'fail' : [4, 5].includes(p.grade as number) && p.oneTimeDam === false ? 'warn' : 'pass', measured: H };
  // tailings-grade
  const g = computedGrade(p.capacityWanM3 as number, H);
  const declared = p.grade as number;
  out['tailings-grade'] = { status: declared > g ? 'fail' : declared < g && declared !== 1 ? 'warn' : 'pass', measured: declared, info: `computed ${g}` };
  out['hidden-hazard-zone'] = hazardRule(f, w);
  out['restricted-zone'] = restrictedRule(f, w);
  // tailings-closure (stored ponds only)
  if (p.status === 'operating' || p.status === 'idle') {
    const idle = typeof p.idleSince === 'number' ? CURRENT_YEAR - p.idleSince : 0;
    const st: Status = p.finalElevationReached === true || idle > 3 || !p.operator ? 'fail' : 'pass';
    out['tailings-closure'] = { status: st, measured: idle };
  } else out['tailings-closure'] = { status: 'not_applicable' };
  return out;
}

type Findings = Map<string, Record<string, Result>>;
function compare(kind: string, f: Feat, res: Record<string, Result>, expect: Expect | undefined, strict: boolean): void {
  for (const [rule, st] of Object.entries(expect ?? {})) {
    if (!res[rule]) fail(`${kind} ${f.properties.id}: expect names unknown rule ${rule}`);
    else if (res[rule].status !== st)
      fail(`${kind} ${f.properties.id}: ${rule} expected ${st}, self-check gives ${res[rule].status} (measured ${res[rule].measured?.toFixed?.(1)}, ${res[rule].info ?? ''} ${res[rule].related?.join(',') ?? ''})`);
  }
  if (!strict) return;
  for (const [rule, r] of Object.entries(res))
    if ((r.status === 'fail' || r.status === 'warn') && !(expect && rule in expect))
      fail(`${kind} ${f.properties.id}: undesigned ${r.status} for ${rule} (measured ${r.measured?.toFixed?.(1)}, ${r.info ?? ''} ${r.related?.join(',') ?? ''})`);
}

// ---------------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------------
function toJson(obj: unknown): string {
  return (
    JSON.stringify(obj, null, 2)
      .replace(/\[\s+(-?\d+(?:\.\d+)?),\s+(-?\d+(?:\.\d+)?)\s+\]/g, '[$1, $2]')
      .replace(/\[\s+((?:\[-?\d+(?:\.\d+)?, -?\d+(?:\.\d+)?\],?\s*)+)\]/g, (_m, inner: string) => `[${inner.replace(/,\s+/g, ', ').trim()}]`) + '\n'
  );
}
const NOTE_COMMON_ZH = '演示数据：除河流中心线与韩城市（Natural Earth 1:10m，公有领域）外，均为虚构，位置与形状示意，不得用于真实选址。';
const NOTE_COMMON_EN = 'Demo data: apart from the river centre lines and Hancheng (Natural Earth 1:10m, public domain) everything is made up; positions and shapes are illustrative, not for real siting.';
const NOTES: Record<string, { zh: string; en: string }> = {
  mining_rights: {
    zh: `采矿权全部虚构（许可证号、权利人、矿种、标高、规模均为编造但格式仿真）。${NOTE_COMMON_ZH}`,
    en: `All mining rights are made up (licence numbers, holders, minerals, elevations and capacities invented in a realistic format). ${NOTE_COMMON_EN}`,
  },
  tailings_ponds: {
    zh: `尾矿库全部虚构；damPoint 为初期坝坡脚示意点，位于库区下游边缘。${NOTE_COMMON_ZH}`,
    en: `All tailings ponds are made up; damPoint marks the starter-dam toe on the pond's downstream edge. ${NOTE_COMMON_EN}`,
  },
  settlements: {
    zh: `韩城市位置与人口取自 Natural Earth（pop_max）；河津市、万荣县城位置凭常识示意（Natural Earth 未收录），人口为粗估；村庄名称借用本地常见地名，位置与人口虚构。`,
    en: 'Hancheng: Natural Earth position and pop_max. Hejin and the Wanrong county seat are not in Natural Earth: positions approximate from general knowledge, populations rough estimates. Village names are typical of the area; their positions and populations are made up.',
  },
  rivers: {
    zh: '黄河（干流）与汾河（黄河重要支流）为 Natural Earth 1:10m 中心线（公有领域），裁剪至演示范围，与真实河道可能相差数百米；澽水、遮马峪河走向为示意。',
    en: 'The Yellow River (main stem, Natural Earth "Huang") and the Fen (important tributary) are Natural Earth 1:10m centre lines (public domain) clipped to the demo box; they can be a few hundred metres off the real channel. The Ju and Zhemayu streams are made up, approximate courses.',
  },
  ridge_lines: { zh: `山脊线为虚构示意，用于山脊划界规则演示。${NOTE_COMMON_ZH}`, en: `Ridge lines are made up for the ridge-line rule cases. ${NOTE_COMMON_EN}` },
  hazard_zones: { zh: `隐蔽致灾因素区全部虚构。${NOTE_COMMON_ZH}`, en: `All hazard zones are made up. ${NOTE_COMMON_EN}` },
  restricted_zones: {
    zh: `禁止/限制区均为示意：生态保护红线取黄河中心线两侧各800米；自然保护区、水源地、禁采区形状虚构。${NOTE_COMMON_ZH}`,
    en: `Restricted zones are illustrative: the ecological red line is 800 m either side of the Yellow River centre line; the reserve, water-source area and no-mining zone are invented shapes. ${NOTE_COMMON_EN}`,
  },
  ore_bodies: { zh: `矿体全部虚构。${NOTE_COMMON_ZH}`, en: `All ore bodies are made up. ${NOTE_COMMON_EN}` },
  admin_areas: {
    zh: '行政区划为边界示意（approximate boundaries / 边界示意）：县界沿 Natural Earth 黄河、汾河中心线切分演示范围，乡镇以经纬线切分；省界为粗略多边形。区划代码县级为真实代码，乡镇代码为仿 GB/T 2260 格式编造。',
    en: 'Admin areas have approximate boundaries (边界示意): counties cut the demo box along the Natural Earth Yellow River and Fen lines, towns cut counties along parallels/meridians, provinces are rough polygons. County codes are real GB/T 2260 codes; town codes are made up in the same style.',
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------
function describeRivers(rivers: Feat[]): void {
  console.log('Rivers in the demo box', JSON.stringify(BOX));
  for (const r of rivers.slice(0, 2)) {
    const lines = linesOf(r.geometry);
    const pts = lines.flat();
    console.log(`  ${r.properties.id} ${r.properties.name} (${r.properties.riverClass}): ${lines.length} piece(s), ${pts.length} vertices, ` +
      `enters ${JSON.stringify(pts[0])}, leaves ${JSON.stringify(pts[pts.length - 1])}, ${turf.length(turf.feature(r.geometry), { units: "kilometers" }).toFixed(1)} km`);
  }
  const huang = linesOf(rivers[0].geometry)[0];
  const at = (lat: number) => {
    for (let i = 0; i < huang.length - 1; i++)
      if ((huang[i][1] - lat) * (huang[i + 1][1] - lat) <= 0) {
        const t = (lat - huang[i][1]) / (huang[i + 1][1] - huang[i][1]);
        return (huang[i][0] + t * (huang[i + 1][0] - huang[i][0])).toFixed(3);
      }
    return '-';
  };
  console.log(`  Yellow River longitude by latitude: ${[35.8, 35.7, 35.6, 35.5, 35.4, 35.3, 35.25].map((l) => `${l}°N→${at(l)}°E`).join(', ')}`);
  console.log(`  Fen mouth (NE) ${JSON.stringify(FEN_MOUTH)}, snapped onto the Yellow River for the admin cut at ${JSON.stringify(CONFLUENCE.p)}`);
}

function main(): void {
  verifyAgainstReference();
  const rivers = riverFeatures();
  describeRivers(rivers);

  const admin = adminFeatures();
  const restricted = restrictedFeatures();
  const hazards = hazardFeatures();
  const ridges = ridgeFeatures();
  const ores = oreFeatures();
  const rights = rightSpecs().map(rightFeature);
  const ponds = pondSpecs().map(pondFeature);
  const settlements = settlementFeatures();
  const layers: Record<string, Feat[]> = {
    mining_rights: rights,
    tailings_ponds: ponds,
    settlements,
    rivers,
    ridge_lines: ridges,
    hazard_zones: hazards,
    restricted_zones: restricted,
    ore_bodies: ores,
    admin_areas: admin,
  };
  const props = proposals({ rights, settlements });

  // -- validation --------------------------------------------------------------------------------------------
  for (const [layer, fs] of Object.entries(layers)) {
    const ids = new Set<string>();
    for (const f of fs) {
      if (ids.has(f.properties.id)) fail(`${layer}: duplicate id ${f.properties.id}`);
      ids.add(f.properties.id);
      if (!/[\u4e00-\u9fff]/.test(f.properties.name)) fail(`${layer}/${f.properties.id}: name is not Chinese`);
      validate(layer, f);
    }
  }
  for (const p of props) validate(`proposal ${p.file}`, p.feature);
  for (const r of [...rights, ...props.filter((p) => p.layer === 'mining_rights').map((p) => p.feature)]) {
    const km2 = turf.area(r.geometry) / 1e6;
    if (km2 < 0.05 || km2 > 3) fail(`${r.properties.id}: area ${km2.toFixed(3)} km² outside 0.05–3`);
    const q = r.properties as Json;
    if (!((q.elevationTop as number) > (q.elevationBottom as number))) fail(`${r.properties.id}: elevationTop ≤ elevationBottom`);
  }
  for (const t of ponds) {
    const dam = t.properties.damPoint as Position;
    const d = distanceM({ type: 'Point', coordinates: dam }, t.geometry);
    const onEdge = turf.pointToLineDistance(dam, turf.lineString((t.geometry as Polygon).coordinates[0]), { units: 'meters' });
    if (d > 0.5 && onEdge > 0.5) fail(`${t.properties.id}: damPoint is ${onEdge.toFixed(2)} m off the pond edge`);
  }
  // admin tiling
  const counties = admin.filter((a) => a.properties.level === 'county');
  const boxArea = turf.area(turf.bboxPolygon(BOX));
  const countySum = counties.reduce((s, c) => s + turf.area(c.geometry), 0);
  if (Math.abs(countySum - boxArea) > 1e4) fail(`counties cover ${countySum} m², box is ${boxArea} m²`);
  for (let i = 0; i < counties.length; i++)
    for (let j = i + 1; j < counties.length; j++) {
      const a = overlapAreaM2(counties[i].geometry, counties[j].geometry);
      if (a > 1) fail(`counties ${counties[i].properties.id} and ${counties[j].properties.id} overlap by ${a.toFixed(1)} m²`);
    }
  for (const c of counties) {
    const towns = admin.filter((a) => a.properties.parentCode === c.properties.code);
    const sum = towns.reduce((s, t) => s + turf.area(t.geometry), 0);
    const ca = turf.area(c.geometry);
    if (Math.abs(sum - ca) > 1e-6 * ca + 10) fail(`towns of ${c.properties.code} cover ${sum} m², county is ${ca} m²`);
    for (let i = 0; i < towns.length; i++) {
      if (overlapAreaM2(towns[i].geometry, c.geometry) < turf.area(towns[i].geometry) - 10) fail(`town ${towns[i].properties.id} leaves its county`);
      for (let j = i + 1; j < towns.length; j++)
        if (overlapAreaM2(towns[i].geometry, towns[j].geometry) > 1) fail(`towns ${towns[i].properties.id} and ${towns[j].properties.id} overlap`);
    }
  }
  for (const prov of admin.filter((a) => a.properties.level === 'province'))
    for (const c of counties.filter((c) => (c.properties.code as string).slice(0, 2) === (prov.properties.code as string).slice(0, 2)))
      if (overlapAreaM2(c.geometry, prov.geometry) < turf.area(c.geometry) - 1e4) fail(`county ${c.properties.id} is not inside ${prov.properties.id}`);
  // plausibility: nobody lives inside a pond or a licence, ponds do not sit on licences or on each other
  for (const st of settlements)
    for (const f of [...rights, ...ponds])
      if (!farApart(st.geometry, f.geometry, 0) && turf.booleanIntersects(st.geometry, f.geometry)) fail(`${st.properties.id} lies inside ${f.properties.id}`);
  for (let i = 0; i < ponds.length; i++) {
    for (const r of rights) if (overlapAreaM2(ponds[i].geometry, r.geometry) > 0) fail(`${ponds[i].properties.id} overlaps ${r.properties.id}`);
    for (let j = i + 1; j < ponds.length; j++) if (overlapAreaM2(ponds[i].geometry, ponds[j].geometry) > 0) fail(`${ponds[i].properties.id} overlaps ${ponds[j].properties.id}`);
  }
  for (const r of rivers.filter((r) => r.properties.riverClass === 'other'))
    for (const f of [...rights, ...ponds, ...props.map((p) => p.feature)])
      if (distanceM(r.geometry, f.geometry) < 100) fail(`made-up stream ${r.properties.id} runs within 100 m of ${f.properties.id}`);
  for (const p of props)
    for (const st of settlements)
      if (!farApart(st.geometry, p.feature.geometry, 0) && turf.booleanIntersects(st.geometry, p.feature.geometry)) fail(`${st.properties.id} lies inside proposal ${p.file}`);
  // every right, pond and proposal well inside one county
  for (const f of [...rights, ...ponds, ...props.map((p) => p.feature)]) {
    const inside = counties.filter((c) => overlapAreaM2(f.geometry, c.geometry) > 0);
    if (inside.length !== 1) fail(`${f.properties.id}: touches ${inside.length} counties`);
  }

  // -- rule self-check ---------------------------------------------------------------------------------------
  const world: World = { rights, ponds, settlements, rivers, ridges, hazards, restricted, ores, counties };
  const audit: Findings = new Map();
  for (const r of rights) audit.set(r.properties.id, evalRight(r, world));
  for (const t of ponds) audit.set(t.properties.id, evalPond(t, world));
  for (const f of [...rights, ...ponds]) {
    const inactive = f.properties.status === 'closed' || f.properties.status === 'delisted';
    compare('audit', f, audit.get(f.properties.id)!, f.expect, !inactive);
  }
  const checks: Findings = new Map();
  for (const p of props) {
    const w: World = { ...world, rights: rights.filter((r) => r.properties.id !== p.feature.properties.id) };
    const res = p.layer === 'mining_rights' ? evalRight(p.feature, w) : evalPond(p.feature, w);
    delete res['tailings-closure']; // applies to stored ponds only
    checks.set(p.file, res);
    compare('check', p.feature, res, p.feature.expect, true);
  }
  // coverage: every rule has a fail (or warn for open-pit-spacing) and a pass in the stored data
  const RULES = [
    'mining-right-overlap', 'safety-pillar-50m', 'open-pit-spacing', 'ridge-line-boundary', 'yellow-river-buffer', 'head-top-tailings',
    'tailings-dam-height', 'tailings-grade', 'hidden-hazard-zone', 'restricted-zone', 'ore-body-single-right', 'minimum-scale',
    'slope-monitoring', 'tailings-closure',
  ];
  for (const rule of RULES) {
    const seen = new Set([...rights, ...ponds].map((f) => f.expect?.[rule]).filter(Boolean));
    const bad = rule === 'open-pit-spacing' ? 'warn' : 'fail';
    if (!seen.has(bad) || !seen.has('pass')) fail(`coverage: ${rule} lacks a stored ${bad} or pass case (${[...seen].join(',')})`);
  }

  if (errors.length) {
    console.error(`\nSELF-CHECK FAILED (${errors.length}):\n  ${errors.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`self-check passed: ${[...rights, ...ponds].filter((f) => f.expect).length} stored cases, ${props.length} proposals, ` +
    `${Object.values(layers).reduce((s, l) => s + l.length, 0)} features`);

  const summary = (r: Record<string, Result>) =>
    Object.entries(r).filter(([, v]) => v.status !== 'not_applicable').map(([k, v]) => `${k}=${v.status}${v.measured !== undefined && Number.isFinite(v.measured) ? `(${v.measured.toFixed(0)})` : ''}`).join(' ');
  if (process.argv.includes('--verbose')) {
    for (const [id, r] of audit) console.log(`  ${id}: ${summary(r)}`);
    for (const [id, r] of checks) console.log(`  ${id}: ${summary(r)}`);
  }
  if (CHECK_ONLY) return;

  // -- write -------------------------------------------------------------------------------------------------
  mkdirSync(join(OUT, 'proposals'), { recursive: true });
  for (const [layer, fs] of Object.entries(layers)) {
    const fc = { type: 'FeatureCollection', note: NOTES[layer], features: fs };
    writeFileSync(join(OUT, `${layer}.geojson`), toJson(fc));
  }
  for (const f of readdirSync(join(OUT, 'proposals'))) if (f.endsWith('.geojson')) rmSync(join(OUT, 'proposals', f));
  for (const p of props) {
    const { expect, ...rest } = p.feature;
    const out = { type: 'Feature', layer: p.layer, description: p.description, expect, properties: rest.properties, geometry: rest.geometry };
    writeFileSync(join(OUT, 'proposals', `${p.file}.geojson`), toJson(out));
  }
  writeFileSync(join(OUT, 'README.md'), readme(layers, props, audit, checks));
  console.log(`wrote ${OUT}`);
}

// ---------------------------------------------------------------------------------------------------------------
// README
// ---------------------------------------------------------------------------------------------------------------
function fmtMeasured(rule: string, r: Result): string {
  if (r.measured === undefined || !Number.isFinite(r.measured)) return '';
  if (rule === 'tailings-closure') return '';
  if (rule === 'mining-right-overlap') return r.measured > 0 ? `${Math.round(r.measured).toLocaleString('en-US')} m²` : '';
  if (rule === 'tailings-grade') return `declared ${r.measured}, ${r.info}`;
  if (rule === 'minimum-scale') return `${r.measured} 万t/a (${r.info})`;
  if (rule === 'ore-body-single-right') return r.measured ? `${r.measured} rival right(s)` : '';
  if (rule === 'ridge-line-boundary') return `${Math.round(r.measured)} m along ridges`;
  if (rule === 'slope-monitoring' || rule === 'tailings-dam-height') return `${r.measured} m`;
  return `${Math.round(r.measured)} m`;
}
function readme(layers: Record<string, Feat[]>, props: Proposal[], audit: Findings, checks: Findings): string {
  const count = (l: string) => layers[l].length;
  const rows: string[] = [];
  for (const f of [...layers.mining_rights, ...layers.tailings_ponds]) {
    if (!f.expect) continue;
    for (const [rule, st] of Object.entries(f.expect)) {
      const r = audit.get(f.properties.id)![rule];
      const why = WHY.get(f.properties.id)?.[rule] ?? '';
      rows.push(`| ${f.properties.id} ${f.properties.name} | \`${rule}\` | **${st}** | ${fmtMeasured(rule, r)} | ${why} |`);
    }
  }
  const prow: string[] = [];
  for (const p of props) {
    const res = checks.get(p.file)!;
    const ex = Object.entries(p.feature.expect ?? {})
      .map(([rule, st]) => `\`${rule}\` **${st}**${fmtMeasured(rule, res[rule]) ? ` (${fmtMeasured(rule, res[rule])})` : ''}`)
      .join('<br>');
    prow.push(`| \`${p.file}\`<br>${p.feature.properties.id} | ${ex} | ${p.description.en} |`);
  }
  return `# Demo region: Hejin 河津 – Hancheng 韩城 – Wanrong 万荣 (Fen / Yellow River confluence)

Generated by \`data/demo/generate.ts\` (\`npx tsx data/demo/generate.ts\`); do not edit by hand. The script is deterministic
(fixed-seed PRNG, no clock in the output): re-running it gives byte-identical files. It re-implements the 14 rules of
\`docs/rules.md\` with turf as a self-check and refuses to write anything if one \`expect\` below does not hold, or if a
stored feature gets a \`fail\`/\`warn\` its \`expect\` does not list.

演示区域：汾河入黄口一带（山西河津市、万荣县，陕西韩城市），范围约 ${BOX[0]}–${BOX[2]}°E、${BOX[1]}–${BOX[3]}°N。
除河流中心线与韩城市位置外全部为虚构数据，仅供演示与测试，不得用于真实选址。

## What is real and what is made up
| part | real? |
| --- | --- |
| Yellow River 黄河 (\`RV-HUANG\`, \`yellow_main\`) and Fen River 汾河 (\`RV-FEN\`, \`yellow_tributary\`) | **real** Natural Earth 1:10m centre lines (public domain), clipped to the box; a few hundred metres off the true channel in places |
| Hancheng 韩城市 (\`ST-HC-TOWN\`) | **real** Natural Earth position and \`pop_max\` ${NE_HANCHENG.popMax} |
| Hejin 河津市, Wanrong county seat 万荣县城 | not in Natural Earth: position approximate from general knowledge, outline and population rough estimates |
| County codes 140882 / 140822 / 610581, province codes 140000 / 610000 | real GB/T 2260 codes; **boundaries approximate (边界示意)**: the box cut along the river lines |
| Town codes and boundaries | made up (9-digit codes in GB/T 2260 style; towns cut along parallels/meridians) |
| Ju River 澽水, Zhemayu stream 遮马峪河 (\`other\`) | real names, made-up approximate courses |
| Mining rights, tailings ponds, villages, ridges, hazard zones, restricted zones, ore bodies | **made up**: realistic-looking licence numbers (C + issuing admin code + year + 12 digits), holders, minerals, elevations; village names typical of the area |
| Ecological red line | 800 m either side of the Natural Earth Yellow River line (illustrative) |

## Layers
| layer | features | notes |
| --- | ---: | --- |
${Object.keys(layers).map((l) => `| \`${l}\` | ${count(l)} | ${NOTES[l].en.split('. ')[0]}. |`).join('\n')}

Every FeatureCollection carries a foreign member \`note\` ({zh, en}); every feature has \`properties.id\` (stable) and a
Chinese \`name\`. Deliberate rule cases carry a foreign member \`expect\` on the Feature (not in properties): the outcome
\`POST /api/audit\` must give for that feature (each stored feature against all other stored features). Rules a feature
does not list are either \`pass\`/\`not_applicable\` for it (the self-check enforces that no unlisted \`fail\`/\`warn\` exists
on an active stored feature). Inactive features carry no \`expect\`: \`MR-HJ-010\` (closed) lies 20 m from \`MR-HJ-009\` to show
that closed rights are not neighbours; \`MR-WR-011\` (closed), \`TP-HJ-006\` (closed) and \`TP-HC-004\` (delisted) only show the
status values. If the audit also reports on inactive features themselves, \`MR-HJ-010\` gets \`safety-pillar-50m\` fail
(20 m to \`MR-HJ-009\`) and \`minimum-scale\` fail (9 万t/a): side effects, not designed cases.

Provinces carry no \`parentCode\`; counties point to their prefecture-level city (140800 运城市, 610500 渭南市), which are
not in the layer.

## Where the rivers run
The Yellow River enters the box from the north at about 110.56°E, runs south through the Longmen 龙门 (禹门口) gorge
exit (≈110.61°E at 35.64°N), swings to ≈110.62°E at 35.60°N, back to ≈110.56°E at the confluence (35.46°N), then
south-west to leave the box at about 110.34°E, 35.20°N. West of it is Shaanxi (Hancheng), east of it Shanxi. The Fen
enters from the east at about 35.58°N and runs west along 35.56–35.57°N past Hejin (north bank) and then south-west
to join the Yellow River at ≈110.555°E, 35.459°N; north of it is Hejin, south of it Wanrong.

## Intended outcomes: stored features (audit)
Measured values are the self-check's (turf, spherical); the server measures on the spheroid, so expect small
differences, never across a threshold (margins are generous). \`tailings-closure\` uses the current year.

| feature | rule | expected | measured (self-check) | why |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

## Intended outcomes: proposals (check)
Each file in \`proposals/\` is one GeoJSON Feature with foreign members \`layer\`, \`expect\` and \`description\` ({zh, en}).
Send \`{ "layer": <layer>, "feature": <the Feature> }\` to \`POST /api/checks\` with all the demo layers stored.
\`p02\` reuses the id of a stored right: a change to it (扩大矿区范围), so its stored version is left out of the check.
\`tailings-closure\` applies to stored ponds only and is not listed for proposals.

| proposal | expected (measured by the self-check) | what it demonstrates |
| --- | --- | --- |
${prow.join('\n')}

## Rule coverage
Every one of the 14 rules has at least one stored \`fail\` and one stored \`pass\` (\`open-pit-spacing\` only ever warns),
and a stored \`warn\` where the rule has one (\`mining-right-overlap\`, \`yellow-river-buffer\` for mining rights,
\`tailings-dam-height\`, \`tailings-grade\`, \`hidden-hazard-zone\`, \`restricted-zone\`, \`slope-monitoring\`);
\`head-top-tailings\` warns only when \`damPoint\`/\`downstreamAzimuthDeg\` is missing: see proposal p16.
\`minimum-scale\` also has a \`not_applicable\` case (MR-HC-002, Shaanxi, national profile).
`;
}

main();
