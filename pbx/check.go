package pbx

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx/dialplan"
)

// CheckOptions tune [Check]. The zero value uses the defaults.
type CheckOptions struct {
	// InternationalPrefixes is the table of international prefixes; nil
	// means dialplan.DefaultInternationalPrefixes.
	InternationalPrefixes []dialplan.Prefix
	// MaxFindingsPerRule bounds the failing findings of one rule; 0
	// means 50.
	MaxFindingsPerRule int
}

// EntryKind says why a context is an entry to the dial plan.
type EntryKind string

// Entry kinds.
const (
	EntryGuest    EntryKind = "guest"
	EntryTrunk    EntryKind = "inbound trunk"
	EntryInbound  EntryKind = "inbound (recorded)"
	EntryEndpoint EntryKind = "endpoint"
)

// Entry is a context where calls enter the dial plan.
type Entry struct {
	Context string
	Kind    EntryKind
	// From names the endpoints, trunks or setting that use it.
	From []string
}

// Inbound reports whether calls entering here come from outside the
// organisation without terminal authentication.
func (e Entry) Inbound() bool { return e.Kind != EntryEndpoint }

// Entries returns the entry contexts of f: the guest context (when guest
// calls are allowed), each trunk's context, the recorded inbound
// contexts, and each terminal's context. A context used by both a trunk
// and a terminal counts as inbound.
func Entries(f Facts) []Entry {
	byCtx := map[string]*Entry{}
	var order []string
	add := func(ctx string, k EntryKind, from string) {
		if ctx == "" {
			return
		}
		e, ok := byCtx[ctx]
		if !ok {
			e = &Entry{Context: ctx, Kind: k}
			byCtx[ctx] = e
			order = append(order, ctx)
		}
		if e.Kind == EntryEndpoint && k != EntryEndpoint {
			e.Kind = k
		}
		if from != "" && !slices.Contains(e.From, from) {
			e.From = append(e.From, from)
		}
	}
	if f.Guest.Allowed != nil && *f.Guest.Allowed {
		add(f.Guest.Context, EntryGuest, f.Guest.Why)
	}
	for _, ep := range f.Endpoints {
		if ep.Trunk && ep.Type != "registration" {
			add(ep.Context, EntryTrunk, ep.Name)
		}
	}
	for _, c := range f.Recorded.InboundContexts {
		add(c, EntryInbound, "facts.pbx.inbound_contexts")
	}
	for _, ep := range f.Endpoints {
		if !ep.Trunk {
			add(ep.Context, EntryEndpoint, ep.Name)
		}
	}
	out := make([]Entry, 0, len(order))
	for _, c := range order {
		out = append(out, *byCtx[c])
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return strings.Compare(a.Context, b.Context) })
	return out
}

// Check runs every config rule over f for device. Rules whose facts are
// missing report unknown; now is unused by these rules but kept for the
// shape shared by every domain.
func Check(device string, f Facts, now time.Time, opts *CheckOptions) []netdevsec.Finding {
	_ = now
	var o CheckOptions
	if opts != nil {
		o = *opts
	}
	if o.MaxFindingsPerRule <= 0 {
		o.MaxFindingsPerRule = 50
	}
	c := &checker{device: device, f: f, o: o}
	c.firewall()
	c.management()
	c.endpoints()
	c.guest()
	c.autoCreate()
	c.authReject()
	c.carrier()
	c.dialplan()
	c.problems()
	c.cdr()
	return c.out
}

type checker struct {
	device string
	f      Facts
	o      CheckOptions
	out    []netdevsec.Finding
}

func (c *checker) add(f netdevsec.Finding, loc *netdevsec.Location) {
	if loc != nil {
		l := *loc
		f.Location = &l
	}
	c.out = append(c.out, f)
}

// fails adds the failing findings of r (capped) or, when there are none,
// a pass with passMsg.
func (c *checker) fails(r netdevsec.Rule, fails []netdevsec.Finding, passMsg string, ev ...netdevsec.Evidence) {
	if len(fails) == 0 {
		c.out = append(c.out, r.Pass(c.device, passMsg, ev...))
		return
	}
	if len(fails) > c.o.MaxFindingsPerRule {
		extra := len(fails) - c.o.MaxFindingsPerRule
		fails = fails[:c.o.MaxFindingsPerRule]
		fails = append(fails, r.Fail(c.device, fmt.Sprintf("%d more failing findings of this rule not listed", extra)))
	}
	c.out = append(c.out, fails...)
}

