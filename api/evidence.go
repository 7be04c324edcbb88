package api

// Evidence upload and download, for the web UI and other clients.
//
// Upload (two steps, so that a large file never travels inside a GraphQL request):
//
//  1. POST /evidence with the header "Authorization: Bearer <token>" and a multipart/form-data
//     body whose field "file" holds the file (any file name; the type is decided by the content:
//     JPEG, PNG, WebP, HEIC, MP3, M4A, AMR, WAV, OGG, MP4, MOV, 3GP or PDF; at most
//     EVIDENCE_MAX_BYTES, 50 MB by default). The answer is 201 with
//     {"uploadToken": "...", "sha256": "...", "size": 1234, "contentType": "image/png", "kind": "IMAGE"}.
//     Errors come in GraphQL's shape, {"errors": [{"message", "extensions": {"code", "field"}}]}:
//     401 UNAUTHENTICATED, 403 FORBIDDEN (neither a complainant nor a recipient institution's staff), 413 BAD_USER_INPUT field "file"
//     (too large), 400 BAD_USER_INPUT field "file" (empty, or a type not accepted), 429
//     RATE_LIMITED with Retry-After (too many uploads per user or address:
//     REDLINE_EVIDENCE_RATE_USER, REDLINE_EVIDENCE_RATE_ADDR), 429 RATE_LIMITED field "file" (more
//     than REDLINE_EVIDENCE_UNATTACHED_MAX bytes uploaded and not yet attached).
//  2. mutation { addEvidence(complaintId: "...", uploadToken: "...", description: "...") { id sha256 } }
//     attaches it to the complainant's own open complaint, or, for a recipient institution's staff,
//     to a complaint forwarded to their institution while it still owes its final answer. A token
//     works once, only for the user who uploaded it, and for 24 hours.
//
// Pasted collector messages need no upload: mutation addCollectorMessages(complaintId, messages).
//
// Download: query Complaint.evidence { downloadUrl } and GET that URL (/evidence/{id}?exp=&sig=)
// with the same Authorization header, within 5 minutes. The link is bound to the user it was issued
// to: 403 FORBIDDEN for anyone else, 410 FORBIDDEN once expired, 409 CONFLICT when the stored file
// no longer matches its SHA-256 (it is then not served), 429 RATE_LIMITED with Retry-After when the
// user already runs MaxDownloadsPerUser downloads (or the address MaxDownloadsPerAddr), or over the
// /graphql request limits. A browser cannot put the header on a plain
// <a href>, so fetch the URL with the header and offer the blob (URL.createObjectURL) for saving.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// multipartOverhead is what a multipart body may carry beyond the file: boundaries and headers.
const multipartOverhead = 64 << 10

// uploadEvidence streams the "file" field of a multipart form to the evidence service.
// maxFormParts bounds the form fields an upload may send before its "file": each part costs the
// multipart reader about 64 µs, and a body of the largest size made of empty fields held a core for
// tens of seconds (50,000 parts before the file: 3.2 s; found by hand). The portal sends one.
const maxFormParts = 10

