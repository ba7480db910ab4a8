package dialplan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// Prefix is an international call prefix.
type Prefix struct {
	Digits string // "010"
	Name   string // "Japan international prefix"
}

// DefaultInternationalPrefixes is the default table: Japan 010 (ITU-T
// E.164 national assignment for Japan, also reached after a carrier code
// such as 0033-010 through the 00 entry), the ITU-T recommended
// international prefix 00 (ITU-T E.164 / E.129), the NANP 011, and the
// E.164 '+' that SIP carriers accept. The slice is fresh.
func DefaultInternationalPrefixes() []Prefix {
	return []Prefix{
		{Digits: "010", Name: "Japan international prefix"},
		{Digits: "00", Name: "ITU international prefix (also Japan carrier selection 00XY)"},
		{Digits: "011", Name: "NANP international prefix"},
		{Digits: "+", Name: "E.164 '+' form"},
	}
}

// JapanInternationalPrefixes is the table for a PBX in Japan, where 011
// is a domestic area code (Sapporo): 010, 00 (carrier selection 00XY
// followed by 010, and 001/0033/0041/0061 style services) and '+'.
func JapanInternationalPrefixes() []Prefix {
	return []Prefix{
		{Digits: "010", Name: "Japan international prefix"},
		{Digits: "00", Name: "Japan carrier selection 00XY / ITU international prefix"},
		{Digits: "+", Name: "E.164 '+' form"},
	}
}

// Options tune [Analyze]. The zero value uses the defaults.
type Options struct {
	// InternationalPrefixes is the table of international prefixes; nil
	// means [DefaultInternationalPrefixes].
	InternationalPrefixes []Prefix
	// MaxDepth bounds include and jump chains; 0 means 32.
	MaxDepth int
	// MaxReaches bounds the results per entry; 0 means 10000.
	MaxReaches int
	// MaxVisits bounds the extensions visited per entry (the work done
	// on a huge generated dial plan); 0 means 200000.
	MaxVisits int
}

// Hop is one step of a path through the dial plan.
type Hop struct {
	// Kind is "context", "include", "extension" or "app" (an
	// application: the Dial, or the Goto/Gosub/Macro/DISA that jumped).
	Kind     string
	Name     string
	Location *netdevsec.Location
}

// Path is the route a call takes from an entry context.
type Path []Hop

// String renders the path as "from-trunk → include intl → _0X. → Dial(SIP/itsp/${EXTEN})".
func (p Path) String() string {
	parts := make([]string, 0, len(p))
	for _, h := range p {
		switch h.Kind {
		case "context", "extension", "app":
			parts = append(parts, h.Name)
		default:
			parts = append(parts, h.Kind+" "+h.Name)
		}
	}
	return strings.Join(parts, " → ")
}

// Number is what the caller has dialled at some point of a path: the
// pattern of the extension that matched, a literal extension a jump
// named, or anything (after DISA).
type Number struct {
	Pattern *Pattern
	// Also are further patterns the number matched on its way (a Goto
	// or Local channel into a narrower extension): the number is in the
	// intersection of Pattern and Also.
	Also    []*Pattern
	Literal string
	Any     bool
}

func (n Number) String() string {
	switch {
	case n.Any:
		return "*"
	case n.Pattern != nil:
		s := n.Pattern.String()
		for _, p := range n.Also {
			s += "∩" + p.String()
		}
		return s
	}
	return n.Literal
}

// patterns returns the number's patterns.
func (n Number) patterns() []*Pattern {
	if n.Pattern == nil {
		return nil
	}
	return append([]*Pattern{n.Pattern}, n.Also...)
}

// narrow returns n restricted to numbers that also match p.
func (n Number) narrow(p *Pattern) Number {
	if n.Any || n.Pattern == nil {
		return Number{Pattern: p}
	}
	for _, q := range n.patterns() {
		if q.raw == p.raw {
			return n
		}
	}
	if len(n.Also) >= 4 {
		return n
	}
	out := n
	out.Also = append(append([]*Pattern(nil), n.Also...), p)
	return out
}

