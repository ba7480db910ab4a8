package review

import (
	"context"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/syslog"
)

const maxBurst = 16

// Engine reviews log records for the four review perspectives of
// CIAJ-1.4.2. Its state (first-seen sets, per-source windows) is bounded
// by Options.MaxTracked, so an input of any size is reviewed in constant
// memory. An Engine is not safe for concurrent use; state carries over
// between Review calls, so that several files of one device are reviewed
// as one stream.
type Engine struct {
	o      resolved
	parser *syslog.Parser
	ev     syslog.Event
	r      ruleset

	seenDest  bounded[netip.Addr, struct{}]
	seenMAC   bounded[uint64, struct{}]
	seenPort  bounded[int, struct{}]
	seenIface bounded[string, struct{}]
	scans     bounded[netip.Addr, scanState]
	floods    bounded[netip.Addr, floodState]
	bursts    bounded[string, burstState]

	unsyncSeen, syncLostSeen bool
	last                     time.Time // time of the last record that had one

	hits     map[string]int
	emitted  map[string]int
	records  int
	files    []string
	lastFile string
}

type scanState struct {
	start    time.Time
	ports    [32]uint16
	nports   int
	hosts    [32]netip.Addr
	nhosts   int
	reported bool
}

type floodState struct {
	start    time.Time
	n        int
	reported bool
}

type burstState struct {
	times    [maxBurst]int64
	next, n  int
	reported int64 // time of the last report; a new report needs a fresh window
}

// New returns an engine; o may be nil for the defaults.
func New(o *Options) *Engine {
	r := resolve(o)
	e := &Engine{
		o:       r,
		parser:  syslog.NewParser(&syslog.Options{Reference: r.Reference, Location: r.Location}),
		r:       newRuleset(),
		hits:    map[string]int{},
		emitted: map[string]int{},
	}
	n := r.MaxTracked
	e.seenDest.init(n)
	e.seenMAC.init(n)
	e.seenPort.init(n)
	e.seenIface.init(n)
	e.scans.init(n)
	e.floods.init(n)
	e.bursts.init(n)
	if r.ScanPorts > len(scanState{}.ports) {
		e.o.ScanPorts = len(scanState{}.ports)
	}
	return e
}

// Review reads records from r (LF or octet-counted framing) and calls
// emit for each finding, located at file and the record's line. It stops
// at the end of r, on a read error or when ctx is done. A malformed
// record never stops the review: it is parsed as far as it goes.
func (e *Engine) Review(ctx context.Context, r io.Reader, file string, emit func(netdevsec.Finding)) error {
	sc := syslog.NewScanner(r, &syslog.ScanOptions{MaxRecord: e.o.MaxRecord})
	e.files = appendOnce(e.files, file)
	e.lastFile = file
	n := 0
	for sc.Scan() {
		n++
		if n&0x1fff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if e.o.Progress != nil {
				e.o.Progress(sc.Offset())
			}
		}
		if sc.Truncated() {
			e.unreadable(file, sc.Line(), emit)
		}
		// Every record is reviewed, comment-looking ones too: a line a
		// device or attacker starts with '#' must not escape review.
		if err := e.parser.Parse(sc.Bytes(), &e.ev); err != nil {
			continue
		}
		e.Observe(&e.ev, file, sc.Line(), emit)
	}
	if e.o.Progress != nil {
		e.o.Progress(sc.Offset())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", file, sc.Line(), err)
	}
	return nil
}

// unreadable records a record cut at MaxRecord: an error finding at its
// line (capped like hits), so that a bad line is named, not lost.
func (e *Engine) unreadable(file string, line int, emit func(netdevsec.Finding)) {
	r := &e.r.unreadable
	e.hits[r.ID]++
	if e.emitted[r.ID] >= e.o.MaxFindingsPerRule || emit == nil {
		return
	}
	e.emitted[r.ID]++
	emit(r.Finding(e.o.Device, netdevsec.StatusError,
		fmt.Sprintf("record longer than %d bytes: only its first %d bytes were reviewed", e.o.MaxRecord, e.o.MaxRecord)).At(file, line))
}

