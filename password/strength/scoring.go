package strength

import (
	"math"
	"strconv"
)

// zxcvbn scoring constants (scoring.coffee).
const (
	minGuessesBeforeGrowingSequence = 10000
	minSubmatchGuessesSingleChar    = 10
	minSubmatchGuessesMultiChar     = 50
	minYearSpace                    = 20
)

// pow10Table holds correctly rounded powers of ten 1e0 … 1e308.
var pow10Table = func() (t [309]float64) {
	for k := range t {
		t[k], _ = strconv.ParseFloat("1e"+strconv.Itoa(k), 64)
	}
	return t
}()

// pow10 is 10^k, +Inf past the float range (as Math.pow).
func pow10(k int) float64 {
	if k < 0 {
		return math.Pow(10, float64(k))
	}
	if k >= len(pow10Table) {
		return math.Inf(1)
	}
	return pow10Table[k]
}

// factorialTable holds zxcvbn's factorial (left-to-right products), +Inf
// from 171 on.
var factorialTable = func() (t [172]float64) {
	t[0], t[1] = 1, 1
	for k := 2; k < len(t); k++ {
		t[k] = t[k-1] * float64(k)
	}
	return t
}()

func factorial(n int) float64 {
	if n < len(factorialTable) {
		return factorialTable[n]
	}
	return math.Inf(1)
}

// nCk is zxcvbn's binomial coefficient, with its floating-point order.
func nCk(n, k int) float64 {
	if k > n {
		return 0
	}
	if k == 0 {
		return 1
	}
	r := 1.0
	nf := float64(n)
	for d := 1; d <= k; d++ {
		r *= nf
		r /= float64(d)
		nf--
	}
	return r
}

// bruteforceGuesses is zxcvbn's bruteforce_guesses for a token of length
// tl (its submatch minimum never raises it further).
func bruteforceGuesses(tl int) float64 {
	g := pow10(tl)
	if math.IsInf(g, 1) {
		g = math.MaxFloat64
	}
	if tl == 1 {
		return max(g, minSubmatchGuessesSingleChar+1)
	}
	return max(g, minSubmatchGuessesMultiChar+1)
}

// estimate is zxcvbn's estimate_guesses for m inside a password of n
// units; u and lw are the password and its lowercase.
func (r *run) estimate(m *match, u, lw []rune) float64 {
	if m.guesses != 0 {
		return m.guesses
	}
	n := len(u)
	tl := m.j - m.i + 1
	minG := 1.0
	if tl < n {
		if tl == 1 {
			minG = minSubmatchGuessesSingleChar
		} else {
			minG = minSubmatchGuessesMultiChar
		}
	}
	var g float64
	switch m.kind {
	case kindBruteforce:
		g = bruteforceGuesses(tl)
	case kindDictionary:
		rv := 1.0
		if m.reversed {
			rv = 2
		}
		g = float64(m.rank) * uppercaseVariations(u[m.i:m.j+1]) * l33tVariations(m, lw[m.i:m.j+1]) * rv
	case kindSpatial:
		g = r.spatialGuesses(m)
	case kindRepeat:
		g = m.rep.baseGuesses * float64(m.rep.count)
	case kindSequence:
		g = sequenceGuesses(m, u[m.i])
	case kindRegex:
		g = float64(max(absInt(int(m.year)-r.refYear), minYearSpace))
	case kindDate:
		g = float64(max(absInt(int(m.year)-r.refYear), minYearSpace)) * 365
		if m.sep != 0 {
			g *= 4
		}
	}
	m.guesses = max(g, minG)
	return m.guesses
}

func sequenceGuesses(m *match, first rune) float64 {
	var base float64
	switch {
	case first == 'a' || first == 'A' || first == 'z' || first == 'Z' || first == '0' || first == '1' || first == '9':
		base = 4
	case isDigit(first):
		base = 10
	default:
		base = 26
	}
	if !m.ascending {
		base *= 2
	}
	return base * float64(m.j-m.i+1)
}

func (r *run) spatialGuesses(m *match) float64 {
	s, d := r.t.keypadStarts, r.t.keypadDegree
	if m.graph == graphQwerty || m.graph == graphDvorak {
		s, d = r.t.keyboardStarts, r.t.keyboardDegree
	}
	var g float64
	L := m.j - m.i + 1
	t := int(m.turns)
	for i := 2; i <= L; i++ {
		pt := min(t, i-1)
		for j := 1; j <= pt; j++ {
			g += nCk(i-1, j-1) * s * math.Pow(d, float64(j))
		}
	}
	if m.shifted != 0 {
		S := int(m.shifted)
		U := L - S
		if S == 0 || U == 0 {
			g *= 2
		} else {
			var v float64
			for i := 1; i <= min(S, U); i++ {
				v += nCk(S+U, i)
			}
			g *= v
		}
	}
	return g
}

