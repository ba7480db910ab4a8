package review_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

var jst = time.FixedZone("JST", 9*3600)

// fixtureOptions are the options testdata/labelled/README.md documents.
func fixtureOptions() *review.Options {
	return &review.Options{
		Device:    "fixture",
		Location:  jst,
		Reference: time.Date(2026, 11, 26, 12, 0, 0, 0, jst),
		AllowedDestinations: []netip.Prefix{
			netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("203.0.113.80/32"),
		},
		AllowedInterfaces: []string{"wan", "pppoe-out1", "PP[01]", "Dialer1", "IP Tunnel[1]"},
		KnownMACs:         []string{"00:11:22:33:44:55", "00a0.de01.0203"},
		ScanPorts:         10,
		ScanWindow:        time.Minute,
		FloodEvents:       8,
		FloodWindow:       10 * time.Second,
		ChangeWindows:     []review.Window{{Days: []time.Weekday{time.Tuesday, time.Friday}, From: 9 * time.Hour, To: 12 * time.Hour}},
		KnownUsers:        []string{"admin", "root", "ops", "100", "200"},
		AdminSources: []netip.Prefix{
			netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("10.0.0.0/8"),
		},
	}
}

type label struct {
	Match bool   `json:"match"`
	Rule  string `json:"rule"`
}

func readLabels(t *testing.T, name string) map[int]label {
	t.Helper()
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	out := map[int]label{}
	sc := bufio.NewScanner(f)
	n := 0
	var pending *label
	for sc.Scan() {
		n++
		if rest, ok := strings.CutPrefix(sc.Text(), "# failJSON:"); ok {
			var l label
			require.NoError(t, json.Unmarshal([]byte(rest), &l), "%s:%d", name, n)
			pending = &l
			continue
		}
		require.NotNil(t, pending, "%s:%d: unlabelled line", name, n)
		out[n] = *pending
		pending = nil
	}
	require.NoError(t, sc.Err())
	return out
}

func reviewFile(t *testing.T, name string, o *review.Options) []netdevsec.Finding {
	t.Helper()
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	var got []netdevsec.Finding
	require.NoError(t, review.New(o).Review(t.Context(), f, name, func(f netdevsec.Finding) { got = append(got, f) }))
	return got
}

// TestLabelledFixtures: every line labelled as an attack is flagged (by
// the labelled rule), no line labelled benign is.
func TestLabelledFixtures(t *testing.T) {
	files, err := filepath.Glob("../testdata/labelled/*.log")
	require.NoError(t, err)
	require.Len(t, files, 8, "one fixture per vendor format")
	perspectives := map[netdevsec.ClauseID]int{}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			labels := readLabels(t, name)
			byLine := map[int][]string{}
			for _, f := range reviewFile(t, name, fixtureOptions()) {
				require.NotNil(t, f.Location)
				assert.Equal(t, name, f.Location.File)
				byLine[f.Location.Line] = append(byLine[f.Location.Line], f.RuleID)
				for _, c := range f.Clauses {
					perspectives[c]++
				}
			}
			attacks := 0
			for line, l := range labels {
				rules := byLine[line]
				if l.Match {
					attacks++
					if assert.NotEmpty(t, rules, "%s:%d: attack line not flagged", name, line) && l.Rule != "" {
						assert.Contains(t, rules, l.Rule, "%s:%d", name, line)
					}
				} else {
					assert.Empty(t, rules, "%s:%d: benign line flagged", name, line)
				}
				delete(byLine, line)
			}
			assert.Empty(t, byLine, "findings on comment lines")
			assert.Positive(t, attacks)
		})
	}
	for _, c := range []netdevsec.ClauseID{"CIAJ-1.4.2-1", "CIAJ-1.4.2-2", "CIAJ-1.4.2-3", "CIAJ-1.4.2-4"} {
		assert.Positive(t, perspectives[c], "perspective %s has no hit in the fixtures", c)
	}
}

// TestNoSecretInFindings: passwords typed into the user field and
// secrets in logged commands never reach a finding.
func TestNoSecretInFindings(t *testing.T) {
	for _, name := range []string{"../testdata/labelled/cisco_ios.log", "../testdata/labelled/asterisk.log"} {
		b, err := json.Marshal(reviewFile(t, name, fixtureOptions()))
		require.NoError(t, err)
		for _, secret := range []string{"hunter2", "S3cr3tPass!", "0123456789abcdef0123456789abcdef"} {
			assert.NotContains(t, string(b), secret, name)
		}
		assert.Contains(t, string(b), netdevsec.Redacted, name)
	}
}

func TestRedactSecrets(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		command bool
		want    string
	}{
		{"cisco secret", "username bob secret 0 hunter2", true, "username bob secret 0 [REDACTED]"},
		{"snmp community", "snmp-server community s3cret RO", true, "snmp-server community [REDACTED] RO"},
		{"key value", `x ReceivedHash="abc" y`, false, `x ReceivedHash="[REDACTED]" y`},
		{"password colon", "password: hunter2 ok", false, "password: [REDACTED] ok"},
		{"prose left alone", "Failed password for root from 198.51.100.7", false, "Failed password for root from 198.51.100.7"},
		{"keyboard not a key", "Failed keyboard-interactive/pam for x", false, "Failed keyboard-interactive/pam for x"},
		{"junos plain-text", "set system root-authentication plain-text-password-value hunter2", true, "set system root-authentication plain-text-password-value [REDACTED]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, review.RedactSecrets(tt.in, tt.command))
		})
	}
}

func TestRulesValid(t *testing.T) {
	for _, r := range review.Rules() {
		require.NoError(t, r.Validate(), r.ID)
		assert.True(t, strings.HasPrefix(r.ID, "logging.review."), r.ID)
		assert.NotEmpty(t, r.References, r.ID)
	}
}

func TestFindingCapAndSummary(t *testing.T) {
	var b strings.Builder
	for i := range 250 {
		fmt.Fprintf(&b, "<86>Nov 20 10:%02d:%02d gw dropbear[1]: Bad password attempt for 'root' from 198.51.100.%d:5000\n", i/60, i%60, i%200)
	}
	e := review.New(&review.Options{Reference: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	n := 0
	require.NoError(t, e.Review(t.Context(), strings.NewReader(b.String()), "x.log", func(netdevsec.Finding) { n++ }))
	assert.Equal(t, 100, n, "capped at MaxFindingsPerRule")
	assert.Equal(t, 250, e.Hits()["logging.review.login-failure"])
	var sum netdevsec.Finding
	for _, f := range e.Summary() {
		if f.RuleID == "logging.review.login-failure" {
			sum = f
		}
	}
	assert.Equal(t, netdevsec.StatusFail, sum.Status)
	assert.Contains(t, sum.Message, "150 more not listed")
}

func TestEmptyInputIsUnknown(t *testing.T) {
	e := review.New(nil)
	require.NoError(t, e.Review(t.Context(), strings.NewReader(""), "empty.log", nil))
	for _, f := range e.Summary() {
		assert.Contains(t, []netdevsec.Status{netdevsec.StatusUnknown, netdevsec.StatusNotApplicable}, f.Status, f.RuleID)
	}
}
