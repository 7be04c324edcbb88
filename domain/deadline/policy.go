package deadline

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/redline-regulator/redline/domain"
)

//go:embed policies/*.json
var policyFS embed.FS

// Kind names what a deadline is for: one clock per step of the complaint's handling.
type Kind string

// The deadline kinds (DOMAIN.md, "How a complaint is handled").
const (
	// Acceptance is the regulator's decision to accept, reject or refer, counted from submission.
	Acceptance Kind = "ACCEPTANCE"
	// InstitutionResponse is the institution's answer, counted from forwarding.
	InstitutionResponse Kind = "INSTITUTION_RESPONSE"
	// Feedback is the complainant's window to accept or dispute the answer, counted from the answer.
	Feedback Kind = "FEEDBACK"
	// Reopen is the window in which a closed complaint may be reopened, counted from closing.
	Reopen Kind = "REOPEN"
)

// Kinds lists every deadline kind; a policy must define a clock for each.
var Kinds = []Kind{Acceptance, InstitutionResponse, Feedback, Reopen}

// Unit says how a clock counts days.
type Unit string

// The counting units.
const (
	// WorkingDays counts the calendar's working days only (holidays out, make-up days in).
	WorkingDays Unit = "WORKING_DAYS"
	// CalendarDays counts every day.
	CalendarDays Unit = "CALENDAR_DAYS"
)

// PauseReason says why a clock is stopped; only the reasons a clock's policy lists may stop it.
type PauseReason string

// The pause reasons.
const (
	// WaitingForComplainant stops the clock while the complainant is asked for information.
	WaitingForComplainant PauseReason = "WAITING_FOR_COMPLAINANT"
	// OutsideAppraisal stops the clock while an outside appraisal (鉴定, 评估) is awaited.
	OutsideAppraisal PauseReason = "OUTSIDE_APPRAISAL"
)

// PauseReasons lists every pause reason.
var PauseReasons = []PauseReason{WaitingForComplainant, OutsideAppraisal}

// Stage names a step in a clock's sequence of lengths; a clock starts at its policy's first stage and
// an extension moves it to the next one.
type Stage string

// The stage names the built-in policies use; a policy may name its own.
const (
	// StageStandard is the first stage of every built-in clock (15 days for an institution).
	StageStandard Stage = "STANDARD"
	// StageExtended is a complex case's extension (to 30 days in CN).
	StageExtended Stage = "EXTENDED"
	// StageSeniorExtended is the final extension that needs a supervisor (to 60 days in CN).
	StageSeniorExtended Stage = "SENIOR_EXTENDED"
)

// Policy is one edition of a jurisdiction's deadline rules, as parsed from its JSON document. Every
// deadline records the version it was started under, so that a new edition never moves a running
// clock. Build it with ParsePolicy or BuiltinPolicy.
type Policy struct {
	Jurisdiction string `json:"jurisdiction"`
	// Version identifies this edition, e.g. "CN-2025.1".
	Version string `json:"version"`
	// EffectiveFrom is when clocks start using this edition.
	EffectiveFrom time.Time `json:"effectiveFrom"`
	// Source says where the rules come from, in English; SourceZh says it in Chinese (the portal
	// shows the reader's language; an edition published before SourceZh existed may lack it).
	Source   string `json:"source"`
	SourceZh string `json:"sourceZh,omitempty"`
	// RemindAt is the local time of day ("09:00") at which reminders are sent.
	RemindAt string `json:"remindAt"`
	// Clocks holds the rules of each deadline kind.
	Clocks map[Kind]*ClockPolicy `json:"clocks"`

	remindHour, remindMinute int
}

// ClockPolicy is how one kind of deadline is counted.
type ClockPolicy struct {
	// Unit says whether the clock counts working days or calendar days.
	Unit Unit `json:"unit"`
	// Stages are the clock's lengths in order, each counted from the start; the first applies at start.
	Stages []StagePolicy `json:"stages"`
	// PauseReasons are the reasons that may stop this clock (none: it cannot be paused).
	PauseReasons []PauseReason `json:"pauseReasons"`
	// RemindDaysBefore are reminder offsets, in the clock's unit, before the due day.
	RemindDaysBefore []int `json:"remindDaysBefore"`
	// DueSoonDays: from the start of the day this many units before the due day, the status is DUE_SOON.
	DueSoonDays int `json:"dueSoonDays"`
	// RollToWorkingDay moves a calendar-day clock's due day that is not a working day to the next
	// working day (民法典 art. 203).
	RollToWorkingDay bool `json:"rollToWorkingDay"`
	// Basis cites the rule the clock implements, in English; BasisZh cites it in Chinese.
	Basis   string `json:"basis"`
	BasisZh string `json:"basisZh,omitempty"`
}

