package syslog_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leodido/go-syslog/v4"
	"github.com/leodido/go-syslog/v4/rfc3164"
	"github.com/leodido/go-syslog/v4/rfc5424"

	nsyslog "github.com/netdevsec/netdevsec/logging/syslog"
)

// corpus returns the mixed-vendor records of testdata/labelled.
func corpus(b testing.TB) [][]byte {
	b.Helper()
	files, _ := filepath.Glob("../testdata/labelled/*.log")
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for l := range bytes.SplitSeq(data, []byte("\n")) {
			if len(l) > 0 && l[0] != '#' {
				out = append(out, l)
			}
		}
	}
	return out
}

// BenchmarkParseClassify is parse + vendor decode + classify over the
// mixed-vendor corpus; ns/op and allocs/op are per record.
func BenchmarkParseClassify(b *testing.B) {
	lines := corpus(b)
	p := nsyslog.NewParser(&nsyslog.Options{Reference: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	var ev nsyslog.Event
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		_ = p.Parse(lines[i%len(lines)], &ev)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// The comparison: the same RFC 3164 and RFC 5424 lines through this
// parser (parse + classify) and through leodido/go-syslog (parse only).
var (
	line3164 = []byte(`<38>Nov 20 10:15:32 srx1 sshd[1234]: SSHD_LOGIN_FAILED: Login failed for user 'root' from host '198.51.100.7'`)
	line5424 = []byte(`<38>1 2026-11-20T10:15:40.123+09:00 srx1 sshd 1235 SSHD_LOGIN_FAILED [junos@2636.1.1.1.2.26 username="root" source-address="198.51.100.7"] Login failed for user 'root' from host '198.51.100.7'`)
)

func benchOurs(b *testing.B, line []byte) {
	p := nsyslog.NewParser(&nsyslog.Options{Reference: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	var ev nsyslog.Event
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Parse(line, &ev)
	}
	if ev.Kind != nsyslog.KindAuthFailure {
		b.Fatalf("kind %s", ev.Kind)
	}
}

func benchLeodido(b *testing.B, m syslog.Machine, line []byte) {
	b.ReportAllocs()
	var msg syslog.Message
	for b.Loop() {
		msg, _ = m.Parse(line)
	}
	if msg == nil {
		b.Fatal("go-syslog returned no message")
	}
}

func BenchmarkRFC3164(b *testing.B) {
	b.Run("netdevsec-parse-classify", func(b *testing.B) { benchOurs(b, line3164) })
	b.Run("go-syslog-parse", func(b *testing.B) {
		benchLeodido(b, rfc3164.NewParser(rfc3164.WithYear(rfc3164.Year{YYYY: 2026}), rfc3164.WithBestEffort()), line3164)
	})
}

func BenchmarkRFC5424(b *testing.B) {
	b.Run("netdevsec-parse-classify", func(b *testing.B) { benchOurs(b, line5424) })
	b.Run("go-syslog-parse", func(b *testing.B) { benchLeodido(b, rfc5424.NewParser(rfc5424.WithBestEffort()), line5424) })
}

// TestGoSyslogPitfalls records why go-syslog is not used on its own:
// it fails header-less vendor lines that this parser handles.
func TestGoSyslogPitfalls(t *testing.T) {
	m := rfc3164.NewParser()
	for _, line := range []string{
		`<185>date=2026-11-20 time=10:00:00 devname="FGT60F" logid="0100032002" type="event" action="login" status="failed"`,
		`<134>PP[01] Rejected at IN(2000) filter: TCP 203.0.113.5:4433 > 192.0.2.3:22`,
	} {
		msg, err := m.Parse([]byte(line))
		if err == nil && msg != nil {
			if b := msg.(*rfc3164.SyslogMessage); b.Timestamp != nil && !strings.HasPrefix(b.Timestamp.String(), "0000") {
				t.Errorf("go-syslog now parses %q", line)
			}
		}
		var ev nsyslog.Event
		if err := nsyslog.NewParser(nil).ParseString(line, &ev); err != nil || ev.Kind == nsyslog.KindOther && ev.Vendor == "" {
			t.Errorf("netdevsec does not decode %q: %v %+v", line, err, ev)
		}
	}
}
