package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/internal/reltest"
)

// commandBound is how long a whole command may take whose probes are
// bounded by d: the probe packages assert their timeout + 10 %; a command
// adds start-up, a real peer and output, so it gets + 50 % (CI machines
// are loaded while the test suite runs).
func commandBound(d time.Duration) time.Duration { return d + d/2 }

// TestProbeSNMPHostileFleet: `probe snmp` over several hosts, three of
// them hostile (garbage, an echo of the request, silence), reports each
// host in order, judges the real agent, and ends within the time of the
// slowest host (see commandBound): five requests (4 community tries, v3 discovery),
// four at a time, so two rounds of the request timeout.
func TestProbeSNMPHostileFleet(t *testing.T) {
	agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{})
	garbage := reltest.StartUDP(t, func([]byte) [][]byte { return [][]byte{reltest.Garbage(100)} })
	echo := reltest.StartUDP(t, func(req []byte) [][]byte { return [][]byte{req} })
	silent := reltest.StartUDP(t, nil)
	hosts := []string{garbage.Addr, echo.Addr, silent.Addr, agent.Addr}
	const timeout = 1500 * time.Millisecond
	start := time.Now()
	stdout, stderr, code := run(t, nil, append([]string{"probe", "snmp", "--format", "json", "--timeout", timeout.String()}, hosts...)...)
	elapsed := time.Since(start)
	assert.Equal(t, ExitFindings, code, stderr)
	var rep snmpProbeReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
	require.Len(t, rep.Hosts, len(hosts))
	for i, h := range rep.Hosts {
		assert.Equal(t, hosts[i], h.Host)
		require.NotNil(t, h.Result, h.Host)
	}
	for _, h := range rep.Hosts[:3] {
		assert.False(t, h.Result.Responded, h.Host)
		assert.Empty(t, h.Result.Accepted, h.Host)
		assert.Empty(t, h.Problems, "%s: a host that does not answer is not judged insecure", h.Host)
	}
	assert.NotEmpty(t, rep.Hosts[3].Problems, "the real agent accepts public")
	assert.Equal(t, 4, strings.Count(stderr, "] "), "one progress line per host: %s", stderr)
	assert.LessOrEqual(t, elapsed, commandBound(2*timeout), "hosts are probed in parallel")
}

// TestLogsNTPHostile: `logs ntp` with a garbage server and a silent one
// beside a real chronyd names every server, fails the hostile ones with
// the reason, and ends within the query timeout (see commandBound).
func TestLogsNTPHostile(t *testing.T) {
	real := peertest.StartChrony(t, peertest.ChronyOptions{})
	garbage := reltest.StartUDP(t, func([]byte) [][]byte { return [][]byte{reltest.Garbage(48)} })
	silent := reltest.StartUDP(t, nil)
	const timeout = 2 * time.Second
	start := time.Now()
	stdout, stderr, code := run(t, nil, "logs", "ntp", "--timeout", timeout.String(), "--min-sources", "1", garbage.Addr, silent.Addr, real.Addr)
	elapsed := time.Since(start)
	assert.LessOrEqual(t, elapsed, commandBound(timeout))
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 4, "one line per server and the verdict: %s %s", stdout, stderr)
	assert.True(t, strings.HasPrefix(lines[0], garbage.Addr+": fail"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], silent.Addr+": fail"), lines[1])
	assert.Contains(t, lines[1], "timeout")
	assert.True(t, strings.HasPrefix(lines[2], real.Addr+": "), lines[2])
	assert.Contains(t, lines[2], "stratum", "the real server is measured")
	assert.Contains(t, lines[3], "logging.ntp.live")
	assert.Contains(t, []int{ExitOK, ExitFindings}, code, stderr)
}
