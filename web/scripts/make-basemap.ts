/**
 * Builds the offline base map data in web/public/basemap/ from the Natural Earth 1:10m extracts in
 * /work/shared/reference (public domain): rivers, lakes and populated places clipped to 104–116°E, 32–40°N, with
 * coordinates rounded to 4 decimals (≈10 m, far below the 1:10m accuracy) and Chinese names added.
 *
 *   npx tsx web/scripts/make-basemap.ts [referenceDir]
 *
 * The output is committed; the web app loads it from /basemap/*.geojson and never asks the internet for tiles.
 * Deterministic: re-running gives byte-identical files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, Position } from 'geojson';

const here = path.dirname(fileURLToPath(import.meta.url));
const referenceDir = process.argv[2] ?? '/work/shared/reference';
const outDir = path.resolve(here, '..', 'public', 'basemap');

/** West, south, east, north: the middle Yellow River (Shanxi, Shaanxi, Henan and neighbours). */
const BBOX: [number, number, number, number] = [104, 32, 116, 40];
const DIGITS = 4;

/** Natural Earth names → Chinese. Names not listed keep their English form (the script reports them). */
const placeZh: Record<string, string> = {
  Zhuozhou: '涿州', Dali: '大荔', Yangquan: '阳泉', Shiyan: '十堰', Danjiangkou: '丹江口', Hengshui: '衡水',
  Luohe: '漯河', Longxi: '陇西', Pingliang: '平凉', Minxian: '岷县', Jieshou: '界首', Fuyang: '阜阳',
  Hancheng: '韩城', Weinan: '渭南', Shuozhou: '朔州', Xinzhou: '忻州', Jincheng: '晋城', Jiexiu: '介休',
  Changzhi: '长治', Yunxian: '郧县', Baoding: '保定', Dingzhou: '定州', Nangong: '南宫', Linqing: '临清',
  // Natural Earth spells Xingtai 邢台 "Xiangtai".
  Xiangtai: '邢台', Puyang: '濮阳', Hebi: '鹤壁', Xuchang: '许昌', Zhoukou: '周口', Dengzhou: '邓州',
  Liaocheng: '聊城', 'Alxa Zuoqi': '阿拉善左旗', Hanzhong: '汉中', Baoji: '宝鸡', Tongchuan: '铜川',
  Linfen: '临汾', Yuci: '榆次', Guangyuan: '广元', Anyang: '安阳', Jiaozuo: '焦作', Kaifeng: '开封',
  Shangqiu: '商丘', Pingdingshan: '平顶山', Xinyang: '信阳', Xinxiang: '新乡', Luoyang: '洛阳', Heze: '菏泽',
  Wuhai: '乌海', Xianyang: '咸阳', Xiangfan: '襄阳', Nanyang: '南阳', Tianshui: '天水', Shizuishan: '石嘴山',
  Yulin: '榆林', Ankang: '安康', Houma: '侯马', Shijianzhuang: '石家庄', Handan: '邯郸', Yinchuan: '银川',
  Xian: '西安', Taiyuan: '太原', Zhengzhou: '郑州',
};

const provinceZh: Record<string, string> = {
  Beijing: '北京', Shaanxi: '陕西', Shanxi: '山西', Hubei: '湖北', Hebei: '河北', Henan: '河南', Gansu: '甘肃',
  Anhui: '安徽', Shandong: '山东', 'Nei Mongol': '内蒙古', 'Ningxia Hui': '宁夏', Sichuan: '四川',
};

const riverZh: Record<string, string> = {
  Huang: '黄河', Yellow: '黄河', Fen: '汾河', Wei: '渭河', Jing: '泾河', Qin: '沁河', Wuding: '无定河', Dali: '大理河',
  Huan: '环江', Quan: '泉河', Ying: '颍河', Han: '汉江', Sanggan: '桑干河', Huai: '淮河', Jialing: '嘉陵江',
  Yongding: '永定河', Zhang: '漳河', Dan: '丹江',
};

const lakeZh: Record<string, string> = { 'Danjiangkou Shuiku': '丹江口水库' };

/** Yellow River Protection Law art. 121 important tributaries present in the box. */
const yellowTributaries = new Set(['Fen', 'Wei', 'Wuding', 'Qin']);

const missing = new Set<string>();

function read(file: string): FeatureCollection {
  return JSON.parse(fs.readFileSync(path.join(referenceDir, file), 'utf8')) as FeatureCollection;
}

function roundPositions(coords: unknown): unknown {
  if (typeof (coords as unknown[])[0] === 'number') {
    const p = coords as number[];
    return [Number(p[0].toFixed(DIGITS)), Number(p[1].toFixed(DIGITS))];
  }
  const parts = (coords as unknown[]).map(roundPositions);
  // Drop consecutive duplicates that rounding created.
  if (typeof (parts[0] as unknown[])?.[0] === 'number') {
    return (parts as number[][]).filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
  }
  return parts;
}

