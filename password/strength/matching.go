package strength

import (
	"context"
	"math/bits"
	"sort"
	"unicode"
	"unicode/utf16"
)

type kind uint8

const (
	kindBruteforce kind = iota
	kindDictionary
	kindSpatial
	kindRepeat
	kindSequence
	kindRegex
	kindDate
)

var kindPatterns = [...]Pattern{
	kindBruteforce: PatternBruteforce,
	kindDictionary: PatternDictionary,
	kindSpatial:    PatternSpatial,
	kindRepeat:     PatternRepeat,
	kindSequence:   PatternSequence,
	kindRegex:      PatternRegex,
	kindDate:       PatternDate,
}

// subPair is one l33t substitution: l33t stands for letter.
type subPair struct{ l33t, letter rune }

// match is the internal form of a Match; i and j index the analysed
// units (inclusive). It is kept small: matchers may produce thousands.
type match struct {
	guesses float64 // 0 until estimated
	i, j    int

	kind kind
	// dictionary
	dict     uint8
	reversed bool
	l33t     bool
	rank     int32
	sub      []subPair // l33t substitutions present in the token
	// spatial
	graph   uint8
	turns   int32
	shifted int32
	// sequence
	seqName   uint8
	ascending bool
	seqSpace  int32
	// regex (recent_year) and date
	year, month, day int32
	sep              rune // 0 = none
	// repeat
	rep *repeatInfo
}

// repeatInfo is the repeated base of a repeat match and its analysis.
type repeatInfo struct {
	base        []rune
	baseGuesses float64
	count       int
	baseSeq     []match
}

var seqNames = [...]string{"lower", "upper", "digits", "unicode"}

// run is the state of one Estimate call.
type run struct {
	ctx     context.Context
	t       *tables
	mode    Mode
	refYear int
	user    *trie
	plainDP bool // unpruned DP, for tests
	steps   int
	err     error
}

// checkCtx polls the context every few thousand steps.
func (r *run) checkCtx(cost int) bool {
	if r.err != nil {
		return false
	}
	r.steps += cost
	if r.steps >= 1024 {
		r.steps = 0
		if err := r.ctx.Err(); err != nil {
			r.err = err
			return false
		}
	}
	return true
}

// lowerUnit lowercases one unit; surrogate halves are left alone.
func lowerUnit(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if utf16.IsSurrogate(r) {
		return r
	}
	return unicode.ToLower(r)
}

// omnimatch runs every matcher over u, in zxcvbn's order. zxcvbn sorts
// each matcher's output and then all matches by (i, j) with a stable
// sort, so ties keep matcher order and generation order; mostGuessable
// reproduces that order with a counting sort instead of sorting here.
func (r *run) omnimatch(u []rune) []match {
	lw := make([]rune, len(u))
	for k, c := range u {
		lw[k] = lowerUnit(c)
	}
	ms := make([]match, 0, 4*len(u))
	ms = r.dictionaryMatch(ms, lw)
	ms = r.reverseDictionaryMatch(ms, lw)
	ms = r.l33tMatch(ms, u, lw)
	ms = r.spatialMatch(ms, u)
	ms = r.repeatMatch(ms, u)
	ms = sequenceMatch(ms, u)
	ms = r.regexMatch(ms, u)
	ms = r.dateMatch(ms, u)
	return ms
}

// dictWalk calls fn for every dictionary word found in lw, ordered by
// (i, j) then dictionary (built-in lists, then user inputs). The walk
// from each start stops where no word continues, so the cost is
// O(n·longest word).
func (r *run) dictWalk(lw []rune, fn func(i, j int, dict uint8, rank int32)) {
	t, ut := r.t.dict, r.user
	for i := range lw {
		if !r.checkCtx(1) {
			return
		}
		a, b := int32(0), int32(-1)
		if ut != nil {
			b = 0
		}
		for j := i; j < len(lw) && (a >= 0 || b >= 0); j++ {
			if a >= 0 {
				a = t.child(a, lw[j])
				if a >= 0 {
					for _, te := range t.terms[t.termFirst[a]:t.termFirst[a+1]] {
						fn(i, j, te.dict, te.rank)
					}
				}
			}
			if b >= 0 {
				b = ut.child(b, lw[j])
				if b >= 0 {
					for _, te := range ut.terms[ut.termFirst[b]:ut.termFirst[b+1]] {
						fn(i, j, te.dict, te.rank)
					}
				}
			}
		}
	}
}