func at(f netdevsec.Finding, loc *netdevsec.Location) netdevsec.Finding {
	if loc != nil {
		l := *loc
		f.Location = &l
	}
	return f
}

func (c *checker) exposedServices() []Service {
	var out []Service
	for _, s := range c.f.Services {
		if !s.Loopback() {
			out = append(out, s)
		}
	}
	return out
}

func serviceString(s Service) string {
	t := s.Kind
	if s.Transport != "" {
		t += "/" + s.Transport
	}
	return fmt.Sprintf("%s %s:%d", t, s.Bind, s.Port)
}

func (c *checker) firewall() {
	r := RuleFirewall()
	var ev []netdevsec.Evidence
	for _, s := range c.exposedServices() {
		ev = append(ev, netdevsec.E("listens", serviceString(s)))
	}
	fw, exposed := c.f.Recorded.Firewall, c.f.Recorded.InternetExposed
	switch {
	case fw != nil && !*fw:
		c.add(r.Fail(c.device, "the PBX is recorded as not behind a firewall", ev...), nil)
	case exposed != nil && *exposed && (fw == nil || !*fw):
		c.add(r.Fail(c.device, "SIP is recorded as reachable from the internet without a firewall", ev...), nil)
	case fw != nil && *fw:
		c.add(r.Pass(c.device, "the PBX is recorded as behind a firewall", ev...), nil)
	default:
		c.add(r.Unknown(c.device, "firewall placement not recorded (facts.pbx.firewall)", ev...), nil)
	}
}

func (c *checker) management() {
	r := RuleManagementExposure()
	if len(c.f.Services) == 0 {
		c.add(r.Unknown(c.device, "no service settings read"), nil)
		return
	}
	var fails []netdevsec.Finding
	for _, s := range c.f.Services {
		if s.Kind == "sip" || s.Kind == "rtp" || s.Loopback() || s.Restricted {
			continue
		}
		fails = append(fails, at(r.Fail(c.device, fmt.Sprintf("%s listens on every address without a source restriction", strings.ToUpper(s.Kind)),
			netdevsec.E("service", serviceString(s))), s.Location))
	}
	c.fails(r, fails, "no management interface listens unrestricted on a public address")
}

func (c *checker) endpoints() {
	acl, insecure, required, trivial := RuleEndpointACL(), RuleInsecureInvite(), RuleAuthRequired(), RuleTrivialSecret()
	var aclF, insF, reqF, trivF []netdevsec.Finding
	n := 0
	for _, e := range c.f.Endpoints {
		if e.Type == "registration" {
			continue
		}
		n++
		ev := []netdevsec.Evidence{netdevsec.E("endpoint", e.Name)}
		if e.Context != "" {
			ev = append(ev, netdevsec.E("context", e.Context))
		}
		if !e.HasACL() && !e.IPAuth {
			msg := fmt.Sprintf("endpoint %s accepts registrations and calls from any address (no permit/ACL)", e.Name)
			if e.Trunk {
				msg = fmt.Sprintf("trunk %s accepts traffic from any address (no permit/ACL)", e.Name)
			}
			aclF = append(aclF, at(acl.Fail(c.device, msg, ev...), e.Location))
		}
		if e.InsecureInvite && !e.Trunk {
			insF = append(insF, at(insecure.Fail(c.device, fmt.Sprintf("endpoint %s does not challenge INVITEs (insecure=invite) and is not a trunk", e.Name), ev...), e.Location))
		}
		if !e.HasSecret() && !(e.IPAuth && e.HasACL()) && !(e.IPAuth && e.Trunk) {
			reqF = append(reqF, at(required.Fail(c.device, fmt.Sprintf("endpoint %s has no secret and is not identified by address", e.Name), ev...), e.Location))
		}
		if s := e.Secret.Reveal(); s != "" && (strings.EqualFold(s, e.Name) || strings.EqualFold(s, e.User)) {
			trivF = append(trivF, at(trivial.Fail(c.device, fmt.Sprintf("endpoint %s: the secret equals its name", e.Name),
				append(ev, netdevsec.RedactedEvidence("secret"))...), e.Location))
		}
	}
	if n == 0 {
		for _, r := range []netdevsec.Rule{acl, insecure, required, trivial} {
			c.add(r.Unknown(c.device, "no SIP endpoint read"), nil)
		}
		return
	}
	cnt := netdevsec.E("endpoints", n)
	c.fails(acl, aclF, "every endpoint is restricted by source address", cnt)
	c.fails(insecure, insF, "no terminal skips INVITE authentication", cnt)
	c.fails(required, reqF, "every endpoint authenticates", cnt)
	c.fails(trivial, trivF, "no secret equals its account name", cnt)
}

