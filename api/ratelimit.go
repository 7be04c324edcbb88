package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/domain"
)

// Rate is a number of events allowed per period; the zero Rate allows any number.
type Rate struct {
	N   int
	Per time.Duration
}

// ParseRate reads a rate written "300/1m" (300 per minute) or "off".
func ParseRate(s string) (Rate, error) {
	if strings.TrimSpace(s) == "off" {
		return Rate{}, nil
	}
	n, per, ok := strings.Cut(strings.TrimSpace(s), "/")
	count, err := strconv.Atoi(n)
	if !ok || err != nil || count < 1 {
		return Rate{}, fmt.Errorf("rate %q is not <count>/<duration> like 300/1m, or off", s)
	}
	d, err := time.ParseDuration(per)
	if err != nil || d < time.Second {
		return Rate{}, fmt.Errorf("rate %q: the period is not a duration of at least 1s", s)
	}
	return Rate{N: count, Per: d}, nil
}

// String writes the rate as ParseRate reads it.
func (r Rate) String() string {
	if r.N == 0 {
		return "off"
	}
	return fmt.Sprintf("%d/%s", r.N, r.Per)
}

// Limits are the request and sign-in limits; DefaultLimits gives the production values.
type Limits struct {
	PerUser Rate // /graphql requests per signed-in user
	PerAddr Rate // /graphql requests per client address, signed in or not

	UploadPerUser Rate // POST /evidence uploads per signed-in user
	UploadPerAddr Rate // POST /evidence uploads per client address

	AnalyzePerAddr Rate // characters the public analyzeMessages analyses per client address

	LoginMaxFailures     int           // failed sign-ins for one e-mail address within LoginWindow that lock it
	LoginMaxAddrFailures int           // failed sign-ins from one client address within LoginWindow before it is refused
	LoginWindow          time.Duration // the window the failures are counted in
	LoginLockout         time.Duration // how long a locked e-mail address is refused

	ResetPerEmail Rate // password-reset requests for one e-mail address
	ResetPerAddr  Rate // password-reset requests from one client address
	// RegisterPerEmail: registrations for one e-mail address (each e-mails it a link or a note).
	RegisterPerEmail Rate
	// InvitePerEmail: institution invitations sent (or sent again) to one e-mail address, by every
	// institution together (each e-mails it a link or a note).
	InvitePerEmail Rate
	// SMSPerMobile: mobile confirmation codes texted to one number, by every user together
	// (session 15, attack2).
	SMSPerMobile Rate
}

// DefaultLimits are 300 requests a minute per user, 600 per address (offices and mobile carriers put
// many people behind one address), 60 evidence uploads an hour per user and 300 per address, 50,000
// characters a minute analysed by analyzeMessages per address, and a 15-minute lockout after 5
// failed sign-ins in 15 minutes, and 5 password-reset requests an hour per e-mail address, 50 per
// client address.
func DefaultLimits() Limits {
	return Limits{
		PerUser: Rate{N: 300, Per: time.Minute}, PerAddr: Rate{N: 600, Per: time.Minute},
		UploadPerUser: Rate{N: 60, Per: time.Hour}, UploadPerAddr: Rate{N: 300, Per: time.Hour},
		AnalyzePerAddr:   Rate{N: 50000, Per: time.Minute},
		LoginMaxFailures: 5, LoginMaxAddrFailures: 50, LoginWindow: 15 * time.Minute, LoginLockout: 15 * time.Minute,
		ResetPerEmail: Rate{N: 5, Per: time.Hour}, ResetPerAddr: Rate{N: 50, Per: time.Hour},
		RegisterPerEmail: Rate{N: 5, Per: time.Hour}, InvitePerEmail: Rate{N: 5, Per: time.Hour},
		SMSPerMobile: Rate{N: 5, Per: time.Hour},
	}
}

// RateLimitedError refuses a request for now; it unwraps to a RATE_LIMITED domain error, so that
// every edge maps it to that code, and tells when to try again.
type RateLimitedError struct {
	RetryAfter time.Duration
	err        *domain.Error
}