func (r *run) dictionaryMatch(ms []match, lw []rune) []match {
	r.dictWalk(lw, func(i, j int, dict uint8, rank int32) {
		ms = append(ms, match{kind: kindDictionary, i: i, j: j, dict: dict, rank: rank})
	})
	return ms
}

func (r *run) reverseDictionaryMatch(ms []match, lw []rune) []match {
	n := len(lw)
	rev := make([]rune, n)
	for k, c := range lw {
		rev[n-1-k] = c
	}
	r.dictWalk(rev, func(i, j int, dict uint8, rank int32) {
		ms = append(ms, match{kind: kindDictionary, i: n - 1 - j, j: n - 1 - i, dict: dict, rank: rank, reversed: true})
	})
	return ms
}

// l33tSubs is zxcvbn's enumerate_l33t_subs over the relevant subtable
// of u: every way to read the l33t characters present as letters.
func l33tSubs(u []rune) [][]subPair {
	present := make(map[rune]bool, len(u))
	for _, c := range u {
		present[c] = true
	}
	type entry struct {
		letter rune
		subs   []rune
	}
	var table []entry
	for _, row := range l33tTable {
		var rel []rune
		for _, c := range row.subs {
			if present[c] {
				rel = append(rel, c)
			}
		}
		if len(rel) > 0 {
			table = append(table, entry{row.letter, rel})
		}
	}
	subs := [][]subPair{{}}
	for _, row := range table {
		var next [][]subPair
		for _, lc := range row.subs {
			for _, sub := range subs {
				dup := -1
				for k, p := range sub {
					if p.l33t == lc {
						dup = k
						break
					}
				}
				if dup == -1 {
					ext := append(append([]subPair(nil), sub...), subPair{lc, row.letter})
					next = append(next, ext)
				} else {
					alt := append(append([]subPair(nil), sub[:dup]...), sub[dup+1:]...)
					alt = append(alt, subPair{lc, row.letter})
					next = append(next, sub, alt)
				}
			}
		}
		// Deduplicate identical sequences, keeping the first. A set
		// holds at most one pair per letter of the table.
		seen := make(map[[2 * len(l33tTable)]rune]bool, len(next))
		subs = subs[:0:0]
		for _, s := range next {
			var k [2 * len(l33tTable)]rune
			for x, p := range s {
				k[2*x], k[2*x+1] = p.l33t, p.letter
			}
			if !seen[k] {
				seen[k] = true
				subs = append(subs, s)
			}
		}
	}
	return subs
}

