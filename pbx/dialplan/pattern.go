package dialplan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// ErrPattern is wrapped by pattern compile errors.
var ErrPattern = errors.New("bad pattern")

// maxPatternLen bounds a pattern's length; longer ones are rejected.
const maxPatternLen = 512

// Pattern is a compiled extension pattern: an Asterisk extension name or
// pattern (_X., _NXXNXXXXXX, _0[1-9]X., 1001) or a FreeSWITCH
// destination_number regular expression. Both compile to one automaton, so
// the questions the analysis asks — can this pattern dial a number that
// starts with 010? — have one implementation.
type Pattern struct {
	raw  string
	prog *syntax.Prog
	// open is true when the pattern accepts arbitrary characters (an
	// Asterisk '.' or '!', a regex '.' or unbounded class), so a caller
	// can smuggle '&' or '/' through it.
	open bool
	// lit is a literal prefix every match starts with (may be empty):
	// a cheap first test for Intersects.
	lit string
}

// String returns the pattern as written.
func (p Pattern) String() string { return p.raw }

// Open reports whether the pattern accepts arbitrary characters (Asterisk
// '.' and '!', regex wildcards): numbers matched by it must be filtered
// before they reach Dial.
func (p Pattern) Open() bool { return p.open }

// CompileAsterisk compiles an Asterisk extension: a literal name ("1001",
// "s", "i") or, with a leading underscore, a pattern where X is 0-9, Z is
// 1-9, N is 2-9, [a-c1] is a set with ranges, '.' matches one or more of
// anything and '!' zero or more of anything. Dashes outside brackets are
// ignored, as Asterisk does.
func CompileAsterisk(ext string) (Pattern, error) {
	if len(ext) > maxPatternLen {
		return Pattern{}, fmt.Errorf("extension %.20q…: longer than %d bytes: %w", ext, maxPatternLen, ErrPattern)
	}
	var re strings.Builder
	re.WriteString("^")
	open := false
	if !strings.HasPrefix(ext, "_") {
		re.WriteString(regexp.QuoteMeta(ext))
		re.WriteString("$")
		p, err := compileRegexp(ext, re.String(), false)
		p.lit = ext
		return p, err
	}
	var lit strings.Builder
	for i := 1; i < len(ext); i++ {
		c := ext[i]
		if c == '-' {
			continue
		}
		if c >= '0' && c <= '9' || c == '*' || c == '#' || c == '+' {
			lit.WriteByte(c)
			continue
		}
		break
	}
	s := ext[1:]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 'X' || c == 'x':
			re.WriteString("[0-9]")
		case c == 'Z' || c == 'z':
			re.WriteString("[1-9]")
		case c == 'N' || c == 'n':
			re.WriteString("[2-9]")
		case c == '.':
			re.WriteString("(?s:.+)")
			open = true
		case c == '!':
			re.WriteString("(?s:.*)")
			open = true
		case c == '-':
			// ignored, as in Asterisk: _NXX-XXXX
		case c == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return Pattern{}, fmt.Errorf("extension %q: unclosed '[': %w", ext, ErrPattern)
			}
			set := s[i+1 : i+j]
			if set == "" {
				return Pattern{}, fmt.Errorf("extension %q: empty '[]': %w", ext, ErrPattern)
			}
			re.WriteString("[")
			for k := 0; k < len(set); k++ {
				b := set[k]
				if b == '-' && k > 0 && k < len(set)-1 {
					re.WriteByte('-')
					continue
				}
				re.WriteString(classEscape(b))
			}
			re.WriteString("]")
			i += j
		default:
			re.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	re.WriteString("$")
	p, err := compileRegexp(ext, re.String(), open)
	p.lit = lit.String()
	return p, err
}

func classEscape(b byte) string {
	if b < utf8.RuneSelf && (b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z') {
		return string(b)
	}
	return fmt.Sprintf(`\x{%x}`, b)
}

