package ssh_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

const (
	testUser     = "ndsprobe"
	testPassword = "Probe-test-pw-0815"
)

// weakSSHD is an OpenSSH configuration with legacy algorithms only.
var weakSSHD = peertest.SSHDOptions{
	HostKeyTypes: []string{"rsa"},
	Config: []string{
		"KexAlgorithms diffie-hellman-group1-sha1,diffie-hellman-group14-sha1",
		"HostKeyAlgorithms ssh-rsa",
		"Ciphers 3des-cbc,aes128-cbc",
		"MACs hmac-md5,hmac-sha1-96,hmac-sha1",
		"Compression yes",
	},
}

func prober(t testing.TB, opts probessh.Options) *probessh.Prober {
	t.Helper()
	p, err := probessh.New(opts)
	require.NoError(t, err)
	return p
}

func levels(rs []probessh.Rating) map[string]probessh.Level {
	m := map[string]probessh.Level{}
	for _, r := range rs {
		m[string(r.Category)+" "+r.Algorithm] = r.Level
	}
	return m
}

func TestAuditRealServers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		start func(t *testing.T) *peertest.SSHServer
		check func(t *testing.T, r *probessh.Result)
	}{
		{
			name:  "openssh default",
			start: func(t *testing.T) *peertest.SSHServer { return peertest.StartSSHD(t, peertest.SSHDOptions{}) },
			check: func(t *testing.T, r *probessh.Result) {
				assert.Equal(t, "OpenSSH", r.Identification.Product)
				assert.Equal(t, "2.0", r.Identification.Protocol)
				assert.True(t, r.StrictKex, "Debian's OpenSSH offers strict kex")
				assert.False(t, r.TerrapinExposed)
				assert.Contains(t, r.Algorithms.Kex, "curve25519-sha256")
				assert.Equal(t, probessh.LevelWeak, r.Worst(), "hmac-sha1 and umac-64 are weak, nothing is insecure")
				assert.Subset(t, r.AuthMethods, []string{"publickey", "password"})
				assert.False(t, r.NoneAuthAccepted)
			},
		},
		{
			name:  "openssh weak",
			start: func(t *testing.T) *peertest.SSHServer { return peertest.StartSSHD(t, weakSSHD) },
			check: func(t *testing.T, r *probessh.Result) {
				assert.Equal(t, []string{"diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", probessh.StrictKexServer}, r.Algorithms.Kex)
				assert.Equal(t, []string{"ssh-rsa"}, r.Algorithms.HostKey)
				assert.Equal(t, []string{"3des-cbc", "aes128-cbc"}, r.Algorithms.CiphersServerClient)
				assert.Equal(t, []string{"hmac-md5", "hmac-sha1-96", "hmac-sha1"}, r.Algorithms.MACsServerClient)
				assert.Equal(t, []string{"none", "zlib@openssh.com"}, r.Algorithms.CompressionServerClient)
				l := levels(r.Ratings)
				assert.Equal(t, probessh.LevelInsecure, l["kex diffie-hellman-group1-sha1"])
				assert.Equal(t, probessh.LevelWeak, l["kex diffie-hellman-group14-sha1"])
				assert.Equal(t, probessh.LevelWeak, l["host_key ssh-rsa"])
				assert.Equal(t, probessh.LevelInsecure, l["cipher 3des-cbc"])
				assert.Equal(t, probessh.LevelWeak, l["cipher aes128-cbc"])
				assert.Equal(t, probessh.LevelInsecure, l["mac hmac-md5"])
				assert.Equal(t, probessh.LevelInsecure, l["mac hmac-sha1-96"])
				assert.Equal(t, probessh.LevelInsecure, r.Worst())
				// The audit handshake still completes with legacy algorithms.
				assert.Empty(t, r.HandshakeError)
				assert.Contains(t, r.AuthMethods, "password")
			},
		},
		{
			name:  "dropbear default",
			start: func(t *testing.T) *peertest.SSHServer { return peertest.StartDropbear(t, peertest.DropbearOptions{}) },
			check: func(t *testing.T, r *probessh.Result) {
				assert.Equal(t, "dropbear", r.Identification.Product)
				assert.Regexp(t, `^20\d\d\.\d+$`, r.Identification.Version)
				assert.True(t, r.StrictKex, "Debian's dropbear backports strict kex")
				assert.False(t, r.TerrapinExposed)
				assert.Contains(t, r.Algorithms.Kex, "curve25519-sha256")
				assert.Subset(t, r.AuthMethods, []string{"publickey", "password"})
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := tc.start(t)
			r, err := prober(t, probessh.Options{KnownHostsFiles: []string{srv.KnownHosts}}).Audit(t.Context(), srv.Addr)
			require.NoError(t, err)
			assert.Equal(t, srv.Addr, r.Addr)
			assert.Equal(t, probessh.HostKeyVerified, r.HostKey.Status, r.HandshakeError)
			assert.Contains(t, srv.Fingerprints(), r.HostKey.Fingerprint)
			assert.Empty(t, r.HandshakeError)
			tc.check(t, r)
		})
	}
}

