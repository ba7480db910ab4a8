package logging_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/logging"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// good is a device that meets every rule.
func good() logging.Facts {
	return logging.Facts{
		Enabled:           ptr(true),
		NTPServers:        []string{"ntp.nict.jp", "192.0.2.123"},
		Capabilities:      &logging.Capabilities{Record: ptr(true), Export: ptr(true), TimeSync: ptr(true), Erase: ptr(true)},
		SecurityLog:       ptr(true),
		OperationLog:      ptr(true),
		Events:            []string{"auth-success", "auth-failure", "config-change", "time-change", "update"},
		Level:             "informational",
		BufferBytes:       ptr(64000),
		Timestamp:         &logging.TimestampFormat{Date: ptr(true), Year: ptr(true), Zone: ptr(true)},
		NTPAuthenticated:  ptr(true),
		NTPKeyAlgorithms:  []string{"sha256"},
		NTPBroadcast:      ptr(false),
		Remote:            []logging.Destination{{Host: "192.0.2.50", Port: 6514, Transport: "tls"}},
		OnFull:            "overwrite-oldest",
		LastReview:        now.Add(-72 * time.Hour),
		LastBackup:        now.Add(-time.Hour),
		Retired:           ptr(true),
		IncidentProcedure: ptr("wiki/ops/incident-response (JPCERT/CC contact)"),
		Disposal:          &logging.Disposal{Method: "factory-reset", Date: now.Add(-time.Hour), By: "ops"},
	}
}

func statusOf(t *testing.T, fs []netdevsec.Finding, id string) netdevsec.Finding {
	t.Helper()
	for _, f := range fs {
		if f.RuleID == id {
			return f
		}
	}
	t.Fatalf("no finding of %s", id)
	return netdevsec.Finding{}
}

func TestRulesValid(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range logging.Rules() {
		require.NoError(t, r.Validate(), r.ID)
		assert.False(t, seen[r.ID], "duplicate %s", r.ID)
		seen[r.ID] = true
		assert.NotEmpty(t, r.References, "%s names no source", r.ID)
		for _, c := range r.Clauses {
			assert.True(t, strings.HasPrefix(string(c), "CIAJ-1.4."), "%s: clause %s", r.ID, c)
		}
	}
	assert.Len(t, logging.Check("d", logging.Facts{}, now), len(logging.Rules()), "one finding per rule")
}

func TestGoodPassesEverything(t *testing.T) {
	for _, f := range logging.Check("d", good(), now) {
		assert.Equal(t, netdevsec.StatusPass, f.Status, "%s: %s", f.RuleID, f.Message)
	}
}

func TestEmptyFactsNeverPass(t *testing.T) {
	for _, f := range logging.Check("d", logging.Facts{}, now) {
		assert.Contains(t, []netdevsec.Status{netdevsec.StatusUnknown, netdevsec.StatusNotApplicable}, f.Status, "%s: %s", f.RuleID, f.Message)
	}
}

