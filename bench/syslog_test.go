package bench

import (
	"context"
	"io"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leodido/go-syslog/v4"
	"github.com/leodido/go-syslog/v4/rfc3164"
	"github.com/leodido/go-syslog/v4/rfc5424"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
	nsyslog "github.com/netdevsec/netdevsec/logging/syslog"
)

// syslogLines is the mixed input of the syslog comparison: RFC 3164 and
// RFC 5424 records of the kinds a fleet sends (Cisco IOS, Junos,
// MikroTik, OpenSSH, Linux kernel and cron, FortiGate over RFC 5424),
// every one of which go-syslog parses (TestSyslogLines).
var syslogLines = []string{
	`<38>Nov 20 10:15:32 srx1 sshd[1234]: SSHD_LOGIN_FAILED: Login failed for user 'root' from host '198.51.100.7'`,
	`<38>1 2026-11-20T10:15:40.123+09:00 srx1 sshd 1235 SSHD_LOGIN_FAILED [junos@2636.1.1.1.2.26 username="root" source-address="198.51.100.7"] Login failed for user 'root' from host '198.51.100.7'`,
	`<189>Nov 20 10:02:11 rtr1 %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 192.0.2.100] [localport: 22] at 10:02:11 JST Fri Nov 20 2026`,
	`<85>Nov 20 10:00:00 gw sshd[999]: Failed password for invalid user admin from 198.51.100.7 port 50000 ssh2`,
	`<86>Nov 20 10:00:05 gw sshd[999]: Accepted publickey for ops from 192.0.2.101 port 50001 ssh2: ED25519 SHA256:q1w2e3r4t5y6u7i8o9p0`,
	`<30>Nov 20 10:00:00 MikroTik system,info,account user admin logged in from 192.168.88.10 via winbox`,
	`<14>1 2026-11-20T10:31:00.000+09:00 srx1 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 source-address="192.168.1.10" destination-address="203.0.113.80" destination-port="443"] session created`,
	`<189>1 2026-11-20T10:01:00+09:00 FGT60F - - 0100032001 - date=2026-11-20 time=10:01:00 devname="FGT60F" logid="0100032001" type="event" subtype="system" level="information" logdesc="Admin login successful" user="admin" ui="https(192.168.1.99)" action="login" status="success"`,
	`<86>Nov 20 10:05:00 gw CRON[2001]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`,
	`<4>Nov 20 10:06:00 gw kernel: [12345.678901] IN=eth0 OUT= MAC=00:00:00:00:00:00 SRC=198.51.100.9 DST=192.0.2.3 LEN=44 PROTO=TCP SPT=40000 DPT=23 SYN`,
	`<165>1 2026-11-20T10:07:00.000Z rtr2.example.net config - CONFIG_CHANGE [meta sequenceId="29"] User admin changed the configuration from console`,
	`<34>1 2026-11-20T10:08:00.000+09:00 ap1 hostapd 777 - - wlan0: STA 02:00:00:00:01:02 IEEE 802.11: associated`,
}

// leodidoMachine gives the go-syslog parser of a line's format: the
// format is decided before timing, so go-syslog is not charged for it
// (netdevsec detects it inside Parse).
func leodidoMachine(line string) syslog.Machine {
	if i := strings.IndexByte(line, '>'); i > 0 && strings.HasPrefix(line[i+1:], "1 ") {
		return rfc5424.NewParser(rfc5424.WithBestEffort())
	}
	return rfc3164.NewParser(rfc3164.WithYear(rfc3164.Year{YYYY: 2026}), rfc3164.WithBestEffort())
}

var syslogRef = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// TestSyslogLines: go-syslog parses every line without error, and
// netdevsec parses and classifies every one (it is not skipping work).
func TestSyslogLines(t *testing.T) {
	p := nsyslog.NewParser(&nsyslog.Options{Reference: syslogRef})
	classified := 0
	for _, l := range syslogLines {
		msg, err := leodidoMachine(l).Parse([]byte(l))
		require.NoError(t, err, l)
		require.NotNil(t, msg, l)
		var ev nsyslog.Event
		require.NoError(t, p.Parse([]byte(l), &ev), l)
		require.False(t, ev.Time.IsZero(), l)
		if ev.Kind != nsyslog.KindOther {
			classified++
		}
	}
	require.GreaterOrEqual(t, classified, len(syslogLines)*2/3, "most lines get a Kind")
}

