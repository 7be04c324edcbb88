package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestCrossTenantProbes tries every path an attacker inside the platform would try to reach another
// tenant's complaints: direct ids and references, filters, nested fields, guessed identifiers and
// reused evidence links. Statistics have their own probe (TestStatisticsDoNotSingleOutAPerson).
func TestCrossTenantProbes(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	otherUser := secondTenant(t, env)
	otherTok := env.Login(t, "second-tenant@matrix.test", "correct-horse-42")
	own := tenantComplaint(t, env, p.actors[domain.RoleComplainant].UserID, "east", p.lenderID)
	other := tenantComplaint(t, env, otherUser, "xizang", p.otherID)

	// Callers that must not see the other tenant's complaint, with their token.
	probers := map[string]string{
		"complainant":       p.tokens[domain.RoleComplainant],
		"reviewer":          p.tokens[domain.RoleReviewer],
		"supervisor":        p.tokens[domain.RoleSupervisor],
		"institution_agent": p.tokens[domain.RoleInstitutionAgent],
		"institution_admin": p.tokens[domain.RoleInstitutionAdmin],
	}
	const byID = `query($id:ID!){ complaint(id:$id){ id narrative history { action } evidence { id } } }`

	t.Run("IDAndReferenceAreNotFoundLikeNonexistentOnes", func(t *testing.T) {
		for who, tok := range probers {
			missing := env.Do(t, tok, byID, map[string]any{"id": "00000000-0000-4000-8000-000000000000"})
			for _, id := range []string{other.ID, other.Reference, strings.ToLower(other.Reference)} {
				r := env.Do(t, tok, byID, map[string]any{"id": id})
				if r.Code() != "NOT_FOUND" {
					t.Errorf("%s: complaint(%s) of another tenant: %q, want NOT_FOUND", who, id, r.Code())
				}
				if len(r.Errors) != len(missing.Errors) || r.Errors[0].Message != missing.Errors[0].Message || fmt.Sprint(r.Data) != fmt.Sprint(missing.Data) {
					t.Errorf("%s: another tenant's complaint answers differently from a missing one: %+v vs %+v", who, r.Errors, missing.Errors)
				}
			}
			// Their own tenant's complaint they do see, so the probe is not refused for other reasons.
			if r := env.Do(t, tok, byID, map[string]any{"id": own.Reference}); r.Code() != "" {
				t.Errorf("%s: own tenant's complaint: %q", who, r.Code())
			}
		}
	})

	t.Run("FilterOnAnotherInstitutionIsEmpty", func(t *testing.T) {
		q := `query($i:ID,$t:String){ complaints(first:100, filter:{institutionId:$i, team:$t}){ totalCount edges { node { id } } } }`
		for who, tok := range probers {
			for _, vars := range []map[string]any{{"i": strconv.FormatInt(p.otherID, 10)}, {"t": "xizang"}} {
				if _, team := vars["t"]; team && (strings.HasPrefix(who, "institution") || who == "complainant") {
					// Institutions and complainants may not filter by the regulator's teams at all (TestInstitutionsCannotFilterByInternalHandling).
					if r := env.Do(t, tok, q, vars); r.Code() != "BAD_USER_INPUT" || r.Field() != "filter.team" {
						t.Errorf("%s: complaints(filter:%v): %q on %q, want BAD_USER_INPUT on filter.team", who, vars, r.Code(), r.Field())
					}
					continue
				}
				d := env.MustDo(t, tok, q, vars)
				c := d["complaints"].(map[string]any)
				if c["totalCount"] != float64(0) || len(c["edges"].([]any)) != 0 {
					t.Errorf("%s: complaints(filter:%v) = %v, want empty with totalCount 0", who, vars, c)
				}
			}
			// Nor does text search over all their complaints find it.
			d := env.MustDo(t, tok, `{ complaints(first:100){ edges { node { id } } } }`, nil)
			for _, e := range d["complaints"].(map[string]any)["edges"].([]any) {
				if e.(map[string]any)["node"].(map[string]any)["id"] == other.ID {
					t.Errorf("%s: the unfiltered list holds another tenant's complaint", who)
				}
			}
		}
	})

	t.Run("GuessingSequentialReferences", func(t *testing.T) {
		// References are sequential; the neighbours of one's own are other people's complaints.
		n, err := strconv.Atoi(own.Reference[strings.LastIndex(own.Reference, "-")+1:])
		if err != nil {
			t.Fatalf("reference %s", own.Reference)
		}
		prefix := own.Reference[:strings.LastIndex(own.Reference, "-")+1]
		width := len(own.Reference) - len(prefix)
		seen := 0
		for d := -20; d <= 20; d++ {
			ref := fmt.Sprintf("%s%0*d", prefix, width, n+d)
			r := env.Do(t, otherTok, byID, map[string]any{"id": ref})
			switch {
			case ref == other.Reference:
				if r.Code() != "" {
					t.Errorf("the second complainant cannot see their own %s: %q", ref, r.Code())
				}
				seen++
			case r.Code() != "NOT_FOUND":
				t.Errorf("guessing %s: %q, want NOT_FOUND", ref, r.Code())
			}
		}
		if seen != 1 {
			t.Fatalf("the guessed range did not include the complainant's own reference %s", other.Reference)
		}
	})

	t.Run("NestedFields", func(t *testing.T) {
		// A likely duplicate in another team's queue is not shown to the reviewer of this one.
		drive(t, env, own.ID, func(c *domain.Complaint) { c.LikelyDuplicates = []string{other.ID} })
		d := env.MustDo(t, p.tokens[domain.RoleReviewer], `query($id:ID!){ complaint(id:$id){ likelyDuplicates { id } } }`, map[string]any{"id": own.ID})
		if dups := d["complaint"].(map[string]any)["likelyDuplicates"].([]any); len(dups) != 0 {
			t.Errorf("likelyDuplicates leaks another team's complaint: %v", dups)
		}
		// An institution's own fields reach no complaints; notifications are the caller's own.
		if r := env.Do(t, p.tokens[domain.RoleInstitutionAgent], `query($i:ID!){ institution(id:$i){ complaints { id } } }`,
			map[string]any{"i": strconv.FormatInt(p.otherID, 10)}); r.Code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("institution { complaints }: %q, want a validation error (no such field)", r.Code())
		}
		// History, evidence and notes hang off a complaint the caller may see, and nowhere else.
		for who, tok := range probers {
			r := env.Do(t, tok, `query($id:ID!){ complaint(id:$id){ history { action } notes { text } evidence { id } responses { id } } }`, map[string]any{"id": other.ID})
			if r.Code() != "NOT_FOUND" || r.Data["complaint"] != nil {
				t.Errorf("%s: nested fields of another tenant's complaint: %q %v", who, r.Code(), r.Data)
			}
		}
		// The second complainant's notifications hold nothing about the demo complainant's case.
		n := env.MustDo(t, otherTok, `{ notifications(first:100){ edges { node { complaintId } } } }`, nil)
		for _, e := range n["notifications"].(map[string]any)["edges"].([]any) {
			if e.(map[string]any)["node"].(map[string]any)["complaintId"] == own.ID {
				t.Errorf("another complainant is notified about the demo complaint")
			}
		}
	})

	t.Run("EvidenceLinks", func(t *testing.T) {
		owner := p.tokens[domain.RoleComplainant]
		c := newComplaint(t, env, p, nil)
		token := uploadPNG(t, env, owner)
		env.MustDo(t, owner, `mutation($c:ID!,$u:String!){ addEvidence(complaintId:$c, uploadToken:$u){ id } }`, map[string]any{"c": c.ID, "u": token})
		d := env.MustDo(t, owner, `query($id:ID!){ complaint(id:$id){ evidence { id downloadUrl } } }`, map[string]any{"id": c.ID})
		ev := d["complaint"].(map[string]any)["evidence"].([]any)[0].(map[string]any)
		link, evID := ev["downloadUrl"].(string), ev["id"].(string)

		if s := getStatus(t, env, link, owner); s != http.StatusOK {
			t.Fatalf("owner's own link: %d", s)
		}
		// The same link in another user's hands, even one who may see the complaint.
		for who, tok := range map[string]string{"other complainant": otherTok, "reviewer": p.tokens[domain.RoleReviewer], "anonymous": ""} {
			want := http.StatusForbidden
			if tok == "" {
				want = http.StatusUnauthorized
			}
			if s := getStatus(t, env, link, tok); s != want {
				t.Errorf("%s reusing the owner's link: %d, want %d", who, s, want)
			}
		}
		// A link the other complainant signs for themselves still needs the complaint's scope.
		links := domain.NewEvidenceLinks([]byte(app.DevSecret), domain.EvidenceLinkTTL, time.Now)
		forged, _ := links.Sign(evID, otherUser)
		if s := getStatus(t, env, forged, otherTok); s != http.StatusNotFound {
			t.Errorf("a link valid for the other complainant on evidence outside their scope: %d, want 404", s)
		}
		// An expired link, issued to the owner ten minutes ago.
		past := domain.NewEvidenceLinks([]byte(app.DevSecret), domain.EvidenceLinkTTL, func() time.Time { return time.Now().Add(-10 * time.Minute) })
		old, _ := past.Sign(evID, p.actors[domain.RoleComplainant].UserID)
		if s := getStatus(t, env, old, owner); s != http.StatusGone {
			t.Errorf("expired link: %d, want 410", s)
		}
		// A tampered expiry breaks the signature.
		if s := getStatus(t, env, strings.Replace(old, "exp=", "exp=9", 1), owner); s != http.StatusForbidden {
			t.Errorf("link with a changed expiry: %d, want 403", s)
		}
	})
}

