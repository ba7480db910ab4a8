package ntpcheck

import (
	"errors"
	"net"
	"testing"
	"time"

	"github.com/beevik/ntp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
)

func good(off time.Duration) Source {
	return Source{Server: "s", Reachable: true, Offset: off, Stratum: 2, RootDistance: 10 * time.Millisecond}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name string
		srcs []Source
		want Verdict
	}{
		{"two agreeing", []Source{good(time.Millisecond), good(3 * time.Millisecond)}, OK},
		{"offset warns", []Source{good(300 * time.Millisecond), good(310 * time.Millisecond)}, Warn},
		{"offset fails", []Source{good(2 * time.Second), good(2 * time.Second)}, Fail},
		{"negative offset fails", []Source{good(-2 * time.Second), good(-2 * time.Second)}, Fail},
		{"one source only", []Source{good(0)}, Fail},
		{"disagree", []Source{good(0), good(200 * time.Millisecond)}, Fail},
		{"kiss of death", []Source{good(0), {Server: "k", Reachable: true, Stratum: 0, KissCode: "RATE"}}, Fail},
		{"stratum 16", []Source{good(0), {Server: "u", Reachable: true, Stratum: 16}}, Fail},
		{"leap 3", []Source{good(0), {Server: "l", Reachable: true, Stratum: 3, Leap: ntp.LeapNotInSync}}, Fail},
		{"root distance", []Source{good(0), {Server: "r", Reachable: true, Stratum: 3, RootDistance: 2 * time.Second}}, Fail},
		{"unreachable", []Source{good(0), good(0), {Server: "x", Err: errors.New("timeout")}}, Fail},
		{"nothing", nil, Fail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Judge(tt.srcs, nil)
			assert.Equal(t, tt.want, r.Verdict, "%v %v", r.Problems, r.Sources)
			f := r.Findings("d")
			require.Len(t, f, 1)
			require.NoError(t, RuleLive().Validate())
			if tt.want == OK {
				assert.Equal(t, netdevsec.StatusPass, f[0].Status)
			} else {
				assert.Equal(t, netdevsec.StatusFail, f[0].Status)
			}
		})
	}
}

func TestCheckFakeKissOfDeath(t *testing.T) {
	fake := func(addr string, _ ntp.QueryOptions) (*ntp.Response, error) {
		return &ntp.Response{Stratum: 0, KissCode: "DENY"}, nil
	}
	r := check(t.Context(), []string{"127.0.0.1:1", "127.0.0.1:2"}, nil, fake)
	assert.Equal(t, Fail, r.Verdict)
	assert.Contains(t, r.Sources[0].Problems[0], "DENY")
}

// TestCheckChrony queries two real chronyd servers on loopback.
func TestCheckChrony(t *testing.T) {
	a := peertest.StartChrony(t, peertest.ChronyOptions{})
	b := peertest.StartChrony(t, peertest.ChronyOptions{})
	r := Check(t.Context(), []string{a.Addr, b.Addr}, &Options{Timeout: 3 * time.Second})
	require.Len(t, r.Sources, 2)
	for _, s := range r.Sources {
		assert.True(t, s.Reachable, "%v", s.Err)
		assert.Equal(t, uint8(8), s.Stratum)
	}
	assert.Equal(t, OK, r.Verdict, "%v %+v", r.Problems, r.Sources)
	assert.Equal(t, netdevsec.StatusPass, r.Findings("d")[0].Status)

	// A third, silent server: nothing listens on this UDP port.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	silent := pc.LocalAddr().String()
	require.NoError(t, pc.Close())
	r = Check(t.Context(), []string{a.Addr, silent}, &Options{Timeout: time.Second})
	assert.Equal(t, Fail, r.Verdict)
	assert.False(t, r.Sources[1].Reachable)

	// A tight offset bound against a real server still passes only when
	// the server is really close: chronyd shares our clock.
	r = Check(t.Context(), []string{a.Addr, b.Addr}, &Options{PassOffset: 50 * time.Millisecond})
	assert.Equal(t, OK, r.Verdict)
}
