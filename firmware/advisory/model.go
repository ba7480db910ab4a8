package advisory

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec/firmware/version"
)

// MaxDocument bounds the size of one advisory document (64 MiB).
const MaxDocument = 64 << 20

// Sentinel errors.
var (
	// ErrTooLarge is returned for a document larger than MaxDocument.
	ErrTooLarge = errors.New("advisory document too large")
	// ErrFormat is returned when a document is not of the format read.
	ErrFormat = errors.New("not an advisory document of this format")
)

// Source names an advisory format.
type Source string

// Sources.
const (
	SourceOSV  Source = "osv"
	SourceCSAF Source = "csaf"
	SourceNVD  Source = "nvd"
	SourceCVE5 Source = "cve5"
	SourceKEV  Source = "kev"
	SourceVers Source = "vers"
)

// Origin is where a statement was read: source, document name and JSON
// path ("$.affected[0].ranges[1]").
type Origin struct {
	Source   Source `json:"source"`
	Document string `json:"document,omitempty"`
	Path     string `json:"path,omitempty"`
}

// String returns "source document path".
func (o Origin) String() string {
	return strings.TrimSpace(fmt.Sprintf("%s %s %s", o.Source, o.Document, o.Path))
}

// Issue is something an importer read but could not interpret.
type Issue struct {
	Origin  Origin `json:"origin"`
	Message string `json:"message"`
}

func (i Issue) String() string { return i.Origin.String() + ": " + i.Message }

// Status is the status of a version in one statement.
type Status string

// Statuses of versions not covered by a statement's lists and ranges.
const (
	StatusAffected   Status = "affected"
	StatusUnaffected Status = "unaffected"
	StatusUnknown    Status = "unknown"
)

// Advisory is one vulnerability as one source describes it.
type Advisory struct {
	// ID is the primary identifier (CVE ID when there is one).
	ID        string     `json:"id"`
	Aliases   []string   `json:"aliases,omitempty"`
	Title     string     `json:"title,omitempty"`
	Published time.Time  `json:"published,omitzero"`
	Modified  time.Time  `json:"modified,omitzero"`
	Origin    Origin     `json:"origin"`
	Affected  []Affected `json:"affected,omitempty"`
	// KEV is set when the CVE is in CISA's Known Exploited
	// Vulnerabilities catalogue (see [JoinKEV]).
	KEV *KEVEntry `json:"kev,omitempty"`
}

// Affected is what one statement of an advisory says about one product.
type Affected struct {
	Vendor  string `json:"vendor"`
	Product string `json:"product"`
	// Platforms restricts the statement to hardware models (NVD "running
	// on", CSAF installed_on); empty means any.
	Platforms []string `json:"platforms,omitempty"`
	// Edition restricts it to a release channel (NVD sw_edition, e.g.
	// RouterOS "ltr"); empty means any.
	Edition string `json:"edition,omitempty"`
	// Scheme is the version scheme the source declares ("semver",
	// "intdot", a vers type…); empty means the product's own scheme.
	Scheme string `json:"scheme,omitempty"`
	// Versions are enumerated affected versions.
	Versions []string `json:"versions,omitempty"`
	// Unaffected are enumerated versions stated not affected (or fixed).
	Unaffected []string `json:"unaffected,omitempty"`
	// Ranges are affected version ranges.
	Ranges []Range `json:"ranges,omitempty"`
	// UnaffectedRanges are ranges stated not affected.
	UnaffectedRanges []Range `json:"unaffected_ranges,omitempty"`
	// Fixed are versions known to fix the vulnerability.
	Fixed []string `json:"fixed,omitempty"`
	// NoFix says the vendor plans no fix or has none available.
	NoFix bool `json:"no_fix,omitempty"`
	// Default is the status of versions no list or range covers.
	Default Status `json:"default"`
	// Unparsed holds version statements the importer could not turn into
	// versions or ranges (free text); they make a verdict unknown.
	Unparsed []string `json:"unparsed,omitempty"`
	// Provider says who made the statement ("nvd", "cve5:cna",
	// "cve5:adp:CISA-ADP", "csaf:Cisco PSIRT", "osv"): statements of
	// different providers that disagree make a verdict unknown.
	Provider string `json:"provider"`
	Origin   Origin `json:"origin"`
}

// Range is an interval of versions. An empty bound is unbounded.
type Range struct {
	Lo          string `json:"lo,omitempty"`
	LoExclusive bool   `json:"lo_exclusive,omitempty"`
	Hi          string `json:"hi,omitempty"`
	// HiInclusive is true for last_affected / lessThanOrEqual /
	// versionEndIncluding, false for fixed / lessThan / versionEndExcluding.
	HiInclusive bool   `json:"hi_inclusive,omitempty"`
	Origin      Origin `json:"origin"`
}

// String renders the range in vers-like notation.
func (r Range) String() string {
	var b strings.Builder
	if r.Lo != "" {
		b.WriteString(map[bool]string{false: ">=", true: ">"}[r.LoExclusive] + r.Lo)
	}
	if r.Hi != "" {
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString(map[bool]string{false: "<", true: "<="}[r.HiInclusive] + r.Hi)
	}
	if b.Len() == 0 {
		return "*"
	}
	return b.String()
}

// Document is what an importer read from one input.
type Document struct {
	Advisories []Advisory `json:"advisories"`
	// KEV holds the catalogue entries when the document was a KEV
	// catalogue.
	KEV []KEVEntry `json:"kev,omitempty"`
	// Issues are the statements that could not be interpreted.
	Issues []Issue `json:"issues,omitempty"`
}

// readAll reads at most MaxDocument bytes of r.
func readAll(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxDocument+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > MaxDocument {
		return nil, fmt.Errorf("%s: more than %d bytes: %w", name, MaxDocument, ErrTooLarge)
	}
	return b, nil
}

// schemeFor returns the scheme of a statement: the product's own scheme
// when the registry knows the product (a FortiOS advisory that declares
// "semver" is still ordered per FortiOS minor), else the declared one, else
// generic.
func schemeFor(declared, vendor, product string) version.Scheme {
	if s, known := version.ForProduct(vendor, product); known {
		return s
	}
	if declared != "" {
		if s, err := version.Lookup(declared); err == nil {
			return s
		}
	}
	return version.Generic
}