// uppercaseVariations is zxcvbn's uppercase_variations (ASCII classes,
// as its regexes).
func uppercaseVariations(tok []rune) float64 {
	U, L := 0, 0
	for _, c := range tok {
		switch {
		case 'A' <= c && c <= 'Z':
			U++
		case 'a' <= c && c <= 'z':
			L++
		}
	}
	if U == 0 {
		return 1
	}
	n := len(tok)
	isUp := func(c rune) bool { return 'A' <= c && c <= 'Z' }
	switch {
	case n >= 2 && isUp(tok[0]) && U == 1: // ^[A-Z][^A-Z]+$
		return 2
	case n >= 2 && isUp(tok[n-1]) && U == 1: // ^[^A-Z]+[A-Z]$
		return 2
	case L == 0: // ^[^a-z]+$
		return 2
	}
	var v float64
	for i := 1; i <= min(U, L); i++ {
		v += nCk(U+L, i)
	}
	return v
}

// l33tVariations is zxcvbn's l33t_variations over the lowercased token.
func l33tVariations(m *match, lowTok []rune) float64 {
	if !m.l33t {
		return 1
	}
	v := 1.0
	for _, p := range m.sub {
		S, U := 0, 0
		for _, c := range lowTok {
			if c == p.l33t {
				S++
			}
			if c == p.letter {
				U++
			}
		}
		if S == 0 || U == 0 {
			v *= 2
			continue
		}
		var poss float64
		for i := 1; i <= min(U, S); i++ {
			poss += nCk(U+S, i)
		}
		v *= poss
	}
	return v
}

// entry is one cell of the optimal-sequence DP: the best way found to
// cover units [0..k] with l matches, ending in match m (or a bruteforce
// match from bi when m < 0).
type entry struct {
	g  float64
	pi float64
	l  int32
	m  int32
	bi int32
}

// analyse runs the matchers and the DP on u.
func (r *run) analyse(u []rune) ([]match, float64, error) {
	ms := r.omnimatch(u)
	if r.err != nil {
		return nil, 0, r.err
	}
	seq, g := r.mostGuessable(u, ms)
	if r.err != nil {
		return nil, 0, r.err
	}
	return seq, g, nil
}

// mostGuessable is zxcvbn's most_guessable_match_sequence: the sequence
// of non-overlapping matches (gaps filled by bruteforce) minimising
// l!·Π guesses + 10000^(l−1).
//
// Pruning, exact: g never decreases along an extension (every guess
// count is ≥ 1), and whether a candidate is stored depends only on cells
// with smaller or equal g. So for any bound B, dropping every candidate
// above B leaves the cells ≤ B exactly as zxcvbn computes them; if the
// cheapest final cell is ≤ B, it and its whole path are found. The safe
// bound is the final cell (n−1, 1), which only l = 1 candidates reach: a
// match covering the whole password or bruteforce of it. A tighter guess
// comes from a cheap single-cell pass; if the guess turns out too low
// (no final cell), the DP runs again with wider bounds, then the safe one.
func (r *run) mostGuessable(u []rune, ms []match) ([]match, float64) {
	n := len(u)
	if n == 0 {
		return nil, 1
	}
	d := &dp{r: r, u: u, ms: ms, n: n}
	d.fact = make([]float64, n+2)
	d.add = make([]float64, n+2)
	for l := range d.fact {
		d.fact[l] = factorial(l)
		if l > 0 {
			d.add[l] = pow10(4 * (l - 1))
		}
	}
	d.bf = make([]float64, n+1)
	for x := 1; x <= n; x++ {
		d.bf[x] = bruteforceGuesses(x)
	}
	d.lw = make([]rune, n)
	for k, c := range u {
		d.lw[k] = lowerUnit(c)
	}
	// Group matches by j, each group ordered by i and otherwise in
	// generation order (zxcvbn's stable sorts), via a counting sort.
	startAt := make([]int32, n+1)
	for k := range ms {
		startAt[ms[k].i+1]++
	}
	for k := 1; k <= n; k++ {
		startAt[k] += startAt[k-1]
	}
	byI := make([]int32, len(ms))
	for k := range ms {
		byI[startAt[ms[k].i]] = int32(k)
		startAt[ms[k].i]++
	}
	d.byJ = make([][]int32, n)
	for _, k := range byI {
		d.byJ[ms[k].j] = append(d.byJ[ms[k].j], k)
	}
	safe := bruteforceGuesses(n) + 1
	for k := range ms {
		if ms[k].i == 0 && ms[k].j == n-1 {
			safe = min(safe, r.estimate(&ms[k], u, d.lw)+1)
		}
	}
	if r.plainDP {
		d.plain = true
		seq, g, _ := d.run(math.Inf(1))
		return seq, g
	}
	// zxcvbn's DP keeps only non-dominated cells, so its answer can be
	// above the guess (which may follow a path zxcvbn drops): widen the
	// bound a few times before settling for the safe one.
	guess := d.guess()
	for _, f := range [...]float64{1, 1e3, 1e12} {
		if guess*f >= safe {
			break
		}
		if seq, g, ok := d.run(guess * f); ok || r.err != nil {
			return seq, g
		}
	}
	seq, g, _ := d.run(safe)
	return seq, g
}

