package domain

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"log/slog"
	"strconv"
	"time"

	"github.com/redline-regulator/redline/domain/pii"
)

// The admin audit log's actions on an institution's users, by the institution's own admin.
const (
	ActInviteInstitutionUser  = "institution.user.invite"
	ActDisableInstitutionUser = "institution.user.disable"
	ActEnableInstitutionUser  = "institution.user.enable"
	ActResendInvitation       = "institution.user.invite.resend"
	// ActInviteTakenAddress records an invitation of an address that already had an account (the
	// regulator's administrators see it; the institution is not told).
	ActInviteTakenAddress = "institution.user.invite.taken"
)

// InvitationTTL is how long an invitation link sets a password.
const InvitationTTL = 7 * 24 * time.Hour

// InstitutionMember is a user of an institution as its admin sees them: the e-mail address masked
// (z***@example.cn), no password, no other roles.
type InstitutionMember struct {
	ID    int64
	Name  string
	Email string // masked
	Role  Role   // institution_admin when they hold both institution roles
	// Active is false once the institution's admin disabled them.
	Active bool
	// Invited is true while the invitation has not been taken up (no password set, never signed in).
	Invited      bool
	LastSignInAt time.Time
	CreatedAt    time.Time
	// Elsewhere is true when the user also holds a role outside the institution (a regulator role,
	// another binding): the institution's admin may not disable such an account.
	Elsewhere bool
}

// Invitation is a one-time link to set the password of an invited account; only a hash of its token
// is stored.
type Invitation struct {
	TokenHash []byte
	UserID    int64
	CreatedBy int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// InstitutionUserStore is what managing an institution's users needs from storage.
type InstitutionUserStore interface {
	// Members returns the users holding an institution role in the institution, by id.
	Members(ctx context.Context, institutionID int64) ([]InstitutionMember, error)
	// Member returns one of them; a user who holds no role in the institution is NOT_FOUND.
	Member(ctx context.Context, institutionID, userID int64) (*InstitutionMember, error)
	// CreateInvited creates the account (its default binding gives it the role in the institution),
	// the invitation and the admin audit entry in one transaction; act.Target and inv.UserID are
	// filled in. A taken e-mail address is BAD_USER_INPUT on email.
	CreateInvited(ctx context.Context, u *User, inv *Invitation, act AdminAct) error
	// SetDisabled disables (at non-zero) or enables (at zero) an account with the admin audit entry
	// in one transaction; disabling ends every session of the user in it.
	SetDisabled(ctx context.Context, userID int64, at time.Time, act AdminAct) error
	// RecordAct writes an admin audit entry on its own.
	RecordAct(ctx context.Context, act AdminAct) error
	// ReplaceInvitation deletes the user's unused invitations and stores inv with the admin audit
	// entry in one transaction: the links sent before stop working.
	ReplaceInvitation(ctx context.Context, inv *Invitation, act AdminAct) error
	// AcceptInvitation sets the password of the account of a live, unused invitation of an account
	// that is not disabled, and uses the invitation up; false when there is no such invitation.
	AcceptInvitation(ctx context.Context, tokenHash []byte, passwordHash string, now time.Time) (bool, error)
}

// InstitutionUsers lets an institution's admin manage the agents and admins of their own institution:
// list them, invite new ones (the invited person sets a password from an e-mailed link) and disable
// or enable them. Permission comes from casbin in the institution's domain (inst:<id>), so it holds
// only where the admin's binding is; every change lands in the admin audit log.
type InstitutionUsers struct {
	Store    InstitutionUserStore
	Accounts *Accounts
	Authz    Authorizer
	Mailer   Mailer // nil means LogMailer
	// Link turns an invitation token into the link the e-mail carries (the portal's #/invite/<token>).
	Link func(token string) string
	Now  func() time.Time
}

var errSelfDisable = Invalid("id", "you cannot disable your own account", "不能停用自己的账户")

// manage returns the acting institution admin and their institution's domain; an agent, anyone of
// another role or an admin without the permission in their institution is FORBIDDEN.
func (s *InstitutionUsers) manage(ctx context.Context) (Actor, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return a, ErrUnauthenticated
	}
	if !a.Role.IsInstitution() || a.InstitutionID == 0 ||
		!s.Authz.AllowedIn(a, InstitutionDomain(a.InstitutionID), "institution_user", "manage") {
		return a, ErrForbidden
	}
	return a, nil
}

