package graph

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// TestLongDocumentsAreNotCached (attack round 20, session 25): a valid document of a megabyte (a
// comment of 500 lines of 2,000 bytes, then { __typename }) was kept in the document cache and the
// caller's persisted queries, 1,024 entries each: anyone could make the API process hold gigabytes.
// Documents longer than MaxCachedDocumentBytes run, and are not kept; short ones still are.
func TestLongDocumentsAreNotCached(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	comment := "#" + strings.Repeat("x", 2000) + "\n"
	for i := range 5 {
		q := "#" + strconv.Itoa(i) + "\n" + strings.Repeat(comment, 500) + "{ __typename }"
		res := x.Do(ctx, Request{Query: q, Extensions: Extensions{PersistedQuery: &PersistedQuery{Version: 1, Sha256Hash: QueryHash(q)}}})
		if len(res.Errors) > 0 {
			t.Fatalf("a long document: %+v", res.Errors)
		}
	}
	if n, m := x.docs.Len(), x.persisted.Len(); n != 0 || m != 0 {
		t.Errorf("after five documents of 1 MB: %d in the document cache, %d persisted; want none", n, m)
	}
	short := "{ __typename }"
	if res := x.Do(ctx, Request{Query: short, Extensions: Extensions{PersistedQuery: &PersistedQuery{Version: 1, Sha256Hash: QueryHash(short)}}}); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	if n, m := x.docs.Len(), x.persisted.Len(); n != 1 || m != 1 {
		t.Errorf("a short document: %d cached, %d persisted; want 1 and 1", n, m)
	}
}
