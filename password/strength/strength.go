package strength

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Mode selects how closely the estimator follows zxcvbn 4.4.2.
type Mode int

const (
	// Compatible reproduces zxcvbn 4.4.2: the password is read as UTF-16
	// code units (as JavaScript does), no normalisation, recent years
	// 1900–2019 and the reference year pinned (default 2017). It is the
	// zero value.
	Compatible Mode = iota
	// Improved reads code points after NFKC normalisation and treats
	// every year from 1900 up to the reference year (default: the current
	// year) as a recent year. Scores may differ from zxcvbn.
	Improved
)

// String returns "compatible" or "improved".
func (m Mode) String() string {
	switch m {
	case Compatible:
		return "compatible"
	case Improved:
		return "improved"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// DefaultMaxLength is the number of characters analysed when
// Options.MaxLength is zero. Characters past it are credited as
// bruteforce (×10 guesses each), so a longer password never scores lower
// than its analysed prefix.
const DefaultMaxLength = 256

// MaxMaxLength caps Options.MaxLength: the work grows about
// quadratically with the analysed length (DefaultMaxLength costs at most
// a few milliseconds, see README.md).
const MaxMaxLength = 1024

// CompatibleReferenceYear is the reference year Compatible mode uses when
// Options.ReferenceYear is zero: zxcvbn 4.4.2 was published in 2017 and
// reads the year from the clock, so the reference vectors pin it.
const CompatibleReferenceYear = 2017

// maxUserInputs and maxUserInputLen bound the context words of one call.
const (
	maxUserInputs   = 256
	maxUserInputLen = 128
)

// Options configure an Estimator. The zero value (or nil) is zxcvbn 4.4.2
// compatible, analyses DefaultMaxLength characters and uses reference
// year 2017.
type Options struct {
	// Mode is Compatible (zero) or Improved.
	Mode Mode
	// MaxLength is the number of characters (UTF-16 units in Compatible
	// mode, code points in Improved mode) analysed; 0 means
	// DefaultMaxLength, values above MaxMaxLength mean MaxMaxLength. The
	// rest is credited as bruteforce. Lower it on slow hardware.
	MaxLength int
	// ReferenceYear is the year dates and recent years are measured
	// from. 0 means CompatibleReferenceYear in Compatible mode and the
	// current year in Improved mode.
	ReferenceYear int
	// UserInputs are context words (vendor, model, hostname, SSID, user
	// name, serial, MAC forms…) matched like a dictionary ranked by
	// position, in addition to the words passed per call. See
	// ContextWords.Inputs.
	UserInputs []string
}

// Pattern names the kind of a Match, with zxcvbn's names.
type Pattern string

// Patterns found by the matchers.
const (
	PatternDictionary Pattern = "dictionary"
	PatternSpatial    Pattern = "spatial"
	PatternRepeat     Pattern = "repeat"
	PatternSequence   Pattern = "sequence"
	PatternRegex      Pattern = "regex"
	PatternDate       Pattern = "date"
	PatternBruteforce Pattern = "bruteforce"
)

// Match is one part of the password and how it would be guessed. Token
// and MatchedWord are fragments of the password: treat them as secret.
type Match struct {
	Pattern Pattern `json:"pattern"`
	// I and J are the first and last index (inclusive) of the token, in
	// UTF-16 units (Compatible) or code points (Improved).
	I     int    `json:"i"`
	J     int    `json:"j"`
	Token string `json:"token"`
	// Guesses is the estimated number of guesses for this part.
	Guesses      float64 `json:"guesses"`
	GuessesLog10 float64 `json:"guesses_log10"`

	// Dictionary matches.
	DictionaryName      string            `json:"dictionary_name,omitempty"`
	MatchedWord         string            `json:"matched_word,omitempty"`
	Rank                int               `json:"rank,omitempty"`
	Reversed            bool              `json:"reversed,omitempty"`
	L33t                bool              `json:"l33t,omitempty"`
	Sub                 map[string]string `json:"sub,omitempty"`
	UppercaseVariations float64           `json:"uppercase_variations,omitempty"`
	L33tVariations      float64           `json:"l33t_variations,omitempty"`

	// Spatial matches: Graph is qwerty, dvorak, keypad or mac_keypad.
	Graph        string `json:"graph,omitempty"`
	Turns        int    `json:"turns,omitempty"`
	ShiftedCount int    `json:"shifted_count,omitempty"`

	// Repeat matches.
	BaseToken   string  `json:"base_token,omitempty"`
	BaseGuesses float64 `json:"base_guesses,omitempty"`
	RepeatCount int     `json:"repeat_count,omitempty"`
	BaseMatches []Match `json:"base_matches,omitempty"`

	// Sequence matches: SequenceName is lower, upper, digits or unicode.
	SequenceName  string `json:"sequence_name,omitempty"`
	SequenceSpace int    `json:"sequence_space,omitempty"`
	Ascending     bool   `json:"ascending,omitempty"`

	// Regex matches: RegexName is recent_year.
	RegexName string `json:"regex_name,omitempty"`

	// Date matches.
	Separator string `json:"separator,omitempty"`
	Year      int    `json:"year,omitempty"`
	Month     int    `json:"month,omitempty"`
	Day       int    `json:"day,omitempty"`
}

// Result is the estimate for one password.
type Result struct {
	// Guesses is the estimated number of guesses an attacker needs.
	Guesses      float64 `json:"guesses"`
	GuessesLog10 float64 `json:"guesses_log10"`
	// Score is 0 (too guessable) … 4 (very unguessable), with zxcvbn's
	// thresholds 1e3, 1e6, 1e8, 1e10.
	Score int `json:"score"`
	// Sequence is the cheapest way to guess the password, left to right.
	Sequence []Match `json:"sequence"`
	// CrackTimesSeconds estimates attack times for zxcvbn's scenarios.
	CrackTimesSeconds CrackTimes `json:"crack_times_seconds"`
	// CrackTimesDisplay is the same in words ("3 hours", "centuries").
	CrackTimesDisplay CrackTimesDisplay `json:"crack_times_display"`
	// Length is the password's length and Analysed how much of it was
	// matched (UTF-16 units in Compatible mode, code points in Improved
	// mode); Truncated reports Analysed < Length.
	Length    int  `json:"length"`
	Analysed  int  `json:"analysed"`
	Truncated bool `json:"truncated,omitempty"`
}

// Estimator estimates password strength. Build it once with New: it
// holds the ranked dictionaries and keyboard graphs. It is safe for
// concurrent use.
type Estimator struct {
	t          *tables
	mode       Mode
	maxLen     int
	refYear    int
	userInputs []string
	baseUser   *trie // userInputs alone, for calls without extra words
	// lastUser is the user trie of the last call's words: the
	// credentials of one device are checked with the same words, and
	// building the trie dominated a check (profiled in bench/).
	lastUser atomic.Pointer[userTrieEntry]
}

// userTrieEntry is a built user trie and the words it was built from.
type userTrieEntry struct {
	words []string
	t     *trie
}

// New returns an Estimator for opts (nil means the zero Options). The
// dictionaries are built on the first call in the process and shared,
// read-only, by every Estimator.
func New(opts *Options) *Estimator {
	var o Options
	if opts != nil {
		o = *opts
	}
	e := &Estimator{t: sharedTables(), mode: o.Mode, maxLen: o.MaxLength, refYear: o.ReferenceYear}
	if e.maxLen <= 0 {
		e.maxLen = DefaultMaxLength
	}
	e.maxLen = min(e.maxLen, MaxMaxLength)
	if e.refYear == 0 {
		if e.mode == Improved {
			e.refYear = time.Now().Year()
		} else {
			e.refYear = CompatibleReferenceYear
		}
	}
	e.userInputs = append([]string(nil), o.UserInputs...)
	e.baseUser = e.userTrie(nil)
	return e
}

// Estimate is a convenience for New(opts).Estimate(ctx, password, nil).
func Estimate(ctx context.Context, password string, opts *Options) (Result, error) {
	return New(opts).Estimate(ctx, password, nil)
}

// Estimate estimates how many guesses password needs. userInputs are
// context words for this call, ranked after Options.UserInputs (use
// ContextWords.Inputs to derive them from a device). It returns an error
// only when ctx ends first; the error wraps ctx.Err().
func (e *Estimator) Estimate(ctx context.Context, password string, userInputs []string) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("estimate strength: %w", err)
	}
	units, total, rest := e.units(password)
	run := &run{
		ctx:     ctx,
		t:       e.t,
		mode:    e.mode,
		refYear: e.refYear,
		user:    e.baseUser,
	}
	if len(userInputs) > 0 {
		run.user = e.cachedUserTrie(userInputs)
	}
	seq, guesses, err := run.analyse(units)
	if err != nil {
		return Result{}, fmt.Errorf("estimate strength: %w", err)
	}
	res := Result{Length: total, Analysed: len(units), Truncated: total > len(units)}
	res.Sequence = run.publicSequence(units, seq)
	if extra := total - len(units); extra > 0 {
		bf := min(pow10(extra), math.MaxFloat64)
		guesses *= bf
		if math.IsInf(guesses, 1) {
			guesses = math.MaxFloat64
		}
		res.Sequence = append(res.Sequence, Match{
			Pattern: PatternBruteforce, I: len(units), J: total - 1,
			Token:   rest,
			Guesses: bf, GuessesLog10: math.Log(bf) / math.Ln10,
		})
	}
	res.Guesses = guesses
	res.GuessesLog10 = math.Log(guesses) / math.Ln10
	res.Score = guessesToScore(guesses)
	res.CrackTimesSeconds, res.CrackTimesDisplay = attackTimes(guesses)
	return res, nil
}

