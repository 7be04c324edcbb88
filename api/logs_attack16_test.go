package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestCutDownloadsLogNoClientAddress: a download the client broke off was logged with the write
// error, which names the client's address and port ("write tcp 10.0.0.1:8080->203.0.113.7:51234:
// broken pipe"; found by hand, session 16 attack2), where the access log deliberately holds no
// client address: the line gives the evidence id and what happened, not the address.
func TestCutDownloadsLogNoClientAddress(t *testing.T) {
	logs := captureLogs(t)
	env := apptest.Start(t, apptest.Options{})
	owner := env.Register(t, "cut@example.cn")
	id := fileComplaint(t, env, owner)
	up := upload(t, env, owner, "big.pdf", "application/pdf", pdfOf(12<<20))
	if up.Status != http.StatusCreated {
		t.Fatalf("upload: %d %+v", up.Status, up.Body.Errors)
	}
	env.MustDo(t, owner, addEvidence, map[string]any{"c": id, "t": up.Body.UploadToken, "d": "合同"})
	link := evidenceOf(t, env, owner, id)[0]["downloadUrl"].(string)
	status, c := heldDownload(t, strings.TrimPrefix(env.URL, "http://"), owner, link)
	if status != http.StatusOK {
		t.Fatalf("download: %d", status)
	}
	client := c.LocalAddr().String()
	c.Close()
	apptest.Eventually(t, 10*time.Second, "the cut download to be logged", func() bool {
		return strings.Contains(logs.String(), "evidence download interrupted")
	})
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, client) {
			t.Errorf("a log line names the client's address %s:\n%s", client, line)
		}
	}
}
