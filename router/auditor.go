package router

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/firmware"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/password"
	"github.com/netdevsec/netdevsec/probe/snmp"
)

// Auditor runs the router rules over inventory devices of class router.
// As an [audit.Collector] it imports the device's configuration files
// (files.configs; files.config_dir for OpenWrt's /etc/config; a .tar.gz
// config is read as an OpenWrt sysupgrade backup) with the importer of
// the device's vendor, and publishes the derived facts for the router,
// password, logging and firmware domains.
//
// The inventory's facts.router gives the operator's baseline
// (expected_dns, expected_forwards, expected_routes, expected_scripts,
// expected_proxies) and may state any fact the configuration does not
// show (first_setup, ssh …); where both say something, the inventory
// wins.
//
// The zero Auditor reads files only. With Probe set, Collect also probes
// the device's first address (SNMP, and SSH when Probe.SSH is set) and
// merges what it saw into the facts; SNMP credentials of the device
// (credentials with protocol snmp) are tried as communities.
type Auditor struct {
	// Probe, when set, enables live probing during Collect.
	Probe *FleetOptions
}

var (
	_ audit.Auditor   = Auditor{}
	_ audit.Collector = Auditor{}
)

// Rules implements audit.Auditor.
func (Auditor) Rules() []netdevsec.Rule { return Rules() }

// Collect implements audit.Collector.
func (a Auditor) Collect(ctx context.Context, dev *inventory.Device, _ time.Time) error {
	if dev.Class != inventory.ClassRouter {
		return netdevsec.ErrNotApplicable
	}
	files, err := readFiles(ctx, dev)
	if err != nil {
		return err
	}
	probing := a.Probe != nil && len(dev.Addresses) > 0
	if len(files) == 0 && !probing {
		return nil
	}
	var f Facts
	if len(files) > 0 {
		if f, err = Import(dev.Vendor, files); err != nil {
			return err
		}
	}
	if probing {
		opts := *a.Probe
		opts.Progress = nil
		if opts.SNMP != nil || len(snmpCommunities(dev)) > 0 {
			var so snmp.Options
			if opts.SNMP != nil {
				so = *opts.SNMP
			}
			so.Communities = append(slices.Clone(so.Communities), snmpCommunities(dev)...)
			opts.SNMP = &so
		}
		res := ProbeFleet(ctx, []Target{{ID: dev.ID, Addr: dev.Addresses[0]}}, &opts)
		res[0].Apply(&f)
		if len(files) == 0 {
			// Without a configuration only the router facts are known;
			// empty password or logging facts would read as "none".
			dev.SetDerived("router", f)
		}
		if len(res[0].Errors) > 0 {
			if len(files) > 0 {
				Publish(dev, f)
			}
			return fmt.Errorf("probe %s: %s", dev.Addresses[0], strings.Join(res[0].Errors, "; "))
		}
		if len(files) == 0 {
			return nil
		}
	}
	Publish(dev, f)
	return nil
}

// snmpCommunities resolves the device's SNMP credentials; ones that
// cannot be resolved are skipped (the password rules report them).
func snmpCommunities(dev *inventory.Device) []netdevsec.Secret {
	var out []netdevsec.Secret
	for _, c := range dev.Credentials {
		if c.Protocol != "snmp" {
			continue
		}
		if s, err := c.Password.Resolve(dev.BaseDir, nil, nil); err == nil && !s.IsZero() {
			out = append(out, s)
		}
	}
	return out
}

