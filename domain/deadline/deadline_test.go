package deadline_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

// at reads "2006-01-02 15:04" in the jurisdiction's zone.
func at(t *testing.T, jurisdiction, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, mustCalendar(t, jurisdiction).Location())
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func start(t *testing.T, jurisdiction string, kind deadline.Kind, started time.Time) *deadline.Deadline {
	t.Helper()
	d, err := startErr(t, jurisdiction, kind, started)
	if err != nil {
		t.Fatalf("Start(%s %s at %s): %v", jurisdiction, kind, started, err)
	}
	return d
}

func startErr(t *testing.T, jurisdiction string, kind deadline.Kind, started time.Time) (*deadline.Deadline, error) {
	t.Helper()
	p, err := deadline.BuiltinPolicy(jurisdiction, started)
	if err != nil {
		t.Fatal(err)
	}
	return deadline.Start(kind, started, p, mustCalendar(t, jurisdiction))
}

func wantDue(t *testing.T, d *deadline.Deadline, want string) {
	t.Helper()
	if got := d.DueAt().Format(time.RFC3339); got != want {
		t.Errorf("DueAt = %s, want %s", got, want)
	}
}

func wantCode(t *testing.T, err error, code domain.ErrorCode) {
	t.Helper()
	if err == nil {
		t.Fatalf("err = nil, want %s", code)
	}
	if got := domain.CodeOf(err); got != code {
		t.Errorf("err = %v (code %s), want %s", err, got, code)
	}
}

func TestAcceptanceDeadline(t *testing.T) {
	for _, tc := range []struct {
		name, jurisdiction, submitted, want string
	}{
		// Fri 13, Sat 14 (make-up), holiday 15–23, Tue 24 … Fri 27, Sat 28 (make-up): 7 working days.
		{"CN/SpringFestival2026", "CN", "2026-02-12 10:00", "2026-02-28T23:59:59+08:00"},
		// Sun 28 Sep (make-up), 29, 30, holiday 1–8 Oct, 9, 10, Sat 11 (make-up), Mon 13.
		{"CN/NationalDay2025", "CN", "2025-09-26 16:00", "2025-10-13T23:59:59+08:00"},
		// Tue 29, Wed 30, holiday 1–7 Oct, Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13.
		{"CN/NationalDay2026", "CN", "2026-09-28 09:00", "2026-10-13T23:59:59+08:00"},
		// A submission on a holiday counts from the first working day after it.
		// Tue 24 … Fri 27 Feb, Sat 28 (make-up), Mon 2, Tue 3 Mar.
		{"CN/SubmittedDuringSpringFestival2026", "CN", "2026-02-17 11:00", "2026-03-03T23:59:59+08:00"},
		// Tue, Wed, (Thanksgiving Thu 27), Fri 28, Mon 1 … Thu 4 Dec.
		{"US/Thanksgiving2025", "US", "2025-11-24 10:00", "2025-12-04T23:59:59-05:00"},
		// Tue 23, Wed 24, (Christmas), Fri 26, Mon 29 … Wed 31, (New Year's Day), Fri 2 Jan.
		{"US/ChristmasAndNewYear2025", "US", "2025-12-22 10:00", "2026-01-02T23:59:59-05:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := start(t, tc.jurisdiction, deadline.Acceptance, at(t, tc.jurisdiction, tc.submitted))
			wantDue(t, d, tc.want)
			if d.Unit() != deadline.WorkingDays {
				t.Errorf("Unit = %s, want WORKING_DAYS", d.Unit())
			}
		})
	}
	t.Run("SubmittedInAnotherZone", func(t *testing.T) {
		// 20:00 UTC on 11 Feb is 04:00 on 12 Feb in Beijing: the Beijing day is the start day.
		d := start(t, "CN", deadline.Acceptance, time.Date(2026, 2, 11, 20, 0, 0, 0, time.UTC))
		wantDue(t, d, "2026-02-28T23:59:59+08:00")
	})
	t.Run("ErrYearWithoutCalendarData", func(t *testing.T) {
		// 7 working days from 28 Dec 2026 end in January 2027, which the calendar does not know yet.
		_, err := startErr(t, "CN", deadline.Acceptance, at(t, "CN", "2026-12-28 10:00"))
		if !errors.Is(err, deadline.ErrNoCalendarData) {
			t.Fatalf("err = %v, want ErrNoCalendarData", err)
		}
		if domain.CodeOf(err) != domain.CodeInternal {
			t.Errorf("code = %s, want INTERNAL: a missing calendar is not the user's fault", domain.CodeOf(err))
		}
	})
}

