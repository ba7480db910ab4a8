// Package forward proves that a device's log forwarding really delivers:
// it runs a syslog receiver (TCP with octet-counting or LF framing, and
// TLS per RFC 5425 with optional client certificates) that the device
// forwards to, and waits for a marker message to arrive (CIAJ-1.4.2-6).
//
// # Touches
//
// Listens on the address the caller gives (tests use 127.0.0.1 and a
// free port); reads at most Options.MaxRecord bytes per record and keeps
// the last Options.Keep records in memory. Sends nothing.
package forward

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/syslog"
)

// ErrNotDelivered is returned by [Listener.Await] when the marker did
// not arrive in time.
var ErrNotDelivered = errors.New("log record not delivered")

// Options tune a [Listener]; the zero value is a plain-TCP receiver with
// the defaults below.
type Options struct {
	// TLS, when set, makes the listener speak TLS (RFC 5425). Set
	// ClientAuth to tls.RequireAndVerifyClientCert for mutual
	// authentication as RFC 5425 asks.
	TLS *tls.Config
	// MaxRecord bounds one record; 0 means syslog.DefaultMaxRecord.
	MaxRecord int
	// MaxConns bounds concurrent connections; 0 means 16.
	MaxConns int
	// IdleTimeout closes a connection that sends nothing for this long;
	// 0 means 2 minutes.
	IdleTimeout time.Duration
	// Keep is how many recent records are kept for Await; 0 means 1024.
	Keep int
}

// Record is one received syslog record.
type Record struct {
	Raw      string
	Remote   string
	Received time.Time
	// Transport is "tcp" or "tls".
	Transport string
	// Peer is the verified client certificate's subject common name
	// (TLS with client authentication), else empty.
	Peer string
	// Truncated says the record was longer than MaxRecord.
	Truncated bool
}

// Listener receives syslog over TCP or TLS.
type Listener struct {
	ln    net.Listener
	o     Options
	tr    string
	sem   chan struct{}
	mu    sync.Mutex
	cond  *sync.Cond
	recs  []Record
	next  int
	n     int // total received
	done  bool
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

// Listen starts a receiver on addr ("127.0.0.1:0" for a free port). It
// serves until ctx is done or Close is called.
func Listen(ctx context.Context, addr string, o *Options) (*Listener, error) {
	var opt Options
	if o != nil {
		opt = *o
	}
	if opt.MaxConns <= 0 {
		opt.MaxConns = 16
	}
	if opt.IdleTimeout <= 0 {
		opt.IdleTimeout = 2 * time.Minute
	}
	if opt.Keep <= 0 {
		opt.Keep = 1024
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", addr, err)
	}
	l := &Listener{ln: ln, o: opt, tr: "tcp", sem: make(chan struct{}, opt.MaxConns), recs: make([]Record, 0, opt.Keep), conns: map[net.Conn]struct{}{}}
	if opt.TLS != nil {
		l.ln = tls.NewListener(ln, opt.TLS)
		l.tr = "tls"
	}
	l.cond = sync.NewCond(&l.mu)
	l.wg.Add(1)
	go l.serve()
	go func() {
		<-ctx.Done()
		l.Close()
	}()
	return l, nil
}

// Addr returns the listening address.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Close stops the listener and wakes Await callers.
func (l *Listener) Close() error {
	l.mu.Lock()
	already := l.done
	l.done = true
	l.cond.Broadcast()
	for c := range l.conns {
		c.Close()
	}
	l.mu.Unlock()
	if already {
		return nil
	}
	err := l.ln.Close()
	l.wg.Wait()
	return err
}

func (l *Listener) serve() {
	defer l.wg.Done()
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		select {
		case l.sem <- struct{}{}:
		default:
			c.Close() // too many connections
			continue
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			defer func() { <-l.sem }()
			l.handle(c)
		}()
	}
}

type deadlineReader struct {
	c    net.Conn
	idle time.Duration
}

func (d deadlineReader) Read(p []byte) (int, error) {
	_ = d.c.SetReadDeadline(time.Now().Add(d.idle))
	return d.c.Read(p)
}

