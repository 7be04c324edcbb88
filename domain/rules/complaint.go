package rules

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// ComplaintAssessor implements domain.Assessor: it judges a complaint with the current revision of
// its jurisdiction's pack.
type ComplaintAssessor struct {
	Packs *Library
	// Jurisdiction judges complaints that do not name their own; "" means CN.
	Jurisdiction Jurisdiction
	Now          func() time.Time
}

var _ domain.Assessor = (*ComplaintAssessor)(nil)

// Assess implements domain.Assessor.
func (a *ComplaintAssessor) Assess(ctx context.Context, c *domain.Complaint, msgs []domain.CollectorMessage) (*domain.Assessment, error) {
	j := Jurisdiction(c.Jurisdiction)
	if j == "" {
		j = a.Jurisdiction
	}
	if j == "" {
		j = CN
	}
	sp, err := a.Packs.Current(ctx, j)
	if err != nil {
		return nil, err
	}
	out := sp.Pack.Judge(FactsOf(c, msgs), c.Debtor.IDNumber, a.Now())
	out.PackID, out.PackRevision = string(sp.ID), sp.Revision
	return out, nil
}

// FactsOf reads a complaint as the engine's facts: the narrative, the pasted collector messages,
// and the incidents, each a contact of the complainant (a relative or colleague who files was the
// one contacted; a THIRD_PARTY_CONTACT incident reached someone other than the debtor).
func FactsOf(c *domain.Complaint, msgs []domain.CollectorMessage) Facts {
	f := Facts{Narrative: c.Narrative}
	for _, m := range msgs {
		f.Messages = append(f.Messages, Message{Sender: m.Sender, At: m.SentAt, Text: m.Text})
	}
	for _, in := range c.Incidents {
		contacted := c.Relation
		if contacted == domain.RelationSelf && in.Channel == domain.ChannelThirdPartyContact {
			contacted = domain.RelationOther
		}
		f.Incidents = append(f.Incidents, Incident{At: in.OccurredAt, Channel: channels[in.Channel], Count: in.Count,
			Contacted: contacted, Collector: in.From, DateOnly: in.DateOnly})
	}
	return f
}

var channels = map[domain.Channel]Channel{
	domain.ChannelPhoneCall: ChannelPhoneCall, domain.ChannelSMS: ChannelSMS, domain.ChannelWeChatAppMessage: ChannelInstant,
	domain.ChannelHomeVisit: ChannelVisit, domain.ChannelWorkplaceVisit: ChannelVisit, domain.ChannelLetter: ChannelLetter,
	domain.ChannelSocialMediaPost: ChannelOther, domain.ChannelThirdPartyContact: ChannelOther,
}

