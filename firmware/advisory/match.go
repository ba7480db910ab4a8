package advisory

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec/firmware/version"
)

// Device is what matching needs to know of a device.
type Device struct {
	ID     string
	Vendor string
	// Model is the hardware model ("RTX830", "C8300-1N1S-6T").
	Model string
	// Product is the firmware's advisory product name when it differs
	// from the model ("ios_xe", "routeros", "fortios").
	Product string
	// Installed is the installed version as the device reports it.
	Installed string
	// Scheme overrides the version scheme the vendor/product registry
	// gives; 0 means the registry's.
	Scheme version.Scheme
	// Channel is the release channel (RouterOS "long-term").
	Channel string
}

// Verdict is the tri-state answer for one advisory and one device.
type Verdict string

// Verdicts.
const (
	VerdictAffected    Verdict = "affected"
	VerdictNotAffected Verdict = "not-affected"
	VerdictUnknown     Verdict = "unknown"
)

// Reason says why a verdict is unknown (or how a definite one was
// reached).
type Reason string

// Reasons.
const (
	ReasonListed        Reason = "listed"              // the version is enumerated
	ReasonInRange       Reason = "in-range"            // a range contains the version
	ReasonNotListed     Reason = "not-listed"          // no list or range covers the version
	ReasonUnparseable   Reason = "unparseable"         // the installed version cannot be parsed
	ReasonIncomparable  Reason = "incomparable-branch" // the advisory's versions are in other branches
	ReasonNoVersionData Reason = "no-version-data"     // no installed version, or the advisory gives none
	ReasonFreeText      Reason = "free-text"           // a statement could not be interpreted
	ReasonDisagree      Reason = "sources-disagree"    // providers give different verdicts
	ReasonScheme        Reason = "scheme-mismatch"     // device and advisory use different schemes
)

// Statement is one provider's verdict, for provenance.
type Statement struct {
	Provider string  `json:"provider"`
	Verdict  Verdict `json:"verdict"`
	Reason   Reason  `json:"reason"`
	Detail   string  `json:"detail,omitempty"`
	Origin   Origin  `json:"origin"`
}

// Match is the verdict of one advisory for one device.
type Match struct {
	Advisory *Advisory `json:"-"`
	ID       string    `json:"id"`
	Verdict  Verdict   `json:"verdict"`
	Reason   Reason    `json:"reason"`
	Detail   string    `json:"detail,omitempty"`
	// Statements are the per-provider verdicts behind Verdict.
	Statements []Statement `json:"statements"`
	KEV        *KEVEntry   `json:"kev,omitempty"`
	// Branch is the installed version's branch ("" for unbranched schemes).
	Branch string `json:"branch,omitempty"`
	// FixedIn is the smallest fixed version above the installed one in the
	// device's own branch.
	FixedIn string `json:"fixed_in,omitempty"`
	// NoFixInBranch says no fix is known in the device's branch;
	// OtherBranches then lists the smallest fix of each other branch.
	NoFixInBranch bool     `json:"no_fix_in_branch,omitempty"`
	OtherBranches []string `json:"other_branches,omitempty"`
	// NoFix says the vendor plans or has no fix.
	NoFix bool `json:"no_fix,omitempty"`
}

type prange struct {
	lo, hi     version.Version
	loEx, hiIn bool
	src        Range
}

type entry struct {
	group      int // advisories with one ID share a group number
	adv        *Advisory
	aff        *Affected
	scheme     version.Scheme
	versions   map[string]string // key → raw
	unaffected map[string]string
	ranges     []prange
	unRanges   []prange
	fixed      []version.Version
	bad        []string // statements that could not be interpreted
	platforms  []string
	edition    string
}

// Index holds advisories for matching, by canonical vendor/product.
type Index struct {
	advisories []Advisory
	byProduct  map[string][]*entry
}

