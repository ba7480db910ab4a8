package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// probeKinds lists the protocols "netdevsec probe" knows. Each entry
// lives in its own file: cmd_probe.go (ssh), cmd_probe_snmp.go (snmp).
func probeKinds() []command {
	return []command{
		{"ssh", "ssh [flags] HOST[:PORT]...   audit SSH servers: banner, algorithms, host key, auth methods", probeSSH},
		{"snmp", "snmp [flags] HOST[:PORT]...  SNMP default communities, v3 engine and no-auth users, sysDescr", probeSNMP},
	}
}

// cmdProbe dispatches "netdevsec probe KIND ...".
func cmdProbe(ctx context.Context, e *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		probeUsage(e.Stderr)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, k := range probeKinds() {
		if k.name == args[0] {
			return k.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.Stderr, "netdevsec probe: unknown protocol %q\n\n", args[0])
	probeUsage(e.Stderr)
	return ExitUsage
}

func probeUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("Usage: netdevsec probe PROTOCOL [flags] HOST...\n\nProbes live devices (only the hosts you name). Protocols:\n")
	for _, k := range probeKinds() {
		b.WriteString("  netdevsec probe " + k.usage + "\n")
	}
	b.WriteString("\nExit codes: 0 nothing insecure, 3 insecure settings found, 2 usage error or a host could not be probed.\n")
	io.WriteString(w, b.String())
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// sshProbeSchema versions the JSON output of "probe ssh".
const sshProbeSchema = "netdevsec.probe.ssh/v1"

// sshProbeReport is the JSON document of "probe ssh".
type sshProbeReport struct {
	Schema string         `json:"schema"`
	Hosts  []sshHostProbe `json:"hosts"`
}

// sshHostProbe is one host's outcome: a result or an error.
type sshHostProbe struct {
	Host   string           `json:"host"`
	Result *probessh.Result `json:"result,omitempty"`
	Error  string           `json:"error,omitempty"`
	// Problems are the reasons this host fails (insecure algorithms,
	// Terrapin, host key mismatch, no authentication, SSH-1).
	Problems []string `json:"problems,omitempty"`
}

func probeSSH(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "probe ssh", "probe ssh [flags] HOST[:PORT]...\n\n"+
		"Reads each server's banner and offered algorithms, rates them, verifies its host key\n"+
		"and lists the authentication methods it offers (no credential is sent).\n"+
		"Host keys are checked against --known-hosts files (default ~/.ssh/known_hosts)\n"+
		"or pinned --fingerprint values.")
	var knownHosts, fingerprints stringList
	fs.Var(&knownHosts, "known-hosts", "verify host keys with this known_hosts `FILE` (repeatable)")
	fs.Var(&fingerprints, "fingerprint", "accept a host key with this `SHA256:...` fingerprint (repeatable)")
	insecure := fs.Bool("insecure-ignore-host-key", false, "INSECURE: accept any host key (a man in the middle goes unnoticed)")
	timeout := fs.Duration("timeout", probessh.DefaultTimeout, "per-connection `timeout`")
	format := fs.String("format", "text", "output format: text or json")
	concurrency := fs.Int("concurrency", 8, "hosts probed at once")
	hosts, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.Stderr, "netdevsec probe ssh: "+format+"\n", a...)
		return ExitUsage
	}
	if len(hosts) == 0 {
		return usageErr("give at least one HOST[:PORT]")
	}
	if *format != "text" && *format != "json" {
		return usageErr("unknown format %q (want text or json)", *format)
	}
	if *timeout <= 0 {
		return usageErr("--timeout must be positive")
	}
	if *concurrency < 1 {
		return usageErr("--concurrency must be at least 1")
	}
	if len(knownHosts) == 0 && len(fingerprints) == 0 && !*insecure {
		if home := e.getenv("HOME"); home != "" {
			if p := filepath.Join(home, ".ssh", "known_hosts"); fileExists(p) {
				knownHosts = append(knownHosts, p)
			}
		}
	}
	if len(knownHosts) == 0 && len(fingerprints) == 0 && !*insecure {
		return usageErr("no host key policy: give --known-hosts FILE or --fingerprint SHA256:... (or, insecurely, --insecure-ignore-host-key)")
	}
	if *insecure {
		fmt.Fprintln(e.Stderr, "netdevsec probe ssh: WARNING: --insecure-ignore-host-key: host keys are not verified")
	}
	p, err := probessh.New(probessh.Options{
		Timeout: *timeout, KnownHostsFiles: knownHosts, Fingerprints: fingerprints, InsecureIgnoreHostKey: *insecure,
	})
	if err != nil {
		return usageErr("%v", err)
	}

	results := make([]sshHostProbe, len(hosts))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
		sem  = make(chan struct{}, *concurrency)
	)
	fmt.Fprintf(e.Stderr, "probing %d host(s), %d at a time\n", len(hosts), *concurrency)
	for i, h := range hosts {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				results[i] = sshHostProbe{Host: h, Error: ctx.Err().Error()}
				return
			}
			defer func() { <-sem }()
			start := time.Now()
			r, err := p.Audit(ctx, h)
			hp := sshHostProbe{Host: h, Result: r}
			if err != nil {
				hp.Error = err.Error()
			} else {
				hp.Problems = sshProblems(r)
			}
			results[i] = hp
			mu.Lock()
			done++
			status := "ok"
			switch {
			case err != nil:
				status = "error: " + err.Error()
			case len(hp.Problems) > 0:
				status = fmt.Sprintf("%d problem(s)", len(hp.Problems))
			}
			fmt.Fprintf(e.Stderr, "[%d/%d] %s: %s (%s)\n", done, len(hosts), h, status, time.Since(start).Round(time.Millisecond))
			mu.Unlock()
		})
	}
	wg.Wait()

	if *format == "json" {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sshProbeReport{Schema: sshProbeSchema, Hosts: results}); err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec probe ssh: %v\n", err)
			return ExitInternal
		}
	} else {
		writeSSHText(e.Stdout, results)
	}
	failed, errored := false, false
	for _, r := range results {
		failed = failed || len(r.Problems) > 0
		errored = errored || r.Error != ""
	}
	switch {
	case failed:
		return ExitFindings
	case errored:
		return ExitUsage
	}
	return ExitOK
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// sshProblems lists why a probed server fails: insecure algorithms,
// Terrapin exposure, SSH-1, login without credentials, a mismatched host
// key.
func sshProblems(r *probessh.Result) []string {
	var out []string
	if r.Identification.SupportsSSH1() {
		out = append(out, "offers protocol SSH-1")
	}
	for _, rt := range r.Ratings {
		if rt.Level == probessh.LevelInsecure {
			out = append(out, fmt.Sprintf("insecure %s algorithm %s (%s; %s)", rt.Category, rt.Algorithm, rt.Reason, rt.Reference))
		}
	}
	if r.TerrapinExposed {
		out = append(out, "exposed to Terrapin (CVE-2023-48795): no strict key exchange")
	}
	if r.NoneAuthAccepted {
		out = append(out, "accepts logins without any credential (none authentication)")
	}
	if r.HostKey.Status == probessh.HostKeyMismatch {
		out = append(out, "host key does not match the known or pinned key: possible man in the middle")
	}
	return out
}

