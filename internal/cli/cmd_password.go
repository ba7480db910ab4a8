package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/password"
)

// maxPasswordInput bounds what "password check" reads from stdin.
const maxPasswordInput = 1 << 20

// cmdPassword dispatches "netdevsec password check|scan".
func cmdPassword(ctx context.Context, e *Env, args []string) int {
	usage := "Usage: netdevsec password check [flags]   judge one password read from stdin or a prompt (never an argument)\n" +
		"       netdevsec password scan [flags] FILE...  find secrets kept in clear or weakly in config files\n" +
		"       netdevsec password live [flags] HOST...  try an approved list of factory defaults over SSH and SNMP\n\n" +
		"Exit codes: 0 pass, 3 failing verdict or secrets found, 2 usage or input error.\n"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		io.WriteString(e.Stderr, usage)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	switch args[0] {
	case "check":
		return passwordCheck(ctx, e, args[1:])
	case "scan":
		return passwordScan(ctx, e, args[1:])
	case "live":
		return passwordLive(ctx, e, args[1:])
	}
	fmt.Fprintf(e.Stderr, "netdevsec password: unknown subcommand %q\n\n%s", args[0], usage)
	return ExitUsage
}

// readSecret reads the password: with a terminal on stdin, a prompt on
// stderr without echo; otherwise the first line of stdin.
func readSecret(e *Env) (netdevsec.Secret, error) {
	if f, ok := e.Stdin.(*os.File); ok && e.isTerminal(e.Stdin) {
		fmt.Fprint(e.Stderr, "Password (not echoed): ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.Stderr)
		if err != nil {
			return netdevsec.Secret{}, fmt.Errorf("read password: %w", err)
		}
		return netdevsec.NewSecret(string(b)), nil
	}
	if e.Stdin == nil {
		return netdevsec.Secret{}, errors.New("no standard input to read the password from")
	}
	br := bufio.NewReaderSize(io.LimitReader(e.Stdin, maxPasswordInput+1), 4096)
	line, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return netdevsec.Secret{}, fmt.Errorf("read password: %w", err)
	}
	if len(line) > maxPasswordInput {
		return netdevsec.Secret{}, fmt.Errorf("password longer than %d bytes", maxPasswordInput)
	}
	if line == "" && errors.Is(err, io.EOF) {
		return netdevsec.Secret{}, errors.New("no password on standard input")
	}
	return netdevsec.NewSecret(strings.TrimRight(line, "\r\n")), nil
}

func passwordCheck(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "password check", "password check [flags] < password\n\n"+
		"Judges one password: factory default for the vendor/model, common-password\n"+
		"blocklist, device-derived words, zxcvbn-compatible strength, and the policy\n"+
		"profiles (each reason cites its source). The password is read from standard\n"+
		"input or a prompt without echo, never from an argument, and never printed.")
	var cw password.ContextWords
	fs.StringVar(&cw.Vendor, "vendor", "", "device vendor (scopes the factory-default database)")
	fs.StringVar(&cw.Model, "model", "", "device model")
	fs.StringVar(&cw.Hostname, "hostname", "", "device host name (context word)")
	fs.StringVar(&cw.SSID, "ssid", "", "Wi-Fi SSID (context word)")
	fs.StringVar(&cw.Serial, "serial", "", "serial number (context word, serial-derived defaults)")
	fs.StringVar(&cw.MAC, "mac", "", "MAC address (context word, MAC-derived defaults)")
	user := fs.String("user", "", "account name")
	kind := fs.String("kind", "login", "credential kind: login, enable, snmp-community, sip-secret, wifi-psk, pin, fax-admin, other")
	ext := fs.String("extension", "", "PBX extension of a PIN (with --kind pin)")
	var profiles stringList
	fs.Var(&profiles, "profile", "policy `profile`: ciaj-2019, nist-800-63b-4 (repeatable; default both)")
	minScore := fs.Int("min-score", 0, "strength score (0-4) required (default 3)")
	mfa := fs.Bool("multi-factor", false, "the password is one factor of several (NIST minimum 8 instead of 15)")
	hibpFile := fs.String("hibp-file", "", "Have I Been Pwned style `FILE` of SHA-1 hashes (HASH:COUNT per line), read once, streaming")
	hibpNTLM := fs.Bool("hibp-ntlm", false, "the --hibp-file holds NTLM hashes")
	format := fs.String("format", "text", "output format: text or json")
	lang := fs.String("lang", "", "language of rule titles: en or ja (default from the locale)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintln(e.Stderr, "netdevsec password check: the password is read from standard input or a prompt, never from an argument")
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(e.Stderr, "netdevsec password check: unknown format %q (want text or json)\n", *format)
		return ExitUsage
	}
	l := netdevsec.LangFromEnv(e.getenv)
	if *lang != "" {
		var err error
		if l, err = netdevsec.ParseLang(*lang); err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec password check: %v\n", err)
			return ExitUsage
		}
	}
	opts := &password.CheckOptions{MinScore: *minScore, MultiFactor: *mfa}
	for _, id := range profiles {
		for _, id := range strings.Split(id, ",") {
			p, ok := password.ProfileByID(strings.TrimSpace(id))
			if !ok {
				fmt.Fprintf(e.Stderr, "netdevsec password check: unknown profile %q (want ciaj-2019, nist-800-63b-4 or pin)\n", id)
				return ExitUsage
			}
			opts.Profiles = append(opts.Profiles, p)
		}
	}
	pw, err := readSecret(e)
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec password check: %v\n", err)
		return ExitUsage
	}
	v, err := password.NewChecker(opts).Check(ctx, pw, password.Input{Kind: password.Kind(*kind), User: *user, Extension: *ext, Context: cw})
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec password check: %v\n", err)
		return ExitUsage
	}
	if *hibpFile != "" {
		mode := password.HashSHA1
		if *hibpNTLM {
			mode = password.HashNTLM
		}
		f, err := os.Open(*hibpFile)
		if err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec password check: %v\n", err)
			return ExitUsage
		}
		counts, err := password.LookupHashFile(ctx, f, *hibpFile, mode, []netdevsec.Secret{pw})
		f.Close()
		var hfe *password.HashFileError
		if err != nil && !errors.As(err, &hfe) {
			fmt.Fprintf(e.Stderr, "netdevsec password check: %v\n", err)
			return ExitUsage
		}
		if hfe != nil {
			fmt.Fprintf(e.Stderr, "netdevsec password check: %v\n", hfe)
		}
		if counts[0] > 0 {
			v.Failures = append(v.Failures, password.BreachedReason(counts[0]))
			v.Pass = false
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec password check: %v\n", err)
			return ExitUsage
		}
	} else {
		writeVerdict(e.Stdout, v, l)
	}
	if !v.Pass {
		return ExitFindings
	}
	return ExitOK
}

