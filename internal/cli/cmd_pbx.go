package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/pbx"
	"github.com/netdevsec/netdevsec/pbx/cdr"
	"github.com/netdevsec/netdevsec/probe/sip"
)

// pbxCommands lists "netdevsec pbx" subcommands.
func pbxCommands() []command {
	return []command{
		{"audit", "audit [flags] CONFDIR     audit an Asterisk or FreeSWITCH configuration directory (and CDRs)", pbxAudit},
		{"cdr", "cdr [flags] FILE...       review call records (Master.csv or CSV with a header) for toll fraud", pbxCDR},
		{"probe", "probe [flags] HOST[:PORT] live SIP probe: unauthenticated REGISTER/INVITE, enumeration, banner", pbxProbe},
	}
}

// cmdPBX dispatches "netdevsec pbx SUBCOMMAND ...".
func cmdPBX(ctx context.Context, e *Env, args []string) int {
	return commandGroup{
		name:    "pbx",
		summary: "IP-PBX toll-fraud checks (CIAJ part 2):",
		exits:   "Exit codes: 0 no failing finding, 3 failing findings, 2 usage or input error.",
		subs:    pbxCommands(),
	}.run(ctx, e, args)
}

func splitComma(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func pbxAudit(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "pbx audit", "pbx audit [flags] CONFDIR\n\nReads an Asterisk (/etc/asterisk: sip.conf, pjsip.conf, extensions.conf, manager.conf,\ncdr.conf …) or FreeSWITCH (/etc/freeswitch: vars.xml, sip_profiles, directory, dialplan)\nconfiguration, walks the dial plan from every entry context and reports guest calls,\nweak terminal authentication, PSTN relay, international routes, DISA without PIN and\n${EXTEN} injection, each with its path. Give --cdr to review call records too.")
	var out outputFlags
	out.register(fs, "text, json or sarif")
	vendor := fs.String("vendor", "", "`asterisk` or `freeswitch` (default: detected from the files)")
	var cdrs stringList
	fs.Var(&cdrs, "cdr", "call-record `FILE` (Master.csv) to review (repeatable)")
	noIntl := fs.Bool("no-international", false, "the organisation needs no international calls")
	intlCtx := fs.String("international-contexts", "", "comma-separated `CONTEXTS` allowed to dial abroad (implies international calls are needed)")
	intlExt := fs.String("international-extensions", "", "comma-separated `EXTENSIONS` allowed to call abroad (CDR review)")
	prefixes := fs.String("international-prefixes", "", "comma-separated international `PREFIXES` (default 010,00,011,+; Japan: 010,00,+)")
	blocked := fs.String("carrier-blocked", "", "comma-separated `TRUNKS` whose carrier blocks international calls")
	firewall := fs.Bool("firewall", false, "the PBX sits behind a firewall limiting SIP/RTP/management to known networks")
	device := fs.String("device", "pbx", "device `ID` used in the report")
	asOf := fs.String("time", "", "audit as of this RFC 3339 `time` (default: now)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.Stderr, "netdevsec pbx audit: "+format+"\n", a...)
		return ExitUsage
	}
	if len(pos) != 1 {
		return fail("give exactly one configuration directory")
	}
	dir := pos[0]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fail("%s: not a readable directory", dir)
	}
	if _, err := out.language(e); err != nil {
		return fail("%v", err)
	}
	now := time.Now()
	if *asOf != "" {
		t, err := time.Parse(time.RFC3339, *asOf)
		if err != nil {
			return fail("--time: %v", err)
		}
		now = t
	}
	v := strings.ToLower(*vendor)
	switch v {
	case "":
		v = "asterisk"
		if _, err := os.Stat(filepath.Join(dir, "sip_profiles")); err == nil {
			v = "freeswitch"
		}
	case "asterisk", "freeswitch":
	default:
		return fail("--vendor %q: want asterisk or freeswitch", *vendor)
	}
	for _, c := range cdrs {
		if _, err := os.Stat(c); err != nil {
			return fail("--cdr: %v", err)
		}
	}
	rec := pbx.Recorded{
		InternationalContexts:   splitComma(*intlCtx),
		InternationalExtensions: splitComma(*intlExt),
		InternationalPrefixes:   splitComma(*prefixes),
	}
	switch {
	case *noIntl && rec.InternationalContexts != nil:
		return fail("--no-international and --international-contexts contradict each other")
	case *noIntl:
		f := false
		rec.InternationalNeeded = &f
	case rec.InternationalContexts != nil:
		t := true
		rec.InternationalNeeded = &t
	}
	if *firewall {
		t := true
		rec.Firewall = &t
	}
	for _, name := range splitComma(*blocked) {
		t := true
		rec.Trunks = append(rec.Trunks, pbx.RecordedTrunk{Name: name, InternationalBlocked: &t})
	}
	dev := inventory.Device{ID: *device, Class: inventory.ClassPBX, Vendor: v,
		Files: inventory.Files{ConfigDir: dir, CDRs: cdrs}}
	inv := &inventory.Inventory{Devices: []inventory.Device{dev}}
	report, err := audit.Run(ctx, inv, []audit.Auditor{pbx.Auditor{Recorded: rec}}, &audit.Options{Now: now})
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec pbx audit: %v\n", err)
		return ExitInternal
	}
	report.Generated = now.UTC().Truncate(time.Second)
	if err := out.writeReport(e, report); err != nil {
		return fail("%v", err)
	}
	return exitCode(report)
}

