// Package cli is the netdevsec command line as a testable function: [Run]
// takes the arguments, standard streams and environment and returns the
// exit code; cmd/netdevsec only calls it.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes, documented in README.md.
const (
	ExitOK       = 0 // no failing finding
	ExitInternal = 1 // a bug: the run could not complete
	ExitUsage    = 2 // usage or input error
	ExitFindings = 3 // at least one failing finding
)

// Env is what a command may touch besides its arguments. Tests fill it
// with buffers and a fake environment.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// IsTerminal reports whether a stream is an interactive terminal
	// (colour, prompts, progress); nil means never.
	IsTerminal func(any) bool
}

func (e *Env) getenv(k string) string {
	if e.Getenv == nil {
		return os.Getenv(k)
	}
	return e.Getenv(k)
}

func (e *Env) isTerminal(f any) bool { return e.IsTerminal != nil && e.IsTerminal(f) }

// command is one subcommand: it parses its own flags from args and writes
// to e. It returns an exit code.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, e *Env, args []string) int
}

// commands is the explicit list of subcommands.
func commands() []command {
	return []command{
		{"audit", "audit [INVENTORY]      audit a fleet (the demo fleet when no file is given)", cmdAudit},
		{"rules", "rules                  list every rule and the clauses it serves", cmdRules},
		{"probe", "probe ssh|snmp HOST... probe live devices (SSH algorithms and host key; SNMP communities)", cmdProbe},
		{"password", "password check|scan    judge a password (read from stdin) or scan configs for secrets", cmdPassword},
		{"fax", "fax audit|confirm|match  audit a HylaFAX server and its xferfaxlog, check double entry and CSI", cmdFax},
		{"pbx", "pbx audit|cdr|probe    audit an Asterisk/FreeSWITCH config, review CDRs, probe SIP authentication", cmdPBX},
		{"logs", "logs review|ntp|listen  review device logs (CIAJ-1.4.2), check NTP sources, prove log forwarding", cmdLogs},
		{"firmware", "firmware check --advisories FILE... [INVENTORY]  match installed firmware against advisories", cmdFirmware},
	}
}

// Run runs the netdevsec command line with args (without the program
// name) and returns the exit code.
func Run(ctx context.Context, args []string, e *Env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.Stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.Stderr, "netdevsec: unknown command %q\n\n", args[0])
	usage(e.Stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("netdevsec checks network devices against the CIAJ security guidelines.\n\nUsage:\n")
	for _, c := range commands() {
		b.WriteString("  netdevsec " + c.usage + "\n")
	}
	b.WriteString("\nExit codes: 0 no failing finding, 3 failing findings, 2 usage or input error.\n")
	io.WriteString(w, b.String())
}

// commandGroup is a command with subcommands ("netdevsec pbx audit").
type commandGroup struct {
	name    string // "pbx"
	summary string // one line shown above the subcommands
	exits   string // the exit-code sentence of its usage
	subs    []command
}

// run dispatches args to the named subcommand, or prints the group's
// usage (exit 0 when asked for, 2 when no or an unknown subcommand).
func (g commandGroup) run(ctx context.Context, e *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		g.usage(e.Stderr)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range g.subs {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.Stderr, "netdevsec %s: unknown subcommand %q\n\n", g.name, args[0])
	g.usage(e.Stderr)
	return ExitUsage
}

func (g commandGroup) usage(w io.Writer) {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: netdevsec %s SUBCOMMAND [flags] ...\n\n%s\n", g.name, g.summary)
	for _, c := range g.subs {
		b.WriteString("  netdevsec " + g.name + " " + c.usage + "\n")
	}
	b.WriteString("\n" + g.exits + "\n")
	io.WriteString(w, b.String())
}