func newRateLimited(retry time.Duration, en, zh string) *RateLimitedError {
	e := &RateLimitedError{RetryAfter: retry}
	s := e.RetryAfterSeconds()
	wait, waitZH := fmt.Sprintf("%d seconds", s), fmt.Sprintf("%d秒", s)
	if s > 90 {
		m := (s + 59) / 60
		wait, waitZH = fmt.Sprintf("%d minutes", m), fmt.Sprintf("%d分钟", m)
	}
	e.err = &domain.Error{Code: domain.CodeRateLimited, Message: fmt.Sprintf(en, wait), MessageZH: fmt.Sprintf(zh, waitZH)}
	return e
}

// Error implements error.
func (e *RateLimitedError) Error() string { return e.err.Error() }

// Unwrap returns the RATE_LIMITED domain error.
func (e *RateLimitedError) Unwrap() error { return e.err }

// RetryAfterSeconds is RetryAfter in whole seconds, rounded up and at least 1.
func (e *RateLimitedError) RetryAfterSeconds() int {
	return max(1, int((e.RetryAfter+time.Second-1)/time.Second))
}

// Extensions are the GraphQL error extensions: code, retryAfterSeconds and messageZh.
func (e *RateLimitedError) Extensions() map[string]any {
	return map[string]any{"code": string(domain.CodeRateLimited), "retryAfterSeconds": e.RetryAfterSeconds(), "messageZh": e.err.MessageZH}
}

// writeRateLimited answers 429 with Retry-After and a GraphQL-shaped error.
func writeRateLimited(w http.ResponseWriter, e *RateLimitedError) {
	w.Header().Set("Retry-After", strconv.Itoa(e.RetryAfterSeconds()))
	writeJSON(w, http.StatusTooManyRequests, map[string]any{"errors": []map[string]any{{"message": e.err.Message, "extensions": e.Extensions()}}})
}

// countScript counts one event in fixed windows: each key in KEYS is a counter whose window (ARGV,
// in milliseconds, one per key) starts with its first event. It returns, for each key, the count and
// the milliseconds left in its window.
var countScript = redis.NewScript(`
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    ttl = tonumber(ARGV[i])
    redis.call('PEXPIRE', key, ttl)
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out`)

type counted struct {
	n    int64
	left time.Duration
}

func count(ctx context.Context, rdb redis.Scripter, keys []string, windows []time.Duration) ([]counted, error) {
	args := make([]any, len(windows))
	for i, w := range windows {
		args[i] = w.Milliseconds()
	}
	res, err := countScript.Run(ctx, rdb, keys, args...).Int64Slice()
	if err != nil {
		return nil, err
	}
	out := make([]counted, len(keys))
	for i := range out {
		out[i] = counted{n: res[2*i], left: time.Duration(res[2*i+1]) * time.Millisecond}
	}
	return out, nil
}

const keyPrefix = "redline:limit:"

// RateLimiter limits requests per signed-in user and per client address in fixed windows kept in
// Redis, so that every API process shares the counts. A window starts with its first request; a
// burst across a window's end can reach twice the rate, which these generous limits tolerate.
type RateLimiter struct {
	Redis   redis.Scripter
	PerUser Rate
	PerAddr Rate
	// Name keeps the counts of a limiter apart from the others' (e.g. "evidence" for uploads); the
	// /graphql limiter has none.
	Name string
}

func (l *RateLimiter) prefix() string {
	if l.Name == "" {
		return keyPrefix
	}
	return keyPrefix + l.Name + ":"
}

