package domain

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Wildcard in a routing rule matches any province, product or violation type.
const Wildcard = "*"

// RoutingRule sends complaints of a province, product and violation type to a team. Each key may be
// Wildcard.
type RoutingRule struct {
	Province  string        `json:"province"`
	Product   Product       `json:"product"`
	Violation ViolationType `json:"violation"`
	Team      string        `json:"team"`
}

// specificity counts the keys a rule names; the most specific matching rule wins.
func (r RoutingRule) specificity() int {
	n := 0
	for _, k := range []string{r.Province, string(r.Product), string(r.Violation)} {
		if k != Wildcard {
			n++
		}
	}
	return n
}

// TeamPolicy is how a team wants new complaints handed out.
type TeamPolicy struct {
	Team string `json:"team"`
	// AssignLeastLoaded assigns each routed complaint to the team's reviewer with the fewest open
	// complaints; otherwise it waits in the team's queue to be claimed.
	AssignLeastLoaded bool `json:"assignLeastLoaded"`
}

// RoutingTable is one version of the routing table. Versions are never changed; an edit adds the
// next version.
type RoutingTable struct {
	Version   int           `json:"-"`
	Rules     []RoutingRule `json:"rules"`
	Teams     []TeamPolicy  `json:"teams"`
	Reason    string        `json:"-"`
	CreatedBy int64         `json:"-"` // 0 for the built-in version
	CreatedAt time.Time     `json:"-"`
}

//go:embed routing_default.json
var defaultRoutingTable []byte

// DefaultRoutingTable returns the built-in routing table, stored as version 1 the first time routing
// needs a table.
func DefaultRoutingTable() RoutingTable {
	var t RoutingTable
	if err := json.Unmarshal(defaultRoutingTable, &t); err != nil {
		panic(fmt.Sprintf("domain: built-in routing table: %v", err))
	}
	t.Version, t.Reason = 1, "built-in routing table"
	return t
}

// Route picks the team for a complaint of a province and product showing the given violation
// types: the matching rule naming the most keys wins, the earlier rule on a tie. ok is false when
// no rule matches (a valid table always has a catch-all).
func (t RoutingTable) Route(province string, product Product, violations []ViolationType) (rule RoutingRule, ok bool) {
	best := -1
	for _, r := range t.Rules {
		if r.Province != Wildcard && r.Province != province {
			continue
		}
		if r.Product != Wildcard && r.Product != product {
			continue
		}
		if r.Violation != Wildcard && !oneOf(r.Violation, violations) {
			continue
		}
		if s := r.specificity(); s > best {
			best, rule, ok = s, r, true
		}
	}
	return rule, ok
}

// LeastLoaded reports whether the team wants the least-loaded reviewer assigned.
func (t RoutingTable) LeastLoaded(team string) bool {
	for _, p := range t.Teams {
		if p.Team == team {
			return p.AssignLeastLoaded
		}
	}
	return false
}

// teamNames lists every team the table names.
func (t RoutingTable) teamNames() []string {
	var out []string
	for _, r := range t.Rules {
		if !oneOf(r.Team, out) {
			out = append(out, r.Team)
		}
	}
	for _, p := range t.Teams {
		if !oneOf(p.Team, out) {
			out = append(out, p.Team)
		}
	}
	return out
}

// MaxRoutingRules bounds a routing table.
const MaxRoutingRules = 2000

// Validate checks a table rule by rule: known provinces, products and violation types or the
// wildcard, a team on every rule, no two rules with the same keys, and a catch-all rule so that
// every complaint finds a team.
func (t RoutingTable) Validate() error {
	if len(t.Rules) == 0 || len(t.Rules) > MaxRoutingRules {
		return Invalid("input.rules", "a routing table has between 1 and 2000 rules", "路由表须有1至2000条规则")
	}
	seen := map[RoutingRule]int{}
	catchAll := false
	for i, r := range t.Rules {
		path := "input.rules." + itoa(i) + "."
		if _, ok := ProvinceByCode(r.Province); r.Province != Wildcard && !ok {
			return Invalid(path+"province", "province must be a 6-digit code such as 440000, or *", "省份须为6位行政区划代码或*")
		}
		if r.Product != Wildcard && !oneOf(r.Product, Products) {
			return Invalid(path+"product", "unknown product; use * for any", "产品类型无效，任意产品请用*")
		}
		if _, ok := ParseViolationType(string(r.Violation)); r.Violation != Wildcard && !ok {
			return Invalid(path+"violation", "unknown violation type; use * for any", "违规类型无效，任意类型请用*")
		}
		if strings.TrimSpace(r.Team) == "" || utf8.RuneCountInString(r.Team) > 64 {
			return Invalid(path+"team", "name the team", "请填写处理组")
		}
		key := RoutingRule{Province: r.Province, Product: r.Product, Violation: r.Violation}
		if j, dup := seen[key]; dup {
			return Invalid(path+"province", "rule "+itoa(j)+" has the same province, product and violation type", "与第"+itoa(j)+"条规则的省份、产品和违规类型相同")
		}
		seen[key] = i
		if r.specificity() == 0 {
			catchAll = true
		}
	}
	if !catchAll {
		return Invalid("input.rules", "add a catch-all rule (*, *, *) so that every complaint finds a team", "请添加兜底规则（*, *, *），使每件投诉都有处理组")
	}
	teams := map[string]bool{}
	for i, p := range t.Teams {
		if teams[p.Team] {
			return Invalid("input.teams."+itoa(i)+".team", "team listed twice", "处理组重复")
		}
		teams[p.Team] = true
	}
	return nil
}

