-- 0005: an optional English name for admin areas (nameEn, e.g. 河津市 → Hejin, 僧楼镇 → Senglou Town), a typed
-- column like the other catalogued properties, so the English UI and map labels need not show Chinese names.
-- A nameEn stored before this migration sits in props (untyped properties pass through): it moves to the column.

ALTER TABLE admin_areas ADD COLUMN IF NOT EXISTS name_en text;

UPDATE admin_areas
SET name_en = props->>'nameEn', props = props - 'nameEn'
WHERE props ? 'nameEn' AND name_en IS NULL AND jsonb_typeof(props->'nameEn') = 'string' AND btrim(props->>'nameEn') <> '';