// NewIndex indexes advisories (pre-parsing every version under its
// product's scheme). Advisories with the same ID from several sources are
// matched together so that their disagreement shows.
func NewIndex(advs []Advisory) *Index {
	ix := &Index{advisories: slices.Clone(advs), byProduct: map[string][]*entry{}}
	groups := map[string]int{}
	for i := range ix.advisories {
		a := &ix.advisories[i]
		g, ok := groups[a.ID]
		if !ok {
			g = len(groups)
			groups[a.ID] = g
		}
		for j := range a.Affected {
			af := &a.Affected[j]
			e := &entry{group: g, adv: a, aff: af, scheme: schemeFor(af.Scheme, af.Vendor, af.Product), edition: canonChannel(af.Edition)}
			e.bad = append(e.bad, af.Unparsed...)
			for _, p := range af.Platforms {
				e.platforms = append(e.platforms, canonProduct(af.Vendor, p))
			}
			e.versions = e.keys(af.Versions)
			e.unaffected = e.keys(af.Unaffected)
			e.ranges = e.parseRanges(af.Ranges)
			e.unRanges = e.parseRanges(af.UnaffectedRanges)
			for _, f := range af.Fixed {
				if v, err := version.Parse(e.scheme, f); err == nil {
					e.fixed = append(e.fixed, v)
				}
			}
			slices.SortFunc(e.fixed, version.TotalCompare)
			k := productKey(af.Vendor, af.Product)
			ix.byProduct[k] = append(ix.byProduct[k], e)
		}
	}
	for _, es := range ix.byProduct {
		slices.SortStableFunc(es, func(a, b *entry) int { return strings.Compare(a.adv.ID, b.adv.ID) })
	}
	return ix
}

func (e *entry) keys(vs []string) map[string]string {
	if len(vs) == 0 {
		return nil
	}
	m := make(map[string]string, len(vs))
	for _, s := range vs {
		v, err := version.Parse(e.scheme, s)
		if err != nil {
			e.bad = append(e.bad, s)
			continue
		}
		m[v.Key()] = s
	}
	return m
}

