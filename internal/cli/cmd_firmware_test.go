package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/firmware/history"
)

var updateFirmwareDemo = flag.Bool("update-firmware-demo", false, "rewrite the demo fleet's firmware history")

// demoHistoryKey signs the demo history's checkpoints. It is a demo key
// with a fixed seed: never use it for a real history.
func demoHistoryKey() ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte("netdevsec-demo-k"), 2))
}

func demoHistory(t *testing.T) []byte {
	var buf bytes.Buffer
	w := history.NewWriter(&buf, nil)
	d := history.Device{ID: "rtr-tokyo-1", Model: "RTX1300", Serial: "S5A000001"}
	proc := &history.ProcedureRef{ID: "FW-UPD", Version: "2"}
	t0 := time.Date(2023, 10, 2, 1, 0, 0, 0, time.UTC)
	for _, r := range []history.Record{
		{Time: t0, Device: d, Action: history.ActionInstall, ToVersion: "Rev.23.00.10", Procedure: proc, Operator: "sato", Approver: "tanaka", Outcome: "success"},
		{Time: time.Date(2024, 3, 18, 1, 0, 0, 0, time.UTC), Device: d, Action: history.ActionTest, Env: "staging", ToVersion: "Rev.23.01.02",
			Test: &history.TestRef{Env: "staging RTX1300", Result: "pass"}, Operator: "sato", Outcome: "success"},
		{Time: time.Date(2024, 3, 20, 0, 30, 0, 0, time.UTC), Device: d, Action: history.ActionBackup, Operator: "sato", Outcome: "success"},
		{Time: time.Date(2024, 3, 20, 1, 0, 0, 0, time.UTC), Device: d, Action: history.ActionUpdate, FromVersion: "Rev.23.00.10", ToVersion: "Rev.23.01.02",
			Procedure: proc, Operator: "sato", Approver: "tanaka", Outcome: "success"},
	} {
		_, err := w.Append(r)
		require.NoError(t, err)
	}
	_, err := w.Checkpoint(demoHistoryKey())
	require.NoError(t, err)
	return buf.Bytes()
}

