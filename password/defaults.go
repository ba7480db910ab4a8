package password

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/netdevsec/netdevsec"
)

//go:embed data/defaults.csv
var defaultsCSV []byte

// Pattern says how a factory default is formed.
type Pattern string

// Default patterns.
const (
	// PatternExact is a fixed password (Default.Password).
	PatternExact Pattern = "exact"
	// PatternBlank is an empty password.
	PatternBlank Pattern = "blank"
	// PatternSameAsUser is a password equal to the user name.
	PatternSameAsUser Pattern = "same-as-user"
	// PatternSerial is the unit's serial number.
	PatternSerial Pattern = "serial"
	// PatternMAC is the unit's MAC address without separators.
	PatternMAC Pattern = "mac"
	// PatternMAC6 is the last six hex digits of the unit's MAC address.
	PatternMAC6 Pattern = "mac6"
	// PatternLabel is a per-unit value printed on the label: it cannot
	// be matched and is recorded because it is the practice CIAJ-3.3-1
	// asks for.
	PatternLabel Pattern = "label"
)

var patterns = []Pattern{PatternExact, PatternBlank, PatternSameAsUser, PatternSerial, PatternMAC, PatternMAC6, PatternLabel}

// Default is one factory-default credential with its public source.
type Default struct {
	// Vendor is the vendor as written in the database ("*" any vendor).
	Vendor string
	// Models is a case-insensitive glob over the model name ("RTX*").
	Models string
	// Kind is what the credential is for.
	Kind Kind
	// Protocol and Port are where it is used ("ssh", 22); Port 0 is any.
	Protocol string
	Port     int
	// User is the account name; "*" any, "" none.
	User string
	// Password is the fixed password of a PatternExact entry.
	Password netdevsec.Secret
	// Pattern says how the password is formed.
	Pattern Pattern
	// Source names the public document the entry comes from.
	Source string
	// Line is the entry's line in the database file.
	Line int
}

// Generic reports whether the entry applies to every vendor.
func (d Default) Generic() bool { return d.Vendor == "*" }

// DefaultDB is an immutable, indexed factory-default database.
type DefaultDB struct {
	version  string
	entries  []Default
	byVendor map[string][]int // alnum(vendor) → entry indexes
	generic  []int
}

// ErrBadDatabase is wrapped by errors in a default-credential database.
var ErrBadDatabase = errors.New("bad default-credential database")

var embeddedDefaults = sync.OnceValues(func() (*DefaultDB, error) {
	return ParseDefaults(bytes.NewReader(defaultsCSV), "defaults.csv")
})

// Defaults returns the embedded factory-default database. It is parsed
// once and shared; it is never modified.
func Defaults() *DefaultDB {
	db, err := embeddedDefaults()
	if err != nil {
		// The embedded file is tested; this is a build defect.
		panic(fmt.Sprintf("password: embedded defaults: %v", err))
	}
	return db
}

// MaxDefaultsSize bounds a database file read by [ParseDefaults] (4 MiB).
const MaxDefaultsSize = 4 << 20

// ParseDefaults reads a default-credential database in the CSV format
// of data/defaults.csv. Errors name name:line and the column; one bad
// row is reported and the others are still read, so the returned
// database is usable together with a non-nil error.
func ParseDefaults(r io.Reader, name string) (*DefaultDB, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDefaultsSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxDefaultsSize {
		return nil, fmt.Errorf("%s: larger than %d bytes: %w", name, MaxDefaultsSize, ErrBadDatabase)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	db := &DefaultDB{byVendor: map[string][]int{}}
	var errs []error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				errs = append(errs, fmt.Errorf("%s:%d: %v: %w", name, pe.Line, pe.Err, ErrBadDatabase))
				if len(errs) > 100 {
					break
				}
				continue
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 2 && rec[0] == "version" {
			if db.version != "" {
				errs = append(errs, fmt.Errorf("%s:%d: second version line: %w", name, line, ErrBadDatabase))
			}
			db.version = rec[1]
			continue
		}
		d, err := parseDefault(rec, line)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		i := len(db.entries)
		db.entries = append(db.entries, d)
		if d.Generic() {
			db.generic = append(db.generic, i)
		} else {
			k := alnum(d.Vendor)
			db.byVendor[k] = append(db.byVendor[k], i)
		}
	}
	if db.version == "" {
		errs = append(errs, fmt.Errorf("%s: no version line: %w", name, ErrBadDatabase))
	}
	return db, errors.Join(errs...)
}

