package firmware

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/firmware/advisory"
	"github.com/netdevsec/netdevsec/firmware/history"
	"github.com/netdevsec/netdevsec/inventory"
)

// Advisories is a loaded advisory set: the matching index, and what the
// importers could not interpret.
type Advisories struct {
	Index  *advisory.Index
	Issues []advisory.Issue
}

// LoadAdvisories reads advisory documents (OSV, CSAF, NVD, CVE 5, KEV —
// told apart by content) from fsys, joins the KEV flags and indexes them.
// Uninterpretable statements are returned as issues; an unreadable
// document is an error naming it.
func LoadAdvisories(fsys fs.FS, paths ...string) (*Advisories, error) {
	var advs []advisory.Advisory
	var kev []advisory.KEVEntry
	var issues []advisory.Issue
	for _, p := range paths {
		f, err := fsys.Open(p)
		if err != nil {
			return nil, fmt.Errorf("advisories: %w", err)
		}
		d, err := advisory.Read(f, p)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("advisories: %w", err)
		}
		advs = append(advs, d.Advisories...)
		kev = append(kev, d.KEV...)
		issues = append(issues, d.Issues...)
	}
	advisory.JoinKEV(advs, kev)
	return &Advisories{Index: advisory.NewIndex(advs), Issues: issues}, nil
}

// Auditor runs the firmware rules over inventory devices. The zero value
// checks versions and update practice; advisories come from Advisories
// and from the documents a device's facts.firmware.advisories names.
type Auditor struct {
	// Advisories are matched against every device; nil means only the
	// device's own advisory documents.
	Advisories *Advisories

	// docs caches the devices' own advisory documents by path (set by
	// NewAuditor); nil reads them for each device.
	docs *docCache
}

// NewAuditor returns an auditor matching advs (nil for none) that reads
// each advisory document named in devices' facts only once per run.
func NewAuditor(advs *Advisories) *Auditor {
	return &Auditor{Advisories: advs, docs: &docCache{m: map[string]*docEntry{}}}
}

type docCache struct {
	mu sync.Mutex
	m  map[string]*docEntry
}

type docEntry struct {
	once sync.Once
	advs *Advisories
	err  error
}

// load returns the device's own advisories, from the cache when there is
// one.
func (c *docCache) load(dev *inventory.Device, paths []string) (*Advisories, error) {
	if c == nil {
		return LoadAdvisories(deviceFS{dev}, paths...)
	}
	var key strings.Builder
	for _, p := range paths {
		key.WriteString(dev.Path(p))
		key.WriteByte(0)
	}
	c.mu.Lock()
	e, ok := c.m[key.String()]
	if !ok {
		e = &docEntry{}
		c.m[key.String()] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.advs, e.err = LoadAdvisories(deviceFS{dev}, paths...) })
	return e.advs, e.err
}

// Rules implements audit.Auditor.
func (Auditor) Rules() []netdevsec.Rule { return Rules() }

// DeviceFacts returns the device's firmware facts: the derived facts a
// device-class importer published, overlaid with the inventory's
// facts.firmware, with vendor, model and version from the entry itself.
// known is false when neither exists.
func DeviceFacts(dev *inventory.Device) (f Facts, known bool, err error) {
	switch d := dev.Derived["firmware"].(type) {
	case Facts:
		f, known = d, true
	case *Facts:
		if d != nil {
			f, known = *d, true
		}
	}
	var inv Facts
	ok, err := dev.DecodeFacts("firmware", &inv)
	if err != nil {
		return Facts{}, false, err
	}
	if ok {
		known = true
		overlay(&f, inv)
	}
	f.Vendor = first(dev.Vendor, f.Vendor)
	f.Model = first(dev.Model, f.Model)
	f.Installed = first(dev.Firmware, f.Installed)
	return f, known, nil
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// overlay copies the non-zero fields of inv over f.
func overlay(f *Facts, inv Facts) {
	f.Scheme = first(inv.Scheme, f.Scheme)
	f.Product = first(inv.Product, f.Product)
	f.Channel = first(inv.Channel, f.Channel)
	if !inv.InstalledAt.IsZero() {
		f.InstalledAt = inv.InstalledAt
	}
	if inv.Update != nil {
		f.Update = inv.Update
	}
	if inv.Releases != nil {
		f.Releases = inv.Releases
	}
	f.History = first(inv.History, f.History)
	f.HistoryKey = first(inv.HistoryKey, f.HistoryKey)
	if inv.Advisories != nil {
		f.Advisories = inv.Advisories
	}
	if inv.Procedures != nil {
		f.Procedures = inv.Procedures
	}
}

// Audit reads the device's firmware facts, matches its advisories, verifies
// its update history and checks them.
func (a Auditor) Audit(ctx context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	f, known, err := DeviceFacts(dev)
	if err != nil {
		return nil, err
	}
	o := Observed{FactsKnown: known}
	var idx []*advisory.Index
	if a.Advisories != nil {
		idx = append(idx, a.Advisories.Index)
	}
	if len(f.Advisories) > 0 {
		own, err := a.docs.load(dev, f.Advisories)
		if err != nil {
			return nil, err
		}
		idx = append(idx, own.Index)
	}
	if len(idx) > 0 {
		o.AdvisoriesLoaded = true
		d := advisory.Device{ID: dev.ID, Vendor: f.Vendor, Model: f.Model, Product: f.Product, Installed: f.Installed, Channel: f.Channel}
		if f.Scheme != "" {
			d.Scheme = f.scheme() // explicit; otherwise each advisory's product scheme
		}
		for _, ix := range idx {
			o.Matches = append(o.Matches, ix.Match(d)...)
		}
	}
	if f.History != "" {
		o.HistoryFile = dev.Path(f.History)
		o.History, o.HistoryErr = readHistory(ctx, dev, f)
	}
	fs := Check(dev.ID, f, o, now)
	loc := dev.FactsLocation("firmware")
	for i := range fs {
		if fs[i].Location == nil {
			fs[i].Location = loc
		}
	}
	return fs, nil
}

func readHistory(ctx context.Context, dev *inventory.Device, f Facts) (*history.Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts := history.Options{}
	if f.HistoryKey != "" {
		k, err := base64.StdEncoding.DecodeString(f.HistoryKey)
		if err != nil || len(k) != 32 {
			return nil, errors.New("facts.firmware.history_key is not a base64 ed25519 public key")
		}
		opts.Key = k
	}
	fh, err := dev.Open(f.History)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return history.Verify(fh, opts)
}

// deviceFS opens files named in the device's entry (relative to the
// inventory) through the inventory's file system.
type deviceFS struct{ dev *inventory.Device }

func (d deviceFS) Open(name string) (fs.File, error) { return d.dev.Open(name) }
