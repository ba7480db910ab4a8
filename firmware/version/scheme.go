package version

import (
	"strings"
	"time"
)

// Scheme is a named version scheme. The zero Scheme is invalid.
type Scheme uint8

// Schemes. Vendor schemes are branch-aware (see the package doc).
const (
	Semver        Scheme = iota + 1 // SemVer 2.0 (lenient: "v" prefix, missing parts = 0)
	Intdot                          // vers "intdot": digits and dots
	Generic                         // libversion-like fallback
	RPM                             // rpmvercmp with epoch and release (Red Hat)
	Deb                             // dpkg ordering with epoch and revision (Debian)
	Lexicographic                   // vers "lexicographic": byte order
	Datetime                        // vers "datetime": RFC 3339 instants
	CiscoIOS                        // 15.2(4)M7: ordered within a train
	CiscoIOSXE                      // 17.9.4a: respins; special builds unordered
	Junos                           // 21.4R3-S5.4, 15.1X49-D200
	RouterOS                        // 7.13beta2 < 7.13rc1 < 7.13
	FortiOS                         // v7.2.4 build1396: ordered within a minor
	YamahaRev                       // Rev.15.02.30: ordered within a series
	Netgear                         // V1.0.11.128_10.2.112
	TPLink                          // 1.1.0 Build 20230103 rel.50981
	ASUS                            // 3.0.0.4.388_24198: ordered within 3.0.0.4.388
	OpenWrt                         // 23.05.2, 23.05.0-rc1, SNAPSHOT r12345
	Yealink                         // 84.86.0.75: ordered within the hardware prefix
	Grandstream                     // 1.0.19.31
	Asterisk                        // 18.20.0, 18.9-cert6
	NEC                             // Ver1.3.2, V2.5.3.0: ordered within a major
	Zyxel                           // V5.37(ABFV.1)C0: ordered within a model code
)

type schemeDef struct {
	name string
}

// schemes is indexed by Scheme. It is never modified.
var schemes = [...]schemeDef{
	{},
	Semver:        {"semver"},
	Intdot:        {"intdot"},
	Generic:       {"generic"},
	RPM:           {"rpm"},
	Deb:           {"deb"},
	Lexicographic: {"lexicographic"},
	Datetime:      {"datetime"},
	CiscoIOS:      {"cisco-ios"},
	CiscoIOSXE:    {"cisco-iosxe"},
	Junos:         {"junos"},
	RouterOS:      {"routeros"},
	FortiOS:       {"fortios"},
	YamahaRev:     {"yamaha-rev"},
	Netgear:       {"netgear"},
	TPLink:        {"tplink"},
	ASUS:          {"asus"},
	OpenWrt:       {"openwrt"},
	Yealink:       {"yealink"},
	Grandstream:   {"grandstream"},
	Asterisk:      {"asterisk"},
	NEC:           {"nec"},
	Zyxel:         {"zyxel"},
}

// dispatch calls the scheme's parser (a switch, not a table of funcs,
// so that the parser stays on the stack).
func (p *parser) dispatch(s Scheme, in string) error {
	switch s {
	case Semver:
		return parseSemver(p, in)
	case Intdot:
		return parseIntdot(p, in)
	case Generic:
		return parseGeneric(p, in)
	case RPM:
		return parseRPM(p, in)
	case Deb:
		return parseDeb(p, in)
	case Lexicographic:
		return parseLexicographic(p, in)
	case Datetime:
		return parseDatetime(p, in)
	case CiscoIOS:
		return parseCiscoIOS(p, in)
	case CiscoIOSXE:
		return parseCiscoIOSXE(p, in)
	case Junos:
		return parseJunos(p, in)
	case RouterOS:
		return parseRouterOS(p, in)
	case FortiOS:
		return parseFortiOS(p, in)
	case YamahaRev:
		return parseYamaha(p, in)
	case Netgear:
		return parseNetgear(p, in)
	case TPLink:
		return parseTPLink(p, in)
	case ASUS:
		return parseASUS(p, in)
	case OpenWrt:
		return parseOpenWrt(p, in)
	case Yealink:
		return parseYealink(p, in)
	case Grandstream:
		return parseIntdotV(p, in)
	case Asterisk:
		return parseAsterisk(p, in)
	case NEC:
		return parseNEC(p, in)
	case Zyxel:
		return parseZyxel(p, in)
	}
	return invalidScheme(s.String())
}

