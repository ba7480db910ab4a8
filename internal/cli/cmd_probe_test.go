package cli

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/internal/peertest"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

func TestProbeUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "no protocol", args: []string{"probe"}, wantCode: ExitUsage, wantErr: "Usage: netdevsec probe"},
		{name: "help", args: []string{"probe", "--help"}, wantCode: ExitOK, wantErr: "probe ssh"},
		{name: "unknown protocol", args: []string{"probe", "telnet", "h"}, wantCode: ExitUsage, wantErr: `unknown protocol "telnet"`},
		{name: "no host", args: []string{"probe", "ssh", "--insecure-ignore-host-key"}, wantCode: ExitUsage, wantErr: "at least one HOST"},
		{name: "no host key policy", args: []string{"probe", "ssh", "127.0.0.1:1"}, wantCode: ExitUsage, wantErr: "no host key policy"},
		{name: "bad fingerprint", args: []string{"probe", "ssh", "--fingerprint", "MD5:00", "127.0.0.1:1"}, wantCode: ExitUsage, wantErr: "want SHA256"},
		{name: "bad format", args: []string{"probe", "ssh", "--insecure-ignore-host-key", "--format", "xml", "h"}, wantCode: ExitUsage, wantErr: "unknown format"},
		{name: "bad timeout", args: []string{"probe", "ssh", "--insecure-ignore-host-key", "--timeout", "0s", "h"}, wantCode: ExitUsage, wantErr: "--timeout"},
		{name: "bad flag", args: []string{"probe", "ssh", "--nope"}, wantCode: ExitUsage, wantErr: "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, nil, tc.args...)
			assert.Equal(t, tc.wantCode, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.wantErr)
		})
	}
}

// closedPort returns a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

func TestProbeSSH(t *testing.T) {
	weak := peertest.StartSSHD(t, peertest.SSHDOptions{
		HostKeyTypes: []string{"rsa"},
		Config:       []string{"KexAlgorithms diffie-hellman-group1-sha1,curve25519-sha256", "Ciphers aes128-cbc,aes128-ctr"},
	})
	good := peertest.StartDropbear(t, peertest.DropbearOptions{})
	down := closedPort(t)

	t.Run("json: one failing, one passing, one unreachable", func(t *testing.T) {
		stdout, stderr, code := run(t, nil, "probe", "ssh", "--format", "json", "--timeout", "5s",
			"--known-hosts", weak.KnownHosts, "--known-hosts", good.KnownHosts, weak.Addr, down, good.Addr)
		assert.Equal(t, ExitFindings, code, stderr)
		var rep sshProbeReport
		require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
		assert.Equal(t, sshProbeSchema, rep.Schema)
		require.Len(t, rep.Hosts, 3, "every host is reported, in the order given")

		w := rep.Hosts[0]
		assert.Equal(t, weak.Addr, w.Host)
		require.NotNil(t, w.Result)
		assert.Equal(t, probessh.HostKeyVerified, w.Result.HostKey.Status)
		assert.Contains(t, strings.Join(w.Problems, "\n"), "insecure kex algorithm diffie-hellman-group1-sha1")

		d := rep.Hosts[1]
		assert.Equal(t, down, d.Host)
		assert.Nil(t, d.Result)
		assert.Contains(t, d.Error, "connection refused")

		g := rep.Hosts[2]
		require.NotNil(t, g.Result, g.Error)
		assert.Empty(t, g.Problems)
		assert.Equal(t, "dropbear", g.Result.Identification.Product)

		assert.Contains(t, stderr, "probing 3 host(s)")
		assert.Contains(t, stderr, "[3/3]")
	})

	t.Run("text with pinned fingerprint", func(t *testing.T) {
		args := []string{"probe", "ssh"}
		for _, fp := range good.Fingerprints() {
			args = append(args, "--fingerprint", fp)
		}
		stdout, stderr, code := run(t, nil, append(args, good.Addr)...)
		assert.Equal(t, ExitOK, code, stderr)
		assert.Contains(t, stdout, good.Addr+"  PASS")
		assert.Contains(t, stdout, "banner        SSH-2.0-dropbear_")
		assert.Contains(t, stdout, "host key      verified ")
		assert.Contains(t, stdout, "auth methods  publickey, password")
		assert.Contains(t, stdout, "strict kex    yes, Terrapin not exposed")
		assert.Contains(t, stdout, "weak          kex diffie-hellman-group14-sha1: SHA-1 hash [RFC 9142")
	})

	t.Run("wrong pin fails the host", func(t *testing.T) {
		stdout, stderr, code := run(t, nil, "probe", "ssh", "--fingerprint", "SHA256:"+strings.Repeat("A", 43), good.Addr)
		assert.Equal(t, ExitFindings, code, stderr)
		assert.Contains(t, stdout, "host key      mismatch")
		assert.Contains(t, stdout, "possible man in the middle")
	})

	t.Run("a silent host times out, the others are still probed", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		var conns []net.Conn
		accepted := make(chan struct{})
		go func() {
			defer close(accepted)
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				conns = append(conns, c) // held open, never answered
			}
		}()
		defer func() {
			l.Close()
			<-accepted
			for _, c := range conns {
				c.Close()
			}
		}()
		start := time.Now()
		stdout, stderr, code := run(t, nil, "probe", "ssh", "--format", "json", "--timeout", "1s",
			"--known-hosts", good.KnownHosts, l.Addr().String(), good.Addr)
		elapsed := time.Since(start)
		assert.Equal(t, ExitUsage, code, "an unprobed host is an input error when nothing failed: %s", stderr)
		var rep sshProbeReport
		require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
		require.Len(t, rep.Hosts, 2)
		assert.Contains(t, rep.Hosts[0].Error, "i/o timeout")
		require.NotNil(t, rep.Hosts[1].Result, rep.Hosts[1].Error)
		assert.Equal(t, probessh.HostKeyVerified, rep.Hosts[1].Result.HostKey.Status)
		assert.Less(t, elapsed, 1100*time.Millisecond+500*time.Millisecond, "hosts are probed concurrently")
	})

	t.Run("only unreachable hosts", func(t *testing.T) {
		stdout, stderr, code := run(t, nil, "probe", "ssh", "--insecure-ignore-host-key", "--timeout", "2s", down)
		assert.Equal(t, ExitUsage, code)
		assert.Contains(t, stderr, "WARNING: --insecure-ignore-host-key")
		assert.Contains(t, stdout, fmt.Sprintf("%s  ERROR", down))
	})
}