// units converts password into the analysed units and returns them with
// the total length in the same unit and the part not analysed. Only a
// bounded prefix is decoded; the rest is only counted.
func (e *Estimator) units(password string) (units []rune, total int, rest string) {
	if e.mode == Improved {
		// Normalise a bounded prefix: NFKC may grow a code point into
		// up to 18, so 2×maxLen input code points always cover maxLen
		// output code points or the whole password.
		cut := len(password)
		n := 0
		for i := range password {
			if n == 2*e.maxLen+8 {
				cut = i
				break
			}
			n++
		}
		head := norm.NFKC.String(password[:cut])
		rs := []rune(head)
		restRunes, _ := countRunes(password[cut:])
		total := len(rs) + restRunes
		rest := password[cut:]
		if len(rs) > e.maxLen {
			rest = string(rs[e.maxLen:]) + rest
			rs = rs[:e.maxLen]
		}
		return rs, total, rest
	}
	us := make([]rune, 0, min(len(password), e.maxLen))
	for i, r := range password {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if len(us)+w > e.maxLen {
			return us, len(us) + utf16Len(password[i:]), password[i:]
		}
		if w == 2 {
			a, b := utf16.EncodeRune(r)
			us = append(us, a, b)
		} else {
			us = append(us, r)
		}
	}
	return us, len(us), ""
}

