package password

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// Limits of [ScanConfig] on untrusted config text.
const (
	// MaxConfigSize bounds the config text read (16 MiB).
	MaxConfigSize = 16 << 20
	// MaxConfigLine bounds one line (64 KiB); longer lines are skipped
	// and reported.
	MaxConfigLine = 64 << 10
)

// ErrConfigTooLarge is returned when a config exceeds MaxConfigSize.
var ErrConfigTooLarge = errors.New("config too large")

// ConfigSecret is one secret found in config text. It carries the
// credential (plaintext when the config reveals it, the hash when it
// stores one) but no string field ever holds the value.
type ConfigSecret struct {
	// Location is the file and line.
	Location netdevsec.Location
	// Form names the syntax ("cisco-enable-password",
	// "yamaha-login-password", "asterisk-sip-secret" …).
	Form string
	// Type is the vendor's storage type where it has one (Cisco "0",
	// "5", "7", "8", "9"; Yamaha "encrypted").
	Type string
	// Credential is what the line configures.
	Credential Credential
}

// ConfigScan is the result of [ScanConfig].
type ConfigScan struct {
	// Secrets are the secrets found, in line order.
	Secrets []ConfigSecret
	// PasswordEncryption is, for a Cisco IOS config, whether
	// "service password-encryption" is on; nil for other configs.
	PasswordEncryption *bool
	// Errors are lines that could not be read (too long); the rest of
	// the file was still scanned.
	Errors []error
}

// Credentials returns the credentials of every secret found.
func (s *ConfigScan) Credentials() []Credential {
	out := make([]Credential, 0, len(s.Secrets))
	for _, c := range s.Secrets {
		out = append(out, c.Credential)
	}
	return out
}

type scanner struct {
	name      string
	base      string
	out       *ConfigScan
	section   string // INI [section], UCI "config type", wpa "network"
	sectName  string // UCI section name / INI section name
	ciscoLine string // "vty", "con", "aux" inside a Cisco line block
	cisco     bool
	pe        *bool
	secStart  int // index in out.Secrets where the current INI section starts
}

