package password

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns the form of a password that comparisons use: NFKC
// (full-width Ｐａｓｓ becomes Pass, compatibility ligatures split), then
// trimmed of surrounding white space. Case is kept; use [Fold] for
// case-insensitive comparisons.
func Normalize(s string) string {
	return strings.TrimSpace(norm.NFKC.String(s))
}

// Fold returns [Normalize]d s case-folded (Unicode full case folding),
// the key of blocklist and context-word comparisons.
func Fold(s string) string {
	if isASCII(s) {
		// NFKC leaves ASCII as it is and full case folding maps only
		// A–Z within it: skip both transformers (a hot path of every
		// check, profiled in bench/).
		return strings.ToLower(strings.TrimSpace(s))
	}
	return cases.Fold().String(Normalize(s))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// alnum returns the lower-case letters and digits of s, dropping
// separators: "I-O DATA" → "iodata", "00:1A:2b" → "001a2b".
func alnum(s string) string {
	var b strings.Builder
	for _, r := range Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hexDigits returns the lower-case hex digits of s, or "" when s has a
// character other than hex digits and the usual MAC separators.
func hexDigits(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f':
			b.WriteRune(r)
		case r == ':' || r == '-' || r == '.' || r == ' ':
		default:
			return ""
		}
	}
	return b.String()
}
