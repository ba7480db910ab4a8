package cli

import (
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/fax"
	"github.com/netdevsec/netdevsec/firmware"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
	"github.com/netdevsec/netdevsec/pbx"
	"github.com/netdevsec/netdevsec/router"
)

// auditors is the explicit list of rule sets the CLI runs. Add a domain's
// auditor here; nothing registers itself.
func auditors() []audit.Auditor {
	return []audit.Auditor{
		firmware.Auditor{},
		logging.Auditor{},
		router.Auditor{},
		&password.Auditor{},
		pbx.Auditor{},
		fax.Auditor{},
	}
}

// catalogRules is every rule the SDK can report: the rule sets the audit
// runs, plus the rules of live checks that only the probe and logs
// commands run (SIP probe, NTP query, forwarding test). Each ID appears
// once, sorted.
func catalogRules() []netdevsec.Rule {
	all := audit.Rules(auditors())
	all = append(all, logging.CatalogRules()...)
	all = append(all, pbx.AllRules()...)
	slices.SortStableFunc(all, func(a, b netdevsec.Rule) int { return strings.Compare(a.ID, b.ID) })
	return slices.CompactFunc(all, func(a, b netdevsec.Rule) bool { return a.ID == b.ID })
}
