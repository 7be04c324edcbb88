package domain_test

import (
	"net/netip"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// ianaSpecialPurpose is every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries
// (iana-ipv4-special-registry, iana-ipv6-special-registry), plus multicast and, for IPv6, the space
// IANA has not allocated as global unicast (outside 2000::/3).
var ianaSpecialPurpose = []string{
	// IPv4 (RFC 6890 and updates)
	"0.0.0.0/8", "0.0.0.0/32", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
	"192.0.0.0/24", "192.0.0.0/29", "192.0.0.8/32", "192.0.0.9/32", "192.0.0.10/32", "192.0.0.170/32", "192.0.0.171/32",
	"192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
	"198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32",
	"224.0.0.0/4", // multicast
	// IPv6
	"::/128", "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64",
	"2001::/23", "2001::/32", "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:2::/48", "2001:3::/32",
	"2001:4:112::/48", "2001:10::/28", "2001:20::/28", "2001:30::/28", "2001:db8::/32", "2002::/16",
	"2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "ff00::/8",
	"::/96", // IPv4-compatible (deprecated)
}

// lastAddr is the highest address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// TestPublicAddressRefusesSpecialPurpose checks the first, second and last address of every
// special-purpose block, and that ordinary public addresses stay allowed.
func TestPublicAddressRefusesSpecialPurpose(t *testing.T) {
	for _, s := range ianaSpecialPurpose {
		p := netip.MustParsePrefix(s)
		for _, a := range []netip.Addr{p.Masked().Addr(), p.Masked().Addr().Next(), lastAddr(p)} {
			if !p.Contains(a) {
				continue
			}
			if domain.PublicAddress(a) {
				t.Errorf("%s (in %s) counted as public", a, s)
			}
		}
	}
	for _, s := range []string{"::ffff:10.0.0.1", "::ffff:198.18.0.1", "64:ff9b::808:808", "2002:808:808::1", "2001:0:4136:e378::1", "fe80::1%eth0"} {
		if domain.PublicAddress(netip.MustParseAddr(s)) {
			t.Errorf("%s counted as public", s)
		}
	}
	for _, s := range []string{"8.8.8.8", "1.1.1.1", "93.184.216.34", "198.20.0.1", "223.255.255.254", "::ffff:8.8.8.8",
		"2606:4700:4700::1111", "2400:cb00::1", "2a00:1450::1", "2001:200::1"} {
		if !domain.PublicAddress(netip.MustParseAddr(s)) {
			t.Errorf("%s refused, want public", s)
		}
	}
}
