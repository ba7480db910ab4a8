package advisory

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec/firmware/version"
)

func asType[T error](err error, target *T) bool { return errors.As(err, target) }

type osvDoc struct {
	SchemaVersion string   `json:"schema_version"`
	ID            string   `json:"id"`
	Aliases       []string `json:"aliases"`
	Summary       string   `json:"summary"`
	Published     string   `json:"published"`
	Modified      string   `json:"modified"`
	Affected      []struct {
		Package struct {
			Ecosystem string `json:"ecosystem"`
			Name      string `json:"name"`
			Purl      string `json:"purl"`
		} `json:"package"`
		Ranges []struct {
			Type   string              `json:"type"`
			Repo   string              `json:"repo"`
			Events []map[string]string `json:"events"`
		} `json:"ranges"`
		Versions []string `json:"versions"`
	} `json:"affected"`
}

// ReadOSV reads one OSV record, or a JSON array of records. The package is
// named "vendor/product" (or by a purl "pkg:generic/vendor/product");
// SEMVER ranges use the semver scheme, ECOSYSTEM ranges the product's
// scheme (or the ecosystem's); GIT ranges are reported, not interpreted.
func ReadOSV(r io.Reader, name string) (*Document, error) {
	b, err := readAll(r, name)
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	trim := strings.TrimSpace(string(b))
	if strings.HasPrefix(trim, "[") {
		if err := json.Unmarshal(b, &raws); err != nil {
			return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
		}
	} else {
		raws = []json.RawMessage{b}
	}
	out := &Document{}
	for i, raw := range raws {
		prefix := "$"
		if len(raws) > 1 || strings.HasPrefix(trim, "[") {
			prefix = fmt.Sprintf("$[%d]", i)
		}
		var d osvDoc
		if err := json.Unmarshal(raw, &d); err != nil {
			if len(raws) == 1 && !strings.HasPrefix(trim, "[") {
				return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
			}
			out.Issues = append(out.Issues, Issue{Origin{SourceOSV, name, prefix}, "record not understood: " + jsonErr(err)})
			continue
		}
		if d.ID == "" {
			out.Issues = append(out.Issues, Issue{Origin{SourceOSV, name, prefix}, "record without id"})
			continue
		}
		out.Advisories = append(out.Advisories, osvAdvisory(&d, name, prefix, out))
	}
	return out, nil
}

func osvAdvisory(d *osvDoc, name, prefix string, out *Document) Advisory {
	a := Advisory{ID: d.ID, Aliases: d.Aliases, Title: d.Summary, Origin: Origin{SourceOSV, name, prefix}}
	a.Published, _ = time.Parse(time.RFC3339, d.Published)
	a.Modified, _ = time.Parse(time.RFC3339, d.Modified)
	if !strings.HasPrefix(a.ID, "CVE-") {
		for _, al := range d.Aliases {
			if strings.HasPrefix(al, "CVE-") {
				a.Aliases = append([]string{a.ID}, without(d.Aliases, al)...)
				a.ID = al
				break
			}
		}
	}
	for i, af := range d.Affected {
		path := fmt.Sprintf("%s.affected[%d]", prefix, i)
		o := Origin{SourceOSV, name, path}
		issue := func(p, msg string) { out.Issues = append(out.Issues, Issue{Origin{SourceOSV, name, p}, msg}) }
		vendor, product := osvPackage(af.Package.Name, af.Package.Purl)
		if product == "" {
			issue(path+".package", "no package name")
			continue
		}
		eco := af.Package.Ecosystem
		if j := strings.IndexByte(eco, ':'); j >= 0 {
			eco = eco[:j]
		}
		e := Affected{Vendor: vendor, Product: product, Versions: af.Versions, Default: StatusUnaffected, Provider: "osv", Origin: o}
		for j, rg := range af.Ranges {
			rpath := fmt.Sprintf("%s.ranges[%d]", path, j)
			declared := eco
			switch strings.ToUpper(rg.Type) {
			case "SEMVER":
				declared = "semver"
			case "ECOSYSTEM":
			case "GIT":
				issue(rpath, "GIT ranges (commit hashes) are not interpreted")
				e.Unparsed = append(e.Unparsed, "GIT range "+rg.Repo)
				continue
			default:
				issue(rpath, fmt.Sprintf("range type %q not understood", rg.Type))
				e.Unparsed = append(e.Unparsed, "range type "+rg.Type)
				continue
			}
			if e.Scheme == "" {
				e.Scheme = strings.ToLower(declared)
			}
			rs, fixed, bad := osvEvents(rg.Events, schemeFor(declared, vendor, product), Origin{SourceOSV, name, rpath})
			for _, msg := range bad {
				issue(rpath, msg)
				e.Unparsed = append(e.Unparsed, msg)
			}
			e.Ranges = append(e.Ranges, rs...)
			e.Fixed = append(e.Fixed, fixed...)
		}
		if len(e.Ranges) == 0 && len(e.Versions) == 0 && len(e.Unparsed) == 0 {
			// OSV: no ranges and no versions says nothing is listed.
			e.Default = StatusUnknown
			issue(path, "no ranges and no versions")
		}
		a.Affected = append(a.Affected, e)
	}
	return a
}