// TestDemoFirmwareHistory keeps the demo history and its key in step with
// the history writer (-update-firmware-demo rewrites the file).
func TestDemoFirmwareHistory(t *testing.T) {
	path := filepath.Join("demo", "firmware", "rtr-tokyo-1.history.jsonl")
	want := demoHistory(t)
	if *updateFirmwareDemo {
		require.NoError(t, os.WriteFile(path, want, 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go test ./internal/cli -run TestDemoFirmwareHistory -update-firmware-demo")
	fleet, err := os.ReadFile(filepath.Join("demo", "fleet.yaml"))
	require.NoError(t, err)
	pub := base64.StdEncoding.EncodeToString(demoHistoryKey().Public().(ed25519.PublicKey))
	assert.Contains(t, string(fleet), pub, "the demo fleet's history_key")
}

func runCLI(t *testing.T, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func TestFirmwareCheckDemo(t *testing.T) {
	code, out, errOut := runCLI(t, "firmware", "check")
	assert.Equal(t, ExitFindings, code, "stderr: %s", errOut)
	assert.Contains(t, out, "DEVICE")
	lines := strings.Split(out, "\n")
	var osaka string
	for _, l := range lines {
		if strings.HasPrefix(l, "rtr-osaka-2") {
			osaka = l
		}
	}
	require.NotEmpty(t, osaka, out)
	assert.Contains(t, osaka, "NETDEVSEC-DEMO-2024-0001")
	assert.Contains(t, osaka, "affected")
	assert.Contains(t, osaka, "15.02.28")
	assert.NotContains(t, out, "rtr-tokyo-1 ", "the current router is not listed without --all")
	assert.Contains(t, out, "1 affected, 0 unknown, 1 not affected")

	code, out, _ = runCLI(t, "firmware", "check", "--all", "--format", "json")
	assert.Equal(t, ExitFindings, code)
	var rep struct {
		Schema   string `json:"schema"`
		Verdicts []struct {
			Device  string `json:"device"`
			ID      string `json:"id"`
			Verdict string `json:"verdict"`
			FixedIn string `json:"fixed_in"`
		} `json:"verdicts"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, firmwareCheckSchema, rep.Schema)
	require.Len(t, rep.Verdicts, 2)
	assert.Equal(t, "rtr-osaka-2", rep.Verdicts[0].Device)
	assert.Equal(t, "affected", rep.Verdicts[0].Verdict)
	assert.Equal(t, "rtr-tokyo-1", rep.Verdicts[1].Device)
	assert.Equal(t, "not-affected", rep.Verdicts[1].Verdict)
}

func TestFirmwareCheckFiles(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "fleet.yaml")
	require.NoError(t, os.WriteFile(inv, []byte(`version: 1
devices:
  - {id: fw-1, class: router, vendor: fortinet, model: FortiGate-60F, firmware: "v7.2.4 build1396 (GA.M)"}
  - {id: fw-2, class: router, vendor: fortinet, model: FortiGate-60F, firmware: "7.2.5"}
  - {id: c8k, class: router, vendor: cisco, model: C8300, firmware: "17.9.3", facts: {firmware: {product: ios_xe}}}
`), 0o644))
	adv := filepath.Join("..", "..", "firmware", "advisory", "testdata")
	code, out, errOut := runCLI(t, "firmware", "check", inv, "--advisories",
		filepath.Join(adv, "cve5-fortios.json")+","+filepath.Join(adv, "kev.json"),
		"--advisories", filepath.Join(adv, "csaf-cisco-iosxe.json"))
	assert.Equal(t, ExitFindings, code, errOut)
	assert.Regexp(t, `fw-1\s+v7\.2\.4 build1396 \(GA\.M\)\s+CVE-2023-27997\s+affected\s+in-range\s+7\.2\.5\s+yes \(2023-06-13\)`, out)
	assert.Regexp(t, `fw-2\s+7\.2\.5\s+CVE-2023-27997\s+unknown\s+free-text`, out)
	assert.Regexp(t, `c8k\s+17\.9\.3\s+CVE-2023-20198\s+affected\s+listed\s+17\.9\.4a\s+yes`, out)
	assert.Contains(t, errOut, "could not be interpreted")

	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"firmware"}, "Usage"},
		{[]string{"firmware", "frob"}, "unknown subcommand"},
		{[]string{"firmware", "check", inv}, "no advisories"},
		{[]string{"firmware", "check", "--advisories", "/nonexistent.json", inv}, "nonexistent"},
		{[]string{"firmware", "check", "--format", "xml"}, "unknown format"},
		{[]string{"firmware", "check", "a.yaml", "b.yaml"}, "at most one"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		assert.Equal(t, ExitUsage, code, "%v", tc.args)
		assert.Contains(t, errOut, tc.msg, "%v", tc.args)
	}
}

func TestFirmwareHistory(t *testing.T) {
	good := filepath.Join("demo", "firmware", "rtr-tokyo-1.history.jsonl")
	pub := base64.StdEncoding.EncodeToString(demoHistoryKey().Public().(ed25519.PublicKey))
	code, out, errOut := runCLI(t, "firmware", "history", "--key", pub, good)
	assert.Equal(t, ExitOK, code, errOut)
	assert.Contains(t, out, "intact: 4 records, 1 checkpoints")

	b, err := os.ReadFile(good)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(b), "\n")
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	// Drop the checkpoint and the last record; the checkpoint is kept
	// elsewhere and passed on the command line.
	require.NoError(t, os.WriteFile(bad, []byte(strings.Join(lines[:3], "")), 0o644))
	var cp struct {
		Checkpoint json.RawMessage `json:"checkpoint"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[4]), &cp))
	code, out, _ = runCLI(t, "firmware", "history", "--key", pub, "--checkpoint", string(cp.Checkpoint), bad)
	assert.Equal(t, ExitFindings, code)
	assert.Contains(t, out, "NOT intact")
	assert.Contains(t, out, "bad.jsonl:3: truncation: a checkpoint covers record 4 but the history ends at record 3")

	code, _, errOut = runCLI(t, "firmware", "history", "--key", "nope", good)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "not a base64 ed25519 public key")
}

// TestFirmwareCheckGolden pins the verdict table of the demo fleet (run
// with -update to rewrite testdata/firmware_check_demo.golden).
func TestFirmwareCheckGolden(t *testing.T) {
	code, out, _ := runCLI(t, "firmware", "check", "--all")
	assert.Equal(t, ExitFindings, code)
	path := filepath.Join("testdata", "firmware_check_demo.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./internal/cli -run TestFirmwareCheckGolden -update")
	assert.Equal(t, string(want), out)
}
