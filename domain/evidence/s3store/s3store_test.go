package s3store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain/evidence/s3store"
)

// No MinIO runs in this environment: these tests cover what needs no server. The store itself is
// exercised against MinIO in the docker compose stack.

func valid() s3store.Config {
	return s3store.Config{Endpoint: "127.0.0.1:9000", AccessKey: "redline", SecretKey: "redline-secret", Bucket: "redline-evidence"}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *s3store.Config)
		want   string // part of the error, "" for none
	}{
		{"OK", func(*s3store.Config) {}, ""},
		{"OKWithSSLAndHostName", func(c *s3store.Config) { c.Endpoint, c.UseSSL = "s3.example.cn", true }, ""},
		{"ErrEndpointRequired", func(c *s3store.Config) { c.Endpoint = "" }, "S3_ENDPOINT is empty"},
		{"ErrEndpointWithScheme", func(c *s3store.Config) { c.Endpoint = "http://127.0.0.1:9000" }, "without a scheme"},
		{"ErrEndpointWithPath", func(c *s3store.Config) { c.Endpoint = "127.0.0.1:9000/bucket" }, "without a scheme or path"},
		{"ErrAccessKeyRequired", func(c *s3store.Config) { c.AccessKey = "" }, "S3_ACCESS_KEY"},
		{"ErrSecretKeyRequired", func(c *s3store.Config) { c.SecretKey = "" }, "S3_SECRET_KEY"},
		{"ErrBucketRequired", func(c *s3store.Config) { c.Bucket = "" }, "S3_BUCKET"},
		{"ErrBucketUppercase", func(c *s3store.Config) { c.Bucket = "Evidence" }, "S3_BUCKET"},
		{"ErrBucketTooShort", func(c *s3store.Config) { c.Bucket = "ev" }, "S3_BUCKET"},
		{"ErrBucketDoubleDot", func(c *s3store.Config) { c.Bucket = "red..line" }, "S3_BUCKET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.change(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}

func TestConfigValidateReportsEveryProblem(t *testing.T) {
	err := s3store.Config{}.Validate()
	for _, v := range []string{"S3_ENDPOINT", "S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET"} {
		if err == nil || !strings.Contains(err.Error(), v) {
			t.Errorf("Validate() of an empty config = %v, want it to name %s", err, v)
		}
	}
}

func TestObjectName(t *testing.T) {
	for _, key := range []string{"evidence/2026/05/6f1c8a2e-0b7d-4d8e-9b1a-2f5e8c9d0a1b", "k"} {
		if got, err := s3store.ObjectName(key); err != nil || got != key {
			t.Errorf("ObjectName(%q) = %q, %v; want the key itself", key, got, err)
		}
	}
	for _, key := range []string{"", "/evidence/x", "../x", "evidence/../x", "evidence//x", "Evidence/x", "evidence/x?y", strings.Repeat("a", 201)} {
		if _, err := s3store.ObjectName(key); err == nil {
			t.Errorf("ObjectName(%q) accepted", key)
		}
	}
}

func TestOpenRefusesAnInvalidConfigWithoutConnecting(t *testing.T) {
	_, err := s3store.Open(context.Background(), s3store.Config{Endpoint: "127.0.0.1:9000"})
	if err == nil || !strings.Contains(err.Error(), "S3_BUCKET") {
		t.Errorf("Open = %v, want the config error", err)
	}
}

func TestOpenReportsAnUnreachableServer(t *testing.T) {
	c := valid()
	c.Endpoint = "127.0.0.1:1" // nothing listens on port 1
	_, err := s3store.Open(context.Background(), c)
	if err == nil || !strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("Open = %v, want a cannot-reach error", err)
	}
}
