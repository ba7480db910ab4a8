package strength

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// summary is the part of a Match the table tests compare.
type summary struct {
	Pattern  Pattern
	I, J     int
	Detail   string
	L33t     bool
	Reversed bool
	Rank     int
	Base     string
	Year     int
	Sep      string
}

func summarize(seq []Match) []summary {
	out := make([]summary, len(seq))
	for k, m := range seq {
		out[k] = summary{m.Pattern, m.I, m.J, m.DictionaryName + m.Graph + m.SequenceName + m.RegexName,
			m.L33t, m.Reversed, m.Rank, m.BaseToken, m.Year, m.Separator}
	}
	return out
}

// TestEstimateCompatible checks one password per pattern against values
// printed by npm zxcvbn@4.4.2 (reference year 2017).
func TestEstimateCompatible(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		password string
		guesses  float64
		score    int
		seq      []summary
	}{
		{"common", "password", 3, 0, []summary{{PatternDictionary, 0, 7, "passwords", false, false, 2, "", 0, ""}}},
		{"l33t", "Tr0ub4dour&3", 19058000, 2, []summary{
			{PatternDictionary, 0, 9, "us_tv_and_film", true, false, 11905, "", 0, ""},
			{PatternBruteforce, 10, 11, "", false, false, 0, "", 0, ""},
		}},
		{"capitals", "qwERtyuiop", 1211, 1, []summary{{PatternDictionary, 0, 9, "passwords", false, false, 22, "", 0, ""}}},
		{"keyboard", "zxcvbnm,./", 3889.0000000000005, 1, []summary{{PatternSpatial, 0, 9, "qwerty", false, false, 0, "", 0, ""}}},
		{"repeat char", "aaaaaaa", 85, 0, []summary{{PatternRepeat, 0, 6, "", false, false, 0, "a", 0, ""}}},
		{"repeat word", "abcabcabc", 40, 0, []summary{{PatternRepeat, 0, 8, "", false, false, 0, "abc", 0, ""}}},
		{"sequence", "abcdefg", 29, 0, []summary{{PatternSequence, 0, 6, "lower", false, false, 0, "", 0, ""}}},
		{"sequence step", "97531", 41, 0, []summary{{PatternSequence, 0, 4, "digits", false, false, 0, "", 0, ""}}},
		{"year", "1987", 31, 0, []summary{{PatternRegex, 0, 3, "recent_year", false, false, 0, "", 1987, ""}}},
		{"date", "12/25/1990", 39421, 1, []summary{{PatternDate, 0, 9, "", false, false, 0, "", 1990, "/"}}},
		{"reversed", "drowssap", 5, 0, []summary{{PatternDictionary, 0, 7, "passwords", false, true, 2, "", 0, ""}}},
		{"words", "correcthorsebatterystaple", 273500327700640, 4, []summary{
			{PatternDictionary, 0, 6, "us_tv_and_film", false, false, 1140, "", 0, ""},
			{PatternDictionary, 7, 11, "passwords", false, false, 701, "", 0, ""},
			{PatternDictionary, 12, 18, "english_wikipedia", false, false, 2197, "", 0, ""},
			{PatternDictionary, 19, 24, "english_wikipedia", false, false, 6467, "", 0, ""},
		}},
		{"recent year", "Admin2019!", 104719000, 3, []summary{
			{PatternDictionary, 0, 4, "passwords", false, false, 715, "", 0, ""},
			{PatternRegex, 5, 8, "recent_year", false, false, 0, "", 2019, ""},
			{PatternBruteforce, 9, 9, "", false, false, 0, "", 0, ""},
		}},
		// trustelem/zxcvbn#12 scores this 0 with 0 guesses.
		{"combining marks", "A\u0300\u0300HLUMoB8g3kqgpjc3", 1e19, 4, []summary{{PatternBruteforce, 0, 18, "", false, false, 0, "", 0, ""}}},
		// JavaScript sees UTF-16 units: a repeat of a surrogate pair.
		{"emoji", "🔑🔑🔑🔑", 405, 0, []summary{{PatternRepeat, 0, 7, "", false, false, 0, "🔑", 0, ""}}},
		{"empty", "", 1, 0, []summary{}},
	}
	est := New(nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := est.Estimate(context.Background(), tc.password, nil)
			require.NoError(t, err)
			assert.InEpsilon(t, tc.guesses, r.Guesses, 1e-12)
			assert.Equal(t, tc.score, r.Score)
			assert.Equal(t, tc.seq, summarize(r.Sequence))
			assert.False(t, r.Truncated)
		})
	}
}

