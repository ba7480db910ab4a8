package hylafax_test

import (
	"fmt"
	"strings"

	"github.com/netdevsec/netdevsec/fax/hylafax"
)

func ExampleParseHosts() {
	h, _ := hylafax.ParseHosts(strings.NewReader("localhost:21::\n.*@pc-.*\\.example\\.jp:::\n^tanaka@pc1\\.example\\.jp$:101:$6$salt$hash\n"), "hosts.hfaxd")
	for _, e := range h.Entries {
		fmt.Printf("%s anchored=%v password=%v (%v)\n", e.Pattern, e.Anchored, !e.Password.IsZero(), e.Password)
	}
	// Output:
	// localhost anchored=true password=false ()
	// .*@pc-.*\.example\.jp anchored=false password=false ()
	// ^tanaka@pc1\.example\.jp$ anchored=true password=true ([REDACTED])
}

func ExampleRecords() {
	log := "11/24/26 10:31\tSEND\t00000103\tttyACM0\t12\t\"\"\tsato@pc\t\"06-6123-4567\"\t\"+81 6 6999 1212\"\t4239\t4\t0:02:05\t0:01:48\t\"\"\n" +
		"garbage\n"
	for r, err := range hylafax.Records(strings.NewReader(log), "xferfaxlog", nil) {
		if err != nil {
			fmt.Println("skipped:", err)
			continue
		}
		fmt.Println(r.Kind, r.Number, r.RemoteID, r.Pages, r.Location)
	}
	// Output:
	// SEND 06-6123-4567 +81 6 6999 1212 4 xferfaxlog:1
	// skipped: xferfaxlog:2: malformed xferfaxlog record: not tab-separated
}
