package password

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
)

const (
	liveUser     = "ndspw"
	liveDefault  = "ndspw-Factory-Default-1" // the "factory default" the test account keeps
	liveChanged  = "ndspw-changed-Xq7!vR2#"  // a changed password
	liveInterval = 20 * time.Millisecond
)

func sshCred(pw string) LiveCredential {
	return LiveCredential{Protocol: "ssh", User: liveUser, Password: netdevsec.NewSecret(pw)}
}

func TestLiveSSH(t *testing.T) {
	peertest.EnsureUser(t, liveUser, liveDefault)
	servers := map[string]func(t *testing.T) *peertest.SSHServer{
		"openssh":  func(t *testing.T) *peertest.SSHServer { return peertest.StartSSHD(t, peertest.SSHDOptions{}) },
		"dropbear": func(t *testing.T) *peertest.SSHServer { return peertest.StartDropbear(t, peertest.DropbearOptions{}) },
	}
	for name, start := range servers {
		t.Run(name, func(t *testing.T) {
			srv := start(t)
			tests := []struct {
				name         string
				approved     []LiveCredential
				wantStatus   netdevsec.Status
				wantAccepted int
			}{
				{"default still set", []LiveCredential{sshCred("admin"), sshCred(liveDefault)}, netdevsec.StatusFail, 1},
				{"default changed", []LiveCredential{sshCred("admin"), sshCred(liveChanged)}, netdevsec.StatusPass, 0},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					r, err := LiveCheck(context.Background(), LiveTarget{Device: "d", Address: srv.Addr},
						&LiveOptions{Approved: tt.approved, KnownHostsFiles: []string{srv.KnownHosts}, Interval: liveInterval, Timeout: 5 * time.Second})
					require.NoError(t, err)
					assert.Empty(t, r.Problems)
					assert.Len(t, r.Accepted(), tt.wantAccepted)
					fs := LiveFindings("d", r)
					require.Len(t, fs, 1)
					assert.Equal(t, tt.wantStatus, fs[0].Status)
					out := fmt.Sprintf("%+v %+v", r, fs)
					assert.NotContains(t, out, liveDefault)
					assert.NotContains(t, out, liveChanged)
				})
			}
		})
	}
}

func TestLiveSSHNeedsHostKey(t *testing.T) {
	peertest.EnsureUser(t, liveUser, liveDefault)
	srv := peertest.StartSSHD(t, peertest.SSHDOptions{})
	// No known_hosts: nothing is sent.
	r, err := LiveCheck(context.Background(), LiveTarget{Device: "d", Address: srv.Addr}, &LiveOptions{Approved: []LiveCredential{sshCred(liveDefault)}, Interval: liveInterval})
	require.NoError(t, err)
	assert.Empty(t, r.Attempts)
	assert.Equal(t, netdevsec.StatusUnknown, LiveFindings("d", r)[0].Status)

	// A pinned fingerprint of another server: host key mismatch, no try.
	other := peertest.StartDropbear(t, peertest.DropbearOptions{})
	r, err = LiveCheck(context.Background(), LiveTarget{Device: "d", Address: srv.Addr},
		&LiveOptions{Approved: []LiveCredential{sshCred(liveDefault)}, Fingerprints: other.Fingerprints(), Interval: liveInterval, Timeout: 5 * time.Second})
	require.NoError(t, err)
	assert.Empty(t, r.Accepted())
	assert.NotEmpty(t, r.Problems)
}

