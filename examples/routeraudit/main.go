// Command routeraudit shows how a provisioning or fleet tool embeds the
// router package: import a router's configuration, add the operator's
// baseline, optionally probe the router's SNMP agent, and print what fails.
//
//	routeraudit -vendor yamaha -expected-dns 192.0.2.53 rtx830.conf
//	routeraudit -vendor openwrt /path/to/etc/config            (a directory)
//	routeraudit -vendor openwrt backup-OpenWrt-2026-11-26.tar.gz
//	routeraudit -vendor cisco -snmp 127.0.0.1:16161 running-config.txt
//
// Exit status: 0 nothing fails, 3 something fails, 2 usage or input error.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/router"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("routeraudit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	vendor := fs.String("vendor", "", "cisco, openwrt, mikrotik or yamaha")
	expectedDNS := fs.String("expected-dns", "", "comma-separated DNS servers the router should use and hand out")
	expectedForwards := fs.String("expected-forwards", "", `comma-separated port forwards that are meant to be there ("tcp/443")`)
	snmpTarget := fs.String("snmp", "", "also probe this SNMP agent (HOST[:PORT]) for default communities")
	all := fs.Bool("all", false, "print passing and unknown findings too")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *vendor == "" || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: routeraudit -vendor VENDOR [flags] CONFIG...")
		return 2
	}
	files, err := readInputs(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "routeraudit:", err)
		return 2
	}
	facts, err := router.Import(*vendor, files)
	if err != nil {
		fmt.Fprintln(stderr, "routeraudit:", err)
		return 2
	}
	facts.ExpectedDNS = split(*expectedDNS)
	facts.ExpectedForwards = split(*expectedForwards)
	if *snmpTarget != "" {
		res := router.ProbeFleet(ctx, []router.Target{{ID: *snmpTarget, Addr: *snmpTarget}}, &router.FleetOptions{Progress: stderr})
		res[0].Apply(&facts)
	}

	failed := false
	for _, f := range router.Check(facts.Hostname, facts, time.Now()) {
		failed = failed || f.Status == netdevsec.StatusFail
		if f.Status != netdevsec.StatusFail && !*all {
			continue
		}
		loc := ""
		if f.Location != nil {
			loc = " (" + f.Location.String() + ")"
		}
		fmt.Fprintf(stdout, "%-7s %-29s %s%s\n", strings.ToUpper(f.Status.String()), f.RuleID, f.Message, loc)
	}
	if failed {
		return 3
	}
	return 0
}

// readInputs reads config files; a directory is read as OpenWrt's
// /etc/config and a .tar.gz as a sysupgrade backup.
func readInputs(paths []string) ([]router.File, error) {
	var out []router.File
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if fi.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return nil, err
			}
			var sub []string
			for _, e := range entries {
				if e.Type().IsRegular() {
					sub = append(sub, filepath.Join(p, e.Name()))
				}
			}
			got, err := readInputs(sub)
			if err != nil {
				return nil, err
			}
			out = append(out, got...)
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(p, ".tar.gz") || strings.HasSuffix(p, ".tgz") {
			got, err := router.ReadOpenWrtBackup(p, f)
			f.Close()
			if err != nil {
				return nil, err
			}
			out = append(out, got...)
			continue
		}
		file, err := router.ReadConfig(p, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, file)
	}
	return out, nil
}

func split(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
