package sip

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/internal/peertest"
)

// kamailioAuth is a registrar that challenges REGISTER and INVITE with
// digest authentication (auth module, pv_www_authenticate with a password
// in the config, no database) and answers unknown and known users alike.
const kamailioAuth = `#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=1
auto_aliases=no
server_header="Server: kamailio-auth-test"
listen=udp:{{.Host}}:{{.Port}}
listen=tcp:{{.Host}}:{{.Port}}

loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "auth.so"

request_route {
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}
	if (is_method("OPTIONS")) {
		sl_send_reply("200", "OK");
		exit;
	}
	if (is_method("ACK|CANCEL")) {
		exit;
	}
	if (is_method("REGISTER")) {
		if (!pv_www_authenticate("$td", "Vq7pLz3nWk9sTe2r", "0")) {
			www_challenge("$td", "0");
			exit;
		}
		save("location");
		exit;
	}
	if (is_method("INVITE")) {
		if (!pv_proxy_authenticate("$fd", "Vq7pLz3nWk9sTe2r", "0")) {
			proxy_challenge("$fd", "0");
			exit;
		}
		sl_send_reply("403", "Forbidden");
		exit;
	}
	sl_send_reply("404", "Not Found");
	exit;
}
`

// kamailioOpen is an open registrar and proxy: every REGISTER is saved
// and an INVITE to any number rings (180) before it fails (480).
const kamailioOpen = `#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=1
auto_aliases=no
server_header="Server: kamailio-open-test"
listen=udp:{{.Host}}:{{.Port}}
listen=tcp:{{.Host}}:{{.Port}}

loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"

request_route {
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}
	if (is_method("OPTIONS")) {
		append_to_reply("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER\r\n");
		sl_send_reply("200", "OK");
		exit;
	}
	if (is_method("REGISTER")) {
		save("location");
		exit;
	}
	if (is_method("INVITE")) {
		t_newtran();
		t_reply("180", "Ringing");
		t_reply("480", "Temporarily Unavailable");
		exit;
	}
	if (is_method("ACK")) {
		exit;
	}
	if (is_method("CANCEL")) {
		t_relay_cancel();
		exit;
	}
	sl_send_reply("200", "OK");
	exit;
}
`

// kamailioEnum challenges known user 1001 but answers 404 for others:
// the user can be told from the answer.
const kamailioEnum = `#!KAMAILIO
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
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "auth.so"

request_route {
	if (is_method("OPTIONS")) {
		sl_send_reply("200", "OK");
		exit;
	}
	if (is_method("ACK|CANCEL")) {
		exit;
	}
	if ($tU != "1001" && is_method("REGISTER")) {
		sl_send_reply("404", "Not Found");
		exit;
	}
	if (!pv_www_authenticate("$td", "Vq7pLz3nWk9sTe2r", "0")) {
		www_challenge("$td", "0");
		exit;
	}
	sl_send_reply("403", "Forbidden");
	exit;
}
`

func probe(t *testing.T, cfg, transport string, opts Options) *Result {
	t.Helper()
	srv := peertest.StartKamailio(t, peertest.KamailioOptions{Config: cfg})
	opts.Transport = transport
	opts.Interval = 10 * time.Millisecond
	if opts.Timeout == 0 {
		opts.Timeout = 2 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := New(&opts).Probe(ctx, srv.Addr)
	require.NoError(t, err)
	return res
}

func TestProbeKamailio(t *testing.T) {
	for _, transport := range []string{"udp", "tcp"} {
		t.Run("open/"+transport, func(t *testing.T) {
			res := probe(t, kamailioOpen, transport, Options{KnownUser: "1001"})
			assert.Equal(t, 200, res.Options.Status)
			assert.Equal(t, "kamailio-open-test", res.Banner)
			assert.Contains(t, res.Allow, "REGISTER")
			assert.Equal(t, 200, res.RegisterUnknown.Status, res.RegisterUnknown.Err)
			assert.False(t, res.RegisterUnknown.Challenged)
			require.NotNil(t, res.InviteExternal)
			assert.Equal(t, 180, res.InviteExternal.ProvisionalStatus)
			assert.Equal(t, 480, res.InviteExternal.Status)
		})
		t.Run("auth/"+transport, func(t *testing.T) {
			res := probe(t, kamailioAuth, transport, Options{KnownUser: "1001"})
			assert.Equal(t, "kamailio-auth-test", res.Banner)
			assert.Equal(t, 401, res.RegisterUnknown.Status, res.RegisterUnknown.Err)
			assert.True(t, res.RegisterUnknown.Challenged)
			require.NotNil(t, res.RegisterKnown)
			assert.Equal(t, 401, res.RegisterKnown.Status)
			require.NotNil(t, res.InviteExternal)
			assert.Equal(t, 407, res.InviteExternal.Status)
			assert.True(t, res.InviteExternal.Challenged)
			assert.Zero(t, res.InviteExternal.ProvisionalStatus)
		})
	}
	t.Run("enumeration/udp", func(t *testing.T) {
		res := probe(t, kamailioEnum, "udp", Options{KnownUser: "1001", NoInvite: true})
		assert.Equal(t, 404, res.RegisterUnknown.Status)
		require.NotNil(t, res.RegisterKnown)
		assert.Equal(t, 401, res.RegisterKnown.Status)
		assert.Nil(t, res.InviteExternal)
	})
}

func TestProbeSilentPeer(t *testing.T) {
	// nothing answers on this UDP port: the probe times out, quickly
	srv := peertest.FreePort(t)
	ctx := context.Background()
	start := time.Now()
	res, err := New(&Options{Timeout: 700 * time.Millisecond, Interval: time.Millisecond, NoInvite: true}).Probe(ctx, "127.0.0.1:"+itoa(srv))
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Zero(t, res.Options.Status)
	assert.NotEmpty(t, res.Options.Err)
}

func itoa(n int) string { return strconv.Itoa(n) }
