package advisory

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec/firmware/version"
)

type csafBranch struct {
	Category string       `json:"category"`
	Name     string       `json:"name"`
	Branches []csafBranch `json:"branches"`
	Product  *csafProduct `json:"product"`
}

type csafProduct struct {
	Name      string `json:"name"`
	ProductID string `json:"product_id"`
	Helper    struct {
		CPE          string   `json:"cpe"`
		ModelNumbers []string `json:"model_numbers"`
	} `json:"product_identification_helper"`
}

type csafDoc struct {
	Document struct {
		Category    string `json:"category"`
		CSAFVersion string `json:"csaf_version"`
		Title       string `json:"title"`
		Publisher   struct {
			Name string `json:"name"`
		} `json:"publisher"`
		Tracking struct {
			ID                 string `json:"id"`
			InitialReleaseDate string `json:"initial_release_date"`
			CurrentReleaseDate string `json:"current_release_date"`
		} `json:"tracking"`
	} `json:"document"`
	ProductTree struct {
		Branches         []csafBranch  `json:"branches"`
		FullProductNames []csafProduct `json:"full_product_names"`
		Relationships    []struct {
			Category        string      `json:"category"`
			ProductRef      string      `json:"product_reference"`
			RelatesTo       string      `json:"relates_to_product_reference"`
			FullProductName csafProduct `json:"full_product_name"`
		} `json:"relationships"`
		ProductGroups []struct {
			GroupID    string   `json:"group_id"`
			ProductIDs []string `json:"product_ids"`
		} `json:"product_groups"`
	} `json:"product_tree"`
	Vulnerabilities []struct {
		CVE   string `json:"cve"`
		Title string `json:"title"`
		IDs   []struct {
			SystemName string `json:"system_name"`
			Text       string `json:"text"`
		} `json:"ids"`
		ProductStatus map[string][]string `json:"product_status"`
		Remediations  []struct {
			Category   string   `json:"category"`
			Details    string   `json:"details"`
			ProductIDs []string `json:"product_ids"`
			GroupIDs   []string `json:"group_ids"`
			URL        string   `json:"url"`
		} `json:"remediations"`
	} `json:"vulnerabilities"`
}

// csafLeaf is a product of the tree with what its branch path says.
type csafLeaf struct {
	vendor, product string
	version         string // product_version, service_pack, patch_level
	rng             string // product_version_range
	platform        string // hardware it is installed on (relationships)
	path            string
}

