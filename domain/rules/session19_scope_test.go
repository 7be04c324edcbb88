package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestSession19ScopeHearsayEnds: hearsay ends where the complainant's own account starts again, also
// in text written without punctuation (docs/RULES.md "Scopes, session 19 (scope)"): 我/本人 with an
// event verb after a hearsay cue or subject is firsthand; a 我 that is an object (打到我单位) or a
// fear (我挺害怕的) is not; a fact joined to a hearsay fact is hearsay. Texts phrased anew, not the
// batches'.
func TestSession19ScopeHearsayEnds(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"OwnHoursAfterHearsay", "网上有人说他们会骂人 我昨天半夜一点还接到他们的电话", hours, none},
		{"OwnContactAfterHearsay", "听同学说这家会爆通讯录 我今天发现他们已经打给我爸了", third, none},
		{"OwnAbuseAfterSubject", "我同学之前在这个平台逾期被骂得很难听 本人昨天也接到电话被骂是骗子", abuse, none},
		{"OwnAbuseNotDisclosure", "听朋友说他们爆了她的通讯录 我昨天收到短信骂我是老赖", abuse, privacy},
		{"GuardFearStaysHearsay", "听同学说他们会打给家里人 我挺害怕的", none, third},
		{"GuardObjectStaysHearsay", "听说他们会打到我单位 我有点慌", none, third},
	})
	usp := mustPack(t, US)
	runFlagCases(t, usp, []flagCase{
		{"OwnCallAfterHearsayEN", "a coworker told me they show up at peoples jobs and this morning i got a call at 6 am", hours, none},
	})
}

// TestSession19ScopeOwnLateCall: the complainant's own call at a late hour in other word orders (the
// time first, 自己 before it; English before and after the time) is no IMPROPER_HOURS, while the
// collector's call stays one whatever the order, and an own-call reading never reads across a
// conjunction ("…at 10:45 at night and I called them back").
func TestSession19ScopeOwnLateCall(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"TimeFirstOwnCall", "昨晚十一点半我自己给平台客服打电话问能不能延期", none, hours},
		{"TimeFirstOwnMessage", "凌晨十二点多我给催收员回了条消息说明天还", none, hours},
		{"GuardCollectorAsleep", "十一点五十他们又打过来 我早就睡了", hours, none},
		{"GuardCollectorTimeFirst", "凌晨两点他们还在给我打电话", hours, none},
		{"GuardOwnCallAfterConjunction", "晚上十一点他们打给我 然后我给他们回拨过去", hours, none},
	})
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"TimeFirstOwnCallEN", "At 11:15 pm I called the agency back to set up payments", none, hours},
		{"OwnCallBeforeTimeEN", "I tried calling them at 10 pm but no one picked up", none, hours},
		{"GuardAndICalledBackEN", "They rang my phone at 10:45 at night and I called them back the next day", hours, none},
		{"GuardTimeFirstCollectorEN", "At 11:50 pm they texted me again", hours, none},
	})
}

// TestSession19ScopeQuestions: a clause asks without a question mark (an A-not-A form, 吗 at a
// clause's end, 请问; "can collectors…", "what happens if…"), a supposition answered by the
// complainant's own step is supposed twice, while a statement beside a question, a 是不是 that asks
// about something else, a reported question, and a threat under "unless" stay flagged.
func TestSession19ScopeQuestions(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"OpenerAndAnotA", "请问逾期了他们能不能联系我的紧急联系人", none, third},
		{"AnotA", "催收可不可以打我老婆电话", none, third},
		{"ClauseEndMa", "他们会联系我同事吗 我很担心", none, third},
		{"OwnStep", "如果他们再找我同事我就去投诉", none, third},
		{"GuardStatementBesideQuestion", "他们每天都打给我爸妈 这样合法吗", third, none},
		{"GuardShibushiAsksAuthority", "催收员到我家堵门是不是你们授权的", visit, none},
		{"GuardReportedQuestion", "催收问我是不是不想还了 还打给我姐姐", third, none},
	})
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"InvertedNoMarkEN", "can collectors call my parents about my loan", none, third},
		{"WhatHappensIfEN", "what happens if the agency calls my boss", none, third},
		{"OwnStepEN", "if they contact my brother again i will report them", none, third},
		{"GuardUnlessThreatEN", "he said unless i pay they would break my arm", threat, none},
	})
}

// TestSession19ScopeSeverity: hearsay never raises severity, also without punctuation, while the
// complainant's own threat after hearsay is URGENT with a police referral.
func TestSession19ScopeSeverity(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	p := mustPack(t, CN)
	if a := p.Judge(Facts{Narrative: "群里有人说催收拿着刀去堵人 我这几天都不敢出门"}, "", now); a.Severity != domain.PriorityNormal || a.SuggestedReferral != "" {
		t.Errorf("hearsay of a knife: severity %s referral %q, want NORMAL", a.Severity, a.SuggestedReferral)
	}
	if a := p.Judge(Facts{Narrative: "听说他们只是吓唬人 我昨天接到电话说要砍断我的手"}, "", now); a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice {
		t.Errorf("own threat after hearsay: severity %s referral %q, want URGENT with POLICE", a.Severity, a.SuggestedReferral)
	}
}

// TestSession19ScopePatternsMustCompile: a pack whose session-19 patterns do not compile is refused
// at load, with the field named.
func TestSession19ScopePatternsMustCompile(t *testing.T) {
	doc, err := packFS.ReadFile("packs/cn.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ field, old, new string }{
		{"hearsayOwnClause", `"hearsayOwnClause": [`, `"hearsayOwnClause": ["(unclosed",`},
		{"questionOpeners", `"questionOpeners": [`, `"questionOpeners": ["[bad",`},
		{"own caller", `"ownAfter": [`, `"ownAfter": ["(bad",`},
	} {
		raw := strings.Replace(string(doc), c.old, c.new, 1)
		if raw == string(doc) {
			t.Fatalf("%s: the pack has no %s", c.field, c.old)
		}
		if _, err := Parse([]byte(raw)); err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("Parse with a bad %s pattern: %v, want an error naming it", c.field, err)
		}
	}
}
