package app

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain/pii"
)

func TestSecurityConfigFromEnv(t *testing.T) {
	key, hash := "k1:"+pii.GenerateKey(), pii.GenerateKey()
	for _, tc := range []struct {
		name, env string
		vars      map[string]string
		want      string // part of the error, or "" for none
	}{
		{"DevKeys", "dev", nil, ""},
		{"ProductionKeys", "production", map[string]string{"REDLINE_ENCRYPTION_KEYS": key, "REDLINE_HASH_KEY": hash}, ""},
		{"ProductionWithoutKeys", "production", nil, "REDLINE_ENCRYPTION_KEYS"},
		{"OnlyEncryptionKeys", "dev", map[string]string{"REDLINE_ENCRYPTION_KEYS": key}, "REDLINE_HASH_KEY"},
		{"BadKey", "production", map[string]string{"REDLINE_ENCRYPTION_KEYS": "k1:short", "REDLINE_HASH_KEY": hash}, "REDLINE_ENCRYPTION_KEYS"},
		{"BadRate", "dev", map[string]string{"REDLINE_RATE_LIMIT_USER": "lots"}, "REDLINE_RATE_LIMIT_USER"},
		{"BadFailures", "dev", map[string]string{"REDLINE_LOGIN_MAX_FAILURES": "-1"}, "REDLINE_LOGIN_MAX_FAILURES"},
		{"BadLockout", "dev", map[string]string{"REDLINE_LOGIN_LOCKOUT": "5ms"}, "REDLINE_LOGIN_LOCKOUT"},
		{"BadProxy", "dev", map[string]string{"REDLINE_TRUSTED_PROXIES": "proxy.internal"}, "REDLINE_TRUSTED_PROXIES"},
		{"WildcardOrigin", "dev", map[string]string{"REDLINE_CORS_ORIGINS": "*"}, "REDLINE_CORS_ORIGINS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"REDLINE_ENCRYPTION_KEYS", "REDLINE_HASH_KEY", "REDLINE_RATE_LIMIT_USER", "REDLINE_RATE_LIMIT_ADDR",
				"REDLINE_LOGIN_MAX_FAILURES", "REDLINE_LOGIN_MAX_ADDR_FAILURES", "REDLINE_LOGIN_WINDOW", "REDLINE_LOGIN_LOCKOUT",
				"REDLINE_TRUSTED_PROXIES", "REDLINE_CORS_ORIGINS"} {
				t.Setenv(k, tc.vars[k])
			}
			c, err := securityConfigFromEnv(tc.env, []byte(DevSecret))
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), hash) {
					t.Fatalf("err = %v, want one naming %s (and no key)", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Keys == nil || c.Limits.PerUser.N != 300 || c.Limits.LoginLockout != 15*time.Minute || len(c.CORSOrigins) != 0 {
				t.Errorf("config = %+v", c)
			}
		})
	}
}
