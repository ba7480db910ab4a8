// Package reltest holds hostile peers for the reliability tests: UDP and
// TCP servers on 127.0.0.1 that stay silent, drip, flood or answer with
// garbage, so probes can be shown to end by their timeout, leave no
// goroutine behind and report the failure.
//
// It touches only loopback sockets on free ports, started and stopped by
// the test (t.Cleanup), and no credentials.
package reltest

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Slack is the tolerance on a probe's timeout: a probe must end within
// its timeout plus 10 %.
const Slack = 10 // percent

// Deadline is timeout plus [Slack] percent. Under the race detector,
// which slows the probe's own code several times and, on a loaded 2-core
// machine, makes timers fire a second late, it adds another 50 % and
// 1.5 s: the +10 % bound itself is asserted by the run without -race
// that .ci/run makes (go test -p 1 -run 'Hostile' ./...).
func Deadline(timeout time.Duration) time.Duration {
	d := timeout + timeout*Slack/100
	if raceDetector {
		d += timeout/2 + 1500*time.Millisecond
	}
	return d
}

// UDP is a hostile UDP server on 127.0.0.1.
type UDP struct {
	// Addr is host:port.
	Addr string
	// Requests counts the datagrams received.
	Requests atomic.Int64
	pc       net.PacketConn
	wg       sync.WaitGroup
}

// StartUDP serves reply on a free loopback port until the test ends:
// every datagram received is answered with the datagrams reply returns
// (none = silence). reply runs on one goroutine, one request at a time.
func StartUDP(t testing.TB, reply func(req []byte) [][]byte) *UDP {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen udp: %v", err)
	}
	u := &UDP{Addr: pc.LocalAddr().String(), pc: pc}
	u.wg.Go(func() {
		buf := make([]byte, 65536)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			u.Requests.Add(1)
			if reply == nil {
				continue
			}
			for _, d := range reply(append([]byte(nil), buf[:n]...)) {
				if _, err := pc.WriteTo(d, from); err != nil {
					return
				}
			}
		}
	})
	t.Cleanup(u.Stop)
	return u
}

// Stop closes the socket and waits for the server goroutine; it is safe
// to call more than once.
func (u *UDP) Stop() {
	u.pc.Close()
	u.wg.Wait()
}

// TCP is a hostile TCP server on 127.0.0.1.
type TCP struct {
	// Addr is host:port.
	Addr  string
	l     net.Listener
	quit  chan struct{}
	once  sync.Once
	mu    sync.Mutex
	conns []net.Conn
	wg    sync.WaitGroup
}

// StartTCP runs handle for every connection on a free loopback port until
// the test ends. quit is closed when the server stops; handle should
// return then (connections are closed too).
func StartTCP(t testing.TB, handle func(c net.Conn, quit <-chan struct{})) *TCP {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen tcp: %v", err)
	}
	s := &TCP{Addr: l.Addr().String(), l: l, quit: make(chan struct{})}
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
	t.Cleanup(s.Stop)
	return s
}

// Stop closes the listener and every connection and waits for the
// handlers; it is safe to call more than once.
func (s *TCP) Stop() {
	s.once.Do(func() {
		close(s.quit)
		s.l.Close()
		s.mu.Lock()
		for _, c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
	})
	s.wg.Wait()
}

// Garbage returns n bytes of a fixed, deterministic pattern that is no
// valid message of any protocol netdevsec speaks.
func Garbage(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}
