package app_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
)

// The permission matrix: every Query and Mutation field of the live schema, asked by every role
// and by an anonymous caller, on the caller's own tenant and on another's, with the outcome written
// down. A schema field without an expectation fails the test, so a new operation cannot ship
// without someone deciding who may call it.
//
// Outcomes, one letter per caller in matrixCallers order:
//
//	A  allowed: the operation ran, or failed on its input or the complaint's state (BAD_USER_INPUT,
//	   CONFLICT) after every authorization check had passed
//	U  UNAUTHENTICATED    F  FORBIDDEN    N  NOT_FOUND (the object is outside the caller's scope,
//	   and its existence is not revealed)
//
// The own tenant is the demo data: a complaint of complainant@redline.demo in the east team's queue
// (reviewer@redline.demo's), forwarded to agent@ and instadmin@'s institution. The other tenant is a
// second complainant's complaint in a team no demo user works, forwarded to another institution.
var matrixCallers = []string{"complainant", "reviewer", "supervisor", "institution_agent", "institution_admin", "analyst", "admin", "anonymous"}

// expect is what each caller gets on the own and the other tenant.
type expect struct{ own, other string }

// same is an expectation for operations with no tenant (public lists, one's own account).
func same(s string) expect { return expect{s, s} }

var matrixExpectations = map[string]expect{
	// Queries.                         c  r  s  ag ia an ad anon
	"Query.me":                      same("AAAAAAAA"),
	"Query.complaint":               {"AAAAAFAU", "NNNNNFAU"},
	"Query.complaints":              same("AAAAAFAU"),
	"Query.institution":             same("AAAAAAAA"),
	"Query.institutions":            same("AAAAAAAA"),
	"Query.analyzeMessages":         same("AAAAAAAA"),
	"Query.violationTypes":          same("AAAAAAAA"),
	"Query.rulePack":                same("AAAAAAAA"),
	"Query.rulePacks":               same("AAAAAAAA"),
	"Query.rulePackRevisions":       same("FAAFFFAU"),
	"Query.reassessJobs":            same("FAAFFFAU"),
	"Query.routingTable":            same("FAAFFFAU"),
	"Query.routingTableVersions":    same("FAAFFFAU"),
	"Query.notifications":           same("AAAAAAAU"),
	"Query.unreadNotificationCount": same("AAAAAAAU"),
	"Query.notificationPreferences": same("AAAAAAAU"),
	"Query.webhookDeliveries":       {"FFFFAFAU", "FFFFFFAU"},
	"Query.adminAuditLog":           same("FFFFFFAU"),
	"Query.institutionNameClashes":  same("FFFFFFAU"),
	// The admin pages: users, a draft routing table's validation, a draft rule pack's test run.
	"Query.users":                same("FFFFFFAU"),
	"Query.validateRoutingTable": same("FFFFFFAU"),
	"Query.testRulePack":         same("FFFFFFAU"),
	"Query.deadlineRules":        same("AAAAAAAA"), // published law and holidays
	// Statistics: analysts, supervisors and admins; an institution its own scorecard only.
	"Query.stats":                 same("FFAFFAAU"),
	"Query.trends":                same("FFAFFAAU"),
	"Query.institutionScorecards": {"FFAAAAAU", "FFAFFAAU"},
	"Query.alerts":                same("FFAFFAAU"),
	// which rule revision the statistics follow (session 33): their readers, and the staff who may read the
	// rule packs and their jobs anyway (a reviewer); no tenant in it
	"Query.statsReassessment": same("FAAFFAAU"),
	// The public dataset: anyone, signed in or not (filtered on an institution, mine or another's).
	"Query.publicComplaints": same("AAAAAAAA"),
	"Query.publicFigures":    same("AAAAAAAA"),
	// No such alert: those allowed to acknowledge get NOT_FOUND, after the permission check.
	"Mutation.acknowledgeAlert": same("FFNFFNNU"),
	// The workbench: one's own saved views (no such view: NOT_FOUND after the permission check), and
	// the load of one's teams.
	"Query.savedViews":    same("FAAFFFAU"),
	"Query.teamLoad":      same("FAAFFFAU"),
	"Query.teams":         same("FAAFFAAU"), // the teams' names: the regulator's staff and analysts
	"Mutation.saveView":   same("FAAFFFAU"),
	"Mutation.deleteView": same("FNNFFFNU"),

	// Mutations: accounts and access.
	"Mutation.register":             same("AAAAAAAA"),
	"Mutation.confirmRegistration":  same("AAAAAAAA"),
	"Mutation.requestPasswordReset": same("AAAAAAAA"),
	"Mutation.resetPassword":        same("AAAAAAAA"),
	"Mutation.login":                same("AAAAAAAA"),
	"Mutation.refreshSession":       same("AAAAAAAA"),
	"Mutation.logout":               same("AAAAAAAA"), // without a session there is nothing to end
	"Mutation.changePassword":       same("AAAAAAAU"),
	"Mutation.createUser":           same("FFFFFFAU"),
	"Mutation.grantRole":            same("FFFFFFAU"),
	// The institution registry: administrators only, not an institution's own admin.
	"Mutation.createInstitution":      same("FFFFFFAU"),
	"Mutation.updateInstitution":      same("FFFFFFAU"),
	"Mutation.addInstitutionAlias":    same("FFFFFFAU"),
	"Mutation.removeInstitutionAlias": same("FFFFFFAU"),
	"Mutation.revokeRole":             same("FFFFFFAU"),
	// An institution's users: its own admin only, in its own institution (another's users are
	// NOT_FOUND); taking up an invitation needs its token, not an account.
	"Query.institutionUsers":               same("FFFFAFFU"),
	"Mutation.inviteInstitutionUser":       same("FFFFAFFU"),
	"Mutation.disableInstitutionUser":      {"FFFFAFFU", "FFFFNFFU"},
	"Mutation.enableInstitutionUser":       {"FFFFAFFU", "FFFFNFFU"},
	"Mutation.resendInstitutionInvitation": {"FFFFAFFU", "FFFFNFFU"},
	"Mutation.revokeInstitutionInvitation": {"FFFFAFFU", "FFFFNFFU"},
	"Mutation.acceptInvitation":            same("AAAAAAAA"),
	"Mutation.markNotificationsRead":       same("AAAAAAAU"),
	"Mutation.setNotificationPreferences":  same("AAAAAAAU"),
	"Mutation.sendMobileConfirmationCode":  same("AAAAAAAU"),
	"Mutation.confirmMobile":               same("AAAAAAAU"),
	"Mutation.setInstitutionWebhook":       {"FFFFAFAU", "FFFFFFAU"},
	"Mutation.pingInstitutionWebhook":      {"FFFFAFAU", "FFFFFFAU"},
	"Mutation.updateRoutingTable":          same("FFFFFFAU"),
	"Mutation.updateRulePack":              same("FFFFFFAU"),
	"Mutation.updateCalendar":              same("FFFFFFAU"),
	"Mutation.updateDeadlinePolicy":        same("FFFFFFAU"),
	"Mutation.reassessRules":               same("FFFFFFAU"),

	// Mutations: the complainant's.
	"Mutation.fileComplaint":        same("AFFFFFFU"),
	"Mutation.addEvidence":          {"AFFAAFFU", "NFFNNFFU"},
	"Mutation.addCollectorMessages": {"AFFFFFFU", "NFFFFFFU"},
	"Mutation.provideInformation":   {"AFFFFFFU", "NFFFFFFU"},
	"Mutation.withdrawComplaint":    {"AFFFFFFU", "NFFFFFFU"},
	"Mutation.submitFeedback":       {"AFFFFFFU", "NFFFFFFU"},

	// Mutations: the regulator's staff.
	"Mutation.claimComplaint":       {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.assignComplaint":      {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.classifyComplaint":    {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.requestInformation":   {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.forwardComplaint":     {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.rejectComplaint":      {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.referComplaint":       {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.investigateComplaint": {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.escalateComplaint":    {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.closeComplaint":       {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.reopenComplaint":      {"AAAFFFFU", "NNNFFFFU"},
	"Mutation.linkComplaints":       {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.addNote":              {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.rerouteComplaint":     {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.revealDebtorIdentity": {"FAAFFFFU", "FNNFFFFU"},
	"Mutation.decideExtension":      {"FFAFFFFU", "FFNFFFFU"},

	// Mutations: the institution's.
	"Mutation.respondToComplaint": {"FFFAAFFU", "FFFNNFFU"},
	"Mutation.requestExtension":   {"FFFAAFFU", "FFFNNFFU"},
	"Mutation.startAppraisal":     {"FFFAAFFU", "FFFNNFFU"},
	"Mutation.endAppraisal":       {"FFFAAFFU", "FFFNNFFU"},
}

// tenant is the data one side of the matrix acts on.
type tenant struct {
	complaint, complaint2, reference, institution string
}

// matrixCall builds the request of one field for one tenant.
type matrixCall func(m *matrixEnv, ten tenant) (query string, vars map[string]any)

type matrixEnv struct {
	env         *apptest.Env
	p           *people
	otherUserID int64 // the second tenant's complainant
	reviewerID  string
	seq         atomic.Int64
}

// startMatrix starts a platform without workers for the matrix's requests, with the demo people, a
// second tenant, and each role's token by role name ("anonymous": none).
func startMatrix(t *testing.T) (*matrixEnv, map[string]string) {
	t.Helper()
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	m := &matrixEnv{env: env, p: demoPeople(t, env)}
	m.otherUserID = secondTenant(t, env)
	m.reviewerID = strconv.FormatInt(m.p.actors[domain.RoleReviewer].UserID, 10)
	tokens := map[string]string{"anonymous": ""}
	for _, r := range domain.Roles {
		tokens[string(r)] = m.p.tokens[r]
	}
	return m, tokens
}

func (m *matrixEnv) unique(prefix string) string {
	return fmt.Sprintf("%s-%d-%d@matrix.test", prefix, time.Now().UnixNano(), m.seq.Add(1))
}

// throwaway registers an account and returns its id and refresh token.
func (m *matrixEnv) throwaway(t *testing.T) (string, string) {
	t.Helper()
	email := m.unique("throwaway")
	m.env.MustDo(t, "", `mutation($e:String!){ register(email:$e, password:"correct-horse-42", displayName:"矩阵"){ checkEmail } }`, map[string]any{"e": email})
	d := m.env.MustDo(t, "", `mutation($t:String!){ confirmRegistration(token:$t){ refreshToken user { id } } }`,
		map[string]any{"t": apptest.ConfirmationToken(t, m.env.App, email)})
	r := d["confirmRegistration"].(map[string]any)
	return r["user"].(map[string]any)["id"].(string), r["refreshToken"].(string)
}

var matrixCalls = map[string]func(t *testing.T) matrixCall{}

// instUserVars makes a fresh agent of the tenant's institution to disable or enable.
func instUserVars(m *matrixEnv, ten tenant, t *testing.T) map[string]any {
	inst, _ := strconv.ParseInt(ten.institution, 10, 64)
	u, err := m.env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: m.unique("agent"), Password: "correct-horse-42",
		DisplayName: "矩阵", Role: domain.RoleInstitutionAgent, InstitutionID: inst})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"u": strconv.FormatInt(u.ID, 10)}
}

func call(q string, vars func(m *matrixEnv, ten tenant, t *testing.T) map[string]any) func(t *testing.T) matrixCall {
	return func(t *testing.T) matrixCall {
		return func(m *matrixEnv, ten tenant) (string, map[string]any) {
			if vars == nil {
				return q, nil
			}
			return q, vars(m, ten, t)
		}
	}
}

func complaintVars(m *matrixEnv, ten tenant, _ *testing.T) map[string]any {
	return map[string]any{"id": ten.complaint}
}

func init() {
	idOnly := func(field string) func(t *testing.T) matrixCall {
		return call(`mutation($id:ID!){ `+field+` }`, complaintVars)
	}
	instVars := func(m *matrixEnv, ten tenant, _ *testing.T) map[string]any {
		return map[string]any{"i": ten.institution}
	}
	for name, c := range map[string]func(t *testing.T) matrixCall{
		"Query.me":                      call(`{ me { id } }`, nil),
		"Query.complaint":               call(`query($id:ID!){ complaint(id:$id){ id } }`, complaintVars),
		"Query.complaints":              call(`query($i:ID){ complaints(first:5, filter:{institutionId:$i}){ totalCount } }`, instVars),
		"Query.institution":             call(`query($i:ID!){ institution(id:$i){ id } }`, instVars),
		"Query.institutions":            call(`{ institutions(first:1){ edges { cursor } } }`, nil),
		"Query.analyzeMessages":         call(`{ analyzeMessages(texts:[{sender:"10690000", sentAt:"2026-05-01T23:15:00+08:00", text:"不还钱就去你家"}]){ __typename } }`, nil),
		"Query.violationTypes":          call(`{ violationTypes { code } }`, nil),
		"Query.rulePack":                call(`{ rulePack { __typename } }`, nil),
		"Query.rulePacks":               call(`{ rulePacks { __typename } }`, nil),
		"Query.rulePackRevisions":       call(`{ rulePackRevisions(jurisdiction: CN){ __typename } }`, nil),
		"Query.reassessJobs":            call(`{ reassessJobs { __typename } }`, nil),
		"Query.routingTable":            call(`{ routingTable { __typename } }`, nil),
		"Query.routingTableVersions":    call(`{ routingTableVersions { __typename } }`, nil),
		"Query.notifications":           call(`{ notifications(first:1){ __typename } }`, nil),
		"Query.unreadNotificationCount": call(`{ unreadNotificationCount }`, nil),
		"Query.notificationPreferences": call(`{ notificationPreferences { email } }`, nil),
		"Query.webhookDeliveries":       call(`query($i:ID!){ webhookDeliveries(institutionId:$i, first:1){ __typename } }`, instVars),
		"Query.adminAuditLog":           call(`{ adminAuditLog(first:1){ __typename } }`, nil),
		"Query.institutionNameClashes":  call(`{ institutionNameClashes { key } }`, nil),
		"Query.deadlineRules":           call(`{ deadlineRules(jurisdiction: CN){ calendar } }`, nil),
		"Query.users":                   call(`{ users(search:"demo", first:1){ __typename } }`, nil),
		"Query.validateRoutingTable":    call(`{ validateRoutingTable(input:{rules:[{team:"national"}]}) }`, nil),
		"Query.testRulePack":            call(`{ testRulePack(jurisdiction: CN, document:"{}", texts:[{sender:"10690000", sentAt:"2026-05-01T10:15:00+08:00", text:"不还钱就去你家"}]){ __typename } }`, nil),
		"Mutation.createInstitution": call(`mutation($n:String!){ createInstitution(input:{name:$n, kind: BANK}){ id } }`,
			func(m *matrixEnv, _ tenant, _ *testing.T) map[string]any {
				return map[string]any{"n": m.unique("inst")}
			}),
		"Mutation.updateInstitution":      call(`mutation($i:ID!){ updateInstitution(id:$i, input:{name:" ", kind: BANK}){ id } }`, instVars),
		"Mutation.addInstitutionAlias":    call(`mutation($i:ID!){ addInstitutionAlias(id:$i, alias:" "){ id } }`, instVars),
		"Mutation.removeInstitutionAlias": call(`mutation($i:ID!){ removeInstitutionAlias(id:$i, alias:" "){ id } }`, instVars),
		"Query.stats":                     call(`{ stats(groupBy:[PROVINCE]){ __typename } }`, nil),
		"Query.trends":                    call(`{ trends(interval: MONTH){ __typename } }`, nil),
		"Query.institutionScorecards":     call(`query($i:ID){ institutionScorecards(period:"2026-03", institutionId:$i){ __typename } }`, instVars),
		"Query.alerts":                    call(`{ alerts { __typename } }`, nil),
		"Query.statsReassessment":         call(`{ statsReassessment { state } }`, nil),
		"Query.publicFigures":             call(`query($i:ID){ publicFigures(filter:{institutionId:$i}){ total { complaints } } }`, instVars),
		"Query.publicComplaints":          call(`query($i:ID){ publicComplaints(first:5, filter:{institutionId:$i}){ totalCount } }`, instVars),
		"Mutation.acknowledgeAlert":       call(`mutation{ acknowledgeAlert(id:"00000000-0000-4000-8000-000000000000"){ __typename } }`, nil),
		"Query.savedViews":                call(`{ savedViews { id } }`, nil),
		"Query.teamLoad":                  call(`{ teamLoad { team } }`, nil),
		"Query.teams":                     call(`{ teams { code name nameEn } }`, nil),
		"Mutation.saveView":               call(`mutation{ saveView(name:"matrix", filter:{mine:true}){ id } }`, nil),
		"Mutation.deleteView":             call(`mutation{ deleteView(id:"999999") }`, nil),

		"Mutation.register": call(`mutation($e:String!){ register(email:$e, password:"correct-horse-42", displayName:"矩阵"){ checkEmail } }`,
			func(m *matrixEnv, _ tenant, _ *testing.T) map[string]any {
				return map[string]any{"e": m.unique("register")}
			}),
		// Anyone holding a link may use it; an unknown token is BAD_USER_INPUT after every check.
		"Mutation.confirmRegistration": call(`mutation{ confirmRegistration(token:"not-a-link"){ token } }`, nil),
		"Mutation.requestPasswordReset": call(`mutation($e:String!){ requestPasswordReset(email:$e){ checkEmail } }`,
			func(m *matrixEnv, _ tenant, _ *testing.T) map[string]any {
				return map[string]any{"e": m.unique("reset")}
			}),
		"Mutation.resetPassword": call(`mutation{ resetPassword(token:"not-a-link", newPassword:"another-horse-43") }`, nil),
		"Mutation.login":         call(`mutation{ login(email:"analyst@redline.demo", password:"redline-demo-2026"){ token } }`, nil),
		"Mutation.refreshSession": call(`mutation($r:String!){ refreshSession(refreshToken:$r){ token } }`,
			func(m *matrixEnv, _ tenant, t *testing.T) map[string]any {
				_, r := m.throwaway(t)
				return map[string]any{"r": r}
			}),
		"Mutation.logout":         call(`mutation{ logout }`, nil),
		"Mutation.changePassword": call(`mutation{ changePassword(currentPassword:"not-the-password-1", newPassword:"another-horse-43") }`, nil),
		"Mutation.createUser": call(`mutation($e:String!){ createUser(email:$e, password:"correct-horse-42", displayName:"矩阵", role: analyst){ id } }`,
			func(m *matrixEnv, _ tenant, _ *testing.T) map[string]any {
				return map[string]any{"e": m.unique("created")}
			}),
		"Mutation.grantRole": call(`mutation($u:ID!){ grantRole(userId:$u, role: analyst, domain:"*", reason:"矩阵"){ role } }`,
			func(m *matrixEnv, _ tenant, t *testing.T) map[string]any {
				u, _ := m.throwaway(t)
				return map[string]any{"u": u}
			}),
		"Mutation.revokeRole": call(`mutation($u:ID!){ revokeRole(userId:$u, role: complainant, domain:"*", reason:"矩阵") }`,
			func(m *matrixEnv, _ tenant, t *testing.T) map[string]any {
				u, _ := m.throwaway(t)
				return map[string]any{"u": u}
			}),
		"Query.institutionUsers": call(`{ institutionUsers { id } }`, nil),
		"Mutation.inviteInstitutionUser": call(`mutation($e:String!){ inviteInstitutionUser(input:{email:$e, name:"矩阵", role: institution_agent}){ email } }`,
			func(m *matrixEnv, _ tenant, _ *testing.T) map[string]any {
				return map[string]any{"e": m.unique("invited")}
			}),
		"Mutation.disableInstitutionUser": call(`mutation($u:ID!){ disableInstitutionUser(id:$u){ id } }`, instUserVars),
		"Mutation.enableInstitutionUser":  call(`mutation($u:ID!){ enableInstitutionUser(id:$u){ id } }`, instUserVars),
		"Mutation.resendInstitutionInvitation": call(`mutation($u:ID!){ resendInstitutionInvitation(id:$u){ id } }`,
			func(m *matrixEnv, ten tenant, t *testing.T) map[string]any {
				v := instUserVars(m, ten, t) // an account that has not taken up its invitation yet
				if err := m.env.App.DB.Gorm.Exec(`INSERT INTO account_invitations (token_hash, user_id, created_by, created_at, expires_at)
					VALUES (sha256(random()::text::bytea), ?, ?, now(), now() + interval '7 days')`, v["u"], v["u"]).Error; err != nil {
					t.Fatal(err)
				}
				return v
			}),
		"Mutation.revokeInstitutionInvitation": call(`mutation($u:ID!){ revokeInstitutionInvitation(id:$u) }`,
			func(m *matrixEnv, ten tenant, t *testing.T) map[string]any { // a pending invitation of the tenant's institution
				var id int64
				if err := m.env.App.DB.Gorm.Raw(`INSERT INTO institution_invitations (institution_id, email, email_hash, display_name, role, token_hash,
					created_by, created_at, expires_at) SELECT ?, 'x', sha256(random()::text::bytea), 'x', 'institution_agent', sha256(random()::text::bytea),
					min(id), now(), now() + interval '7 days' FROM users RETURNING id`, ten.institution).Scan(&id).Error; err != nil {
					t.Fatal(err)
				}
				return map[string]any{"u": "invitation:" + strconv.FormatInt(id, 10)}
			}),
		"Mutation.acceptInvitation":           call(`mutation{ acceptInvitation(token:"no-such-invitation", password:"correct-horse-42") }`, nil),
		"Mutation.markNotificationsRead":      call(`mutation{ markNotificationsRead(ids:[]) }`, nil),
		"Mutation.setNotificationPreferences": call(`mutation{ setNotificationPreferences(email:true, sms:false){ __typename } }`, nil),
		"Mutation.sendMobileConfirmationCode": call(`mutation{ sendMobileConfirmationCode{ __typename } }`, nil),
		"Mutation.confirmMobile":              call(`mutation{ confirmMobile(code:"123456"){ __typename } }`, nil),
		"Mutation.setInstitutionWebhook":      call(`mutation($i:ID!){ setInstitutionWebhook(institutionId:$i, url:"https://hooks.example.cn/redline"){ __typename } }`, instVars),
		"Mutation.pingInstitutionWebhook":     call(`mutation($i:ID!){ pingInstitutionWebhook(institutionId:$i) }`, instVars),
		"Mutation.updateRoutingTable":         call(`mutation{ updateRoutingTable(input:{rules:[]}, reason:"矩阵"){ __typename } }`, nil),
		"Mutation.updateRulePack":             call(`mutation{ updateRulePack(jurisdiction: CN, document:"{}", reason:"矩阵"){ __typename } }`, nil),
		"Mutation.updateCalendar":             call(`mutation{ updateCalendar(jurisdiction: CN, document:"{}", reason:"矩阵"){ __typename } }`, nil),
		"Mutation.updateDeadlinePolicy":       call(`mutation{ updateDeadlinePolicy(jurisdiction: CN, document:"{}", reason:"矩阵"){ __typename } }`, nil),
		"Mutation.reassessRules":              call(`mutation{ reassessRules(since:"2026-01-01", reason:"矩阵"){ __typename } }`, nil),

		"Mutation.fileComplaint": call(`mutation($i:FileComplaintInput!){ fileComplaint(input:$i){ id } }`,
			func(*matrixEnv, tenant, *testing.T) map[string]any {
				return map[string]any{"i": map[string]any{"relation": "PARENT", "lenderName": "安逸花", "product": "CONSUMER_LOAN", "province": "440000",
					"narrative": "催收员每天给我打二十多个电话，说不还钱就到我家来。", "violations": []any{"THIRD_PARTY_CONTACT", "THREAT"}}}
			}),
		"Mutation.addEvidence": call(`mutation($id:ID!){ addEvidence(complaintId:$id, uploadToken:"not-a-token"){ id } }`, complaintVars),
		"Mutation.addCollectorMessages": call(`mutation($id:ID!){ addCollectorMessages(complaintId:$id, messages:[{sender:"10690000", sentAt:"2026-05-01T23:15:00+08:00", text:"再不还钱就去你单位"}]){ id } }`,
			complaintVars),
		"Mutation.provideInformation": idOnly(`provideInformation(id:$id, answer:"补充材料"){ id }`),
		"Mutation.withdrawComplaint":  idOnly(`withdrawComplaint(id:$id){ id }`),
		"Mutation.submitFeedback":     idOnly(`submitFeedback(id:$id, decision: ACCEPT, satisfaction: 4){ id }`),

		"Mutation.claimComplaint": idOnly(`claimComplaint(id:$id){ id }`),
		"Mutation.assignComplaint": call(`mutation($id:ID!,$a:ID!){ assignComplaint(ids:[$id], assigneeId:$a){ id } }`,
			func(m *matrixEnv, ten tenant, _ *testing.T) map[string]any {
				return map[string]any{"id": ten.complaint, "a": m.reviewerID}
			}),
		"Mutation.classifyComplaint":    idOnly(`classifyComplaint(id:$id, priority: HIGH){ id }`),
		"Mutation.requestInformation":   idOnly(`requestInformation(id:$id, question:"请提供通话录音"){ id }`),
		"Mutation.forwardComplaint":     idOnly(`forwardComplaint(id:$id, target: LENDER){ id }`),
		"Mutation.rejectComplaint":      idOnly(`rejectComplaint(id:$id, reasonCode: TIME_BARRED){ id }`),
		"Mutation.referComplaint":       idOnly(`referComplaint(id:$id, to: POLICE, reason:"威胁人身安全"){ id }`),
		"Mutation.investigateComplaint": idOnly(`investigateComplaint(id:$id){ id }`),
		"Mutation.escalateComplaint":    idOnly(`escalateComplaint(id:$id, reason:"多次投诉"){ id }`),
		"Mutation.closeComplaint":       idOnly(`closeComplaint(id:$id, reason:"已处理"){ id }`),
		"Mutation.reopenComplaint":      idOnly(`reopenComplaint(id:$id, reason:"新情况"){ id }`),
		"Mutation.linkComplaints": call(`mutation($id:ID!,$d:ID!){ linkComplaints(primaryId:$id, duplicateId:$d){ id } }`,
			func(_ *matrixEnv, ten tenant, _ *testing.T) map[string]any {
				return map[string]any{"id": ten.complaint, "d": ten.complaint2}
			}),
		"Mutation.addNote":              idOnly(`addNote(id:$id, text:"内部备注"){ id }`),
		"Mutation.rerouteComplaint":     idOnly(`rerouteComplaint(id:$id, team:"west", reason:"地区有误"){ id }`),
		"Mutation.revealDebtorIdentity": call(`mutation($id:ID!){ revealDebtorIdentity(complaintId:$id, reason:"核实身份"){ __typename } }`, complaintVars),
		"Mutation.decideExtension":      idOnly(`decideExtension(id:$id, approve: true){ __typename }`),

		"Mutation.respondToComplaint": idOnly(`respondToComplaint(id:$id, input:{category: CLOSED_WITH_EXPLANATION, explanation:"经核查，外包催收机构存在夜间致电行为，已停止催收。"}){ __typename }`),
		"Mutation.requestExtension":   idOnly(`requestExtension(id:$id, days: 30, reason:"需外部鉴定"){ __typename }`),
		"Mutation.startAppraisal":     idOnly(`startAppraisal(id:$id, note:"委托司法鉴定机构鉴定通话录音"){ id }`),
		"Mutation.endAppraisal":       idOnly(`endAppraisal(id:$id){ id }`),
	} {
		matrixCalls[name] = c
	}
}

// schemaFields lists the Query and Mutation fields of the running schema.
func schemaFields(t *testing.T, env *apptest.Env) []string {
	t.Helper()
	d := env.MustDo(t, "", `{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`, nil)
	s := d["__schema"].(map[string]any)
	var out []string
	for prefix, key := range map[string]string{"Query.": "queryType", "Mutation.": "mutationType"} {
		for _, f := range s[key].(map[string]any)["fields"].([]any) {
			out = append(out, prefix+f.(map[string]any)["name"].(string))
		}
	}
	sort.Strings(out)
	return out
}

func outcome(r *apptest.Response) string {
	switch r.Code() {
	case "", "BAD_USER_INPUT", "CONFLICT":
		return "A"
	case "UNAUTHENTICATED":
		return "U"
	case "FORBIDDEN":
		return "F"
	case "NOT_FOUND":
		return "N"
	}
	return "?" + r.Code()
}

// tenantComplaint stores a forwarded complaint of owner in team's queue, sent to institution.
func tenantComplaint(t *testing.T, env *apptest.Env, owner int64, team string, institution int64) *domain.Complaint {
	t.Helper()
	now := time.Now().UTC()
	c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1, ComplainantID: owner,
		Relation: domain.RelationParent, LenderID: institution, LenderName: "矩阵银行", Product: domain.ProductCreditCard, Province: "310000",
		Narrative: "催收员每天打二十多个电话，还给我父母打电话。", ClaimedViolations: []domain.ViolationType{domain.ViolationExcessiveContact},
		Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
	ev := domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted, ActorID: owner, ActorRole: domain.RoleComplainant, At: now}
	if _, _, err := env.App.Complaints.Store.CreateComplaint(context.Background(), c, "", ev, nil); err != nil {
		t.Fatalf("create complaint: %v", err)
	}
	return drive(t, env, c.ID, func(c *domain.Complaint) {
		c.Status, c.Team, c.Recipients = domain.StatusForwarded, team, []int64{institution}
		c.ForwardTarget, c.ForwardedAt, c.ResponseDays, c.DueAt = domain.ForwardLender, now, 15, now.Add(15*24*time.Hour)
	})
}

// secondTenant makes the other tenant's people: a complainant and a team nobody of the demo works.
func secondTenant(t *testing.T, env *apptest.Env) int64 {
	t.Helper()
	ctx := context.Background()
	if err := env.App.Teams.SaveTeam(ctx, postgres.Team{Code: "xizang", Name: "西藏组", Provinces: []string{"540000"}}); err != nil {
		t.Fatal(err)
	}
	env.Register(t, "second-tenant@matrix.test")
	u, err := env.App.Accounts.Store.UserByEmail(ctx, "second-tenant@matrix.test")
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// demoEmail is the demo account of a role.
func demoEmail(t *testing.T, r domain.Role) string {
	t.Helper()
	for _, du := range app.DemoUsers {
		if du.Role == r {
			return du.Email
		}
	}
	t.Fatalf("no demo account of role %s", r)
	return ""
}

func TestPermissionMatrix(t *testing.T) {
	m, tokens := startMatrix(t)
	env := m.env

	fields := schemaFields(t, env)
	var missing []string
	for _, f := range fields {
		_, e := matrixExpectations[f]
		_, c := matrixCalls[f]
		if !e || !c {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("schema fields without a permission expectation (add them to matrixExpectations and matrixCalls): %v", missing)
	}

	cases, observed := 0, map[string][2]string{}
	for _, f := range fields {
		want := matrixExpectations[f]
		build := matrixCalls[f](t)
		// Fresh complaints per field, so that one field's allowed calls do not change another's.
		own := tenant{institution: strconv.FormatInt(m.p.lenderID, 10)}
		other := tenant{institution: strconv.FormatInt(m.p.otherID, 10)}
		for _, side := range []struct {
			ten   *tenant
			owner int64
			team  string
			inst  int64
		}{{&own, m.p.actors[domain.RoleComplainant].UserID, "east", m.p.lenderID}, {&other, m.otherUserID, "xizang", m.p.otherID}} {
			c := tenantComplaint(t, env, side.owner, side.team, side.inst)
			side.ten.complaint, side.ten.reference = c.ID, c.Reference
			side.ten.complaint2 = tenantComplaint(t, env, side.owner, side.team, side.inst).ID
		}
		var got [2]string
		for i, ten := range []tenant{own, other} {
			for _, caller := range matrixCallers {
				q, vars := build(m, ten)
				got[i] += outcome(env.Do(t, tokens[caller], q, vars))
				cases++
				if f == "Mutation.logout" && caller != "anonymous" {
					// logout ends the caller's session at once: sign in again.
					tokens[caller] = env.Login(t, demoEmail(t, domain.Role(caller)), app.DemoPassword)
				}
			}
		}
		observed[f] = got
		if got[0] != want.own || got[1] != want.other {
			t.Errorf("%s:\n  own   got %s want %s\n  other got %s want %s\n  (%s)", f, got[0], want.own, got[1], want.other, strings.Join(matrixCallers, " "))
		}
	}
	if cases < 200 {
		t.Fatalf("only %d cases", cases)
	}
	t.Logf("%d fields, %d cases", len(fields), cases)
	if os.Getenv("REDLINE_MATRIX_PRINT") != "" {
		for _, f := range fields {
			fmt.Printf("\t%q: {%q, %q},\n", f, observed[f][0], observed[f][1])
		}
	}
}