func (c *checker) guest() {
	r := RuleGuest()
	g := c.f.Guest
	switch {
	case g.Allowed == nil:
		c.add(r.Unknown(c.device, "guest-call setting not read"), nil)
	case *g.Allowed:
		c.add(r.Fail(c.device, fmt.Sprintf("calls from unidentified callers are accepted into context %q (%s)", g.Context, g.Why),
			netdevsec.E("context", g.Context), netdevsec.E("setting", g.Why)), g.Source)
	default:
		c.add(r.Pass(c.device, "guest calls are refused", netdevsec.E("setting", g.Why)), g.Source)
	}
}

func (c *checker) autoCreate() {
	r := RuleAutoCreatePeer()
	switch v := c.f.AutoCreatePeer; {
	case v == nil:
		c.add(r.Unknown(c.device, "registration-without-account setting not read"), nil)
	case *v:
		c.add(r.Fail(c.device, "devices may register without an account (autocreatepeer / accept-blind-reg)"), c.f.AutoCreateSource)
	default:
		c.add(r.Pass(c.device, "registration requires an account"), c.f.AutoCreateSource)
	}
}

func (c *checker) authReject() {
	r := RuleAuthReject()
	switch v := c.f.AlwaysAuthReject; {
	case v == nil:
		if c.f.Platform == PlatformAsterisk {
			c.add(r.NotApplicable(c.device, "no chan_sip configuration (PJSIP answers unknown users with a challenge)"), nil)
			return
		}
		c.add(r.NotApplicable(c.device, "not a chan_sip configuration"), nil)
	case *v:
		c.add(r.Pass(c.device, "unknown users and wrong passwords get the same answer (alwaysauthreject=yes)"), nil)
	default:
		c.add(r.Fail(c.device, "alwaysauthreject=no: unknown users can be told from wrong passwords (extension enumeration)"), nil)
	}
}

func (c *checker) carrier() {
	r := RuleCarrierBlocking()
	rec := c.f.Recorded
	var trunks []string
	for _, e := range c.f.Endpoints {
		if e.Trunk && e.Type != "registration" {
			trunks = append(trunks, e.Name)
		}
	}
	if len(rec.Trunks) == 0 && len(trunks) == 0 {
		c.add(r.Unknown(c.device, "no trunk found in the configuration or facts.pbx.trunks"), nil)
		return
	}
	var fails []netdevsec.Finding
	unknown := 0
	recorded := map[string]bool{}
	for _, t := range rec.Trunks {
		recorded[t.Name] = true
		need := t.InternationalNeeded
		if need == nil {
			need = rec.InternationalNeeded
		}
		ev := []netdevsec.Evidence{netdevsec.E("trunk", t.Name)}
		if t.Carrier != "" {
			ev = append(ev, netdevsec.E("carrier", t.Carrier))
		}
		switch {
		case need == nil:
			unknown++
			c.add(r.Unknown(c.device, fmt.Sprintf("trunk %s: whether international calls are needed is not recorded", t.Name), ev...), nil)
		case *need:
			c.add(r.Pass(c.device, fmt.Sprintf("trunk %s: international calls are needed, carrier blocking not expected", t.Name), ev...), nil)
		case t.InternationalBlocked == nil:
			fails = append(fails, r.Fail(c.device, fmt.Sprintf("trunk %s: international calls are not needed but carrier blocking is not recorded", t.Name), ev...))
		case !*t.InternationalBlocked:
			fails = append(fails, r.Fail(c.device, fmt.Sprintf("trunk %s: international calls are not needed but the carrier does not block them", t.Name), ev...))
		default:
			c.add(r.Pass(c.device, fmt.Sprintf("trunk %s: carrier blocks international calls", t.Name), ev...), nil)
		}
	}
	for _, t := range trunks {
		if !recorded[t] {
			if rec.InternationalNeeded != nil && !*rec.InternationalNeeded {
				fails = append(fails, r.Fail(c.device, fmt.Sprintf("trunk %s: international calls are not needed but carrier blocking is not recorded", t), netdevsec.E("trunk", t)))
				continue
			}
			c.add(r.Unknown(c.device, fmt.Sprintf("trunk %s is not recorded in facts.pbx.trunks", t), netdevsec.E("trunk", t)), nil)
		}
	}
	c.out = append(c.out, fails...)
}

