package fax

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/fax/hylafax"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
)

// Auditor runs the fax rules over inventory devices. For a device with
// files.config_dir it reads the HylaFAX configuration there (in Collect)
// and publishes the credentials it finds for the password rules and the
// journal it keeps for the logging rules; it
// reviews the transfer log named by files.other["xferfaxlog"] or listed
// in files.logs; facts.fax in the inventory (settings of an MFP recorded
// by hand) override what was read.
type Auditor struct {
	// Log tunes the transfer-log review; nil means defaults, with the
	// device's address book, mailbox numbers and allowed senders.
	Log *LogOptions
	// MaxUnparsed bounds the fax.input.unparsed findings per device; 0
	// means 200.
	MaxUnparsed int
}

var (
	_ audit.Auditor   = Auditor{}
	_ audit.Collector = Auditor{}
)

// collected is what Collect leaves for Audit in dev.Derived["fax"].
type collected struct {
	facts    Facts
	unparsed []hylafax.Unparsed
}

// Rules implements audit.Auditor.
func (Auditor) Rules() []netdevsec.Rule { return Rules() }

// Collect reads the HylaFAX configuration of files.config_dir, when the
// device has one, and publishes fax and password facts.
func (Auditor) Collect(ctx context.Context, dev *inventory.Device, _ time.Time) error {
	dir := dev.Files.ConfigDir
	if dir == "" || !isFaxDevice(dev) {
		return nil
	}
	sys, err := hylafax.Load(ctx, deviceDir{dev: dev, dir: dir})
	if sys == nil {
		return fmt.Errorf("hylafax configuration %s: %w", dir, err)
	}
	c := collected{facts: FromHylaFAX(sys), unparsed: sys.Unparsed}
	relocate(&c, dir)
	dev.SetDerived("fax", c)
	if len(c.facts.Credentials) > 0 {
		pf, _ := dev.Derived["password"].(password.Facts)
		pf.Credentials = append(pf.Credentials, c.facts.Credentials...)
		if pf.Context == (password.ContextWords{}) {
			pf.Context = password.ContextWords{Vendor: dev.Vendor, Model: dev.Model, Hostname: dev.Hostname, Serial: dev.Serial, MAC: dev.MAC}
		}
		dev.SetDerived("password", pf)
	}
	// HylaFAX always records every session in etc/xferfaxlog (and, with
	// LogCalls, every call): the logging domain may count on that.
	lf, _ := dev.Derived["logging"].(logging.Facts)
	yes := true
	if lf.Enabled == nil {
		lf.Enabled = &yes
	}
	if lf.OperationLog == nil {
		lf.OperationLog = &yes
	}
	dev.SetDerived("logging", lf)
	if err != nil {
		return fmt.Errorf("hylafax configuration %s: %w", dir, err)
	}
	return nil
}

// relocate makes the locations of what was read name the file as the
// inventory does (config_dir/file).
func relocate(c *collected, dir string) {
	seen := map[*netdevsec.Location]bool{}
	fix := func(l *netdevsec.Location) {
		if l != nil && !seen[l] {
			seen[l] = true
			l.File = path.Join(dir, l.File)
		}
	}
	for i := range c.facts.Credentials {
		fix(c.facts.Credentials[i].Location)
	}
	for _, l := range c.facts.Locations {
		fix(l)
	}
	for i := range c.facts.Mailboxes {
		fix(c.facts.Mailboxes[i].Location)
	}
	for i := range c.facts.Clients {
		fix(c.facts.Clients[i].Location)
	}
	for i := range c.unparsed {
		fix(&c.unparsed[i].Location)
	}
}

func isFaxDevice(dev *inventory.Device) bool {
	if dev.Class == inventory.ClassFax {
		return true
	}
	_, ok := dev.Facts["fax"]
	return ok
}

