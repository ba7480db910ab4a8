package advisory

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec/firmware/version"
)

type cve5Affected struct {
	Vendor        string   `json:"vendor"`
	Product       string   `json:"product"`
	DefaultStatus string   `json:"defaultStatus"`
	Platforms     []string `json:"platforms"`
	Versions      []struct {
		Version         string            `json:"version"`
		Status          string            `json:"status"`
		VersionType     string            `json:"versionType"`
		LessThan        string            `json:"lessThan"`
		LessThanOrEqual string            `json:"lessThanOrEqual"`
		Changes         []json.RawMessage `json:"changes"`
	} `json:"versions"`
}

type cve5Container struct {
	ProviderMetadata struct {
		ShortName string `json:"shortName"`
	} `json:"providerMetadata"`
	Title    string         `json:"title"`
	Affected []cve5Affected `json:"affected"`
}

// ReadCVE5 reads a CVE JSON 5 record. The CNA container and every ADP
// container (CISA Vulnrichment…) give separate statements, so that their
// disagreement shows.
func ReadCVE5(r io.Reader, name string) (*Document, error) {
	b, err := readAll(r, name)
	if err != nil {
		return nil, err
	}
	var rec struct {
		DataType    string `json:"dataType"`
		CVEMetadata struct {
			CVEID         string `json:"cveId"`
			State         string `json:"state"`
			DatePublished string `json:"datePublished"`
			DateUpdated   string `json:"dateUpdated"`
		} `json:"cveMetadata"`
		Containers struct {
			CNA cve5Container   `json:"cna"`
			ADP []cve5Container `json:"adp"`
		} `json:"containers"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
	}
	if rec.DataType != "CVE_RECORD" || rec.CVEMetadata.CVEID == "" {
		return nil, fmt.Errorf("%s: dataType %q: %w", name, rec.DataType, ErrFormat)
	}
	out := &Document{}
	a := Advisory{ID: rec.CVEMetadata.CVEID, Title: rec.Containers.CNA.Title, Origin: Origin{SourceCVE5, name, "$"}}
	a.Published, _ = time.Parse(time.RFC3339Nano, rec.CVEMetadata.DatePublished)
	a.Modified, _ = time.Parse(time.RFC3339Nano, rec.CVEMetadata.DateUpdated)
	if rec.CVEMetadata.State == "REJECTED" {
		out.Issues = append(out.Issues, Issue{Origin{SourceCVE5, name, "$.cveMetadata.state"}, "record is REJECTED"})
		return out, nil
	}
	cve5Statements(&a, rec.Containers.CNA, "$.containers.cna", "cve5:cna", name, out)
	for i, adp := range rec.Containers.ADP {
		cve5Statements(&a, adp, fmt.Sprintf("$.containers.adp[%d]", i), "cve5:adp:"+adp.ProviderMetadata.ShortName, name, out)
	}
	out.Advisories = append(out.Advisories, a)
	return out, nil
}

func cve5Statements(a *Advisory, c cve5Container, path, provider, name string, out *Document) {
	issue := func(p, msg string) { out.Issues = append(out.Issues, Issue{Origin{SourceCVE5, name, p}, msg}) }
	for i, af := range c.Affected {
		apath := fmt.Sprintf("%s.affected[%d]", path, i)
		if af.Product == "" || strings.EqualFold(af.Product, "n/a") {
			issue(apath, "no product named")
			continue
		}
		e := Affected{Vendor: af.Vendor, Product: af.Product, Platforms: af.Platforms, Provider: provider, Origin: Origin{SourceCVE5, name, apath}}
		switch af.DefaultStatus {
		case "affected":
			e.Default = StatusAffected
		case "unaffected":
			e.Default = StatusUnaffected
		default:
			e.Default = StatusUnknown
		}
		for j, v := range af.Versions {
			vpath := fmt.Sprintf("%s.versions[%d]", apath, j)
			if e.Scheme == "" {
				e.Scheme = v.VersionType
			}
			sc := schemeFor(v.VersionType, af.Vendor, af.Product)
			ok := func(field, s string) bool {
				if _, err := version.Parse(sc, s); err != nil {
					issue(vpath+"."+field, err.Error())
					e.Unparsed = append(e.Unparsed, s)
					return false
				}
				return true
			}
			if len(v.Changes) > 0 {
				issue(vpath+".changes", "status changes within a range are not interpreted")
				e.Unparsed = append(e.Unparsed, v.Version+" (changes)")
				continue
			}
			hi, incl := v.LessThan, false
			if v.LessThanOrEqual != "" {
				hi, incl = v.LessThanOrEqual, true
			}
			if hi == "*" {
				hi = ""
			}
			ranged := v.LessThan != "" || v.LessThanOrEqual != ""
			switch v.Status {
			case "affected", "unaffected":
			case "unknown":
				issue(vpath+".status", "status unknown")
				continue
			default:
				issue(vpath+".status", fmt.Sprintf("status %q not understood", v.Status))
				e.Unparsed = append(e.Unparsed, v.Version)
				continue
			}
			if !ranged {
				if v.Version == "" || v.Version == "*" || v.Version == "0" && v.Status == "affected" {
					issue(vpath+".version", fmt.Sprintf("version %q without a bound", v.Version))
					e.Unparsed = append(e.Unparsed, v.Version)
					continue
				}
				if !ok("version", v.Version) {
					continue
				}
				if v.Status == "affected" {
					e.Versions = append(e.Versions, v.Version)
				} else {
					// Vendors (Fortinet) list each branch's fixed release
					// as unaffected.
					e.Unaffected = append(e.Unaffected, v.Version)
					e.Fixed = append(e.Fixed, v.Version)
				}
				continue
			}
			r := Range{Hi: hi, HiInclusive: incl, Origin: Origin{SourceCVE5, name, vpath}}
			if v.Version != "0" && v.Version != "*" && v.Version != "" {
				r.Lo = v.Version
			}
			good := true
			if r.Lo != "" {
				good = ok("version", r.Lo)
			}
			if r.Hi != "" {
				good = ok("lessThan", r.Hi) && good
			}
			if !good {
				continue
			}
			if v.Status == "affected" {
				e.Ranges = append(e.Ranges, r)
				if r.Hi != "" && !r.HiInclusive {
					e.Fixed = append(e.Fixed, r.Hi)
				}
			} else {
				e.UnaffectedRanges = append(e.UnaffectedRanges, r)
			}
		}
		if len(af.Versions) == 0 && e.Default == StatusUnknown {
			issue(apath, "no versions: no version data")
		}
		a.Affected = append(a.Affected, e)
	}
}
