package router

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/password"
)

// Input limits of the importers: configs are untrusted text.
const (
	// MaxConfigSize is the largest configuration file read (8 MiB).
	MaxConfigSize = 8 << 20
	// MaxLineLength is the longest line interpreted (16 KiB); longer
	// lines are reported as unparsed.
	MaxLineLength = 16 << 10
	// MaxUnparsed bounds how many unparsed lines one import records; the
	// count goes on in a final entry.
	MaxUnparsed = 1000
)

// Vendors the importers handle, as inventory vendor names.
const (
	VendorCisco    = "cisco"
	VendorOpenWrt  = "openwrt"
	VendorMikroTik = "mikrotik"
	VendorYamaha   = "yamaha"
)

// Sentinel errors.
var (
	// ErrTooLarge is returned for input over the importers' limits.
	ErrTooLarge = errors.New("input too large")
	// ErrUnknownVendor is returned by [Import] for a vendor without an
	// importer; it wraps [netdevsec.ErrNotApplicable].
	ErrUnknownVendor = fmt.Errorf("no importer for this vendor: %w", netdevsec.ErrNotApplicable)
)

// File is one configuration file: its name (used in locations) and text.
type File struct {
	Name string
	Data []byte
}

// ReadConfig reads a configuration from r, at most [MaxConfigSize] bytes.
func ReadConfig(name string, r io.Reader) (File, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxConfigSize+1))
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", name, err)
	}
	if len(b) > MaxConfigSize {
		return File{}, fmt.Errorf("%s: larger than %d bytes: %w", name, MaxConfigSize, ErrTooLarge)
	}
	return File{Name: name, Data: b}, nil
}

// Import turns the configuration files of a router of vendor ("cisco",
// "openwrt", "mikrotik" or "yamaha", case-insensitive) into facts. Cisco,
// RouterOS and Yamaha take one file each (several are merged in order);
// OpenWrt takes the files of /etc/config (named by their base name) and
// optionally etc/shadow, or a sysupgrade backup (see [ReadOpenWrtBackup]).
//
// Import also runs password.ScanConfig over Cisco, Yamaha and OpenWrt
// files and adds the secrets it finds on lines the importer recorded none
// for, so that a secret on a line no importer understands still reaches
// the password rules; the vendor functions alone do not.
func Import(vendor string, files []File) (Facts, error) {
	var one func(File) (Facts, error)
	switch strings.ToLower(vendor) {
	case VendorCisco:
		one = ImportCiscoIOS
	case VendorMikroTik, "routeros":
		one = ImportRouterOS
	case VendorYamaha:
		one = ImportYamaha
	case VendorOpenWrt:
		f, err := ImportOpenWrt(files)
		if err == nil {
			scanSecrets(&f, files)
		}
		return f, err
	default:
		return Facts{}, fmt.Errorf("vendor %q: %w", vendor, ErrUnknownVendor)
	}
	var out Facts
	for i, f := range files {
		got, err := one(f)
		if err != nil {
			return Facts{}, err
		}
		if i == 0 {
			out = got
			continue
		}
		out = merge(out, got)
	}
	if one != nil && strings.ToLower(vendor) != VendorMikroTik && strings.ToLower(vendor) != "routeros" {
		scanSecrets(&out, files)
	}
	return out, nil
}

// scanSecrets runs package password's config-secret scanner over files
// and adds the secrets it finds on lines the importer recorded no
// credential for (typically lines it did not understand), so that a
// secret is never lost because its command is unknown.
func scanSecrets(f *Facts, files []File) {
	seen := map[netdevsec.Location]bool{}
	for _, c := range f.Credentials {
		if c.Location != nil {
			seen[*c.Location] = true
		}
	}
	for _, file := range files {
		base := path.Base(strings.ReplaceAll(file.Name, "\\", "/"))
		if base == "shadow" || base == "crontab" || strings.HasSuffix(file.Name, "crontabs/root") {
			continue
		}
		scan, err := password.ScanConfig(file.Name, bytes.NewReader(file.Data))
		if scan == nil {
			continue
		}
		_ = err // over-long lines and size errors are the importer's to report
		for _, c := range scan.Credentials() {
			if c.Location == nil || seen[*c.Location] {
				continue
			}
			seen[*c.Location] = true
			f.Credentials = append(f.Credentials, c)
		}
	}
}

// merge appends b's lists to a and takes b's scalars where a has none.
func merge(a, b Facts) Facts {
	a.Known = append(a.Known, b.Known...)
	a.Services = append(a.Services, b.Services...)
	a.Accounts = append(a.Accounts, b.Accounts...)
	a.Credentials = append(a.Credentials, b.Credentials...)
	a.DNS.Servers = append(a.DNS.Servers, b.DNS.Servers...)
	a.DNS.DHCPServers = append(a.DNS.DHCPServers, b.DNS.DHCPServers...)
	a.Forwards = append(a.Forwards, b.Forwards...)
	a.Proxies = append(a.Proxies, b.Proxies...)
	a.Scripts = append(a.Scripts, b.Scripts...)
	a.Routes = append(a.Routes, b.Routes...)
	a.Wireless = append(a.Wireless, b.Wireless...)
	a.Shares = append(a.Shares, b.Shares...)
	a.SNMP.Communities = append(a.SNMP.Communities, b.SNMP.Communities...)
	a.SNMP.Users = append(a.SNMP.Users, b.SNMP.Users...)
	a.Sources = append(a.Sources, b.Sources...)
	a.Unparsed = append(a.Unparsed, b.Unparsed...)
	if a.Model == "" {
		a.Model = b.Model
	}
	if a.Hostname == "" {
		a.Hostname = b.Hostname
	}
	if a.Firmware.Version == "" {
		a.Firmware = b.Firmware
	}
	if a.SSH == nil {
		a.SSH = b.SSH
	}
	if a.UPnP == nil {
		a.UPnP = b.UPnP
	}
	if a.SNMP.Enabled == nil {
		a.SNMP.Enabled = b.SNMP.Enabled
	}
	return a
}

