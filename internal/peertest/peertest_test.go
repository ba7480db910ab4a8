package peertest_test

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/beevik/ntp"
	"github.com/gosnmp/gosnmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/netdevsec/netdevsec/internal/peertest"
)

const (
	testUser     = "ndspeer"
	testPassword = "Peer-test-pw-4711"
)

// handshake connects to srv with host keys checked by cb and password auth
// for user; it returns the key the server presented and the client (nil
// when authentication or verification failed).
func handshake(t *testing.T, addr string, cb ssh.HostKeyCallback, user, password string) (ssh.PublicKey, *ssh.Client, error) {
	t.Helper()
	var seen ssh.PublicKey
	cfg := &ssh.ClientConfig{
		User: user,
		Auth: []ssh.AuthMethod{ssh.Password(password)},
		HostKeyCallback: func(host string, remote net.Addr, key ssh.PublicKey) error {
			seen = key
			return cb(host, remote, key)
		},
		Timeout: 10 * time.Second,
	}
	c, err := ssh.Dial("tcp", addr, cfg)
	return seen, c, err
}

func testSSHServer(t *testing.T, srv *peertest.SSHServer, wantVersion string) {
	require.NotEmpty(t, srv.HostKeys)

	t.Run("known host key accepted", func(t *testing.T) {
		cb, err := knownhosts.New(srv.KnownHosts)
		require.NoError(t, err)
		key, c, err := handshake(t, srv.Addr, cb, "nosuchuser", "wrong")
		// The handshake (and host-key check) succeeded; the login did not.
		require.Error(t, err)
		assert.Nil(t, c)
		assert.Contains(t, err.Error(), "unable to authenticate")
		require.NotNil(t, key)
		assert.Contains(t, srv.Fingerprints(), ssh.FingerprintSHA256(key))
	})

	t.Run("changed host key rejected", func(t *testing.T) {
		pub, _, err := ed25519.GenerateKey(rand.Reader)
		require.NoError(t, err)
		other, err := ssh.NewPublicKey(pub)
		require.NoError(t, err)
		cb, err := knownhosts.New(writeKnownHosts(t, srv.Addr, other))
		require.NoError(t, err)
		_, c, err := handshake(t, srv.Addr, cb, "nosuchuser", "wrong")
		require.Error(t, err)
		assert.Nil(t, c)
		var ke *knownhosts.KeyError
		require.ErrorAs(t, err, &ke)
		assert.NotEmpty(t, ke.Want, "a known host with another key is a mismatch, not an unknown host")
	})

	t.Run("password login runs a command", func(t *testing.T) {
		peertest.EnsureUser(t, testUser, testPassword)
		cb, err := knownhosts.New(srv.KnownHosts)
		require.NoError(t, err)
		_, c, err := handshake(t, srv.Addr, cb, testUser, testPassword)
		require.NoError(t, err)
		defer c.Close()
		assert.Contains(t, string(c.ServerVersion()), wantVersion)
		s, err := c.NewSession()
		require.NoError(t, err)
		defer s.Close()
		out, err := s.Output("echo peer-ok")
		require.NoError(t, err)
		assert.Equal(t, "peer-ok\n", string(out))
	})
}

func writeKnownHosts(t *testing.T, addr string, key ssh.PublicKey) string {
	t.Helper()
	p := t.TempDir() + "/known_hosts"
	require.NoError(t, os.WriteFile(p, []byte(knownhosts.Line([]string{knownhosts.Normalize(addr)}, key)+"\n"), 0o600))
	return p
}

func TestSSHD(t *testing.T) {
	t.Parallel()
	testSSHServer(t, peertest.StartSSHD(t, peertest.SSHDOptions{}), "OpenSSH")
}

func TestDropbear(t *testing.T) {
	t.Parallel()
	testSSHServer(t, peertest.StartDropbear(t, peertest.DropbearOptions{}), "dropbear")
}