func writeVerdict(w io.Writer, v password.Verdict, l netdevsec.Lang) {
	titles := map[string]netdevsec.Text{}
	for _, r := range password.Rules() {
		titles[r.ID] = r.Title
	}
	var b strings.Builder
	if v.Estimated {
		fmt.Fprintf(&b, "Strength: score %d of 4 (about 10^%.1f guesses)\n", v.Score, v.GuessesLog10)
		if len(v.Patterns) > 0 {
			ps := make([]string, len(v.Patterns))
			for i, p := range v.Patterns {
				ps[i] = p.String()
			}
			fmt.Fprintf(&b, "Patterns: %s\n", strings.Join(ps, ", "))
		}
	}
	for _, r := range v.Failures {
		fmt.Fprintf(&b, "FAIL %s — %s: %s\n", r.RuleID, titles[r.RuleID].In(l), r.Message)
		fmt.Fprintf(&b, "     %s\n", r.Cite)
	}
	for _, c := range v.Conflicts {
		fmt.Fprintf(&b, "NOTE policy conflict (%s): %s\n", c.Code, c.Message)
	}
	if v.Pass {
		b.WriteString("Verdict: PASS\n")
	} else {
		b.WriteString("Verdict: FAIL\n")
	}
	io.WriteString(w, b.String())
}

func passwordScan(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "password scan", "password scan [flags] FILE...\n\n"+
		"Finds secrets kept in clear, reversibly (Cisco type 7) or as weak hashes in\n"+
		"config files (Cisco IOS, Yamaha RTX, Asterisk, OpenWrt, hostapd, net-snmp,\n"+
		"key=value). Prints file:line and the kind of secret, never its value.")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintln(e.Stderr, "netdevsec password scan: give at least one config file")
		return ExitUsage
	}
	exit := ExitOK
	for _, name := range pos {
		if ctx.Err() != nil {
			return ExitInternal
		}
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec password scan: %v\n", err)
			exit = ExitUsage
			continue
		}
		s, err := password.ScanConfig(name, f)
		f.Close()
		if err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec password scan: %v\n", err)
			exit = ExitUsage
		}
		for _, le := range s.Errors {
			fmt.Fprintf(e.Stderr, "netdevsec password scan: %v\n", le)
		}
		for _, sc := range s.Secrets {
			c := sc.Credential
			verdict := "ok"
			switch {
			case c.Empty:
				verdict = "EMPTY"
			case c.Storage == password.StoragePlaintext:
				verdict = "CLEARTEXT"
			case c.Storage == password.StorageReversible:
				verdict = "REVERSIBLE"
			case c.Storage == password.StorageWeakHash:
				verdict = "WEAK-HASH"
			}
			if verdict != "ok" && exit == ExitOK {
				exit = ExitFindings
			}
			fmt.Fprintf(e.Stdout, "%s\t%s\t%s\t%s\t%s\n", sc.Location, verdict, c.Kind, sc.Form, c.Name)
		}
		if s.PasswordEncryption != nil && !*s.PasswordEncryption {
			fmt.Fprintf(e.Stdout, "%s\tNOTE\tservice password-encryption is off\n", name)
		}
	}
	return exit
}

