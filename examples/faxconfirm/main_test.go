package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		args  []string
		input string
		code  int
		want  string
	}{
		{name: "confirmed and matched", args: []string{"-csi", "+81 3 1234 5678"}, input: "03-1234-5678\n+81 3 1234 5678\n",
			code: 0, want: "Remote machine confirmed"},
		{name: "second try", args: []string{"-csi", "+81 3 1234 5678"}, input: "03-1234-5678\n03-1234-5687\n03-1234-5678\n０３－１２３４－５６７８\n",
			code: 0, want: "The entries differ"},
		{name: "three mismatches", input: "1\n2\n03\n04\n0312\n0313\n", code: 1, want: "Too many attempts"},
		{name: "misconnection", args: []string{"-csi", "+81 6 6123 4567"}, input: "03-1234-5678\n03-1234-5678\n",
			code: 1, want: "Call dropped before sending any page"},
		{name: "unverifiable CSI", args: []string{"-csi", "ACME"}, input: "03-1234-5678\n03-1234-5678\n",
			code: 0, want: "cannot be checked"},
		{name: "not in the address book", args: []string{"-address-book", "06-6123-4567,052-123-4567"}, input: "03-1234-5678\n03-1234-5678\n",
			code: 1, want: "not in the address book"},
		{name: "in the address book", args: []string{"-address-book", "+81 3 1234 5678", "-csi", "1234 5678"}, input: "03-1234-5678\n03-1234-5678\n",
			code: 0, want: "last 8 digits"},
		{name: "cancelled", input: "03-1234-5678\n", code: 1, want: "cancelled"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out, errb bytes.Buffer
			code := run(tc.args, strings.NewReader(tc.input), &out, &errb)
			assert.Equal(t, tc.code, code, out.String()+errb.String())
			assert.Contains(t, out.String(), tc.want)
		})
	}
}

func Example() {
	run([]string{"-csi", "+81 3 1234 5679"}, strings.NewReader("03-1234-5679\n03-1234-5697\n03-1234-5679\n03 1234 5679\n"), os.Stdout, os.Stderr)
	// Output:
	// Destination:
	// Destination again:
	// The entries differ: entries do not match: national numbers differ at digit 8 (first +81312345679, second +81312345697). Enter the number again.
	// Destination:
	// Destination again:
	// Dialling +81312345679 ...
	// Remote machine confirmed (remote identity is the dialled number (as keyed)).
	// Sending pages.
}
