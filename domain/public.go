package domain

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain/charclass"
	"github.com/redline-regulator/redline/domain/pii"
)

// This file is the public dataset (docs/STATISTICS.md, "Public dataset"), the CFPB's rule: a
// complaint is published when its complainant consented, once the institution answered or 15 days
// after it was forwarded, whichever comes first; it carries no identity, and its narrative is
// scrubbed of personal data. Anyone may read it, without signing in.

// PublishAfterForwarding is how long after forwarding a complaint is published when the
// institution has not answered by then. Migration 00013's redline_publish_at mirrors it.
const PublishAfterForwarding = 15 * 24 * time.Hour

// PublishedAt returns when a complaint is (or will be) published, and false when it never is:
// without the complainant's consent, never forwarded to an institution, merged into another
// complaint, or withdrawn by its complainant.
func PublishedAt(c *Complaint) (time.Time, bool) {
	if !c.ConsentToPublish || c.ForwardedAt.IsZero() || c.MergedInto != "" || c.Status == StatusWithdrawn {
		return time.Time{}, false
	}
	at := c.ForwardedAt.Add(PublishAfterForwarding)
	if !c.RespondedAt.IsZero() && c.RespondedAt.Before(at) {
		at = c.RespondedAt
	}
	return at, true
}

// PublicComplaint is a complaint as the public dataset shows it: no complainant, debtor, contract
// or free text other than the scrubbed narrative; dates to the day (China time).
type PublicComplaint struct {
	Reference    string
	Jurisdiction string
	ReceivedOn   time.Time // filed
	SentOn       time.Time // forwarded to the institution
	PublishedOn  time.Time
	RespondedOn  time.Time // zero without a final answer
	Lender       string    // registered names of the matched institutions; "" when not matched
	Agency       string
	LenderEn     string // their English names; "" when not given (show the registered one)
	AgencyEn     string
	Product      Product
	Province     string // 6-digit code, or the US state of an imported CFPB complaint
	Violations   []ViolationType
	Narrative    string           // scrubbed: personal data replaced by XXXX
	Response     ResponseCategory // the institution's latest answer; "" when none yet
	Timely       *bool            // nil while the answer is not yet due
}

// PublishedRecord is what storage returns for one published complaint: the complaint as stored
// (with its personal data, to scrub the narrative of it) and what the dataset adds.
type PublishedRecord struct {
	Complaint   *Complaint
	PublishedAt time.Time
	Lender      string
	Agency      string
	LenderEn    string
	AgencyEn    string
	USState     string
	Response    ResponseCategory
	// Complainant is what identifies the complainant's own account (ComplainantIdentities),
	// removed from the narrative like the filed values; set by PublicData.
	Complainant []string
}

// PublicFilter narrows the public dataset: complaints received from..to (days, China time, both
// included; zero: unbounded), against an institution (as lender or agency), of a product, in a
// province (or US state), naming a violation type.
type PublicFilter struct {
	From, To      time.Time
	InstitutionID int64
	Product       Product
	Province      string
	Violation     ViolationType
}

// PublishedPage is a page of the public dataset, as storage returns it.
type PublishedPage struct {
	Records []PublishedRecord
	Cursors []string
	HasNext bool
	Total   int
}

// PublicStore reads the public dataset.
type PublicStore interface {
	// Published returns a page of the complaints published at asOf that match the filter, the
	// most recently published first (keyset cursors); Total unless p.SkipTotal.
	Published(ctx context.Context, f PublicFilter, asOf time.Time, p Page) (PublishedPage, error)
}

// PublicData serves the public dataset.
type PublicData struct {
	Store PublicStore
	// Figs aggregates the dataset (public_figures.go); nil turns publicFigures off.
	Figs PublicFiguresStore
	// Policy holds the minimum counts of the figures; zero means DefaultStatsPolicy.
	Policy  StatsPolicy
	MaxRows int // the most rows a CSV download streams; 0 means DefaultExportRows
	Now     func() time.Time
	// Identities gives the complainants' own name, e-mail and SMS mobile, removed from the
	// published narratives too; nil removes only the filed values and what pii.Scrub finds.
	Identities ComplainantIdentities
}

// withComplainants sets each record's Complainant (one read for a page).
func (s *PublicData) withComplainants(ctx context.Context, rs []PublishedRecord) error {
	if s.Identities == nil || len(rs) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(rs))
	for _, r := range rs {
		if id := r.Complaint.ComplainantID; id != 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	byUser, err := s.Identities.ComplainantIdentities(ctx, ids)
	if err != nil {
		return err
	}
	for i := range rs {
		rs[i].Complainant = byUser[rs[i].Complaint.ComplainantID]
	}
	return nil
}

// PublicPage is a page of the public dataset.
type PublicPage struct {
	Complaints []PublicComplaint
	Cursors    []string
	HasNext    bool
	Total      int
}

