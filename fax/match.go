package fax

import (
	"fmt"
	"strings"
)

// Verdict is the outcome of comparing a remote identity with the dialled
// number.
type Verdict int

// Verdicts. The zero value is VerdictUnknown: a missing or unusable
// identity never reads as a match.
const (
	// VerdictUnknown: the identity is empty, not a number, a placeholder
	// or too short to compare.
	VerdictUnknown Verdict = iota
	// VerdictMatch: the identity denotes the dialled number (all of its
	// national significant number, or the trailing digits it carries).
	VerdictMatch
	// VerdictMismatch: the identity's digits contradict the dialled
	// number: possible misdirection (wrong number keyed) or misconnection.
	VerdictMismatch
)

func (v Verdict) String() string {
	switch v {
	case VerdictMatch:
		return "match"
	case VerdictMismatch:
		return "mismatch"
	}
	return "unknown"
}

// MatchOptions tune [MatchRemoteID]. The zero value (or nil) is the
// Japanese numbering plan and a 4-digit minimum.
type MatchOptions struct {
	// Dial is the numbering plan of the dialled number and of the
	// identity; nil means [DialOptions] zero value (Japan).
	Dial *DialOptions
	// MinDigits is the fewest trailing digits that may confirm a match
	// when the identity carries only the end of the number; 0 means 4.
	MinDigits int
}

// Match is the result of [MatchRemoteID].
type Match struct {
	Verdict Verdict `json:"verdict"`
	// Confidence is how sure the verdict is, from 0 to 1: the share of
	// the dialled national number that the identity's digits covered (1
	// for a whole number or a different country code).
	Confidence float64 `json:"confidence"`
	// Compared is how many digits were compared.
	Compared int `json:"compared"`
	// Reason says why, in a sentence.
	Reason string `json:"reason"`
}

// MatchRemoteID says whether a remote identity (the CSI a called machine
// returns, or the TSI of a caller) plausibly belongs to the number that
// was dialled (CIAJ-4.3-2). Both are normalised with the numbering plan;
// the identity may be international ("+81 3 1234 5678", "81 3…" without
// "+"), national ("03 1234 5678") or carry only the last digits. A
// device can call it after receiving the CSI and before sending page
// data (phase C) and abort on [VerdictMismatch].
func MatchRemoteID(dialled, remoteID string, opts *MatchOptions) Match {
	var mo MatchOptions
	if opts != nil {
		mo = *opts
	}
	if mo.MinDigits <= 0 {
		mo.MinDigits = 4
	}
	dial := mo.Dial.resolved()
	d, err := parseNumber(dialled, dial)
	if err != nil {
		return Match{Reason: fmt.Sprintf("dialled number unreadable: %v", err)}
	}
	id := strings.TrimSpace(remoteID)
	if id == "" {
		return Match{Reason: "remote identity is empty"}
	}
	digits := onlyDigits(id)
	if digits == "" {
		return Match{Reason: "remote identity holds no digits (a name, not a number)"}
	}
	if placeholder(digits) {
		return Match{Reason: "remote identity is a placeholder (one repeated digit)"}
	}
	// Candidate readings of the identity, most specific first.
	type reading struct {
		cc, nsn string
		how     string
	}
	var rs []reading
	if r, err := parseNumber(id, dial); err == nil && !r.Local {
		rs = append(rs, reading{r.CountryCode, r.National, "as keyed"})
	}
	if !strings.HasPrefix(id, "+") {
		if cc := countryCode(digits); cc != "" {
			rs = append(rs, reading{cc, digits[len(cc):], "as international without \"+\""})
		}
	}
	if d.CountryCode != "" {
		for _, r := range rs {
			if r.cc == d.CountryCode && r.nsn == d.National {
				return Match{Verdict: VerdictMatch, Confidence: 1, Compared: len(r.nsn),
					Reason: "remote identity is the dialled number (" + r.how + ")"}
			}
		}
		// A full international identity with a different country code.
		if len(rs) > 0 && rs[0].cc != d.CountryCode && strings.HasPrefix(id, "+") {
			return Match{Verdict: VerdictMismatch, Confidence: 1, Compared: len(rs[0].cc),
				Reason: fmt.Sprintf("remote identity is in country +%s, dialled +%s", rs[0].cc, d.CountryCode)}
		}
	}
	// Compare trailing digits: the identity may hold only the end of the
	// number, the dialled number may be a local one.
	want := d.National
	got := digits
	if len(rs) > 0 && rs[0].how == "as keyed" {
		got = rs[0].nsn
	}
	n := min(len(want), len(got))
	if n < mo.MinDigits {
		return Match{Compared: n, Reason: fmt.Sprintf("only %d digit(s) to compare, need %d", n, mo.MinDigits)}
	}
	diff := 0
	for i := 1; i <= n; i++ {
		if want[len(want)-i] != got[len(got)-i] {
			diff++
		}
	}
	if diff == 0 {
		return Match{Verdict: VerdictMatch, Confidence: float64(n) / float64(len(want)), Compared: n,
			Reason: fmt.Sprintf("last %d digits of the dialled number match", n)}
	}
	return Match{Verdict: VerdictMismatch, Confidence: float64(n) / float64(len(want)), Compared: n,
		Reason: fmt.Sprintf("%d of the last %d digits differ from the dialled number", diff, n)}
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		}
	}
	return b.String()
}

func placeholder(digits string) bool {
	return strings.Count(digits, digits[:1]) == len(digits)
}
