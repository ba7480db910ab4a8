package netdevsec

import (
	"encoding/json"
	"fmt"
	"io"
)

// JSONEncoder writes a report as JSON in the versioned schema named by
// [ReportSchema] (documented in docs/report-json.md). The output decodes
// back into an equal report with [DecodeJSONReport].
type JSONEncoder struct {
	// Indent pretty-prints with two spaces.
	Indent bool
}

// Encode writes r to w.
func (e JSONEncoder) Encode(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if e.Indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(r)
}

// MaxReportSize bounds what [DecodeJSONReport] reads (256 MiB).
const MaxReportSize = 256 << 20

// DecodeJSONReport reads a report written by [JSONEncoder]. It refuses
// other schema versions and unknown fields.
func DecodeJSONReport(rd io.Reader) (*Report, error) {
	dec := json.NewDecoder(io.LimitReader(rd, MaxReportSize))
	dec.DisallowUnknownFields()
	var r Report
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("decode report: %w", err)
	}
	if r.Schema != ReportSchema {
		return nil, fmt.Errorf("decode report: schema %q is not %q", r.Schema, ReportSchema)
	}
	return &r, nil
}