// Judge assesses the facts and ranks the complaint: the violations found, what makes it urgent
// (threats of violence, health harm, a minor or an elderly person involved, the debtor's age read
// from idNumber when given), its severity and the referral to suggest.
func (p *Pack) Judge(f Facts, idNumber string, now time.Time) *domain.Assessment {
	defer p.lastPrepared.Store(nil) // the prepared narrative serves this judgement only
	res := p.threatOpinion(f, p.secondOpinion(f, p.Assess(f)))
	out := &domain.Assessment{PackID: string(p.Jurisdiction), PackVersion: p.Version, Severity: domain.PriorityNormal, Notes: res.Notes}
	// each list sized once (nil when empty, as appending gave)
	if len(res.Dismissed) > 0 {
		out.Dismissed = make([]domain.DismissedEvidence, 0, len(res.Dismissed))
	}
	for _, e := range res.Dismissed {
		out.Dismissed = append(out.Dismissed, domain.DismissedEvidence{Type: e.Type, Reason: e.Reason, Evidence: toDomainEvidence(e)})
	}
	if len(res.Violations) > 0 {
		out.Violations = make([]domain.SuggestedViolation, 0, len(res.Violations))
	}
	for _, fd := range res.Violations {
		sv := domain.SuggestedViolation{Type: fd.Type, Confidence: fd.Confidence}
		if len(fd.Evidence) > 0 {
			sv.Evidence = make([]domain.RuleEvidence, 0, len(fd.Evidence))
		}
		for _, e := range fd.Evidence {
			sv.Evidence = append(sv.Evidence, toDomainEvidence(e))
		}
		if len(fd.Legal) > 0 {
			sv.Legal = make([]domain.LegalReference, 0, len(fd.Legal))
		}
		for _, l := range fd.Legal {
			sv.Legal = append(sv.Legal, domain.LegalReference{Law: l.Law, Article: l.Article, SummaryZH: l.SummaryZH, SummaryEN: l.SummaryEN})
		}
		out.Violations = append(out.Violations, sv)
	}
	sv := p.Severity
	if sv == nil {
		return out
	}
	// hearsay never raises severity: only firsthand evidence ranks the complaint
	if th, ok := res.Find(domain.ViolationThreat); ok && th.Firsthand >= sv.UrgentThreatConfidence {
		u := domain.UrgencyFinding{Factor: domain.UrgencyViolence}
		for _, e := range th.Evidence {
			if slices.Contains(e.Modifiers, "hearsay") {
				continue
			}
			u.Evidence = append(u.Evidence, toDomainEvidence(e))
		}
		out.Urgency = append(out.Urgency, u)
	}
	factors := p.factorEvidence(f)
	// a minor or an elderly person named in the texts is no urgency by itself: a plain mention (家里老人
	// 住院花了不少钱, "my 10-year-old daughter loves school") ranks nothing. The person counts beside a
	// firsthand THREAT of any strength, or where a firsthand finding's evidence lies in the same sentence
	// (催收员打电话到我孩子的学校; 我爸七十多了，他们一天给他打五六个电话: the collector's act reaches them;
	// session 28). The debtor's age from the identity card number still counts alone.
	// A threat too weak to rank URGENT itself (a bare 后果自负, a word naming a threat) admits
	// nobody either: a complaint URGENT beside a threat carries the police referral, so the
	// person counts only where a finding reaches them (session 29).
	// Such a threat, flagged, beside a minor or an elderly person ranks the complaint HIGH at least
	// ("催收员说让我等着瞧。我孩子才五岁，天天被吓哭": the final review of session 29 found it NORMAL).
	weakThreatBesidePerson := false
	if th, ok := res.Find(domain.ViolationThreat); !ok || th.Firsthand < sv.UrgentThreatConfidence {
		for _, factor := range []domain.UrgencyFactor{domain.UrgencyMinor, domain.UrgencyElderly} {
			if len(factors[factor]) > 0 {
				if ok && th.Firsthand >= domain.RoutingConfidence {
					weakThreatBesidePerson = true
				}
				factors[factor] = slices.DeleteFunc(factors[factor], func(e domain.RuleEvidence) bool { return !reachedByFinding(f, res.Violations, e) })
			}
		}
	}
	if age, ok := ageOf(idNumber, now); ok {
		rule := fmt.Sprintf("the debtor is %d, by the birth date in the identity card number", age)
		switch {
		case sv.MinorAge > 0 && age < sv.MinorAge:
			factors[domain.UrgencyMinor] = append(factors[domain.UrgencyMinor], domain.RuleEvidence{Source: "debtor", Rule: rule, Confidence: 1})
		case sv.ElderlyAge > 0 && age >= sv.ElderlyAge:
			factors[domain.UrgencyElderly] = append(factors[domain.UrgencyElderly], domain.RuleEvidence{Source: "debtor", Rule: rule, Confidence: 1})
		}
	}
	for _, factor := range domain.UrgencyFactors {
		ev := factors[factor]
		if len(ev) == 0 || combined(ev) < sv.FactorConfidence {
			continue
		}
		out.Urgency = append(out.Urgency, domain.UrgencyFinding{Factor: factor, Evidence: ev})
	}
	switch {
	case len(out.Urgency) > 0:
		out.Severity = domain.PriorityUrgent
		// the police are for threats and violence (DOMAIN.md): a minor, an elderly debtor or a
		// stay in hospital ranks the complaint first, but is no crime to refer (session 17)
		if slices.ContainsFunc(out.Urgency, func(u domain.UrgencyFinding) bool { return u.Factor == domain.UrgencyViolence }) {
			out.SuggestedReferral = sv.UrgentReferral
		}
	case maxFirsthand(res.Violations) >= sv.HighConfidence, weakThreatBesidePerson:
		out.Severity = domain.PriorityHigh
	}
	return out
}

