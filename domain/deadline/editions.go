package deadline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/jsondoc"
)

// ActUpdateCalendar is the admin audit log's action for a published calendar edition.
const ActUpdateCalendar = "calendar.update"

// CalendarSource gives the business calendar in force for a jurisdiction. Clock counts with it.
type CalendarSource interface {
	Calendar(jurisdiction string) (*Calendar, error)
}

// CalendarEdition is one published version of a jurisdiction's business calendar. Version 1 is the
// calendar built into the release; admins publish the next ones (a new year's holidays, a corrected
// make-up working day).
type CalendarEdition struct {
	Jurisdiction string
	Version      int
	Document     []byte // the calendar document (docs/DEADLINES.md, "Calendar data")
	Reason       string
	CreatedBy    int64
	CreatedAt    time.Time
}

// CalendarStore keeps the published calendar editions.
type CalendarStore interface {
	// LatestCalendar returns the newest stored edition of a jurisdiction; ok is false when none is.
	LatestCalendar(ctx context.Context, jurisdiction string) (e CalendarEdition, ok bool, err error)
	// SaveCalendar stores an edition with its entry in the admin audit log in one transaction; an
	// edition that exists already is a CONFLICT.
	SaveCalendar(ctx context.Context, e CalendarEdition, act domain.AdminAct) error
}

// Calendars is the versioned business calendars: deadlines count with the edition in force, admins
// publish new editions. A published edition counts new clocks, and open clocks from their next
// change (pause, restart, extension); the processes that count clocks read it again within TTL.
type Calendars struct {
	Store CalendarStore
	Authz domain.Authorizer
	Now   func() time.Time
	TTL   time.Duration // how long a process keeps the edition it read; 0 means 30 seconds

	cache editionCache[versionedCalendar]
}

// versionedCalendar is a parsed calendar with the edition's version.
type versionedCalendar struct {
	cal     *Calendar
	version int
}

func (v versionedCalendar) newerThan(o versionedCalendar) bool { return v.version > o.version }

var _ CalendarSource = (*Calendars)(nil)

// Current returns the edition in force: the newest published one, else the built-in one.
func (s *Calendars) Current(ctx context.Context, jurisdiction string) (CalendarEdition, error) {
	if _, err := BuiltinCalendar(jurisdiction); err != nil {
		return CalendarEdition{}, err
	}
	if s.Store != nil {
		e, ok, err := s.Store.LatestCalendar(ctx, jurisdiction)
		if err != nil || ok {
			return e, err
		}
	}
	doc, err := BuiltinCalendarDocument(jurisdiction)
	if err != nil {
		return CalendarEdition{}, err
	}
	return CalendarEdition{Jurisdiction: jurisdiction, Version: 1, Document: doc, Reason: "built-in"}, nil
}

// Calendar implements CalendarSource: the edition in force. A process reads it once and then
// again in the background when it is older than TTL, keeping the one it has meanwhile (editionCache).
func (s *Calendars) Calendar(jurisdiction string) (*Calendar, error) {
	v, err := s.cache.get(jurisdiction, s.TTL, s.reader(jurisdiction))
	return v.cal, err
}

// reader reads and parses the edition in force.
func (s *Calendars) reader(jurisdiction string) func() (versionedCalendar, error) {
	return func() (versionedCalendar, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		e, err := s.Current(ctx, jurisdiction)
		var cal *Calendar
		if err == nil {
			cal, err = parseInForce(jurisdiction, e.Document)
		}
		if err != nil {
			return versionedCalendar{}, fmt.Errorf("deadline: calendar %s: %w", jurisdiction, err)
		}
		return versionedCalendar{cal: cal, version: e.Version}, nil
	}
}