// Schemes returns every scheme, in order.
func Schemes() []Scheme {
	out := make([]Scheme, 0, len(schemes)-1)
	for i := 1; i < len(schemes); i++ {
		out = append(out, Scheme(i))
	}
	return out
}

// String returns the scheme's name ("cisco-iosxe").
func (s Scheme) String() string {
	if s <= 0 || int(s) >= len(schemes) {
		return "unknown"
	}
	return schemes[s].name
}

// MarshalText implements encoding.TextMarshaler.
func (s Scheme) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with [Lookup].
func (s *Scheme) UnmarshalText(b []byte) error {
	v, err := Lookup(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// aliases maps vers types, OSV ecosystems and common spellings to schemes.
func alias(name string) Scheme {
	switch name {
	case "semver", "npm", "golang", "go", "cargo", "crates.io", "hex", "nuget":
		return Semver
	case "intdot":
		return Intdot
	case "generic", "pypi", "openssl", "ecosystem", "libversion":
		return Generic
	case "rpm", "redhat", "red hat", "rhel", "fedora", "centos", "rocky", "almalinux", "suse", "opensuse":
		return RPM
	case "deb", "debian", "ubuntu", "dpkg":
		return Deb
	case "lexicographic":
		return Lexicographic
	case "datetime":
		return Datetime
	case "cisco-ios", "ios":
		return CiscoIOS
	case "cisco-iosxe", "cisco-ios-xe", "ios-xe", "iosxe", "ios_xe":
		return CiscoIOSXE
	case "junos", "juniper-junos":
		return Junos
	case "routeros", "mikrotik-routeros":
		return RouterOS
	case "fortios":
		return FortiOS
	case "yamaha-rev", "yamaha":
		return YamahaRev
	case "netgear":
		return Netgear
	case "tplink", "tp-link":
		return TPLink
	case "asus", "asuswrt":
		return ASUS
	case "openwrt":
		return OpenWrt
	case "yealink":
		return Yealink
	case "grandstream":
		return Grandstream
	case "asterisk":
		return Asterisk
	case "nec":
		return NEC
	case "zyxel":
		return Zyxel
	}
	return 0
}

// Lookup returns the scheme with the given name or alias: scheme names,
// vers types ("intdot", "npm", "pypi"…) and OSV ecosystems ("Debian:12"
// is Deb; the ":suffix" is ignored). It wraps [ErrUnknownScheme].
func Lookup(name string) (Scheme, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if i := strings.IndexByte(n, ':'); i >= 0 {
		n = n[:i]
	}
	if s := alias(n); s != 0 {
		return s, nil
	}
	return 0, invalidScheme(name)
}

func invalidScheme(name string) error {
	return &schemeError{name}
}

type schemeError struct{ name string }

func (e *schemeError) Error() string {
	return "version scheme " + quote(e.name) + ": unknown version scheme"
}
func (e *schemeError) Unwrap() error { return ErrUnknownScheme }

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// ForProduct returns the scheme of a vendor's product (inventory vendor
// and model, CPE vendor and product, CSAF vendor and product name), and
// whether the registry knows it; unknown products get [Generic].
func ForProduct(vendor, product string) (Scheme, bool) {
	var vb, pb [64]byte
	vn := appendNorm(vb[:0], vendor)
	p := appendNorm(pb[:0], product)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if bytesContains(p, s) {
				return true
			}
		}
		return false
	}
	switch v := string(vn); {
	case v == "cisco" || v == "ciscosystems":
		switch {
		case has("iosxe", "catalyst8", "catalyst9", "isr4", "asr1"):
			return CiscoIOSXE, true
		case has("ios", "isr8", "isr19", "catalyst2", "catalyst3"):
			return CiscoIOS, true
		}
	case v == "juniper", v == "junipernetworks":
		return Junos, true
	case v == "mikrotik":
		return RouterOS, true
	case v == "fortinet":
		if has("fortios", "fortigate", "fortiwifi") || len(p) == 0 {
			return FortiOS, true
		}
	case v == "yamaha", v == "ntteast", v == "nttwest":
		return YamahaRev, true
	case v == "netgear":
		return Netgear, true
	case v == "tplink":
		return TPLink, true
	case v == "asus", v == "asustek", v == "asustekcomputer":
		return ASUS, true
	case v == "openwrt":
		return OpenWrt, true
	case v == "yealink":
		return Yealink, true
	case v == "grandstream", v == "grandstreamnetworks":
		return Grandstream, true
	case v == "asterisk", v == "digium", v == "sangoma":
		return Asterisk, true
	case v == "nec":
		return NEC, true
	case v == "zyxel":
		return Zyxel, true
	}
	return Generic, false
}

