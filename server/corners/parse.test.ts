/**
 * The corner-table parser on its own (pure, no database): layouts, separators, coordinate-system detection, 度分秒
 * forms, and problems naming the line. Conversion and validity are tested over HTTP in tests/api/corners.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { centralMeridianOf, gkEpsg, parseCorners, unpackDms, zoneOfMeridian, type ParseResult } from './parse.ts';

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected the table to parse: ${JSON.stringify(result.problems)}`);
  return result;
}
function problems(result: ParseResult) {
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}
const codes = (result: ParseResult) => result.notes.map((n) => n.code);

/** Three corners of a 3° zone 37 table (Hejin), in the order licences print them: 点号 X Y. */
const ZONE37 = ['1 3941201.98 37472814.92', '2 3941330.11 37473900.07', '3 3942100.50 37474100.00', '4 3942400.00 37473000.00'];

describe('EPSG codes (checked against spatial_ref_sys on PostGIS 3.3 and 3.6)', () => {
  it('maps zones and central meridians to the CGCS2000 Gauss–Krüger codes', () => {
    expect(gkEpsg('gk3', 25, true)).toBe(4513);
    expect(gkEpsg('gk3', 37, true)).toBe(4525);
    expect(gkEpsg('gk3', 38, true)).toBe(4526);
    expect(gkEpsg('gk3', 45, true)).toBe(4533);
    expect(gkEpsg('gk3', 25, false)).toBe(4534);
    expect(gkEpsg('gk3', 37, false)).toBe(4546); // 111°E; 4547 is 114°E
    expect(gkEpsg('gk3', 45, false)).toBe(4554);
    expect(gkEpsg('gk6', 13, true)).toBe(4491);
    expect(gkEpsg('gk6', 19, true)).toBe(4497);
    expect(gkEpsg('gk6', 23, true)).toBe(4501);
    expect(gkEpsg('gk6', 13, false)).toBe(4502);
    expect(gkEpsg('gk6', 23, false)).toBe(4512);
    expect(centralMeridianOf('gk3', 38)).toBe(114);
    expect(centralMeridianOf('gk6', 19)).toBe(111);
    expect(zoneOfMeridian('gk3', 111)).toBe(37);
    expect(zoneOfMeridian('gk6', 111)).toBe(19);
    expect(zoneOfMeridian('gk6', 114)).toBeUndefined();
  });
});

