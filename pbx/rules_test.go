package pbx

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/netdevsec/netdevsec"
)

// TestRuleFixtures shows each terminal-authentication and housekeeping
// rule with a literal failing and passing fact set.
func TestRuleFixtures(t *testing.T) {
	yes, no := boolp(true), boolp(false)
	phone := func(e Endpoint) Endpoint {
		if e.Name == "" {
			e.Name = "1001"
		}
		e.User, e.Context = e.Name, "internal"
		e.Permit = []string{"192.168.10.0/24"}
		return e
	}
	secret := netdevsec.NewSecret("Xk39pq7vLm2rTw8e")
	tests := []struct {
		rule       string
		fail, pass Facts
	}{
		{"pbx.auth.required",
			Facts{Endpoints: []Endpoint{phone(Endpoint{})}},
			Facts{Endpoints: []Endpoint{phone(Endpoint{Secret: secret})}}},
		{"pbx.auth.trivial-secret",
			Facts{Endpoints: []Endpoint{phone(Endpoint{Secret: netdevsec.NewSecret("1001")})}},
			Facts{Endpoints: []Endpoint{phone(Endpoint{Secret: secret})}}},
		{"pbx.auth.insecure-invite",
			Facts{Endpoints: []Endpoint{phone(Endpoint{Secret: secret, InsecureInvite: true})}},
			Facts{Endpoints: []Endpoint{phone(Endpoint{Secret: secret}), {Name: "itsp", Trunk: true, InsecureInvite: true, IPAuth: true, Host: "203.0.113.5"}}}},
		{"pbx.auth.acl",
			Facts{Endpoints: []Endpoint{{Name: "1001", Secret: secret}}},
			Facts{Endpoints: []Endpoint{phone(Endpoint{Secret: secret})}}},
		{"pbx.auth.guest", Facts{Guest: Guest{Allowed: yes, Context: "public"}}, Facts{Guest: Guest{Allowed: no}}},
		{"pbx.auth.autocreatepeer", Facts{AutoCreatePeer: yes}, Facts{AutoCreatePeer: no}},
		{"pbx.auth.always-auth-reject", Facts{AlwaysAuthReject: no}, Facts{AlwaysAuthReject: yes}},
		{"pbx.exposure.firewall", Facts{Recorded: Recorded{Firewall: no}}, Facts{Recorded: Recorded{Firewall: yes}}},
		{"pbx.exposure.firewall", Facts{Recorded: Recorded{InternetExposed: yes}}, Facts{Recorded: Recorded{InternetExposed: yes, Firewall: yes}}},
		{"pbx.exposure.management",
			Facts{Services: []Service{{Kind: "event-socket", Bind: "::", Port: 8021}}},
			Facts{Services: []Service{{Kind: "event-socket", Bind: "127.0.0.1", Port: 8021}, {Kind: "ami", Bind: "0.0.0.0", Restricted: true}}}},
		{"pbx.carrier.international-blocking",
			Facts{Recorded: Recorded{InternationalNeeded: no, Trunks: []RecordedTrunk{{Name: "ntt"}}}},
			Facts{Recorded: Recorded{InternationalNeeded: no, Trunks: []RecordedTrunk{{Name: "ntt", InternationalBlocked: yes}}}}},
		{"pbx.cdr.enabled", Facts{Platform: PlatformAsterisk, CDR: CDRSettings{Enabled: no}}, Facts{Platform: PlatformAsterisk, CDR: CDRSettings{Enabled: yes, Backends: []string{"csv"}}}},
		{"pbx.cdr.enabled", Facts{Platform: PlatformAsterisk, CDR: CDRSettings{Enabled: yes}}, Facts{Platform: PlatformFreeSWITCH, CDR: CDRSettings{Enabled: yes, Backends: []string{"mod_cdr_csv"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got := func(f Facts) map[netdevsec.Status]int {
				m := map[netdevsec.Status]int{}
				for _, x := range Check("pbx1", f, testNow, nil) {
					if x.RuleID == tt.rule {
						m[x.Status]++
					}
				}
				return m
			}
			assert.Positive(t, got(tt.fail)[netdevsec.StatusFail], "failing fixture")
			p := got(tt.pass)
			assert.Zero(t, p[netdevsec.StatusFail], "passing fixture")
			assert.Positive(t, p[netdevsec.StatusPass], "passing fixture")
		})
	}
}

func TestConfigUnderstood(t *testing.T) {
	f := Facts{Problems: []Problem{{Location: netdevsec.Location{File: "sip.conf", Line: 3}, Message: "not understood"}}}
	var st []netdevsec.Status
	for _, x := range Check("pbx1", f, testNow, nil) {
		if x.RuleID == "pbx.config.understood" {
			st = append(st, x.Status)
			assert.Equal(t, "sip.conf:3", x.Location.String())
		}
	}
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusUnknown}, st, "unread lines make the verdict unknown, never a pass")
}
