package api

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestClientAddr(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote, xff string
		trusted           bool
		want              string
	}{
		{"Peer", "203.0.113.7:5000", "", false, "203.0.113.7"},
		{"ForwardedNotTrusted", "203.0.113.7:5000", "198.51.100.1", true, "203.0.113.7"},
		{"ForwardedNoProxiesConfigured", "10.1.1.1:5000", "198.51.100.1", false, "10.1.1.1"},
		{"TrustedProxy", "10.1.1.1:5000", "198.51.100.1", true, "198.51.100.1"},
		{"SpoofedLeftPartIgnored", "10.1.1.1:5000", "6.6.6.6, 198.51.100.1", true, "198.51.100.1"},
		{"ProxyChain", "10.1.1.1:5000", "198.51.100.1, 192.0.2.1, 10.2.2.2", true, "198.51.100.1"},
		{"MalformedHop", "10.1.1.1:5000", "198.51.100.1, junk", true, "10.1.1.1"},
		{"AllTrusted", "10.1.1.1:5000", "10.3.3.3", true, "10.3.3.3"},
		{"IPv6Slash64", "[2001:db8:1:2:3:4:5:6]:443", "", false, "2001:db8:1:2::/64"},
		{"IPv4Mapped", "[::ffff:203.0.113.7]:443", "", false, "203.0.113.7"},
		{"Unparsable", "pipe", "", false, "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Protection{}
			if tc.trusted {
				p.TrustedProxies = proxies
			}
			r := httptest.NewRequest("POST", "/graphql", nil)
			r.RemoteAddr = tc.remote
			if tc.xff != "" {
				r.Header.Set("X-Forwarded-For", tc.xff)
			}
			if got := ClientAddr(p.withClientAddr(r).Context()); got != tc.want {
				t.Errorf("client address = %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Error("a bad prefix was accepted")
	}
}

func TestParseOrigins(t *testing.T) {
	got, err := ParseOrigins(" https://Portal.example.cn/ ,http://localhost:5173,")
	if err != nil || len(got) != 2 || got[0] != "https://portal.example.cn" || got[1] != "http://localhost:5173" {
		t.Errorf("ParseOrigins = %v, %v", got, err)
	}
	for _, bad := range []string{"*", "portal.example.cn", "https://portal.example.cn/app", "ftp://x.cn", "https://u:p@x.cn"} {
		if _, err := ParseOrigins(bad); err == nil {
			t.Errorf("ParseOrigins(%q) accepted", bad)
		}
	}
}

func TestParseRate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Rate
		ok   bool
	}{
		{"300/1m", Rate{300, time.Minute}, true},
		{" 5/15m ", Rate{5, 15 * time.Minute}, true},
		{"off", Rate{}, true},
		{"0/1m", Rate{}, false},
		{"300", Rate{}, false},
		{"300/1ms", Rate{}, false},
		{"x/1m", Rate{}, false},
	} {
		got, err := ParseRate(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseRate(%q) = %v, %v", tc.in, got, err)
		}
		if tc.ok && tc.want.N > 0 && got.String() != tc.want.String() {
			t.Errorf("String round trip of %q = %q", tc.in, got.String())
		}
	}
}
