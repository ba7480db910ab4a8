package password

import (
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// Inputs returns the context words as strength-estimator user inputs:
// each word, its alphanumeric form, its parts ("RTX1300" → "rtx",
// "1300"), and for MAC addresses and serial numbers the forms a vendor
// prints or derives (no separators, last 6 and last 4 digits).
func (c ContextWords) Inputs() []string {
	var out []string
	add := func(s string) {
		s = Fold(s)
		if len([]rune(s)) >= 3 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, w := range []string{c.Vendor, c.Model, c.Hostname, c.SSID, c.UserName} {
		add(w)
		add(alnum(w))
		for _, part := range splitWord(w) {
			add(part)
		}
	}
	if s := alnum(c.Serial); s != "" {
		add(c.Serial)
		add(s)
		for _, n := range []int{8, 6} {
			if len(s) > n {
				add(s[len(s)-n:])
			}
		}
	}
	if m := hexDigits(c.MAC); len(m) == 12 {
		add(m)
		add(m[6:])
		add(m[8:])
	}
	return out
}

// splitWord cuts a word at separators and letter/digit changes.
func splitWord(w string) []string {
	var parts []string
	var cur []rune
	kind := func(r rune) int {
		switch {
		case r >= '0' && r <= '9':
			return 1
		case r >= 'a' && r <= 'z', r > 127:
			return 2
		}
		return 0
	}
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range Fold(w) {
		k := kind(r)
		if k == 0 {
			flush()
			continue
		}
		if len(cur) > 0 && kind(cur[len(cur)-1]) != k {
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return parts
}

// unleet returns the forms of a folded password with common l33t
// substitutions undone (1 read as both i and l).
func unleet(s string) []string {
	a := leetReplacer.Replace(s)
	return []string{s, strings.ReplaceAll(a, "1", "i"), strings.ReplaceAll(a, "1", "l")}
}

// leetReplacer undoes common l33t substitutions; a Replacer is
// immutable and safe for concurrent use.
var leetReplacer = strings.NewReplacer("4", "a", "@", "a", "3", "e", "0", "o", "$", "s", "5", "s", "7", "t", "+", "t", "!", "i", "|", "i")

// maxDerivedLen bounds the passwords DeviceDerived examines (twice the
// longest host name, 2×253 bytes, rounded up).
const maxDerivedLen = 512

// DerivedMatch says how a password is built from a context word.
type DerivedMatch struct {
	// Field is the context field ("vendor", "model", "hostname", "ssid",
	// "user", "serial", "mac").
	Field string
	// Equal is true when the password is the word itself (after
	// normalisation, separators and l33t removed); false when the word
	// makes up at least half of it.
	Equal bool
}

// DeviceDerived reports whether pw equals or is built from one of the
// device's own words: after NFKC, case folding, dropping separators and
// undoing l33t, the word is the password or covers at least half of
// its characters. Words shorter than 3 characters are ignored.
func DeviceDerived(pw netdevsec.Secret, c ContextWords) (DerivedMatch, bool) {
	if len(pw.Reveal()) > maxDerivedLen {
		// Longer than twice any identifier: cannot be mostly one.
		return DerivedMatch{}, false
	}
	p := alnumKeepDigits(pw.Reveal())
	if p == "" {
		return DerivedMatch{}, false
	}
	fields := []struct {
		name  string
		words []string
	}{
		{"mac", macForms(c.MAC)},
		{"serial", serialForms(c.Serial)},
		{"user", wordForms(c.UserName)},
		{"hostname", wordForms(c.Hostname)},
		{"ssid", wordForms(c.SSID)},
		{"model", wordForms(c.Model)},
		{"vendor", wordForms(c.Vendor)},
	}
	var best DerivedMatch
	found := false
	forms := unleet(p)
	for _, f := range fields {
		for _, w := range f.words {
			if len(w) < 3 {
				continue
			}
			for _, form := range forms {
				switch {
				case form == w:
					return DerivedMatch{Field: f.name, Equal: true}, true
				case !found && strings.Contains(form, w) && 2*len(w) >= len(form):
					best, found = DerivedMatch{Field: f.name}, true
				}
			}
		}
	}
	return best, found
}

func alnumKeepDigits(s string) string {
	var b strings.Builder
	for _, r := range Fold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127, strings.ContainsRune("@$!|+", r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func wordForms(w string) []string {
	if a := alnum(w); a != "" {
		return []string{a}
	}
	return nil
}

func serialForms(s string) []string {
	a := alnum(s)
	if a == "" {
		return nil
	}
	out := []string{a}
	if len(a) > 8 {
		out = append(out, a[len(a)-8:])
	}
	return out
}

func macForms(m string) []string {
	h := hexDigits(m)
	if len(h) != 12 {
		return nil
	}
	return []string{h, h[6:], h[8:]}
}
