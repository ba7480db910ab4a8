package forward_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/logging/forward"
)

// testPKI is a CA with a server certificate for localhost/127.0.0.1 and
// a client certificate, generated per test and written as PEM files.
type testPKI struct {
	dir                       string
	caFile, certFile, keyFile string // server
	cliCertFile, cliKeyFile   string
	pool                      *x509.CertPool
	serverCert, clientCert    tls.Certificate
}

func newPKI(t *testing.T) *testPKI {
	t.Helper()
	dir := t.TempDir()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "netdevsec test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	require.NoError(t, err)
	ca, err := x509.ParseCertificate(caDER)
	require.NoError(t, err)
	p := &testPKI{dir: dir, pool: x509.NewCertPool()}
	p.pool.AddCert(ca)
	p.caFile = writePEM(t, dir, "ca.pem", "CERTIFICATE", caDER)
	leaf := func(name string, serial int64, usage x509.ExtKeyUsage) (certFile, keyFile string, tc tls.Certificate) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
			DNSNames: []string{name}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		require.NoError(t, err)
		kder, err := x509.MarshalPKCS8PrivateKey(key)
		require.NoError(t, err)
		certFile = writePEM(t, dir, name+".pem", "CERTIFICATE", der)
		keyFile = writePEM(t, dir, name+"-key.pem", "PRIVATE KEY", kder)
		tc, err = tls.LoadX509KeyPair(certFile, keyFile)
		require.NoError(t, err)
		return certFile, keyFile, tc
	}
	p.certFile, p.keyFile, p.serverCert = leaf("localhost", 2, x509.ExtKeyUsageServerAuth)
	p.cliCertFile, p.cliKeyFile, p.clientCert = leaf("router1", 3, x509.ExtKeyUsageClientAuth)
	return p
}

func writePEM(t *testing.T, dir, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600))
	return path
}

func (p *testPKI) serverTLS() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{p.serverCert}, ClientCAs: p.pool, ClientAuth: tls.RequireAndVerifyClientCert}
}

func TestListenerGoClient(t *testing.T) {
	pki := newPKI(t)
	tests := []struct {
		name   string
		tls    bool
		stream string
	}{
		{"tcp octet-counted", false, "%d %s"},
		{"tcp lf", false, "%[2]s\n"},
		{"tls octet-counted", true, "%d %s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &forward.Options{}
			if tt.tls {
				o.TLS = pki.serverTLS()
			}
			l, err := forward.Listen(t.Context(), "127.0.0.1:0", o)
			require.NoError(t, err)
			defer l.Close()
			var c net.Conn
			if tt.tls {
				c, err = tls.Dial("tcp", l.Addr().String(), &tls.Config{RootCAs: pki.pool, ServerName: "localhost", Certificates: []tls.Certificate{pki.clientCert}})
			} else {
				c, err = net.Dial("tcp", l.Addr().String())
			}
			require.NoError(t, err)
			defer c.Close()
			marker := forward.NewMarker()
			msg := "<34>1 2026-11-20T10:00:00+09:00 router1 app - - - first\nline " + marker
			_, err = fmt.Fprintf(c, tt.stream, len(msg), msg)
			require.NoError(t, err)
			ctx, cancel := contextWithTimeout(t, 5*time.Second)
			defer cancel()
			r, err := l.Await(ctx, marker)
			require.NoError(t, err)
			if tt.tls {
				assert.Equal(t, "tls", r.Transport)
				assert.Equal(t, "router1", r.Peer)
			}
			f := forward.Finding("router1", marker, r, err)
			assert.Equal(t, netdevsec.StatusPass, f.Status)
		})
	}
}

func TestAwaitTimesOut(t *testing.T) {
	l, err := forward.Listen(t.Context(), "127.0.0.1:0", nil)
	require.NoError(t, err)
	defer l.Close()
	ctx, cancel := contextWithTimeout(t, 200*time.Millisecond)
	defer cancel()
	r, err := l.Await(ctx, "never")
	require.ErrorIs(t, err, forward.ErrNotDelivered)
	assert.Equal(t, netdevsec.StatusFail, forward.Finding("d", "never", r, err).Status)
	require.NoError(t, forward.RuleDelivers().Validate())
}