// factorEvidence finds the urgency factors' phrases in the narrative and the messages; negated
// phrases ("没有住院") do not count.
func (p *Pack) factorEvidence(f Facts) map[domain.UrgencyFactor][]domain.RuleEvidence {
	out := map[domain.UrgencyFactor][]domain.RuleEvidence{}
	texts := []struct{ source, text string }{{"narrative", f.Narrative}}
	for i, m := range f.Messages {
		texts = append(texts, struct{ source, text string }{fmt.Sprintf("messages[%d]", i), m.Text})
	}
	for _, t := range texts {
		for _, m := range p.matchFactors(t.text) {
			if m.negatedBy != "" || m.hearsay {
				continue
			}
			out[m.factor] = append(out[m.factor], domain.RuleEvidence{Source: t.source, Phrase: m.phrase, Start: m.start, End: m.end,
				Rule: m.pattern, Confidence: m.weight, Modifiers: m.modifiers})
		}
	}
	return out
}

// reachedByFinding reports whether a firsthand finding's evidence in the same text lies in the
// sentence of the factor's phrase: the collector's act reaches the minor or the elderly person named.
func reachedByFinding(f Facts, fs []Finding, e domain.RuleEvidence) bool {
	text := f.Narrative
	if e.Source != "narrative" {
		var i int
		if _, err := fmt.Sscanf(e.Source, "messages[%d]", &i); err != nil || i < 0 || i >= len(f.Messages) {
			return false
		}
		text = f.Messages[i].Text
	}
	rs := []rune(text)
	lo, hi := min(max(e.Start, 0), len(rs)), min(max(e.End, 0), len(rs))
	for lo > 0 && !strings.ContainsRune(sentenceEnds, rs[lo-1]) {
		lo--
	}
	for hi < len(rs) && !strings.ContainsRune(sentenceEnds, rs[hi]) {
		hi++
	}
	for _, fd := range fs {
		if fd.Firsthand <= 0 {
			continue
		}
		for _, v := range fd.Evidence {
			if v.Source == e.Source && v.Start < hi && lo < v.End && !slices.Contains(v.Modifiers, "hearsay") {
				return true
			}
		}
	}
	return false
}

// sentenceEnds close a sentence for reachedByFinding.
const sentenceEnds = "。！？；!?;\n"

// combined joins independent pieces of evidence as Assess does: each pattern once, at its strongest.
func combined(ev []domain.RuleEvidence) float64 {
	best := map[string]float64{}
	for _, e := range ev {
		best[e.Source+"|"+e.Rule] = max(best[e.Source+"|"+e.Rule], e.Confidence)
	}
	miss := 1.0
	for _, c := range best {
		miss *= 1 - c
	}
	return math.Round((1-miss)*100) / 100
}

func maxFirsthand(fs []Finding) float64 {
	m := 0.0
	for _, f := range fs {
		m = max(m, f.Firsthand)
	}
	return m
}

func toDomainEvidence(e Evidence) domain.RuleEvidence {
	return domain.RuleEvidence{Source: e.Source, Phrase: e.Phrase, Start: e.Start, End: e.End, Rule: e.Rule, RuleZh: e.RuleZh, Law: e.Law,
		Incidents: e.Incidents, Confidence: e.Confidence, Modifiers: e.Modifiers}
}

// ageOf reads the age at now from the birth date (digits 7 to 14) of an 18-character identity card
// number.
func ageOf(idNumber string, now time.Time) (int, bool) {
	if len(idNumber) != 18 {
		return 0, false
	}
	y, err1 := strconv.Atoi(idNumber[6:10])
	m, err2 := strconv.Atoi(idNumber[10:12])
	d, err3 := strconv.Atoi(idNumber[12:14])
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, false
	}
	birth := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if birth.Month() != time.Month(m) || birth.After(now) {
		return 0, false
	}
	age := now.Year() - y
	if now.Month() < birth.Month() || now.Month() == birth.Month() && now.Day() < birth.Day() {
		age--
	}
	return age, true
}
