package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/jsondoc"
)

// PackRecord is one stored revision of a jurisdiction's pack document.
type PackRecord struct {
	ID        Jurisdiction
	Revision  int
	Edition   string // the document's own "version" label
	Document  []byte
	CreatedBy int64 // 0 for the built-in revision
	Reason    string
	CreatedAt time.Time
}

// PackStore keeps every revision of the rule packs. Revisions are never changed.
type PackStore interface {
	// LatestRevision returns the number of a pack's newest revision, 0 when none is stored.
	LatestRevision(ctx context.Context, id Jurisdiction) (int, error)
	// LatestPack returns a pack's newest revision; NOT_FOUND when none is stored.
	LatestPack(ctx context.Context, id Jurisdiction) (PackRecord, error)
	// PackRevision returns one revision; NOT_FOUND when there is no such revision.
	PackRevision(ctx context.Context, id Jurisdiction, revision int) (PackRecord, error)
	// PackRevisions lists a pack's revisions, newest first.
	PackRevisions(ctx context.Context, id Jurisdiction) ([]PackRecord, error)
	// SavePack stores a revision, with the admin audit entry when one is given, in one
	// transaction; a revision that exists already is a CONFLICT.
	SavePack(ctx context.Context, rec PackRecord, act *domain.AdminAct) error
}

// StoredPack is a revision of a pack, parsed.
type StoredPack struct {
	PackRecord
	Pack *Pack
}

// Library serves the current revision of each jurisdiction's pack and lets admins add revisions.
// The built-in documents are stored as revision 1 the first time a pack is used.
type Library struct {
	Store PackStore
	Authz domain.Authorizer
	Now   func() time.Time
	// Published, when set, is told of each revision an admin publishes, after it is stored (the
	// rule reassessment hook, REDLINE_REASSESS_DAYS). The revision is in force whatever it does.
	Published func(ctx context.Context, sp *StoredPack)

	parsed  sync.Map           // "CN@3" -> *Pack: a stored revision never changes, so neither does its parse
	parsing singleflight.Group // "CN@3": the workers' goroutines starting together parse a revision once
	stored  sync.Map           // "CN@3" -> *StoredPack, for Current: the document is read once per revision
}

// MaxPackBytes bounds a pack document.
const MaxPackBytes = 1 << 20

// Current returns the revision of a jurisdiction's pack in force; under a read-once scope
// (domain.WithReadOnce: a batch of complaints routed together), the one in force when first asked.
func (l *Library) Current(ctx context.Context, j Jurisdiction) (*StoredPack, error) {
	return domain.ReadOnce(ctx, "rules.current "+string(j), func() (*StoredPack, error) { return l.current(ctx, j) })
}

func (l *Library) current(ctx context.Context, j Jurisdiction) (*StoredPack, error) {
	if _, err := Default(j); err != nil {
		return nil, err
	}
	// Routing asks for the pack of every complaint: the newest revision's number is a cheap
	// index look-up, and a revision already read is served from memory (revisions never change).
	rev, err := l.Store.LatestRevision(ctx, j)
	if err != nil {
		return nil, err
	}
	if sp, ok := l.stored.Load(string(j) + "@" + strconv.Itoa(rev)); ok && rev > 0 {
		return sp.(*StoredPack), nil
	}
	rec, err := l.Store.LatestPack(ctx, j)
	if domain.CodeOf(err) == domain.CodeNotFound {
		doc, _ := BuiltinDocument(j)
		def, _ := Default(j)
		err = l.Store.SavePack(ctx, PackRecord{ID: j, Revision: 1, Edition: def.Version, Document: doc,
			Reason: "built-in pack", CreatedAt: l.Now()}, nil)
		if err != nil && domain.CodeOf(err) != domain.CodeConflict { // a concurrent first use stored it
			return nil, err
		}
		rec, err = l.Store.LatestPack(ctx, j)
	}
	if err != nil {
		return nil, err
	}
	sp, err := l.load(rec)
	if err == nil {
		l.stored.Store(string(j)+"@"+strconv.Itoa(rec.Revision), sp)
	}
	return sp, err
}

func (l *Library) load(rec PackRecord) (*StoredPack, error) {
	key := string(rec.ID) + "@" + strconv.Itoa(rec.Revision)
	p, err, _ := l.parsing.Do(key, func() (any, error) {
		if p, ok := l.parsed.Load(key); ok {
			return p, nil
		}
		// A revision that is the built-in document (revision 1, as a rule) is the built-in pack,
		// compiled when the program started: share it rather than hold a second compiled copy.
		if doc, err := BuiltinDocument(rec.ID); err == nil && bytes.Equal(doc, rec.Document) {
			p, _ := Default(rec.ID)
			l.parsed.Store(key, p)
			return p, nil
		}
		p, err := Parse(rec.Document)
		if err != nil {
			return nil, domain.Errorf(domain.CodeInternal, "stored pack %s: %v", key, err)
		}
		l.parsed.Store(key, p)
		return p, nil
	})
	if err != nil {
		return nil, err
	}
	return &StoredPack{PackRecord: rec, Pack: p.(*Pack)}, nil
}