// ReadCSAF reads a CSAF 2.0 advisory. Products are resolved through the
// product tree (vendor → product_name/product_family → product_version,
// service_pack or patch_level, or product_version_range), relationships
// ("firmware installed_on hardware" restricts a statement to a platform)
// and product groups. product_version_range accepts canonical vers and,
// best effort, vls ("<=2", "<V3.0.29"); anything else is reported and
// makes matching unknown.
func ReadCSAF(r io.Reader, name string) (*Document, error) {
	b, err := readAll(r, name)
	if err != nil {
		return nil, err
	}
	var d csafDoc
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
	}
	if d.Document.CSAFVersion == "" {
		return nil, fmt.Errorf("%s: no document.csaf_version: %w", name, ErrFormat)
	}
	out := &Document{}
	issue := func(p, msg string) { out.Issues = append(out.Issues, Issue{Origin{SourceCSAF, name, p}, msg}) }
	leaves := map[string]csafLeaf{}
	var walk func(bs []csafBranch, path string, cur csafLeaf)
	walk = func(bs []csafBranch, path string, cur csafLeaf) {
		for i, br := range bs {
			p := fmt.Sprintf("%s[%d]", path, i)
			next := cur
			switch br.Category {
			case "vendor":
				next.vendor = br.Name
			case "product_name", "product_family":
				if next.product == "" || br.Category == "product_name" {
					next.product = br.Name
				}
			case "product_version", "service_pack", "patch_level":
				next.version = br.Name
			case "product_version_range":
				next.rng = br.Name
			case "architecture", "host_name", "language", "legacy", "specification":
			default:
				issue(p+".category", fmt.Sprintf("branch category %q not understood", br.Category))
			}
			if br.Product != nil {
				next.path = p + ".product"
				if next.product == "" {
					next.product = br.Product.Name
				}
				if br.Product.ProductID == "" {
					issue(next.path, "product without product_id")
				} else {
					leaves[br.Product.ProductID] = next
				}
			}
			walk(br.Branches, p+".branches", next)
		}
	}
	walk(d.ProductTree.Branches, "$.product_tree.branches", csafLeaf{})
	for i, fp := range d.ProductTree.FullProductNames {
		p := fmt.Sprintf("$.product_tree.full_product_names[%d]", i)
		l := csafLeaf{path: p}
		if fp.Helper.CPE != "" {
			if cpe, err := ParseCPE(fp.Helper.CPE); err == nil {
				l.vendor, l.product = cpe.Vendor, cpe.Product
				if !cpeAny(cpe.Version) && cpe.Version != "-" {
					l.version = cpe.Version
				}
			}
		}
		if l.product == "" {
			issue(p, fmt.Sprintf("full product name %q has no structure (vendor/product/version); not matched", fp.Name))
		}
		leaves[fp.ProductID] = l
	}
	for i, rel := range d.ProductTree.Relationships {
		p := fmt.Sprintf("$.product_tree.relationships[%d]", i)
		fw, ok := leaves[rel.ProductRef]
		if !ok {
			issue(p+".product_reference", fmt.Sprintf("unknown product %q", rel.ProductRef))
			continue
		}
		hw := leaves[rel.RelatesTo]
		switch rel.Category {
		case "installed_on", "default_component_of", "optional_component_of", "external_component_of":
			fw.platform = hw.product
			if hw.version != "" && hw.product == "" {
				fw.platform = hw.version
			}
		case "installed_with":
		default:
			issue(p+".category", fmt.Sprintf("relationship %q not understood", rel.Category))
		}
		fw.path = p
		leaves[rel.FullProductName.ProductID] = fw
	}
	groups := map[string][]string{}
	for _, g := range d.ProductTree.ProductGroups {
		groups[g.GroupID] = g.ProductIDs
	}
	provider := "csaf:" + d.Document.Publisher.Name
	published, _ := time.Parse(time.RFC3339, d.Document.Tracking.InitialReleaseDate)
	modified, _ := time.Parse(time.RFC3339, d.Document.Tracking.CurrentReleaseDate)
	for vi, v := range d.Vulnerabilities {
		vpath := fmt.Sprintf("$.vulnerabilities[%d]", vi)
		a := Advisory{ID: v.CVE, Title: v.Title, Published: published, Modified: modified, Origin: Origin{SourceCSAF, name, vpath}}
		for _, id := range v.IDs {
			a.Aliases = append(a.Aliases, id.Text)
		}
		if a.ID == "" && len(a.Aliases) > 0 {
			a.ID, a.Aliases = a.Aliases[0], a.Aliases[1:]
		}
		if a.ID == "" {
			a.ID = d.Document.Tracking.ID
		}
		a.Aliases = append(a.Aliases, d.Document.Tracking.ID)
		type key struct{ vendor, product, platform string }
		entries := map[key]*Affected{}
		var order []key
		entry := func(l csafLeaf, statusPath string) *Affected {
			k := key{l.vendor, l.product, l.platform}
			if e, ok := entries[k]; ok {
				return e
			}
			e := &Affected{Vendor: l.vendor, Product: l.product, Default: StatusUnaffected, Provider: provider,
				Origin: Origin{SourceCSAF, name, statusPath}}
			if l.platform != "" {
				e.Platforms = []string{l.platform}
			}
			entries[k] = e
			order = append(order, k)
			return e
		}
		statuses := []struct {
			name     string
			affected bool
			fixed    bool
		}{
			{"known_affected", true, false}, {"first_affected", true, false}, {"last_affected", true, false},
			{"known_not_affected", false, false}, {"fixed", false, true}, {"first_fixed", false, true},
			{"recommended", false, true}, {"under_investigation", false, false},
		}
		for st := range v.ProductStatus {
			if !slices.ContainsFunc(statuses, func(s struct {
				name     string
				affected bool
				fixed    bool
			}) bool {
				return s.name == st
			}) {
				issue(vpath+".product_status."+st, "product status not understood")
			}
		}
		for _, st := range statuses {
			for j, pid := range v.ProductStatus[st.name] {
				spath := fmt.Sprintf("%s.product_status.%s[%d]", vpath, st.name, j)
				l, ok := leaves[pid]
				if !ok {
					issue(spath, fmt.Sprintf("unknown product %q", pid))
					continue
				}
				if l.product == "" {
					continue // reported with the product
				}
				e := entry(l, vpath+".product_status")
				if st.name == "under_investigation" {
					e.Unparsed = append(e.Unparsed, "under investigation: "+csafLabel(l))
					continue
				}
				csafAddLeaf(e, l, st.affected, st.fixed, spath, name, issue)
			}
		}
		for j, rem := range v.Remediations {
			rpath := fmt.Sprintf("%s.remediations[%d]", vpath, j)
			ids := slices.Clone(rem.ProductIDs)
			for _, g := range rem.GroupIDs {
				gids, ok := groups[g]
				if !ok {
					issue(rpath+".group_ids", fmt.Sprintf("unknown product group %q", g))
				}
				ids = append(ids, gids...)
			}
			for _, pid := range ids {
				l, ok := leaves[pid]
				if !ok || l.product == "" {
					continue
				}
				e := entry(l, vpath+".product_status")
				switch rem.Category {
				case "vendor_fix":
					sc := schemeFor("", l.vendor, l.product)
					for _, fv := range fixedVersionsInText(rem.Details, sc) {
						pv, _ := version.Parse(sc, fv)
						if !slices.ContainsFunc(e.Fixed, func(s string) bool {
							q, err := version.Parse(sc, s)
							return err == nil && version.Equal(q, pv)
						}) {
							e.Fixed = append(e.Fixed, fv)
						}
					}
				case "no_fix_planned", "none_available":
					e.NoFix = true
				}
			}
		}
		for _, k := range order {
			a.Affected = append(a.Affected, *entries[k])
		}
		out.Advisories = append(out.Advisories, a)
	}
	return out, nil
}