// l33tMatch is zxcvbn's l33t_match without its blow-up: zxcvbn
// translates the whole password once per substitution set (hundreds when
// many l33t characters occur) and matches each translation. Here one trie
// walk per start position branches only at l33t characters, carrying the
// bitset of substitution sets consistent with the letters chosen so far.
// A match is reported with the first set that produces it, and matches
// are ordered as zxcvbn emits them (by set, then dictionary).
func (r *run) l33tMatch(ms []match, u, lw []rune) []match {
	subs := l33tSubs(u)
	if len(subs) == 0 || len(subs[0]) == 0 {
		return ms
	}
	w := (len(subs) + 63) / 64
	type branch struct {
		to  rune
		set []uint64
	}
	// branches[c]: for each reading of l33t character c (a letter, or c
	// itself where a set leaves it alone), the sets that read it so.
	var branches [128][]branch
	var mapped [128]bool
	for _, sub := range subs {
		for _, p := range sub {
			mapped[p.l33t] = true
		}
	}
	for c := range branches {
		if !mapped[c] {
			continue
		}
		idx := map[rune]int{}
		for si, sub := range subs {
			to := rune(c)
			for _, p := range sub {
				if p.l33t == rune(c) {
					to = p.letter
				}
			}
			x, ok := idx[to]
			if !ok {
				x = len(branches[c])
				idx[to] = x
				branches[c] = append(branches[c], branch{to, make([]uint64, w)})
			}
			branches[c][x].set[si/64] |= 1 << (si % 64)
		}
	}
	all := make([]uint64, w)
	for si := range subs {
		all[si/64] |= 1 << (si % 64)
	}
	type found struct {
		i, j  int
		first int
		dict  uint8
		rank  int32
		used  []subPair
	}
	var out []found
	n := len(lw)
	// stack[d] is the set bitset at depth d.
	stack := make([]uint64, (maxUserInputLen+2)*w)
	var walk func(t *trie, i, j int, node int32, depth int)
	emit := func(t *trie, i, j int, node int32, set []uint64) {
		terms := t.terms[t.termFirst[node]:t.termFirst[node+1]]
		if len(terms) == 0 || i == j {
			return // zxcvbn drops one-character l33t matches
		}
		first := 0
		for x, word := range set {
			if word != 0 {
				first = 64*x + bits.TrailingZeros64(word)
				break
			}
		}
		var used []subPair
		for _, p := range subs[first] {
			for _, c := range u[i : j+1] {
				if c == p.l33t {
					used = append(used, p)
					break
				}
			}
		}
		if len(used) == 0 {
			return // the token is the word itself
		}
		for _, te := range terms {
			out = append(out, found{i, j, first, te.dict, te.rank, used})
		}
	}
	walk = func(t *trie, i, j int, node int32, depth int) {
		if j >= n || depth > maxUserInputLen || !r.checkCtx(1) {
			return
		}
		c := lw[j]
		set := stack[depth*w : (depth+1)*w]
		if c < 128 && mapped[c] {
			next := stack[(depth+1)*w : (depth+2)*w]
			for _, br := range branches[c] {
				any := false
				for x := range next {
					next[x] = set[x] & br.set[x]
					any = any || next[x] != 0
				}
				if !any {
					continue
				}
				child := t.child(node, br.to)
				if child < 0 {
					continue
				}
				emit(t, i, j, child, next)
				walk(t, i, j+1, child, depth+1)
				// walk may have reused deeper slots; restore ours.
				for x := range next {
					next[x] = set[x] & br.set[x]
				}
			}
			return
		}
		child := t.child(node, c)
		if child < 0 {
			return
		}
		next := stack[(depth+1)*w : (depth+2)*w]
		copy(next, set)
		emit(t, i, j, child, next)
		walk(t, i, j+1, child, depth+1)
	}
	for i := 0; i < n; i++ {
		for _, t := range []*trie{r.t.dict, r.user} {
			if t == nil {
				continue
			}
			copy(stack[:w], all)
			walk(t, i, i, 0, 0)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		switch {
		case x.i != y.i:
			return x.i < y.i
		case x.j != y.j:
			return x.j < y.j
		case x.first != y.first:
			return x.first < y.first
		}
		return x.dict < y.dict
	})
	for _, f := range out {
		ms = append(ms, match{kind: kindDictionary, i: f.i, j: f.j, dict: f.dict, rank: f.rank, l33t: true, sub: f.used})
	}
	return ms
}

// isShifted reports zxcvbn's SHIFTED_RX: every ASCII capital and the
// shifted symbols of a US keyboard.
func isShifted(c rune) bool {
	if 'A' <= c && c <= 'Z' {
		return true
	}
	switch c {
	case '~', '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '{', '}', '|', ':', '"', '<', '>', '?':
		return true
	}
	return false
}

