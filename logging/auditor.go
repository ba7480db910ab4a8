package logging

import (
	"context"
	"fmt"
	"net/netip"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/logging/forward"
	"github.com/netdevsec/netdevsec/logging/ntpcheck"
	"github.com/netdevsec/netdevsec/logging/review"
)

// Auditor runs the log-policy rules over inventory devices and reviews
// the log files they list (files.logs). The zero value uses the default
// [Policy] and the default review options.
type Auditor struct {
	// Policy is the organisation's logging policy; nil means the default.
	Policy *Policy
	// Review are the review allow-lists and thresholds; nil means the
	// defaults of package review. Device, Reference (the audit time) and
	// KnownMACs (the device's own MAC when no list is given) are filled
	// in per device.
	Review *review.Options
}

// Rules implements audit.Auditor: the policy rules and the review rules.
func (Auditor) Rules() []netdevsec.Rule { return append(Rules(), review.Rules()...) }

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
	if len(dev.Files.Logs) == 0 {
		return findings, nil
	}
	reviewed, err := a.reviewLogs(ctx, dev, now, f.Review)
	if err != nil {
		return nil, err
	}
	return append(findings, reviewed...), nil
}

// reviewLogs reviews the device's log files as one stream.
func (a Auditor) reviewLogs(ctx context.Context, dev *inventory.Device, now time.Time, lists *ReviewLists) ([]netdevsec.Finding, error) {
	var o review.Options
	if a.Review != nil {
		o = *a.Review
	}
	if err := lists.apply(&o); err != nil {
		return nil, fmt.Errorf("device %s: facts.logging.review: %w", dev.ID, err)
	}
	o.Device = dev.ID
	if o.Reference.IsZero() {
		o.Reference = now
	}
	e := review.New(&o)
	var out []netdevsec.Finding
	for _, p := range dev.Files.Logs {
		f, err := dev.Open(p)
		if err != nil {
			return nil, fmt.Errorf("device %s: log %s: %w", dev.ID, p, err)
		}
		err = e.Review(ctx, f, dev.Path(p), func(fd netdevsec.Finding) { out = append(out, fd) })
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("device %s: %w", dev.ID, err)
		}
	}
	return append(out, e.Summary()...), nil
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

// apply fills the review options that are not set from the lists.
func (l *ReviewLists) apply(o *review.Options) error {
	if l == nil {
		return nil
	}
	if o.KnownUsers == nil {
		o.KnownUsers = l.KnownUsers
	}
	if o.KnownMACs == nil {
		o.KnownMACs = l.KnownMACs
	}
	if o.AllowedInterfaces == nil {
		o.AllowedInterfaces = l.AllowedInterfaces
	}
	var err error
	if o.AllowedDestinations == nil {
		if o.AllowedDestinations, err = prefixes("allowed_destinations", l.AllowedDestinations); err != nil {
			return err
		}
	}
	if o.AdminSources == nil {
		if o.AdminSources, err = prefixes("admin_sources", l.AdminSources); err != nil {
			return err
		}
	}
	if o.Location == nil && l.UTCOffset != "" {
		t, err := time.Parse("-07:00", l.UTCOffset)
		if err != nil {
			return fmt.Errorf("utc_offset %q: want a UTC offset such as +09:00", l.UTCOffset)
		}
		_, off := t.Zone()
		o.Location = time.FixedZone(l.UTCOffset, off)
	}
	return nil
}

func prefixes(field string, l []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range l {
		if a, err := netip.ParseAddr(s); err == nil {
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not an address or prefix", field, s)
		}
		out = append(out, p)
	}
	return out, nil
}

// CatalogRules returns the metadata of every logging rule, including the
// live checks that only the CLI or an embedding program runs
// (logging.ntp.live of package ntpcheck, logging.remote.delivers of
// package forward), for rule listings and clause coverage.
func CatalogRules() []netdevsec.Rule {
	return append(Auditor{}.Rules(), ntpcheck.RuleLive(), forward.RuleDelivers())
}
