package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"strconv"
	"time"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/domain/pii"
)

// SecurityConfig holds the keys that protect personal data at rest and the abuse and browser
// settings of the API. Its zero value (as tests build it) means dev keys and no limits.
type SecurityConfig struct {
	Keys *pii.KeyRing // REDLINE_ENCRYPTION_KEYS and REDLINE_HASH_KEY
	// Limits: REDLINE_RATE_LIMIT_USER, REDLINE_RATE_LIMIT_ADDR, REDLINE_EVIDENCE_RATE_*,
	// REDLINE_ANALYZE_BUDGET_ADDR, REDLINE_LOGIN_*, REDLINE_RESET_RATE_*
	Limits         api.Limits
	TrustedProxies []netip.Prefix // REDLINE_TRUSTED_PROXIES
	CORSOrigins    []string       // REDLINE_CORS_ORIGINS
}

// securityConfigFromEnv reads the security settings; production must name its own keys, while dev
// derives fixed keys from the token secret and says so loudly.
func securityConfigFromEnv(envName string, secret []byte) (SecurityConfig, error) {
	var c SecurityConfig
	keys, hashKey := os.Getenv("REDLINE_ENCRYPTION_KEYS"), os.Getenv("REDLINE_HASH_KEY")
	switch {
	case keys != "" && hashKey != "":
		kr, err := pii.ParseKeyRing(keys, hashKey)
		if err != nil {
			return c, fmt.Errorf("config: REDLINE_ENCRYPTION_KEYS / REDLINE_HASH_KEY: %w", err)
		}
		if envName == "production" {
			for _, published := range publishedSecrets {
				enc, hash := pii.DevKeyMaterial(published)
				if kr.UsesEncryptionKey(enc) {
					return c, errors.New("config: REDLINE_ENCRYPTION_KEYS holds a published dev key, which anyone can derive; set REDLINE_ENCRYPTION_KEYS to keys of your own (`openssl rand -base64 32`) and run `redline rotate-keys`")
				}
				if kr.UsesHashKey(hash) {
					return c, errors.New("config: REDLINE_HASH_KEY is the published dev hash key, which anyone can derive; set REDLINE_HASH_KEY to a key of your own (`openssl rand -base64 32`) and run `redline rotate-keys --rehash`")
				}
			}
		}
		c.Keys = kr
	case envName == "production" || keys != "" || hashKey != "":
		return c, errors.New("config: set both REDLINE_ENCRYPTION_KEYS (k1:<base64 32 bytes>[,older keys]) and REDLINE_HASH_KEY (<base64 32 bytes>); make keys with `openssl rand -base64 32`")
	default:
		c.Keys = pii.DevKeyRing(string(secret))
		slog.Warn("!!! REDLINE_ENCRYPTION_KEYS IS NOT SET: PERSONAL DATA IS ENCRYPTED WITH DEV KEYS THAT ANYONE CAN DERIVE. Dev mode only. !!!")
	}

	c.Limits = api.DefaultLimits()
	for _, r := range []struct {
		name string
		dst  *api.Rate
	}{{"REDLINE_RATE_LIMIT_USER", &c.Limits.PerUser}, {"REDLINE_RATE_LIMIT_ADDR", &c.Limits.PerAddr},
		{"REDLINE_EVIDENCE_RATE_USER", &c.Limits.UploadPerUser}, {"REDLINE_EVIDENCE_RATE_ADDR", &c.Limits.UploadPerAddr},
		{"REDLINE_ANALYZE_BUDGET_ADDR", &c.Limits.AnalyzePerAddr},
		{"REDLINE_RESET_RATE_EMAIL", &c.Limits.ResetPerEmail}, {"REDLINE_RESET_RATE_ADDR", &c.Limits.ResetPerAddr},
		{"REDLINE_REGISTER_RATE_EMAIL", &c.Limits.RegisterPerEmail}, {"REDLINE_INVITE_RATE_EMAIL", &c.Limits.InvitePerEmail},
		{"REDLINE_SMS_RATE_MOBILE", &c.Limits.SMSPerMobile}} {
		if v := os.Getenv(r.name); v != "" {
			rate, err := api.ParseRate(v)
			if err != nil {
				return c, fmt.Errorf("config: %s: %w", r.name, err)
			}
			*r.dst = rate
		}
	}
	for _, n := range []struct {
		name string
		dst  *int
	}{{"REDLINE_LOGIN_MAX_FAILURES", &c.Limits.LoginMaxFailures}, {"REDLINE_LOGIN_MAX_ADDR_FAILURES", &c.Limits.LoginMaxAddrFailures}} {
		if v := os.Getenv(n.name); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil || i < 0 {
				return c, fmt.Errorf("config: %s %q is not a number (0 turns the limit off)", n.name, v)
			}
			*n.dst = i
		}
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{{"REDLINE_LOGIN_WINDOW", &c.Limits.LoginWindow}, {"REDLINE_LOGIN_LOCKOUT", &c.Limits.LoginLockout}} {
		if v := os.Getenv(d.name); v != "" {
			dur, err := time.ParseDuration(v)
			if err != nil || dur < time.Second {
				return c, fmt.Errorf("config: %s %q is not a duration of at least 1s", d.name, v)
			}
			*d.dst = dur
		}
	}

	var err error
	if c.TrustedProxies, err = api.ParseTrustedProxies(os.Getenv("REDLINE_TRUSTED_PROXIES")); err != nil {
		return c, fmt.Errorf("config: REDLINE_TRUSTED_PROXIES: %w", err)
	}
	if c.CORSOrigins, err = api.ParseOrigins(os.Getenv("REDLINE_CORS_ORIGINS")); err != nil {
		return c, fmt.Errorf("config: REDLINE_CORS_ORIGINS: %w", err)
	}
	return c, nil
}