// Publish lets an admin replace a jurisdiction's calendar: the document is validated as the
// built-in ones are, may not drop a year the edition in force has (clocks were counted with it),
// becomes the next version, and is recorded in the admin audit log with the reason.
// expectedVersion, when not 0, must be the version in force (else CONFLICT).
func (s *Calendars) Publish(ctx context.Context, jurisdiction, document, reason string, expectedVersion int) (CalendarEdition, error) {
	a := domain.ActorFrom(ctx)
	if err := domain.MayManagePolicy(a, s.Authz); err != nil {
		return CalendarEdition{}, err
	}
	reason, err := domain.PolicyChangeReason(reason, "say why the calendar changes, e.g. which notice (at most 2000 characters)", "请说明修改日历的原因，如依据的通知（最多2000字）")
	if err != nil {
		return CalendarEdition{}, err
	}
	if len(document) > 256<<10 {
		return CalendarEdition{}, domain.Invalid("calendar", "the calendar document is larger than 256 KB", "日历数据超过256 KB")
	}
	// One JSON value, each key once (session 32, sec32): text after the document failed the
	// database's json column (INTERNAL), and of two equal keys the decoder kept the last, which the
	// stored text does not say. Stored editions are read as before (parseInForce).
	if problem := jsondoc.Problem([]byte(document)); problem != "" {
		return CalendarEdition{}, domain.Invalid("calendar", problem, "日历数据须为单个JSON值，且每个键只出现一次（不区分大小写）")
	}
	next, err := ParseCalendar([]byte(document))
	if err != nil {
		return CalendarEdition{}, err
	}
	if next.Jurisdiction() != jurisdiction {
		return CalendarEdition{}, domain.Invalid("calendar.jurisdiction", fmt.Sprintf("the document is the calendar of %q, not of %s", next.Jurisdiction(), jurisdiction), "日历的司法辖区与所选的不一致")
	}
	cur, err := s.Current(ctx, jurisdiction)
	if err != nil {
		return CalendarEdition{}, err
	}
	if expectedVersion != 0 && expectedVersion != cur.Version {
		return CalendarEdition{}, domain.ErrConflict
	}
	// The years of the edition in force, read without validating it again: an edition that no
	// longer loads (a zone refused since it was stored, or gone from the zone database) must be
	// replaceable, and was answered with its own error instead (session 28, attack: a stored
	// "Local" calendar refused every new one with `timezone "Local"`).
	was, err := calendarYears(cur.Document)
	if err != nil {
		return CalendarEdition{}, err
	}
	for _, y := range was {
		if _, ok := next.years[y]; !ok {
			return CalendarEdition{}, domain.Invalid("calendar.years", fmt.Sprintf("year %d may not be dropped: clocks were counted with it", y), fmt.Sprintf("不能删除 %d 年：已有期限按其计算", y))
		}
	}
	e := CalendarEdition{Jurisdiction: jurisdiction, Version: cur.Version + 1, Document: []byte(document), Reason: reason, CreatedBy: a.UserID, CreatedAt: s.Now()}
	act := domain.NewAdminAct(ctx, ActUpdateCalendar, fmt.Sprintf("calendar:%s:%d", jurisdiction, e.Version), reason,
		map[string]any{"jurisdiction": jurisdiction, "version": e.Version, "previousVersion": cur.Version, "years": len(next.years)}, e.CreatedAt)
	if err := s.Store.SaveCalendar(ctx, e, act); err != nil {
		return CalendarEdition{}, err
	}
	s.cache.put(jurisdiction, versionedCalendar{cal: next, version: e.Version})
	return e, nil
}

// calendarYears lists the years a stored calendar document gives.
func calendarYears(doc []byte) ([]int, error) {
	var cd struct {
		Years []struct {
			Year int `json:"year"`
		} `json:"years"`
	}
	if err := json.Unmarshal(doc, &cd); err != nil {
		return nil, fmt.Errorf("deadline: the calendar in force: %w", err)
	}
	ys := make([]int, len(cd.Years))
	for i, y := range cd.Years {
		ys[i] = y.Year
	}
	return ys, nil
}

// parseInForce parses the edition in force of jurisdiction. An edition whose zone is refused since it
// was stored (Local before session 27's review, a posix/ or right/ zone before session 28) counts in
// the built-in calendar's zone of its jurisdiction: it was published valid, and failing to load it
// stopped every clock of the jurisdiction (and, before session 28, every new edition meant to
// replace it). The admin is told to publish it again with a zone of its place.
func parseInForce(jurisdiction string, doc []byte) (*Calendar, error) {
	cal, err := ParseCalendar(doc)
	var de *domain.Error
	if err == nil || !errors.As(err, &de) || de.Field != "calendar.timezone" {
		return cal, err
	}
	builtin, berr := BuiltinCalendar(jurisdiction)
	var m map[string]json.RawMessage
	if berr != nil || json.Unmarshal(doc, &m) != nil {
		return nil, err
	}
	m["timezone"], _ = json.Marshal(builtin.Location().String())
	fixed, _ := json.Marshal(m)
	cal, ferr := ParseCalendar(fixed)
	if ferr != nil {
		return nil, err
	}
	slog.Warn("the calendar in force names a zone no longer accepted; it counts in its jurisdiction's zone until an admin publishes it again",
		"jurisdiction", jurisdiction, "zone", builtin.Location().String(), "error", err)
	return cal, nil
}
