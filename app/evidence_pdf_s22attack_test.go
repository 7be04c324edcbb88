package app_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Attack round 17 (session 22): a complainant's PDF reached the recipient institution with its
// writer's name in the document information and the XMP packet; and the evidence's size and
// sha256 told an institution the stored file's, not the blanked copy's it downloads — a hash to
// test guesses of the blanked metadata against, a size that says how much was cut.

const letterAuthor = "王小明 Wang Xiaoming"

// letterPDF is a word processor's one-page letter: an information dictionary and an XMP packet
// naming its writer, with a classic cross-reference table.
func letterPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Author (" + letterAuthor + ") /Creator (Microsoft Word) /Title (LETTER-KEPT) >>",
	}
	xmp := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description dc:creator="` + letterAuthor + `"/></x:xmpmeta>`
	var at []int
	for i, o := range objs {
		at = append(at, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	at = append(at, b.Len())
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(xmp), xmp)
	x := b.Len()
	b.WriteString("xref\n0 5\n0000000000 65535 f\r\n")
	for _, o := range at {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 5 /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// TestInstitutionsGetTheComplainantsPDFsWithoutMetadata: the lender's agent downloads the
// complainant's PDF without its writer; the complainant and the reviewer get it as stored. Each
// reads in size and sha256 those of the file they download: the agent never the stored file's
// hash, for the PDF nor for a HEIC photo whose EXIF is blanked.
func TestInstitutionsGetTheComplainantsPDFsWithoutMetadata(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C := p.tokens[domain.RoleComplainant]
	photo, err := os.ReadFile(filepath.Join("..", "testdata", "evidence-metadata", "photo.heic"))
	if err != nil {
		t.Fatal(err)
	}
	files := [][]byte{letterPDF(), photo}
	c := newComplaint(t, env, p, func(c *domain.Complaint) {
		c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, true
	})
	for _, f := range files {
		env.MustDo(t, C, `mutation($id: ID!, $t: String!) { addEvidence(complaintId: $id, uploadToken: $t) { id } }`,
			map[string]any{"id": c.ID, "t": uploadFile(t, env, C, f)})
	}
	for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleReviewer, domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin} {
		d := env.MustDo(t, p.tokens[role], `query($id: ID!) { complaint(id: $id) { evidence { downloadUrl contentType size sha256 } } }`, map[string]any{"id": c.ID})
		evs := d["complaint"].(map[string]any)["evidence"].([]any)
		if len(evs) != len(files) {
			t.Fatalf("%s: %d evidence items, want %d", role, len(evs), len(files))
		}
		for i, e := range evs {
			e := e.(map[string]any)
			got, header := download(t, env, e["downloadUrl"].(string), p.tokens[role])
			sum := sha256.Sum256(got)
			if e["sha256"] != hex.EncodeToString(sum[:]) || header != e["sha256"] || int(e["size"].(float64)) != len(got) {
				t.Errorf("%s: the %s is described as %v bytes, sha256 %v; the download is %d bytes, %x (header %s)",
					role, e["contentType"], e["size"], e["sha256"], len(got), sum, header)
			}
			stored := sha256.Sum256(files[i])
			if !role.IsInstitution() {
				if !bytes.Equal(got, files[i]) {
					t.Errorf("%s: the %s is not the file as stored", role, e["contentType"])
				}
				continue
			}
			if e["sha256"] == hex.EncodeToString(stored[:]) {
				t.Errorf("%s: reads the stored %s's hash", role, e["contentType"])
			}
			if bytes.Contains(got, []byte(letterAuthor)) || bytes.Contains(got, []byte("Microsoft")) || bytes.Contains(got, []byte(mediaSecretApp)) {
				t.Errorf("%s: the institution's copy of the %s names its writer or place", role, e["contentType"])
			}
			if e["contentType"] == "application/pdf" && (bytes.Contains(got, []byte("LETTER-KEPT")) || !bytes.Contains(got, []byte("/Type /Catalog"))) {
				t.Errorf("%s: the institution's copy of the PDF lost the document", role)
			}
		}
	}
}

const mediaSecretApp = "漕溪北路88号"
