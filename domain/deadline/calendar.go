package deadline

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // calendars name IANA zones; the binary must not depend on the host's zoneinfo

	"github.com/redline-regulator/redline/domain"
)

//go:embed calendars/*.json
var calendarFS embed.FS

// ErrNoCalendarData is wrapped by every error about a day in a year that a calendar has no data for.
var ErrNoCalendarData = errors.New("no calendar data")

// NoCalendarDataError reports a day in a year that a calendar has no holiday data for: the answer
// would be a guess, so the calendar refuses to give one. Add the year's data (docs/DEADLINES.md).
type NoCalendarDataError struct {
	Jurisdiction string
	Year         int
}

// Error implements error.
func (e *NoCalendarDataError) Error() string {
	return fmt.Sprintf("deadline: %s calendar has no data for %d", e.Jurisdiction, e.Year)
}

// Unwrap lets errors.Is(err, ErrNoCalendarData) match.
func (e *NoCalendarDataError) Unwrap() error { return ErrNoCalendarData }

// Calendar is one jurisdiction's business calendar: its time zone, its weekend, and per year the
// public holidays and the make-up working days (调休) that turn weekend days into working days.
// Build it with ParseCalendar or BuiltinCalendar; it is immutable and safe for concurrent use.
type Calendar struct {
	jurisdiction string
	loc          *time.Location
	weekend      [7]bool
	years        map[int]calendarYear
	provisional  bool // a year without data counts weekends only (see Provisional)
}

type calendarYear struct {
	holidays map[Date]string // day off -> holiday name
	workdays map[Date]string // make-up working day -> the holiday it makes up for
}

// calendarDoc is the JSON document of a calendar (docs/DEADLINES.md, "Calendar data").
type calendarDoc struct {
	Jurisdiction string    `json:"jurisdiction"`
	Timezone     string    `json:"timezone"`
	Weekend      []string  `json:"weekend"`
	Source       string    `json:"source"`
	SourceZh     string    `json:"sourceZh,omitempty"` // the source in Chinese; Source is in English
	Note         string    `json:"note,omitempty"`
	Years        []yearDoc `json:"years"`
}

type yearDoc struct {
	Year     int          `json:"year"`
	Source   string       `json:"source"`
	SourceZh string       `json:"sourceZh,omitempty"`
	Holidays []holidayDoc `json:"holidays"`
	Workdays []workdayDoc `json:"workdays"`
}

type holidayDoc struct {
	// Name is the holiday's name in English, NameZh in Chinese: the portal shows the reader's
	// language (editions published before session 13 may give one mixed name, shown as it is).
	Name   string `json:"name"`
	NameZh string `json:"nameZh,omitempty"`
	// Either Date (one day) or From and To (a run of days, both included).
	Date Date   `json:"date,omitzero"`
	From Date   `json:"from,omitzero"`
	To   Date   `json:"to,omitzero"`
	Note string `json:"note,omitempty"`
}

type workdayDoc struct {
	Date  Date   `json:"date"`
	For   string `json:"for"`
	ForZh string `json:"forZh,omitempty"` // For in Chinese
}

// maxHolidayRun bounds a holiday run so that a typo in a year ("2026-10-01" to "2027-10-07") fails.
const maxHolidayRun = 14

