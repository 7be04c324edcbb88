package app_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

const inboxQuery = `query($u: Boolean){ notifications(unreadOnly: $u, first: 50) {
  edges { node { id kind complaintId complaintReference titleZh titleEn bodyZh bodyEn createdAt readAt } }
  pageInfo { hasNextPage } } unreadNotificationCount }`

func inbox(t *testing.T, env *apptest.Env, tok string, unreadOnly bool) ([]map[string]any, float64) {
	t.Helper()
	d := env.MustDo(t, tok, inboxQuery, map[string]any{"u": unreadOnly})
	var out []map[string]any
	for _, e := range d["notifications"].(map[string]any)["edges"].([]any) {
		out = append(out, e.(map[string]any)["node"].(map[string]any))
	}
	return out, d["unreadNotificationCount"].(float64)
}

// TestNotificationsThroughGraphQL files a complaint over HTTP and follows its receipt into the
// complainant's inbox: only the recipient sees it or can mark it read.
func TestNotificationsThroughGraphQL(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	owner := env.Register(t, "owner@example.cn")
	filed := env.MustDo(t, owner, fileQuery, map[string]any{"i": fileInput()})["fileComplaint"].(map[string]any)

	var mine []map[string]any
	apptest.Eventually(t, apptest.Patience, "the receipt notification", func() bool {
		mine, _ = inbox(t, env, owner, false)
		return len(mine) > 0
	})
	n := mine[0]
	if n["kind"] != "FILED" || n["complaintId"] != filed["id"] || n["complaintReference"] != filed["reference"] || n["readAt"] != nil {
		t.Fatalf("notification = %v", n)
	}
	for _, field := range []string{"titleZh", "titleEn", "bodyZh", "bodyEn"} {
		if n[field] == "" {
			t.Errorf("%s is empty", field)
		}
	}

	other := env.Register(t, "other@example.cn")
	if theirs, unread := inbox(t, env, other, false); len(theirs) != 0 || unread != 0 {
		t.Errorf("another user's inbox = %v (unread %v), want empty", theirs, unread)
	}
	d := env.MustDo(t, other, `mutation($ids: [ID!]!){ markNotificationsRead(ids: $ids) }`, map[string]any{"ids": []any{n["id"]}})
	if d["markNotificationsRead"].(float64) != 0 {
		t.Errorf("another user marked %v of the owner's notifications read", d["markNotificationsRead"])
	}
	if _, unread := inbox(t, env, owner, false); unread != float64(len(mine)) {
		t.Errorf("owner's unread count = %v after another user's attempt, want %d", unread, len(mine))
	}

	d = env.MustDo(t, owner, `mutation($ids: [ID!]!){ markNotificationsRead(ids: $ids) }`, map[string]any{"ids": []any{n["id"]}})
	if d["markNotificationsRead"].(float64) != 1 {
		t.Errorf("markNotificationsRead = %v, want 1", d["markNotificationsRead"])
	}
	unreadList, _ := inbox(t, env, owner, true)
	for _, u := range unreadList {
		if u["id"] == n["id"] {
			t.Errorf("a read notification is listed as unread")
		}
	}
	if r := env.Do(t, "", inboxQuery, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous inbox: code %q, want UNAUTHENTICATED", r.Code())
	}
}

// TestInstitutionWebhookThroughGraphQL sets a webhook as the institution's admin, pings it and
// reads the delivery log; other roles are refused.
func TestInstitutionWebhookThroughGraphQL(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	var mu sync.Mutex
	var got []*http.Request
	var bodies [][]byte
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, bodies = append(got, r), append(bodies, b)
		mu.Unlock()
	}))
	defer hook.Close()

	admin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)
	inst := env.MustDo(t, admin, `{ me { institutionId } }`, nil)["me"].(map[string]any)["institutionId"].(string)

	set := env.MustDo(t, admin, `mutation($i: ID!, $u: String!){ setInstitutionWebhook(institutionId: $i, url: $u){ institutionId url secret } }`,
		map[string]any{"i": inst, "u": hook.URL + "/events"})["setInstitutionWebhook"].(map[string]any)
	secret := set["secret"].(string)
	if set["url"] != hook.URL+"/events" || len(secret) < 40 {
		t.Fatalf("setInstitutionWebhook = %v", set)
	}
	id := env.MustDo(t, admin, `mutation($i: ID!){ pingInstitutionWebhook(institutionId: $i) }`, map[string]any{"i": inst})["pingInstitutionWebhook"].(string)

	const logQuery = `query($i: ID!){ webhookDeliveries(institutionId: $i){ edges { node { id event status deliveredAt
	  attempts { attempt statusCode durationMs error nextRetryAt at } } } } }`
	var node map[string]any
	apptest.Eventually(t, apptest.Patience, "the ping to be delivered", func() bool {
		edges := env.MustDo(t, admin, logQuery, map[string]any{"i": inst})["webhookDeliveries"].(map[string]any)["edges"].([]any)
		if len(edges) == 0 {
			return false
		}
		node = edges[0].(map[string]any)["node"].(map[string]any)
		return node["status"] == "SUCCEEDED"
	})
	attempts := node["attempts"].([]any)
	if node["id"] != id || node["event"] != "ping" || len(attempts) != 1 || attempts[0].(map[string]any)["statusCode"].(float64) != 200 {
		t.Errorf("delivery = %v", node)
	}
	mu.Lock()
	req, body := got[0], bodies[0]
	mu.Unlock()
	if err := domain.VerifyWebhookSignature(secret, req.Header.Get("X-Redline-Timestamp"), req.Header.Get("X-Redline-Signature"), body, time.Now(), 5*time.Minute); err != nil {
		t.Errorf("ping signature: %v", err)
	}

	for _, who := range []string{"agent@redline.demo", "reviewer@redline.demo", "complainant@redline.demo"} {
		tok := env.Login(t, who, app.DemoPassword)
		if r := env.Do(t, tok, logQuery, map[string]any{"i": inst}); r.Code() != "FORBIDDEN" {
			t.Errorf("%s reading the delivery log: code %q, want FORBIDDEN", who, r.Code())
		}
		if r := env.Do(t, tok, `mutation($i: ID!){ pingInstitutionWebhook(institutionId: $i) }`, map[string]any{"i": inst}); r.Code() != "FORBIDDEN" {
			t.Errorf("%s pinging: code %q, want FORBIDDEN", who, r.Code())
		}
	}
}