func writeKnownHosts(t *testing.T, addr string, keys ...gossh.PublicKey) string {
	t.Helper()
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(knownhosts.Line([]string{knownhosts.Normalize(addr)}, k) + "\n")
	}
	p := filepath.Join(t.TempDir(), "known_hosts")
	require.NoError(t, os.WriteFile(p, []byte(b.String()), 0o600))
	return p
}

func randomKey(t *testing.T) gossh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	k, err := gossh.NewPublicKey(pub)
	require.NoError(t, err)
	return k
}

func TestAuditHostKeyPolicies(t *testing.T) {
	t.Parallel()
	srv := peertest.StartSSHD(t, peertest.SSHDOptions{})
	var rsaKey gossh.PublicKey
	for _, k := range srv.HostKeys {
		if k.Type() == gossh.KeyAlgoRSA {
			rsaKey = k
		}
	}
	require.NotNil(t, rsaKey)
	tests := []struct {
		name       string
		opts       probessh.Options
		wantStatus probessh.HostKeyStatus
		wantErr    string
		wantType   string
	}{
		{name: "known_hosts", opts: probessh.Options{KnownHostsFiles: []string{srv.KnownHosts}}, wantStatus: probessh.HostKeyVerified},
		{name: "known_hosts with another key type only (retry with that type)",
			opts:       probessh.Options{KnownHostsFiles: []string{writeKnownHosts(t, srv.Addr, rsaKey)}},
			wantStatus: probessh.HostKeyVerified, wantType: gossh.KeyAlgoRSA},
		{name: "pinned fingerprint", opts: probessh.Options{Fingerprints: srv.Fingerprints()}, wantStatus: probessh.HostKeyVerified},
		{name: "wrong pin", opts: probessh.Options{Fingerprints: []string{gossh.FingerprintSHA256(randomKey(t))}},
			wantStatus: probessh.HostKeyMismatch, wantErr: "host key mismatch"},
		{name: "known_hosts with another key of the same type",
			opts:       probessh.Options{KnownHostsFiles: []string{writeKnownHosts(t, srv.Addr, randomKey(t))}},
			wantStatus: probessh.HostKeyMismatch, wantErr: "host key mismatch"},
		{name: "host not in known_hosts",
			opts:       probessh.Options{KnownHostsFiles: []string{writeKnownHosts(t, "127.0.0.1:1", srv.HostKeys...)}},
			wantStatus: probessh.HostKeyUnknown, wantErr: "unknown host key"},
		{name: "insecure ignore", opts: probessh.Options{InsecureIgnoreHostKey: true}, wantStatus: probessh.HostKeyNotChecked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := prober(t, tc.opts).Audit(t.Context(), srv.Addr)
			require.NoError(t, err, "the KEXINIT part does not depend on the host key")
			assert.NotEmpty(t, r.Algorithms.Kex)
			assert.Equal(t, tc.wantStatus, r.HostKey.Status)
			if tc.wantType != "" {
				assert.Equal(t, tc.wantType, r.HostKey.Type)
			}
			if tc.wantErr == "" {
				assert.Empty(t, r.HandshakeError)
				assert.Contains(t, srv.Fingerprints(), r.HostKey.Fingerprint)
				assert.Contains(t, r.AuthMethods, "password")
			} else {
				assert.Contains(t, r.HandshakeError, tc.wantErr)
				assert.Nil(t, r.AuthMethods, "no authentication after a failed host key check")
			}
		})
	}
}

func TestNewOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    probessh.Options
		wantErr string
	}{
		{name: "no host key policy", opts: probessh.Options{}, wantErr: "no host key policy"},
		{name: "bad fingerprint", opts: probessh.Options{Fingerprints: []string{"MD5:aa:bb"}}, wantErr: "want SHA256"},
		{name: "short fingerprint", opts: probessh.Options{Fingerprints: []string{"SHA256:AAAA"}}, wantErr: "not a base64 SHA-256"},
		{name: "missing known_hosts", opts: probessh.Options{KnownHostsFiles: []string{"/nonexistent/known_hosts"}}, wantErr: "known_hosts"},
		{name: "bad client version", opts: probessh.Options{InsecureIgnoreHostKey: true, ClientVersion: "SSH-1.5-x"}, wantErr: "client version"},
		{name: "negative timeout", opts: probessh.Options{InsecureIgnoreHostKey: true, Timeout: -1}, wantErr: "negative"},
		{name: "insecure ignore", opts: probessh.Options{InsecureIgnoreHostKey: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := probessh.New(tc.opts)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
		})
	}
	_, err := probessh.New(probessh.Options{})
	assert.ErrorIs(t, err, probessh.ErrNoHostKeyPolicy)
}

func TestRun(t *testing.T) {
	t.Parallel()
	peertest.EnsureUser(t, testUser, testPassword)
	sshd := peertest.StartSSHD(t, peertest.SSHDOptions{})
	kbd := peertest.StartSSHD(t, peertest.SSHDOptions{Config: []string{
		"UsePAM yes", "PasswordAuthentication no", "KbdInteractiveAuthentication yes",
	}})
	dropbear := peertest.StartDropbear(t, peertest.DropbearOptions{})
	good := probessh.Login{User: testUser, Password: netdevsec.NewSecret(testPassword)}

	t.Run("password and keyboard-interactive", func(t *testing.T) {
		for _, srv := range []*peertest.SSHServer{sshd, kbd, dropbear} {
			p := prober(t, probessh.Options{KnownHostsFiles: []string{srv.KnownHosts}})
			out, err := p.Run(t.Context(), srv.Addr, good, "echo show running-config; echo err >&2")
			require.NoError(t, err, srv.Name)
			assert.Equal(t, "show running-config\nerr\n", string(out), srv.Name)
			assert.NoError(t, p.Login(t.Context(), srv.Addr, good), srv.Name)
		}
	})

	t.Run("keyboard-interactive only server offers no password method", func(t *testing.T) {
		r, err := prober(t, probessh.Options{KnownHostsFiles: []string{kbd.KnownHosts}}).Audit(t.Context(), kbd.Addr)
		require.NoError(t, err)
		assert.Contains(t, r.AuthMethods, "keyboard-interactive")
		assert.NotContains(t, r.AuthMethods, "password")
	})

	t.Run("wrong password", func(t *testing.T) {
		// Servers delay failed logins: check them side by side.
		for _, srv := range []*peertest.SSHServer{sshd, kbd, dropbear} {
			t.Run(srv.Name, func(t *testing.T) {
				t.Parallel()
				p := prober(t, probessh.Options{KnownHostsFiles: []string{srv.KnownHosts}})
				bad := probessh.Login{User: testUser, Password: netdevsec.NewSecret("not-the-password")}
				out, err := p.Run(t.Context(), srv.Addr, bad, "echo hi")
				require.ErrorIs(t, err, probessh.ErrAuth)
				assert.Nil(t, out)
				assert.NotContains(t, err.Error(), "not-the-password")
				assert.ErrorIs(t, p.Login(t.Context(), srv.Addr, bad), probessh.ErrAuth)
			})
		}
	})

	t.Run("unknown host key sends no password", func(t *testing.T) {
		srv := peertest.StartSSHD(t, peertest.SSHDOptions{})
		p := prober(t, probessh.Options{KnownHostsFiles: []string{writeKnownHosts(t, srv.Addr, randomKey(t))}})
		_, err := p.Run(t.Context(), srv.Addr, good, "echo hi")
		require.ErrorIs(t, err, probessh.ErrHostKeyMismatch)
		time.Sleep(100 * time.Millisecond)
		assert.NotContains(t, srv.Output(), "password for", "sshd saw a password attempt")
		assert.NotContains(t, srv.Output(), "Accepted")
	})

	t.Run("output limit", func(t *testing.T) {
		p := prober(t, probessh.Options{KnownHostsFiles: []string{sshd.KnownHosts}, MaxOutput: 1000})
		out, err := p.Run(t.Context(), sshd.Addr, good, "head -c 100000 /dev/zero")
		require.ErrorIs(t, err, probessh.ErrOutputTooLarge)
		assert.Len(t, out, 1000)
	})

	t.Run("command timeout", func(t *testing.T) {
		p := prober(t, probessh.Options{KnownHostsFiles: []string{dropbear.KnownHosts}, CommandTimeout: 500 * time.Millisecond})
		start := time.Now()
		_, err := p.Run(t.Context(), dropbear.Addr, good, "sleep 20")
		require.Error(t, err)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Less(t, time.Since(start), 5*time.Second)
	})
}

