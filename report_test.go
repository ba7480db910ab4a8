package netdevsec_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sampleRules() []netdevsec.Rule {
	return []netdevsec.Rule{
		{
			ID:          "router.wifi.open",
			Title:       netdevsec.Text{EN: "Wireless LAN is open or uses weak encryption", JA: "無線 LAN が暗号化されていないか、弱い暗号を使っている"},
			Description: netdevsec.Text{EN: "Neighbours can join an open or WEP network and see shared folders.", JA: "暗号化なしや WEP の無線 LAN には近隣の第三者が接続でき、共有フォルダを閲覧できる。"},
			Remediation: netdevsec.Text{EN: "Use WPA2-PSK (AES) or WPA3 with a long passphrase and disable WPS.", JA: "WPA2-PSK（AES）または WPA3 と長いパスフレーズを使い、WPS を無効にする。"},
			Clauses:     []netdevsec.ClauseID{"CIAJ-3.4-3"},
			Severity:    netdevsec.SeverityHigh,
			References:  []netdevsec.Reference{{Name: "IEEE 802.11i"}},
		},
		{
			ID:          "logging.ntp.configured",
			Title:       netdevsec.Text{EN: "Clock synchronised with NTP", JA: "NTP による時刻同期"},
			Description: netdevsec.Text{EN: "Log review needs correct time.", JA: "ログの確認には正しい時刻が必要である。"},
			Remediation: netdevsec.Text{EN: "Configure two NTP servers.", JA: "NTP サーバを 2 台設定する。"},
			Clauses:     []netdevsec.ClauseID{"CIAJ-1.4.1-3"},
			Severity:    netdevsec.SeverityMedium,
			References:  []netdevsec.Reference{{Name: "RFC 5905", URL: "https://www.rfc-editor.org/rfc/rfc5905"}},
		},
		{
			ID:          "password.storage.cleartext",
			Title:       netdevsec.Text{EN: "Password stored in clear", JA: "パスワードが平文で保存されている"},
			Description: netdevsec.Text{EN: "Anyone who reads the config learns the password.", JA: "設定を読める者は誰でもパスワードを知ることができる。"},
			Remediation: netdevsec.Text{EN: "Store a hash.", JA: "ハッシュで保存する。"},
			Clauses:     []netdevsec.ClauseID{"CIAJ-1.2-4"},
			Severity:    netdevsec.SeverityCritical,
		},
	}
}

func sampleFindings() []netdevsec.Finding {
	r := sampleRules()
	secret := netdevsec.NewSecret("hunter2")
	return []netdevsec.Finding{
		r[0].Fail("rtr-1", "wireless interface wlan0 is open (no encryption)", netdevsec.E("interface", "wlan0"), netdevsec.E("encryption", "none")).At("configs/rtr-1.conf", 42),
		r[1].Pass("rtr-1", "2 NTP servers configured", netdevsec.E("ntp_servers", "ntp.nict.jp, 192.0.2.123")),
		r[1].Unknown("pbx-1", "NTP configuration not recorded"),
		r[2].Fail("rtr-1", "admin password stored in clear", netdevsec.E("password", secret)).At("configs/rtr-1.conf", 7),
		r[0].NotApplicable("pbx-1", "device has no wireless interface"),
		r[1].Finding("fax-1", netdevsec.StatusError, "facts.logging: unknown field \"ntp\""),
	}
}

func sampleReport(findings []netdevsec.Finding) *netdevsec.Report {
	r := netdevsec.NewReport(netdevsec.Tool{Name: "netdevsec", Version: "0.1.0", URI: "https://github.com/netdevsec/netdevsec"},
		[]netdevsec.DeviceInfo{{ID: "rtr-1", Class: "router", Vendor: "yamaha", Model: "RTX1300"}, {ID: "pbx-1", Class: "pbx"}, {ID: "idle-1", Class: "other"}},
		sampleRules(), findings)
	r.Generated = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	return r
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got))
}

func TestReportIsDeterministic(t *testing.T) {
	want := sampleReport(sampleFindings())
	for i := range 20 {
		fs := sampleFindings()
		rand.New(rand.NewPCG(uint64(i), 7)).Shuffle(len(fs), func(a, b int) { fs[a], fs[b] = fs[b], fs[a] })
		assert.Equal(t, want, sampleReport(fs))
	}
	var ids []string
	for _, d := range want.Devices {
		ids = append(ids, d.ID)
	}
	assert.Equal(t, []string{"fax-1", "idle-1", "pbx-1", "rtr-1"}, ids, "devices sorted, and listed even without findings")
	var order []string
	for _, f := range want.Devices[3].Findings {
		order = append(order, f.Status.String()+" "+f.RuleID)
	}
	assert.Equal(t, []string{"fail password.storage.cleartext", "fail router.wifi.open", "pass logging.ntp.configured"}, order, "failures first, higher severity first")
}

