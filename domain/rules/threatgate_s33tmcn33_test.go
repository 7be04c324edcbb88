package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Session 33 (tmcn33): the CN gate of the THREAT model (threatgate.go). The CN pack ships the model
// on behind threatModel.gate.zh: a model hit counts only on a collector-side sentence (a harm or
// menace predicate, the collector's words to "you" or kin, a quotation they open), never on the
// complainant's own request, negotiation, plan or a quoted rule of a long narrative.

const tmcn33Lead = "本人2022年在某消费金融平台借款一万二，分12期，已经还了7期，后来因为公司倒闭收入中断才逾期。我一直在跟客服协商分期，电话也一直保持畅通，从来没有失联。"

func TestThreatGateCollectorThreatInLongNarrative(t *testing.T) {
	t.Setenv("REDLINE_THREAT_MODEL", "")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := mustPack(t, CN)
	for _, text := range []string{
		tmcn33Lead + "前两天催收员发语音说，兄弟几个最近闲得很，改天去你老家陪你爸妈喝喝茶，顺便聊聊你的事。我爸妈年纪大了，希望平台管管。",
		tmcn33Lead + "昨天催收员在电话里说我这双手留着也是闲着，不如拿去抵点利息。我听了一夜没睡，请平台核实。",
	} {
		a := p.Judge(Facts{Narrative: text}, "", now)
		if ev := tm33ModelEvidence(a); a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice || len(ev) == 0 {
			t.Errorf("%s: %s referral %q model evidence %v, want URGENT, POLICE by model.threat", text, a.Severity, a.SuggestedReferral, ev)
		}
	}
}

func TestThreatGateComplainantVocabularyNotAThreat(t *testing.T) {
	t.Setenv("REDLINE_THREAT_MODEL", "")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	shipped := mustPack(t, CN)
	ungated := tm33Pack(t, CN, tm33On) // the model on without the gate
	for _, text := range []string{
		tmcn33Lead + "我想先缓一段时间好好找工作，争取早点把钱还给你们，不是不还。",
		tmcn33Lead + "并请停止一切对本人及家人朋友的暴力催收。平等协商。",
		tmcn33Lead + "在这期间第三方催收每天十几个电话，并且联系家人，严重影响本人及家人正常工作生活。",
	} {
		if ev := tm33ModelEvidence(ungated.Judge(Facts{Narrative: text}, "", now)); len(ev) == 0 {
			t.Errorf("%s: the ungated model does not fire (the look-alike no longer tests the gate)", text)
		}
		a := shipped.Judge(Facts{Narrative: text}, "", now)
		if ev := tm33ModelEvidence(a); a.Severity == domain.PriorityUrgent || len(ev) > 0 {
			t.Errorf("%s: %s model evidence %v, want no URGENT and no model.threat evidence", text, a.Severity, ev)
		}
	}
}

func TestThreatGateQuotationAndVeto(t *testing.T) {
	p := mustPack(t, CN)
	for _, c := range []struct {
		text string
		want []bool
	}{
		{"催收说：“你女儿几点放学？希望她平安。”我很害怕。", []bool{true, true, false}},
		{"我跟客服说：“希望能协商分期。”", []bool{false, false}},
		{"请停止上门恐吓行为！", []bool{false}},
		{"第十八条催收人员不得向债务人外的其他人员透露信息。", []bool{false}},
	} {
		st := p.prepare(c.text)
		var got []bool
		for si := range st.sents {
			got = append(got, p.threatGateAdmits(st, si, "zh"))
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: sentences %d, want %d", c.text, len(got), len(c.want))
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: sentence %d admitted %v, want %v", c.text, i, got[i], c.want[i])
			}
		}
	}
}
