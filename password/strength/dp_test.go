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
	// zxcvbn's answer is 11× above the single-cell guess here, so the
	// DP retries with a wider bound.
	inputs = append(inputs, "P@$$2001lovep@ssqwertypass3456l0veaqwerty12qwerty$19/12/2001Ｐａｓｓ19/12/2001andpassdragon$@00a0dePASSrtx1210abcP@$$and19/12/20011987th3PaSslove00a0de19/12/2001abcL0VE100a0de19/12/2001$$p@ss19/12/2001$rtx121000a0deadmin2001abc2001the2001!00a0deaaaPaSsthePASSabc@20242001Ｐａｓｓ1dragon$PASS12"[:256])
	tables := sharedTables()
	user := New(nil).userTrie(ContextWords{Vendor: "Yamaha", Model: "RTX1210", UserName: "admin", MAC: "00:a0:de:12:34:56"}.Inputs())
	for x, pw := range inputs {
		u := utf16Units(pw)
		ut := user
		if x%3 == 0 {
			ut = nil
		}
		fast := &run{ctx: context.Background(), t: tables, refYear: CompatibleReferenceYear, user: ut}
		plain := &run{ctx: context.Background(), t: tables, refYear: CompatibleReferenceYear, user: ut, plainDP: true}
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