func TestRuleFixtures(t *testing.T) {
	tests := []struct {
		name   string
		rule   string
		mutate func(*logging.Facts)
		policy *logging.Policy
		want   netdevsec.Status
	}{
		{"capability missing", "logging.capabilities", func(f *logging.Facts) { f.Capabilities.Erase = ptr(false) }, nil, netdevsec.StatusFail},
		{"capability partly unknown", "logging.capabilities", func(f *logging.Facts) { f.Capabilities.Export = nil }, nil, netdevsec.StatusUnknown},
		{"disabled", "logging.enabled", func(f *logging.Facts) { f.Enabled = ptr(false) }, nil, netdevsec.StatusFail},
		{"no operation log", "logging.log-types", func(f *logging.Facts) { f.OperationLog = ptr(false) }, nil, netdevsec.StatusFail},
		{"security log unknown", "logging.log-types", func(f *logging.Facts) { f.SecurityLog = nil }, nil, netdevsec.StatusUnknown},
		{"no time change events", "logging.events", func(f *logging.Facts) { f.Events = []string{"auth-failure", "auth-success", "config-change", "update"} }, nil, netdevsec.StatusFail},
		{"no events, known", "logging.events", func(f *logging.Facts) { f.Events, f.EventsKnown = nil, true }, nil, netdevsec.StatusFail},
		{"custom required events", "logging.events", func(f *logging.Facts) { f.Events = []string{"auth-failure"} }, &logging.Policy{RequiredEvents: []string{"auth-failure"}}, netdevsec.StatusPass},
		{"debug", "logging.level", func(f *logging.Facts) { f.Level = "debugging" }, nil, netdevsec.StatusFail},
		{"debug allowed", "logging.level", func(f *logging.Facts) { f.Level = "debug" }, &logging.Policy{AllowDebug: true}, netdevsec.StatusPass},
		{"level nonsense", "logging.level", func(f *logging.Facts) { f.Level = "loud" }, nil, netdevsec.StatusUnknown},
		{"small buffer", "logging.buffer", func(f *logging.Facts) { f.BufferBytes = ptr(4096) }, nil, netdevsec.StatusFail},
		{"small buffer meets lab policy", "logging.buffer", func(f *logging.Facts) { f.BufferBytes = ptr(4096) }, &logging.Policy{MinBufferBytes: 4096}, netdevsec.StatusPass},
		{"no year", "logging.timestamp", func(f *logging.Facts) { f.Timestamp.Year = ptr(false) }, nil, netdevsec.StatusFail},
		{"zone unknown", "logging.timestamp", func(f *logging.Facts) { f.Timestamp.Zone = nil }, nil, netdevsec.StatusUnknown},
		{"one ntp server", "logging.ntp.configured", func(f *logging.Facts) { f.NTPServers = f.NTPServers[:1] }, nil, netdevsec.StatusFail},
		{"no ntp", "logging.ntp.configured", func(f *logging.Facts) { f.NTPServers, f.NTPKnown = nil, true }, nil, netdevsec.StatusFail},
		{"ntp unknown", "logging.ntp.configured", func(f *logging.Facts) { f.NTPServers = nil }, nil, netdevsec.StatusUnknown},
		{"ntp unauthenticated", "logging.ntp.authenticated", func(f *logging.Facts) { f.NTPAuthenticated = ptr(false) }, nil, netdevsec.StatusFail},
		{"ntp md5", "logging.ntp.authenticated", func(f *logging.Facts) { f.NTPKeyAlgorithms = []string{"MD5"} }, nil, netdevsec.StatusFail},
		{"ntp sha1", "logging.ntp.authenticated", func(f *logging.Facts) { f.NTPKeyAlgorithms = []string{"sha256", "sha1"} }, nil, netdevsec.StatusFail},
		{"ntp algorithm unknown", "logging.ntp.authenticated", func(f *logging.Facts) { f.NTPKeyAlgorithms = nil }, nil, netdevsec.StatusUnknown},
		{"ntp broadcast", "logging.ntp.no-broadcast", func(f *logging.Facts) { f.NTPBroadcast = ptr(true) }, nil, netdevsec.StatusFail},
		{"no remote", "logging.remote.configured", func(f *logging.Facts) { f.Remote, f.RemoteKnown = nil, true }, nil, netdevsec.StatusFail},
		{"one remote, two needed", "logging.remote.configured", func(*logging.Facts) {}, &logging.Policy{MinRemoteHosts: 2}, netdevsec.StatusFail},
		{"udp only", "logging.remote.reliable", func(f *logging.Facts) {
			f.Remote = []logging.Destination{{Host: "a", Transport: "udp"}, {Host: "b", Transport: "udp"}}
		}, nil, netdevsec.StatusFail},
		{"udp and tcp", "logging.remote.reliable", func(f *logging.Facts) {
			f.Remote = []logging.Destination{{Host: "a", Transport: "udp"}, {Host: "b", Transport: "tcp"}}
		}, nil, netdevsec.StatusPass},
		{"transport unknown", "logging.remote.reliable", func(f *logging.Facts) { f.Remote = []logging.Destination{{Host: "a"}} }, nil, netdevsec.StatusUnknown},
		{"clear text", "logging.remote.encrypted", func(f *logging.Facts) { f.Remote = []logging.Destination{{Host: "a", Transport: "tcp"}} }, nil, netdevsec.StatusFail},
		{"stop when full", "logging.storage-full", func(f *logging.Facts) { f.OnFull = "stop" }, nil, netdevsec.StatusFail},
		{"overwrite, udp only", "logging.storage-full", func(f *logging.Facts) { f.Remote = []logging.Destination{{Host: "a", Transport: "udp"}} }, nil, netdevsec.StatusFail},
		{"alert", "logging.storage-full", func(f *logging.Facts) { f.OnFull = "alert" }, nil, netdevsec.StatusPass},
		{"review overdue", "logging.cadence.review", func(f *logging.Facts) { f.LastReview = now.Add(-30 * 24 * time.Hour) }, nil, netdevsec.StatusFail},
		{"review within monthly policy", "logging.cadence.review", func(f *logging.Facts) { f.LastReview = now.Add(-20 * 24 * time.Hour) }, &logging.Policy{ReviewEvery: 31 * 24 * time.Hour}, netdevsec.StatusPass},
		{"backup overdue, udp", "logging.cadence.backup", func(f *logging.Facts) {
			f.Remote = []logging.Destination{{Host: "a", Transport: "udp"}}
			f.LastBackup = now.Add(-72 * time.Hour)
		}, nil, netdevsec.StatusFail},
		{"backup recent, no remote", "logging.cadence.backup", func(f *logging.Facts) { f.Remote = nil }, nil, netdevsec.StatusPass},
		{"no incident procedure", "logging.incident.procedure", func(f *logging.Facts) { f.IncidentProcedure = ptr("") }, nil, netdevsec.StatusFail},
		{"incident procedure not recorded", "logging.incident.procedure", func(f *logging.Facts) { f.IncidentProcedure = nil }, nil, netdevsec.StatusUnknown},
		{"retired without erase", "logging.disposal", func(f *logging.Facts) { f.Disposal = nil }, nil, netdevsec.StatusFail},
		{"retired, method none", "logging.disposal", func(f *logging.Facts) { f.Disposal.Method = "none" }, nil, netdevsec.StatusFail},
		{"in service", "logging.disposal", func(f *logging.Facts) { f.Retired, f.Disposal = ptr(false), nil }, nil, netdevsec.StatusNotApplicable},
		{"erase without date", "logging.disposal", func(f *logging.Facts) { f.Disposal.Date = time.Time{} }, nil, netdevsec.StatusUnknown},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := good()
			tt.mutate(&f)
			got := statusOf(t, logging.CheckPolicy("d", f, now, tt.policy), tt.rule)
			assert.Equal(t, tt.want, got.Status, got.Message)
			assert.NotEmpty(t, got.Message)
		})
		if tt.want == netdevsec.StatusFail {
			covered[tt.rule] = true
		}
	}
	for _, r := range logging.Rules() {
		assert.True(t, covered[r.ID], "rule %s has no failing fixture", r.ID)
	}
}

