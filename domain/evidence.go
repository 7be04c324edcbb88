package domain

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// EvidenceKind is what an evidence item is: a file of some media type, or a collector's message
// pasted as text.
type EvidenceKind string

// The evidence kinds.
const (
	EvidenceImage    EvidenceKind = "IMAGE"
	EvidenceAudio    EvidenceKind = "AUDIO"
	EvidenceVideo    EvidenceKind = "VIDEO"
	EvidenceDocument EvidenceKind = "DOCUMENT"
	EvidenceMessage  EvidenceKind = "MESSAGE"
)

// EvidenceKinds lists every kind.
var EvidenceKinds = []EvidenceKind{EvidenceImage, EvidenceAudio, EvidenceVideo, EvidenceDocument, EvidenceMessage}

// Evidence is one item of a complaint's evidence: a stored file (screenshot, call recording,
// video of a visit, letter) or one collector message. Size and SHA256 describe the exact bytes
// stored, so that a changed file is detected before it is ever served.
type Evidence struct {
	ID          string
	ComplaintID string
	Kind        EvidenceKind
	ContentType string // detected from the content, never taken from the client
	Size        int64
	SHA256      string // lowercase hex
	Description string
	StorageKey  string // empty for messages
	Message     *CollectorMessage
	UploadedBy  int64
	UploadedAt  time.Time
	// InstitutionID is the recipient institution whose staff attached the item in support of its
	// answer; 0 for the complainant's evidence.
	InstitutionID int64
	// SharedWithComplainant says that the institution shared its document with the complainant
	// (the repayment plan it offers, say): they see and may open it.
	SharedWithComplainant bool
}

// EvidenceVisibleTo reports whether actor a, who may see the complaint, may see evidence item e:
// the regulator's staff see all of it; the complainant sees their own evidence and the documents an
// institution shared with them, not those it gave the regulator only (its call logs, contracts and
// recordings may name its staff and other people; the complainant reads the answer and is told in
// the history that documents were added); a recipient institution sees the complainant's evidence
// and its own documents, never another recipient's.
func EvidenceVisibleTo(a Actor, e *Evidence) bool {
	switch {
	case a.Role.IsStaff():
		return true
	case a.Role == RoleComplainant:
		return e.InstitutionID == 0 || e.SharedWithComplainant
	case a.Role.IsInstitution():
		return e.InstitutionID == 0 || e.InstitutionID == a.InstitutionID
	}
	return false
}

// CollectorMessage is a message a collector sent, as the complainant copied it.
type CollectorMessage struct {
	Sender string // phone number or short code
	SentAt time.Time
	Text   string
}

// Upload is a file that was received and stored but not yet attached to a complaint. Its token is
// handed to the uploader once; only its hash is stored.
type Upload struct {
	Token       string // only set on the value Upload returns
	TokenHash   string
	UploaderID  int64
	StorageKey  string
	Kind        EvidenceKind
	ContentType string
	Size        int64
	SHA256      string
	CreatedAt   time.Time
	ClaimedAt   time.Time // zero until attached
	ComplaintID string    // the complaint it was attached to
}

// EvidenceStore keeps evidence files. Keys are chosen by the platform, never derived from user
// input. Put must not leave a partial object behind when r fails.
type EvidenceStore interface {
	// Put stores everything r yields under key and returns the number of bytes stored.
	Put(ctx context.Context, key string, r io.Reader) (size int64, err error)
	// Get opens the object stored under key; a missing object is ErrNotFound.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes the object; deleting a missing object is not an error.
	Delete(ctx context.Context, key string) error
}

// EvidenceRecords is what evidence handling needs from the database.
type EvidenceRecords interface {
	// CreateUpload records a stored, not yet attached file.
	CreateUpload(ctx context.Context, u *Upload) error
	// AttachEvidence locks the complaint and, when tokenHash is not empty, the upload it names (nil
	// when there is none), lets attach decide what to add, and writes the evidence, the upload's
	// claim and the history events in one transaction.
	AttachEvidence(ctx context.Context, complaintID, tokenHash string, attach func(c *Complaint, u *Upload) ([]*Evidence, Change, error)) ([]*Evidence, error)
	// ListEvidence returns a complaint's evidence, oldest first.
	ListEvidence(ctx context.Context, complaintID string) ([]*Evidence, error)
	// FindEvidence finds one evidence item by id.
	FindEvidence(ctx context.Context, id string) (*Evidence, error)
}

