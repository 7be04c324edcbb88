-- +goose Up
-- A team's name in both languages the portal speaks: name is the Chinese one, name_en the English
-- one ('' until given: the portal then shows the Chinese name). The national desk was named in
-- English only.
ALTER TABLE teams ADD COLUMN name_en text NOT NULL DEFAULT '';
UPDATE teams SET name = '全国投诉处理组', name_en = 'National complaints desk' WHERE code = 'national' AND name = 'National complaints desk';
UPDATE teams SET name_en = 'North and Northeast complaints team' WHERE code = 'north';
UPDATE teams SET name_en = 'East China complaints team' WHERE code = 'east';
UPDATE teams SET name_en = 'Central and South China complaints team' WHERE code = 'south';
UPDATE teams SET name_en = 'West China complaints team' WHERE code = 'west';

-- +goose Down
UPDATE teams SET name = 'National complaints desk' WHERE code = 'national' AND name = '全国投诉处理组';
ALTER TABLE teams DROP COLUMN name_en;
