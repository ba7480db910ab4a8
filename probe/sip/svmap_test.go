package sip

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/internal/peertest"
)

// TestBannerMatchesSVMap checks the probe's OPTIONS banner against
// SIPVicious svmap (Debian sipvicious) on the same kamailio.
func TestBannerMatchesSVMap(t *testing.T) {
	svmap := peertest.Require(t, "svmap")
	srv := peertest.StartKamailio(t, peertest.KamailioOptions{Config: kamailioOpen})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := New(&Options{Interval: time.Millisecond, NoInvite: true}).Probe(ctx, srv.Addr)
	require.NoError(t, err)

	out, err := exec.CommandContext(ctx, svmap, "-p", strconv.Itoa(srv.Port), "127.0.0.1").CombinedOutput()
	require.NoError(t, err, string(out))
	var ua string
	for _, line := range strings.Split(string(out), "\n") {
		cols := strings.Split(line, "|")
		if len(cols) >= 3 && strings.TrimSpace(cols[1]) == srv.Addr {
			ua = strings.TrimSpace(cols[2])
		}
	}
	require.NotEmpty(t, ua, "svmap output:\n%s", out)
	assert.Equal(t, ua, res.Banner)
}
