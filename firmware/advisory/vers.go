package advisory

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec/firmware/version"
)

// ErrVers is wrapped by every vers parse error.
var ErrVers = errors.New("invalid vers")

// ErrIncomparable is returned when a version cannot be ordered against a
// range's bounds (another scheme or branch).
var ErrIncomparable = errors.New("versions of different branches are incomparable")

// Constraint is one comparator and version of a vers range.
type Constraint struct {
	// Op is one of "=", "!=", "<", "<=", ">", ">=", or "*".
	Op      string
	Version string
}

// Vers is a parsed "vers:<type>/<constraints>" range.
type Vers struct {
	Type        string
	Scheme      version.Scheme
	Constraints []Constraint
	parsed      []version.Version
}

// ParseVers parses a canonical vers string (package-url/vers-spec). Input
// that is not canonical — white space, stray pipes, unsorted constraints,
// non-canonical percent-encoding — is an error wrapping [ErrVers], not
// normalised.
func ParseVers(s string) (*Vers, error) {
	return parseVers(s, false)
}

// NormalizeVers parses a vers string whose constraints may be out of
// order and returns it with the constraints sorted by version (stable).
func NormalizeVers(s string) (*Vers, error) {
	return parseVers(s, true)
}

func versErr(msg string) error { return fmt.Errorf("non-canonical VERS: %s: %w", msg, ErrVers) }

func parseVers(s string, sortThem bool) (*Vers, error) {
	if len(s) > 64<<10 {
		return nil, versErr("longer than 64 KiB")
	}
	rest, ok := strings.CutPrefix(s, "vers:")
	if !ok {
		return nil, versErr(`must start with "vers:"`)
	}
	if strings.ContainsAny(s, " \t\r\n\f\v") {
		return nil, versErr("whitespace is not permitted")
	}
	typ, cons, ok := strings.Cut(rest, "/")
	if !ok || typ == "" {
		return nil, versErr("missing versioning scheme")
	}
	if typ != strings.ToLower(typ) {
		return nil, versErr("versioning scheme must be lowercase")
	}
	if cons == "" {
		return nil, versErr("no constraints")
	}
	if strings.HasPrefix(cons, "|") {
		return nil, versErr("leading pipe is not permitted")
	}
	if strings.HasSuffix(cons, "|") {
		return nil, versErr("trailing pipe is not permitted")
	}
	if strings.Contains(cons, "||") {
		return nil, versErr("consecutive pipes are not permitted")
	}
	v := &Vers{Type: typ}
	if cons == "*" {
		v.Constraints = []Constraint{{Op: "*"}}
		return v, nil
	}
	sc, err := version.Lookup(typ)
	if err != nil {
		return nil, fmt.Errorf("vers type %q: %w", typ, err)
	}
	v.Scheme = sc
	for _, c := range strings.Split(cons, "|") {
		op := "="
		for _, o := range []string{"!=", "<=", ">=", "<", ">", "="} {
			if strings.HasPrefix(c, o) {
				op, c = o, c[len(o):]
				break
			}
		}
		if c == "" || c == "*" {
			return nil, versErr("constraint without a version")
		}
		if typ == "datetime" {
			if strings.ContainsAny(c, "tz") {
				return nil, versErr("datetime must use uppercase T and Z")
			}
			if strings.Contains(strings.ToUpper(c), "%3A") && !strings.Contains(c, "%3a") {
				return nil, versErr("datetime time colons must be unencoded")
			}
		}
		dec, err := percentDecode(c)
		if err != nil {
			return nil, err
		}
		// A version the scheme cannot parse stays in the range (the
		// zero Version); containment against it is an error.
		pv, _ := version.Parse(sc, dec)
		v.Constraints = append(v.Constraints, Constraint{Op: op, Version: dec})
		v.parsed = append(v.parsed, pv)
	}
	if sortThem {
		idx := make([]int, len(v.parsed))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return version.TotalCompare(v.parsed[a], v.parsed[b]) })
		cs := make([]Constraint, len(idx))
		ps := make([]version.Version, len(idx))
		for i, j := range idx {
			cs[i], ps[i] = v.Constraints[j], v.parsed[j]
		}
		v.Constraints, v.parsed = cs, ps
	}
	for i := 1; i < len(v.parsed); i++ {
		if v.parsed[i-1].IsZero() || v.parsed[i].IsZero() {
			continue
		}
		if version.TotalCompare(v.parsed[i-1], v.parsed[i]) > 0 {
			return nil, versErr("constraints are not sorted by version")
		}
	}
	return v, nil
}

func percentDecode(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", versErr("invalid percent-encoding in version")
		}
		h, l := unhex(s[i+1]), unhex(s[i+2])
		if h < 0 || l < 0 {
			return "", versErr("invalid percent-encoding in version")
		}
		if isLowerHex(s[i+1]) || isLowerHex(s[i+2]) {
			return "", versErr("percent-encoding in version is not canonical")
		}
		b.WriteByte(byte(h<<4 | l))
		i += 2
	}
	return b.String(), nil
}