// Validate checks a public filter.
func (f PublicFilter) Validate() error {
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return Invalid("filter.to", "the end of the period is before its start", "结束日期早于开始日期")
	}
	if f.InstitutionID < 0 {
		return Invalid("filter.institutionId", "no institution has this id", "没有此编号的机构")
	}
	if f.Product != "" && !oneOf(f.Product, Products) {
		return Invalid("filter.product", "unknown product", "产品类型无效")
	}
	if f.Province != "" {
		if _, ok := ProvinceByCode(f.Province); !ok && !usState(f.Province) {
			return Invalid("filter.province", "province must be a 6-digit code such as 440000 (or a US state such as CA)", "省份须为6位行政区划代码，如440000")
		}
	}
	if f.Violation != "" {
		if _, ok := ParseViolationType(string(f.Violation)); !ok {
			return Invalid("filter.violationType", "unknown violation type", "违规类型无效")
		}
	}
	return nil
}

// List returns a page of the public dataset (first 1-100), to anyone.
func (s *PublicData) List(ctx context.Context, f PublicFilter, p Page) (PublicPage, error) {
	if p.First < 1 || p.First > 100 {
		return PublicPage{}, Invalid("first", "first must be between 1 and 100", "每页须为1至100条")
	}
	if err := f.Validate(); err != nil {
		return PublicPage{}, err
	}
	now := s.Now()
	page, err := s.Store.Published(ctx, f, now, p)
	if err != nil {
		return PublicPage{}, err
	}
	if err := s.withComplainants(ctx, page.Records); err != nil {
		return PublicPage{}, err
	}
	out := PublicPage{Cursors: page.Cursors, HasNext: page.HasNext, Total: page.Total}
	for _, r := range page.Records {
		out.Complaints = append(out.Complaints, Publish(r, now))
	}
	return out, nil
}

// Each streams the public dataset matching the filter to fn, page by page, at most MaxRows
// complaints; it reports how many and whether the cap cut it short.
func (s *PublicData) Each(ctx context.Context, f PublicFilter, fn func(PublicComplaint) error) (ExportResult, error) {
	if err := f.Validate(); err != nil {
		return ExportResult{}, err
	}
	limit := s.MaxRows
	if limit <= 0 {
		limit = DefaultExportRows
	}
	now := s.Now()
	var res ExportResult
	p := Page{First: min(exportPageSize, limit+1), SkipTotal: true}
	for {
		page, err := s.Store.Published(ctx, f, now, p)
		if err != nil {
			return res, err
		}
		if err := s.withComplainants(ctx, page.Records); err != nil {
			return res, err
		}
		for _, r := range page.Records {
			if res.Rows == limit {
				res.Truncated = true
				return res, nil
			}
			res.Rows++
			if err := fn(Publish(r, now)); err != nil {
				return res, err
			}
		}
		if !page.HasNext || len(page.Cursors) == 0 {
			return res, nil
		}
		if res.Rows == limit {
			res.Truncated = true
			return res, nil
		}
		p.After = page.Cursors[len(page.Cursors)-1]
	}
}

// Publish turns a stored complaint into its public record at now: identity dropped, dates to the
// day, narrative scrubbed.
func Publish(r PublishedRecord, now time.Time) PublicComplaint {
	c := r.Complaint
	out := PublicComplaint{
		Reference:    c.Reference,
		Jurisdiction: c.Jurisdiction,
		ReceivedOn:   StatsDate(c.CreatedAt),
		SentOn:       StatsDate(c.ForwardedAt),
		PublishedOn:  StatsDate(r.PublishedAt),
		RespondedOn:  StatsDate(c.RespondedAt),
		Lender:       r.Lender,
		Agency:       r.Agency,
		LenderEn:     r.LenderEn,
		AgencyEn:     r.AgencyEn,
		Product:      c.Product,
		Province:     c.Province,
		Violations:   c.ConfirmedViolations,
		Narrative:    pii.Scrub(redactAll(redactAll(c.Narrative, c.filed()), r.Complainant)),
		Response:     r.Response,
	}
	if out.Jurisdiction == "" {
		out.Jurisdiction = "CN"
	}
	if r.USState != "" {
		out.Province = r.USState
	}
	if len(out.Violations) == 0 {
		out.Violations = c.ClaimedViolations
	}
	var timely *bool
	set := func(v bool) { timely = &v }
	switch {
	case c.Untimely:
		set(false)
	case !c.RespondedAt.IsZero():
		set(c.DueAt.IsZero() || !c.RespondedAt.After(c.DueAt))
	case !c.DueAt.IsZero() && now.After(c.DueAt):
		set(false)
	}
	out.Timely = timely
	return out
}

// PublicNarrative is a complaint's narrative as the public reads it: the debtor's name, ID number,
// mobile and contract number as filed replaced by XXXX wherever they occur, however they are
// spaced or typed (redactFiled), then every other piece of personal data pii.Scrub recognises (ID
// numbers, phones, names, addresses, contract and account numbers, e-mail addresses). Publish
// also removes the complainant's own name, e-mail and mobile (PublishedRecord.Complainant).
func PublicNarrative(c *Complaint) string {
	return scrubFiled(c, c.Narrative)
}

