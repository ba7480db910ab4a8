package cdr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
)

// Options tune a [Review]. The zero value uses the defaults named on
// each field.
type Options struct {
	// InternationalPrefixes are the prefixes that make a number
	// international; nil means 010, 00, 011, + (use []string{"010",
	// "00", "+"} for a PBX in Japan that dials Sapporo's 011).
	InternationalPrefixes []string
	// AllowedInternational are the extensions allowed to call abroad;
	// nil means none.
	AllowedInternational []string
	// HighRisk are high-risk country codes; nil means [DefaultHighRisk].
	HighRisk []string
	// Location is the local time zone for working hours; nil means
	// Japan Standard Time (UTC+9).
	Location *time.Location
	// WorkStart and WorkEnd bound working hours as minutes after
	// midnight; both zero mean 08:00–20:00.
	WorkStart, WorkEnd int
	// Calendar says which days are holidays; nil means the Japanese
	// calendar with weekends.
	Calendar *Calendar
	// BurstWindow and BurstCount: BurstCount international calls from
	// one extension within BurstWindow is a burst; zero means 5 in 10
	// minutes.
	BurstWindow time.Duration
	BurstCount  int
	// Concurrent international calls across the PBX at or above which a
	// finding is raised; 0 means 3.
	Concurrent int
	// LearnCalls is how many calls an extension makes before a new
	// destination country is reported; 0 means 10.
	LearnCalls int
	// KnownExtensions, when set, is the baseline of extensions: an
	// external call from any other is first-seen.
	KnownExtensions []string
	// RareCalls: an extension with at most this many calls in the
	// records that places an external call is rarely used; 0 means 2.
	RareCalls int
	// InboundContexts are dial-plan contexts of calls from the public
	// network (from-pstn, from-trunk); nil means any context whose name
	// contains "pstn", "trunk", "inbound", "from-external" or "public".
	InboundContexts []string
	// TrunkChannels are channel-name prefixes of outbound trunks
	// ("SIP/itsp", "PJSIP/carrier", "DAHDI/"); nil means DAHDI/, and any
	// SIP/PJSIP/IAX2 channel whose peer is not an extension of digits.
	TrunkChannels []string
	// MaxExtensions bounds the per-extension state; 0 means 10000.
	MaxExtensions int
	// MaxFindingsPerRule bounds the failing findings of one rule; 0
	// means 100.
	MaxFindingsPerRule int
}

// Review is a streaming CDR review: feed it records in time order with
// [Review.Add] (or [Review.Read]) and collect findings with
// [Review.Findings]. Memory is bounded by Options.MaxExtensions and
// MaxFindingsPerRule, whatever the number of rows.
type Review struct {
	device string
	o      Options
	intl   [][]byte
	allow  map[string]bool
	risk   map[string]bool
	known  map[string]bool
	exts   map[string]*extState
	active []int64 // min-heap of end times (Unix seconds) of active international calls
	cal    *Calendar

	rows, bad, untracked int
	hits                 map[string][]netdevsec.Finding
	counts               map[string]int
	concAlerted          bool
	inboundCache         map[string]bool

	rIntl, rRisk, rOff, rBurst, rConc, rNew, rRare, rRelay, rRows netdevsec.Rule
}

type extState struct {
	calls     int
	intlTimes []time.Time // ring of the last BurstCount international starts
	next      int
	countries []string
	burstOpen bool
	firstExt  *netdevsec.Location
	firstDst  string
}

