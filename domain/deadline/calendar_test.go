package deadline_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

func mustCalendar(t *testing.T, jurisdiction string) *deadline.Calendar {
	t.Helper()
	c, err := deadline.BuiltinCalendar(jurisdiction)
	if err != nil {
		t.Fatalf("BuiltinCalendar(%s): %v", jurisdiction, err)
	}
	return c
}

func date(t *testing.T, s string) deadline.Date {
	t.Helper()
	d, err := deadline.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuiltinCalendars(t *testing.T) {
	for _, tc := range []struct {
		jurisdiction string
		zone         string
	}{
		{"CN", "Asia/Shanghai"},
		{"US", "America/New_York"},
	} {
		t.Run(tc.jurisdiction, func(t *testing.T) {
			c := mustCalendar(t, tc.jurisdiction)
			if got := c.Location().String(); got != tc.zone {
				t.Errorf("zone = %s, want %s", got, tc.zone)
			}
			if got, want := c.Years(), []int{2024, 2025, 2026}; !slices.Equal(got, want) {
				t.Errorf("years = %v, want %v", got, want)
			}
		})
	}
	t.Run("UnknownJurisdiction", func(t *testing.T) {
		_, err := deadline.BuiltinCalendar("FR")
		if domain.CodeOf(err) != domain.CodeInvalid {
			t.Errorf("err = %v, want BAD_USER_INPUT", err)
		}
	})
}

func TestIsWorkingDay(t *testing.T) {
	for _, tc := range []struct {
		name         string
		jurisdiction string
		date         string
		want         bool
	}{
		{"CN/2024NewYear", "CN", "2024-01-01", false},
		{"CN/2024SpringFestivalMakeUpSunday", "CN", "2024-02-04", true},
		{"CN/2024SpringFestival", "CN", "2024-02-16", false},
		{"CN/2024SpringFestivalMakeUpSunday18", "CN", "2024-02-18", true},
		{"CN/2024QingmingMakeUp", "CN", "2024-04-07", true},
		{"CN/2024LabourDayMakeUpSaturday", "CN", "2024-05-11", true},
		{"CN/2024DragonBoat", "CN", "2024-06-10", false},
		{"CN/2024MidAutumnMakeUp", "CN", "2024-09-14", true},
		{"CN/2024NationalDayMakeUp", "CN", "2024-10-12", true},
		{"CN/2025NewYearsEve", "CN", "2025-01-28", false},
		{"CN/2025SpringFestivalMakeUpSunday", "CN", "2025-01-26", true},
		{"CN/2025SpringFestivalMakeUpSaturday", "CN", "2025-02-08", true},
		{"CN/2025LabourDayMakeUp", "CN", "2025-04-27", true},
		{"CN/2025DragonBoatMonday", "CN", "2025-06-02", false},
		{"CN/2025NationalDayEighth", "CN", "2025-10-08", false},
		{"CN/2025NationalDayMakeUpSunday", "CN", "2025-09-28", true},
		{"CN/2025NationalDayMakeUpSaturday", "CN", "2025-10-11", true},
		{"CN/2026NewYearSaturday", "CN", "2026-01-03", false},
		{"CN/2026NewYearMakeUpSunday", "CN", "2026-01-04", true},
		{"CN/2026SpringFestivalMakeUpBefore", "CN", "2026-02-14", true},
		{"CN/2026SpringFestivalFirstDay", "CN", "2026-02-15", false},
		{"CN/2026SpringFestivalLastDay", "CN", "2026-02-23", false},
		{"CN/2026SpringFestivalMakeUpAfter", "CN", "2026-02-28", true},
		{"CN/2026QingmingMonday", "CN", "2026-04-06", false},
		{"CN/2026LabourDayTuesday", "CN", "2026-05-05", false},
		{"CN/2026LabourDayMakeUp", "CN", "2026-05-09", true},
		{"CN/2026DragonBoatFriday", "CN", "2026-06-19", false},
		{"CN/2026MidAutumnFriday", "CN", "2026-09-25", false},
		{"CN/2026NationalDayMakeUpSunday", "CN", "2026-09-20", true},
		{"CN/2026NationalDayWednesday", "CN", "2026-10-07", false},
		{"CN/2026NationalDayMakeUpSaturday", "CN", "2026-10-10", true},
		{"CN/OrdinaryWeekday", "CN", "2026-03-10", true},
		{"CN/OrdinarySaturday", "CN", "2026-03-14", false},
		{"US/Thanksgiving2025", "US", "2025-11-27", false},
		{"US/DayAfterThanksgiving2025", "US", "2025-11-28", true},
		{"US/IndependenceDayObserved2026", "US", "2026-07-03", false},
		{"US/IndependenceDaySaturday2026", "US", "2026-07-04", false},
		{"US/Juneteenth2024", "US", "2024-06-19", false},
		{"US/OrdinarySunday", "US", "2025-03-02", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := mustCalendar(t, tc.jurisdiction).IsWorkingDay(date(t, tc.date))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.date, got, tc.want)
			}
		})
	}
}

