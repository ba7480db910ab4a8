package pbx

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/probe/sip"
)

func statuses(fs []netdevsec.Finding) map[string]netdevsec.Status {
	m := map[string]netdevsec.Status{}
	for _, f := range fs {
		m[f.RuleID] = f.Status
	}
	return m
}

func TestCheckProbe(t *testing.T) {
	ok := sip.Exchange{Method: "OPTIONS", Status: 200}
	tests := []struct {
		name string
		res  sip.Result
		want map[string]netdevsec.Status
	}{
		{"open registrar", sip.Result{Options: ok, Banner: "Asterisk PBX 18.9.0",
			RegisterUnknown: sip.Exchange{User: "123", Status: 200},
			RegisterKnown:   &sip.Exchange{User: "1001", Status: 200},
			InviteExternal:  &sip.Exchange{User: "+44", ProvisionalStatus: 180, Status: 480}},
			map[string]netdevsec.Status{"pbx.sip.register-unauthenticated": netdevsec.StatusFail, "pbx.sip.invite-unauthenticated": netdevsec.StatusFail,
				"pbx.sip.enumeration": netdevsec.StatusPass, "pbx.sip.banner": netdevsec.StatusFail}},
		{"authenticating", sip.Result{Options: ok, Banner: "pbx",
			RegisterUnknown: sip.Exchange{User: "123", Status: 401, Challenged: true},
			RegisterKnown:   &sip.Exchange{User: "1001", Status: 401, Challenged: true},
			InviteExternal:  &sip.Exchange{User: "+44", Status: 407, Challenged: true}},
			map[string]netdevsec.Status{"pbx.sip.register-unauthenticated": netdevsec.StatusPass, "pbx.sip.invite-unauthenticated": netdevsec.StatusPass,
				"pbx.sip.enumeration": netdevsec.StatusPass, "pbx.sip.banner": netdevsec.StatusPass}},
		{"enumerable", sip.Result{Options: ok,
			RegisterUnknown: sip.Exchange{User: "123", Status: 404},
			RegisterKnown:   &sip.Exchange{User: "1001", Status: 401, Challenged: true},
			InviteExternal:  &sip.Exchange{User: "+44", Status: 404}},
			map[string]netdevsec.Status{"pbx.sip.register-unauthenticated": netdevsec.StatusPass, "pbx.sip.invite-unauthenticated": netdevsec.StatusPass,
				"pbx.sip.enumeration": netdevsec.StatusFail}},
		{"silent", sip.Result{RegisterUnknown: sip.Exchange{Err: "timeout"}},
			map[string]netdevsec.Status{"pbx.sip.register-unauthenticated": netdevsec.StatusUnknown, "pbx.sip.invite-unauthenticated": netdevsec.StatusUnknown,
				"pbx.sip.enumeration": netdevsec.StatusUnknown, "pbx.sip.banner": netdevsec.StatusUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := statuses(CheckProbe("pbx1", &tt.res))
			for id, st := range tt.want {
				assert.Equal(t, st, got[id], id)
			}
		})
	}
}

// TestProbeVerdictsKamailio runs the live probe against kamailio as an
// open registrar and as a digest-authenticating one: the verdicts must
// differ.
func TestProbeVerdictsKamailio(t *testing.T) {
	const auth = `#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=1
auto_aliases=no
listen=udp:{{.Host}}:{{.Port}}
listen=tcp:{{.Host}}:{{.Port}}
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "auth.so"
request_route {
	if (is_method("OPTIONS")) { sl_send_reply("200", "OK"); exit; }
	if (is_method("ACK|CANCEL")) { exit; }
	if (is_method("REGISTER")) {
		if (!pv_www_authenticate("$td", "Vq7pLz3nWk9sTe2r", "0")) { www_challenge("$td", "0"); exit; }
		save("location"); exit;
	}
	if (!pv_proxy_authenticate("$fd", "Vq7pLz3nWk9sTe2r", "0")) { proxy_challenge("$fd", "0"); exit; }
	sl_send_reply("403", "Forbidden");
	exit;
}
`
	for _, transport := range []string{"udp", "tcp"} {
		for _, tc := range []struct {
			name, cfg string
			want      netdevsec.Status
		}{{"open", "", netdevsec.StatusFail}, {"auth", auth, netdevsec.StatusPass}} {
			t.Run(tc.name+"/"+transport, func(t *testing.T) {
				srv := peertest.StartKamailio(t, peertest.KamailioOptions{Config: tc.cfg})
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				res, err := sip.New(&sip.Options{Transport: transport, Interval: 10 * time.Millisecond, Timeout: 2 * time.Second, KnownUser: "1001", NoInvite: tc.cfg == ""}).Probe(ctx, srv.Addr)
				require.NoError(t, err)
				got := statuses(CheckProbe("pbx1", res))
				assert.Equal(t, tc.want, got["pbx.sip.register-unauthenticated"])
				if tc.cfg != "" {
					assert.Equal(t, netdevsec.StatusPass, got["pbx.sip.invite-unauthenticated"])
					assert.Equal(t, netdevsec.StatusPass, got["pbx.sip.enumeration"])
				}
			})
		}
	}
}
