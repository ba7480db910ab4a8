package syslog_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/logging/syslog"
)

// label is one "# failJSON:" annotation of testdata/labelled.
type label struct {
	Match bool   `json:"match"`
	Rule  string `json:"rule"`
	Kind  string `json:"kind"`
	Host  string `json:"host"`
	User  string `json:"user"`
	Time  string `json:"time"`
	Note  string `json:"note"`
}

type labelledLine struct {
	file  string
	line  int
	text  string
	label label
}

func readLabelled(t *testing.T) []labelledLine {
	t.Helper()
	files, err := filepath.Glob("../testdata/labelled/*.log")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out []labelledLine
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		sc := bufio.NewScanner(f)
		var pending *label
		n := 0
		for sc.Scan() {
			n++
			text := sc.Text()
			if rest, ok := strings.CutPrefix(text, "# failJSON:"); ok {
				var l label
				require.NoError(t, json.Unmarshal([]byte(rest), &l), "%s:%d", name, n)
				pending = &l
				continue
			}
			require.NotNil(t, pending, "%s:%d: line without failJSON label", name, n)
			out = append(out, labelledLine{file: name, line: n, text: text, label: *pending})
			pending = nil
		}
		require.NoError(t, sc.Err())
		f.Close()
	}
	return out
}

var jst = time.FixedZone("JST", 9*3600)

func TestLabelledFixturesParse(t *testing.T) {
	p := syslog.NewParser(&syslog.Options{Reference: time.Date(2026, 11, 26, 12, 0, 0, 0, jst), Location: jst})
	var ev syslog.Event
	for _, l := range readLabelled(t) {
		t.Run(filepath.Base(l.file)+":"+itoa(l.line), func(t *testing.T) {
			require.NoError(t, p.ParseString(l.text, &ev))
			if l.label.Kind != "" {
				assert.Equal(t, l.label.Kind, ev.Kind.String(), "kind")
			}
			if l.label.Host != "" {
				assert.Equal(t, l.label.Host, ev.Src, "source")
			}
			if l.label.User != "" {
				assert.Equal(t, l.label.User, ev.User, "user")
			}
			if l.label.Time != "" {
				want, err := time.Parse(time.RFC3339Nano, l.label.Time)
				require.NoError(t, err)
				assert.True(t, want.Equal(ev.Time), "time %s, want %s", ev.Time, want)
			}
			if l.label.Match && l.label.Rule != "logging.review.clock-unsynchronised" {
				assert.NotEqual(t, syslog.KindOther, ev.Kind, "an attack line must decode to a kind")
			}
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
