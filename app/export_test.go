package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/synthetic"
)

// csvAnswer is a CSV download as a client sees it.
type csvAnswer struct {
	status  int
	header  http.Header
	trailer http.Header
	raw     []byte
	rows    [][]string // after the header row; comment lines skipped
	cols    map[string]int
	errBody map[string]any // the JSON error of a refused request
}

func (a csvAnswer) col(row []string, name string) string { return row[a.cols[name]] }

func getCSV(t *testing.T, env *apptest.Env, token, path string, params url.Values) csvAnswer {
	t.Helper()
	u := env.URL + path
	if len(params) > 0 {
		u += "?" + params.Encode()
	}
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	a := csvAnswer{status: resp.StatusCode, header: resp.Header, trailer: resp.Trailer, raw: raw}
	if resp.StatusCode != http.StatusOK {
		if err := json.Unmarshal(raw, &a.errBody); err != nil {
			t.Fatalf("%s answered %d with %q, not JSON", path, resp.StatusCode, raw)
		}
		return a
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF"))))
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s is not CSV: %v\n%s", path, err, raw)
	}
	if len(recs) == 0 {
		t.Fatalf("%s has no header row", path)
	}
	a.cols = map[string]int{}
	for i, c := range recs[0] {
		a.cols[c] = i
	}
	a.rows = recs[1:]
	return a
}

const filedNarrative = "我叫王小明，身份证11010519491231002X，手机13812345678，合同号HT-2025-0001。催收员每天打二十多个电话，还给我父母打电话。"

