package domain

import (
	"context"
	"fmt"
	"strings"
)

// MaxReadableTextCandidates bounds the complaints an institution's text search checks one by one
// (readableText) unless Complaints.TextCandidates says otherwise: a search whose text the stored
// narratives match more often than this is refused with reason TOO_MANY_MATCHES, to be narrowed by
// another filter or a longer text.
const MaxReadableTextCandidates = 2000

// readableTextPage is how many candidates readableText reads at a time.
const readableTextPage = 200

// readableText makes a text search by an institution match the text as the institution reads it
// (session 18, attack2). The stored search text is the narrative as written, while an institution
// reads it without the filed identity it may not see and without the complainant's own contact
// details (Disclose, withholdComplainants): matching the stored text told a lender, by the count
// or by whether a row came back, that "王小明" or "13912345678" was in a complaint that shows
// neither. The candidates the store matches are disclosed as the institution reads them and kept
// only if that text (the narrative and the institutions' names, as the store searches) still holds
// the search text; the filter then names them (IDs) instead of the text, so the count, the pages,
// their order and cursors are the store's as before. Staff and the complainant read the narrative
// as written and search it as written; f is returned unchanged for them. field names the search
// text in a refusal.
func (s *Complaints) readableText(ctx context.Context, a Actor, f ComplaintFilter, field string) (ComplaintFilter, error) {
	if f.Text == "" || !a.Role.IsInstitution() {
		return f, nil
	}
	want := strings.ToLower(f.Text)
	limit := s.TextCandidates
	if limit <= 0 {
		limit = MaxReadableTextCandidates
	}
	kept := []string{}
	p, seen := Page{First: min(readableTextPage, limit+1), SkipTotal: true}, 0
	for {
		page, err := s.Store.ListComplaints(ctx, ScopeFor(a), f, p)
		if err != nil {
			return f, err
		}
		if seen += len(page.Complaints); seen > limit {
			return f, &Error{Code: CodeInvalid, Field: field, Reason: "TOO_MANY_MATCHES",
				Message:   fmt.Sprintf("the search text matches more than %d complaints; narrow it with a longer text or another filter", limit),
				MessageZH: fmt.Sprintf("搜索内容匹配的投诉超过%d件，请输入更长的内容或增加其他筛选条件", limit)}
		}
		shown := make([]*Complaint, len(page.Complaints))
		for i, c := range page.Complaints {
			shown[i] = Disclose(a, c)
		}
		if err := s.withholdComplainants(ctx, a, shown...); err != nil {
			return f, err
		}
		for _, c := range shown {
			if strings.Contains(strings.ToLower(c.Narrative+" "+c.LenderName+" "+c.AgencyName), want) {
				kept = append(kept, c.ID)
			}
		}
		if !page.HasNext || len(page.Cursors) == 0 {
			break
		}
		p.After = page.Cursors[len(page.Cursors)-1]
	}
	f.IDs = kept
	f.Text = ""
	return f, nil
}