// TestWebhookPingsAreBounded (fourth attack pass): an institution's admin had the platform post
// test deliveries, each retried for a day, to a host and port of their choosing as fast as the
// request limit allowed (300 a minute). At most domain.WebhookPingsPerHour are taken per
// institution an hour, also when sent at once; the others are RATE_LIMITED and write nothing,
// and another institution's pings are not counted against it.
func TestWebhookPingsAreBounded(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)
	inst := env.MustDo(t, admin, `{ me { institutionId } }`, nil)["me"].(map[string]any)["institutionId"].(string)
	const set = `mutation($i: ID!, $u: String!){ setInstitutionWebhook(institutionId: $i, url: $u){ url } }`
	const ping = `mutation($i: ID!){ pingInstitutionWebhook(institutionId: $i) }`
	env.MustDo(t, admin, set, map[string]any{"i": inst, "u": "http://127.0.0.1:9/events"})
	const tries = domain.WebhookPingsPerHour + 5
	codes := make([]string, tries)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = env.Do(t, admin, ping, map[string]any{"i": inst}).Code()
		}()
	}
	wg.Wait()
	count := map[string]int{}
	for _, c := range codes {
		count[c]++
	}
	if count[""] != domain.WebhookPingsPerHour || count["RATE_LIMITED"] != tries-domain.WebhookPingsPerHour {
		t.Errorf("%d pings at once: %v, want %d taken and the rest RATE_LIMITED", tries, count, domain.WebhookPingsPerHour)
	}
	var stored int64
	env.App.DB.Gorm.Raw(`SELECT count(*) FROM webhook_deliveries WHERE event = 'ping'`).Scan(&stored)
	if stored != domain.WebhookPingsPerHour {
		t.Errorf("%d pings stored, want %d", stored, domain.WebhookPingsPerHour)
	}
	// The regulator's admin pings another institution: its own count.
	root := env.Login(t, "admin@redline.demo", app.DemoPassword)
	var other int64
	env.App.DB.Gorm.Raw(`SELECT id FROM institutions WHERE id <> ? ORDER BY id LIMIT 1`, inst).Scan(&other)
	env.MustDo(t, root, set, map[string]any{"i": other, "u": "http://127.0.0.1:9/events"})
	env.MustDo(t, root, ping, map[string]any{"i": other})
}

// TestForwardNotifiesInstitution drives a complaint through the real lifecycle over HTTP: when the
// reviewer forwards it, the lender's users and the complainant hear of it, and a complainant who
// has nothing to do with it does not.
func TestForwardNotifiesInstitution(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	owner := env.Register(t, "forwarded@example.cn")
	agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
	lender := env.MustDo(t, agent, `{ me { institutionId } }`, nil)["me"].(map[string]any)["institutionId"].(string)
	filed := env.MustDo(t, owner, fileQuery, map[string]any{"i": fileInput()})["fileComplaint"].(map[string]any)
	id, ref := filed["id"].(string), filed["reference"].(string)

	rev := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	apptest.Eventually(t, apptest.Patience, "the complaint to be routed", func() bool {
		r := env.Do(t, rev, `query($id: ID!){ complaint(id: $id){ status } }`, map[string]any{"id": id}) // NOT_FOUND until routed
		c, _ := r.Data["complaint"].(map[string]any)
		return c != nil && c["status"] == "IN_TRIAGE"
	})
	env.MustDo(t, rev, `mutation($id: ID!, $l: ID){ forwardComplaint(id: $id, target: LENDER, lenderId: $l){ status } }`,
		map[string]any{"id": id, "l": lender})

	forwarded := func(tok string) bool {
		ns, _ := inbox(t, env, tok, false)
		for _, n := range ns {
			if n["kind"] == "FORWARDED" && n["complaintReference"] == ref {
				return true
			}
		}
		return false
	}
	apptest.Eventually(t, apptest.Patience, "the lender's agent to be notified", func() bool { return forwarded(agent) })
	apptest.Eventually(t, apptest.Patience, "the complainant to be notified", func() bool { return forwarded(owner) })
	if forwarded(env.Login(t, "complainant@redline.demo", app.DemoPassword)) {
		t.Error("an unrelated complainant was notified")
	}
}
