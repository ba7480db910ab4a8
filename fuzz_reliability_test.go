package netdevsec_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/netdevsec/netdevsec"
)

// FuzzDecodeJSONReport: a report read back from untrusted JSON never
// panics, is nil on error, and re-encodes to JSON that decodes to the same
// report (the JSON encoding is canonical and replayable). Every encoder
// accepts what the decoder accepted.
func FuzzDecodeJSONReport(f *testing.F) {
	if b, err := os.ReadFile("testdata/report.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"schema":"` + netdevsec.ReportSchema + `","tool":{"name":"x","version":"1"},"devices":[],"rules":[],"summary":{"devices":0,"findings":0,"by_status":{},"fail_by_severity":{},"by_clause":{}}}`))
	f.Add([]byte(`{"schema":"` + netdevsec.ReportSchema + `","devices":[{"id":"d","findings":[{"rule":"a.b","status":"fail","severity":"high"}]}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := netdevsec.DecodeJSONReport(bytes.NewReader(b))
		if err != nil {
			if r != nil {
				t.Fatal("report with an error")
			}
			return
		}
		var first bytes.Buffer
		if err := (netdevsec.JSONEncoder{}).Encode(&first, r); err != nil {
			return // e.g. a time outside JSON's range: refused, not a panic
		}
		again, err := netdevsec.DecodeJSONReport(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("own encoding does not decode: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := (netdevsec.JSONEncoder{}).Encode(&second, again); err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("round trip changed the report:\n%s\n---\n%s", first.Bytes(), second.Bytes())
		}
		var sarif bytes.Buffer
		if err := (netdevsec.SARIFEncoder{}).Encode(&sarif, again); err == nil && !json.Valid(sarif.Bytes()) {
			t.Fatalf("SARIF output is not JSON:\n%s", sarif.Bytes())
		}
		_ = (netdevsec.TextEncoder{Verbose: true, Lang: netdevsec.Japanese}).Encode(&bytes.Buffer{}, again)
	})
}

// FuzzParseSeverityStatus: the text forms of severities and statuses round
// trip, and parsing never panics.
func FuzzParseSeverityStatus(f *testing.F) {
	for _, s := range []string{"high", "critical", "info", "low", "medium", "fail", "pass", "unknown", "error", "not-applicable", "", "HIGH", "7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if sev, err := netdevsec.ParseSeverity(s); err == nil {
			back, err := netdevsec.ParseSeverity(sev.String())
			if err != nil || back != sev {
				t.Fatalf("severity %q -> %v -> %q -> %v, %v", s, sev, sev.String(), back, err)
			}
		}
		if st, err := netdevsec.ParseStatus(s); err == nil {
			back, err := netdevsec.ParseStatus(st.String())
			if err != nil || back != st {
				t.Fatalf("status %q -> %v -> %q -> %v, %v", s, st, st.String(), back, err)
			}
		}
		if l, err := netdevsec.ParseLang(s); err == nil {
			if _, err := netdevsec.ParseLang(string(l)); err != nil {
				t.Fatalf("lang %q -> %q does not parse: %v", s, l, err)
			}
		}
	})
}
