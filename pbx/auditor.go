package pbx

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/password"
)

// Auditor runs the PBX rules over inventory devices of class pbx. As an
// [audit.Collector] it reads the device's configuration (files.config_dir,
// or the files of files.configs), picks the Asterisk or FreeSWITCH
// importer by vendor, and publishes the facts as dev.Derived["pbx"] and
// the SIP secrets as dev.Derived["password"] for the password rules.
// facts.pbx of the inventory supplies what no config shows (carrier
// blocking, firewall, which contexts may dial abroad).
type Auditor struct {
	// Import tunes the importers; zero is the defaults.
	Import ImportOptions
	// Check tunes the rules; zero is the defaults.
	Check CheckOptions
}

var (
	_ audit.Auditor   = Auditor{}
	_ audit.Collector = Auditor{}
)

// Rules implements audit.Auditor.
func (Auditor) Rules() []netdevsec.Rule { return Rules() }

// Collect implements audit.Collector.
func (a Auditor) Collect(ctx context.Context, dev *inventory.Device, now time.Time) error {
	_ = now
	if dev.Class != inventory.ClassPBX {
		return netdevsec.ErrNotApplicable
	}
	f, err := a.importDevice(ctx, dev)
	if err != nil {
		return err
	}
	dev.SetDerived("pbx", f)
	if _, own := dev.Derived["password"]; !own {
		dev.SetDerived("password", PasswordFacts(f, dev))
	}
	return nil
}

// Audit implements audit.Auditor.
func (a Auditor) Audit(ctx context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	if dev.Class != inventory.ClassPBX {
		return nil, netdevsec.ErrNotApplicable
	}
	f, ok := dev.Derived["pbx"].(Facts)
	if !ok {
		var err error
		if f, err = a.importDevice(ctx, dev); err != nil {
			return nil, err
		}
	}
	if _, err := dev.DecodeFacts("pbx", &f.Recorded); err != nil {
		return nil, err
	}
	fs := Check(dev.ID, f, now, &a.Check)
	loc := dev.FactsLocation("pbx")
	for i := range fs {
		if fs[i].Location == nil {
			l := *loc
			fs[i].Location = &l
		}
	}
	return fs, nil
}

// importDevice reads the device's configuration; a device without
// config files gets empty facts (the rules then report unknown).
func (a Auditor) importDevice(ctx context.Context, dev *inventory.Device) (Facts, error) {
	opts := a.Import
	var fsys fs.FS
	switch {
	case dev.Files.ConfigDir != "":
		fsys = devFS{dev: dev, dir: dev.Files.ConfigDir}
		opts.Dir = dev.Files.ConfigDir
	case len(dev.Files.Configs) > 0:
		fsys = listFS{dev: dev, files: dev.Files.Configs}
	default:
		return Facts{}, nil
	}
	vendor := strings.ToLower(dev.Vendor + " " + dev.Model)
	var f Facts
	var err error
	if strings.Contains(vendor, "freeswitch") {
		f, err = ImportFreeSWITCH(ctx, fsys, &opts)
	} else {
		f, err = ImportAsterisk(ctx, fsys, &opts)
	}
	if err != nil {
		return Facts{}, fmt.Errorf("%s: %w", dev.ID, err)
	}
	return f, nil
}

// PasswordFacts turns the SIP secrets of f into password facts: one
// credential of kind sip-secret per endpoint or registration with a
// secret, plain or hashed.
func PasswordFacts(f Facts, dev *inventory.Device) password.Facts {
	var out password.Facts
	if dev != nil {
		out.Context = password.ContextWords{Vendor: dev.Vendor, Model: dev.Model, Hostname: dev.Hostname, Serial: dev.Serial, MAC: dev.MAC}
	}
	for _, e := range f.Endpoints {
		if !e.HasSecret() {
			continue
		}
		c := password.Credential{
			Name: "sip " + e.Name, Kind: password.KindSIPSecret, User: e.User,
			Secret: e.Secret, Storage: password.StoragePlaintext, Location: e.Location,
		}
		if e.Secret.IsZero() && e.SecretHashed {
			c.Storage = password.StorageWeakHash // MD5 digest hash (HA1)
		}
		if _, err := strconv.Atoi(e.Name); err == nil {
			c.Extension = e.Name
		}
		out.Credentials = append(out.Credentials, c)
	}
	return out
}

// devFS reads a device's config directory through the inventory.
type devFS struct {
	dev *inventory.Device
	dir string
}

func (d devFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return d.dev.Open(path.Join(d.dir, name))
}

func (d devFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	return d.dev.ReadDir(path.Join(d.dir, name))
}

// listFS exposes the files of files.configs by base name.
type listFS struct {
	dev   *inventory.Device
	files []string
}

func (l listFS) Open(name string) (fs.File, error) {
	for _, f := range l.files {
		if path.Base(f) == name || f == name {
			return l.dev.Open(f)
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
