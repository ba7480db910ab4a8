// Command logreview shows how a log collector embeds netdevsec's log
// review: it reads device logs (files or standard input), reviews them
// for the four perspectives of CIAJ-1.4.2 with a few allow-lists, and
// prints one line per finding.
//
//	go run ./examples/logreview router.log
package main

import (
	"context"
	"fmt"
	"io"
	"net/netip"
	"os"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, files []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := review.New(&review.Options{
		Device:       "office-router",
		Location:     time.FixedZone("JST", 9*3600), // stamps without a zone are local time
		Reference:    time.Now(),                    // year-less stamps are placed before now
		KnownUsers:   []string{"admin"},
		KnownMACs:    []string{"00:a0:de:01:02:03"},
		AdminSources: []netip.Prefix{netip.MustParsePrefix("192.168.0.0/16")},
	})
	print := func(f netdevsec.Finding) {
		fmt.Fprintf(stdout, "%s: %s: %s\n", f.Location, f.RuleID, f.Message)
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, name := range files {
		r := stdin
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintln(stderr, err)
				return 2
			}
			defer f.Close()
			r = f
		}
		if err := e.Review(ctx, r, name, print); err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
	}
	for _, f := range e.Summary() {
		if f.Status == netdevsec.StatusFail {
			print(f)
		}
	}
	return 0
}