func csafLabel(l csafLeaf) string {
	return strings.TrimSpace(l.product + " " + l.version + l.rng)
}

// csafAddLeaf adds what a product status says about one product.
func csafAddLeaf(e *Affected, l csafLeaf, affected, fixed bool, path, name string, issue func(p, msg string)) {
	sc := schemeFor("", l.vendor, l.product)
	o := Origin{SourceCSAF, name, path}
	switch {
	case l.version != "":
		if w := rangeWord(l.version); w != "" {
			issue(path, fmt.Sprintf("product_version %q reads as a range (%q): free text not understood", l.version, w))
			e.Unparsed = append(e.Unparsed, l.version)
			return
		}
		if _, err := version.Parse(sc, l.version); err != nil {
			issue(path, fmt.Sprintf("product_version %q: %v", l.version, err))
			e.Unparsed = append(e.Unparsed, l.version)
			return
		}
		if affected {
			e.Versions = append(e.Versions, l.version)
			return
		}
		e.Unaffected = append(e.Unaffected, l.version)
		if fixed && !slices.Contains(e.Fixed, l.version) {
			e.Fixed = append(e.Fixed, l.version)
		}
	case l.rng != "":
		vs, excl, rs, err := parseRangeText(l.rng, sc)
		if err != nil {
			issue(path, fmt.Sprintf("product_version_range %q: %v", l.rng, err))
			e.Unparsed = append(e.Unparsed, l.rng)
			return
		}
		for i := range rs {
			rs[i].Origin = o
		}
		if affected {
			e.Versions = append(e.Versions, vs...)
			e.Unaffected = append(e.Unaffected, excl...)
			e.Ranges = append(e.Ranges, rs...)
			for _, r := range rs {
				if r.Hi != "" && !r.HiInclusive && !slices.Contains(e.Fixed, r.Hi) {
					e.Fixed = append(e.Fixed, r.Hi) // "<V3.0.29": 3.0.29 is the first unaffected
				}
			}
		} else {
			e.Unaffected = append(e.Unaffected, vs...)
			e.UnaffectedRanges = append(e.UnaffectedRanges, rs...)
		}
	default:
		// A product without a version: the statement is about every
		// version of it.
		if affected {
			e.Ranges = append(e.Ranges, Range{Origin: o})
		} else {
			e.UnaffectedRanges = append(e.UnaffectedRanges, Range{Origin: o})
		}
	}
}

