package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/fax"
	"github.com/netdevsec/netdevsec/inventory"
)

// faxCommands lists "netdevsec fax" subcommands.
func faxCommands() []command {
	return []command{
		{"audit", "audit [flags]             audit a HylaFAX server's configuration and transfer log", faxAudit},
		{"confirm", "confirm FIRST SECOND      check that two keyed entries denote the same destination", faxConfirm},
		{"match", "match DIALLED REMOTE-ID   check whether a remote CSI/TSI belongs to the dialled number", faxMatch},
	}
}

// cmdFax dispatches "netdevsec fax SUBCOMMAND ...".
func cmdFax(ctx context.Context, e *Env, args []string) int {
	return commandGroup{
		name:    "fax",
		summary: "Fax misdirection, misconnection and confidential-receive checks (CIAJ part 4):",
		exits:   "Exit codes: 0 nothing failed (entries match), 3 failing findings (entries differ), 2 usage or input error.",
		subs:    faxCommands(),
	}.run(ctx, e, args)
}

// dialFlags are the numbering-plan flags of the fax subcommands.
type dialFlags struct {
	country, trunk, outside string
}

func (d *dialFlags) register(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&d.country, "country-code", "", "home country calling code (default 81, Japan)")
	fs.StringVar(&d.trunk, "trunk-prefix", "", "national trunk prefix (default 0; \"-\" for none)")
	fs.StringVar(&d.outside, "outside-line", "", "PBX outside-line code followed by a pause, e.g. 0 (default: any 1-2 digits before a pause; \"-\" for none)")
}

func (d *dialFlags) options() *fax.DialOptions {
	return &fax.DialOptions{CountryCode: d.country, TrunkPrefix: d.trunk, OutsideLinePrefix: d.outside}
}

func faxAudit(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "fax audit", "fax audit [flags]\n\nReads a HylaFAX configuration directory (/etc/hylafax or the spool's etc/) and\nreviews xferfaxlog transfer logs: received faxes readable by others, clients\nwithout passwords, no sender qualification, sends whose remote CSI does not\nmatch the dialled number, undelivered jobs.")
	var out outputFlags
	out.register(fs, "text, json or sarif")
	var dial dialFlags
	dial.register(fs)
	configDir := fs.String("config-dir", "", "HylaFAX configuration `DIR` (e.g. /etc/hylafax)")
	var logs, mailboxes stringList
	fs.Var(&logs, "xferlog", "xferfaxlog `FILE` to review (repeatable)")
	book := fs.String("address-book", "", "`FILE` of allowed destination numbers, one per line")
	senders := fs.String("allowed-senders", "", "`FILE` of expected sender numbers (TSIs), one per line")
	fs.Var(&mailboxes, "mailbox-number", "local `NUMBER` that delivers to a personal mailbox (repeatable)")
	device := fs.String("device", "fax", "device `ID` used in the report")
	asOf := fs.String("time", "", "audit as of this RFC 3339 `time` (default: now)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.Stderr, "netdevsec fax audit: "+format+"\n", a...)
		return ExitUsage
	}
	if len(pos) > 0 {
		return fail("unexpected argument %q", pos[0])
	}
	if *configDir == "" && len(logs) == 0 {
		return fail("give --config-dir DIR and/or --xferlog FILE")
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
	lo := &fax.LogOptions{Match: &fax.MatchOptions{Dial: dial.options()}}
	if len(mailboxes) > 0 {
		lo.MailboxNumbers = mailboxes
	}
	var err error
	if *book != "" {
		if lo.AddressBook, err = readNumberList(*book); err != nil {
			return fail("--address-book: %v", err)
		}
	}
	if *senders != "" {
		if lo.AllowedSenders, err = readNumberList(*senders); err != nil {
			return fail("--allowed-senders: %v", err)
		}
	}
	if *configDir != "" {
		if st, err := os.Stat(*configDir); err != nil || !st.IsDir() {
			return fail("--config-dir %s: not a readable directory", *configDir)
		}
	}
	dev := inventory.Device{ID: *device, Class: inventory.ClassFax, Vendor: "hylafax",
		Files: inventory.Files{ConfigDir: *configDir, Other: map[string]string{}}}
	for i, l := range logs {
		if _, err := os.Stat(l); err != nil {
			return fail("--xferlog: %v", err)
		}
		dev.Files.Other[fmt.Sprintf("xferfaxlog.%03d", i)] = l
	}
	inv := &inventory.Inventory{Devices: []inventory.Device{dev}}
	report, err := audit.Run(ctx, inv, []audit.Auditor{fax.Auditor{Log: lo}}, &audit.Options{Now: now})
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec fax audit: %v\n", err)
		return ExitInternal
	}
	report.Generated = now.UTC().Truncate(time.Second)
	if err := out.writeReport(e, report); err != nil {
		return fail("%v", err)
	}
	return exitCode(report)
}

// readNumberList reads one number per line; "#" starts a comment.
func readNumberList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(io.LimitReader(f, 4<<20))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if _, err := fax.ParseNumber(line, nil); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

func faxConfirm(_ context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "fax confirm", "fax confirm [flags] FIRST SECOND\n\nNormalises two keyed entries of a destination (separators, full-width digits,\n+/00/010 forms, pauses, extensions) and says whether they denote the same\nnumber. Exit 0: same; 3: they differ; 2: an entry is not a number.")
	var dial dialFlags
	dial.register(fs)
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(e.Stderr, "netdevsec fax confirm: give exactly two entries")
		return ExitUsage
	}
	n, err := fax.ConfirmDestination(pos[0], pos[1], dial.options())
	switch {
	case errors.Is(err, fax.ErrMismatch):
		fmt.Fprintf(e.Stdout, "DIFFERENT: %v\n", err)
		return ExitFindings
	case err != nil:
		fmt.Fprintf(e.Stderr, "netdevsec fax confirm: %v\n", err)
		return ExitUsage
	}
	fmt.Fprintf(e.Stdout, "SAME: %s\n", n)
	return ExitOK
}

func faxMatch(_ context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "fax match", "fax match [flags] DIALLED REMOTE-ID\n\nSays whether a remote fax identity (the CSI of a called machine, the TSI of a\ncaller) plausibly belongs to the dialled number. Exit 0: match; 3: mismatch;\n2: cannot tell (empty, non-numeric or too short identity) or usage error.")
	var dial dialFlags
	dial.register(fs)
	minDigits := fs.Int("min-digits", 0, "fewest trailing digits that may confirm a match (default 4)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(e.Stderr, "netdevsec fax match: give DIALLED and REMOTE-ID")
		return ExitUsage
	}
	m := fax.MatchRemoteID(pos[0], pos[1], &fax.MatchOptions{Dial: dial.options(), MinDigits: *minDigits})
	fmt.Fprintf(e.Stdout, "%s (confidence %.2f): %s\n", strings.ToUpper(m.Verdict.String()), m.Confidence, m.Reason)
	switch m.Verdict {
	case fax.VerdictMatch:
		return ExitOK
	case fax.VerdictMismatch:
		return ExitFindings
	}
	return ExitUsage
}
