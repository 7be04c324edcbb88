package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// The rule tables of every session (zh_session*_test.go, us_*_test.go, dispute_test.go) run through
// one case-runner, runCases: a table is a list of texts, each with the type the pack must flag, the
// type it must not flag and, in the US tables, a phrase that must stand among the evidence.
// flagCase, usPhrasing, typeCase, runFlagCases, runUSPhrasings, runTypeCases and assertFlagged are
// its spellings for the Chinese and US tables, tables of one type per row and single texts; tables
// that also fix the severity and the police referral routing gives run through runJudgeCases, tables
// of what the normaliser makes of a text through checkNormalize, and tables of threats and their
// look-alikes through checkThreatSeverity (severity_s21threat2_test.go). New session files use them
// rather than a loop of their own.

// The short names the tables use for the types (none: no type).
const (
	none     = domain.ViolationType("")
	threat   = domain.ViolationThreat
	third    = domain.ViolationThirdPartyContact
	privacy  = domain.ViolationPrivacyDisclosure
	abuse    = domain.ViolationAbusiveLanguage
	falseRep = domain.ViolationFalseRepresentation
	visit    = domain.ViolationVisitHarassment
	hours    = domain.ViolationImproperHours
	excess   = domain.ViolationExcessiveContact
	stop     = domain.ViolationContactAfterStop
	unident  = domain.ViolationUnidentifiedCollector
	missing  = domain.ViolationMissingDisclosure
	dispute  = domain.ViolationDebtDispute
	fees     = domain.ViolationUnlawfulFees
)

// textCase is one row of a rule table: a text, the type the pack must flag at the routing confidence
// (want, or ""), a type it must not flag at that confidence (not, or "") and a phrase that must stand
// among want's evidence (phrase, or "").
type textCase struct {
	name   string
	text   string
	want   domain.ViolationType
	not    domain.ViolationType
	phrase string
}

// usPhrasing is a text and the type the US pack must flag (want, with the phrase among the evidence
// when given) or must not flag (not), rules alone.
type usPhrasing = textCase

// flagCase is a text, the type it must flag (or "") and a type it must not flag (or "").
type flagCase struct {
	name string
	text string
	want domain.ViolationType
	not  domain.ViolationType
}

// runCases runs each case on p as a subtest named after the case (see assertCase).
func runCases(t *testing.T, p *Pack, cases []textCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assertCase(t, p, tc)
		})
	}
}

// runFlagCases runs a Chinese (or any pack's) table of flagCase rows on p.
func runFlagCases(t *testing.T, p *Pack, cases []flagCase) {
	t.Helper()
	rows := make([]textCase, len(cases))
	for i, c := range cases {
		rows[i] = textCase{name: c.name, text: c.text, want: c.want, not: c.not}
	}
	runCases(t, p, rows)
}

// typeCase is a text, a type, and whether the pack must flag it (want) or must not (!want).
type typeCase struct {
	name string
	text string
	v    domain.ViolationType
	want bool
}

// runTypeCases runs a table of typeCase rows on p.
func runTypeCases(t *testing.T, p *Pack, cases []typeCase) {
	t.Helper()
	rows := make([]textCase, len(cases))
	for i, c := range cases {
		rows[i] = textCase{name: c.name, text: c.text}
		if c.want {
			rows[i].want = c.v
		} else {
			rows[i].not = c.v
		}
	}
	runCases(t, p, rows)
}

// runUSPhrasings runs a table of usPhrasing rows on the US pack.
func runUSPhrasings(t *testing.T, cases []usPhrasing) {
	t.Helper()
	runCases(t, mustPack(t, US), cases)
}

// assertFlagged fails when want (if set) is not flagged at the routing confidence, or when not (if
// set) is.
func assertFlagged(t *testing.T, p *Pack, text string, want, not domain.ViolationType) {
	t.Helper()
	assertCase(t, p, textCase{text: text, want: want, not: not})
}

// assertCase fails (and stops) when c.want is set and not flagged at the routing confidence, fails
// when c.phrase is set and not among c.want's evidence, and fails when c.not is set and flagged.
func assertCase(t *testing.T, p *Pack, c textCase) {
	t.Helper()
	a := p.Assess(Facts{Narrative: c.text})
	if c.want != "" {
		f, ok := a.Find(c.want)
		if !ok || f.Confidence < domain.RoutingConfidence {
			t.Fatalf("%q: want %s flagged (confidence ≥ %.1f), got %+v", c.text, c.want, domain.RoutingConfidence, a.Violations)
		}
		if c.phrase != "" && !slices.ContainsFunc(f.Evidence, func(e Evidence) bool { return e.Phrase == c.phrase }) {
			t.Errorf("%q: evidence %+v lacks the phrase %q", c.text, f.Evidence, c.phrase)
		}
	}
	if c.not != "" {
		if f, ok := a.Find(c.not); ok && f.Confidence >= domain.RoutingConfidence {
			t.Errorf("%q: flagged %s, want none: %+v", c.text, c.not, f)
		}
	}
}

// judgeCase is a text, the types that must and must not be flagged, and the severity and police
// referral routing must give it.
type judgeCase struct {
	name     string
	text     string
	want     []domain.ViolationType
	not      []domain.ViolationType
	severity domain.Priority
	police   bool
}

// runJudgeCases judges each case as routing judges a narrative (rules judge) and checks its flags,
// severity and police referral.
func runJudgeCases(t *testing.T, p *Pack, cases []judgeCase) {
	t.Helper()
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := p.Judge(Facts{Narrative: tc.text}, "", now)
			var flagged []domain.ViolationType
			for _, v := range a.Violations {
				if v.Confidence >= domain.RoutingConfidence {
					flagged = append(flagged, v.Type)
				}
			}
			for _, w := range tc.want {
				if !slices.Contains(flagged, w) {
					t.Errorf("%q: want %s flagged, got %v", tc.text, w, flagged)
				}
			}
			for _, n := range tc.not {
				if slices.Contains(flagged, n) {
					t.Errorf("%q: %s flagged, want not: %+v", tc.text, n, a.Violations)
				}
			}
			if a.Severity != tc.severity || (a.SuggestedReferral == domain.ReferPolice) != tc.police {
				t.Errorf("%q: severity %s referral %q, want %s police=%v", tc.text, a.Severity, a.SuggestedReferral, tc.severity, tc.police)
			}
		})
	}
}

// normCase is a text, the pack whose normaliser reads it, and what the normalised text must hold.
type normCase struct {
	p        *Pack
	in, want string
}

// checkNormalize fails for each case whose normalised text does not hold want.
func checkNormalize(t *testing.T, cases []normCase) {
	t.Helper()
	for _, c := range cases {
		if got := c.p.normalize(c.in).text; !strings.Contains(got, c.want) {
			t.Errorf("normalize(%q) = %q, want it to hold %q", c.in, got, c.want)
		}
	}
}
