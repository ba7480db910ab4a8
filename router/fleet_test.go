package router_test

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/probe/snmp"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
	"github.com/netdevsec/netdevsec/router"
)

func TestProbeFleet(t *testing.T) {
	open := peertest.StartSNMPD(t, peertest.SNMPDOptions{
		ROCommunities: []string{"public"}, RWCommunities: []string{"private"},
		Users:    []peertest.SNMPUser{{Name: "noAuthUser"}},
		SysDescr: "RTX830 Rev.15.02.30 (Mon Dec 18 10:33:03 2023)", SysObjectID: ".1.3.6.1.4.1.1182.2.1.18",
	})
	closed := peertest.StartSNMPD(t, peertest.SNMPDOptions{ROCommunities: []string{"Zq8-unique-ro"}})
	silent, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer silent.Close()

	targets := []router.Target{
		{ID: "open", Addr: open.Addr},
		{ID: "bad", Addr: "not a host"},
		{ID: "silent", Addr: silent.LocalAddr().String()},
		{ID: "closed", Addr: closed.Addr},
	}
	var progress bytes.Buffer
	res := router.ProbeFleet(context.Background(), targets, &router.FleetOptions{
		Concurrency: 2, Progress: &progress,
		SNMP: &snmp.Options{Timeout: time.Second, Retries: 1, V3Users: []string{"noAuthUser"}},
	})
	require.Len(t, res, 4)
	for i, r := range res {
		assert.Equal(t, targets[i], r.Target, "results keep target order")
	}
	assert.NotEmpty(t, res[1].Errors, "a bad target is an error of its own")
	require.NotNil(t, res[2].SNMP)
	assert.False(t, res[2].SNMP.Responded)
	assert.Equal(t, 4, strings.Count(progress.String(), "\n"), progress.String())

	status := func(r router.ProbeResult, id string) netdevsec.Status {
		f := router.Facts{}
		r.Apply(&f)
		for _, fd := range router.Check(r.Target.ID, f, now) {
			if fd.RuleID == id {
				return fd.Status
			}
		}
		t.Fatalf("no %s", id)
		return 0
	}
	assert.Equal(t, netdevsec.StatusFail, status(res[0], "router.snmp.default-community"))
	assert.Equal(t, netdevsec.StatusUnknown, status(res[0], "router.snmp.write-community"), "probes never try SET")
	assert.Equal(t, netdevsec.StatusFail, status(res[0], "router.snmp.v3-noauth"))
	assert.Equal(t, netdevsec.StatusPass, status(res[3], "router.snmp.default-community"))
	assert.Equal(t, netdevsec.StatusUnknown, status(res[2], "router.snmp.default-community"), "silence proves nothing")

	f := router.Facts{}
	res[0].Apply(&f)
	assert.Equal(t, "Rev.15.02.30", f.Firmware.Version)
	assert.Equal(t, "RTX830", f.Model)
}

func TestProbeFleetCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := router.ProbeFleet(ctx, []router.Target{{ID: "a", Addr: "127.0.0.1"}, {ID: "b", Addr: "127.0.0.1"}}, nil)
	require.Len(t, res, 2)
	for _, r := range res {
		assert.NotEmpty(t, r.Errors)
	}
}

func TestTargetsFromInventory(t *testing.T) {
	devs := []inventory.Device{
		{ID: "r1", Class: inventory.ClassRouter, Addresses: []string{"192.0.2.1", "192.0.2.9"}},
		{ID: "r2", Class: inventory.ClassRouter},
		{ID: "p1", Class: inventory.ClassPBX, Addresses: []string{"192.0.2.10"}},
	}
	assert.Equal(t, []router.Target{{ID: "r1", Addr: "192.0.2.1"}}, router.TargetsFromInventory(devs))
}

// TestProbeFleetSSH feeds a real sshd's offered algorithms to the SSH
// rule: a deliberately weak configuration fails, the default passes.
func TestProbeFleetSSH(t *testing.T) {
	strong := peertest.StartSSHD(t, peertest.SSHDOptions{HostKeyTypes: []string{"ed25519"}})
	weak := peertest.StartSSHD(t, peertest.SSHDOptions{HostKeyTypes: []string{"ed25519"}, Config: []string{
		"KexAlgorithms curve25519-sha256,diffie-hellman-group14-sha1",
		"Ciphers aes256-ctr,aes128-cbc",
	}})
	prober, err := probessh.New(probessh.Options{KnownHostsFiles: []string{strong.KnownHosts, weak.KnownHosts}})
	require.NoError(t, err)
	res := router.ProbeFleet(context.Background(), []router.Target{{ID: "strong", Addr: strong.Addr}, {ID: "weak", Addr: weak.Addr}},
		&router.FleetOptions{SkipSNMP: true, SSH: prober})
	want := []netdevsec.Status{netdevsec.StatusPass, netdevsec.StatusFail}
	for i, r := range res {
		require.Empty(t, r.Errors)
		f := router.Facts{}
		r.Apply(&f)
		require.NotNil(t, f.SSH)
		fd := finding(t, f, "router.ssh.weak-algorithms")
		assert.Equal(t, want[i], fd.Status, "%s: %s", r.Target.ID, fd.Message)
	}
}