func writeSSHText(w io.Writer, results []sshHostProbe) {
	var b strings.Builder
	row := func(k, v string) { fmt.Fprintf(&b, "  %-13s %s\n", k, v) }
	for i, hp := range results {
		if i > 0 {
			b.WriteString("\n")
		}
		if hp.Error != "" {
			fmt.Fprintf(&b, "%s  ERROR\n", hp.Host)
			row("error", hp.Error)
			continue
		}
		r := hp.Result
		verdict := "PASS"
		if len(hp.Problems) > 0 {
			verdict = "FAIL"
		}
		fmt.Fprintf(&b, "%s  %s\n", r.Addr, verdict)
		row("banner", r.Identification.Raw)
		for _, l := range r.Identification.PreBanner {
			row("pre-banner", l)
		}
		hk := string(r.HostKey.Status)
		if r.HostKey.Type != "" {
			hk += " " + r.HostKey.Type + " " + r.HostKey.Fingerprint
		}
		row("host key", hk)
		switch {
		case r.AuthMethods == nil:
			row("auth methods", "unknown")
		case len(r.AuthMethods) == 0:
			row("auth methods", "(none offered)")
		default:
			row("auth methods", strings.Join(r.AuthMethods, ", "))
		}
		if r.HandshakeError != "" {
			row("handshake", r.HandshakeError)
		}
		row("strict kex", yesNo(r.StrictKex)+", Terrapin "+map[bool]string{true: "EXPOSED", false: "not exposed"}[r.TerrapinExposed])
		row("kex", strings.Join(r.Algorithms.Kex, ", "))
		row("host key algs", strings.Join(r.Algorithms.HostKey, ", "))
		// Directions that differ get a row each (short names keep the column).
		both := func(name, short string, cs, sc []string) {
			if slices.Equal(cs, sc) {
				row(name, strings.Join(sc, ", "))
				return
			}
			row(short+" c>s", strings.Join(cs, ", "))
			row(short+" s>c", strings.Join(sc, ", "))
		}
		both("ciphers", "ciphers", r.Algorithms.CiphersClientServer, r.Algorithms.CiphersServerClient)
		both("macs", "macs", r.Algorithms.MACsClientServer, r.Algorithms.MACsServerClient)
		both("compression", "compr", r.Algorithms.CompressionClientServer, r.Algorithms.CompressionServerClient)
		for _, rt := range r.Ratings {
			if rt.Level == probessh.LevelWeak || rt.Level == probessh.LevelInsecure || rt.Level == probessh.LevelUnknown {
				line := fmt.Sprintf("%s %s: %s", rt.Category, rt.Algorithm, rt.Reason)
				if rt.Reference != "" {
					line += " [" + rt.Reference + "]"
				}
				row(rt.Level.String(), line)
			}
		}
		for _, p := range hp.Problems {
			// Insecure algorithms are listed just above.
			if !strings.HasPrefix(p, "insecure ") {
				row("problem", p)
			}
		}
	}
	io.WriteString(w, b.String())
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
