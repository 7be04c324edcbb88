package domain

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Binding grants a user a role in a domain: one institution ("inst:<id>"), one regulator team
// ("team:<code>") or everywhere ("*"). A user's bindings decide what they are on the platform; the
// permission policy itself stays role-level.
type Binding struct {
	UserID    int64
	Role      Role
	Domain    string
	GrantedBy int64 // 0 when the platform granted it (account creation, migration)
	GrantedAt time.Time
}

// DomainAll is the domain of a binding that holds everywhere.
const DomainAll = "*"

// InstitutionDomain is the binding domain of an institution.
func InstitutionDomain(id int64) string { return "inst:" + strconv.FormatInt(id, 10) }

// TeamDomain is the binding domain of a regulator team.
func TeamDomain(code string) string { return "team:" + code }

var teamCode = regexp.MustCompile(`^[a-z0-9_-]{1,40}$`)

// CheckBinding says whether role may be bound in dom: institution roles to one institution, staff
// roles to a team or to every team, the other roles everywhere. The error is BAD_USER_INPUT on
// "domain" or "role".
func CheckBinding(role Role, dom string) error {
	if _, ok := ParseRole(string(role)); !ok {
		return Invalid("role", "unknown role", "角色无效")
	}
	switch {
	case role.IsInstitution():
		if id, ok := institutionOf(dom); !ok || id <= 0 {
			return Invalid("domain", "an institution role is granted in an institution: inst:<id>", "机构角色须指定机构：inst:<编号>")
		}
	case role == RoleReviewer || role == RoleSupervisor:
		if code, ok := strings.CutPrefix(dom, "team:"); dom != DomainAll && (!ok || !teamCode.MatchString(code)) {
			return Invalid("domain", "a staff role is granted in a team (team:<code>) or in every team (*)", "工作人员角色须指定团队：team:<代码>，或 * 表示全部团队")
		}
	default:
		if dom != DomainAll {
			return Invalid("domain", "this role is granted everywhere: use *", "该角色不分范围，请使用 *")
		}
	}
	return nil
}

