package syslog_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec/logging/syslog"
)

func ExampleParser_Parse() {
	p := syslog.NewParser(&syslog.Options{Reference: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	var ev syslog.Event
	for _, line := range []string{
		`<189>57: *Mar  1 18:46:11.123: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.100)`,
		`<86>Nov 20 10:01:05 dropbear[1236]: Bad password attempt for 'root' from 198.51.100.7:50002`,
		`<134>PP[01] Rejected at IN(2000) filter: TCP 203.0.113.5:4433 > 192.0.2.3:22`,
	} {
		_ = p.Parse([]byte(line), &ev)
		fmt.Printf("%s %s host=%q app=%q user=%q src=%s time=%s (%s)\n",
			ev.Vendor, ev.Kind, ev.Host, ev.App, ev.User, ev.Src, ev.Time.Format(time.DateTime), ev.TimeQuality)
	}
	// Output:
	// cisco config-change host="" app="" user="admin" src=192.0.2.100 time=2026-03-01 18:46:11 (year-inferred,zone-missing,unsynchronised)
	// openwrt auth-failure host="" app="dropbear" user="root" src=198.51.100.7 time=2026-11-20 10:01:05 (year-inferred,zone-missing)
	// yamaha denied host="" app="" user="" src=203.0.113.5 time=0001-01-01 00:00:00 (missing)
}

func ExampleScanner() {
	msg := "<34>1 2026-10-11T22:14:15+00:00 router1 su - - -  test forward"
	stream := fmt.Sprintf("%d %s", len(msg), msg) + // octet-counted (RFC 6587)
		"<34>Oct 11 22:14:15 router1 su: a line\n" // LF-terminated
	sc := syslog.NewScanner(strings.NewReader(stream), nil)
	for sc.Scan() {
		fmt.Printf("%d: %s\n", sc.Line(), sc.Bytes())
	}
	// Output:
	// 1: <34>1 2026-10-11T22:14:15+00:00 router1 su - - -  test forward
	// 2: <34>Oct 11 22:14:15 router1 su: a line
}