// RoutingStore keeps the versions of the routing table and answers routing's load question.
type RoutingStore interface {
	// CurrentRoutingTable returns the latest version, storing def as version 1 when there is none.
	CurrentRoutingTable(ctx context.Context, def RoutingTable) (RoutingTable, error)
	// RoutingTableVersion returns one version; NOT_FOUND when there is no such version.
	RoutingTableVersion(ctx context.Context, version int) (RoutingTable, error)
	// RoutingTableVersions lists every version, newest first.
	RoutingTableVersions(ctx context.Context) ([]RoutingTable, error)
	// SaveRoutingTable stores t as version t.Version with the admin audit entry, in one
	// transaction; a version that exists already is a CONFLICT.
	SaveRoutingTable(ctx context.Context, t RoutingTable, act AdminAct) error
	// UnknownTeams returns the names among teams that are not teams of the regulator.
	UnknownTeams(ctx context.Context, teams []string) ([]string, error)
	// LeastLoadedReviewer returns the reviewer of the team with the fewest open complaints assigned
	// (the lowest id on a tie), or 0 when the team has no reviewer.
	LeastLoadedReviewer(ctx context.Context, team string) (int64, error)
}

// Routing is the versioned routing table: routing reads the current version, admins add versions.
type Routing struct {
	Store RoutingStore
	Authz Authorizer
	Now   func() time.Time
}

// Current returns the routing table in force.
func (s *Routing) Current(ctx context.Context) (RoutingTable, error) {
	return s.Store.CurrentRoutingTable(ctx, DefaultRoutingTable())
}

// mayRead lets the regulator's staff and admins read the table.
func (s *Routing) mayRead(ctx context.Context) error {
	return MayReadPolicy(ActorFrom(ctx), s.Authz)
}

// Table returns one version of the routing table (0: the current one) to staff and admins.
func (s *Routing) Table(ctx context.Context, version int) (RoutingTable, error) {
	if err := s.mayRead(ctx); err != nil {
		return RoutingTable{}, err
	}
	if version == 0 {
		return s.Current(ctx)
	}
	return s.Store.RoutingTableVersion(ctx, version)
}

// Versions lists every version of the routing table, newest first, to staff and admins.
func (s *Routing) Versions(ctx context.Context) ([]RoutingTable, error) {
	if err := s.mayRead(ctx); err != nil {
		return nil, err
	}
	if _, err := s.Current(ctx); err != nil { // make sure version 1 exists
		return nil, err
	}
	return s.Store.RoutingTableVersions(ctx)
}

// Check validates a draft of the routing table as Update would, without storing it (admins): nil
// when it may be published, else the first problem as BAD_USER_INPUT on its field
// (input.rules.3.province).
func (s *Routing) Check(ctx context.Context, t RoutingTable) error {
	if err := MayManagePolicy(ActorFrom(ctx), s.Authz); err != nil {
		return err
	}
	return s.check(ctx, t)
}

func (s *Routing) check(ctx context.Context, t RoutingTable) error {
	if err := t.Validate(); err != nil {
		return err
	}
	unknown, err := s.Store.UnknownTeams(ctx, t.teamNames())
	if err != nil {
		return err
	}
	if len(unknown) > 0 {
		field := "input.rules"
		for i, r := range t.Rules {
			if oneOf(r.Team, unknown) {
				field = "input.rules." + itoa(i) + ".team"
				break
			}
		}
		if field == "input.rules" {
			for i, p := range t.Teams {
				if oneOf(p.Team, unknown) {
					field = "input.teams." + itoa(i) + ".team"
					break
				}
			}
		}
		return Invalid(field, "unknown team: "+strings.Join(unknown, ", "), "处理组不存在："+strings.Join(unknown, "、"))
	}
	return nil
}

// Update lets an admin replace the routing table: the new table becomes the next version, and the
// change is recorded in the admin audit log. expectedVersion, when not 0, must be the current version.
func (s *Routing) Update(ctx context.Context, t RoutingTable, reason string, expectedVersion int) (RoutingTable, error) {
	a := ActorFrom(ctx)
	if err := MayManagePolicy(a, s.Authz); err != nil {
		return RoutingTable{}, err
	}
	reason, err := PolicyChangeReason(reason, "say why the routing changes (at most 2000 characters)", "请说明修改路由的原因（最多2000字）")
	if err != nil {
		return RoutingTable{}, err
	}
	if err := s.check(ctx, t); err != nil {
		return RoutingTable{}, err
	}
	cur, err := s.Current(ctx)
	if err != nil {
		return RoutingTable{}, err
	}
	if expectedVersion != 0 && expectedVersion != cur.Version {
		return RoutingTable{}, ErrConflict
	}
	t.Version, t.Reason, t.CreatedBy, t.CreatedAt = cur.Version+1, reason, a.UserID, s.Now()
	act := NewAdminAct(ctx, ActUpdateRouting, "routing-table:"+itoa(t.Version), reason,
		map[string]any{"version": t.Version, "previousVersion": cur.Version, "rules": len(t.Rules)}, t.CreatedAt)
	if err := s.Store.SaveRoutingTable(ctx, t, act); err != nil {
		return RoutingTable{}, err
	}
	return t, nil
}