func TestInstitutionResponseDeadline(t *testing.T) {
	for _, tc := range []struct {
		name, jurisdiction, forwarded, want string
	}{
		{"CN/FifteenCalendarDays", "CN", "2026-03-04 10:00", "2026-03-19T23:59:59+08:00"},
		// The 15th day, 5 Oct 2026, is in the National Day holiday: the period ends on Thu 8 Oct (民法典 203).
		{"CN/LastDayInNationalDay2026RollsForward", "CN", "2026-09-20 10:00", "2026-10-08T23:59:59+08:00"},
		// The CFPB counts calendar days without rolling: the 15th day is Sunday 5 July.
		{"US/NoRollForward", "US", "2026-06-20 10:00", "2026-07-05T23:59:59-04:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := start(t, tc.jurisdiction, deadline.InstitutionResponse, at(t, tc.jurisdiction, tc.forwarded))
			wantDue(t, d, tc.want)
		})
	}
}

func TestExtend(t *testing.T) {
	reviewer := deadline.Approval{By: "reviewer-7", Role: "reviewer", Reason: "complex case"}
	supervisor := deadline.Approval{By: "supervisor-2", Role: "supervisor", Reason: "awaiting the agency's call records"}

	t.Run("CN/FifteenThirtySixty", func(t *testing.T) {
		d := start(t, "CN", deadline.InstitutionResponse, at(t, "CN", "2026-03-02 10:00"))
		wantDue(t, d, "2026-03-17T23:59:59+08:00")
		if err := d.Extend(at(t, "CN", "2026-03-10 09:00"), deadline.StageExtended, reviewer); err != nil {
			t.Fatal(err)
		}
		wantDue(t, d, "2026-04-01T23:59:59+08:00")
		if err := d.Extend(at(t, "CN", "2026-03-30 09:00"), deadline.StageSeniorExtended, supervisor); err != nil {
			t.Fatal(err)
		}
		// Day 60 is 1 May, in the Labour Day holiday (1–5 May): the period ends on Wed 6 May.
		wantDue(t, d, "2026-05-06T23:59:59+08:00")
		if d.Stage() != deadline.StageSeniorExtended || !d.StagePolicy().NotifyComplainant {
			t.Errorf("stage = %s %+v, want SENIOR_EXTENDED with notice to the complainant", d.Stage(), d.StagePolicy())
		}
		ext := d.Extensions()
		if len(ext) != 2 || ext[1].From != deadline.StageExtended || ext[1].By != "supervisor-2" || ext[1].Role != "supervisor" {
			t.Errorf("extensions = %+v", ext)
		}
		wantCode(t, d.Extend(at(t, "CN", "2026-04-20 09:00"), "EXTENDED_90", supervisor), domain.CodeInvalid)
	})
	t.Run("US/InProgressWithoutApproval", func(t *testing.T) {
		d := start(t, "US", deadline.InstitutionResponse, at(t, "US", "2026-03-02 10:00"))
		if err := d.Extend(at(t, "US", "2026-03-12 10:00"), "IN_PROGRESS", deadline.Approval{By: "agent-1", Role: "institution_agent"}); err != nil {
			t.Fatal(err)
		}
		wantDue(t, d, "2026-05-01T23:59:59-04:00")
	})

	t.Run("WhilePausedPastTheOldDueDay", func(t *testing.T) {
		// Due 17 Mar; paused from 16 Mar, so on 20 Mar the clock is stopped, not overdue.
		d := start(t, "CN", deadline.InstitutionResponse, at(t, "CN", "2026-03-02 10:00"))
		if err := d.Pause(at(t, "CN", "2026-03-16 10:00"), deadline.OutsideAppraisal, "agent-1", "appraisal of the recordings"); err != nil {
			t.Fatal(err)
		}
		if err := d.Extend(at(t, "CN", "2026-03-20 10:00"), deadline.StageExtended, reviewer); err != nil {
			t.Fatal(err)
		}
		if err := d.Resume(at(t, "CN", "2026-03-23 10:00")); err != nil {
			t.Fatal(err)
		}
		// 30 days from 2 Mar is 1 Apr, plus the 7 paused days (17–23 Mar): 8 Apr.
		wantDue(t, d, "2026-04-08T23:59:59+08:00")
	})

	for _, tc := range []struct {
		name    string
		prepare []deadline.Stage // extensions granted first, by the supervisor
		to      deadline.Stage
		by      deadline.Approval
		when    string
		code    domain.ErrorCode
	}{
		{"ErrSkipsApprovalStage", nil, deadline.StageSeniorExtended, supervisor, "2026-03-10 09:00", domain.CodeConflict},
		{"ErrBeyondSixtyDays", []deadline.Stage{deadline.StageExtended, deadline.StageSeniorExtended}, "EXTENDED_90", supervisor, "2026-03-10 09:00", domain.CodeInvalid},
		{"ErrAlreadyAtStage", []deadline.Stage{deadline.StageExtended}, deadline.StageExtended, supervisor, "2026-03-10 09:00", domain.CodeConflict},
		{"ErrBackToStandard", []deadline.Stage{deadline.StageExtended}, deadline.StageStandard, supervisor, "2026-03-10 09:00", domain.CodeConflict},
		{"ErrUnknownStage", nil, "FOREVER", supervisor, "2026-03-10 09:00", domain.CodeInvalid},
		{"ErrReviewerApprovesSeniorExtension", []deadline.Stage{deadline.StageExtended}, deadline.StageSeniorExtended, reviewer, "2026-03-10 09:00", domain.CodeForbidden},
		{"ErrInstitutionApprovesItsOwnExtension", nil, deadline.StageExtended, deadline.Approval{By: "agent-1", Role: "institution_agent"}, "2026-03-10 09:00", domain.CodeForbidden},
		{"ErrNoApprover", nil, deadline.StageExtended, deadline.Approval{Role: "supervisor"}, "2026-03-10 09:00", domain.CodeInvalid},
		{"ErrOverdue", nil, deadline.StageExtended, supervisor, "2026-03-18 00:00", domain.CodeConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := start(t, "CN", deadline.InstitutionResponse, at(t, "CN", "2026-03-02 10:00"))
			for _, s := range tc.prepare {
				if err := d.Extend(at(t, "CN", "2026-03-03 10:00"), s, supervisor); err != nil {
					t.Fatal(err)
				}
			}
			before := d.DueAt()
			wantCode(t, d.Extend(at(t, "CN", tc.when), tc.to, tc.by), tc.code)
			if !d.DueAt().Equal(before) || len(d.Extensions()) != len(tc.prepare) {
				t.Errorf("a refused extension changed the deadline: due %s, extensions %d", d.DueAt(), len(d.Extensions()))
			}
		})
	}
}