func (r *run) spatialMatch(ms []match, u []rune) []match {
	n := len(u)
	for gi := range r.t.graphs {
		g := r.t.graphs[gi]
		i := 0
		for i < n-1 {
			if !r.checkCtx(1) {
				return ms
			}
			j := i + 1
			lastDir := -1
			turns := 0
			shifted := 0
			if (gi == graphQwerty || gi == graphDvorak) && isShifted(u[i]) {
				shifted = 1
			}
			for {
				found := false
				if j < n {
					cur := u[j]
					for dir, a := range g[u[j-1]] {
						if a[0] < 0 {
							continue
						}
						if a[0] == cur || a[1] == cur {
							found = true
							if a[0] != cur {
								shifted++
							}
							if lastDir != dir {
								turns++
								lastDir = dir
							}
							break
						}
					}
				}
				if found {
					j++
					continue
				}
				if j-i > 2 {
					ms = append(ms, match{kind: kindSpatial, i: i, j: j - 1, graph: uint8(gi), turns: int32(turns), shifted: int32(shifted)})
				}
				i = j
				break
			}
		}
	}
	return ms
}

// isLineTerminator reports the characters JavaScript's "." does not match.
func isLineTerminator(c rune) bool {
	return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029
}

// zArray fills z with the Z-function of s: z[k] is the length of the
// longest common prefix of s and s[k:] (z[0] = len(s)).
func zArray(s []rune, z []int) {
	n := len(s)
	if n == 0 {
		return
	}
	z[0] = n
	l, rr := 0, 0
	for k := 1; k < n; k++ {
		v := 0
		if k < rr {
			v = min(rr-k, z[k-l])
		}
		for k+v < n && s[v] == s[k+v] {
			v++
		}
		z[k] = v
		if k+v > rr {
			l, rr = k, k+v
		}
	}
}

// repeatMatch reproduces zxcvbn's scan with /(.+)\1+/g and /(.+?)\1+/g
// in O(n²) with the Z-function instead of regex backtracking.
func (r *run) repeatMatch(ms []match, u []rune) []match {
	n := len(u)
	z := make([]int, n)
	last := 0
	for last < n {
		s, minL, maxL, e := -1, 0, 0, 0
		for c := last; c < n && s < 0; c++ {
			if !r.checkCtx(n - c) {
				return ms
			}
			if isLineTerminator(u[c]) {
				continue
			}
			e = c
			for e < n && !isLineTerminator(u[e]) {
				e++
			}
			seg := u[c:e]
			zArray(seg, z)
			for L := 1; 2*L <= len(seg); L++ {
				if z[L] >= L {
					if minL == 0 {
						minL = L
					}
					maxL = L
				}
			}
			if minL > 0 {
				s = c
			}
		}
		if s < 0 {
			break
		}
		greedyLen := maxL * (1 + z[maxL]/maxL)
		lazyLen := minL * (1 + z[minL]/minL)
		var length, baseLen int
		if greedyLen > lazyLen {
			length = greedyLen
			// /^(.+?)\1+$/ on the greedy match: its shortest period
			// that divides it.
			for p := 1; 2*p <= length; p++ {
				if length%p == 0 && z[p] >= length-p {
					baseLen = p
					break
				}
			}
		} else {
			length, baseLen = lazyLen, minL
		}
		base := append([]rune(nil), u[s:s+baseLen]...)
		seq, g, err := r.analyse(base)
		if err != nil {
			return ms
		}
		ms = append(ms, match{
			kind: kindRepeat, i: s, j: s + length - 1,
			rep: &repeatInfo{base: base, baseGuesses: g, baseSeq: seq, count: length / baseLen},
		})
		last = s + length
	}
	return ms
}

const maxDelta = 5