func TestSSHDWeakConfig(t *testing.T) {
	t.Parallel()
	srv := peertest.StartSSHD(t, peertest.SSHDOptions{
		HostKeyTypes: []string{"rsa"},
		Config: []string{
			"KexAlgorithms diffie-hellman-group14-sha1",
			"Ciphers aes128-cbc",
			"MACs hmac-sha1",
			"HostKeyAlgorithms ssh-rsa",
		},
	})
	cb, err := knownhosts.New(srv.KnownHosts)
	require.NoError(t, err)
	cfg := &ssh.ClientConfig{
		User:              "nosuchuser",
		Auth:              []ssh.AuthMethod{ssh.Password("x")},
		HostKeyCallback:   cb,
		HostKeyAlgorithms: []string{ssh.KeyAlgoRSA},
		Config: ssh.Config{
			KeyExchanges: []string{ssh.InsecureKeyExchangeDH14SHA1},
			Ciphers:      []string{ssh.InsecureCipherAES128CBC},
			MACs:         []string{ssh.HMACSHA1},
		},
		Timeout: 10 * time.Second,
	}
	_, err = ssh.Dial("tcp", srv.Addr, cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unable to authenticate", "the weak algorithms were negotiated")

	// A client with only modern algorithms cannot agree with it.
	_, err = ssh.Dial("tcp", srv.Addr, &ssh.ClientConfig{
		User: "nosuchuser", HostKeyCallback: cb, Timeout: 10 * time.Second,
	})
	var ne *ssh.AlgorithmNegotiationError
	require.ErrorAs(t, err, &ne)
}

func TestSNMPD(t *testing.T) {
	t.Parallel()
	const descr = "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.1(4)M4, RELEASE SOFTWARE (fc1)"
	agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{
		ROCommunities: []string{"public"},
		Users:         []peertest.SNMPUser{{Name: "authPrivUser", AuthProto: "SHA-256", AuthPass: "authpass123456", PrivProto: "AES", PrivPass: "privpass123456"}},
		SysDescr:      descr,
	})
	get := func(t *testing.T, g *gosnmp.GoSNMP) string {
		t.Helper()
		g.Target, g.Port, g.Timeout, g.Retries = "127.0.0.1", uint16(agent.Port), 2*time.Second, 1
		require.NoError(t, g.Connect())
		defer g.Conn.Close()
		res, err := g.Get([]string{".1.3.6.1.2.1.1.1.0"})
		require.NoError(t, err)
		require.Len(t, res.Variables, 1)
		b, ok := res.Variables[0].Value.([]byte)
		require.True(t, ok, "sysDescr is an OCTET STRING, got %T", res.Variables[0].Value)
		return string(b)
	}
	t.Run("v2c public", func(t *testing.T) {
		assert.Equal(t, descr, get(t, &gosnmp.GoSNMP{Version: gosnmp.Version2c, Community: "public"}))
	})
	t.Run("v3 authPriv", func(t *testing.T) {
		assert.Equal(t, descr, get(t, &gosnmp.GoSNMP{
			Version: gosnmp.Version3, SecurityModel: gosnmp.UserSecurityModel, MsgFlags: gosnmp.AuthPriv,
			SecurityParameters: &gosnmp.UsmSecurityParameters{
				UserName: "authPrivUser", AuthenticationProtocol: gosnmp.SHA256, AuthenticationPassphrase: "authpass123456",
				PrivacyProtocol: gosnmp.AES, PrivacyPassphrase: "privpass123456",
			},
		}))
	})
	t.Run("wrong community gets no answer", func(t *testing.T) {
		g := &gosnmp.GoSNMP{Target: "127.0.0.1", Port: uint16(agent.Port), Version: gosnmp.Version2c,
			Community: "nope", Timeout: 300 * time.Millisecond}
		require.NoError(t, g.Connect())
		defer g.Conn.Close()
		_, err := g.Get([]string{".1.3.6.1.2.1.1.1.0"})
		require.Error(t, err)
	})
}

func TestKamailio(t *testing.T) {
	t.Parallel()
	srv := peertest.StartKamailio(t, peertest.KamailioOptions{})
	c, err := net.Dial("udp", srv.Addr)
	require.NoError(t, err)
	defer c.Close()
	local := c.LocalAddr().(*net.UDPAddr)
	req := strings.Join([]string{
		"OPTIONS sip:" + srv.Addr + " SIP/2.0",
		fmt.Sprintf("Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK-peertest-1;rport", local.Port),
		"Max-Forwards: 70",
		"From: <sip:probe@127.0.0.1>;tag=peertest",
		"To: <sip:" + srv.Addr + ">",
		"Call-ID: peertest-options-1@127.0.0.1",
		"CSeq: 1 OPTIONS",
		"Content-Length: 0",
		"", "",
	}, "\r\n")
	_, err = c.Write([]byte(req))
	require.NoError(t, err)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(5*time.Second)))
	buf := make([]byte, 4096)
	n, err := c.Read(buf)
	require.NoError(t, err)
	resp := string(buf[:n])
	assert.True(t, strings.HasPrefix(resp, "SIP/2.0 200 "), "reply: %q", resp)
	assert.Contains(t, resp, "Call-ID: peertest-options-1@127.0.0.1")
}