func TestPause(t *testing.T) {
	for _, tc := range []struct {
		name, jurisdiction string
		kind               deadline.Kind
		started            string
		reason             deadline.PauseReason
		pause, resume      string
		wantDays           int
		wantDue            string
	}{
		{
			// Due 19 Mar; paused 5 Mar to 10 Mar: the starts of 6, 7, 8, 9 and 10 Mar fell in the pause.
			name: "CalendarClockWaitingForComplainantFiveDays", jurisdiction: "CN", kind: deadline.InstitutionResponse,
			started: "2026-03-04 10:00", reason: deadline.WaitingForComplainant,
			pause: "2026-03-05 10:00", resume: "2026-03-10 10:00", wantDays: 5, wantDue: "2026-03-24T23:59:59+08:00",
		},
		{
			name: "CalendarClockOutsideAppraisal", jurisdiction: "CN", kind: deadline.InstitutionResponse,
			started: "2026-03-04 10:00", reason: deadline.OutsideAppraisal,
			pause: "2026-03-05 17:30", resume: "2026-03-12 08:00", wantDays: 7, wantDue: "2026-03-26T23:59:59+08:00",
		},
		{
			name: "SameDayPauseMovesNothing", jurisdiction: "CN", kind: deadline.InstitutionResponse,
			started: "2026-03-04 10:00", reason: deadline.WaitingForComplainant,
			pause: "2026-03-05 10:00", resume: "2026-03-05 16:00", wantDays: 0, wantDue: "2026-03-19T23:59:59+08:00",
		},
		{
			// Due Tue 30 Sep; paused Fri 26 Sep to Fri 10 Oct: the paused working days are Sun 28 Sep
			// (make-up), 29, 30 Sep, 9 and 10 Oct — the National Day holiday does not count. The 3
			// working days left at the pause resume after it: Sat 11 (make-up), Mon 13, Tue 14 Oct.
			name: "WorkingDayClockOverNationalDay2025", jurisdiction: "CN", kind: deadline.Acceptance,
			started: "2025-09-22 09:00", reason: deadline.WaitingForComplainant,
			pause: "2025-09-26 10:00", resume: "2025-10-10 10:00", wantDays: 5, wantDue: "2025-10-14T23:59:59+08:00",
		},
		{
			// A pause that covers only holiday days stops no working day.
			name: "WorkingDayClockPausedOnlyOverHoliday", jurisdiction: "CN", kind: deadline.Acceptance,
			started: "2025-09-29 09:00", reason: deadline.WaitingForComplainant,
			pause: "2025-09-30 18:00", resume: "2025-10-08 18:00", wantDays: 0, wantDue: "2025-10-15T23:59:59+08:00",
		},
		{
			// Due Fri 27 Feb (12, 13, Sat 14, 24–27 Feb). Paused Fri 13 to Wed 25 Feb: the paused working
			// days are Sat 14 (make-up), Tue 24 and Wed 25; the 5 days left at the pause resume as
			// 26, 27, Sat 28 (make-up), 2 and 3 Mar.
			name: "WorkingDayClockOverSpringFestival2026", jurisdiction: "CN", kind: deadline.Acceptance,
			started: "2026-02-11 09:00", reason: deadline.WaitingForComplainant,
			pause: "2026-02-13 09:00", resume: "2026-02-25 15:00", wantDays: 3, wantDue: "2026-03-03T23:59:59+08:00",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := start(t, tc.jurisdiction, tc.kind, at(t, tc.jurisdiction, tc.started))
			dueBefore := d.DueAt()
			pauseAt := at(t, tc.jurisdiction, tc.pause)
			if err := d.Pause(pauseAt, tc.reason, "reviewer-7", "asked for the call log"); err != nil {
				t.Fatal(err)
			}
			p, ok := d.CurrentPause()
			if !ok || p.Reason != tc.reason || p.By != "reviewer-7" || p.Note != "asked for the call log" || !p.Since.Equal(pauseAt) {
				t.Errorf("CurrentPause = %+v, %v", p, ok)
			}
			later := pauseAt.Add(30 * time.Hour)
			if s := d.Status(later); s != deadline.StatusPaused {
				t.Errorf("Status while paused = %s, want PAUSED", s)
			}
			if got, want := d.Remaining(later), dueBefore.Sub(pauseAt); got != want {
				t.Errorf("Remaining while paused = %s, want %s (frozen at the pause)", got, want)
			}
			if err := d.Resume(at(t, tc.jurisdiction, tc.resume)); err != nil {
				t.Fatal(err)
			}
			wantDue(t, d, tc.wantDue)
			ps := d.Pauses()
			if len(ps) != 1 || ps[0].Open() || ps[0].Days != tc.wantDays {
				t.Errorf("Pauses = %+v, want one closed pause of %d days", ps, tc.wantDays)
			}
			if _, ok := d.CurrentPause(); ok {
				t.Error("still paused after Resume")
			}
		})
	}
}

func TestPauseErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind deadline.Kind
		run  func(t *testing.T, d *deadline.Deadline) error
		code domain.ErrorCode
	}{
		{"ErrResumeWhenNotPaused", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			return d.Resume(at(t, "CN", "2026-03-05 10:00"))
		}, domain.CodeConflict},
		{"ErrPauseTwice", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			if err := d.Pause(at(t, "CN", "2026-03-05 10:00"), deadline.OutsideAppraisal, "agent-1", ""); err != nil {
				t.Fatal(err)
			}
			return d.Pause(at(t, "CN", "2026-03-06 10:00"), deadline.WaitingForComplainant, "agent-1", "")
		}, domain.CodeConflict},
		{"ErrReasonNotAllowedForClock", deadline.Acceptance, func(t *testing.T, d *deadline.Deadline) error {
			return d.Pause(at(t, "CN", "2026-03-05 10:00"), deadline.OutsideAppraisal, "reviewer-7", "")
		}, domain.CodeInvalid},
		{"ErrFeedbackWindowCannotPause", deadline.Feedback, func(t *testing.T, d *deadline.Deadline) error {
			return d.Pause(at(t, "CN", "2026-03-05 10:00"), deadline.WaitingForComplainant, "reviewer-7", "")
		}, domain.CodeInvalid},
		{"ErrUnknownReason", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			return d.Pause(at(t, "CN", "2026-03-05 10:00"), "HOLIDAY_MOOD", "agent-1", "")
		}, domain.CodeInvalid},
		{"ErrNoActor", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			return d.Pause(at(t, "CN", "2026-03-05 10:00"), deadline.OutsideAppraisal, "", "")
		}, domain.CodeInvalid},
		{"ErrPauseWhenOverdue", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			return d.Pause(at(t, "CN", "2026-03-20 00:00"), deadline.OutsideAppraisal, "agent-1", "")
		}, domain.CodeConflict},
		{"ErrResumeBeforePause", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			if err := d.Pause(at(t, "CN", "2026-03-05 10:00"), deadline.OutsideAppraisal, "agent-1", ""); err != nil {
				t.Fatal(err)
			}
			return d.Resume(at(t, "CN", "2026-03-05 09:00"))
		}, domain.CodeInvalid},
		{"ErrPauseBeforeStart", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			return d.Pause(at(t, "CN", "2026-03-01 10:00"), deadline.OutsideAppraisal, "agent-1", "")
		}, domain.CodeInvalid},
		{"ErrPauseAfterMet", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			if err := d.Meet(at(t, "CN", "2026-03-10 10:00")); err != nil {
				t.Fatal(err)
			}
			return d.Pause(at(t, "CN", "2026-03-11 10:00"), deadline.OutsideAppraisal, "agent-1", "")
		}, domain.CodeConflict},
		{"ErrMeetTwice", deadline.InstitutionResponse, func(t *testing.T, d *deadline.Deadline) error {
			if err := d.Meet(at(t, "CN", "2026-03-10 10:00")); err != nil {
				t.Fatal(err)
			}
			return d.Meet(at(t, "CN", "2026-03-11 10:00"))
		}, domain.CodeConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := start(t, "CN", tc.kind, at(t, "CN", "2026-03-04 10:00"))
			wantCode(t, tc.run(t, d), tc.code)
		})
	}

	t.Run("ErrResumeIntoYearWithoutData", func(t *testing.T) {
		// Due 30 Dec 2026; a resume in January 2027 cannot be counted and leaves the clock paused.
		d := start(t, "CN", deadline.Acceptance, at(t, "CN", "2026-12-21 10:00"))
		if err := d.Pause(at(t, "CN", "2026-12-22 10:00"), deadline.WaitingForComplainant, "reviewer-7", ""); err != nil {
			t.Fatal(err)
		}
		if err := d.Resume(at(t, "CN", "2027-01-05 10:00")); !errors.Is(err, deadline.ErrNoCalendarData) {
			t.Fatalf("err = %v, want ErrNoCalendarData", err)
		}
		if _, ok := d.CurrentPause(); !ok {
			t.Error("a failed Resume restarted the clock")
		}
		wantDue(t, d, "2026-12-30T23:59:59+08:00")
	})
}

