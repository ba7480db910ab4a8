package peertest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// EnvRequire is the environment variable that turns every skip of this
// package into a test failure when it is set to "1".
const EnvRequire = "NETDEVSEC_REQUIRE_PEERS"

// DefaultStartTimeout is how long a starter waits for its daemon when the
// options leave StartTimeout zero.
const DefaultStartTimeout = 30 * time.Second

// stopTimeout is how long a stopped daemon gets between SIGTERM and SIGKILL.
const stopTimeout = 3 * time.Second

// maxOutput bounds the daemon output kept for the test log.
const maxOutput = 1 << 20

// Required reports whether NETDEVSEC_REQUIRE_PEERS=1 is set, so that
// missing peers fail instead of skip.
func Required() bool { return os.Getenv(EnvRequire) == "1" }

// Skip skips the test with the formatted reason, or fails it when
// [Required] is true.
func Skip(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required() {
		t.Fatalf("%s (%s=1 forbids skipping)", msg, EnvRequire)
	}
	t.Skip(msg)
}

// Require returns the absolute path of the executable name, searching
// PATH and then /usr/sbin, /sbin, /usr/bin and /bin (test environments
// often lack the sbin directories in PATH). When it is not found the test
// is skipped, or fails under NETDEVSEC_REQUIRE_PEERS=1.
func Require(t testing.TB, name string) string {
	t.Helper()
	if p, err := lookPath(name); err == nil {
		return p
	}
	Skip(t, "peer binary %q not installed", name)
	return ""
}

func lookPath(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return filepath.Abs(p)
	}
	for _, dir := range []string{"/usr/sbin", "/sbin", "/usr/bin", "/bin"} {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: %w", name, exec.ErrNotFound)
}

// FreeTCPPort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreeTCPPort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free TCP port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// FreeUDPPort returns a UDP port on 127.0.0.1 that was free a moment ago.
func FreeUDPPort(t testing.TB) int {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free UDP port: %v", err)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port
}

// FreePort returns a port on 127.0.0.1 free for both TCP and UDP, for
// daemons that listen on both (kamailio).
func FreePort(t testing.TB) int {
	t.Helper()
	for range 50 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("find a free port: %v", err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		c, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		l.Close()
		if err == nil {
			c.Close()
			return port
		}
	}
	t.Fatalf("no port free for both TCP and UDP")
	return 0
}

// Process is a running daemon started by this package.
type Process struct {
	// Name is the peer's short name (sshd, dropbear …).
	Name string
	// Dir is the temp dir holding its configuration and state.
	Dir string

	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}
	err  error // valid after done is closed
}

// Output returns what the daemon wrote to stdout and stderr so far (at most
// 1 MiB).
func (p *Process) Output() string { return p.out.String() }

// Pid is the daemon's process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Exited reports whether the daemon has exited.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// WaitOutput waits until the daemon's output contains substr, the daemon
// exits or the timeout passes, and reports whether substr was seen.
func (p *Process) WaitOutput(substr string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		if strings.Contains(p.Output(), substr) {
			return true
		}
		if p.Exited() || time.Now().After(deadline) {
			return strings.Contains(p.Output(), substr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := maxOutput - l.b.Len(); room > 0 {
		if len(p) > room {
			l.b.Write(p[:room])
		} else {
			l.b.Write(p)
		}
	}
	return len(p), nil
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// spec describes how to start and probe one daemon.
type spec struct {
	name    string
	dir     string
	path    string
	args    []string
	env     []string
	timeout time.Duration
	// ready reports nil when the daemon is ready to serve.
	ready func(p *Process) error
}

// start runs s, waits until s.ready succeeds and registers the cleanup
// that stops the daemon. It fails the test (with the daemon output) when
// the daemon exits or is not ready in time.
func start(t testing.TB, s spec) *Process {
	t.Helper()
	if s.timeout <= 0 {
		s.timeout = DefaultStartTimeout
	}
	p := &Process{Name: s.name, Dir: s.dir, out: &lockedBuffer{}, done: make(chan struct{})}
	cmd := exec.Command(s.path, s.args...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), s.env...)
	cmd.Stdout = p.out
	cmd.Stderr = p.out
	// A process group of its own, so that daemons that fork workers
	// (kamailio) are stopped as a whole.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p.cmd = cmd
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", s.name, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.stop()
		if t.Failed() {
			t.Logf("%s (%s) output:\n%s", s.name, strings.Join(cmd.Args, " "), p.Output())
		}
	})

	deadline := time.Now().Add(s.timeout)
	var lastErr error
	for {
		if p.Exited() {
			t.Fatalf("%s exited before it was ready: %v\ncommand: %s\noutput:\n%s",
				s.name, p.err, strings.Join(cmd.Args, " "), p.Output())
		}
		if lastErr = s.ready(p); lastErr == nil {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready after %v: %v\ncommand: %s\noutput:\n%s",
				s.name, s.timeout, lastErr, strings.Join(cmd.Args, " "), p.Output())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// stop sends SIGTERM to the daemon's process group, then SIGKILL after
// stopTimeout, and waits until the daemon is reaped.
func (p *Process) stop() {
	if p.Exited() {
		return
	}
	pgid := p.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(stopTimeout):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.done
	}
	// Workers of the group that outlived their parent.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
}

// listening reports nil when a socket of the given protocol ("tcp" or
// "udp") is bound on 127.0.0.1:port, read from /proc/net without sending
// anything to the daemon. Where /proc is unavailable, TCP falls back to a
// dial and UDP reports ready.
func listening(proto string, port int) error {
	f, err := os.Open("/proc/net/" + proto)
	if err != nil {
		if proto == "tcp" {
			c, derr := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), time.Second)
			if derr != nil {
				return derr
			}
			return c.Close()
		}
		return nil
	}
	defer f.Close()
	want := fmt.Sprintf("0100007F:%04X", port)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || fields[1] != want {
			continue
		}
		// TCP must be in LISTEN (0A); UDP sockets are unconnected (07).
		if proto == "tcp" && fields[3] != "0A" {
			continue
		}
		return nil
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return fmt.Errorf("nothing listening on %s 127.0.0.1:%d yet", proto, port)
}

// isRoot reports whether the test runs as root.
func isRoot() bool { return os.Geteuid() == 0 }

// writeFile writes data to dir/name with mode perm and returns its path.
func writeFile(t testing.TB, dir, name, data string, perm os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), perm); err != nil {
		t.Fatalf("write %s: %v", p, err)
	}
	return p
}

// run runs a helper command (key generation, account set-up) and fails
// the test with its output on error.
func run(t testing.TB, stdin string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) || ctx.Err() != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

// execOutput runs a short helper command and returns its combined output.
func execOutput(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	return string(out), err
}
