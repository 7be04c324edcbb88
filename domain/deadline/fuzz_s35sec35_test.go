package deadline_test

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain/deadline"
)

// The parsers of the documents an administrator publishes (attack round 30): a policy and a
// calendar are read by ParsePolicy and ParseCalendar on publication (updateDeadlinePolicy,
// updateCalendar, testRulePack's kin) and every clock is then counted with them. The seeds are the
// built-in documents and hostile edits of them; they run as ordinary tests under `go test`, and
// `deploy/local.sh test` fuzzes each target for a bounded number of inputs.

func fuzzDocSeeds(f *testing.F, docs [][]byte) {
	for _, d := range docs {
		f.Add(string(d))
	}
	for _, s := range []string{
		``, `{}`, `null`, `[]`, `{"jurisdiction":"CN"} x`,
		`{"jurisdiction":"CN","version":"x","effectiveFrom":"2024-01-01T00:00:00+08:00","remindAt":"09:00","clocks":{"ACCEPTANCE":{"unit":"WORKING_DAYS","stages":[{"stage":"STANDARD","days":2147483647}]}}}`,
		`{"jurisdiction":"CN","timezone":"Asia/Shanghai","weekend":["SATURDAY","SUNDAY"],"years":[{"year":2026,"holidays":[{"name":"x","from":"2026-01-01","to":"9999-12-31"}]}]}`,
		`{"jurisdiction":"CN","timezone":"Asia/Shanghai","weekend":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],"years":[{"year":2026}]}`,
	} {
		f.Add(s)
	}
}

// FuzzParsePolicy publishes any document as a policy and, when it parses, starts each of its
// clocks on the built-in calendar of its jurisdiction. No panic; a clock starts within a second.
func FuzzParsePolicy(f *testing.F) {
	var docs [][]byte
	for _, j := range []string{"CN", "US"} {
		ds, err := deadline.BuiltinPolicyDocuments(j)
		if err != nil {
			f.Fatal(err)
		}
		docs = append(docs, ds...)
	}
	fuzzDocSeeds(f, docs)
	f.Fuzz(func(t *testing.T, doc string) {
		p, err := deadline.ParsePolicy([]byte(doc))
		if err != nil {
			return
		}
		cal, err := deadline.BuiltinCalendar(p.Jurisdiction)
		if err != nil {
			return
		}
		at := time.Date(2026, 9, 30, 10, 0, 0, 0, cal.Location())
		for _, k := range deadline.Kinds {
			start := time.Now()
			_, _ = deadline.Start(k, at, p, cal)
			if took := time.Since(start); took > time.Second {
				t.Fatalf("starting %s took %v", k, took)
			}
		}
	})
}

// FuzzParseCalendar publishes any document as a calendar and, when it parses, counts working days
// through its years. No panic; each count within a second.
func FuzzParseCalendar(f *testing.F) {
	var docs [][]byte
	for _, j := range []string{"CN", "US"} {
		d, err := deadline.BuiltinCalendarDocument(j)
		if err != nil {
			f.Fatal(err)
		}
		docs = append(docs, d)
	}
	fuzzDocSeeds(f, docs)
	f.Fuzz(func(t *testing.T, doc string) {
		cal, err := deadline.ParseCalendar([]byte(doc))
		if err != nil {
			return
		}
		for _, y := range cal.Years() {
			d := deadline.Date{Year: y, Month: time.January, Day: 1}
			start := time.Now()
			_, _ = cal.AddWorkingDays(d, 60)
			_, _ = cal.WorkingDaysBetween(d, d.AddDays(364))
			_, _ = cal.NextWorkingDay(d)
			if took := time.Since(start); took > time.Second {
				t.Fatalf("counting %d took %v", y, took)
			}
		}
	})
}