describe('Gauss–Krüger tables', () => {
  it('reads Y with the zone number in front as a 3° zone and ignores headers', () => {
    const r = ok(parseCorners(['拐点坐标表', '点号\tX坐标\tY坐标', ...ZONE37].join('\n')));
    expect(r.system).toEqual({ kind: 'gk3', epsg: 4525, zone: 37, centralMeridian: 111, zonePrefix: true, angleFormat: null, detected: true });
    expect(r.rings).toHaveLength(1);
    expect(r.rings[0].points[0]).toEqual({ no: '1', ring: 1, line: 3, x: 3941201.98, y: 37472814.92 });
    expect(r.rings[0].coordinates[0]).toEqual([37472814.92, 3941201.98]); // [easting, northing] for ST_MakePoint
    expect(r.rings[0].coordinates.at(-1)).toEqual(r.rings[0].coordinates[0]);
    expect(r.rings[0].autoClosed).toBe(true);
    expect(codes(r)).toContain('auto-closed');
  });

  it('does not close a ring twice when the table repeats the first point', () => {
    const r = ok(parseCorners([...ZONE37, '1 3941201.98 37472814.92'].join('\n')));
    expect(r.rings[0].coordinates).toHaveLength(5);
    expect(r.rings[0].autoClosed).toBe(false);
    expect(codes(r)).not.toContain('auto-closed');
  });

  it('tells 6° zones (13–23) from 3° zones (25–45) by the prefix', () => {
    const r = ok(parseCorners(ZONE37.map((l) => l.replace(' 374', ' 194')).join('\n')));
    expect(r.system).toMatchObject({ kind: 'gk6', epsg: 4497, zone: 19, centralMeridian: 111, zonePrefix: true });
  });

  it('needs the zone when Y has no prefix, from the request or from the header', () => {
    const bare = ZONE37.map((l) => l.replace(' 37', ' ')).join('\n');
    expect(problems(parseCorners(bare))[0]).toMatchObject({ field: 'system.zone' });
    expect(ok(parseCorners(bare, { kind: 'gk3', centralMeridian: 111 })).system).toMatchObject({ epsg: 4546, zone: 37, detected: false });
    expect(ok(parseCorners(bare, { kind: 'gk3', zone: 37 })).system.epsg).toBe(4546);
    expect(ok(parseCorners(bare, { kind: 'gk6', zone: 19 })).system).toMatchObject({ epsg: 4508, centralMeridian: 111 });
    expect(ok(parseCorners(`坐标系：CGCS2000，3度带，中央子午线111°\n${bare}`)).system).toMatchObject({ epsg: 4546, detected: true });
    expect(ok(parseCorners(`2000国家大地坐标系 6度带 第19带\n${bare}`)).system).toMatchObject({ kind: 'gk6', epsg: 4508 });
  });

  it('refuses a zone or meridian that contradicts the prefix or does not exist', () => {
    const table = ZONE37.join('\n');
    expect(problems(parseCorners(table, { kind: 'gk3', zone: 38 }))[0]).toMatchObject({ field: 'system.zone' });
    expect(problems(parseCorners(table, { kind: 'gk6' }))[0]).toMatchObject({ field: 'system.kind' });
    const bare = ZONE37.map((l) => l.replace(' 37', ' ')).join('\n');
    expect(problems(parseCorners(bare, { kind: 'gk3', centralMeridian: 112 }))[0]).toMatchObject({ field: 'system.centralMeridian' });
    expect(problems(parseCorners(bare, { kind: 'gk3', zone: 19 }))[0]).toMatchObject({ field: 'system.zone' });
    expect(problems(parseCorners(bare, { kind: 'gk3', zone: 37, centralMeridian: 114 }))[0]).toMatchObject({ field: 'system.zone' });
  });

  it('reads 全角 digits and punctuation, commas and tabs', () => {
    const r = ok(parseCorners('１，３９４１２０１．９８，３７４７２８１４．９２\n2\t3941330.11\t37473900.07\n3；3942100.50；37474100.00'));
    expect(r.rings[0].points.map((p) => p.x)).toEqual([3941201.98, 3941330.11, 3942100.5]);
  });

  it('reads a table whose columns are Y then X, and says so', () => {
    const r = ok(parseCorners(ZONE37.map((l) => l.split(' ')).map(([n, x, y]) => `${n} ${y} ${x}`).join('\n')));
    expect(r.system.epsg).toBe(4525);
    expect(r.rings[0].points[0]).toMatchObject({ x: 3941201.98, y: 37472814.92 });
    expect(codes(r)).toContain('xy-swapped');
  });
});

describe('rings and separators', () => {
  const block2 = ['J1 3945000.00 37480000.00', 'J2 3945000.00 37480500.00', 'J3 3945500.00 37480500.00'];

  it('splits rings at blank lines, `*` lines (with elevations noted), `-1` and point counts', () => {
    for (const separator of ['', '*,1250,980,0,1', '-1', '3', 'END']) {
      const r = ok(parseCorners([...ZONE37, separator, ...block2].join('\n')));
      expect(r.rings.map((ring) => ring.points.length), separator).toEqual([4, 3]);
      expect(r.rings[1].points[0]).toMatchObject({ no: 'J1', ring: 2, line: 6 });
    }
    expect(codes(parseCorners([...ZONE37, '*,1250,980,0,1', ...block2].join('\n')))).toContain('ring-end-elevation');
  });

  it('splits rings on a 圈号 column (点号, 圈号, X, Y)', () => {
    const lines = [...ZONE37.map((l) => l.replace(' ', ',1,')), ...block2.map((l) => l.replace(' ', ',2,'))];
    const r = ok(parseCorners(lines.join('\n')));
    expect(r.rings.map((ring) => ring.points.length)).toEqual([4, 3]);
  });

  it('ignores 开采深度, area and parcel-header lines with a note', () => {
    const r = ok(parseCorners(['5,0.1234,1,金鑫石灰岩矿,面,,,,@', ...ZONE37, '开采深度：由1250米至980米标高', '面积：0.1234平方公里'].join('\n')));
    expect(r.rings).toHaveLength(1);
    expect(codes(r)).toEqual(expect.arrayContaining(['parcel-header', 'elevation-ignored', 'area-ignored']));
    expect(r.notes.find((n) => n.code === 'elevation-ignored')!.line).toBe(6);
  });

  it('warns when the header names an old datum', () => {
    expect(codes(parseCorners(['1980西安坐标系 3度带', ...ZONE37].join('\n')))).toContain('old-datum');
  });

  it('refuses a ring with fewer than 3 distinct points', () => {
    const p = problems(parseCorners([...ZONE37, '', 'J1 3945000.00 37480000.00', 'J2 3945000.00 37480500.00'].join('\n')));
    expect(p).toEqual([expect.objectContaining({ line: 6, field: 'ring' })]);
    expect(p[0].problem).toMatch(/ring 2 \(lines 6–7\) has 2 distinct/);
    expect(problems(parseCorners('1 3941201.98 37472814.92'))[0].problem).toMatch(/at least 3/);
  });
});

