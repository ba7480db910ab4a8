package netdevsec

import (
	"fmt"
	"strconv"
	"strings"
)

// ClauseID is a stable clause ID of the guideline summary, such as
// "CIAJ-1.2-3".
type ClauseID string

// Clause is one entry of the clause catalog.
type Clause struct {
	ID        ClauseID `json:"id"`
	Part      int      `json:"part"`      // 1 common, 2 PBX, 3 router, 4 fax
	Title     string   `json:"title"`     // what the guideline says, in English
	Checkable string   `json:"checkable"` // what a check looks at
}

// Clauses returns every clause of the catalog, in guideline order. The
// slice is a fresh copy the caller may keep or change.
func Clauses() []Clause {
	out := make([]Clause, len(clauseTable))
	copy(out, clauseTable[:])
	return out
}

// LookupClause returns the catalog entry for id and whether it exists.
func LookupClause(id ClauseID) (Clause, bool) {
	for _, c := range clauseTable {
		if c.ID == id {
			return c, true
		}
	}
	return Clause{}, false
}

// Compare orders clause IDs in guideline order (CIAJ-1.2-2 before
// CIAJ-1.2-10 before CIAJ-1.3.1-1), numerically part by part.
func (id ClauseID) Compare(other ClauseID) int {
	a, b := clauseKey(id), clauseKey(other)
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return strings.Compare(string(id), string(other))
}

func clauseKey(id ClauseID) []int {
	s := strings.TrimPrefix(string(id), "CIAJ-")
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '-' })
	key := make([]int, 0, len(fields))
	for _, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil {
			n = 1 << 30
		}
		key = append(key, n)
	}
	return key
}

// String returns the ID.
func (id ClauseID) String() string { return string(id) }

// validateClause returns an error unless id is in the catalog.
func validateClause(id ClauseID) error {
	if _, ok := LookupClause(id); !ok {
		return fmt.Errorf("clause %q is not in the catalog", string(id))
	}
	return nil
}