// line is one logical line of a config file.
type line struct {
	n    int    // 1-based number of its first physical line
	text string // without the line ending
}

// splitLines splits data into lines, reporting over-long lines to p.
func splitLines(p *parser, data []byte) []line {
	var out []line
	n := 0
	for len(data) > 0 {
		n++
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		if len(raw) > MaxLineLength {
			p.unparsedReason(n, "", fmt.Sprintf("line longer than %d bytes", MaxLineLength))
			continue
		}
		s := strings.TrimRight(string(raw), "\r")
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		out = append(out, line{n: n, text: s})
	}
	return out
}

// parser collects facts and unparsed lines for one file.
type parser struct {
	file string
	f    *Facts
	// dropped counts unparsed lines past MaxUnparsed.
	dropped int
}

func newParser(name string, f *Facts) *parser {
	f.Sources = append(f.Sources, name)
	return &parser{file: name, f: f}
}

func (p *parser) loc(n int) *netdevsec.Location {
	return &netdevsec.Location{File: p.file, Line: n}
}

func (p *parser) unparsed(n int, text string) { p.unparsedReason(n, text, "") }

func (p *parser) unparsedReason(n int, text, reason string) {
	if len(p.f.Unparsed) >= MaxUnparsed {
		p.dropped++
		return
	}
	p.f.Unparsed = append(p.f.Unparsed, Unparsed{Location: netdevsec.Location{File: p.file, Line: n}, Words: SafeWords(text), Reason: reason})
}

func (p *parser) finish() {
	if p.dropped > 0 {
		p.f.Unparsed = append(p.f.Unparsed, Unparsed{Location: netdevsec.Location{File: p.file}, Reason: fmt.Sprintf("%d more unparsed lines not listed", p.dropped)})
	}
}

// secretWords are words after which a config line may carry a secret.
var secretWords = []string{"pass", "secret", "key", "community", "psk", "auth", "pre-shared", "encrypted", "hash", "pin", "name=", "token", "cred", "private"}

// SafeWords returns the first words of a config line (at most three, each
// at most 32 bytes), stopping after a word that announces a secret, so
// that an unparsed line can be shown without its secret.
func SafeWords(text string) string {
	var out []string
	for _, w := range strings.Fields(text) {
		if len(out) == 3 {
			out = append(out, "…")
			break
		}
		lw := strings.ToLower(w)
		secret := false
		for _, s := range secretWords {
			if strings.Contains(lw, s) {
				secret = true
			}
		}
		if secret {
			if i := strings.IndexByte(w, '='); i >= 0 {
				w = w[:i+1] + "…"
			}
			if len(w) > 32 {
				w = w[:32] + "…"
			}
			out = append(out, w, "…")
			break
		}
		if len(w) > 32 {
			w = w[:32] + "…"
		}
		out = append(out, w)
	}
	return strings.ToValidUTF8(strings.Join(out, " "), "")
}

// defaultCommunities are SNMP communities scanners try first (nmap
// snmpcommunities.lst, onesixtyone dict.txt; public lists).
var defaultCommunities = []string{"public", "private", "community", "snmp", "snmpd", "mngt", "admin", "cisco", "secret", "write", "read", "monitor", "manager", "default", "test", "ilmi", "all", "router", "system"}

// DefaultCommunity reports whether name is a well-known SNMP community.
func DefaultCommunity(name string) bool {
	l := strings.ToLower(name)
	for _, d := range defaultCommunities {
		if l == d {
			return true
		}
	}
	return false
}

// addCommunity records an SNMP community both as facts and as a
// credential for package password.
func (p *parser) addCommunity(n int, name string, write bool, acl string, versions ...string) {
	loc := p.loc(n)
	p.f.SNMP.Communities = append(p.f.SNMP.Communities, Community{
		Name: netdevsec.NewSecret(name), Write: write, ACL: acl, Versions: versions,
		Default: DefaultCommunity(name), Source: "config", Location: loc,
	})
	access := "ro"
	if write {
		access = "rw"
	}
	p.f.Credentials = append(p.f.Credentials, password.Credential{
		Name: "snmp community", Kind: password.KindSNMPCommunity, Secret: netdevsec.NewSecret(name),
		Storage: password.StoragePlaintext, Location: loc, Access: access,
	})
}

// addCredential records a credential found in the config.
func (p *parser) addCredential(n int, c password.Credential) {
	c.Location = p.loc(n)
	p.f.Credentials = append(p.f.Credentials, c)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// wellKnownPorts maps service names used in configs to port numbers.
var wellKnownPorts = map[string]string{
	"ftp": "21", "ssh": "22", "telnet": "23", "smtp": "25", "domain": "53", "dns": "53", "www": "80", "http": "80",
	"pop3": "110", "ntp": "123", "snmp": "161", "https": "443", "smb": "445", "submission": "587", "imaps": "993",
	"rdp": "3389", "ms-rdp": "3389", "sip": "5060",
}

func portName(s string) string {
	if p, ok := wellKnownPorts[strings.ToLower(s)]; ok {
		return p
	}
	return s
}

// hasWordPrefix reports whether t is prefix or starts with prefix and a
// space.
func hasWordPrefix(t, prefix string) bool {
	return strings.HasPrefix(t, prefix) && (len(t) == len(prefix) || t[len(prefix)] == ' ')
}