// utf16Len is the length of s in UTF-16 code units, counted eight bytes
// at a time: every byte that is not a UTF-8 continuation byte starts a
// code point, and 4-byte sequences (lead bytes 0xF0–0xF7) need two
// units. For invalid UTF-8 this is an approximation (the remainder is
// only credited, never analysed).
func utf16Len(s string) int {
	runes, pairs := countRunes(s)
	return runes + pairs
}

// countRunes returns the number of code points in s and how many of them
// are outside the BMP (valid UTF-8; invalid bytes are approximated).
func countRunes(s string) (runes, astral int) {
	const hi = 0x8080808080808080
	n, a := len(s), 0
	k := 0
	// A read-only view of s's bytes, for 8-byte loads.
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	for ; k+8 <= len(b); k += 8 {
		w := binary.LittleEndian.Uint64(b[k : k+8])
		if w&hi == 0 {
			continue // ASCII
		}
		// continuation bytes: 10xxxxxx
		n -= bits.OnesCount64(w & hi & ^(w << 1))
		// 4-byte leads: 11110xxx
		a += bits.OnesCount64(w & hi & (w << 1) & (w << 2) & (w << 3) & ^(w << 4))
	}
	for ; k < len(s); k++ {
		c := s[k]
		if c&0xc0 == 0x80 {
			n--
		}
		if c&0xf8 == 0xf0 {
			a++
		}
	}
	return n, a
}