// NewReview returns a review for device.
func NewReview(device string, opts *Options) *Review {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.InternationalPrefixes == nil {
		o.InternationalPrefixes = []string{"010", "00", "011", "+"}
	}
	if o.HighRisk == nil {
		o.HighRisk = DefaultHighRisk()
	}
	if o.Location == nil {
		o.Location = time.FixedZone("JST", 9*3600)
	}
	if o.WorkStart == 0 && o.WorkEnd == 0 {
		o.WorkStart, o.WorkEnd = 8*60, 20*60
	}
	// A private copy: a Calendar caches years and is not safe for
	// concurrent use, while Options may be shared by many reviews.
	cal := Calendar{}
	if o.Calendar != nil {
		cal = *o.Calendar
		cal.cache = nil
	}
	o.Calendar = &cal
	if o.BurstWindow <= 0 {
		o.BurstWindow = 10 * time.Minute
	}
	if o.BurstCount <= 0 {
		o.BurstCount = 5
	}
	if o.Concurrent <= 0 {
		o.Concurrent = 3
	}
	if o.LearnCalls <= 0 {
		o.LearnCalls = 10
	}
	if o.RareCalls <= 0 {
		o.RareCalls = 2
	}
	if o.MaxExtensions <= 0 {
		o.MaxExtensions = 10000
	}
	if o.MaxFindingsPerRule <= 0 {
		o.MaxFindingsPerRule = 100
	}
	r := &Review{device: device, o: o, allow: set(o.AllowedInternational), risk: set(o.HighRisk),
		exts: map[string]*extState{}, inboundCache: map[string]bool{}, hits: map[string][]netdevsec.Finding{}, counts: map[string]int{}, cal: o.Calendar}
	r.rIntl, r.rRisk, r.rOff, r.rBurst, r.rConc = RuleInternational(), RuleHighRisk(), RuleOffHours(), RuleBurst(), RuleConcurrent()
	r.rNew, r.rRare, r.rRelay, r.rRows = RuleNewCountry(), RuleRareExtension(), RuleRelay(), RuleRows()
	if o.KnownExtensions != nil {
		r.known = set(o.KnownExtensions)
	}
	for _, p := range o.InternationalPrefixes {
		r.intl = append(r.intl, []byte(p))
	}
	// longest prefix first, so 010 wins over 0…
	slices.SortFunc(r.intl, func(a, b []byte) int { return len(b) - len(a) })
	return r
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

// Extension returns the terminal a call came from: the peer of its
// channel (SIP/211553-0000001c → 211553, PJSIP/8576-5f30 → 8576), or src.
func Extension(rec *Record) []byte {
	ch := rec.Channel
	if i := bytes.IndexByte(ch, '/'); i >= 0 {
		peer := ch[i+1:]
		if j := bytes.LastIndexByte(peer, '-'); j > 0 {
			peer = peer[:j]
		}
		if j := bytes.IndexByte(peer, '@'); j > 0 {
			peer = peer[:j]
		}
		if len(peer) > 0 {
			return peer
		}
	}
	return rec.Src
}

// international returns the number after its international prefix, or
// nil when dst is not international. 00XY010… (Japanese carrier
// selection before 010) is recognised.
func (r *Review) international(dst []byte) []byte {
	for _, p := range r.intl {
		if bytes.HasPrefix(dst, p) {
			rest := dst[len(p):]
			if string(p) == "00" && len(rest) > 5 && string(rest[2:5]) == "010" {
				rest = rest[5:]
			}
			return rest
		}
	}
	return nil
}

func (r *Review) trunk(ch []byte) bool {
	if len(ch) == 0 {
		return false
	}
	if r.o.TrunkChannels != nil {
		for _, p := range r.o.TrunkChannels {
			if bytes.HasPrefix(ch, []byte(p)) {
				return true
			}
		}
		return false
	}
	if bytes.HasPrefix(ch, []byte("DAHDI/")) || bytes.HasPrefix(ch, []byte("Zap/")) {
		return true
	}
	i := bytes.IndexByte(ch, '/')
	if i < 0 {
		return false
	}
	peer := ch[i+1:]
	if j := bytes.LastIndexByte(peer, '-'); j > 0 {
		peer = peer[:j]
	}
	if bytes.HasPrefix(ch, []byte("Local/")) {
		return false
	}
	for _, c := range peer {
		if c < '0' || c > '9' {
			return true
		}
	}
	return false
}

func (r *Review) inbound(ctx []byte) bool {
	if r.o.InboundContexts != nil {
		for _, c := range r.o.InboundContexts {
			if string(ctx) == c {
				return true
			}
		}
		return false
	}
	if v, ok := r.inboundCache[string(ctx)]; ok {
		return v
	}
	s := string(ctx)
	in := false
	for _, w := range []string{"pstn", "trunk", "inbound", "from-external", "public", "incoming"} {
		if strings.Contains(s, w) {
			in = true
		}
	}
	if len(r.inboundCache) < 1024 {
		r.inboundCache[s] = in
	}
	return in
}

func external(dst []byte) bool {
	return len(dst) > 0 && (dst[0] == '0' || dst[0] == '+')
}

// full reports whether rule already has its cap of findings; the hit is
// then only counted, without formatting a message.
func (r *Review) full(rule netdevsec.Rule) bool {
	if len(r.hits[rule.ID]) >= r.o.MaxFindingsPerRule {
		r.counts[rule.ID]++
		return true
	}
	return false
}

func (r *Review) hit(rule netdevsec.Rule, file string, line int, msg string, ev ...netdevsec.Evidence) {
	r.counts[rule.ID]++
	r.hits[rule.ID] = append(r.hits[rule.ID], rule.Fail(r.device, msg, ev...).At(file, line))
}

// Add reviews one record read from file.
func (r *Review) Add(file string, rec *Record) {
	r.rows++
	ext := Extension(rec)
	st := r.exts[string(ext)]
	if st == nil {
		if len(r.exts) >= r.o.MaxExtensions {
			r.untracked++
		} else {
			st = &extState{}
			r.exts[string(ext)] = st
		}
	}
	if st != nil {
		st.calls++
	}
	dst := rec.Dst
	intl := r.international(dst)
	isExt := external(dst) || intl != nil || r.trunk(rec.DstChannel)
	if r.inbound(rec.DContext) && r.trunk(rec.DstChannel) {
		if !r.full(r.rRelay) {
			r.hit(r.rRelay, file, rec.Line, fmt.Sprintf("call into inbound context %s left through trunk channel %s", rec.DContext, rec.DstChannel),
				netdevsec.E("dcontext", string(rec.DContext)), netdevsec.E("dstchannel", string(rec.DstChannel)), netdevsec.E("dst", string(dst)))
		}
	}
	if isExt {
		local := rec.Start.In(r.o.Location)
		mins := local.Hour()*60 + local.Minute()
		if h := r.cal.Holiday(local); h != "" {
			if !r.full(r.rOff) {
				r.hit(r.rOff, file, rec.Line, fmt.Sprintf("external call from %s to %s on a holiday (%s) at %s", ext, dst, h, local.Format("2006-01-02 15:04")),
					netdevsec.E("extension", string(ext)), netdevsec.E("dst", string(dst)), netdevsec.E("holiday", h))
			}
		} else if mins < r.o.WorkStart || mins >= r.o.WorkEnd {
			if !r.full(r.rOff) {
				r.hit(r.rOff, file, rec.Line, fmt.Sprintf("external call from %s to %s outside working hours at %s", ext, dst, local.Format("2006-01-02 15:04")),
					netdevsec.E("extension", string(ext)), netdevsec.E("dst", string(dst)))
			}
		}
		if st != nil && st.firstExt == nil {
			st.firstExt = &netdevsec.Location{File: file, Line: rec.Line}
			st.firstDst = string(dst)
			if r.known != nil && !r.known[string(ext)] {
				if !r.full(r.rRare) {
					r.hit(r.rRare, file, rec.Line, fmt.Sprintf("external call from first-seen extension %s to %s", ext, dst),
						netdevsec.E("extension", string(ext)), netdevsec.E("dst", string(dst)))
				}
			}
		}
	}
	if intl == nil {
		return
	}
	code, country := CountryCode(intl)
	evf := func() []netdevsec.Evidence {
		ev := []netdevsec.Evidence{netdevsec.E("extension", string(ext)), netdevsec.E("dst", string(dst))}
		if code != "" {
			ev = append(ev, netdevsec.E("country", "+"+code+" "+country))
		}
		return ev
	}
	if !r.allow[string(ext)] {
		if !r.full(r.rIntl) {
			r.hit(r.rIntl, file, rec.Line, fmt.Sprintf("international call from %s, which is not allowed to call abroad, to %s", ext, dst), evf()...)
		}
	}
	if code != "" && r.risk[code] {
		if !r.full(r.rRisk) {
			r.hit(r.rRisk, file, rec.Line, fmt.Sprintf("call from %s to high-risk destination +%s (%s): %s", ext, code, country, dst), evf()...)
		}
	}
	// concurrency across the PBX
	start := rec.Start.Unix()
	for len(r.active) > 0 && r.active[0] <= start {
		r.active = heapPop(r.active)
	}
	if len(r.active) < 100000 {
		r.active = heapPush(r.active, rec.End.Unix())
	}
	if len(r.active) >= r.o.Concurrent {
		if !r.concAlerted {
			if !r.full(r.rConc) {
				r.hit(r.rConc, file, rec.Line, fmt.Sprintf("%d international calls at once at %s", len(r.active), rec.Start.In(r.o.Location).Format("2006-01-02 15:04:05")), evf()...)
			}
			r.concAlerted = true
		}
	} else {
		r.concAlerted = false
	}
	if st == nil {
		return
	}
	// bursts per extension
	if len(st.intlTimes) < r.o.BurstCount {
		st.intlTimes = append(st.intlTimes, rec.Start)
	} else {
		st.intlTimes[st.next] = rec.Start
		st.next = (st.next + 1) % r.o.BurstCount
	}
	if len(st.intlTimes) == r.o.BurstCount {
		oldest := st.intlTimes[st.next%r.o.BurstCount]
		if rec.Start.Sub(oldest) <= r.o.BurstWindow {
			if !st.burstOpen {
				if !r.full(r.rBurst) {
					r.hit(r.rBurst, file, rec.Line, fmt.Sprintf("%d international calls from %s within %s", r.o.BurstCount, ext, rec.Start.Sub(oldest).Round(time.Second)), evf()...)
				}
				st.burstOpen = true
			}
		} else {
			st.burstOpen = false
		}
	}
	// new destination country
	if code != "" && !slices.Contains(st.countries, code) {
		if st.calls > r.o.LearnCalls {
			if !r.full(r.rNew) {
				r.hit(r.rNew, file, rec.Line, fmt.Sprintf("%s called +%s (%s) for the first time after %d calls", ext, code, country, st.calls-1), evf()...)
			}
		}
		if len(st.countries) < 64 {
			st.countries = append(st.countries, code)
		}
	}
}

// Read reviews every record of rd; bad rows become findings of
// [RuleRows] with file:line and reading goes on. It returns an error
// only when the reader fails or ctx is done.
func (r *Review) Read(ctx context.Context, rd *Reader, file string) error {
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := rd.Next()
		switch {
		case err == nil:
			r.Add(file, rec)
		case errors.Is(err, io.EOF):
			return nil
		case errors.Is(err, ErrRow):
			r.bad++
			var re *RowError
			if errors.As(err, &re) {
				if !r.full(r.rRows) {
					r.hit(r.rRows, re.File, re.Line, re.Err.Error())
				}
			}
		default:
			return err
		}
	}
}