func TestAddWorkingDays(t *testing.T) {
	for _, tc := range []struct {
		name         string
		jurisdiction string
		from         string
		n            int
		want         string
	}{
		// Thu 12 Feb: Fri 13, Sat 14 (make-up), holiday 15–23, Tue 24 … Fri 27, Sat 28 (make-up).
		{"CN/SpringFestival2026", "CN", "2026-02-12", 7, "2026-02-28"},
		// Fri 26 Sep: Sun 28 (make-up), Mon 29, Tue 30, holiday 1–8 Oct, Thu 9, Fri 10, Sat 11 (make-up), Mon 13.
		{"CN/NationalDay2025", "CN", "2025-09-26", 7, "2025-10-13"},
		// Mon 28 Sep: Tue 29, Wed 30, holiday 1–7 Oct, Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13.
		{"CN/NationalDay2026", "CN", "2026-09-28", 7, "2026-10-13"},
		// Fri 18 Sep: Sun 20 (make-up), Mon 21 … Thu 24, Mid-Autumn 25–27, Mon 28, Tue 29.
		{"CN/MidAutumn2026", "CN", "2026-09-18", 7, "2026-09-29"},
		// A start on a holiday counts from the next working day.
		{"CN/StartOnHoliday", "CN", "2026-02-16", 1, "2026-02-24"},
		{"CN/Backwards", "CN", "2026-02-24", -2, "2026-02-13"},
		{"CN/Zero", "CN", "2026-02-15", 0, "2026-02-15"},
		// Mon 24 Nov: Tue, Wed, (Thanksgiving), Fri 28, Mon 1 … Thu 4 Dec.
		{"US/Thanksgiving2025", "US", "2025-11-24", 7, "2025-12-04"},
		// Mon 22 Dec: Tue 23, Wed 24, (Christmas), Fri 26, Mon 29, Tue 30, Wed 31, (New Year), Fri 2 Jan.
		{"US/ChristmasAndNewYear", "US", "2025-12-22", 7, "2026-01-02"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := mustCalendar(t, tc.jurisdiction).AddWorkingDays(date(t, tc.from), tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tc.want {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cn := mustCalendar(t, "CN")
	for _, tc := range []struct {
		name     string
		from, to string
		want     int
	}{
		{"SameDay", "2026-03-10", "2026-03-10", 0},
		{"OrdinaryWeek", "2026-03-06", "2026-03-13", 5},
		// 27 Sep (Sat), 28 (make-up), 29, 30, 1–8 Oct holiday, 9 Oct.
		{"AcrossNationalDay2025", "2025-09-26", "2025-10-09", 4},
		{"Reversed", "2026-03-13", "2026-03-06", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cn.WorkingDaysBetween(date(t, tc.from), date(t, tc.to))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
			}
		})
	}
}

func TestCalendarYearWithoutData(t *testing.T) {
	cn := mustCalendar(t, "CN")
	for _, tc := range []struct {
		name string
		call func() error
		year int
	}{
		{"IsWorkingDayBefore", func() error { _, err := cn.IsWorkingDay(date(t, "2023-10-01")); return err }, 2023},
		{"IsWorkingDayAfter", func() error { _, err := cn.IsWorkingDay(date(t, "2027-01-04")); return err }, 2027},
		{"HolidayAfter", func() error { _, err := cn.Holiday(date(t, "2027-02-06")); return err }, 2027},
		{"AddWorkingDaysIntoNextYear", func() error { _, err := cn.AddWorkingDays(date(t, "2026-12-28"), 7); return err }, 2027},
		{"AddWorkingDaysFromUncovered", func() error { _, err := cn.AddWorkingDays(date(t, "2023-12-31"), 0); return err }, 2023},
		{"WorkingDaysBetweenIntoNextYear", func() error {
			_, err := cn.WorkingDaysBetween(date(t, "2026-12-30"), date(t, "2027-01-05"))
			return err
		}, 2027},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if !errors.Is(err, deadline.ErrNoCalendarData) {
				t.Fatalf("err = %v, want ErrNoCalendarData", err)
			}
			var nd *deadline.NoCalendarDataError
			if !errors.As(err, &nd) || nd.Year != tc.year || nd.Jurisdiction != "CN" {
				t.Errorf("err = %#v, want CN %d", nd, tc.year)
			}
		})
	}
}

func TestCalendarDays(t *testing.T) {
	cn := mustCalendar(t, "CN")
	// 23:30 on 12 Feb in New York is already 13 Feb in Beijing.
	ny, _ := time.LoadLocation("America/New_York")
	if got := cn.DateOf(time.Date(2026, 2, 12, 23, 30, 0, 0, ny)); got.String() != "2026-02-13" {
		t.Errorf("DateOf = %s, want 2026-02-13", got)
	}
	if got := cn.EndOfDay(date(t, "2026-02-28")).Format(time.RFC3339); got != "2026-02-28T23:59:59+08:00" {
		t.Errorf("EndOfDay = %s", got)
	}
	if name, err := cn.Holiday(date(t, "2026-10-03")); err != nil || !strings.Contains(name, "National Day") {
		t.Errorf("Holiday(2026-10-03) = %q, %v", name, err)
	}
}

