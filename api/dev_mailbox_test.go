package api_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

// TestDevMailboxOnlyInDev: GET /dev/mailbox lists the e-mails sent (with their working sign-up
// links) in dev mode, as GET /dev/sms the SMS (the codes confirming numbers); neither exists in
// production.
func TestDevMailboxOnlyInDev(t *testing.T) {
	a, dev := protectedServer(t, map[string]string{"REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	register(t, a, dev.URL, "mailbox@example.cn")
	resp, err := http.Get(dev.URL + "/dev/mailbox")
	if err != nil {
		t.Fatal(err)
	}
	var box struct {
		Messages []struct {
			To    string   `json:"to"`
			Links []string `json:"links"`
		} `json:"messages"`
	}
	err = json.NewDecoder(resp.Body).Decode(&box)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(box.Messages) != 1 || box.Messages[0].To != "mailbox@example.cn" || len(box.Messages[0].Links) != 1 {
		t.Fatalf("dev mailbox: %d %v %+v, want the confirmation e-mail with its link", resp.StatusCode, err, box)
	}

	// The dev SMS box (session 15, sms) answers in dev too.
	resp, err = http.Get(dev.URL + "/dev/sms")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dev GET /dev/sms: %d, want 200", resp.StatusCode)
	}

	p, prod := protectedServer(t, production())
	if p.DevMailbox != nil || p.DevSMS != nil {
		t.Error("production built a dev mailbox or SMS box")
	}
	for _, path := range []string{"/dev/mailbox", "/dev/sms"} {
		resp, err = http.Get(prod.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("production GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
}