func TestLiveAttemptCap(t *testing.T) {
	peertest.EnsureUser(t, liveUser, liveDefault)
	// 20 quick failed logins in a row: sshd's random early drop of new
	// connections (MaxStartups) must not cut the run short on a loaded
	// machine, or the test would measure sshd rather than the cap.
	srv := peertest.StartSSHD(t, peertest.SSHDOptions{Config: []string{"MaxStartups 200:30:400"}})
	var approved []LiveCredential
	for i := range 30 {
		approved = append(approved, sshCred(fmt.Sprintf("wrong-%d", i)))
	}
	r, err := LiveCheck(context.Background(), LiveTarget{Device: "d", Address: srv.Addr},
		&LiveOptions{Approved: approved, MaxAttempts: 1000, KnownHostsFiles: []string{srv.KnownHosts}, Interval: time.Millisecond, Timeout: 5 * time.Second})
	require.NoError(t, err)
	require.Empty(t, r.Problems, "every attempt reached the server")
	assert.Len(t, r.Attempts, HardMaxLiveAttempts, "hard cap whatever the options say")
	assert.Equal(t, 30-HardMaxLiveAttempts, r.Skipped)

	start := time.Now()
	r, err = LiveCheck(context.Background(), LiveTarget{Device: "d", Address: srv.Addr},
		&LiveOptions{Approved: approved[:3], KnownHostsFiles: []string{srv.KnownHosts}, Interval: 300 * time.Millisecond, Timeout: 5 * time.Second})
	require.NoError(t, err)
	assert.Len(t, r.Attempts, 3)
	assert.GreaterOrEqual(t, time.Since(start), 600*time.Millisecond, "rate-limited: two pauses between three tries")
}

func TestLiveSNMP(t *testing.T) {
	comm := func(s string) LiveCredential {
		return LiveCredential{Protocol: "snmp", Password: netdevsec.NewSecret(s)}
	}
	tests := []struct {
		name       string
		agent      peertest.SNMPDOptions
		wantStatus netdevsec.Status
	}{
		{"default community", peertest.SNMPDOptions{ROCommunities: []string{"public"}}, netdevsec.StatusFail},
		{"changed community", peertest.SNMPDOptions{ROCommunities: []string{"Rq9-comm-Zt4"}}, netdevsec.StatusUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agent := peertest.StartSNMPD(t, tt.agent)
			r, err := LiveCheck(context.Background(), LiveTarget{Device: "d", Address: "127.0.0.1"},
				&LiveOptions{Approved: []LiveCredential{comm("public"), comm("private")}, SNMPPort: agent.Port, Timeout: time.Second})
			require.NoError(t, err)
			assert.Len(t, r.Attempts, 2)
			fs := LiveFindings("d", r)
			require.Len(t, fs, 1)
			// A silent UDP agent cannot prove refusal: unknown, not pass.
			assert.Equal(t, tt.wantStatus, fs[0].Status)
			assert.NotContains(t, fmt.Sprintf("%+v", fs), "Rq9-comm-Zt4")
		})
	}
}

func TestLiveOff(t *testing.T) {
	_, err := LiveCheck(context.Background(), LiveTarget{Device: "d", Address: "127.0.0.1"}, nil)
	assert.ErrorIs(t, err, ErrNoLiveOptions)
}

// TestLiveSSHKeyboardInteractive runs against an OpenSSH server that
// offers only keyboard-interactive (through PAM), as many network
// devices do.
func TestLiveSSHKeyboardInteractive(t *testing.T) {
	peertest.EnsureUser(t, liveUser, liveDefault)
	srv := peertest.StartSSHD(t, peertest.SSHDOptions{Config: []string{"UsePAM yes", "PasswordAuthentication no", "KbdInteractiveAuthentication yes"}})
	for _, tt := range []struct {
		pw       string
		accepted int
	}{{liveDefault, 1}, {liveChanged, 0}} {
		r, err := LiveCheck(context.Background(), LiveTarget{Device: "d", Address: srv.Addr},
			&LiveOptions{Approved: []LiveCredential{sshCred(tt.pw)}, KnownHostsFiles: []string{srv.KnownHosts}, Interval: liveInterval, Timeout: 5 * time.Second})
		require.NoError(t, err)
		assert.Empty(t, r.Problems)
		assert.Len(t, r.Accepted(), tt.accepted)
	}
}

func TestLiveListFromDatabase(t *testing.T) {
	o := LiveOptions{UseDatabase: true, Approved: []LiveCredential{sshCred("x")}}
	list := o.list(Defaults(), LiveTarget{Vendor: "Ubiquiti", Model: "EdgeRouter X"})
	var got []string
	for _, c := range list {
		got = append(got, c.Protocol+":"+c.User)
	}
	assert.Equal(t, []string{"ssh:" + liveUser, "ssh:ubnt", "snmp:"}, got)
	assert.Len(t, (&LiveOptions{}).list(Defaults(), LiveTarget{Vendor: "Ubiquiti"}), 0, "the database is used only when asked")
}
