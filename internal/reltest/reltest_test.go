package reltest_test

import (
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/internal/reltest"
)

func TestUDPAnswersAndCounts(t *testing.T) {
	srv := reltest.StartUDP(t, func(req []byte) [][]byte { return [][]byte{req, []byte("x")} })
	c, err := net.Dial("udp", srv.Addr)
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Write([]byte("ping"))
	require.NoError(t, err)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(2*time.Second)))
	buf := make([]byte, 16)
	n, err := c.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "ping", string(buf[:n]))
	n, err = c.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "x", string(buf[:n]))
	assert.EqualValues(t, 1, srv.Requests.Load())
}

func TestTCPStopEndsHandlers(t *testing.T) {
	srv := reltest.StartTCP(t, func(c net.Conn, quit <-chan struct{}) { <-quit })
	c, err := net.Dial("tcp", srv.Addr)
	require.NoError(t, err)
	defer c.Close()
	done := make(chan struct{})
	go func() { srv.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Stop did not end the handler")
	}
}

func TestDeadlineAndGarbage(t *testing.T) {
	want := 1100 * time.Millisecond
	if raceDetector {
		want = 3100 * time.Millisecond
	}
	assert.Equal(t, want, reltest.Deadline(time.Second))
	assert.Equal(t, reltest.Garbage(32), reltest.Garbage(32), "deterministic")
	assert.NotEqual(t, make([]byte, 32), reltest.Garbage(32))
}
