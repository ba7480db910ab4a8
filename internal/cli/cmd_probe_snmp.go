package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/probe/snmp"
	"github.com/netdevsec/netdevsec/router"
)

// snmpProbeSchema versions the JSON output of "probe snmp".
const snmpProbeSchema = "netdevsec.probe.snmp/v1"

type snmpProbeReport struct {
	Schema string          `json:"schema"`
	Hosts  []snmpHostProbe `json:"hosts"`
}

// snmpHostProbe is one host's outcome. Communities are never written:
// Accepted names them by version and whether they are defaults.
type snmpHostProbe struct {
	Host     string       `json:"host"`
	Result   *snmp.Result `json:"result,omitempty"`
	Error    string       `json:"error,omitempty"`
	Problems []string     `json:"problems,omitempty"`
}

// maxCommunityFile bounds a --community-file.
const maxCommunityFile = 1 << 20

func probeSNMP(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "probe snmp", "probe snmp [flags] HOST[:PORT]...\n\n"+
		"Tries the communities public and private (and those you add) over SNMP v1 and v2c,\n"+
		"runs SNMPv3 engine discovery, tries the SNMPv3 user names you give without\n"+
		"authentication, and identifies vendor, model and firmware from sysDescr.\n"+
		"It only reads (GET); communities are never printed. A host that answers nothing is\n"+
		"reported as NO ANSWER and does not fail: SNMP cannot tell a closed port from refused\n"+
		"communities.")
	var users stringList
	communityFile := fs.String("community-file", "", "also try the communities in `FILE` (one per line)")
	communityEnv := fs.String("community-env", "", "also try the community in environment variable `NAME`")
	noDefaults := fs.Bool("no-default-communities", false, "do not try public and private")
	fs.Var(&users, "v3-user", "try this SNMPv3 `USER` without authentication (repeatable)")
	timeout := fs.Duration("timeout", snmp.DefaultTimeout, "per-request `timeout`")
	retries := fs.Int("retries", 0, "re-sends after a timeout (0-3)")
	deviceTimeout := fs.Duration("device-timeout", router.DefaultDeviceTimeout, "bound on all requests to one host")
	format := fs.String("format", "text", "output format: text or json")
	concurrency := fs.Int("concurrency", router.DefaultFleetConcurrency, "hosts probed at once")
	hosts, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.Stderr, "netdevsec probe snmp: "+format+"\n", a...)
		return ExitUsage
	}
	switch {
	case len(hosts) == 0:
		return usageErr("give at least one HOST[:PORT]")
	case *format != "text" && *format != "json":
		return usageErr("unknown format %q (want text or json)", *format)
	case *timeout <= 0 || *deviceTimeout <= 0:
		return usageErr("--timeout and --device-timeout must be positive")
	case *concurrency < 1:
		return usageErr("--concurrency must be at least 1")
	case *retries < 0 || *retries > 3:
		return usageErr("--retries must be between 0 and 3")
	}
	var communities []netdevsec.Secret
	if *communityEnv != "" {
		v := e.getenv(*communityEnv)
		if v == "" {
			return usageErr("environment variable %s is empty or unset", *communityEnv)
		}
		communities = append(communities, netdevsec.NewSecret(v))
	}
	if *communityFile != "" {
		got, err := readCommunities(*communityFile)
		if err != nil {
			return usageErr("%v", err)
		}
		communities = append(communities, got...)
	}
	if *noDefaults && len(communities) == 0 {
		return usageErr("--no-default-communities needs --community-file or --community-env")
	}
	targets := make([]router.Target, len(hosts))
	for i, h := range hosts {
		targets[i] = router.Target{ID: h, Addr: h}
	}
	fmt.Fprintf(e.Stderr, "probing %d host(s), %d at a time\n", len(hosts), *concurrency)
	results := router.ProbeFleet(ctx, targets, &router.FleetOptions{
		Concurrency: *concurrency, DeviceTimeout: *deviceTimeout, Progress: e.Stderr,
		SNMP: &snmp.Options{Timeout: *timeout, Retries: *retries, Communities: communities,
			NoDefaultCommunities: *noDefaults, V3Users: users},
	})
	out := make([]snmpHostProbe, len(results))
	failed, errored := false, false
	for i, r := range results {
		hp := snmpHostProbe{Host: r.Target.Addr, Result: r.SNMP, Error: strings.Join(r.Errors, "; ")}
		if r.SNMP != nil {
			hp.Problems = snmpProblems(r.SNMP)
		}
		failed = failed || len(hp.Problems) > 0
		errored = errored || hp.Error != ""
		out[i] = hp
	}
	if *format == "json" {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(snmpProbeReport{Schema: snmpProbeSchema, Hosts: out}); err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec probe snmp: %v\n", err)
			return ExitInternal
		}
	} else {
		writeSNMPText(e.Stdout, out)
	}
	switch {
	case failed:
		return ExitFindings
	case errored:
		return ExitUsage
	}
	return ExitOK
}