func institutionOf(dom string) (int64, bool) {
	s, ok := strings.CutPrefix(dom, "inst:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && strconv.FormatInt(id, 10) == s
}

// rolePrecedence orders roles when a user holds several: the actor acts as the first one held,
// while role-level permissions come from every role held.
var rolePrecedence = []Role{RoleAdmin, RoleSupervisor, RoleReviewer, RoleInstitutionAdmin, RoleInstitutionAgent, RoleAnalyst, RoleComplainant}

// ActorFromBindings derives the actor of a signed-in user from their bindings: the role they act as
// (the highest of those held), their institution, and the teams whose queues they work (every team
// in allTeams when a staff role is bound everywhere). A user without bindings is signed in but may do
// nothing.
func ActorFromBindings(userID int64, bs []Binding, allTeams []string) Actor {
	a := Actor{UserID: userID}
	for _, r := range rolePrecedence {
		if slices.ContainsFunc(bs, func(b Binding) bool { return b.Role == r }) {
			a.Role = r
			break
		}
	}
	for _, b := range bs {
		switch {
		case b.Role == a.Role && a.Role.IsInstitution():
			if id, ok := institutionOf(b.Domain); ok && (a.InstitutionID == 0 || id < a.InstitutionID) {
				a.InstitutionID = id
			}
		case b.Role == RoleReviewer || b.Role == RoleSupervisor:
			if b.Domain == DomainAll {
				a.Teams = append(a.Teams, allTeams...)
			} else if code, ok := strings.CutPrefix(b.Domain, "team:"); ok {
				a.Teams = append(a.Teams, code)
			}
		}
	}
	if a.Role != RoleReviewer && a.Role != RoleSupervisor && a.Role != RoleAdmin {
		a.Teams = nil
	}
	slices.Sort(a.Teams)
	a.Teams = slices.Compact(a.Teams)
	return a
}

// AdminAct is one entry of the admin audit log: an administrator's change to the platform (access,
// institutions, routing, rule packs, calendars), with the client address it came from.
type AdminAct struct {
	ID        int64
	ActorID   int64
	ActorRole Role
	Action    string // e.g. role.grant, role.revoke, evidence.read
	Target    string // e.g. user:42, complaint:<id>
	Reason    string
	Details   map[string]any
	Address   string
	At        time.Time
}

// The admin audit log's actions.
const (
	ActGrantRole    = "role.grant"
	ActRevokeRole   = "role.revoke"
	ActReadEvidence = "evidence.read"
	// ActUpdateRouting publishes a routing table version.
	ActUpdateRouting = "routing.update"
	// ActUpdateRulePack publishes a rule pack revision.
	ActUpdateRulePack = "rulepack.update"
	// ActStartReassessment starts a rule reassessment job.
	ActStartReassessment = "rules.reassess"
)

// NewAdminAct is the admin audit log entry of the actor in ctx doing action on target at at: the
// one constructor of every admin change, so that who, what, when, the client address (the
// request's, WithRequestAddress; "unknown" outside a request) and the reason are recorded alike.
func NewAdminAct(ctx context.Context, action, target, reason string, details map[string]any, at time.Time) AdminAct {
	a := ActorFrom(ctx)
	addr := RequestAddress(ctx)
	if addr == "" {
		addr = "unknown"
	}
	return AdminAct{ActorID: a.UserID, ActorRole: a.Role, Action: action, Target: target, Reason: reason, Details: details,
		Address: addr, At: at}
}

// AdminActPage is one page of the admin audit log, newest first.
type AdminActPage struct {
	Acts    []AdminAct
	Cursors []string
	HasNext bool
}

// AccessStore is what access management needs from storage.
type AccessStore interface {
	// Bindings returns a user's bindings.
	Bindings(ctx context.Context, userID int64) ([]Binding, error)
	// SessionBindings returns a user's bindings and whether the session is live (one query).
	SessionBindings(ctx context.Context, userID, sessionID int64) (bs []Binding, live bool, err error)
	// TeamCodes returns the codes of every team.
	TeamCodes(ctx context.Context) ([]string, error)
	// DomainExists reports whether the institution or team a domain names exists ("*" does).
	DomainExists(ctx context.Context, dom string) (bool, error)
	// Grant stores a binding and its audit entry in one transaction; false, and nothing written,
	// when the user already holds it.
	Grant(ctx context.Context, b Binding, act AdminAct) (bool, error)
	// Revoke deletes a binding and writes its audit entry in one transaction; false, and nothing
	// written, when the user does not hold it.
	Revoke(ctx context.Context, b Binding, act AdminAct) (bool, error)
	// RecordAct appends an entry to the admin audit log.
	RecordAct(ctx context.Context, act AdminAct) error
	// AdminActs returns a page of the admin audit log, newest first, narrowed by f.
	AdminActs(ctx context.Context, f AdminActFilter, p Page) (AdminActPage, error)
	// SearchUsers returns the user whose id search is (a number), or those whose e-mail address
	// contains search, by id.
	SearchUsers(ctx context.Context, search string, p Page) ([]*User, bool, error)
}

// AdminActFilter narrows the admin audit log: an action (role.grant) or an action prefix
// (institution.), a target (user:42), an actor; empty fields match everything.
type AdminActFilter struct {
	Action  string
	Target  string
	ActorID int64
}

// BindingCache is the authorizer's in-memory copy of the bindings (casbin's role manager). Access
// hands it every user's bindings as read, so that a change made by any process is seen on the
// user's next request.
type BindingCache interface {
	SetBindings(userID int64, bs []Binding)
}

// Access manages who holds which role where, derives the actor of each request from the bindings,
// and keeps the admin audit log.
type Access struct {
	Store AccessStore
	Users UserFinder
	Authz Authorizer
	Cache BindingCache // may be nil
	Now   func() time.Time
}

// ReasonSessionEnded (extensions.reason of UNAUTHENTICATED) says a session was ended before its
// time: signed out, the password changed, the account disabled, a copy of its refresh token used;
// ReasonSessionExpired that its refresh token lived its time out.
const (
	ReasonSessionEnded   = "SESSION_ENDED"
	ReasonSessionExpired = "SESSION_EXPIRED"
)

// errSessionRevoked refuses an access token whose session has ended (logout, password change,
// refresh-token reuse).
var errSessionRevoked = &Error{Code: CodeUnauthenticated, Reason: ReasonSessionEnded, Message: "this session has ended; sign in again", MessageZH: "会话已结束，请重新登录"}

// ActorFor returns the actor a signed-in user acts as now, from their current bindings, when the
// session of their access token is live; an ended session is UNAUTHENTICATED.
func (s *Access) ActorFor(ctx context.Context, userID, sessionID int64) (Actor, error) {
	bs, live, err := s.Store.SessionBindings(ctx, userID, sessionID)
	if err != nil {
		return Actor{}, err
	}
	if !live {
		return Actor{}, errSessionRevoked
	}
	if s.Cache != nil {
		s.Cache.SetBindings(userID, bs)
	}
	var teams []string
	if slices.ContainsFunc(bs, func(b Binding) bool {
		return b.Domain == DomainAll && (b.Role == RoleReviewer || b.Role == RoleSupervisor)
	}) {
		if teams, err = s.Store.TeamCodes(ctx); err != nil {
			return Actor{}, err
		}
	}
	a := ActorFromBindings(userID, bs, teams)
	a.SessionID = sessionID
	return a, nil
}

func (s *Access) admin(ctx context.Context) (Actor, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return a, ErrUnauthenticated
	}
	if !s.Authz.Allowed(a, "user", "manage") {
		return a, ErrForbidden
	}
	return a, nil
}

