package hylafax

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// HostEntry is one line of hosts.hfaxd: "client:uid:passwd:adminwd".
type HostEntry struct {
	// Pattern is the client regular expression as written, without "!".
	Pattern string
	// Deny: the line starts with "!" and refuses matching clients.
	Deny bool
	// Anchored: the pattern cannot match more than intended. A pattern
	// without "@" is anchored by hfaxd itself ("^.*@client$"); one with
	// "@" must start with "^" and end with "$".
	Anchored bool
	// UID is the numeric user ID, -1 when not given.
	UID int
	// Password and AdminPassword are the crypt(3) hashes; empty means no
	// password is demanded (Password) or no admin rights (AdminPassword).
	Password, AdminPassword netdevsec.Secret
	Location                netdevsec.Location
}

// Hosts is a parsed hosts.hfaxd.
type Hosts struct {
	Name     string
	Entries  []HostEntry
	Unparsed []Unparsed
}

// ParseHosts reads hosts.hfaxd (hosts.hfaxd(5)). Comments start with
// "#". A line whose pattern is not a valid regular expression, or whose
// uid is not a number in [0, 60002], goes to Unparsed (without its text,
// which may hold a password hash).
func ParseHosts(r io.Reader, name string) (*Hosts, error) {
	h := &Hosts{Name: name}
	err := eachLine(r, MaxLineBytes, MaxFileBytes, func(n int, raw []byte, tooLong bool) bool {
		loc := netdevsec.Location{File: name, Line: n}
		if tooLong {
			h.Unparsed = append(h.Unparsed, Unparsed{loc, fmt.Sprintf("line longer than %d bytes", MaxLineBytes)})
			return true
		}
		line := string(raw)
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			return true
		}
		f := strings.Split(line, ":")
		if len(f) > 4 {
			h.Unparsed = append(h.Unparsed, Unparsed{loc, fmt.Sprintf("%d fields, at most 4 (client:uid:passwd:adminwd)", len(f))})
			return true
		}
		e := HostEntry{Pattern: f[0], UID: -1, Location: loc}
		if strings.HasPrefix(e.Pattern, "!") {
			e.Deny = true
			e.Pattern = e.Pattern[1:]
		}
		if e.Pattern == "" {
			h.Unparsed = append(h.Unparsed, Unparsed{loc, "empty client pattern"})
			return true
		}
		if _, err := regexp.CompilePOSIX(e.Pattern); err != nil {
			h.Unparsed = append(h.Unparsed, Unparsed{loc, "client pattern is not a valid regular expression"})
			return true
		}
		if len(f) > 1 && f[1] != "" {
			uid, err := strconv.Atoi(f[1])
			if err != nil || uid < 0 || uid > 60002 {
				h.Unparsed = append(h.Unparsed, Unparsed{loc, "uid is not a number in [0, 60002]"})
				return true
			}
			e.UID = uid
		}
		if len(f) > 2 {
			e.Password = netdevsec.NewSecret(f[2])
		}
		if len(f) > 3 {
			e.AdminPassword = netdevsec.NewSecret(f[3])
		}
		e.Anchored = patternAnchored(e.Pattern)
		h.Entries = append(h.Entries, e)
		return true
	})
	if err != nil {
		return h, fmt.Errorf("%s: %w", name, err)
	}
	return h, nil
}

func patternAnchored(p string) bool {
	if !strings.Contains(p, "@") {
		return true // hfaxd rewrites it to ^.*@p$
	}
	return strings.HasPrefix(p, "^") && strings.HasSuffix(p, "$") && !strings.HasSuffix(p, "\\$")
}