func (s *InstitutionUsers) act(ctx context.Context, a Actor, action string, userID int64, details map[string]any) AdminAct {
	if details == nil {
		details = map[string]any{}
	}
	details["institution"] = a.InstitutionID
	target := ""
	if userID != 0 {
		target = "user:" + strconv.FormatInt(userID, 10)
	}
	return NewAdminAct(ctx, action, target, "", details, s.Now())
}

// List returns the agents and admins of the caller's institution.
func (s *InstitutionUsers) List(ctx context.Context) ([]InstitutionMember, error) {
	a, err := s.manage(ctx)
	if err != nil {
		return nil, err
	}
	return s.Store.Members(ctx, a.InstitutionID)
}

// InvitationSent is the answer to an invitation: the address as the admin may see it (masked) and
// when the link stops working. It is the same whether the address was new or already had an
// account, so that inviting tells an institution nothing about who has an account.
type InvitationSent struct {
	Email     string // masked
	ExpiresAt time.Time
}

// Invite opens an agent or admin account of the caller's institution and e-mails the invited person
// a link to set their password (valid InvitationTTL); the account cannot sign in before. An address
// that already has an account gets nothing created: its owner is e-mailed that an institution tried
// to invite them. The answer (or the validation error about the input itself) is the same either
// way, after the same work, like Registrations.Register.
func (s *InstitutionUsers) Invite(ctx context.Context, email, name string, role Role) (*InvitationSent, error) {
	a, err := s.manage(ctx)
	if err != nil {
		return nil, err
	}
	if !role.IsInstitution() {
		return nil, Invalid("input.role", "invite an agent or an admin of the institution", "只能邀请本机构的处理人员或管理员")
	}
	token, err := randomToken()
	if err != nil {
		return nil, err
	}
	unknown, err := randomToken()
	if err != nil {
		return nil, err
	}
	// The account's password is a random one nobody is told until the invitation sets a real one;
	// it is hashed for a taken address too, so that both answers take the same time.
	u, err := s.Accounts.newUser(ctx, NewUser{Email: email, Password: "invited-" + unknown, DisplayName: name, Role: role, InstitutionID: a.InstitutionID})
	if err != nil {
		return nil, inputField(err)
	}
	now := s.Now()
	sent := &InvitationSent{Email: MaskedEmail(u.Email), ExpiresAt: now.Add(InvitationTTL)}
	owner, err := s.Accounts.Store.UserByEmail(ctx, u.Email)
	if err != nil && CodeOf(err) != CodeNotFound {
		return nil, err
	}
	if owner != nil {
		return sent, s.addressTaken(ctx, a, owner, role)
	}
	inv := &Invitation{TokenHash: hashToken(token), CreatedBy: a.UserID, CreatedAt: now, ExpiresAt: sent.ExpiresAt}
	act := s.act(ctx, a, ActInviteInstitutionUser, 0, map[string]any{"role": string(role)})
	if err := s.Store.CreateInvited(ctx, u, inv, act); err != nil {
		if e, ok := AsError(err); ok && e.Field == "email" { // the address was taken in the meantime
			if owner, err := s.Accounts.Store.UserByEmail(ctx, u.Email); err == nil {
				return sent, s.addressTaken(ctx, a, owner, role)
			}
			return sent, nil
		}
		return nil, inputField(err)
	}
	s.sendInvitation(ctx, u, token)
	return sent, nil
}