// TestExportsAndPublicDataset exports statistics and complaint lists as CSV by role and checks
// them against GraphQL, the row cap, the audit log and bad parameters; then checks that the public
// dataset holds exactly the consented complaints whose institution answered or that were forwarded
// 15 days ago, scrubbed of the personal data they were filed with.
func TestExportsAndPublicDataset(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	ctx := context.Background()
	now := time.Now().UTC()
	forwarded := func(consent bool, ago time.Duration, to int64) func(c *domain.Complaint) {
		return func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToPublish, c.Narrative = domain.StatusForwarded, []int64{to}, consent, filedNarrative
			c.ForwardedAt, c.DueAt, c.LenderID = now.Add(-ago), now.Add(-ago).AddDate(0, 0, 15), to
		}
	}
	day := 24 * time.Hour
	stale := newComplaint(t, env, p, forwarded(true, 20*day, p.lenderID)) // 15 days passed without an answer
	answered := newComplaint(t, env, p, func(c *domain.Complaint) {       // answered before 15 days
		forwarded(true, 2*day, p.lenderID)(c)
		c.Status, c.RespondedAt, c.ConsentToShareIdentity = domain.StatusResponded, now.Add(-day), true
	})
	respond(t, env, p, answered.ID, domain.ClosedWithNonMonetaryRelief, now.Add(-day))
	waiting := newComplaint(t, env, p, forwarded(true, 2*day, p.lenderID))           // neither yet
	private := newComplaint(t, env, p, forwarded(false, 20*day, p.lenderID))         // no consent
	newComplaint(t, env, p, func(c *domain.Complaint) { c.ConsentToPublish = true }) // never forwarded
	newComplaint(t, env, p, func(c *domain.Complaint) {                              // withdrawn after forwarding
		forwarded(true, 20*day, p.lenderID)(c)
		c.Status = domain.StatusWithdrawn
	})
	other := newComplaint(t, env, p, forwarded(true, 20*day, p.otherID)) // another institution's
	_ = private
	if err := env.App.Stats.Store.Rebuild(ctx, now.AddDate(0, 0, -2), now.AddDate(0, 0, 2)); err != nil {
		t.Fatal(err)
	}
	tok := p.tokens
	audited := func(t *testing.T, kind string, role domain.Role) map[string]any {
		t.Helper()
		var details string
		err := env.App.DB.SQL.QueryRowContext(ctx, `SELECT details::text FROM audit_log WHERE action = $1 AND actor_id = $2 ORDER BY id DESC LIMIT 1`,
			"export."+kind, p.actors[role].UserID).Scan(&details)
		if err != nil {
			t.Fatalf("no audit record of the %s export by %s: %v", kind, role, err)
		}
		var m map[string]any
		_ = json.Unmarshal([]byte(details), &m)
		return m
	}

	t.Run("StatsCSVEqualsGraphQL", func(t *testing.T) {
		for _, role := range []domain.Role{domain.RoleSupervisor, domain.RoleAnalyst, domain.RoleAdmin} {
			a := getCSV(t, env, tok[role], "/export/stats.csv", url.Values{"groupBy": {"INSTITUTION,VIOLATION_TYPE"}, "bom": {"1"}})
			if a.status != 200 {
				t.Fatalf("%s: %d %v", role, a.status, a.errBody)
			}
			if !bytes.HasPrefix(a.raw, []byte("\uFEFF")) || !strings.Contains(a.header.Get("Content-Disposition"), `filename="redline-stats-`) ||
				!strings.HasPrefix(a.header.Get("Content-Type"), "text/csv") {
				t.Errorf("%s: BOM or headers missing: %v %q", role, a.header, a.raw[:min(20, len(a.raw))])
			}
			d := env.MustDo(t, tok[role], `{ stats(groupBy: [INSTITUTION, VIOLATION_TYPE], first: 500) { rows { institution { id } violationType complaints timely untimely } } }`, nil)
			want := map[string]string{}
			for _, r := range d["stats"].(map[string]any)["rows"].([]any) {
				r := r.(map[string]any)
				id := "-1"
				if in, ok := r["institution"].(map[string]any); ok {
					id = in["id"].(string)
				}
				want[id+"/"+r["violationType"].(string)] = fmt.Sprintf("%v/%v/%v", r["complaints"], r["timely"], r["untimely"])
			}
			got := map[string]string{}
			for _, row := range a.rows {
				got[a.col(row, "institution_id")+"/"+a.col(row, "violation_type")] = a.col(row, "complaints") + "/" + a.col(row, "timely") + "/" + a.col(row, "untimely")
			}
			if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: CSV %v, GraphQL %v", role, got, want)
			}
			if a.trailer.Get("X-Redline-Truncated") != "false" || a.trailer.Get("X-Redline-Rows") != fmt.Sprint(len(a.rows)) {
				t.Errorf("%s: trailers %v", role, a.trailer)
			}
			if m := audited(t, domain.ExportStats, role); m["rows"] != float64(len(a.rows)) || m["truncated"] != false {
				t.Errorf("%s: audit %v", role, m)
			}
		}
	})
	t.Run("StatsCSVSuppressesLikeGraphQL", func(t *testing.T) {
		pol := env.App.Stats.Policy
		pol.SuppressBelow = 1000
		env.App.Stats.Policy = pol
		defer func() { env.App.Stats.Policy = domain.DefaultStatsPolicy }()
		params := url.Values{"groupBy": {"INSTITUTION", "VIOLATION_TYPE", "PROVINCE"}}
		a := getCSV(t, env, tok[domain.RoleAnalyst], "/export/stats.csv", params)
		if a.status != 200 || len(a.rows) == 0 {
			t.Fatalf("%d %v", a.status, a.errBody)
		}
		for _, row := range a.rows {
			if a.col(row, "suppressed") != "true" || a.col(row, "complaints") != "" {
				t.Errorf("a narrow small cell reached an analyst: %v", row)
			}
		}
		s := getCSV(t, env, tok[domain.RoleSupervisor], "/export/stats.csv", params)
		for _, row := range s.rows {
			if s.col(row, "suppressed") != "false" || s.col(row, "complaints") == "" {
				t.Errorf("a supervisor's cell suppressed: %v", row)
			}
		}
	})
	t.Run("StatsCSVCap", func(t *testing.T) {
		a := getCSV(t, env, tok[domain.RoleSupervisor], "/export/stats.csv", url.Values{"groupBy": {"VIOLATION_TYPE"}, "first": {"1"}})
		if a.status != 200 || len(a.rows) != 1 || a.trailer.Get("X-Redline-Truncated") != "true" || !bytes.Contains(a.raw, []byte("\n# truncated:")) {
			t.Fatalf("first=1 over several rows: %d rows, trailers %v\n%s", len(a.rows), a.trailer, a.raw)
		}
		env.App.Exports.MaxRows = 1
		defer func() { env.App.Exports.MaxRows = domain.DefaultExportRows }()
		a = getCSV(t, env, tok[domain.RoleSupervisor], "/export/stats.csv", url.Values{"groupBy": {"VIOLATION_TYPE"}})
		if len(a.rows) != 1 || a.trailer.Get("X-Redline-Truncated") != "true" {
			t.Fatalf("the configured cap: %d rows, trailers %v", len(a.rows), a.trailer)
		}
		if m := audited(t, domain.ExportStats, domain.RoleSupervisor); m["rows"] != float64(1) || m["truncated"] != true {
			t.Errorf("audit %v", m)
		}
	})
	t.Run("StatsCSVRefused", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			token  string
			params url.Values
			status int
			code   string
			field  string
		}{
			{"Anonymous", "", nil, 401, "UNAUTHENTICATED", ""},
			{"Reviewer", tok[domain.RoleReviewer], nil, 403, "FORBIDDEN", ""},
			{"InstitutionAgent", tok[domain.RoleInstitutionAgent], nil, 403, "FORBIDDEN", ""},
			{"UnknownDimension", tok[domain.RoleAnalyst], url.Values{"groupBy": {"COLOUR"}}, 400, "BAD_USER_INPUT", "groupBy.0"},
			{"BadDate", tok[domain.RoleAnalyst], url.Values{"from": {"March"}}, 400, "BAD_USER_INPUT", "from"},
			{"BadProvince", tok[domain.RoleAnalyst], url.Values{"provinces": {"Guangdong"}}, 400, "BAD_USER_INPUT", "provinces.0"},
			{"UnknownParameter", tok[domain.RoleAnalyst], url.Values{"province": {"440000"}}, 400, "BAD_USER_INPUT", "province"},
			{"BadBOM", tok[domain.RoleAnalyst], url.Values{"bom": {"yes"}}, 400, "BAD_USER_INPUT", "bom"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := getCSV(t, env, tc.token, "/export/stats.csv", tc.params)
				if a.status != tc.status || a.errBody["code"] != tc.code || (tc.field != "" && a.errBody["field"] != tc.field) || a.errBody["message"] == "" {
					t.Errorf("%d %v, want %d %s %s", a.status, a.errBody, tc.status, tc.code, tc.field)
				}
			})
		}
	})

	t.Run("ComplaintsCSVByRole", func(t *testing.T) {
		// Staff see the east team's complaints with the debtor masked, as GraphQL shows them.
		a := getCSV(t, env, tok[domain.RoleReviewer], "/export/complaints.csv", nil)
		if a.status != 200 {
			t.Fatalf("%d %v", a.status, a.errBody)
		}
		d := env.MustDo(t, tok[domain.RoleReviewer], `{ complaints(first: 100) { totalCount edges { node { reference } } } }`, nil)
		if total := d["complaints"].(map[string]any)["totalCount"]; float64(len(a.rows)) != total {
			t.Errorf("reviewer: %d rows, GraphQL totalCount %v", len(a.rows), total)
		}
		for _, row := range a.rows {
			if a.col(row, "identity_disclosure") != "MASKED" || a.col(row, "debtor_mobile") != "138****5678" || a.col(row, "debtor_id_number") != "110***********002X" ||
				a.col(row, "contract_number") != "********0001" {
				t.Errorf("reviewer row not masked like GraphQL: %v", row)
			}
		}
		if bytes.Contains(a.raw, []byte("13812345678,")) || bytes.Contains(a.raw, []byte(",11010519491231002X")) {
			t.Error("the reviewer's export holds a debtor's full mobile or ID number in its columns")
		}
		if m := audited(t, domain.ExportComplaints, domain.RoleReviewer); m["rows"] != float64(len(a.rows)) {
			t.Errorf("audit %v", m)
		}

		// The institution gets only what was forwarded to it; the identity only with consent.
		a = getCSV(t, env, tok[domain.RoleInstitutionAgent], "/export/complaints.csv", url.Values{"bom": {"1"}})
		if a.status != 200 {
			t.Fatalf("%d %v", a.status, a.errBody)
		}
		var refs []string
		for _, row := range a.rows {
			refs = append(refs, a.col(row, "reference"))
			if !strings.Contains(a.col(row, "recipient_ids"), fmt.Sprint(p.lenderID)) {
				t.Errorf("agent got a complaint not forwarded to it: %v", row)
			}
			switch a.col(row, "reference") {
			case answered.Reference: // consented to share the identity
				if a.col(row, "debtor_name") != "王小明" || a.col(row, "debtor_id_number") != "**************002X" || a.col(row, "debtor_mobile") != "138****5678" {
					t.Errorf("consented row: %v", row)
				}
			default:
				if a.col(row, "identity_disclosure") != "WITHHELD" || a.col(row, "debtor_name") != "" || a.col(row, "contract_number") != "" {
					t.Errorf("an institution sees an identity without consent: %v", row)
				}
			}
		}
		if slices.Contains(refs, other.Reference) || !slices.Contains(refs, stale.Reference) || len(refs) != 5 {
			t.Errorf("agent's export: %v", refs)
		}

		for _, tc := range []struct {
			role   domain.Role
			status int
		}{{domain.RoleComplainant, 403}, {domain.RoleAnalyst, 403}, {"", 401}} {
			a := getCSV(t, env, tok[tc.role], "/export/complaints.csv", nil)
			if a.status != tc.status || len(a.rows) != 0 {
				t.Errorf("%s: %d %v", tc.role, a.status, a.errBody)
			}
		}
	})
	t.Run("ComplaintsCSVFiltersCapAndErrors", func(t *testing.T) {
		a := getCSV(t, env, tok[domain.RoleSupervisor], "/export/complaints.csv", url.Values{"status": {"FORWARDED"}, "institutionId": {fmt.Sprint(p.otherID)}})
		if len(a.rows) != 1 || a.col(a.rows[0], "reference") != other.Reference {
			t.Errorf("filtered export: %v", a.rows)
		}
		// Pages of the keyset walk: a cap below the list, and one above it.
		env.App.Exports.MaxRows = 3
		defer func() { env.App.Exports.MaxRows = domain.DefaultExportRows }()
		a = getCSV(t, env, tok[domain.RoleSupervisor], "/export/complaints.csv", url.Values{"orderBy": {"OLDEST"}})
		if len(a.rows) != 3 || a.trailer.Get("X-Redline-Truncated") != "true" || !bytes.HasSuffix(a.raw, []byte("; narrow the filter\n")) {
			t.Errorf("capped at 3: %d rows, %v", len(a.rows), a.trailer)
		}
		if m := audited(t, domain.ExportComplaints, domain.RoleSupervisor); m["rows"] != float64(3) || m["truncated"] != true ||
			m["query"].(map[string]any)["orderBy"] != "OLDEST" {
			t.Errorf("audit %v", m)
		}
		var address string
		_ = env.App.DB.SQL.QueryRowContext(ctx, `SELECT address FROM audit_log WHERE action = 'export.complaints' ORDER BY id DESC LIMIT 1`).Scan(&address)
		if address == "" {
			t.Error("the audit record has no address")
		}
		env.App.Exports.MaxRows = 100
		a = getCSV(t, env, tok[domain.RoleSupervisor], "/export/complaints.csv", nil)
		if len(a.rows) != 7 || a.trailer.Get("X-Redline-Truncated") != "false" || bytes.Contains(a.raw, []byte("# truncated")) {
			t.Errorf("uncapped: %d rows, %v", len(a.rows), a.trailer)
		}
		for _, tc := range []struct {
			params url.Values
			field  string
		}{
			{url.Values{"status": {"FORWARDED,LOST"}}, "status.1"},
			{url.Values{"violation": {"RUDE"}}, "violation"},
			{url.Values{"createdFrom": {"yesterday"}}, "createdFrom"},
			{url.Values{"institutionId": {"x"}}, "institutionId"},
			{url.Values{"orderBy": {"RANDOM"}}, "orderBy"},
			{url.Values{"first": {"-1"}}, "first"},
		} {
			a := getCSV(t, env, tok[domain.RoleSupervisor], "/export/complaints.csv", tc.params)
			if a.status != 400 || a.errBody["code"] != "BAD_USER_INPUT" || a.errBody["field"] != tc.field {
				t.Errorf("%v: %d %v, want field %s", tc.params, a.status, a.errBody, tc.field)
			}
		}
	})

	const publicQuery = `query($f: PublicComplaintFilter, $first: Int, $after: String) {
  publicComplaints(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { reference receivedOn sentOn publishedOn respondedOn lender product province violationTypes narrative response timely } } } }`
	publicRefs := func(t *testing.T, f map[string]any) ([]string, []map[string]any) {
		t.Helper()
		var refs []string
		var nodes []map[string]any
		after := any(nil)
		for {
			d := env.MustDo(t, "", publicQuery, map[string]any{"f": f, "first": 2, "after": after})["publicComplaints"].(map[string]any)
			for _, e := range d["edges"].([]any) {
				n := e.(map[string]any)["node"].(map[string]any)
				refs, nodes = append(refs, n["reference"].(string)), append(nodes, n)
			}
			if !d["pageInfo"].(map[string]any)["hasNextPage"].(bool) {
				if int(d["totalCount"].(float64)) != len(refs) {
					t.Errorf("totalCount %v, %d listed", d["totalCount"], len(refs))
				}
				return refs, nodes
			}
			after = d["pageInfo"].(map[string]any)["endCursor"]
		}
	}
	t.Run("PublicDatasetHoldsExactlyTheEligible", func(t *testing.T) {
		refs, nodes := publicRefs(t, nil)
		// Most recently published first: answered yesterday, then those forwarded 20 days ago.
		want := []string{answered.Reference}
		rest := []string{stale.Reference, other.Reference}
		slices.Sort(rest)
		got := append([]string{}, refs...)
		if len(got) == 3 {
			slices.Sort(got[1:])
		}
		if fmt.Sprint(got) != fmt.Sprint(append(want, rest...)) {
			t.Fatalf("published %v, want %v then %v", refs, want, rest)
		}
		for _, n := range nodes {
			raw, _ := json.Marshal(n)
			for _, pd := range []string{"王小明", "11010519491231002X", "13812345678", "HT-2025-0001"} {
				if strings.Contains(string(raw), pd) {
					t.Errorf("published complaint holds %q: %s", pd, raw)
				}
			}
			if !strings.Contains(n["narrative"].(string), "XXXX") || !strings.Contains(n["narrative"].(string), "催收员每天打二十多个电话") {
				t.Errorf("narrative not scrubbed, or scrubbed away: %v", n["narrative"])
			}
			if n["reference"] == answered.Reference {
				if n["response"] != "CLOSED_WITH_NON_MONETARY_RELIEF" || n["timely"] != true || n["respondedOn"] == nil || n["lender"] == nil {
					t.Errorf("answered: %v", n)
				}
			}
			if n["reference"] == stale.Reference && (n["response"] != nil || n["timely"] != false || n["respondedOn"] != nil) {
				t.Errorf("unanswered after its due date: %v", n)
			}
			if n["receivedOn"] != domain.StatsDate(now).Format("2006-01-02") {
				t.Errorf("receivedOn %v", n["receivedOn"])
			}
		}
		// Filters.
		if r, _ := publicRefs(t, map[string]any{"institutionId": fmt.Sprint(p.otherID)}); fmt.Sprint(r) != fmt.Sprint([]string{other.Reference}) {
			t.Errorf("by institution: %v", r)
		}
		if r, _ := publicRefs(t, map[string]any{"province": "440000"}); len(r) != 0 {
			t.Errorf("by another province: %v", r)
		}
		if r := env.Do(t, "", publicQuery, map[string]any{"f": map[string]any{"from": "2026-13-01"}}); r.Code() != "BAD_USER_INPUT" || r.Field() != "filter.from" {
			t.Errorf("bad date: %+v", r.Errors)
		}
		if r := env.Do(t, "", publicQuery, map[string]any{"first": 101}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("first 101: %+v", r.Errors)
		}

		// The answer publishes a waiting complaint at once.
		drive(t, env, waiting.ID, func(c *domain.Complaint) { c.Status, c.RespondedAt = domain.StatusResponded, time.Now().UTC() })
		if refs, _ := publicRefs(t, nil); len(refs) != 4 || refs[0] != waiting.Reference {
			t.Errorf("after the answer: %v", refs)
		}
	})
	t.Run("PublicCSV", func(t *testing.T) {
		a := getCSV(t, env, "", "/public/complaints.csv", url.Values{"bom": {"1"}})
		if a.status != 200 || !bytes.HasPrefix(a.raw, []byte("\uFEFF")) {
			t.Fatalf("%d %v", a.status, a.errBody)
		}
		refs, _ := publicRefs(t, nil)
		var got []string
		for _, row := range a.rows {
			got = append(got, a.col(row, "reference"))
		}
		if fmt.Sprint(got) != fmt.Sprint(refs) {
			t.Errorf("CSV %v, GraphQL %v", got, refs)
		}
		for _, pd := range []string{"王小明", "11010519491231002X", "13812345678", "HT-2025-0001"} {
			if bytes.Contains(a.raw, []byte(pd)) {
				t.Errorf("the public CSV holds %q", pd)
			}
		}
		if _, ok := a.cols["debtor_name"]; ok || len(a.cols) != 14 {
			t.Errorf("public columns: %v", a.cols)
		}
		env.App.Public.MaxRows = 2
		defer func() { env.App.Public.MaxRows = domain.DefaultExportRows }()
		a = getCSV(t, env, "", "/public/complaints.csv", nil)
		if len(a.rows) != 2 || a.trailer.Get("X-Redline-Truncated") != "true" {
			t.Errorf("capped public CSV: %d rows %v", len(a.rows), a.trailer)
		}
		if a := getCSV(t, env, "", "/public/complaints.csv", url.Values{"product": {"YACHT"}}); a.status != 400 || a.errBody["field"] != "product" {
			t.Errorf("bad product: %d %v", a.status, a.errBody)
		}
	})
}

