package app_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 20 (attack): trends' previousTotal, the headline "against the previous period", was a
// plain count of the previous period under the query's filters, outside the suppression of small
// cells. An analyst asking for one day's trend of one institution in one province read the day
// before's count of that cell — 1 complaint — which stats withholds from them (suppressed: true).

// TestTrendsPreviousTotalFollowsSuppression: the analyst's previous-period total counts only the
// cells it may read; supervisors read the whole count.
func TestTrendsPreviousTotalFollowsSuppression(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, p := ce.env, ce.p
	ctx := context.Background()
	fileRouted(t, ce, "催收员说不还钱就把我儿子的腿打断。", domain.ViolationThreat)
	if err := env.App.Stats.Store.Rebuild(ctx, mustTime("2026-03-01 00:00"), mustTime("2026-03-31 00:00")); err != nil {
		t.Fatal(err)
	}
	cell := domain.StatsFilter{From: mustTime("2026-03-10 00:00"), To: mustTime("2026-03-10 00:00"),
		Institutions: []int64{p.lenderID}, Provinces: []string{"310000"}}
	// What stats answers the analyst for that cell: withheld.
	res, err := env.App.Stats.Query(p.ctx(domain.RoleAnalyst), domain.StatsQuery{Filter: cell,
		GroupBy: []domain.StatsDimension{domain.DimDay}})
	if err != nil || len(res.Rows) != 1 || !res.Rows[0].Suppressed {
		t.Fatalf("stats for the analyst: %+v %v, want the day's one cell suppressed", res, err)
	}
	next := cell
	next.From, next.To = mustTime("2026-03-11 00:00"), mustTime("2026-03-11 00:00")
	for _, tc := range []struct {
		role domain.Role
		want int64
	}{{domain.RoleAnalyst, 0}, {domain.RoleSupervisor, 1}} {
		for _, lens := range []domain.StatsDimension{"", domain.DimViolationType} {
			tr, err := env.App.Stats.Trends(p.ctx(tc.role), next, domain.DimDay, lens)
			if err != nil {
				t.Fatalf("%s, lens %q: %v", tc.role, lens, err)
			}
			if tr.PreviousTotal != tc.want {
				t.Errorf("%s, lens %q: the day after's trend says %d complaints the day before, want %d (stats withholds the cell from analysts)",
					tc.role, lens, tr.PreviousTotal, tc.want)
			}
		}
	}
	// A period that is not narrow still counts the previous one whole for the analyst.
	wide := domain.StatsFilter{From: mustTime("2026-03-11 00:00"), To: mustTime("2026-04-30 00:00")}
	tr, err := env.App.Stats.Trends(p.ctx(domain.RoleAnalyst), wide, domain.DimMonth, "")
	if err != nil || tr.PreviousTotal != 1 {
		t.Errorf("analyst, months without filters: previous total %+v %v, want 1", tr, err)
	}
}

// Session 20 (attack): the collector messages a complainant pastes (addCollectorMessages) reached
// the recipient institution as pasted. A collector's message names the debtor, the ID number, the
// mobile and the contract; on a complaint filed without consent to share the identity the lender's
// agent read "identityDisclosure: WITHHELD", no debtor, a narrative without them — and all four in
// evidence.message.text.

// TestInstitutionsReadNoWithheldValueInPastedMessages: institutions read the pasted messages
// without what they may not read, however written; the complainant and staff read them as pasted.
func TestInstitutionsReadNoWithheldValueInPastedMessages(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C, R := p.tokens[domain.RoleComplainant], p.tokens[domain.RoleReviewer]
	env.MustDo(t, C, `mutation { setNotificationPreferences(email: true, sms: true, mobile: "13900001111") { sms } }`, nil)
	// The filed values of newComplaint: 王小明, 11010519491231002X, 13812345678, HT-2025-0001.
	const text = "王 小 明你好，你名下合同HT 2025 0001已逾期，身份证110105 19491231 002X，手机138-1234-5678；你家人139 0000 1111也会收到通知，今天不还就上门"
	complainants := []string{"139 0000 1111"}
	filed := map[bool][]string{ // what the institution may not read, by consent to share the debtor's identity
		true:  {"002X", "5678"},
		false: {"王 小 明", "002X", "5678", "HT 2025 0001"},
	}
	const q = `query($id: ID!) { complaint(id: $id) { evidence { kind message { sender text } } } }`
	for _, consent := range []bool{true, false} {
		c := newComplaint(t, env, p, func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, consent
		})
		env.MustDo(t, C, `mutation($id: ID!, $m: [CollectorMessageInput!]!) { addCollectorMessages(complaintId: $id, messages: $m) { id } }`,
			map[string]any{"id": c.ID, "m": []map[string]any{{"sender": "10691234", "sentAt": "2026-03-01T10:00:00Z", "text": text}}})
		for _, tok := range []string{C, R} {
			if raw, _ := json.Marshal(env.MustDo(t, tok, q, map[string]any{"id": c.ID})); !strings.Contains(string(raw), text) {
				t.Errorf("consent %v: the complainant or the reviewer does not read the message as pasted: %s", consent, raw)
			}
		}
		for _, role := range []domain.Role{domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin} {
			raw, _ := json.Marshal(env.MustDo(t, p.tokens[role], q, map[string]any{"id": c.ID}))
			for _, secret := range append(slices.Clone(complainants), filed[consent]...) {
				if strings.Contains(string(raw), secret) {
					t.Errorf("consent %v: %s reads %q in %s", consent, role, secret, raw)
				}
			}
			if !strings.Contains(string(raw), "今天不还就上门") || !strings.Contains(string(raw), "10691234") {
				t.Errorf("consent %v: %s lost the rest of the message or its sender: %s", consent, role, raw)
			}
		}
	}
}