// Reach is a Dial or DISA step reachable from an entry context.
type Reach struct {
	Entry string
	Path  Path
	// Extension and Step are where the dial (or DISA) happens.
	Extension *Extension
	Step      *Step
	// Target is the channel dialled (zero for DISA).
	Target Target
	// Number is what the caller dialled to get here.
	Number Number
	// Authenticated is true when an Authenticate or a DISA with a PIN
	// lies on the path before the step.
	Authenticated bool
	// International lists the international prefixes the number sent to
	// Target can start with.
	International []Prefix
	// NumberUnknown is true when the number sent is computed at run
	// time, so whether it is international cannot be told.
	NumberUnknown bool
	// Injection is true when an open pattern (_X., _.) is passed
	// unfiltered into the Dial string: a caller can add '&' channels.
	Injection bool
}

// Analysis is the result of [Analyze] for one entry context.
type Analysis struct {
	Entry   string
	Reaches []Reach
	// Missing are contexts named by includes or jumps that do not exist.
	Missing []string
	// Truncated is true when MaxDepth or MaxReaches cut the walk short.
	Truncated bool
}

type walker struct {
	plan      *Plan
	prefixes  []Prefix
	maxDepth  int
	maxReach  int
	res       *Analysis
	seen      map[string]bool
	missing   map[string]bool
	extVisits int
	maxVisits int
	inter     map[[2]string]bool // memoised Pattern.Intersects by raw text
	extCache  map[string][]extAt
}

// Analyze walks the dial plan from entry through includes, Goto, Gosub,
// Macro, Local channels and DISA, and returns every Dial and DISA step a
// caller entering there can reach, with the path and what number the
// step can send. It over-approximates: conditions (GotoIf, time) are
// taken both ways.
func Analyze(p *Plan, entry string, opts *Options) Analysis {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.InternationalPrefixes == nil {
		o.InternationalPrefixes = DefaultInternationalPrefixes()
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = 32
	}
	if o.MaxReaches <= 0 {
		o.MaxReaches = 10000
	}
	if o.MaxVisits <= 0 {
		o.MaxVisits = 200000
	}
	res := Analysis{Entry: entry}
	w := &walker{plan: p, prefixes: o.InternationalPrefixes, maxDepth: o.MaxDepth, maxReach: o.MaxReaches, maxVisits: o.MaxVisits,
		res: &res, seen: map[string]bool{}, missing: map[string]bool{}, inter: map[[2]string]bool{}, extCache: map[string][]extAt{}}
	w.context(entry, Number{Any: true}, false, frame{}, Path{{Kind: "context", Name: entry}}, 0)
	for m := range w.missing {
		res.Missing = append(res.Missing, m)
	}
	slices.Sort(res.Missing)
	return res
}

// extensionsOf returns the extensions of ctx and of the contexts it
// includes, with the include hops that lead to each.
type extAt struct {
	ext  *Extension
	via  Path
	ctx  string
	cref *Context
}

func (w *walker) extensionsOf(ctx string, depth int) []extAt {
	if c, ok := w.extCache[ctx]; ok {
		return c
	}
	out := w.collect(ctx, depth)
	if len(w.extCache) < 4096 {
		w.extCache[ctx] = out
	}
	return out
}

func (w *walker) collect(ctx string, depth int) []extAt {
	var out []extAt
	seen := map[string]bool{}
	var rec func(name string, via Path, d int)
	rec = func(name string, via Path, d int) {
		if seen[name] {
			return
		}
		seen[name] = true
		c, ok := w.plan.Contexts[name]
		if !ok {
			w.missing[name] = true
			return
		}
		for _, e := range c.Extensions {
			out = append(out, extAt{ext: e, via: via, ctx: name, cref: c})
		}
		if d >= w.maxDepth {
			w.res.Truncated = true
			return
		}
		for _, inc := range c.Includes {
			rec(inc.Context, append(slices.Clip(via), Hop{Kind: "include", Name: inc.Context, Location: inc.Location}), d+1)
		}
	}
	rec(ctx, nil, depth)
	return out
}