// binding validates a grant or revocation's arguments.
func (s *Access) binding(ctx context.Context, userID int64, role Role, dom string) (Binding, error) {
	if userID <= 0 {
		return Binding{}, Invalid("userId", "enter a user id", "请输入用户编号")
	}
	dom = strings.TrimSpace(dom)
	if err := CheckBinding(role, dom); err != nil {
		return Binding{}, err
	}
	if _, err := s.Users.UserByID(ctx, userID); CodeOf(err) == CodeNotFound {
		return Binding{}, &Error{Code: CodeNotFound, Field: "userId", Message: "no such user", MessageZH: "用户不存在"}
	} else if err != nil {
		return Binding{}, err
	}
	return Binding{UserID: userID, Role: role, Domain: dom}, nil
}

// Grant gives a user a role in a domain; only administrators may. Granting a binding the user holds
// already changes nothing and records nothing. A user acts for one institution at most.
func (s *Access) Grant(ctx context.Context, userID int64, role Role, dom, reason string) (Binding, error) {
	a, err := s.admin(ctx)
	if err != nil {
		return Binding{}, err
	}
	if reason, err = roleChangeReason(reason); err != nil {
		return Binding{}, err
	}
	b, err := s.binding(ctx, userID, role, dom)
	if err != nil {
		return Binding{}, err
	}
	if ok, err := s.Store.DomainExists(ctx, b.Domain); err != nil {
		return Binding{}, err
	} else if !ok {
		return Binding{}, &Error{Code: CodeNotFound, Field: "domain", Message: "no such institution or team", MessageZH: "机构或团队不存在"}
	}
	held, err := s.Store.Bindings(ctx, userID)
	if err != nil {
		return Binding{}, err
	}
	if role.IsInstitution() {
		for _, h := range held {
			if h.Role.IsInstitution() && h.Domain != b.Domain {
				return Binding{}, &Error{Code: CodeConflict, Field: "domain",
					Message:   "the user already acts for another institution; revoke that first",
					MessageZH: "该用户已属于其他机构，请先撤销"}
			}
		}
	}
	b.GrantedBy, b.GrantedAt = a.UserID, s.Now()
	act := NewAdminAct(ctx, ActGrantRole, "user:"+strconv.FormatInt(userID, 10), reason,
		map[string]any{"role": string(role), "domain": b.Domain}, b.GrantedAt)
	if _, err := s.Store.Grant(ctx, b, act); err != nil {
		return Binding{}, err
	}
	s.refresh(ctx, userID)
	return b, nil
}