// CompileRegexp compiles a FreeSWITCH (PCRE-style) condition expression.
// An expression without a leading '^' matches anywhere, as in
// FreeSWITCH. The subset of PCRE that Go's RE2 syntax shares is
// supported; other expressions are an error.
func CompileRegexp(expr string) (Pattern, error) {
	if len(expr) > maxPatternLen {
		return Pattern{}, fmt.Errorf("expression %.20q…: longer than %d bytes: %w", expr, maxPatternLen, ErrPattern)
	}
	re := expr
	if !strings.HasPrefix(re, "^") {
		re = "(?s:.*)(?:" + re + ")"
	}
	p, err := compileRegexp(expr, re, false)
	if err != nil {
		return Pattern{}, err
	}
	p.open = regexOpen(expr)
	if strings.HasPrefix(expr, "^") && !strings.Contains(expr, "|") {
		// literal digits after ^, outside any group, quantifier or
		// alternation
		r := expr[1:]
		for len(r) > 0 && r[0] == '(' && !strings.HasPrefix(r, "(?") {
			r = r[1:]
		}
		var lit strings.Builder
		for i := 0; i < len(r); i++ {
			c := r[i]
			if c >= '0' && c <= '9' || c == '#' {
				if i+1 < len(r) && strings.IndexByte("?*{|", r[i+1]) >= 0 {
					break // quantified or alternated: not a fixed prefix
				}
				lit.WriteByte(c)
				continue
			}
			break
		}
		p.lit = lit.String()
	}
	return p, nil
}

// regexOpen reports whether a regex accepts characters other than digits,
// '*', '#' and '+' in an unbounded run.
func regexOpen(expr string) bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return true
	}
	open := false
	var walk func(r *syntax.Regexp)
	walk = func(r *syntax.Regexp) {
		switch r.Op {
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			open = true
		case syntax.OpCharClass:
			for i := 0; i+1 < len(r.Rune); i += 2 {
				lo, hi := r.Rune[i], r.Rune[i+1]
				if hi > '9' && lo <= '~' && !(lo >= '0' && hi <= '9') {
					// a class wider than dialable characters
					if !(hi < 'A' && (lo == '#' || lo == '*' || lo == '+')) {
						open = true
					}
				}
			}
		}
		for _, s := range r.Sub {
			walk(s)
		}
	}
	walk(re)
	return open
}

func compileRegexp(raw, re string, open bool) (Pattern, error) {
	parsed, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return Pattern{}, fmt.Errorf("pattern %q: %v: %w", raw, err, ErrPattern)
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		return Pattern{}, fmt.Errorf("pattern %q: %v: %w", raw, err, ErrPattern)
	}
	return Pattern{raw: raw, prog: prog, open: open}, nil
}

// Match reports whether s matches the whole pattern.
func (p Pattern) Match(s string) bool {
	if p.prog == nil {
		return false
	}
	st := p.start()
	for _, r := range s {
		st = p.step(st, r, false)
		if len(st) == 0 {
			return false
		}
	}
	return p.accepts(st, true)
}

// CanStartWith reports whether some string that the pattern matches
// starts with prefix: whether, say, _0X. can dial a number beginning
// with the international prefix 010 (it can) or _0[2-9]X. can (it
// cannot).
func (p Pattern) CanStartWith(prefix string) bool { return p.CanStartWithAfter(0, prefix) }

// CanStartWithAfter reports whether some string the pattern matches has
// prefix right after its first skip characters: what ${EXTEN:skip} sends
// can start with prefix.
func (p Pattern) CanStartWithAfter(skip int, prefix string) bool {
	if p.prog == nil {
		return false
	}
	st := p.start()
	for range skip {
		st = p.step(st, 0, true)
		if len(st) == 0 {
			return false
		}
	}
	for _, r := range prefix {
		st = p.step(st, r, false)
		if len(st) == 0 {
			return false
		}
	}
	return p.accepts(st, false)
}

