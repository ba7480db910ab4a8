package sip

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Hostile or silent peers cannot hang the probe or make it read without
// bound: each request ends by its timeout.
func TestHostilePeers(t *testing.T) {
	t.Run("udp silent", func(t *testing.T) {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		require.NoError(t, err)
		defer pc.Close()
		got := make(chan int, 16)
		go func() {
			buf := make([]byte, 65536)
			for {
				if _, _, err := pc.ReadFrom(buf); err != nil {
					close(got)
					return
				}
				got <- 1
			}
		}()
		start := time.Now()
		res, err := New(&Options{Timeout: 1200 * time.Millisecond, Interval: time.Millisecond, NoInvite: true}).Probe(context.Background(), pc.LocalAddr().String())
		require.NoError(t, err)
		assert.Less(t, time.Since(start), 6*time.Second)
		assert.Zero(t, res.Options.Status)
		assert.Contains(t, res.Options.Err, "no SIP response")
		pc.Close()
		n := 0
		for range got {
			n++
		}
		assert.GreaterOrEqual(t, n, 4, "UDP requests are retransmitted (timer A)")
	})
	for name, reply := range map[string]string{
		"tcp endless header": "SIP/2.0 200 OK\r\nX: " + strings.Repeat("a", 2*MaxMessageSize),
		"tcp huge body":      "SIP/2.0 200 OK\r\nContent-Length: 999999999\r\n\r\n",
		"tcp garbage":        strings.Repeat("\x00\xff garbage\r\n", 5000),
	} {
		t.Run(name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			defer ln.Close()
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					go func() {
						defer c.Close()
						_, _ = c.Read(make([]byte, 4096))
						_ = c.SetWriteDeadline(time.Now().Add(3 * time.Second))
						_, _ = c.Write([]byte(reply))
						time.Sleep(3 * time.Second)
					}()
				}
			}()
			start := time.Now()
			res, err := New(&Options{Transport: "tcp", Timeout: time.Second, Interval: time.Millisecond, NoInvite: true}).Probe(context.Background(), ln.Addr().String())
			require.NoError(t, err)
			assert.Less(t, time.Since(start), 8*time.Second)
			assert.Zero(t, res.Options.Status)
			assert.NotEmpty(t, res.Options.Err)
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := New(nil).Probe(ctx, "127.0.0.1:9")
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("bad address", func(t *testing.T) {
		_, err := New(nil).Probe(context.Background(), "no-port")
		assert.Error(t, err)
		_, err = New(&Options{Transport: "sctp"}).Probe(context.Background(), "127.0.0.1:5060")
		assert.Error(t, err)
	})
}