func parseDefault(rec []string, line int) (Default, error) {
	const cols = 9
	if len(rec) != cols {
		return Default{}, fmt.Errorf("%d columns, want %d: %w", len(rec), cols, ErrBadDatabase)
	}
	port, err := strconv.Atoi(rec[4])
	if err != nil || port < 0 || port > 65535 {
		return Default{}, fmt.Errorf("column port: %q is not a port number: %w", rec[4], ErrBadDatabase)
	}
	d := Default{
		Vendor: strings.TrimSpace(rec[0]), Models: strings.TrimSpace(rec[1]), Kind: Kind(rec[2]),
		Protocol: rec[3], Port: port, User: rec[5], Password: netdevsec.NewSecret(rec[6]),
		Pattern: Pattern(rec[7]), Source: strings.TrimSpace(rec[8]), Line: line,
	}
	switch {
	case d.Vendor == "":
		return d, fmt.Errorf("column vendor: empty: %w", ErrBadDatabase)
	case d.Models == "":
		return d, fmt.Errorf("column models: empty (use *): %w", ErrBadDatabase)
	case !slices.Contains(kinds, d.Kind):
		return d, fmt.Errorf("column kind: %q unknown: %w", rec[2], ErrBadDatabase)
	case !slices.Contains(patterns, d.Pattern):
		return d, fmt.Errorf("column pattern: %q unknown: %w", rec[7], ErrBadDatabase)
	case d.Source == "":
		return d, fmt.Errorf("column source: every entry must name its public source: %w", ErrBadDatabase)
	case d.Pattern == PatternExact && d.Password.IsZero():
		return d, fmt.Errorf("column password: empty for an exact entry (use pattern blank): %w", ErrBadDatabase)
	case d.Pattern != PatternExact && !d.Password.IsZero():
		return d, fmt.Errorf("column password: only exact entries carry a password: %w", ErrBadDatabase)
	}
	if _, err := path.Match(strings.ToLower(d.Models), ""); err != nil {
		return d, fmt.Errorf("column models: %w: %w", err, ErrBadDatabase)
	}
	return d, nil
}

var kinds = []Kind{KindLogin, KindEnable, KindSNMPCommunity, KindSIPSecret, KindWiFiPSK, KindPIN, KindFaxAdmin, KindOther}

// Version is the database's version line.
func (db *DefaultDB) Version() string { return db.version }

// Len is the number of entries.
func (db *DefaultDB) Len() int { return len(db.entries) }

// Entries returns a copy of every entry, in file order.
func (db *DefaultDB) Entries() []Default { return slices.Clone(db.entries) }

// Vendors returns the distinct vendors, sorted.
func (db *DefaultDB) Vendors() []string {
	var vs []string
	for _, d := range db.entries {
		if !d.Generic() && !slices.Contains(vs, d.Vendor) {
			vs = append(vs, d.Vendor)
		}
	}
	slices.Sort(vs)
	return vs
}

// DefaultQuery describes a credential to look up.
type DefaultQuery struct {
	// Vendor and Model of the device; an empty vendor searches every
	// vendor (an unscoped match, reported as such).
	Vendor, Model string
	// Kind of the credential; "" matches every kind but SNMP
	// communities.
	Kind Kind
	// User is the account name; "" when unknown or none.
	User string
	// Password is the candidate plaintext.
	Password netdevsec.Secret
	// Serial and MAC of the unit, for the device-derived patterns.
	Serial, MAC string
}