describe('longitude/latitude tables', () => {
  const expected = [
    [110.7, 35.6],
    [110.70847222222223, 35.6],
    [110.70847222222223, 35.61666666666667],
  ];
  const close = (r: ParseResult) => ok(r).rings[0].coordinates.slice(0, 3).forEach(([lon, lat], i) => {
    expect(lon).toBeCloseTo(expected[i][0], 9);
    expect(lat).toBeCloseTo(expected[i][1], 9);
  });

  it('reads 度分秒 in every common spelling', () => {
    close(parseCorners('1 35°36′00.000″ 110°42′00.000″\n2 35°36\'0" 110°42\'30.5"\n3 35度37分0秒 110度42分30.5秒'));
    close(parseCorners('1 35° 36′ 00″ 110° 42′ 00″\n2 35:36:00 110:42:30.5\n3 N35°37′00″ E110°42′30.5″'));
    close(parseCorners('1 35 36 00 110 42 00\n2 35 36 0 110 42 30.5\n3 35 37 0 110 42 30.5'));
  });

  it('reads packed 度分秒 (DDDMMSS.s) and decimal degrees, in either column order', () => {
    const packed = ok(parseCorners('1 353600.000 1104200.000\n2 353600 1104230.5\n3 353700 1104230.5'));
    expect(packed.system).toMatchObject({ kind: 'lonlat', epsg: 4490, angleFormat: 'packed' });
    close(packed);
    close(parseCorners(`1 35.6 110.7\n2 35.6 ${expected[1][0]}\n3 ${expected[2][1]} ${expected[2][0]}`));
    const lonFirst = parseCorners(`1 110.7 35.6\n2 ${expected[1][0]} 35.6\n3 ${expected[2][0]} ${expected[2][1]}`);
    close(lonFirst);
    expect(codes(lonFirst)).toContain('lon-first');
  });

  it('unpacks DDDMMSS from the text, keeping the seconds exact', () => {
    expect(unpackDms('1103312.5')).toBeCloseTo(110 + 33 / 60 + 12.5 / 3600, 12);
    expect(unpackDms('353612.345')).toBeCloseTo(35 + 36 / 60 + 12.345 / 3600, 12);
    expect(unpackDms('1106312.5')).toMatch(/minutes 63/);
  });

  it('refuses minutes or seconds of 60 and more', () => {
    const p = problems(parseCorners('1 35°36′00″ 110°42′00″\n2 35°61′00″ 110°42′30″\n3 35°37′00″ 110°42′75″'));
    expect(p.map((x) => [x.line, x.field])).toEqual([[2, 'x'], [3, 'y']]);
  });
});

describe('bad lines', () => {
  it('names every bad line, its column and the problem, in line order', () => {
    const p = problems(
      parseCorners(['点号 X Y', '1 3941201.98 37472814.92', '2 3941330.11 473900.07', '3 3942100.50 38474100.00', '4 394x100.50 37474100.00', '5 3942400.00'].join('\n')),
    );
    expect(p.map((x) => [x.line, x.field])).toEqual([[3, 'y'], [4, 'y'], [5, 'x'], [6, 'line']]);
    expect(p[0].problem).toMatch(/no zone number/);
    expect(p[1].problem).toMatch(/zone 38/);
    expect(p[2].problem).toContain('394x100.50');
    expect(p[3].problem).toMatch(/2 columns where the table has 3/);
  });

  it('reports a point line with a stray word instead of dropping it', () => {
    const p = problems(parseCorners([...ZONE37.slice(0, 3), '4 3942400.00 37473000.00 标高1250'].join('\n')));
    expect(p).toEqual([expect.objectContaining({ line: 4, field: 'line' })]);
  });

  it('takes the column order from a 纬度/经度 header', () => {
    const r = ok(parseCorners('点号 经度 纬度\n1 80.5 35.6\n2 80.6 35.6\n3 80.6 35.7'));
    expect(r.rings[0].points[0]).toMatchObject({ x: 35.6, y: 80.5 });
    expect(codes(r)).toContain('lon-first');
  });

  it('refuses an empty table and a line with too many values', () => {
    expect(problems(parseCorners('点号 X Y\n'))[0]).toMatchObject({ field: 'text' });
    expect(problems(parseCorners([...ZONE37, '5 3942400.00 37473000.00 1250 980'].join('\n')))[0]).toMatchObject({ line: 5, field: 'line' });
  });
});
