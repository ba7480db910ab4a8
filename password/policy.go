package password

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citation names the text a requirement comes from.
type Citation struct {
	// Source is the document ("NIST SP 800-63B-4", "CIAJ 2019").
	Source string `json:"source"`
	// Section is where in it ("3.1.1.2", "1.2-2").
	Section string `json:"section"`
	// Says is a short paraphrase of the requirement.
	Says string `json:"says"`
}

// String returns "Source §Section: Says".
func (c Citation) String() string { return fmt.Sprintf("%s §%s: %s", c.Source, c.Section, c.Says) }

// CharClass is a character class of composition rules.
type CharClass string

// Character classes.
const (
	ClassLetter CharClass = "letter"
	ClassDigit  CharClass = "digit"
	ClassSymbol CharClass = "symbol"
)

// Profile is a password policy to judge secrets against. Every
// requirement carries the citation it comes from, and every reason a
// check gives names it.
type Profile struct {
	// ID is stable: "nist-800-63b-4", "ciaj-2019", "pin", or a custom ID.
	ID string `json:"id"`
	// Name is for people.
	Name string `json:"name"`
	// MinLength is the minimum length in code points (after NFKC).
	MinLength int `json:"min_length"`
	// MinLengthMultiFactor replaces MinLength when the password is one
	// factor of several (NIST: 8); 0 means MinLength.
	MinLengthMultiFactor int `json:"min_length_multi_factor,omitempty"`
	// AcceptLength is the length a verifier must at least accept
	// (NIST: 64); firmware capping below it conflicts.
	AcceptLength int `json:"accept_length,omitempty"`
	// RequireClasses are the character classes a password must mix.
	RequireClasses []CharClass `json:"require_classes,omitempty"`
	// ForbidComposition says the policy forbids imposing composition
	// rules on users (NIST SP 800-63B-4).
	ForbidComposition bool `json:"forbid_composition,omitempty"`
	// ForbidRotation says forced periodic changes are not allowed.
	ForbidRotation bool `json:"forbid_rotation,omitempty"`
	// Blocklist says common, breached and context words are refused.
	Blocklist bool `json:"blocklist,omitempty"`
	// DigitsOnly and the other PIN fields make this a PIN profile.
	DigitsOnly bool `json:"digits_only,omitempty"`
	// Cite maps a requirement ("length", "composition", "blocklist",
	// "rotation", "accept-length", "pin") to its citation.
	Cite map[string]Citation `json:"cite"`
}

// citation returns p's citation for req, or a generic one for custom
// profiles without it.
func (p Profile) citation(req string) Citation {
	if c, ok := p.Cite[req]; ok {
		return c
	}
	return Citation{Source: p.Name, Section: req, Says: "custom policy"}
}

// NIST4 is NIST SP 800-63B-4 (final, August 2025) for passwords: at
// least 15 characters when the password is the only factor (8 with
// another factor), verifiers accept at least 64, a blocklist of common,
// breached and context-specific values, no composition rules and no
// periodic change.
func NIST4() Profile {
	src := "NIST SP 800-63B-4"
	return Profile{
		ID: "nist-800-63b-4", Name: "NIST SP 800-63B-4",
		MinLength: 15, MinLengthMultiFactor: 8, AcceptLength: 64,
		ForbidComposition: true, ForbidRotation: true, Blocklist: true,
		Cite: map[string]Citation{
			"length":        {src, "3.1.1.2", "passwords SHALL be at least 15 characters when used as a single factor, at least 8 as part of multi-factor authentication"},
			"accept-length": {src, "3.1.1.2", "verifiers SHOULD permit a maximum length of at least 64 characters"},
			"composition":   {src, "3.1.1.2", "verifiers SHALL NOT impose other composition rules (e.g. mixtures of character types)"},
			"blocklist":     {src, "3.1.1.2", "verifiers SHALL compare the password against a blocklist of commonly used, expected or compromised values, including context-specific words"},
			"rotation":      {src, "3.1.1.2", "verifiers SHALL NOT require periodic password changes; they SHALL force a change on evidence of compromise"},
		},
	}
}

// CIAJ2019 is the CIAJ user guideline (2019): a per-device password of
// adequate length mixing letters, digits and symbols, not guessable, not
// reused, changed on anomalies rather than periodically. The guideline
// gives no number; netdevsec reads "adequate length" as 12.
func CIAJ2019() Profile {
	src := "CIAJ Communication Network Equipment Security User Guidelines (2019)"
	return Profile{
		ID: "ciaj-2019", Name: "CIAJ 2019",
		MinLength: 12, RequireClasses: []CharClass{ClassLetter, ClassDigit, ClassSymbol},
		ForbidRotation: true, Blocklist: true,
		Cite: map[string]Citation{
			"length":      {src, "1.2-2", "set a password of adequate length (netdevsec reads this as at least 12 characters)"},
			"composition": {src, "1.2-2", "mix letters, digits and symbols"},
			"blocklist":   {src, "1.2-2", "avoid passwords that are easy to guess"},
			"rotation":    {src, "1.2-5", "periodic forced changes are no longer recommended; change passwords when an anomaly is noticed"},
		},
	}
}

