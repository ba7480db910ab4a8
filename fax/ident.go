package fax

import (
	"fmt"
	"unicode/utf8"
)

// MaxT30Chars is the length bound of the T.30 identity and address
// frames (TSI, CSI, CIG, SUB, SEP, SID, PWD): 20 characters (ITU-T T.30
// §5.3.6.2; spandsp's T30_MAX_IDENT_LEN).
const MaxT30Chars = 20

// IdentityError is the error of a T.30 identity or F-code value that is
// not valid. It wraps [ErrEmpty], [ErrInvalidCharacter] or [ErrTooLong].
// For a password (PWD, SID) it never carries the offending character.
type IdentityError struct {
	// Field names the frame: "TSI", "CSI", "SUB", "SEP", "PWD", "SID".
	Field string
	// Pos is the 1-based position of an invalid character, 0 otherwise.
	Pos int
	// Char is the invalid character; 0 for secrets or when not about one.
	Char rune
	// Len is the length in characters, set with ErrTooLong.
	Len int
	Err error
}

func (e *IdentityError) Error() string {
	switch {
	case e.Err == ErrTooLong:
		return fmt.Sprintf("%s: %v: %d characters, at most %d", e.Field, e.Err, e.Len, MaxT30Chars)
	case e.Char != 0:
		return fmt.Sprintf("%s: %v %q at position %d", e.Field, e.Err, e.Char, e.Pos)
	case e.Pos != 0:
		return fmt.Sprintf("%s: %v at position %d", e.Field, e.Err, e.Pos)
	}
	return fmt.Sprintf("%s: %v", e.Field, e.Err)
}

func (e *IdentityError) Unwrap() error { return e.Err }

// ValidateIdentity checks a T.30 subscriber identity (TSI, CSI or CIG),
// as sent in the frame: at most 20 characters, each a digit, "+" or space
// (ITU-T T.30 §5.3.6.2.4–5.3.6.2.6 and its Table 3 character set). field
// names the frame in the error ("TSI", "CSI"). An empty identity is
// [ErrEmpty]: T.30 allows it, but then the far end cannot check who it
// talks to (CIAJ-4.3-2).
func ValidateIdentity(field, id string) error {
	return validateT30(field, id, false, func(r rune) bool {
		return r >= '0' && r <= '9' || r == '+' || r == ' '
	})
}

// FCode names the T.30 frames that carry F-code values (the Japanese "F
// コード" of CIAJ's fax naming rules, used for confidential and
// bulletin-board mailboxes).
type FCode string

// F-code frames.
const (
	// SUB is the subaddress: the mailbox a document is sent to.
	SUB FCode = "SUB"
	// SEP is the selective polling address: the mailbox polled from.
	SEP FCode = "SEP"
	// PWD is the password for a mailbox or for polling.
	PWD FCode = "PWD"
	// SID is the sender identification, used as a password too.
	SID FCode = "SID"
)

// Secret reports whether values of the frame are passwords, which
// errors and findings never show.
func (c FCode) Secret() bool { return c == PWD || c == SID }

// ValidateFCode checks an F-code value for frame c: at most 20
// characters, each a digit, "*", "#" or space. ITU-T T.30 (§5.3.6.2.7 SUB,
// §5.3.6.2.8 SEP, §5.3.6.2.9 PWD and SID) encodes these frames with the
// character set of its Table 3, which for SUB/SEP/PWD/SID adds "*" and "#"
// to the digits and space of the identities; CIAJ's F-code rules (the
// facsimile committee's naming rules, not public) use digit strings within
// that set. Errors of PWD and SID never show the value or a character of
// it. An empty value is [ErrEmpty].
func ValidateFCode(c FCode, v string) error {
	return validateT30(string(c), v, c.Secret(), func(r rune) bool {
		return r >= '0' && r <= '9' || r == '*' || r == '#' || r == ' '
	})
}

func validateT30(field, v string, secret bool, ok func(rune) bool) error {
	if v == "" {
		return &IdentityError{Field: field, Err: ErrEmpty}
	}
	n := utf8.RuneCountInString(v)
	if n > MaxT30Chars {
		return &IdentityError{Field: field, Len: n, Err: ErrTooLong}
	}
	pos := 0
	for _, r := range v {
		pos++
		if !ok(r) {
			e := &IdentityError{Field: field, Pos: pos, Err: ErrInvalidCharacter}
			if !secret {
				e.Char = r
			}
			return e
		}
	}
	return nil
}
