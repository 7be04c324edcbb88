package api

// CSV downloads (docs/STATISTICS.md, "Exports" and "Public dataset"):
//
//	GET /export/stats.csv        any statistics query, as GraphQL stats (analysts, supervisors, admins)
//	GET /export/complaints.csv   a complaint list, as GraphQL complaints (staff; institutions: their own)
//	GET /public/complaints.csv   the public dataset (anyone, no sign-in)
//
// The staff exports take "Authorization: Bearer <token>" like /graphql. Filters are query
// parameters named like the GraphQL filter's fields; a list is given by repeating the parameter or
// separating values with commas. bom=1 starts the file with a UTF-8 byte-order mark, so that Excel
// reads the Chinese text right. Rows are written as they are read and flushed in batches; at most
// REDLINE_EXPORT_MAX_ROWS rows (first=N lowers it). A file cut short by the cap ends with the line
// "# truncated: more rows matched than N" and the HTTP trailer X-Redline-Truncated: true; the
// trailer X-Redline-Rows gives the rows written. A file that failed midway ends with "# error: ...".
// Errors found before the first row (bad parameters, no permission) are JSON:
// {"code": "BAD_USER_INPUT", "field": "groupBy", "message": "...", "messageZh": "..."}.

import (
	"context"
	"encoding/csv"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/redline-regulator/redline/api/graph"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/charclass"
)

// exportFlushRows is how many rows are written between flushes to the client.
const exportFlushRows = 256

