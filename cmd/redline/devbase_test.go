package main

import "testing"

func TestDevBase(t *testing.T) {
	for addr, want := range map[string]string{
		":8080":           "http://localhost:8080",
		"0.0.0.0:8080":    "http://localhost:8080",
		"127.0.0.1:18777": "http://127.0.0.1:18777",
		"[::]:9000":       "http://localhost:9000",
	} {
		if got := devBase(addr); got != want {
			t.Errorf("devBase(%q) = %q, want %q", addr, got, want)
		}
	}
}