// sshAuditReport is the part of ssh-audit's -j output compared here.
type sshAuditReport struct {
	Banner struct {
		Raw      string `json:"raw"`
		Software string `json:"software"`
	} `json:"banner"`
	Kex []struct {
		Algorithm string `json:"algorithm"`
	} `json:"kex"`
	Key []struct {
		Algorithm string `json:"algorithm"`
	} `json:"key"`
	Enc         []string `json:"enc"`
	MAC         []string `json:"mac"`
	Compression []string `json:"compression"`
}

// TestAgreesWithSSHAudit runs Debian's ssh-audit against the same servers
// and requires the same offered lists. ssh-audit reports one direction
// (client to server) and lists host key algorithms it could verify keys
// for, so host keys are compared as sets.
func TestAgreesWithSSHAudit(t *testing.T) {
	t.Parallel()
	sshAudit := peertest.Require(t, "ssh-audit")
	tests := []struct {
		name  string
		start func(t *testing.T) *peertest.SSHServer
	}{
		{"openssh default", func(t *testing.T) *peertest.SSHServer { return peertest.StartSSHD(t, peertest.SSHDOptions{}) }},
		{"openssh weak", func(t *testing.T) *peertest.SSHServer { return peertest.StartSSHD(t, weakSSHD) }},
		{"dropbear default", func(t *testing.T) *peertest.SSHServer {
			return peertest.StartDropbear(t, peertest.DropbearOptions{})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := tc.start(t)
			r, err := prober(t, probessh.Options{KnownHostsFiles: []string{srv.KnownHosts}}).Audit(t.Context(), srv.Addr)
			require.NoError(t, err)

			ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
			defer cancel()
			// ssh-audit exits 0, 2 or 3 by its own verdict; only its JSON matters.
			out, _ := exec.CommandContext(ctx, sshAudit, "-j", "-t", "20", srv.Addr).Output()
			var rep sshAuditReport
			require.NoError(t, json.Unmarshal(out, &rep), "ssh-audit output: %s", out)

			var kex, keys []string
			for _, k := range rep.Kex {
				kex = append(kex, k.Algorithm)
			}
			for _, k := range rep.Key {
				keys = append(keys, k.Algorithm)
			}
			assert.Equal(t, rep.Banner.Raw, r.Identification.Raw)
			assert.Equal(t, rep.Banner.Software, r.Identification.SoftwareVersion)
			assert.Equal(t, kex, r.Algorithms.Kex, "kex")
			assert.ElementsMatch(t, keys, r.Algorithms.HostKey, "host keys")
			assert.Equal(t, rep.Enc, r.Algorithms.CiphersClientServer, "ciphers")
			assert.Equal(t, rep.MAC, r.Algorithms.MACsClientServer, "macs")
			assert.Equal(t, rep.Compression, r.Algorithms.CompressionClientServer, "compression")
			assert.True(t, slices.Equal(r.Algorithms.CiphersClientServer, r.Algorithms.CiphersServerClient), "both directions agree on these servers")
		})
	}
}