// TestProbeSSHTextGolden pins the text layout of "probe ssh" on fixed
// results (run with -update to rewrite testdata/probe_ssh_text.golden).
func TestProbeSSHTextGolden(t *testing.T) {
	id, err := probessh.ParseIdentification("SSH-2.0-OpenSSH_7.4")
	require.NoError(t, err)
	id.PreBanner = []string{"Authorised use only"}
	weakAlgs := probessh.Algorithms{
		Kex:                     []string{"curve25519-sha256", "diffie-hellman-group1-sha1"},
		HostKey:                 []string{"rsa-sha2-512", "ssh-rsa"},
		CiphersClientServer:     []string{"chacha20-poly1305@openssh.com", "aes128-cbc"},
		CiphersServerClient:     []string{"chacha20-poly1305@openssh.com", "aes128-cbc"},
		MACsClientServer:        []string{"hmac-sha2-256-etm@openssh.com", "hmac-md5"},
		MACsServerClient:        []string{"hmac-sha2-256-etm@openssh.com", "hmac-md5"},
		CompressionClientServer: []string{"none", "zlib"},
		CompressionServerClient: []string{"none"},
	}
	weak := &probessh.Result{
		Addr: "192.0.2.10:22", Identification: id, Algorithms: weakAlgs,
		TerrapinExposed: probessh.TerrapinExposed(weakAlgs), Ratings: probessh.Rate(weakAlgs),
		HostKey:     probessh.HostKey{Status: probessh.HostKeyMismatch, Type: "ssh-rsa", Fingerprint: "SHA256:" + strings.Repeat("B", 43)},
		AuthMethods: nil, HandshakeError: "host key mismatch: server presented another key",
	}
	results := []sshHostProbe{
		{Host: "192.0.2.10", Result: weak, Problems: sshProblems(weak)},
		{Host: "192.0.2.11:2222", Error: "dial 192.0.2.11:2222: connect: connection refused"},
	}
	var b strings.Builder
	writeSSHText(&b, results)
	path := filepath.Join("testdata", "probe_ssh_text.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), b.String())
	assert.Len(t, results[0].Problems, 4, "group1, hmac-md5, Terrapin, host key mismatch")
	assert.Contains(t, b.String(), "compr c>s     none, zlib", "directions that differ are shown apart")
}
