package ntpcheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/reltest"
)

// TestHostileServers: a server that is silent, answers with garbage, a
// short datagram, the client's own request, a reply to another query, or
// a flood, is unreachable with an error, within the timeout plus 10 %,
// and the check leaves no goroutine behind.
func TestHostileServers(t *testing.T) {
	const timeout = 2 * time.Second
	tests := []struct {
		name  string
		reply func(req []byte) [][]byte
		fast  bool
	}{
		{name: "silent"},
		{name: "garbage", reply: func([]byte) [][]byte { return [][]byte{reltest.Garbage(48)} }},
		{name: "short", reply: func([]byte) [][]byte { return [][]byte{{0x24, 0x01}} }},
		{name: "oversized", reply: func([]byte) [][]byte { return [][]byte{reltest.Garbage(60000)} }},
		{name: "echo of the request", reply: func(req []byte) [][]byte { return [][]byte{req} }},
		{name: "reply to another query", reply: func(req []byte) [][]byte {
			r := bytes.Clone(req)
			r[0] = 0x24                        // LI 0, version 4, mode 4 (server)
			r[1] = 2                           // stratum 2
			copy(r[24:32], reltest.Garbage(8)) // origin timestamp not ours
			return [][]byte{r}
		}},
		{name: "flood", reply: func([]byte) [][]byte {
			out := make([][]byte, 500)
			for i := range out {
				out[i] = reltest.Garbage(48 + i%16)
			}
			return out
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := reltest.StartUDP(t, tc.reply)
			ignore := goleak.IgnoreCurrent()
			start := time.Now()
			res := Check(t.Context(), []string{srv.Addr}, &Options{Timeout: timeout, MinSources: 1})
			elapsed := time.Since(start)
			require.Len(t, res.Sources, 1)
			s := res.Sources[0]
			assert.False(t, s.Reachable)
			require.Error(t, s.Err)
			assert.Contains(t, s.Err.Error(), srv.Addr, "the error names the server")
			assert.Equal(t, Fail, res.Verdict)
			assert.Positive(t, srv.Requests.Load())
			assert.LessOrEqual(t, elapsed, reltest.Deadline(timeout))
			goleak.VerifyNone(t, ignore)
		})
	}
}

// TestHostileServerCancel: a deadline on the context caps the query (the
// error is the read timeout or the context's), and cancelling ends the
// check of a silent server at once with the context's error.
func TestHostileServerCancel(t *testing.T) {
	srv := reltest.StartUDP(t, nil)
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		res := Check(ctx, []string{srv.Addr}, &Options{Timeout: 3 * time.Second})
		require.Len(t, res.Sources, 1)
		err := res.Sources[0].Err
		assert.True(t, errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded), "%v", err)
		assert.Less(t, time.Since(start), time.Second)
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(200*time.Millisecond, cancel)
		start := time.Now()
		res := Check(ctx, []string{srv.Addr}, &Options{Timeout: 3 * time.Second})
		require.Len(t, res.Sources, 1)
		require.ErrorIs(t, res.Sources[0].Err, context.Canceled)
		assert.Less(t, time.Since(start), time.Second)
	})
}

// TestHostileServerKeyNotShown: with a symmetric key, neither the
// errors of hostile servers nor the findings show the key, valid or not.
func TestHostileServerKeyNotShown(t *testing.T) {
	garbage := reltest.StartUDP(t, func([]byte) [][]byte { return [][]byte{reltest.Garbage(68)} })
	silent := reltest.StartUDP(t, nil)
	for _, key := range []string{"HEX:5bd8f1c6a0e94b3f7d2c", "ASCII:Ntp-Key-Not-Shown", "ASCII:", "HEX:zz-not-hex-Ntp-Key"} {
		for _, typ := range []string{"sha256", "md5", "aes128cmac", "bogus"} {
			res := Check(t.Context(), []string{garbage.Addr, silent.Addr}, &Options{Timeout: 300 * time.Millisecond,
				Auth: Auth{Type: typ, KeyID: 7, Key: netdevsec.NewSecret(key)}})
			secret := strings.TrimPrefix(strings.TrimPrefix(key, "HEX:"), "ASCII:")
			if secret == "" {
				continue
			}
			for _, s := range res.Sources {
				require.Error(t, s.Err)
				assert.NotContains(t, s.Err.Error(), secret)
				assert.NotContains(t, strings.Join(s.Problems, " "), secret)
			}
			for _, f := range res.Findings("ntp") {
				assert.NotContains(t, fmt.Sprintf("%v %+v", f.Message, f.Evidence), secret)
			}
		}
	}
}
