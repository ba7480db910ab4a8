package password

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/checktest"
)

func TestRulesConform(t *testing.T) {
	checktest.Rules(t, Rules(), "password.")
}

var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func sec(s string) netdevsec.Secret { return netdevsec.NewSecret(s) }

func loc(line int) *netdevsec.Location { return &netdevsec.Location{File: "cfg.txt", Line: line} }

const strongPW = "Vq7#mT2!pLx9@rWk4$"

func statusOf(fs []netdevsec.Finding, id string) []netdevsec.Status {
	var out []netdevsec.Status
	for _, f := range fs {
		if f.RuleID == id {
			out = append(out, f.Status)
		}
	}
	return out
}

// TestRuleFixtures gives every rule of Findings a failing and a passing
// fixture.
func TestRuleFixtures(t *testing.T) {
	good := Credential{Name: "admin", Kind: KindLogin, User: "admin", Secret: sec(strongPW), Storage: StorageStrongHash, Location: loc(1), ChangedAt: now.AddDate(0, 0, -1)}
	yamaha := ContextWords{Vendor: "Yamaha", Model: "RTX1300", Hostname: "rtr-tokyo-1", Serial: "S4K012345", MAC: "00:a0:de:12:34:56"}
	tests := []struct {
		name   string
		rule   string
		facts  Facts
		status netdevsec.Status
	}{
		{"default fails", "password.default.unchanged", Facts{Context: ContextWords{Vendor: "Allied Telesis", Model: "AT-x510"}, Credentials: []Credential{{Name: "manager", Kind: KindLogin, User: "manager", Secret: sec("friend")}}}, netdevsec.StatusFail},
		{"default fails on hash", "password.default.unchanged", Facts{Context: ContextWords{Vendor: "Cisco", Model: "RV340"}, Credentials: []Credential{{Name: "username cisco", Kind: KindLogin, User: "cisco", Hash: sec(MD5Crypt([]byte("cisco"), "abcd")), Storage: StorageWeakHash}}}, netdevsec.StatusFail},
		{"default passes", "password.default.unchanged", Facts{Context: yamaha, Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"default unknown", "password.default.unchanged", Facts{Context: yamaha, Credentials: []Credential{{Name: "x", Kind: KindLogin}}}, netdevsec.StatusUnknown},
		{"empty fails", "password.empty", Facts{Credentials: []Credential{{Name: "guest", Kind: KindLogin, User: "guest", Empty: true}}}, netdevsec.StatusFail},
		{"empty passes", "password.empty", Facts{Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"derived fails", "password.device-derived", Facts{Context: yamaha, Credentials: []Credential{{Name: "admin", Kind: KindLogin, Secret: sec("Rtr-Tokyo-1!")}}}, netdevsec.StatusFail},
		{"derived from mac fails", "password.device-derived", Facts{Context: yamaha, Credentials: []Credential{{Name: "admin", Kind: KindLogin, Secret: sec("12:34:56")}}}, netdevsec.StatusFail},
		{"derived passes", "password.device-derived", Facts{Context: yamaha, Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"blocklist fails", "password.blocklist.common", Facts{Credentials: []Credential{{Name: "a", Kind: KindLogin, Secret: sec("Trustno1")}}}, netdevsec.StatusFail},
		{"blocklist passes", "password.blocklist.common", Facts{Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"weak fails", "password.strength.weak", Facts{Credentials: []Credential{{Name: "a", Kind: KindLogin, Secret: sec("summer2024")}}}, netdevsec.StatusFail},
		{"weak passes", "password.strength.weak", Facts{Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"profile fails", "password.policy.profile", Facts{Credentials: []Credential{{Name: "a", Kind: KindLogin, Secret: sec("kq9vzp3wtm")}}}, netdevsec.StatusFail},
		{"profile passes", "password.policy.profile", Facts{Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"pin fails", "password.pin.weak", Facts{Credentials: []Credential{{Name: "vm 100", Kind: KindPIN, Extension: "100", Secret: sec("1234")}}}, netdevsec.StatusFail},
		{"pin passes", "password.pin.weak", Facts{Credentials: []Credential{{Name: "vm 100", Kind: KindPIN, Extension: "100", Secret: sec("480271")}}}, netdevsec.StatusPass},
		{"pin n/a", "password.pin.weak", Facts{Credentials: []Credential{good}}, netdevsec.StatusNotApplicable},
		{"cleartext fails", "password.storage.cleartext", Facts{Credentials: []Credential{{Name: "enable password", Kind: KindEnable, Secret: sec(strongPW), Storage: StoragePlaintext}}}, netdevsec.StatusFail},
		{"type7 fails", "password.storage.cleartext", Facts{Credentials: []Credential{{Name: "username a", Kind: KindLogin, Secret: sec(strongPW), Storage: StorageReversible}}}, netdevsec.StatusFail},
		{"cleartext passes", "password.storage.cleartext", Facts{Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"cleartext unknown", "password.storage.cleartext", Facts{Credentials: []Credential{{Name: "a", Secret: sec(strongPW)}}}, netdevsec.StatusUnknown},
		{"weak hash fails", "password.storage.weak-hash", Facts{Credentials: []Credential{{Name: "enable secret", Kind: KindEnable, Hash: sec("$1$ab$cd"), Storage: StorageWeakHash}}}, netdevsec.StatusFail},
		{"weak hash passes", "password.storage.weak-hash", Facts{Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"service encryption fails", "password.storage.service-encryption", Facts{PasswordEncryption: new(false), Credentials: []Credential{{Name: "line vty", Kind: KindLogin, Secret: sec(strongPW), Storage: StoragePlaintext}}}, netdevsec.StatusFail},
		{"service encryption passes", "password.storage.service-encryption", Facts{PasswordEncryption: new(true)}, netdevsec.StatusPass},
		{"rotation fails", "password.policy.rotation", Facts{Policy: &DevicePolicy{MaxAge: 90 * 24 * time.Hour}}, netdevsec.StatusFail},
		{"rotation passes", "password.policy.rotation", Facts{Policy: &DevicePolicy{}}, netdevsec.StatusPass},
		{"rotation unknown", "password.policy.rotation", Facts{}, netdevsec.StatusUnknown},
		{"conflict fails (cap)", "password.policy.conflict", Facts{Policy: &DevicePolicy{MaxLength: 8}}, netdevsec.StatusFail},
		{"conflict fails (composition vs NIST)", "password.policy.conflict", Facts{Policy: &DevicePolicy{RequireClasses: 3, MaxLength: 128}}, netdevsec.StatusFail},
		{"conflict fails (charset)", "password.policy.conflict", Facts{Policy: &DevicePolicy{Charset: "alnum", MaxLength: 64}}, netdevsec.StatusFail},
		{"conflict passes", "password.policy.conflict", Facts{Policy: &DevicePolicy{MaxLength: 127}}, netdevsec.StatusPass},
		{"anomaly fails", "password.anomaly.unchanged", Facts{Anomalies: []Anomaly{{At: now.AddDate(0, 0, -10), Summary: "unknown login from abroad"}}, Credentials: []Credential{{Name: "admin", ChangedAt: now.AddDate(-1, 0, 0)}}}, netdevsec.StatusFail},
		{"anomaly passes", "password.anomaly.unchanged", Facts{Anomalies: []Anomaly{{At: now.AddDate(0, 0, -10)}}, Credentials: []Credential{good}}, netdevsec.StatusPass},
		{"anomaly unknown", "password.anomaly.unchanged", Facts{Anomalies: []Anomaly{{At: now.AddDate(0, 0, -10)}}, Credentials: []Credential{{Name: "x"}}}, netdevsec.StatusUnknown},
		{"anomaly n/a", "password.anomaly.unchanged", Facts{Credentials: []Credential{good}}, netdevsec.StatusNotApplicable},
	}
	c := NewChecker(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := c.Findings(context.Background(), "dev-1", tt.facts, now)
			require.NoError(t, err)
			got := statusOf(fs, tt.rule)
			require.NotEmpty(t, got, "rule %s reported nothing", tt.rule)
			assert.Contains(t, got, tt.status)
			checktest.Findings(t, Rules(), fs, strongPW, "friend", "Rtr-Tokyo-1!", "Trustno1", "summer2024", "kq9vzp3wtm", "480271")
			for _, f := range fs {
				assertNoFixtureSecret(t, f.Message)
			}
		})
	}
}

func TestFindingsCiteAndLocate(t *testing.T) {
	c := NewChecker(nil)
	fs, err := c.Findings(context.Background(), "d", Facts{Credentials: []Credential{{Name: "enable password", Kind: KindEnable, Secret: sec("short1"), Storage: StoragePlaintext, Location: loc(6)}}}, now)
	require.NoError(t, err)
	var prof *netdevsec.Finding
	for i := range fs {
		if fs[i].RuleID == "password.policy.profile" && fs[i].Status == netdevsec.StatusFail {
			prof = &fs[i]
		}
	}
	require.NotNil(t, prof)
	assert.Equal(t, "cfg.txt:6", prof.Location.String())
	var cites []string
	for _, e := range prof.Evidence {
		if e.Key == "cite" {
			cites = append(cites, e.Value)
		}
	}
	assert.Contains(t, cites, NIST4().Cite["length"].String())
	assert.Contains(t, cites, CIAJ2019().Cite["composition"].String())
}

func TestFindingsDeterministic(t *testing.T) {
	c := NewChecker(nil)
	f := Facts{Context: ContextWords{Vendor: "cisco"}, Credentials: []Credential{{Name: "a", Kind: KindSNMPCommunity, Secret: sec("public"), Storage: StoragePlaintext}}}
	checktest.Deterministic(t, func() []netdevsec.Finding {
		fs, err := c.Findings(context.Background(), "d", f, now)
		require.NoError(t, err)
		return fs
	})
}

func TestCheckVerdict(t *testing.T) {
	c := NewChecker(nil)
	tests := []struct {
		name  string
		pw    string
		in    Input
		pass  bool
		codes []string
	}{
		{"strong", "correct-Horse-battery-staple-9#", Input{}, true, nil},
		{"blank", "", Input{}, false, []string{"blank"}},
		{"default", "friend", Input{User: "manager", Context: ContextWords{Vendor: "allied telesis"}}, false, []string{"default", "blocklist", "weak", "length", "composition", "length"}},
		{"pin", "1234", Input{Kind: KindPIN, Extension: "1234"}, false, []string{"default", "length", "pin-extension", "pin-sequential"}},
		{"good pin", "480271", Input{Kind: KindPIN, Extension: "100"}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := c.Check(context.Background(), sec(tt.pw), tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.pass, v.Pass)
			var codes []string
			for _, r := range v.Failures {
				codes = append(codes, r.Code)
				assert.NotEmpty(t, r.Cite.Source, "every reason cites its source")
			}
			assert.Equal(t, tt.codes, codes)
		})
	}
}

func TestPureCheck(t *testing.T) {
	fs := Check("d", Facts{Credentials: []Credential{{Name: "admin", Kind: KindLogin, Secret: sec("letmein")}}}, now)
	assert.Contains(t, statusOf(fs, "password.blocklist.common"), netdevsec.StatusFail)
	checktest.Findings(t, Rules(), fs, "letmein")
}