// respond stores an institution's answer to a complaint, as a fixture.
func respond(t *testing.T, env *apptest.Env, p *people, complaintID string, category domain.ResponseCategory, at time.Time) {
	t.Helper()
	_, err := env.App.DB.SQL.ExecContext(context.Background(), `INSERT INTO complaint_responses (id, complaint_id, institution_id, author_id, category, explanation, collection_stopped, at)
		VALUES ($1, $2, $3, $4, $5, '已停止催收并致歉。', true, $6)`, uuid.NewString(), complaintID, p.lenderID, p.actors[domain.RoleInstitutionAgent].UserID, string(category), at)
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportsStreamLargeLists exports lists longer than a flush batch and a keyset page (synthetic
// complaints loaded by COPY) and checks that they arrive whole: every row of GraphQL's count, no
// error line, flushed in batches on the way.
func TestExportsStreamLargeLists(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	ctx := context.Background()
	if _, err := env.App.DB.LoadSynthetic(ctx, postgres.SyntheticLoad{Options: synthetic.Options{Complaints: 3000, Institutions: 20, Years: 1, Seed: 7}}); err != nil {
		t.Fatal(err)
	}
	total := func(token, query string) int {
		d := env.MustDo(t, token, query, nil)
		for _, v := range d {
			return int(v.(map[string]any)["totalCount"].(float64))
		}
		return -1
	}
	for _, tc := range []struct {
		name, token, path, query string
	}{
		{"Complaints", p.tokens[domain.RoleAdmin], "/export/complaints.csv", `{ complaints(first: 1) { totalCount } }`},
		{"Public", "", "/public/complaints.csv", `{ publicComplaints(first: 1) { totalCount } }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := total(tc.token, tc.query)
			a := getCSV(t, env, tc.token, tc.path, nil)
			if a.status != 200 || len(a.rows) != want || want <= exportBatchRows || bytes.Contains(a.raw, []byte("\n# ")) ||
				a.trailer.Get("X-Redline-Rows") != fmt.Sprint(want) {
				t.Fatalf("%d rows of %d, status %d, trailers %v, tail %q", len(a.rows), want, a.status, a.trailer, a.raw[max(0, len(a.raw)-200):])
			}
			seen := map[string]bool{}
			for _, row := range a.rows {
				if seen[row[0]] {
					t.Fatalf("%s twice", row[0])
				}
				seen[row[0]] = true
			}
		})
	}
}

// exportBatchRows is the flush batch of api/export.go: the lists above must be longer.
const exportBatchRows = 600

// TestPublicDatasetDropsTheComplainantsOwnName (fourth attack pass): the public dataset removed
// the filed debtor values and what pii.Scrub recognises, but a complainant who is not the debtor
// and wrote their own name where nothing marks it as one ("李秀英的儿子…") was published by name.
// The complainant's account name, e-mail and SMS mobile are removed from published narratives, in
// the GraphQL list and the CSV download.
func TestPublicDatasetDropsTheComplainantsOwnName(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	mother, err := env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: "mother@redline.demo", Password: app.DemoPassword,
		DisplayName: "李秀英", Role: domain.RoleComplainant})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	byMother := *p // newComplaint files as the people's complainant
	byMother.actors = maps.Clone(p.actors)
	byMother.actors[domain.RoleComplainant] = mother.Actor()
	newComplaint(t, env, &byMother, func(c *domain.Complaint) {
		c.Relation = domain.RelationParent
		c.Status, c.Recipients, c.ConsentToPublish = domain.StatusForwarded, []int64{p.lenderID}, true
		c.Narrative = "李秀英的儿子欠了网贷，催收员天天打电话到李秀英的单位，说不还钱就上门。"
		c.ForwardedAt, c.DueAt = now.AddDate(0, 0, -20), now.AddDate(0, 0, -5)
	})
	list := env.MustDo(t, "", `{ publicComplaints(first: 10) { edges { node { narrative } } } }`, nil)
	raw, _ := json.Marshal(list)
	if strings.Contains(string(raw), "李秀英") || !strings.Contains(string(raw), "催收员天天打电话") {
		t.Errorf("the public list reads %s", raw)
	}
	a := getCSV(t, env, "", "/public/complaints.csv", nil)
	if a.status != 200 || bytes.Contains(a.raw, []byte("李秀英")) || !bytes.Contains(a.raw, []byte("催收员天天打电话")) {
		t.Errorf("the public CSV (%d) reads %s", a.status, a.raw)
	}
}
