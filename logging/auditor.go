package logging

import (
	"context"
	"fmt"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
)

// Auditor runs the log-policy rules over inventory devices. The zero
// value uses the default [Policy].
type Auditor struct {
	// Policy is the organisation's logging policy; nil means the default.
	Policy *Policy
}

// Rules implements audit.Auditor.
func (Auditor) Rules() []netdevsec.Rule { return Rules() }

// Audit checks the device's logging facts: the inventory's facts.logging
// when present, else the facts a device-class importer derived from its
// configuration (dev.Derived["logging"]).
func (a Auditor) Audit(ctx context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, loc, err := DeviceFacts(dev)
	if err != nil {
		return nil, err
	}
	findings := CheckPolicy(dev.ID, f, now, a.Policy)
	for i := range findings {
		if findings[i].Location == nil {
			findings[i].Location = loc
		}
	}
	return findings, nil
}

// DeviceFacts returns the logging facts of dev and where they come from:
// the inventory's facts.logging when present, else dev.Derived["logging"]
// (a [Facts] or *[Facts]), else empty facts.
func DeviceFacts(dev *inventory.Device) (Facts, *netdevsec.Location, error) {
	var f Facts
	ok, err := dev.DecodeFacts("logging", &f)
	if err != nil {
		return Facts{}, nil, err
	}
	if ok {
		return f, dev.FactsLocation("logging"), nil
	}
	switch d := dev.Derived["logging"].(type) {
	case nil:
	case Facts:
		f = d
	case *Facts:
		if d != nil {
			f = *d
		}
	default:
		return Facts{}, nil, fmt.Errorf("device %s: derived logging facts of type %T, want logging.Facts", dev.ID, d)
	}
	return f, dev.Pos.Location(), nil
}
