package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

const logsUsage = `usage: netdevsec logs review [flags] FILE...
       netdevsec logs ntp [flags] SERVER...
       netdevsec logs listen [flags]

review  reviews device logs (syslog RFC 3164/5424, Cisco, Junos, MikroTik,
        Yamaha RTX, OpenWrt, FortiGate, Asterisk; LF or octet-counted) for
        the four review perspectives of CIAJ-1.4.2 and prints one finding
        per hit. "-" reads standard input. Exit code 3 when there are hits.
ntp     queries NTP servers (host or host:port) and judges offset, stratum,
        leap, kiss-o'-death, reachability and agreement (CIAJ-1.4.1-3).
listen  receives syslog over TCP or TLS and waits for a marker to prove
        that a device's log forwarding delivers (CIAJ-1.4.2-6).

Flags:
`

func cmdLogs(ctx context.Context, e *Env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "review":
			return logsReview(ctx, e, args[1:])
		case "ntp":
			return logsNTP(ctx, e, args[1:])
		case "listen":
			return logsListen(ctx, e, args[1:])
		}
	}
	fmt.Fprint(e.Stderr, logsUsage)
	return ExitUsage
}

type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for s := range strings.SplitSeq(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func logsReview(ctx context.Context, e *Env, args []string) int {
	fs := flag.NewFlagSet("logs review", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.Usage = func() { fmt.Fprint(e.Stderr, logsUsage); fs.PrintDefaults() }
	var (
		device, zone                                 string
		asJSON, progress                             bool
		maxFindings                                  int
		users, macs, dests, sources, ifaces, changes listFlag
	)
	fs.StringVar(&device, "device", "", "device name for the findings")
	fs.StringVar(&zone, "zone", "", "UTC offset of stamps without a zone, e.g. +09:00 (default UTC)")
	fs.BoolVar(&asJSON, "json", false, "write findings as JSON lines")
	fs.BoolVar(&progress, "progress", false, "show progress on stderr (default: only when stderr is a terminal)")
	fs.IntVar(&maxFindings, "max-findings", 0, "findings listed per rule before summarising (default 100)")
	fs.Var(&users, "known-users", "comma-separated accounts allowed to log in")
	fs.Var(&macs, "known-macs", "comma-separated MAC addresses of the inventory")
	fs.Var(&dests, "allow-dest", "comma-separated managed internet destinations (CIDR)")
	fs.Var(&sources, "admin-sources", "comma-separated administrator networks (CIDR; default private ranges)")
	fs.Var(&ifaces, "allow-links", "comma-separated WAN links and tunnels expected to come up")
	fs.Var(&changes, "change-window", "weekly change windows such as Tue-Fri@09:00-12:00 (default none)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.Stderr, "netdevsec logs review: no log file given")
		fs.Usage()
		return ExitUsage
	}
	o := &review.Options{Device: device, Reference: reference(fs.Args()), MaxFindingsPerRule: maxFindings, KnownUsers: users, KnownMACs: macs, AllowedInterfaces: ifaces}
	if users == nil {
		o.KnownUsers = nil
	}
	if macs == nil {
		o.KnownMACs = nil
	}
	if ifaces == nil {
		o.AllowedInterfaces = nil
	}
	var err error
	if o.Location, err = parseZone(zone); err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec logs review: -zone: %v\n", err)
		return ExitUsage
	}
	if o.AllowedDestinations, err = parsePrefixes(dests); err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec logs review: -allow-dest: %v\n", err)
		return ExitUsage
	}
	if sources != nil {
		if o.AdminSources, err = parsePrefixes(sources); err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec logs review: -admin-sources: %v\n", err)
			return ExitUsage
		}
	}
	for _, c := range changes {
		w, err := parseWindow(c)
		if err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec logs review: -change-window: %v\n", err)
			return ExitUsage
		}
		o.ChangeWindows = append(o.ChangeWindows, w)
	}
	showProgress := progress || e.isTerminal(e.Stderr)

	failed := 0
	enc := json.NewEncoder(e.Stdout)
	emit := func(f netdevsec.Finding) {
		if f.Status == netdevsec.StatusFail {
			failed++
		}
		if asJSON {
			_ = enc.Encode(f)
			return
		}
		loc := ""
		if f.Location != nil {
			loc = f.Location.String() + ": "
		}
		fmt.Fprintf(e.Stdout, "%s%s %s: %s\n", loc, f.Status, f.RuleID, f.Message)
	}
	pr := &progressLine{w: e.Stderr}
	if showProgress {
		o.Progress = pr.update
	}
	engine := review.New(o)
	for _, name := range fs.Args() {
		if err := reviewOne(ctx, e, engine, pr, name, showProgress, emit); err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec logs review: %v\n", err)
			return ExitUsage
		}
	}
	for _, f := range engine.Summary() {
		if f.Status == netdevsec.StatusFail || asJSON {
			emit(f)
		}
	}
	fmt.Fprintf(e.Stderr, "%d records reviewed, %d hits\n", engine.Records(), sumHits(engine.Hits()))
	if failed > 0 {
		return ExitFindings
	}
	return ExitOK
}