// Limits on evidence.
const (
	DefaultEvidenceMaxBytes = 50 << 20
	MaxEvidenceDescription  = 500
	MaxCollectorMessages    = 100
	// MaxComplaintMessages bounds the collector messages pasted into one complaint: each paste has
	// the rule engine judge the complaint again with all of them (complaint:assess), so without a
	// bound 30 pastes of 100 messages of 2,000 characters kept the workers busy for minutes.
	MaxComplaintMessages = 500
	MaxMessageRunes      = 2000
	MaxSenderLength      = 32
	// UploadTTL is how long an upload token may wait to be attached.
	UploadTTL = 24 * time.Hour
	// EvidenceLinkTTL is how long a signed download link stays valid.
	EvidenceLinkTTL = 5 * time.Minute
)

// ErrFileTooLarge is in the chain of the error Upload returns for a file over the size limit, so
// that the HTTP edge can answer 413.
var ErrFileTooLarge = errors.New("evidence file too large")

// FileTooLarge is the error for a file over max bytes: BAD_USER_INPUT on "file", with
// ErrFileTooLarge in its chain.
func FileTooLarge(max int64) error {
	return fmt.Errorf("%w: %w", ErrFileTooLarge, Invalid("file", fmt.Sprintf("the file is larger than %d MB", max>>20), fmt.Sprintf("文件超过%dMB", max>>20)))
}

// ErrLinkExpired is the error for a download link used after it expired (HTTP 410).
var ErrLinkExpired = &Error{Code: CodeForbidden, Message: "the download link has expired; reload the complaint for a new one",
	MessageZH: "下载链接已过期，请刷新后重新获取"}

// ErrLinkInvalid is the error for a download link that was not issued to the caller (HTTP 403).
var ErrLinkInvalid = &Error{Code: CodeForbidden, Message: "this download link is not valid for you", MessageZH: "下载链接无效"}

// ErrIntegrity is the error for a stored file whose bytes no longer match the hash taken on upload.
var ErrIntegrity = &Error{Code: CodeConflict, Message: "the file failed its integrity check and is not served; the incident has been logged",
	MessageZH: "文件完整性校验失败，无法下载"}

// ErrNotServedToInstitution is the error for a complainant's file that cannot be given to an
// institution without its metadata (it does not parse, or its metadata cannot be blanked): it
// was told of an "integrity check" and a logged incident, which it was not (round 18). The
// regulator's staff read the file as stored.
var ErrNotServedToInstitution = &Error{Code: CodeConflict, Reason: "NOT_SERVED_TO_INSTITUTION",
	Message:   "this file cannot be given to your institution without the complainant's personal metadata; the regulator's staff can read it, ask them if you need it",
	MessageZH: "该文件无法在去除投诉人个人元数据后提供给贵机构；监管人员可以查看，如需要请联系监管人员"}

// EvidenceService receives, attaches and serves evidence.
type EvidenceService struct {
	Complaints *Complaints // visibility and role checks
	Records    EvidenceRecords
	Files      EvidenceStore
	Links      *EvidenceLinks
	// Access records administrators' reasons for reading evidence; without it administrators read none.
	Access   *Access
	MaxBytes int64
	// Uploads counts and sweeps the uploads not yet attached; nil neither caps nor sweeps them.
	Uploads UploadRecords
	// MaxUnattachedBytes caps what one complainant may have uploaded and not yet attached
	// (DefaultMaxUnattachedBytes when 0).
	MaxUnattachedBytes int64
	Now                func() time.Time
	NewID              func() string
}

// sniffLen is how much of a file is read to decide its type.
const sniffLen = 512

