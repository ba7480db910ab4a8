package fax

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Sentinel errors of the number helpers. Callers branch on them with
// [errors.Is]; the returned errors add which entry and where.
var (
	// ErrEmpty: an entry holds no digit.
	ErrEmpty = errors.New("no digits entered")
	// ErrInvalidCharacter: an entry holds a character that is not a
	// digit, a separator, a pause or an extension marker.
	ErrInvalidCharacter = errors.New("invalid character")
	// ErrTooLong: an entry has more digits (or characters) than allowed.
	ErrTooLong = errors.New("too long")
	// ErrInvalidNumber: the digits are not a number of the numbering
	// plan (no valid country code, a national number that starts with
	// the trunk prefix again).
	ErrInvalidNumber = errors.New("not a valid number")
	// ErrMismatch: the two entries of a double entry do not denote the
	// same destination.
	ErrMismatch = errors.New("entries do not match")
)

// Limits of a keyed number.
const (
	// MaxEntryBytes bounds the raw input read from one entry; longer
	// input is refused before any normalisation.
	MaxEntryBytes = 256
	// DefaultMaxDigits is the default bound on the digits of one entry
	// (prefixes, number and extension together).
	DefaultMaxDigits = 32
	// maxE164Digits is the E.164 bound on country code plus national
	// significant number (ITU-T E.164 §6.1).
	maxE164Digits = 15
)

// DialOptions describe the numbering plan a number was keyed in. The zero
// value (or nil) is Japan: country code 81, trunk prefix 0, international
// prefix 010 and the carrier-selection codes 001, 0033, 0041, 0061.
type DialOptions struct {
	// CountryCode is the home country calling code without "+"; "" means "81".
	CountryCode string `yaml:"country_code" json:"country_code,omitempty"`
	// TrunkPrefix is the national trunk prefix dialled before an area
	// code; "" means "0". Use "-" for a plan without one.
	TrunkPrefix string `yaml:"trunk_prefix" json:"trunk_prefix,omitempty"`
	// InternationalPrefixes are the international (IDD) prefixes; nil
	// means {"010"} for country code 81, {"011"} for 1 and {"00"}
	// otherwise. "+" is always international.
	InternationalPrefixes []string `yaml:"international_prefixes" json:"international_prefixes,omitempty"`
	// CarrierPrefixes are carrier-selection codes that may precede an
	// international or national number (Japan: 001, 0033, 0041, 0061).
	// nil means those four for country code 81 and none otherwise.
	CarrierPrefixes []string `yaml:"carrier_prefixes" json:"carrier_prefixes,omitempty"`
	// OutsideLinePrefix is the PBX code to get an outside line (often "0"
	// or "9"), recognised only when a pause follows it ("0,03…"). ""
	// means any group of one or two digits that starts the entry and is
	// followed by a pause; "-" means none.
	OutsideLinePrefix string `yaml:"outside_line_prefix" json:"outside_line_prefix,omitempty"`
	// MaxDigits bounds the digits of one entry; 0 means [DefaultMaxDigits].
	MaxDigits int `yaml:"max_digits" json:"max_digits,omitempty"`
}

func (o *DialOptions) resolved() DialOptions {
	var r DialOptions
	if o != nil {
		r = *o
	}
	if r.CountryCode == "" {
		r.CountryCode = "81"
	}
	switch r.TrunkPrefix {
	case "":
		r.TrunkPrefix = "0"
	case "-":
		r.TrunkPrefix = ""
	}
	if r.InternationalPrefixes == nil {
		switch r.CountryCode {
		case "81":
			r.InternationalPrefixes = []string{"010"}
		case "1":
			r.InternationalPrefixes = []string{"011"}
		default:
			r.InternationalPrefixes = []string{"00"}
		}
	}
	if r.CarrierPrefixes == nil && r.CountryCode == "81" {
		r.CarrierPrefixes = []string{"0033", "0041", "0061", "001"}
	}
	if r.MaxDigits <= 0 {
		r.MaxDigits = DefaultMaxDigits
	}
	return r
}