func (w *walker) matches(e *Extension, n Number) bool {
	switch {
	case n.Any:
		return true
	case n.Pattern != nil:
		for _, p := range n.patterns() {
			if !strings.HasPrefix(e.Pattern.lit, p.lit) && !strings.HasPrefix(p.lit, e.Pattern.lit) {
				return false // literal prefixes disagree: no common number
			}
			k := [2]string{e.Pattern.raw, p.raw}
			v, ok := w.inter[k]
			if !ok {
				v = e.Pattern.Intersects(*p)
				if len(w.inter) < 100000 {
					w.inter[k] = v
				}
			}
			if !v {
				return false
			}
		}
		return true
	}
	return e.Pattern.Match(n.Literal)
}

// args are the Gosub/Macro arguments in force, argNum the number the
// caller had dialled when it passed them (what ${EXTEN} in them means).
type frame struct {
	args   []string
	argNum Number
}

func (w *walker) context(ctx string, num Number, auth bool, fr frame, path Path, depth int) {
	if depth > w.maxDepth || len(w.res.Reaches) >= w.maxReach {
		w.res.Truncated = true
		return
	}
	key := fmt.Sprintf("%s|%s|%t|%q|%s", ctx, num, auth, fr.args, fr.argNum)
	if w.seen[key] {
		return
	}
	w.seen[key] = true
	for _, ea := range w.extensionsOf(ctx, depth) {
		if w.extVisits >= w.maxVisits {
			w.res.Truncated = true
			return
		}
		if !w.matches(ea.ext, num) {
			continue
		}
		n := num
		if n.Literal == "" || n.Any {
			pat := ea.ext.Pattern
			n = num.narrow(&pat)
		}
		p := append(slices.Clip(path), ea.via...)
		p = append(p, Hop{Kind: "extension", Name: ea.ext.Name, Location: ea.ext.Location})
		w.extension(ea.ctx, ea.ext, n, auth, fr, p, depth)
	}
}

func (w *walker) extension(ctx string, e *Extension, num Number, auth bool, fr frame, path Path, depth int) {
	w.extVisits++
	for i := range e.Steps {
		s := &e.Steps[i]
		here := append(slices.Clip(path), Hop{Kind: "app", Name: s.App + "(" + s.Args + ")", Location: s.Location})
		switch s.Kind {
		case KindAuth:
			auth = true
		case KindHangup:
			return
		case KindDial:
			for _, t := range s.Dials {
				sent := num
				if strings.Contains(t.Number, "${ARG") && fr.args != nil {
					sent = fr.argNum
				}
				t = substituteArgs(t, fr.args)
				if strings.EqualFold(t.Tech, "Local") {
					into := t.Peer
					if into == "" || strings.Contains(into, "$") {
						continue
					}
					next := w.jumpNumber(sent, t.Number)
					w.context(into, next, auth, frame{}, append(slices.Clip(here), Hop{Kind: "context", Name: into}), depth+1)
					continue
				}
				w.emit(Reach{Entry: w.res.Entry, Path: here, Extension: e, Step: s, Target: t, Number: sent, Authenticated: auth}, t)
			}
		case KindDISA:
			w.emit(Reach{Entry: w.res.Entry, Path: here, Extension: e, Step: s, Number: num, Authenticated: auth}, Target{})
			for _, j := range s.Jumps {
				if j.Dynamic {
					continue
				}
				w.context(j.Context, Number{Any: true}, auth || s.PIN, frame{},
					append(slices.Clip(here), Hop{Kind: "context", Name: j.Context}), depth+1)
			}
		case KindGoto, KindGosub:
			for _, j := range s.Jumps {
				if j.Dynamic || j.Exten == "." {
					continue
				}
				into := j.Context
				if into == "" {
					into = ctx
				}
				next := num
				if j.Exten != "" {
					next = Number{Literal: j.Exten}
				}
				nfr := fr
				if j.Args != nil || s.Kind == KindGosub {
					nfr = frame{argNum: num}
					for _, a := range j.Args {
						nfr.args = append(nfr.args, substitute(strings.TrimSpace(a), fr.args))
					}
					if nfr.args == nil {
						nfr.args = []string{}
					}
				}
				w.context(into, next, auth, nfr, append(slices.Clip(here), Hop{Kind: "context", Name: into}), depth+1)
			}
		}
	}
}