func (s *Server) uploadEvidence(w http.ResponseWriter, r *http.Request) {
	if s.Evidence == nil {
		writeErrors(w, http.StatusNotFound, domain.ErrNotFound)
		return
	}
	ctx, ok := s.evidenceActor(w, r)
	if !ok {
		return
	}
	if limited := s.UploadLimiter.Allow(ctx, domain.ActorFrom(ctx), ClientAddr(ctx)); limited != nil {
		w.Header().Set("Connection", "close") // the body is not read
		writeRateLimited(w, limited)
		return
	}
	max := s.Evidence.MaxUploadBytes()
	tooLarge := domain.FileTooLarge(max)
	if r.ContentLength > max+multipartOverhead {
		w.Header().Set("Connection", "close")
		writeErrors(w, http.StatusRequestEntityTooLarge, tooLarge)
		return
	}
	// A large file on a phone connection takes longer than the server's default timeouts.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(15 * time.Minute))
	_ = rc.SetWriteDeadline(time.Now().Add(uploadWriteTimeout))
	r.Body = http.MaxBytesReader(w, r.Body, max+multipartOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		writeErrors(w, http.StatusBadRequest, domain.Invalid("file", `send multipart/form-data with the file in the field "file"`, "请以multipart/form-data上传，文件字段名为file"))
		return
	}
	for parts := 0; ; parts++ {
		if parts > maxFormParts {
			writeErrors(w, http.StatusBadRequest, domain.Invalid("file", fmt.Sprintf(`send the field "file" among the first %d fields of the form`, maxFormParts),
				fmt.Sprintf("file字段须在表单的前%d个字段之内", maxFormParts)))
			return
		}
		part, err := mr.NextPart()
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeErrors(w, http.StatusRequestEntityTooLarge, tooLarge)
				return
			}
			writeErrors(w, http.StatusBadRequest, domain.Invalid("file", `no field "file" in the form`, "表单中没有file字段"))
			return
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		body := &bodyReader{r: part}
		up, err := s.Evidence.Upload(ctx, body)
		part.Close()
		var mbe *http.MaxBytesError
		switch {
		case errors.Is(err, domain.ErrFileTooLarge), errors.As(err, &mbe):
			w.Header().Set("Connection", "close")
			writeErrors(w, http.StatusRequestEntityTooLarge, tooLarge)
			return
		case err != nil && body.err != nil:
			// The request's body ended before the form did, or the client went away: the client's
			// failure, not the server's (it was 500 INTERNAL with an ERROR line; session 16).
			slog.DebugContext(r.Context(), "evidence upload cut short", "err", withoutAddresses(body.err))
			w.Header().Set("Connection", "close")
			writeErrors(w, http.StatusBadRequest, domain.Invalid("file", "the upload ended before the whole file was received; send it again",
				"文件未完整上传，请重新上传"))
			return
		case err != nil:
			writeDomainError(r, w, err)
			return
		}
		writeJSON(w, http.StatusCreated, map[string]any{
			"uploadToken": up.Token, "sha256": up.SHA256, "size": up.Size, "contentType": up.ContentType, "kind": string(up.Kind),
		})
		return
	}
}

// withoutAddresses is a network error as logs may hold it: a write to a client that went away
// names both ends of the connection ("write tcp 10.0.0.1:8080->203.0.113.7:51234: broken pipe"),
// and the logs hold no client address (docs/SECURITY.md, "What is never logged"); only what
// happened ("write: broken pipe", "i/o timeout") is kept. Other errors are returned as they are.
func withoutAddresses(err error) any {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err.Error()
	}
	return err
}

// bodyReader remembers the first error reading the request's body gave, other than its end.
type bodyReader struct {
	r   io.Reader
	err error
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF && b.err == nil {
		b.err = err
	}
	return n, err
}

// evidenceActor is the signed-in request's context for an upload or a download, or false once it
// has answered 401 (no valid token, or anonymous) or 403 (a first password to change).
func (s *Server) evidenceActor(w http.ResponseWriter, r *http.Request) (context.Context, bool) {
	ctx, err := s.authenticate(r)
	if err != nil {
		writeErrors(w, http.StatusUnauthorized, err)
		return nil, false
	}
	if domain.ActorFrom(ctx).MustChangePassword {
		writeErrors(w, http.StatusForbidden, domain.ErrPasswordChangeRequired)
		return nil, false
	}
	if domain.ActorFrom(ctx).Anonymous() {
		writeErrors(w, http.StatusUnauthorized, domain.ErrUnauthenticated)
		return nil, false
	}
	return ctx, true
}

