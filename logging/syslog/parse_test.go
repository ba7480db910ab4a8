package syslog_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/logging/syslog"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden is the stable view of an event for the golden file.
type golden struct {
	Line     string         `json:"line"`
	Time     string         `json:"time,omitempty"`
	Quality  string         `json:"time_quality"`
	Priority int            `json:"pri"`
	Severity int            `json:"severity"`
	Host     string         `json:"host,omitempty"`
	App      string         `json:"app,omitempty"`
	PID      string         `json:"pid,omitempty"`
	MsgID    string         `json:"msgid,omitempty"`
	Vendor   string         `json:"vendor,omitempty"`
	Kind     string         `json:"kind"`
	Class    string         `json:"class"`
	Fields   map[string]any `json:"fields,omitempty"`
}

// TestGoldenEvents parses every labelled fixture line and compares the
// normalised events with testdata/events.golden.json (-update rewrites).
func TestGoldenEvents(t *testing.T) {
	p := syslog.NewParser(&syslog.Options{Reference: time.Date(2026, 11, 26, 12, 0, 0, 0, jst)})
	var got []golden
	var ev syslog.Event
	for _, l := range readLabelled(t) {
		require.NoError(t, p.ParseString(l.text, &ev))
		g := golden{Line: filepath.Base(l.file) + ":" + itoa(l.line), Quality: ev.TimeQuality.String(), Priority: ev.Priority, Severity: ev.Severity,
			Host: ev.Host, App: ev.App, PID: ev.PID, MsgID: ev.MsgID, Vendor: string(ev.Vendor), Kind: ev.Kind.String(), Class: ev.Class.String(), Fields: map[string]any{}}
		if ev.TimeQuality&syslog.TimeMissing == 0 {
			g.Time = ev.Time.Format(time.RFC3339Nano)
		}
		for k, v := range map[string]string{"user": ev.User, "src": ev.Src, "src_port": ev.SrcPort, "dst": ev.Dst, "dst_port": ev.DstPort, "proto": ev.Proto, "mac": ev.MAC, "iface": ev.Iface, "service": ev.Service, "reason": ev.Reason} {
			if v != "" {
				g.Fields[k] = v
			}
		}
		if len(g.Fields) == 0 {
			g.Fields = nil
		}
		got = append(got, g)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	require.NoError(t, err)
	path := filepath.Join("testdata", "events.golden.json")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update ./logging/syslog/ once")
	assert.JSONEq(t, string(want), string(b))
}

func TestHeaders(t *testing.T) {
	ref := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		line    string
		opts    *syslog.Options
		host    string
		app     string
		time    string // RFC 3339, "" for missing
		quality syslog.TimeQuality
	}{
		{"host-less tag", "<86>Nov 20 10:01:05 dropbear[1]: x", nil, "", "dropbear", "0000-11-20T10:01:05Z", syslog.TimeYearMissing | syslog.TimeZoneMissing},
		{"year inferred across new year", "<86>Dec 31 23:59:59 gw app: x", &syslog.Options{Reference: ref}, "gw", "app", "2025-12-31T23:59:59Z", syslog.TimeYearInferred | syslog.TimeZoneMissing},
		{"same year", "<86>Jan  4 10:00:00 gw app: x", &syslog.Options{Reference: ref}, "gw", "app", "2026-01-04T10:00:00Z", syslog.TimeYearInferred | syslog.TimeZoneMissing},
		{"no PRI", "Nov 20 10:01:05 gw sshd[2]: x", nil, "gw", "sshd", "0000-11-20T10:01:05Z", syslog.TimeYearMissing | syslog.TimeZoneMissing},
		{"rfc3339 in 3164", "<13>2026-11-20T10:00:00.5+09:00 gw app: x", nil, "gw", "app", "2026-11-20T10:00:00.5+09:00", syslog.TimeExact},
		{"rfc5424 nil fields", "<13>1 - - - - - - hello", nil, "", "", "", syslog.TimeMissing},
		{"cisco year and zone", "<189>87: rtr1: Nov 20 2026 11:11:00 UTC+07:30: %SYS-5-RESTART: x", nil, "rtr1", "", "2026-11-20T11:11:00+07:30", syslog.TimeExact},
		{"cisco sync lost", "<189>: .Jul 10 15:58:56.590 EDT: %SYS-5-RESTART: x", &syslog.Options{Reference: ref}, "", "", "2025-07-10T15:58:56.59-04:00", syslog.TimeYearInferred | syslog.TimeSyncLost},
		{"invalid PRI kept as text", "<999>hello", nil, "", "", "", syslog.TimeMissing},
		{"invalid date", "<13>Feb 30 10:00:00 gw app: x", &syslog.Options{Reference: ref}, "", "", "", syslog.TimeMissing},
		{"mikrotik print", "sep/15 09:54:33 system,info,account user admin logged in from 10.0.0.1 via ssh", &syslog.Options{Reference: ref}, "", "", "2025-09-15T09:54:33Z", syslog.TimeYearInferred | syslog.TimeZoneMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ev syslog.Event
			require.NoError(t, syslog.NewParser(tt.opts).ParseString(tt.line, &ev))
			assert.Equal(t, tt.host, ev.Host, "host")
			assert.Equal(t, tt.app, ev.App, "app")
			assert.Equal(t, tt.quality, ev.TimeQuality, "quality %s", ev.TimeQuality)
			if tt.time == "" {
				assert.True(t, ev.Time.IsZero())
			} else {
				assert.Equal(t, tt.time, ev.Time.Format(time.RFC3339Nano))
			}
		})
	}
	var ev syslog.Event
	assert.ErrorIs(t, syslog.NewParser(nil).Parse([]byte("  \r\n"), &ev), syslog.ErrEmpty)
}

func TestScanner(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name      string
		in        string
		framing   syslog.Framing
		want      []string
		lines     []int
		truncated []bool
		wantErr   bool
	}{
		{"lf with crlf and no final newline", "a\r\nb\nc", syslog.FramingLF, []string{"a", "b", "c"}, []int{1, 2, 3}, []bool{false, false, false}, false},
		{"auto mixes octet and lf", "5 <1>ab<2>c\n", syslog.FramingAuto, []string{"<1>ab", "<2>c"}, []int{1, 2}, []bool{false, false}, false},
		{"long line truncated, next kept", long + "\nnext\n", syslog.FramingLF, []string{long[:64], "next"}, []int{1, 2}, []bool{true, false}, false},
		{"long frame truncated, next kept", "100 " + long + "3 <1>", syslog.FramingOctetCounting, []string{long[:64], "<1>"}, []int{1, 2}, []bool{true, false}, false},
		{"bad count", "x <1>", syslog.FramingOctetCounting, nil, nil, nil, true},
		{"short frame", "10 <1>", syslog.FramingOctetCounting, nil, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := syslog.NewScanner(strings.NewReader(tt.in), &syslog.ScanOptions{Framing: tt.framing, MaxRecord: 64})
			var got []string
			var lines []int
			var trunc []bool
			for sc.Scan() {
				got = append(got, string(sc.Bytes()))
				lines = append(lines, sc.Line())
				trunc = append(trunc, sc.Truncated())
			}
			if tt.wantErr {
				require.Error(t, sc.Err())
				assert.ErrorIs(t, sc.Err(), syslog.ErrFraming)
				return
			}
			require.NoError(t, sc.Err())
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.lines, lines)
			assert.Equal(t, tt.truncated, trunc)
		})
	}
}