// Publish records f as the device's derived router facts and derives the
// password, logging and firmware facts from it (see
// [inventory.Device.SetDerived]).
func Publish(dev *inventory.Device, f Facts) {
	dev.SetDerived("router", f)
	dev.SetDerived("logging", f.Logging)
	ctxWords := password.ContextWords{Vendor: firstNonEmpty(dev.Vendor, f.Vendor), Model: firstNonEmpty(f.Model, dev.Model),
		Hostname: firstNonEmpty(f.Hostname, dev.Hostname), Serial: dev.Serial, MAC: dev.MAC}
	for _, w := range f.Wireless {
		if w.SSID != "" {
			ctxWords.SSID = w.SSID
			break
		}
	}
	dev.SetDerived("password", password.Facts{Credentials: slices.Clone(f.Credentials), Context: ctxWords, PasswordEncryption: f.PasswordEncryption})
	fw := firmware.Facts{Vendor: firstNonEmpty(dev.Vendor, f.Vendor), Model: firstNonEmpty(f.Model, dev.Model), Installed: firstNonEmpty(f.Firmware.Version, dev.Firmware)}
	if f.Firmware.AutoUpdateAvailable != nil {
		mech := []string{"local", "remote"}
		if *f.Firmware.AutoUpdateAvailable {
			mech = append(mech, "automatic")
		}
		fw.Update = &firmware.UpdateFunction{Supported: ptr(true), Mechanisms: mech}
	}
	dev.SetDerived("firmware", fw)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// readFiles reads the device's config files through the inventory's file
// system.
func readFiles(ctx context.Context, dev *inventory.Device) ([]File, error) {
	var files []File
	add := func(p string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := dev.ReadFile(p, MaxConfigSize)
		if err != nil {
			return fmt.Errorf("config %s: %w", p, err)
		}
		name := dev.Path(p)
		if strings.HasSuffix(p, ".tar.gz") || strings.HasSuffix(p, ".tgz") {
			got, err := ReadOpenWrtBackup(name, strings.NewReader(string(b)))
			if err != nil {
				return err
			}
			files = append(files, got...)
			return nil
		}
		files = append(files, File{Name: name, Data: b})
		return nil
	}
	for _, p := range dev.Files.Configs {
		if err := add(p); err != nil {
			return nil, err
		}
	}
	if d := dev.Files.ConfigDir; d != "" {
		entries, err := dev.ReadDir(d)
		if err != nil {
			return nil, fmt.Errorf("config_dir %s: %w", d, err)
		}
		for _, e := range entries {
			if e.Type()&fs.ModeType != 0 {
				continue
			}
			if err := add(path.Join(d, e.Name())); err != nil {
				return nil, err
			}
		}
	}
	return files, nil
}

// Audit implements audit.Auditor: it checks the derived facts, overlaid
// with the inventory's facts.router.
func (Auditor) Audit(_ context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	if dev.Class != inventory.ClassRouter {
		return nil, netdevsec.ErrNotApplicable
	}
	var inv Facts
	hasInv, err := dev.DecodeFacts("router", &inv)
	if err != nil {
		return nil, err
	}
	f, hasDerived := dev.Derived["router"].(Facts)
	switch {
	case hasDerived && hasInv:
		f = Overlay(f, inv)
	case hasInv:
		f = inv
	}
	findings := Check(dev.ID, f, now)
	loc := dev.FactsLocation("router")
	for i := range findings {
		if findings[i].Location == nil {
			findings[i].Location = loc
		}
	}
	return findings, nil
}

// Overlay returns base with every field that over sets replaced: the
// inventory's word wins over the configuration's.
func Overlay(base, over Facts) Facts {
	out := base
	setS := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	setS(&out.Vendor, over.Vendor)
	setS(&out.Model, over.Model)
	setS(&out.Hostname, over.Hostname)
	out.MarkKnown(over.Known...)
	if over.Services != nil {
		out.Services = over.Services
	}
	if over.Accounts != nil {
		out.Accounts = over.Accounts
	}
	if over.FirstSetup.ChangeEnforced != nil {
		out.FirstSetup.ChangeEnforced = over.FirstSetup.ChangeEnforced
	}
	if over.FirstSetup.UniquePerUnit != nil {
		out.FirstSetup.UniquePerUnit = over.FirstSetup.UniquePerUnit
	}
	if over.DNS.Servers != nil {
		out.DNS.Servers = over.DNS.Servers
	}
	if over.DNS.DHCPServers != nil {
		out.DNS.DHCPServers = over.DNS.DHCPServers
	}
	if over.DNS.OpenResolver != nil {
		out.DNS.OpenResolver = over.DNS.OpenResolver
	}
	if over.Forwards != nil {
		out.Forwards = over.Forwards
	}
	if over.UPnP != nil {
		out.UPnP = over.UPnP
	}
	if over.Proxies != nil {
		out.Proxies = over.Proxies
	}
	if over.Scripts != nil {
		out.Scripts = over.Scripts
	}
	if over.Routes != nil {
		out.Routes = over.Routes
	}
	if over.Wireless != nil {
		out.Wireless = over.Wireless
	}
	if over.Shares != nil {
		out.Shares = over.Shares
	}
	if over.SNMP.Enabled != nil {
		out.SNMP.Enabled = over.SNMP.Enabled
	}
	if over.SNMP.Communities != nil {
		out.SNMP.Communities = over.SNMP.Communities
	}
	if over.SNMP.Users != nil {
		out.SNMP.Users = over.SNMP.Users
	}
	if over.SSH != nil {
		out.SSH = over.SSH
	}
	if over.Firmware.Version != "" {
		out.Firmware.Version = over.Firmware.Version
	}
	if over.Firmware.AutoUpdate != nil {
		out.Firmware.AutoUpdate = over.Firmware.AutoUpdate
	}
	if over.Firmware.AutoUpdateAvailable != nil {
		out.Firmware.AutoUpdateAvailable = over.Firmware.AutoUpdateAvailable
	}
	out.ExpectedDNS = over.ExpectedDNS
	out.ExpectedForwards = over.ExpectedForwards
	out.ExpectedRoutes = over.ExpectedRoutes
	out.ExpectedScripts = over.ExpectedScripts
	out.ExpectedProxies = over.ExpectedProxies
	return out
}
