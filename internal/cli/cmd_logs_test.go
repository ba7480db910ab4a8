package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
