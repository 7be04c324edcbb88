-- +goose Up
-- The engine's assessment (~3.5 KB of JSON a routed complaint) is compressed with lz4 rather than
-- PostgreSQL's default pglz. Routing writes it once per complaint, in the hot UPDATE of the batch;
-- compressing it with pglz cost ~0.05-0.1 ms of the server's CPU a row, lz4 a fraction of that, for
-- values 4 % larger (docs/BENCHMARKS.md, "Routing, session 12"). Reading it back (the statistics'
-- suggested violations, a complaint's page) decompresses faster too. Only values written from now
-- on are lz4; those stored stay pglz and are read as before. A server built without lz4 keeps pglz.
-- +goose StatementBegin
DO $$
BEGIN
    ALTER TABLE complaints ALTER COLUMN assessment SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not supported by this server: the assessment stays compressed with pglz';
END
$$;
-- +goose StatementEnd

-- +goose Down
ALTER TABLE complaints ALTER COLUMN assessment SET COMPRESSION default;
