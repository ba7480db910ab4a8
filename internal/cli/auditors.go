package cli

import (
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