// Upload receives a file for the signed-in complainant, or for a recipient institution's staff
// supporting its answer (both hold the addEvidence permission): it checks the type by content, streams
// the file to storage while hashing it, and returns an upload token to pass to AddEvidence.
func (s *EvidenceService) Upload(ctx context.Context, r io.Reader) (*Upload, error) {
	a, err := s.Complaints.require(ctx, "complaint", "addEvidence")
	if err != nil {
		return nil, err
	}
	if err := s.checkUnattached(ctx, a.UserID); err != nil {
		return nil, err
	}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("evidence: read upload: %w", err)
	}
	head = head[:n]
	if n == 0 {
		return nil, Invalid("file", "the file is empty", "文件为空")
	}
	t, ok := SniffEvidence(head)
	if !ok {
		return nil, Invalid("file", "this kind of file is not accepted: send a photo or screenshot (JPEG, PNG, WebP, HEIC), a recording (MP3, M4A, AMR, WAV, OGG), a video (MP4, MOV, 3GP) or a PDF",
			"不支持此文件类型：请上传图片（JPEG、PNG、WebP、HEIC）、录音（MP3、M4A、AMR、WAV、OGG）、视频（MP4、MOV、3GP）或PDF")
	}
	max := s.maxBytes()
	m := &meteredReader{r: io.MultiReader(bytes.NewReader(head), r), h: sha256.New(), max: max}
	now := s.Now()
	key := fmt.Sprintf("evidence/%04d/%02d/%s", now.Year(), now.Month(), s.NewID())
	size, err := s.Files.Put(ctx, key, m)
	if m.n > max {
		if err == nil { // a store that did not pass the reader's error on
			_ = s.Files.Delete(context.WithoutCancel(ctx), key)
		}
		return nil, FileTooLarge(max)
	}
	if err != nil {
		return nil, fmt.Errorf("evidence: store upload: %w", err)
	}
	if size != m.n {
		_ = s.Files.Delete(context.WithoutCancel(ctx), key)
		return nil, fmt.Errorf("evidence: store kept %d bytes of %d", size, m.n)
	}
	if err := s.checkParses(ctx, key, t); err != nil {
		_ = s.Files.Delete(context.WithoutCancel(ctx), key)
		return nil, err
	}
	token := newUploadToken()
	u := &Upload{Token: token, TokenHash: hashUploadToken(token), UploaderID: a.UserID, StorageKey: key, Kind: t.Kind,
		ContentType: t.ContentType, Size: size, SHA256: hex.EncodeToString(m.h.Sum(nil)), CreatedAt: now}
	if err := s.recordUpload(ctx, u); err != nil {
		_ = s.Files.Delete(context.WithoutCancel(ctx), key)
		return nil, err
	}
	return u, nil
}

func (s *EvidenceService) maxBytes() int64 {
	if s.MaxBytes > 0 {
		return s.MaxBytes
	}
	return DefaultEvidenceMaxBytes
}

// MaxUploadBytes is the largest file Upload accepts.
func (s *EvidenceService) MaxUploadBytes() int64 { return s.maxBytes() }

// meteredReader hashes and counts what passes through it and fails once more than max bytes did.
type meteredReader struct {
	r      io.Reader
	h      hash.Hash
	n, max int64
}

func (m *meteredReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	m.h.Write(p[:n])
	m.n += int64(n)
	if m.n > m.max {
		return n, ErrFileTooLarge
	}
	return n, err
}

func newUploadToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return "up_" + base64.RawURLEncoding.EncodeToString(b)
}

func hashUploadToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// AddEvidence attaches an uploaded file to the caller's own open complaint and records it in the
// complaint's history. A recipient institution's staff attach files the same way to a complaint
// forwarded to their institution, while it still owes its answer (ActionAddInstitutionEvidence).
// A token works once, only for the user who uploaded the file.
func (s *EvidenceService) AddEvidence(ctx context.Context, complaintID, uploadToken, description string, share bool) (*Evidence, error) {
	a, err := s.Complaints.require(ctx, "complaint", "addEvidence")
	if err != nil {
		return nil, err
	}
	if share && !a.Role.IsInstitution() {
		return nil, Invalid("shareWithComplainant", "only an institution shares its documents with the complainant", "只有被投诉机构可以把材料提供给投诉人")
	}
	description = strings.TrimSpace(description)
	if utf8.RuneCountInString(description) > MaxEvidenceDescription {
		return nil, Invalid("description", "the description is longer than 500 characters", "说明超过500字")
	}
	uploadToken = strings.TrimSpace(uploadToken)
	if uploadToken == "" {
		return nil, Invalid("uploadToken", "upload the file first and pass its uploadToken", "请先上传文件")
	}
	now := s.Now()
	action := ActionAddEvidence
	if a.Role.IsInstitution() {
		action = ActionAddInstitutionEvidence
	}
	added, err := s.Records.AttachEvidence(ctx, complaintID, hashUploadToken(uploadToken), func(c *Complaint, u *Upload) ([]*Evidence, Change, error) {
		if err := s.mayAttach(a, c, action); err != nil {
			return nil, Change{}, err
		}
		switch {
		case u == nil || u.UploaderID != a.UserID:
			return nil, Change{}, Invalid("uploadToken", "unknown upload token; upload the file again", "上传凭证无效，请重新上传")
		case !u.ClaimedAt.IsZero() && u.ComplaintID != c.ID:
			return nil, Change{}, Invalid("uploadToken", "this file is already attached to another complaint", "该文件已附加到其他投诉")
		case !u.ClaimedAt.IsZero():
			return nil, Change{}, Invalid("uploadToken", "this upload token was already used", "上传凭证已使用")
		case now.Sub(u.CreatedAt) > UploadTTL:
			return nil, Change{}, Invalid("uploadToken", "the upload expired; upload the file again", "上传已过期，请重新上传")
		}
		ev := &Evidence{ID: s.NewID(), ComplaintID: c.ID, Kind: u.Kind, ContentType: u.ContentType, Size: u.Size,
			SHA256: u.SHA256, Description: description, StorageKey: u.StorageKey, UploadedBy: a.UserID, UploadedAt: now,
			InstitutionID: a.InstitutionID, SharedWithComplainant: share}
		details := map[string]any{"evidenceId": ev.ID, "kind": string(ev.Kind), "sha256": ev.SHA256, "size": ev.Size}
		if action == ActionAddInstitutionEvidence {
			details["institutionId"] = a.InstitutionID // shown to that institution only (ownEntry)
			details["shared"] = share
		}
		return []*Evidence{ev}, Change{Events: []Event{{
			Action: action, ActorID: a.UserID, ActorRole: a.Role, At: now, Details: details,
		}}}, nil
	})
	if err != nil {
		return nil, err
	}
	return added[0], nil
}

// mayAttach checks that the actor may add evidence to c now by action: the complainant to their
// own open complaint; a recipient institution to a complaint forwarded to it whose final answer it
// has not yet given (as with every step it takes). Someone who cannot see the complaint learns
// nothing about it.
func (s *EvidenceService) mayAttach(a Actor, c *Complaint, action Action) error {
	if !ScopeFor(a).Contains(c) {
		return ErrNotFound
	}
	if _, err := Guard(action, a.Role, c); err != nil {
		return err
	}
	if a.Role.IsInstitution() {
		if c.answeredBy(a.InstitutionID) {
			return &Error{Code: CodeConflict, Field: "complaintId", Message: "your institution has already given its final answer; documents can no longer be added to it",
				MessageZH: "贵机构已作出最终答复，不能再补充材料"}
		}
		return nil
	}
	if c.ComplainantID != a.UserID {
		return ErrForbidden
	}
	return nil
}

// NewCollectorMessage is one pasted message as the client sends it.
type NewCollectorMessage struct {
	Sender string
	SentAt time.Time
	Text   string
}

// ValidateCollectorMessages checks pasted messages field by field against now, returning the first
// problem with its input path (messages.3.text).
func ValidateCollectorMessages(ms []NewCollectorMessage, now time.Time) error {
	if len(ms) == 0 {
		return Invalid("messages", "paste at least one message", "请至少粘贴一条短信")
	}
	if len(ms) > MaxCollectorMessages {
		return Invalid("messages", "at most 100 messages at a time", "每次最多100条")
	}
	for i := range ms {
		m := &ms[i]
		path := "messages." + itoa(i)
		m.Sender = strings.TrimSpace(m.Sender)
		if !validSender(m.Sender) {
			return Invalid(path+".sender", "the sender must be a phone number or short code of at most 32 characters, such as 10690000 or +86 138 0013 8000",
				"发送方须为电话号码或短信号码（最多32个字符），如10690000或+86 138 0013 8000")
		}
		if m.SentAt.IsZero() {
			return Invalid(path+".sentAt", "say when the message was sent", "请填写发送时间")
		}
		if m.SentAt.After(now.Add(time.Minute)) { // a minute of clock skew between phone and server
			return Invalid(path+".sentAt", "the time the message was sent is in the future", "发送时间不能晚于现在")
		}
		n := utf8.RuneCountInString(strings.TrimSpace(m.Text))
		if n == 0 {
			return Invalid(path+".text", "the message text is empty", "短信内容为空")
		}
		if utf8.RuneCountInString(m.Text) > MaxMessageRunes || !utf8.ValidString(m.Text) {
			return Invalid(path+".text", "the message is longer than 2000 characters", "短信内容超过2000字")
		}
	}
	return nil
}