func (l *Listener) handle(c net.Conn) {
	l.mu.Lock()
	if l.done {
		l.mu.Unlock()
		c.Close()
		return
	}
	l.conns[c] = struct{}{}
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.conns, c)
		l.mu.Unlock()
		c.Close()
	}()
	peer := ""
	if tc, ok := c.(*tls.Conn); ok {
		_ = tc.SetDeadline(time.Now().Add(l.o.IdleTimeout))
		if err := tc.Handshake(); err != nil {
			return
		}
		if st := tc.ConnectionState(); len(st.PeerCertificates) > 0 && len(st.VerifiedChains) > 0 {
			peer = st.PeerCertificates[0].Subject.CommonName
		}
	}
	sc := syslog.NewScanner(deadlineReader{c, l.o.IdleTimeout}, &syslog.ScanOptions{MaxRecord: l.o.MaxRecord})
	for sc.Scan() {
		r := Record{Raw: string(sc.Bytes()), Remote: c.RemoteAddr().String(), Received: time.Now(), Transport: l.tr, Peer: peer, Truncated: sc.Truncated()}
		l.mu.Lock()
		if len(l.recs) < l.o.Keep {
			l.recs = append(l.recs, r)
		} else {
			l.recs[l.next] = r
		}
		l.next = (l.next + 1) % l.o.Keep
		l.n++
		l.cond.Broadcast()
		l.mu.Unlock()
	}
}

// Received returns how many records arrived so far.
func (l *Listener) Received() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

// Await waits until a record containing marker arrives and returns it;
// it returns ErrNotDelivered when ctx ends or the listener closes first.
func (l *Listener) Await(ctx context.Context, marker string) (Record, error) {
	stop := context.AfterFunc(ctx, func() {
		l.mu.Lock()
		l.cond.Broadcast()
		l.mu.Unlock()
	})
	defer stop()
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		for _, r := range l.recs {
			if strings.Contains(r.Raw, marker) {
				return r, nil
			}
		}
		if l.done || ctx.Err() != nil {
			return Record{}, fmt.Errorf("marker %s: %w", marker, ErrNotDelivered)
		}
		l.cond.Wait()
	}
}

// NewMarker returns a unique token to send through the device.
func NewMarker() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "netdevsec-forward-check-" + hex.EncodeToString(b)
}

// RuleDelivers is the rule of the forwarding check.
func RuleDelivers() netdevsec.Rule {
	return netdevsec.Rule{
		ID:       "logging.remote.delivers",
		Severity: netdevsec.SeverityMedium,
		Clauses:  []netdevsec.ClauseID{"CIAJ-1.4.2-6"},
		Title:    netdevsec.Text{EN: "Log forwarding delivers", JA: "ログ転送が実際に届く"},
		Description: netdevsec.Text{
			EN: "A configured log server is only a backup if records arrive: a marker message is sent through the device and must reach the receiver, over TLS (RFC 5425) where configured (NDcPP v4.0 FAU_STG_EXT.1.1, FTP_ITC.1).",
			JA: "設定されたログサーバは記録が届いて初めてバックアップになる。機器経由で目印のメッセージを送り、受信側に届くことを確認する。設定されていれば TLS（RFC 5425）で確認する（NDcPP v4.0 FAU_STG_EXT.1.1、FTP_ITC.1）。",
		},
		Remediation: netdevsec.Text{
			EN: "Check the forwarding target, port, transport and certificates on the device and the firewall between them.",
			JA: "機器の転送先、ポート、トランスポート、証明書、および途中のファイアウォールを確認する。",
		},
		References: []netdevsec.Reference{{Name: "RFC 5425"}, {Name: "RFC 6587"}, {Name: "NDcPP v4.0 FAU_STG_EXT.1.1"}},
	}
}

// Finding turns the result of Await into a finding for device.
func Finding(device, marker string, r Record, err error) netdevsec.Finding {
	rule := RuleDelivers()
	if err != nil {
		return rule.Fail(device, "the marker record did not arrive: "+err.Error(), netdevsec.E("marker", marker))
	}
	ev := []netdevsec.Evidence{netdevsec.E("marker", marker), netdevsec.E("transport", r.Transport), netdevsec.E("from", r.Remote)}
	if r.Peer != "" {
		ev = append(ev, netdevsec.E("client_certificate", r.Peer))
	}
	var e syslog.Event
	if syslog.NewParser(nil).ParseString(r.Raw, &e) == nil {
		ev = append(ev, netdevsec.E("time_quality", e.TimeQuality))
	}
	return rule.Pass(device, "the marker record arrived over "+r.Transport, ev...)
}