func bytesContains(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}

// appendNorm appends s lower-cased, letters and digits only.
func appendNorm(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := lower(s[i])
		if 'a' <= c && c <= 'z' || isDigit(c) {
			dst = append(dst, c)
		}
	}
	return dst
}

// --- scheme parsers ---

// dotted encodes digits separated by sep bytes; it returns the rest of s
// at the first other byte, and how many numbers it read.
func dotted(p *parser, s string, seps string) (string, int) {
	n := 0
	for {
		d, rest := digits(s)
		if d == "" {
			return s, n
		}
		p.num(d)
		n++
		s = rest
		if len(s) < 2 || strings.IndexByte(seps, s[0]) < 0 || !isDigit(s[1]) {
			return s, n
		}
		s = s[1:]
	}
}

func parseIntdot(p *parser, s string) error {
	rest, n := dotted(p, s, ".")
	if n == 0 || rest != "" {
		return invalid("want digits and dots")
	}
	return nil
}

// parseIntdotV is intdot with an optional leading "v"/"V".
func parseIntdotV(p *parser, s string) error {
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	return parseIntdot(p, s)
}

func parseSemver(p *parser, s string) error {
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	core := s
	pre := ""
	if i := strings.IndexAny(s, "-+"); i >= 0 {
		core = s[:i]
		if s[i] == '-' {
			pre = s[i+1:]
			if j := strings.IndexByte(pre, '+'); j >= 0 {
				pre = pre[:j]
			}
			if pre == "" {
				return invalid("empty pre-release")
			}
		}
	}
	n := 0
	for core != "" {
		d, rest := digits(core)
		if d == "" || (rest != "" && (rest[0] != '.' || len(rest) == 1)) {
			return invalid("core must be numbers separated by dots")
		}
		if n < 3 { // extra components are build metadata
			p.num(d)
		}
		n++
		if rest != "" {
			rest = rest[1:]
		}
		core = rest
	}
	if n == 0 {
		return invalid("no major version")
	}
	if pre == "" {
		return nil
	}
	p.tok(tagPre)
	for pre != "" {
		id := pre
		if i := strings.IndexByte(pre, '.'); i >= 0 {
			id, pre = pre[:i], pre[i+1:]
			if pre == "" {
				return invalid("empty pre-release identifier")
			}
		} else {
			pre = ""
		}
		if id == "" {
			return invalid("empty pre-release identifier")
		}
		if d, rest := digits(id); rest == "" {
			p.numTag(tagPost, d) // numeric identifiers sort below alphanumeric ones
			continue
		}
		for i := 0; i < len(id); i++ {
			if c := id[i]; !isAlpha(c) && !isDigit(c) && c != '-' {
				return invalid("pre-release identifier %q", id)
			}
		}
		p.rawWord(tagAlpha, id)
	}
	return nil
}

// keyword classes of the generic scheme (libversion).
func classify(w string) byte {
	switch strings.ToLower(w) {
	case "post", "patch", "pl", "errata":
		return tagPost
	case "alpha", "beta", "rc", "pre", "dev", "a", "b":
		return tagPre
	}
	if len(w) > 3 && strings.EqualFold(w[:3], "pre") {
		return tagPre
	}
	if len(w) > 4 && strings.EqualFold(w[:4], "post") {
		return tagPost
	}
	return 0
}

