package fax_test

import (
	"errors"
	"fmt"

	"github.com/netdevsec/netdevsec/fax"
)

// A device asks for the destination twice and sends only when both
// entries denote the same number.
func ExampleConfirmDestination() {
	n, err := fax.ConfirmDestination("03-1234-5678", "＋８１ ３ １２３４ ５６７８", nil)
	fmt.Println(n, err)

	_, err = fax.ConfirmDestination("03-1234-5678", "03-1234-5687", nil)
	fmt.Println(errors.Is(err, fax.ErrMismatch), err)
	// Output:
	// +81312345678 <nil>
	// true entries do not match: national numbers differ at digit 8 (first +81312345678, second +81312345687)
}

// The same digits mean different things in different numbering plans:
// in Japan "1 (212) 555-0100" is a local number without area code.
func ExampleParseNumber() {
	for _, s := range []string{"0,03-1234-5678 内線 21", "010-44-20-7946-0018", "1 (212) 555-0100"} {
		n, err := fax.ParseNumber(s, nil)
		fmt.Println(n, err)
	}
	us := &fax.DialOptions{CountryCode: "1", TrunkPrefix: "1"}
	n, _ := fax.ParseNumber("1 (212) 555-0100", us)
	fmt.Println(n)
	// Output:
	// +81312345678 ext 21 <nil>
	// +442079460018 <nil>
	// 12125550100 <nil>
	// +12125550100
}

// After the called machine's CSI arrives (T.30 phase B) and before page
// data, compare it with the dialled number.
func ExampleMatchRemoteID() {
	for _, csi := range []string{"+81 3 1234 5678", "1234 5678", "+81 6 6123 4567", "ACME"} {
		m := fax.MatchRemoteID("03-1234-5678", csi, nil)
		fmt.Printf("%-16q %-8v %.2f %s\n", csi, m.Verdict, m.Confidence, m.Reason)
	}
	// Output:
	// "+81 3 1234 5678" match    1.00 remote identity is the dialled number (as keyed)
	// "1234 5678"      match    0.89 last 8 digits of the dialled number match
	// "+81 6 6123 4567" mismatch 1.00 9 of the last 9 digits differ from the dialled number
	// "ACME"           unknown  0.00 remote identity holds no digits (a name, not a number)
}

func ExampleValidateFCode() {
	fmt.Println(fax.ValidateFCode(fax.SUB, "0001"))
	fmt.Println(fax.ValidateFCode(fax.SUB, "box1"))
	fmt.Println(fax.ValidateFCode(fax.PWD, "s3cret")) // never shows the password
	fmt.Println(fax.ValidateIdentity("CSI", "+81 52 123 4567"))
	// Output:
	// <nil>
	// SUB: invalid character 'b' at position 1
	// PWD: invalid character at position 1
	// <nil>
}

// Review a transfer log record by record; here two sends, one of which
// reached a machine that is not the dialled one.
func ExampleTransferAnalyzer() {
	an := fax.NewTransferAnalyzer("fax-1", nil)
	an.Add(fax.Transfer{Kind: fax.KindSend, JobID: "1", Number: "03-1234-5678", RemoteID: "+81 3 1234 5678", Pages: 2})
	an.Add(fax.Transfer{Kind: fax.KindSend, JobID: "2", Number: "06-6123-4567", RemoteID: "+81 6 6999 1212", Pages: 1})
	for _, f := range an.Findings() {
		if f.RuleID == "fax.log.misdirected" {
			fmt.Println(f.Status, f.Message)
		}
	}
	// Output:
	// fail sent to "06-6123-4567" but the remote CSI is "+81 6 6999 1212": 7 of the last 9 digits differ from the dialled number
}
