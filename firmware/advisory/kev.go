package advisory

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// KEVEntry is one entry of CISA's Known Exploited Vulnerabilities
// catalogue. It carries no versions: it flags a CVE.
type KEVEntry struct {
	CVEID          string `json:"cveID"`
	VendorProject  string `json:"vendorProject,omitempty"`
	Product        string `json:"product,omitempty"`
	Name           string `json:"vulnerabilityName,omitempty"`
	DateAdded      string `json:"dateAdded,omitempty"`
	RequiredAction string `json:"requiredAction,omitempty"`
	DueDate        string `json:"dueDate,omitempty"`
	Ransomware     string `json:"knownRansomwareCampaignUse,omitempty"`
	Origin         Origin `json:"origin"`
}

var cveIDPattern = regexp.MustCompile(`^CVE-[0-9]{4}-[0-9]{4,19}$`)

// ReadKEV reads a KEV catalogue (known_exploited_vulnerabilities.json).
// Entries without a valid CVE ID are reported as issues.
func ReadKEV(r io.Reader, name string) (*Document, error) {
	b, err := readAll(r, name)
	if err != nil {
		return nil, err
	}
	var doc struct {
		CatalogVersion  string            `json:"catalogVersion"`
		Vulnerabilities []json.RawMessage `json:"vulnerabilities"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
	}
	if doc.Vulnerabilities == nil {
		return nil, fmt.Errorf("%s: no vulnerabilities array: %w", name, ErrFormat)
	}
	out := &Document{}
	for i, raw := range doc.Vulnerabilities {
		o := Origin{Source: SourceKEV, Document: name, Path: fmt.Sprintf("$.vulnerabilities[%d]", i)}
		var e KEVEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			out.Issues = append(out.Issues, Issue{o, "entry not understood: " + jsonErr(err)})
			continue
		}
		e.CVEID = strings.TrimSpace(e.CVEID)
		if !cveIDPattern.MatchString(e.CVEID) {
			out.Issues = append(out.Issues, Issue{o, fmt.Sprintf("cveID %q is not a CVE ID", e.CVEID)})
			continue
		}
		e.Origin = o
		out.KEV = append(out.KEV, e)
	}
	return out, nil
}

// JoinKEV flags the advisories whose ID or alias is in the catalogue.
func JoinKEV(advs []Advisory, kev []KEVEntry) {
	byID := make(map[string]*KEVEntry, len(kev))
	for i := range kev {
		byID[kev[i].CVEID] = &kev[i]
	}
	for i := range advs {
		for _, id := range append([]string{advs[i].ID}, advs[i].Aliases...) {
			if e, ok := byID[strings.ToUpper(id)]; ok {
				advs[i].KEV = e
				break
			}
		}
	}
}

// jsonErr shortens a JSON decoding error for an issue message.
func jsonErr(err error) string {
	var te *json.UnmarshalTypeError
	if ok := asType(err, &te); ok {
		return fmt.Sprintf("field %s: %s where %s was expected", te.Field, te.Value, te.Type)
	}
	return err.Error()
}