func (e *entry) parseRanges(rs []Range) []prange {
	var out []prange
	for _, r := range rs {
		p := prange{loEx: r.LoExclusive, hiIn: r.HiInclusive, src: r}
		var err error
		if r.Lo != "" {
			if p.lo, err = version.Parse(e.scheme, r.Lo); err != nil {
				e.bad = append(e.bad, r.String())
				continue
			}
		}
		if r.Hi != "" {
			if p.hi, err = version.Parse(e.scheme, r.Hi); err != nil {
				e.bad = append(e.bad, r.String())
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// Len returns the number of advisories indexed.
func (ix *Index) Len() int { return len(ix.advisories) }

// lookup returns the entries of the products a device is known by (its
// product, its model, its operating system), merged in ID order.
func (ix *Index) lookup(d Device, s version.Scheme) []*entry {
	var entries []*entry
	var seen [3]*entry
	var buf [128]byte
	for i, p := range [3]string{d.Product, d.Model, osProduct(s)} {
		if p == "" {
			continue
		}
		es := ix.byProduct[string(appendProductKey(buf[:0], d.Vendor, p))]
		if len(es) == 0 || slices.Contains(seen[:i], es[0]) {
			continue
		}
		seen[i] = es[0]
		if entries == nil {
			entries = es
			continue
		}
		entries = append(slices.Clip(entries), es...)
		slices.SortStableFunc(entries, func(a, b *entry) int { return strings.Compare(a.adv.ID, b.adv.ID) })
	}
	return entries
}

// osProduct is the advisory product of a vendor operating system.
func osProduct(s version.Scheme) string {
	switch s {
	case version.CiscoIOS:
		return "ios"
	case version.CiscoIOSXE:
		return "ios_xe"
	case version.Junos:
		return "junos"
	case version.RouterOS:
		return "routeros"
	case version.FortiOS:
		return "fortios"
	case version.Asterisk:
		return "asterisk"
	case version.OpenWrt:
		return "openwrt"
	}
	return ""
}

// Match returns the verdict of every advisory that applies to the
// device's vendor and product, sorted by advisory ID.
func (ix *Index) Match(d Device) []Match {
	devScheme := d.Scheme
	known := devScheme != 0
	if !known {
		for _, p := range []string{d.Product, d.Model} {
			if s, ok := version.ForProduct(d.Vendor, p); ok {
				devScheme, known = s, true
				break
			}
		}
	}
	entries := ix.lookup(d, devScheme)
	if len(entries) == 0 {
		return nil
	}
	// One backing array for every statement of this device.
	stmts := make([]Statement, 0, len(entries))
	model, channel, canonDone := "", "", false
	// Parse the installed version once per scheme.
	type parsed struct {
		v   version.Version
		err error
	}
	var cache [2]struct {
		s version.Scheme
		p parsed
	}
	installed := func(s version.Scheme) parsed {
		for i := range cache {
			if cache[i].s == s {
				return cache[i].p
			}
		}
		var p parsed
		if d.Installed == "" {
			p.err = fmt.Errorf("installed version not recorded")
		} else {
			p.v, p.err = version.Parse(s, d.Installed)
		}
		cache[1] = cache[0]
		cache[0].s, cache[0].p = s, p
		return p
	}
	branch, branchDone := "", false
	var out []Match
	for i := 0; i < len(entries); {
		j := i
		for j < len(entries) && entries[j].group == entries[i].group {
			j++
		}
		group := entries[i:j]
		i = j
		m := Match{Advisory: group[0].adv, ID: group[0].adv.ID}
		first := len(stmts)
		var fixes []version.Version
		var inst version.Version
		for _, e := range group {
			if !canonDone && (len(e.platforms) > 0 || e.edition != "") {
				model, channel, canonDone = canonProduct(d.Vendor, d.Model), canonChannel(d.Channel), true
			}
			if len(e.platforms) > 0 && model != "" && !slices.Contains(e.platforms, model) {
				continue
			}
			if e.edition != "" && channel != "" && e.edition != channel {
				continue
			}
			if m.KEV == nil {
				m.KEV = e.adv.KEV
			}
			m.NoFix = m.NoFix || e.aff.NoFix
			st := Statement{Provider: e.aff.Provider, Origin: e.aff.Origin}
			if known && devScheme != e.scheme {
				st.Verdict, st.Reason = VerdictUnknown, ReasonScheme
				st.Detail = fmt.Sprintf("device versions are %s, the advisory's %s", devScheme, e.scheme)
				stmts = append(stmts, st)
				continue
			}
			p := installed(e.scheme)
			if p.err != nil {
				st.Verdict, st.Reason = VerdictUnknown, ReasonUnparseable
				if d.Installed == "" {
					st.Reason = ReasonNoVersionData
				}
				st.Detail = p.err.Error()
				stmts = append(stmts, st)
				continue
			}
			inst = p.v
			st.Verdict, st.Reason, st.Detail = e.eval(p.v)
			if e.edition != "" && channel == "" && st.Verdict != VerdictNotAffected {
				st.Verdict, st.Reason = VerdictUnknown, ReasonNoVersionData
				st.Detail = fmt.Sprintf("statement is for the %q channel; the device's channel is not recorded", e.aff.Edition)
			}
			stmts = append(stmts, st)
			if fixes == nil {
				fixes = e.fixed // sorted at index time; not modified
			} else {
				fixes = append(slices.Clip(fixes), e.fixed...)
			}
		}
		if len(stmts) == first {
			continue // not for this platform or channel
		}
		m.Statements = stmts[first:len(stmts):len(stmts)]
		m.Verdict, m.Reason, m.Detail = combine(m.Statements)
		if !inst.IsZero() && m.Verdict != VerdictNotAffected { // a fix matters only when affected or unknown
			if !branchDone {
				branch, branchDone = inst.Branch(), true
			}
			m.Branch = branch
			fixInBranch(&m, inst, fixes)
		}
		if out == nil {
			out = make([]Match, 0, len(entries))
		}
		out = append(out, m)
	}
	return out
}

// eval is one statement's verdict for v: enumerations first, then
// ranges, then the statement's default.
func (e *entry) eval(v version.Version) (Verdict, Reason, string) {
	if raw, ok := e.versions[v.Key()]; ok {
		return VerdictAffected, ReasonListed, "listed as affected: " + raw
	}
	if raw, ok := e.unaffected[v.Key()]; ok {
		return VerdictNotAffected, ReasonListed, "listed as not affected: " + raw
	}
	incomparable := ""
	for _, r := range e.ranges {
		in, why := contains(v, r)
		if why != "" {
			incomparable = why
			continue
		}
		if in {
			return VerdictAffected, ReasonInRange, "in range " + r.src.String()
		}
	}
	for _, r := range e.unRanges {
		if in, why := contains(v, r); why == "" && in {
			return VerdictNotAffected, ReasonInRange, "in unaffected range " + r.src.String()
		}
	}
	if len(e.bad) > 0 {
		return VerdictUnknown, ReasonFreeText, "not understood: " + strings.Join(e.bad, "; ")
	}
	if incomparable != "" {
		return VerdictUnknown, ReasonIncomparable, incomparable
	}
	switch e.aff.Default {
	case StatusAffected:
		return VerdictAffected, ReasonNotListed, "not listed; the advisory's default status is affected"
	case StatusUnaffected:
		return VerdictNotAffected, ReasonNotListed, "not in any affected version or range"
	}
	if len(e.versions)+len(e.ranges)+len(e.unaffected)+len(e.unRanges) == 0 {
		return VerdictUnknown, ReasonNoVersionData, "the advisory gives no version data"
	}
	return VerdictUnknown, ReasonNotListed, "not listed, and the advisory gives no default status"
}

// contains reports whether r contains v; why is non-empty when a bound
// cannot be compared with v in a way that could matter.
func contains(v version.Version, r prange) (in bool, why string) {
	ordered := version.BranchesOrdered(v.Scheme())
	cmpTo := func(b version.Version) (int, bool) {
		if c, ok := version.Compare(v, b); ok {
			return c, true
		}
		if ordered {
			return version.CompareBranches(v, b), true
		}
		return 0, false
	}
	hasLo, hasHi := !r.lo.IsZero(), !r.hi.IsZero()
	if !ordered && hasLo && hasHi && r.lo.BranchKey() == r.hi.BranchKey() && r.lo.BranchKey() != v.BranchKey() {
		if related(r.lo.BranchKey(), v.BranchKey()) {
			// A special build (17.9.1x1) of the range's branch (17.9):
			// no published order places it inside or outside.
			return false, fmt.Sprintf("range %s is in branch %s; %s has no order against it", r.src.String(), r.lo.Branch(), v.Raw())
		}
		return false, "" // a range of another branch says nothing about this one
	}
	if hasLo {
		c, ok := cmpTo(r.lo)
		if !ok {
			return false, fmt.Sprintf("range %s is in branch %s, the device in %s", r.src.String(), r.lo.Branch(), v.Branch())
		}
		if c < 0 || c == 0 && r.loEx {
			return false, ""
		}
	}
	if hasHi {
		c, ok := cmpTo(r.hi)
		if !ok {
			return false, fmt.Sprintf("range %s is in branch %s, the device in %s", r.src.String(), r.hi.Branch(), v.Branch())
		}
		if c > 0 || c == 0 && !r.hiIn {
			return false, ""
		}
	}
	return true, ""
}

// related reports whether branch key b extends branch key a (a special
// build's branch extends its release's: 17.9.1x1 extends 17.9).
func related(a, b string) bool {
	a = strings.TrimSuffix(a, "\x03")
	return a != "" && len(b) > len(a) && strings.HasPrefix(b, a)
}

// combine merges statements: within a provider any affected statement
// wins (statements are alternatives); across providers a definite
// disagreement is unknown. A weak unknown (not listed, no default) yields
// to a definite verdict of another provider; other unknowns never become
// "not affected".
func combine(sts []Statement) (Verdict, Reason, string) {
	if len(sts) == 1 {
		return sts[0].Verdict, sts[0].Reason, sts[0].Detail
	}
	type pv struct {
		v      Verdict
		r      Reason
		detail string
	}
	per := map[string]pv{}
	var providers []string
	for _, s := range sts {
		cur, ok := per[s.Provider]
		if !ok {
			providers = append(providers, s.Provider)
			per[s.Provider] = pv{s.Verdict, s.Reason, s.Detail}
			continue
		}
		rank := func(v Verdict) int {
			return map[Verdict]int{VerdictAffected: 3, VerdictUnknown: 2, VerdictNotAffected: 1}[v]
		}
		if rank(s.Verdict) > rank(cur.v) {
			per[s.Provider] = pv{s.Verdict, s.Reason, s.Detail}
		}
	}
	var aff, not, strongUnknown, weakUnknown []string
	for _, p := range providers {
		switch v := per[p]; {
		case v.v == VerdictAffected:
			aff = append(aff, p)
		case v.v == VerdictNotAffected:
			not = append(not, p)
		case v.r == ReasonNotListed || v.r == ReasonScheme:
			weakUnknown = append(weakUnknown, p)
		default:
			strongUnknown = append(strongUnknown, p)
		}
	}
	// The reported reason comes from the strongest statement: an
	// enumeration before a range, a vendor before an aggregator.
	best := func(ps []string) pv {
		slices.SortStableFunc(ps, func(a, b string) int {
			return cmp.Or(cmp.Compare(reasonRank(per[a].r), reasonRank(per[b].r)), cmp.Compare(providerRank(a), providerRank(b)))
		})
		return per[ps[0]]
	}
	switch {
	case len(aff) > 0 && len(not) > 0:
		return VerdictUnknown, ReasonDisagree, fmt.Sprintf("affected per %s; not affected per %s",
			strings.Join(aff, ", "), strings.Join(not, ", "))
	case len(aff) > 0:
		b := best(aff)
		return VerdictAffected, b.r, b.detail
	case len(strongUnknown) > 0:
		u := per[strongUnknown[0]]
		return VerdictUnknown, u.r, u.detail
	case len(not) > 0:
		b := best(not)
		return VerdictNotAffected, b.r, b.detail
	}
	u := per[weakUnknown[0]]
	return VerdictUnknown, u.r, u.detail
}

func reasonRank(r Reason) int {
	switch r {
	case ReasonListed:
		return 0
	case ReasonInRange:
		return 1
	}
	return 2
}

// providerRank prefers the vendor's own statements (CSAF, the CVE CNA,
// OSV) over aggregators (NVD, CVE ADP).
func providerRank(p string) int {
	switch {
	case strings.HasPrefix(p, "csaf:"), p == "cve5:cna", p == "osv":
		return 0
	case p == "nvd":
		return 1
	}
	return 2
}

// fixInBranch fills the fixed version in the installed version's branch,
// or says there is none and lists the other branches' smallest fixes.
func fixInBranch(m *Match, inst version.Version, fixes []version.Version) {
	if len(fixes) == 0 {
		if m.Verdict == VerdictAffected {
			m.NoFixInBranch = true
		}
		return
	}
	if !slices.IsSortedFunc(fixes, version.TotalCompare) {
		slices.SortFunc(fixes, version.TotalCompare)
	}
	var best version.Version
	reached := false // a fix of the branch is at or below the installed version
	var others map[string]version.Version
	for _, f := range fixes {
		c, ok := version.Compare(inst, f)
		switch {
		case ok && c < 0:
			if best.IsZero() {
				best = f
			}
		case ok:
			reached = true
		default:
			if others == nil {
				others = map[string]version.Version{}
			}
			if cur, seen := others[f.BranchKey()]; !seen || version.TotalCompare(f, cur) < 0 {
				others[f.BranchKey()] = f
			}
		}
	}
	if best.IsZero() && reached && m.Verdict != VerdictAffected {
		return // at or past a fix of its branch: do not claim there is none
	}
	if !best.IsZero() {
		m.FixedIn = best.Raw()
		return
	}
	if m.Verdict == VerdictAffected || m.Verdict == VerdictUnknown {
		m.NoFixInBranch = true
		var vs []version.Version
		for _, v := range others {
			if version.BranchesOrdered(v.Scheme()) && version.CompareBranches(v, inst) < 0 {
				continue // an older branch is no upgrade
			}
			vs = append(vs, v)
		}
		slices.SortFunc(vs, version.TotalCompare)
		for _, v := range vs {
			m.OtherBranches = append(m.OtherBranches, v.Raw())
		}
	}
}

// productKey is the canonical "vendor/product" of an advisory statement
// or a device.
func productKey(vendor, product string) string {
	var buf [128]byte
	return string(appendProductKey(buf[:0], vendor, product))
}

// appendProductKey appends the canonical "vendor/product" to dst.
func appendProductKey(dst []byte, vendor, product string) []byte {
	var vb [64]byte
	vn := appendNorm(vb[:0], vendor)
	cv := canonVendorBytes(vn)
	dst = append(dst, cv...)
	dst = append(dst, '/')
	start := len(dst)
	dst = appendNorm(dst, product)
	p := dst[start:]
	for _, pre := range [][]byte{[]byte(cv), vn} {
		if len(pre) > 0 && len(p) > len(pre) && string(p[:len(pre)]) == string(pre) {
			p = p[len(pre):]
		}
	}
	for changed := true; changed; {
		changed = false
		for _, suf := range []string{"software", "firmware", "operatingsystem", "series"} {
			if len(p) > len(suf) && string(p[len(p)-len(suf):]) == suf {
				p, changed = p[:len(p)-len(suf)], true
			}
		}
	}
	switch string(p) {
	case "junosos":
		p = append(p[:0], "junos"...)
	case "junososevolved", "junosevolved":
		p = append(p[:0], "junosevo"...)
	}
	n := copy(dst[start:], p)
	return dst[:start+n]
}

func canonVendorBytes(n []byte) string {
	for _, pre := range []string{"cisco", "juniper", "fortinet", "mikrotik", "yamaha", "netgear", "tplink", "asus", "zyxel",
		"yealink", "grandstream", "nec"} {
		if len(n) >= len(pre) && string(n[:len(pre)]) == pre {
			return pre
		}
	}
	switch string(n) {
	case "digium", "sangoma":
		return "asterisk"
	}
	return string(n)
}

// canonProduct is the product half of [productKey].
func canonProduct(vendor, product string) string {
	k := productKey(vendor, product)
	return k[strings.IndexByte(k, '/')+1:]
}

func canonChannel(c string) string {
	switch n := normName(c); n {
	case "ltr", "longterm", "lts":
		return "longterm"
	case "":
		return ""
	default:
		return n
	}
}

func normName(s string) string {
	var buf [64]byte
	return string(appendNorm(buf[:0], s))
}

func appendNorm(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}