// exportErrorStatus maps a domain error code to the HTTP status of a CSV request.
func exportErrorStatus(code domain.ErrorCode) int {
	switch code {
	case domain.CodeInvalid:
		return http.StatusBadRequest
	case domain.CodeUnauthenticated:
		return http.StatusUnauthorized
	case domain.CodeForbidden:
		return http.StatusForbidden
	case domain.CodeNotFound:
		return http.StatusNotFound
	case domain.CodeRateLimited:
		return http.StatusTooManyRequests
	case domain.CodeUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// writeExportError answers a CSV request that failed before its first row: {code, field, reason,
// message} (reason since session 31, secmend: PASSWORD_CHANGE_REQUIRED, REQUEST_TIMEOUT, … as the
// GraphQL extensions carry it).
func writeExportError(w http.ResponseWriter, err error) {
	de, ok := domain.AsError(err)
	if !ok {
		slog.Error("export failed", "err", err)
		de = &domain.Error{Code: domain.CodeInternal, Message: "internal error", MessageZH: "内部错误"}
	}
	body := map[string]any{"code": string(de.Code), "message": de.Message}
	if de.Field != "" {
		body["field"] = strings.TrimPrefix(de.Field, "filter.")
	}
	if de.MessageZH != "" {
		body["messageZh"] = de.MessageZH
	}
	if de.Reason != "" {
		body["reason"] = de.Reason
	}
	w.Header().Set("Cache-Control", "no-store")
	if de.Code == domain.CodeUnavailable {
		unavailableHeaders(w, err)
	}
	writeJSON(w, exportErrorStatus(de.Code), body)
}

// csvStream writes a CSV response lazily: nothing is sent until the first row (or the end), so
// that an error found before it can still be a JSON answer with its status.
type csvStream struct {
	w        http.ResponseWriter
	rc       *http.ResponseController
	cw       *csv.Writer
	filename string
	header   []string
	bom      bool
	public   bool
	started  bool
	pending  int
	stall    time.Duration // the longest the client may take to accept the next row
	until    time.Time     // the end of the whole download
}

// exportMaxDuration is the longest a CSV download may take in all: a large export takes longer
// than the server's write timeout.
const exportMaxDuration = 30 * time.Minute

// DefaultExportStallTimeout is the default Server.ExportStallTimeout.
const DefaultExportStallTimeout = 20 * time.Second

func (s *Server) newCSVStream(w http.ResponseWriter, filename string, bom, public bool, header []string) *csvStream {
	stall := s.ExportStallTimeout
	if stall <= 0 {
		stall = DefaultExportStallTimeout
	}
	return &csvStream{w: w, rc: http.NewResponseController(w), filename: filename, header: header, bom: bom, public: public, stall: stall}
}

// extend moves the write deadline on before each write: the client has stall to take what is
// written next, and the whole download at most exportMaxDuration. A download holds a slot of the
// costly lane while it streams; with one deadline of 30 minutes a client that stopped reading
// (anonymous, for the public dataset) held its slots that long (found by hand, session 12).
func (s *csvStream) extend() {
	d := time.Now().Add(s.stall)
	if d.After(s.until) {
		d = s.until
	}
	_ = s.rc.SetWriteDeadline(d)
}

func (s *csvStream) start() error {
	if s.started {
		return nil
	}
	s.started = true
	h := s.w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+s.filename+`"`)
	h.Set("Trailer", "X-Redline-Truncated, X-Redline-Rows")
	if s.public {
		h.Set("Cache-Control", "public, max-age=300")
	} else {
		h.Set("Cache-Control", "no-store") // staff exports hold personal data
	}
	s.until = time.Now().Add(exportMaxDuration)
	s.extend()
	s.w.WriteHeader(http.StatusOK)
	if s.bom {
		if _, err := s.w.Write([]byte("\uFEFF")); err != nil {
			return err
		}
	}
	s.cw = csv.NewWriter(s.w)
	return s.cw.Write(s.header)
}

// row writes one record, flushing to the client every exportFlushRows rows.
func (s *csvStream) row(rec []string) error {
	if err := s.start(); err != nil {
		return err
	}
	s.extend()
	if err := s.cw.Write(rec); err != nil {
		return err
	}
	if s.pending++; s.pending >= exportFlushRows {
		s.pending = 0
		return s.flush()
	}
	return nil
}

func (s *csvStream) flush() error {
	s.cw.Flush()
	if err := s.cw.Error(); err != nil {
		return err
	}
	return s.rc.Flush()
}

// finish ends the response: an error before the first row becomes a JSON error; otherwise the
// file ends with a comment line when it was truncated or failed, and the trailers.
func (s *csvStream) finish(res domain.ExportResult, err error) {
	if err != nil && !s.started {
		writeExportError(s.w, err)
		return
	}
	if serr := s.start(); serr != nil {
		return
	}
	s.extend()
	s.cw.Flush()
	switch {
	case err != nil:
		slog.Warn("export stopped midway", "file", s.filename, "rows", res.Rows, "err", withoutAddresses(err))
		msg := "internal error"
		if de, ok := domain.AsError(err); ok && de.Code != domain.CodeInternal {
			msg = de.Message
		}
		_, _ = s.w.Write([]byte("# error: the export stopped after " + strconv.Itoa(res.Rows) + " rows: " + msg + "\n"))
	case res.Truncated:
		_, _ = s.w.Write([]byte("# truncated: more rows matched than " + strconv.Itoa(res.Rows) + "; narrow the filter\n"))
	}
	s.w.Header().Set("X-Redline-Truncated", strconv.FormatBool(res.Truncated))
	s.w.Header().Set("X-Redline-Rows", strconv.Itoa(res.Rows))
	_ = s.rc.Flush()
}

// exportParams reads query parameters, refusing names it does not know so that a misspelt filter
// is not silently ignored.
type exportParams struct {
	q   url.Values
	err error
}

func newExportParams(r *http.Request, known ...string) *exportParams {
	p := &exportParams{q: r.URL.Query()}
	known = append(known, "bom", "first")
	for k := range p.q {
		ok := false
		for _, n := range known {
			ok = ok || k == n
		}
		if !ok && p.err == nil {
			p.err = domain.Invalid(k, "unknown parameter; the parameters are: "+strings.Join(known, ", "), "未知参数")
		}
		// Refused like GraphQL's text: a NUL reached PostgreSQL (500 INTERNAL, an ERROR line;
		// session 15), invalid UTF-8 and control characters are not a filter.
		for _, v := range p.q[k] {
			if en, zh := graph.BadText(v); en != "" && p.err == nil {
				p.err = domain.Invalid(k, en, zh)
			}
		}
	}
	return p
}

// list returns the values of a repeated or comma-separated parameter.
func (p *exportParams) list(name string) []string {
	var out []string
	for _, v := range p.q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func (p *exportParams) str(name string) string { return strings.TrimSpace(p.q.Get(name)) }

func (p *exportParams) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

func (p *exportParams) int64(name string) int64 {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		p.fail(domain.Invalid(name, "not a number", "须为数字"))
	}
	return n
}

// days reads a number of days from 1 to domain.MaxDueWithinDays (0 when absent).
func (p *exportParams) days(name string) int {
	n := p.int64(name)
	if p.str(name) != "" && (n < 1 || n > domain.MaxDueWithinDays) {
		p.fail(domain.Invalid(name, fmt.Sprintf("%s must be between 1 and %d", name, domain.MaxDueWithinDays),
			fmt.Sprintf("天数须在1至%d之间", domain.MaxDueWithinDays)))
		return 0
	}
	return int(n)
}

func (p *exportParams) bool(name string) bool {
	switch p.str(name) {
	case "", "0", "false":
		return false
	case "1", "true":
		return true
	}
	p.fail(domain.Invalid(name, "use 1 or 0", "须为1或0"))
	return false
}

func (p *exportParams) date(name string) time.Time {
	return p.parseTime(name, "2006-01-02", "a date is written YYYY-MM-DD", "日期格式须为YYYY-MM-DD")
}

func (p *exportParams) instant(name string) time.Time {
	return p.parseTime(name, time.RFC3339, "use an RFC 3339 time such as 2026-01-31T00:00:00Z", "请使用RFC 3339时间格式")
}

// parseTime reads a parameter written in layout; an absent one is the zero time, a malformed one
// fails with the given message.
func (p *exportParams) parseTime(name, layout, en, zh string) time.Time {
	s := p.str(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		p.fail(domain.Invalid(name, en, zh))
	}
	return t
}

// first reads the row limit asked for (0: the cap).
func (p *exportParams) first() int {
	n := p.int64("first")
	if n < 0 || n > 1<<30 {
		p.fail(domain.Invalid("first", "first must be a positive number of rows", "行数须为正数"))
		return 0
	}
	return int(n)
}

// exportContext authenticates a staff export and counts it against the rate limits; it answers
// the request itself (NOT_FOUND where exports are not configured) and returns false when the
// export may not go ahead.
func (s *Server) exportContext(w http.ResponseWriter, r *http.Request) (context.Context, bool) {
	if s.Exports == nil {
		writeExportError(w, domain.ErrNotFound)
		return nil, false
	}
	ctx, err := s.authenticate(r)
	if err == nil && domain.ActorFrom(ctx).MustChangePassword {
		err = domain.ErrPasswordChangeRequired
	}
	if err != nil {
		writeExportError(w, err)
		return nil, false
	}
	if limited := s.Limiter.Allow(ctx, domain.ActorFrom(ctx), ClientAddr(ctx)); limited != nil {
		w.Header().Set("Retry-After", strconv.Itoa(limited.RetryAfterSeconds()))
		writeExportError(w, limited)
		return nil, false
	}
	return domain.WithRequestAddress(ctx, ClientAddr(ctx)), true
}

// statsColumns are the key columns of a stats export, in order, with the dimension that adds them.
var statsColumns = []struct {
	dim  domain.StatsDimension
	cols []string
}{
	{domain.DimInstitution, []string{"institution_id", "institution_name"}},
	{domain.DimInstitutionKind, []string{"institution_kind"}},
	{domain.DimViolationType, []string{"violation_type"}},
	{domain.DimProvince, []string{"province"}},
	{domain.DimProduct, []string{"product"}},
	{domain.DimChannel, []string{"channel"}},
}

var figureColumns = []string{"complaints", "answered", "timely", "untimely", "monetary_relief", "non_monetary_relief", "explained",
	"accepted", "disputed", "timely_rate", "relief_rate", "dispute_rate", "average_satisfaction", "suppressed"}

func rateCell(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', 4, 64)
}

func figureCells(f domain.Figures, suppressed bool) []string {
	if suppressed {
		out := make([]string, len(figureColumns))
		out[len(out)-1] = "true"
		return out
	}
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	return []string{n(f.Complaints), n(f.Answered), n(f.Timely), n(f.Untimely), n(f.MonetaryRelief), n(f.NonMonetaryRelief), n(f.Explained),
		n(f.Accepted), n(f.Disputed), rateCell(f.TimelyRate()), rateCell(f.ReliefRate()), rateCell(f.DisputeRate()),
		rateCell(f.AverageSatisfaction()), "false"}
}

// exportStats serves GET /export/stats.csv: the rows of the same query as GraphQL stats.
func (s *Server) exportStats(w http.ResponseWriter, r *http.Request) {
	ctx, ok := s.exportContext(w, r)
	if !ok {
		return
	}
	p := newExportParams(r, "from", "to", "institutions", "institutionKinds", "violationTypes", "provinces", "products", "channels", "groupBy")
	q := domain.StatsQuery{Filter: domain.StatsFilter{From: p.date("from"), To: p.date("to"), Violations: p.list("violationTypes"),
		Provinces: p.list("provinces"), Products: p.list("products"), Channels: p.list("channels")}}
	for i, v := range p.list("institutions") {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			p.fail(domain.Invalid("institutions."+strconv.Itoa(i), "no institution has this id", "没有此编号的机构"))
		}
		q.Filter.Institutions = append(q.Filter.Institutions, id)
	}
	for _, v := range p.list("institutionKinds") {
		q.Filter.InstitutionKinds = append(q.Filter.InstitutionKinds, domain.InstitutionKind(v))
	}
	for _, v := range p.list("groupBy") {
		q.GroupBy = append(q.GroupBy, domain.StatsDimension(strings.ToUpper(v)))
	}
	q.Limit = p.first()
	bom := p.bool("bom")
	if p.err != nil {
		writeExportError(w, p.err)
		return
	}
	var header []string
	for _, c := range statsColumns {
		if q.Groups(c.dim) {
			header = append(header, c.cols...)
		}
	}
	grain := q.Grain()
	if grain != "" {
		header = append(header, "period")
	}
	header = append(header, figureColumns...)
	out := s.newCSVStream(w, "redline-stats-"+time.Now().UTC().Format("20060102-150405")+".csv", bom, false, header)
	// Rows wait in a small batch so that their institutions' names are looked up together.
	var batch []domain.StatsRow
	writeBatch := func() error {
		names := map[int64]*domain.Institution{}
		if q.Groups(domain.DimInstitution) {
			var ids []int64
			for _, row := range batch {
				if row.Key.InstitutionID > 0 {
					ids = append(ids, row.Key.InstitutionID)
				}
			}
			if len(ids) > 0 {
				var err error
				if names, err = s.Exports.Stats.Store.InstitutionsByID(ctx, ids); err != nil {
					return err
				}
			}
		}
		for _, row := range batch {
			var rec []string
			k := row.Key
			for _, c := range statsColumns {
				if !q.Groups(c.dim) {
					continue
				}
				switch c.dim {
				case domain.DimInstitution:
					name := ""
					if in := names[k.InstitutionID]; in != nil {
						name = in.Name
					}
					rec = append(rec, strconv.FormatInt(k.InstitutionID, 10), safeCell(name))
				case domain.DimInstitutionKind:
					rec = append(rec, string(k.InstitutionKind))
				case domain.DimViolationType:
					rec = append(rec, k.Violation)
				case domain.DimProvince:
					rec = append(rec, k.Province)
				case domain.DimProduct:
					rec = append(rec, k.Product)
				case domain.DimChannel:
					rec = append(rec, k.Channel)
				}
			}
			if grain != "" {
				rec = append(rec, k.Period.Format("2006-01-02"))
			}
			if err := out.row(append(rec, figureCells(row.Figures, row.Suppressed)...)); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	res, err := s.Exports.StatsRows(ctx, q, func(row domain.StatsRow) error {
		if batch = append(batch, row); len(batch) >= exportFlushRows {
			return writeBatch()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = writeBatch()
	}
	out.finish(res, err)
}

var complaintColumns = []string{"reference", "status", "priority", "team", "assignee_id", "jurisdiction", "relation", "product", "province", "city",
	"lender_id", "lender_name", "agency_id", "agency_name", "amount_owed", "days_overdue",
	"identity_disclosure", "debtor_name", "debtor_mobile", "debtor_id_number", "contract_number",
	"claimed_violations", "confirmed_violations", "consent_to_share_identity", "consent_to_publish", "recipient_ids",
	"created_at", "forwarded_at", "due_at", "responded_at", "closed_at", "untimely", "narrative"}

func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func idCell(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func joinStrings[T ~string](vs []T) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return strings.Join(out, ";")
}

// safeCell keeps a spreadsheet from reading typed text as a formula (CSV injection): a cell gets a
// leading apostrophe when it starts with = + - @ in any width or form that folds to them under
// NFKC (＝ ＋ － ＠, ﹦ ⁺ …) or with the minus sign U+2212, which some spreadsheets and input methods
// take for the ASCII sign; or with any space, control or format character (space, tab, CR, LF,
// U+3000, a zero-width space, a byte-order or direction mark), which programs may trim before they
// look for a formula.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsSpace(r) || unicode.IsControl(r) || charclass.Format(r) ||
		strings.IndexAny(norm.NFKC.String(string(r)), "=+-@−") == 0 {
		return "'" + s
	}
	return s
}

// complaintRecord is one complaint's CSV row; personal data only as far as the complaint's
// disclosure for the caller shows it, exactly as the GraphQL Complaint type does.
func complaintRecord(c *domain.Complaint) []string {
	shown := c.Disclosure == domain.DisclosureFull || c.Disclosure == domain.DisclosureMasked
	disclosure := string(c.Disclosure)
	var name, mobile, idNumber, contract string
	if shown {
		name, mobile, idNumber, contract = c.Debtor.Name, c.Debtor.Mobile, c.Debtor.IDNumber, c.ContractNumber
	} else {
		disclosure = string(domain.DisclosureWithheld)
	}
	days := ""
	if c.DaysOverdue != nil {
		days = strconv.Itoa(*c.DaysOverdue)
	}
	recipients := make([]string, len(c.Recipients))
	for i, id := range c.Recipients {
		recipients[i] = strconv.FormatInt(id, 10)
	}
	jurisdiction := c.Jurisdiction
	if jurisdiction == "" {
		jurisdiction = "CN"
	}
	return []string{c.Reference, string(c.Status), string(c.Priority), c.Team, idCell(c.AssigneeID), jurisdiction, string(c.Relation),
		string(c.Product), c.Province, safeCell(c.City), idCell(c.LenderID), safeCell(c.LenderName), idCell(c.AgencyID), safeCell(c.AgencyName),
		string(c.AmountOwed), days, disclosure, safeCell(name), mobile, idNumber, safeCell(contract),
		joinStrings(c.ClaimedViolations), joinStrings(c.ConfirmedViolations), strconv.FormatBool(c.ConsentToShareIdentity),
		strconv.FormatBool(c.ConsentToPublish), strings.Join(recipients, ";"),
		isoTime(c.CreatedAt), isoTime(c.ForwardedAt), isoTime(c.DueAt), isoTime(c.RespondedAt), isoTime(c.ClosedAt),
		strconv.FormatBool(c.Untimely), safeCell(c.Narrative)}
}

// exportComplaints serves GET /export/complaints.csv: the caller's complaint list, as GraphQL
// complaints filters it.
func (s *Server) exportComplaints(w http.ResponseWriter, r *http.Request) {
	ctx, ok := s.exportContext(w, r)
	if !ok {
		return
	}
	p := newExportParams(r, "status", "team", "assigneeId", "province", "institutionId", "violation", "priority",
		"createdFrom", "createdTo", "text", "overdue", "feedbackLapsed", "mine", "unassigned", "dueWithinDays", "extensionPending", "orderBy")
	f := domain.ComplaintFilter{Team: p.str("team"), AssigneeID: p.int64("assigneeId"), Province: p.str("province"),
		InstitutionID: p.int64("institutionId"), Violation: domain.ViolationType(p.str("violation")), Priority: domain.Priority(p.str("priority")),
		CreatedFrom: p.instant("createdFrom"), CreatedTo: p.instant("createdTo"), Text: p.str("text"), Overdue: p.bool("overdue"),
		FeedbackLapsed: p.bool("feedbackLapsed"), Mine: p.bool("mine"), Unassigned: p.bool("unassigned"),
		DueWithinDays: p.days("dueWithinDays"), ExtensionPending: p.bool("extensionPending"), Order: domain.ComplaintOrder(p.str("orderBy"))}
	for _, v := range p.list("status") {
		f.Statuses = append(f.Statuses, domain.Status(v))
	}
	first := p.first()
	bom := p.bool("bom")
	if p.err != nil {
		writeExportError(w, p.err)
		return
	}
	out := s.newCSVStream(w, "redline-complaints-"+time.Now().UTC().Format("20060102-150405")+".csv", bom, false, complaintColumns)
	res, err := s.Exports.ComplaintRows(ctx, f, first, func(c *domain.Complaint) error {
		return out.row(complaintRecord(c))
	})
	out.finish(res, err)
}

var publicColumns = []string{"reference", "jurisdiction", "received_on", "sent_on", "published_on", "responded_on", "lender", "agency",
	"product", "province", "violation_types", "response", "timely", "narrative"}

func dayCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// PublicRecord is one complaint of the public dataset as a CSV row (also the GraphQL node's fields).
func publicRecord(c domain.PublicComplaint) []string {
	timely := ""
	if c.Timely != nil {
		timely = strconv.FormatBool(*c.Timely)
	}
	return []string{c.Reference, c.Jurisdiction, dayCell(c.ReceivedOn), dayCell(c.SentOn), dayCell(c.PublishedOn), dayCell(c.RespondedOn),
		safeCell(c.Lender), safeCell(c.Agency), string(c.Product), c.Province, joinStrings(c.Violations), string(c.Response), timely,
		safeCell(c.Narrative)}
}

// publicComplaints serves GET /public/complaints.csv: the public dataset, to anyone, rate-limited
// per client address.
func (s *Server) publicComplaints(w http.ResponseWriter, r *http.Request) {
	if s.Public == nil {
		writeExportError(w, domain.ErrNotFound)
		return
	}
	ctx := r.Context()
	if limited := s.Limiter.Allow(ctx, domain.Actor{}, ClientAddr(ctx)); limited != nil {
		w.Header().Set("Retry-After", strconv.Itoa(limited.RetryAfterSeconds()))
		writeExportError(w, limited)
		return
	}
	p := newExportParams(r, "from", "to", "institutionId", "product", "province", "violationType")
	f := domain.PublicFilter{From: p.date("from"), To: p.date("to"), InstitutionID: p.int64("institutionId"),
		Product: domain.Product(p.str("product")), Province: p.str("province"), Violation: domain.ViolationType(p.str("violationType"))}
	bom := p.bool("bom")
	if p.q.Has("first") {
		p.fail(domain.Invalid("first", "the public download has no row limit to set; filter it instead", "公开数据下载不支持first参数"))
	}
	if p.err != nil {
		writeExportError(w, p.err)
		return
	}
	out := s.newCSVStream(w, "redline-public-complaints-"+time.Now().UTC().Format("20060102")+".csv", bom, true, publicColumns)
	res, err := s.Public.Each(ctx, f, func(c domain.PublicComplaint) error { return out.row(publicRecord(c)) })
	out.finish(res, err)
}