// Audit checks the device's fax facts and reviews its transfer log.
func (a Auditor) Audit(ctx context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	if !isFaxDevice(dev) {
		return nil, nil
	}
	c, read := dev.Derived["fax"].(collected)
	f := c.facts
	f.Locations = maps.Clone(f.Locations)
	if _, err := dev.DecodeFacts("fax", &f); err != nil {
		return nil, err
	}
	// A fact the inventory states is located there, not in the file it
	// overrides.
	var stated map[string]any
	if ok, _ := dev.DecodeFacts("fax", &stated); ok {
		for k := range stated {
			delete(f.Locations, k)
		}
	}
	out := Check(dev.ID, f, now)
	loc := dev.FactsLocation("fax")
	for i := range out {
		if out[i].Location == nil {
			out[i].Location = loc
		}
	}
	logs, logUnparsed, err := a.reviewLogs(ctx, dev, f)
	out = append(out, logs...)
	if read || len(logFiles(dev)) > 0 {
		out = append(out, a.unparsedFindings(dev.ID, append(slices.Clone(c.unparsed), logUnparsed...))...)
	}
	return out, err
}

func (a Auditor) unparsedFindings(device string, us []hylafax.Unparsed) []netdevsec.Finding {
	r := RuleInputUnparsed()
	max := a.MaxUnparsed
	if max <= 0 {
		max = 200
	}
	var out []netdevsec.Finding
	for i, u := range us {
		if i == max {
			out = append(out, r.Unknown(device, fmt.Sprintf("%d more lines not understood (not listed)", len(us)-max)))
			break
		}
		out = append(out, r.Unknown(device, u.Reason).At(u.Location.File, u.Location.Line))
	}
	if len(out) == 0 {
		out = append(out, r.Pass(device, "every configuration and log line read was understood"))
	}
	return out
}

// logFiles returns the transfer logs named for the device: every
// files.other entry whose key starts with "xferfaxlog", and the
// files.logs entries named xferfaxlog (or *.xferfaxlog).
func logFiles(dev *inventory.Device) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(dev.Files.Other)) {
		if strings.HasPrefix(k, "xferfaxlog") && dev.Files.Other[k] != "" {
			out = append(out, dev.Files.Other[k])
		}
	}
	for _, p := range dev.Files.Logs {
		if path.Base(p) == "xferfaxlog" || path.Ext(p) == ".xferfaxlog" {
			out = append(out, p)
		}
	}
	return out
}

func (a Auditor) logOptions(f Facts) *LogOptions {
	var o LogOptions
	if a.Log != nil {
		o = *a.Log
	}
	if o.Match == nil && f.Dial != nil {
		o.Match = &MatchOptions{Dial: f.Dial}
	}
	if o.AddressBook == nil {
		o.AddressBook = f.AddressBook
	}
	if o.MailboxNumbers == nil {
		o.MailboxNumbers = f.MailboxNumbers
	}
	if o.AllowedSenders == nil {
		o.AllowedSenders = f.AllowedSenders
	}
	return &o
}

func (a Auditor) reviewLogs(ctx context.Context, dev *inventory.Device, f Facts) ([]netdevsec.Finding, []hylafax.Unparsed, error) {
	files := logFiles(dev)
	if len(files) == 0 {
		return nil, nil, nil
	}
	an := NewTransferAnalyzer(dev.ID, a.logOptions(f))
	var unparsed []hylafax.Unparsed
	var errs []error
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		file, err := dev.Open(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("transfer log: %w", err))
			continue
		}
		for rec, err := range hylafax.Records(file, p, nil) {
			var le *hylafax.LineError
			switch {
			case errors.As(err, &le):
				unparsed = append(unparsed, hylafax.Unparsed{Location: le.Location, Reason: le.Err.Error()})
			case err != nil:
				errs = append(errs, err)
			default:
				an.Add(TransferFromHylaFAX(rec))
			}
			if ctx.Err() != nil {
				break
			}
		}
		file.Close()
	}
	return an.Findings(), unparsed, errors.Join(errs...)
}

// deviceDir is a directory named in the inventory, as an fs.FS read
// through the device (so embedded inventories work).
type deviceDir struct {
	dev *inventory.Device
	dir string
}

func (d deviceDir) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return d.dev.Open(path.Join(d.dir, name))
}

func (d deviceDir) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	return d.dev.ReadDir(path.Join(d.dir, name))
}