// intlAllowed says whether entry may reach international numbers:
// yes, no, or unknown (nil).
func (c *checker) intlAllowed(e Entry) *bool {
	rec := c.f.Recorded
	if e.Inbound() {
		return boolp(false)
	}
	if slices.Contains(rec.InternationalContexts, e.Context) {
		return boolp(true)
	}
	if rec.InternationalNeeded != nil {
		if !*rec.InternationalNeeded {
			return boolp(false)
		}
		if len(rec.InternationalContexts) == 0 {
			return boolp(true)
		}
		return boolp(false)
	}
	if len(rec.InternationalContexts) > 0 {
		return boolp(false)
	}
	return nil
}

// outbound says whether a Dial target leaves the PBX through a trunk.
func (c *checker) outbound(t dialplan.Target) bool {
	tech := strings.ToUpper(t.Tech)
	switch tech {
	case "DAHDI", "ZAP", "SOFIA/GATEWAY", "MISDN", "OOH323", "H323":
		return true
	case "USER", "LOCAL":
		return false
	}
	if strings.HasPrefix(tech, "SOFIA/GATEWAY") {
		return true
	}
	for _, e := range c.f.Endpoints {
		if strings.EqualFold(e.Name, t.Peer) || (e.Type == "registration" && e.Host != "" && strings.EqualFold(e.Host, t.Peer)) {
			return e.Trunk
		}
	}
	// an unknown peer with a number: a host or an external service
	return t.Peer != "" && t.Number != "" && !strings.Contains(t.Peer, "$")
}

func pathEvidence(entry Entry, r dialplan.Reach) []netdevsec.Evidence {
	ev := []netdevsec.Evidence{
		netdevsec.E("entry", fmt.Sprintf("%s (%s: %s)", entry.Context, entry.Kind, strings.Join(entry.From, ", "))),
		netdevsec.E("path", r.Path.String()),
	}
	if r.Target.Raw != "" {
		ev = append(ev, netdevsec.E("target", r.Target.Raw))
	}
	if len(r.International) > 0 {
		var ps []string
		for _, p := range r.International {
			ps = append(ps, p.Digits)
		}
		ev = append(ev, netdevsec.E("international_prefixes", strings.Join(ps, " ")))
	}
	return ev
}

