package deadline_test

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

func TestBuiltinPolicy(t *testing.T) {
	for _, tc := range []struct {
		name         string
		jurisdiction string
		at           time.Time
		wantVersion  string
		wantCode     domain.ErrorCode
	}{
		{"CN", "CN", time.Date(2026, 2, 12, 0, 0, 0, 0, time.UTC), "CN-2024.1", ""},
		{"US", "US", time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC), "US-2024.1", ""},
		{"ErrBeforeFirstEdition", "CN", time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), "", domain.CodeInvalid},
		{"ErrUnknownJurisdiction", "FR", time.Date(2026, 2, 12, 0, 0, 0, 0, time.UTC), "", domain.CodeInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := deadline.BuiltinPolicy(tc.jurisdiction, tc.at)
			if tc.wantCode != "" {
				wantCode(t, err, tc.wantCode)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Version != tc.wantVersion {
				t.Errorf("version = %s, want %s", p.Version, tc.wantVersion)
			}
			for _, k := range deadline.Kinds {
				if p.Clocks[k] == nil {
					t.Errorf("no %s clock", k)
				}
			}
		})
	}
	t.Run("CN/Rules", func(t *testing.T) {
		p, _ := deadline.BuiltinPolicy("CN", time.Now())
		acc, inst := p.Clocks[deadline.Acceptance], p.Clocks[deadline.InstitutionResponse]
		if acc.Unit != deadline.WorkingDays || acc.Stages[0].Days != 7 {
			t.Errorf("acceptance = %+v, want 7 working days", acc)
		}
		var days []int
		for _, s := range inst.Stages {
			days = append(days, s.Days)
		}
		if inst.Unit != deadline.CalendarDays || len(days) != 3 || days[0] != 15 || days[1] != 30 || days[2] != 60 {
			t.Errorf("institution response = %s %v, want calendar days 15, 30, 60", inst.Unit, days)
		}
		if got := inst.Stages[2].ApproverRoles; len(got) != 1 || got[0] != string(domain.RoleSupervisor) {
			t.Errorf("60-day approvers = %v, want supervisor only", got)
		}
		if p.Clocks[deadline.Feedback].Stages[0].Days != 60 || p.Clocks[deadline.Reopen].Stages[0].Days != 90 {
			t.Error("feedback window must be 60 days and reopen window 90")
		}
	})
	// The admin page shows the reader's language: every built-in edition gives its source and each
	// clock's legal basis in Chinese as well as in English.
	t.Run("Bilingual", func(t *testing.T) {
		for _, j := range []string{"CN", "US"} {
			p, _ := deadline.BuiltinPolicy(j, time.Now())
			if !hasHan(p.SourceZh) || p.Source == "" {
				t.Errorf("%s source: %q / %q", j, p.SourceZh, p.Source)
			}
			for _, k := range deadline.Kinds {
				if c := p.Clocks[k]; !hasHan(c.BasisZh) || c.Basis == "" {
					t.Errorf("%s %s basis: %q / %q", j, k, c.BasisZh, c.Basis)
				}
			}
		}
	})
	t.Run("Version", func(t *testing.T) {
		if _, err := deadline.BuiltinPolicyVersion("CN", "CN-2024.1"); err != nil {
			t.Error(err)
		}
		_, err := deadline.BuiltinPolicyVersion("CN", "CN-1999.1")
		wantCode(t, err, domain.CodeInvalid)
	})
}

func TestParsePolicy(t *testing.T) {
	base, err := os.ReadFile("policies/cn-2024.1.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		old     string
		new     string
		wantErr string
	}{
		{"OK", "", "", ""},
		{"ErrStageNotLonger", `{"stage": "SENIOR_EXTENDED", "days": 60`, `{"stage": "SENIOR_EXTENDED", "days": 30`, "not longer than EXTENDED"},
		{"ErrStageTwice", `{"stage": "SENIOR_EXTENDED"`, `{"stage": "EXTENDED"`, "listed twice"},
		{"ErrApprovalOnFirstStage", `{"stage": "STANDARD", "days": 15}`, `{"stage": "STANDARD", "days": 15, "approverRoles": ["supervisor"]}`, "first stage"},
		{"ErrUnknownClockKind", `"REOPEN"`, `"REOPENED"`, `unknown deadline kind "REOPENED"`},
		{"ErrUnknownPauseReason", `["OUTSIDE_APPRAISAL", `, `["LUNCH", `, `pause reason "LUNCH"`},
		{"ErrUnknownUnit", `"unit": "WORKING_DAYS"`, `"unit": "BUSINESS_DAYS"`, "BUSINESS_DAYS"},
		{"ErrRollOnWorkingDayClock", `"dueSoonDays": 2,`, `"dueSoonDays": 2, "rollToWorkingDay": true,`, "CALENDAR_DAYS clocks only"},
		{"ErrReminderOffsetZero", `"remindDaysBefore": [7, 1]`, `"remindDaysBefore": [7, 0]`, "reminder offset 0"},
		{"ErrBadRemindAt", `"remindAt": "09:00"`, `"remindAt": "9am"`, "want HH:MM"},
		{"ErrNoVersion", `"version": "CN-2024.1"`, `"version": ""`, "version is required"},
		{"ErrUnknownField", `"dueSoonDays": 3,`, `"dueSoonDayz": 3,`, "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := string(base)
			if tc.old != "" {
				if !strings.Contains(doc, tc.old) {
					t.Fatalf("test case does not apply: %q not in document", tc.old)
				}
				doc = strings.Replace(doc, tc.old, tc.new, 1)
			}
			_, err := deadline.ParsePolicy([]byte(doc))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantCode(t, err, domain.CodeInvalid)
			if err != nil && !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("err = %v, want it to contain %q", err, tc.wantErr)
			}
		})
	}
}

// hasHan says whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}
