package cli

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/firmware"
	"github.com/netdevsec/netdevsec/firmware/advisory"
	"github.com/netdevsec/netdevsec/firmware/history"
	"github.com/netdevsec/netdevsec/firmware/version"
	"github.com/netdevsec/netdevsec/inventory"
)

// firmwareCheckSchema versions the JSON output of "firmware check".
const firmwareCheckSchema = "netdevsec.firmware.check/v1"

// cmdFirmware dispatches "netdevsec firmware check".
func cmdFirmware(ctx context.Context, e *Env, args []string) int {
	usage := "Usage: netdevsec firmware check --advisories FILE... [flags] [INVENTORY]\n" +
		"       netdevsec firmware history [--key BASE64] [--checkpoint JSON] FILE...\n\n" +
		"check matches each device's installed firmware against advisories (OSV, CSAF 2.0, NVD\n" +
		"API 2.0, CVE JSON 5, CISA KEV) and prints a verdict table: affected, not affected or\n" +
		"unknown with the reason, the fixed version in the device's own branch, and KEV status.\n" +
		"history verifies hash-chained update histories (edits, gaps, reordering, truncation).\n\n" +
		"Exit codes: 0 nothing affected / intact, 3 a device is affected / a history is not\n" +
		"intact, 2 usage or input error.\n"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		io.WriteString(e.Stderr, usage)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	switch args[0] {
	case "check":
		return firmwareCheck(ctx, e, args[1:])
	case "history":
		return firmwareHistory(ctx, e, args[1:])
	}
	fmt.Fprintf(e.Stderr, "netdevsec firmware: unknown subcommand %q\n\n%s", args[0], usage)
	return ExitUsage
}

// firmwareRow is one verdict of the table.
type firmwareRow struct {
	Device    string `json:"device"`
	Vendor    string `json:"vendor,omitempty"`
	Model     string `json:"model,omitempty"`
	Installed string `json:"installed,omitempty"`
	advisory.Match
}

type firmwareReport struct {
	Schema   string           `json:"schema"`
	Verdicts []firmwareRow    `json:"verdicts"`
	Issues   []advisory.Issue `json:"issues,omitempty"`
}

// osFS opens operating-system paths as given (relative to the working
// directory), for LoadAdvisories.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(name) }

