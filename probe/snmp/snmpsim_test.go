package snmp_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/probe/snmp"
)

// startSNMPSim runs snmpsimd (Debian snmpsim) on loopback over the
// recordings in testdata/snmprec; each recording answers the community
// named after its file. It returns the agent's address.
func startSNMPSim(t *testing.T) string {
	t.Helper()
	bin := peertest.Require(t, "snmpsimd")
	// snmpsimd drops root privileges to nobody, who must read the data.
	dir, err := os.MkdirTemp("", "netdevsec-snmpsim-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	data, cache := filepath.Join(dir, "data"), filepath.Join(dir, "cache")
	for _, d := range []string{dir, data, cache} {
		require.NoError(t, os.MkdirAll(d, 0o755))
		require.NoError(t, os.Chmod(d, 0o777))
	}
	recs, err := filepath.Glob("testdata/snmprec/*.snmprec")
	require.NoError(t, err)
	for _, r := range recs {
		b, err := os.ReadFile(r)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(data, filepath.Base(r)), b, 0o644))
	}
	port := peertest.FreeUDPPort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	args := []string{"--data-dir=" + data, "--agent-udpv4-endpoint=" + addr, "--cache-dir=" + cache}
	if os.Geteuid() == 0 {
		args = append(args, "--process-user=nobody", "--process-group=nogroup")
	}
	cmd := exec.Command(bin, args...)
	log, err := os.Create(filepath.Join(dir, "snmpsimd.log"))
	require.NoError(t, err)
	cmd.Stdout, cmd.Stderr = log, log
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait(); log.Close() })
	// Ready when a recording answers.
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		res, err := snmp.Probe(context.Background(), addr, &snmp.Options{NoDefaultCommunities: true, SkipV3: true,
			Communities: []netdevsec.Secret{netdevsec.NewSecret("routeros-rb4011")}, Versions: []snmp.Version{snmp.V2c}, Timeout: 300 * time.Millisecond})
		if err == nil && len(res.Accepted) == 1 {
			return addr
		}
		time.Sleep(200 * time.Millisecond)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "snmpsimd.log"))
	t.Fatalf("snmpsimd did not answer: %s", b)
	return ""
}

// TestProbeSNMPSimRecordings identifies vendors from recorded agents as
// LibreNMS's snmpsim corpus stores them (the Cisco sysDescr hex-encoded
// with CRLF line breaks).
func TestProbeSNMPSimRecordings(t *testing.T) {
	addr := startSNMPSim(t)
	tests := []struct {
		community string
		want      snmp.Identity
	}{
		{"cisco-c880", snmp.Identity{Vendor: "cisco", OS: "ios", Model: "C880", Version: "15.2(4)M6a", Enterprise: 9}},
		{"routeros-rb4011", snmp.Identity{Vendor: "mikrotik", OS: "routeros", Model: "RB4011iGS+", Enterprise: 14988}},
		{"yamaha-rtx1210", snmp.Identity{Vendor: "yamaha", OS: "rtx", Model: "RTX1210", Version: "Rev.14.01.38", Enterprise: 1182}},
	}
	for _, tt := range tests {
		t.Run(tt.community, func(t *testing.T) {
			res, err := snmp.Probe(context.Background(), addr, &snmp.Options{SkipV3: true, Timeout: time.Second, Retries: 1,
				Communities: []netdevsec.Secret{netdevsec.NewSecret(tt.community)}})
			require.NoError(t, err)
			assert.Equal(t, []string{"v1 " + tt.community + " default=false", "v2c " + tt.community + " default=false"}, community(res),
				"public/private refused, the recording's community accepted")
			assert.Equal(t, tt.want, res.Identity)
		})
	}
}
