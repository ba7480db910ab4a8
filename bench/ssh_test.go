package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// requireBinary returns the path of a peer binary; it skips the test or
// benchmark when the binary is missing, unless NETDEVSEC_REQUIRE_PEERS=1,
// in which case it fails.
func requireBinary(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("NETDEVSEC_REQUIRE_PEERS") == "1" {
		tb.Fatalf("%s is required (NETDEVSEC_REQUIRE_PEERS=1): %v", name, err)
	}
	tb.Skipf("%s not installed (Debian: dropbear-bin, ssh-audit)", name)
	return ""
}

// dropbearServer is a dropbear listening on 127.0.0.1.
type dropbearServer struct {
	Addr        string
	Port        int
	Fingerprint string // SHA256 of the ed25519 host key
}

// startDropbear runs dropbear in the foreground on a free port of
// 127.0.0.1 with a fresh ed25519 host key in a temporary directory, waits
// until it accepts connections and stops it when tb ends. (The root
// module's internal/peertest cannot be imported from this module.)
func startDropbear(tb testing.TB) *dropbearServer {
	tb.Helper()
	dropbear := requireBinary(tb, "dropbear")
	dbkey := requireBinary(tb, "dropbearkey")
	dir := tb.TempDir()
	key := filepath.Join(dir, "host_ed25519")
	if out, err := exec.Command(dbkey, "-t", "ed25519", "-f", key).CombinedOutput(); err != nil {
		tb.Fatalf("dropbearkey: %v\n%s", err, out)
	}
	out, err := exec.Command(dbkey, "-y", "-f", key).Output()
	if err != nil {
		tb.Fatalf("dropbearkey -y: %v", err)
	}
	var pub ssh.PublicKey
	for line := range strings.SplitSeq(string(out), "\n") {
		if k, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line)); err == nil {
			pub = k
			break
		}
	}
	if pub == nil {
		tb.Fatalf("no public key in dropbearkey -y output:\n%s", out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cmd := exec.Command(dropbear, "-F", "-E", "-s", "-p", addr, "-r", key, "-P", filepath.Join(dir, "pid"))
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	tb.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		select {
		case <-done:
			tb.Fatalf("dropbear exited: %s", stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			tb.Fatalf("dropbear not listening on %s: %v", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return &dropbearServer{Addr: addr, Port: port, Fingerprint: ssh.FingerprintSHA256(pub)}
}

func newProber(tb testing.TB, srvs ...*dropbearServer) *probessh.Prober {
	tb.Helper()
	var fps []string
	for _, s := range srvs {
		fps = append(fps, s.Fingerprint)
	}
	p, err := probessh.New(probessh.Options{Fingerprints: fps})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func auditOnce(tb testing.TB, p *probessh.Prober, addr string) *probessh.Result {
	r, err := p.Audit(context.Background(), addr)
	if err != nil {
		tb.Fatal(err)
	}
	if r.HostKey.Status != probessh.HostKeyVerified {
		tb.Fatalf("host key %s: %s", r.HostKey.Status, r.HandshakeError)
	}
	return r
}

// sshAudit runs ssh-audit -j against addr and returns its JSON report.
// ssh-audit exits non-zero when it finds warnings or failures, so only a
// report without key exchange data is an error.
func sshAudit(tb testing.TB, bin string, srv *dropbearServer) map[string]any {
	rep, _ := sshAuditCPU(tb, bin, srv)
	return rep
}

// sshAuditCPU is sshAudit that also returns the child's CPU time.
func sshAuditCPU(tb testing.TB, bin string, srv *dropbearServer) (map[string]any, time.Duration) {
	cmd := exec.Command(bin, "-j", "-p", strconv.Itoa(srv.Port), "127.0.0.1")
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		tb.Fatalf("ssh-audit: %v", err)
	}
	var rep map[string]any
	if err := json.Unmarshal(out, &rep); err != nil {
		tb.Fatalf("ssh-audit -j output: %v\n%s", err, out)
	}
	if rep["kex"] == nil {
		tb.Fatalf("ssh-audit found no key exchange:\n%s", out)
	}
	return rep, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// TestSSHSameServer: both tools read the same algorithms from the same
// dropbear, so the benchmark compares equal work.
func TestSSHSameServer(t *testing.T) {
	bin := requireBinary(t, "ssh-audit")
	srv := startDropbear(t)
	r := auditOnce(t, newProber(t, srv), srv.Addr)
	rep := sshAudit(t, bin, srv)
	var theirs []string
	for _, k := range rep["kex"].([]any) {
		theirs = append(theirs, k.(map[string]any)["algorithm"].(string))
	}
	require.Equal(t, r.Algorithms.Kex, theirs)
}

// BenchmarkSSHAudit: one op is the algorithm audit of one host, by
// netdevsec's probe/ssh (two connections: raw KEXINIT, then a verified
// handshake and the auth-method query) and by ssh-audit -j as a
// subprocess (what a user would run). Goal: ≥ 20× faster per host, in
// wall time. cpu-ns/op is the client's own CPU time (this process, or
// the ssh-audit child), without dropbear's.
func BenchmarkSSHAudit(b *testing.B) {
	srv := startDropbear(b)
	b.Run("impl=netdevsec", func(b *testing.B) {
		p := newProber(b, srv)
		m := startCPU()
		for b.Loop() {
			auditOnce(b, p, srv.Addr)
		}
		m.report(b, 1)
	})
	b.Run("impl=ssh-audit", func(b *testing.B) {
		bin := requireBinary(b, "ssh-audit")
		var cpu time.Duration
		for b.Loop() {
			_, c := sshAuditCPU(b, bin, srv)
			cpu += c
		}
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	})
}

// BenchmarkSSHFleet: one op is 1,000 audits by a pool of
// sshFleetConcurrency workers, so at most that many run at once. Each
// worker audits its own local dropbear: dropbear refuses more than 5
// unauthenticated connections from one client address, which concurrent
// audits of one server (two connections each, the first one's server
// process still exiting) can reach on a loaded machine, so each server
// stands for the hosts one worker probes in turn. It reports the largest
// concurrency seen and audits/s.
const (
	sshFleetProbes      = 1000
	sshFleetConcurrency = 16
)

func BenchmarkSSHFleet(b *testing.B) {
	srvs := make([]*dropbearServer, sshFleetConcurrency)
	for i := range srvs {
		srvs[i] = startDropbear(b)
	}
	p := newProber(b, srvs...)
	var maxSeen atomic.Int64
	for b.Loop() {
		var inflight, failed atomic.Int64
		var mu sync.Mutex
		var firstErr error
		var wg sync.WaitGroup
		for w := range sshFleetConcurrency {
			wg.Go(func() {
				for i := w; i < sshFleetProbes; i += sshFleetConcurrency {
					n := inflight.Add(1)
					for m := maxSeen.Load(); n > m && !maxSeen.CompareAndSwap(m, n); m = maxSeen.Load() {
					}
					r, err := p.Audit(context.Background(), srvs[w].Addr)
					inflight.Add(-1)
					if err == nil && r.HostKey.Status != probessh.HostKeyVerified {
						err = fmt.Errorf("host key %s: %s", r.HostKey.Status, r.HandshakeError)
					}
					if err != nil {
						failed.Add(1)
						mu.Lock()
						if firstErr == nil {
							firstErr = err
						}
						mu.Unlock()
					}
				}
			})
		}
		wg.Wait()
		if n := failed.Load(); n > 0 {
			b.Fatalf("%d of %d audits failed, first: %v", n, sshFleetProbes, firstErr)
		}
	}
	b.ReportMetric(float64(maxSeen.Load()), "max-concurrency")
	b.ReportMetric(float64(sshFleetProbes)*float64(b.N)/b.Elapsed().Seconds(), "audits/s")
}
