package deadline_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

type memCalendars struct {
	mu   sync.Mutex
	eds  []deadline.CalendarEdition
	acts []domain.AdminAct
	fail bool
}

func (m *memCalendars) LatestCalendar(_ context.Context, j string) (deadline.CalendarEdition, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return deadline.CalendarEdition{}, false, errors.New("database down")
	}
	for i := len(m.eds) - 1; i >= 0; i-- {
		if m.eds[i].Jurisdiction == j {
			return m.eds[i], true, nil
		}
	}
	return deadline.CalendarEdition{}, false, nil
}

func (m *memCalendars) SaveCalendar(_ context.Context, e deadline.CalendarEdition, act domain.AdminAct) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.eds, m.acts = append(m.eds, e), append(m.acts, act)
	return nil
}

type allowAdmins struct{}

func (allowAdmins) Allowed(a domain.Actor, object, action string) bool {
	return a.Role == domain.RoleAdmin && object == "policy" && action == "manage"
}

func (allowAdmins) AllowedIn(a domain.Actor, _, object, action string) bool {
	return allowAdmins{}.Allowed(a, object, action)
}

// withHoliday returns the built-in CN calendar with one more holiday on day (in 2026).
func withHoliday(t *testing.T, day string) string {
	t.Helper()
	doc, err := deadline.BuiltinCalendarDocument("CN")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	for _, y := range m["years"].([]any) {
		if y := y.(map[string]any); y["year"] == float64(2026) {
			y["holidays"] = append(y["holidays"].([]any), map[string]any{"name": "测试", "date": day})
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func working(t *testing.T, s *deadline.Calendars, day string) bool {
	t.Helper()
	cal, err := s.Calendar("CN")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := deadline.ParseDate(day)
	ok, err := cal.IsWorkingDay(d)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestCalendarsEditionInForce: the built-in calendar until an edition is published; an edition
// published by another process is picked up after TTL; a failing
// store keeps the edition read before; an edition published here counts at once; only admins
// publish, and each edition is recorded with its reason.
func TestCalendarsEditionInForce(t *testing.T) {
	store := &memCalendars{}
	s := &deadline.Calendars{Store: store, Authz: allowAdmins{}, Now: time.Now, TTL: 20 * time.Millisecond}
	if !working(t, s, "2026-03-12") {
		t.Fatal("2026-03-12 is not a working day in the built-in calendar")
	}

	// Another process publishes version 2.
	if err := store.SaveCalendar(context.Background(), deadline.CalendarEdition{Jurisdiction: "CN", Version: 2, Document: []byte(withHoliday(t, "2026-03-12"))}, domain.AdminAct{}); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); working(t, s, "2026-03-12"); time.Sleep(5 * time.Millisecond) {
		if time.Since(start) > 2*time.Second {
			t.Fatal("the edition published elsewhere was never read")
		}
	}
	// The store fails: the edition read before keeps counting.
	store.mu.Lock()
	store.fail = true
	store.mu.Unlock()
	time.Sleep(50 * time.Millisecond)
	for i := 0; i < 5; i++ {
		if working(t, s, "2026-03-12") {
			t.Fatal("a failing store dropped the edition in force")
		}
		time.Sleep(10 * time.Millisecond)
	}
	store.mu.Lock()
	store.fail = false
	store.mu.Unlock()

	s.TTL = time.Hour
	reviewer := domain.WithActor(context.Background(), domain.Actor{UserID: 7, Role: domain.RoleReviewer})
	if _, err := s.Publish(reviewer, "CN", withHoliday(t, "2026-03-13"), "测试", 0); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a reviewer publishing: %v, want FORBIDDEN", err)
	}
	admin := domain.WithActor(context.Background(), domain.Actor{UserID: 1, Role: domain.RoleAdmin})
	e, err := s.Publish(admin, "CN", withHoliday(t, "2026-03-13"), "依据通知", 2)
	if err != nil {
		t.Fatal(err)
	}
	if e.Version != 3 || working(t, s, "2026-03-13") || !working(t, s, "2026-03-12") {
		t.Errorf("after publishing version %d here: 13 March working %v, 12 March working %v", e.Version, working(t, s, "2026-03-13"), working(t, s, "2026-03-12"))
	}
	if a := store.acts[len(store.acts)-1]; a.Action != deadline.ActUpdateCalendar || a.Reason != "依据通知" || a.Target != "calendar:CN:3" || a.ActorID != 1 {
		t.Errorf("the audit entry: %+v", a)
	}
}
