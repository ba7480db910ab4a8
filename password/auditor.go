package password

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
)

// AuditorOptions configure an [Auditor]. The zero value is a secure
// default: a random fleet key for this run, no external store, no live
// checks.
type AuditorOptions struct {
	// Check configures the per-credential checks.
	Check *CheckOptions
	// FleetKey keys the reuse fingerprints; zero means a random key, so
	// nothing links across runs.
	FleetKey FleetKey
	// External are fingerprints of other systems (directory, ERP, other
	// fleets), made with FleetKey; reuse with them fails too.
	External *Store
	// Getenv resolves env credential references; nil means os.Getenv.
	Getenv func(string) string
	// Live, when non-nil, enables the opt-in live default check.
	Live *LiveOptions
}

// Auditor runs the password rules over inventory devices. Construct it
// with [NewAuditor] so that it sees the whole fleet (reuse detection);
// the zero Auditor checks each device alone and reports fleet reuse as
// unknown.
//
// Credentials come from, in order: the inventory entry's credentials
// (resolved from env or file; an unresolvable one is judged unknown,
// not an error), facts.password, or else the facts a device-class
// importer derived (dev.Derived["password"]), or else the password
// auditor's own scan of the device's config files.
type Auditor struct {
	checker  *Checker
	key      FleetKey
	store    *Store // fleet fingerprints, built by NewAuditor
	external *Store
	fleet    bool
	getenv   func(string) string
	live     *LiveOptions
	// plain holds, per device, the fleet's known plaintexts only as
	// fingerprints; hashes are verified against candidates in
	// candidates (device → secrets), kept in memory for the run only.
	candidates map[string][]fleetSecret
}

type fleetSecret struct {
	system, credential string
	secret             netdevsec.Secret
}

// NewAuditor prepares an auditor for inv: it gathers every device's
// credentials (inventory, facts.password, config files), fingerprints
// them with the fleet key into a store, and keeps the plaintexts only in
// memory to verify salted hashes of other devices. Derived facts of
// device-class importers (which run later, per device) are checked
// against this store but do not join it.
func NewAuditor(inv *inventory.Inventory, opts *AuditorOptions) (*Auditor, error) {
	a := newAuditor(opts)
	a.fleet = true
	if a.external != nil && a.external.keyID != a.key.ID() {
		return nil, ErrKeyMismatch
	}
	a.store = NewStore(a.key)
	a.candidates = map[string][]fleetSecret{}
	if inv == nil {
		return a, nil
	}
	for i := range inv.Devices {
		dev := &inv.Devices[i]
		f, _ := a.gather(dev, false)
		for _, c := range f.Credentials {
			if c.Secret.IsZero() || c.Kind == KindPIN {
				continue
			}
			if _, err := a.store.Add(a.key, dev.ID, c.Name, c.User, c.Secret); err != nil {
				return nil, err
			}
			a.candidates[dev.ID] = append(a.candidates[dev.ID], fleetSecret{dev.ID, c.Name, c.Secret})
		}
	}
	return a, nil
}

func newAuditor(opts *AuditorOptions) *Auditor {
	var o AuditorOptions
	if opts != nil {
		o = *opts
	}
	a := &Auditor{key: o.FleetKey, external: o.External, getenv: o.Getenv, live: o.Live}
	if o.Check != nil {
		a.checker = NewChecker(o.Check)
	}
	if a.key.IsZero() {
		a.key = RandomFleetKey()
	}
	return a
}

// Store returns the fleet's fingerprint store (nil for the zero
// Auditor), for a management system to save and check new passwords
// against.
func (a *Auditor) Store() *Store { return a.store }

// Rules implements audit.Auditor.
func (a *Auditor) Rules() []netdevsec.Rule { return Rules() }

func (a *Auditor) check() *Checker {
	if a.checker == nil {
		return defaultChecker()
	}
	return a.checker
}

