package hylafax

import (
	"fmt"
	"io"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// FileKind says which vocabulary a configuration file uses.
type FileKind int

// File kinds.
const (
	// KindServer is the scheduler's etc/config or a modem's
	// etc/config.<devid> (hylafax-config(5)).
	KindServer FileKind = iota
	// KindHfaxd is hfaxd.conf (hfaxd(8)).
	KindHfaxd
	// KindClient is hyla.conf, the client programs' configuration
	// (sendfax(1), faxstat(1) …). Its tags are not checked against a
	// vocabulary; only malformed lines are reported.
	KindClient
)

// Entry is one "Tag: value" setting.
type Entry struct {
	// Key is the tag as written.
	Key   string
	Value string
	// Location is the file and line it was read from.
	Location netdevsec.Location
}

// Unparsed is a line a parser did not understand.
type Unparsed struct {
	Location netdevsec.Location
	// Reason says what was wrong; it never holds a password.
	Reason string
}

// Config is one parsed configuration file. Tags are case-insensitive;
// the last setting of a tag wins, as in HylaFAX.
type Config struct {
	// Name is the file's name as given to the parser.
	Name     string
	Entries  []Entry
	Unparsed []Unparsed
}

// Get returns the last setting of key (case-insensitive).
func (c *Config) Get(key string) (Entry, bool) {
	if c == nil {
		return Entry{}, false
	}
	for i := len(c.Entries) - 1; i >= 0; i-- {
		if strings.EqualFold(c.Entries[i].Key, key) {
			return c.Entries[i], true
		}
	}
	return Entry{}, false
}

// ParseConfig reads a HylaFAX configuration file of kind from r. name is
// used in locations. Lines without a "Tag:" form, tags the kind does not
// know, and over-long lines go to Unparsed; the error is only for I/O or
// a file larger than [MaxFileBytes].
func ParseConfig(r io.Reader, name string, kind FileKind) (*Config, error) {
	c := &Config{Name: name}
	known := knownServerTag
	switch kind {
	case KindHfaxd:
		known = knownHfaxdTag
	case KindClient:
		known = func(string) bool { return true }
	}
	err := eachLine(r, MaxLineBytes, MaxFileBytes, func(n int, raw []byte, tooLong bool) bool {
		loc := netdevsec.Location{File: name, Line: n}
		if tooLong {
			c.Unparsed = append(c.Unparsed, Unparsed{loc, fmt.Sprintf("line longer than %d bytes", MaxLineBytes)})
			return true
		}
		line := stripComment(string(raw))
		if strings.TrimSpace(line) == "" {
			return true
		}
		key, rest, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t\"") {
			c.Unparsed = append(c.Unparsed, Unparsed{loc, "not a \"Tag: value\" line"})
			return true
		}
		val, err := parseValue(rest)
		if err != nil {
			c.Unparsed = append(c.Unparsed, Unparsed{loc, fmt.Sprintf("%s: %v", key, err)})
			return true
		}
		if !known(key) {
			c.Unparsed = append(c.Unparsed, Unparsed{loc, fmt.Sprintf("unknown tag %q", key)})
		}
		c.Entries = append(c.Entries, Entry{Key: key, Value: val, Location: loc})
		return true
	})
	if err != nil {
		return c, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// stripComment removes a "#" comment that is not inside quotes.
func stripComment(s string) string {
	inQ, esc := false, false
	for i, r := range s {
		switch {
		case esc:
			esc = false
		case r == '\\' && inQ:
			esc = true
		case r == '"':
			inQ = !inQ
		case r == '#' && !inQ:
			return s[:i]
		}
	}
	return s
}

// parseValue returns the value after the colon: a quoted string with C
// escapes, or the rest of the line without surrounding white space (as
// HylaFAX reads "ModemModelQueryCmd: !SatisFAXtion 400e").
func parseValue(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "\"") {
		return s, nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			if strings.TrimSpace(s[i+1:]) != "" {
				return "", fmt.Errorf("text after the closing quote")
			}
			return b.String(), nil
		case c == '\\' && i+1 < len(s):
			i++
			switch e := s[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := 0
				j := i
				for ; j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7'; j++ {
					v = v*8 + int(s[j]-'0')
				}
				b.WriteByte(byte(v))
				i = j - 1
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("unterminated quote")
}

// knownHfaxdTag reports the tags of hfaxd.conf (hfaxd(8), HylaFAX+ 7).
func knownHfaxdTag(k string) bool {
	switch strings.ToLower(k) {
	case "allowsortformat", "faxcontact", "filefmt", "filesortfmt", "idletimeout", "jobfmt", "jobsortfmt",
		"jobprotection", "killtimemap", "logfacility", "maxadminattempts", "maxconsecutivebadcmds",
		"maxidletimeout", "maxloginattempts", "maxmsglength", "modemfmt", "modemsortfmt", "pageridmapfile",
		"prioritymap", "publicjobq", "publicrecvq", "rcvfmt", "rcvsortfmt", "retrytimemap", "servertracing",
		"shutdownfile", "useraccessfile", "xferlogfile", "admingroup", "faxqfifoname", "include":
		return true
	}
	return false
}
