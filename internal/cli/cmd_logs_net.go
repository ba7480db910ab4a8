package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/forward"
	"github.com/netdevsec/netdevsec/logging/ntpcheck"
)

func logsNTP(ctx context.Context, e *Env, args []string) int {
	fs := flag.NewFlagSet("logs ntp", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	timeout := fs.Duration("timeout", 5*time.Second, "timeout per query")
	minSources := fs.Int("min-sources", 2, "sources that must be usable")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.Stderr, "netdevsec logs ntp: no NTP server given")
		return ExitUsage
	}
	r := ntpcheck.Check(ctx, fs.Args(), &ntpcheck.Options{Timeout: *timeout, MinSources: *minSources})
	for _, s := range r.Sources {
		if s.Reachable {
			fmt.Fprintf(e.Stdout, "%s: %s offset %s stratum %d", s.Server, s.Verdict, s.Offset.Round(time.Microsecond), s.Stratum)
		} else {
			fmt.Fprintf(e.Stdout, "%s: %s", s.Server, s.Verdict)
		}
		for _, p := range s.Problems {
			fmt.Fprintf(e.Stdout, "; %s", p)
		}
		fmt.Fprintln(e.Stdout)
	}
	f := r.Findings("")[0]
	fmt.Fprintf(e.Stdout, "%s %s: %s\n", f.Status, f.RuleID, f.Message)
	if f.Status == netdevsec.StatusFail {
		return ExitFindings
	}
	return ExitOK
}

func logsListen(ctx context.Context, e *Env, args []string) int {
	fs := flag.NewFlagSet("logs listen", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	addr := fs.String("addr", "127.0.0.1:6514", "address to listen on")
	cert := fs.String("tls-cert", "", "server certificate (PEM); enables TLS (RFC 5425)")
	key := fs.String("tls-key", "", "server key (PEM)")
	clientCA := fs.String("client-ca", "", "CA (PEM) that client certificates must chain to; requires client certificates")
	marker := fs.String("marker", "", "text to wait for (default: a new random marker, printed)")
	wait := fs.Duration("timeout", 2*time.Minute, "how long to wait for the marker")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	o := &forward.Options{}
	if *cert != "" || *key != "" {
		c, err := tls.LoadX509KeyPair(*cert, *key)
		if err != nil {
			fmt.Fprintf(e.Stderr, "netdevsec logs listen: %v\n", err)
			return ExitUsage
		}
		o.TLS = &tls.Config{Certificates: []tls.Certificate{c}}
		if *clientCA != "" {
			pem, err := os.ReadFile(*clientCA)
			if err != nil {
				fmt.Fprintf(e.Stderr, "netdevsec logs listen: %v\n", err)
				return ExitUsage
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				fmt.Fprintf(e.Stderr, "netdevsec logs listen: %s: no certificate\n", *clientCA)
				return ExitUsage
			}
			o.TLS.ClientCAs, o.TLS.ClientAuth = pool, tls.RequireAndVerifyClientCert
		}
	}
	m := *marker
	if m == "" {
		m = forward.NewMarker()
	}
	ctx, cancel := context.WithTimeout(ctx, *wait)
	defer cancel()
	l, err := forward.Listen(ctx, *addr, o)
	if err != nil {
		fmt.Fprintf(e.Stderr, "netdevsec logs listen: %v\n", err)
		return ExitUsage
	}
	defer l.Close()
	fmt.Fprintf(e.Stderr, "listening on %s; make the device log a line containing %s\n(e.g. a failed login with that user name)\n", l.Addr(), m)
	r, err := l.Await(ctx, m)
	f := forward.Finding("", m, r, err)
	fmt.Fprintf(e.Stdout, "%s %s: %s\n", f.Status, f.RuleID, f.Message)
	if err == nil {
		fmt.Fprintf(e.Stdout, "%s\n", r.Raw)
		return ExitOK
	}
	return ExitFindings
}