// cachedUserTrie returns userTrie(words), reusing the last call's trie
// when the words are the same. Tries are read-only once built.
func (e *Estimator) cachedUserTrie(words []string) *trie {
	if c := e.lastUser.Load(); c != nil && slices.Equal(c.words, words) {
		return c.t
	}
	t := e.userTrie(words)
	e.lastUser.Store(&userTrieEntry{words: slices.Clone(words), t: t})
	return t
}

// userTrie builds the user_inputs dictionary of one call: the
// estimator's inputs then the call's, lowercased, ranked by position
// (a later duplicate takes the later rank, as in zxcvbn).
func (e *Estimator) userTrie(extra []string) *trie {
	if len(e.userInputs) == 0 && len(extra) == 0 {
		return nil
	}
	words := make([]string, 0, len(e.userInputs)+len(extra))
	for _, w := range append(append([]string(nil), e.userInputs...), extra...) {
		if len(words) == maxUserInputs {
			break
		}
		words = append(words, w)
	}
	// Key by units (which may hold lone surrogates in Compatible mode).
	ranked := make(map[string]int, len(words))
	unitsOf := make(map[string][]rune, len(words))
	for i, w := range words {
		u := e.lowerUnits(w)
		if len(u) == 0 || len(u) > maxUserInputLen {
			continue
		}
		k := unitsKey(u)
		ranked[k] = i + 1
		unitsOf[k] = u
	}
	items := make([]trieWord, 0, len(ranked))
	for k, r := range ranked {
		items = append(items, trieWord{units: unitsOf[k], dict: dictUserInputs, rank: int32(r)})
	}
	return buildTrie(items)
}

// unitsKey encodes units losslessly as a map key.
func unitsKey(u []rune) string {
	b := make([]byte, 0, 3*len(u))
	for _, r := range u {
		b = append(b, byte(r>>16), byte(r>>8), byte(r))
	}
	return string(b)
}

// lowerUnits lowercases w and converts it to this mode's units.
func (e *Estimator) lowerUnits(w string) []rune {
	if e.mode == Improved {
		w = norm.NFKC.String(w)
		rs := []rune(w)
		for i, r := range rs {
			rs[i] = lowerUnit(r)
		}
		return rs
	}
	rs := utf16Units(w)
	for i, r := range rs {
		rs[i] = lowerUnit(r)
	}
	return rs
}

func utf16Units(s string) []rune {
	u := utf16.Encode([]rune(s))
	rs := make([]rune, len(u))
	for i, c := range u {
		rs[i] = rune(c)
	}
	return rs
}

// unitsString turns analysed units back into a string (surrogate pairs
// are recombined; a lone surrogate becomes U+FFFD).
func unitsString(mode Mode, us []rune) string {
	if mode == Improved {
		return string(us)
	}
	var b strings.Builder
	for k := 0; k < len(us); k++ {
		r := us[k]
		if utf16.IsSurrogate(r) && k+1 < len(us) {
			if d := utf16.DecodeRune(r, us[k+1]); d != utf8.RuneError {
				b.WriteRune(d)
				k++
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
