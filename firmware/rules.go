package firmware

import (
	"context"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
)

// RuleVersionRecorded fails when the installed firmware version is not
// known: without it no advisory can be matched.
func RuleVersionRecorded() netdevsec.Rule {
	return netdevsec.Rule{
		ID:       "firmware.version.recorded",
		Severity: netdevsec.SeverityMedium,
		Clauses:  []netdevsec.ClauseID{"CIAJ-1.3.1-2", "CIAJ-1.3.2-2"},
		Title: netdevsec.Text{
			EN: "Installed firmware version recorded",
			JA: "導入済みファームウェアのバージョンが記録されている",
		},
		Description: netdevsec.Text{
			EN: "Whether the firmware is the latest, and which advisories affect it, can only be answered when the installed version is known.",
			JA: "ファームウェアが最新か、どの脆弱性情報が該当するかは、導入済みのバージョンが分かって初めて判断できる。",
		},
		Remediation: netdevsec.Text{
			EN: "Record the installed firmware version in the inventory (firmware: …), or collect it from the device.",
			JA: "導入済みのファームウェアのバージョンをインベントリ（firmware: …）に記録するか、機器から取得する。",
		},
	}
}

// Rules returns the metadata of every rule of this package.
func Rules() []netdevsec.Rule { return []netdevsec.Rule{RuleVersionRecorded()} }

// Check runs the firmware rules over f for device.
func Check(device string, f Facts, now time.Time) []netdevsec.Finding {
	_ = now
	r := RuleVersionRecorded()
	if f.Installed == "" {
		return []netdevsec.Finding{r.Fail(device, "installed firmware version is not recorded")}
	}
	return []netdevsec.Finding{r.Pass(device, "installed firmware version is recorded", netdevsec.E("installed", f.Installed))}
}

// Auditor runs the firmware rules over inventory devices.
type Auditor struct{}

// Rules implements audit.Auditor.
func (Auditor) Rules() []netdevsec.Rule { return Rules() }

// Audit checks the device's firmware facts.
func (Auditor) Audit(_ context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	fs := Check(dev.ID, Facts{Vendor: dev.Vendor, Model: dev.Model, Installed: dev.Firmware}, now)
	for i := range fs {
		fs[i].Location = dev.Pos.Location()
	}
	return fs, nil
}
