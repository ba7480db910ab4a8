package advisory

import (
	"bytes"
	"fmt"
	"io"
)

// Read reads an advisory document of any supported format, told apart by
// its content: CSAF (document.csaf_version), CVE JSON 5 (dataType
// CVE_RECORD), the KEV catalogue (catalogVersion), NVD API 2.0 (a
// vulnerabilities array of cve objects, or one CVE object with
// configurations) and OSV (everything else with an id and affected).
func Read(r io.Reader, name string) (*Document, error) {
	b, err := readAll(r, name)
	if err != nil {
		return nil, err
	}
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	has := func(s string) bool { return bytes.Contains(head, []byte(s)) }
	rd := bytes.NewReader(b)
	switch {
	case has(`"csaf_version"`):
		return ReadCSAF(rd, name)
	case has(`"CVE_RECORD"`):
		return ReadCVE5(rd, name)
	case has(`"catalogVersion"`) || has(`"cveID"`):
		return ReadKEV(rd, name)
	case has(`"vulnerabilities"`) || has(`"configurations"`) || has(`"vulnStatus"`):
		return ReadNVD(rd, name)
	case has(`"affected"`) || has(`"schema_version"`):
		return ReadOSV(rd, name)
	}
	return nil, fmt.Errorf("%s: not OSV, CSAF, NVD, CVE 5 or KEV: %w", name, ErrFormat)
}
