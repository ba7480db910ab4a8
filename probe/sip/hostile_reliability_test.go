package sip_test

import (
	"bytes"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/netdevsec/netdevsec/internal/reltest"
	"github.com/netdevsec/netdevsec/probe/sip"
)

// header returns the value of the first header name of a request.
func header(req []byte, name string) string {
	for _, l := range strings.Split(string(req), "\r\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// response builds a response to req with the dialog headers copied (so it
// matches the transaction) unless foreign is set.
func response(req []byte, status string, foreign bool) []byte {
	via, callID, cseq := header(req, "Via"), header(req, "Call-ID"), header(req, "CSeq")
	if foreign {
		via = "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKforeign"
		callID = "someone-else"
	}
	return fmt.Appendf(nil, "SIP/2.0 %s\r\nVia: %s\r\nFrom: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %s\r\nContent-Length: 0\r\n\r\n",
		status, via, header(req, "From"), header(req, "To"), callID, cseq)
}

func repeat(n int, d []byte) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = d
	}
	return out
}

// TestHostileUDPPeers: a PBX that floods provisional responses, floods
// final responses to other transactions, or answers with garbage never
// gets a final response recorded, and each request ends by its timeout
// (+10 %) with an error on the exchange; no goroutine is left.
func TestHostileUDPPeers(t *testing.T) {
	const timeout = time.Second
	tests := []struct {
		name  string
		reply func(req []byte) [][]byte
	}{
		{"flood of 100 Trying", func(req []byte) [][]byte {
			return repeat(300, response(req, "100 Trying", false))
		}},
		{"flood of 180 Ringing", func(req []byte) [][]byte { return repeat(300, response(req, "180 Ringing", false)) }},
		{"flood of foreign finals", func(req []byte) [][]byte { return repeat(300, response(req, "200 OK", true)) }},
		{"garbage", func([]byte) [][]byte {
			return [][]byte{reltest.Garbage(1400), []byte("SIP/2.0 200\r\n\r\n"), []byte("SIP/2.0 99999999999999999999 X\r\n\r\n")}
		}},
		{"oversized datagram", func(req []byte) [][]byte {
			return [][]byte{append(response(req, "200 OK", false)[:20], bytes.Repeat([]byte("A"), 60000)...)}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := reltest.StartUDP(t, tc.reply)
			ignore := goleak.IgnoreCurrent()
			p := sip.New(&sip.Options{Timeout: timeout, Interval: time.Millisecond, NoInvite: true})
			start := time.Now()
			res, err := p.Probe(t.Context(), srv.Addr)
			elapsed := time.Since(start)
			require.NoError(t, err)
			for _, ex := range []sip.Exchange{res.Options, res.RegisterUnknown} {
				assert.Zero(t, ex.Status, "%s: no final response", ex.Method)
				assert.NotEmpty(t, ex.Err, "%s: the timeout is recorded", ex.Method)
			}
			// Two requests (OPTIONS, REGISTER), each bounded by the timeout.
			assert.LessOrEqual(t, elapsed, reltest.Deadline(2*timeout))
			goleak.VerifyNone(t, ignore)
		})
	}
}

// TestHostileTCPDrip: a TCP peer that drips a response one byte at a time
// forever cannot hold a request past its timeout.
func TestHostileTCPDrip(t *testing.T) {
	const timeout = time.Second
	srv := reltest.StartTCP(t, func(c net.Conn, quit <-chan struct{}) {
		_, _ = c.Read(make([]byte, 4096))
		msg := []byte("SIP/2.0 200 OK\r\nX-Drip: " + strings.Repeat("a", 100000))
		for _, b := range msg {
			select {
			case <-quit:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if _, err := c.Write([]byte{b}); err != nil {
				return
			}
		}
	})
	ignore := goleak.IgnoreCurrent()
	p := sip.New(&sip.Options{Transport: "tcp", Timeout: timeout, Interval: time.Millisecond, NoInvite: true})
	start := time.Now()
	res, err := p.Probe(t.Context(), srv.Addr)
	elapsed := time.Since(start)
	require.NoError(t, err)
	assert.Zero(t, res.Options.Status)
	assert.NotEmpty(t, res.Options.Err)
	assert.LessOrEqual(t, elapsed, reltest.Deadline(2*timeout))
	srv.Stop()
	goleak.VerifyNone(t, ignore)
}