// downloadEvidence serves an evidence file through a signed link, to the user it was issued to.
func (s *Server) downloadEvidence(w http.ResponseWriter, r *http.Request) {
	if s.Evidence == nil {
		writeErrors(w, http.StatusNotFound, domain.ErrNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	ctx, ok := s.evidenceActor(w, r)
	if !ok {
		return
	}
	a := domain.ActorFrom(ctx)
	id := r.PathValue("id")
	q := r.URL.Query()
	if err := s.Evidence.Links.Verify(id, a.UserID, q.Get("exp"), q.Get("sig")); err != nil {
		status := http.StatusForbidden
		if errors.Is(err, domain.ErrLinkExpired) {
			status = http.StatusGone
		}
		writeErrors(w, status, err)
		return
	}
	if limited := s.Limiter.Allow(ctx, a, ClientAddr(ctx)); limited != nil {
		writeRateLimited(w, limited)
		return
	}
	release, limited := s.takeDownload(ctx, a.UserID, ClientAddr(ctx))
	if limited != nil {
		writeRateLimited(w, limited)
		return
	}
	defer release()
	ev, body, err := s.Evidence.Open(ctx, id)
	if err != nil {
		writeDomainError(r, w, err)
		return
	}
	defer body.Close()
	ext := "bin"
	if t, ok := domain.TypeOf(ev.ContentType); ok {
		ext = t.Ext
	}
	h := w.Header()
	h.Set("Content-Type", ev.ContentType)
	h.Set("Content-Length", fmt.Sprint(ev.Size))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "evidence-" + ev.ID + "." + ext}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("X-Evidence-SHA256", ev.SHA256)
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(15 * time.Minute))
	w.WriteHeader(http.StatusOK)
	if _, err := io.Copy(w, body); err != nil {
		slog.WarnContext(r.Context(), "evidence download interrupted", "evidence", ev.ID, "err", withoutAddresses(err))
	}
}

// MaxDownloadsPerUser and MaxDownloadsPerAddr bound the evidence downloads one user, and one
// client address, run at once. Each download holds a checked copy of the whole file on the
// temporary disk until its client has read it (up to 15 minutes): unbounded, one complainant with
// a 40 MB file and 20 slow connections held 800 MB (session 16, attack2). The portal fetches a
// complaint's images and recordings one at a time.
const (
	MaxDownloadsPerUser = 4
	MaxDownloadsPerAddr = 16
)

// takeDownload takes a place for a download of the user's from addr, or answers why not (429
// RATE_LIMITED with a Retry-After of a second); release gives it back.
func (s *Server) takeDownload(ctx context.Context, userID int64, addr string) (release func(), _ *RateLimitedError) {
	busy := func() *RateLimitedError {
		return newRateLimited(inFlightRetryAfter, "too many of your downloads are running at once; wait for them, or try again in %s",
			"同时进行的下载过多，请等待其完成或%s后重试")
	}
	user := "user:" + strconv.FormatInt(userID, 10)
	if ok, _ := s.downloads.acquire(ctx, user, MaxDownloadsPerUser, MaxDownloadsPerUser); !ok {
		return nil, busy()
	}
	if ok, _ := s.downloads.acquire(ctx, "addr:"+addr, MaxDownloadsPerAddr, MaxDownloadsPerAddr); !ok {
		s.downloads.release(user)
		return nil, busy()
	}
	return func() { s.downloads.release("addr:" + addr); s.downloads.release(user) }, nil
}

// writeDomainError answers with the status that matches the error's code; internal errors are
// logged and shown only as INTERNAL.
//
// A request whose deadline passed or whose client went away (domain.Stopped) answers TIMEOUT with
// its reason when what failed is the stop's doing (a cancelled statement, a context error, an
// INTERNAL or UNAVAILABLE under it), as /graphql does: an upload stopped by its deadline after its
// body was read answered 500 INTERNAL with an ERROR line (round 20's leftover; session 26, attack).
func writeDomainError(r *http.Request, w http.ResponseWriter, err error) {
	if stop := domain.Stopped(r.Context()); stop != nil {
		switch de, ok := domain.AsError(err); {
		case !ok, errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
			de.Code == domain.CodeInternal, de.Code == domain.CodeUnavailable, de.Code == domain.CodeTimeout:
			slog.DebugContext(r.Context(), "request stopped", "route", r.Pattern, "reason", stop.Reason, "err", err)
			err = stop
		}
	}
	status := http.StatusInternalServerError
	switch domain.CodeOf(err) {
	case domain.CodeUnauthenticated:
		status = http.StatusUnauthorized
	case domain.CodeForbidden:
		status = http.StatusForbidden
	case domain.CodeInvalid:
		status = http.StatusBadRequest
	case domain.CodeNotFound:
		status = http.StatusNotFound
	case domain.CodeConflict:
		status = http.StatusConflict
	case domain.CodeRateLimited:
		status = http.StatusTooManyRequests
	case domain.CodeTimeout:
		status = http.StatusServiceUnavailable
	case domain.CodeUnavailable: // writeErrors answers and logs it
	default:
		slog.ErrorContext(r.Context(), "internal error", "route", r.Pattern, "err", err)
	}
	writeErrors(w, status, err)
}
