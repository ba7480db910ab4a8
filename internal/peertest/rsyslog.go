package peertest

import (
	"bytes"
	"fmt"
	"testing"
	"text/template"
	"time"
)

// RsyslogTemplate holds the fields of a [RsyslogOptions.Config] template.
type RsyslogTemplate struct {
	// Dir is the temp dir (use it as workDirectory and for any files).
	Dir string
	// Port is a free UDP port on 127.0.0.1 for the imudp input.
	Port int
}

// RsyslogOptions configures [StartRsyslog].
type RsyslogOptions struct {
	// Config is the rsyslog.conf text as a Go text/template with the
	// fields of [RsyslogTemplate]. It must declare
	// input(type="imudp" address="127.0.0.1" port="{{.Port}}"), which is
	// how readiness is detected, and should set
	// global(workDirectory="{{.Dir}}"). Required.
	Config string
	// StartTimeout bounds the wait for the daemon; zero means
	// DefaultStartTimeout.
	StartTimeout time.Duration
}

// SyslogServer is a running rsyslogd.
type SyslogServer struct {
	*Process
	// Addr is "127.0.0.1:PORT", the UDP input.
	Addr string
	Port int
}

// StartRsyslog starts rsyslogd (-n -f CONFIG -i PIDFILE) with the given
// configuration and returns once its UDP input is bound.
func StartRsyslog(t testing.TB, opts RsyslogOptions) *SyslogServer {
	t.Helper()
	rsyslogd := Require(t, "rsyslogd")
	if opts.Config == "" {
		t.Fatalf("StartRsyslog: RsyslogOptions.Config is required")
	}
	dir := t.TempDir()
	tmpl, err := template.New("rsyslog.conf").Parse(opts.Config)
	if err != nil {
		t.Fatalf("rsyslog config template: %v", err)
	}
	port := FreeUDPPort(t)
	var cfg bytes.Buffer
	if err := tmpl.Execute(&cfg, RsyslogTemplate{Dir: dir, Port: port}); err != nil {
		t.Fatalf("rsyslog config template: %v", err)
	}
	cfgPath := writeFile(t, dir, "rsyslog.conf", cfg.String(), 0o600)
	p := start(t, spec{
		name: "rsyslogd", dir: dir, path: rsyslogd, timeout: opts.StartTimeout,
		args:  []string{"-n", "-f", cfgPath, "-i", dir + "/rsyslogd.pid"},
		ready: func(*Process) error { return listening("udp", port) },
	})
	return &SyslogServer{Process: p, Addr: fmt.Sprintf("127.0.0.1:%d", port), Port: port}
}
