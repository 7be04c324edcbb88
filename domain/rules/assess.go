package rules

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Confidences of incident rules: structured facts are stronger than words, and a presumption
// (Reg F's 7-in-7) can be rebutted.
const (
	confHours      = 0.9
	confDailyCap   = 0.9
	confWindow     = 0.85
	confThirdParty = 0.85
	confAfterStop  = 0.85
	confPersonal   = 0.45
	maxEvidence    = 20
)

// assessment accumulates evidence per violation type.
type assessment struct {
	p         *Pack
	evidence  map[domain.ViolationType][]Evidence
	dismissed []Evidence
	notes     []string
}

func (a *assessment) add(v domain.ViolationType, e Evidence) {
	a.evidence[v] = append(a.evidence[v], e)
}

// Assess applies the pack to the facts: every lexicon to the narrative and the messages, and the
// hour, cap, window, third-party and stop rules to the incidents and dated messages.
func (p *Pack) Assess(f Facts) Assessment {
	a := &assessment{p: p, evidence: map[domain.ViolationType][]Evidence{}}
	a.text("narrative", f.Narrative)
	for i, m := range f.Messages {
		a.text(fmt.Sprintf("messages[%d]", i), m.Text)
	}
	if len(f.Messages) > 0 {
		a.messages(f.Messages)
	}
	contacts := a.contacts(f)
	a.hours(contacts)
	a.thirdParties(contacts)
	a.dailyCap(contacts)
	a.windows(contacts)
	a.afterConversation(contacts)
	a.afterStop(f, contacts)
	return a.result()
}

// text matches the lexicons in one text.
func (a *assessment) text(source, text string) {
	for _, m := range a.p.matchText(text) {
		e := Evidence{Source: source, Phrase: m.phrase, Start: m.start, End: m.end, Pattern: m.pattern,
			Rule: ruleName(m), Law: m.law, Confidence: m.weight, Modifiers: m.modifiers}
		if m.negatedBy != "" {
			e.Type, e.Reason = m.typ, m.negatedBy
			e.Modifiers = append(slices.Clone(m.modifiers), m.negatedBy)
			a.dismissed = append(a.dismissed, e)
			continue
		}
		a.add(m.typ, e)
	}
}

// ruleName is what evidence says matched: the rule's id and its pattern.
func ruleName(m match) string {
	if m.name != "" {
		return m.name
	}
	if m.pattern == "" || m.pattern == m.rule {
		return m.rule
	}
	return m.rule + ": " + m.pattern
}

func (a *assessment) result() Assessment {
	out := Assessment{Jurisdiction: a.p.Jurisdiction, PackVersion: a.p.Version, Dismissed: a.dismissed, Notes: a.notes}
	for _, v := range domain.ViolationTypes {
		ev := a.evidence[v.Type]
		if len(ev) == 0 {
			continue
		}
		// The same pattern again is not independent evidence: each pattern (or rule) counts once, at
		// its strongest; distinct ones combine as independent signals.
		conf := combine(ev, false)
		if conf <= 0 {
			continue
		}
		if r := a.p.Violations[v.Type]; r != nil && r.WeakCap > 0 && conf > r.WeakCap && allWeak(ev) {
			conf = r.WeakCap
		}
		sort.SliceStable(ev, func(i, j int) bool { return ev[i].Confidence > ev[j].Confidence })
		if len(ev) > maxEvidence {
			ev = ev[:maxEvidence]
		}
		out.Violations = append(out.Violations, Finding{Type: v.Type, Confidence: conf, Evidence: ev,
			Firsthand: min(conf, combine(ev, true)), Legal: a.p.Violations[v.Type].Legal})
	}
	return out
}

// allWeak says no piece of evidence reaches the routing confidence by itself.
func allWeak(ev []Evidence) bool {
	for _, e := range ev {
		if e.Confidence >= domain.RoutingConfidence {
			return false
		}
	}
	return true
}