const validCalendar = `{
  "jurisdiction": "XX", "timezone": "Asia/Shanghai", "weekend": ["Saturday", "Sunday"], "source": "test",
  "years": [{"year": 2026, "source": "test",
    "holidays": [{"name": "A", "from": "2026-02-15", "to": "2026-02-23"}, {"name": "B", "date": "2026-10-01"}],
    "workdays": [{"date": "2026-02-14", "for": "A"}]}]
}`

func TestParseCalendar(t *testing.T) {
	for _, tc := range []struct {
		name    string
		replace [2]string // old, new in validCalendar
		wantErr string    // "" = valid
	}{
		{"OK", [2]string{}, ""},
		{"ErrMakeUpDayNotWeekend", [2]string{`"2026-02-14", "for"`, `"2026-02-13", "for"`}, "2026-02-13 is a Friday, not a weekend day"},
		{"ErrHolidayListedTwice", [2]string{`"date": "2026-10-01"`, `"date": "2026-02-20"`}, "holiday 2026-02-20 is listed twice"},
		{"ErrMakeUpDayIsHoliday", [2]string{`"2026-02-14", "for"`, `"2026-02-15", "for"`}, "both a holiday"},
		{"ErrDayOutsideYear", [2]string{`"2026-10-01"`, `"2027-10-01"`}, "2027-10-01 is not in 2026"},
		{"ErrNoSuchDay", [2]string{`"2026-10-01"`, `"2026-02-30"`}, "want YYYY-MM-DD"},
		{"ErrDateAndRun", [2]string{`"date": "2026-10-01"`, `"date": "2026-10-01", "from": "2026-10-02", "to": "2026-10-03"`}, "either date, or from and to"},
		{"ErrRunBackwards", [2]string{`"to": "2026-02-23"`, `"to": "2026-02-10"`}, "is not a run"},
		{"ErrUnknownField", [2]string{`"workdays"`, `"workday"`}, "unknown field"},
		{"ErrUnknownZone", [2]string{`Asia/Shanghai`, `Asia/Atlantis`}, "Asia/Atlantis"},
		{"ErrUnknownWeekday", [2]string{`"Saturday"`, `"Samstag"`}, "unknown weekday"},
		{"ErrYearWithoutSource", [2]string{`"year": 2026, "source": "test"`, `"year": 2026`}, "source is required"},
		{"ErrYearListedTwice", [2]string{`"workdays": [{"date": "2026-02-14", "for": "A"}]}]`, `"workdays": [{"date": "2026-02-14", "for": "A"}]}, {"year": 2026, "source": "again"}]`}, "year 2026 is listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := validCalendar
			if tc.replace[0] != "" {
				if !strings.Contains(doc, tc.replace[0]) {
					t.Fatalf("test case does not apply: %q not in document", tc.replace[0])
				}
				doc = strings.Replace(doc, tc.replace[0], tc.replace[1], 1)
			}
			c, err := deadline.ParseCalendar([]byte(doc))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("ParseCalendar: %v", err)
				}
				if ok, _ := c.IsWorkingDay(date(t, "2026-02-14")); !ok {
					t.Error("make-up Saturday is not a working day")
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseCalendar succeeded, want error containing %q", tc.wantErr)
			}
			if domain.CodeOf(err) != domain.CodeInvalid || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("err = %v, want BAD_USER_INPUT containing %q", err, tc.wantErr)
			}
		})
	}
}

// The built-in calendars name every holiday, make-up day and source in both languages, each in its
// own ("端午节 Dragon Boat Festival" was one mixed name, shown as it was on both languages' pages).
func TestBuiltinCalendarsBilingual(t *testing.T) {
	han := regexp.MustCompile(`\p{Han}`)
	for _, j := range []string{"CN", "US"} {
		raw, err := deadline.BuiltinCalendarDocument(j)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Source, SourceZh string
			Years            []struct {
				Year             int
				Source, SourceZh string
				Holidays         []struct{ Name, NameZh string }
				Workdays         []struct{ For, ForZh string }
			}
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		pair := func(what, en, zh string) {
			if en == "" || zh == "" || han.MatchString(en) || !han.MatchString(zh) {
				t.Errorf("%s %s: English %q, Chinese %q", j, what, en, zh)
			}
		}
		pair("source", doc.Source, doc.SourceZh)
		for _, y := range doc.Years {
			pair(fmt.Sprint(y.Year, " source"), y.Source, y.SourceZh)
			for _, h := range y.Holidays {
				pair(fmt.Sprint(y.Year, " holiday"), h.Name, h.NameZh)
			}
			for _, w := range y.Workdays {
				pair(fmt.Sprint(y.Year, " make-up day"), w.For, w.ForZh)
			}
		}
	}
}