const fleet = `version: 1
devices:
  - id: inv
    class: router
    facts:
      logging:
        enabled: false
        ntp_servers: [a, b]
  - id: derived
    class: router
  - id: bad
    class: router
    facts:
      logging:
        enabeld: true
`

func TestAuditorFactsSources(t *testing.T) {
	inv, err := inventory.Decode(strings.NewReader(fleet), "fleet.yaml")
	require.NoError(t, err)
	require.Len(t, inv.Devices, 3)

	t.Run("inventory facts win over derived", func(t *testing.T) {
		dev := inv.Devices[0]
		dev.SetDerived("logging", logging.Facts{Enabled: ptr(true)})
		fs, err := logging.Auditor{}.Audit(t.Context(), &dev, now)
		require.NoError(t, err)
		f := statusOf(t, fs, "logging.enabled")
		assert.Equal(t, netdevsec.StatusFail, f.Status)
		require.NotNil(t, f.Location)
		assert.Equal(t, "fleet.yaml", f.Location.File)
		assert.Equal(t, 7, f.Location.Line)
	})
	t.Run("derived facts used without inventory facts", func(t *testing.T) {
		dev := inv.Devices[1]
		dev.SetDerived("logging", logging.Facts{Enabled: ptr(false)})
		fs, err := logging.Auditor{}.Audit(t.Context(), &dev, now)
		require.NoError(t, err)
		assert.Equal(t, netdevsec.StatusFail, statusOf(t, fs, "logging.enabled").Status)
	})
	t.Run("no facts at all is unknown", func(t *testing.T) {
		dev := inv.Devices[1]
		fs, err := logging.Auditor{}.Audit(t.Context(), &dev, now)
		require.NoError(t, err)
		assert.Equal(t, netdevsec.StatusUnknown, statusOf(t, fs, "logging.enabled").Status)
	})
	t.Run("unknown field is an error naming the position", func(t *testing.T) {
		dev := inv.Devices[2]
		_, err := logging.Auditor{}.Audit(t.Context(), &dev, now)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "fleet.yaml:15")
	})
}