func firmwareCheck(ctx context.Context, e *Env, args []string) int {
	flags := newFlagSet(e, "firmware check", "firmware check --advisories FILE... [flags] [INVENTORY]\n\n"+
		"Matches the inventory's devices (the embedded demo fleet when none is given) against\n"+
		"advisory documents; devices may also name their own in facts.firmware.advisories.")
	var advFiles stringList
	flags.Var(&advFiles, "advisories", "advisory `FILE` (OSV, CSAF, NVD, CVE 5 or KEV; repeatable, or comma-separated)")
	format := flags.String("format", "text", "output format: text or json")
	all := flags.Bool("all", false, "also list advisories that do not affect the device")
	showIssues := flags.Bool("issues", false, "list every advisory statement that could not be interpreted")
	pos, code, ok := parseFlags(flags, args)
	if !ok {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(e.Stderr, "netdevsec firmware check: "+format+"\n", a...)
		return code
	}
	if len(pos) > 1 {
		return fail(ExitUsage, "give at most one inventory file")
	}
	if *format != "text" && *format != "json" {
		return fail(ExitUsage, "unknown format %q (want text or json)", *format)
	}
	var paths []string
	for _, a := range advFiles {
		for _, p := range strings.Split(a, ",") {
			if p = strings.TrimSpace(p); p != "" {
				paths = append(paths, p)
			}
		}
	}
	var inv *inventory.Inventory
	var err error
	if len(pos) == 0 {
		inv, err = inventory.LoadFS(demoFS, demoInventory)
	} else {
		inv, err = inventory.Load(pos[0])
	}
	if err != nil {
		return fail(ExitUsage, "%v", err)
	}
	var shared *firmware.Advisories
	rep := firmwareReport{Schema: firmwareCheckSchema}
	if len(paths) > 0 {
		if shared, err = firmware.LoadAdvisories(osFS{}, paths...); err != nil {
			return fail(ExitUsage, "%v", err)
		}
		rep.Issues = append(rep.Issues, shared.Issues...)
	}
	now := time.Now()
	collectors := auditors()
	ownDocs := map[string]*firmware.Advisories{} // devices' own documents, read once
	affected := false
	for i := range inv.Devices {
		dev := &inv.Devices[i]
		if err := ctx.Err(); err != nil {
			return fail(ExitInternal, "%v", err)
		}
		for _, a := range collectors {
			if c, ok := a.(audit.Collector); ok {
				_ = c.Collect(ctx, dev, now) // a collect error leaves the inventory facts
			}
		}
		f, _, err := firmware.DeviceFacts(dev)
		if err != nil {
			return fail(ExitUsage, "%v", err)
		}
		var idx []*advisory.Index
		if shared != nil {
			idx = append(idx, shared.Index)
		}
		if len(f.Advisories) > 0 {
			key := dev.Path(strings.Join(f.Advisories, "\x00"))
			own, seen := ownDocs[key]
			if !seen {
				if own, err = firmware.LoadAdvisories(devFS{dev}, f.Advisories...); err != nil {
					return fail(ExitUsage, "device %s: %v", dev.ID, err)
				}
				ownDocs[key] = own
				rep.Issues = append(rep.Issues, own.Issues...)
			}
			idx = append(idx, own.Index)
		}
		d := advisory.Device{ID: dev.ID, Vendor: f.Vendor, Model: f.Model, Product: f.Product, Installed: f.Installed, Channel: f.Channel}
		if f.Scheme != "" {
			if d.Scheme, err = lookupScheme(f.Scheme); err != nil {
				return fail(ExitUsage, "device %s: %v", dev.ID, err)
			}
		}
		for _, ix := range idx {
			for _, m := range ix.Match(d) {
				if m.Verdict == advisory.VerdictAffected {
					affected = true
				}
				rep.Verdicts = append(rep.Verdicts, firmwareRow{Device: dev.ID, Vendor: f.Vendor, Model: f.Model, Installed: f.Installed, Match: m})
			}
		}
	}
	if len(paths) == 0 && len(rep.Verdicts) == 0 && !anyDeviceAdvisories(inv) {
		return fail(ExitUsage, "no advisories: give --advisories FILE")
	}
	slices.SortStableFunc(rep.Verdicts, func(a, b firmwareRow) int {
		return strings.Compare(a.Device+"\x00"+a.ID, b.Device+"\x00"+b.ID)
	})
	if *format == "json" {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fail(ExitInternal, "%v", err)
		}
	} else {
		writeFirmwareTable(e.Stdout, rep, *all)
		writeIssues(e.Stderr, rep.Issues, *showIssues)
	}
	for _, ie := range inv.Errors {
		fmt.Fprintf(e.Stderr, "netdevsec firmware check: %v\n", ie)
	}
	if affected {
		return ExitFindings
	}
	return ExitOK
}

func anyDeviceAdvisories(inv *inventory.Inventory) bool {
	for i := range inv.Devices {
		if f, _, err := firmware.DeviceFacts(&inv.Devices[i]); err == nil && len(f.Advisories) > 0 {
			return true
		}
	}
	return false
}

func writeFirmwareTable(w io.Writer, rep firmwareReport, all bool) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tINSTALLED\tADVISORY\tVERDICT\tREASON\tFIX\tKEV\tSOURCES")
	counts := map[advisory.Verdict]int{}
	for _, r := range rep.Verdicts {
		counts[r.Verdict]++
		if r.Verdict == advisory.VerdictNotAffected && !all {
			continue
		}
		kev := "-"
		if r.KEV != nil {
			kev = "yes (" + r.KEV.DateAdded + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Device, dash(r.Installed), r.ID, r.Verdict, r.Reason, fixColumn(r.Match), kev, sources(r.Match))
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d affected, %d unknown, %d not affected", counts[advisory.VerdictAffected], counts[advisory.VerdictUnknown],
		counts[advisory.VerdictNotAffected])
	if !all && counts[advisory.VerdictNotAffected] > 0 {
		fmt.Fprint(w, " (not listed; --all shows them)")
	}
	fmt.Fprintln(w)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func fixColumn(m advisory.Match) string {
	switch {
	case m.FixedIn != "":
		return m.FixedIn
	case m.NoFixInBranch && len(m.OtherBranches) > 0:
		return "none in branch; other branches: " + strings.Join(m.OtherBranches, ", ")
	case m.NoFix:
		return "no fix planned"
	case m.NoFixInBranch:
		return "none known"
	}
	return "-"
}

