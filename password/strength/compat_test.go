package strength

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// vector is one line of testdata/vectors.jsonl.gz, scored by npm
// zxcvbn@4.4.2 with the reference year pinned to 2017.
type vector struct {
	Password string  `json:"password"`
	Guesses  float64 `json:"guesses"`
	Score    int     `json:"score"`
	Sequence [][]any `json:"sequence"`
}

func loadVectors(t testing.TB) []vector {
	t.Helper()
	f, err := os.Open("testdata/vectors.jsonl.gz")
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	var vs []vector
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var v vector
		require.NoError(t, json.Unmarshal(sc.Bytes(), &v), "vectors.jsonl.gz:%d", line)
		vs = append(vs, v)
	}
	require.NoError(t, sc.Err())
	return vs
}

func sameGuesses(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func patternSummary(seq []Match) string {
	s := ""
	for _, m := range seq {
		d := m.DictionaryName + m.Graph + m.SequenceName + m.RegexName
		s += fmt.Sprintf("[%s %d %d %s]", m.Pattern, m.I, m.J, d)
	}
	return s
}

func vectorSummary(seq [][]any) string {
	s := ""
	for _, m := range seq {
		s += fmt.Sprintf("[%v %v %v %v]", m[0], m[1], m[2], m[3])
	}
	return s
}

// TestCompatibility asserts that Compatible mode gives zxcvbn 4.4.2's
// score on at least 99.9 % of the corpus, and reports how often the
// guesses and the pattern sequence agree too.
func TestCompatibility(t *testing.T) {
	vs := loadVectors(t)
	require.GreaterOrEqual(t, len(vs), 5000)
	est := New(nil)
	ctx := context.Background()
	sameScore, sameG, sameSeq := 0, 0, 0
	var mismatches []string
	for _, v := range vs {
		r, err := est.Estimate(ctx, v.Password, nil)
		require.NoError(t, err)
		if r.Score == v.Score {
			sameScore++
		} else {
			mismatches = append(mismatches, fmt.Sprintf("%q: score %d want %d, guesses %g want %g\n  got  %s\n  want %s",
				v.Password, r.Score, v.Score, r.Guesses, v.Guesses, patternSummary(r.Sequence), vectorSummary(v.Sequence)))
		}
		if sameGuesses(r.Guesses, v.Guesses) {
			sameG++
		} else if testing.Verbose() && r.Score == v.Score {
			t.Logf("guesses differ %q: %g want %g\n  got  %s\n  want %s", v.Password, r.Guesses, v.Guesses, patternSummary(r.Sequence), vectorSummary(v.Sequence))
		}
		if patternSummary(r.Sequence) == vectorSummary(v.Sequence) {
			sameSeq++
		}
	}
	n := float64(len(vs))
	t.Logf("%d vectors: same score %.3f%%, same guesses %.3f%%, same pattern sequence %.3f%%",
		len(vs), 100*float64(sameScore)/n, 100*float64(sameG)/n, 100*float64(sameSeq)/n)
	for _, m := range mismatches {
		t.Log(m)
	}
	require.GreaterOrEqual(t, float64(sameScore)/n, 0.999, "score agreement below 99.9%%")
}