// envFleetKey names the environment variable holding the fleet key (hex,
// 32 bytes or more) that links password fingerprints across runs.
const envFleetKey = "NETDEVSEC_FLEET_KEY"

// passwordAuditor returns the password rule set for an audit of inv: it
// sees the whole fleet (reuse detection), resolves env credential
// references through e, and keys fingerprints with NETDEVSEC_FLEET_KEY
// when set (else a random key per run). auditorsFor should use it in
// place of the zero password.Auditor of auditors().
func passwordAuditor(e *Env, inv *inventory.Inventory) (*password.Auditor, error) {
	opts := &password.AuditorOptions{Getenv: e.getenv}
	if k := e.getenv(envFleetKey); k != "" {
		key, err := password.ParseFleetKey(k)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", envFleetKey, err)
		}
		opts.FleetKey = key
	}
	return password.NewAuditor(inv, opts)
}

// readApproved reads an approved-defaults file: "ssh USER PASSWORD" or
// "snmp COMMUNITY" per line, '#' comments. Errors name file:line, never
// the value.
func readApproved(name string) ([]password.LiveCredential, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []password.LiveCredential
	sc := bufio.NewScanner(io.LimitReader(f, 1<<20))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		proto, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		switch proto {
		case "ssh":
			user, pw, ok := strings.Cut(rest, " ")
			if !ok || user == "" {
				return nil, fmt.Errorf("%s:%d: want \"ssh USER PASSWORD\"", name, n)
			}
			out = append(out, password.LiveCredential{Protocol: "ssh", User: user, Password: netdevsec.NewSecret(pw)})
		case "snmp":
			if rest == "" {
				return nil, fmt.Errorf("%s:%d: want \"snmp COMMUNITY\"", name, n)
			}
			out = append(out, password.LiveCredential{Protocol: "snmp", Password: netdevsec.NewSecret(rest)})
		default:
			return nil, fmt.Errorf("%s:%d: protocol must be ssh or snmp", name, n)
		}
	}
	return out, sc.Err()
}

func passwordLive(ctx context.Context, e *Env, args []string) int {
	fs := newFlagSet(e, "password live", "password live [flags] HOST[:SSHPORT]...\n\n"+
		"Tries a small approved list of factory defaults against devices you are\n"+
		"authorised to test: SSH password and keyboard-interactive logins (only after\n"+
		"the host key verifies) and SNMP v1/v2c communities, paced, at most\n"+
		"--max-attempts per host (never more than 20). Secrets are never printed.")
	approved := fs.String("approved", "", "`FILE` of approved defaults: \"ssh USER PASSWORD\" or \"snmp COMMUNITY\" per line")
	useDB := fs.Bool("use-database", false, "also try the database's SSH and SNMP defaults for --vendor/--model")
	vendor := fs.String("vendor", "", "device vendor (with --use-database)")
	model := fs.String("model", "", "device model (with --use-database)")
	var known, fps stringList
	fs.Var(&known, "known-hosts", "known_hosts `FILE` to verify SSH host keys (repeatable)")
	fs.Var(&fps, "fingerprint", "pinned SSH host key `SHA256:...` (repeatable)")
	maxAttempts := fs.Int("max-attempts", 0, "attempts per host (default 6, at most 20)")
	interval := fs.Duration("interval", 0, "pause between SSH attempts (default 1s)")
	snmpPort := fs.Int("snmp-port", 0, "SNMP UDP port (default 161)")
	timeout := fs.Duration("timeout", 0, "bound on one attempt (default 10s)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 || (*approved == "" && !*useDB) {
		fmt.Fprintln(e.Stderr, "netdevsec password live: give --approved FILE (or --use-database) and at least one host")
		return ExitUsage
	}
	opts := &password.LiveOptions{UseDatabase: *useDB, MaxAttempts: *maxAttempts, Interval: *interval, SNMPPort: *snmpPort,
		KnownHostsFiles: known, Fingerprints: fps, Timeout: *timeout}
	if *approved != "" {
		list, err := readApproved(*approved)
		if err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec password live: %v\n", err)
			return ExitUsage
		}
		opts.Approved = list
	}
	exit := ExitOK
	for _, host := range pos {
		r, err := password.LiveCheck(ctx, password.LiveTarget{Device: host, Address: host, Vendor: *vendor, Model: *model}, opts)
		if err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec password live: %s: %v\n", host, err)
			exit = max(exit, ExitUsage)
			continue
		}
		for _, f := range password.LiveFindings(host, r) {
			fmt.Fprintf(e.Stdout, "%s\t%s\t%s\n", host, strings.ToUpper(f.Status.String()), f.Message)
			for _, ev := range f.Evidence {
				if ev.Key == "problem" {
					fmt.Fprintf(e.Stdout, "%s\t\t%s\n", host, ev.Value)
				}
			}
			if f.Status == netdevsec.StatusFail {
				exit = ExitFindings
			}
		}
		fmt.Fprintf(e.Stdout, "%s\t\t%d attempt(s), %d skipped by the cap\n", host, len(r.Attempts), r.Skipped)
	}
	return exit
}
