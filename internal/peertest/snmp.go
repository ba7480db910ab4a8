package peertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// SNMPUser is an SNMPv3 USM user for [StartSNMPD].
type SNMPUser struct {
	Name string
	// AuthProto is MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512; empty
	// means a noAuthNoPriv user.
	AuthProto, AuthPass string
	// PrivProto is DES or AES; empty means no privacy (authNoPriv).
	PrivProto, PrivPass string
}

// SNMPDOptions configures [StartSNMPD]. The zero value answers v1/v2c
// read-only community "public" from 127.0.0.1 and no v3 user.
type SNMPDOptions struct {
	// ROCommunities and RWCommunities are v1/v2c communities accepted from
	// 127.0.0.1; when both are nil, ROCommunities is ["public"].
	ROCommunities, RWCommunities []string
	// Users are SNMPv3 users, given read-only access at the level their
	// protocols allow.
	Users []SNMPUser
	// SysDescr sets sysDescr.0; empty keeps net-snmp's own (uname).
	SysDescr string
	// SysObjectID sets sysObjectID.0; empty keeps net-snmp's.
	SysObjectID string
	// Config lines are appended to snmpd.conf.
	Config []string
	// StartTimeout bounds the wait for the agent; zero means
	// DefaultStartTimeout.
	StartTimeout time.Duration
}

// SNMPAgent is a running snmpd.
type SNMPAgent struct {
	*Process
	// Addr is "127.0.0.1:PORT" (UDP).
	Addr string
	Port int
}

// StartSNMPD starts net-snmp snmpd (-f -Lo -C -c CONFIG udp:127.0.0.1:PORT)
// with its persistent state in a temp dir and returns once the agent has
// bound its UDP port and logged its start-up line.
func StartSNMPD(t testing.TB, opts SNMPDOptions) *SNMPAgent {
	t.Helper()
	snmpd := Require(t, "snmpd")
	dir := t.TempDir()
	persist := filepath.Join(dir, "persist")
	mibs := filepath.Join(dir, "mibs")
	for _, d := range []string{persist, mibs} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatalf("snmpd dir: %v", err)
		}
	}
	ro, rw := opts.ROCommunities, opts.RWCommunities
	if ro == nil && rw == nil {
		ro = []string{"public"}
	}
	var cfg strings.Builder
	for _, c := range ro {
		fmt.Fprintf(&cfg, "rocommunity %s 127.0.0.1\n", c)
	}
	for _, c := range rw {
		fmt.Fprintf(&cfg, "rwcommunity %s 127.0.0.1\n", c)
	}
	for _, u := range opts.Users {
		line := "createUser " + u.Name
		level := "noauth"
		if u.AuthProto != "" {
			line += fmt.Sprintf(" %s %q", u.AuthProto, u.AuthPass)
			level = "auth"
			if u.PrivProto != "" {
				line += fmt.Sprintf(" %s %q", u.PrivProto, u.PrivPass)
				level = "priv"
			}
		}
		fmt.Fprintf(&cfg, "%s\nrouser %s %s\n", line, u.Name, level)
	}
	if opts.SysDescr != "" {
		fmt.Fprintf(&cfg, "sysDescr %s\n", opts.SysDescr)
	}
	if opts.SysObjectID != "" {
		fmt.Fprintf(&cfg, "sysObjectID %s\n", opts.SysObjectID)
	}
	for _, l := range opts.Config {
		cfg.WriteString(l + "\n")
	}
	cfgPath := writeFile(t, dir, "snmpd.conf", cfg.String(), 0o600)
	port := FreeUDPPort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	p := start(t, spec{
		name: "snmpd", dir: dir, path: snmpd, timeout: opts.StartTimeout,
		args: []string{"-f", "-Lo", "-C", "-c", cfgPath, "-r", "-I", "-smux",
			"-p", filepath.Join(dir, "snmpd.pid"), "udp:" + addr},
		env: []string{"SNMP_PERSISTENT_DIR=" + persist, "MIBDIRS=" + mibs, "MIBS="},
		ready: func(p *Process) error {
			if err := listening("udp", port); err != nil {
				return err
			}
			// Bound is not yet serving: the start-up line follows the
			// configuration (and v3 users) being loaded.
			if !strings.Contains(p.Output(), "NET-SNMP version") {
				return fmt.Errorf("snmpd has not logged its start-up line")
			}
			return nil
		},
	})
	return &SNMPAgent{Process: p, Addr: addr, Port: port}
}
