package ssh_test

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/reltest"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// TestHostileLoginAndRun: Login and Run (not only Audit) end with an error
// within the timeout plus 10 % against a silent server, a slow-drip
// banner, an oversized packet length, a malformed KEXINIT, garbage and a
// server that stalls after its KEXINIT, never send the password anywhere it could be
// echoed, and leave no goroutine behind.
func TestHostileLoginAndRun(t *testing.T) {
	const timeout = 2 * time.Second
	handlers := map[string]func(c net.Conn, quit <-chan struct{}){
		"silent": func(c net.Conn, _ <-chan struct{}) { _, _ = io.Copy(io.Discard, c) },
		"slow-drip banner": func(c net.Conn, quit <-chan struct{}) {
			for _, b := range []byte("SSH-2.0-" + string(bytes.Repeat([]byte("x"), 200))) {
				select {
				case <-quit:
					return
				case <-time.After(50 * time.Millisecond):
				}
				if _, err := c.Write([]byte{b}); err != nil {
					return
				}
			}
		},
		"oversized packet length": func(c net.Conn, _ <-chan struct{}) {
			_, _ = c.Write([]byte(serverIdent + "\xff\xff\xff\xf0\x14"))
			_, _ = io.Copy(io.Discard, c)
		},
		"malformed KEXINIT": func(c net.Conn, _ <-chan struct{}) {
			p := kexInitPayload(sampleLists, 0)
			p[17+3] = 0xff // first name-list length beyond the packet
			_, _ = c.Write(append([]byte(serverIdent), packet(p, 4)...))
			_, _ = io.Copy(io.Discard, c)
		},
		"garbage": func(c net.Conn, _ <-chan struct{}) {
			_, _ = c.Write(reltest.Garbage(4096))
			_, _ = io.Copy(io.Discard, c)
		},
		"stalls after KEXINIT": func(c net.Conn, _ <-chan struct{}) {
			_, _ = c.Write(append([]byte(serverIdent), goodKexInit...))
			_, _ = io.Copy(io.Discard, c)
		},
	}
	login := probessh.Login{User: "admin", Password: netdevsec.NewSecret("Hostile-Login-Secret-42")}
	for name, h := range handlers {
		t.Run(name, func(t *testing.T) {
			srv := reltest.StartTCP(t, h)
			ignore := goleak.IgnoreCurrent()
			p := prober(t, probessh.Options{InsecureIgnoreHostKey: true, Timeout: timeout, CommandTimeout: timeout})
			for op, call := range map[string]func() error{
				"login": func() error { return p.Login(t.Context(), srv.Addr, login) },
				"run": func() error {
					out, err := p.Run(t.Context(), srv.Addr, login, "show version")
					assert.Nil(t, out)
					return err
				},
			} {
				start := time.Now()
				err := call()
				elapsed := time.Since(start)
				require.Error(t, err, op)
				t.Logf("%s: %v after %v", op, err, elapsed)
				assert.NotContains(t, err.Error(), login.Password.Reveal(), op)
				assert.LessOrEqual(t, elapsed, reltest.Deadline(timeout), "%s ended within the timeout + 10 %%", op)
			}
			srv.Stop()
			goleak.VerifyNone(t, ignore)
		})
	}
}
