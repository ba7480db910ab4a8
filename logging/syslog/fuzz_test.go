package syslog_test

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/netdevsec/netdevsec/logging/syslog"
)

func seedCorpus(f *testing.F) {
	for _, l := range corpus(f) {
		f.Add(l)
	}
	f.Add([]byte("<999>x"))
	f.Add([]byte("<1>1 - - - - - -"))
	f.Add([]byte("[2026-13-45 99:99:99] X[1] y: z"))
}

// FuzzParse: any input parses without panic, and every string the event
// carries comes from the record itself (nothing is invented).
func FuzzParse(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, line []byte) {
		for _, ref := range []time.Time{{}, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)} {
			p := syslog.NewParser(&syslog.Options{Reference: ref})
			var ev syslog.Event
			if err := p.Parse(line, &ev); err != nil {
				continue
			}
			for _, s := range []string{ev.Host, ev.App, ev.PID, ev.MsgID, ev.User, ev.Src, ev.Dst, ev.MAC, ev.Iface, ev.Counter, ev.Sequence} {
				if s != "" && !strings.Contains(ev.Raw, s) {
					t.Fatalf("field %q not in record %q", s, ev.Raw)
				}
			}
			if ev.TimeQuality&syslog.TimeMissing != 0 && !ev.Time.IsZero() {
				t.Fatalf("time %v with TimeMissing", ev.Time)
			}
			if ev.TimeQuality&syslog.TimeMissing == 0 && ev.Time.IsZero() {
				t.Fatalf("zero time without TimeMissing: %q", line)
			}
		}
	})
}

// FuzzScanner: any stream frames without panic, records respect the
// maximum size, and the reader is consumed to the end or an error.
func FuzzScanner(f *testing.F) {
	f.Add([]byte("63 <34>1 2026-10-11T22:14:15+00:00 router1 su - - -  test forward\n<34>Oct 11 22:14:15 a b: c\n"))
	f.Add([]byte("5 <1>ab3 <1>\n"))
	f.Add([]byte("99999999999 <"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fr := range []syslog.Framing{syslog.FramingAuto, syslog.FramingLF, syslog.FramingOctetCounting} {
			sc := syslog.NewScanner(bytes.NewReader(data), &syslog.ScanOptions{Framing: fr, MaxRecord: 64})
			n := 0
			for sc.Scan() {
				if len(sc.Bytes()) > 64 {
					t.Fatalf("record of %d bytes", len(sc.Bytes()))
				}
				n++
				if n > len(data)+1 {
					t.Fatal("more records than bytes")
				}
			}
			if sc.Err() == nil && sc.Offset() != int64(len(data)) {
				t.Fatalf("stopped at %d of %d without error", sc.Offset(), len(data))
			}
		}
	})
}

var _ io.Reader = (*bytes.Reader)(nil)

// decoderPrefixes put a fuzzed body behind the header each vendor
// decoder dispatches on, so that every decoder sees arbitrary input.
var decoderPrefixes = []string{
	"<189>57: rtr1: Nov 20 10:00:01.123 JST: %",                  // Cisco
	"<38>Nov 20 10:15:32 srx1 mgd[1]: UI_COMMIT: ",               // Junos
	"<14>Nov 20 10:15:32 srx1 RT_FLOW: RT_FLOW_SESSION_CREATE: ", // Junos flow
	"<185>date=", // FortiGate
	"<30>Nov 20 10:00:00 MikroTik system,info,account ",                    // MikroTik topics
	"<30>Nov 20 10:00:00 MikroTik firewall,info drop input: in:",           // MikroTik firewall
	"2026/11/20 10:00:00: ",                                                // Yamaha
	"2026/11/20 10:00:00: [INSPECT] ",                                      // Yamaha
	"2026/11/20 10:00:00: [DHCPD] ",                                        // Yamaha
	"<86>Nov 20 10:01:05 dropbear[1]: ",                                    // OpenWrt
	"Fri Nov 20 10:00:00 2026 daemon.info hostapd: ",                       // OpenWrt
	"Fri Nov 20 10:00:00 2026 daemon.info dnsmasq-dhcp[1]: ",               // OpenWrt
	"Fri Nov 20 10:00:00 2026 daemon.notice netifd: ",                      // OpenWrt
	"Nov 20 10:00:00 gw sshd[1]: ",                                         // OpenSSH
	"[2026-11-20 10:00:00] SECURITY[1] res_security_log.c: SecurityEvent=", // Asterisk
	"<29>Nov 20 10:03:00 pbx1 asterisk[1]: NOTICE[2]: chan_sip.c:1 in f: ", // Asterisk syslog
}

// FuzzDecode: every vendor body decoder takes arbitrary input without
// panic and without inventing fields.
func FuzzDecode(f *testing.F) {
	for _, l := range corpus(f) {
		f.Add(uint8(0), string(l))
	}
	f.Add(uint8(5), `ether1 out:(unknown 0), proto TCP (SYN), 1.2.3.4:5->6.7.8.9:10, len 44`)
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		line := decoderPrefixes[int(which)%len(decoderPrefixes)] + body
		var ev syslog.Event
		if err := syslog.NewParser(nil).ParseString(line, &ev); err != nil {
			return
		}
		for _, s := range []string{ev.User, ev.Src, ev.SrcPort, ev.Dst, ev.DstPort, ev.MAC, ev.Iface, ev.MsgID, ev.Reason} {
			if s != "" && !strings.Contains(ev.Raw, s) {
				t.Fatalf("field %q not in record %q", s, ev.Raw)
			}
		}
	})
}
