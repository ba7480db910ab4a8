// Command faxconfirm shows how a fax gateway or MFP front end embeds
// package fax for the guideline's two sending safeguards:
//
//  1. Double entry (CIAJ-4.4-1): the destination is keyed twice and the
//     send proceeds only when both entries denote the same number
//     (fax.ConfirmDestination), with up to three attempts.
//  2. Remote-ID check (CIAJ-4.3-2): once the called machine has sent its
//     CSI (T.30 phase B) and before any page data, the CSI is compared
//     with the dialled number (fax.MatchRemoteID) and the call is dropped
//     on a mismatch.
//
// Optionally, destinations are restricted to an address book (CIAJ-4.3-1).
// The "call" is simulated: the remote CSI is given with -csi.
//
//	go run ./examples/faxconfirm -csi "+81 3 1234 5678"
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/netdevsec/netdevsec/fax"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const attempts = 3

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("faxconfirm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	csi := fs.String("csi", "", "CSI the called machine reports (simulated call)")
	book := fs.String("address-book", "", "comma-separated numbers destinations must come from (empty: any)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	in := bufio.NewScanner(io.LimitReader(stdin, 64<<10))
	ask := func(prompt string) (string, bool) {
		fmt.Fprint(stdout, prompt)
		if !in.Scan() {
			return "", false
		}
		fmt.Fprintln(stdout)
		return in.Text(), true
	}

	var number fax.Number
	for try := 1; ; try++ {
		first, ok1 := ask("Destination:")
		second, ok2 := ask("Destination again:")
		if !ok1 || !ok2 {
			fmt.Fprintln(stdout, "cancelled")
			return 1
		}
		n, err := fax.ConfirmDestination(first, second, nil)
		if err == nil {
			number = n
			break
		}
		switch {
		case errors.Is(err, fax.ErrMismatch):
			fmt.Fprintf(stdout, "The entries differ: %v. Enter the number again.\n", err)
		default:
			fmt.Fprintf(stdout, "Not a fax number: %v.\n", err)
		}
		if try == attempts {
			fmt.Fprintln(stdout, "Too many attempts: nothing was sent.")
			return 1
		}
	}

	if *book != "" && !inBook(number, strings.Split(*book, ",")) {
		fmt.Fprintf(stdout, "%s is not in the address book: nothing was sent.\n", number)
		return 1
	}
	fmt.Fprintf(stdout, "Dialling %s ...\n", number)

	m := fax.MatchRemoteID(number.E164(), *csi, nil)
	switch m.Verdict {
	case fax.VerdictMismatch:
		fmt.Fprintf(stdout, "Remote machine identifies as %q: %s. Call dropped before sending any page.\n", *csi, m.Reason)
		return 1
	case fax.VerdictUnknown:
		fmt.Fprintf(stdout, "Remote identity cannot be checked (%s); sending, and the report will say so.\n", m.Reason)
	default:
		fmt.Fprintf(stdout, "Remote machine confirmed (%s).\n", m.Reason)
	}
	fmt.Fprintln(stdout, "Sending pages.")
	return 0
}

func inBook(n fax.Number, book []string) bool {
	for _, b := range book {
		if _, err := fax.ConfirmDestination(n.String(), b, nil); err == nil {
			return true
		}
	}
	return false
}