func TestChrony(t *testing.T) {
	t.Parallel()
	srv := peertest.StartChrony(t, peertest.ChronyOptions{})
	resp, err := ntp.QueryWithOptions(srv.Addr, ntp.QueryOptions{Timeout: 5 * time.Second})
	require.NoError(t, err)
	assert.Equal(t, uint8(8), resp.Stratum)
	require.NoError(t, resp.Validate())
	assert.Less(t, resp.ClockOffset.Abs(), time.Second)
}

func TestRsyslog(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	fwd := l.Addr().(*net.TCPAddr).Port
	srv := peertest.StartRsyslog(t, peertest.RsyslogOptions{Config: `global(workDirectory="{{.Dir}}")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="{{.Port}}")
action(type="omfwd" target="127.0.0.1" port="` + strconv.Itoa(fwd) + `" protocol="tcp"
       TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")
`})

	got := make(chan string, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			got <- "accept: " + err.Error()
			return
		}
		defer c.Close()
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
		r := bufio.NewReader(c)
		size, err := r.ReadString(' ')
		if err != nil {
			got <- "read: " + err.Error()
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(size))
		if err != nil || n <= 0 || n > 64<<10 {
			got <- "bad frame length " + size
			return
		}
		frame := make([]byte, n)
		if _, err := io.ReadFull(r, frame); err != nil {
			got <- "read frame: " + err.Error()
			return
		}
		got <- string(frame)
	}()

	u, err := net.Dial("udp", srv.Addr)
	require.NoError(t, err)
	defer u.Close()
	_, err = u.Write([]byte("<34>Oct 11 22:14:15 router1 su: peertest forward"))
	require.NoError(t, err)
	select {
	case frame := <-got:
		assert.True(t, strings.HasPrefix(frame, "<34>1 "), "RFC 5424 frame: %q", frame)
		assert.Contains(t, frame, "router1 su - - -")
		assert.True(t, bytes.HasSuffix([]byte(strings.TrimRight(frame, "\n")), []byte("peertest forward")), "frame: %q", frame)
	case <-time.After(15 * time.Second):
		t.Fatal("no syslog frame forwarded by rsyslogd")
	}
}

// TestRequireMissingBinary runs itself in a child process to show both
// behaviours of Require for a missing binary: skip by default, fail under
// NETDEVSEC_REQUIRE_PEERS=1.
func TestRequireMissingBinary(t *testing.T) {
	if os.Getenv("PEERTEST_REQUIRE_CHILD") == "1" {
		peertest.Require(t, "netdevsec-no-such-peer-binary")
		t.Fatal("Require returned for a missing binary")
	}
	for _, tc := range []struct {
		name     string
		require  string
		wantFail bool
		wantText string
	}{
		{name: "skips by default", require: "", wantText: "--- SKIP"},
		{name: "fails under NETDEVSEC_REQUIRE_PEERS=1", require: "1", wantFail: true, wantText: "forbids skipping"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestRequireMissingBinary$", "-test.v")
			cmd.Env = append(os.Environ(), "PEERTEST_REQUIRE_CHILD=1", peertest.EnvRequire+"="+tc.require)
			out, err := cmd.CombinedOutput()
			if tc.wantFail {
				require.Error(t, err, "%s", out)
			} else {
				require.NoError(t, err, "%s", out)
			}
			assert.Contains(t, string(out), tc.wantText)
		})
	}
}

func TestFreePorts(t *testing.T) {
	for _, p := range []int{peertest.FreeTCPPort(t), peertest.FreeUDPPort(t), peertest.FreePort(t)} {
		assert.Greater(t, p, 1023)
		assert.Less(t, p, 65536)
	}
}
