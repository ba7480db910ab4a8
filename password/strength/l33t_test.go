package strength

import (
	"context"
	"math/rand"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// l33tMatchReference is zxcvbn's l33t_match done the direct way: one
// dictionary pass per substitution set (exponential in the number of
// distinct l33t characters). The fast l33tMatch must agree with it,
// order included.
func (r *run) l33tMatchReference(ms []match, u, lw []rune) []match {
	subs := l33tSubs(u)
	if len(subs) == 0 || len(subs[0]) == 0 {
		return ms
	}
	type key struct {
		i, j int
		dict uint8
		rank int32
		sub  string
	}
	seen := map[key]bool{}
	tr := make([]rune, len(lw))
	for _, sub := range subs {
		if len(sub) == 0 {
			break
		}
		var subOf [128]rune // l33t characters are ASCII
		for _, p := range sub {
			subOf[p.l33t] = p.letter
		}
		for k, c := range lw {
			tr[k] = c
			if c < 128 && subOf[c] != 0 {
				tr[k] = subOf[c]
			}
		}
		r.dictWalk(tr, func(i, j int, dict uint8, rank int32) {
			if i == j {
				return // zxcvbn drops one-character l33t matches
			}
			var used []subPair
			for _, p := range sub {
				for _, c := range u[i : j+1] {
					if c == p.l33t {
						used = append(used, p)
						break
					}
				}
			}
			if len(used) == 0 {
				return // the token is the word itself
			}
			k := key{i, j, dict, rank, subsKey(used)}
			if seen[k] {
				return // same match from another substitution set
			}
			seen[k] = true
			ms = append(ms, match{kind: kindDictionary, i: i, j: j, dict: dict, rank: rank, l33t: true, sub: used})
		})
	}
	return ms
}

func TestL33tMatchEquivalence(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(42))
	alphabets := []string{"4@8({[<3691!|70$5+7%2", "p@ssw0rd1!|7+$5", "aeio4310!|lst7+$5", "tr0ub4d0ur&3", "l1|7!+i"}
	words := []string{"p@ss", "w0rd", "l0v3", "tr0ub4d0ur", "m0nk3y", "dr4g0n", "5h4d0w", "1etme1n", "|3", "!", "7", "+", "@", "4", "$"}
	r := &run{ctx: context.Background(), t: sharedTables(), refYear: 2017, user: New(nil).userTrie([]string{"p4ss", "l33t", "k4g4y4k1"})}
	for it := 0; it < 300; it++ {
		var s []rune
		n := 1 + rng.Intn(40)
		if it%2 == 0 {
			a := []rune(alphabets[rng.Intn(len(alphabets))])
			for len(s) < n {
				s = append(s, a[rng.Intn(len(a))])
			}
		} else {
			for len(s) < n {
				s = append(s, []rune(words[rng.Intn(len(words))])...)
			}
		}
		lw := make([]rune, len(s))
		for k, c := range s {
			lw[k] = lowerUnit(c)
		}
		want := r.l33tMatchReference(nil, s, lw)
		sort.SliceStable(want, func(a, b int) bool {
			if want[a].i != want[b].i {
				return want[a].i < want[b].i
			}
			return want[a].j < want[b].j
		})
		// The reference emits zxcvbn's duplicates; the first of each is
		// what matters (later ones never win a tie).
		seen := map[string]bool{}
		var dedup []match
		for _, m := range want {
			k := string(rune(m.i)) + string(rune(m.j)) + string(rune(m.dict)) + string(rune(m.rank)) + subsKey(m.sub)
			if !seen[k] {
				seen[k] = true
				dedup = append(dedup, m)
			}
		}
		got := r.l33tMatch(nil, s, lw)
		require.Equal(t, len(dedup), len(got), "%q", string(s))
		for k := range got {
			require.Equal(t, dedup[k], got[k], "%q match %d", string(s), k)
		}
	}
}

func subsKey(s []subPair) string {
	b := make([]rune, 0, 2*len(s))
	for _, p := range s {
		b = append(b, p.l33t, p.letter)
	}
	return string(b)
}