func readCommunities(p string) ([]netdevsec.Secret, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("community file: %w", err)
	}
	defer f.Close()
	var out []netdevsec.Secret
	sc := bufio.NewScanner(io.LimitReader(f, maxCommunityFile))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, netdevsec.NewSecret(l))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("community file %s: %w", p, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("community file %s: no community", p)
	}
	return out, nil
}

// snmpProblems lists why an agent fails: default communities answered,
// SNMPv3 users without authentication.
func snmpProblems(r *snmp.Result) []string {
	var out []string
	for _, a := range r.Accepted {
		if a.Default {
			out = append(out, fmt.Sprintf("answers a default community over v%s (router.snmp.default-community)", a.Version))
		}
	}
	for _, u := range r.NoAuthUsers {
		out = append(out, fmt.Sprintf("SNMPv3 user %q answers without authentication (router.snmp.v3-noauth)", u))
	}
	return out
}

func writeSNMPText(w io.Writer, results []snmpHostProbe) {
	var b strings.Builder
	row := func(k, v string) { fmt.Fprintf(&b, "  %-13s %s\n", k, v) }
	for i, hp := range results {
		if i > 0 {
			b.WriteString("\n")
		}
		if hp.Result == nil {
			fmt.Fprintf(&b, "%s  ERROR\n", hp.Host)
			row("error", hp.Error)
			continue
		}
		r := hp.Result
		verdict := "PASS"
		switch {
		case len(hp.Problems) > 0:
			verdict = "FAIL"
		case !r.Responded:
			verdict = "NO ANSWER"
		}
		fmt.Fprintf(&b, "%s  %s\n", hp.Host, verdict)
		row("responded", yesNo(r.Responded))
		var acc []string
		for _, a := range r.Accepted {
			kind := "user-supplied community"
			if a.Default {
				kind = "default community"
			}
			acc = append(acc, fmt.Sprintf("v%s %s", a.Version, kind))
		}
		accepted := fmt.Sprintf("%d of %d tried", len(r.Accepted), r.Tried)
		if len(acc) > 0 {
			accepted += ": " + strings.Join(acc, ", ")
		}
		row("accepted", accepted)
		if r.Engine != nil {
			row("v3 engine", fmt.Sprintf("%s (enterprise %d, boots %d, up %ds)", r.Engine.ID, r.Engine.Enterprise, r.Engine.Boots, r.Engine.Time))
		}
		if len(r.NoAuthUsers) > 0 {
			row("v3 no-auth", strings.Join(r.NoAuthUsers, ", "))
		}
		if len(r.UnknownUsers) > 0 {
			row("v3 unknown", strings.Join(r.UnknownUsers, ", ")+" (the agent tells unknown users apart)")
		}
		if r.SysDescr != "" {
			d, _, _ := strings.Cut(r.SysDescr, "\n")
			row("sysDescr", strings.TrimSpace(d))
		}
		if id := r.Identity; id.Vendor != "" {
			row("identity", strings.TrimSpace(strings.Join([]string{id.Vendor, id.OS, id.Model, id.Version}, " ")))
		}
		if hp.Error != "" {
			row("error", hp.Error)
		}
		for _, p := range hp.Problems {
			row("problem", p)
		}
	}
	io.WriteString(w, b.String())
}
