-- +goose Up
-- Each refresh token names the token it was rotated from. Within the reuse grace
-- (REDLINE_REFRESH_REUSE_GRACE) a rotated token may be presented again and gets a second successor:
-- a page reloaded while its refresh was in flight loses the first one and goes on with the second.
-- Two successors of one token both used means two holders (the owner and whoever copied the
-- token): the store then ends every session of the user, as for any other reuse. NULL for a
-- sign-in's first token and for tokens issued before this migration.
ALTER TABLE refresh_tokens ADD COLUMN parent_hash bytea;
CREATE INDEX refresh_tokens_parent ON refresh_tokens (parent_hash) WHERE parent_hash IS NOT NULL;

-- +goose Down
DROP INDEX refresh_tokens_parent;
ALTER TABLE refresh_tokens DROP COLUMN parent_hash;