func sources(m advisory.Match) string {
	var ps []string
	for _, s := range m.Statements {
		p := s.Provider + "=" + string(s.Verdict)
		if !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	return strings.Join(ps, ", ")
}

func writeIssues(w io.Writer, issues []advisory.Issue, all bool) {
	if len(issues) == 0 {
		return
	}
	fmt.Fprintf(w, "netdevsec firmware check: %d advisory statements could not be interpreted (verdicts that depend on them are unknown)\n", len(issues))
	n := len(issues)
	if !all && n > 5 {
		n = 5
	}
	for _, i := range issues[:n] {
		fmt.Fprintf(w, "  %s\n", i)
	}
	if n < len(issues) {
		fmt.Fprintf(w, "  … %d more (--issues lists them all)\n", len(issues)-n)
	}
}

// devFS opens files named in a device's entry through the inventory's
// file system.
type devFS struct{ dev *inventory.Device }

func (d devFS) Open(name string) (fs.File, error) { return d.dev.Open(name) }

func lookupScheme(name string) (version.Scheme, error) { return version.Lookup(name) }

func firmwareHistory(ctx context.Context, e *Env, args []string) int {
	flags := newFlagSet(e, "firmware history", "firmware history [flags] FILE...\n\n"+
		"Verifies update histories (JSON Lines, hash-chained): edits, gaps, reordering, broken\n"+
		"links and, with --key and --checkpoint, signatures and truncation after a checkpoint.")
	key := flags.String("key", "", "base64 ed25519 public `KEY` that signs checkpoints (then a valid checkpoint is required)")
	var cps stringList
	flags.Var(&cps, "checkpoint", "a checkpoint kept elsewhere, as `JSON` {\"seq\":…,\"hash\":…,\"sig\":…} (repeatable)")
	pos, code, ok := parseFlags(flags, args)
	if !ok {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(e.Stderr, "netdevsec firmware history: "+format+"\n", a...)
		return code
	}
	if len(pos) == 0 {
		return fail(ExitUsage, "give at least one history FILE")
	}
	var opts history.Options
	if *key != "" {
		k, err := base64.StdEncoding.DecodeString(*key)
		if err != nil || len(k) != ed25519.PublicKeySize {
			return fail(ExitUsage, "--key is not a base64 ed25519 public key")
		}
		opts.Key = k
	}
	for _, c := range cps {
		var cp history.Checkpoint
		if err := json.Unmarshal([]byte(c), &cp); err != nil {
			return fail(ExitUsage, "--checkpoint: %v", err)
		}
		opts.Known = append(opts.Known, cp)
	}
	code = ExitOK
	for _, p := range pos {
		if err := ctx.Err(); err != nil {
			return fail(ExitInternal, "%v", err)
		}
		f, err := os.Open(p)
		if err != nil {
			return fail(ExitUsage, "%v", err)
		}
		rep, err := history.Verify(f, opts)
		f.Close()
		if err != nil {
			return fail(ExitUsage, "%s: %v", p, err)
		}
		if rep.OK() {
			fmt.Fprintf(e.Stdout, "%s: intact: %d records, %d checkpoints\n", p, len(rep.Records), len(rep.Checkpoints))
			continue
		}
		code = ExitFindings
		fmt.Fprintf(e.Stdout, "%s: NOT intact: %d problems in %d records\n", p, len(rep.Problems), len(rep.Records))
		for _, pr := range rep.Problems {
			if pr.Line > 0 {
				fmt.Fprintf(e.Stdout, "  %s:%d: %s: %s\n", p, pr.Line, pr.Kind, pr.Message)
			} else {
				fmt.Fprintf(e.Stdout, "  %s: %s: %s\n", p, pr.Kind, pr.Message)
			}
		}
	}
	return code
}
