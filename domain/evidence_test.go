package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

func ftyp(brand string) []byte {
	b := []byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p'}
	b = append(b, brand...)
	return append(b, 0, 0, 0, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '2')
}

func TestSniffEvidence(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		want string // content type, "" when refused
		kind domain.EvidenceKind
	}{
		{"JPEG", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), "image/jpeg", domain.EvidenceImage},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png", domain.EvidenceImage},
		{"WebP", []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), "image/webp", domain.EvidenceImage},
		{"HEIC", ftyp("heic"), "image/heic", domain.EvidenceImage},
		{"HEIF", ftyp("mif1"), "image/heif", domain.EvidenceImage},
		{"PDF", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), "application/pdf", domain.EvidenceDocument},
		{"MP3WithID3", []byte("ID3\x04\x00\x00\x00\x00\x00\x00"), "audio/mpeg", domain.EvidenceAudio},
		{"MP3FrameSync", []byte{0xFF, 0xFB, 0x90, 0x64, 0, 0}, "audio/mpeg", domain.EvidenceAudio},
		{"M4A", ftyp("M4A "), "audio/mp4", domain.EvidenceAudio},
		{"AMR", []byte("#!AMR\n\x3c\x48"), "audio/amr", domain.EvidenceAudio},
		{"AMRWB", []byte("#!AMR-WB\n\x04"), "audio/amr-wb", domain.EvidenceAudio},
		{"WAV", []byte("RIFF\x24\x08\x00\x00WAVEfmt \x10\x00\x00\x00"), "audio/wav", domain.EvidenceAudio},
		{"OGG", []byte("OggS\x00\x02\x00\x00\x00\x00"), "audio/ogg", domain.EvidenceAudio},
		{"MP4", ftyp("isom"), "video/mp4", domain.EvidenceVideo},
		{"MOV", ftyp("qt  "), "video/quicktime", domain.EvidenceVideo},
		{"3GP", ftyp("3gp4"), "video/3gpp", domain.EvidenceVideo},
		{"HTML", []byte("<!DOCTYPE html><script>alert(1)</script>"), "", ""},
		{"Script", []byte("#!/bin/sh\nrm -rf /\n"), "", ""},
		{"ZIP", []byte("PK\x03\x04\x14\x00\x00\x00"), "", ""},
		{"GIF", []byte("GIF89a\x01\x00"), "", ""},
		{"PlainText", []byte("hello, this is text"), "", ""},
		{"ELF", []byte("\x7FELF\x02\x01\x01"), "", ""},
		{"UnknownFtypBrand", ftyp("crx "), "", ""},
		{"MPEGLayerIIIsNotMP3", []byte{0xFF, 0xFD, 0x90, 0x64}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := domain.SniffEvidence(tt.head)
			if tt.want == "" {
				if ok {
					t.Errorf("accepted as %+v, want refused", got)
				}
				return
			}
			if !ok || got.ContentType != tt.want || got.Kind != tt.kind {
				t.Errorf("SniffEvidence = %+v, %v; want %s %s", got, ok, tt.want, tt.kind)
			}
			if back, ok := domain.TypeOf(got.ContentType); !ok || back.Ext == "" {
				t.Errorf("TypeOf(%s) = %+v, %v", got.ContentType, back, ok)
			}
		})
	}
}

func TestValidateCollectorMessages(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	ok := func() domain.NewCollectorMessage {
		return domain.NewCollectorMessage{Sender: "10690000", SentAt: now.Add(-time.Hour), Text: "您已逾期，今天不还款将上门催收。"}
	}
	one := func(change func(m *domain.NewCollectorMessage)) func() []domain.NewCollectorMessage {
		return func() []domain.NewCollectorMessage { m := ok(); change(&m); return []domain.NewCollectorMessage{m} }
	}
	many := func(n int) func() []domain.NewCollectorMessage {
		return func() []domain.NewCollectorMessage {
			ms := make([]domain.NewCollectorMessage, n)
			for i := range ms {
				ms[i] = ok()
			}
			return ms
		}
	}
	tests := []struct {
		name  string
		msgs  func() []domain.NewCollectorMessage
		field string // "" when valid
	}{
		{"OK", many(1), ""},
		{"OKPhoneNumber", one(func(m *domain.NewCollectorMessage) { m.Sender = "+86 138-0013-8000" }), ""},
		{"OKHundred", many(100), ""},
		{"ErrNone", many(0), "messages"},
		{"ErrTooMany", many(101), "messages"},
		{"ErrSenderEmpty", func() []domain.NewCollectorMessage { ms := many(2)(); ms[1].Sender = " "; return ms }, "messages.1.sender"},
		{"ErrSenderName", one(func(m *domain.NewCollectorMessage) { m.Sender = "催收部" }), "messages.0.sender"},
		{"ErrSenderTooLong", one(func(m *domain.NewCollectorMessage) { m.Sender = strings.Repeat("1", 33) }), "messages.0.sender"},
		{"ErrSenderPlusInside", one(func(m *domain.NewCollectorMessage) { m.Sender = "138+0013" }), "messages.0.sender"},
		{"ErrSentAtMissing", one(func(m *domain.NewCollectorMessage) { m.SentAt = time.Time{} }), "messages.0.sentAt"},
		{"ErrSentAtFuture", one(func(m *domain.NewCollectorMessage) { m.SentAt = now.Add(time.Hour) }), "messages.0.sentAt"},
		{"ErrTextEmpty", one(func(m *domain.NewCollectorMessage) { m.Text = "  \n" }), "messages.0.text"},
		{"ErrTextTooLong", one(func(m *domain.NewCollectorMessage) { m.Text = strings.Repeat("债", 2001) }), "messages.0.text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.ValidateCollectorMessages(tt.msgs(), now)
			if tt.field == "" {
				if err != nil {
					t.Errorf("got %v, want nil", err)
				}
				return
			}
			de, ok := domain.AsError(err)
			if !ok || de.Code != domain.CodeInvalid || de.Field != tt.field {
				t.Errorf("got %v, want BAD_USER_INPUT on %s", err, tt.field)
			}
		})
	}
}