func pbxCDR(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "pbx cdr", "pbx cdr [flags] FILE...\n\nStreams Asterisk Master.csv (16, 17, 18, 19 or 21 columns) or, with --header, any CSV\nwhose first row names the columns (calldate/start, src, dst, dcontext, channel,\ndstchannel …), and reports international calls from extensions not allowed to make\nthem, high-risk destinations, calls outside working hours or on Japanese holidays,\nbursts, concurrent international calls, new destination countries, rarely used\nextensions and inbound-to-trunk relay. Rows that cannot be read are reported with\nfile:line; the rest is reviewed.")
	var out outputFlags
	out.register(fs, "text, json or sarif")
	header := fs.Bool("header", false, "the first row names the columns")
	allow := fs.String("allow", "", "comma-separated `EXTENSIONS` allowed to call abroad")
	known := fs.String("known", "", "comma-separated baseline `EXTENSIONS`; external calls from others are first-seen")
	prefixes := fs.String("international-prefixes", "", "comma-separated international `PREFIXES` (default 010,00,011,+)")
	highRisk := fs.String("high-risk", "", "comma-separated high-risk country `CODES` (default: a CFCA-seeded list)")
	inbound := fs.String("inbound-contexts", "", "comma-separated inbound `CONTEXTS` (default: names with pstn, trunk, inbound, public)")
	trunks := fs.String("trunk-channels", "", "comma-separated trunk channel `PREFIXES` such as SIP/itsp- (default: DAHDI and non-numeric peers)")
	tz := fs.String("tz", "Asia/Tokyo", "time `ZONE` of the records (Asterisk writes local time unless usegmtime=yes)")
	hours := fs.String("hours", "08:00-20:00", "working `HOURS`")
	yearEnd := fs.Bool("year-end", false, "treat 12/29–1/3 as holidays")
	device := fs.String("device", "pbx", "device `ID` used in the report")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.Stderr, "netdevsec pbx cdr: "+format+"\n", a...)
		return ExitUsage
	}
	if len(pos) == 0 {
		return fail("give at least one CDR file")
	}
	if _, err := out.language(e); err != nil {
		return fail("%v", err)
	}
	loc, err := loadZone(*tz)
	if err != nil {
		return fail("--tz: %v", err)
	}
	a, b, okh := strings.Cut(*hours, "-")
	hs, err1 := time.Parse("15:04", a)
	he, err2 := time.Parse("15:04", b)
	if !okh || err1 != nil || err2 != nil {
		return fail("--hours %q: want HH:MM-HH:MM", *hours)
	}
	o := cdr.Options{
		AllowedInternational:  splitComma(*allow),
		KnownExtensions:       splitComma(*known),
		InternationalPrefixes: splitComma(*prefixes),
		HighRisk:              splitComma(*highRisk),
		InboundContexts:       splitComma(*inbound),
		TrunkChannels:         splitComma(*trunks),
		Location:              loc,
		WorkStart:             hs.Hour()*60 + hs.Minute(),
		WorkEnd:               he.Hour()*60 + he.Minute(),
		Calendar:              &cdr.Calendar{YearEnd: *yearEnd},
	}
	rv := cdr.NewReview(*device, &o)
	for _, name := range pos {
		f, err := os.Open(name)
		if err != nil {
			return fail("%v", err)
		}
		err = rv.Read(ctx, cdr.NewReader(f, name, &cdr.ReaderOptions{Header: *header, Location: loc}), name)
		f.Close()
		if err != nil {
			return fail("%v", err)
		}
	}
	report := netdevsec.NewReport(audit.DefaultTool(), []netdevsec.DeviceInfo{{ID: *device, Class: string(inventory.ClassPBX)}}, cdr.Rules(), rv.Findings())
	if err := out.writeReport(e, report); err != nil {
		return fail("%v", err)
	}
	return exitCode(report)
}

