/**
 * The map as an image for the printed report: MapLibre's canvas (base map and the drawn outline; created with
 * preserveDrawingBuffer) and deck.gl's canvas (data, evidence, labels) laid on one 2D canvas, after the view has
 * settled on the given box.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function settled(map: MapLibreMap, timeoutMs = 8000): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    map.once('idle', () => {
      clearTimeout(timer);
      resolve();
    });
    map.triggerRepaint();
  });
  // deck.gl redraws on the frame after MapLibre's; labels are rebuilt on moveend.
  for (let i = 0; i < 4; i++) await frame();
}

export async function captureMap(map: MapLibreMap, bbox: [number, number, number, number] | null, waitForData: () => Promise<void>): Promise<string | null> {
  if (bbox) map.fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding: 48, maxZoom: 16, duration: 0 });
  await settled(map);
  await waitForData();
  await settled(map);
  const container = map.getContainer();
  const base = map.getCanvas();
  const box = container.getBoundingClientRect();
  if (!box.width || !box.height) return null;
  const out = document.createElement('canvas');
  out.width = base.width;
  out.height = base.height;
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  const sx = out.width / box.width;
  const sy = out.height / box.height;
  for (const c of Array.from(container.querySelectorAll('canvas'))) {
    const r = c.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(c).display === 'none') continue;
    ctx.drawImage(c, (r.left - box.left) * sx, (r.top - box.top) * sy, r.width * sx, r.height * sy);
  }
  try {
    return out.toDataURL('image/png');
  } catch {
    return null;
  }
}
