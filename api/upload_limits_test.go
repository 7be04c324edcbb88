package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strconv"
	"testing"
)

// uploadTo posts content as the multipart field "file" to the server at url.
func uploadTo(t *testing.T, url, token string, content []byte) (*http.Response, uploadResult) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	pw, _ := mw.CreateFormFile("file", "evidence.pdf")
	pw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, url+"/evidence", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r uploadResult
	r.Status = resp.StatusCode
	if err := json.NewDecoder(resp.Body).Decode(&r.Body); err != nil {
		t.Fatalf("decode answer (status %d): %v", resp.StatusCode, err)
	}
	return resp, r
}

// pdfOf is a PDF of about n bytes.
func pdfOf(n int) []byte {
	b := pdfBytes()
	return append(b, bytes.Repeat([]byte("%"), max(0, n-len(b)))...)
}

// TestEvidenceUploadRateLimitPerUser: POST /evidence has its own per-user limit; over it the answer
// is 429 RATE_LIMITED with Retry-After, and nothing is stored; another user is not limited.
func TestEvidenceUploadRateLimitPerUser(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_EVIDENCE_RATE_USER": "2/1m", "REDLINE_EVIDENCE_RATE_ADDR": "off",
		"REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	alice := register(t, a, srv.URL, "alice@example.cn")
	bob := register(t, a, srv.URL, "bob@example.cn")
	for i := range 2 {
		if _, r := uploadTo(t, srv.URL, alice, pdfBytes()); r.Status != http.StatusCreated {
			t.Fatalf("upload %d: %d %+v", i+1, r.Status, r.Body.Errors)
		}
	}
	resp, r := uploadTo(t, srv.URL, alice, pdfBytes())
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); r.Status != http.StatusTooManyRequests || r.code() != "RATE_LIMITED" || err != nil || ra < 1 || ra > 60 {
		t.Errorf("third upload: %d %q Retry-After %q, want 429 RATE_LIMITED within a minute", r.Status, r.code(), resp.Header.Get("Retry-After"))
	}
	var n int64
	a.DB.Gorm.Raw("SELECT count(*) FROM evidence_uploads").Scan(&n)
	if n != 2 {
		t.Errorf("%d uploads stored, want 2", n)
	}
	if _, r := uploadTo(t, srv.URL, bob, pdfBytes()); r.Status != http.StatusCreated {
		t.Errorf("bob is limited by alice's uploads: %d %+v", r.Status, r.Body.Errors)
	}
	// The upload limit is not the /graphql limit: alice still queries.
	if resp, errs, _ := post(t, srv.URL, alice, `{me{email}}`, nil); resp.StatusCode != 200 || len(errs) > 0 {
		t.Errorf("alice's query after her uploads were limited: %d %+v", resp.StatusCode, errs)
	}
}

// TestEvidenceUploadRateLimitPerAddress: uploads from one client address are limited across users.
func TestEvidenceUploadRateLimitPerAddress(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_EVIDENCE_RATE_USER": "off", "REDLINE_EVIDENCE_RATE_ADDR": "2/1m",
		"REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	alice := register(t, a, srv.URL, "alice@example.cn")
	bob := register(t, a, srv.URL, "bob@example.cn")
	for i, tok := range []string{alice, bob} {
		if _, r := uploadTo(t, srv.URL, tok, pdfBytes()); r.Status != http.StatusCreated {
			t.Fatalf("upload %d: %d %+v", i+1, r.Status, r.Body.Errors)
		}
	}
	if _, r := uploadTo(t, srv.URL, bob, pdfBytes()); r.Status != http.StatusTooManyRequests || r.code() != "RATE_LIMITED" {
		t.Errorf("third upload from the address: %d %q, want 429 RATE_LIMITED", r.Status, r.code())
	}
}

// TestEvidenceUnattachedCap: a complainant cannot hold more than REDLINE_EVIDENCE_UNATTACHED_MAX
// bytes of uploads not yet attached; the refused file is not kept, and others are not affected.
func TestEvidenceUnattachedCap(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_EVIDENCE_UNATTACHED_MAX": "4096",
		"REDLINE_EVIDENCE_RATE_USER": "off", "REDLINE_EVIDENCE_RATE_ADDR": "off", "REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	alice := register(t, a, srv.URL, "alice@example.cn")
	bob := register(t, a, srv.URL, "bob@example.cn")
	for i := range 2 {
		if _, r := uploadTo(t, srv.URL, alice, pdfOf(1500)); r.Status != http.StatusCreated {
			t.Fatalf("upload %d: %d %+v", i+1, r.Status, r.Body.Errors)
		}
	}
	// 3,000 bytes held: 1,500 more would pass the cap.
	_, r := uploadTo(t, srv.URL, alice, pdfOf(1500))
	if r.Status != http.StatusTooManyRequests || r.code() != "RATE_LIMITED" || r.field() != "file" || r.Body.Errors[0].Extensions["messageZh"] == "" {
		t.Errorf("upload over the cap: %d %+v, want 429 RATE_LIMITED on file", r.Status, r.Body.Errors)
	}
	var n int64
	a.DB.Gorm.Raw("SELECT count(*) FROM evidence_uploads").Scan(&n)
	if n != 2 {
		t.Errorf("%d uploads recorded, want 2", n)
	}
	// A smaller one still fits; then even the smallest file would pass the cap.
	if _, r := uploadTo(t, srv.URL, alice, pdfOf(1000)); r.Status != http.StatusCreated {
		t.Errorf("upload within the cap: %d %+v", r.Status, r.Body.Errors)
	}
	if _, r := uploadTo(t, srv.URL, alice, pdfBytes()); r.Status != http.StatusTooManyRequests || r.field() != "file" {
		t.Errorf("upload at the cap: %d %+v", r.Status, r.Body.Errors)
	}
	if _, r := uploadTo(t, srv.URL, bob, pdfOf(1500)); r.Status != http.StatusCreated {
		t.Errorf("bob is capped by alice's uploads: %d %+v", r.Status, r.Body.Errors)
	}
}
