package version

import (
	"errors"
	"fmt"
	"strings"
)

// MaxLen bounds the length of a version string (bytes).
const MaxLen = 256

// Sentinel errors.
var (
	// ErrInvalid is wrapped by every parse error: the string is not a
	// version of the scheme.
	ErrInvalid = errors.New("invalid version")
	// ErrUnknownScheme is returned for a scheme name [Lookup] does not know.
	ErrUnknownScheme = errors.New("unknown version scheme")
)

// Version is a parsed version: its scheme, branch and normalised key.
// The zero Version is invalid ([Version.IsZero]).
type Version struct {
	raw    string
	key    string // branch key (key[:blen]) followed by the ordering key
	blen   uint16
	scheme Scheme
}

// Key tags. Their order is the ordering of token classes:
// tilde < pre-release < separator < zero/padding < caret < post-release
// < alpha segment < number.
const (
	tagTilde = 0x01
	tagPre   = 0x02
	tagSep   = 0x03
	tagZero  = 0x04 // also the padding every key is implicitly followed by
	tagCaret = 0x05
	tagPost  = 0x06
	tagAlpha = 0x07
	tagNum   = 0x08
	tagHigh  = 0xFF // deb: a number, above every non-digit byte
)

// Parse parses raw under scheme s. Surrounding white space is ignored.
func Parse(s Scheme, raw string) (Version, error) {
	if len(raw) > MaxLen {
		return Version{}, fmt.Errorf("%s version of %d bytes (limit %d): %w", s, len(raw), MaxLen, ErrInvalid)
	}
	// Most keys fit a small stack buffer; a long one is parsed again with
	// room for the worst case. Both buffers stay on the stack.
	var small [48]byte
	p := parser{buf: small[:]}
	v, err := p.parse(s, raw)
	if err == nil || !p.overflow {
		return v, err
	}
	var big [4 * MaxLen]byte
	p = parser{buf: big[:]}
	return p.parse(s, raw)
}

// MustParse is [Parse] that panics on error, for tests and constants.
func MustParse(s Scheme, raw string) Version {
	v, err := Parse(s, raw)
	if err != nil {
		panic(err)
	}
	return v
}

func (p *parser) parse(s Scheme, raw string) (Version, error) {
	in := strings.TrimSpace(raw)
	if in == "" {
		return Version{}, fmt.Errorf("empty %s version: %w", s, ErrInvalid)
	}
	if s <= 0 || int(s) >= len(schemes) {
		return Version{}, fmt.Errorf("scheme %d: %w", s, ErrUnknownScheme)
	}
	if err := p.dispatch(s, in); err != nil {
		return Version{}, fmt.Errorf("%s version %q: %w", s, raw, err)
	}
	p.pendingZ = 0 // trailing zeros are padding
	if p.overflow || p.blen > 0xFFFF {
		return Version{}, fmt.Errorf("%s version %q: key too long: %w", s, raw, ErrInvalid)
	}
	return Version{raw: raw, key: string(p.buf[:p.n]), blen: uint16(p.blen), scheme: s}, nil
}

// Raw returns the string the version was parsed from.
func (v Version) Raw() string { return v.raw }

// Scheme returns the version's scheme.
func (v Version) Scheme() Scheme { return v.scheme }

// IsZero reports whether v is the zero Version (not parsed).
func (v Version) IsZero() bool { return v.scheme == 0 }

// String returns the raw string.
func (v Version) String() string { return v.raw }

// Branch returns the name of the version's comparability domain: the IOS
// train "15.2M", the Junos release "21.4", the Yamaha series "15.02" … or
// "" for schemes that order all versions together.
func (v Version) Branch() string {
	if v.blen == 0 {
		return ""
	}
	var buf [4 * MaxLen]byte
	p := parser{buf: buf[:], wantName: true}
	_ = p.dispatch(v.scheme, strings.TrimSpace(v.raw))
	return p.name
}

// BranchKey returns the branch part of the key: equal for versions of the
// same branch. It is meant for indexes, not for display.
func (v Version) BranchKey() string { return v.key[:v.blen] }

// Compare orders a and b: -1, 0 or +1 with ok true when both are of the
// same scheme and branch; ok false (and 0) when they are incomparable.
// It does not allocate.
func Compare(a, b Version) (c int, ok bool) {
	if a.scheme != b.scheme || a.scheme == 0 || a.blen != b.blen {
		return 0, false
	}
	// One pass over both keys: the branch prefix must be equal, the
	// first difference after it decides.
	ak, bk := a.key, b.key
	n := min(len(ak), len(bk))
	ak, bk = ak[:n], bk[:n]
	i := 0
	for i < n && ak[i] == bk[i] {
		i++
	}
	if i < int(a.blen) {
		return 0, false
	}
	switch {
	case i < n:
		if ak[i] < bk[i] {
			return -1, true
		}
		return 1, true
	case len(a.key) == len(b.key):
		return 0, true
	case len(a.key) < len(b.key):
		return -tail(b.key[n:]), true
	}
	return tail(a.key[n:]), true
}

// Equal reports whether a and b are the same version of one branch
// (cosmetic differences aside).
func Equal(a, b Version) bool {
	c, ok := Compare(a, b)
	return ok && c == 0
}

// Less reports whether a sorts before b in the [TotalCompare] order.
func Less(a, b Version) bool { return TotalCompare(a, b) < 0 }