func TestStatus(t *testing.T) {
	// Forwarded Wed 4 Mar 2026: due Thu 19 Mar 23:59:59; DUE_SOON from 16 Mar (3 days before).
	for _, tc := range []struct {
		name      string
		met       string // "" = not met
		at        string
		seconds   int // at + seconds
		want      deadline.Status
		remaining time.Duration
	}{
		{name: "Running", at: "2026-03-05 09:00", want: deadline.StatusRunning, remaining: 14*24*time.Hour + 14*time.Hour + 59*time.Minute + 59*time.Second},
		{name: "DueSoonFromMidnightThreeDaysBefore", at: "2026-03-16 00:00", want: deadline.StatusDueSoon, remaining: 3*24*time.Hour + 23*time.Hour + 59*time.Minute + 59*time.Second},
		{name: "RunningJustBeforeDueSoon", at: "2026-03-15 23:59", want: deadline.StatusRunning, remaining: 4*24*time.Hour + 59*time.Second},
		{name: "DueSoonAtTheLastSecond", at: "2026-03-19 23:59", seconds: 59, want: deadline.StatusDueSoon, remaining: 0},
		{name: "OverdueAtMidnight", at: "2026-03-20 00:00", want: deadline.StatusOverdue, remaining: -time.Second},
		{name: "MetOnTime", met: "2026-03-18 15:00", at: "2026-03-25 00:00", want: deadline.StatusMet, remaining: 32*time.Hour + 59*time.Minute + 59*time.Second},
		{name: "RunningBeforeMet", met: "2026-03-18 15:00", at: "2026-03-10 00:00", want: deadline.StatusRunning, remaining: 9*24*time.Hour + 23*time.Hour + 59*time.Minute + 59*time.Second},
		{name: "MetLate", met: "2026-03-21 12:00", at: "2026-03-22 00:00", want: deadline.StatusMet, remaining: -(36*time.Hour + time.Second)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := start(t, "CN", deadline.InstitutionResponse, at(t, "CN", "2026-03-04 10:00"))
			if tc.met != "" {
				if err := d.Meet(at(t, "CN", tc.met)); err != nil {
					t.Fatal(err)
				}
			}
			now := at(t, "CN", tc.at).Add(time.Duration(tc.seconds) * time.Second)
			if got := d.Status(now); got != tc.want {
				t.Errorf("Status = %s, want %s", got, tc.want)
			}
			if got := d.IsOverdue(now); got != (tc.want == deadline.StatusOverdue) {
				t.Errorf("IsOverdue = %v", got)
			}
			if got := d.Remaining(now); got != tc.remaining {
				t.Errorf("Remaining = %s, want %s", got, tc.remaining)
			}
			if tc.met != "" && d.MetOnTime() != (tc.name == "MetOnTime" || tc.name == "RunningBeforeMet") {
				t.Errorf("MetOnTime = %v", d.MetOnTime())
			}
		})
	}
}

