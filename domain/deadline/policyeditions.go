package deadline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/jsondoc"
)

// ActUpdatePolicy is the admin audit log's action for a published deadline policy edition.
const ActUpdatePolicy = "policy.update"

// MaxStageDays is the longest stage an admin may publish, in the clock's unit.
const MaxStageDays = 365

// MaxExtensionFactor bounds the last (maximum) extension of a clock: at most this many times its
// first stage.
const MaxExtensionFactor = 4

// PolicySource gives the deadline policy editions a Clock counts with.
type PolicySource interface {
	// InForce returns the edition of a jurisdiction in effect at t.
	InForce(jurisdiction string, t time.Time) (*Policy, error)
	// Version returns the edition a stored clock names.
	Version(jurisdiction, version string) (*Policy, error)
}

// PolicyEdition is one published edition of a jurisdiction's deadline policy. The built-in editions
// are revisions 1…n; admins publish the next ones.
type PolicyEdition struct {
	Jurisdiction string
	Revision     int
	Version      string // "<built-in version>+r<revision>", unique among the jurisdiction's editions
	Document     []byte // the policy document (docs/DEADLINES.md, "Policy data format")
	Reason       string
	CreatedBy    int64
	CreatedAt    time.Time
}

// PolicyStore keeps the published policy editions.
type PolicyStore interface {
	// PolicyEditions returns the stored editions of a jurisdiction, oldest first.
	PolicyEditions(ctx context.Context, jurisdiction string) ([]PolicyEdition, error)
	// SavePolicy stores an edition with its entry in the admin audit log in one transaction; an
	// edition that exists already is a CONFLICT.
	SavePolicy(ctx context.Context, e PolicyEdition, act domain.AdminAct) error
}

// Policies is the versioned deadline policies: the built-in editions and the ones admins publish.
// A published edition takes effect at the instant it is published, so it counts clocks started from
// then on; a running clock keeps the edition its record names. The processes that count clocks read
// the stored editions again within TTL, as Calendars does.
type Policies struct {
	Store PolicyStore
	Authz domain.Authorizer
	Now   func() time.Time
	TTL   time.Duration // how long a process keeps the editions it read; 0 means 30 seconds

	cache editionCache[storedPolicies]
}

type storedPolicy struct {
	PolicyEdition
	policy *Policy
}

// storedPolicies are a jurisdiction's stored editions, oldest first; editions are only added, so
// more of them are newer.
type storedPolicies []storedPolicy

func (s storedPolicies) newerThan(o storedPolicies) bool { return len(s) > len(o) }

var _ PolicySource = (*Policies)(nil)

// stored returns the stored editions of a jurisdiction, read once and again in the background when
// older than TTL; the editions read before are kept when the database fails (editionCache).
func (s *Policies) stored(jurisdiction string) (storedPolicies, error) {
	if s == nil || s.Store == nil {
		return nil, nil
	}
	return s.cache.get(jurisdiction, s.TTL, s.reader(jurisdiction))
}

// load reads the stored editions of a jurisdiction now.
func (s *Policies) load(jurisdiction string) (storedPolicies, error) {
	return s.cache.load(jurisdiction, s.reader(jurisdiction))
}

// reader reads and parses the stored editions.
func (s *Policies) reader(jurisdiction string) func() (storedPolicies, error) {
	return func() (storedPolicies, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		es, err := s.Store.PolicyEditions(ctx, jurisdiction)
		if err != nil {
			return nil, fmt.Errorf("deadline: policies %s: %w", jurisdiction, err)
		}
		out := make(storedPolicies, 0, len(es))
		for _, e := range es {
			p, err := ParsePolicy(e.Document)
			if err != nil {
				return nil, fmt.Errorf("deadline: policies %s: %w", jurisdiction, err)
			}
			out = append(out, storedPolicy{e, p})
		}
		return out, nil
	}
}

