package workers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/workers"
)

// TestWebhookTransportRefusesSpecialAddressesAtDial: the production transport checks the address
// it is about to connect to (after DNS), so a host name re-pointed at a translator, a tunnel or a
// reserved block after the URL was accepted is refused too.
func TestWebhookTransportRefusesSpecialAddressesAtDial(t *testing.T) {
	tr := workers.NewHTTPTransport(true)
	for _, url := range []string{"http://[64:ff9b::7f00:1]:9/", "http://[64:ff9b:1::a00:1]:9/", "http://[2002:7f00:1::1]:9/",
		"http://[2001:0:4136:e378::1]:9/", "http://198.18.0.1:9/", "http://240.0.0.1:9/", "http://127.0.0.1:9/", "http://[::ffff:169.254.169.254]:9/"} {
		_, err := tr.Post(context.Background(), url, nil, nil)
		if err == nil || !strings.Contains(err.Error(), "non-public address") {
			t.Errorf("POST %s: %v, want a refusal at connection time", url, err)
		}
	}
}

// TestWebhookTransportRefusesOtherPortsAtDial: the production transport connects to public
// addresses on the allowed ports only (443 unless REDLINE_WEBHOOK_PORTS says more), whatever URL
// reaches it; before session 11 it would post to any port of any public host (found by hand).
func TestWebhookTransportRefusesOtherPortsAtDial(t *testing.T) {
	for _, tc := range []struct {
		ports []int
		url   string
	}{
		{nil, "https://93.184.216.34:8443/"},
		{nil, "http://93.184.216.34:25/"},
		{[]int{443, 8443}, "https://93.184.216.34:9000/"},
		{[]int{8443}, "https://93.184.216.34/"},
	} {
		_, err := workers.NewHTTPTransport(true, tc.ports...).Post(context.Background(), tc.url, nil, nil)
		if err == nil || !strings.Contains(err.Error(), "refusing to connect to port") {
			t.Errorf("ports %v, POST %s: %v, want a refusal at connection time", tc.ports, tc.url, err)
		}
	}
}

// TestWebhookTransportErrorsHoldNoPathOrQuery: a webhook URL's path and query often hold the
// receiver's secret; net/http's errors repeated the whole URL, which reached the task log and the
// delivery record (found by hand). The error names the scheme and host, and still says why.
func TestWebhookTransportErrorsHoldNoPathOrQuery(t *testing.T) {
	for _, production := range []bool{false, true} {
		tr := workers.NewHTTPTransport(production)
		_, err := tr.Post(context.Background(), "http://127.0.0.1:9/hooks/T01/B02/s3cr3t-path?token=s3cr3t-query", nil, nil)
		if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "http://127.0.0.1:9") {
			t.Errorf("production %v: %v, want an error naming the host without the path or query", production, err)
		}
	}
	if _, err := workers.NewHTTPTransport(false).Post(context.Background(), "http://bad host/s3cr3t", nil, nil); err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("a URL that does not parse: %v", err)
	}
}