// validSender accepts phone numbers and SMS short codes: digits with an optional leading +, and
// spaces, dashes or parentheses between them.
func validSender(s string) bool {
	if len(s) == 0 || len(s) > MaxSenderLength {
		return false
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= 3
}

// AddCollectorMessages stores pasted collector messages as evidence of the caller's own open
// complaint, all in one history entry.
func (s *EvidenceService) AddCollectorMessages(ctx context.Context, complaintID string, ms []NewCollectorMessage) ([]*Evidence, error) {
	a, err := s.Complaints.require(ctx, "complaint", "addEvidence")
	if err != nil {
		return nil, err
	}
	if a.Role != RoleComplainant { // messages collectors sent are the complainant's to paste
		return nil, ErrForbidden
	}
	now := s.Now()
	if err := ValidateCollectorMessages(ms, now); err != nil {
		return nil, err
	}
	return s.Records.AttachEvidence(ctx, complaintID, "", func(c *Complaint, _ *Upload) ([]*Evidence, Change, error) {
		if err := s.mayAttach(a, c, ActionAddEvidence); err != nil {
			return nil, Change{}, err
		}
		// The complaint is locked: pastes into it take turns, so the count read here stands.
		held, err := s.Records.ListEvidence(ctx, c.ID)
		if err != nil {
			return nil, Change{}, err
		}
		n := 0
		for _, e := range held {
			if e.Kind == EvidenceMessage {
				n++
			}
		}
		if n+len(ms) > MaxComplaintMessages {
			return nil, Change{}, &Error{Code: CodeInvalid, Field: "messages", Reason: "TOO_MANY_MESSAGES",
				Message: fmt.Sprintf("a complaint holds at most %d pasted messages and this one has %d: paste the ones that show what happened, or upload a screenshot",
					MaxComplaintMessages, n),
				MessageZH: fmt.Sprintf("每件投诉最多粘贴%d条短信，本投诉已有%d条：请粘贴能说明情况的短信，或上传截图", MaxComplaintMessages, n)}
		}
		out := make([]*Evidence, len(ms))
		ids := make([]any, len(ms))
		for i, m := range ms {
			sum := sha256.Sum256([]byte(m.Text))
			out[i] = &Evidence{ID: s.NewID(), ComplaintID: c.ID, Kind: EvidenceMessage, ContentType: "text/plain; charset=utf-8",
				Size: int64(len(m.Text)), SHA256: hex.EncodeToString(sum[:]), UploadedBy: a.UserID, UploadedAt: now,
				Message: &CollectorMessage{Sender: m.Sender, SentAt: m.SentAt.UTC(), Text: m.Text}}
			ids[i] = out[i].ID
		}
		// The message lets the rule engine judge the complaint again with the pasted messages.
		return out, Change{Events: []Event{{
			Action: ActionAddEvidence, ActorID: a.UserID, ActorRole: a.Role, At: now,
			Details: map[string]any{"kind": string(EvidenceMessage), "count": len(ms), "evidenceIds": ids},
		}}, Messages: []Message{{ID: s.NewID(), Topic: TopicComplaintChanged, Payload: map[string]any{
			"complaintId": c.ID, "action": string(ActionAddEvidence), "kind": string(EvidenceMessage),
			"from": string(c.Status), "to": string(c.Status)}}}}, nil
	})
}

// List returns the evidence of a complaint the actor may see.
func (s *EvidenceService) List(ctx context.Context, complaintID string) ([]*Evidence, error) {
	return s.ListWithReason(ctx, complaintID, "")
}

// DownloadLink returns a signed link to an evidence file for the signed-in actor, valid for
// EvidenceLinkTTL; messages have no link. The caller must have got ev through List.
func (s *EvidenceService) DownloadLink(ctx context.Context, ev *Evidence) (string, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return "", ErrUnauthenticated
	}
	if ev.Kind == EvidenceMessage {
		return "", nil
	}
	link, _ := s.Links.Sign(ev.ID, a.UserID)
	return link, nil
}

