package app_test

import (
	"errors"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 16 (attack): linking two complaints that were already linked answered CONFLICT
// "complaint already exists" (the link table's primary key, mapped as any duplicate row) with no
// field and no reason; and merging a pair that had been linked first — link now, merge once sure,
// the case page's natural order — failed the same way, so such a pair could never be merged.

// TestLinkingTwiceAndMergingALinkedPair: a second link of the same pair is BAD_USER_INPUT on
// duplicateId, reason ALREADY_LINKED, nothing written; merging a linked pair merges it (the link
// becomes a merge, one row).
func TestLinkingTwiceAndMergingALinkedPair(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	cs, sup := env.App.Complaints, p.ctx(domain.RoleSupervisor)
	primary, dup := newComplaint(t, env, p, nil), newComplaint(t, env, p, nil)

	if _, err := cs.Link(sup, dup.ID, primary.ID, false, "同一债务人", 0); err != nil {
		t.Fatal(err)
	}
	before := countRows(t, env)
	_, err := cs.Link(sup, dup.ID, primary.ID, false, "再次关联", 0)
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.CodeInvalid || de.Field != "duplicateId" || de.Reason != "ALREADY_LINKED" {
		t.Errorf("linking a linked pair again: %v, want BAD_USER_INPUT on duplicateId, reason ALREADY_LINKED", err)
	}
	if after := countRows(t, env); after != before {
		t.Errorf("a refused link wrote: %+v → %+v", before, after)
	}

	got, err := cs.Link(sup, dup.ID, primary.ID, true, "确认重复，合并", 0)
	if err != nil {
		t.Fatalf("merging a linked pair: %v", err)
	}
	if got.MergedInto != primary.ID || got.ClosedAt.IsZero() {
		t.Errorf("merged complaint: merged into %q, closed %v", got.MergedInto, got.ClosedAt)
	}
	links, err := cs.Store.Links(t.Context(), dup.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || !links[0].Merged {
		t.Errorf("links after merging a linked pair: %+v, want one, merged", links)
	}
	// Merging it again is refused as before (closed), not a vague CONFLICT.
	if _, err := cs.Link(sup, dup.ID, primary.ID, true, "再次合并", 0); domain.CodeOf(err) != domain.CodeInvalid {
		t.Errorf("merging a merged complaint again: %v, want BAD_USER_INPUT", err)
	}
}
