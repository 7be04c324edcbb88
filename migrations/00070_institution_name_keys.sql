-- +goose Up
-- Attack round 32 (session 37, sec37): the database, not only SaveInstitution, keeps one
-- institution's names apart from another's. A name, English name or alias of an institution has
-- the key domain.InstitutionNameKey gives it (NFKC, every white space and format character removed,
-- lower-cased, NFKC again); no two institutions hold one key.
--
-- institution_name_key is that key in SQL. Lower-casing uses the ICU root collation, so the result
-- does not depend on the database's locale (a C-locale database lower-cases ASCII only); Go's side
-- lower-cases with golang.org/x/text/cases (the root locale's full mapping, final sigma included),
-- and domain/postgres/TestInstitutionNameKeyInSQLIsGos compares the two. The character class is
-- unicode.IsSpace and category Cf of Go's tables (generated; Unicode 15).
-- +goose StatementBegin
CREATE FUNCTION institution_name_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT normalize(lower(regexp_replace(normalize(name, NFKC),
        '[\U00000009-\U0000000D\U00000020\U00000085\U000000A0\U000000AD\U00000600-\U00000605\U0000061C\U000006DD\U0000070F\U00000890-\U00000891\U000008E2\U00001680\U0000180E\U00002000-\U0000200F\U00002028-\U0000202F\U0000205F-\U00002064\U00002066-\U0000206F\U00003000\U0000FEFF\U0000FFF9-\U0000FFFB\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001\U000E0020-\U000E007F]', '', 'g') COLLATE "und-x-icu"), NFKC)
$$;
-- +goose StatementEnd

-- One row per institution and key (an institution's own names may share one). grandfathered marks
-- a key another institution (the lowest id) already held when this migration ran: those clashes are
-- kept, not failed on, and listed by the view institution_name_clashes, which the server logs at
-- start (a WARN line "institution names clash") until an administrator renames one of them.
CREATE TABLE institution_name_keys (
    key            text   NOT NULL CHECK (key <> ''),
    institution_id bigint NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
    grandfathered  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (institution_id, key)
);

INSERT INTO institution_name_keys (key, institution_id, grandfathered)
SELECT key, id, row_number() OVER (PARTITION BY key ORDER BY id) > 1
FROM (SELECT DISTINCT institution_name_key(n) AS key, i.id
      FROM institutions i, unnest(i.aliases || ARRAY[i.name, i.name_en]) AS n) k
WHERE key <> '';

CREATE UNIQUE INDEX institution_name_keys_key ON institution_name_keys (key) WHERE NOT grandfathered;

-- Every write of an institution's names brings its keys in step: keys it no longer has go (another
-- institution's grandfathered key of the same name then holds it), a new key that another
-- institution holds fails with unique_violation on institution_name_keys_key. A key the institution
-- already had stays as it was (a grandfathered clash stays until the name is edited away).
-- +goose StatementBegin
CREATE FUNCTION institution_name_keys_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    keys text[];
    gone text[];
BEGIN
    SELECT coalesce(array_agg(DISTINCT k), '{}') INTO keys
    FROM unnest(NEW.aliases || ARRAY[NEW.name, NEW.name_en]) AS n, institution_name_key(n) AS k
    WHERE k <> '';
    WITH d AS (DELETE FROM institution_name_keys o
               WHERE o.institution_id = NEW.id AND NOT o.key = ANY (keys)
               RETURNING o.key, o.grandfathered)
    SELECT coalesce(array_agg(key), '{}') INTO gone FROM d WHERE NOT grandfathered;
    UPDATE institution_name_keys g SET grandfathered = false
    WHERE g.grandfathered AND g.key = ANY (gone)
      AND g.institution_id = (SELECT min(institution_id) FROM institution_name_keys m WHERE m.key = g.key);
    INSERT INTO institution_name_keys (key, institution_id)
    SELECT k, NEW.id FROM unnest(keys) AS k
    ON CONFLICT (institution_id, key) DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER institution_name_keys_sync AFTER INSERT OR UPDATE OF name, name_en, aliases ON institutions
    FOR EACH ROW EXECUTE FUNCTION institution_name_keys_sync();

-- The clashes kept from before: each grandfathered key with the institution that holds it.
CREATE VIEW institution_name_clashes AS
SELECT g.key, g.institution_id, i.name, h.institution_id AS holder_id, hi.name AS holder_name
FROM institution_name_keys g
JOIN institutions i ON i.id = g.institution_id
JOIN institution_name_keys h ON h.key = g.key AND NOT h.grandfathered
JOIN institutions hi ON hi.id = h.institution_id
WHERE g.grandfathered;

-- +goose Down
DROP VIEW institution_name_clashes;
DROP TRIGGER institution_name_keys_sync ON institutions;
DROP FUNCTION institution_name_keys_sync();
DROP TABLE institution_name_keys;
DROP FUNCTION institution_name_key(text);