func parseGeneric(p *parser, s string) error {
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') && isDigit(s[1]) {
		s = s[1:] // "V3.0.29" is 3.0.29
	}
	tokens := 0
	for s != "" {
		c := s[0]
		switch {
		case isDigit(c):
			d, rest := digits(s)
			p.num(d)
			tokens++
			s = rest
			// a letter right after a number, not followed by a digit, is a
			// post-release suffix: 1.0 < 1.0a < 1.0b < 1.1.
			if s != "" && isAlpha(s[0]) {
				w, r := letters(s)
				if r == "" || !isDigit(r[0]) {
					switch cls := classify(w); {
					case cls == 0 || (len(w) == 1 && cls == tagPre):
						p.word(tagPost, w) // 1.1.1ag < 1.1.1ah (OpenSSL)
					default:
						p.word(cls, w[:1])
					}
					s = r
				}
			}
		case isAlpha(c):
			w, rest := letters(s)
			cls := classify(w)
			if cls == 0 {
				cls = tagPre
			}
			p.word(cls, w[:1])
			tokens++
			s = rest
		case c < 0x20 || c == 0x7f:
			return invalid("control character")
		default:
			s = s[1:]
		}
	}
	if tokens == 0 {
		return invalid("no number or word")
	}
	return nil
}

func (p *parser) sep() {
	p.pendingZ = 0
	p.put1(tagSep)
}

func rpmPart(p *parser, s string) {
	for s != "" {
		c := s[0]
		switch {
		case c == '~':
			p.tok(tagTilde)
			s = s[1:]
		case c == '^':
			p.tok(tagCaret)
			s = s[1:]
		case isDigit(c):
			d, rest := digits(s)
			p.numTag(tagNum, d)
			s = rest
		case isAlpha(c):
			w, rest := letters(s)
			p.rawWord(tagAlpha, w)
			s = rest
		default:
			s = s[1:]
		}
	}
}

func parseRPM(p *parser, s string) error {
	epoch := "0"
	if i := strings.IndexByte(s, ':'); i >= 0 {
		epoch, s = s[:i], s[i+1:]
		if epoch == "" {
			epoch = "0"
		}
	}
	ver, rel, hasRel := s, "", false
	if i := strings.IndexByte(s, '-'); i >= 0 {
		ver, rel, hasRel = s[:i], s[i+1:], true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return invalid("control character")
		}
	}
	rpmPart(p, epoch)
	p.sep()
	rpmPart(p, ver)
	p.sep()
	if hasRel { // "1-" sorts after "1" (a release, even empty, is more)
		p.tok(tagPost)
	}
	rpmPart(p, rel)
	return nil
}

func debPart(p *parser, s string) error {
	for s != "" {
		i := 0
		for i < len(s) && !isDigit(s[i]) {
			i++
		}
		nd := s[:i]
		d, rest := digits(s[i:])
		s = rest
		d = trimZeros(d)
		if nd == "" && d == "" {
			p.pendingZ++
			continue
		}
		p.flush()
		for j := 0; j < len(nd); j++ {
			c := nd[j]
			switch {
			case c == '~':
				p.put1(tagTilde)
			case isAlpha(c):
				p.put1(c)
			case c < 0x20 || c >= 0x7f:
				return invalid("byte %#x", c)
			default:
				p.put1(c + 0x80)
			}
		}
		p.put1(tagZero)
		if d != "" {
			p.put1(tagHigh)
			p.appendDigits(d)
		}
	}
	return nil
}

func parseDeb(p *parser, s string) error {
	epoch := ""
	if i := strings.IndexByte(s, ':'); i >= 0 {
		epoch, s = s[:i], s[i+1:]
		if d, rest := digits(epoch); rest != "" || d == "" {
			return invalid("epoch %q is not a number", epoch)
		}
	}
	up, rev := s, ""
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		up, rev = s[:i], s[i+1:]
	}
	if up == "" {
		return invalid("empty upstream version")
	}
	p.numTag(tagNum, epoch)
	p.sep()
	if err := debPart(p, up); err != nil {
		return err
	}
	p.sep()
	return debPart(p, rev)
}

func parseLexicographic(p *parser, s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return invalid("control character")
		}
	}
	p.puts(s)
	return nil
}

func parseDatetime(p *parser, s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return invalid("not an RFC 3339 date-time")
	}
	t = t.UTC()
	sec := t.Unix() + 62135596800 // seconds since 0001-01-01
	if sec < 0 {
		return invalid("before year 1")
	}
	var b [20]byte
	p.numTag(tagNum, itoa(b[:0], uint64(sec)))
	p.num(itoa(b[:0], uint64(t.Nanosecond())))
	return nil
}

func itoa(b []byte, n uint64) string {
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(append(b, tmp[i:]...))
}

// expect consumes c from s.
func expect(s string, c byte) (string, bool) {
	if s != "" && s[0] == c {
		return s[1:], true
	}
	return s, false
}