function rounded<G extends Geometry>(geometry: G): G {
  return { ...geometry, coordinates: roundPositions((geometry as { coordinates: unknown }).coordinates) } as G;
}

function clipped(feature: Feature): Feature | null {
  const clip = turf.bboxClip(feature as Feature<LineString | MultiLineString>, BBOX);
  const g = clip.geometry as Geometry & { coordinates: unknown[] };
  const nonEmpty = (g.coordinates as unknown[]).filter((part) => Array.isArray(part) && part.length > 1);
  if (nonEmpty.length === 0) return null;
  const geometry = rounded({ ...g, coordinates: g.type === 'LineString' ? g.coordinates : nonEmpty } as Geometry);
  return { type: 'Feature', properties: {}, geometry };
}

function zh(dict: Record<string, string>, name: string | null | undefined): string | null {
  if (!name) return null;
  if (!dict[name]) missing.add(name);
  return dict[name] ?? name;
}

function collection(features: Feature[], note: string): FeatureCollection & { note: string } {
  return { type: 'FeatureCollection', note, features };
}

// Rivers: one feature per Natural Earth feature, with a class for styling and label anchors every ~120 km.
const rivers: Feature[] = [];
const labels: Feature[] = [];
for (const f of read('ne_10m_rivers_yellow_river_basin.geojson').features) {
  const p = f.properties ?? {};
  const c = clipped(f);
  if (!c) continue;
  const name = String(p.name);
  const riverClass = name === 'Huang' ? 'yellow_main' : yellowTributaries.has(name) ? 'yellow_tributary' : 'other';
  const nameZh = zh(riverZh, name);
  c.properties = { name: nameZh, nameEn: `${p.name_en ?? name} River`, riverClass, scalerank: p.scalerank, lake: p.featurecla !== 'River' };
  rivers.push(c);
  if (p.featurecla !== 'River') continue;
  const lines: Position[][] = c.geometry.type === 'LineString' ? [c.geometry.coordinates] : (c.geometry as MultiLineString).coordinates;
  for (const line of lines) {
    const ls = turf.lineString(line);
    const km = turf.length(ls, { units: 'kilometers' });
    if (km < 40) continue;
    const step = 120;
    for (let at = Math.min(km / 2, step / 2); at < km; at += step) {
      const pt = turf.along(ls, at, { units: 'kilometers' });
      labels.push({ type: 'Feature', properties: { kind: 'river', name: nameZh, nameEn: `${p.name_en ?? name} River`, riverClass }, geometry: rounded(pt.geometry) });
    }
  }
}

const lakes: Feature[] = [];
for (const f of read('ne_10m_lakes_yellow_river_basin.geojson').features) {
  const c = clipped(f);
  if (!c) continue;
  const name = (f.properties?.name as string | null) ?? null;
  c.properties = { name: zh(lakeZh, name), nameEn: name };
  lakes.push(c);
  if (name) {
    const pt = turf.pointOnFeature(c as Feature<Geometry>);
    labels.push({ type: 'Feature', properties: { kind: 'lake', name: zh(lakeZh, name), nameEn: name }, geometry: rounded(pt.geometry) });
  }
}

const places: Feature[] = [];
for (const f of read('ne_10m_populated_places_yellow_river_basin.geojson').features) {
  const [x, y] = (f.geometry as { coordinates: number[] }).coordinates;
  if (x < BBOX[0] || x > BBOX[2] || y < BBOX[1] || y > BBOX[3]) continue;
  const p = f.properties ?? {};
  places.push({
    type: 'Feature',
    properties: {
      name: zh(placeZh, p.name as string),
      nameEn: p.name,
      province: zh(provinceZh, p.adm1name as string),
      population: p.pop_max,
      scalerank: p.scalerank,
    },
    geometry: rounded(f.geometry),
  });
}
// Bigger places first: label decluttering keeps the first of two overlapping labels.
places.sort((a, b) => Number(b.properties!.population) - Number(a.properties!.population) || String(a.properties!.nameEn).localeCompare(String(b.properties!.nameEn)));

const source = 'Natural Earth 1:10m (public domain), clipped to 104–116°E, 32–40°N; coordinates rounded to 4 decimals';
const outputs: Record<string, FeatureCollection> = {
  'rivers.geojson': collection(rivers, source),
  'lakes.geojson': collection(lakes, source),
  'places.geojson': collection(places, source),
  'labels.geojson': collection(labels, `${source}; label anchors along rivers and in lakes`),
};
fs.mkdirSync(outDir, { recursive: true });
for (const [file, fc] of Object.entries(outputs)) {
  const text = JSON.stringify(fc);
  fs.writeFileSync(path.join(outDir, file), `${text}\n`);
  console.log(`${file}: ${fc.features.length} features, ${(text.length / 1024).toFixed(1)} kB`);
}
if (missing.size) console.warn(`no Chinese name for: ${[...missing].join(', ')}`);