// ResendInvitation sends a new invitation link to a user of the caller's institution who has not
// taken up theirs (it may have expired); the links sent before stop working. A user of another
// institution is NOT_FOUND; one who already set a password, or is disabled, is BAD_USER_INPUT.
func (s *InstitutionUsers) ResendInvitation(ctx context.Context, userID int64) (*InstitutionMember, error) {
	a, err := s.manage(ctx)
	if err != nil {
		return nil, err
	}
	if userID <= 0 {
		return nil, Invalid("id", "the user id is a positive number", "用户编号须为正整数")
	}
	m, err := s.Store.Member(ctx, a.InstitutionID, userID)
	if CodeOf(err) == CodeNotFound {
		return nil, &Error{Code: CodeNotFound, Field: "id", Message: "no such user in your institution", MessageZH: "本机构没有该用户"}
	} else if err != nil {
		return nil, err
	}
	if !m.Invited {
		return nil, Invalid("id", "this user has already set a password; there is no invitation to send again", "该用户已设置密码，无需重新发送邀请")
	}
	if !m.Active {
		return nil, Invalid("id", "this user is disabled; enable them before sending the invitation again", "该用户已停用，请先启用再重新发送邀请")
	}
	u, err := s.Accounts.Store.UserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	token, err := randomToken()
	if err != nil {
		return nil, err
	}
	now := s.Now()
	inv := &Invitation{TokenHash: hashToken(token), UserID: userID, CreatedBy: a.UserID, CreatedAt: now, ExpiresAt: now.Add(InvitationTTL)}
	if err := s.Store.ReplaceInvitation(ctx, inv, s.act(ctx, a, ActResendInvitation, userID, nil)); err != nil {
		return nil, err
	}
	s.sendInvitation(ctx, u, token)
	return s.Store.Member(ctx, a.InstitutionID, userID)
}

// addressTaken records an invitation of an address that has an account, for the regulator's
// administrators, and tells the account's owner.
func (s *InstitutionUsers) addressTaken(ctx context.Context, a Actor, owner *User, role Role) error {
	if err := s.Store.RecordAct(ctx, s.act(ctx, a, ActInviteTakenAddress, owner.ID, map[string]any{"role": string(role)})); err != nil {
		return err
	}
	s.sendAddressTaken(ctx, owner, role)
	return nil
}

// sendAddressTaken tells the owner of an address that an institution tried to invite it; nothing
// was created or changed. A failure is logged without the address.
func (s *InstitutionUsers) sendAddressTaken(ctx context.Context, owner *User, role Role) {
	mailer := s.Mailer
	if mailer == nil {
		mailer = LogMailer{}
	}
	roleZH, roleEN := "处理人员", "agent"
	if role == RoleInstitutionAdmin {
		roleZH, roleEN = "管理员", "administrator"
	}
	n := &Notification{RecipientID: owner.ID, Channel: NotifyEmail, Kind: "ACCOUNT_INVITATION_ADDRESS_TAKEN", CreatedAt: s.Now(),
		TitleZH: "有机构尝试邀请您的邮箱", TitleEN: "An institution tried to invite your e-mail address",
		BodyZH: "某机构的管理员尝试以本邮箱地址在 redline 投诉处理平台为您开通机构" + roleZH + "账户。该邮箱已有账户，因此未做任何更改。如需加入该机构，请联系其管理员或平台；如果与您无关，您无需做任何事。",
		BodyEN: "An institution's administrator tried to open an institution " + roleEN + " account on the redline complaint platform with this e-mail address. " +
			"The address already has an account, so nothing was changed. To join the institution, contact its administrator or the platform; otherwise there is nothing to do."}
	if err := mailer.SendMail(ctx, owner.Email, n); err != nil {
		slog.ErrorContext(ctx, "invitation notice not sent", "user", owner.ID, "err", err)
	}
}