func sequenceMatch(ms []match, u []rune) []match {
	n := len(u)
	if n <= 1 {
		return ms
	}
	update := func(i, j int, delta rune) {
		ad := delta
		if ad < 0 {
			ad = -ad
		}
		if !(j-i > 1 || ad == 1) || ad == 0 || ad > maxDelta {
			return
		}
		name, space := uint8(3), 26
		switch tok := u[i : j+1]; {
		case allIn(tok, 'a', 'z'):
			name = 0
		case allIn(tok, 'A', 'Z'):
			name = 1
		case allIn(tok, '0', '9'):
			name, space = 2, 10
		}
		ms = append(ms, match{kind: kindSequence, i: i, j: j, seqName: name, seqSpace: int32(space), ascending: delta > 0})
	}
	i := 0
	last := u[1] - u[0]
	for k := 1; k < n; k++ {
		d := u[k] - u[k-1]
		if d == last {
			continue
		}
		j := k - 1
		update(i, j, last)
		i = j
		last = d
	}
	update(i, n-1, last)
	return ms
}

func allIn(tok []rune, lo, hi rune) bool {
	for _, c := range tok {
		if c < lo || c > hi {
			return false
		}
	}
	return len(tok) > 0
}

func isDigit(c rune) bool { return '0' <= c && c <= '9' }

// regexMatch finds recent years: /19\d\d|200\d|201\d/ in Compatible
// mode, 1900 up to the reference year in Improved mode.
func (r *run) regexMatch(ms []match, u []rune) []match {
	for p := 0; p+4 <= len(u); {
		a, b, c, d := u[p], u[p+1], u[p+2], u[p+3]
		ok := false
		if isDigit(c) && isDigit(d) {
			y := 1000*int(a-'0') + 100*int(b-'0') + 10*int(c-'0') + int(d-'0')
			switch {
			case a == '1' && b == '9':
				ok = true
			case a == '2' && b == '0' && r.mode == Improved:
				ok = y <= max(r.refYear, 2019)
			case a == '2' && b == '0':
				ok = c == '0' || c == '1'
			}
			if ok {
				ms = append(ms, match{kind: kindRegex, i: p, j: p + 3, year: int32(y)})
				p += 4
				continue
			}
		}
		p++
	}
	return ms
}

const (
	dateMinYear = 1000
	dateMaxYear = 2050
)

// dateSplits are zxcvbn's DATE_SPLITS by token length.
var dateSplits = [...][][2]int{
	4: {{1, 2}, {2, 3}},
	5: {{1, 3}, {2, 3}},
	6: {{1, 2}, {2, 4}, {4, 5}},
	7: {{1, 3}, {2, 3}, {4, 5}, {4, 6}},
	8: {{2, 4}, {4, 6}},
}

type dmy struct{ year, month, day int }

func atoiDigits(s []rune) int {
	v := 0
	for _, c := range s {
		v = 10*v + int(c-'0')
	}
	return v
}

// isJSSpace is JavaScript's \s.
func isJSSpace(c rune) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return 0x2000 <= c && c <= 0x200a
}

func isDateSep(c rune) bool {
	return isJSSpace(c) || c == '/' || c == '\\' || c == '_' || c == '.' || c == '-'
}

