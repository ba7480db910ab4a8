package router_test

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/internal/reltest"
	"github.com/netdevsec/netdevsec/probe/snmp"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
	"github.com/netdevsec/netdevsec/router"
)

// TestProbeFleetHostile: hostile agents and SSH servers in a fleet are
// recorded per device (no answer, or an error) while a real agent and a
// real sshd in the same run are judged; the run ends within one device's
// probe time, keeps the target order, and leaves no goroutine.
func TestProbeFleetHostile(t *testing.T) {
	t.Run("snmp", func(t *testing.T) {
		agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{SysDescr: "RTX830 Rev.15.02.30 (Mon Dec 18 10:33:03 2023)"})
		garbage := reltest.StartUDP(t, func([]byte) [][]byte { return [][]byte{reltest.Garbage(200), reltest.Garbage(3)} })
		echo := reltest.StartUDP(t, func(req []byte) [][]byte { return [][]byte{req} })
		silent := reltest.StartUDP(t, nil)
		ignore := goleak.IgnoreCurrent()
		targets := []router.Target{{ID: "garbage", Addr: garbage.Addr}, {ID: "echo", Addr: echo.Addr}, {ID: "silent", Addr: silent.Addr}, {ID: "real", Addr: agent.Addr}}
		const timeout = 3 * time.Second // 300 ms of slack: this test runs a real agent and many sockets
		start := time.Now()
		res := router.ProbeFleet(t.Context(), targets, &router.FleetOptions{SNMP: &snmp.Options{Timeout: timeout, Concurrency: 8}})
		elapsed := time.Since(start)
		require.Len(t, res, len(targets))
		for i, r := range res {
			assert.Equal(t, targets[i], r.Target)
			require.NotNil(t, r.SNMP, "%s: %v", r.Target.ID, r.Errors)
		}
		for _, r := range res[:3] {
			assert.False(t, r.SNMP.Responded, r.Target.ID)
			assert.Empty(t, r.SNMP.Accepted, r.Target.ID)
			assert.LessOrEqual(t, r.Duration, reltest.Deadline(timeout), "%s: one round of requests, each bounded", r.Target.ID)
		}
		assert.True(t, res[3].SNMP.Responded)
		assert.NotEmpty(t, res[3].SNMP.Accepted)
		assert.Less(t, elapsed, 2*timeout, "devices are probed in parallel")
		goleak.VerifyNone(t, ignore)
	})
	t.Run("ssh", func(t *testing.T) {
		real := peertest.StartSSHD(t, peertest.SSHDOptions{HostKeyTypes: []string{"ed25519"}})
		silent := reltest.StartTCP(t, func(c net.Conn, _ <-chan struct{}) { _, _ = io.Copy(io.Discard, c) })
		oversized := reltest.StartTCP(t, func(c net.Conn, _ <-chan struct{}) {
			_, _ = c.Write([]byte("SSH-2.0-Hostile\r\n\xff\xff\xff\xf0\x14"))
			_, _ = io.Copy(io.Discard, c)
		})
		garbage := reltest.StartTCP(t, func(c net.Conn, _ <-chan struct{}) {
			_, _ = c.Write(bytes.Repeat([]byte("garbage\r\n"), 100))
			_, _ = io.Copy(io.Discard, c)
		})
		prober, err := probessh.New(probessh.Options{KnownHostsFiles: []string{real.KnownHosts}, Timeout: 2 * time.Second})
		require.NoError(t, err)
		ignore := goleak.IgnoreCurrent()
		targets := []router.Target{{ID: "silent", Addr: silent.Addr}, {ID: "oversized", Addr: oversized.Addr}, {ID: "garbage", Addr: garbage.Addr}, {ID: "real", Addr: real.Addr}}
		start := time.Now()
		res := router.ProbeFleet(t.Context(), targets, &router.FleetOptions{SkipSNMP: true, SSH: prober})
		elapsed := time.Since(start)
		require.Len(t, res, len(targets))
		for i, r := range res[:3] {
			assert.Equal(t, targets[i], r.Target)
			require.Len(t, r.Errors, 1, r.Target.ID)
			assert.Contains(t, r.Errors[0], "ssh: ")
			assert.Nil(t, r.SSH)
			assert.LessOrEqual(t, r.Duration, reltest.Deadline(2*time.Second), r.Target.ID)
		}
		assert.Empty(t, res[3].Errors)
		require.NotNil(t, res[3].SSH)
		assert.NotEmpty(t, res[3].SSH.Algorithms.Kex)
		assert.Less(t, elapsed, 8*time.Second, "devices are probed in parallel")
		silent.Stop()
		oversized.Stop()
		garbage.Stop()
		goleak.VerifyNone(t, ignore)
	})
}