// Audit implements audit.Auditor.
func (a *Auditor) Audit(ctx context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	f, err := a.gather(dev, true)
	if err != nil {
		return nil, err
	}
	out, err := a.check().Findings(ctx, dev.ID, f, now)
	if err != nil {
		return nil, err
	}
	out = append(out, a.reuseFindings(dev.ID, f)...)
	if a.live != nil {
		lf, err := a.liveFindings(ctx, dev)
		if err != nil {
			return nil, err
		}
		out = append(out, lf...)
	}
	loc := dev.FactsLocation("password")
	for i := range out {
		if out[i].Location == nil {
			out[i].Location = loc
		}
	}
	return out, nil
}

// gather assembles the device's password facts. With derived, the
// facts of device-class importers are used when the inventory has none.
func (a *Auditor) gather(dev *inventory.Device, derived bool) (Facts, error) {
	var f Facts
	has, err := dev.DecodeFacts("password", &f)
	if err != nil {
		return Facts{}, err
	}
	if !has {
		if d, ok := dev.Derived["password"].(Facts); ok && derived {
			f = d
			f.Credentials = slices.Clone(d.Credentials)
		} else {
			sf, err := scanDeviceConfigs(dev)
			if err != nil {
				return Facts{}, err
			}
			f.Credentials, f.PasswordEncryption = sf.Credentials(), sf.PasswordEncryption
		}
	}
	cw := ContextWords{Vendor: dev.Vendor, Model: dev.Model, Hostname: dev.Hostname, Serial: dev.Serial, MAC: dev.MAC}
	merge := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	merge(&f.Context.Vendor, cw.Vendor)
	merge(&f.Context.Model, cw.Model)
	merge(&f.Context.Hostname, cw.Hostname)
	merge(&f.Context.Serial, cw.Serial)
	merge(&f.Context.MAC, cw.MAC)
	for _, c := range dev.Credentials {
		f.Credentials = append(f.Credentials, a.inventoryCredential(dev, c))
	}
	return f, nil
}

func (a *Auditor) inventoryCredential(dev *inventory.Device, c inventory.Credential) Credential {
	cr := Credential{Name: c.Name, Kind: kindOf(c), User: c.User, Location: dev.Pos.Location()}
	if c.ChangedAt != "" {
		if t, err := time.Parse(time.RFC3339, c.ChangedAt); err == nil {
			cr.ChangedAt = t
		} else if t, err := time.Parse("2006-01-02", c.ChangedAt); err == nil {
			cr.ChangedAt = t
		}
	}
	if c.Password.None {
		cr.Empty = true
		return cr
	}
	readFile := func(p string) ([]byte, error) { return dev.ReadFile(p, 64<<10) }
	s, err := c.Password.Resolve("", a.getenv, readFile)
	if err == nil {
		cr.Secret = netdevsec.NewSecret(strings.TrimRight(s.Reveal(), "\r\n"))
	}
	// An unresolvable secret stays unknown: rules report unknown.
	return cr
}

func kindOf(c inventory.Credential) Kind {
	n := strings.ToLower(c.Name)
	p := strings.ToLower(c.Protocol)
	switch {
	case p == "snmp" || strings.Contains(n, "community"):
		return KindSNMPCommunity
	case p == "sip" || strings.HasPrefix(n, "sip"):
		return KindSIPSecret
	case strings.Contains(n, "wifi") || strings.Contains(n, "psk"):
		return KindWiFiPSK
	case strings.Contains(n, "voicemail") || strings.Contains(n, "pin") || strings.Contains(n, "disa"):
		return KindPIN
	case n == "enable":
		return KindEnable
	}
	return KindLogin
}

