/**
 * The registry of map layer modules, in the contract's order (CONTRACT.md "Layers"), and the drawing order
 * (bottom to top): areas under lines under sites, labels on top of everything.
 */
import type { LayerId } from '../../api/layers.ts';
import { adminAreas } from './admin_areas/index.ts';
import { hazardZones } from './hazard_zones/index.ts';
import { miningRights } from './mining_rights/index.ts';
import { oreBodies } from './ore_bodies/index.ts';
import { restrictedZones } from './restricted_zones/index.ts';
import { ridgeLines } from './ridge_lines/index.ts';
import { rivers } from './rivers/index.ts';
import { settlements } from './settlements/index.ts';
import { tailingsPonds } from './tailings_ponds/index.ts';
import type { MapLayerModule } from './types.ts';

export { evidence } from './evidence/index.ts';

export const layerModules: { [Id in LayerId]: MapLayerModule<Id> } = {
  mining_rights: miningRights,
  tailings_ponds: tailingsPonds,
  settlements,
  rivers,
  ridge_lines: ridgeLines,
  hazard_zones: hazardZones,
  restricted_zones: restrictedZones,
  ore_bodies: oreBodies,
  admin_areas: adminAreas,
};

/** Contract order: the layer panel lists layers this way. */
export const layerOrder: LayerId[] = [
  'mining_rights',
  'tailings_ponds',
  'settlements',
  'rivers',
  'ridge_lines',
  'hazard_zones',
  'restricted_zones',
  'ore_bodies',
  'admin_areas',
];

/** Bottom to top. */
export const drawOrder: LayerId[] = [
  'restricted_zones',
  'ore_bodies',
  'hazard_zones',
  'admin_areas',
  'rivers',
  'ridge_lines',
  'mining_rights',
  'tailings_ponds',
  'settlements',
];
