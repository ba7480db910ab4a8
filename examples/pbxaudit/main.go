// Command pbxaudit shows how a PBX management tool embeds package pbx:
// it imports an Asterisk (or FreeSWITCH) configuration directory, adds
// what only the operator knows (international calls not needed, carrier
// blocking per trunk), runs the rules — each dial-plan finding carries
// the path a call takes — and optionally reviews a Master.csv.
//
//	go run ./examples/pbxaudit -dir pbx/testdata/asterisk/insecure -cdr pbx/testdata/cdr/Master.csv
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx"
	"github.com/netdevsec/netdevsec/pbx/cdr"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pbxaudit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "", "Asterisk configuration `DIR` (/etc/asterisk)")
	cdrFile := fs.String("cdr", "", "optional Master.csv `FILE`")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *dir == "" {
		fmt.Fprintln(stderr, "pbxaudit: give -dir")
		return 2
	}
	facts, err := pbx.ImportAsterisk(ctx, os.DirFS(*dir), &pbx.ImportOptions{Dir: *dir})
	if err != nil {
		fmt.Fprintln(stderr, "pbxaudit:", err)
		return 2
	}
	// What no configuration shows: the operator's needs and the carrier.
	no, yes := false, true
	facts.Recorded = pbx.Recorded{
		InternationalNeeded: &no,
		Firewall:            &yes,
		Trunks:              []pbx.RecordedTrunk{{Name: "itsp", Carrier: "NTT East", InternationalBlocked: &no}},
	}
	now := time.Now()
	findings := pbx.Check("pbx-1", facts, now, nil)
	rules := pbx.Rules()
	if *cdrFile != "" {
		f, err := os.Open(*cdrFile)
		if err != nil {
			fmt.Fprintln(stderr, "pbxaudit:", err)
			return 2
		}
		defer f.Close()
		opts, err := pbx.CDROptions(facts, cdr.Options{})
		if err != nil {
			fmt.Fprintln(stderr, "pbxaudit:", err)
			return 2
		}
		rv := cdr.NewReview("pbx-1", &opts)
		if err := rv.Read(ctx, cdr.NewReader(f, *cdrFile, nil), *cdrFile); err != nil {
			fmt.Fprintln(stderr, "pbxaudit:", err)
			return 2
		}
		findings = append(findings, rv.Findings()...)
		rules = append(rules, cdr.Rules()...)
	}
	report := netdevsec.NewReport(netdevsec.Tool{Name: "pbxaudit", Version: "1.0"}, nil, rules, findings)
	if err := (netdevsec.TextEncoder{Lang: netdevsec.English}).Encode(stdout, report); err != nil {
		fmt.Fprintln(stderr, "pbxaudit:", err)
		return 1
	}
	if report.Summary.Failed() {
		return 3
	}
	return 0
}