func appendOnce(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// Records returns how many records were reviewed.
func (e *Engine) Records() int { return e.records }

// Hits returns how many hits each rule had, including those beyond
// MaxFindingsPerRule.
func (e *Engine) Hits() map[string]int {
	out := make(map[string]int, len(e.hits))
	for k, v := range e.hits {
		out[k] = v
	}
	return out
}

// Observe reviews one parsed event found at file:line. Use it when the
// records come from elsewhere (a syslog listener, a journal).
func (e *Engine) Observe(ev *syslog.Event, file string, line int, emit func(netdevsec.Finding)) {
	e.records++
	t := ev.Time
	timed := ev.TimeQuality&syslog.TimeMissing == 0
	if timed {
		e.last = t
	} else {
		t = e.last
	}
	h := hitter{e: e, ev: ev, file: file, line: line, emit: emit}

	if ev.TimeQuality&syslog.TimeUnsynchronised != 0 && !e.unsyncSeen {
		e.unsyncSeen = true
		h.hit(&e.r.clockUnsynchronised, "record time stamped by a clock that is not synchronised (\"*\")")
	}
	if ev.TimeQuality&syslog.TimeSyncLost != 0 && !e.syncLostSeen {
		e.syncLostSeen = true
		h.hit(&e.r.clockUnsynchronised, "record time stamped by a clock that lost its time source (\".\")")
	}

	switch ev.Kind {
	case syslog.KindAuthFailure, syslog.KindAuthLockout:
		what := "login failed"
		if ev.Kind == syslog.KindAuthLockout {
			what = "logins blocked after repeated failures"
		}
		h.hit(&e.r.loginFailure, what+h.who())
		e.burst(&h, t)
	case syslog.KindAuthSuccess:
		if e.o.knownUsers != nil && ev.User != "" {
			if _, ok := e.o.knownUsers[strings.ToLower(ev.User)]; !ok {
				h.hit(&e.r.unknownUser, "login by user "+strconv.Quote(ev.User)+" who is not a known user"+h.from())
			}
		}
		if a, err := netip.ParseAddr(ev.Src); err == nil && !inPrefixes(a, e.o.AdminSources) {
			h.hit(&e.r.unknownSource, "login"+h.user()+" from "+ev.Src+", outside the administrator networks")
		}
		if timed && !inWindows(e.o.WorkHours, ev) {
			h.hit(&e.r.offHours, "login"+h.who()+" at "+ev.Time.Format("Mon 15:04")+", outside work hours")
		}
	case syslog.KindConfigChange:
		if !timed || !inWindows(e.o.ChangeWindows, ev) {
			when := ""
			if timed {
				when = " at " + ev.Time.Format("Mon 15:04")
			}
			h.hit(&e.r.configChange, "configuration changed"+h.by()+when+", outside a change window")
		}
	case syslog.KindLogCleared:
		h.hit(&e.r.logCleared, "logs cleared or logging turned off"+h.by())
	case syslog.KindClockChange:
		h.hit(&e.r.clockChange, "clock set"+h.by())
	case syslog.KindClockUnsynced:
		h.hit(&e.r.clockUnsynchronised, "the device lost its time source")
	case syslog.KindConnection:
		e.connection(&h)
		e.scan(&h, t)
	case syslog.KindDenied:
		e.scan(&h, t)
		e.flood(&h, t)
	case syslog.KindScan:
		h.hit(&e.r.scan, "the device reported a scan or probe"+h.from())
	case syslog.KindFlood:
		h.hit(&e.r.flood, "the device reported a flood"+h.from())
	case syslog.KindDHCPLease, syslog.KindWirelessAssoc, syslog.KindDeviceRejected:
		e.device(&h)
	case syslog.KindLinkUp, syslog.KindTunnelUp:
		if e.o.ifaces != nil && ev.Iface != "" {
			if _, ok := e.o.ifaces[ev.Iface]; !ok {
				if _, seen := e.seenIface.get(ev.Iface); !seen {
					e.seenIface.put(strings.Clone(ev.Iface), struct{}{})
					h.hit(&e.r.unmanagedConnection, ev.Kind.String()+" on "+ev.Iface+", which is not an expected link or tunnel")
				}
			}
		}
	}
}

func inWindows(ws []Window, ev *syslog.Event) bool {
	dayKnown := ev.TimeQuality&syslog.TimeYearMissing == 0
	for _, w := range ws {
		if w.contains(ev.Time, dayKnown) {
			return true
		}
	}
	return false
}

func (e *Engine) connection(h *hitter) {
	ev := h.ev
	if a, err := netip.ParseAddr(ev.Dst); err == nil && !inPrefixes(a, internalPrefixes) && !inPrefixes(a, e.o.AllowedDestinations) {
		if _, seen := e.seenDest.get(a); !seen {
			e.seenDest.put(a, struct{}{})
			h.hit(&e.r.unmanagedConnection, "connection to "+ev.Dst+", which is not a managed destination"+h.from())
		}
	}
	if p, err := strconv.Atoi(ev.DstPort); err == nil {
		if _, ok := e.o.ports[p]; !ok {
			if _, seen := e.seenPort.get(p); !seen {
				e.seenPort.put(p, struct{}{})
				h.hit(&e.r.unusualPort, "connection to port "+ev.DstPort+" of "+ev.Dst+h.from())
			}
		}
	}
}

func (e *Engine) scan(h *hitter, t time.Time) {
	ev := h.ev
	src, err := netip.ParseAddr(ev.Src)
	if err != nil {
		return
	}
	st, _ := e.scans.get(src)
	if st.start.IsZero() || t.Sub(st.start) > e.o.ScanWindow || t.Before(st.start) {
		st = scanState{start: t}
	}
	if p, err := strconv.Atoi(ev.DstPort); err == nil && p >= 0 && p < 1<<16 {
		found := false
		for _, x := range st.ports[:st.nports] {
			if x == uint16(p) {
				found = true
				break
			}
		}
		if !found && st.nports < len(st.ports) {
			st.ports[st.nports] = uint16(p)
			st.nports++
		}
	}
	if d, err := netip.ParseAddr(ev.Dst); err == nil {
		found := false
		for _, x := range st.hosts[:st.nhosts] {
			if x == d {
				found = true
				break
			}
		}
		if !found && st.nhosts < len(st.hosts) {
			st.hosts[st.nhosts] = d
			st.nhosts++
		}
	}
	if !st.reported && (st.nports >= e.o.ScanPorts || st.nhosts >= e.o.ScanPorts) {
		st.reported = true
		h.hit(&e.r.scan, fmt.Sprintf("%s reached %d ports and %d hosts within %s", ev.Src, st.nports, st.nhosts, e.o.ScanWindow))
	}
	e.scans.put(src, st)
}

func (e *Engine) flood(h *hitter, t time.Time) {
	src, err := netip.ParseAddr(h.ev.Src)
	if err != nil {
		return
	}
	st, _ := e.floods.get(src)
	if st.start.IsZero() || t.Sub(st.start) > e.o.FloodWindow || t.Before(st.start) {
		st = floodState{start: t}
	}
	st.n++
	if st.n >= e.o.FloodEvents && !st.reported {
		st.reported = true
		h.hit(&e.r.flood, fmt.Sprintf("%d dropped packets from %s within %s", st.n, h.ev.Src, e.o.FloodWindow))
	}
	e.floods.put(src, st)
}

func (e *Engine) burst(h *hitter, t time.Time) {
	ev := h.ev
	key := ev.Src
	if key == "" {
		if ev.User == "" {
			return
		}
		key = "user " + ev.User
	}
	st, ok := e.bursts.get(key)
	if !ok {
		key = strings.Clone(key)
	}
	now := t.UnixNano()
	st.times[st.next] = now
	st.next = (st.next + 1) % e.o.FailureBurst
	st.n = min(st.n+1, e.o.FailureBurst)
	// The span is that of the remembered failures, not last minus
	// first: merged or rotated logs are not always in time order.
	lo, hi := now, now
	for _, x := range st.times[:st.n] {
		lo, hi = min(lo, x), max(hi, x)
	}
	span := hi - lo
	if st.n == e.o.FailureBurst && span <= int64(e.o.FailureWindow) && (st.reported == 0 || now-st.reported > int64(e.o.FailureWindow) || now < st.reported) {
		st.reported = now
		h.hit(&e.r.loginBurst, fmt.Sprintf("%d failed logins within %s%s", e.o.FailureBurst, time.Duration(span).Round(time.Second), h.from()))
	}
	e.bursts.put(key, st)
}

func (e *Engine) device(h *hitter) {
	ev := h.ev
	mac, ok := macKey(ev.MAC)
	if !ok {
		return
	}
	if ev.Kind != syslog.KindDeviceRejected && e.o.knownMACs != nil {
		if _, known := e.o.knownMACs[mac]; known {
			return
		}
	}
	if _, seen := e.seenMAC.get(mac); seen {
		return
	}
	e.seenMAC.put(mac, struct{}{})
	switch ev.Kind {
	case syslog.KindDeviceRejected:
		h.hit(&e.r.unknownDevice, "device "+ev.MAC+" was refused"+on(ev.Iface))
	case syslog.KindWirelessAssoc:
		h.hit(&e.r.unknownDevice, "wireless station "+ev.MAC+" not in the inventory associated"+on(ev.Iface))
	default:
		h.hit(&e.r.unknownDevice, "address "+ev.Src+" leased to "+ev.MAC+", which is not in the inventory"+on(ev.Iface))
	}
}

func on(iface string) string {
	if iface == "" {
		return ""
	}
	return " on " + iface
}

// Summary returns one finding per rule that sums up the review: a
// failure counting the hits that were not listed (beyond
// MaxFindingsPerRule), a pass when records were reviewed and the rule
// had no hit, or not-applicable when the rule's list was not configured.
func (e *Engine) Summary() []netdevsec.Finding {
	var out []netdevsec.Finding
	var loc *netdevsec.Location
	if len(e.files) == 1 {
		loc = &netdevsec.Location{File: e.files[0]}
	}
	for _, r := range Rules() {
		n, shown := e.hits[r.ID], e.emitted[r.ID]
		var f netdevsec.Finding
		switch {
		case n > shown:
			f = r.Fail(e.o.Device, fmt.Sprintf("%d hits in %d records, %d more not listed", n, e.records, n-shown),
				netdevsec.E("hits", n), netdevsec.E("records", e.records))
		case n > 0:
			continue
		case r.ID == e.r.unknownUser.ID && e.o.knownUsers == nil:
			f = r.NotApplicable(e.o.Device, "no list of known users configured")
		case e.records == 0:
			f = r.Unknown(e.o.Device, "no log record reviewed")
		default:
			f = r.Pass(e.o.Device, fmt.Sprintf("no hit in %d records", e.records), netdevsec.E("records", e.records))
		}
		f.Location = loc
		out = append(out, f)
	}
	return out
}

// hitter builds the findings of one event.
type hitter struct {
	e    *Engine
	ev   *syslog.Event
	file string
	line int
	emit func(netdevsec.Finding)
}

// userShown reports whether the event's user name may be printed: not
// for failed logins unless the name is a known user or a name attackers
// commonly try, since people type their password into the user field.
func (h *hitter) userShown() bool {
	ev := h.ev
	if ev.User == "" {
		return false
	}
	if ev.Kind != syslog.KindAuthFailure && ev.Kind != syslog.KindAuthLockout {
		return true
	}
	u := strings.ToLower(ev.User)
	if _, ok := h.e.o.knownUsers[u]; ok {
		return true
	}
	_, ok := h.e.o.attempted[u]
	return ok
}

func (h *hitter) who() string { return h.user() + h.from() }

func (h *hitter) user() string {
	switch {
	case h.userShown():
		return " for user " + strconv.Quote(h.ev.User)
	case h.ev.User != "":
		return " for a user name that is not known (redacted)"
	}
	return ""
}

func (h *hitter) by() string {
	if h.ev.User != "" && h.userShown() {
		return " by " + strconv.Quote(h.ev.User)
	}
	return ""
}

func (h *hitter) from() string {
	if h.ev.Src == "" {
		return ""
	}
	return " from " + h.ev.Src
}

func (h *hitter) hit(r *netdevsec.Rule, msg string) {
	e := h.e
	e.hits[r.ID]++
	if e.emitted[r.ID] >= e.o.MaxFindingsPerRule || h.emit == nil {
		return
	}
	e.emitted[r.ID]++
	h.emit(r.Fail(e.o.Device, msg, h.evidence()...).At(h.file, h.line))
}

func (h *hitter) evidence() []netdevsec.Evidence {
	ev := h.ev
	var out []netdevsec.Evidence
	if ev.TimeQuality&syslog.TimeMissing == 0 {
		layout := time.RFC3339
		if ev.TimeQuality&syslog.TimeYearMissing != 0 {
			layout = "Jan _2 15:04:05"
		}
		out = append(out, netdevsec.E("time", ev.Time.Format(layout)))
	}
	if ev.TimeQuality != syslog.TimeExact {
		out = append(out, netdevsec.E("time_quality", ev.TimeQuality))
	}
	out = append(out, netdevsec.E("kind", ev.Kind))
	if ev.Vendor != "" {
		out = append(out, netdevsec.E("vendor", ev.Vendor))
	}
	if ev.MsgID != "" {
		out = append(out, netdevsec.E("msgid", ev.MsgID))
	}
	if ev.Host != "" {
		out = append(out, netdevsec.E("host", ev.Host))
	}
	if ev.User != "" {
		if h.userShown() {
			out = append(out, netdevsec.E("user", ev.User))
		} else {
			out = append(out, netdevsec.RedactedEvidence("user"))
		}
	}
	for _, kv := range [...]struct{ k, v string }{{"src", ev.Src}, {"src_port", ev.SrcPort}, {"dst", ev.Dst}, {"dst_port", ev.DstPort}, {"mac", ev.MAC}, {"interface", ev.Iface}, {"service", ev.Service}} {
		if kv.v != "" {
			out = append(out, netdevsec.E(kv.k, kv.v))
		}
	}
	rec := ev.Raw
	if ev.User != "" && !h.userShown() {
		rec = redactWord(rec, ev.User)
	}
	rec = RedactSecrets(rec, commandKind(ev.Kind))
	if len(rec) > 300 {
		rec = rec[:300] + "…"
	}
	out = append(out, netdevsec.E("record", rec))
	return out
}

func commandKind(k syslog.Kind) bool {
	return k == syslog.KindConfigChange || k == syslog.KindLogCleared || k == syslog.KindClockChange
}

// ruleset holds the rules' metadata, built once per engine.
type ruleset struct {
	unmanagedConnection netdevsec.Rule
	unknownDevice       netdevsec.Rule
	scan                netdevsec.Rule
	flood               netdevsec.Rule
	unusualPort         netdevsec.Rule
	offHours            netdevsec.Rule
	loginFailure        netdevsec.Rule
	loginBurst          netdevsec.Rule
	unknownUser         netdevsec.Rule
	unknownSource       netdevsec.Rule
	configChange        netdevsec.Rule
	logCleared          netdevsec.Rule
	clockChange         netdevsec.Rule
	clockUnsynchronised netdevsec.Rule
	unreadable          netdevsec.Rule
}

func newRuleset() ruleset {
	return ruleset{
		unmanagedConnection: RuleUnmanagedConnection(),
		unknownDevice:       RuleUnknownDevice(),
		scan:                RuleScan(),
		flood:               RuleFlood(),
		unusualPort:         RuleUnusualPort(),
		offHours:            RuleOffHours(),
		loginFailure:        RuleLoginFailure(),
		loginBurst:          RuleLoginBurst(),
		unknownUser:         RuleUnknownUser(),
		unknownSource:       RuleUnknownSource(),
		configChange:        RuleConfigChange(),
		logCleared:          RuleLogCleared(),
		clockChange:         RuleClockChange(),
		clockUnsynchronised: RuleClockUnsynchronised(),
		unreadable:          RuleUnreadable(),
	}
}
