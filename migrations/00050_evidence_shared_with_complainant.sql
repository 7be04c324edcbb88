-- +goose Up
-- A recipient institution may share a document it attaches with the complainant (the repayment
-- plan it offers, the letter ending the agency's contract); the others it gives the regulator only.
-- Who may see which item is decided in the domain (domain.EvidenceVisibleTo).
ALTER TABLE evidence ADD COLUMN shared_with_complainant boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE evidence DROP COLUMN shared_with_complainant;