func getStatus(t *testing.T, env *apptest.Env, path, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, env.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// uploadPNG uploads a small PNG as token's user and returns the upload token.
func uploadPNG(t *testing.T, env *apptest.Env, token string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var file bytes.Buffer
	if err := png.Encode(&file, img); err != nil {
		t.Fatal(err)
	}
	return uploadFile(t, env, token, file.Bytes())
}

// uploadFile uploads f as token's user and returns the upload token.
func uploadFile(t *testing.T, env *apptest.Env, token string, f []byte) string {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "photo")
	w.Write(f)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/evidence", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		UploadToken string `json:"uploadToken"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.UploadToken == "" {
		t.Fatalf("upload: status %d: %v", resp.StatusCode, err)
	}
	return out.UploadToken
}

// TestStatisticsDoNotSingleOutAPerson files one complaint in a province nobody else complains
// about, and checks that the statistics that would point at that one person (a cell of one, narrow
// enough to recognise them) are withheld from analysts, and closed to complainants and institutions.
func TestStatisticsDoNotSingleOutAPerson(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	analyst := env.Login(t, "analyst@redline.demo", app.DemoPassword)
	borrower := env.Register(t, "lonely@matrix.test")
	in := fileInput()
	in["province"] = "540000" // 西藏: one complaint only
	env.MustDo(t, borrower, fileQuery, map[string]any{"i": in, "k": "lonely"})

	const q = `query($f: StatsFilter, $g: [StatsDimension!]) { stats(filter: $f, groupBy: $g) {
		suppressedCells rows { province violationType complaints suppressed } } }`
	today := domain.StatsDate(time.Now()).Format("2006-01-02")
	narrow := map[string]any{"g": []any{"PROVINCE", "VIOLATION_TYPE", "INSTITUTION", "DAY"},
		"f": map[string]any{"from": today, "to": today, "provinces": []any{"540000"}}}
	apptest.Eventually(t, 30*time.Second, "the complaint to reach the statistics", func() bool {
		rows := env.MustDo(t, analyst, q, map[string]any{"g": []any{"PROVINCE"}})["stats"].(map[string]any)["rows"].([]any)
		for _, r := range rows {
			if r := r.(map[string]any); r["province"] == "540000" {
				return true
			}
		}
		return false
	})
	d := env.MustDo(t, analyst, q, narrow)["stats"].(map[string]any)
	rows := d["rows"].([]any)
	if len(rows) == 0 {
		t.Fatal("the narrow query found no cell at all")
	}
	for _, r := range rows {
		r := r.(map[string]any)
		if r["suppressed"] != true || r["complaints"] != nil {
			t.Errorf("a cell of one complaint, pinned on province, violation, institution and day, shown to an analyst: %v", r)
		}
	}
	for who, tok := range map[string]string{"complainant": borrower, "institution_agent": env.Login(t, "agent@redline.demo", app.DemoPassword), "anonymous": ""} {
		want := "FORBIDDEN"
		if tok == "" {
			want = "UNAUTHENTICATED"
		}
		if r := env.Do(t, tok, q, narrow); r.Code() != want {
			t.Errorf("%s reading statistics: %q, want %s", who, r.Code(), want)
		}
	}
}