// BenchmarkSyslog: one op is one line of the mixed set, round robin.
// netdevsec parses, decodes the vendor body and classifies; go-syslog
// only parses. Goal: ≤ 0.5× go-syslog's time and ≤ 1 allocation/line.
func BenchmarkSyslog(b *testing.B) {
	lines := make([][]byte, len(syslogLines))
	machines := make([]syslog.Machine, len(syslogLines))
	for i, l := range syslogLines {
		lines[i], machines[i] = []byte(l), leodidoMachine(l)
	}
	b.Run("impl=netdevsec-parse-classify", func(b *testing.B) {
		p := nsyslog.NewParser(&nsyslog.Options{Reference: syslogRef})
		var ev nsyslog.Event
		b.ReportAllocs()
		m := startCPU()
		for i := 0; b.Loop(); i++ {
			_ = p.Parse(lines[i%len(lines)], &ev)
		}
		m.report(b, 1)
	})
	b.Run("impl=go-syslog-parse", func(b *testing.B) {
		var msg syslog.Message
		b.ReportAllocs()
		m := startCPU()
		for i := 0; b.Loop(); i++ {
			k := i % len(lines)
			msg, _ = machines[k].Parse(lines[k])
		}
		m.report(b, 1)
		if msg == nil {
			b.Fatal("no message")
		}
	})
}

// logGen is an io.Reader of size bytes of mixed log lines whose
// addresses, MACs and users keep changing, so that every state table of
// the review engine fills up; it is generated on the fly.
type logGen struct {
	left int64
	n    int
	buf  []byte
	off  int
}

func (g *logGen) Read(p []byte) (int, error) {
	if g.left <= 0 {
		return 0, io.EOF
	}
	if g.off >= len(g.buf) {
		g.buf, g.off = g.line(g.buf[:0]), 0
	}
	n := copy(p, g.buf[g.off:])
	if int64(n) > g.left {
		n = int(g.left)
	}
	g.off += n
	g.left -= int64(n)
	return n, nil
}

func (g *logGen) line(b []byte) []byte {
	g.n++
	i := int64(g.n)
	ip := func(b []byte) []byte {
		b = append(b, "198.51."...)
		b = strconv.AppendInt(b, i>>8&0xff, 10)
		b = append(b, '.')
		return strconv.AppendInt(b, i&0xff, 10)
	}
	switch i % 4 {
	case 0:
		b = append(b, "<38>Nov 20 10:15:32 srx1 sshd[1234]: SSHD_LOGIN_FAILED: Login failed for user 'u"...)
		b = strconv.AppendInt(b, i, 10)
		b = append(b, "' from host '"...)
		b = ip(b)
		b = append(b, "'\n"...)
	case 1:
		b = append(b, "<14>1 2026-11-20T10:31:00.000+09:00 srx1 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 source-address=\"192.168.1.10\" destination-address=\""...)
		b = ip(b)
		b = append(b, "\" destination-port=\""...)
		b = strconv.AppendInt(b, 1024+i%60000, 10)
		b = append(b, "\"] session created\n"...)
	case 2:
		b = append(b, "<34>1 2026-11-20T10:08:00.000+09:00 ap1 hostapd 777 - - wlan0: STA 02:00:"...)
		for k := 3; k >= 0; k-- {
			v := byte(i >> (8 * k))
			b = append(b, "0123456789abcdef"[v>>4], "0123456789abcdef"[v&15])
			if k > 0 {
				b = append(b, ':')
			}
		}
		b = append(b, " IEEE 802.11: associated\n"...)
	default:
		b = append(b, "<85>Nov 20 10:00:00 gw sshd[999]: Failed password for invalid user admin from "...)
		b = ip(b)
		b = append(b, " port 50000 ssh2\n"...)
	}
	return b
}

// BenchmarkSyslogStream streams NETDEVSEC_BENCH_STREAM_BYTES (e.g.
// 1000000000) of generated log through the review engine and reports
// the peak heap (objects, sampled every MiB) and the heap at a quarter
// of the stream, to show it does not grow with the input. Opt-in: it is
// skipped when the variable is unset.
func BenchmarkSyslogStream(b *testing.B) {
	v := getenvInt("NETDEVSEC_BENCH_STREAM_BYTES")
	if v <= 0 {
		b.Skip("set NETDEVSEC_BENCH_STREAM_BYTES=1000000000 to stream 1 GB through the review engine")
	}
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	for b.Loop() {
		var peak, quarter uint64
		next := int64(0)
		o := &review.Options{Reference: syslogRef, Progress: func(read int64) {
			if read < next {
				return
			}
			next = read + 1<<20
			metrics.Read(s)
			if h := s[1].Value.Uint64(); h > peak {
				peak = h
			}
			if quarter == 0 && read >= v/4 {
				quarter = peak
			}
		}}
		e := review.New(o)
		findings := 0
		err := e.Review(context.Background(), &logGen{left: v}, "gen.log", func(netdevsec.Finding) { findings++ })
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(quarter)/(1<<20), "peak-heap-at-quarter-MiB")
		b.ReportMetric(float64(s[0].Value.Uint64())/(1<<20), "live-heap-end-MiB")
		b.ReportMetric(float64(e.Records()), "records")
		b.ReportMetric(float64(v)/(1<<20), "MiB")
	}
	b.ReportMetric(float64(v)*float64(b.N)/b.Elapsed().Seconds()/(1<<20), "MiB/s")
}
