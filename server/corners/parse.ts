/**
 * 拐点坐标 corner-point tables, as mining-right licences (采矿许可证) print them, read into rings of coordinates in a
 * known CRS. Pure: no I/O. server/routes/corners.ts converts the rings to longitude/latitude with PostGIS.
 *
 * What a table looks like
 *   点号   X坐标          Y坐标
 *   1      3941201.98     37472814.92        X = northing (m), Y = easting (m), zone number in front of Y
 *   2      3941190.11     37473420.07        columns split by spaces, tabs, commas (全角 too), ；、|
 *   …
 *   *,1250,980,0,1                           矿业权 exchange format: end of a ring (the numbers are elevations)
 *   开采深度：由1250米至980米标高               licensed elevation range: ignored, with a note
 * Rings are separated by blank lines, `*…` lines, `-1` / `END`, point-count lines (`4`), 国土 parcel headers ending in
 * `@`, or a ring-number column (`J1,1,X,Y`: 点号, 圈号, X, Y). A ring inside another is a hole (扣除区); the route decides
 * that from the geometry, not from flags.
 *
 * Coordinate systems (CGCS2000; codes verified against spatial_ref_sys of PostGIS 3.3 and 3.6, see EPSG below)
 *   gk3     3° Gauss–Krüger, zone n ∈ 25…45, central meridian 3n (75°…135°E)
 *   gk6     6° Gauss–Krüger, zone n ∈ 13…23, central meridian 6n − 3 (75°…135°E)
 *   lonlat  longitude/latitude: decimal degrees (110.553472), 度分秒 (110°33′12.5″, 110度33分12.5秒, 110:33:12.5),
 *           packed DDDMMSS.s (1103312.5) or separate 度 分 秒 columns
 */
import type { ErrorDetail } from '../http/errors.ts';

export type SystemKind = 'gk3' | 'gk6' | 'lonlat';

export interface SystemInput {
  kind: SystemKind;
  /** Gauss–Krüger zone number (3°: 25–45, 6°: 13–23). */
  zone?: number;
  /** Central meridian in degrees east (3°: 75, 78 … 135; 6°: 75, 81 … 135). */
  centralMeridian?: number;
}

export type AngleFormat = 'decimal' | 'dms' | 'packed' | 'mixed';

export interface ResolvedSystem {
  kind: SystemKind;
  /** Source SRID: 4513–4533 (3°, zone prefix), 4534–4554 (3°), 4491–4501 (6°, prefix), 4502–4512 (6°), 4490 (lon/lat). */
  epsg: number;
  zone: number | null;
  centralMeridian: number | null;
  /** Y carries the zone number in front (38 512 345.67). */
  zonePrefix: boolean;
  /** How longitude/latitude were written (lonlat only). */
  angleFormat: AngleFormat | null;
  /** True when inferred from the numbers or the table's header, false when the request named it. */
  detected: boolean;
}

export interface CornerPoint {
  /** 点号 as printed (`1`, `J1`, …), or its position when the table has no point-number column. */
  no: string;
  /** 1-based ring (block) number. */
  ring: number;
  /** 1-based line number in the pasted text. */
  line: number;
  /** Northing (m) or latitude (decimal degrees). */
  x: number;
  /** Easting as printed, zone prefix included (m), or longitude (decimal degrees). */
  y: number;
}

export interface CornerRing {
  ring: number;
  /** First and last line of the ring in the text. */
  lines: [number, number];
  points: CornerPoint[];
  /** Positions in the source CRS as PostGIS takes them ([easting, northing] or [lon, lat]), closed. */
  coordinates: [number, number][];
  /** The table did not repeat the first point at the end; the parser closed the ring. */
  autoClosed: boolean;
}

export interface CornerNote {
  line: number | null;
  code: string;
  /** zh-CN */
  message: string;
  messageEn: string;
}

export interface CornerProblem extends ErrorDetail {
  field: string;
  problem: string;
}

export type ParseResult =
  | { ok: true; system: ResolvedSystem; rings: CornerRing[]; notes: CornerNote[] }
  | { ok: false; problems: CornerProblem[]; notes: CornerNote[] };

/** Mainland China and its islands, for detection and plausibility. */
const CHINA = { lon: [73, 136], lat: [3, 54] } as const;
const MAX_PROBLEMS = 50;

// ---------------------------------------------------------------------------------------------------------------------
// EPSG codes (CGCS2000 Gauss–Krüger). Checked with
//   SELECT srid, proj4text FROM spatial_ref_sys WHERE srid BETWEEN 4491 AND 4554
// on PostGIS 3.3.2 (PROJ 9.1) and PGlite PostGIS 3.6.2 (PROJ 9.7): identical; every code is tmerc, GRS80, k = 1, and
//   4491 + (n − 13)  6° zone n = 13…23, lon_0 = 6n − 3, x_0 = n·10⁶ + 500 000
//   4502 + (n − 13)  6° zone n,          lon_0 = 6n − 3, x_0 = 500 000
//   4513 + (n − 25)  3° zone n = 25…45, lon_0 = 3n,     x_0 = n·10⁶ + 500 000
//   4534 + (n − 25)  3° zone n,          lon_0 = 3n,     x_0 = 500 000
// (so zone 37, 111°E, is 4525 with the prefix and 4546 without; 4547 is 114°E.)
// ---------------------------------------------------------------------------------------------------------------------
export const ZONES = { gk3: { first: 25, last: 45 }, gk6: { first: 13, last: 23 } } as const;