// InForce implements PolicySource: the latest edition, built-in or published, in effect at t.
func (s *Policies) InForce(jurisdiction string, t time.Time) (*Policy, error) {
	p, err := BuiltinPolicy(jurisdiction, t)
	if err != nil {
		return nil, err
	}
	es, err := s.stored(jurisdiction)
	if err != nil {
		return nil, err
	}
	for i := len(es) - 1; i >= 0; i-- {
		if q := es[i].policy; !q.EffectiveFrom.After(t) && q.EffectiveFrom.After(p.EffectiveFrom) {
			return q, nil
		}
	}
	return p, nil
}

// Version implements PolicySource: a built-in edition, else a published one (read again from the
// store when another process published it since this one last read).
func (s *Policies) Version(jurisdiction, version string) (*Policy, error) {
	if p, err := BuiltinPolicyVersion(jurisdiction, version); err == nil || !strings.Contains(version, "+r") {
		return p, err
	}
	find := func(es []storedPolicy) *Policy {
		i := slices.IndexFunc(es, func(e storedPolicy) bool { return e.Version == version })
		if i < 0 {
			return nil
		}
		return es[i].policy
	}
	es, err := s.stored(jurisdiction)
	if err != nil {
		return nil, err
	}
	if p := find(es); p != nil {
		return p, nil
	}
	if s != nil && s.Store != nil {
		if es, err = s.load(jurisdiction); err != nil {
			return nil, err
		}
		if p := find(es); p != nil {
			return p, nil
		}
	}
	return nil, domain.Invalid("version", fmt.Sprintf("no %s deadline policy version %q", jurisdiction, version), "未找到该版本的时限政策")
}

// Current returns the edition in force now with its revision: the last published one, else the
// built-in edition in effect (revision = its place among the built-in editions).
func (s *Policies) Current(ctx context.Context, jurisdiction string) (PolicyEdition, error) {
	now := time.Now()
	if s != nil && s.Now != nil {
		now = s.Now()
	}
	p, err := BuiltinPolicy(jurisdiction, now)
	if err != nil {
		return PolicyEdition{}, err
	}
	all, err := builtinPolicies()
	if err != nil {
		return PolicyEdition{}, err
	}
	builtins := all[jurisdiction]
	if s != nil && s.Store != nil {
		es, err := s.Store.PolicyEditions(ctx, jurisdiction)
		if err != nil {
			return PolicyEdition{}, err
		}
		if len(es) > 0 {
			return es[len(es)-1], nil
		}
	}
	doc, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return PolicyEdition{}, err
	}
	return PolicyEdition{Jurisdiction: jurisdiction, Revision: len(builtins), Version: p.Version, Document: doc, Reason: "built-in"}, nil
}