// rangeWord returns the word that makes a product_version a range or free
// text (CSAF test 6.1.31), or "".
func rangeWord(s string) string {
	if strings.ContainsAny(s, "<>") {
		return "<>"
	}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch w {
		case "after", "all", "before", "earlier", "later", "prior", "versions", "below", "above", "and", "or", "through", "up":
			return w
		}
	}
	return ""
}

var vlsPart = regexp.MustCompile(`^(<=|>=|<|>|=|!=)?\s*[vV]?([0-9][0-9A-Za-z._\-()+]*)$`)

// parseRangeText reads a product_version_range: canonical vers first,
// then vls ("<=2", "< V3.0.29", ">=1.0|<2.0", "All versions < V4.33"),
// then a vers with an unordered type ("vers:all/<V7.0.3") read as vls.
// Free text is an error.
func parseRangeText(s string, sc version.Scheme) (versions, excluded []string, ranges []Range, err error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "vers:") {
		v, err := ParseVers(t)
		if err == nil {
			vs, ex, rs, bad := v.statements()
			if bad != "" {
				return nil, nil, nil, fmt.Errorf("%s: %w", bad, ErrVers)
			}
			return vs, ex, rs, nil
		}
		typ, rest, _ := strings.Cut(strings.TrimPrefix(t, "vers:"), "/")
		if _, lerr := version.Lookup(typ); lerr == nil && typ != "all" {
			return nil, nil, nil, err
		}
		t = rest // "vers:all/<V7.0.3": salvage the constraints as vls
	}
	if len(t) >= len("all versions") && strings.EqualFold(t[:len("all versions")], "all versions") {
		t = strings.TrimSpace(t[len("all versions"):])
		if t == "" {
			return nil, nil, []Range{{}}, nil
		}
	}
	if t == "*" {
		return nil, nil, []Range{{}}, nil
	}
	var cs []Constraint
	for _, part := range strings.Split(t, "|") {
		m := vlsPart.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return nil, nil, nil, fmt.Errorf("free text not understood: %q: %w", part, ErrVers)
		}
		op := m[1]
		if op == "" {
			op = "="
		}
		v := m[2]
		if _, err := version.Parse(sc, v); err != nil {
			return nil, nil, nil, err
		}
		cs = append(cs, Constraint{Op: op, Version: v})
	}
	if len(cs) == 2 && (cs[0].Op == "<" || cs[0].Op == "<=") && (cs[1].Op == ">" || cs[1].Op == ">=") {
		cs[0], cs[1] = cs[1], cs[0] // "<2.0|>=1.0" written backwards
	}
	vv := &Vers{Constraints: cs}
	vs, ex, rs, bad := vv.statements()
	if bad != "" {
		return nil, nil, nil, fmt.Errorf("%s: %w", bad, ErrVers)
	}
	return vs, ex, rs, nil
}

var versionInText = regexp.MustCompile(`\b[vV]?(?:Rev\.)?[0-9]+\.[0-9][0-9A-Za-z.()_\-]*`)

// fixedVersionsInText picks the versions of the product's scheme out of a
// vendor_fix text ("Update to 7.2.5 or later").
func fixedVersionsInText(s string, sc version.Scheme) []string {
	var out []string
	for _, m := range versionInText.FindAllString(s, 20) {
		m = strings.TrimRight(m, ".,;:)")
		if _, err := version.Parse(sc, m); err == nil && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}