// TotalCompare is a total, deterministic order over all versions, for
// sorting: scheme, then branch, then version, then raw string. Within a
// branch it agrees with [Compare]; it says nothing about whether versions
// of different branches are older or newer.
func TotalCompare(a, b Version) int {
	if a.scheme != b.scheme {
		if a.scheme < b.scheme {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.key[:a.blen], b.key[:b.blen]); c != 0 {
		return c
	}
	if c := cmpKey(a.key[a.blen:], b.key[b.blen:]); c != 0 {
		return c
	}
	return strings.Compare(a.raw, b.raw)
}

// cmpKey compares two ordering keys as if each were followed by infinite
// padding (tagZero bytes).
func cmpKey(a, b string) int {
	n := min(len(a), len(b))
	x, y := a[:n], b[:n]
	for i := 0; i < len(x); i++ {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) == len(b):
		return 0
	case len(a) < len(b):
		return -tail(b[n:])
	}
	return tail(a[n:])
}

// tail compares the rest of a longer key against padding.
func tail(rest string) int {
	for i := 0; i < len(rest); i++ {
		switch c := rest[i]; {
		case c == tagZero:
			continue
		case c < tagZero:
			return -1
		default:
			return 1
		}
	}
	return 0
}

// parser builds a key in a fixed buffer so that parsing allocates only
// the final key string.
type parser struct {
	buf      []byte // the key, written by index (never appended), so the parser stays on the stack
	n        int
	overflow bool
	blen     int
	pendingZ int
	wantName bool
	name     string
}

func (p *parser) put(bs ...byte) {
	if p.n+len(bs) > len(p.buf) {
		p.overflow = true
		return
	}
	p.n += copy(p.buf[p.n:], bs)
}

func (p *parser) put1(b byte) {
	if p.n >= len(p.buf) {
		p.overflow = true
		return
	}
	p.buf[p.n] = b
	p.n++
}

func (p *parser) puts(s string) {
	if p.n+len(s) > len(p.buf) {
		p.overflow = true
		return
	}
	p.n += copy(p.buf[p.n:], s)
}

func (p *parser) flush() {
	for ; p.pendingZ > 0; p.pendingZ-- {
		p.put1(tagZero)
	}
}

// tok appends a bare tag.
func (p *parser) tok(tag byte) {
	p.flush()
	p.put1(tag)
}

// num appends a number token; zero is deferred padding.
func (p *parser) num(digits string) {
	digits = trimZeros(digits)
	if digits == "" {
		p.pendingZ++
		return
	}
	p.flush()
	p.put1(tagNum)
	p.appendDigits(digits)
}

// numTag appends a number with tag, zero included.
func (p *parser) numTag(tag byte, digits string) {
	p.flush()
	p.put1(tag)
	p.appendDigits(trimZeros(digits))
}

func (p *parser) appendDigits(d string) {
	if len(d) < 0xFF {
		p.put1(byte(len(d)))
	} else {
		n := len(d)
		p.put(0xFF, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	p.puts(d)
}

// word appends a word token: tag, lower-cased letters, NUL.
func (p *parser) word(tag byte, w string) {
	p.flush()
	p.put1(tag)
	for i := 0; i < len(w); i++ {
		p.put1(lower(w[i]))
	}
	p.put1(0)
}

// rawWord appends a word token without case folding.
func (p *parser) rawWord(tag byte, w string) {
	p.flush()
	p.put1(tag)
	p.puts(w)
	p.put1(0)
}

// endBranch marks the end of the branch key.
func (p *parser) endBranch() {
	p.flush()
	p.put1(tagSep)
	p.blen = p.n
}

// setName records the branch's display name when it is asked for.
func (p *parser) setName(parts ...string) {
	if p.wantName {
		p.name = strings.Join(parts, "")
	}
}

func trimZeros(d string) string {
	for len(d) > 0 && d[0] == '0' {
		d = d[1:]
	}
	return d
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// digits returns the leading run of digits of s and the rest.
func digits(s string) (string, string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

// letters returns the leading run of letters of s and the rest.
func letters(s string) (string, string) {
	i := 0
	for i < len(s) && isAlpha(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func invalid(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, ErrInvalid)...)
}

// cutPrefixFold removes prefix from s ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// Key returns the version's normalised key (branch included): two
// versions of one scheme with equal keys are [Equal]. It is meant for
// indexes and maps, not for display.
func (v Version) Key() string { return v.key }

// BranchesOrdered reports whether the branches of scheme s are themselves
// ordered (FortiOS 6.0 < 7.2, Junos 21.4 < 22.1, Asterisk 18 < 20,
// OpenWrt 22.03 < 23.05), so that an open-ended range bound in one branch
// also speaks about the others. IOS trains, IOS XE special builds, Yamaha
// series, ASUS lines, Yealink hardware prefixes and Zyxel model codes are
// not.
func BranchesOrdered(s Scheme) bool {
	switch s {
	case FortiOS, Junos, Asterisk, OpenWrt:
		return true
	}
	return false
}

// CompareBranches orders the branches of a and b by their keys: for
// schemes with [BranchesOrdered] it is the release order of the branches.
func CompareBranches(a, b Version) int {
	return cmpKey(a.key[:a.blen], b.key[:b.blen])
}