// Open returns an evidence file the actor may see, after checking that its bytes are still those
// hashed on upload. A file that fails the check is logged and not served (ErrIntegrity). The
// reader is a private copy of the verified bytes; close it.
func (s *EvidenceService) Open(ctx context.Context, id string) (*Evidence, io.ReadCloser, error) {
	if ActorFrom(ctx).Anonymous() {
		return nil, nil, ErrUnauthenticated
	}
	ev, err := s.Records.FindEvidence(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.Complaints.Get(ctx, ev.ComplaintID); err != nil {
		return nil, nil, err
	}
	if !EvidenceVisibleTo(ActorFrom(ctx), ev) {
		return nil, nil, ErrNotFound
	}
	if ev.Kind == EvidenceMessage || ev.StorageKey == "" {
		return nil, nil, ErrNotFound
	}
	rc, err := s.Files.Get(ctx, ev.StorageKey)
	if errors.Is(err, ErrNotFound) {
		slog.ErrorContext(ctx, "evidence file missing from storage; not served", "evidence", ev.ID, "complaint", ev.ComplaintID)
		return nil, nil, ErrIntegrity
	}
	if err != nil {
		return nil, nil, fmt.Errorf("evidence: open %s: %w", ev.ID, err)
	}
	defer rc.Close()
	spool, err := verifiedCopy(rc, ev.Size, ev.SHA256)
	if errors.Is(err, errTampered) {
		slog.ErrorContext(ctx, "evidence file failed its integrity check; not served", "evidence", ev.ID, "complaint", ev.ComplaintID)
		return nil, nil, ErrIntegrity
	}
	if err != nil {
		return nil, nil, fmt.Errorf("evidence: verify %s: %w", ev.ID, err)
	}
	if a := ActorFrom(ctx); a.Role.IsInstitution() && ev.InstitutionID == 0 && stripsMetadata(ev.ContentType) {
		return withoutMetadata(ctx, ev, spool)
	}
	return ev, spool, nil
}

// withoutMetadata is the complainant's image ev, read from the checked copy spool, as an
// institution is served it: without its metadata (evidence_metadata.go), in a copy whose size and
// SHA-256 ev's copy describes. An image that does not parse is not served to the institution.
func withoutMetadata(ctx context.Context, ev *Evidence, spool io.ReadCloser) (*Evidence, io.ReadCloser, error) {
	defer spool.Close()
	f, err := os.CreateTemp("", "redline-evidence-*")
	if err != nil {
		return nil, nil, err
	}
	_ = os.Remove(f.Name())
	h := sha256.New()
	err = stripImageMetadata(ev.ContentType, spool, io.MultiWriter(f, h))
	var size int64
	if err == nil {
		if size, err = f.Seek(0, io.SeekCurrent); err == nil {
			_, err = f.Seek(0, io.SeekStart)
		}
	}
	if err != nil {
		f.Close()
		switch {
		case errors.Is(err, errUnblankable):
			slog.WarnContext(ctx, "evidence metadata cannot be blanked; not served to the institution", "evidence", ev.ID, "complaint", ev.ComplaintID)
			return nil, nil, ErrNotServedToInstitution
		case errors.Is(err, errNoImage):
			slog.WarnContext(ctx, "evidence file does not parse; not served to the institution", "evidence", ev.ID, "complaint", ev.ComplaintID)
			return nil, nil, ErrNotServedToInstitution
		}
		return nil, nil, fmt.Errorf("evidence: strip %s: %w", ev.ID, err)
	}
	cp := *ev
	cp.Size, cp.SHA256 = size, hex.EncodeToString(h.Sum(nil))
	return &cp, f, nil
}

// Served returns the size and SHA-256 of evidence ev as the signed-in actor downloads it (Open):
// for an institution, the complainant's file of a type served without its metadata is the
// blanked copy, whose size and hash are not the stored file's (the stored file's hash would let
// it test guesses of the metadata — a place, a name — against the copy it holds, and its size tell
// how much was cut); everyone else gets the file as stored, described by ev. The copy's are
// worked out once per stored file and process; a file that cannot be served to the institution
// is 0 and "". The caller must have got ev through List.
func (s *EvidenceService) Served(ctx context.Context, ev *Evidence) (int64, string) {
	if a := ActorFrom(ctx); !a.Role.IsInstitution() || ev.InstitutionID != 0 || !stripsMetadata(ev.ContentType) ||
		ev.Kind == EvidenceMessage || ev.StorageKey == "" {
		return ev.Size, ev.SHA256
	}
	key := ev.ContentType + " " + ev.SHA256
	servedMu.Lock()
	d, ok := servedCopies[key]
	servedMu.Unlock()
	if ok {
		return d.size, d.sha256
	}
	d = servedCopy{}
	cp, rc, err := s.Open(ctx, ev.ID)
	switch {
	case err == nil:
		_ = rc.Close()
		d = servedCopy{cp.Size, cp.SHA256}
	case !errors.Is(err, ErrIntegrity) && !errors.Is(err, ErrNotServedToInstitution): // a passing fault: worked out again next time
		return 0, ""
	} // a file that will not be served is remembered too, not parsed again on every read
	servedMu.Lock()
	if len(servedCopies) >= maxServedCopies {
		clear(servedCopies)
	}
	servedCopies[key] = d
	servedMu.Unlock()
	return d.size, d.sha256
}

// servedCopies are the sizes and hashes of the institutions' copies (Served), by stored type and
// hash: the copy is a function of the stored bytes.
var (
	servedMu     sync.Mutex
	servedCopies = map[string]servedCopy{}
)

const maxServedCopies = 8192

type servedCopy struct {
	size   int64
	sha256 string
}

var errTampered = errors.New("hash or size mismatch")

// verifiedCopy copies r into an unlinked temporary file while hashing it, and returns that file,
// rewound, only when size and hash match. Serving the copy rather than re-reading the store means
// the bytes served are exactly the bytes checked.
func verifiedCopy(r io.Reader, size int64, sha string) (io.ReadCloser, error) {
	f, err := os.CreateTemp("", "redline-evidence-*")
	if err != nil {
		return nil, err
	}
	_ = os.Remove(f.Name()) // the open file stays readable; nothing is left behind
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, size+1))
	if err == nil && (n != size || hex.EncodeToString(h.Sum(nil)) != sha) {
		err = errTampered
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// EvidenceType is a detected, accepted file type.
type EvidenceType struct {
	ContentType string
	Kind        EvidenceKind
	Ext         string // file name extension for downloads
}

// stdlibTypes are the accepted types that http.DetectContentType recognises by itself.
var stdlibTypes = map[string]EvidenceType{
	"image/jpeg":      {"image/jpeg", EvidenceImage, "jpg"},
	"image/png":       {"image/png", EvidenceImage, "png"},
	"image/webp":      {"image/webp", EvidenceImage, "webp"},
	"application/pdf": {"application/pdf", EvidenceDocument, "pdf"},
	"audio/mpeg":      {"audio/mpeg", EvidenceAudio, "mp3"},
	"audio/wave":      {"audio/wav", EvidenceAudio, "wav"},
	"application/ogg": {"audio/ogg", EvidenceAudio, "ogg"},
}

// SniffEvidence decides from the first bytes of a file whether it is an accepted type, and which.
// The ISO media family (MP4, MOV, 3GP, M4A, HEIC), AMR recordings and MP3 without an ID3 tag are
// recognised by their magic numbers; the rest by http.DetectContentType. Names and declared types
// are never consulted.
func SniffEvidence(head []byte) (EvidenceType, bool) {
	if t, ok := sniffMagic(head); ok {
		return t, true
	}
	ct, _, _ := strings.Cut(http.DetectContentType(head), ";")
	t, ok := stdlibTypes[ct]
	return t, ok
}

// TypeOf returns the accepted type with the given content type, for naming downloads.
func TypeOf(contentType string) (EvidenceType, bool) {
	for _, t := range stdlibTypes {
		if t.ContentType == contentType {
			return t, true
		}
	}
	for _, t := range magicTypes {
		if t.ContentType == contentType {
			return t, true
		}
	}
	return EvidenceType{}, false
}

var magicTypes = map[string]EvidenceType{
	"m4a":  {"audio/mp4", EvidenceAudio, "m4a"},
	"mov":  {"video/quicktime", EvidenceVideo, "mov"},
	"3gp":  {"video/3gpp", EvidenceVideo, "3gp"},
	"mp4":  {"video/mp4", EvidenceVideo, "mp4"},
	"heic": {"image/heic", EvidenceImage, "heic"},
	"heif": {"image/heif", EvidenceImage, "heif"},
	"amr":  {"audio/amr", EvidenceAudio, "amr"},
	"awb":  {"audio/amr-wb", EvidenceAudio, "awb"},
	"mp3":  {"audio/mpeg", EvidenceAudio, "mp3"},
}

func sniffMagic(b []byte) (EvidenceType, bool) {
	switch {
	case bytes.HasPrefix(b, []byte("#!AMR-WB\n")):
		return magicTypes["awb"], true
	case bytes.HasPrefix(b, []byte("#!AMR\n")):
		return magicTypes["amr"], true
	case mp3Frame(b):
		return magicTypes["mp3"], true
	case len(b) >= 12 && string(b[4:8]) == "ftyp" && binary.BigEndian.Uint32(b[:4]) >= 12:
		return isoMedia(string(b[8:12]))
	}
	return EvidenceType{}, false
}

// isoMedia maps the major brand of an ISO base media file to its type.
func isoMedia(brand string) (EvidenceType, bool) {
	switch {
	case brand == "M4A " || brand == "M4B ":
		return magicTypes["m4a"], true
	case brand == "qt  ":
		return magicTypes["mov"], true
	case strings.HasPrefix(brand, "3gp") || strings.HasPrefix(brand, "3g2"):
		return magicTypes["3gp"], true
	case brand == "heic" || brand == "heix" || brand == "hevc" || brand == "hevx" || brand == "heim" || brand == "heis":
		return magicTypes["heic"], true
	case brand == "mif1" || brand == "msf1":
		return magicTypes["heif"], true
	case strings.HasPrefix(brand, "iso") || strings.HasPrefix(brand, "mp4") || brand == "avc1" || brand == "M4V " ||
		brand == "MSNV" || brand == "dash" || brand == "mmp4":
		return magicTypes["mp4"], true
	}
	return EvidenceType{}, false
}

// mp3Frame reports whether b starts with an MPEG audio layer III frame header (an MP3 without an
// ID3 tag): 11 sync bits, a valid version, layer III, and valid bitrate and sample-rate indexes.
func mp3Frame(b []byte) bool {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return false
	}
	version, layer := (b[1]>>3)&3, (b[1]>>1)&3
	bitrate, rate := b[2]>>4, (b[2]>>2)&3
	return version != 1 && layer == 1 && bitrate != 0 && bitrate != 0xF && rate != 3
}

