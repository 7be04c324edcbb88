package deadline_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

// TestCalendarRefusesTheServersZone (review of session 27): a calendar whose timezone was "Local"
// was accepted (time.LoadLocation knows the name), the API gave browsers "Local" as the calendar's
// zone and every list page broke (Intl.DateTimeFormat refuses it). A calendar names its place.
func TestCalendarRefusesTheServersZone(t *testing.T) {
	doc, err := deadline.BuiltinCalendarDocument("CN")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := deadline.ParseCalendar(doc); err != nil {
		t.Fatalf("the built-in calendar: %v", err)
	}
	for _, zone := range []string{"Local", "localtime", "posixrules", "Factory"} {
		local := bytes.Replace(doc, []byte(`"Asia/Shanghai"`), []byte(`"`+zone+`"`), 1)
		if bytes.Equal(local, doc) {
			t.Fatal("the built-in calendar names no Asia/Shanghai zone")
		}
		_, err = deadline.ParseCalendar(local)
		var de *domain.Error
		if !errors.As(err, &de) || de.Field != "calendar.timezone" {
			t.Errorf("a calendar in zone %q: %v, want an error on timezone", zone, err)
		}
	}
}