// combine joins evidence as independent signals, 1 − Π(1 − wᵢ), each pattern (or rule) once at its
// strongest; firsthand leaves out hearsay. Hearsay is one signal however many patterns it holds
// (what a friend or a review says about others does not add up to the complainant's own case).
func combine(ev []Evidence, firsthand bool) float64 {
	type signal struct {
		w       float64
		hearsay bool
	}
	best := map[string]signal{}
	for _, e := range ev {
		h := slices.Contains(e.Modifiers, "hearsay")
		if firsthand && h {
			continue
		}
		k := e.Pattern
		if k == "" {
			k = e.Source + e.Rule
		}
		if b, ok := best[k]; !ok || e.Confidence > b.w || e.Confidence == b.w && !h {
			best[k] = signal{e.Confidence, h}
		}
	}
	miss, hearsay := 1.0, 0.0
	for _, b := range best {
		if b.hearsay {
			hearsay = max(hearsay, b.w)
			continue
		}
		miss *= 1 - b.w
	}
	miss *= 1 - hearsay
	return math.Round(min(0.99, 1-miss)*100) / 100
}

// contact is an incident, or a dated message, read in the consumer's local time.
type contact struct {
	index     int    // incident index, or -1 for a message
	source    string // "incidents[3]" or "messages[1]"
	at        time.Time
	channel   Channel
	count     int
	connected bool
	contacted domain.Relation
	collector string
	dateOnly  bool   // the day is known, not the time
	day       string // for dateOnly: the day the complainant gave, read where it was given (China time)
}

// dateOnlyZone is where a day given without its time was stored, as noon (domain.Incident.DateOnly):
// its day is read there, before the incident moves to its own zone (noon in Shanghai is the evening
// before in Chicago).
var dateOnlyZone = time.FixedZone("CST", 8*3600)

// moment is when the contact happened as a finding says it: "2026-12-03 22:40", or "2026-12-03"
// for a contact the complainant gave the day of but not the time.
func (c contact) moment() string {
	if c.dateOnly {
		return c.day
	}
	return c.at.Format("2006-01-02 15:04")
}