// PINProfile is the profile for PBX voicemail and DISA PINs: at least 6
// digits, digits only, not the extension, not repeated or sequential,
// not a top PIN. It follows NIST's PIN guidance by analogy (IPD
// activation secrets: 6 digits, blocklist of common values) and CIAJ
// 2.3-4 / 2.4-1 (authenticate callers before relaying).
func PINProfile() Profile {
	return Profile{
		ID: "pin", Name: "PBX PIN",
		MinLength: 6, DigitsOnly: true, Blocklist: true,
		Cite: map[string]Citation{
			"length":    {"NIST SP 800-63B-4", "3.1.3 (activation secrets)", "PINs SHALL be at least 6 digits"},
			"blocklist": {"NIST SP 800-63B-4", "3.1.3 (activation secrets)", "refuse common PINs, repeated and sequential digits"},
			"pin":       {"CIAJ Communication Network Equipment Security User Guidelines (2019)", "2.3-4, 2.4-1", "callers that reach the PBX from outside must be authenticated by a secret that is hard to guess"},
		},
	}
}

// ProfileByID returns a built-in profile.
func ProfileByID(id string) (Profile, bool) {
	for _, p := range []Profile{NIST4(), CIAJ2019(), PINProfile()} {
		if p.ID == id {
			return p, true
		}
	}
	return Profile{}, false
}

// Conflict is a requirement that cannot be met together with another
// (two profiles, or a profile and a device's firmware).
type Conflict struct {
	Code    string     `json:"code"`
	Message string     `json:"message"`
	Cites   []Citation `json:"cites"`
}

// ProfileConflicts reports requirements of ps that contradict each other
// (CIAJ 2019 asks for a mix of character classes; NIST SP 800-63B-4
// forbids imposing one).
func ProfileConflicts(ps []Profile) []Conflict {
	var out []Conflict
	for _, a := range ps {
		for _, b := range ps {
			if len(a.RequireClasses) > 0 && b.ForbidComposition {
				out = append(out, Conflict{
					Code:    "composition",
					Message: fmt.Sprintf("%s requires a mix of %s; %s forbids imposing composition rules: a password can meet both, but a verifier cannot enforce %s's rule and comply with %s", a.Name, joinClasses(a.RequireClasses), b.Name, a.Name, b.Name),
					Cites:   []Citation{a.citation("composition"), b.citation("composition")},
				})
			}
		}
	}
	return out
}

func joinClasses(cs []CharClass) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c) + "s"
	}
	return strings.Join(s, ", ")
}

// DeviceConflicts reports where a device's enforced policy or firmware
// limits contradict profile p: a length cap below p's minimum or below
// what p says verifiers must accept, a character set without a class p
// requires, or composition rules p forbids.
func DeviceConflicts(p Profile, dp DevicePolicy) []Conflict {
	var out []Conflict
	if dp.MaxLength > 0 && dp.MaxLength < p.MinLength {
		out = append(out, Conflict{Code: "length-cap", Message: fmt.Sprintf("firmware accepts at most %d characters; %s needs at least %d", dp.MaxLength, p.Name, p.MinLength), Cites: []Citation{p.citation("length")}})
	} else if dp.MaxLength > 0 && p.AcceptLength > 0 && dp.MaxLength < p.AcceptLength {
		out = append(out, Conflict{Code: "accept-length", Message: fmt.Sprintf("firmware accepts at most %d characters; %s asks verifiers to accept %d", dp.MaxLength, p.Name, p.AcceptLength), Cites: []Citation{p.citation("accept-length")}})
	}
	if cs := charsetClasses(dp.Charset); cs != nil {
		for _, need := range p.RequireClasses {
			if !slices.Contains(cs, need) {
				out = append(out, Conflict{Code: "charset", Message: fmt.Sprintf("firmware character set %q has no %ss, which %s requires", dp.Charset, need, p.Name), Cites: []Citation{p.citation("composition")}})
			}
		}
	}
	if p.ForbidComposition && dp.RequireClasses > 0 {
		out = append(out, Conflict{Code: "composition", Message: fmt.Sprintf("device imposes %d character classes; %s forbids composition rules", dp.RequireClasses, p.Name), Cites: []Citation{p.citation("composition")}})
	}
	return out
}

// charsetClasses returns the classes a restricted charset allows, nil
// when unrestricted or unknown.
func charsetClasses(cs string) []CharClass {
	switch strings.ToLower(cs) {
	case "digits", "numeric":
		return []CharClass{ClassDigit}
	case "alnum", "alphanumeric":
		return []CharClass{ClassLetter, ClassDigit}
	case "letters", "alpha":
		return []CharClass{ClassLetter}
	}
	return nil
}

// classesOf returns the character classes in s.
func classesOf(s string) []CharClass {
	var out []CharClass
	add := func(c CharClass) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, r := range s {
		if len(out) == 3 {
			break
		}
		switch {
		case unicode.IsLetter(r):
			add(ClassLetter)
		case unicode.IsDigit(r):
			add(ClassDigit)
		case unicode.IsPunct(r) || unicode.IsSymbol(r) || r == ' ':
			add(ClassSymbol)
		}
	}
	return out
}