// majMin reads "<digits>.<digits>".
func majMin(s string) (maj, min, rest string, err error) {
	maj, s = digits(s)
	s, ok := expect(s, '.')
	if maj == "" || !ok {
		return "", "", "", invalid("want <major>.<minor>")
	}
	min, s = digits(s)
	if min == "" {
		return "", "", "", invalid("want <major>.<minor>")
	}
	return maj, min, s, nil
}

// parseCiscoIOS: maj.min(maint[ltr])TRAIN[rebuild][ltr]; branch maj.min+TRAIN.
func parseCiscoIOS(p *parser, s string) error {
	if strings.IndexByte(s, '\\') >= 0 { // CPE escapes: 15.2\(5\)e
		s = strings.ReplaceAll(s, `\`, "")
	}
	maj, min, s, err := majMin(s)
	if err != nil {
		return err
	}
	s, ok := expect(s, '(')
	if !ok {
		return invalid("want (maintenance)")
	}
	maint, s := digits(s)
	mltr, s := letters(s)
	if s, ok = expect(s, ')'); !ok || maint == "" {
		return invalid("want (maintenance)")
	}
	train, s := letters(s)
	rebuild, s := digits(s)
	rltr, s := letters(s)
	if s != "" {
		return invalid("unexpected %q", s)
	}
	p.numTag(tagNum, maj)
	p.numTag(tagNum, min)
	p.word(tagAlpha, train)
	p.endBranch()
	p.setName(maj, ".", min, strings.ToUpper(train))
	p.num(maint)
	if mltr != "" {
		p.word(tagPost, mltr)
	}
	p.num(rebuild)
	if rltr != "" {
		p.word(tagPost, rltr)
	}
	return nil
}

// parseCiscoIOSXE: 17.9.4a (respin a–r), 16.12.1z1 / 17.11.99SW (special
// builds: each its own branch), 3.10.0cE (3.x with a train letter).
func parseCiscoIOSXE(p *parser, s string) error {
	maj, min, s, err := majMin(s)
	if err != nil {
		return err
	}
	s, ok := expect(s, '.')
	reb, s := digits(s)
	if !ok || reb == "" {
		return invalid("want <major>.<minor>.<rebuild>")
	}
	if trimZeros(maj) == "3" {
		respin := ""
		if s != "" && 'a' <= s[0] && s[0] <= 'z' {
			respin, s = s[:1], s[1:]
		}
		train, rest := letters(s)
		if rest != "" {
			return invalid("unexpected %q", rest)
		}
		p.numTag(tagNum, maj)
		p.numTag(tagNum, min)
		p.word(tagAlpha, train)
		p.endBranch()
		p.setName(maj, ".", min, strings.ToUpper(train))
		p.num(reb)
		if respin != "" {
			p.word(tagPost, respin)
		}
		return nil
	}
	for i := 0; i < len(s); i++ {
		if !isAlpha(s[i]) && !isDigit(s[i]) {
			return invalid("unexpected %q", s)
		}
	}
	p.numTag(tagNum, maj)
	p.numTag(tagNum, min)
	if len(s) == 1 && 'a' <= lower(s[0]) && lower(s[0]) <= 'r' || s == "" {
		p.endBranch()
		p.setName(maj, ".", min)
		p.num(reb)
		if s != "" {
			p.word(tagPost, s)
		}
		return nil
	}
	// Special build (s, t, w, x, y, z…, "SW"): not linearly ordered.
	p.numTag(tagNum, reb)
	p.word(tagAlpha, s)
	p.endBranch()
	p.setName(maj, ".", min, ".", reb, s)
	return nil
}

// parseJunos: 21.4R3-S5.4, 21.4R3-S5-EVO, 15.1X49-D200.
func parseJunos(p *parser, s string) error {
	maj, min, s, err := majMin(s)
	if err != nil {
		return err
	}
	if s == "" {
		// A bare release ("20.4", as NVD bounds write it) is the start
		// of its branch.
		p.numTag(tagNum, maj)
		p.numTag(tagNum, min)
		p.endBranch()
		p.setName(maj, ".", min)
		return nil
	}
	evo := false
	if rest, ok := cutSuffixFold(s, "-evo"); ok {
		s, evo = rest, true
	}
	if lower(s[0]) == 'x' {
		xn, rest := digits(s[1:])
		rest, ok := cutPrefixFold(rest, "-d")
		dn, rest := digits(rest)
		if xn == "" || !ok || dn == "" {
			return invalid("want <m>.<n>X<train>-D<n>")
		}
		build := ""
		if r, ok := expect(rest, '.'); ok {
			build, rest = digits(r)
		}
		if rest != "" {
			return invalid("unexpected %q", rest)
		}
		p.numTag(tagNum, maj)
		p.numTag(tagNum, min)
		p.word(tagAlpha, "x")
		p.numTag(tagNum, xn)
		if evo {
			p.word(tagAlpha, "evo")
		}
		p.endBranch()
		p.setName(maj, ".", min, "X", xn, evoName(evo))
		p.num(dn)
		p.num(build)
		return nil
	}
	typ := lower(s[0])
	if typ != 'r' && typ != 'b' && typ != 'i' && typ != 'a' && typ != 'f' {
		return invalid("release type %q", s[:1])
	}
	n, s := digits(s[1:])
	if n == "" {
		return invalid("want a release number after the type")
	}
	sn := ""
	if rest, ok := cutPrefixFold(s, "-s"); ok {
		sn, s = digits(rest)
		if sn == "" {
			return invalid("want a service release number after -S")
		}
	}
	build := ""
	if rest, ok := expect(s, '.'); ok {
		build, s = digits(rest)
	}
	if s != "" {
		return invalid("unexpected %q", s)
	}
	p.numTag(tagNum, maj)
	p.numTag(tagNum, min)
	if evo {
		p.word(tagAlpha, "evo")
	}
	p.endBranch()
	p.setName(maj, ".", min, evoName(evo))
	if typ == 'r' || typ == 'f' {
		p.word(tagPost, string(typ))
	} else {
		p.word(tagPre, string(typ))
	}
	p.num(n)
	p.num(sn)
	p.num(build)
	return nil
}

func evoName(evo bool) string {
	if evo {
		return "-EVO"
	}
	return ""
}

func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// preWord encodes a pre-release keyword and its number (rc1, beta2).
func preWord(p *parser, s string) (string, error) {
	w, rest := letters(s)
	switch strings.ToLower(w) {
	case "alpha", "beta", "rc", "pre", "dev":
	default:
		return s, invalid("unexpected %q", s)
	}
	n, rest := digits(rest)
	p.word(tagPre, w[:1])
	p.num(n)
	return rest, nil
}

// parseRouterOS: 6.48.6, 7.13beta2, 7.13rc1, "6.48.6 (long-term)".
func parseRouterOS(p *parser, s string) error {
	if i := strings.IndexAny(s, " ("); i >= 0 {
		s = s[:i]
	}
	s, n := dotted(p, s, ".")
	if n == 0 {
		return invalid("want dotted numbers")
	}
	if s != "" {
		rest, err := preWord(p, s)
		if err != nil {
			return err
		}
		if rest != "" {
			return invalid("unexpected %q", rest)
		}
	}
	return nil
}

// parseFortiOS: v7.2.4, "7.2.4 build1396", "v7.6.0,build3401,240724
// (GA.F)"; the build is metadata. Special-attribute builds ("(SA)", a
// four-digit patch such as v7.5.0107) are each their own branch.
func parseFortiOS(p *parser, s string) error {
	if r, ok := cutPrefixFold(s, "fortios"); ok {
		s = strings.TrimLeft(r, " ")
	}
	if s != "" && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	maj, min, s, err := majMin(s)
	if err != nil {
		return err
	}
	patch := ""
	if r, ok := expect(s, '.'); ok {
		patch, s = digits(r)
		if patch == "" {
			return invalid("want a patch number")
		}
	}
	if s != "" && s[0] != ' ' && s[0] != ',' && s[0] != '-' && s[0] != '(' {
		return invalid("unexpected %q", s)
	}
	sa := len(patch) >= 4 || strings.Contains(s, "(SA)") || strings.Contains(s, "SA)")
	p.numTag(tagNum, maj)
	p.numTag(tagNum, min)
	if sa {
		p.numTag(tagNum, patch)
		p.word(tagAlpha, "sa")
		p.endBranch()
		p.setName(maj, ".", min, ".", patch, "-SA")
		return nil
	}
	p.endBranch()
	p.setName(maj, ".", min)
	p.num(patch)
	return nil
}

// parseYamaha: Rev.15.02.30 or 15.02.30; branch 15.02.
func parseYamaha(p *parser, s string) error {
	if r, ok := cutPrefixFold(s, "rev."); ok {
		s = r
	} else if r, ok := cutPrefixFold(s, "rev"); ok {
		s = strings.TrimLeft(r, " ")
	}
	a, b, s, err := majMin(s)
	if err != nil {
		return err
	}
	s, ok := expect(s, '.')
	c, s := digits(s)
	if !ok || c == "" || s != "" {
		return invalid("want Rev.<series>.<branch>.<revision>")
	}
	p.numTag(tagNum, a)
	p.numTag(tagNum, b)
	p.endBranch()
	p.setName(a, ".", b)
	p.num(c)
	return nil
}

// parseNetgear: V1.0.11.128_10.2.112; the "_…" GUI/language part is
// metadata.
func parseNetgear(p *parser, s string) error {
	if s != "" && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	if i := strings.IndexByte(s, '_'); i >= 0 {
		s = s[:i]
	}
	return parseIntdot(p, s)
}

// parseTPLink: "1.1.0 Build 20230103 rel.50981"; build date and rel are
// metadata (advisories name x.y.z).
func parseTPLink(p *parser, s string) error {
	if s != "" && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	rest, n := dotted(p, s, ".")
	if n == 0 || (rest != "" && rest[0] != ' ' && rest[0] != '_') {
		return invalid("want x.y.z [Build …]")
	}
	return nil
}

// parseASUS: 3.0.0.4.388_24198 = 3.0.0.4.388.24198; branch = the first
// five numbers.
func parseASUS(p *parser, s string) error {
	orig := s
	n := 0
	for {
		d, rest := digits(s)
		if d == "" {
			return invalid("want dotted numbers")
		}
		if n < 5 {
			p.numTag(tagNum, d)
		} else {
			p.num(d)
		}
		n++
		if n == 5 {
			p.endBranch()
			p.setName(strings.ReplaceAll(orig[:len(orig)-len(rest)], "_", "."))
		}
		s = rest
		if s == "" {
			break
		}
		if s[0] != '.' && s[0] != '_' {
			return invalid("unexpected %q", s)
		}
		s = s[1:]
	}
	if n < 5 {
		p.endBranch()
	}
	return nil
}

// parseOpenWrt: 23.05.2, 23.05.0-rc1, SNAPSHOT r12345-abcdef.
func parseOpenWrt(p *parser, s string) error {
	if r, ok := cutPrefixFold(s, "openwrt"); ok {
		s = strings.TrimLeft(r, " ")
	}
	if r, ok := cutPrefixFold(s, "snapshot"); ok {
		s = strings.TrimLeft(r, " ")
		p.word(tagAlpha, "snapshot")
		p.endBranch()
		p.setName("SNAPSHOT")
		if s == "" {
			return nil
		}
	}
	if s != "" && (s[0] == 'r' || s[0] == 'R') && len(s) > 1 && isDigit(s[1]) {
		if p.blen == 0 {
			p.word(tagAlpha, "snapshot")
			p.endBranch()
			p.setName("SNAPSHOT")
		}
		d, rest := digits(s[1:])
		if rest != "" && rest[0] != '-' && rest[0] != '+' {
			return invalid("unexpected %q", rest)
		}
		p.num(d)
		return nil
	}
	if p.blen != 0 {
		return invalid("want SNAPSHOT r<revision>")
	}
	yy, mm, s, err := majMin(s)
	if err != nil {
		return err
	}
	p.numTag(tagNum, yy)
	p.numTag(tagNum, mm)
	p.endBranch()
	p.setName(yy, ".", mm)
	if r, ok := expect(s, '.'); ok {
		var patch string
		patch, s = digits(r)
		if patch == "" {
			return invalid("want a patch number")
		}
		p.num(patch)
	}
	if r, ok := expect(s, '-'); ok {
		rest, err := preWord(p, r)
		if err != nil {
			return err
		}
		s = rest
	}
	if s != "" {
		return invalid("unexpected %q", s)
	}
	return nil
}

// parseYealink: 84.86.0.75; branch = the hardware prefix 84.
func parseYealink(p *parser, s string) error {
	hw, rest := digits(s)
	rest, ok := expect(rest, '.')
	if hw == "" || !ok {
		return invalid("want <hw>.<major>.<minor>.<patch>")
	}
	p.numTag(tagNum, hw)
	p.endBranch()
	p.setName(hw)
	return parseIntdot(p, rest)
}

// parseAsterisk: 18.20.0, 21.0.0-rc1 (branch = major), 18.9-cert6 and
// certified/18.9-cert7 (branch = the certified line 18.9-cert).
func parseAsterisk(p *parser, s string) error {
	if r, ok := cutPrefixFold(s, "asterisk"); ok {
		s = strings.TrimLeft(r, " ")
	}
	if r, ok := cutPrefixFold(s, "certified"); ok && r != "" && (r[0] == '/' || r[0] == '-') {
		s = r[1:]
	}
	if i := indexFold(s, "-cert"); i >= 0 {
		maj, min, rest, err := majMin(s[:i])
		if err != nil || rest != "" {
			return invalid("want <major>.<minor>-cert<n>")
		}
		n, rest := digits(s[i+5:])
		if n == "" {
			return invalid("want a number after -cert")
		}
		p.numTag(tagNum, maj)
		p.numTag(tagNum, min)
		p.word(tagAlpha, "cert")
		p.endBranch()
		p.setName(maj, ".", min, "-cert")
		p.num(n)
		if r, ok := expect(rest, '-'); ok {
			if rest, err = preWord(p, r); err != nil {
				return err
			}
		}
		if rest != "" {
			return invalid("unexpected %q", rest)
		}
		return nil
	}
	maj, rest := digits(s)
	if maj == "" {
		return invalid("want <major>.<minor>.<patch>")
	}
	p.numTag(tagNum, maj)
	p.endBranch()
	p.setName(maj)
	if r, ok := expect(rest, '.'); ok {
		if rest, _ = dotted(p, r, "."); rest == r {
			return invalid("want <major>.<minor>.<patch>")
		}
	}
	if r, ok := expect(rest, '-'); ok {
		var err error
		if rest, err = preWord(p, r); err != nil {
			return err
		}
	}
	if rest != "" {
		return invalid("unexpected %q", rest)
	}
	return nil
}

// indexFold is strings.Index ignoring ASCII case (byte offsets of s).
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// parseNEC: Ver1.3.2, v5.6.0.20, V2.5.3.0; branch = the major number.
func parseNEC(p *parser, s string) error {
	if r, ok := cutPrefixFold(s, "ver"); ok {
		s = strings.TrimLeft(r, " .")
	} else if s != "" && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	maj, rest := digits(s)
	if maj == "" {
		return invalid("want dotted numbers")
	}
	p.numTag(tagNum, maj)
	p.endBranch()
	p.setName(maj)
	if rest == "" {
		return nil
	}
	r, ok := expect(rest, '.')
	if !ok {
		return invalid("unexpected %q", rest)
	}
	return parseIntdot(p, r)
}

// parseZyxel: V5.37(ABFV.1)C0, V5.37(ABFV.0)b3; branch = the model code.
func parseZyxel(p *parser, s string) error {
	if s != "" && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	maj, min, s, err := majMin(s)
	if err != nil {
		return err
	}
	s, ok := expect(s, '(')
	i := strings.IndexByte(s, '.')
	if !ok || i <= 0 {
		return invalid("want (<model code>.<patch>)")
	}
	code := s[:i]
	for j := 0; j < len(code); j++ {
		if !isAlpha(code[j]) && !isDigit(code[j]) {
			return invalid("model code %q", code)
		}
	}
	patch, s := digits(s[i+1:])
	if s, ok = expect(s, ')'); !ok || patch == "" {
		return invalid("want (<model code>.<patch>)")
	}
	p.word(tagAlpha, code)
	p.endBranch()
	p.setName(strings.ToUpper(code))
	p.num(maj)
	p.num(min)
	p.num(patch)
	if s == "" {
		return nil
	}
	switch lower(s[0]) {
	case 'c':
		n, rest := digits(s[1:])
		if n == "" || rest != "" {
			return invalid("unexpected %q", s)
		}
		p.num(n)
	case 'b':
		n, rest := digits(s[1:])
		if n == "" || rest != "" {
			return invalid("unexpected %q", s)
		}
		p.word(tagPre, "b")
		p.num(n)
	default:
		return invalid("unexpected %q", s)
	}
	return nil
}
