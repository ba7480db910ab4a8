package netdevsec

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SARIFEncoder writes a report as SARIF 2.1.0 for security tooling (code
// scanning dashboards, SIEMs). The mapping:
//
//   - each rule is a reportingDescriptor with its title, description,
//     remediation (help), clauses as tags and its severity as the
//     "security-severity" property and default level;
//   - each finding is a result: fail → kind "fail" with a level from the
//     severity; pass → "pass"; not-applicable → "notApplicable"; unknown
//     and error → "open" (the tool could not decide), all with level
//     "none" as SARIF requires for non-failures;
//   - the device is a logical location (kind "device") and, where the
//     finding has one, the file:line is a physical location;
//   - status, device and evidence go into the result's property bag.
type SARIFEncoder struct {
	// Lang selects the language of rule texts; zero is English.
	Lang Lang
}

// SARIF 2.1.0 documents, the subset netdevsec writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string            `json:"name"`
		Version        string            `json:"version,omitempty"`
		InformationURI string            `json:"informationUri,omitempty"`
		Language       string            `json:"language,omitempty"`
		Rules          []sarifDescriptor `json:"rules"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifDescriptor struct {
		ID                   string       `json:"id"`
		Name                 string       `json:"name,omitempty"`
		ShortDescription     sarifMessage `json:"shortDescription"`
		FullDescription      sarifMessage `json:"fullDescription"`
		Help                 sarifMessage `json:"help"`
		DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
		Properties           sarifRuleBag `json:"properties"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifRuleBag struct {
		Tags             []string `json:"tags"`
		SecuritySeverity string   `json:"security-severity"`
		Severity         Severity `json:"netdevsec-severity"`
		References       []string `json:"references,omitempty"`
	}
	sarifResult struct {
		RuleID     string          `json:"ruleId"`
		RuleIndex  int             `json:"ruleIndex"`
		Kind       string          `json:"kind"`
		Level      string          `json:"level"`
		Message    sarifMessage    `json:"message"`
		Locations  []sarifLocation `json:"locations,omitempty"`
		Properties sarifResultBag  `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLogical struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifResultBag struct {
		Device   string     `json:"device"`
		Status   Status     `json:"status"`
		Severity Severity   `json:"severity"`
		Clauses  []ClauseID `json:"clauses"`
		Evidence []Evidence `json:"evidence,omitempty"`
	}
)

// SARIFSchemaURI is the $schema the encoder writes.
const SARIFSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// Encode writes r to w.
func (e SARIFEncoder) Encode(w io.Writer, r *Report) error {
	lang := e.Lang
	if lang == "" {
		lang = English
	}
	driver := sarifDriver{
		Name:           r.Tool.Name,
		Version:        r.Tool.Version,
		InformationURI: r.Tool.URI,
		Language:       string(lang),
		Rules:          []sarifDescriptor{},
	}
	index := map[string]int{}
	for _, rule := range r.Rules {
		index[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule(rule, lang))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for _, d := range r.Devices {
		for _, f := range d.Findings {
			i, ok := index[f.RuleID]
			if !ok {
				// A finding of a rule the report lacks still gets a
				// descriptor, so that ruleIndex is always valid.
				i = len(run.Tool.Driver.Rules)
				index[f.RuleID] = i
				run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(Rule{
					ID: f.RuleID, Title: Text{EN: f.RuleID}, Severity: f.Severity, Clauses: f.Clauses,
				}, lang))
			}
			run.Results = append(run.Results, sarifFinding(f, i))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: SARIFSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
}

func sarifRule(r Rule, lang Lang) sarifDescriptor {
	tags := []string{"security"}
	for _, c := range r.Clauses {
		tags = append(tags, string(c))
	}
	var refs []string
	for _, ref := range r.References {
		s := ref.Name
		if ref.URL != "" {
			s += " <" + ref.URL + ">"
		}
		refs = append(refs, s)
	}
	title := r.Title.In(lang)
	desc := r.Description.In(lang)
	if desc == "" {
		desc = title
	}
	help := r.Remediation.In(lang)
	if help == "" {
		help = title
	}
	return sarifDescriptor{
		ID:                   r.ID,
		Name:                 sarifName(r.ID),
		ShortDescription:     sarifMessage{Text: title},
		FullDescription:      sarifMessage{Text: desc},
		Help:                 sarifMessage{Text: help},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		Properties: sarifRuleBag{
			Tags:             tags,
			SecuritySeverity: securitySeverity(r.Severity),
			Severity:         r.Severity,
			References:       refs,
		},
	}
}

// sarifName turns "router.wifi.open" into "RouterWifiOpen", the
// PascalCase form SARIF viewers show.
func sarifName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '.' || r == '-' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func sarifFinding(f Finding, ruleIndex int) sarifResult {
	res := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Kind:      sarifKind(f.Status),
		Level:     "none",
		Message:   sarifMessage{Text: f.Message},
		Properties: sarifResultBag{
			Device:   f.Device,
			Status:   f.Status,
			Severity: f.Severity,
			Clauses:  f.Clauses,
			Evidence: f.Evidence,
		},
	}
	if res.Message.Text == "" {
		res.Message.Text = f.RuleID + ": " + f.Status.String()
	}
	if f.Status == StatusFail {
		res.Level = sarifLevel(f.Severity)
	}
	loc := sarifLocation{LogicalLocations: []sarifLogical{{Name: f.Device, FullyQualifiedName: f.Device, Kind: "device"}}}
	if f.Location != nil && f.Location.File != "" {
		phys := &sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(f.Location.File)}}
		if f.Location.Line > 0 {
			phys.Region = &sarifRegion{StartLine: f.Location.Line, StartColumn: f.Location.Column}
		}
		loc.PhysicalLocation = phys
	}
	res.Locations = []sarifLocation{loc}
	return res
}

func sarifKind(s Status) string {
	switch s {
	case StatusFail:
		return "fail"
	case StatusPass:
		return "pass"
	case StatusNotApplicable:
		return "notApplicable"
	}
	return "open"
}

func sarifLevel(s Severity) string {
	switch {
	case s >= SeverityHigh:
		return "error"
	case s >= SeverityMedium:
		return "warning"
	case s >= SeverityLow:
		return "note"
	}
	return "note"
}

// securitySeverity maps a severity onto the 0.0–10.0 CVSS-like scale that
// code-scanning tools read from "security-severity".
func securitySeverity(s Severity) string {
	v := float64(s) / float64(SeverityCritical) * 9.5
	v = min(max(v, 0), 10)
	return fmt.Sprintf("%.1f", v)
}

// fileURI writes a relative path as a relative URI reference and an
// absolute one as a file: URI.
func fileURI(p string) string {
	p = filepath.ToSlash(p)
	u := url.URL{Path: p}
	if strings.HasPrefix(p, "/") {
		u.Scheme = "file"
	}
	return u.String()
}