func (r *run) dateMatch(ms []match, u []rune) []match {
	n := len(u)
	var dates []match
	// Without separator: 4–8 digits.
	for i := 0; i+4 <= n; i++ {
		run := 0
		for run < 8 && i+run < n && isDigit(u[i+run]) {
			run++
		}
		for j := i + 3; j <= i+7 && j < n; j++ {
			if j-i+1 > run {
				break
			}
			tok := u[i : j+1]
			var best dmy
			bestDist := -1
			for _, sp := range dateSplits[len(tok)] {
				d, ok := mapIntsToDMY(atoiDigits(tok[:sp[0]]), atoiDigits(tok[sp[0]:sp[1]]), atoiDigits(tok[sp[1]:]))
				if !ok {
					continue
				}
				dist := absInt(d.year - r.refYear)
				if bestDist < 0 || dist < bestDist {
					best, bestDist = d, dist
				}
			}
			if bestDist < 0 {
				continue
			}
			dates = append(dates, match{kind: kindDate, i: i, j: j, year: int32(best.year), month: int32(best.month), day: int32(best.day)})
		}
	}
	// With separator: /^(\d{1,4})([\s\/\\_.-])(\d{1,2})\2(\d{1,4})$/ over
	// 6–10 characters.
	for i := 0; i+6 <= n; i++ {
		if !isDigit(u[i]) {
			continue
		}
		for j := i + 5; j <= i+9 && j < n; j++ {
			tok := u[i : j+1]
			a := 0
			for a < len(tok) && isDigit(tok[a]) {
				a++
			}
			if a > 4 || a == len(tok) || !isDateSep(tok[a]) {
				continue
			}
			sep := tok[a]
			b := a + 1
			for b < len(tok) && isDigit(tok[b]) {
				b++
			}
			if b-a-1 < 1 || b-a-1 > 2 || b == len(tok) || tok[b] != sep {
				continue
			}
			c := b + 1
			for c < len(tok) && isDigit(tok[c]) {
				c++
			}
			if c != len(tok) || c-b-1 < 1 || c-b-1 > 4 {
				continue
			}
			d, ok := mapIntsToDMY(atoiDigits(tok[:a]), atoiDigits(tok[a+1:b]), atoiDigits(tok[b+1:]))
			if !ok {
				continue
			}
			dates = append(dates, match{kind: kindDate, i: i, j: j, year: int32(d.year), month: int32(d.month), day: int32(d.day), sep: sep})
		}
	}
	if len(dates) == 0 {
		return ms
	}
	// Drop dates inside another date: a match is covered when another
	// starts at or before it and ends at or after it.
	maxJAt := make([]int, n)
	for k := range maxJAt {
		maxJAt[k] = -1
	}
	for _, m := range dates {
		maxJAt[m.i] = max(maxJAt[m.i], m.j)
	}
	prefix := make([]int, n+1) // prefix[k] = max j of dates starting before k
	prefix[0] = -1
	for k := 0; k < n; k++ {
		prefix[k+1] = max(prefix[k], maxJAt[k])
	}
	for _, m := range dates {
		if prefix[m.i] >= m.j || maxJAt[m.i] > m.j {
			continue
		}
		ms = append(ms, m)
	}
	return ms
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// mapIntsToDMY is zxcvbn's map_ints_to_dmy.
func mapIntsToDMY(a, b, c int) (dmy, bool) {
	if b > 31 || b <= 0 {
		return dmy{}, false
	}
	over12, over31, under1 := 0, 0, 0
	for _, v := range [3]int{a, b, c} {
		if (99 < v && v < dateMinYear) || v > dateMaxYear {
			return dmy{}, false
		}
		if v > 31 {
			over31++
		}
		if v > 12 {
			over12++
		}
		if v <= 0 {
			under1++
		}
	}
	if over31 >= 2 || over12 == 3 || under1 >= 2 {
		return dmy{}, false
	}
	splits := [2]struct{ y, r0, r1 int }{{c, a, b}, {a, b, c}}
	for _, s := range splits {
		if dateMinYear <= s.y && s.y <= dateMaxYear {
			if d, m, ok := mapIntsToDM(s.r0, s.r1); ok {
				return dmy{s.y, m, d}, true
			}
			return dmy{}, false
		}
	}
	for _, s := range splits {
		if d, m, ok := mapIntsToDM(s.r0, s.r1); ok {
			return dmy{twoToFourDigitYear(s.y), m, d}, true
		}
	}
	return dmy{}, false
}

func mapIntsToDM(x, y int) (day, month int, ok bool) {
	for _, p := range [2][2]int{{x, y}, {y, x}} {
		d, m := p[0], p[1]
		if 1 <= d && d <= 31 && 1 <= m && m <= 12 {
			return d, m, true
		}
	}
	return 0, 0, false
}

func twoToFourDigitYear(y int) int {
	switch {
	case y > 99:
		return y
	case y > 50:
		return y + 1900
	}
	return y + 2000
}