func TestEstimateExplains(t *testing.T) {
	t.Parallel()
	r, err := Estimate(context.Background(), "Tr0ub4dour&3", nil)
	require.NoError(t, err)
	require.Len(t, r.Sequence, 2)
	m := r.Sequence[0]
	assert.Equal(t, "Tr0ub4dour", m.Token)
	assert.Equal(t, "troubadour", m.MatchedWord)
	assert.Equal(t, map[string]string{"0": "o", "4": "a"}, m.Sub)
	assert.Equal(t, 2.0, m.UppercaseVariations)
	assert.Equal(t, 4.0, m.L33tVariations)
	assert.Equal(t, "centuries", displayTime(1e12))
	assert.Equal(t, "3 hours", displayTime(3*3600+60))
	assert.Equal(t, "1 day", displayTime(86400))
	assert.Equal(t, CrackTimes{
		OnlineThrottling100PerHour:      19058000 * 36,
		OnlineNoThrottling10PerSecond:   1905800,
		OfflineSlowHashing1e4PerSecond:  1905.8,
		OfflineFastHashing1e10PerSecond: 0.0019058,
	}, r.CrackTimesSeconds)
	assert.Equal(t, "less than a second", r.CrackTimesDisplay.OfflineFastHashing1e10PerSecond)
}

func TestEstimateTruncates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	long := strings.Repeat("a", 300)
	r, err := Estimate(ctx, long, nil)
	require.NoError(t, err)
	assert.True(t, r.Truncated)
	assert.Equal(t, 300, r.Length)
	assert.Equal(t, DefaultMaxLength, r.Analysed)
	last := r.Sequence[len(r.Sequence)-1]
	assert.Equal(t, PatternBruteforce, last.Pattern)
	assert.Equal(t, DefaultMaxLength, last.I)
	assert.Equal(t, 299, last.J)
	assert.Equal(t, 1e44, last.Guesses)

	prefix, err := Estimate(ctx, long[:DefaultMaxLength], nil)
	require.NoError(t, err)
	assert.InEpsilon(t, prefix.Guesses*1e44, r.Guesses, 1e-12)

	// MaxLength is an option; the score never drops when more is added.
	short := New(&Options{MaxLength: 8})
	prev := 0
	for _, pw := range []string{"password", "password1", "password12", "passwordpassword"} {
		r, err := short.Estimate(ctx, pw, nil)
		require.NoError(t, err)
		assert.LessOrEqual(t, r.Analysed, 8)
		assert.GreaterOrEqual(t, r.Score, prev, pw)
		prev = r.Score
	}

	// MaxLength is capped.
	r, err = New(&Options{MaxLength: 1 << 30}).Estimate(ctx, strings.Repeat("x", 2000), nil)
	require.NoError(t, err)
	assert.Equal(t, MaxMaxLength, r.Analysed)
	assert.Equal(t, 2000, r.Length)

	// A surrogate pair never straddles the cut in Compatible mode.
	r, err = New(&Options{MaxLength: 3}).Estimate(ctx, "ab🔑c", nil)
	require.NoError(t, err)
	assert.Equal(t, 2, r.Analysed)
	assert.Equal(t, 5, r.Length)
	assert.Equal(t, "🔑c", r.Sequence[len(r.Sequence)-1].Token)
}