func (a *assessment) contacts(f Facts) []contact {
	var out []contact
	for i, in := range f.Incidents {
		src := fmt.Sprintf("incidents[%d]", i)
		if in.At.IsZero() {
			continue
		}
		at := in.At
		switch {
		case in.Location != "":
			loc, err := time.LoadLocation(in.Location)
			if err != nil {
				a.notes = append(a.notes, fmt.Sprintf("%s: unknown time zone %q; its time was not judged", src, in.Location))
				continue
			}
			at = at.In(loc)
		case a.p.zone != nil:
			at = at.In(a.p.zone)
		}
		out = append(out, contact{index: i, source: src, at: at, channel: in.Channel, count: in.count(),
			connected: in.Connected, contacted: in.contacted(), collector: in.Collector, dateOnly: in.DateOnly,
			day: in.At.In(dateOnlyZone).Format(time.DateOnly)})
	}
	for i, m := range f.Messages {
		if m.At.IsZero() {
			continue
		}
		at := m.At
		if a.p.zone != nil {
			at = at.In(a.p.zone)
		}
		out = append(out, contact{index: -1, source: fmt.Sprintf("messages[%d]", i), at: at, channel: ChannelSMS,
			count: 1, contacted: domain.RelationSelf, collector: m.Sender})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

func (c contact) indexes() []int {
	if c.index < 0 {
		return nil
	}
	return []int{c.index}
}

func (c contact) what() string {
	return strings.ToLower(strings.ReplaceAll(string(c.channel), "_", " "))
}

func (a *assessment) debtorSide(r domain.Relation) bool {
	return slices.Contains(a.p.DebtorSide, r)
}

// hours flags contact outside the allowed hours. Letters are judged by when they were sent, which the
// complainant rarely knows, so they are left out.
func (a *assessment) hours(cs []contact) {
	for _, c := range cs {
		if c.channel == ChannelLetter || c.dateOnly {
			continue
		}
		minute := c.at.Hour()*60 + c.at.Minute()
		late := minute > a.p.end || (minute == a.p.end && (c.at.Second() > 0 || c.at.Nanosecond() > 0))
		if minute >= a.p.start && !late {
			continue
		}
		a.add(domain.ViolationImproperHours, Evidence{Source: c.source, Incidents: c.indexes(), Confidence: confHours,
			Rule: fmt.Sprintf("%s at %s (%s) outside %s–%s %s", c.what(), c.at.Format("15:04"), c.at.Format("2006-01-02 MST"),
				a.p.ContactHours.Start, a.p.ContactHours.End, a.p.ContactHours.Basis),
			RuleZh: fmt.Sprintf("%s时间 %s（%s），不在允许的 %s–%s 之内（%s）", c.whatZh(), c.at.Format("15:04"), c.at.Format("2006-01-02 MST"),
				a.p.ContactHours.Start, a.p.ContactHours.End, zhOr(a.p.ContactHours.BasisZh, a.p.ContactHours.Basis))})
	}
}

func (a *assessment) thirdParties(cs []contact) {
	for _, c := range cs {
		if !slices.Contains(a.p.ImproperRelations, c.contacted) {
			continue
		}
		a.add(domain.ViolationThirdPartyContact, Evidence{Source: c.source, Incidents: c.indexes(), Confidence: confThirdParty,
			Rule:   fmt.Sprintf("%s to the debtor's %s on %s", c.what(), words(string(c.contacted)), c.moment()),
			RuleZh: fmt.Sprintf("%s %s联系了借款人的%s", c.moment(), c.whatZh(), relationWordsZh(c.contacted))})
	}
}

// unnamedCollector counts, in a day's calls by collector, the calls of no named collector.
const unnamedCollector = "unnamed collector"

// dailyCap counts connected calls to the debtor per local day, across the lender and every agency.
func (a *assessment) dailyCap(cs []contact) {
	limit := a.p.DailyCap.ConnectedCalls
	if limit == 0 {
		return
	}
	type day struct {
		calls     int
		by        map[string]int
		incidents []int
	}
	days := map[string]*day{}
	var order []string
	for _, c := range cs {
		if c.channel != ChannelPhoneCall || !c.connected || !a.debtorSide(c.contacted) {
			continue
		}
		k := c.at.Format("2006-01-02")
		d := days[k]
		if d == nil {
			d = &day{by: map[string]int{}}
			days[k] = d
			order = append(order, k)
		}
		d.calls += c.count
		who := c.collector
		if who == "" {
			who = unnamedCollector
		}
		d.by[who] += c.count
		d.incidents = append(d.incidents, c.indexes()...)
	}
	for _, k := range order {
		d := days[k]
		if d.calls <= limit {
			continue
		}
		var parts, partsZh []string
		for _, who := range slices.Sorted(maps.Keys(d.by)) {
			parts = append(parts, fmt.Sprintf("%s %d", who, d.by[who]))
			if who == unnamedCollector {
				partsZh = append(partsZh, fmt.Sprintf("未具名的催收方 %d 次", d.by[who]))
			} else {
				partsZh = append(partsZh, fmt.Sprintf("%s %d 次", who, d.by[who]))
			}
		}
		a.add(domain.ViolationExcessiveContact, Evidence{Source: "incidents", Incidents: d.incidents, Confidence: confDailyCap,
			Rule: fmt.Sprintf("%d connected calls on %s (%s) exceed the cap of %d a day %s", d.calls, k,
				strings.Join(parts, ", "), limit, a.p.DailyCap.Scope),
			RuleZh: fmt.Sprintf("%s 接通电话 %d 次（%s），超过每日 %d 次的上限（%s）", k, d.calls,
				strings.Join(partsZh, "，"), limit, zhOr(a.p.DailyCap.ScopeZh, a.p.DailyCap.Scope))})
	}
}

// callTimes expands calls placed to the debtor into one instant per call.
func (a *assessment) callTimes(cs []contact) (times []time.Time, who []contact) {
	for _, c := range cs {
		if c.channel != ChannelPhoneCall || !a.debtorSide(c.contacted) {
			continue
		}
		for range min(c.count, 10000) {
			times = append(times, c.at)
			who = append(who, c)
		}
	}
	return times, who
}

// windows applies the sliding limits: more than MaxCalls calls within Days days. Only the first
// offending window is reported; one is enough to prove the presumption.
func (a *assessment) windows(cs []contact) {
	times, who := a.callTimes(cs)
	at := func(k int) string { return who[k].moment() }
	for _, w := range a.p.Windows {
		span := time.Duration(w.Days) * 24 * time.Hour
		i := 0
		for j := range times {
			for times[j].Sub(times[i]) >= span {
				i++
			}
			if j-i+1 <= w.MaxCalls {
				continue
			}
			var idx []int
			for k := i; k <= j; k++ {
				if n := who[k].index; n >= 0 && !slices.Contains(idx, n) {
					idx = append(idx, n)
				}
			}
			a.add(domain.ViolationExcessiveContact, Evidence{Source: "incidents", Incidents: idx, Confidence: confWindow,
				Rule: fmt.Sprintf("%d calls from %s to %s: more than %d calls within %d days (%s)", j-i+1,
					at(i), at(j), w.MaxCalls, w.Days, w.Source),
				RuleZh: fmt.Sprintf("%s 至 %s 共 %d 次电话：%d 天内超过 %d 次（%s）",
					at(i), at(j), j-i+1, w.Days, w.MaxCalls, w.Source)})
			break
		}
	}
}

// afterConversation flags a call placed within AfterConversationDays after a phone conversation.
func (a *assessment) afterConversation(cs []contact) {
	days := a.p.AfterConversationDays
	if days == 0 {
		return
	}
	span := time.Duration(days) * 24 * time.Hour
	reported := 0
	for i, conv := range cs {
		if conv.channel != ChannelPhoneCall || !conv.connected || !a.debtorSide(conv.contacted) {
			continue
		}
		for _, next := range cs[i+1:] {
			if next.channel != ChannelPhoneCall || !a.debtorSide(next.contacted) || !next.at.After(conv.at) {
				continue
			}
			if next.at.Sub(conv.at) >= span {
				break
			}
			a.add(domain.ViolationExcessiveContact, Evidence{Source: next.source, Incidents: append(conv.indexes(), next.indexes()...),
				Confidence: confWindow, Rule: fmt.Sprintf("call at %s, %.1f days after the phone conversation at %s (within %d days)",
					next.moment(), next.at.Sub(conv.at).Hours()/24, conv.moment(), days),
				RuleZh: fmt.Sprintf("%s 来电，距 %s 的通话仅 %.1f 天（%d 天之内）",
					next.moment(), conv.moment(), next.at.Sub(conv.at).Hours()/24, days)})
			reported++
			break
		}
		if reported >= 5 {
			return
		}
	}
}

// afterStop flags contact after the debtor asked to stop. Without a date the engine cannot order
// the request and the contacts, so it says so in a note instead of guessing.
func (a *assessment) afterStop(f Facts, cs []contact) {
	if !f.StopRequested {
		return
	}
	if f.StopRequestedAt.IsZero() {
		if len(cs) > 0 {
			a.notes = append(a.notes, "the debtor asked to stop, but without a date the contacts cannot be compared with the request")
		}
		return
	}
	for _, c := range cs {
		if !c.at.After(f.StopRequestedAt) {
			continue
		}
		a.add(domain.ViolationContactAfterStop, Evidence{Source: c.source, Incidents: c.indexes(), Confidence: confAfterStop,
			Rule: fmt.Sprintf("%s on %s, after the request to stop on %s", c.what(), c.moment(),
				f.StopRequestedAt.In(c.at.Location()).Format("2006-01-02 15:04")),
			RuleZh: fmt.Sprintf("%s %s，在 %s 要求停止催收之后", c.moment(), c.whatZh(),
				f.StopRequestedAt.In(c.at.Location()).Format("2006-01-02 15:04"))})
	}
}
