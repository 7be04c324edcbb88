package deadline_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

// TestCalendarZoneIsAPlaceByItsName (session 28, attack): session 27's review refused "Local" and
// the zone database's placeholders as a calendar's zone, but an admin still published, through
// updateCalendar, "posix/Asia/Shanghai", "right/Asia/Shanghai" (leap seconds), "./Asia/Shanghai"
// and "Asia//Shanghai": each loaded from the host's zoneinfo (not from the database the binary
// carries, so not on a host without one), and browsers refuse each (Intl.DateTimeFormat: "Invalid
// time zone specified"), which broke every list page as "Local" did.
func TestCalendarZoneIsAPlaceByItsName(t *testing.T) {
	doc, err := deadline.BuiltinCalendarDocument("CN")
	if err != nil {
		t.Fatal(err)
	}
	zoned := func(zone string) []byte {
		return bytes.Replace(doc, []byte(`"Asia/Shanghai"`), []byte(`"`+zone+`"`), 1)
	}
	for _, zone := range []string{"posix/Asia/Shanghai", "right/Asia/Shanghai", "./Asia/Shanghai", "Asia//Shanghai",
		"Asia/./Shanghai", "posix/Etc/UTC", "right/UTC", "Local/x", "Asia/Shanghai ", "posixrules"} {
		_, err := deadline.ParseCalendar(zoned(zone))
		var de *domain.Error
		if !errors.As(err, &de) || de.Field != "calendar.timezone" {
			t.Errorf("a calendar in zone %q: %v, want an error on timezone", zone, err)
		}
	}
	for _, zone := range []string{"Asia/Shanghai", "PRC", "Etc/GMT-8", "America/Argentina/Buenos_Aires", "US/Eastern", "EST5EDT", "UTC"} {
		if _, err := deadline.ParseCalendar(zoned(zone)); err != nil {
			t.Errorf("a calendar in zone %q is refused: %v", zone, err)
		}
	}
}

// TestCalendarStoredInARefusedZoneStillCountsAndIsReplaced (session 28, attack; round 22's
// leftover): a calendar published in "Local" before session 27's review no longer loaded — every
// clock of its jurisdiction failed — and could not be replaced: updateCalendar re-read the edition in
// force to check no year was dropped, and answered every new document with `timezone "Local"`
// (by hand: a US edition stored with "Local", then America/New_York published: BAD_USER_INPUT on
// calendar.timezone). The edition in force now counts in its jurisdiction's built-in zone until an
// admin publishes it again, which works.
func TestCalendarStoredInARefusedZoneStillCountsAndIsReplaced(t *testing.T) {
	doc, err := deadline.BuiltinCalendarDocument("CN")
	if err != nil {
		t.Fatal(err)
	}
	local := bytes.Replace(doc, []byte(`"Asia/Shanghai"`), []byte(`"Local"`), 1)
	store := &memCalendars{}
	if err := store.SaveCalendar(context.Background(), deadline.CalendarEdition{Jurisdiction: "CN", Version: 2, Document: local}, domain.AdminAct{}); err != nil {
		t.Fatal(err)
	}
	s := &deadline.Calendars{Store: store, Authz: allowAdmins{}, Now: time.Now, TTL: time.Hour}
	cal, err := s.Calendar("CN")
	if err != nil {
		t.Fatalf("the calendar in force stored in Local: %v", err)
	}
	if got := cal.Location().String(); got != "Asia/Shanghai" {
		t.Errorf("the calendar stored in Local counts in %q, want Asia/Shanghai", got)
	}
	admin := domain.WithActor(context.Background(), domain.Actor{UserID: 1, Role: domain.RoleAdmin})
	e, err := s.Publish(admin, "CN", withHoliday(t, "2026-03-13"), "依据通知，修正时区", 2)
	if err != nil {
		t.Fatalf("replacing a calendar stored in Local: %v", err)
	}
	if e.Version != 3 {
		t.Errorf("the new edition is version %d, want 3", e.Version)
	}
	// A stored edition that drops a year is still refused against the one in force.
	if _, err := s.Publish(admin, "CN", `{"jurisdiction":"CN","timezone":"Asia/Shanghai","weekend":["Saturday","Sunday"],"source":"x","years":[{"year":2099,"source":"x","holidays":[],"workdays":[]}]}`, "依据通知", 0); err == nil {
		t.Error("an edition dropping the years in force was published")
	}
}
