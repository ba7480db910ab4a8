package advisory

import (
	"bytes"
	"testing"
)

// FuzzRead drives the format detector over every sample: whatever format
// it picks, the importer's promises hold (no panic, nil on error, an
// indexable result).
func FuzzRead(f *testing.F) {
	fuzzImporter(f, func(b []byte) (*Document, error) { return Read(bytes.NewReader(b), "f") },
		"osv-routeros.json", "csaf-cisco-iosxe.json", "csaf-messy.json", "nvd-messy.json", "cve5-fortios.json", "kev.json")
}
