package netdevsec

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
)

// ReportSchema names the version of the JSON report format. It changes
// only when a field changes meaning or disappears; new fields may be added
// within a version. docs/report-json.md documents it.
const ReportSchema = "https://github.com/netdevsec/netdevsec/report/v1"

// Report is the outcome of an audit: findings per device in a
// deterministic order, the metadata of every rule that produced them, and
// counts.
type Report struct {
	Schema    string         `json:"schema"`
	Tool      Tool           `json:"tool"`
	Generated time.Time      `json:"generated,omitzero"`
	Devices   []DeviceResult `json:"devices"`
	Rules     []Rule         `json:"rules"`
	Summary   Summary        `json:"summary"`
}

// Tool names the program that made a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	URI     string `json:"uri,omitempty"`
}

// DeviceInfo describes an audited device in a report.
type DeviceInfo struct {
	ID     string `json:"id"`
	Class  string `json:"class,omitempty"`
	Vendor string `json:"vendor,omitempty"`
	Model  string `json:"model,omitempty"`
}

// DeviceResult is one device and its findings, sorted by [CompareFindings].
type DeviceResult struct {
	DeviceInfo
	Findings []Finding `json:"findings"`
}

// Summary counts findings.
type Summary struct {
	Devices  int            `json:"devices"`
	Findings int            `json:"findings"`
	ByStatus map[Status]int `json:"by_status"`
	// FailBySeverity counts failing findings by severity.
	FailBySeverity map[Severity]int `json:"fail_by_severity"`
	// ByClause counts findings per clause and status.
	ByClause map[ClauseID]map[Status]int `json:"by_clause"`
}

// Failed reports whether any finding failed.
func (s Summary) Failed() bool { return s.ByStatus[StatusFail] > 0 }

// NewReport builds a report from devices and findings. Findings of devices
// not listed get a device entry of their own; rules are those of rules that
// some finding names, sorted by ID. The result does not depend on the order
// of its inputs.
func NewReport(tool Tool, devices []DeviceInfo, rules []Rule, findings []Finding) *Report {
	byID := make(map[string]*DeviceResult, len(devices))
	for _, d := range devices {
		if _, ok := byID[d.ID]; !ok {
			byID[d.ID] = &DeviceResult{DeviceInfo: d}
		}
	}
	for _, f := range findings {
		dr, ok := byID[f.Device]
		if !ok {
			dr = &DeviceResult{DeviceInfo: DeviceInfo{ID: f.Device}}
			byID[f.Device] = dr
		}
		dr.Findings = append(dr.Findings, f)
	}
	r := &Report{Schema: ReportSchema, Tool: tool}
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		dr := byID[id]
		slices.SortStableFunc(dr.Findings, CompareFindings)
		if dr.Findings == nil {
			dr.Findings = []Finding{}
		}
		r.Devices = append(r.Devices, *dr)
	}
	used := map[string]bool{}
	for _, f := range findings {
		used[f.RuleID] = true
	}
	seen := map[string]bool{}
	for _, rule := range rules {
		if used[rule.ID] && !seen[rule.ID] {
			seen[rule.ID] = true
			r.Rules = append(r.Rules, rule)
		}
	}
	slices.SortFunc(r.Rules, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	if r.Rules == nil {
		r.Rules = []Rule{}
	}
	if r.Devices == nil {
		r.Devices = []DeviceResult{}
	}
	r.Summary = summarize(r.Devices)
	return r
}

func summarize(devices []DeviceResult) Summary {
	s := Summary{
		Devices:        len(devices),
		ByStatus:       map[Status]int{},
		FailBySeverity: map[Severity]int{},
		ByClause:       map[ClauseID]map[Status]int{},
	}
	for _, d := range devices {
		for _, f := range d.Findings {
			s.Findings++
			s.ByStatus[f.Status]++
			if f.Status == StatusFail {
				s.FailBySeverity[f.Severity]++
			}
			for _, c := range f.Clauses {
				if s.ByClause[c] == nil {
					s.ByClause[c] = map[Status]int{}
				}
				s.ByClause[c][f.Status]++
			}
		}
	}
	return s
}

// Findings returns every finding of the report in report order.
func (r *Report) Findings() []Finding {
	var out []Finding
	for _, d := range r.Devices {
		out = append(out, d.Findings...)
	}
	return out
}

// Rule returns the metadata of the rule with id, if the report has it.
func (r *Report) Rule(id string) (Rule, bool) {
	i, ok := slices.BinarySearchFunc(r.Rules, id, func(a Rule, id string) int { return cmp.Compare(a.ID, id) })
	if !ok {
		return Rule{}, false
	}
	return r.Rules[i], true
}
