package app_test

import "testing"

// A reviewer's page selecting mergedInto and links reads the page's primaries and links in a fixed
// number of statements, however many of its rows were merged (session 32, sec32; the leftover of
// session 31's secmend): on main each row read its links, and each merged row and each link read
// the other complaint, one statement each.
func TestMergedIntoAndLinksOfAPageInFixedStatements(t *testing.T) {
	one, d1, five, d5 := pageAfterMerges(t, `{ complaints(first: 50) { edges { node { id merged mergedInto links { complaintId primaryId merged reason } } } } }`)
	rows := func(d map[string]any) (n, merged, linked int) {
		for _, e := range d["complaints"].(map[string]any)["edges"].([]any) {
			node := e.(map[string]any)["node"].(map[string]any)
			n++
			if node["mergedInto"] != nil {
				merged++
			}
			if len(node["links"].([]any)) > 0 {
				linked++
			}
		}
		return
	}
	n1, m1, l1 := rows(d1)
	n5, m5, l5 := rows(d5)
	t.Logf("1 merged (%d rows, %d mergedInto, %d linked): %d statements; 5 merged (%d rows, %d mergedInto, %d linked): %d statements", n1, m1, l1, one, n5, m5, l5, five)
	if n5 != n1+8 || m5 != m1+4 || l5 != l1+8 {
		t.Fatalf("the page holds %d/%d/%d then %d/%d/%d rows/merged/linked, want every new one on it", n1, m1, l1, n5, m5, l5)
	}
	if five > one {
		t.Errorf("a page with 5 merged complaints runs %d statements, with 1 %d: want no more", five, one)
	}
}
