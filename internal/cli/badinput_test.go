package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/reltest"
)

// badFleet writes a fleet whose devices point at broken files (truncated,
// binary, oversized, missing, invalid JSON, wrongly typed facts) beside
// two good devices, and returns the inventory path.
func badFleet(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	demo := func(p string) []byte {
		b, err := demoFS.ReadFile("demo/" + p)
		require.NoError(t, err)
		return b
	}
	write := func(name string, b []byte) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o600))
	}
	good := demo("configs/rtr-osaka-2.conf")
	write("good.conf", good)
	write("trunc.conf", append(good[:len(good)/2:len(good)/2], reltest.Garbage(300)...))
	// Over the router's 8 MiB bound in a few long lines (cheap for the
	// other scanners under the race detector).
	write("huge.conf", bytes.Repeat(append(bytes.Repeat([]byte("#"), 1<<20), '\n'), 9))
	write("longline.log", append(append(demo("logs/rtr-tokyo-1.log"), bytes.Repeat([]byte("x"), 1<<20)...), '\n'))
	write("binary.log", reltest.Garbage(64<<10))
	write("broken.osv.json", demo("advisories/demo-yamaha.osv.json")[:200])
	for _, f := range []string{"extensions.conf", "manager.conf", "cdr.conf"} {
		write("pbx/asterisk/"+f, demo("pbx/asterisk/"+f))
	}
	pj := demo("pbx/asterisk/pjsip.conf")
	write("pbx/asterisk/pjsip.conf", append(pj[:len(pj)*2/3:len(pj)*2/3], "\n[broken\x00\xff"...))
	cdr := demo("pbx/Master.csv")
	write("pbx/Master.csv", append(append([]byte("\"unterminated,quote\n"), cdr...), "1,2,3\n\"x"...))
	for _, f := range []string{"config", "tsi", "config.ttyACM0", "hosts.hfaxd", "hyla.conf", "hfaxd.conf", "FaxDispatch"} {
		write("fax/hylafax/"+f, demo("fax/hylafax/"+f))
	}
	write("fax/hylafax/hosts.hfaxd", append(demo("fax/hylafax/hosts.hfaxd"), "\x00\x01garbage[[[\n"...))
	x := demo("fax/xferfaxlog")
	write("fax/xferfaxlog", append(append([]byte("not\ta\txferfaxlog\trecord\n"), x...), x[:len(x)/3]...))

	write("fleet.yaml", []byte(`version: 1
devices:
  - id: good-rtr
    class: router
    vendor: yamaha
    model: RTX830
    files: {configs: [good.conf]}
  - id: trunc-rtr
    class: router
    vendor: yamaha
    files: {configs: [trunc.conf]}
  - id: huge-rtr
    class: router
    vendor: yamaha
    files: {configs: [huge.conf]}
  - id: missing-rtr
    class: router
    vendor: yamaha
    files: {configs: [missing.conf], logs: [missing.log]}
  - id: logs-rtr
    class: router
    vendor: yamaha
    files: {configs: [good.conf], logs: [longline.log, binary.log]}
  - id: adv-rtr
    class: router
    vendor: yamaha
    model: RTX830
    firmware: Rev.15.02.30
    files: {configs: [good.conf]}
    facts:
      firmware:
        advisories: [broken.osv.json]
  - id: facts-rtr
    class: router
    vendor: yamaha
    files: {configs: [good.conf]}
    facts:
      router:
        expected_dns: {not: a list}
  - id: bad-entry
    class: router
    vendor: [yamaha]
  - id: broken-pbx
    class: pbx
    vendor: asterisk
    files: {config_dir: pbx/asterisk, cdrs: [pbx/Master.csv]}
  - id: broken-fax
    class: fax
    vendor: hylafax
    files: {config_dir: fax/hylafax, other: {xferfaxlog: fax/xferfaxlog}}
  - id: good-fax
    class: fax
    vendor: hylafax
    files: {config_dir: fax/hylafax}
`))
	return filepath.Join(dir, "fleet.yaml")
}

// TestAuditBadInput: every broken input is reported against its device
// with the file (and line, or field) named, and every other device is
// still audited and reported, in every format.
func TestAuditBadInput(t *testing.T) {
	inv := badFleet(t)
	stdout, stderr, code := run(t, nil, "audit", "--format", "json", "--time", "2026-11-26T09:00:00Z", inv)
	assert.Equal(t, ExitFindings, code, stderr)
	r, err := netdevsec.DecodeJSONReport(strings.NewReader(stdout))
	require.NoError(t, err, "%.2000s", stdout)

	byDevice := map[string][]netdevsec.Finding{}
	for _, d := range r.Devices {
		byDevice[d.ID] = d.Findings
	}
	// text returns everything the report says about a device.
	text := func(id string) string {
		var b strings.Builder
		for _, f := range byDevice[id] {
			if f.Status == netdevsec.StatusPass || f.Status == netdevsec.StatusNotApplicable {
				continue
			}
			b.WriteString(f.RuleID + " " + f.Status.String() + ": " + f.Message)
			for _, e := range f.Evidence {
				b.WriteString(" " + e.Key + "=" + e.Value)
			}
			if f.Location != nil {
				b.WriteString(" at " + f.Location.String())
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	for _, id := range []string{"good-rtr", "trunc-rtr", "huge-rtr", "missing-rtr", "logs-rtr", "adv-rtr", "facts-rtr", "bad-entry", "broken-pbx", "broken-fax", "good-fax"} {
		assert.NotEmpty(t, byDevice[id], "%s is reported", id)
	}
	for _, id := range []string{"good-rtr", "good-fax", "broken-pbx", "broken-fax", "trunc-rtr"} {
		fails := 0
		for _, f := range byDevice[id] {
			if f.Status == netdevsec.StatusFail {
				fails++
			}
		}
		assert.Positive(t, fails, "%s is still judged", id)
	}
	tests := []struct{ device, want string }{
		{"trunc-rtr", "router.import.unparsed"},
		{"trunc-rtr", "trunc.conf:"},
		{"huge-rtr", "huge.conf"},
		{"missing-rtr", "missing.conf"},
		// The review goes on past a 1 MiB line and a binary file (the
		// line is cut at the scanner's bound).
		{"logs-rtr", "logging.review.login-failure fail: login failed from 198.51.100.7 "},
		{"logs-rtr", "longline.log:7"},
		{"adv-rtr", "broken.osv.json"},
		{"facts-rtr", "audit.check.error error: router: "},
		{"facts-rtr", "fleet.yaml:39:23: facts.router: mapping was used where sequence is expected"},
		{"bad-entry", "audit.device.invalid error: "},
		{"bad-entry", "Device.Vendor of type string: invalid inventory at "},
		{"bad-entry", "fleet.yaml:42:13"},
		{"broken-pbx", "pbx.cdr.rows fail: unterminated quote: bad CDR row at "},
		{"broken-pbx", "Master.csv:1\n"},
		{"broken-pbx", "Master.csv:7\n"},
		{"broken-pbx", "pjsip.conf:"},
		{"broken-fax", "xferfaxlog:"},
	}
	for _, tc := range tests {
		assert.Contains(t, text(tc.device), tc.want, "%s: the broken file is named", tc.device)
	}
	for _, format := range []string{"text", "sarif"} {
		out, stderr, code := run(t, nil, "audit", "--format", format, "--time", "2026-11-26T09:00:00Z", inv)
		assert.Equal(t, ExitFindings, code, stderr)
		for _, id := range []string{"good-rtr", "broken-pbx", "good-fax"} {
			assert.Contains(t, out, id, format)
		}
	}
}
