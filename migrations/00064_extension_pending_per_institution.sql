-- +goose Up
-- Session 16 (attack): each institution a complaint was forwarded to asks for its own extensions.
-- One request awaiting a supervisor per complaint refused the agency's own extension while the
-- lender's waited, and so told the agency that the lender had asked for more time. Now one pending
-- request per institution; the complaint's pending_extension_id names the one a supervisor decides
-- next (the oldest), and the others follow it.
DROP INDEX complaint_extensions_one_pending;
CREATE UNIQUE INDEX complaint_extensions_one_pending ON complaint_extensions (complaint_id, institution_id) WHERE status = 'PENDING';

-- +goose Down
DROP INDEX complaint_extensions_one_pending;
CREATE UNIQUE INDEX complaint_extensions_one_pending ON complaint_extensions (complaint_id) WHERE status = 'PENDING';