// DefaultMatch is an entry that matched a query.
type DefaultMatch struct {
	Default
	// Scoped is true when the entry is of the device's own vendor and
	// model (or generic); false when the vendor was unknown and the
	// password is merely somebody's factory default.
	Scoped bool
}

// Match returns the entries the query's password matches: entries of the
// device's vendor whose model glob matches first, then generic patterns.
// With no vendor, every vendor's exact entries are searched.
func (db *DefaultDB) Match(q DefaultQuery) []DefaultMatch {
	var out []DefaultMatch
	if len(q.Password.Reveal()) > maxDefaultLen {
		return nil // no factory default is that long
	}
	norm := Normalize(q.Password.Reveal())
	try := func(i int, scoped bool) {
		d := db.entries[i]
		if !kindCompatible(d.Kind, q.Kind) || !userMatches(d.User, q.User) {
			return
		}
		if scoped && !d.Generic() && !modelMatches(d.Models, q.Model) {
			return
		}
		if matchPattern(d, q, norm) {
			out = append(out, DefaultMatch{Default: d, Scoped: scoped})
		}
	}
	if v := alnum(q.Vendor); v != "" {
		for key, idx := range db.byVendor {
			if !vendorMatches(key, v) {
				continue
			}
			for _, i := range idx {
				try(i, true)
			}
		}
	} else {
		for i, d := range db.entries {
			if !d.Generic() && d.Pattern == PatternExact {
				try(i, false)
			}
		}
	}
	for _, i := range db.generic {
		try(i, true)
	}
	slices.SortStableFunc(out, func(a, b DefaultMatch) int { return a.Line - b.Line })
	return out
}

// vendorMatches accepts the database vendor key as the device vendor or
// its leading word ("yamaha" for "Yamaha Corporation").
func vendorMatches(key, device string) bool {
	return key == device || strings.HasPrefix(device, key) && len(key) >= 3
}

func modelMatches(glob, model string) bool {
	if glob == "*" {
		return true
	}
	if model == "" {
		// Unknown model: a vendor default still applies.
		return true
	}
	ok, _ := path.Match(strings.ToLower(glob), strings.ToLower(strings.TrimSpace(model)))
	return ok
}

func kindCompatible(entry, q Kind) bool {
	if entry == KindSNMPCommunity || q == KindSNMPCommunity {
		return entry == q
	}
	return true
}

func userMatches(entry, q string) bool {
	return entry == "*" || entry == "" || q == "" || strings.EqualFold(entry, q)
}

// maxDefaultLen bounds the passwords Match compares: factory defaults,
// serials and MACs are short, and hostile input must stay cheap.
const maxDefaultLen = 256

func matchPattern(d Default, q DefaultQuery, norm string) bool {
	pw := q.Password.Reveal()
	switch d.Pattern {
	case PatternExact:
		return pw == d.Password.Reveal() || norm == d.Password.Reveal()
	case PatternBlank:
		return pw == ""
	case PatternSameAsUser:
		return q.User != "" && pw != "" && Fold(pw) == Fold(q.User)
	case PatternSerial:
		s := alnum(q.Serial)
		return len(s) >= 4 && alnum(pw) == s
	case PatternMAC:
		m := hexDigits(q.MAC)
		return len(m) == 12 && hexDigits(pw) == m
	case PatternMAC6:
		m := hexDigits(q.MAC)
		return len(m) == 12 && hexDigits(pw) == m[6:]
	}
	return false
}

// IsKnownDefault reports whether pw is an exact factory-default password
// of any vendor in the database (ignoring user and model).
func (db *DefaultDB) IsKnownDefault(pw netdevsec.Secret) bool {
	for _, d := range db.entries {
		if d.Pattern == PatternExact && d.Password.Reveal() == pw.Reveal() {
			return true
		}
	}
	return false
}
