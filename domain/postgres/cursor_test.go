package postgres_test

import (
	"context"
	"encoding/base64"
	"errors"
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestCraftedCursorsAreBadInput: a complaints cursor is base64 JSON the client sends back. One
// whose leading key PostgreSQL cannot cast (found by hand: {"o":"NEWEST","k":"x'",…}) reached the
// query and answered INTERNAL, with the client's text in the error log; every crafted key must be
// BAD_USER_INPUT on "after", and a real cursor must still page.
func TestCraftedCursorsAreBadInput(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	fileTestComplaint(t, db, testDebtor)
	fileTestComplaint(t, db, testDebtor)
	s := &postgres.ComplaintStore{DB: db}
	all := domain.Scope{All: true}
	for _, order := range []domain.ComplaintOrder{domain.OrderNewest, domain.OrderOldest, domain.OrderPriority, domain.OrderDueDate} {
		f := domain.ComplaintFilter{Order: order}
		first, err := s.ListComplaints(ctx, all, f, domain.Page{First: 1})
		if err != nil || len(first.Cursors) != 1 {
			t.Fatalf("%s: first page: %v", order, err)
		}
		if next, err := s.ListComplaints(ctx, all, f, domain.Page{First: 1, After: first.Cursors[0]}); err != nil || len(next.Complaints) != 1 {
			t.Fatalf("%s: a real cursor: %v", order, err)
		}
		for _, key := range []string{`"x'"`, `"99999"`, `"-1"`, `"1e308"`, `"infinity"`, `"-infinity"`, `"2026-13-45"`, `"2026-12-03T12:16:03Z; DROP TABLE users"`} {
			if order == domain.OrderDueDate && key == `"infinity"` {
				continue // what a complaint without a due date is keyed on
			}
			c := base64.RawURLEncoding.EncodeToString([]byte(`{"o":"` + string(order) + `","k":` + key +
				`,"t":"2026-12-03T12:16:03Z","i":"8c0d8488-611b-4590-aa4f-21f8b63c106e"}`))
			_, err := s.ListComplaints(ctx, all, f, domain.Page{First: 1, After: c})
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != domain.CodeInvalid || de.Field != "after" {
				t.Errorf("%s with key %s: %v (code %q), want BAD_USER_INPUT on after", order, key, err, domain.CodeOf(err))
			}
		}
	}
}