func TestEstimateContext(t *testing.T) {
	t.Parallel()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Estimate(canceled, "password", nil)
	require.ErrorIs(t, err, context.Canceled)

	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	_, err = Estimate(expired, strings.Repeat("p@55w0rd", 32), nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

// deadlineAfter is a context whose Err turns to DeadlineExceeded after
// n calls, to show the estimator polls it while working.
type deadlineAfter struct {
	context.Context
	mu sync.Mutex
	n  int
}

func (c *deadlineAfter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n <= 0 {
		return context.DeadlineExceeded
	}
	c.n--
	return nil
}

func TestEstimatePollsContext(t *testing.T) {
	t.Parallel()
	ctx := &deadlineAfter{Context: context.Background(), n: 2}
	_, err := Estimate(ctx, strings.Repeat("Tr0ub4dour&3", 20), nil)
	require.True(t, errors.Is(err, context.DeadlineExceeded), "got %v", err)
}

func TestEstimateImproved(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	compat := New(nil)
	improved := New(&Options{Mode: Improved, ReferenceYear: 2026})

	// Years after 2019 are recent years in Improved mode.
	c, err := compat.Estimate(ctx, "Admin2025!", nil)
	require.NoError(t, err)
	i, err := improved.Estimate(ctx, "Admin2025!", nil)
	require.NoError(t, err)
	assert.Equal(t, []Pattern{PatternDictionary, PatternBruteforce}, patterns(c.Sequence))
	assert.Equal(t, []Pattern{PatternDictionary, PatternRegex, PatternBruteforce}, patterns(i.Sequence))
	assert.Less(t, i.Guesses, c.Guesses)

	// NFKC: full-width letters are the common password.
	c, err = compat.Estimate(ctx, "ｐａｓｓｗｏｒｄ", nil)
	require.NoError(t, err)
	i, err = improved.Estimate(ctx, "ｐａｓｓｗｏｒｄ", nil)
	require.NoError(t, err)
	assert.Equal(t, 0, i.Score)
	assert.Equal(t, "password", i.Sequence[0].MatchedWord)
	assert.Greater(t, c.Score, i.Score)

	// Code points: an emoji is one character.
	i, err = improved.Estimate(ctx, "🔑🔑🔑🔑", nil)
	require.NoError(t, err)
	assert.Equal(t, 4, i.Length)
	assert.Equal(t, []Pattern{PatternRepeat}, patterns(i.Sequence))
	assert.Equal(t, 3, i.Sequence[0].J)

	// Combining marks compose or count as characters; never 0 guesses.
	for _, pw := range []string{"A\u0300\u0300HLUMoB8g3kqgpjc3", "e\u0301\u0301\u0301\u0301", "\u0300\u0300\u0300"} {
		r, err := improved.Estimate(ctx, pw, nil)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, r.Guesses, 1.0, pw)
		assert.Greater(t, r.Guesses, 10.0, pw)
	}
}

func patterns(seq []Match) []Pattern {
	out := make([]Pattern, len(seq))
	for k, m := range seq {
		out[k] = m.Pattern
	}
	return out
}

func TestEstimateInvalidUTF8(t *testing.T) {
	t.Parallel()
	for _, mode := range []Mode{Compatible, Improved} {
		r, err := New(&Options{Mode: mode}).Estimate(context.Background(), "pass\xffword\xc3", nil)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, r.Guesses, 1.0)
		assert.Equal(t, 10, r.Length)
	}
}

func TestEstimateUserInputs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	est := New(&Options{UserInputs: []string{"Kagayaki"}})
	r, err := est.Estimate(ctx, "kagayaki", []string{"tokyo"})
	require.NoError(t, err)
	require.Len(t, r.Sequence, 1)
	assert.Equal(t, "user_inputs", r.Sequence[0].DictionaryName)
	assert.Equal(t, 1, r.Sequence[0].Rank)
	r, err = est.Estimate(ctx, "Kagayaki", nil)
	require.NoError(t, err)
	assert.Equal(t, "user_inputs", r.Sequence[0].DictionaryName)
	assert.Equal(t, 1, r.Sequence[0].Rank)
	r, err = est.Estimate(ctx, "tokyo", []string{"tokyo"})
	require.NoError(t, err)
	assert.Equal(t, "user_inputs", r.Sequence[0].DictionaryName)
	assert.Equal(t, 2, r.Sequence[0].Rank)
	assert.Equal(t, 0, r.Score)
}

