package history

import (
	"bytes"
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testKey() ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
}

// sample writes a five-record history with a checkpoint after record 4.
func sample(t *testing.T) (string, Checkpoint) {
	var buf bytes.Buffer
	w := NewWriter(&buf, nil)
	t0 := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	dev := Device{ID: "rtr-tokyo-1", Model: "RTX1300"}
	proc := &ProcedureRef{ID: "FW-UPD", Version: "3"}
	pass := true
	for _, r := range []Record{
		{Time: t0, Device: dev, Action: ActionInstall, ToVersion: "Rev.23.00.10", Procedure: proc, Outcome: "success"},
		{Time: t0.Add(24 * time.Hour), Device: dev, Action: ActionTest, ToVersion: "Rev.23.01.02", Env: "staging",
			Test: &TestRef{Env: "staging", Result: "pass", Time: t0.Add(24 * time.Hour)}, Outcome: "success"},
		{Time: t0.Add(48 * time.Hour), Device: dev, Action: ActionBackup, Outcome: "success"},
		{Time: t0.Add(49 * time.Hour), Device: dev, Action: ActionUpdate, FromVersion: "Rev.23.00.10", ToVersion: "Rev.23.01.02",
			Image: &Image{SHA256: strings.Repeat("ab", 32), SignatureOK: &pass}, Procedure: proc, Operator: "ops1", Approver: "lead",
			AdvisoryRefs: []string{"JVN#00000000"}, Outcome: "success"},
	} {
		_, err := w.Append(r)
		require.NoError(t, err)
	}
	c, err := w.Checkpoint(testKey())
	require.NoError(t, err)
	_, err = w.Append(Record{Time: t0.Add(72 * time.Hour), Device: dev, Action: ActionBackup, Outcome: "success"})
	require.NoError(t, err)
	return buf.String(), c
}

func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

func TestVerify(t *testing.T) {
	good, cp := sample(t)
	pub := testKey().Public().(ed25519.PublicKey)
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32)).Public().(ed25519.PublicKey)
	ls := lines(good)
	require.Len(t, ls, 6)
	join := func(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
	for _, tc := range []struct {
		name string
		in   string
		opts Options
		want []Problem // compared on Line and Kind
	}{
		{"intact", good, Options{Key: pub, Known: []Checkpoint{cp}}, nil},
		{"intact without key", good, Options{}, nil},
		{"edited field", strings.Replace(good, `"operator":"ops1"`, `"operator":"mallory"`, 1), Options{},
			[]Problem{{Line: 4, Kind: KindEdit}}},
		{"deleted record", join(ls[0], ls[2], ls[3], ls[4], ls[5]), Options{},
			[]Problem{{Line: 2, Kind: KindGap}}},
		{"reordered records", join(ls[0], ls[2], ls[1], ls[3], ls[4], ls[5]), Options{},
			[]Problem{{Line: 2, Kind: KindGap}, {Line: 3, Kind: KindReorder}}},
		{"truncated after the checkpoint", join(ls[0], ls[1], ls[2]), Options{Key: pub, Known: []Checkpoint{cp}},
			[]Problem{{Line: 3, Kind: KindTruncation}}},
		{"wrong key", good, Options{Key: other},
			[]Problem{{Line: 5, Kind: KindSignature}, {Line: 0, Kind: KindUnsigned}}},
		{"no checkpoint when a key is required", join(ls[0], ls[1]), Options{Key: pub},
			[]Problem{{Line: 0, Kind: KindUnsigned}}},
		{"garbage line", join(ls[0], "{not json", ls[1]), Options{},
			[]Problem{{Line: 2, Kind: KindSyntax}}},
		{"unknown field", join(strings.Replace(ls[0], `{"seq":1`, `{"seq":1,"extra":true`, 1)), Options{},
			[]Problem{{Line: 1, Kind: KindSyntax}}},
		{"checkpoint before its record", join(ls[4], ls[0]), Options{},
			[]Problem{{Line: 1, Kind: KindTruncation}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Verify(strings.NewReader(tc.in), tc.opts)
			require.NoError(t, err)
			var got []Problem
			for _, p := range rep.Problems {
				assert.NotEmpty(t, p.Message)
				got = append(got, Problem{Line: p.Line, Kind: p.Kind})
			}
			assert.Equal(t, tc.want, got, "problems: %v", rep.Problems)
			assert.Equal(t, len(tc.want) == 0, rep.OK())
		})
	}
}

func TestVerifyLimits(t *testing.T) {
	_, err := Verify(strings.NewReader(strings.Repeat("x", MaxLine+10)), Options{})
	assert.ErrorIs(t, err, ErrTooLarge)
}

func TestWriterContinues(t *testing.T) {
	good, _ := sample(t)
	rep, err := Verify(strings.NewReader(good), Options{})
	require.NoError(t, err)
	last := rep.Records[len(rep.Records)-1].Record
	var buf bytes.Buffer
	buf.WriteString(good)
	r, err := NewWriter(&buf, &last).Append(Record{Time: time.Now(), Device: last.Device, Action: ActionTest, Outcome: "success"})
	require.NoError(t, err)
	assert.Equal(t, last.Seq+1, r.Seq)
	rep, err = Verify(&buf, Options{})
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%v", rep.Problems)
	assert.Len(t, rep.Records, 6)
}

func FuzzVerify(f *testing.F) {
	good, _ := func() (string, Checkpoint) {
		var buf bytes.Buffer
		w := NewWriter(&buf, nil)
		w.Append(Record{Time: time.Unix(0, 0), Device: Device{ID: "d"}, Action: ActionInstall, ToVersion: "1.0"})
		w.Append(Record{Time: time.Unix(10, 0), Device: Device{ID: "d"}, Action: ActionUpdate, ToVersion: "1.1"})
		c, _ := w.Checkpoint(testKey())
		return buf.String(), c
	}()
	f.Add([]byte(good))
	f.Add([]byte("{}\n"))
	pub := testKey().Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, err := Verify(bytes.NewReader(b), Options{Key: pub})
		if err != nil {
			return
		}
		for _, p := range rep.Problems {
			if p.Kind == "" || p.Message == "" {
				t.Fatalf("empty problem %+v", p)
			}
		}
	})
}
