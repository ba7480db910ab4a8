package strength

import (
	"context"
	"strings"
	"testing"

	trustelem "github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/frequency"
)

// typical are the "typical passwords" of the speed goal (ours ≤ 0.5×
// trustelem/zxcvbn's time on each).
var typical = []struct{ name, pw string }{
	{"password", "password"},
	{"1234", "1234"},
	{"Tr0ub4dour&3", "Tr0ub4dour&3"},
	{"correcthorsebatterystaple", "correcthorsebatterystaple"},
	{"random20", "rWibMFACxAUGZmxhVncy"},
	{"Admin2019!", "Admin2019!"},
	{"qwertyuiop", "qwertyuiop"},
	{"date", "neverforget13/3/1997"},
}

func BenchmarkEstimateTypical(b *testing.B) {
	est := New(nil)
	for _, tc := range typical {
		b.Run(tc.name, func(b *testing.B) { benchEstimate(b, est, tc.pw) })
	}
}

// BenchmarkTrustelemTypical runs github.com/trustelem/zxcvbn on the same
// passwords, for the ratio.
func BenchmarkTrustelemTypical(b *testing.B) {
	for _, tc := range typical {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				trustelem.PasswordStrength(tc.pw, nil)
			}
			if c := cpuTime() - start; c > 0 {
				b.ReportMetric(float64(c.Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
			}
		})
	}
}

// hostile are 1 MiB inputs of the kinds that make zxcvbn cubic.
func hostile() []struct{ name, pw string } {
	const n = 1 << 20
	rnd := make([]byte, n)
	x := uint32(2463534242)
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()"
	for k := range rnd {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		rnd[k] = alphabet[x%uint32(len(alphabet))]
	}
	rep := func(s string) string { return strings.Repeat(s, n/len(s)+1)[:n] }
	// Short common words with no repeat: many overlapping dictionary
	// matches and a large optimum (the DP's worst case).
	var words strings.Builder
	common := frequency.FrequencyLists["english_wikipedia"][:300]
	for words.Len() < n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		words.WriteString(common[x%uint32(len(common))])
	}
	return []struct{ name, pw string }{
		{"random", string(rnd)},
		{"same", rep("a")},
		{"words", rep("password")},
		{"digits", rep("1234567890")},
		{"qwerty", rep("qwertyuiop")},
		{"leet", rep("p@55w0rd")},
		{"dates", rep("19/12/2001")},
		{"japanese", rep("パスワード日本")},
		{"passphrase", words.String()[:n]},
		{"nines", rep("9")},
		// Every l33t character: zxcvbn tries 736 substitution sets.
		{"l33t-alphabet", pick(&x, "4@8({[<3691!|70$5+7%2", n)},
		// Case mixes of one letter: thousands of dictionary matches
		// with no covering repeat.
		{"case-mix", pick(&x, "aA", n)},
		// Cased and l33t words and years run together.
		{"word-mix", mix(&x, []string{"pass", "word", "love", "1987", "qwerty", "dragon", "p@ss", "l0ve", "2001", "th3", "the", "and", "12", "!", "@", "$", "Pass", "PASS", "PaSs", "P@$$", "L0VE"}, n)},
	}
}

func xorshift(x *uint32) uint32 {
	*x ^= *x << 13
	*x ^= *x >> 17
	*x ^= *x << 5
	return *x
}

func pick(x *uint32, alphabet string, n int) string {
	b := make([]byte, n)
	for k := range b {
		b[k] = alphabet[xorshift(x)%uint32(len(alphabet))]
	}
	return string(b)
}

func mix(x *uint32, words []string, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[xorshift(x)%uint32(len(words))])
	}
	return b.String()[:n]
}

// benchEstimate runs est on pw and also reports CPU time per op
// (user+system, where the platform tells), which a loaded machine does
// not inflate the way it inflates wall time.
func benchEstimate(b *testing.B, est *Estimator, pw string) {
	ctx := context.Background()
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := est.Estimate(ctx, pw, nil); err != nil {
			b.Fatal(err)
		}
	}
	if c := cpuTime() - start; c > 0 {
		b.ReportMetric(float64(c.Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// BenchmarkEstimate1MiB shows the bound: any 1 MiB input is analysed up
// to DefaultMaxLength characters, the rest credited.
func BenchmarkEstimate1MiB(b *testing.B) {
	est := New(nil)
	for _, tc := range hostile() {
		b.Run(tc.name, func(b *testing.B) { benchEstimate(b, est, tc.pw) })
	}
}

// BenchmarkEstimate1MiBImproved is the same in Improved mode (NFKC).
func BenchmarkEstimate1MiBImproved(b *testing.B) {
	est := New(&Options{Mode: Improved, ReferenceYear: 2026})
	for _, tc := range hostile() {
		b.Run(tc.name, func(b *testing.B) { benchEstimate(b, est, tc.pw) })
	}
}

// BenchmarkNew measures building the shared tables (once per process)
// plus an Estimator.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New(nil)
	}
}