// scrubFiled removes from text, free text of complaint c, the values the complainant filed however
// written (redactFiled), then whatever else pii.Scrub recognises.
func scrubFiled(c *Complaint, text string) string {
	return pii.Scrub(redactAll(text, c.filed()))
}

// redactAll is redactFiled for each of values.
func redactAll(text string, values []string) string {
	for _, v := range values {
		text = redactFiled(text, v)
	}
	return text
}

// redactFiled replaces with XXXX every occurrence in text of v, a value the complainant filed, as
// a person may write it again: letters and digits in full or half width and either case, with up
// to maxFiledGap spaces (ideographic and zero-width ones too), hyphens, dots, underscores or
// slashes between them. Only exact copies used to be replaced, so "王 小 明", "ＨＴ－２０２５－０００１"
// or "HT 2025 0001" in a narrative reached the public dataset (found by hand). Values shorter than
// two characters (once separators are dropped) are left alone.
func redactFiled(text, v string) string {
	var key []rune
	for _, r := range v {
		if !filedSeparator(r) {
			key = append(key, foldFiled(r))
		}
	}
	if len(key) < 2 {
		return text
	}
	var out strings.Builder
	last := 0
	for i := 0; i < len(text); {
		if end, ok := filedMatch(text, i, key); ok {
			out.WriteString(text[last:i])
			out.WriteString(pii.Redacted)
			i, last = end, end
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	if last == 0 {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
}

// maxFiledGap bounds the separators between two characters of a filed value that redactFiled
// still reads as one value.
const maxFiledGap = 3

// filedMatch says whether key starts at text[i], and where it ends.
func filedMatch(text string, i int, key []rune) (int, bool) {
	k, gap := 0, 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case foldFiled(r) == key[k]:
			k, gap, i = k+1, 0, i+size
			if k == len(key) {
				return i, true
			}
		case k > 0 && gap < maxFiledGap && filedSeparator(r):
			gap, i = gap+1, i+size
		case k > 0 && key[k] == '@' && spelledAs(text, i, atWords) > i:
			// an e-mail address spelt out: name (at) qq (dot) com, name艾特qq点com (session 28, scrub2)
			k, gap, i = k+1, 0, spelledAs(text, i, atWords)
			if k == len(key) {
				return i, true
			}
		case k > 0 && gap < maxFiledGap && spelledAs(text, i, dotWords) > i:
			gap, i = gap+1, spelledAs(text, i, dotWords)
		default:
			return 0, false
		}
	}
	return 0, false
}

// atWords and dotWords are @ and the dot of an e-mail address as people spell them out.
var atWords, dotWords = []string{"at", "艾特", "爱特", "圈a"}, []string{"dot", "点"}

// spelledAs returns where one of words, in any case and perhaps in brackets ((at), [dot], （点）),
// ends when it starts at text[i], and i when none does.
func spelledAs(text string, i int, words []string) int {
	j := i
	if r, size := utf8.DecodeRuneInString(text[j:]); strings.ContainsRune("([{<（【［｛〔", r) {
		j += size
	}
	for _, w := range words {
		if len(text)-j >= len(w) && strings.EqualFold(text[j:j+len(w)], w) {
			end := j + len(w)
			if r, size := utf8.DecodeRuneInString(text[end:]); strings.ContainsRune(")]}>）】］｝〕", r) {
				end += size
			} else if j > i {
				continue // an open bracket is closed
			}
			return end
		}
	}
	return i
}

// foldFiled folds full-width ASCII (as Chinese input methods type it) to ASCII, digits spelt in
// Chinese (一三八…, 幺, 〇, 壹贰叁…) to ASCII digits, and letters to upper case.
func foldFiled(r rune) rune {
	if d, ok := pii.ChineseDigit(r); ok {
		return d
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r > 0x7f && unicode.IsDigit(r) {
		// Digits of other scripts and styles (Arabic-Indic, Thai, mathematical bold…; session 27,
		// attack: a filed mobile written in them reached the institution of a withheld complaint).
		return pii.ASCIIDigit(r)
	}
	if d, ok := pii.StyledDigit(r); ok {
		// circled, parenthesized, superscript digits… (session 28, attack)
		return d
	}
	return unicode.ToUpper(r)
}

// filedSeparator: what may stand between two characters of a filed value as it is written again —
// spaces, format characters, hyphens, dots, slashes, tildes, and combining marks (the keycap of
// 1️⃣, an accent or an underline on each digit; session 28, attack), and commas (138,1234,5678;
// session 28, scrub2).
func filedSeparator(r rune) bool {
	return unicode.IsSpace(r) || charclass.Format(r) || unicode.In(r, unicode.Mn, unicode.Me) ||
		strings.ContainsRune("-‐‑‒–—―－_.．·・/／~～ー,，", r)
}