// openKeys sets the key ring: the configured one, or in dev mode the dev keys.
func (a *App) openKeys() error {
	a.Keys = a.Config.Security.Keys
	if a.Keys != nil {
		return nil
	}
	if a.Config.Env == "production" {
		return errors.New("config: no encryption keys; set REDLINE_ENCRYPTION_KEYS and REDLINE_HASH_KEY")
	}
	a.Keys = pii.DevKeyRing(string(a.Config.Secret))
	return nil
}

// EncryptPlaintext encrypts what migrations left in plaintext in encrypted columns (the information
// requests' texts moved by migration 00063), so that no operator has to run rotate-keys for it.
// `dev`, `serve`, `work` and `schedule` call it when they start; it logs how many values it
// encrypted (never the values) and costs one query when there is nothing left.
func (a *App) EncryptPlaintext(ctx context.Context) error {
	done, err := a.DB.EncryptPlaintext(ctx, 0)
	for _, c := range done {
		if c.Encrypted > 0 {
			slog.Info("encrypted plaintext left by a migration", "field", c.Field, "values", c.Encrypted)
		}
	}
	if err != nil {
		return fmt.Errorf("encrypt plaintext left by migrations (rerun, or run redline rotate-keys): %w", err)
	}
	return nil
}

// protection is the HTTP server's limits and browser-security settings.
func (a *App) protection() api.Protection {
	s := a.Config.Security
	p := api.Protection{Production: a.Config.Env == "production", CORSOrigins: s.CORSOrigins, TrustedProxies: s.TrustedProxies}
	if s.Limits.PerUser.N > 0 || s.Limits.PerAddr.N > 0 {
		p.Limiter = &api.RateLimiter{Redis: a.Redis, PerUser: s.Limits.PerUser, PerAddr: s.Limits.PerAddr}
	}
	if s.Limits.UploadPerUser.N > 0 || s.Limits.UploadPerAddr.N > 0 {
		p.UploadLimiter = &api.RateLimiter{Redis: a.Redis, PerUser: s.Limits.UploadPerUser, PerAddr: s.Limits.UploadPerAddr, Name: "evidence"}
	}
	return p
}

// analysisBudget is the per-address budget of characters analyzeMessages analyses, or nil.
func (a *App) analysisBudget() func(ctx context.Context, runes int) error {
	r := a.Config.Security.Limits.AnalyzePerAddr
	if r.N <= 0 {
		return nil
	}
	b := &api.CostBudget{Redis: a.Redis, PerAddr: r, Name: "analyze"}
	return func(ctx context.Context, runes int) error { return b.Spend(ctx, api.ClientAddr(ctx), runes) }
}

// LoginGuard is the sign-in guard of the configured limits, or nil when they turn it off.
func (a *App) LoginGuard() *api.LoginGuard {
	l := a.Config.Security.Limits
	if l.LoginMaxFailures <= 0 && l.LoginMaxAddrFailures <= 0 {
		return nil
	}
	return &api.LoginGuard{Redis: a.Redis, Limits: l, Pepper: a.Config.Secret}
}

// ResetGuard is the password-reset request guard of the configured limits, or nil when they turn it
// off.
func (a *App) ResetGuard() *api.ResetGuard {
	l := a.Config.Security.Limits
	if l.ResetPerEmail.N <= 0 && l.ResetPerAddr.N <= 0 {
		return nil
	}
	return &api.ResetGuard{Redis: a.Redis, PerEmail: l.ResetPerEmail, PerAddr: l.ResetPerAddr, Pepper: a.Config.Secret}
}

// InviteGuard is the guard of institution invitations (invitation e-mails per address), or nil
// when the limit is off.
func (a *App) InviteGuard() *api.ResetGuard {
	l := a.Config.Security.Limits
	if l.InvitePerEmail.N <= 0 {
		return nil
	}
	return &api.ResetGuard{Redis: a.Redis, PerEmail: l.InvitePerEmail, Pepper: a.Config.Secret, Invitations: true}
}

// MobileGuard bounds the confirmation codes texted to one number, or is nil when the limit is off.
func (a *App) MobileGuard() *api.MobileGuard {
	l := a.Config.Security.Limits
	if l.SMSPerMobile.N <= 0 {
		return nil
	}
	return &api.MobileGuard{Redis: a.Redis, PerMobile: l.SMSPerMobile, Pepper: a.Config.Secret}
}

// RegisterGuard is the registration guard (registrations per e-mail address), or nil when the limit
// is off.
func (a *App) RegisterGuard() *api.ResetGuard {
	l := a.Config.Security.Limits
	if l.RegisterPerEmail.N <= 0 {
		return nil
	}
	return &api.ResetGuard{Redis: a.Redis, PerEmail: l.RegisterPerEmail, Pepper: a.Config.Secret, Registrations: true}
}
