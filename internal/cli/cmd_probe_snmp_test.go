package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/internal/peertest"
)

func runProbeSNMP(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := probeSNMP(context.Background(), &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }}, args)
	return out.String(), errb.String(), code
}

func TestProbeSNMPCommand(t *testing.T) {
	open := peertest.StartSNMPD(t, peertest.SNMPDOptions{SysDescr: "RTX830 Rev.15.02.30 (Mon Dec 18 10:33:03 2023)"})
	closed := peertest.StartSNMPD(t, peertest.SNMPDOptions{ROCommunities: []string{"Zq8-unique-ro"}})

	t.Run("default community fails", func(t *testing.T) {
		out, stderr, code := runProbeSNMP(t, nil, "--timeout", "1s", "--retries", "1", open.Addr)
		assert.Equal(t, ExitFindings, code, stderr)
		assert.Contains(t, out, open.Addr+"  FAIL")
		assert.Contains(t, out, "yamaha rtx RTX830 Rev.15.02.30")
		assert.Contains(t, stderr, "[1/1] "+open.Addr)
	})
	t.Run("user community passes and is never printed", func(t *testing.T) {
		env := map[string]string{"COMM": "Zq8-unique-ro"}
		out, stderr, code := runProbeSNMP(t, env, "--format", "json", "--community-env", "COMM", "--timeout", "1s", "--retries", "1", closed.Addr)
		assert.Equal(t, ExitOK, code, stderr)
		assert.NotContains(t, out+stderr, "Zq8-unique-ro")
		var rep snmpProbeReport
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		require.Len(t, rep.Hosts, 1)
		require.NotNil(t, rep.Hosts[0].Result)
		assert.Len(t, rep.Hosts[0].Result.Accepted, 2, "v1 and v2c")
		assert.Empty(t, rep.Hosts[0].Problems)
	})
	t.Run("community file", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "c.txt")
		require.NoError(t, os.WriteFile(p, []byte("# comment\nZq8-unique-ro\n"), 0o600))
		out, stderr, code := runProbeSNMP(t, nil, "--no-default-communities", "--community-file", p, "--timeout", "1s", "--retries", "1", closed.Addr)
		assert.Equal(t, ExitOK, code, stderr)
		assert.Contains(t, out, "2 of 2 tried")
	})
}

func TestProbeSNMPUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no host", nil},
		{"bad format", []string{"--format", "xml", "h"}},
		{"bad timeout", []string{"--timeout", "0s", "h"}},
		{"bad retries", []string{"--retries", "9", "h"}},
		{"no communities at all", []string{"--no-default-communities", "h"}},
		{"missing env", []string{"--community-env", "NOPE", "h"}},
		{"missing file", []string{"--community-file", "/nonexistent/c", "h"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runProbeSNMP(t, nil, tt.args...)
			assert.Equal(t, ExitUsage, code)
			assert.NotEmpty(t, stderr)
		})
	}
	_, _, code := runProbeSNMP(t, nil, "--timeout", "100ms", "bad host")
	assert.Equal(t, ExitUsage, code, "a host that cannot be probed")
}
