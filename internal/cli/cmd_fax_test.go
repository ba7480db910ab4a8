package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/checktest"
	"github.com/netdevsec/netdevsec/fax"
)

// runFax runs "netdevsec fax ARGS".
func runFax(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cmdFax(context.Background(), &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }}, args)
	return out.String(), errb.String(), code
}

func TestFaxAudit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	book := filepath.Join(dir, "book.txt")
	require.NoError(t, os.WriteFile(book, []byte("# address book\n03-1234-5678\n06-6123-4567\n052-123-4567\n045-987-6543\n011-222-3333\n+44 20 7946 0018\n092-555-0101\n078-321-0099\n"), 0o600))
	out, stderr, code := runFax(t, "audit", "--config-dir", "../../fax/hylafax/testdata/bad", "--xferlog", "../../fax/testdata/xferfaxlog",
		"--address-book", book, "--device", "fax-test", "--format", "json", "--time", "2026-11-30T00:00:00Z")
	require.Equal(t, ExitFindings, code, stderr)
	r, err := netdevsec.DecodeJSONReport(strings.NewReader(out))
	require.NoError(t, err)
	checktest.Findings(t, fax.Rules(), r.Findings(), "$6$rounds", "$1$s4lt")
	fails := map[string]int{}
	for _, f := range r.Findings() {
		assert.Equal(t, "fax-test", f.Device)
		if f.Status == netdevsec.StatusFail {
			fails[f.RuleID]++
		}
	}
	assert.Equal(t, 3, fails["fax.log.misdirected"])
	assert.Equal(t, 2, fails["fax.log.unlisted-destination"])
	assert.Equal(t, 2, fails["fax.log.unconfirmed"])
	assert.Equal(t, 1, fails["fax.receive.file-mode"])
	assert.Equal(t, 3, fails["fax.client.password"])
	assert.Equal(t, 1, fails["fax.receive.sender-allow-list"])
}

func TestFaxAuditGoodServer(t *testing.T) {
	t.Parallel()
	out, stderr, code := runFax(t, "audit", "--config-dir", "../../fax/hylafax/testdata/good", "--lang", "en")
	assert.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, out, "fax.receive.file-mode")
}

func TestFaxUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "no subcommand", args: nil, want: "Usage: netdevsec fax"},
		{name: "unknown", args: []string{"send"}, want: `unknown subcommand "send"`},
		{name: "audit without input", args: []string{"audit"}, want: "give --config-dir DIR and/or --xferlog FILE"},
		{name: "audit missing dir", args: []string{"audit", "--config-dir", "/nonexistent/hylafax"}, want: "not a readable directory"},
		{name: "audit missing log", args: []string{"audit", "--xferlog", "/nonexistent/xferfaxlog"}, want: "--xferlog"},
		{name: "audit bad book", args: []string{"audit", "--xferlog", "../../fax/testdata/xferfaxlog", "--address-book", "testdata/../cmd_fax.go"}, want: "--address-book"},
		{name: "confirm one entry", args: []string{"confirm", "03"}, want: "give exactly two entries"},
		{name: "confirm invalid", args: []string{"confirm", "03-1234-5678", "03-1234-567q"}, want: "second entry: invalid character 'q'"},
		{name: "match unknown", args: []string{"match", "03-1234-5678", "ACME"}, want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, stderr, code := runFax(t, tc.args...)
			assert.Equal(t, ExitUsage, code)
			assert.Contains(t, stderr, tc.want)
		})
	}
}

func TestFaxConfirmAndMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"confirm", "03-1234-5678", "＋８１ ３ １２３４ ５６７８"}, ExitOK, "SAME: +81312345678\n"},
		{[]string{"confirm", "03-1234-5678", "03-1234-5687"}, ExitFindings, "DIFFERENT: entries do not match: national numbers differ at digit 8"},
		{[]string{"confirm", "--country-code", "44", "020 7946 0018", "+44 20 7946 0018"}, ExitOK, "SAME: +442079460018\n"},
		{[]string{"match", "03-1234-5678", "+81 3 1234 5678"}, ExitOK, "MATCH (confidence 1.00)"},
		{[]string{"match", "03-1234-5678", "+81 6 6123 4567"}, ExitFindings, "MISMATCH (confidence 1.00)"},
		{[]string{"match", "--min-digits", "9", "03-1234-5678", "1234 5678"}, ExitUsage, "UNKNOWN"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			out, stderr, code := runFax(t, tc.args...)
			assert.Equal(t, tc.code, code, stderr)
			assert.Contains(t, out, tc.want)
		})
	}
}

func TestFaxWiredInRun(t *testing.T) {
	t.Parallel()
	out, stderr, code := run(t, nil, "fax", "confirm", "052-123-4567", "+81 52 123 4567")
	assert.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, "SAME: +81521234567\n", out)
	_, stderr, code = run(t, nil, "fax", "--help")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, stderr, "netdevsec fax audit")
}
