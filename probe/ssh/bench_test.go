package ssh_test

import (
	"testing"

	"github.com/netdevsec/netdevsec/internal/peertest"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// BenchmarkAuditDropbear measures one full audit (raw KEXINIT connection
// plus verified handshake and auth-method query) of a local dropbear.
func BenchmarkAuditDropbear(b *testing.B) {
	srv := peertest.StartDropbear(b, peertest.DropbearOptions{HostKeyTypes: []string{"ed25519"}})
	p, err := probessh.New(probessh.Options{KnownHostsFiles: []string{srv.KnownHosts}})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		r, err := p.Audit(b.Context(), srv.Addr)
		if err != nil {
			b.Fatal(err)
		}
		if r.HostKey.Status != probessh.HostKeyVerified {
			b.Fatalf("host key %s: %s", r.HostKey.Status, r.HandshakeError)
		}
	}
}
