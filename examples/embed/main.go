// Command embed shows the smallest embedding of netdevsec: facts your own
// system holds go into a rule set's pure Check function, and the findings
// become a report printed in Japanese.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging"
)

func main() {
	// Facts come from your own system; rules are pure functions of them.
	facts := logging.Facts{NTPKnown: true} // the device has no NTP server
	findings := logging.Check("rtr-tokyo-1", facts, time.Now())

	report := netdevsec.NewReport(netdevsec.Tool{Name: "my-nms", Version: "1.0"}, nil, logging.Rules(), findings)
	if err := (netdevsec.TextEncoder{Lang: netdevsec.Japanese}).Encode(os.Stdout, report); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if report.Summary.Failed() {
		fmt.Println("fix the failing findings before putting the device into service")
	}
}
