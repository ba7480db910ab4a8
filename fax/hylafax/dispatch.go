package hylafax

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// Route is one case of etc/FaxDispatch that sets SENDTO.
type Route struct {
	// On is the variable the case tests: "SUBADDR", "SENDER", "DEVICE",
	// "CIDNUMBER" …; "" for an unconditional assignment.
	On string
	// Pattern is the case pattern ("53", "*1*510*").
	Pattern string
	// SendTo is the recipient address.
	SendTo   string
	Location netdevsec.Location
}

// Dispatch is what was understood of etc/FaxDispatch, a shell fragment
// that faxrcvd(8) sources to route received faxes. Only the common case
// statement form is understood; Prints reports a print command.
type Dispatch struct {
	Name   string
	Routes []Route
	// Prints: the script prints received faxes (lp, lpr).
	Prints         bool
	PrintsLocation *netdevsec.Location
}

var (
	reCase   = regexp.MustCompile(`^\s*case\s+"?\$\{?([A-Za-z0-9_]+)\}?"?\s+in\b`)
	reBranch = regexp.MustCompile(`^\s*([^()#]+?)\)\s*(.*)$`)
	reSendTo = regexp.MustCompile(`\bSENDTO=("[^"]*"|'[^']*'|[^\s;]+)`)
	rePrint  = regexp.MustCompile(`(^|[\s;|&(])(lpr?|lp)(\s|$)`)
)

// ParseDispatch reads FaxDispatch. It never fails on content: shell it
// does not follow is ignored.
func ParseDispatch(r io.Reader, name string) (*Dispatch, error) {
	d := &Dispatch{Name: name}
	on := ""
	err := eachLine(r, MaxLineBytes, MaxFileBytes, func(n int, raw []byte, tooLong bool) bool {
		if tooLong {
			return true
		}
		loc := netdevsec.Location{File: name, Line: n}
		line := string(raw)
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if m := reCase.FindStringSubmatch(line); m != nil {
			on = m[1]
			return true
		}
		if strings.TrimSpace(line) == "esac" {
			on = ""
			return true
		}
		if rePrint.MatchString(line) && !d.Prints {
			d.Prints = true
			l := loc
			d.PrintsLocation = &l
		}
		m := reSendTo.FindStringSubmatch(line)
		if m == nil {
			return true
		}
		rt := Route{SendTo: strings.Trim(m[1], `"'`), Location: loc}
		if on != "" {
			if b := reBranch.FindStringSubmatch(line); b != nil {
				rt.On, rt.Pattern = on, strings.TrimSpace(b[1])
			}
		}
		d.Routes = append(d.Routes, rt)
		return true
	})
	if err != nil {
		return d, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}