// Allow counts a request by actor from addr and returns a RateLimitedError when either count is
// over its rate. When Redis fails it logs and allows the request: the limits protect the platform,
// and refusing everyone would be the outage they are there to prevent. A nil limiter allows all.
func (l *RateLimiter) Allow(ctx context.Context, actor domain.Actor, addr string) *RateLimitedError {
	if l == nil {
		return nil
	}
	var keys []string
	var rates []Rate
	if l.PerAddr.N > 0 {
		keys, rates = append(keys, l.prefix()+"addr:"+addr), append(rates, l.PerAddr)
	}
	if l.PerUser.N > 0 && !actor.Anonymous() {
		keys, rates = append(keys, l.prefix()+"user:"+strconv.FormatInt(actor.UserID, 10)), append(rates, l.PerUser)
	}
	if len(keys) == 0 {
		return nil
	}
	windows := make([]time.Duration, len(rates))
	for i, r := range rates {
		windows[i] = r.Per
	}
	got, err := count(ctx, l.Redis, keys, windows)
	if err != nil {
		slog.WarnContext(ctx, "rate limiter unavailable; allowing the request", "err", err)
		return nil
	}
	var retry time.Duration
	for i, c := range got {
		if c.n > int64(rates[i].N) {
			retry = max(retry, c.left)
		}
	}
	if retry > 0 {
		return newRateLimited(retry, "too many requests; try again in %s", "请求过于频繁，请%s后再试")
	}
	return nil
}

// spendScript adds ARGV[1] to the counter KEYS[1], whose window (ARGV[2] milliseconds) starts with
// its first use, and returns the new count and the milliseconds left in the window.
var spendScript = redis.NewScript(`
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = tonumber(ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {n, ttl}`)

// CostBudget bounds the work a client address may cause in a window, counted in units of cost
// (e.g. characters analysed), in Redis like RateLimiter so that every API process shares it.
type CostBudget struct {
	Redis   redis.Scripter
	PerAddr Rate // units per period
	Name    string
}

// Spend counts n units for addr and refuses with a RateLimitedError once the window's total is over
// the budget. When Redis fails it logs and allows the work, like RateLimiter. A nil budget allows all.
func (b *CostBudget) Spend(ctx context.Context, addr string, n int) error {
	if b == nil || b.PerAddr.N <= 0 || n <= 0 {
		return nil
	}
	res, err := spendScript.Run(ctx, b.Redis, []string{keyPrefix + "cost:" + b.Name + ":addr:" + addr}, n, b.PerAddr.Per.Milliseconds()).Int64Slice()
	if err != nil || len(res) != 2 {
		slog.WarnContext(ctx, "cost budget unavailable; allowing the request", "err", err)
		return nil
	}
	if res[0] > int64(b.PerAddr.N) {
		return newRateLimited(time.Duration(res[1])*time.Millisecond, "too much text analysed from this network; try again in %s",
			"此网络分析的文字过多，请%s后再试")
	}
	return nil
}

// AuthenticateFunc signs a user in with e-mail address and password, like domain.Accounts.Authenticate.
type AuthenticateFunc func(ctx context.Context, email, password string) (*domain.User, error)

// LoginGuard protects sign-in against password guessing: an e-mail address with too many failed
// sign-ins in a window is locked for a while (any password is refused), and so is a client address
// with too many failures across all e-mail addresses. E-mail addresses appear in Redis keys only as
// keyed hashes.
type LoginGuard struct {
	Redis  redis.Cmdable
	Limits Limits
	// Pepper keys the hash of e-mail addresses in Redis keys (the token secret does).
	Pepper []byte
}

func (g *LoginGuard) emailKey(kind, email string) string {
	return keyPrefix + "login:" + kind + ":" + emailHash(g.Pepper, email)
}

