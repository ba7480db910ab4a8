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
	"github.com/netdevsec/netdevsec/pbx/cdr"
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
	// Recorded is what to assume when the inventory has no facts.pbx for
	// a device (the CLI fills it from flags); facts.pbx, when present,
	// replaces it.
	Recorded Recorded
	// CDR tunes the review of files.cdrs; fields left zero are filled
	// from facts.pbx (allowed extensions, holidays, inbound contexts,
	// trunks) and then the defaults.
	CDR cdr.Options
}

var (
	_ audit.Auditor   = Auditor{}
	_ audit.Collector = Auditor{}
)

// Rules implements audit.Auditor: the config rules and the CDR rules.
func (Auditor) Rules() []netdevsec.Rule { return append(Rules(), cdr.Rules()...) }

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
	rec := a.Recorded
	if len(f.Recorded.InboundContexts) > 0 { // found by the importer
		rec.InboundContexts = append(append([]string(nil), rec.InboundContexts...), f.Recorded.InboundContexts...)
	}
	var fromInv Recorded
	found, err := dev.DecodeFacts("pbx", &fromInv)
	if err != nil {
		return nil, err
	}
	if found {
		fromInv.InboundContexts = append(fromInv.InboundContexts, f.Recorded.InboundContexts...)
		rec = fromInv
	}
	f.Recorded = rec
	fs := Check(dev.ID, f, now, &a.Check)
	cdrs, err := a.reviewCDRs(ctx, dev, f)
	if err != nil {
		return nil, err
	}
	fs = append(fs, cdrs...)
	loc := dev.FactsLocation("pbx")
	for i := range fs {
		if fs[i].Location == nil {
			l := *loc
			fs[i].Location = &l
		}
	}
	return fs, nil
}

// CDROptions returns the review options for f: base with the fields left
// zero filled from the facts (allowed extensions, holidays, business
// hours, inbound contexts, trunk channels, international prefixes).
func CDROptions(f Facts, base cdr.Options) (cdr.Options, error) {
	o := base
	rec := f.Recorded
	if o.AllowedInternational == nil {
		o.AllowedInternational = rec.InternationalExtensions
	}
	if o.InternationalPrefixes == nil && len(rec.InternationalPrefixes) > 0 {
		o.InternationalPrefixes = rec.InternationalPrefixes
	}
	if o.Calendar == nil && len(rec.Holidays) > 0 {
		cal := &cdr.Calendar{}
		for _, h := range rec.Holidays {
			t, err := time.Parse("2006-01-02", h)
			if err != nil {
				return o, fmt.Errorf("facts.pbx.holidays: %q: want YYYY-MM-DD", h)
			}
			cal.Extra = append(cal.Extra, t)
		}
		o.Calendar = cal
	}
	if o.WorkStart == 0 && o.WorkEnd == 0 && rec.BusinessHours != "" {
		a, b, ok := strings.Cut(rec.BusinessHours, "-")
		s, err1 := time.Parse("15:04", strings.TrimSpace(a))
		e, err2 := time.Parse("15:04", strings.TrimSpace(b))
		if !ok || err1 != nil || err2 != nil {
			return o, fmt.Errorf("facts.pbx.business_hours: %q: want HH:MM-HH:MM", rec.BusinessHours)
		}
		o.WorkStart, o.WorkEnd = s.Hour()*60+s.Minute(), e.Hour()*60+e.Minute()
	}
	if o.InboundContexts == nil {
		for _, e := range Entries(f) {
			if e.Inbound() {
				o.InboundContexts = append(o.InboundContexts, e.Context)
			}
		}
	}
	if o.TrunkChannels == nil {
		for _, e := range f.Endpoints {
			if e.Trunk && e.Type != "registration" {
				o.TrunkChannels = append(o.TrunkChannels, "SIP/"+e.Name+"-", "PJSIP/"+e.Name+"-", "IAX2/"+e.Name+"-", "sofia/gateway/"+e.Name+"/")
			}
		}
		if o.TrunkChannels != nil {
			o.TrunkChannels = append(o.TrunkChannels, "DAHDI/")
		}
	}
	return o, nil
}

// reviewCDRs reviews files.cdrs as Asterisk Master.csv.
func (a Auditor) reviewCDRs(ctx context.Context, dev *inventory.Device, f Facts) ([]netdevsec.Finding, error) {
	if len(dev.Files.CDRs) == 0 {
		var out []netdevsec.Finding
		for _, r := range cdr.Rules() {
			out = append(out, r.Unknown(dev.ID, "no call records listed (files.cdrs)"))
		}
		return out, nil
	}
	o, err := CDROptions(f, a.CDR)
	if err != nil {
		return nil, err
	}
	if o.Location == nil {
		o.Location = time.FixedZone("JST", 9*3600) // Asterisk writes local time
	}
	rv := cdr.NewReview(dev.ID, &o)
	for _, name := range dev.Files.CDRs {
		file, err := dev.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cdrs: %w", err)
		}
		err = rv.Read(ctx, cdr.NewReader(file, dev.Path(name), &cdr.ReaderOptions{Location: o.Location}), dev.Path(name))
		file.Close()
		if err != nil {
			return nil, fmt.Errorf("cdrs: %s: %w", name, err)
		}
	}
	return rv.Findings(), nil
}

// importDevice reads the device's configuration; a device without
// config files gets empty facts (the rules then report unknown).
func (a Auditor) importDevice(ctx context.Context, dev *inventory.Device) (Facts, error) {
	opts := a.Import
	var fsys fs.FS
	switch {
	case dev.Files.ConfigDir != "":
		fsys = devFS{dev: dev, dir: dev.Files.ConfigDir}
		opts.Dir = dev.Path(dev.Files.ConfigDir)
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
	for _, a := range f.Accounts {
		out.Credentials = append(out.Credentials, password.Credential{
			Name: a.Service + " " + a.User, Kind: password.KindLogin, User: a.User,
			Secret: a.Secret, Storage: password.StoragePlaintext, Location: a.Location,
		})
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