// StagePolicy is one length of a clock and who may move the clock to it.
type StagePolicy struct {
	Stage Stage `json:"stage"`
	// Days is the clock's length at this stage, counted from the start (not added to the last stage).
	Days int `json:"days"`
	// ApproverRoles are the roles that may grant an extension to this stage (none: no approval needed).
	ApproverRoles []string `json:"approverRoles,omitempty"`
	// NotifyComplainant says that the complainant must be told when the clock moves to this stage.
	NotifyComplainant bool `json:"notifyComplainant,omitempty"`
}

// ParsePolicy reads and validates a policy document: unknown fields, a missing clock, a stage that is
// not longer than the one before, an approval on the first stage and unknown pause reasons are errors
// (BAD_USER_INPUT).
func ParsePolicy(doc []byte) (*Policy, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	var p Policy
	if err := dec.Decode(&p); err != nil {
		return nil, invalidPolicy("", "parse: %v", err)
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

func (p *Policy) validate() error {
	switch {
	case p.Jurisdiction == "":
		return invalidPolicy("jurisdiction", "jurisdiction is required")
	case p.Version == "":
		return invalidPolicy("version", "version is required")
	case p.EffectiveFrom.IsZero():
		return invalidPolicy("effectiveFrom", "effectiveFrom is required")
	}
	t, err := time.Parse("15:04", p.RemindAt)
	if err != nil {
		return invalidPolicy("remindAt", "remindAt %q: want HH:MM", p.RemindAt)
	}
	p.remindHour, p.remindMinute = t.Hour(), t.Minute()
	for k := range p.Clocks {
		if !slices.Contains(Kinds, k) {
			return invalidPolicy("clocks", "unknown deadline kind %q", k)
		}
	}
	for _, k := range Kinds {
		c := p.Clocks[k]
		if c == nil {
			return invalidPolicy("clocks."+string(k), "clock %s is required", k)
		}
		if err := c.validate("clocks." + string(k)); err != nil {
			return err
		}
	}
	return nil
}

func (c *ClockPolicy) validate(field string) error {
	if c.Unit != WorkingDays && c.Unit != CalendarDays {
		return invalidPolicyZh(field+".unit", "计算方式须为工作日（WORKING_DAYS）或自然日（CALENDAR_DAYS）", "unit %q: want %s or %s", c.Unit, WorkingDays, CalendarDays)
	}
	if c.RollToWorkingDay && c.Unit != CalendarDays {
		return invalidPolicyZh(field+".rollToWorkingDay", "按工作日计算的期限不适用节假日顺延", "rollToWorkingDay applies to %s clocks only", CalendarDays)
	}
	if len(c.Stages) == 0 {
		return invalidPolicy(field+".stages", "at least one stage is required")
	}
	for i, s := range c.Stages {
		sf := fmt.Sprintf("%s.stages[%d]", field, i)
		switch {
		case s.Stage == "":
			return invalidPolicy(sf+".stage", "stage name is required")
		case slices.ContainsFunc(c.Stages[:i], func(o StagePolicy) bool { return o.Stage == s.Stage }):
			return invalidPolicy(sf+".stage", "stage %s is listed twice", s.Stage)
		case s.Days < 1:
			return invalidPolicyZh(sf+".days", fmt.Sprintf("%s 阶段的天数须为正整数", s.Stage), "%s: days must be positive", s.Stage)
		case i > 0 && s.Days <= c.Stages[i-1].Days:
			return invalidPolicyZh(sf+".days", fmt.Sprintf("%s 阶段（%d 天）须长于上一阶段 %s（%d 天）", s.Stage, s.Days, c.Stages[i-1].Stage, c.Stages[i-1].Days),
				"%s: %d days is not longer than %s's %d", s.Stage, s.Days, c.Stages[i-1].Stage, c.Stages[i-1].Days)
		case i == 0 && (len(s.ApproverRoles) > 0 || s.NotifyComplainant):
			return invalidPolicy(sf, "%s: the first stage applies at start and takes no approval or notice", s.Stage)
		case slices.Contains(s.ApproverRoles, ""):
			return invalidPolicy(sf+".approverRoles", "%s: empty role", s.Stage)
		}
	}
	for i, r := range c.PauseReasons {
		if !slices.Contains(PauseReasons, r) || slices.Contains(c.PauseReasons[:i], r) {
			return invalidPolicy(field+".pauseReasons", "pause reason %q is unknown or listed twice", r)
		}
	}
	for i, n := range c.RemindDaysBefore {
		if n < 1 || slices.Contains(c.RemindDaysBefore[:i], n) {
			return invalidPolicy(field+".remindDaysBefore", "reminder offset %d must be positive and listed once", n)
		}
	}
	if c.DueSoonDays < 0 {
		return invalidPolicy(field+".dueSoonDays", "dueSoonDays must not be negative")
	}
	return nil
}

func invalidPolicy(field, format string, args ...any) error {
	return invalidPolicyZh(field, "时限政策数据有误", format, args...)
}

func invalidPolicyZh(field, zh, format string, args ...any) error {
	return invalidDocument("policy", field, zh, format, args...)
}

// stage returns the policy of stage s and its position in the sequence.
func (c *ClockPolicy) stage(s Stage) (StagePolicy, int, bool) {
	i := slices.IndexFunc(c.Stages, func(sp StagePolicy) bool { return sp.Stage == s })
	if i < 0 {
		return StagePolicy{}, -1, false
	}
	return c.Stages[i], i, true
}

// builtinPolicies holds every embedded edition per jurisdiction, oldest first.
var builtinPolicies = sync.OnceValues(func() (map[string][]*Policy, error) {
	out := map[string][]*Policy{}
	err := parseBuiltins(policyFS, "policies", ParsePolicy, func(name, base string, p *Policy) error {
		if !strings.HasPrefix(base, strings.ToLower(p.Jurisdiction)+"-") {
			return fmt.Errorf("deadline: built-in %s declares jurisdiction %s", name, p.Jurisdiction)
		}
		for _, q := range out[p.Jurisdiction] {
			if q.Version == p.Version || q.EffectiveFrom.Equal(p.EffectiveFrom) {
				return fmt.Errorf("deadline: built-in %s: version or effectiveFrom repeats %s", name, q.Version)
			}
		}
		out[p.Jurisdiction] = append(out[p.Jurisdiction], p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, ps := range out {
		slices.SortFunc(ps, func(a, b *Policy) int { return a.EffectiveFrom.Compare(b.EffectiveFrom) })
	}
	return out, nil
})

// BuiltinPolicy returns the embedded edition of a jurisdiction's policy in effect at t: the one with
// the latest EffectiveFrom not after t.
func BuiltinPolicy(jurisdiction string, t time.Time) (*Policy, error) {
	all, err := builtinPolicies()
	if err != nil {
		return nil, err
	}
	ps := all[jurisdiction]
	if len(ps) == 0 {
		return nil, domain.Invalid("jurisdiction", fmt.Sprintf("no deadline policy for jurisdiction %q", jurisdiction), "不支持该司法辖区")
	}
	for i := len(ps) - 1; i >= 0; i-- {
		if !ps[i].EffectiveFrom.After(t) {
			return ps[i], nil
		}
	}
	return nil, domain.Invalid("at", fmt.Sprintf("no %s deadline policy in effect at %s", jurisdiction, t.Format(time.RFC3339)), "该时间没有适用的时限政策")
}

// BuiltinPolicyVersion returns the embedded edition of a jurisdiction's policy with the given
// version, to restore a deadline under the rules it was started with.
func BuiltinPolicyVersion(jurisdiction, version string) (*Policy, error) {
	all, err := builtinPolicies()
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(all[jurisdiction], func(p *Policy) bool { return p.Version == version })
	if i < 0 {
		return nil, domain.Invalid("version", fmt.Sprintf("no %s deadline policy version %q", jurisdiction, version), "未找到该版本的时限政策")
	}
	return all[jurisdiction][i], nil
}

// BuiltinPolicyDocuments returns the embedded policy documents of a jurisdiction, by file name
// (oldest edition first), for people to read.
func BuiltinPolicyDocuments(jurisdiction string) ([][]byte, error) {
	all, err := builtinPolicies()
	if err != nil {
		return nil, err
	}
	if len(all[jurisdiction]) == 0 {
		return nil, domain.Invalid("jurisdiction", fmt.Sprintf("no deadline policy for jurisdiction %q", jurisdiction), "不支持该司法辖区")
	}
	entries, err := policyFS.ReadDir("policies")
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), strings.ToLower(jurisdiction)+"-") {
			continue
		}
		doc, err := policyFS.ReadFile(path.Join("policies", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, doc)
	}
	return out, nil
}
