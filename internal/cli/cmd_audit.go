package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/firmware"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/password"
)

// demoInventory is the embedded demo fleet's path inside demoFS.
const demoInventory = "demo/fleet.yaml"

// outputFlags are the flags every report-writing command shares.
type outputFlags struct {
	format  string
	output  string
	lang    string
	verbose bool
}

func (o *outputFlags) register(fs *flag.FlagSet, formats string) {
	fs.StringVar(&o.format, "format", "text", "output format: "+formats)
	fs.StringVar(&o.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&o.lang, "lang", "", "language of rule texts: en or ja (default from LC_ALL/LC_MESSAGES/LANG)")
	fs.BoolVar(&o.verbose, "verbose", false, "show passing findings in full")
}

func (o *outputFlags) language(e *Env) (netdevsec.Lang, error) {
	if o.lang == "" {
		return netdevsec.LangFromEnv(e.getenv), nil
	}
	return netdevsec.ParseLang(o.lang)
}

// writeReport encodes r in the chosen format to the chosen output.
func (o *outputFlags) writeReport(e *Env, r *netdevsec.Report) error {
	lang, err := o.language(e)
	if err != nil {
		return err
	}
	var enc interface {
		Encode(io.Writer, *netdevsec.Report) error
	}
	switch o.format {
	case "text":
		enc = netdevsec.TextEncoder{Lang: lang, Color: o.output == "" && e.isTerminal(e.Stdout) && e.getenv("NO_COLOR") == "", Verbose: o.verbose}
	case "json":
		enc = netdevsec.JSONEncoder{Indent: true}
	case "sarif":
		enc = netdevsec.SARIFEncoder{Lang: lang}
	default:
		return fmt.Errorf("unknown format %q (want text, json or sarif)", o.format)
	}
	return o.write(e, func(w io.Writer) error { return enc.Encode(w, r) })
}

// write runs fn on the output: the named file (created 0600, since
// reports describe weaknesses) or standard output.
func (o *outputFlags) write(e *Env, fn func(io.Writer) error) error {
	if o.output == "" {
		return fn(e.Stdout)
	}
	f, err := os.OpenFile(o.output, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// newFlagSet returns a flag set that reports to e.Stderr and never exits.
func newFlagSet(e *Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.Stderr, "Usage: netdevsec %s\n\nFlags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// ("audit fleet.yaml --format json"). It returns the positional
// arguments, or an exit code when parsing ended the command.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, ExitOK, false
			}
			return nil, ExitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), 0, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func cmdAudit(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "audit", "audit [flags] [INVENTORY]\n\nAudits every device of the inventory (the embedded demo fleet when none is given)\nand prints the findings. Exit code 0: no failing finding; 3: failing findings;\n2: usage or input error (also when a device entry or check could not be read).")
	var out outputFlags
	out.register(fs, "text, json or sarif")
	concurrency := fs.Int("concurrency", 0, "devices audited at once (default: number of CPUs)")
	asOf := fs.String("time", "", "audit as of this RFC 3339 `time` (default: now)")
	var advFiles stringList
	fs.Var(&advFiles, "advisories", "advisory `FILE` matched against every device (OSV, CSAF, NVD, CVE 5 or KEV; repeatable, or comma-separated)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		fmt.Fprintln(e.Stderr, "netdevsec audit: give at most one inventory file")
		return ExitUsage
	}
	if _, err := out.language(e); err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec audit: %v\n", err)
		return ExitUsage
	}
	now := time.Now()
	if *asOf != "" {
		t, err := time.Parse(time.RFC3339, *asOf)
		if err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec audit: --time: %v\n", err)
			return ExitUsage
		}
		now = t
	}
	var inv *inventory.Inventory
	var err error
	if len(pos) == 0 {
		inv, err = inventory.LoadFS(demoFS, demoInventory)
	} else {
		inv, err = inventory.Load(pos[0])
	}
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec audit: %v\n", err)
		return ExitUsage
	}
	auds, err := auditorsFor(ctx, e, inv, auditSetup{advisories: splitList(advFiles)})
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec audit: %v\n", err)
		return ExitUsage
	}
	report, err := audit.Run(ctx, inv, auds, &audit.Options{Concurrency: *concurrency, Now: now})
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec audit: %v\n", err)
		return ExitInternal
	}
	report.Generated = now.UTC().Truncate(time.Second)
	if err := out.writeReport(e, report); err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec audit: %v\n", err)
		return ExitUsage
	}
	for _, ie := range inv.Errors {
		fmt.Fprintf(e.Stderr, "netdevsec audit: %v\n", ie)
	}
	return exitCode(report)
}

// exitCode is 3 when a finding failed, else 2 when one could not be
// decided because of an error, else 0.
func exitCode(r *netdevsec.Report) int {
	switch {
	case r.Summary.ByStatus[netdevsec.StatusFail] > 0:
		return ExitFindings
	case r.Summary.ByStatus[netdevsec.StatusError] > 0:
		return ExitUsage
	}
	return ExitOK
}

// auditorsFor returns the rule sets for an audit of inv. It is the place
// where rule sets that need the whole fleet (reuse detection) or loaded
// data (advisories) are set up.
// auditSetup is what the audit command's flags add to the rule sets.
type auditSetup struct {
	advisories []string // advisory files matched against every device
}

func auditorsFor(_ context.Context, e *Env, inv *inventory.Inventory, setup auditSetup) ([]audit.Auditor, error) {
	list := auditors()
	for i, a := range list {
		switch a.(type) {
		case firmware.Auditor, *firmware.Auditor:
			// One auditor for the run, so that each advisory document
			// is read once however many devices name it.
			var advs *firmware.Advisories
			if len(setup.advisories) > 0 {
				var err error
				if advs, err = firmware.LoadAdvisories(osFS{}, setup.advisories...); err != nil {
					return nil, err
				}
			}
			list[i] = firmware.NewAuditor(advs)
		case *password.Auditor:
			// Reuse detection compares every device's credentials, so
			// the password rule set is built over the whole fleet.
			pa, err := passwordAuditor(e, inv)
			if err != nil {
				return nil, err
			}
			list[i] = pa
		}
	}
	return list, nil
}

func cmdRules(_ context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "rules", "rules [flags]\n\nLists every rule with the guideline clauses it serves. --format markdown writes\nthe clause coverage table kept in docs/coverage.md.")
	var out outputFlags
	out.register(fs, "text, markdown or json")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintln(e.Stderr, "netdevsec rules: takes no arguments")
		return ExitUsage
	}
	lang, err := out.language(e)
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec rules: %v\n", err)
		return ExitUsage
	}
	rules := catalogRules()
	var write func(io.Writer) error
	switch out.format {
	case "text":
		write = func(w io.Writer) error { return writeRulesText(w, rules, lang) }
	case "markdown":
		write = func(w io.Writer) error { return writeCoverage(w, rules) }
	case "json":
		write = func(w io.Writer) error { return writeRulesJSON(w, rules) }
	default:
		fmt.Fprintf(e.Stderr, "netdevsec rules: unknown format %q (want text, markdown or json)\n", out.format)
		return ExitUsage
	}
	if err := out.write(e, write); err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec rules: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}

func clauseList(ids []netdevsec.ClauseID) string {
	s := make([]string, len(ids))
	for i, c := range ids {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// splitList flattens repeatable, comma-separated flag values.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
