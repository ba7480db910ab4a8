package peertest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ChronyOptions configures [StartChrony]. The zero value is a local
// stratum-8 NTP server answering 127.0.0.1.
type ChronyOptions struct {
	// Config lines are appended to chrony.conf.
	Config []string
	// StartTimeout bounds the wait for the server; zero means
	// DefaultStartTimeout.
	StartTimeout time.Duration
}

// NTPServer is a running chronyd.
type NTPServer struct {
	*Process
	// Addr is "127.0.0.1:PORT" (UDP).
	Addr string
	Port int
}

// StartChrony starts chronyd (-x -d -f CONFIG) as an NTP server with local
// stratum 8 on 127.0.0.1 and a free UDP port. -x keeps it from touching
// the system clock; its command port is off. It returns once an NTP client
// query is answered. chronyd refuses to start without root, so the test is
// skipped (or fails under NETDEVSEC_REQUIRE_PEERS=1) otherwise.
func StartChrony(t testing.TB, opts ChronyOptions) *NTPServer {
	t.Helper()
	chronyd := Require(t, "chronyd")
	if !isRoot() {
		// Debian's chronyd exits with "Fatal error : Not superuser" even
		// with -x.
		Skip(t, "chronyd needs root")
		return nil
	}
	dir := t.TempDir()
	port := FreeUDPPort(t)
	cfg := fmt.Sprintf(`port %d
bindaddress 127.0.0.1
allow 127.0.0.1
local stratum 8
cmdport 0
pidfile %s
driftfile %s
`, port, filepath.Join(dir, "chronyd.pid"), filepath.Join(dir, "drift"))
	cfg += strings.Join(opts.Config, "\n") + "\n"
	cfgPath := writeFile(t, dir, "chrony.conf", cfg, 0o600)
	args := []string{"-x", "-d", "-f", cfgPath}
	if isRoot() {
		// Keep root so the daemon can reach the temp dir after start-up
		// (Debian's default is to drop to _chrony).
		args = append(args, "-u", "root")
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	p := start(t, spec{
		name: "chronyd", dir: dir, path: chronyd, args: args, timeout: opts.StartTimeout,
		ready: func(*Process) error {
			if err := listening("udp", port); err != nil {
				return err
			}
			return ntpAnswers(addr)
		},
	})
	return &NTPServer{Process: p, Addr: addr, Port: port}
}

// ntpAnswers sends one NTPv4 client request and reports nil when a server
// reply arrives.
func ntpAnswers(addr string) error {
	c, err := net.Dial("udp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	req := make([]byte, 48)
	req[0] = 0x23 // LI 0, VN 4, mode 3 (client)
	binary.BigEndian.PutUint64(req[40:], uint64(time.Now().UnixNano()))
	if _, err := c.Write(req); err != nil {
		return err
	}
	_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	resp := make([]byte, 128)
	n, err := c.Read(resp)
	if err != nil {
		return err
	}
	if n < 48 || resp[0]&7 != 4 {
		return errors.New("not an NTP server reply")
	}
	return nil
}