func TestEvidenceLinks(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	clock := now
	l := domain.NewEvidenceLinks([]byte("a-secret-of-at-least-32-bytes-long!!"), 5*time.Minute, func() time.Time { return clock })
	link, exp := l.Sign("ev-1", 42)
	if !exp.Equal(now.Add(5 * time.Minute)) {
		t.Errorf("expiry %v, want 5 minutes from now", exp)
	}
	if !strings.HasPrefix(link, "/evidence/ev-1?") {
		t.Fatalf("link %q", link)
	}
	q := parseQuery(t, link)
	t.Run("OK", func(t *testing.T) {
		if err := l.Verify("ev-1", 42, q["exp"], q["sig"]); err != nil {
			t.Errorf("Verify = %v", err)
		}
	})
	t.Run("ErrOtherUser", func(t *testing.T) {
		if err := l.Verify("ev-1", 43, q["exp"], q["sig"]); !errors.Is(err, domain.ErrLinkInvalid) {
			t.Errorf("Verify = %v, want ErrLinkInvalid", err)
		}
	})
	t.Run("ErrOtherEvidence", func(t *testing.T) {
		if err := l.Verify("ev-2", 42, q["exp"], q["sig"]); !errors.Is(err, domain.ErrLinkInvalid) {
			t.Errorf("Verify = %v, want ErrLinkInvalid", err)
		}
	})
	t.Run("ErrExpiryChanged", func(t *testing.T) {
		if err := l.Verify("ev-1", 42, "9999999999", q["sig"]); !errors.Is(err, domain.ErrLinkInvalid) {
			t.Errorf("Verify = %v, want ErrLinkInvalid", err)
		}
	})
	t.Run("ErrOtherSecret", func(t *testing.T) {
		o := domain.NewEvidenceLinks([]byte("another-secret-of-at-least-32-bytes"), 5*time.Minute, func() time.Time { return clock })
		if err := o.Verify("ev-1", 42, q["exp"], q["sig"]); !errors.Is(err, domain.ErrLinkInvalid) {
			t.Errorf("Verify = %v, want ErrLinkInvalid", err)
		}
	})
	t.Run("ErrExpired", func(t *testing.T) {
		clock = now.Add(5 * time.Minute)
		defer func() { clock = now }()
		if err := l.Verify("ev-1", 42, q["exp"], q["sig"]); !errors.Is(err, domain.ErrLinkExpired) {
			t.Errorf("Verify = %v, want ErrLinkExpired", err)
		}
	})
	t.Run("ErrGarbage", func(t *testing.T) {
		if err := l.Verify("ev-1", 42, "soon", "!!"); !errors.Is(err, domain.ErrLinkInvalid) {
			t.Errorf("Verify = %v, want ErrLinkInvalid", err)
		}
	})
}

func parseQuery(t *testing.T, link string) map[string]string {
	t.Helper()
	_, q, _ := strings.Cut(link, "?")
	out := map[string]string{}
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		out[k] = v
	}
	return out
}

// TestEvidenceVisibleTo: staff see every item; the complainant their own evidence and the
// documents an institution shared with them, not its others; a recipient institution the
// complainant's evidence and its own documents, never the other recipient's (a complaint forwarded
// to lender and agency).
func TestEvidenceVisibleTo(t *testing.T) {
	complainants := &domain.Evidence{UploadedBy: 1}
	lenders := &domain.Evidence{UploadedBy: 2, InstitutionID: 10}
	agencys := &domain.Evidence{UploadedBy: 3, InstitutionID: 20}
	shared := &domain.Evidence{UploadedBy: 2, InstitutionID: 10, SharedWithComplainant: true} // the lender's repayment plan
	cases := []struct {
		who  domain.Actor
		want [4]bool // complainant's, lender's, agency's, lender's shared
	}{
		{domain.Actor{UserID: 1, Role: domain.RoleComplainant}, [4]bool{true, false, false, true}},
		{domain.Actor{UserID: 2, Role: domain.RoleInstitutionAgent, InstitutionID: 10}, [4]bool{true, true, false, true}},
		{domain.Actor{UserID: 4, Role: domain.RoleInstitutionAdmin, InstitutionID: 20}, [4]bool{true, false, true, false}},
		{domain.Actor{UserID: 5, Role: domain.RoleReviewer}, [4]bool{true, true, true, true}},
		{domain.Actor{UserID: 6, Role: domain.RoleSupervisor}, [4]bool{true, true, true, true}},
		{domain.Actor{UserID: 7, Role: domain.RoleAdmin}, [4]bool{true, true, true, true}},
		{domain.Actor{UserID: 8, Role: domain.RoleAnalyst}, [4]bool{false, false, false, false}},
	}
	for _, c := range cases {
		for i, e := range []*domain.Evidence{complainants, lenders, agencys, shared} {
			if got := domain.EvidenceVisibleTo(c.who, e); got != c.want[i] {
				t.Errorf("%s (institution %d) sees item %d: %v, want %v", c.who.Role, c.who.InstitutionID, i, got, c.want[i])
			}
		}
	}
}