// Number is a keyed telephone number after normalisation.
type Number struct {
	// CountryCode is the country calling code ("81"), "" when the
	// number was keyed as a local number without area code.
	CountryCode string `json:"country_code,omitempty"`
	// National is the national significant number: the digits after
	// the country code, without trunk prefix ("312345678" for
	// 03-1234-5678 in Japan). For a local number it is the digits keyed.
	National string `json:"national"`
	// Extension holds the digits after an extension marker (x, ext, #,
	// 内線), "" when none.
	Extension string `json:"extension,omitempty"`
	// International reports whether the entry was keyed in an
	// international form (+, 00, 010…).
	International bool `json:"international,omitempty"`
	// Local reports a number keyed without area code: only the local
	// exchange can tell where it goes.
	Local bool `json:"local,omitempty"`
}

// E164 returns "+<country code><national>" or "" for a local number.
func (n Number) E164() string {
	if n.CountryCode == "" {
		return ""
	}
	return "+" + n.CountryCode + n.National
}

// String returns the E.164 form (or the local digits) with the
// extension, e.g. "+81312345678 ext 12".
func (n Number) String() string {
	s := n.E164()
	if s == "" {
		s = n.National
	}
	if n.Extension != "" {
		s += " ext " + n.Extension
	}
	return s
}

// EntryError is the error of one keyed entry that could not be read. It
// wraps [ErrEmpty], [ErrInvalidCharacter] or [ErrTooLong].
type EntryError struct {
	// Entry names the entry ("first", "second", or "" for a single one).
	Entry string
	// Pos is the 1-based character position of an invalid character,
	// counted after width normalisation; 0 when not about one character.
	Pos int
	// Char is the invalid character, 0 when not about one character.
	Char rune
	// Detail explains the problem in words.
	Detail string
	Err    error
}

func (e *EntryError) Error() string {
	var b strings.Builder
	if e.Entry != "" {
		b.WriteString(e.Entry + " entry: ")
	}
	switch {
	case e.Char != 0:
		fmt.Fprintf(&b, "%v %q at position %d", e.Err, e.Char, e.Pos)
	default:
		b.WriteString(e.Err.Error())
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	return b.String()
}

func (e *EntryError) Unwrap() error { return e.Err }

// MismatchError says how two entries differ. It wraps [ErrMismatch].
type MismatchError struct {
	First, Second Number
	// Reason is a sentence for the person at the keypad.
	Reason string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("%v: %s (first %s, second %s)", ErrMismatch, e.Reason, e.First, e.Second)
}

func (e *MismatchError) Unwrap() error { return ErrMismatch }

// ParseNumber normalises one keyed number: full-width characters (NFKC),
// separators (space, hyphen and dash variants, parentheses, dots, slash),
// pauses (",", P, W), an outside-line prefix followed by a pause,
// international forms (+, the international prefixes, carrier codes),
// the trunk prefix, and an extension (x, ext, #, 内線).
func ParseNumber(s string, opts *DialOptions) (Number, error) {
	return parseNumber(s, opts.resolved())
}

// token kinds of a keyed number after character classification.
const (
	tkDigit = iota
	tkPlus
	tkPause
	tkExt
)

type token struct {
	kind  int
	digit byte
	pos   int
}

func tokenize(s string, maxDigits int) ([]token, error) {
	if len(s) > MaxEntryBytes {
		return nil, &EntryError{Err: ErrTooLong, Detail: fmt.Sprintf("more than %d bytes", MaxEntryBytes)}
	}
	if !utf8.ValidString(s) {
		return nil, &EntryError{Err: ErrInvalidCharacter, Detail: "not valid UTF-8"}
	}
	s = norm.NFKC.String(s)
	var toks []token
	digits := 0
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		pos := i + 1
		switch {
		case r >= '0' && r <= '9':
			digits++
			if digits > maxDigits {
				return nil, &EntryError{Err: ErrTooLong, Detail: fmt.Sprintf("more than %d digits", maxDigits)}
			}
			toks = append(toks, token{kind: tkDigit, digit: byte(r), pos: pos})
		case r == '+':
			toks = append(toks, token{kind: tkPlus, pos: pos})
		case r == ',' || r == 'P' || r == 'p' || r == 'W' || r == 'w':
			toks = append(toks, token{kind: tkPause, pos: pos})
		case r == '#' || r == 'x' || r == 'X':
			toks = append(toks, token{kind: tkExt, pos: pos})
		case (r == 'e' || r == 'E') && i+2 < len(rs) && strings.EqualFold(string(rs[i:i+3]), "ext"):
			toks = append(toks, token{kind: tkExt, pos: pos})
			i += 2
			if i+1 < len(rs) && rs[i+1] == '.' {
				i++
			}
		case r == '内' && i+1 < len(rs) && rs[i+1] == '線':
			toks = append(toks, token{kind: tkExt, pos: pos})
			i++
		case isSeparator(r):
		default:
			return nil, &EntryError{Err: ErrInvalidCharacter, Char: r, Pos: pos}
		}
	}
	return toks, nil
}

