package strength

import (
	"context"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDPPruningExact compares the pruned DP with zxcvbn's plain loops on
// long, match-dense inputs the JavaScript corpus cannot cover (zxcvbn
// takes seconds on them): same guesses, same sequence.
func TestDPPruningExact(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(2017))
	words := []string{"pass", "word", "love", "1987", "qwerty", "dragon", "p@ss", "l0ve", "2001", "th3", "the", "and",
		"12", "!", "@", "$", "Pass", "PASS", "PaSs", "P@$$", "L0VE", "abc", "aaa", "19/12/2001", "zxcvbn", "4321"}
	alphabets := []string{"aA", "aAbB", "4@8({[<3691!|70$5+7%2", "0123456789", "qwertyuiop", "19/20-01.", "ab", "a"}
	var inputs []string
	for it := 0; it < 40; it++ {
		n := 20 + rng.Intn(237)
		if it%2 == 0 {
			a := alphabets[rng.Intn(len(alphabets))]
			b := make([]byte, n)
			for k := range b {
				b[k] = a[rng.Intn(len(a))]
			}
			inputs = append(inputs, string(b))
			continue
		}
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(words[rng.Intn(len(words))])
		}
		inputs = append(inputs, b.String()[:n])
	}
	tables := sharedTables()
	for _, pw := range inputs {
		u := utf16Units(pw)
		fast := &run{ctx: context.Background(), t: tables, refYear: CompatibleReferenceYear}
		plain := &run{ctx: context.Background(), t: tables, refYear: CompatibleReferenceYear, plainDP: true}
		fs, fg := fast.mostGuessable(u, fast.omnimatch(u))
		ps, pg := plain.mostGuessable(u, plain.omnimatch(u))
		require.Equal(t, pg, fg, "%q", pw)
		require.Equal(t, len(ps), len(fs), "%q", pw)
		for k := range ps {
			require.Equal(t, [3]int{int(ps[k].kind), ps[k].i, ps[k].j}, [3]int{int(fs[k].kind), fs[k].i, fs[k].j}, "%q match %d", pw, k)
			require.Equal(t, ps[k].guesses, fs[k].guesses, "%q match %d", pw, k)
		}
	}
}