func TestAuditorReviewsLogs(t *testing.T) {
	dir := t.TempDir()
	log := "<86>Nov 20 10:01:05 dropbear[1236]: Bad password attempt for 'root' from 198.51.100.7:50002\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gw.log"), []byte(log), 0o600))
	inv, err := inventory.Decode(strings.NewReader("version: 1\ndevices:\n  - id: gw\n    class: router\n    files:\n      logs: [gw.log]\n"), filepath.Join(dir, "fleet.yaml"))
	require.NoError(t, err)
	dev := inv.Devices[0]
	dev.BaseDir = dir
	fs, err := logging.Auditor{}.Audit(t.Context(), &dev, now)
	require.NoError(t, err)
	f := statusOf(t, fs, "logging.review.login-failure")
	assert.Equal(t, netdevsec.StatusFail, f.Status)
	require.NotNil(t, f.Location)
	assert.Equal(t, filepath.Join(dir, "gw.log"), f.Location.File)
	assert.Equal(t, 1, f.Location.Line)
	assert.Equal(t, netdevsec.StatusPass, statusOf(t, fs, "logging.review.log-cleared").Status)
	ids := map[string]bool{}
	for _, r := range (logging.Auditor{}).Rules() {
		ids[r.ID] = true
	}
	for _, f := range fs {
		assert.True(t, ids[f.RuleID], "finding of undeclared rule %s", f.RuleID)
	}
}

func TestAuditorReviewListsFromFacts(t *testing.T) {
	dir := t.TempDir()
	log := "Fri Nov 20 10:04:00 2026 daemon.info dnsmasq-dhcp[1500]: DHCPACK(br-lan) 192.168.1.150 00:11:22:33:44:55 laptop\n" +
		"Fri Nov 20 10:05:00 2026 daemon.info dnsmasq-dhcp[1500]: DHCPACK(br-lan) 192.168.1.151 66:77:88:99:aa:c1 phone\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ap.log"), []byte(log), 0o600))
	fleet := func(extra string) inventory.Device {
		inv, err := inventory.Decode(strings.NewReader("version: 1\ndevices:\n  - id: ap\n    class: router\n    files:\n      logs: [ap.log]\n    facts:\n      logging:\n        review:\n          known_macs: [00:11:22:33:44:55]\n"+extra), filepath.Join(dir, "fleet.yaml"))
		require.NoError(t, err)
		require.Len(t, inv.Devices, 1)
		d := inv.Devices[0]
		d.BaseDir = dir
		return d
	}
	dev := fleet("")
	fs, err := logging.Auditor{}.Audit(t.Context(), &dev, now)
	require.NoError(t, err)
	var lines []int
	for _, f := range fs {
		if f.RuleID == "logging.review.unknown-device" && f.Status == netdevsec.StatusFail {
			lines = append(lines, f.Location.Line)
		}
	}
	assert.Equal(t, []int{2}, lines, "only the MAC that is not in the inventory")

	dev = fleet("          admin_sources: [not-a-network]\n")
	_, err = logging.Auditor{}.Audit(t.Context(), &dev, now)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "admin_sources")
}