func isLowerHex(c byte) bool { return 'a' <= c && c <= 'f' }

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// String returns the canonical form.
func (v *Vers) String() string {
	var b strings.Builder
	b.WriteString("vers:" + v.Type + "/")
	for i, c := range v.Constraints {
		if i > 0 {
			b.WriteByte('|')
		}
		if c.Op == "*" {
			b.WriteByte('*')
			continue
		}
		if c.Op != "=" {
			b.WriteString(c.Op)
		}
		b.WriteString(percentEncode(c.Version))
	}
	return b.String()
}

func percentEncode(s string) string {
	if !strings.ContainsAny(s, "%|<>=!*") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("%|<>=!*", s[i]) >= 0 {
			fmt.Fprintf(&b, "%%%02X", s[i])
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// Contains reports whether ver is in the range, by the vers-spec
// containment algorithm. It returns [ErrIncomparable] when ver cannot be
// ordered against a bound it must be compared with.
func (v *Vers) Contains(ver version.Version) (bool, error) {
	if len(v.Constraints) == 1 && v.Constraints[0].Op == "*" {
		return v.Type != "none", nil
	}
	if ver.Scheme() != v.Scheme {
		return false, fmt.Errorf("%s version against a %s range: %w", ver.Scheme(), v.Scheme, ErrIncomparable)
	}
	for i, c := range v.Constraints {
		if v.parsed[i].IsZero() {
			return false, fmt.Errorf("vers %s: version %q is not a %s version: %w", v, c.Version, v.Scheme, ErrVers)
		}
	}
	for i, c := range v.Constraints {
		if version.Equal(ver, v.parsed[i]) {
			switch c.Op {
			case "=", "<=", ">=":
				return true, nil
			case "!=":
				return false, nil
			}
		}
	}
	var ops []string
	var vs []version.Version
	for i, c := range v.Constraints {
		if c.Op != "=" && c.Op != "!=" {
			ops = append(ops, c.Op)
			vs = append(vs, v.parsed[i])
		}
	}
	if len(ops) == 0 {
		return false, nil
	}
	cmp := func(i int) (int, error) {
		c, ok := version.Compare(ver, vs[i])
		if !ok {
			return 0, fmt.Errorf("%s vs %s: %w", ver, vs[i], ErrIncomparable)
		}
		return c, nil
	}
	if ops[0] == "<" || ops[0] == "<=" {
		c, err := cmp(0)
		if err != nil {
			return false, err
		}
		if c < 0 {
			return true, nil
		}
	}
	last := len(ops) - 1
	if ops[last] == ">" || ops[last] == ">=" {
		c, err := cmp(last)
		if err != nil {
			return false, err
		}
		if c > 0 {
			return true, nil
		}
	}
	for i := 0; i+1 < len(ops); i++ {
		if (ops[i] == ">" || ops[i] == ">=") && (ops[i+1] == "<" || ops[i+1] == "<=") {
			lo, err := cmp(i)
			if err != nil {
				return false, err
			}
			hi, err := cmp(i + 1)
			if err != nil {
				return false, err
			}
			if lo > 0 && hi < 0 {
				return true, nil
			}
		}
	}
	return false, nil
}

// statements turns the range into enumerated versions, excluded versions
// and intervals. Constraint sequences that are not pairs (two lower bounds
// in a row) are reported in bad.
func (v *Vers) statements() (versions, excluded []string, ranges []Range, bad string) {
	if len(v.Constraints) == 1 && v.Constraints[0].Op == "*" {
		if v.Type == "none" {
			return nil, nil, nil, ""
		}
		return nil, nil, []Range{{}}, ""
	}
	var rest []Constraint
	for _, c := range v.Constraints {
		switch c.Op {
		case "=":
			versions = append(versions, c.Version)
		case "!=":
			excluded = append(excluded, c.Version)
		default:
			rest = append(rest, c)
		}
	}
	isLo := func(op string) bool { return op == ">" || op == ">=" }
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if isLo(c.Op) {
			r := Range{Lo: c.Version, LoExclusive: c.Op == ">"}
			if i+1 < len(rest) && !isLo(rest[i+1].Op) {
				r.Hi, r.HiInclusive = rest[i+1].Version, rest[i+1].Op == "<="
				i++
			} else if i+1 < len(rest) {
				return nil, nil, nil, "two lower bounds in a row"
			}
			ranges = append(ranges, r)
			continue
		}
		if i > 0 {
			return nil, nil, nil, "two upper bounds in a row"
		}
		ranges = append(ranges, Range{Hi: c.Version, HiInclusive: c.Op == "<="})
	}
	return versions, excluded, ranges, ""
}
