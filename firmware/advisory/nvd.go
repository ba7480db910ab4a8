package advisory

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec/firmware/version"
)

// CPE is a CPE 2.3 formatted-string name, unescaped.
type CPE struct {
	Part, Vendor, Product, Version, Update, Edition, Language, SWEdition, TargetSW, TargetHW, Other string
}

// ParseCPE parses "cpe:2.3:part:vendor:product:version:update:edition:
// language:sw_edition:target_sw:target_hw:other", honouring backslash
// escapes ("15.2\(5\)e" is "15.2(5)e").
func ParseCPE(s string) (CPE, error) {
	rest, ok := strings.CutPrefix(s, "cpe:2.3:")
	if !ok {
		return CPE{}, fmt.Errorf("CPE %q: not a CPE 2.3 formatted string: %w", s, ErrFormat)
	}
	var fields []string
	var b strings.Builder
	for i := 0; i < len(rest); i++ {
		switch c := rest[i]; {
		case c == '\\' && i+1 < len(rest):
			i++
			b.WriteByte(rest[i])
		case c == ':':
			fields = append(fields, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	fields = append(fields, b.String())
	if len(fields) != 11 {
		return CPE{}, fmt.Errorf("CPE %q: %d components, want 13: %w", s, len(fields)+2, ErrFormat)
	}
	return CPE{fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9], fields[10]}, nil
}

func cpeAny(f string) bool { return f == "*" || f == "" }

type nvdCVE struct {
	ID           string `json:"id"`
	Published    string `json:"published"`
	LastModified string `json:"lastModified"`
	VulnStatus   string `json:"vulnStatus"`
	Descriptions []struct {
		Lang  string `json:"lang"`
		Value string `json:"value"`
	} `json:"descriptions"`
	CisaExploitAdd        string `json:"cisaExploitAdd"`
	CisaActionDue         string `json:"cisaActionDue"`
	CisaRequiredAction    string `json:"cisaRequiredAction"`
	CisaVulnerabilityName string `json:"cisaVulnerabilityName"`
	Configurations        []struct {
		Operator string    `json:"operator"`
		Negate   bool      `json:"negate"`
		Nodes    []nvdNode `json:"nodes"`
	} `json:"configurations"`
}

type nvdNode struct {
	Operator string `json:"operator"`
	Negate   bool   `json:"negate"`
	CPEMatch []struct {
		Vulnerable            bool   `json:"vulnerable"`
		Criteria              string `json:"criteria"`
		VersionStartIncluding string `json:"versionStartIncluding"`
		VersionStartExcluding string `json:"versionStartExcluding"`
		VersionEndIncluding   string `json:"versionEndIncluding"`
		VersionEndExcluding   string `json:"versionEndExcluding"`
	} `json:"cpeMatch"`
}

// ReadNVD reads NVD CVE API 2.0 data: a response
// ({"vulnerabilities":[{"cve":{…}}]}) or one CVE object as mirrored in
// feeds. Each configuration's vulnerable CPE matches become statements;
// in an AND configuration, the nodes whose matches are all non-vulnerable
// are platforms (hardware) the statement is restricted to. The KEV fields
// NVD mirrors (cisaExploitAdd…) set [Advisory.KEV].
func ReadNVD(r io.Reader, name string) (*Document, error) {
	b, err := readAll(r, name)
	if err != nil {
		return nil, err
	}
	var probe struct {
		Vulnerabilities []struct {
			CVE json.RawMessage `json:"cve"`
		} `json:"vulnerabilities"`
		ID string `json:"id"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
	}
	out := &Document{}
	if probe.ID != "" {
		var c nvdCVE
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
		}
		out.Advisories = append(out.Advisories, nvdAdvisory(&c, name, "$", out))
		return out, nil
	}
	if probe.Vulnerabilities == nil {
		return nil, fmt.Errorf("%s: neither a CVE object nor an API response: %w", name, ErrFormat)
	}
	for i, v := range probe.Vulnerabilities {
		path := fmt.Sprintf("$.vulnerabilities[%d].cve", i)
		var c nvdCVE
		if err := json.Unmarshal(v.CVE, &c); err != nil || c.ID == "" {
			msg := "CVE object without id"
			if err != nil {
				msg = "CVE object not understood: " + jsonErr(err)
			}
			out.Issues = append(out.Issues, Issue{Origin{SourceNVD, name, path}, msg})
			continue
		}
		out.Advisories = append(out.Advisories, nvdAdvisory(&c, name, path, out))
	}
	return out, nil
}

func nvdAdvisory(c *nvdCVE, name, path string, out *Document) Advisory {
	a := Advisory{ID: c.ID, Origin: Origin{SourceNVD, name, path}}
	for _, d := range c.Descriptions {
		if d.Lang == "en" {
			a.Title = d.Value
			break
		}
	}
	a.Published, _ = time.Parse("2006-01-02T15:04:05.999", c.Published)
	a.Modified, _ = time.Parse("2006-01-02T15:04:05.999", c.LastModified)
	if c.CisaExploitAdd != "" {
		a.KEV = &KEVEntry{CVEID: c.ID, Name: c.CisaVulnerabilityName, DateAdded: c.CisaExploitAdd, DueDate: c.CisaActionDue,
			RequiredAction: c.CisaRequiredAction, Origin: Origin{SourceNVD, name, path + ".cisaExploitAdd"}}
	}
	issue := func(p, msg string) { out.Issues = append(out.Issues, Issue{Origin{SourceNVD, name, p}, msg}) }
	if len(c.Configurations) == 0 {
		issue(path, fmt.Sprintf("no configurations (status %q): no version data", c.VulnStatus))
		return a
	}
	type key struct{ vendor, product, platforms, edition string }
	index := map[key]int{}
	for i, cfg := range c.Configurations {
		cpath := fmt.Sprintf("%s.configurations[%d]", path, i)
		if cfg.Negate {
			issue(cpath, "negated configuration not interpreted")
			continue
		}
		var platforms []string
		var vulnNodes []int
		for j, n := range cfg.Nodes {
			anyVuln := false
			for _, m := range n.CPEMatch {
				anyVuln = anyVuln || m.Vulnerable
			}
			if anyVuln {
				vulnNodes = append(vulnNodes, j)
				continue
			}
			if !strings.EqualFold(cfg.Operator, "AND") {
				continue
			}
			for k, m := range n.CPEMatch {
				cpe, err := ParseCPE(m.Criteria)
				if err != nil {
					issue(fmt.Sprintf("%s.nodes[%d].cpeMatch[%d].criteria", cpath, j, k), err.Error())
					continue
				}
				platforms = append(platforms, cpe.Product)
			}
		}
		for _, j := range vulnNodes {
			n := cfg.Nodes[j]
			npath := fmt.Sprintf("%s.nodes[%d]", cpath, j)
			if n.Negate {
				issue(npath, "negated node not interpreted")
				continue
			}
			for k, m := range n.CPEMatch {
				if !m.Vulnerable {
					continue
				}
				mpath := fmt.Sprintf("%s.cpeMatch[%d]", npath, k)
				cpe, err := ParseCPE(m.Criteria)
				if err != nil {
					issue(mpath+".criteria", err.Error())
					continue
				}
				ed := ""
				if !cpeAny(cpe.SWEdition) && cpe.SWEdition != "-" {
					ed = cpe.SWEdition
				}
				kk := key{cpe.Vendor, cpe.Product, strings.Join(platforms, ","), ed}
				idx, ok := index[kk]
				if !ok {
					idx = len(a.Affected)
					index[kk] = idx
					a.Affected = append(a.Affected, Affected{Vendor: cpe.Vendor, Product: cpe.Product,
						Platforms: platforms, Edition: ed, Default: StatusUnaffected, Provider: "nvd", Origin: Origin{SourceNVD, name, npath}})
				}
				e := &a.Affected[idx]
				sc := schemeFor("", cpe.Vendor, cpe.Product)
				check := func(field, v string) bool {
					if _, err := version.Parse(sc, v); err != nil {
						issue(mpath+"."+field, err.Error())
						e.Unparsed = append(e.Unparsed, v)
						return false
					}
					return true
				}
				o := Origin{SourceNVD, name, mpath}
				switch {
				case cpe.Version == "-":
					issue(mpath+".criteria", "version is NA (-): no version data")
					e.Unparsed = append(e.Unparsed, m.Criteria)
				case !cpeAny(cpe.Version):
					v := cpe.Version
					if !cpeAny(cpe.Update) && cpe.Update != "-" {
						if sc == version.Junos {
							v += strings.ToUpper(cpe.Update)
						} else {
							v += "-" + cpe.Update
						}
					}
					if check("criteria", v) {
						e.Versions = append(e.Versions, v)
					}
				default:
					r := Range{Origin: o}
					r.Lo, r.LoExclusive = m.VersionStartIncluding, false
					if m.VersionStartExcluding != "" {
						r.Lo, r.LoExclusive = m.VersionStartExcluding, true
					}
					r.Hi, r.HiInclusive = m.VersionEndExcluding, false
					if m.VersionEndIncluding != "" {
						r.Hi, r.HiInclusive = m.VersionEndIncluding, true
					}
					ok := true
					if r.Lo != "" {
						ok = check("versionStart", r.Lo) && ok
					}
					if r.Hi != "" {
						ok = check("versionEnd", r.Hi) && ok
					}
					if ok {
						e.Ranges = append(e.Ranges, r)
						if r.Hi != "" && !r.HiInclusive {
							e.Fixed = append(e.Fixed, r.Hi)
						}
					}
				}
			}
		}
	}
	return a
}
