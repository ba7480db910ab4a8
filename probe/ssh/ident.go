package ssh

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
)

// Limits of the identification exchange (RFC 4253 §4.2): the version line
// is at most 255 characters including CR LF. Lines before it are not
// limited by the RFC; these bounds keep a hostile server from feeding an
// endless preamble.
const (
	maxIdentLen       = 255
	maxPreBannerLine  = 1024
	maxPreBannerLines = 64
)

// ErrNotSSH reports that the peer did not send an SSH identification line.
var ErrNotSSH = errors.New("not an SSH server")

// Identification is the server's identification string
// ("SSH-protoversion-softwareversion SP comments", RFC 4253 §4.2) and the
// lines it sent before it.
type Identification struct {
	// Raw is the version line without CR LF.
	Raw string `json:"raw"`
	// PreBanner are the lines the server sent before the version line.
	PreBanner []string `json:"pre_banner,omitempty"`
	// Protocol is "2.0", "1.99" (SSH-1 and SSH-2) or "1.5" (SSH-1 only).
	Protocol string `json:"protocol"`
	// SoftwareVersion is the software field ("OpenSSH_9.2p1").
	SoftwareVersion string `json:"software_version"`
	// Comments is the optional text after the first space.
	Comments string `json:"comments,omitempty"`
	// Product and Version split SoftwareVersion at its first '_' or '-'
	// ("OpenSSH", "9.2p1"; "dropbear", "2022.83"; "Cisco", "1.25").
	Product string `json:"product"`
	Version string `json:"version,omitempty"`
}

// SupportsSSH1 reports whether the server offers protocol version 1
// ("SSH-1.99" or "SSH-1.x"), which is broken.
func (id Identification) SupportsSSH1() bool {
	return id.Protocol == "1.99" || strings.HasPrefix(id.Protocol, "1.")
}

// ParseIdentification parses an identification line (with or without
// its CR LF).
func ParseIdentification(line string) (Identification, error) {
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if len(line)+2 > maxIdentLen {
		return Identification{}, fmt.Errorf("identification line longer than %d bytes", maxIdentLen)
	}
	rest, ok := strings.CutPrefix(line, "SSH-")
	if !ok {
		return Identification{}, fmt.Errorf("%w: line does not start with SSH-", ErrNotSSH)
	}
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < 0x20 || c > 0x7e {
			return Identification{}, fmt.Errorf("identification line has non-printable byte 0x%02x at %d", c, i)
		}
	}
	proto, sw, ok := strings.Cut(rest, "-")
	if !ok || proto == "" || sw == "" {
		return Identification{}, fmt.Errorf("identification line %q lacks protoversion-softwareversion", line)
	}
	id := Identification{Raw: line, Protocol: proto}
	id.SoftwareVersion, id.Comments, _ = strings.Cut(sw, " ")
	if id.SoftwareVersion == "" {
		return Identification{}, fmt.Errorf("identification line %q has an empty softwareversion", line)
	}
	id.Product, id.Version = id.SoftwareVersion, ""
	if i := strings.IndexAny(id.SoftwareVersion, "_-"); i > 0 {
		id.Product, id.Version = id.SoftwareVersion[:i], id.SoftwareVersion[i+1:]
	}
	return id, nil
}

// ReadIdentification reads the server's identification: lines before the
// version line (RFC 4253 §4.2 allows them; kept in PreBanner, at most 64
// of at most 1024 bytes) and the version line itself (at most 255 bytes
// with CR LF). Lines may end in CR LF or a bare LF. r is left at the first
// byte after the version line, the start of the binary packet protocol.
func ReadIdentification(r *bufio.Reader) (Identification, error) {
	var pre []string
	for n := 0; ; n++ {
		line, err := readLine(r, maxPreBannerLine)
		if err != nil {
			if n == 0 && errors.Is(err, errLineTooLong) {
				return Identification{}, fmt.Errorf("%w: first line: %w", ErrNotSSH, err)
			}
			return Identification{}, fmt.Errorf("identification line %d: %w", n+1, err)
		}
		if strings.HasPrefix(line, "SSH-") {
			id, err := ParseIdentification(line)
			if err != nil {
				return Identification{}, err
			}
			id.PreBanner = pre
			return id, nil
		}
		if n+1 >= maxPreBannerLines {
			return Identification{}, fmt.Errorf("%w: no SSH- line within %d lines", ErrNotSSH, maxPreBannerLines)
		}
		pre = append(pre, sanitize(line))
	}
}

var errLineTooLong = errors.New("line too long")

// readLine reads one line of at most max bytes (without its terminator),
// ending in LF with an optional CR before it.
func readLine(r *bufio.Reader, max int) (string, error) {
	var b []byte
	for {
		c, err := r.ReadByte()
		if err != nil {
			if len(b) > 0 && errors.Is(err, errEOF) {
				return "", fmt.Errorf("unterminated line: %w", err)
			}
			return "", err
		}
		if c == '\n' {
			return strings.TrimSuffix(string(b), "\r"), nil
		}
		if len(b) >= max {
			return "", fmt.Errorf("%w (more than %d bytes)", errLineTooLong, max)
		}
		b = append(b, c)
	}
}

// sanitize replaces control and non-ASCII bytes of a pre-banner line so
// that it prints safely.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r > 0x7e {
			if r == '\t' {
				return ' '
			}
			return '?'
		}
		return r
	}, s)
}
