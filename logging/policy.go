package logging

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
)

// RuleNTPConfigured fails when the device synchronises its clock with no
// NTP server.
func RuleNTPConfigured() netdevsec.Rule {
	return netdevsec.Rule{
		ID:       "logging.ntp.configured",
		Severity: netdevsec.SeverityMedium,
		Clauses:  []netdevsec.ClauseID{"CIAJ-1.4.1-3"},
		Title: netdevsec.Text{
			EN: "Clock synchronised with NTP",
			JA: "NTP による時刻同期",
		},
		Description: netdevsec.Text{
			EN: "Log review needs correct timestamps; the guideline asks that the device clock be synchronised with a public NTP service or the organisation's NTP server (NIST SP 800-92 §4.3, CIS benchmarks).",
			JA: "ログの確認には正しい時刻が必要である。ガイドラインは公開 NTP サービスまたは組織の NTP サーバとの時刻同期を求めている（NIST SP 800-92 4.3 節、CIS ベンチマーク）。",
		},
		Remediation: netdevsec.Text{
			EN: "Configure at least two NTP servers (the organisation's own, or a public service such as ntp.nict.jp) and enable synchronisation.",
			JA: "NTP サーバを 2 台以上（組織内のもの、または ntp.nict.jp などの公開サービス）設定し、時刻同期を有効にする。",
		},
		References: []netdevsec.Reference{{Name: "NIST SP 800-92"}, {Name: "RFC 5905"}},
	}
}

// Rules returns the metadata of every rule of this package.
func Rules() []netdevsec.Rule {
	return []netdevsec.Rule{RuleNTPConfigured()}
}

// Check runs every log-policy rule over f for device.
func Check(device string, f Facts, now time.Time) []netdevsec.Finding {
	_ = now
	return []netdevsec.Finding{checkNTP(device, f)}
}

func checkNTP(device string, f Facts) netdevsec.Finding {
	r := RuleNTPConfigured()
	switch {
	case len(f.NTPServers) > 0:
		return r.Pass(device, fmt.Sprintf("%d NTP server(s) configured", len(f.NTPServers)),
			netdevsec.E("ntp_servers", strings.Join(f.NTPServers, ", ")))
	case f.NTPKnown:
		return r.Fail(device, "no NTP server configured: log timestamps cannot be trusted")
	}
	return r.Unknown(device, "NTP configuration not recorded")
}

// Auditor runs the log-policy rules over inventory devices.
type Auditor struct{}

// Rules implements audit.Auditor.
func (Auditor) Rules() []netdevsec.Rule { return Rules() }

// Audit decodes the device's facts.logging and checks them.
func (Auditor) Audit(_ context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	var f Facts
	if _, err := dev.DecodeFacts("logging", &f); err != nil {
		return nil, err
	}
	findings := Check(dev.ID, f, now)
	loc := dev.FactsLocation("logging")
	for i := range findings {
		if findings[i].Location == nil {
			findings[i].Location = loc
		}
	}
	return findings, nil
}
