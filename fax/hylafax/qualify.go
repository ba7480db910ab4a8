package hylafax

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// QualifyPattern is one line of a sender qualification file.
type QualifyPattern struct {
	Pattern string
	// Reject: the line starts with "!".
	Reject bool
	// MatchesAll: the pattern accepts any identity (".*", "^.*$" …).
	MatchesAll bool
	Location   netdevsec.Location
}

// Qualify is a parsed TSI or PWD qualification file (tsi(5)): the first
// matching pattern decides; no match rejects.
type Qualify struct {
	Name     string
	Patterns []QualifyPattern
	Unparsed []Unparsed
}

// Restrictive reports whether the file turns some senders away: it has
// an accepting pattern, and no pattern before the first rejecting one
// accepts everybody.
func (q *Qualify) Restrictive() bool {
	if q == nil || len(q.Patterns) == 0 {
		return false
	}
	for _, p := range q.Patterns {
		if p.MatchesAll && !p.Reject {
			return false
		}
		if p.Reject {
			return true
		}
	}
	return true
}

// ParseQualify reads a qualification file. Invalid regular expressions
// go to Unparsed.
func ParseQualify(r io.Reader, name string) (*Qualify, error) {
	q := &Qualify{Name: name}
	err := eachLine(r, MaxLineBytes, MaxFileBytes, func(n int, raw []byte, tooLong bool) bool {
		loc := netdevsec.Location{File: name, Line: n}
		if tooLong {
			q.Unparsed = append(q.Unparsed, Unparsed{loc, fmt.Sprintf("line longer than %d bytes", MaxLineBytes)})
			return true
		}
		line := string(raw)
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimRight(line, " \t")
		if strings.TrimSpace(line) == "" {
			return true
		}
		p := QualifyPattern{Pattern: line, Location: loc}
		if strings.HasPrefix(line, "!") {
			p.Reject, p.Pattern = true, line[1:]
		}
		re, err := regexp.CompilePOSIX(p.Pattern)
		if err != nil {
			q.Unparsed = append(q.Unparsed, Unparsed{loc, "not a valid POSIX regular expression"})
			return true
		}
		p.MatchesAll = re.MatchString("") && re.MatchString("+81 3 1234 5678") && re.MatchString("ANY SENDER")
		q.Patterns = append(q.Patterns, p)
		return true
	})
	if err != nil {
		return q, fmt.Errorf("%s: %w", name, err)
	}
	return q, nil
}