// sendInvitation e-mails the link. A failure is logged (without the address or the token) and
// does not undo the account: the admin sees the user as invited and can disable it.
func (s *InstitutionUsers) sendInvitation(ctx context.Context, u *User, token string) {
	mailer := s.Mailer
	if mailer == nil {
		mailer = LogMailer{}
	}
	link := "#/invite/" + token
	if s.Link != nil {
		link = s.Link(token)
	}
	days := strconv.Itoa(int(InvitationTTL / (24 * time.Hour)))
	n := &Notification{RecipientID: u.ID, Channel: NotifyEmail, Kind: "ACCOUNT_INVITATION", CreatedAt: s.Now(),
		TitleZH: "您已受邀使用 redline 投诉处理平台", TitleEN: "You are invited to the redline complaint platform",
		BodyZH: "您所在机构的管理员为您开通了账户。请在" + days + "天内打开以下链接设置密码：" + link,
		BodyEN: "Your institution's administrator opened an account for you. Set your password within " + days + " days at " + link}
	if err := mailer.SendMail(ctx, u.Email, n); err != nil {
		slog.ErrorContext(ctx, "invitation e-mail not sent", "user", u.ID, "err", err)
	}
}

// AcceptInvitation sets the password of an invited account from the e-mailed link's token. A token
// that is unknown, used, expired or of a disabled account is BAD_USER_INPUT on token.
func (s *InstitutionUsers) AcceptInvitation(ctx context.Context, token, password string) error {
	token, valid := linkTokenOK(token)
	if !valid {
		return errBadInvitation
	}
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(ctx, password)
	if err != nil {
		return err
	}
	ok, err := s.Store.AcceptInvitation(ctx, hashToken(token), hash, s.Now())
	if err != nil {
		return err
	}
	if !ok {
		return errBadInvitation
	}
	return nil
}

var errBadInvitation = Invalid("token", "this invitation link is not valid or has expired; ask your institution's administrator for a new one",
	"邀请链接无效或已过期，请联系本机构管理员重新邀请")

// SetActive disables (active false) or enables a user of the caller's institution. Disabling ends
// every session of the user at once: their next request is UNAUTHENTICATED, and they cannot sign in
// or refresh until enabled. A user of another institution is NOT_FOUND, like one that does not
// exist; the admin's own account and accounts with roles outside the institution are refused.
func (s *InstitutionUsers) SetActive(ctx context.Context, userID int64, active bool) (*InstitutionMember, error) {
	a, err := s.manage(ctx)
	if err != nil {
		return nil, err
	}
	if userID <= 0 {
		return nil, Invalid("id", "the user id is a positive number", "用户编号须为正整数")
	}
	if userID == a.UserID && !active {
		return nil, errSelfDisable
	}
	m, err := s.Store.Member(ctx, a.InstitutionID, userID)
	if CodeOf(err) == CodeNotFound {
		return nil, &Error{Code: CodeNotFound, Field: "id", Message: "no such user in your institution", MessageZH: "本机构没有该用户"}
	} else if err != nil {
		return nil, err
	}
	if m.Elsewhere {
		return nil, &Error{Code: CodeForbidden, Field: "id", Message: "this account also has roles outside your institution; ask the regulator's administrators",
			MessageZH: "该账户在本机构之外另有角色，请联系监管部门的系统管理员"}
	}
	if m.Active == active {
		return m, nil
	}
	action, at := ActEnableInstitutionUser, time.Time{}
	if !active {
		action, at = ActDisableInstitutionUser, s.Now()
	}
	if err := s.Store.SetDisabled(ctx, userID, at, s.act(ctx, a, action, userID, nil)); err != nil {
		return nil, err
	}
	return s.Store.Member(ctx, a.InstitutionID, userID)
}

// MaskedEmail is how an institution's admin sees a colleague's e-mail address.
func MaskedEmail(email string) string { return pii.MaskEmail(email) }

// inputField puts an account error's field under the mutation's input (displayName is its name).
func inputField(err error) error {
	e, ok := AsError(err)
	if !ok || e.Field == "" {
		return err
	}
	c := *e
	if c.Field = "input." + e.Field; e.Field == "displayName" {
		c.Field = "input.name"
	}
	return &c
}

func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