// Reason is one requirement a secret did or did not meet.
type Reason struct {
	// Code is stable: "default", "blank", "blocklist", "breached",
	// "device-derived", "weak", "length", "composition", "pin-digits",
	// "pin-extension", "pin-repeated", "pin-sequential", "pin-common".
	Code string `json:"code"`
	// RuleID is the rule whose finding this reason feeds.
	RuleID string `json:"rule"`
	// Profile is the profile ID for profile requirements, else "".
	Profile string `json:"profile,omitempty"`
	// Message explains it without the secret.
	Message string `json:"message"`
	// Cite is where the requirement comes from.
	Cite Citation `json:"cite"`
}

// checkProfile applies p's length and composition requirements to pw.
// Blocklist, default and context checks are the Checker's.
func checkProfile(p Profile, pw string, multiFactor bool) []Reason {
	var out []Reason
	if len(pw) <= 4096 {
		pw = Normalize(pw) // longer input is long enough whatever its form
	}
	n := utf8.RuneCountInString(pw)
	min := p.MinLength
	if multiFactor && p.MinLengthMultiFactor > 0 {
		min = p.MinLengthMultiFactor
	}
	rule := RuleProfile().ID
	if p.DigitsOnly {
		rule = RulePIN().ID
	}
	if n < min {
		out = append(out, Reason{Code: "length", RuleID: rule, Profile: p.ID, Cite: p.citation("length"),
			Message: fmt.Sprintf("%d characters; %s needs at least %d", n, p.Name, min)})
	}
	if len(p.RequireClasses) > 0 {
		have := classesOf(pw)
		var missing []CharClass
		for _, c := range p.RequireClasses {
			if !slices.Contains(have, c) {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			out = append(out, Reason{Code: "composition", RuleID: rule, Profile: p.ID, Cite: p.citation("composition"),
				Message: fmt.Sprintf("no %s; %s asks for a mix of %s", joinClasses(missing), p.Name, joinClasses(p.RequireClasses))})
		}
	}
	return out
}

// topPINs are the most chosen 6-digit PINs in published analyses of
// leaked PIN and password sets (Wang et al., "Understanding Human-Chosen
// PINs", IEEE S&P 2020; Markert et al., "This PIN Can Be Easily
// Guessed", IEEE S&P 2020), written here from those papers' top lists.
var topPINs = []string{
	"123456", "654321", "111111", "000000", "123123", "666666", "121212", "112233", "789456", "159753",
	"123321", "888888", "222222", "555555", "999999", "777777", "333333", "444444", "101010", "520520",
	"131313", "147258", "159357", "252525", "696969", "102030", "112211", "123654", "147852", "987654",
	"000001", "121314", "202020", "212121", "321321", "456456", "456789", "741852", "753951", "852456",
	"123789", "147369", "258258", "369369", "789789", "100200", "110110", "111222", "123000", "198019",
}

// CheckPIN applies the PIN profile to pin for the given extension
// (mailbox number; "" when unknown).
func CheckPIN(pin, extension string) []Reason {
	p := PINProfile()
	rule := RulePIN().ID
	pin = Normalize(pin)
	out := checkProfile(p, pin, false)
	for _, r := range pin {
		if r < '0' || r > '9' {
			out = append(out, Reason{Code: "pin-digits", RuleID: rule, Profile: p.ID, Cite: p.citation("length"), Message: "not digits only: the phone keypad and DTMF carry only digits"})
			return out
		}
	}
	if pin == "" {
		return out
	}
	if extension != "" && (pin == extension || strings.Contains(pin, extension) && 2*len(extension) >= len(pin) || pin == reverse(extension)) {
		out = append(out, Reason{Code: "pin-extension", RuleID: rule, Profile: p.ID, Cite: p.citation("pin"), Message: "the PIN is (built from) the extension number"})
	}
	if strings.Count(pin, pin[:1]) == len(pin) || len(pin)%2 == 0 && strings.Repeat(pin[:2], len(pin)/2) == pin || len(pin)%3 == 0 && strings.Repeat(pin[:3], len(pin)/3) == pin {
		out = append(out, Reason{Code: "pin-repeated", RuleID: rule, Profile: p.ID, Cite: p.citation("blocklist"), Message: "repeated digits"})
	} else if sequential(pin) {
		out = append(out, Reason{Code: "pin-sequential", RuleID: rule, Profile: p.ID, Cite: p.citation("blocklist"), Message: "sequential digits"})
	}
	if slices.Contains(topPINs, pin) {
		out = append(out, Reason{Code: "pin-common", RuleID: rule, Profile: p.ID, Cite: p.citation("blocklist"), Message: "one of the most common PINs"})
	}
	return out
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// sequential reports digits that go up or down by one throughout
// (wrapping 9→0), like 345678 or 210987.
func sequential(pin string) bool {
	if len(pin) < 3 {
		return false
	}
	for _, step := range []int{1, 9} {
		ok := true
		for i := 1; i < len(pin); i++ {
			if (int(pin[i]-'0')-int(pin[i-1]-'0')+10)%10 != step {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