// scanDeviceConfigs runs ScanConfig over the device's config files and
// config directory.
func scanDeviceConfigs(dev *inventory.Device) (ConfigScan, error) {
	var out ConfigScan
	files := slices.Clone(dev.Files.Configs)
	if dev.Files.ConfigDir != "" {
		ents, err := dev.ReadDir(dev.Files.ConfigDir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return out, fmt.Errorf("config dir: %w", err)
		}
		for _, e := range ents {
			if !e.IsDir() {
				files = append(files, path.Join(dev.Files.ConfigDir, e.Name()))
			}
		}
	}
	for _, p := range files {
		fh, err := dev.Open(p)
		if err != nil {
			return out, fmt.Errorf("config %s: %w", p, err)
		}
		s, err := ScanConfig(p, fh)
		fh.Close()
		if err != nil {
			return out, err
		}
		out.Secrets = append(out.Secrets, s.Secrets...)
		if s.PasswordEncryption != nil {
			pe := *s.PasswordEncryption
			if out.PasswordEncryption != nil {
				pe = pe && *out.PasswordEncryption
			}
			out.PasswordEncryption = &pe
		}
	}
	return out, nil
}

func (a *Auditor) reuseFindings(device string, f Facts) []netdevsec.Finding {
	r := RuleReuse()
	if !a.fleet {
		return []netdevsec.Finding{r.Unknown(device, "fleet not loaded: the auditor sees one device at a time (construct it with password.NewAuditor)")}
	}
	var out []netdevsec.Finding
	judged := 0
	for _, c := range f.Credentials {
		if c.Kind == KindPIN {
			continue
		}
		var others []StoreEntry
		switch {
		case !c.Secret.IsZero():
			judged++
			fp := a.key.Password(c.Secret)
			for _, e := range a.store.Lookup(fp) {
				if e.System != device {
					others = append(others, e)
				}
			}
			if a.external != nil {
				others = append(others, a.external.Lookup(fp)...)
			}
		case !c.Hash.IsZero():
			if _, _, err := ClassifyHash(c.Hash.Reveal()); err != nil {
				continue
			}
			judged++
			others = a.verifyAgainstFleet(device, c)
		default:
			continue
		}
		if len(others) == 0 {
			continue
		}
		systems := Reuse{Entries: others}.Systems()
		same := false
		if c.User != "" && !c.Secret.IsZero() {
			up := a.key.UserPassword(c.User, c.Secret)
			for _, e := range others {
				if e.UserPassword == up {
					same = true
				}
			}
		}
		msg := fmt.Sprintf("%s: the same password is used on %s", c.Name, strings.Join(systems, ", "))
		if same {
			msg = fmt.Sprintf("%s: the same user name and password are used on %s", c.Name, strings.Join(systems, ", "))
		}
		ev := append(credEvidence(c), netdevsec.E("also_on", strings.Join(systems, ", ")))
		out = append(out, at(r.Fail(device, msg, ev...), c))
	}
	switch {
	case len(out) > 0:
		return out
	case judged > 0:
		return []netdevsec.Finding{r.Pass(device, fmt.Sprintf("%d credential(s) compared with %d fingerprint(s) of the fleet", judged, a.store.Len()))}
	}
	return []netdevsec.Finding{r.Unknown(device, "no credential with a known password or verifiable hash")}
}

// maxFleetCandidates bounds the plaintexts verified against one hash.
const maxFleetCandidates = 64

// verifyAgainstFleet tries the other devices' known passwords against
// a salted hash.
func (a *Auditor) verifyAgainstFleet(device string, c Credential) []StoreEntry {
	var out []StoreEntry
	tried := 0
	devs := make([]string, 0, len(a.candidates))
	for d := range a.candidates {
		devs = append(devs, d)
	}
	slices.Sort(devs)
	verdict := map[Fingerprint]bool{}
	for _, d := range devs {
		if d == device {
			continue
		}
		for _, s := range a.candidates[d] {
			fp := a.key.Password(s.secret)
			ok, seen := verdict[fp]
			if !seen {
				if tried >= maxFleetCandidates {
					return out
				}
				tried++
				ok, _ = VerifyHash(c.Hash.Reveal(), s.secret)
				verdict[fp] = ok
			}
			if ok {
				out = append(out, StoreEntry{System: s.system, Credential: s.credential, Password: fp})
			}
		}
	}
	return out
}
