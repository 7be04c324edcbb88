package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestJudgeSeverity checks each urgency factor positive and negative in Chinese and English, the
// debtor's age read from the identity card number, and the HIGH and NORMAL levels below urgent.
func TestJudgeSeverity(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		j        Jurisdiction
		text     string
		idNumber string
		want     domain.Priority
		factor   domain.UrgencyFactor // must be found when set
	}{
		{"ViolenceZH", CN, "催收员在电话里说要弄死我全家。", "", domain.PriorityUrgent, domain.UrgencyViolence},
		{"ViolenceNegatedZH", CN, "他们没有威胁我，只是催我还款。", "", domain.PriorityNormal, ""},
		{"ViolenceEN", US, "The collector said he would kill my family if I don't pay.", "", domain.PriorityUrgent, domain.UrgencyViolence},
		{"ViolenceNegatedEN", US, "To be fair, they did not threaten me.", "", domain.PriorityNormal, ""},
		{"HealthZH", CN, "我母亲接到催收电话后心脏病发作，住院了。", "", domain.PriorityUrgent, domain.UrgencyHealthHarm},
		{"HealthNegatedZH", CN, "我没有住院，只是很生气。", "", domain.PriorityNormal, ""},
		{"HealthEN", US, "My mother was hospitalized after their calls.", "", domain.PriorityUrgent, domain.UrgencyHealthHarm},
		{"HealthNegatedEN", US, "Thankfully I was never hospitalized.", "", domain.PriorityNormal, ""},
		{"MinorZH", CN, "催收员打电话到我孩子的学校。", "", domain.PriorityUrgent, domain.UrgencyMinor},
		{"MinorNegatedZH", CN, "他们没有联系孩子的学校。", "", domain.PriorityNormal, ""},
		{"MinorEN", US, "A woman from the agency called my son's school.", "", domain.PriorityUrgent, domain.UrgencyMinor},
		{"MinorNegatedEN", US, "They never called my son's school.", "", domain.PriorityNormal, ""},
		{"ElderlyZH", CN, "他们天天给我八十岁的奶奶打电话。", "", domain.PriorityUrgent, domain.UrgencyElderly},
		{"ElderlyNegatedZH", CN, "我家里没有老人。", "", domain.PriorityNormal, ""},
		{"ElderlyEN", US, "They keep calling my 82-year-old grandmother.", "", domain.PriorityUrgent, domain.UrgencyElderly},
		{"ElderlyNegatedEN", US, "There is no elderly person in my home.", "", domain.PriorityNormal, ""},
		{"MinorDebtorByIDNumber", CN, "我想申请分期还款。", "110105201203010016", domain.PriorityUrgent, domain.UrgencyMinor},
		{"ElderlyDebtorByIDNumber", CN, "我想申请分期还款。", "110105195001010012", domain.PriorityUrgent, domain.UrgencyElderly},
		{"AdultDebtorByIDNumber", CN, "我想申请分期还款。", "110105199001010012", domain.PriorityNormal, ""},
		{"ConfidentFindingIsHigh", CN, "对方冒充警察给我打电话。", "", domain.PriorityHigh, ""},
		{"NothingIsNormal", CN, "我想申请分期还款。", "", domain.PriorityNormal, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := mustPack(t, tc.j).Judge(Facts{Narrative: tc.text}, tc.idNumber, now)
			if a.Severity != tc.want {
				t.Fatalf("%q: severity %s, want %s (urgency %+v, violations %+v)", tc.text, a.Severity, tc.want, a.Urgency, a.Violations)
			}
			// the police only for violence: a minor, an elderly person or health harm alone ranks
			// the complaint URGENT without a referral (session 17)
			if tc.want == domain.PriorityUrgent {
				want := domain.ReferralBody("")
				if tc.factor == domain.UrgencyViolence {
					want = domain.ReferPolice
				}
				if a.SuggestedReferral != want {
					t.Errorf("urgent (%s) with referral %q, want %q", tc.factor, a.SuggestedReferral, want)
				}
			} else if a.SuggestedReferral != "" || len(a.Urgency) > 0 {
				t.Errorf("not urgent but referral %q, urgency %+v", a.SuggestedReferral, a.Urgency)
			}
			if tc.factor == "" {
				return
			}
			for _, u := range a.Urgency {
				if u.Factor != tc.factor {
					continue
				}
				for _, e := range u.Evidence {
					if e.Phrase != "" && (e.Source != "narrative" || string([]rune(tc.text)[e.Start:e.End]) != e.Phrase) {
						t.Errorf("evidence %+v does not point at its phrase", e)
					}
					if e.Phrase == "" && e.Rule == "" {
						t.Errorf("evidence %+v says nothing", e)
					}
				}
				return
			}
			t.Errorf("%q: no %s among %+v", tc.text, tc.factor, a.Urgency)
		})
	}
}

func TestAgeOf(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for id, want := range map[string]int{"110105200803010012": 18, "110105200803020012": 17, "11010519491231002X": 76} {
		if got, ok := ageOf(id, now); !ok || got != want {
			t.Errorf("ageOf(%s) = %d, %v; want %d", id, got, ok, want)
		}
	}
	for _, bad := range []string{"", "123", "11010520261301001X", "110105209901010012"} {
		if _, ok := ageOf(bad, now); ok {
			t.Errorf("ageOf(%q) accepted", bad)
		}
	}
}