// isSeparator reports characters people key between digit groups; the
// dash variants are what Japanese input methods produce for "-".
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '(', ')', '.', '/',
		'\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', // hyphen, dashes, minus
		'\u30fc', '\uff70', // katakana prolonged sound mark (full and half width)
		'\u3000': // ideographic space (NFKC maps it, kept for clarity)
		return true
	}
	return false
}

func parseNumber(s string, o DialOptions) (Number, error) {
	toks, err := tokenize(s, o.MaxDigits)
	if err != nil {
		return Number{}, err
	}
	// Split off the extension.
	var main []token
	var ext []byte
	extSeen := false
	for _, t := range toks {
		switch {
		case extSeen && t.kind == tkDigit:
			ext = append(ext, t.digit)
		case extSeen && t.kind == tkExt:
			// "##" or "ext#": one marker.
		case extSeen:
			return Number{}, &EntryError{Err: ErrInvalidCharacter, Char: kindRune(t.kind), Pos: t.pos, Detail: "only digits may follow an extension marker"}
		case t.kind == tkExt:
			extSeen = true
		default:
			main = append(main, t)
		}
	}
	if extSeen && len(ext) == 0 {
		return Number{}, &EntryError{Err: ErrEmpty, Detail: "extension marker without extension digits"}
	}
	// Outside-line prefix: only when a pause follows it.
	if o.OutsideLinePrefix != "-" {
		if d, rest, ok := leadingDigitsBeforePause(main); ok &&
			(d == o.OutsideLinePrefix || o.OutsideLinePrefix == "" && len(d) <= 2) {
			main = rest
		}
	}
	var digits []byte
	plus := false
	for i, t := range main {
		switch t.kind {
		case tkDigit:
			digits = append(digits, t.digit)
		case tkPlus:
			if len(digits) > 0 || plus {
				return Number{}, &EntryError{Err: ErrInvalidCharacter, Char: '+', Pos: t.pos, Detail: "\"+\" may only start a number"}
			}
			plus = true
		case tkPause:
			if i == 0 && !plus {
				continue // a leading pause only waits for a dial tone
			}
		}
	}
	if len(digits) == 0 {
		return Number{}, &EntryError{Err: ErrEmpty}
	}
	n := Number{Extension: string(ext)}
	d := string(digits)
	intl := plus
	if !intl {
		d, intl = stripInternational(d, o)
	}
	if intl {
		cc := countryCode(d)
		if cc == "" {
			return Number{}, &EntryError{Err: ErrInvalidNumber, Detail: "international number without a valid country code"}
		}
		n.International = true
		n.CountryCode = cc
		n.National = d[len(cc):]
		// "+81 (0)3 …": drop a trunk prefix keyed after the home code.
		if cc == o.CountryCode && o.TrunkPrefix != "" && strings.HasPrefix(n.National, o.TrunkPrefix) {
			n.National = n.National[len(o.TrunkPrefix):]
		}
	} else if o.TrunkPrefix != "" && strings.HasPrefix(d, o.TrunkPrefix) {
		n.CountryCode = o.CountryCode
		n.National = d[len(o.TrunkPrefix):]
	} else if o.TrunkPrefix == "" {
		n.CountryCode = o.CountryCode
		n.National = d
	} else {
		n.National = d
		n.Local = true
	}
	if n.National == "" {
		return Number{}, &EntryError{Err: ErrEmpty, Detail: "only a prefix was entered"}
	}
	if n.CountryCode == o.CountryCode && o.TrunkPrefix != "" && strings.HasPrefix(n.National, o.TrunkPrefix) {
		return Number{}, &EntryError{Err: ErrInvalidNumber, Detail: fmt.Sprintf("the national number starts with the trunk prefix %q again", o.TrunkPrefix)}
	}
	if n.CountryCode != "" && len(n.CountryCode)+len(n.National) > maxE164Digits {
		return Number{}, &EntryError{Err: ErrTooLong, Detail: fmt.Sprintf("%d digits after the country code; E.164 allows %d in all", len(n.National), maxE164Digits)}
	}
	return n, nil
}

