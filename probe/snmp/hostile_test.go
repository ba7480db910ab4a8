package snmp_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/reltest"
	"github.com/netdevsec/netdevsec/probe/snmp"
)

// TestHostileAgents: an agent that is silent, answers with garbage,
// with a BER length far beyond the datagram, with a truncated or echoed
// request, or floods datagrams, is reported as not responding (no
// community accepted) within the timeout plus 10 %, and the probe leaves
// no goroutine behind.
func TestHostileAgents(t *testing.T) {
	const timeout = 2 * time.Second
	tests := []struct {
		name  string
		reply func(req []byte) [][]byte
	}{
		{"silent", nil},
		{"garbage", func([]byte) [][]byte { return [][]byte{reltest.Garbage(300)} }},
		{"oversized BER length", func([]byte) [][]byte {
			return [][]byte{append([]byte{0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01}, reltest.Garbage(20)...)}
		}},
		{"truncated echo", func(req []byte) [][]byte { return [][]byte{req[:len(req)/2]} }},
		{"echo of the request", func(req []byte) [][]byte { return [][]byte{req} }},
		{"flood", func([]byte) [][]byte {
			out := make([][]byte, 500)
			for i := range out {
				out[i] = reltest.Garbage(40 + i%64)
			}
			return out
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := reltest.StartUDP(t, tc.reply)
			ignore := goleak.IgnoreCurrent()
			opts := &snmp.Options{
				Timeout:     timeout,
				Communities: []netdevsec.Secret{netdevsec.NewSecret("s3cr3t-c0mmunity")},
				V3Users:     []string{"admin"},
				Concurrency: 16, // one round: every try in parallel
			}
			start := time.Now()
			res, err := snmp.Probe(t.Context(), srv.Addr, opts)
			elapsed := time.Since(start)
			require.NoError(t, err, "silence and garbage are results, not errors")
			assert.False(t, res.Responded)
			assert.Empty(t, res.Accepted)
			assert.Nil(t, res.Engine)
			assert.Positive(t, srv.Requests.Load())
			assert.LessOrEqual(t, elapsed, reltest.Deadline(timeout), "one round of requests ends within the timeout + 10 %%")
			goleak.VerifyNone(t, ignore)
		})
	}
}

// TestHostileAgentCancel: cancelling the context ends a probe of a
// silent agent at once, with the context's error.
func TestHostileAgentCancel(t *testing.T) {
	srv := reltest.StartUDP(t, nil)
	ignore := goleak.IgnoreCurrent()
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := snmp.Probe(ctx, srv.Addr, &snmp.Options{Timeout: 5 * time.Second})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second)
	goleak.VerifyNone(t, ignore)
}