func TestTLSRejectsClientWithoutCertificate(t *testing.T) {
	pki := newPKI(t)
	l, err := forward.Listen(t.Context(), "127.0.0.1:0", &forward.Options{TLS: pki.serverTLS()})
	require.NoError(t, err)
	defer l.Close()
	c, err := tls.Dial("tcp", l.Addr().String(), &tls.Config{RootCAs: pki.pool, ServerName: "localhost"})
	if err == nil {
		_, _ = fmt.Fprintf(c, "5 <1>ab")
		_, _ = c.Read(make([]byte, 1)) // TLS 1.3 reports the refusal on read
		c.Close()
	}
	time.Sleep(100 * time.Millisecond)
	assert.Equal(t, 0, l.Received())
}

const rsyslogTCP = `global(workDirectory="{{.Dir}}")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="{{.Port}}")
action(type="omfwd" target="127.0.0.1" port="%d" protocol="tcp"
       TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")
`

const rsyslogTLS = `global(workDirectory="{{.Dir}}"
       DefaultNetstreamDriverCAFile="%s"
       DefaultNetstreamDriverCertFile="%s"
       DefaultNetstreamDriverKeyFile="%s")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="{{.Port}}")
action(type="omfwd" target="127.0.0.1" port="%d" protocol="tcp"
       TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format"
       StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name"
       StreamDriverPermittedPeers="localhost")
`

// TestRsyslogForwards proves delivery end to end: a BSD line sent to a
// real rsyslogd's UDP input is forwarded over TCP and over TLS (mutual
// certificate authentication) to the netdevsec listener.
func TestRsyslogForwards(t *testing.T) {
	pki := newPKI(t)
	for _, tt := range []struct {
		name string
		tls  bool
	}{{"tcp", false}, {"tls", true}} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.tls {
				if _, err := os.Stat("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so"); err != nil && !peertest.Required() {
					t.Skip("rsyslog-gnutls not installed")
				}
			}
			o := &forward.Options{}
			if tt.tls {
				o.TLS = pki.serverTLS()
			}
			l, err := forward.Listen(t.Context(), "127.0.0.1:0", o)
			require.NoError(t, err)
			defer l.Close()
			port := l.Addr().(*net.TCPAddr).Port
			cfg := fmt.Sprintf(rsyslogTCP, port)
			if tt.tls {
				cfg = fmt.Sprintf(rsyslogTLS, pki.caFile, pki.cliCertFile, pki.cliKeyFile, port)
			}
			srv := peertest.StartRsyslog(t, peertest.RsyslogOptions{Config: cfg})
			marker := forward.NewMarker()
			u, err := net.Dial("udp", srv.Addr)
			require.NoError(t, err)
			defer u.Close()
			ctx, cancel := contextWithTimeout(t, 20*time.Second)
			defer cancel()
			// UDP may be dropped before rsyslog's action is connected:
			// resend until the marker arrives.
			go func() {
				for i := 0; ctx.Err() == nil && i < 40; i++ {
					_, _ = u.Write([]byte("<34>Oct 11 22:14:15 router1 su: " + marker))
					time.Sleep(500 * time.Millisecond)
				}
			}()
			r, err := l.Await(ctx, marker)
			require.NoError(t, err, "rsyslogd did not deliver over %s", tt.name)
			assert.Equal(t, tt.name, r.Transport)
			if tt.tls {
				assert.Equal(t, "router1", r.Peer, "rsyslog presented its client certificate")
			}
			f := forward.Finding("router1", marker, r, nil)
			assert.Equal(t, netdevsec.StatusPass, f.Status)
			assert.Contains(t, r.Raw, "router1 su")
		})
	}
}