// jumpNumber is the number a Local channel dials in its context.
func (w *walker) jumpNumber(num Number, expr string) Number {
	skip, lit, _, ok := ExtenSkip(expr)
	if !ok {
		if !strings.Contains(expr, "$") && expr != "" {
			return Number{Literal: expr}
		}
		return Number{Any: true}
	}
	if skip == 0 && lit == "" {
		return num
	}
	return Number{Any: true}
}

func (w *walker) emit(r Reach, t Target) {
	if r.Step.Kind == KindDial {
		r.International, r.NumberUnknown = w.international(r.Number, t.Number)
		r.Injection = injectable(r.Number, t.Raw)
	}
	w.res.Reaches = append(w.res.Reaches, r)
}

// injectable: the dialled number is open and flows unfiltered into the
// Dial string.
func injectable(n Number, raw string) bool {
	if n.Pattern == nil {
		return false
	}
	for _, p := range n.patterns() {
		if !p.Open() {
			return false
		}
	}
	for _, v := range []string{"${EXTEN", "${destination_number", "$1"} {
		if i := strings.Index(raw, v); i >= 0 && !strings.Contains(raw[:i], "FILTER(") {
			return true
		}
	}
	return false
}

// international returns which prefixes the number sent can start with.
func (w *walker) international(n Number, expr string) ([]Prefix, bool) {
	if !strings.Contains(expr, "$") {
		var out []Prefix
		for _, p := range w.prefixes {
			if strings.HasPrefix(expr, p.Digits) {
				out = append(out, p)
			}
		}
		return out, false
	}
	skip, lit, filtered, ok := ExtenSkip(expr)
	if !ok {
		return nil, true
	}
	var out []Prefix
	for _, p := range w.prefixes {
		if filtered && strings.Contains(p.Digits, "+") {
			continue
		}
		if canStart(n, skip, lit, p.Digits) {
			out = append(out, p)
		}
	}
	return out, false
}

func canStart(n Number, skip int, lit, prefix string) bool {
	if strings.HasPrefix(lit, prefix) {
		return true
	}
	if !strings.HasPrefix(prefix, lit) {
		return false
	}
	rest := prefix[len(lit):]
	switch {
	case n.Any:
		return true
	case n.Pattern != nil:
		for _, p := range n.patterns() {
			if !p.CanStartWithAfter(skip, rest) {
				return false
			}
		}
		return true
	}
	if skip > len(n.Literal) {
		return false
	}
	return strings.HasPrefix(n.Literal[skip:], rest)
}

func substituteArgs(t Target, args []string) Target {
	if len(args) == 0 {
		return t
	}
	t.Peer = substitute(t.Peer, args)
	t.Number = substitute(t.Number, args)
	t.Raw = substitute(t.Raw, args)
	return t
}

// substitute replaces ${ARGn} with the caller's arguments.
func substitute(s string, args []string) string {
	if len(args) == 0 || !strings.Contains(s, "${ARG") {
		return s
	}
	for i := len(args); i >= 1; i-- {
		s = strings.ReplaceAll(s, fmt.Sprintf("${ARG%d}", i), strings.TrimSpace(args[i-1]))
	}
	return s
}
