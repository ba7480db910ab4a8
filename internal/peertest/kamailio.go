package peertest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"text/template"
	"time"
)

// KamailioOpenRegistrar is a kamailio routing configuration (a
// text/template, see [KamailioOptions]) that answers OPTIONS with 200 OK and
// accepts every REGISTER without authentication — an open registrar, the
// insecure case a PBX probe must flag.
const KamailioOpenRegistrar = `#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=1
auto_aliases=no
listen=udp:{{.Host}}:{{.Port}}
listen=tcp:{{.Host}}:{{.Port}}

loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"

request_route {
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}
	if (is_method("OPTIONS")) {
		sl_send_reply("200", "OK");
		exit;
	}
	if (is_method("REGISTER")) {
		save("location");
		exit;
	}
	sl_send_reply("404", "Not Found");
	exit;
}
`

// KamailioOptions configures [StartKamailio].
type KamailioOptions struct {
	// Config is the kamailio.cfg text as a Go text/template with the
	// fields .Host ("127.0.0.1"), .Port (UDP and TCP), .Dir (the temp dir)
	// — it must contain listen=udp:{{.Host}}:{{.Port}} and
	// listen=tcp:{{.Host}}:{{.Port}}. Empty means
	// [KamailioOpenRegistrar].
	Config string
	// StartTimeout bounds the wait for the server; zero means
	// DefaultStartTimeout.
	StartTimeout time.Duration
}

// SIPServer is a running kamailio.
type SIPServer struct {
	*Process
	// Addr is "127.0.0.1:PORT", served over UDP and TCP.
	Addr string
	Port int
}

// KamailioTemplate holds the fields of a [KamailioOptions.Config] template.
type KamailioTemplate struct {
	Host string
	Port int
	Dir  string
}

// StartKamailio starts kamailio (-DD -E -f CONFIG -Y RUNDIR -P PIDFILE)
// listening on 127.0.0.1 on a free port (UDP and TCP) and returns once both
// sockets are bound.
func StartKamailio(t testing.TB, opts KamailioOptions) *SIPServer {
	t.Helper()
	kamailio := Require(t, "kamailio")
	dir := t.TempDir()
	text := opts.Config
	if text == "" {
		text = KamailioOpenRegistrar
	}
	tmpl, err := template.New("kamailio.cfg").Parse(text)
	if err != nil {
		t.Fatalf("kamailio config template: %v", err)
	}
	port := FreePort(t)
	var cfg bytes.Buffer
	if err := tmpl.Execute(&cfg, KamailioTemplate{Host: "127.0.0.1", Port: port, Dir: dir}); err != nil {
		t.Fatalf("kamailio config template: %v", err)
	}
	cfgPath := writeFile(t, dir, "kamailio.cfg", cfg.String(), 0o600)
	rundir := filepath.Join(dir, "run")
	if err := os.Mkdir(rundir, 0o700); err != nil {
		t.Fatalf("kamailio run dir: %v", err)
	}
	p := start(t, spec{
		name: "kamailio", dir: dir, path: kamailio, timeout: opts.StartTimeout,
		args: []string{"-DD", "-E", "-f", cfgPath, "-Y", rundir, "-P", filepath.Join(dir, "kamailio.pid"),
			"-m", "32", "-M", "8"},
		ready: func(*Process) error {
			if err := listening("udp", port); err != nil {
				return err
			}
			return listening("tcp", port)
		},
	})
	return &SIPServer{Process: p, Addr: fmt.Sprintf("127.0.0.1:%d", port), Port: port}
}
