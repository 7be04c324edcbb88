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
	// ActRevokeInvitation records a pending invitation revoked by the institution's admin.
	ActRevokeInvitation = "institution.user.invite.revoke"
)

// InvitationTTL is how long an invitation link sets a password.
const InvitationTTL = 7 * 24 * time.Hour

// InstitutionMember is a user of an institution as its admin sees them: the e-mail address masked
// (z***@example.cn), no password, no other roles.
type InstitutionMember struct {
	ID int64 // the user's; 0 for a pending invitation
	// InvitationID is the pending invitation's id for a row that is an invitation, not yet an account.
	InvitationID int64
	Name         string
	Email        string // masked
	Role         Role   // institution_admin when they hold both institution roles
	// Active is false once the institution's admin disabled them.
	Active bool
	// Invited is true while the invitation has not been taken up (no password set, never signed in).
	Invited      bool
	LastSignInAt time.Time
	CreatedAt    time.Time
	// ExpiresAt is when a pending invitation's link stops working (zero for accounts).
	ExpiresAt time.Time
	// Elsewhere is true when the user also holds a role outside the institution (a regulator role,
	// another binding): the institution's admin may not disable such an account.
	Elsewhere bool
}

// Invitation is a one-time link to set the password of an account invited before invitations
// became records of their own (table account_invitations); only a hash of its token is stored.
type Invitation struct {
	TokenHash []byte
	UserID    int64
	CreatedBy int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// InstitutionInvitation is a pending invitation to join an institution: no account exists for it
// until the invited person sets a password from the link. Email and Name are plain here; the store
// keeps them encrypted, with a keyed hash of the address. An address that already had an account
// when invited has an invitation like any other, but no link was sent for it, and accepting it
// cannot create an account (the address is taken).
type InstitutionInvitation struct {
	ID            int64
	InstitutionID int64
	Email         string
	Name          string
	Role          Role
	TokenHash     []byte
	CreatedBy     int64
	CreatedAt     time.Time
	ExpiresAt     time.Time
}

// member is the invitation as a row of the institution's users list: the address masked, invited,
// with its expiry.
func (inv *InstitutionInvitation) member() *InstitutionMember {
	return &InstitutionMember{InvitationID: inv.ID, Name: inv.Name, Email: MaskedEmail(inv.Email), Role: inv.Role, Active: true, Invited: true,
		CreatedAt: inv.CreatedAt, ExpiresAt: inv.ExpiresAt}
}

// InstitutionUserStore is what managing an institution's users needs from storage.
type InstitutionUserStore interface {
	// Members returns the users holding an institution role in the institution, by id.
	Members(ctx context.Context, institutionID int64) ([]InstitutionMember, error)
	// Member returns one of them; a user who holds no role in the institution is NOT_FOUND.
	Member(ctx context.Context, institutionID, userID int64) (*InstitutionMember, error)
	// CreateInvitation stores a pending invitation and the admin audit entries in one transaction;
	// inv.ID is filled in, and so is the Target of acts[0] ("invitation:<id>").
	CreateInvitation(ctx context.Context, inv *InstitutionInvitation, acts ...AdminAct) error
	// Invitations returns the pending invitations of the institution (neither accepted nor revoked,
	// expired or not), by id.
	Invitations(ctx context.Context, institutionID int64) ([]InstitutionInvitation, error)
	// Invitation returns one of them; another institution's, an accepted or a revoked one is
	// NOT_FOUND.
	Invitation(ctx context.Context, institutionID, id int64) (*InstitutionInvitation, error)
	// RenewInvitation gives a pending invitation a new token and expiry with the admin audit entry
	// in one transaction: the link sent before stops working.
	RenewInvitation(ctx context.Context, inv *InstitutionInvitation, act AdminAct) error
	// RevokeInvitation revokes a pending invitation with the admin audit entry in one transaction.
	RevokeInvitation(ctx context.Context, id int64, at time.Time, act AdminAct) error
	// AcceptNewInvitation creates the account of a live pending invitation with the password hash
	// (its default binding gives it the role in the institution), marks the invitation accepted and
	// revokes the institution's other pending invitations of the address, in one transaction. False
	// when there is no such invitation or the address has an account: nothing is changed then.
	AcceptNewInvitation(ctx context.Context, tokenHash []byte, passwordHash string, now time.Time) (bool, error)
	// SetDisabled disables (at non-zero) or enables (at zero) an account with the admin audit entry
	// in one transaction; disabling ends every session of the user and uses up their password-reset
	// links in it.
	SetDisabled(ctx context.Context, userID int64, at time.Time, act AdminAct) error
	// ReplaceInvitation deletes the unused account_invitations of an account invited before and
	// stores inv with the admin audit entry in one transaction: the links sent before stop working.
	ReplaceInvitation(ctx context.Context, inv *Invitation, act AdminAct) error
	// AcceptInvitation sets the password of the account of a live, unused account_invitations link
	// of an account that is not disabled, and uses the link up; false when there is no such link.
	AcceptInvitation(ctx context.Context, tokenHash []byte, passwordHash string, now time.Time) (bool, error)
	// SweepInvitations deletes the invitations that are no longer pending (accepted or revoked)
	// and the pending ones whose links expired before expiredBefore, and returns how many.
	SweepInvitations(ctx context.Context, expiredBefore time.Time) (int64, error)
}

// InvitationRetention is how long after its link expired a pending invitation is still listed
// (with its address and name, encrypted) so that the institution's admin can send it again; the
// hourly registration:sweep then deletes it. Accepted and revoked invitations are deleted at the
// next sweep: the account keeps its own copy of the name and address, and the admin audit log the
// record of the invitation (without them).
const InvitationRetention = 30 * 24 * time.Hour

// Sweep deletes the invitations that are done with (InvitationRetention).
func (s *InstitutionUsers) Sweep(ctx context.Context) (int64, error) {
	return s.Store.SweepInvitations(ctx, s.Now().Add(-InvitationRetention))
}

// InstitutionUsers lets an institution's admin manage the agents and admins of their own institution:
// list them and the pending invitations, invite new ones (the invited person sets a password from an
// e-mailed link, which creates the account), send an invitation again or revoke it, and disable or
// enable users. Permission comes from casbin in the institution's domain (inst:<id>), so it holds
// only where the admin's binding is; every change lands in the admin audit log.
type InstitutionUsers struct {
	Store    InstitutionUserStore
	Accounts *Accounts
	Authz    Authorizer
	Mailer   Mailer // nil means LogMailer
	// Link turns an invitation token into the link the e-mail carries (the portal's #/invite/<token>).
	Link func(token string) string
	Now  func() time.Time
	// MailAllowed, when set, counts an invitation e-mail to an address (a link or the note to an
	// address that has an account) and refuses it over the per-address limit (app wires
	// api.ResetGuard with REDLINE_INVITE_RATE_EMAIL): without it an institution's admin could have
	// the regulator mail any address hundreds of times a minute (session 15's attack by hand).
	MailAllowed func(ctx context.Context, email string) error
}

// mailAllowed counts an invitation e-mail to email (MailAllowed), before anything is written.
func (s *InstitutionUsers) mailAllowed(ctx context.Context, email string) error {
	if s.MailAllowed == nil {
		return nil
	}
	return s.MailAllowed(ctx, email)
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

func (s *InstitutionUsers) act(ctx context.Context, a Actor, action, target string, details map[string]any) AdminAct {
	if details == nil {
		details = map[string]any{}
	}
	details["institution"] = a.InstitutionID
	return NewAdminAct(ctx, action, target, "", details, s.Now())
}

func userTarget(id int64) string       { return "user:" + strconv.FormatInt(id, 10) }
func invitationTarget(id int64) string { return "invitation:" + strconv.FormatInt(id, 10) }

// List returns the agents and admins of the caller's institution, then its pending invitations
// (as invited rows, whatever the address), each by id.
func (s *InstitutionUsers) List(ctx context.Context) ([]InstitutionMember, error) {
	a, err := s.manage(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := s.Store.Members(ctx, a.InstitutionID)
	if err != nil {
		return nil, err
	}
	invs, err := s.Store.Invitations(ctx, a.InstitutionID)
	if err != nil {
		return nil, err
	}
	for i := range invs {
		ms = append(ms, *invs[i].member())
	}
	return ms, nil
}

// InvitationSent is the answer to an invitation: the address as the admin may see it (masked) and
// when the link stops working. It is the same whether the address was new or already had an
// account, so that inviting tells an institution nothing about who has an account.
type InvitationSent struct {
	Email     string // masked
	ExpiresAt time.Time
}

// Invite records a pending invitation to the caller's institution as an agent or admin, valid
// InvitationTTL, and e-mails the address: a new address gets a link where the person sets a
// password, which creates the account; an address that already has an account gets a note that an
// institution invited it and that it has an account, without a link (nothing about that account
// can be changed from an invitation). Either way the invitation is listed the same, pending until
// it is accepted, expires or is revoked, and the answer is the same, after the same work: inviting
// tells an institution nothing about who has an account.
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
	// The account checks of createUser, with a password that passes them (the invited person
	// chooses theirs when accepting).
	email, name, err = checkNewAccount(email, "invited-"+token, name)
	if err != nil {
		return nil, inputField(err)
	}
	if err := s.mailAllowed(ctx, email); err != nil {
		return nil, err
	}
	owner, err := s.Accounts.Store.UserByEmail(ctx, email)
	if err != nil && CodeOf(err) != CodeNotFound {
		return nil, err
	}
	now := s.Now()
	inv := &InstitutionInvitation{InstitutionID: a.InstitutionID, Email: email, Name: name, Role: role, TokenHash: hashToken(token),
		CreatedBy: a.UserID, CreatedAt: now, ExpiresAt: now.Add(InvitationTTL)}
	acts := []AdminAct{s.act(ctx, a, ActInviteInstitutionUser, "", map[string]any{"role": string(role)})}
	if owner != nil {
		// For the regulator's administrators, so that an institution probing addresses shows; the
		// institution cannot read the admin audit log.
		acts = append(acts, s.act(ctx, a, ActInviteTakenAddress, userTarget(owner.ID), map[string]any{"role": string(role)}))
	}
	if err := s.Store.CreateInvitation(ctx, inv, acts...); err != nil {
		return nil, err
	}
	s.send(ctx, inv, owner, token)
	return &InvitationSent{Email: MaskedEmail(email), ExpiresAt: inv.ExpiresAt}, nil
}

// send e-mails an invitation: the link to a new address, the note without a link to an address
// that has an account.
func (s *InstitutionUsers) send(ctx context.Context, inv *InstitutionInvitation, owner *User, token string) {
	if owner != nil {
		s.sendAddressTaken(ctx, owner, inv.Role)
		return
	}
	s.sendInvitation(ctx, inv.Email, 0, token)
}

// ResendPending sends a pending invitation of the caller's institution again, expired or not: a
// new link (or, to an address that has an account, the note again) valid InvitationTTL from now;
// the link sent before stops working. Another institution's invitation, an accepted or a revoked
// one is NOT_FOUND.
func (s *InstitutionUsers) ResendPending(ctx context.Context, id int64) (*InstitutionMember, error) {
	a, err := s.manage(ctx)
	if err != nil {
		return nil, err
	}
	inv, err := s.pending(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if err := s.mailAllowed(ctx, inv.Email); err != nil {
		return nil, err
	}
	token, err := randomToken()
	if err != nil {
		return nil, err
	}
	owner, err := s.Accounts.Store.UserByEmail(ctx, inv.Email)
	if err != nil && CodeOf(err) != CodeNotFound {
		return nil, err
	}
	inv.TokenHash, inv.ExpiresAt = hashToken(token), s.Now().Add(InvitationTTL)
	if err := s.Store.RenewInvitation(ctx, inv, s.act(ctx, a, ActResendInvitation, invitationTarget(inv.ID), nil)); err != nil {
		return nil, err
	}
	s.send(ctx, inv, owner, token)
	return inv.member(), nil
}

// RevokePending revokes a pending invitation of the caller's institution: its link stops working
// and it leaves the list. Another institution's invitation, an accepted or a revoked one is
// NOT_FOUND.
func (s *InstitutionUsers) RevokePending(ctx context.Context, id int64) error {
	a, err := s.manage(ctx)
	if err != nil {
		return err
	}
	inv, err := s.pending(ctx, a, id)
	if err != nil {
		return err
	}
	return s.Store.RevokeInvitation(ctx, inv.ID, s.Now(), s.act(ctx, a, ActRevokeInvitation, invitationTarget(inv.ID), nil))
}

func (s *InstitutionUsers) pending(ctx context.Context, a Actor, id int64) (*InstitutionInvitation, error) {
	if id <= 0 {
		return nil, Invalid("id", "the invitation id is not valid", "邀请编号无效")
	}
	inv, err := s.Store.Invitation(ctx, a.InstitutionID, id)
	if CodeOf(err) == CodeNotFound {
		return nil, &Error{Code: CodeNotFound, Field: "id", Message: "no such pending invitation in your institution", MessageZH: "本机构没有该待接受的邀请"}
	}
	return inv, err
}

// ResendInvitation sends a new invitation link to an account of the caller's institution invited
// before invitations became records of their own (the account exists, without a password) who has
// not taken up theirs (it may have expired); the links sent before stop working. A user of another
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
	if err := s.mailAllowed(ctx, u.Email); err != nil {
		return nil, err
	}
	token, err := randomToken()
	if err != nil {
		return nil, err
	}
	now := s.Now()
	inv := &Invitation{TokenHash: hashToken(token), UserID: userID, CreatedBy: a.UserID, CreatedAt: now, ExpiresAt: now.Add(InvitationTTL)}
	if err := s.Store.ReplaceInvitation(ctx, inv, s.act(ctx, a, ActResendInvitation, userTarget(userID), nil)); err != nil {
		return nil, err
	}
	s.sendInvitation(ctx, u.Email, u.ID, token)
	return s.Store.Member(ctx, a.InstitutionID, userID)
}

// sendAddressTaken tells the owner of an address that an institution invited it and that it
// already has an account, so there is nothing to accept: the e-mail carries no link, and nothing of
// the account was changed. A failure is logged without the address.
func (s *InstitutionUsers) sendAddressTaken(ctx context.Context, owner *User, role Role) {
	roleZH, roleEN := "处理人员", "agent"
	if role == RoleInstitutionAdmin {
		roleZH, roleEN = "管理员", "administrator"
	}
	n := &Notification{RecipientID: owner.ID, Channel: NotifyEmail, Kind: "ACCOUNT_INVITATION_ADDRESS_TAKEN", CreatedAt: s.Now(),
		TitleZH: "有机构邀请了您的邮箱", TitleEN: "An institution invited your e-mail address",
		BodyZH: "某机构的管理员邀请本邮箱地址在 redline 投诉处理平台担任机构" + roleZH + "。本邮箱已有账户，因此该邀请无法接受，您的账户也未做任何更改。" +
			"如需加入该机构，请联系其管理员或平台；如果与您无关，您无需做任何事。",
		BodyEN: "An institution's administrator invited this e-mail address to be an institution " + roleEN + " on the redline complaint platform. " +
			"The address already has an account, so the invitation cannot be accepted, and nothing of your account was changed. " +
			"To join the institution, contact its administrator or the platform; otherwise there is nothing to do."}
	if err := s.mailer().SendMail(ctx, owner.Email, n); err != nil {
		slog.ErrorContext(ctx, "invitation notice not sent", "user", owner.ID, "err", err)
	}
}

func (s *InstitutionUsers) mailer() Mailer {
	if s.Mailer == nil {
		return LogMailer{}
	}
	return s.Mailer
}

// sendInvitation e-mails the link (recipient is the account's id for an account invited before
// invitations became records, 0 otherwise). A failure is logged (without the address or the
// token): the admin sees the invitation pending and can send it again.
func (s *InstitutionUsers) sendInvitation(ctx context.Context, email string, recipient int64, token string) {
	link := "#/invite/" + token
	if s.Link != nil {
		link = s.Link(token)
	}
	days := strconv.Itoa(int(InvitationTTL / (24 * time.Hour)))
	n := &Notification{RecipientID: recipient, Channel: NotifyEmail, Kind: "ACCOUNT_INVITATION", CreatedAt: s.Now(),
		TitleZH: "您已受邀使用 redline 投诉处理平台", TitleEN: "You are invited to the redline complaint platform",
		BodyZH: "您所在机构的管理员邀请您使用本平台。请在" + days + "天内打开以下链接设置密码，即可开通账户：" + link,
		BodyEN: "Your institution's administrator invited you to the platform. To open your account, set your password within " + days + " days at " + link}
	if err := s.mailer().SendMail(ctx, email, n); err != nil {
		slog.ErrorContext(ctx, "invitation e-mail not sent", "err", err)
	}
}

// AcceptInvitation sets a password from the e-mailed link's token: for a pending invitation it
// creates the account (an address that has an account in the meantime, or had one when invited,
// cannot be accepted into an account); for an account invited before invitations became records it
// sets that account's password. A token that is unknown, used, expired, revoked, of a taken address
// or of a disabled account is BAD_USER_INPUT on token.
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
	now := s.Now()
	ok, err := s.Store.AcceptNewInvitation(ctx, hashToken(token), hash, now)
	if err == nil && !ok {
		ok, err = s.Store.AcceptInvitation(ctx, hashToken(token), hash, now)
	}
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
	if err := s.Store.SetDisabled(ctx, userID, at, s.act(ctx, a, action, userTarget(userID), nil)); err != nil {
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
