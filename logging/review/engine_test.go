package review_test

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

func hits(t *testing.T, o *review.Options, log string) map[string][]int {
	t.Helper()
	if o.Reference.IsZero() {
		o.Reference = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	}
	out := map[string][]int{}
	require.NoError(t, review.New(o).Review(t.Context(), strings.NewReader(log), "x.log", func(f netdevsec.Finding) {
		out[f.RuleID] = append(out[f.RuleID], f.Location.Line)
	}))
	return out
}

func failures(times ...string) string {
	var b strings.Builder
	for _, tm := range times {
		fmt.Fprintf(&b, "<86>Nov 20 %s gw dropbear[1]: Bad password attempt for 'root' from 198.51.100.7:5000\n", tm)
	}
	return b.String()
}

func TestBurstWindow(t *testing.T) {
	tests := []struct {
		name  string
		times []string
		want  []int
	}{
		{"five within five minutes", []string{"10:00:00", "10:01:00", "10:02:00", "10:03:00", "10:04:00"}, []int{5}},
		{"spread over ten minutes", []string{"10:00:00", "10:02:30", "10:05:00", "10:07:30", "10:10:00"}, nil},
		{"second burst after the window is reported again", []string{"10:00:00", "10:00:01", "10:00:02", "10:00:03", "10:00:04", "10:00:05", "10:20:00", "10:20:01", "10:20:02", "10:20:03", "10:20:04"}, []int{5, 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, hits(t, &review.Options{}, failures(tt.times...))["logging.review.login-burst"])
		})
	}
}

func TestWindows(t *testing.T) {
	night := []review.Window{{Days: []time.Weekday{time.Friday}, From: 22 * time.Hour, To: 2 * time.Hour}}
	change := func(tm string) string {
		return "<189>1: rtr1: Nov " + tm + " JST: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.100)\n"
	}
	tests := []struct {
		name string
		line string
		want bool
	}{
		{"friday 23:00 inside", change("20 23:00:00"), false},
		{"saturday 01:00 inside (window started friday)", change("21 01:00:00"), false},
		{"saturday 23:00 outside", change("21 23:00:00"), true},
		{"friday 21:59 outside", change("20 21:59:00"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hits(t, &review.Options{ChangeWindows: night}, tt.line)
			assert.Equal(t, tt.want, len(h["logging.review.config-change"]) > 0)
		})
	}
}

func TestDefaults(t *testing.T) {
	t.Run("public admin source flagged, private not", func(t *testing.T) {
		log := "Nov 20 10:00:05 gw sshd[9]: Accepted publickey for ops from 192.168.1.5 port 1 ssh2\n" +
			"Nov 20 10:00:06 gw sshd[9]: Accepted publickey for ops from 198.51.100.5 port 1 ssh2\n"
		assert.Equal(t, []int{2}, hits(t, &review.Options{}, log)["logging.review.unknown-source"])
	})
	t.Run("every new MAC once without an inventory", func(t *testing.T) {
		log := "Fri Nov 20 10:04:00 2026 daemon.info dnsmasq-dhcp[1]: DHCPACK(br-lan) 192.168.1.150 00:11:22:33:44:55 a\n" +
			"Fri Nov 20 10:05:00 2026 daemon.info dnsmasq-dhcp[1]: DHCPACK(br-lan) 192.168.1.150 00:11:22:33:44:55 a\n" +
			"Fri Nov 20 10:06:00 2026 daemon.info hostapd: wlan0: AP-STA-CONNECTED 00-11-22-33-44-66\n"
		assert.Equal(t, []int{1, 3}, hits(t, &review.Options{}, log)["logging.review.unknown-device"])
	})
	t.Run("internal destinations never unmanaged", func(t *testing.T) {
		log := "2026/11/20 10:02:00: [INSPECT] PP[01][out][101] TCP 192.168.100.2:49152 > 10.1.2.3:443 (x)\n" +
			"2026/11/20 10:02:01: [INSPECT] PP[01][out][101] TCP 192.168.100.2:49152 > 203.0.113.9:443 (x)\n" +
			"2026/11/20 10:02:02: [INSPECT] PP[01][out][101] TCP 192.168.100.2:49152 > 203.0.113.10:443 (x)\n"
		o := &review.Options{AllowedDestinations: []netip.Prefix{netip.MustParsePrefix("203.0.113.10/32")}}
		assert.Equal(t, []int{2}, hits(t, o, log)["logging.review.unmanaged-connection"])
	})
	t.Run("state bounded by MaxTracked", func(t *testing.T) {
		var b strings.Builder
		for i := range 500 {
			fmt.Fprintf(&b, "Fri Nov 20 10:04:00 2026 daemon.info dnsmasq-dhcp[1]: DHCPACK(br-lan) 192.168.1.1 02:00:00:00:%02x:%02x a\n", i/256, i%256)
		}
		h := hits(t, &review.Options{MaxTracked: 10, MaxFindingsPerRule: 1000}, b.String())
		assert.Len(t, h["logging.review.unknown-device"], 500, "each distinct MAC reported")
	})
}