export function centralMeridianOf(kind: 'gk3' | 'gk6', zone: number): number {
  return kind === 'gk3' ? 3 * zone : 6 * zone - 3;
}

/** Zone of a central meridian, or undefined when no zone of that width has it. */
export function zoneOfMeridian(kind: 'gk3' | 'gk6', centralMeridian: number): number | undefined {
  const zone = kind === 'gk3' ? centralMeridian / 3 : (centralMeridian + 3) / 6;
  return Number.isInteger(zone) && zone >= ZONES[kind].first && zone <= ZONES[kind].last ? zone : undefined;
}

export function gkEpsg(kind: 'gk3' | 'gk6', zone: number, zonePrefix: boolean): number {
  const offset = zone - ZONES[kind].first;
  if (kind === 'gk3') return (zonePrefix ? 4513 : 4534) + offset;
  return (zonePrefix ? 4491 : 4502) + offset;
}

export const LONLAT_EPSG = 4490;

// ---------------------------------------------------------------------------------------------------------------------
// Text → lines → tokens
// ---------------------------------------------------------------------------------------------------------------------

function normalize(text: string): string {
  return (
    text
      // Degree look-alikes that NFKC would turn into letters or combining marks.
      .replace(/[º˚]/g, '°')
      // 全角 digits, letters and punctuation (，．：；＊－　) become ASCII; ″ becomes ′′.
      .normalize('NFKC')
      .replace(/\r\n?/g, '\n')
      .replace(/\u2212/g, '-')
      // Seconds marks typed as two minute marks (NFKC also turns ″ into ′′).
      .replace(/′′|''|’’/g, '″')
      // A decimal point typed with the Chinese full stop.
      .replace(/(\d)。(\d)/g, '$1.$2')
  );
}

const SEPARATORS = /[\s,;、|]+/;