// ScanConfig finds secrets in config text: Cisco IOS (enable
// password/secret, username, line passwords, SNMP communities, keys,
// Wi-Fi PSKs, service password-encryption), Yamaha RTX (login and
// administrator passwords, login user, SNMP communities, PPP and IKE
// keys), Asterisk sip.conf/iax.conf/pjsip.conf/manager.conf secrets and
// voicemail.conf PINs, OpenWrt UCI (wireless key, password, community),
// hostapd, wpa_supplicant, net-snmp and generic key=value files. name is
// the file name used in locations (and to tell manager.conf from
// sip.conf). Reading stops at [MaxConfigSize]; over-long lines are
// skipped and listed in Errors.
func ScanConfig(name string, r io.Reader) (*ConfigScan, error) {
	s := &scanner{name: name, base: strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/"))), out: &ConfigScan{}}
	lr := &io.LimitedReader{R: r, N: MaxConfigSize + 1}
	br := bufio.NewReaderSize(lr, 64<<10)
	for line := 1; ; line++ {
		text, long, err := readConfigLine(br)
		if long {
			s.out.Errors = append(s.out.Errors, fmt.Errorf("%s:%d: line longer than %d bytes skipped", name, line, MaxConfigLine))
		} else if text != "" {
			s.line(line, text)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return s.out, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if lr.N <= 0 {
		return s.out, fmt.Errorf("%s: larger than %d bytes: %w", name, MaxConfigSize, ErrConfigTooLarge)
	}
	if s.cisco {
		pe := s.pe != nil && *s.pe
		s.out.PasswordEncryption = &pe
	}
	return s.out, nil
}

func readConfigLine(br *bufio.Reader) (string, bool, error) {
	var buf []byte
	long := false
	for {
		frag, err := br.ReadSlice('\n')
		if !long {
			if len(buf)+len(frag) > MaxConfigLine+2 {
				long, buf = true, nil
			} else {
				buf = append(buf, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return strings.TrimRight(string(buf), "\r\n"), long, err
	}
}

func (s *scanner) add(line int, form, typ string, c Credential) {
	c.Location = &netdevsec.Location{File: s.name, Line: line}
	if c.Name == "" {
		c.Name = form
	}
	s.out.Secrets = append(s.out.Secrets, ConfigSecret{Location: *c.Location, Form: form, Type: typ, Credential: c})
}

var (
	iniSection  = regexp.MustCompile(`^\[([^\]]+)\]`)
	uciConfig   = regexp.MustCompile(`^config\s+(\S+)(?:\s+'?"?([^'"]*)'?"?)?$`)
	uciOption   = regexp.MustCompile(`^option\s+(\S+)\s+(.*)$`)
	kvLine      = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$`)
	vmLine      = regexp.MustCompile(`^(\d+)\s*=>\s*([^,]*)`)
	ciscoMarker = regexp.MustCompile(`^(hostname \S+$|interface [A-Z]\S*$|version \d+\.\d+$|line (vty|con|aux) |service (timestamps|password-encryption))`)
	hex64       = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
)

func unquote(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}

func masked(v string) bool { return v != "" && strings.Trim(v, "*") == "" }

func (s *scanner) line(n int, raw string) {
	t := strings.TrimSpace(raw)
	if t == "" || t[0] == '!' || t[0] == '#' || t[0] == ';' {
		return
	}
	if (t[0] == 'h' || t[0] == 'i' || t[0] == 'v' || t[0] == 'l' || t[0] == 's') && ciscoMarker.MatchString(t) {
		s.cisco = true
	}
	if raw[0] != ' ' && raw[0] != '\t' && !strings.HasPrefix(t, "password") {
		s.ciscoLine = ""
	}
	f := strings.Fields(t)
	if s.ciscoOrYamaha(n, t, f) {
		return
	}
	if t[0] == '[' {
		if m := iniSection.FindStringSubmatch(t); m != nil {
			s.section, s.sectName, s.secStart = "ini", m[1], len(s.out.Secrets)
		}
		return
	}
	if !strings.HasPrefix(t, "config") && !strings.HasPrefix(t, "option") && !strings.Contains(t, "=") {
		s.netSNMP(n, f)
		return
	}
	if m := uciConfig.FindStringSubmatch(t); m != nil {
		s.section, s.sectName, s.secStart = "uci:"+m[1], m[2], len(s.out.Secrets)
		return
	}
	if strings.HasPrefix(t, "network={") || strings.HasPrefix(t, "network =") {
		s.section, s.sectName = "wpa", ""
		return
	}
	if m := uciOption.FindStringSubmatch(t); m != nil {
		s.uci(n, m[1], unquote(m[2]))
		return
	}
	if m := vmLine.FindStringSubmatch(t); m != nil && s.section == "ini" {
		pin := strings.TrimPrefix(strings.TrimSpace(m[2]), "-")
		s.add(n, "asterisk-voicemail-pin", "", Credential{Name: "voicemail " + m[1], Kind: KindPIN, User: m[1], Extension: m[1], Secret: netdevsec.NewSecret(pin), Storage: StoragePlaintext})
		return
	}
	if m := kvLine.FindStringSubmatch(t); m != nil {
		s.keyValue(n, strings.ToLower(m[1]), m[2])
		return
	}
	s.netSNMP(n, f)
}

// ciscoOrYamaha handles the word-oriented syntaxes.
func (s *scanner) ciscoOrYamaha(n int, t string, f []string) bool {
	if len(f) < 2 {
		return false
	}
	rest := func(i int) string {
		// The value is the rest of the line from field i, spaces included.
		if i >= len(f) {
			return ""
		}
		off := 0
		for k := 0; k < i; k++ {
			off += strings.Index(t[off:], f[k]) + len(f[k])
		}
		return strings.TrimSpace(t[off:])
	}
	isType := func(w string) bool { return len(w) == 1 && strings.Contains("045789", w) }
	switch {
	case f[0] == "service" && f[1] == "password-encryption":
		v := true
		s.pe, s.cisco = &v, true
		return true
	case f[0] == "no" && len(f) >= 3 && f[1] == "service" && f[2] == "password-encryption":
		v := false
		s.pe, s.cisco = &v, true
		return true
	case f[0] == "line" && len(f) >= 2 && (f[1] == "vty" || f[1] == "con" || f[1] == "console" || f[1] == "aux"):
		s.ciscoLine, s.cisco = f[1], true
		return true
	case f[0] == "enable" && (f[1] == "password" || f[1] == "secret" || f[1] == "algorithm-type"):
		s.cisco = true
		i, kw, typ := 1, f[1], ""
		if kw == "algorithm-type" && len(f) >= 4 {
			typ = map[string]string{"md5": "5", "sha256": "8", "scrypt": "9"}[f[2]]
			i, kw = 3, f[3]
			if kw != "secret" && kw != "password" {
				// Malformed ("enable algorithm-type scrypt PW"): the word
				// after the algorithm is the value, never a name to print.
				i, kw = 2, "secret"
			}
		}
		i++
		if i+1 < len(f) && f[i] == "level" {
			i += 2
		}
		if typ == "" && i+1 < len(f) && isType(f[i]) {
			typ = f[i]
			i++
		}
		s.ciscoSecret(n, "cisco-enable-"+kw, kw, typ, rest(i), Credential{Name: "enable " + kw, Kind: KindEnable})
		return true
	case f[0] == "username" && len(f) >= 3:
		s.cisco = true
		user := f[1]
		typ := ""
		for i := 2; i < len(f); i++ {
			switch f[i] {
			case "nopassword":
				s.add(n, "cisco-username-nopassword", "", Credential{Name: "username " + user, Kind: KindLogin, User: user, Storage: StoragePlaintext, Empty: true})
				return true
			case "algorithm-type":
				if i+1 < len(f) {
					typ = map[string]string{"md5": "5", "sha256": "8", "scrypt": "9"}[f[i+1]]
				}
			case "password", "secret":
				j := i + 1
				if typ == "" && j+1 < len(f) && isType(f[j]) {
					typ = f[j]
					j++
				}
				s.ciscoSecret(n, "cisco-username-"+f[i], f[i], typ, rest(j), Credential{Name: "username " + user, Kind: KindLogin, User: user})
				return true
			}
		}
		return true
	case f[0] == "password" && s.ciscoLine != "":
		typ, i := "", 1
		if len(f) > 2 && isType(f[1]) {
			typ, i = f[1], 2
		}
		s.ciscoSecret(n, "cisco-line-password", "password", typ, rest(i), Credential{Name: "line " + s.ciscoLine, Kind: KindLogin})
		return true
	case f[0] == "snmp-server" && f[1] == "community" && len(f) >= 3:
		s.cisco = true
		access := "ro"
		for _, w := range f[3:] {
			if strings.EqualFold(w, "RW") {
				access = "rw"
			}
		}
		s.add(n, "cisco-snmp-community", "", Credential{Name: "snmp community", Kind: KindSNMPCommunity, Secret: netdevsec.NewSecret(f[2]), Storage: StoragePlaintext, Access: access})
		return true
	case f[0] == "wpa-psk" && f[1] == "ascii" && len(f) >= 3:
		typ, i := "", 2
		if len(f) > 3 && isType(f[2]) {
			typ, i = f[2], 3
		}
		s.ciscoSecret(n, "cisco-wpa-psk", "password", typ, rest(i), Credential{Name: "wpa-psk", Kind: KindWiFiPSK})
		return true
	case (f[0] == "tacacs-server" || f[0] == "radius-server") && f[1] == "key" && len(f) >= 3,
		f[0] == "key-string" || (f[0] == "key" && len(f) >= 3 && isType(f[1])):
		i := 1
		if f[0] != "key-string" && f[0] != "key" {
			i = 2
		}
		typ := ""
		if i+1 < len(f) && isType(f[i]) {
			typ = f[i]
			i++
		}
		s.ciscoSecret(n, "cisco-key", "password", typ, rest(i), Credential{Name: f[0], Kind: KindOther})
		return true
	case f[0] == "ip" && len(f) >= 5 && f[1] == "ospf" && f[2] == "message-digest-key" && f[4] == "md5":
		i, typ := 5, ""
		if i+1 < len(f) && isType(f[i]) {
			typ = f[i]
			i++
		}
		s.ciscoSecret(n, "cisco-ospf-key", "password", typ, rest(i), Credential{Name: "ospf message-digest-key", Kind: KindOther})
		return true
	// Yamaha RTX / NVR / FWX.
	case f[0] == "login" && f[1] == "password" && len(f) >= 3:
		s.yamahaPassword(n, "yamaha-login-password", f[2:], Credential{Name: "login password", Kind: KindLogin})
		return true
	case f[0] == "administrator" && f[1] == "password" && len(f) >= 3:
		s.yamahaPassword(n, "yamaha-administrator-password", f[2:], Credential{Name: "administrator password", Kind: KindEnable, User: "administrator"})
		return true
	case f[0] == "login" && f[1] == "user" && len(f) >= 4:
		s.yamahaPassword(n, "yamaha-login-user", f[3:], Credential{Name: "login user " + f[2], Kind: KindLogin, User: f[2]})
		return true
	case (f[0] == "snmp" || f[0] == "snmpv2c") && f[1] == "community" && len(f) >= 4 && (f[2] == "read-only" || f[2] == "read-write"):
		access := "ro"
		if f[2] == "read-write" {
			access = "rw"
		}
		s.add(n, "yamaha-snmp-community", "", Credential{Name: f[0] + " community", Kind: KindSNMPCommunity, Secret: netdevsec.NewSecret(f[3]), Storage: StoragePlaintext, Access: access})
		return true
	case f[0] == "pp" && f[1] == "auth" && len(f) >= 5 && (f[2] == "myname" || f[2] == "username"):
		s.add(n, "yamaha-pp-auth", "", Credential{Name: "pp auth " + f[2], Kind: KindOther, User: f[3], Secret: netdevsec.NewSecret(f[4]), Storage: StoragePlaintext})
		return true
	case f[0] == "ipsec" && len(f) >= 6 && f[1] == "ike" && f[2] == "pre-shared-key" && f[4] == "text":
		s.add(n, "yamaha-ike-psk", "", Credential{Name: "ipsec ike pre-shared-key " + f[3], Kind: KindOther, Secret: netdevsec.NewSecret(rest(5)), Storage: StoragePlaintext})
		return true
	}
	return false
}

func (s *scanner) yamahaPassword(n int, form string, f []string, c Credential) {
	if f[0] == "encrypted" {
		if len(f) >= 2 {
			c.Hash, c.Storage = netdevsec.NewSecret(f[1]), StorageStrongHash
			s.add(n, form, "encrypted", c)
		}
		return
	}
	if masked(f[0]) {
		return
	}
	c.Secret, c.Storage = netdevsec.NewSecret(strings.Join(f, " ")), StoragePlaintext
	s.add(n, form, "", c)
}

// ciscoSecret records a Cisco password/secret of type typ ("" = none).
func (s *scanner) ciscoSecret(n int, form, kw, typ, value string, c Credential) {
	if value == "" || masked(value) {
		return
	}
	switch typ {
	case "", "0":
		c.Secret, c.Storage = netdevsec.NewSecret(value), StoragePlaintext
	case "7":
		pw, err := DecodeType7(value)
		if err != nil {
			s.out.Errors = append(s.out.Errors, fmt.Errorf("%s:%d: %s: %w", s.name, n, form, err))
			c.Hash = netdevsec.NewSecret(value)
		} else {
			c.Secret = pw
		}
		c.Storage = StorageReversible
	case "4", "5":
		c.Hash, c.Storage = netdevsec.NewSecret(value), StorageWeakHash
	case "8", "9":
		c.Hash, c.Storage = netdevsec.NewSecret(value), StorageStrongHash
	}
	if kw == "secret" && typ == "" {
		// "enable secret X" typed in a config file: IOS hashes it on
		// load, but the file itself holds the plaintext.
		typ = "0"
	}
	s.add(n, form, typ, c)
}

func (s *scanner) uci(n int, opt, v string) {
	if v == "" || masked(v) {
		return
	}
	switch {
	case strings.HasPrefix(s.section, "uci:wifi-iface") && (opt == "key" || opt == "sae_password" || strings.HasPrefix(opt, "key") && len(opt) == 4):
		if opt == "key" && len(v) == 1 && v >= "1" && v <= "4" {
			return // WEP key index
		}
		c := Credential{Name: "wifi-iface " + s.sectName + " " + opt, Kind: KindWiFiPSK, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext}
		s.add(n, "uci-wifi-key", "", c)
	case opt == "password" || opt == "passwd" || opt == "auth_secret" || opt == "secret" || opt == "acct_secret":
		s.add(n, "uci-"+opt, "", Credential{Name: strings.TrimPrefix(s.section, "uci:") + " " + s.sectName + " " + opt, Kind: KindOther, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext})
	case opt == "community":
		s.add(n, "uci-community", "", Credential{Name: "snmp community", Kind: KindSNMPCommunity, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext})
	}
}

func (s *scanner) keyValue(n int, k, raw string) {
	v := raw
	if i := strings.Index(v, " ;"); i >= 0 && s.section == "ini" { // Asterisk trailing comment
		v = v[:i]
	}
	v = unquote(v)
	if masked(v) {
		return
	}
	switch {
	case s.section == "ini" && (k == "secret" || k == "remotesecret"):
		if strings.Contains(s.base, "manager") {
			s.add(n, "asterisk-manager-secret", "", Credential{Name: "manager " + s.sectName, Kind: KindOther, User: s.sectName, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext})
			return
		}
		s.add(n, "asterisk-sip-secret", "", Credential{Name: "peer " + s.sectName, Kind: KindSIPSecret, User: s.sectName, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext, Empty: v == ""})
	case s.section == "ini" && k == "md5secret":
		s.add(n, "asterisk-md5secret", "", Credential{Name: "peer " + s.sectName, Kind: KindSIPSecret, User: s.sectName, Hash: netdevsec.NewSecret(v), Storage: StorageWeakHash})
	case s.section == "ini" && k == "md5_cred":
		s.add(n, "pjsip-md5-cred", "", Credential{Name: "auth " + s.sectName, Kind: KindSIPSecret, User: s.sectName, Hash: netdevsec.NewSecret(v), Storage: StorageWeakHash})
	case s.section == "ini" && k == "password":
		s.add(n, "pjsip-password", "", Credential{Name: "auth " + s.sectName, Kind: KindSIPSecret, User: s.sectName, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext})
	case s.section == "ini" && k == "username":
		for i := s.secStart; i < len(s.out.Secrets); i++ {
			if strings.HasPrefix(s.out.Secrets[i].Form, "pjsip-") {
				s.out.Secrets[i].Credential.User = v
			}
		}
	case k == "wpa_passphrase" || k == "sae_password":
		if v != "" {
			s.add(n, "hostapd-"+k, "", Credential{Name: k, Kind: KindWiFiPSK, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext})
		}
	case k == "wpa_psk" || k == "psk":
		if v == "" {
			return
		}
		form := "hostapd-wpa_psk"
		if s.section == "wpa" || k == "psk" {
			form = "wpa-supplicant-psk"
		}
		c := Credential{Name: k, Kind: KindWiFiPSK, Storage: StoragePlaintext}
		if hex64.MatchString(raw) {
			// A raw 256-bit PSK is password-equivalent but not a
			// guessable passphrase.
			c.Hash = netdevsec.NewSecret(v)
		} else {
			c.Secret = netdevsec.NewSecret(v)
		}
		s.add(n, form, "", c)
	case v != "" && (k == "password" || k == "passwd" || k == "pass" || k == "secret" || k == "admin_password" || k == "adminpassword" ||
		k == "admin_pass" || k == "root_password" || k == "login_password" || k == "auth_pass" || k == "shared_secret" || k == "pre_shared_key"):
		s.add(n, "generic-"+k, "", Credential{Name: k, Kind: KindOther, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext})
	case v != "" && (k == "community" || k == "rocommunity" || k == "rwcommunity" || k == "snmp_community"):
		access := "ro"
		if strings.HasPrefix(k, "rw") {
			access = "rw"
		}
		s.add(n, "generic-"+k, "", Credential{Name: k, Kind: KindSNMPCommunity, Secret: netdevsec.NewSecret(v), Storage: StoragePlaintext, Access: access})
	}
}

// netSNMP handles net-snmp snmpd.conf community lines.
func (s *scanner) netSNMP(n int, f []string) {
	if len(f) < 2 {
		return
	}
	switch f[0] {
	case "rocommunity", "rwcommunity", "rocommunity6", "rwcommunity6":
		access := "ro"
		if strings.HasPrefix(f[0], "rw") {
			access = "rw"
		}
		s.add(n, "net-snmp-"+f[0], "", Credential{Name: f[0], Kind: KindSNMPCommunity, Secret: netdevsec.NewSecret(f[1]), Storage: StoragePlaintext, Access: access})
	case "com2sec", "com2sec6":
		if len(f) >= 4 {
			s.add(n, "net-snmp-com2sec", "", Credential{Name: "com2sec " + f[1], Kind: KindSNMPCommunity, Secret: netdevsec.NewSecret(f[3]), Storage: StoragePlaintext})
		}
	}
}
