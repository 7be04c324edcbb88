-- +goose Up
-- Session 30 (attack): the public satisfaction figures are read from an append-only ledger of full
-- blocks of ratings. Counted live, the first 5⌊n/5⌋ ratings of the published complaints shifted by
-- one when a rated complaint left the dataset (withdrawn, merged, its consent taken back), and the
-- figures read before and after told one rating less another. A rating enters the ledger once, in a
-- block of the public minimum of ratings, for the whole dataset (scope 0) and for each institution
-- it counts for (scope = the institution's id); a block once written never changes nor goes away.
-- No foreign key: a complaint purged later must not take its block with it.
CREATE TABLE public_rating_ledger (
    scope        bigint      NOT NULL,
    complaint_id uuid        NOT NULL,
    block        integer     NOT NULL,
    satisfaction smallint    NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    entered_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, complaint_id)
);

-- +goose StatementBegin
CREATE FUNCTION public_rating_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'public_rating_ledger is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER public_rating_ledger_no_update BEFORE UPDATE OR DELETE ON public_rating_ledger
    FOR EACH ROW EXECUTE FUNCTION public_rating_ledger_append_only();
CREATE TRIGGER public_rating_ledger_no_truncate BEFORE TRUNCATE ON public_rating_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION public_rating_ledger_append_only();

-- +goose Down
DROP TABLE public_rating_ledger;
DROP FUNCTION public_rating_ledger_append_only();