function tokenize(line: string): string[] {
  const compact = line
    // 110° 33′ 12.5″ → 110°33′12.5″, so one angle stays one token; but 35°36′ 110°42′ stays two (the number after the
    // space carries its own degree mark).
    .replace(/([°度′'’分])\s+(?=[\d.]+(?![\d.]*\s*[°度]))/g, '$1')
    .replace(/(\d)\s+(?=[°度′’″”分秒])/g, '$1');
  return compact.split(SEPARATORS).filter(Boolean);
}

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
/** D° [M′ [S″]] with ASCII, typographic or Chinese marks; minutes need their mark when seconds follow. */
const DMS = /^(\d{1,3}(?:\.\d+)?)[°度](?:(\d{1,2}(?:\.\d+)?)(?:[′'’分](?:(\d{1,2}(?:\.\d+)?)(?:′′|''|’’|[″"”秒])?)?)?)?$/;
const DMS_COLON = /^(\d{1,3}):(\d{1,2}(?:\.\d+)?)(?::(\d{1,2}(?:\.\d+)?))?$/;
const HEMISPHERE = /^(?:东经|北纬|[NE])|(?:[NE])$/i;

interface Value {
  raw: string;
  value: number;
  /** Written with degree/minute marks: certainly an angle. */
  dms: boolean;
}

function angle(deg: string, min: string | undefined, sec: string | undefined): number | string {
  const d = Number(deg);
  const m = min === undefined ? 0 : Number(min);
  const s = sec === undefined ? 0 : Number(sec);
  if (min !== undefined && !Number.isInteger(d)) return 'degrees with a fraction cannot be followed by minutes';
  if (sec !== undefined && !Number.isInteger(m)) return 'minutes with a fraction cannot be followed by seconds';
  if (m >= 60) return `minutes ${min} must be below 60`;
  if (s >= 60) return `seconds ${sec} must be below 60`;
  return d + m / 60 + s / 3600;
}

function readValue(raw: string): Value | string {
  let text = raw.replace(/(?:m|米)$/i, '');
  if (PLAIN.test(text)) return { raw, value: Number(text), dms: false };
  if (/[SW]$|^[SW]|南纬|西经/i.test(text)) return `"${raw}": southern or western coordinates are not supported`;
  text = text.replace(HEMISPHERE, '');
  const m = DMS.exec(text) ?? DMS_COLON.exec(text);
  if (!m) return `"${raw}" is not a number or a 度分秒 angle`;
  const value = angle(m[1], m[2], m[3]);
  return typeof value === 'string' ? `"${raw}": ${value}` : { raw, value, dms: true };
}

/**
 * Packed 度分秒 (DDDMMSS.sss, DDMMSS.sss), as 国土 systems export them: 1103312.5 = 110°33′12.5″.
 * Read from the text, not the float, so 12.345″ stays 12.345″.
 */
export function unpackDms(raw: string): number | string {
  const m = /^\+?(\d{5,7})(\.\d+)?$/.exec(raw.replace(/(?:m|米)$/i, ''));
  if (!m) return `"${raw}" is not a packed 度分秒 value (DDDMMSS.ss)`;
  const digits = m[1];
  const value = angle(digits.slice(0, -4), digits.slice(-4, -2), digits.slice(-2) + (m[2] ?? ''));
  return typeof value === 'string' ? `"${raw}" read as DDDMMSS: ${value}` : value;
}

// ---------------------------------------------------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------------------------------------------------

/** What a header line tells about the system (3度带, 中央子午线111°, 第37带, 经度 before 纬度, 西安80 …). */
interface Hints {
  kind?: SystemKind;
  centralMeridian?: number;
  zone?: number;
  lonFirst?: boolean;
  line?: number;
}

const ELEVATION = /开采深度|开采标高|标高|深度|高程|elevation|depth/i;
const AREA = /面积|area/i;
const SYSTEM_WORDS = /度带|度分带|中央(?:子午|经)线|带号|坐标系|投影|CGCS|国家大地|西安|北京|WGS|经纬度|经度|纬度|longitude|latitude/i;

function readHints(text: string, hints: Hints, line: number, notes: CornerNote[]) {
  const before = JSON.stringify(hints);
  if (/(?:3|三)\s*度\s*分?\s*带/.test(text)) hints.kind = 'gk3';
  else if (/(?:6|六)\s*度\s*分?\s*带/.test(text)) hints.kind = 'gk6';
  else if (/经纬度|经度|纬度|longitude|latitude/i.test(text) && !hints.kind) hints.kind = 'lonlat';
  const cm = /中央(?:子午|经)线\s*[:=]?\s*(?:东经|E)?\s*(\d{2,3})(?:\s*[°度])?/i.exec(text);
  if (cm) hints.centralMeridian = Number(cm[1]);
  // 带号：37 / 第37带 / 37带 (not 第12号地块, not 3度带).
  const zone = /带号\s*[:=]?\s*(\d{2})(?!\d)/.exec(text) ?? /(?<![\d度])(\d{2})\s*号?带/.exec(text);
  if (zone) hints.zone = Number(zone[1]);
  const lon = text.search(/经度|longitude/i);
  const lat = text.search(/纬度|latitude/i);
  if (lon >= 0 && lat >= 0) hints.lonFirst = lon < lat;
  if (JSON.stringify(hints) !== before) hints.line = line;
  const old = /(?:1980\s*)?西安\s*(?:80|1980)?坐标|西安\s*80|Xian\s*-?\s*80|(?:1954\s*)?北京\s*(?:54|1954)?坐标|北京\s*54|Beijing\s*-?\s*54/i.exec(text);
  if (old) {
    notes.push({
      line,
      code: 'old-datum',
      message: `表头写明“${old[0]}”：坐标按 CGCS2000 读取；西安80/北京54 与 CGCS2000 相差可达数十米至百米，请先转换坐标`,
      messageEn: `the header says "${old[0]}": coordinates were read as CGCS2000; Xi'an 80 / Beijing 54 differ from CGCS2000 by tens of metres or more, convert them first`,
    });
  }
}

interface DataLine {
  line: number;
  no: string | null;
  ringNo: number | null;
  /** Column count, compared across lines to find a line that does not fit the table. */
  layout: number;
  a: string;
  b: string;
}

type Event = { kind: 'data'; data: DataLine } | { kind: 'break' };

const startsNumeric = (token: string) => /^[+-]?[\d.]/.test(token) || /^(?:东经|北纬|[NE])\d/i.test(token);

/** The seven-column style: 点号 度 分 秒 度 分 秒 (or six without 点号). */
function splitDms(tokens: string[]): [string, string] | undefined {
  if (!tokens.every((t) => PLAIN.test(t))) return undefined;
  return [`${tokens[0]}°${tokens[1]}′${tokens[2]}″`, `${tokens[3]}°${tokens[4]}′${tokens[5]}″`];
}

function note(notes: CornerNote[], line: number | null, code: string, message: string, messageEn: string) {
  notes.push({ line, code, message, messageEn });
}

// ---------------------------------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------------------------------

export function parseCorners(text: string, system?: SystemInput): ParseResult {
  const notes: CornerNote[] = [];
  const problems: CornerProblem[] = [];
  const hints: Hints = {};
  const events: Event[] = [];

  normalize(text)
    .split('\n')
    .forEach((rawLine, i) => {
      const line = i + 1;
      const trimmed = rawLine.trim();
      if (trimmed === '') return events.push({ kind: 'break' });
      if (trimmed.startsWith('*')) {
        // 矿业权 exchange strings close each ring with `*,上限标高,下限标高,…`: a ring separator carrying elevations.
        const numbers = trimmed.slice(1).split(SEPARATORS).filter((t) => PLAIN.test(t));
        events.push({ kind: 'break' });
        if (numbers.length >= 2) {
          note(notes, line, 'ring-end-elevation', `第${line}行“${trimmed}”作为圈结束标记；其中标高 ${numbers[0]}、${numbers[1]} 未使用`, `line ${line} "${trimmed}" read as the end of a ring; its elevations ${numbers[0]} and ${numbers[1]} are not used`);
        }
        return;
      }
      if (/^(?:-1|0|end|END)$/.test(trimmed)) return events.push({ kind: 'break' });
      if (trimmed.endsWith('@')) {
        // 国土 coordinate exchange format: `点数,面积,地块号,地块名称,面,…,@` opens a parcel.
        events.push({ kind: 'break' });
        return note(notes, line, 'parcel-header', `第${line}行为地块属性行，已作为新圈开始`, `line ${line} is a parcel header; a new ring starts after it`);
      }
      // Keywords count only in the first column: a point's line starts with its 点号, never with 开采深度 or 面积, so a
      // data line with a stray word after its numbers is reported below rather than dropped here.
      const tokens = tokenize(trimmed);
      const lead = tokens[0];
      if (ELEVATION.test(lead)) {
        return note(notes, line, 'elevation-ignored', `第${line}行为开采深度/标高：“${trimmed}”，未用于范围计算（请填入采矿权的标高字段）`, `line ${line} gives the licensed elevation range (开采深度) "${trimmed}"; it is not part of the outline (enter it as elevationTop / elevationBottom)`);
      }
      if (AREA.test(lead)) {
        return note(notes, line, 'area-ignored', `第${line}行为面积说明，已忽略；面积按坐标在椭球面上计算`, `line ${line} states an area; ignored, the area is computed from the corners on the spheroid`);
      }
      if (SYSTEM_WORDS.test(lead)) {
        readHints(trimmed, hints, line, notes);
        return;
      }
      if (tokens.length === 1) {
        if (/^\d{1,3}$/.test(tokens[0])) {
          // A point count before a ring (`4` then four lines): a ring separator.
          return events.push({ kind: 'break' });
        }
        if (startsNumeric(tokens[0])) {
          return problems.push({ line, field: 'line', problem: `line ${line}: only one value "${tokens[0]}"; expected 点号 X Y` });
        }
        return readHints(trimmed, hints, line, notes); // a title such as 拐点坐标表
      }
      if (!startsNumeric(tokens[1]) && !(tokens.length === 2 && startsNumeric(tokens[0]))) {
        return readHints(trimmed, hints, line, notes); // a header: 点号 X坐标 Y坐标, 点号 纬度 经度 …
      }
      let data: DataLine;
      if (tokens.length === 2) data = { line, no: null, ringNo: null, layout: 2, a: tokens[0], b: tokens[1] };
      else if (tokens.length === 3) data = { line, no: tokens[0], ringNo: null, layout: 3, a: tokens[1], b: tokens[2] };
      else if (tokens.length === 4 && /^\d{1,3}$/.test(tokens[1])) {
        data = { line, no: tokens[0], ringNo: Number(tokens[1]), layout: 4, a: tokens[2], b: tokens[3] };
      } else if (tokens.length === 6 && splitDms(tokens)) {
        const [a, b] = splitDms(tokens)!;
        data = { line, no: null, ringNo: null, layout: 6, a, b };
      } else if (tokens.length === 7 && splitDms(tokens.slice(1))) {
        const [a, b] = splitDms(tokens.slice(1))!;
        data = { line, no: tokens[0], ringNo: null, layout: 7, a, b };
      } else {
        return problems.push({ line, field: 'line', problem: `line ${line}: ${tokens.length} values ("${trimmed}"); expected 点号 X Y` });
      }
      events.push({ kind: 'data', data });
    });

  const dataLines = events.flatMap((e) => (e.kind === 'data' ? [e.data] : []));
  if (dataLines.length === 0 && problems.length === 0) {
    problems.push({ field: 'text', problem: 'no corner points found: expected lines of 点号 X Y' });
  }

  // Every line of a table has the same columns; the most common layout is the table's, the others are typos.
  const layoutCount = new Map<number, number>();
  for (const d of dataLines) layoutCount.set(d.layout, (layoutCount.get(d.layout) ?? 0) + 1);
  const layout = [...layoutCount.entries()].sort((x, y) => y[1] - x[1] || y[0] - x[0])[0]?.[0];
  const columns: Record<number, string> = { 2: 'X Y', 3: '点号 X Y', 4: '点号 圈号 X Y', 6: '度 分 秒 度 分 秒', 7: '点号 度 分 秒 度 分 秒' };
  const misfits = new Set<number>();
  for (const d of dataLines) {
    if (d.layout !== layout) {
      misfits.add(d.line);
      problems.push({ line: d.line, field: 'line', problem: `line ${d.line}: ${d.layout} columns where the table has ${layout} (${columns[layout!]})` });
    }
  }

  // Stage 1: each coordinate is a number or a 度分秒 angle.
  const values = new Map<number, { a: Value; b: Value }>();
  for (const d of dataLines) {
    if (misfits.has(d.line)) continue;
    const a = readValue(d.a);
    const b = readValue(d.b);
    if (typeof a === 'string') problems.push({ line: d.line, field: 'x', problem: `line ${d.line}, X: ${a}` });
    if (typeof b === 'string') problems.push({ line: d.line, field: 'y', problem: `line ${d.line}, Y: ${b}` });
    if (typeof a !== 'string' && typeof b !== 'string') values.set(d.line, { a, b });
  }
  // Stage 2: which system, from the lines that could be read (so one typo does not hide the others' problems).
  const pairs = dataLines.flatMap((d) => values.get(d.line) ?? []);
  if (pairs.length === 0) return failed(problems, notes);
  const resolved = resolveSystem(system, hints, pairs, notes);
  if ('problem' in resolved) return failed([...problems, resolved.problem], notes);
  const { system: sys, swapped } = resolved;

  // Stage 3: every line against the system; its positions in the source CRS.
  const points: { point: CornerPoint; position: [number, number]; ringNo: number | null }[] = [];
  dataLines.forEach((d, index) => {
    const pair = values.get(d.line);
    if (!pair) return;
    const [first, second] = swapped ? [pair.b, pair.a] : [pair.a, pair.b];
    // Problems name the column as printed, even when the table's columns were read swapped.
    const fields: [Field, Field] = swapped ? ['y', 'x'] : ['x', 'y'];
    const checked = sys.kind === 'lonlat' ? lonLatPoint(first, second, d.line, fields) : gkPoint(first, second, d.line, sys, fields);
    if ('problems' in checked) {
      problems.push(...checked.problems);
      return;
    }
    points.push({
      point: { no: d.no ?? String(index + 1), ring: 0, line: d.line, x: checked.x, y: checked.y },
      position: checked.position,
      ringNo: d.ringNo,
    });
  });
  if (problems.length) return failed(problems, notes);
  if (layout === 2 || layout === 6) note(notes, null, 'numbered', '表中无点号，已按顺序编号', 'the table has no point numbers; points were numbered in order');
  if (sys.kind === 'lonlat' && points.some(({ point }) => point.y < CHINA.lon[0] || point.y > CHINA.lon[1] || point.x < CHINA.lat[0] || point.x > CHINA.lat[1])) {
    note(notes, null, 'outside-china', '部分拐点不在中国范围内（东经73–136°，北纬3–54°），请核对经纬度', 'some corners lie outside China (73–136°E, 3–54°N): check the longitude/latitude');
  }

  // Rings: split at breaks and at changes of the ring-number column.
  const rings: CornerRing[] = [];
  let current: typeof points = [];
  let cursor = 0;
  const flush = () => {
    if (current.length) rings.push(closeRing(current, rings.length + 1, notes, problems));
    current = [];
  };
  for (const event of events) {
    if (event.kind === 'break') {
      flush();
      continue;
    }
    const p = points[cursor++];
    if (current.length && p.ringNo !== null && p.ringNo !== current[current.length - 1].ringNo) flush();
    current.push(p);
  }
  flush();
  if (problems.length) return failed(problems, notes);
  return { ok: true, system: sys, rings, notes };
}

/** Problems in line order (table-level ones first), at most MAX_PROBLEMS. */
function failed(problems: CornerProblem[], notes: CornerNote[]): ParseResult {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ok: false, problems: sorted.slice(0, MAX_PROBLEMS), notes };
}

function closeRing(
  members: { point: CornerPoint; position: [number, number] }[],
  ring: number,
  notes: CornerNote[],
  problems: CornerProblem[],
): CornerRing {
  const points = members.map((m) => ({ ...m.point, ring }));
  const coordinates = members.map((m) => m.position);
  const lines: [number, number] = [points[0].line, points[points.length - 1].line];
  const [first, last] = [coordinates[0], coordinates[coordinates.length - 1]];
  const closed = coordinates.length > 1 && first[0] === last[0] && first[1] === last[1];
  const distinct = new Set(coordinates.map(([e, n]) => `${e},${n}`)).size;
  if (distinct < 3) {
    problems.push({
      line: lines[0],
      field: 'ring',
      problem: `ring ${ring} (lines ${lines[0]}–${lines[1]}) has ${distinct} distinct corner point(s); a ring needs at least 3 and cannot be closed`,
    });
  }
  const seen = new Map<string, number>();
  for (const p of closed ? points.slice(0, -1) : points) {
    const before = seen.get(p.no);
    if (before !== undefined && /\S/.test(p.no)) {
      note(notes, p.line, 'duplicate-number', `第${p.line}行点号 ${p.no} 与第${before}行重复`, `line ${p.line}: point number ${p.no} repeats line ${before}`);
    }
    seen.set(p.no, p.line);
  }
  if (!closed) {
    coordinates.push([first[0], first[1]]);
    if (distinct >= 3) {
      note(notes, lines[1], 'auto-closed', `第${ring}圈末点与首点（点号 ${points[0].no}）不同，已自动闭合`, `ring ${ring}: the last point differs from the first (point ${points[0].no}); the ring was closed automatically`);
    }
  }
  return { ring, lines, points, coordinates, autoClosed: !closed };
}

// ---------------------------------------------------------------------------------------------------------------------
// System detection
// ---------------------------------------------------------------------------------------------------------------------

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const within = (xs: number[], [lo, hi]: readonly [number, number]) => xs.every((x) => x >= lo && x <= hi);
const PACKED_LON: [number, number] = [730000, 1360000];
const PACKED_LAT: [number, number] = [30000, 540000];

/**
 * Which system a table is in, when the request does not say (or says only part of it).
 *
 * - Any value written with 度分秒 marks → longitude/latitude.
 * - Every |value| ≤ 180 → decimal degrees. Gauss–Krüger metres are never that small: a northing in China is at least
 *   ~330 000 m (3°N) and an easting at least some 100 000 m.
 * - One column within 730 000–1 360 000 and the other within 30 000–540 000, every value a valid DDDMMSS (minutes and
 *   seconds below 60) → packed 度分秒 (1103312.5 = 110°33′12.5″, 353612.34 = 35°36′12.34″). A Gauss–Krüger table would
 *   need northings below 1 360 000 m, i.e. south of about 12°N (the open South China Sea), where no mine is licensed.
 * - Otherwise Gauss–Krüger metres. Y with the zone number in front is at least 13 000 000 (6° zone 13) and the prefix is
 *   the zone: 13–23 can only be 6° zones and 25–45 only 3° zones, so the prefix also tells 3° from 6°. X (northing) in
 *   China is 330 000–6 000 000 m and never carries a prefix; a first column above 10⁷ means X and Y were swapped.
 *   Without the prefix the zone cannot be read from the numbers: the request (system.zone / system.centralMeridian) or
 *   the header (中央子午线111°, 第37带, 3度带) must say it; a table without a width is taken as 3° (licences use 3°).
 */
function resolveSystem(
  input: SystemInput | undefined,
  hints: Hints,
  pairs: { a: Value; b: Value }[],
  notes: CornerNote[],
): { system: ResolvedSystem; swapped: boolean } | { problem: CornerProblem } {
  const fail = (field: string, problem: string) => ({ problem: { field, problem } });
  const A = pairs.map((p) => p.a.value);
  const B = pairs.map((p) => p.b.value);
  const anyDms = pairs.some((p) => p.a.dms || p.b.dms);

  let kind: SystemKind | undefined = input?.kind;
  const detected = kind === undefined;
  if (input?.kind && hints.kind && hints.kind !== input.kind) {
    note(notes, hints.line ?? null, 'system-conflict', `表头所示坐标系（${hints.kind}）与请求指定的（${input.kind}）不同，按请求读取`, `the header suggests ${hints.kind} but the request says ${input.kind}; read as ${input.kind}`);
  }
  if (!kind) {
    if (anyDms || Math.max(...A.map(Math.abs), ...B.map(Math.abs)) <= 180) kind = 'lonlat';
    else if (packedLonLat(pairs)) kind = 'lonlat';
    else if (hints.kind === 'lonlat') kind = 'lonlat';
    else kind = 'gk3'; // refined below from the zone prefix or the header
  }

  if (kind === 'lonlat') {
    if (input?.zone !== undefined || input?.centralMeridian !== undefined) {
      note(notes, null, 'zone-ignored', '经纬度坐标不需要带号/中央子午线，已忽略', 'zone / central meridian are not used for longitude/latitude');
    }
    const formats = new Set<AngleFormat>(pairs.flatMap((p) => [p.a, p.b].map((v): AngleFormat => (v.dms ? 'dms' : Math.abs(v.value) > 180 ? 'packed' : 'decimal'))));
    const angleFormat: AngleFormat = formats.size === 1 ? [...formats][0] : 'mixed';
    // Order: the header (经度 before 纬度) if it says, else China's ranges (longitude 73–136 never overlaps latitude 3–54),
    // else latitude first like X (northing) before Y (easting).
    const degA = pairs.map((p) => (p.a.dms || Math.abs(p.a.value) <= 180 ? p.a.value : (unpackDms(p.a.raw) as number)));
    const degB = pairs.map((p) => (p.b.dms || Math.abs(p.b.value) <= 180 ? p.b.value : (unpackDms(p.b.raw) as number)));
    let swapped: boolean;
    if (hints.lonFirst !== undefined) swapped = hints.lonFirst;
    else if (within(degA, CHINA.lat) && within(degB, CHINA.lon)) swapped = false;
    else if (within(degA, CHINA.lon) && within(degB, CHINA.lat)) swapped = true;
    else swapped = degA.some((v) => Math.abs(v) > 90) && degB.every((v) => Math.abs(v) <= 90);
    if (swapped) note(notes, hints.lonFirst !== undefined ? (hints.line ?? null) : null, 'lon-first', '表中经度在前、纬度在后，已按此读取', 'the table lists longitude before latitude; read in that order');
    if (detected) {
      note(notes, null, 'detected', `按数值判定为经纬度（${{ decimal: '十进制度', dms: '度分秒', packed: '度分秒连写', mixed: '混合格式' }[angleFormat]}）`, `read as longitude/latitude (${angleFormat}) from the numbers`);
    }
    return { system: { kind, epsg: LONLAT_EPSG, zone: null, centralMeridian: null, zonePrefix: false, angleFormat, detected }, swapped };
  }

  if (anyDms) return fail('system.kind', `the table has 度分秒 angles but the request says ${kind}`);
  // Northing vs easting columns.
  const bigA = A.filter((v) => v >= 1e7).length;
  const bigB = B.filter((v) => v >= 1e7).length;
  let swapped = false;
  if (bigA > pairs.length / 2 && bigB <= pairs.length / 2) swapped = true;
  else if (bigA === 0 && bigB === 0 && median(A) < 1e6 && median(B) >= 1e6) swapped = true;
  if (swapped) note(notes, null, 'xy-swapped', '第一列为Y（东坐标）、第二列为X（北坐标），已交换读取', 'the first column holds Y (easting) and the second X (northing); read swapped');
  const Y = swapped ? A : B;
  const prefixed = Y.filter((v) => v >= 1e7).length > Y.length / 2;

  if (prefixed) {
    const zone = Math.floor(median(Y) / 1e6);
    const prefixKind = zone >= ZONES.gk3.first && zone <= ZONES.gk3.last ? 'gk3' : zone >= ZONES.gk6.first && zone <= ZONES.gk6.last ? 'gk6' : undefined;
    if (!prefixKind) return fail('y', `Y begins with ${zone}, which is neither a 3° zone (25–45) nor a 6° zone (13–23)`);
    if (!detected && prefixKind !== kind) {
      return fail('system.kind', `Y begins with zone ${zone}, a ${prefixKind === 'gk3' ? '3°' : '6°'} zone, but the request says ${kind}`);
    }
    kind = prefixKind;
    const cm = centralMeridianOf(kind, zone);
    if (input?.zone !== undefined && input.zone !== zone) return fail('system.zone', `Y carries zone ${zone} but the request says zone ${input.zone}`);
    if (input?.centralMeridian !== undefined && input.centralMeridian !== cm) {
      return fail('system.centralMeridian', `Y carries zone ${zone} (central meridian ${cm}°) but the request says ${input.centralMeridian}°`);
    }
    if (detected) {
      note(notes, null, 'detected', `Y坐标带号 ${zone}：CGCS2000 ${kind === 'gk3' ? '3' : '6'}度带第${zone}带，中央子午线 ${cm}°E（EPSG:${gkEpsg(kind, zone, true)}）`, `Y carries zone ${zone}: CGCS2000 ${kind === 'gk3' ? '3' : '6'}° zone ${zone}, central meridian ${cm}°E (EPSG:${gkEpsg(kind, zone, true)})`);
    }
    return { system: { kind, epsg: gkEpsg(kind, zone, true), zone, centralMeridian: cm, zonePrefix: true, angleFormat: null, detected }, swapped };
  }

  // No prefix: the zone comes from the request, or else from the header.
  if (detected && hints.kind && hints.kind !== 'lonlat') kind = hints.kind;
  const width = kind as 'gk3' | 'gk6';
  const given = input?.zone !== undefined || input?.centralMeridian !== undefined;
  const zoneIn = given ? input?.zone : hints.zone;
  const cmIn = given ? input?.centralMeridian : hints.centralMeridian;
  const source = given ? 'system' : 'header';
  const zoneField = given ? 'system.zone' : 'text';
  if (zoneIn === undefined && cmIn === undefined) {
    return fail('system.zone', 'Y has no zone number in front: give system.zone or system.centralMeridian (e.g. { "kind": "gk3", "centralMeridian": 111 })');
  }
  if (zoneIn !== undefined && (zoneIn < ZONES[width].first || zoneIn > ZONES[width].last || !Number.isInteger(zoneIn))) {
    return fail(zoneField, `zone ${zoneIn} is not a ${width === 'gk3' ? '3° zone (25–45)' : '6° zone (13–23)'}`);
  }
  const zoneFromCm = cmIn === undefined ? undefined : zoneOfMeridian(width, cmIn);
  if (cmIn !== undefined && zoneFromCm === undefined) {
    return fail(given ? 'system.centralMeridian' : 'text', `${cmIn}°E is not the central meridian of a ${width === 'gk3' ? '3° zone (75, 78 … 135)' : '6° zone (75, 81 … 135)'}`);
  }
  if (zoneIn !== undefined && zoneFromCm !== undefined && zoneIn !== zoneFromCm) {
    return fail(zoneField, `zone ${zoneIn} has central meridian ${centralMeridianOf(width, zoneIn)}°, not ${cmIn}°`);
  }
  const zone = (zoneIn ?? zoneFromCm)!;
  const cm = centralMeridianOf(width, zone);
  if (source === 'header') {
    note(notes, hints.line ?? null, 'detected', `Y坐标无带号，按表头读取：${width === 'gk3' ? '3' : '6'}度带第${zone}带，中央子午线 ${cm}°E（EPSG:${gkEpsg(width, zone, false)}）`, `Y has no zone prefix; the header gives ${width === 'gk3' ? '3' : '6'}° zone ${zone}, central meridian ${cm}°E (EPSG:${gkEpsg(width, zone, false)})`);
  }
  return { system: { kind: width, epsg: gkEpsg(width, zone, false), zone, centralMeridian: cm, zonePrefix: false, angleFormat: null, detected }, swapped };
}

function packedLonLat(pairs: { a: Value; b: Value }[]): boolean {
  const A = pairs.map((p) => p.a.value);
  const B = pairs.map((p) => p.b.value);
  const ranges = (within(A, PACKED_LAT) && within(B, PACKED_LON)) || (within(A, PACKED_LON) && within(B, PACKED_LAT));
  return ranges && pairs.every((p) => typeof unpackDms(p.a.raw) === 'number' && typeof unpackDms(p.b.raw) === 'number');
}

// ---------------------------------------------------------------------------------------------------------------------
// Per-line checks against the system
// ---------------------------------------------------------------------------------------------------------------------

type Checked = { x: number; y: number; position: [number, number] } | { problems: CornerProblem[] };
type Field = 'x' | 'y';

/** Metres north of the equator for China: 3°N is ~330 000 m, 54°N ~6 000 000 m; the bounds leave room for typos' sake. */
const NORTHING: [number, number] = [100_000, 10_000_000];
/** Easting within a zone (false easting 500 000 m); a 6° zone reaches ±334 km from its meridian at the equator. */
const EASTING: [number, number] = [100_000, 900_000];

function gkPoint(xv: Value, yv: Value, line: number, sys: ResolvedSystem, [fx, fy]: [Field, Field]): Checked {
  const problems: CornerProblem[] = [];
  const x = xv.value;
  const y = yv.value;
  if (x >= 1e7) {
    problems.push({ line, field: fx, problem: `line ${line}: X = ${xv.raw} looks like a Y with a zone number; X is the northing (X and Y swapped on this line?)` });
  } else if (!(x >= NORTHING[0])) {
    problems.push({ line, field: fx, problem: `line ${line}: X = ${xv.raw} is not a northing in China (metres north of the equator, about 330 000–6 000 000)` });
  }
  const zone = Math.floor(y / 1e6);
  const easting = sys.zonePrefix ? y - zone * 1e6 : y;
  if (sys.zonePrefix && y < 1e7) {
    problems.push({ line, field: fy, problem: `line ${line}: Y = ${yv.raw} has no zone number in front, unlike the rest of the table (zone ${sys.zone})` });
  } else if (sys.zonePrefix && zone !== sys.zone) {
    problems.push({ line, field: fy, problem: `line ${line}: Y = ${yv.raw} is in zone ${zone}, the rest of the table in zone ${sys.zone}` });
  } else if (!sys.zonePrefix && y >= 1e7) {
    problems.push({ line, field: fy, problem: `line ${line}: Y = ${yv.raw} carries a zone number, unlike the rest of the table` });
  } else if (!(easting >= EASTING[0] && easting <= EASTING[1])) {
    problems.push({ line, field: fy, problem: `line ${line}: Y = ${yv.raw} is not an easting within a zone (${sys.zonePrefix ? `${sys.zone}` : ''}100 000–900 000 m)` });
  }
  if (problems.length) return { problems };
  return { x, y, position: [y, x] };
}

function lonLatPoint(latValue: Value, lonValue: Value, line: number, [fLat, fLon]: [Field, Field]): Checked {
  const problems: CornerProblem[] = [];
  const degrees = (v: Value, field: Field, what: string, limit: number): number | undefined => {
    let value = v.value;
    if (!v.dms && Math.abs(value) > 180) {
      const unpacked = unpackDms(v.raw);
      if (typeof unpacked === 'string') {
        problems.push({ line, field, problem: `line ${line}, ${what}: ${unpacked}` });
        return undefined;
      }
      value = unpacked;
    }
    if (Math.abs(value) > limit) {
      problems.push({ line, field, problem: `line ${line}: ${what} ${v.raw} is out of range (±${limit}°)` });
      return undefined;
    }
    return value;
  };
  const lat = degrees(latValue, fLat, 'latitude', 90);
  const lon = degrees(lonValue, fLon, 'longitude', 180);
  if (problems.length || lat === undefined || lon === undefined) return { problems };
  return { x: lat, y: lon, position: [lon, lat] };
}
