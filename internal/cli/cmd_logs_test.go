package cli

import (
	"bytes"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/internal/peertest"
)

func TestLogsReview(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		stdin    string
		want     int
		contains []string
		absent   []string
	}{
		{
			name: "fixture with hits", args: []string{"logs", "review", "--zone", "+09:00", "--known-users", "admin,root,ops", "../../logging/testdata/labelled/cisco_ios.log"},
			want:     ExitFindings,
			contains: []string{"cisco_ios.log:6: fail logging.review.login-failure", "logging.review.login-burst", "logging.review.log-cleared"},
			absent:   []string{"hunter2", "S3cr3tPass!"},
		},
		{
			name: "stdin without hits", args: []string{"logs", "review", "-"}, stdin: "<30>Nov 20 10:00:00 MikroTik system,info,account user admin logged in from 192.168.88.10 via winbox\n",
			want: ExitOK,
		},
		{name: "no file", args: []string{"logs", "review"}, want: ExitUsage},
		{name: "missing file", args: []string{"logs", "review", "does-not-exist.log"}, want: ExitUsage},
		{name: "bad zone", args: []string{"logs", "review", "--zone", "JST", "-"}, want: ExitUsage},
		{name: "bad window", args: []string{"logs", "review", "--change-window", "Funday@1-2", "-"}, want: ExitUsage},
		{name: "no subcommand", args: []string{"logs"}, want: ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Run(t.Context(), tt.args, &Env{Stdin: strings.NewReader(tt.stdin), Stdout: &out, Stderr: &errb})
			require.Equal(t, tt.want, code, "stdout %s\nstderr %s", out.String(), errb.String())
			for _, s := range tt.contains {
				assert.Contains(t, out.String(), s)
			}
			for _, s := range tt.absent {
				assert.NotContains(t, out.String()+errb.String(), s)
			}
		})
	}
}

func TestLogsReviewProgress(t *testing.T) {
	var out, errb bytes.Buffer
	code := Run(t.Context(), []string{"logs", "review", "--progress", "../../logging/testdata/labelled/openwrt.log"}, &Env{Stdout: &out, Stderr: &errb})
	require.Equal(t, ExitFindings, code)
	assert.Contains(t, errb.String(), "openwrt.log: 0 of 0 MB (100%)")
	var quiet bytes.Buffer
	Run(t.Context(), []string{"logs", "review", "../../logging/testdata/labelled/openwrt.log"}, &Env{Stdout: &out, Stderr: &quiet})
	assert.NotContains(t, quiet.String(), "MB", "no progress when stderr is not a terminal")
}

func TestParseWindow(t *testing.T) {
	w, err := parseWindow("Fri-Mon@22:00-02:00")
	require.NoError(t, err)
	assert.Len(t, w.Days, 4)
	assert.Greater(t, w.From, w.To)
}

func TestLogsNTPChrony(t *testing.T) {
	a := peertest.StartChrony(t, peertest.ChronyOptions{})
	b := peertest.StartChrony(t, peertest.ChronyOptions{})
	var out, errb bytes.Buffer
	code := Run(t.Context(), []string{"logs", "ntp", "--timeout", "3s", a.Addr, b.Addr}, &Env{Stdout: &out, Stderr: &errb})
	require.Equal(t, ExitOK, code, "%s %s", out.String(), errb.String())
	assert.Contains(t, out.String(), "pass logging.ntp.live")
	code = Run(t.Context(), []string{"logs", "ntp", "--timeout", "3s", a.Addr}, &Env{Stdout: &out, Stderr: &errb})
	assert.Equal(t, ExitFindings, code, "one source is not enough")
}

func TestLogsListen(t *testing.T) {
	port := peertest.FreeTCPPort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	done := make(chan int, 1)
	var out, errb bytes.Buffer
	go func() {
		done <- Run(t.Context(), []string{"logs", "listen", "--addr", addr, "--marker", "m4rker", "--timeout", "10s"}, &Env{Stdout: &out, Stderr: &errb})
	}()
	var c net.Conn
	var err error
	for range 100 {
		if c, err = net.Dial("tcp", addr); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	require.NoError(t, err)
	_, _ = fmt.Fprintf(c, "<13>Nov 20 10:00:00 gw app: hello m4rker\n")
	c.Close()
	require.Equal(t, ExitOK, <-done, errb.String())
	assert.Contains(t, out.String(), "pass logging.remote.delivers")
}