func TestReportSummary(t *testing.T) {
	r := sampleReport(sampleFindings())
	s := r.Summary
	assert.Equal(t, 4, s.Devices)
	assert.Equal(t, 6, s.Findings)
	assert.Equal(t, map[netdevsec.Status]int{netdevsec.StatusFail: 2, netdevsec.StatusPass: 1, netdevsec.StatusUnknown: 1, netdevsec.StatusNotApplicable: 1, netdevsec.StatusError: 1}, s.ByStatus)
	assert.Equal(t, map[netdevsec.Severity]int{netdevsec.SeverityHigh: 1, netdevsec.SeverityCritical: 1}, s.FailBySeverity)
	assert.Equal(t, map[netdevsec.Status]int{netdevsec.StatusPass: 1, netdevsec.StatusUnknown: 1, netdevsec.StatusError: 1}, s.ByClause["CIAJ-1.4.1-3"])
	assert.True(t, s.Failed())
	_, ok := r.Rule("router.wifi.open")
	assert.True(t, ok)
	_, ok = r.Rule("nope")
	assert.False(t, ok)
}

func TestTextEncoder(t *testing.T) {
	r := sampleReport(sampleFindings())
	for _, tt := range []struct {
		name string
		enc  netdevsec.TextEncoder
	}{
		{"report.txt", netdevsec.TextEncoder{}},
		{"report.ja.txt", netdevsec.TextEncoder{Lang: netdevsec.Japanese}},
		{"report.verbose.txt", netdevsec.TextEncoder{Verbose: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, tt.enc.Encode(&buf, r))
			golden(t, tt.name, buf.Bytes())
			assert.NotContains(t, buf.String(), "\x1b[", "no colour unless asked")
			for _, line := range strings.Split(buf.String(), "\n") {
				assert.LessOrEqual(t, netdevsec.DisplayWidth(line), 80, "line wider than 80 columns: %q", line)
			}
			assert.NotContains(t, buf.String(), "hunter2")
		})
	}
	var buf bytes.Buffer
	require.NoError(t, netdevsec.TextEncoder{Color: true}.Encode(&buf, r))
	assert.Contains(t, buf.String(), "\x1b[31mFAIL")
}

func TestJSONRoundTrip(t *testing.T) {
	r := sampleReport(sampleFindings())
	var buf bytes.Buffer
	require.NoError(t, netdevsec.JSONEncoder{Indent: true}.Encode(&buf, r))
	golden(t, "report.json", buf.Bytes())
	assert.NotContains(t, buf.String(), "hunter2")

	back, err := netdevsec.DecodeJSONReport(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, r, back)

	var doc map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	doc["schema"] = "https://github.com/netdevsec/netdevsec/report/v0"
	old, _ := json.Marshal(doc)
	_, err = netdevsec.DecodeJSONReport(bytes.NewReader(old))
	assert.ErrorContains(t, err, "schema")
	_, err = netdevsec.DecodeJSONReport(strings.NewReader(`{"schema":"` + netdevsec.ReportSchema + `","bogus":1}`))
	assert.ErrorContains(t, err, "bogus")
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schemaPath := sharedtest.Path(t, "schemas", "sarif-schema-2.1.0.json")
	f, err := os.Open(schemaPath)
	require.NoError(t, err)
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource("sarif.json", schemaDoc))
	schema, err := c.Compile("sarif.json")
	require.NoError(t, err)

	for _, tt := range []struct {
		name string
		r    *netdevsec.Report
	}{
		{"sample", sampleReport(sampleFindings())},
		{"empty", sampleReport(nil)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, netdevsec.SARIFEncoder{}.Encode(&buf, tt.r))
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			require.NoError(t, err)
			require.NoError(t, schema.Validate(doc))
			assert.NotContains(t, buf.String(), "hunter2")
			if tt.name == "sample" {
				golden(t, "report.sarif", buf.Bytes())
			}
		})
	}
	// The schema really constrains: a result with a bad kind fails.
	bad := map[string]any{"version": "2.1.0", "runs": []any{map[string]any{"tool": map[string]any{"driver": map[string]any{"name": "x"}}, "results": []any{map[string]any{"message": map[string]any{"text": "m"}, "kind": "maybe"}}}}}
	assert.Error(t, schema.Validate(bad))
}

func TestSARIFMapping(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, netdevsec.SARIFEncoder{}.Encode(&buf, sampleReport(sampleFindings())))
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Kind      string `json:"kind"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &log))
	run := log.Runs[0]
	kinds := map[string]string{}
	for _, res := range run.Results {
		assert.Equal(t, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID, "ruleIndex points at the rule")
		kinds[res.Kind+"/"+res.Level] = res.RuleID
		if res.Kind != "fail" {
			assert.Equal(t, "none", res.Level, "SARIF: non-failures have level none")
		}
	}
	assert.Contains(t, kinds, "fail/error")
	assert.Contains(t, kinds, "pass/none")
	assert.Contains(t, kinds, "open/none")
	assert.Contains(t, kinds, "notApplicable/none")
	var withLoc int
	for _, res := range run.Results {
		for _, l := range res.Locations {
			if l.PhysicalLocation != nil {
				withLoc++
				assert.Equal(t, "configs/rtr-1.conf", l.PhysicalLocation.ArtifactLocation.URI)
				assert.Positive(t, l.PhysicalLocation.Region.StartLine)
			}
		}
	}
	assert.Equal(t, 2, withLoc)
}