// zoneName is how the IANA database names a zone: one to three parts of letters, digits, "_", "+"
// and "-", the first beginning with a letter (Asia/Shanghai, America/Argentina/Buenos_Aires,
// Etc/GMT+8, EST5EDT).
var zoneName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}$`)

// placeZone reports whether name may be a calendar's timezone: a zone of the IANA database by its
// name, not the server's own zone (Local, localtime), the database's placeholders (posixrules,
// Factory) or the host's variants of it (posix/…, right/…, which count leap seconds).
func placeZone(name string) bool {
	if !zoneName.MatchString(name) {
		return false
	}
	switch first, _, _ := strings.Cut(name, "/"); first {
	case "Local", "localtime", "posixrules", "Factory", "posix", "right":
		return false
	}
	return true
}

// ParseCalendar reads and validates a calendar document. Unknown fields, a zone that does not load,
// a day outside the year it is listed under, a holiday listed twice, a make-up working day that is
// not a weekend day or is also a holiday, and a year listed twice are errors (BAD_USER_INPUT).
func ParseCalendar(doc []byte) (*Calendar, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	var cd calendarDoc
	if err := dec.Decode(&cd); err != nil {
		return nil, invalidCalendar("", "parse: %v", err)
	}
	c := &Calendar{jurisdiction: cd.Jurisdiction, years: map[int]calendarYear{}}
	if cd.Jurisdiction == "" {
		return nil, invalidCalendar("jurisdiction", "jurisdiction is required")
	}
	if cd.Timezone == "" {
		return nil, invalidCalendar("timezone", "timezone is required")
	}
	if !placeZone(cd.Timezone) {
		// the server's own zone, whatever it is (or the zone database's placeholders): no place a
		// calendar counts in, and browsers cannot write a date in it (review of session 27: every
		// list page broke). The same for the host's copies of the database under posix/ and right/
		// and a name spelt as a path ("./America/New_York", "America//New_York"), which loaded from
		// the host's zoneinfo, not from the database the binary carries (session 28, attack).
		return nil, invalidCalendar("timezone", "timezone %q: name the place, as Asia/Shanghai or America/New_York", cd.Timezone)
	}
	var err error
	if c.loc, err = time.LoadLocation(cd.Timezone); err != nil {
		return nil, invalidCalendar("timezone", "timezone %q: %v", cd.Timezone, err)
	}
	if len(cd.Weekend) == 0 {
		return nil, invalidCalendar("weekend", "weekend is required")
	}
	for _, name := range cd.Weekend {
		wd, ok := parseWeekday(name)
		if !ok {
			return nil, invalidCalendar("weekend", "unknown weekday %q", name)
		}
		c.weekend[wd] = true
	}
	if len(cd.Years) == 0 {
		return nil, invalidCalendar("years", "at least one year is required")
	}
	for i, yd := range cd.Years {
		field := fmt.Sprintf("years[%d]", i)
		if _, dup := c.years[yd.Year]; dup {
			return nil, invalidCalendar(field+".year", "year %d is listed twice", yd.Year)
		}
		if yd.Year < 1970 || yd.Year > 9999 {
			return nil, invalidCalendar(field+".year", "year %d is out of range", yd.Year)
		}
		if yd.Source == "" {
			return nil, invalidCalendarZh(field+".source", fmt.Sprintf("%d 年须注明依据的通知", yd.Year), "%d: source is required: say which notice the days come from", yd.Year)
		}
		y := calendarYear{holidays: map[Date]string{}, workdays: map[Date]string{}}
		zh := map[Date]string{} // the holidays' Chinese names, for the Chinese messages
		for j, h := range yd.Holidays {
			hf := fmt.Sprintf("%s.holidays[%d]", field, j)
			days, err := h.days()
			if err != nil {
				return nil, invalidCalendarZh(hf, fmt.Sprintf("%d 年的节假日有误：须有名称，并填写一天或起止日期（最多 %d 天）", yd.Year, maxHolidayRun), "%d: %v", yd.Year, err)
			}
			for _, d := range days {
				if d.Year != yd.Year {
					return nil, invalidCalendarZh(hf, fmt.Sprintf("%s 不在 %d 年内：请列在其所在年份下", d, yd.Year), "%s is not in %d: list each day under the year it falls in", d, yd.Year)
				}
				if prev, dup := y.holidays[d]; dup {
					return nil, invalidCalendarZh(hf, fmt.Sprintf("%s 重复列为节假日（%s、%s）", d, zh[d], h.zhName()), "holiday %s is listed twice (%s, %s)", d, prev, h.Name)
				}
				y.holidays[d], zh[d] = h.Name, h.zhName()
			}
		}
		for j, w := range yd.Workdays {
			wf := fmt.Sprintf("%s.workdays[%d]", field, j)
			switch {
			case w.Date.IsZero():
				return nil, invalidCalendar(wf, "%d: date is required", yd.Year)
			case w.Date.Year != yd.Year:
				return nil, invalidCalendarZh(wf, fmt.Sprintf("%s 不在 %d 年内：请列在其所在年份下", w.Date, yd.Year), "%s is not in %d: list each day under the year it falls in", w.Date, yd.Year)
			case !c.weekend[w.Date.Weekday()]:
				return nil, invalidCalendarZh(wf, fmt.Sprintf("调休上班日 %s 不是周末", w.Date), "make-up working day %s is a %s, not a weekend day", w.Date, w.Date.Weekday())
			case y.holidays[w.Date] != "":
				return nil, invalidCalendarZh(wf, fmt.Sprintf("%s 既是节假日（%s）又是调休上班日", w.Date, zh[w.Date]), "%s is both a holiday (%s) and a make-up working day", w.Date, y.holidays[w.Date])
			}
			if _, dup := y.workdays[w.Date]; dup {
				return nil, invalidCalendarZh(wf, fmt.Sprintf("调休上班日 %s 重复", w.Date), "make-up working day %s is listed twice", w.Date)
			}
			y.workdays[w.Date] = w.For
		}
		c.years[yd.Year] = y
	}
	return c, nil
}

// zhName is the holiday's name for a Chinese message: NameZh, else Name.
func (h holidayDoc) zhName() string {
	if h.NameZh != "" {
		return h.NameZh
	}
	return h.Name
}

func (h holidayDoc) days() ([]Date, error) {
	if h.Name == "" {
		return nil, errors.New("name is required")
	}
	single := !h.Date.IsZero()
	run := !h.From.IsZero() || !h.To.IsZero()
	switch {
	case single && run, !single && !run:
		return nil, fmt.Errorf("%s: give either date, or from and to", h.Name)
	case single:
		return []Date{h.Date}, nil
	case h.From.IsZero() || h.To.IsZero():
		return nil, fmt.Errorf("%s: a run needs both from and to", h.Name)
	case h.To.Before(h.From) || h.To.DaysSince(h.From) >= maxHolidayRun:
		return nil, fmt.Errorf("%s: %s to %s is not a run of 1 to %d days", h.Name, h.From, h.To, maxHolidayRun)
	}
	var days []Date
	for d := h.From; !d.After(h.To); d = d.AddDays(1) {
		days = append(days, d)
	}
	return days, nil
}

func parseWeekday(s string) (time.Weekday, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if strings.EqualFold(wd.String(), s) {
			return wd, true
		}
	}
	return 0, false
}

func invalidCalendar(field, format string, args ...any) error {
	return invalidCalendarZh(field, "工作日历数据有误", format, args...)
}

// invalidCalendarZh is invalidCalendar with the Chinese message that says what is wrong.
func invalidCalendarZh(field, zh, format string, args ...any) error {
	return invalidDocument("calendar", field, zh, format, args...)
}

// invalidDocument is the INVALID error for a field of a calendar or policy document: the field is
// named from the document's root ("calendar.years[0]", or the root alone when field is empty).
func invalidDocument(root, field, zh, format string, args ...any) error {
	if field != "" {
		root += "." + field
	}
	return domain.Invalid(root, fmt.Sprintf(format, args...), zh)
}

// parseBuiltins parses each embedded document of the folder dir of fsys with parse (an error names
// the file) and hands use its path (dir/base), its base name and what parse made of it.
func parseBuiltins[T any](fsys embed.FS, dir string, parse func([]byte) (T, error), use func(name, base string, v T) error) error {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		doc, err := fsys.ReadFile(name)
		if err != nil {
			return err
		}
		v, err := parse(doc)
		if err != nil {
			return fmt.Errorf("deadline: built-in %s: %w", name, err)
		}
		if err := use(name, e.Name(), v); err != nil {
			return err
		}
	}
	return nil
}

var builtinCalendars = sync.OnceValues(func() (map[string]*Calendar, error) {
	out := map[string]*Calendar{}
	err := parseBuiltins(calendarFS, "calendars", ParseCalendar, func(name, base string, c *Calendar) error {
		if want := strings.ToUpper(strings.TrimSuffix(base, ".json")); c.jurisdiction != want {
			return fmt.Errorf("deadline: built-in %s declares jurisdiction %s, want %s", name, c.jurisdiction, want)
		}
		out[c.jurisdiction] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
})

// BuiltinCalendar returns the embedded calendar of a jurisdiction ("CN", "US").
func BuiltinCalendar(jurisdiction string) (*Calendar, error) {
	all, err := builtinCalendars()
	if err != nil {
		return nil, err
	}
	c, ok := all[jurisdiction]
	if !ok {
		return nil, domain.Invalid("jurisdiction", fmt.Sprintf("no business calendar for jurisdiction %q", jurisdiction), "不支持该司法辖区")
	}
	return c, nil
}

// Jurisdiction returns the code of the jurisdiction whose calendar this is.
func (c *Calendar) Jurisdiction() string { return c.jurisdiction }

// Location returns the calendar's time zone: a day begins and ends at midnight there.
func (c *Calendar) Location() *time.Location { return c.loc }

// Years returns the years the calendar has holiday data for, in order.
func (c *Calendar) Years() []int {
	ys := make([]int, 0, len(c.years))
	for y := range c.years {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// MissingYear returns the first year, from the local date of from to that of to, that the calendar
// has no holiday data for, and 0 when it has every one: the year a provisional clock counted as
// weekends only (a clock started in December and due in January lacks the January's year, not
// December's).
func (c *Calendar) MissingYear(from, to time.Time) int {
	a, b := c.DateOf(from).Year, c.DateOf(to).Year
	if from.IsZero() {
		a = b
	}
	for y := a; y <= b; y++ {
		if _, ok := c.years[y]; !ok {
			return y
		}
	}
	return 0
}

// DateOf returns the calendar's local date of the instant t.
func (c *Calendar) DateOf(t time.Time) Date { return DateOf(t.In(c.loc)) }

// StartOfDay returns the first instant (00:00:00 local) of day d.
func (c *Calendar) StartOfDay(d Date) time.Time { return d.At(0, 0, 0, c.loc) }

// EndOfDay returns 23:59:59 local time of day d, the instant a deadline falling on d ends.
func (c *Calendar) EndOfDay(d Date) time.Time { return d.At(23, 59, 59, c.loc) }

func (c *Calendar) year(d Date) (calendarYear, error) {
	y, ok := c.years[d.Year]
	if !ok && !c.provisional {
		return calendarYear{}, &NoCalendarDataError{Jurisdiction: c.jurisdiction, Year: d.Year}
	}
	return y, nil
}

// Provisional returns a copy of the calendar that counts a year it has no data for as having no
// holidays and no make-up days (weekends only), instead of failing. It is for a clock that must run
// before the year's arrangement is published (a 60-day clock started in November); such a clock is
// marked provisional and recounted by its next change once the data is added.
func (c *Calendar) Provisional() *Calendar {
	p := *c
	p.provisional = true
	return &p
}

// IsWorkingDay reports whether d is a working day: a make-up working day, or a day that is neither a
// weekend day nor a public holiday. It fails for a year the calendar has no data for.
func (c *Calendar) IsWorkingDay(d Date) (bool, error) {
	y, err := c.year(d)
	if err != nil {
		return false, err
	}
	if _, ok := y.workdays[d]; ok {
		return true, nil
	}
	if _, ok := y.holidays[d]; ok {
		return false, nil
	}
	return !c.weekend[d.Weekday()], nil
}

// Holiday returns the name of the public holiday on d, or "" when d is not one.
func (c *Calendar) Holiday(d Date) (string, error) {
	y, err := c.year(d)
	if err != nil {
		return "", err
	}
	return y.holidays[d], nil
}

// AddWorkingDays returns the n-th working day after d, not counting d itself (民法典 art. 201: the
// day a period starts is not counted), or before d when n is negative; n == 0 returns d.
func (c *Calendar) AddWorkingDays(d Date, n int) (Date, error) {
	if _, err := c.year(d); err != nil {
		return Date{}, err
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return Date{}, err
		}
		if ok {
			n--
		}
	}
	return d, nil
}

// WorkingDaysBetween counts the working days after from, up to and including to (0 when to is not
// after from).
func (c *Calendar) WorkingDaysBetween(from, to Date) (int, error) {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// NextWorkingDay returns d when it is a working day, else the first working day after it.
func (c *Calendar) NextWorkingDay(d Date) (Date, error) {
	for {
		ok, err := c.IsWorkingDay(d)
		if err != nil || ok {
			return d, err
		}
		d = d.AddDays(1)
	}
}

// BuiltinCalendarDocument returns the embedded calendar document of a jurisdiction, for people to
// read.
func BuiltinCalendarDocument(jurisdiction string) ([]byte, error) {
	if _, err := BuiltinCalendar(jurisdiction); err != nil {
		return nil, err
	}
	return calendarFS.ReadFile(path.Join("calendars", strings.ToLower(jurisdiction)+".json"))
}