// EvidenceLinks signs and checks download links. A link names the evidence, the user it was
// issued to and its expiry, under an HMAC-SHA256 signature, so that it is useless to anyone else
// and after it expires.
type EvidenceLinks struct {
	key []byte
	TTL time.Duration
	Now func() time.Time
}

// NewEvidenceLinks derives the link-signing key from the platform secret, so that the secret itself
// signs nothing but access tokens.
func NewEvidenceLinks(secret []byte, ttl time.Duration, now func() time.Time) *EvidenceLinks {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("redline evidence download link v1"))
	return &EvidenceLinks{key: m.Sum(nil), TTL: ttl, Now: now}
}

func (l *EvidenceLinks) mac(evidenceID string, userID int64, exp int64) []byte {
	m := hmac.New(sha256.New, l.key)
	fmt.Fprintf(m, "%s\n%d\n%d", evidenceID, userID, exp)
	return m.Sum(nil)
}

// Sign returns the path of a download link for the user, and when it expires.
func (l *EvidenceLinks) Sign(evidenceID string, userID int64) (string, time.Time) {
	exp := l.Now().Add(l.TTL).Truncate(time.Second)
	q := url.Values{}
	q.Set("exp", strconv.FormatInt(exp.Unix(), 10))
	q.Set("sig", base64.RawURLEncoding.EncodeToString(l.mac(evidenceID, userID, exp.Unix())))
	return "/evidence/" + url.PathEscape(evidenceID) + "?" + q.Encode(), exp
}

// Verify checks a link's expiry and signature for the user presenting it: ErrLinkInvalid when it
// was not issued to them for this evidence, ErrLinkExpired when it was but has expired.
func (l *EvidenceLinks) Verify(evidenceID string, userID int64, exp, sig string) error {
	e, err := strconv.ParseInt(exp, 10, 64)
	if err != nil {
		return ErrLinkInvalid
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, l.mac(evidenceID, userID, e)) {
		return ErrLinkInvalid
	}
	if !l.Now().Before(time.Unix(e, 0)) {
		return ErrLinkExpired
	}
	return nil
}