// dp holds one most_guessable_match_sequence computation.
type dp struct {
	r   *run
	u   []rune
	lw  []rune
	ms  []match
	n   int
	byJ [][]int32
	// opt[k] holds the cells ending at k, sorted by l; pmin[k][x] is the
	// smallest g among opt[k][:x+1], so the dominance test ("a cell with
	// l' ≤ l and g' ≤ g exists") is one binary search.
	opt   [][]entry
	pmin  [][]float64
	bound float64
	// fact[l] = l! and add[l] = 10000^(l−1), for l ≤ n+1.
	fact, add []float64
	// bf[x] = bruteforceGuesses(x), for x ≤ n.
	bf []float64
	// plain runs zxcvbn's loops without any pruning (tests compare).
	plain bool
}

// guess is the value of a good cover found keeping one cell per
// position (and the best one ending in a match, which bruteforce may
// extend): usually zxcvbn's answer, sometimes above, rarely below it.
func (d *dp) guess() float64 {
	type cell struct {
		l      int
		pi, g  float64
		exists bool
	}
	anyC := make([]cell, d.n)
	matchC := make([]cell, d.n)
	offer := func(c *cell, l int, pi float64) {
		g := d.fact[l]*pi + d.add[l]
		if !c.exists || g < c.g {
			*c = cell{l, pi, g, true}
		}
	}
	// Sources that bruteforce may extend; as in run, one whose
	// (l+1)!·π ≥ 10^(p+1) never beats the bruteforce offer.
	var live []int
	for k := 0; k < d.n; k++ {
		for _, mi := range d.byJ[k] {
			m := &d.ms[mi]
			gs := d.r.estimate(m, d.u, d.lw)
			if m.i == 0 {
				offer(&matchC[k], 1, gs)
				continue
			}
			for _, src := range [2]cell{anyC[m.i-1], matchC[m.i-1]} {
				if src.exists {
					offer(&matchC[k], src.l+1, src.pi*gs)
				}
			}
		}
		anyC[k] = matchC[k]
		offer(&anyC[k], 1, d.bf[k+1])
		for _, p := range live {
			src := matchC[p]
			offer(&anyC[k], src.l+1, src.pi*d.bf[k-p])
		}
		if c := matchC[k]; c.exists && c.l+1 < len(d.fact) && d.fact[c.l+1]*c.pi < pow10(k+1) {
			live = append(live, k)
		}
	}
	return anyC[d.n-1].g
}