// Revoke takes a role in a domain away from a user; only administrators may, and not their own
// administrator role (someone must remain able to manage access). It takes effect on the user's
// next request. Revoking a binding the user does not hold is NOT_FOUND.
func (s *Access) Revoke(ctx context.Context, userID int64, role Role, dom, reason string) error {
	a, err := s.admin(ctx)
	if err != nil {
		return err
	}
	if reason, err = roleChangeReason(reason); err != nil {
		return err
	}
	b, err := s.binding(ctx, userID, role, dom)
	if err != nil {
		return err
	}
	if userID == a.UserID && role == RoleAdmin {
		return Invalid("userId", "you cannot revoke your own administrator role", "不能撤销自己的管理员角色")
	}
	act := NewAdminAct(ctx, ActRevokeRole, "user:"+strconv.FormatInt(userID, 10), reason,
		map[string]any{"role": string(role), "domain": b.Domain}, s.Now())
	ok, err := s.Store.Revoke(ctx, b, act)
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Code: CodeNotFound, Field: "role", Message: "the user does not hold this role there", MessageZH: "该用户在此范围内没有该角色"}
	}
	s.refresh(ctx, userID)
	return nil
}

// refresh hands the authorizer a user's new bindings at once; other processes read them on the
// user's next request.
func (s *Access) refresh(ctx context.Context, userID int64) {
	if s.Cache == nil {
		return
	}
	if bs, err := s.Store.Bindings(ctx, userID); err == nil {
		s.Cache.SetBindings(userID, bs)
	}
}

// UserBindings returns a user's bindings, to the user themselves or an administrator.
func (s *Access) UserBindings(ctx context.Context, userID int64) ([]Binding, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return nil, ErrUnauthenticated
	}
	if a.UserID != userID && !s.Authz.Allowed(a, "user", "manage") {
		return nil, ErrForbidden
	}
	return s.Store.Bindings(ctx, userID)
}

// AuditLog returns a page of the admin audit log, newest first, narrowed by f, to administrators.
func (s *Access) AuditLog(ctx context.Context, f AdminActFilter, p Page) (AdminActPage, error) {
	if _, err := s.admin(ctx); err != nil {
		return AdminActPage{}, err
	}
	if p.First <= 0 {
		p.First = 20
	}
	if p.First > 100 {
		return AdminActPage{}, Invalid("first", "first must be at most 100", "每页最多100条")
	}
	f.Action, f.Target = strings.TrimSpace(f.Action), strings.TrimSpace(f.Target)
	if utf8.RuneCountInString(f.Action) > 100 {
		return AdminActPage{}, Invalid("filter.action", "the action is longer than 100 characters", "操作类型超过100个字符")
	}
	if utf8.RuneCountInString(f.Target) > 200 {
		return AdminActPage{}, Invalid("filter.target", "the target is longer than 200 characters", "对象超过200个字符")
	}
	return s.Store.AdminActs(ctx, f, p)
}

// SearchUsers finds users by e-mail address (a part of it) or id, for administrators, who then see
// and change their role bindings.
func (s *Access) SearchUsers(ctx context.Context, search string, p Page) ([]*User, bool, error) {
	if _, err := s.admin(ctx); err != nil {
		return nil, false, err
	}
	if p.First < 1 || p.First > 100 {
		return nil, false, Invalid("first", "first must be between 1 and 100", "每页须为1至100条")
	}
	search = strings.TrimSpace(search)
	if utf8.RuneCountInString(search) > 200 {
		return nil, false, Invalid("search", "the search is longer than 200 characters", "搜索内容超过200个字符")
	}
	return s.Store.SearchUsers(ctx, search, p)
}

