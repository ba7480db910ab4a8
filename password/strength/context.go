package strength

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ContextWords are a device's own words. Its fields match
// password.ContextWords, so a value converts with
// strength.ContextWords(w).
type ContextWords struct {
	Vendor   string
	Model    string
	Hostname string
	SSID     string
	UserName string
	Serial   string
	MAC      string
}

// contextForm is one spelling of a context word and the field it comes
// from, for reasons ("the MAC address (last 6 hex digits)").
type contextForm struct {
	form  []rune
	label string
}

// maxContextField bounds each field so hostile facts cannot slow the
// checks down.
const maxContextField = 128

// forms lists the normalised (NFKC, lowercase) spellings of w, longest
// first, without duplicates: each field as given and without
// separators, hostname and SSID labels, serial tails and every common MAC
// address notation.
func (w ContextWords) forms() []contextForm {
	var out []contextForm
	seen := map[string]bool{}
	add := func(s, label string) {
		s = normalizeWord(s)
		if s == "" || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, contextForm{[]rune(s), label})
	}
	field := func(v, label string, parts bool) {
		v = clip(v)
		add(v, label)
		add(compact(v), label)
		if parts {
			for _, p := range strings.FieldsFunc(v, isSeparator) {
				if len([]rune(p)) >= 3 {
					add(p, label+" (part)")
				}
			}
		}
	}
	field(w.Vendor, "vendor name", true)
	field(w.Model, "model name", true)
	field(w.Hostname, "host name", true)
	field(w.SSID, "SSID", true)
	field(w.UserName, "user name", false)
	if s := compact(clip(w.Serial)); s != "" {
		field(w.Serial, "serial number", false)
		rs := []rune(normalizeWord(s))
		for _, n := range []int{8, 6, 4} {
			if len(rs) > n {
				add(string(rs[len(rs)-n:]), "serial number (last "+strconv.Itoa(n)+" characters)")
			}
		}
	}
	if hex := macHex(w.MAC); hex != "" {
		pairs := make([]string, 6)
		for k := range pairs {
			pairs[k] = hex[2*k : 2*k+2]
		}
		add(strings.Join(pairs, ":"), "MAC address")
		add(strings.Join(pairs, "-"), "MAC address")
		add(hex[0:4]+"."+hex[4:8]+"."+hex[8:12], "MAC address")
		add(hex, "MAC address")
		add(hex[4:], "MAC address (last 8 hex digits)")
		add(hex[6:], "MAC address (last 6 hex digits)")
		add(hex[8:], "MAC address (last 4 hex digits)")
	} else if w.MAC != "" {
		field(w.MAC, "MAC address", false)
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a].form) > len(out[b].form) })
	return out
}

// Inputs returns the context words as zxcvbn user inputs (every form
// DeviceDerived knows), for Estimator.Estimate.
func (w ContextWords) Inputs() []string {
	fs := w.forms()
	out := make([]string, len(fs))
	for k, f := range fs {
		out[k] = string(f.form)
	}
	return out
}

func clip(s string) string {
	if rs := []rune(s); len(rs) > maxContextField {
		return string(rs[:maxContextField])
	}
	return s
}

func normalizeWord(s string) string {
	return strings.ToLower(norm.NFKC.String(strings.TrimSpace(s)))
}

func isSeparator(r rune) bool {
	return r == '-' || r == '_' || r == '.' || r == ':' || r == '/' || r == ' ' || r == '@' || unicode.IsSpace(r)
}

// compact removes separators ("RTX-1210" → "RTX1210").
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if isSeparator(r) {
			return -1
		}
		return r
	}, s)
}

// macHex returns the 12 lowercase hex digits of a MAC address in any
// common notation, or "".
func macHex(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case '0' <= r && r <= '9', 'a' <= r && r <= 'f':
			b.WriteRune(r)
		case r == ':' || r == '-' || r == '.' || r == ' ':
		default:
			return ""
		}
	}
	if b.Len() != 12 {
		return ""
	}
	return b.String()
}

// unleet reads common l33t characters as letters, one for one.
func unleet(r rune) rune {
	switch r {
	case '4', '@':
		return 'a'
	case '3':
		return 'e'
	case '1', '!':
		return 'i'
	case '0':
		return 'o'
	case '$', '5':
		return 's'
	case '7', '+':
		return 't'
	case '8':
		return 'b'
	case '|':
		return 'l'
	}
	return r
}

// maxAffix is the most characters of digits, symbols and separators a
// password may add around context words and still count as built from
// them ("Cisco2024!", "admin123").
const maxAffix = 8

// DeviceDerived reports whether password equals, or is built from, the
// device's context words: vendor, model, host name, SSID, user name,
// serial number or MAC address in any common notation, ignoring case,
// width (NFKC), reversal and common l33t spellings, with up to maxAffix
// digits, symbols or separators added (years, "123", "!"). reason names
// the fields involved, never the password or the words.
func DeviceDerived(password string, w ContextWords) (bool, string) {
	p := []rune(normalizeWord(password))
	if len(p) == 0 || len(p) > 4*maxContextField {
		return false, ""
	}
	forms := w.forms()
	if len(forms) == 0 {
		return false, ""
	}
	rev := make([]rune, len(p))
	for k, c := range p {
		rev[len(p)-1-k] = c
	}
	un := make([]rune, len(p))
	for k, c := range p {
		un[k] = unleet(c)
	}
	variants := []struct {
		s    []rune
		how  string
		orig []rune // the characters at the same positions
	}{
		{p, "", p},
		{rev, " reversed", rev},
		{un, " in l33t spelling", p},
	}
	for _, v := range variants {
		for _, f := range forms {
			if string(f.form) == string(v.s) {
				return true, "equals the " + f.label + v.how
			}
		}
	}
	for _, v := range variants {
		covered := make([]bool, len(v.s))
		type use struct {
			label string
			at    int
		}
		var used []use
		for _, f := range forms {
			if len(f.form) < 3 {
				continue
			}
			first := -1
			for at := 0; at+len(f.form) <= len(v.s); at++ {
				if covered[at] || string(v.s[at:at+len(f.form)]) != string(f.form) {
					continue
				}
				free := true
				for k := at; k < at+len(f.form); k++ {
					free = free && !covered[k]
				}
				if !free {
					continue
				}
				for k := at; k < at+len(f.form); k++ {
					covered[k] = true
				}
				if first < 0 {
					first = at
				}
				at += len(f.form) - 1
			}
			if first < 0 {
				continue
			}
			if x := indexUse(len(used), func(k int) bool { return used[k].label == f.label }); x >= 0 {
				used[x].at = min(used[x].at, first)
			} else {
				used = append(used, use{f.label, first})
			}
		}
		if len(used) == 0 {
			continue
		}
		affix := 0
		simple := true
		for k, c := range v.orig {
			if covered[k] {
				continue
			}
			affix++
			if unicode.IsLetter(c) {
				simple = false
			}
		}
		if simple && affix <= maxAffix {
			// Name the fields in the order they appear.
			sort.SliceStable(used, func(a, b int) bool { return used[a].at < used[b].at })
			labels := make([]string, len(used))
			for k, u := range used {
				labels[k] = u.label
			}
			return true, "built from the " + strings.Join(labels, " and the ") + v.how + " with simple additions"
		}
	}
	return false, ""
}

func indexUse(n int, match func(int) bool) int {
	for k := 0; k < n; k++ {
		if match(k) {
			return k
		}
	}
	return -1
}