// loadZone loads an IANA zone, with JST and UTC always available (the
// machine may lack tzdata).
func loadZone(name string) (*time.Location, error) {
	switch strings.ToUpper(name) {
	case "UTC", "GMT":
		return time.UTC, nil
	case "JST", "ASIA/TOKYO":
		if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
			return l, nil
		}
		return time.FixedZone("JST", 9*3600), nil
	}
	return time.LoadLocation(name)
}

func pbxProbe(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "pbx probe", "pbx probe [flags] HOST[:PORT]\n\nSends OPTIONS, a REGISTER of a random user without credentials (a 2xx means anyone\ncan register), optionally a REGISTER of a known user (enumeration), and an INVITE\nwithout credentials to an external-looking number (it must be challenged or refused).\nOne request at a time, rate-limited, each bounded by --timeout. Probe only systems\nyou are authorised to test.")
	var out outputFlags
	out.register(fs, "text, json or sarif")
	transport := fs.String("transport", "udp", "`udp` or `tcp`")
	known := fs.String("known-user", "", "an existing `EXTENSION` to compare answers with (enumeration)")
	noInvite := fs.Bool("no-invite", false, "do not send the INVITE")
	timeout := fs.Duration("timeout", 3*time.Second, "per-request `TIMEOUT`")
	interval := fs.Duration("interval", 250*time.Millisecond, "least `TIME` between requests")
	device := fs.String("device", "", "device `ID` used in the report (default: the address)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.Stderr, "netdevsec pbx probe: "+format+"\n", a...)
		return ExitUsage
	}
	if len(pos) != 1 {
		return fail("give exactly one HOST[:PORT]")
	}
	addr := pos[0]
	if _, _, err := net.SplitHostPort(addr); err != nil {
		addr = net.JoinHostPort(addr, "5060")
	}
	if _, err := out.language(e); err != nil {
		return fail("%v", err)
	}
	if *transport != "udp" && *transport != "tcp" {
		return fail("--transport %q: want udp or tcp", *transport)
	}
	id := *device
	if id == "" {
		id = addr
	}
	res, err := sip.New(&sip.Options{Transport: *transport, KnownUser: *known, NoInvite: *noInvite, Timeout: *timeout, Interval: *interval}).Probe(ctx, addr)
	if err != nil {
		return fail("%v", err)
	}
	report := netdevsec.NewReport(audit.DefaultTool(), []netdevsec.DeviceInfo{{ID: id, Class: string(inventory.ClassPBX)}}, pbx.ProbeRules(), pbx.CheckProbe(id, res))
	report.Generated = time.Now().UTC().Truncate(time.Second)
	if err := out.writeReport(e, report); err != nil {
		return fail("%v", err)
	}
	return exitCode(report)
}