// emailHash is how an e-mail address appears in a Redis key: a keyed hash of its normal form.
func emailHash(pepper []byte, email string) string {
	m := hmac.New(sha256.New, pepper)
	m.Write([]byte(domain.NormalEmail(email)))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

func addrKey(addr string) string { return keyPrefix + "login:addr:" + addr }

// reserveScript counts a sign-in attempt before its password is checked, atomically, so that
// parallel guesses cannot all pass a check made before any of them failed. KEYS[1] counts attempts
// for an e-mail address, KEYS[2] is its lock, KEYS[3] counts attempts from a client address. ARGV[1]
// is the e-mail limit, ARGV[2] the window and ARGV[3] the lockout in milliseconds, ARGV[4] the
// client-address limit (0: none). It answers {0, n} when the attempt may proceed, {1, ms} when the
// e-mail address is locked and {2, ms} when the client address is over its limit.
var reserveScript = redis.NewScript(`
local function incr(key, window)
  local n = redis.call('INCR', key)
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, window) end
  return n
end
local lock = redis.call('PTTL', KEYS[2])
if lock > 0 then return {1, lock} end
local addrMax = tonumber(ARGV[4])
local a = incr(KEYS[3], ARGV[2])
if addrMax > 0 and a > addrMax then return {2, redis.call('PTTL', KEYS[3])} end
local n = incr(KEYS[1], ARGV[2])
if n > tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('DECR', KEYS[3]) end
  return {1, tonumber(ARGV[3])}
end
return {0, n}`)

// failScript locks an e-mail address (KEYS[2]) whose attempts (KEYS[1]) reached ARGV[1] after a
// failed sign-in, for ARGV[2] milliseconds.
var failScript = redis.NewScript(`
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
  redis.call('DEL', KEYS[1])
end
return n`)

// succeededScript forgets the attempts of an e-mail address (KEYS[1]) and gives back the client
// address's (KEYS[2]) count of this attempt: only failures count against an address.
var succeededScript = redis.NewScript(`
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 and tonumber(redis.call('GET', KEYS[2])) > 0 then redis.call('DECR', KEYS[2]) end
return 0`)

func (g *LoginGuard) limits() Limits {
	l, def := g.Limits, DefaultLimits()
	if l.LoginMaxFailures <= 0 {
		l.LoginMaxFailures = 1 << 30
	}
	if l.LoginWindow <= 0 {
		l.LoginWindow = def.LoginWindow
	}
	if l.LoginLockout <= 0 {
		l.LoginLockout = def.LoginLockout
	}
	return l
}

// Reserve counts a sign-in attempt for email from addr before the password is checked. It refuses
// with a RateLimitedError an attempt for a locked e-mail address, one beyond the limit of attempts
// in the window (which locks the address), or one from a client address over its limit; it
// returns Redis errors as they are.
func (g *LoginGuard) Reserve(ctx context.Context, email, addr string) error {
	l := g.limits()
	res, err := reserveScript.Run(ctx, g.Redis, []string{g.emailKey("fail", email), g.emailKey("lock", email), addrKey(addr)},
		l.LoginMaxFailures, l.LoginWindow.Milliseconds(), l.LoginLockout.Milliseconds(), max(l.LoginMaxAddrFailures, 0)).Int64Slice()
	if err != nil || len(res) != 2 {
		return fmt.Errorf("login guard: reserve: %w", err)
	}
	wait := time.Duration(res[1]) * time.Millisecond
	switch res[0] {
	case 1:
		return newRateLimited(wait, "too many failed sign-ins for this account; try again in %s",
			"该账户登录失败次数过多，已暂时锁定，请%s后再试")
	case 2:
		return newRateLimited(wait, "too many failed sign-ins from this network; try again in %s",
			"此网络登录失败次数过多，请%s后再试")
	}
	return nil
}

// Failed records that a reserved attempt for email failed, locking email when its attempts reached
// the limit.
func (g *LoginGuard) Failed(ctx context.Context, email string) error {
	l := g.limits()
	err := failScript.Run(ctx, g.Redis, []string{g.emailKey("fail", email), g.emailKey("lock", email)},
		l.LoginMaxFailures, l.LoginLockout.Milliseconds()).Err()
	if err != nil {
		return fmt.Errorf("login guard: count a failure: %w", err)
	}
	return nil
}

// Succeeded forgets the attempts of email; the client address keeps its count of failures, so
// that one good account does not reset the guessing of others from the same address.
func (g *LoginGuard) Succeeded(ctx context.Context, email, addr string) error {
	if err := succeededScript.Run(ctx, g.Redis, []string{g.emailKey("fail", email), addrKey(addr)}).Err(); err != nil {
		return fmt.Errorf("login guard: reset: %w", err)
	}
	return nil
}

// Guard wraps authenticate with the guard: it counts the attempt atomically before checking the
// password (so parallel guesses verify at most the limit), refuses locked e-mail and client
// addresses, treats wrong passwords and unknown e-mail addresses alike, and forgets the attempts
// after a success. The client address comes from the request context (ClientAddr). When
// Redis fails it logs and lets the sign-in proceed. A nil guard returns authenticate unchanged.
func (g *LoginGuard) Guard(authenticate AuthenticateFunc) AuthenticateFunc {
	if g == nil {
		return authenticate
	}
	return func(ctx context.Context, email, password string) (*domain.User, error) {
		addr := ClientAddr(ctx)
		if err := g.Reserve(ctx, email, addr); err != nil {
			var limited *RateLimitedError
			if errors.As(err, &limited) {
				return nil, err
			}
			slog.WarnContext(ctx, "login guard unavailable; allowing the attempt", "err", err)
		}
		u, err := authenticate(ctx, email, password)
		var gerr error
		switch {
		case err == nil:
			gerr = g.Succeeded(ctx, email, addr)
		case domain.CodeOf(err) == domain.CodeUnauthenticated:
			gerr = g.Failed(ctx, email)
		}
		if gerr != nil {
			slog.WarnContext(ctx, "login guard unavailable", "err", gerr)
		}
		return u, err
	}
}

// RequestResetFunc asks for a password-reset link, like domain.PasswordResets.Request.
type RequestResetFunc func(ctx context.Context, email string) error

// RegisterFunc starts a registration, like domain.Registrations.Register.
type RegisterFunc func(ctx context.Context, email, password, displayName string) error

// ResetGuard limits requests that e-mail an address — password-reset requests, and registrations
// (Registrations set) — per e-mail address and per client address in fixed windows kept in Redis,
// so that nobody can flood a mailbox or the mail server through the platform. Every request counts,
// whether or not the address has an account, so being refused tells nothing about it either.
// E-mail addresses appear in Redis keys only as keyed hashes.
type ResetGuard struct {
	Redis    redis.Scripter
	PerEmail Rate
	PerAddr  Rate
	// Pepper keys the hash of e-mail addresses in Redis keys (the token secret does).
	Pepper []byte
	// Registrations: the guard counts registrations (keys and refusal of their own), not resets.
	Registrations bool
	// Invitations: the guard counts institution invitations (keys and refusal of their own).
	Invitations bool
}

// Allow counts a request that e-mails email and refuses it (a RateLimitedError) over a limit; a
// nil guard allows everything. Institution invitations are counted with it.
func (g *ResetGuard) Allow(ctx context.Context, email string) error {
	if g == nil {
		return nil
	}
	return g.allow(ctx, email)
}

// Guard wraps request with the guard: a request over either limit is refused with a
// RateLimitedError before anything is looked up. The client address comes from the request context
// (ClientAddr). When Redis fails it logs and lets the request proceed. A nil guard returns request
// unchanged.
func (g *ResetGuard) Guard(request RequestResetFunc) RequestResetFunc {
	if g == nil {
		return request
	}
	return func(ctx context.Context, email string) error {
		if err := g.allow(ctx, email); err != nil {
			return err
		}
		return request(ctx, email)
	}
}

// GuardRegister is Guard for registrations: 30 anonymous registrations of one address at once
// e-mailed it 13 times from the regulator's mail server, held back only by the password-hashing
// slots (found by hand).
func (g *ResetGuard) GuardRegister(register RegisterFunc) RegisterFunc {
	if g == nil {
		return register
	}
	return func(ctx context.Context, email, password, displayName string) error {
		if err := g.allow(ctx, email); err != nil {
			return err
		}
		return register(ctx, email, password, displayName)
	}
}

// MobileGuard bounds the confirmation codes texted to one mobile number by every user together
// (domain.Notifications.CodeAllowed): the per-user limits alone let each account have the platform
// text a stranger's number, and try five codes at it, five times an hour. Numbers appear in Redis
// keys only as keyed hashes.
type MobileGuard struct {
	Redis     redis.Scripter
	PerMobile Rate
	Pepper    []byte
}

// Allow counts a code texted to mobile (a normalised number) and, over the limit, returns how long
// until another may go (0 when allowed). A nil guard allows everything; when Redis fails it logs
// and allows.
func (g *MobileGuard) Allow(ctx context.Context, mobile string) (time.Duration, error) {
	if g == nil || g.PerMobile.N <= 0 {
		return 0, nil
	}
	m := hmac.New(sha256.New, g.Pepper)
	m.Write([]byte("mobile\x00" + mobile))
	key := keyPrefix + "sms:mobile:" + hex.EncodeToString(m.Sum(nil)[:16])
	// One account's share of the number's codes is counted first, and a code over it never counts
	// against the number: one account alone cannot use up the number's codes and keep its owner
	// from confirming it for the window (session 16, attack).
	if user := domain.ActorFrom(ctx).UserID; user != 0 && SMSPerMobileShare < g.PerMobile.N {
		got, err := count(ctx, g.Redis, []string{key + ":user:" + strconv.FormatInt(user, 10)}, []time.Duration{g.PerMobile.Per})
		if err != nil {
			slog.WarnContext(ctx, "mobile code guard unavailable; allowing the code", "err", err)
			return 0, nil
		}
		if got[0].n > int64(SMSPerMobileShare) {
			return max(got[0].left, time.Second), nil
		}
	}
	got, err := count(ctx, g.Redis, []string{key}, []time.Duration{g.PerMobile.Per})
	if err != nil {
		slog.WarnContext(ctx, "mobile code guard unavailable; allowing the code", "err", err)
		return 0, nil
	}
	if got[0].n > int64(g.PerMobile.N) {
		return max(got[0].left, time.Second), nil
	}
	return 0, nil
}

// SMSPerMobileShare is how many of a number's codes in REDLINE_SMS_RATE_MOBILE's window one account
// may have texted to it: with the default 5 an hour, using up a number's codes takes three
// accounts, each with a confirmed e-mail address, rather than one (session 16, attack).
const SMSPerMobileShare = 2

// Mailbox is the form of an e-mail address the mail limits count, so that the forms one mailbox is
// reached by share its limit (session 15, attack2): lower case, without a sub-address ("+tag") in
// the local part, and for Gmail without the dots it ignores and with googlemail.com as gmail.com.
// It only names a counter; the address mailed is the one given.
func Mailbox(email string) string {
	email = domain.NormalEmail(email)
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return email
	}
	local, host := email[:at], email[at+1:]
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	if host == "googlemail.com" {
		host = "gmail.com"
	}
	if host == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + host
}