// reference is the time year-less stamps are placed before: the latest
// modification time of the files (a log is not written after it was last
// modified), or now for standard input.
func reference(names []string) time.Time {
	var ref time.Time
	for _, n := range names {
		if n == "-" {
			return time.Now()
		}
		if st, err := os.Stat(n); err == nil && st.ModTime().After(ref) {
			ref = st.ModTime()
		}
	}
	if ref.IsZero() {
		return time.Now()
	}
	return ref
}

func sumHits(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// progressLine writes "name: N of M MB (P%)" on one terminal line.
type progressLine struct {
	w     io.Writer
	name  string
	total int64
}

func (p *progressLine) update(n int64) {
	if p.total > 0 {
		fmt.Fprintf(p.w, "\r%s: %d of %d MB (%d%%)", p.name, n>>20, p.total>>20, n*100/p.total)
		return
	}
	fmt.Fprintf(p.w, "\r%s: %d MB", p.name, n>>20)
}

func reviewOne(ctx context.Context, e *Env, engine *review.Engine, pr *progressLine, name string, showProgress bool, emit func(netdevsec.Finding)) error {
	var r io.Reader = e.Stdin
	var total int64
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			total = st.Size()
		}
		r = f
	}
	pr.name, pr.total = name, total
	if showProgress {
		defer fmt.Fprintln(e.Stderr)
	}
	return engine.Review(ctx, r, name, emit)
}

func parseZone(s string) (*time.Location, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse("-07:00", s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a UTC offset like +09:00", s)
	}
	_, off := t.Zone()
	return time.FixedZone(s, off), nil
}

func parsePrefixes(l []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range l {
		if !strings.Contains(s, "/") {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// parseWindow parses "Mon-Fri@09:00-12:00" or "Tue@22:00-02:00".
func parseWindow(s string) (review.Window, error) {
	days, hours, ok := strings.Cut(s, "@")
	if !ok {
		return review.Window{}, fmt.Errorf("%q: want DAYS@HH:MM-HH:MM", s)
	}
	names := map[string]time.Weekday{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
	var w review.Window
	for part := range strings.SplitSeq(strings.ToLower(days), ",") {
		a, b, rng := strings.Cut(part, "-")
		from, ok1 := names[a]
		to, ok2 := names[b]
		if !rng {
			to, ok2 = from, ok1
		}
		if !ok1 || !ok2 {
			return review.Window{}, fmt.Errorf("%q: unknown day in %q", s, part)
		}
		for d := from; ; d = (d + 1) % 7 {
			w.Days = append(w.Days, d)
			if d == to {
				break
			}
		}
	}
	f, t, ok := strings.Cut(hours, "-")
	ft, err1 := time.Parse("15:04", f)
	tt, err2 := time.Parse("15:04", t)
	if !ok || err1 != nil || err2 != nil {
		return review.Window{}, fmt.Errorf("%q: want HH:MM-HH:MM", s)
	}
	w.From = time.Duration(ft.Hour())*time.Hour + time.Duration(ft.Minute())*time.Minute
	w.To = time.Duration(tt.Hour())*time.Hour + time.Duration(tt.Minute())*time.Minute
	return w, nil
}