// Session 20 (attack): a complainant's photo reached the recipient institution byte for byte,
// with the metadata the phone wrote into it — EXIF GPS (where it was taken: a photo of a collector
// at the door gives the complainant's home), the device, its owner — on a complaint whose identity
// is withheld from the institution.

// TestInstitutionsGetTheComplainantsImagesWithoutMetadata: an institution downloads the
// complainant's JPEG and PNG without their metadata, still the same picture; the complainant and
// the regulator's staff download the file as stored.
func TestInstitutionsGetTheComplainantsImagesWithoutMetadata(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C := p.tokens[domain.RoleComplainant]
	const secret = "GPS 31.2304N 121.4737E owner Wang Xiaoming"
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := range 16 {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var j, pn bytes.Buffer
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&pn, img); err != nil {
		t.Fatal(err)
	}
	// JPEG: an EXIF APP1 segment and a comment after the start of image; bytes appended after the end.
	exif := append([]byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08"), secret...)
	seg := func(code byte, data []byte) []byte {
		return append([]byte{0xFF, code, byte((len(data) + 2) >> 8), byte(len(data) + 2)}, data...)
	}
	photo := slices.Concat(j.Bytes()[:2], seg(0xE1, exif), seg(0xFE, []byte(secret)), j.Bytes()[2:], []byte(secret))
	// PNG: a tEXt chunk after the header chunk.
	chunk := func(typ string, data []byte) []byte {
		out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		out = append(append(out, typ...), data...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	const ihdrEnd = 8 + 8 + 13 + 4
	screenshot := slices.Concat(pn.Bytes()[:ihdrEnd], chunk("tEXt", append([]byte("Author\x00"), secret...)), pn.Bytes()[ihdrEnd:])
	for _, f := range [][]byte{photo, screenshot} {
		if _, _, err := image.Decode(bytes.NewReader(f)); err != nil {
			t.Fatalf("the test image does not decode: %v", err)
		}
	}

	for _, consent := range []bool{false, true} {
		c := newComplaint(t, env, p, func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, consent
		})
		for _, f := range [][]byte{photo, screenshot} {
			env.MustDo(t, C, `mutation($id: ID!, $t: String!) { addEvidence(complaintId: $id, uploadToken: $t) { id } }`,
				map[string]any{"id": c.ID, "t": uploadFile(t, env, C, f)})
		}
		for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleReviewer, domain.RoleInstitutionAgent} {
			d := env.MustDo(t, p.tokens[role], `query($id: ID!) { complaint(id: $id) { evidence { downloadUrl } } }`, map[string]any{"id": c.ID})
			evs := d["complaint"].(map[string]any)["evidence"].([]any)
			if len(evs) != 2 {
				t.Fatalf("consent %v, %s: %d evidence items, want 2", consent, role, len(evs))
			}
			for i, e := range evs {
				got, sum := download(t, env, e.(map[string]any)["downloadUrl"].(string), p.tokens[role])
				want := [][]byte{photo, screenshot}[i]
				if role != domain.RoleInstitutionAgent {
					if !bytes.Equal(got, want) {
						t.Errorf("consent %v, %s: item %d is not the file as stored", consent, role, i)
					}
					continue
				}
				if bytes.Contains(got, []byte(secret)) || bytes.Contains(got, []byte("Exif")) {
					t.Errorf("consent %v: the institution's copy of item %d holds the metadata", consent, i)
				}
				if _, _, err := image.Decode(bytes.NewReader(got)); err != nil {
					t.Errorf("consent %v: the institution's copy of item %d does not decode: %v", consent, i, err)
				}
				if h := sha256.Sum256(got); hex.EncodeToString(h[:]) != sum {
					t.Errorf("consent %v: X-Evidence-SHA256 of item %d is not the hash of the bytes served", consent, i)
				}
			}
		}
	}
}

// download gets path as token's user: the body and its X-Evidence-SHA256.
func download(t *testing.T, env *apptest.Env, path, token string) ([]byte, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, env.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("download %s: %d %v %s", path, resp.StatusCode, err, b)
	}
	return b, resp.Header.Get("X-Evidence-SHA256")
}
