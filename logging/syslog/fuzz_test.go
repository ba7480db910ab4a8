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