// allow counts a request for email and refuses it when it goes over a limit.
func (g *ResetGuard) allow(ctx context.Context, email string) error {
	what, en, zh := "reset", "too many password-reset requests; try again in %s", "重置密码的请求过于频繁，请%s后再试"
	if g.Registrations {
		what, en, zh = "register", "too many registrations for this address; try again in %s", "该邮箱地址的注册请求过于频繁，请%s后再试"
	} else if g.Invitations {
		what, en, zh = "invite", "too many invitations to this address; try again in %s", "向该邮箱地址发送的邀请过于频繁，请%s后再试"
	}
	var keys []string
	var windows []time.Duration
	var limits []int
	if g.PerEmail.N > 0 {
		keys, windows, limits = append(keys, keyPrefix+what+":email:"+emailHash(g.Pepper, Mailbox(email))), append(windows, g.PerEmail.Per), append(limits, g.PerEmail.N)
	}
	if g.PerAddr.N > 0 {
		keys, windows, limits = append(keys, keyPrefix+what+":addr:"+ClientAddr(ctx)), append(windows, g.PerAddr.Per), append(limits, g.PerAddr.N)
	}
	if len(keys) == 0 {
		return nil
	}
	got, err := count(ctx, g.Redis, keys, windows)
	if err != nil {
		slog.WarnContext(ctx, what+" guard unavailable; allowing the request", "err", err)
		return nil
	}
	var retry time.Duration
	for i, c := range got {
		if c.n > int64(limits[i]) {
			retry = max(retry, c.left)
		}
	}
	if retry > 0 {
		return newRateLimited(retry, en, zh)
	}
	return nil
}