func kindRune(k int) rune {
	switch k {
	case tkPlus:
		return '+'
	case tkPause:
		return ','
	}
	return '#'
}

func leadingDigitsBeforePause(ts []token) (string, []token, bool) {
	var b []byte
	for i, t := range ts {
		switch t.kind {
		case tkDigit:
			b = append(b, t.digit)
		case tkPause:
			if len(b) == 0 {
				return "", nil, false
			}
			return string(b), ts[i+1:], true
		default:
			return "", nil, false
		}
	}
	return "", nil, false
}

// stripInternational removes a carrier code and an international prefix
// and reports whether what remains starts with a country code.
func stripInternational(d string, o DialOptions) (string, bool) {
	for _, c := range o.CarrierPrefixes {
		if c == "" || !strings.HasPrefix(d, c) || len(d) == len(c) {
			continue
		}
		rest := d[len(c):]
		for _, p := range o.InternationalPrefixes {
			if p != "" && strings.HasPrefix(rest, p) {
				return rest[len(p):], true
			}
		}
		if o.TrunkPrefix != "" && strings.HasPrefix(rest, o.TrunkPrefix) {
			return rest, false // carrier code before a national number
		}
		return rest, true // carrier code directly followed by a country code
	}
	for _, p := range o.InternationalPrefixes {
		if p != "" && strings.HasPrefix(d, p) {
			return d[len(p):], true
		}
	}
	return d, false
}

// ConfirmDestination is the double-entry check of CIAJ-4.4-1: it
// normalises two keyed entries of the same destination and returns the
// number when both denote it, or an error saying why not. Errors wrap
// [ErrEmpty], [ErrInvalidCharacter], [ErrInvalidNumber] or [ErrTooLong] (as an [*EntryError]
// naming the entry) or [ErrMismatch] (as a [*MismatchError] with the
// reason). A device should send only on a nil error.
func ConfirmDestination(first, second string, opts *DialOptions) (Number, error) {
	o := opts.resolved()
	a, err := parseNumber(first, o)
	if err != nil {
		return Number{}, nameEntry(err, "first")
	}
	b, err := parseNumber(second, o)
	if err != nil {
		return Number{}, nameEntry(err, "second")
	}
	if reason := compareNumbers(a, b); reason != "" {
		return Number{}, &MismatchError{First: a, Second: b, Reason: reason}
	}
	return a, nil
}

func nameEntry(err error, entry string) error {
	var ee *EntryError
	if errors.As(err, &ee) {
		c := *ee
		c.Entry = entry
		return &c
	}
	return fmt.Errorf("%s entry: %w", entry, err)
}

func compareNumbers(a, b Number) string {
	switch {
	case a.Local != b.Local:
		return "one entry has an area code and the other has not"
	case a.CountryCode != b.CountryCode:
		return fmt.Sprintf("country codes differ (+%s, +%s)", a.CountryCode, b.CountryCode)
	case a.National != b.National:
		if len(a.National) != len(b.National) {
			return fmt.Sprintf("different number of digits (%d, %d)", len(a.National), len(b.National))
		}
		for i := range a.National {
			if a.National[i] != b.National[i] {
				return fmt.Sprintf("national numbers differ at digit %d", i+1)
			}
		}
	case a.Extension != b.Extension:
		return "extensions differ"
	}
	return ""
}
