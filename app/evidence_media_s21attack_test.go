package app_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Attack round 16 (session 21): the complainant's recordings, videos and HEIC and WebP photos
// reached the recipient institution byte for byte — an iPhone voice memo titled with the street it
// was recorded in, a video's GPS position, a photo's EXIF — on a complaint whose identity is
// withheld from it. Round 15 had stripped JPEG and PNG only. The files are made by
// testdata/evidence-metadata/make.py.

// TestInstitutionsGetTheComplainantsMediaWithoutMetadata: the lender's agent downloads an M4A, a
// MOV, a HEIC, a WebP, a WAV and an MP3 without their metadata (all but the MP3 the same size),
// with X-Evidence-SHA256 the hash of what it got; the complainant and the reviewer download the
// files as stored.
func TestInstitutionsGetTheComplainantsMediaWithoutMetadata(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C := p.tokens[domain.RoleComplainant]
	const secret = "漕溪北路88号 +31.1880+121.4370/ iPhone of Wang"
	var files [][]byte
	for _, name := range []string{"memo.m4a", "video.mov", "photo.heic", "photo.webp", "memo.wav", "call.mp3"} {
		f, err := os.ReadFile(filepath.Join("..", "testdata", "evidence-metadata", name))
		if err != nil || !bytes.Contains(f, []byte(secret)) {
			t.Fatalf("%s: %v, or no metadata in it", name, err)
		}
		files = append(files, f)
	}
	c := newComplaint(t, env, p, func(c *domain.Complaint) {
		c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, false
	})
	for _, f := range files {
		env.MustDo(t, C, `mutation($id: ID!, $t: String!) { addEvidence(complaintId: $id, uploadToken: $t) { id } }`,
			map[string]any{"id": c.ID, "t": uploadFile(t, env, C, f)})
	}
	for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleReviewer, domain.RoleInstitutionAgent} {
		d := env.MustDo(t, p.tokens[role], `query($id: ID!) { complaint(id: $id) { evidence { downloadUrl contentType } } }`, map[string]any{"id": c.ID})
		evs := d["complaint"].(map[string]any)["evidence"].([]any)
		if len(evs) != len(files) {
			t.Fatalf("%s: %d evidence items, want %d", role, len(evs), len(files))
		}
		for i, e := range evs {
			ct := e.(map[string]any)["contentType"]
			got, sum := download(t, env, e.(map[string]any)["downloadUrl"].(string), p.tokens[role])
			if role != domain.RoleInstitutionAgent {
				if !bytes.Equal(got, files[i]) {
					t.Errorf("%s: the %s is not the file as stored", role, ct)
				}
				continue
			}
			if bytes.Contains(got, []byte(secret)) || bytes.Contains(got, []byte("+31.1880")) {
				t.Errorf("the institution's copy of the %s holds the metadata", ct)
			}
			if (len(got) != len(files[i]) && ct != "audio/mpeg") || !bytes.Contains(got, []byte("RECORDING-OR-PICTURE-DATA")) {
				t.Errorf("the institution's copy of the %s is %d bytes without the recording, want %d", ct, len(got), len(files[i]))
			}
			if h := sha256.Sum256(got); hex.EncodeToString(h[:]) != sum {
				t.Errorf("X-Evidence-SHA256 of the %s is not the hash of the bytes served", ct)
			}
		}
	}
}