func (c *checker) dialplan() {
	rules := []netdevsec.Rule{RuleInternational(), RuleRelay(), RuleDISA(), RuleInjection()}
	if c.f.Dialplan == nil {
		for _, r := range rules {
			c.add(r.Unknown(c.device, "no dial plan read"), nil)
		}
		return
	}
	entries := Entries(c.f)
	if len(entries) == 0 {
		for _, r := range rules {
			c.add(r.Unknown(c.device, "no entry context found (no endpoint, trunk or guest context)"), nil)
		}
		return
	}
	intl, relay, disa, inj := rules[0], rules[1], rules[2], rules[3]
	var intlF, relayF, disaF, injF []netdevsec.Finding
	intlUnknown := map[string]bool{}
	seen := map[string]bool{}
	once := func(key string) bool {
		if seen[key] {
			return false
		}
		seen[key] = true
		return true
	}
	opts := &dialplan.Options{InternationalPrefixes: c.o.InternationalPrefixes}
	if opts.InternationalPrefixes == nil && len(c.f.Recorded.InternationalPrefixes) > 0 {
		for _, p := range c.f.Recorded.InternationalPrefixes {
			opts.InternationalPrefixes = append(opts.InternationalPrefixes, dialplan.Prefix{Digits: p, Name: "facts.pbx.international_prefixes"})
		}
	}
	var missing []string
	for _, e := range entries {
		a := dialplan.Analyze(c.f.Dialplan, e.Context, opts)
		for _, m := range a.Missing {
			if !slices.Contains(missing, m) {
				missing = append(missing, m)
			}
		}
		for _, r := range a.Reaches {
			loc := r.Step.Location
			ev := pathEvidence(e, r)
			stepKey := fmt.Sprintf("%v", loc)
			if r.Step.Kind == dialplan.KindDISA {
				if !r.Step.PIN && !r.Authenticated && once("disa|"+stepKey) {
					disaF = append(disaF, at(disa.Fail(c.device, fmt.Sprintf("DISA without a password reachable from %s context %s: %s", e.Kind, e.Context, r.Path), ev...), loc))
				}
				continue
			}
			if r.Injection && once("inj|"+stepKey) {
				injF = append(injF, at(inj.Fail(c.device, fmt.Sprintf("%s passes the caller's number unfiltered to %s (from %s): %s", r.Extension.Name, r.Step.App, e.Context, r.Path), ev...), loc))
			}
			if !c.outbound(r.Target) {
				continue
			}
			if e.Inbound() && !r.Authenticated && once("relay|"+e.Context+"|"+stepKey) {
				relayF = append(relayF, at(relay.Fail(c.device, fmt.Sprintf("calls from %s context %s reach trunk %s without authentication: %s", e.Kind, e.Context, r.Target.Peer, r.Path), ev...), loc))
			}
			if len(r.International) == 0 {
				continue
			}
			allowed := c.intlAllowed(e)
			switch {
			case allowed == nil:
				intlUnknown[e.Context] = true
			case !*allowed && once("intl|"+e.Context+"|"+stepKey):
				intlF = append(intlF, at(intl.Fail(c.device, fmt.Sprintf("%s context %s can dial international numbers through %s: %s", e.Kind, e.Context, r.Target.Peer, r.Path), ev...), loc))
			}
		}
	}
	var ctxs []string
	for _, e := range entries {
		ctxs = append(ctxs, e.Context)
	}
	entryEv := netdevsec.E("entries", strings.Join(ctxs, ", "))
	if len(intlF) == 0 && len(intlUnknown) > 0 {
		var u []string
		for k := range intlUnknown {
			u = append(u, k)
		}
		slices.Sort(u)
		c.add(intl.Unknown(c.device, fmt.Sprintf("contexts %s can dial international numbers; whether they need to is not recorded (facts.pbx.international_needed / international_contexts)", strings.Join(u, ", ")), entryEv), nil)
	} else {
		c.fails(intl, intlF, "no entry context that should not dial abroad reaches an international prefix", entryEv)
	}
	c.fails(relay, relayF, "no inbound context reaches a trunk without authentication", entryEv)
	c.fails(disa, disaF, "no DISA without a password is reachable", entryEv)
	c.fails(inj, injF, "no open pattern is passed unfiltered to Dial", entryEv)
	if len(missing) > 0 {
		slices.Sort(missing)
		c.add(RuleConfigUnderstood().Unknown(c.device, "dial plan names contexts that do not exist: "+strings.Join(missing, ", ")), nil)
	}
}

func (c *checker) problems() {
	r := RuleConfigUnderstood()
	if len(c.f.Problems) == 0 {
		c.add(r.Pass(c.device, "every configuration line was understood"), nil)
		return
	}
	for i, p := range c.f.Problems {
		if i >= c.o.MaxFindingsPerRule {
			c.add(r.Unknown(c.device, fmt.Sprintf("%d more lines not understood", len(c.f.Problems)-i)), nil)
			break
		}
		c.add(r.Unknown(c.device, p.Message), &p.Location)
	}
}

func (c *checker) cdr() {
	r := RuleCDREnabled()
	switch v := c.f.CDR.Enabled; {
	case v == nil:
		c.add(r.Unknown(c.device, "CDR settings not read"), nil)
	case !*v:
		c.add(r.Fail(c.device, "call records are disabled"), c.f.CDR.Location)
	case len(c.f.CDR.Backends) == 0 && c.f.Platform == PlatformAsterisk:
		c.add(r.Fail(c.device, "CDRs are enabled but no backend (cdr_csv, cdr_custom) is configured"), c.f.CDR.Location)
	default:
		ev := []netdevsec.Evidence{netdevsec.E("backends", strings.Join(c.f.CDR.Backends, ", "))}
		if u := c.f.CDR.UnansweredLogged; u != nil {
			ev = append(ev, netdevsec.E("unanswered_logged", *u))
		}
		c.add(r.Pass(c.device, "call records are written", ev...), c.f.CDR.Location)
	}
}
