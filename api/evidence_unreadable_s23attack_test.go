package api_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// Attack round 18 (session 23): a file whose first bytes name an accepted type but which does not
// parse as it (a PDF cut short, an HTML page behind "%PDF-", a JPEG whose segment runs past its
// end, an Ogg recording whose page fails its checksum) was accepted on upload and then refused to
// the recipient institution on every download, and the complainant was never told. It is refused
// at upload: 400 BAD_USER_INPUT on "file", reason UNREADABLE_FILE, a message naming the type it
// claimed and no parser detail; a well-formed file of each kind is still accepted.
func TestUploadRefusesAFileThatIsNotTheTypeItClaims(t *testing.T) {
	logs := captureLogs(t)
	env := apptest.Start(t, apptest.Options{})
	owner := env.Register(t, "unreadable@example.cn")
	opus, err := os.ReadFile(filepath.Join("..", "testdata", "evidence-metadata", "memo.opus"))
	if err != nil {
		t.Fatal(err)
	}
	badOpus := bytes.Clone(opus)
	badOpus[len(badOpus)-20] ^= 0xFF
	png := pngBytes(t)
	for name, c := range map[string]struct {
		file []byte
		kind string
	}{
		"pdf cut short":   {[]byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"), "PDF"},
		"html behind pdf": {[]byte("%PDF-1.7\n<html><body>(unclosed <script>alert(1)</script>"), "PDF"},
		"png cut short":   {png[:len(png)-30], "PNG"},
		"jpeg overrun":    {[]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x40, 0x00, 'E', 'x', 'i', 'f'}, "JPEG"},
		"ogg checksum":    {badOpus, "Ogg"},
	} {
		up := upload(t, env, owner, "evidence.bin", "application/octet-stream", c.file)
		if up.Status != http.StatusBadRequest || up.code() != "BAD_USER_INPUT" || up.field() != "file" || up.Body.UploadToken != "" {
			t.Errorf("%s: %d %q %q, want 400 BAD_USER_INPUT on file", name, up.Status, up.code(), up.field())
			continue
		}
		msg := up.Body.Errors[0].Message
		if up.Body.Errors[0].Extensions["reason"] != "UNREADABLE_FILE" || !strings.Contains(msg, c.kind) {
			t.Errorf("%s: reason %v, message %q; want UNREADABLE_FILE naming %s", name, up.Body.Errors[0].Extensions["reason"], msg, c.kind)
		}
		for _, leak := range []string{"offset", "byte", "box", "object", "errNoImage", "well-formed"} {
			if strings.Contains(msg, leak) {
				t.Errorf("%s: the message tells how the check works (%q): %q", name, leak, msg)
			}
		}
	}
	for name, f := range map[string][]byte{"pdf": pdfBytes(), "png": png, "mp3": mp3Bytes(), "opus": opus} {
		if up := upload(t, env, owner, "ok", "application/octet-stream", f); up.Status != http.StatusCreated {
			t.Errorf("%s: %d %q, want 201", name, up.Status, up.code())
		}
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("an unreadable upload was logged as an error:\n%s", logs.String())
	}
}