// Intersects reports whether some string matches both p and q.
func (p Pattern) Intersects(q Pattern) bool {
	if p.prog == nil || q.prog == nil {
		return false
	}
	if !strings.HasPrefix(p.lit, q.lit) && !strings.HasPrefix(q.lit, p.lit) {
		return false
	}
	// Product automaton over "one step of any rune both accept": we
	// explore pairs of state sets breadth-first, bounded.
	start := [2][]uint32{p.start(), q.start()}
	queue := [][2][]uint32{start}
	seen := map[string]bool{key(start): true}
	for n := 0; len(queue) > 0 && n < 4096; n++ {
		cur := queue[0]
		queue = queue[1:]
		if p.accepts(cur[0], true) && q.accepts(cur[1], true) {
			return true
		}
		for _, r := range p.candidateRunes(cur[0]) {
			a := p.step(cur[0], r, false)
			b := q.step(cur[1], r, false)
			if len(a) == 0 || len(b) == 0 {
				continue
			}
			next := [2][]uint32{a, b}
			if k := key(next); !seen[k] {
				seen[k] = true
				queue = append(queue, next)
			}
		}
	}
	return false
}

func key(s [2][]uint32) string {
	b := make([]byte, 0, 4*(len(s[0])+len(s[1]))+1)
	for _, x := range s[0] {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	b = append(b, 0xff, 0xff, 0xff, 0xff)
	for _, x := range s[1] {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return string(b)
}

// candidateRunes returns one representative rune of each range the
// current states can consume, plus the dialable characters, so that the
// intersection search sees every distinct transition.
func (p Pattern) candidateRunes(st []uint32) []rune {
	set := map[rune]bool{}
	for _, r := range "0123456789*#+" {
		set[r] = true
	}
	for _, pc := range st {
		in := &p.prog.Inst[pc]
		switch in.Op {
		case syntax.InstRune:
			for i := 0; i < len(in.Rune); i += 2 {
				set[in.Rune[i]] = true
				if i+1 < len(in.Rune) {
					set[in.Rune[i+1]] = true
				}
			}
			if len(in.Rune) == 1 {
				set[in.Rune[0]] = true
			}
		case syntax.InstRune1:
			set[in.Rune[0]] = true
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			set['&'] = true
		}
	}
	out := make([]rune, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	// deterministic order
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// start returns the closure of the start state.
func (p Pattern) start() []uint32 {
	return p.closure([]uint32{uint32(p.prog.Start)})
}

// closure follows the empty transitions. Empty-width assertions (^, $,
// \b) are treated as passable: the analysis over-approximates, so it may
// say "can dial" for a pattern that cannot, never the reverse for
// supported syntax.
func (p Pattern) closure(pcs []uint32) []uint32 {
	seen := make(map[uint32]bool, len(pcs)*2)
	var out []uint32
	stack := append([]uint32(nil), pcs...)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &p.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			stack = append(stack, in.Out)
		default:
			out = append(out, pc)
		}
	}
	// sort for stable keys
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// step consumes r (or any rune when any is set) from the states.
func (p Pattern) step(st []uint32, r rune, any bool) []uint32 {
	var next []uint32
	for _, pc := range st {
		in := &p.prog.Inst[pc]
		switch in.Op {
		case syntax.InstRune, syntax.InstRune1:
			if any || in.MatchRune(r) {
				next = append(next, in.Out)
			}
		case syntax.InstRuneAny:
			next = append(next, in.Out)
		case syntax.InstRuneAnyNotNL:
			if any || r != '\n' {
				next = append(next, in.Out)
			}
		}
	}
	if len(next) == 0 {
		return nil
	}
	return p.closure(next)
}

// accepts reports whether a match state is in st (now, when exact is
// set) or reachable from it by consuming more input.
func (p Pattern) accepts(st []uint32, exact bool) bool {
	if exact {
		for _, pc := range st {
			if p.prog.Inst[pc].Op == syntax.InstMatch {
				return true
			}
		}
		return false
	}
	seen := map[uint32]bool{}
	stack := append([]uint32(nil), st...)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &p.prog.Inst[pc]
		switch in.Op {
		case syntax.InstMatch:
			return true
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstFail:
		default:
			stack = append(stack, in.Out)
		}
	}
	return false
}