// run is the DP with candidates above bound dropped. ok is false when
// no final cell is within the bound.
func (d *dp) run(bound float64) ([]match, float64, bool) {
	n, r, ms := d.n, d.r, d.ms
	d.bound = bound
	// Most positions hold a few cells: carve the lists out of two slabs
	// (append moves a list out when it outgrows its slot).
	const slot = 8
	cells := make([]entry, n*slot)
	mins := make([]float64, n*slot)
	d.opt = make([][]entry, n)
	d.pmin = make([][]float64, n)
	for k := range d.opt {
		d.opt[k] = cells[k*slot : k*slot : (k+1)*slot]
		d.pmin[k] = mins[k*slot : k*slot : (k+1)*slot]
	}
	// Sources for bruteforce matches: non-bruteforce cells at p that a
	// bruteforce match p+1…k may extend, in zxcvbn's order (p, then l).
	// The candidate is (l+1)!·π·B(k−p) + 10000^l with B(x) = 10^x (11
	// for one character), so with c = (l+1)!·π·10^−p it is c·10^k plus
	// a term growing with l. A source is useless, for every k, when
	//   - c ≥ 10: it cannot beat the bruteforce cell (k, 1) = 10^(k+1)+1
	//     that bruteforce_update stores first;
	//   - an earlier source with l' ≤ l has c' ≤ c: its candidate, tried
	//     first, is no larger and blocks this one (stored or blocked);
	//   - its candidate already exceeds the bound (and only grows).
	// The margins keep every skip certain despite rounding.
	type source struct {
		e  entry
		p  int
		lc float64 // log10 c
	}
	var srcs []source
	var lowest []float64 // lowest[l]: smallest lc of a kept source with this l
	exact := n <= 300    // 10^(k−p) stays finite
	for k := 0; k < n; k++ {
		if !r.checkCtx(1 + len(d.byJ[k]) + len(srcs)) {
			return nil, 0, false
		}
		for _, mi := range d.byJ[k] {
			m := &ms[mi]
			gs := r.estimate(m, d.u, d.lw)
			if m.i > 0 {
				for _, e := range d.opt[m.i-1] {
					d.update(k, mi, 0, gs, int(e.l)+1, e.pi)
				}
			} else {
				d.update(k, mi, 0, gs, 1, 0)
			}
		}
		d.update(k, -1, 0, d.bf[k+1], 1, 0)
		if d.plain {
			for i := 1; i <= k; i++ {
				bg := d.bf[k-i+1]
				for _, e := range d.opt[i-1] {
					if e.m >= 0 {
						d.update(k, -1, int32(i), bg, int(e.l)+1, e.pi)
					}
				}
			}
			continue
		}
		keep := srcs[:0]
		for _, sc := range srcs {
			bg := d.bf[k-sc.p]
			if d.fact[sc.e.l+1]*sc.e.pi*bg > bound*1.000001 {
				continue
			}
			keep = append(keep, sc)
			d.update(k, -1, int32(sc.p+1), bg, int(sc.e.l)+1, sc.e.pi)
		}
		srcs = keep
		limit := pow10(k+1) * 1.000001
		for _, e := range d.opt[k] {
			if e.m < 0 || d.fact[e.l+1]*e.pi >= limit {
				continue
			}
			lc := math.Log10(d.fact[e.l+1]*e.pi) - float64(k)
			if exact {
				l := int(e.l)
				dominated := false
				for x := 0; x <= l && x < len(lowest); x++ {
					if lowest[x] <= lc-1e-9 {
						dominated = true
						break
					}
				}
				if dominated {
					continue
				}
				for len(lowest) <= l {
					lowest = append(lowest, math.Inf(1))
				}
				lowest[l] = min(lowest[l], lc)
			}
			srcs = append(srcs, source{e, k, lc})
		}
	}
	// Unwind from the cheapest cell at n−1 (the first of equal ones).
	final := d.opt[n-1]
	if len(final) == 0 {
		return nil, 0, false
	}
	best := 0
	for x := range final {
		if final[x].g < final[best].g {
			best = x
		}
	}
	l := int(final[best].l)
	guesses := final[best].g
	seq := make([]match, l)
	for k := n - 1; k >= 0; {
		var e entry
		for _, c := range d.opt[k] {
			if int(c.l) == l {
				e = c
				break
			}
		}
		var m match
		if e.m >= 0 {
			m = ms[e.m]
		} else {
			m = match{kind: kindBruteforce, i: int(e.bi), j: k, guesses: bruteforceGuesses(k - int(e.bi) + 1)}
		}
		l--
		seq[l] = m
		k = m.i - 1
	}
	return seq, guesses, true
}

// update is zxcvbn's update(m, l) for a match (mi ≥ 0) or a bruteforce
// match from bi to k, given the guesses of that match and the π of the
// cell it extends.
func (d *dp) update(k int, mi int32, bi int32, guesses float64, l int, prevPi float64) {
	pi := guesses
	if l > 1 {
		pi *= prevPi
	}
	g := d.fact[l] * pi
	g += d.add[l]
	if g > d.bound {
		return
	}
	es := d.opt[k]
	pm := d.pmin[k]
	pos := len(es)
	for pos > 0 && int(es[pos-1].l) > l {
		pos--
	}
	if pos > 0 && pm[pos-1] <= g {
		return
	}
	e := entry{g: g, pi: pi, l: int32(l), m: mi, bi: bi}
	if pos > 0 && int(es[pos-1].l) == l {
		es[pos-1] = e
		pos--
	} else {
		es = append(es, entry{})
		copy(es[pos+1:], es[pos:])
		es[pos] = e
		d.opt[k] = es
		pm = append(pm, 0)
		d.pmin[k] = pm
	}
	for x := pos; x < len(es); x++ {
		v := es[x].g
		if x > 0 && pm[x-1] < v {
			v = pm[x-1]
		}
		pm[x] = v
	}
}

// guessesToScore is zxcvbn's guesses_to_score.
func guessesToScore(g float64) int {
	const delta = 5
	switch {
	case g < 1e3+delta:
		return 0
	case g < 1e6+delta:
		return 1
	case g < 1e8+delta:
		return 2
	case g < 1e10+delta:
		return 3
	}
	return 4
}
