package ssh_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/internal/reltest"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// hostileServer is a TCP server on 127.0.0.1 that runs handle for every
// connection. stop closes the listener and every connection and waits for
// the handlers.
type hostileServer struct {
	addr  string
	l     net.Listener
	mu    sync.Mutex
	conns []net.Conn
	quit  chan struct{}
	wg    sync.WaitGroup
}

func startHostile(t *testing.T, handle func(c net.Conn, quit <-chan struct{})) *hostileServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &hostileServer{addr: l.Addr().String(), l: l, quit: make(chan struct{})}
	s.wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns = append(s.conns, c)
			s.mu.Unlock()
			s.wg.Go(func() { handle(c, s.quit) })
		}
	})
	return s
}

func (s *hostileServer) stop() {
	close(s.quit)
	s.l.Close()
	s.mu.Lock()
	for _, c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

const serverIdent = "SSH-2.0-Hostile_1.0\r\n"

var goodKexInit = packet(kexInitPayload(sampleLists, 0), 4)

// TestHostilePeers checks that each misbehaving server ends the audit with
// an error (or a handshake error) within the timeout plus 10 %, and that no
// goroutine outlives the audit.
func TestHostilePeers(t *testing.T) {
	// 5 s leaves 500 ms for the "+ 10 %": enough for a loaded 2-core CI
	// machine running the race detector, where timers fire late.
	const timeout = 5 * time.Second
	tests := []struct {
		name   string
		handle func(c net.Conn, quit <-chan struct{})
		// wantErr is matched against Audit's error; when empty Audit
		// succeeds and wantHandshake is matched against HandshakeError.
		wantErr, wantHandshake string
		malformed              bool
		fast                   bool // fails at once, not by timeout
	}{
		{
			name:    "silent listener",
			handle:  func(c net.Conn, _ <-chan struct{}) { io.Copy(io.Discard, c) },
			wantErr: "i/o timeout",
		},
		{
			name: "slow-drip banner",
			handle: func(c net.Conn, quit <-chan struct{}) {
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
			wantErr: "i/o timeout",
		},
		{
			name: "endless pre-banner",
			handle: func(c net.Conn, _ <-chan struct{}) {
				c.Write(bytes.Repeat([]byte("hello\r\n"), 200))
				io.Copy(io.Discard, c)
			},
			wantErr: "no SSH- line", fast: true,
		},
		{
			name: "oversized packet length",
			handle: func(c net.Conn, _ <-chan struct{}) {
				c.Write([]byte(serverIdent + "\xff\xff\xff\xf0\x04"))
				io.Copy(io.Discard, c)
			},
			wantErr: "exceeds 35000", malformed: true, fast: true,
		},
		{
			name: "malformed KEXINIT",
			handle: func(c net.Conn, _ <-chan struct{}) {
				p := kexInitPayload(sampleLists, 0)
				p[17+3] = 0xff // first name-list length beyond the packet
				c.Write(append([]byte(serverIdent), packet(p, 4)...))
				io.Copy(io.Discard, c)
			},
			wantErr: "KEXINIT kex_algorithms", malformed: true, fast: true,
		},
		{
			name: "packet length promised, never sent",
			handle: func(c net.Conn, _ <-chan struct{}) {
				c.Write([]byte(serverIdent + "\x00\x00\x01\x00\x04"))
				io.Copy(io.Discard, c)
			},
			wantErr: "i/o timeout",
		},
		{
			name: "stalls after KEXINIT",
			handle: func(c net.Conn, _ <-chan struct{}) {
				c.Write(append([]byte(serverIdent), goodKexInit...))
				io.Copy(io.Discard, c)
			},
			wantHandshake: "i/o timeout",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ignore := goleak.IgnoreCurrent()
			srv := startHostile(t, tc.handle)
			p := prober(t, probessh.Options{InsecureIgnoreHostKey: true, Timeout: timeout})
			start := time.Now()
			r, err := p.Audit(t.Context(), srv.addr)
			elapsed := time.Since(start)
			srv.stop()

			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Nil(t, r)
				assert.Contains(t, err.Error(), tc.wantErr)
				assert.Equal(t, tc.malformed, errors.Is(err, probessh.ErrMalformed))
			} else {
				require.NoError(t, err)
				assert.Contains(t, r.HandshakeError, tc.wantHandshake)
				assert.Nil(t, r.AuthMethods)
			}
			assert.LessOrEqual(t, elapsed, reltest.Deadline(timeout), "ended within the timeout + 10 %%: %v", elapsed)
			if tc.fast {
				assert.Less(t, elapsed, timeout/2, "a malformed reply fails at once")
			}
			goleak.VerifyNone(t, ignore)
		})
	}
}

func TestAuditCancel(t *testing.T) {
	tests := []struct {
		name string
		ctx  func(context.Context) (context.Context, context.CancelFunc)
		want error
	}{
		{name: "deadline", want: context.DeadlineExceeded, ctx: func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, 200*time.Millisecond)
		}},
		{name: "cancel", want: context.Canceled, ctx: func(ctx context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(ctx)
			time.AfterFunc(200*time.Millisecond, cancel)
			return ctx, cancel
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ignore := goleak.IgnoreCurrent()
			srv := startHostile(t, func(c net.Conn, _ <-chan struct{}) { io.Copy(io.Discard, c) })
			p := prober(t, probessh.Options{InsecureIgnoreHostKey: true, Timeout: 10 * time.Second})
			ctx, cancel := tc.ctx(t.Context())
			start := time.Now()
			_, err := p.Audit(ctx, srv.addr)
			cancel()
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			assert.Less(t, time.Since(start), time.Second)
			srv.stop()
			goleak.VerifyNone(t, ignore)
		})
	}
}

// TestNoGoroutineLeftBehind runs every entry point against a real server,
// successful and failing, and checks that none leaves a goroutine.
func TestNoGoroutineLeftBehind(t *testing.T) {
	peertest.EnsureUser(t, testUser, testPassword)
	srv := peertest.StartDropbear(t, peertest.DropbearOptions{HostKeyTypes: []string{"ed25519"}})
	ignore := goleak.IgnoreCurrent()
	p := prober(t, probessh.Options{KnownHostsFiles: []string{srv.KnownHosts}, MaxOutput: 100})
	bad := prober(t, probessh.Options{Fingerprints: []string{"SHA256:" + strings.Repeat("A", 43)}})
	good := probessh.Login{User: testUser, Password: netdevsec.NewSecret(testPassword)}

	_, err := p.Audit(t.Context(), srv.Addr)
	require.NoError(t, err)
	_, err = bad.Audit(t.Context(), srv.Addr)
	require.NoError(t, err)
	require.NoError(t, p.Login(t.Context(), srv.Addr, good))
	_, err = p.Run(t.Context(), srv.Addr, good, "echo ok")
	require.NoError(t, err)
	_, err = p.Run(t.Context(), srv.Addr, good, "head -c 5000 /dev/zero")
	require.ErrorIs(t, err, probessh.ErrOutputTooLarge)
	_, err = bad.Run(t.Context(), srv.Addr, good, "echo ok")
	require.ErrorIs(t, err, probessh.ErrHostKeyMismatch)
	goleak.VerifyNone(t, ignore)
}