func without(ss []string, x string) []string {
	var out []string
	for _, s := range ss {
		if s != x {
			out = append(out, s)
		}
	}
	return out
}

// osvPackage splits "vendor/product", "vendor:product" or a purl.
func osvPackage(name, purl string) (vendor, product string) {
	if p, ok := strings.CutPrefix(purl, "pkg:"); ok {
		if i := strings.IndexAny(p, "@?#"); i >= 0 {
			p = p[:i]
		}
		parts := strings.Split(p, "/")
		if len(parts) >= 3 {
			return parts[len(parts)-2], parts[len(parts)-1]
		}
		if len(parts) == 2 && name == "" {
			return "", parts[1]
		}
	}
	for _, sep := range []string{"/", ":"} {
		if v, p, ok := strings.Cut(name, sep); ok {
			return v, p
		}
	}
	return "", name
}

type osvEvent struct {
	kind string
	v    string
	pv   version.Version
}

// osvEvents turns events into intervals following the OSV evaluation:
// sorted events, introduced opens, fixed closes (exclusive), last_affected
// closes (inclusive), limit caps an open interval.
func osvEvents(events []map[string]string, s version.Scheme, o Origin) (ranges []Range, fixed []string, bad []string) {
	var evs []osvEvent
	limit := ""
	for i, ev := range events {
		if len(ev) != 1 {
			bad = append(bad, fmt.Sprintf("events[%d]: an event has exactly one key", i))
			continue
		}
		for k, v := range ev {
			switch k {
			case "introduced", "fixed", "last_affected":
			case "limit":
				if v != "*" {
					limit = v
				}
				continue
			default:
				bad = append(bad, fmt.Sprintf("events[%d]: event %q not understood", i, k))
				continue
			}
			e := osvEvent{kind: k, v: v}
			if !(k == "introduced" && v == "0") {
				pv, err := version.Parse(s, v)
				if err != nil {
					bad = append(bad, fmt.Sprintf("events[%d]: %v", i, err))
					continue
				}
				e.pv = pv
			}
			evs = append(evs, e)
		}
	}
	if len(bad) > 0 {
		return nil, nil, bad
	}
	slices.SortStableFunc(evs, func(a, b osvEvent) int {
		switch {
		case a.pv.IsZero() && b.pv.IsZero():
			return 0
		case a.pv.IsZero():
			return -1
		case b.pv.IsZero():
			return 1
		}
		return version.TotalCompare(a.pv, b.pv)
	})
	var open *Range
	for _, e := range evs {
		switch e.kind {
		case "introduced":
			if open == nil {
				r := Range{Origin: o}
				if e.v != "0" {
					r.Lo = e.v
				}
				open = &r
			}
		case "fixed", "last_affected":
			if e.kind == "fixed" {
				fixed = append(fixed, e.v)
			}
			if open != nil {
				open.Hi, open.HiInclusive = e.v, e.kind == "last_affected"
				ranges = append(ranges, *open)
				open = nil
			}
		}
	}
	if open != nil {
		if limit != "" {
			open.Hi = limit
		}
		ranges = append(ranges, *open)
	}
	return ranges, fixed, nil
}
