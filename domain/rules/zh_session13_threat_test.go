package rules

import (
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestSession13ThreatSeverity: threats to safety told obliquely are URGENT with a police referral;
// courtesy, visits announced by phone, a family's hardship known, a school reached by phone and
// hearsay opened by a relative's "收到过" never make a threat of violence (session 13, threat).
func TestSession13ThreatSeverity(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	cn := mustPack(t, CN)
	checkThreatSeverity(t, now, []sevText{
		{CN, "催收在电话里说再不还就要来杀人"},
		{CN, "他说要叫一帮兄弟去我单位闹，闹到我丢工作为止"},
		{CN, "对方说我每天几点出门走哪条路他们都一清二楚"},
		{CN, "催收在电话里阴阳怪气地说，夜路走多了"},
		{CN, "催收发短信来说，你家小区环境真好"},
	}, nil)
	// no threat of violence; severity as the rest of the case gives
	calm := []struct {
		text string
		want domain.Priority
	}{
		{"工作人员上门前打过电话预约，来了以后态度很好", domain.PriorityHigh},
		{"他们也知道我家里现在困难，同意我延期一个月", domain.PriorityNormal},
		{"我同学收到过“出门小心”的短信，我自己只接到普通提醒", domain.PriorityNormal},
		{"客服说完还款的事，最后提醒我注意安全驾驶", domain.PriorityNormal},
	}
	for _, c := range calm {
		a := cn.Judge(Facts{Narrative: c.text}, "", now)
		if hasFactor(a, domain.UrgencyViolence) || a.Severity != c.want {
			t.Errorf("%q: severity %s factors %v, want %s with no threat of violence", c.text, a.Severity, a.Urgency, c.want)
		}
	}
	// a school reached by phone is a minor involved, not a threat
	a := cn.Judge(Facts{Narrative: "连幼儿园老师都接到过他们的电话"}, "", now)
	if hasFactor(a, domain.UrgencyViolence) || !hasFactor(a, domain.UrgencyMinor) {
		t.Errorf("school reached by phone: factors %v, want a minor and no threat of violence", a.Urgency)
	}
}

func hasFactor(a *domain.Assessment, f domain.UrgencyFactor) bool {
	return slices.ContainsFunc(a.Urgency, func(u domain.UrgencyFinding) bool { return u.Factor == f })
}

// TestEvaluateSeverity: the severity table counts threats referred, hearsay raised and false
// referrals from the labels and the judgement.
func TestEvaluateSeverity(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	recs := []Labelled{
		{ID: "a", Text: "催收说要打断我的腿", Must: []domain.ViolationType{domain.ViolationThreat}},
		{ID: "b", Text: "催收说路上车多，出门注意安全", Must: []domain.ViolationType{domain.ViolationThreat}},
		{ID: "c", Text: "催收一直威胁恐吓我", Must: []domain.ViolationType{domain.ViolationThreat}},
		{ID: "d", Text: "客服说逾期会上征信，也可能起诉"},
	}
	r := EvaluateSeverity(mustPack(t, CN), "t", "train", recs, now)
	if r.Threats != 3 || r.ThreatsReferred != 2 || r.Explicit != 1 || r.Veiled != 1 || r.Named != 1 || r.NoThreat != 1 || r.FalseViolence != 0 {
		t.Errorf("got %+v", r)
	}
	if len(r.Misses) != 1 || r.Misses[0] != "c: threat not referred (named)" {
		t.Errorf("misses %v", r.Misses)
	}
	// The same texts as a held-out split: the counts, never the ids.
	if h := EvaluateSeverity(mustPack(t, CN), "t", "heldout", recs, now); h.ThreatsReferred != 2 || len(h.Misses) != 0 {
		t.Errorf("held-out: referred %d, misses %v (want 2 and none)", h.ThreatsReferred, h.Misses)
	}
}