// MaxReasonRunes is the longest reason an administrator may give for reading personal data.
const MaxReasonRunes = 500

// requiredReason trims an administrator's reason and refuses an empty one (with the message en/zh)
// or one longer than MaxReasonRunes, as BAD_USER_INPUT on reason.
func requiredReason(reason, en, zh string) (string, error) {
	reason = strings.TrimSpace(reason)
	if Blank(reason) {
		return "", Invalid("reason", en, zh)
	}
	if utf8.RuneCountInString(reason) > MaxReasonRunes {
		return "", Invalid("reason", "the reason is longer than 500 characters", "理由超过500个字符")
	}
	return reason, nil
}

// roleChangeReason checks the reason an administrator gives for granting or revoking a role.
func roleChangeReason(reason string) (string, error) {
	return requiredReason(reason, "say why the role changes (e.g. the request or ticket it answers); it is recorded in the audit log",
		"请说明变更角色的原因（如所依据的申请或工单），原因将记入审计日志")
}

// RecordReadWithReason checks and records an administrator's reason for reading something personal
// (evidence): the reason must be given, and the act lands in the admin audit log before anything is
// shown. Callers ask only for administrators; others read what their scope allows without one.
func (s *Access) RecordReadWithReason(ctx context.Context, action, target, reason string, details map[string]any) error {
	reason, err := requiredReason(reason, "administrators give a reason to read evidence; it is recorded", "管理员查看证据须填写理由，理由将被记录")
	if err != nil {
		return err
	}
	return s.Store.RecordAct(ctx, NewAdminAct(ctx, action, target, reason, details, s.Now()))
}

// ListWithReason returns the evidence of a complaint the actor may see. Administrators manage the
// platform but do not read evidence without a reason: theirs is required and recorded in the admin
// audit log, with the client address, before anything is returned.
func (s *EvidenceService) ListWithReason(ctx context.Context, complaintID, reason string) ([]*Evidence, error) {
	c, err := s.Complaints.Get(ctx, complaintID)
	if err != nil {
		return nil, err
	}
	if a := ActorFrom(ctx); a.Role == RoleAdmin {
		if s.Access == nil {
			return nil, ErrForbidden
		}
		if err := s.Access.RecordReadWithReason(ctx, ActReadEvidence, "complaint:"+c.ID, reason, nil); err != nil {
			return nil, err
		}
	}
	evs, err := s.Records.ListEvidence(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	a := ActorFrom(ctx)
	evs = slices.DeleteFunc(evs, func(e *Evidence) bool { return !EvidenceVisibleTo(a, e) })
	return withholdFromEvidence(a, c, evs), nil
}

// withholdFromEvidence removes from the complainant's evidence, as an institution reads it, what
// Disclose and withholdComplainants withheld from the complaint's other free text: the filed debtor
// values it may not read and the complainant's own name, e-mail and SMS mobile, however written.
// It applies to the descriptions, the complainant's own words like the narrative (they reached the
// collection agency as typed; found by hand, session 11), and to the collector messages the
// complainant pasted, whose text and sender are the complainant's copy like the incidents' (a
// collector's message names the debtor, the ID number and the contract: without consent they
// reached the institution as pasted; session 20, attack). The items are copies: the records stay
// as written for the complainant and the regulator's staff.
func withholdFromEvidence(a Actor, c *Complaint, evs []*Evidence) []*Evidence {
	if !a.Role.IsInstitution() || len(c.withheld) == 0 {
		return evs
	}
	out := make([]*Evidence, len(evs))
	for i, e := range evs {
		if e.InstitutionID == 0 && (e.Description != "" || e.Message != nil) {
			cp := *e
			cp.Description = forInstitution(e.Description, c.withheld)
			if m := e.Message; m != nil {
				cm := *m
				cm.Sender, cm.Text = forInstitution(m.Sender, c.withheld), forInstitution(m.Text, c.withheld)
				cp.Message = &cm
			}
			e = &cp
		}
		out[i] = e
	}
	return out
}