// mayRead lets the regulator's staff and admins read a pack's history.
func (l *Library) mayRead(ctx context.Context) error {
	return domain.MayReadPolicy(domain.ActorFrom(ctx), l.Authz)
}

// Revision returns one stored revision of a pack (0: the current one). Packs are public law, so
// anyone may read them.
func (l *Library) Revision(ctx context.Context, j Jurisdiction, revision int) (*StoredPack, error) {
	if revision == 0 {
		return l.Current(ctx, j)
	}
	if _, err := Default(j); err != nil {
		return nil, err
	}
	rec, err := l.Store.PackRevision(ctx, j, revision)
	if err != nil {
		return nil, err
	}
	sp, err := l.load(rec)
	if err == nil {
		l.stored.Store(string(j)+"@"+strconv.Itoa(rec.Revision), sp)
	}
	return sp, err
}

// Revisions lists every revision of a pack, newest first, with who changed it, when and why; for
// staff and admins.
func (l *Library) Revisions(ctx context.Context, j Jurisdiction) ([]PackRecord, error) {
	if err := l.mayRead(ctx); err != nil {
		return nil, err
	}
	if _, err := l.Current(ctx, j); err != nil { // make sure revision 1 exists
		return nil, err
	}
	return l.Store.PackRevisions(ctx, j)
}

// Try parses a draft of a jurisdiction's pack as Update would, without storing it, so that an
// admin can run it against example texts before publishing; admins only. The errors are Update's.
func (l *Library) Try(ctx context.Context, j Jurisdiction, doc []byte) (*Pack, error) {
	if err := domain.MayManagePolicy(domain.ActorFrom(ctx), l.Authz); err != nil {
		return nil, err
	}
	if _, err := Default(j); err != nil {
		return nil, err
	}
	return parseDraft(j, doc)
}

// parseDraft validates a pack document of jurisdiction j as the engine loads it.
func parseDraft(j Jurisdiction, doc []byte) (*Pack, error) {
	if len(doc) > MaxPackBytes {
		return nil, domain.Invalid("document", "the pack document is larger than 1 MiB", "规则包文件超过1 MiB")
	}
	// One JSON value, each key once (session 32, sec32): of two equal keys the decoder kept the last,
	// so a pack was published whose stored text shows a phrase list, a weight or a switch that does
	// not judge. Stored revisions are read as before.
	if problem := jsondoc.Problem(doc); problem != "" {
		return nil, domain.Invalid("document", "the pack is not valid: "+problem, "规则包无效：文件须为单个JSON值，且每个键只出现一次（不区分大小写）")
	}
	p, err := Parse(doc)
	if err != nil {
		return nil, domain.Invalid("document", "the pack is not valid: "+strings.TrimPrefix(err.Error(), "rules: "), "规则包无效："+packErrorZh(strings.TrimPrefix(err.Error(), "rules: ")))
	}
	if p.Jurisdiction != j {
		return nil, domain.Invalid("document", "the document is the pack of "+string(p.Jurisdiction)+", not "+string(j), "文件属于"+string(p.Jurisdiction)+"规则包，而不是"+string(j))
	}
	return p, nil
}

// Update lets an admin replace a jurisdiction's pack with a new document: it is validated as the
// engine would load it, stored as the next revision and recorded in the admin audit log. When
// expectedRevision is not 0 it must be the current revision, else CONFLICT.
func (l *Library) Update(ctx context.Context, j Jurisdiction, doc []byte, reason string, expectedRevision int) (*StoredPack, error) {
	a := domain.ActorFrom(ctx)
	if err := domain.MayManagePolicy(a, l.Authz); err != nil {
		return nil, err
	}
	if _, err := Default(j); err != nil {
		return nil, err
	}
	reason, err := domain.PolicyChangeReason(reason, "say why the pack changes (at most 2000 characters)", "请说明修改规则包的原因（最多2000字）")
	if err != nil {
		return nil, err
	}
	p, err := parseDraft(j, doc)
	if err != nil {
		return nil, err
	}
	cur, err := l.Current(ctx, j)
	if err != nil {
		return nil, err
	}
	if expectedRevision != 0 && expectedRevision != cur.Revision {
		return nil, domain.ErrConflict
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, doc); err != nil {
		return nil, domain.Invalid("document", "the document is not JSON", "文件不是JSON")
	}
	rec := PackRecord{ID: j, Revision: cur.Revision + 1, Edition: p.Version, Document: compact.Bytes(),
		CreatedBy: a.UserID, Reason: reason, CreatedAt: l.Now()}
	act := domain.NewAdminAct(ctx, domain.ActUpdateRulePack, "rule-pack:"+string(j), reason,
		map[string]any{"revision": rec.Revision, "previousRevision": cur.Revision, "version": p.Version,
			"previousVersion": cur.Edition}, rec.CreatedAt)
	if err := l.Store.SavePack(ctx, rec, &act); err != nil {
		return nil, err
	}
	sp, err := l.load(rec)
	if err == nil && l.Published != nil {
		// The revision is stored and in force: what follows its publication (the reassessment) must
		// not be stopped by the request's deadline or its client going away (review of attack round 20).
		l.Published(context.WithoutCancel(ctx), sp)
	}
	return sp, err
}