func TestReminderTimes(t *testing.T) {
	for _, tc := range []struct {
		name, jurisdiction string
		kind               deadline.Kind
		started            string
		want               []string
	}{
		// Due 19 Mar: 3 and 1 calendar days before, at 09:00 Beijing time.
		{"CN/InstitutionResponse", "CN", deadline.InstitutionResponse, "2026-03-04 10:00",
			[]string{"2026-03-16T09:00:00+08:00", "2026-03-18T09:00:00+08:00"}},
		// Due Sat 28 Feb (make-up day): 3 and 1 working days before are Wed 25 and Fri 27 Feb.
		{"CN/AcceptanceAfterSpringFestival2026", "CN", deadline.Acceptance, "2026-02-12 10:00",
			[]string{"2026-02-25T09:00:00+08:00", "2026-02-27T09:00:00+08:00"}},
		// Due Thu 4 Dec: working days before skip nothing here, but the clock runs over Thanksgiving.
		{"US/AcceptanceOverThanksgiving2025", "US", deadline.Acceptance, "2025-11-24 10:00",
			[]string{"2025-12-01T09:00:00-05:00", "2025-12-03T09:00:00-05:00"}},
		// Feedback window from 20 Feb 2026 ends 21 Apr; reminders are at 09:00 New York daylight time.
		{"US/FeedbackAcrossDaylightSaving", "US", deadline.Feedback, "2026-02-20 10:00",
			[]string{"2026-04-14T09:00:00-04:00", "2026-04-20T09:00:00-04:00"}},
		{"CN/ReopenWindowHasNoReminders", "CN", deadline.Reopen, "2026-03-04 10:00", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := start(t, tc.jurisdiction, tc.kind, at(t, tc.jurisdiction, tc.started))
			var got []string
			for _, r := range d.ReminderTimes() {
				got = append(got, r.Format(time.RFC3339))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("ReminderTimes = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("MoveWithTheDueDay", func(t *testing.T) {
		d := start(t, "CN", deadline.InstitutionResponse, at(t, "CN", "2026-03-04 10:00"))
		if err := d.Pause(at(t, "CN", "2026-03-05 10:00"), deadline.WaitingForComplainant, "agent-1", ""); err != nil {
			t.Fatal(err)
		}
		if err := d.Resume(at(t, "CN", "2026-03-10 10:00")); err != nil {
			t.Fatal(err)
		}
		want := []time.Time{at(t, "CN", "2026-03-21 09:00"), at(t, "CN", "2026-03-23 09:00")}
		if got := d.ReminderTimes(); !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("ReminderTimes after a 5-day pause = %v, want %v", got, want)
		}
	})
}

func TestRestore(t *testing.T) {
	d := start(t, "CN", deadline.InstitutionResponse, at(t, "CN", "2026-03-02 10:00"))
	steps := []func() error{
		func() error {
			return d.Pause(at(t, "CN", "2026-03-05 10:00"), deadline.OutsideAppraisal, "agent-1", "handset forensic report")
		},
		func() error { return d.Resume(at(t, "CN", "2026-03-09 10:00")) },
		func() error {
			return d.Extend(at(t, "CN", "2026-03-09 10:00"), deadline.StageExtended, deadline.Approval{By: "reviewer-7", Role: "reviewer"})
		},
		func() error {
			return d.Pause(at(t, "CN", "2026-03-20 10:00"), deadline.WaitingForComplainant, "agent-1", "")
		},
		func() error { return d.Meet(at(t, "CN", "2026-03-25 10:00")) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := json.Marshal(d.Record())
	if err != nil {
		t.Fatal(err)
	}
	var rec deadline.Record
	if err := json.Unmarshal(doc, &rec); err != nil {
		t.Fatal(err)
	}
	p, err := deadline.BuiltinPolicyVersion(rec.Jurisdiction, rec.PolicyVersion)
	if err != nil {
		t.Fatal(err)
	}
	r, err := deadline.Restore(rec, p, mustCalendar(t, "CN"))
	if err != nil {
		t.Fatalf("Restore(%s): %v", doc, err)
	}
	again, err := json.Marshal(r.Record())
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(doc) || !r.DueAt().Equal(d.DueAt()) || r.Stage() != d.Stage() || !r.MetOnTime() {
		t.Errorf("restored %s\nwant     %s", again, doc)
	}
	// 30 days + 4 paused days (6–9 Mar) + 5 paused days (21–25 Mar, closed by the answer) from 2 Mar.
	wantDue(t, r, "2026-04-10T23:59:59+08:00")

	t.Run("ErrWrongPolicyVersion", func(t *testing.T) {
		us, _ := deadline.BuiltinPolicy("US", at(t, "US", "2026-03-02 10:00"))
		_, err := deadline.Restore(rec, us, mustCalendar(t, "CN"))
		wantCode(t, err, domain.CodeInvalid)
	})
}

func TestStartErrors(t *testing.T) {
	cnPolicy, err := deadline.BuiltinPolicy("CN", at(t, "CN", "2026-03-02 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		kind deadline.Kind
		cal  *deadline.Calendar
		at   time.Time
	}{
		{"ErrCalendarOfAnotherJurisdiction", deadline.Acceptance, mustCalendar(t, "US"), at(t, "CN", "2026-03-02 10:00")},
		{"ErrUnknownKind", "SOMEDAY", mustCalendar(t, "CN"), at(t, "CN", "2026-03-02 10:00")},
		{"ErrNoStartTime", deadline.Acceptance, mustCalendar(t, "CN"), time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := deadline.Start(tc.kind, tc.at, cnPolicy, tc.cal)
			wantCode(t, err, domain.CodeInvalid)
		})
	}
}
