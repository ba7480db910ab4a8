package firmware

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/firmware/history"
)

var update = flag.Bool("update", false, "rewrite the generated histories in testdata/history")

// historyKey signs the test histories' checkpoints (a fixed test seed).
func historyKey() ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{42}, ed25519.SeedSize))
}

func historyPub() string {
	return base64.StdEncoding.EncodeToString(historyKey().Public().(ed25519.PublicKey))
}

// goodHistory: install, staging test, backup, update — all by procedure.
func goodHistory(t testing.TB, dev, model, from, to string) []byte {
	var buf bytes.Buffer
	w := history.NewWriter(&buf, nil)
	t0 := time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
	d := history.Device{ID: dev, Model: model}
	proc := &history.ProcedureRef{ID: "FW-UPD", Version: "2"}
	for _, r := range []history.Record{
		{Time: t0, Device: d, Action: history.ActionInstall, ToVersion: from, Procedure: proc, Operator: "ops1", Outcome: "success"},
		{Time: t0.Add(30 * 24 * time.Hour), Device: d, Action: history.ActionTest, Env: "staging", ToVersion: to,
			Test: &history.TestRef{Env: "staging", Result: "pass"}, Outcome: "success"},
		{Time: t0.Add(31 * 24 * time.Hour), Device: d, Action: history.ActionBackup, Outcome: "success"},
		{Time: t0.Add(31*24*time.Hour + time.Hour), Device: d, Action: history.ActionUpdate, FromVersion: from, ToVersion: to,
			Procedure: proc, Operator: "ops1", Approver: "lead", Outcome: "success"},
	} {
		_, err := w.Append(r)
		require.NoError(t, err)
	}
	_, err := w.Checkpoint(historyKey())
	require.NoError(t, err)
	return buf.Bytes()
}

// sloppyHistory: an update without backup, test or procedure.
func sloppyHistory(t testing.TB, dev, model, from, to string) []byte {
	var buf bytes.Buffer
	w := history.NewWriter(&buf, nil)
	t0 := time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
	d := history.Device{ID: dev, Model: model}
	for _, r := range []history.Record{
		{Time: t0, Device: d, Action: history.ActionInstall, ToVersion: from, Procedure: &history.ProcedureRef{ID: "FW-UPD"}, Outcome: "success"},
		{Time: t0.Add(40 * 24 * time.Hour), Device: d, Action: history.ActionUpdate, FromVersion: from, ToVersion: to, Outcome: "success"},
	} {
		_, err := w.Append(r)
		require.NoError(t, err)
	}
	return buf.Bytes()
}

// TestGenerateHistories keeps testdata/history in step with the writer;
// run with -update to rewrite the files.
func TestGenerateHistories(t *testing.T) {
	files := map[string][]byte{
		"good.jsonl":   goodHistory(t, "rtr-good", "RTX830", "Rev.15.02.26", "Rev.15.02.30"),
		"sloppy.jsonl": sloppyHistory(t, "rtr-bad", "RTX830", "Rev.15.02.20", "Rev.15.02.26"),
	}
	for name, want := range files {
		path := filepath.Join("testdata", "history", name)
		if *update {
			require.NoError(t, os.WriteFile(path, want, 0o644))
			continue
		}
		got, err := os.ReadFile(path)
		require.NoError(t, err, "run go test -update to create it")
		require.Equal(t, string(want), string(got), "%s is stale: run go test -update", path)
	}
}