// Findings returns the findings so far: failing findings (capped per
// rule, with a count of the rest), and a pass for each rule with none.
func (r *Review) Findings() []netdevsec.Finding {
	// rarely used extensions: decided at the end, from bounded state
	var rare []string
	for ext, st := range r.exts {
		if st.firstExt != nil && st.calls <= r.o.RareCalls && (r.known == nil || r.known[ext]) {
			rare = append(rare, ext)
		}
	}
	slices.Sort(rare)
	hits := map[string][]netdevsec.Finding{}
	counts := map[string]int{}
	for k, v := range r.hits {
		hits[k] = v
		counts[k] = r.counts[k]
	}
	for _, ext := range rare {
		st := r.exts[ext]
		counts[r.rRare.ID]++
		if len(hits[r.rRare.ID]) < r.o.MaxFindingsPerRule {
			f := r.rRare.Fail(r.device, fmt.Sprintf("rarely used extension %s (%d calls) placed an external call to %s", ext, st.calls, st.firstDst),
				netdevsec.E("extension", ext), netdevsec.E("calls", st.calls))
			f.Location = st.firstExt
			hits[r.rRare.ID] = append(hits[r.rRare.ID], f)
		}
	}
	var out []netdevsec.Finding
	rows := netdevsec.E("rows", r.rows)
	for _, rule := range Rules() {
		fs := hits[rule.ID]
		if len(fs) == 0 {
			if rule.ID == r.rRows.ID {
				out = append(out, rule.Pass(r.device, "every row was read", rows))
				continue
			}
			if r.rows == 0 {
				out = append(out, rule.Unknown(r.device, "no call records read"))
				continue
			}
			out = append(out, rule.Pass(r.device, "no call record matches", rows))
			continue
		}
		out = append(out, fs...)
		if n := counts[rule.ID] - len(fs); n > 0 {
			out = append(out, rule.Fail(r.device, fmt.Sprintf("%d more records match; not listed", n), rows))
		}
	}
	if r.untracked > 0 {
		out = append(out, r.rRows.Unknown(r.device, fmt.Sprintf("%d calls from extensions beyond the tracking limit (%d) were only partly reviewed", r.untracked, r.o.MaxExtensions)))
	}
	return out
}

// heapPush and heapPop keep h a min-heap.
func heapPush(h []int64, v int64) []int64 {
	h = append(h, v)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if h[p] <= h[i] {
			break
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
	return h
}

func heapPop(h []int64) []int64 {
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < n && h[l] < h[m] {
			m = l
		}
		if l+1 < n && h[l+1] < h[m] {
			m = l + 1
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return h
}