// Publish lets an admin replace a jurisdiction's deadline policy: the document (start from the
// edition in force) is validated as the built-in ones are and by the edit rules (days per stage
// from 1 to MaxStageDays, the last extension at most MaxExtensionFactor times the first stage),
// gets the next revision, a version of its own and effectiveFrom = now, and is recorded in the admin
// audit log with the reason. expectedRevision, when not 0, must be the revision in force (else
// CONFLICT).
func (s *Policies) Publish(ctx context.Context, jurisdiction, document, reason string, expectedRevision int) (PolicyEdition, error) {
	a := domain.ActorFrom(ctx)
	if err := domain.MayManagePolicy(a, s.Authz); err != nil {
		return PolicyEdition{}, err
	}
	reason, err := domain.PolicyChangeReason(reason, "say why the deadlines change, e.g. which rule (at most 2000 characters)", "请说明修改时限的原因，如依据的规定（最多2000字）")
	if err != nil {
		return PolicyEdition{}, err
	}
	if len(document) > 64<<10 {
		return PolicyEdition{}, domain.Invalid("policy", "the policy document is larger than 64 KB", "时限政策数据超过64 KB")
	}
	// One JSON value, each key once (session 32, sec32): a policy with text after it was published,
	// and of two equal keys the decoder kept the last. Stored editions are read as before.
	if problem := jsondoc.Problem([]byte(document)); problem != "" {
		return PolicyEdition{}, domain.Invalid("policy", problem, "时限政策数据须为单个JSON值，且每个键只出现一次（不区分大小写）")
	}
	next, err := ParsePolicy([]byte(document))
	if err != nil {
		return PolicyEdition{}, err
	}
	if next.Jurisdiction != jurisdiction {
		return PolicyEdition{}, domain.Invalid("policy.jurisdiction", fmt.Sprintf("the document is the policy of %q, not of %s", next.Jurisdiction, jurisdiction), "时限政策的司法辖区与所选的不一致")
	}
	if err := checkEdit(next); err != nil {
		return PolicyEdition{}, err
	}
	cur, err := s.Current(ctx, jurisdiction)
	if err != nil {
		return PolicyEdition{}, err
	}
	if expectedRevision != 0 && expectedRevision != cur.Revision {
		return PolicyEdition{}, domain.ErrConflict
	}
	was, err := ParsePolicy(cur.Document)
	if err != nil {
		return PolicyEdition{}, err
	}
	now := s.Now()
	base, err := BuiltinPolicy(jurisdiction, now)
	if err != nil {
		return PolicyEdition{}, err
	}
	rev := cur.Revision + 1
	next.Version, next.EffectiveFrom = fmt.Sprintf("%s+r%d", base.Version, rev), now
	doc, err := json.MarshalIndent(next, "", "  ")
	if err != nil {
		return PolicyEdition{}, err
	}
	e := PolicyEdition{Jurisdiction: jurisdiction, Revision: rev, Version: next.Version, Document: doc, Reason: reason, CreatedBy: a.UserID, CreatedAt: now}
	act := domain.NewAdminAct(ctx, ActUpdatePolicy, fmt.Sprintf("deadline-policy:%s:%d", jurisdiction, rev), reason,
		map[string]any{"jurisdiction": jurisdiction, "version": e.Version, "previousVersion": cur.Version, "changed": changedStages(was, next)}, now)
	if err := s.Store.SavePolicy(ctx, e, act); err != nil {
		return PolicyEdition{}, err
	}
	_, _ = s.load(jurisdiction) // count with it here at once (if reading fails, within TTL)
	return e, nil
}

// checkEdit applies the rules an edited edition must meet beyond ParsePolicy's.
func checkEdit(p *Policy) error {
	for _, k := range Kinds {
		c := p.Clocks[k]
		field := "policy.clocks." + string(k)
		for i, st := range c.Stages {
			if st.Days > MaxStageDays {
				return domain.Invalid(fmt.Sprintf("%s.stages[%d].days", field, i), fmt.Sprintf("%s %s: %d days is more than %d", k, st.Stage, st.Days, MaxStageDays),
					fmt.Sprintf("%s 的 %s 阶段不能超过 %d 天", k, st.Stage, MaxStageDays))
			}
		}
		first, last := c.Stages[0], c.Stages[len(c.Stages)-1]
		if len(c.Stages) > 1 && last.Days > MaxExtensionFactor*first.Days {
			return domain.Invalid(fmt.Sprintf("%s.stages[%d].days", field, len(c.Stages)-1),
				fmt.Sprintf("%s: the longest extension (%d days) may be at most %d times the first stage (%d days)", k, last.Days, MaxExtensionFactor, first.Days),
				fmt.Sprintf("%s 的最长延期（%d 天）不能超过首个阶段（%d 天）的 %d 倍", k, last.Days, first.Days, MaxExtensionFactor))
		}
	}
	return nil
}

// changedStages lists the stages whose length or unit differ between two editions, for the audit
// record: "KIND.STAGE: 15→20 CALENDAR_DAYS".
func changedStages(was, now *Policy) []string {
	var out []string
	for _, k := range Kinds {
		a, b := was.Clocks[k], now.Clocks[k]
		for i, st := range b.Stages {
			old := 0
			if i < len(a.Stages) && a.Stages[i].Stage == st.Stage {
				old = a.Stages[i].Days
			}
			if old != st.Days || a.Unit != b.Unit {
				out = append(out, fmt.Sprintf("%s.%s: %d→%d %s", k, st.Stage, old, st.Days, b.Unit))
			}
		}
	}
	return out
}
