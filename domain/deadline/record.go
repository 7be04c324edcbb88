package deadline

import (
	"fmt"
	"slices"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Record is what a store keeps of a deadline: the start and the events, not the derived due instant,
// so that Restore recounts them (with a corrected calendar, if one was corrected).
type Record struct {
	Kind          Kind        `json:"kind"`
	Jurisdiction  string      `json:"jurisdiction"`
	PolicyVersion string      `json:"policyVersion"`
	StartedAt     time.Time   `json:"startedAt"`
	Pauses        []Pause     `json:"pauses,omitempty"`
	Extensions    []Extension `json:"extensions,omitempty"`
	MetAt         time.Time   `json:"metAt,omitzero"`
}

// Record returns what a store keeps of the deadline.
func (d *Deadline) Record() Record {
	return Record{
		Kind: d.kind, Jurisdiction: d.policy.Jurisdiction, PolicyVersion: d.policy.Version,
		StartedAt: d.startedAt, Pauses: d.Pauses(), Extensions: d.Extensions(), MetAt: d.metAt,
	}
}

// Restore rebuilds a deadline from its record by replaying its events through the same checks as
// the live operations, under the policy version the record names (see BuiltinPolicyVersion).
func Restore(r Record, p *Policy, cal *Calendar) (*Deadline, error) {
	if p == nil || p.Jurisdiction != r.Jurisdiction || p.Version != r.PolicyVersion {
		return nil, domain.Invalid("policy", fmt.Sprintf("the record needs policy %s %s", r.Jurisdiction, r.PolicyVersion), "时限政策版本不符")
	}
	d, err := Start(r.Kind, r.StartedAt, p, cal)
	if err != nil {
		return nil, err
	}
	// Replay in time order; at one instant a resume comes before an extension, a new pause and the
	// step that meets the clock, which is the order the live operations allow.
	type event struct {
		at    time.Time
		order int
		apply func() error
	}
	var events []event
	for _, pa := range r.Pauses {
		events = append(events, event{pa.Since, 2, func() error { return d.Pause(pa.Since, pa.Reason, pa.By, pa.Note) }})
		if !pa.Open() {
			events = append(events, event{pa.Until, 0, func() error { return d.Resume(pa.Until) }})
		}
	}
	for _, e := range r.Extensions {
		events = append(events, event{e.At, 1, func() error {
			return d.Extend(e.At, e.To, Approval{By: e.By, Role: e.Role, Reason: e.Reason})
		}})
	}
	if !r.MetAt.IsZero() {
		events = append(events, event{r.MetAt, 3, func() error { return d.Meet(r.MetAt) }})
	}
	slices.SortStableFunc(events, func(a, b event) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return a.order - b.order
	})
	for _, e := range events {
		if err := e.apply(); err != nil {
			return nil, fmt.Errorf("deadline: restore %s: %w", r.Kind, err)
		}
	}
	return d, nil
}