func TestEstimatorConcurrent(t *testing.T) {
	t.Parallel()
	est := New(nil)
	want, err := est.Estimate(context.Background(), "Tr0ub4dour&3", nil)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := est.Estimate(context.Background(), "Tr0ub4dour&3", []string{"troubadour"})
				assert.NoError(t, err)
				assert.Less(t, got.Guesses, want.Guesses)
			}
		})
	}
	wg.Wait()
}

func TestModeString(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "compatible", Compatible.String())
	assert.Equal(t, "improved", Improved.String())
	assert.Equal(t, "Mode(7)", Mode(7).String())
}

// FuzzEstimate: any input gives a score in [0,4] and at least one guess,
// in both modes, without panics and well within a deadline.
func FuzzEstimate(f *testing.F) {
	for _, s := range []string{"", "password", "Tr0ub4dour&3", "A\u0300\u0300HLUMoB8g3kqgpjc3", "🔑🔑🔑🔑", "12/25/1990",
		"abcabcabc", "zxcvbnm,./", "\xff\xfe", "aaaa\naaaa", "パスワード2017", "1qaz2wsx3edc", "constructor"} {
		f.Add(s)
	}
	for k, v := range loadVectors(f) {
		if k%50 == 0 {
			f.Add(v.Password)
		}
	}
	ests := []*Estimator{New(nil), New(&Options{Mode: Improved, ReferenceYear: 2026})}
	f.Fuzz(func(t *testing.T, pw string) {
		for _, est := range ests {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			r, err := est.Estimate(ctx, pw, []string{"admin"})
			cancel()
			require.NoError(t, err)
			require.GreaterOrEqual(t, r.Score, 0)
			require.LessOrEqual(t, r.Score, 4)
			require.GreaterOrEqual(t, r.Guesses, 1.0)
			require.Equal(t, r.Score, guessesToScore(r.Guesses))
			end := -1
			for _, m := range r.Sequence {
				require.Equal(t, end+1, m.I, "sequence must tile the password")
				require.GreaterOrEqual(t, m.Guesses, 1.0)
				end = m.J
			}
			require.Equal(t, r.Length-1, end)
		}
	})
}

func TestCountRunes(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "a", "password", "パスワード", "🔑🔑x🔑", "ab🔑cdefgh🔑ijklmnopqrstuvwxyzé日本🔑🔑🔑🔑🔑🔑", strings.Repeat("日🔑a", 50)} {
		runes, astral := countRunes(s)
		assert.Equal(t, utf8.RuneCountInString(s), runes, s)
		assert.Equal(t, len(utf16.Encode([]rune(s))), runes+astral, s)
		assert.Equal(t, runes+astral, utf16Len(s), s)
	}
}

// TestTables checks the data against values printed from npm
// zxcvbn@4.4.2 (scoring.KEYBOARD_AVERAGE_DEGREE etc. and list ranks).
func TestTables(t *testing.T) {
	t.Parallel()
	tb := sharedTables()
	assert.Equal(t, 4.595744680851064, tb.keyboardDegree)
	assert.Equal(t, 5.066666666666666, tb.keypadDegree)
	assert.Equal(t, 94.0, tb.keyboardStarts)
	assert.Equal(t, 15.0, tb.keypadStarts)
	rank := func(word string, dict int) int32 {
		node := int32(0)
		for _, c := range word {
			if node = tb.dict.child(node, c); node < 0 {
				return 0
			}
		}
		for _, te := range tb.dict.terms[tb.dict.termFirst[node]:tb.dict.termFirst[node+1]] {
			if int(te.dict) == dict {
				return te.rank
			}
		}
		return 0
	}
	assert.Equal(t, int32(2), rank("password", dictPasswords))
	assert.Equal(t, int32(6523), rank("pic's", dictPasswords), "trustelem escapes this quote")
	assert.Equal(t, int32(0), rank(`pic\'s`, dictPasswords))
	assert.Equal(t, int32(11905), rank("troubadour", dictUSTVAndFilm))
	assert.Equal(t, int32(1), rank("smith", dictSurnames))
}
