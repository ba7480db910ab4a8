package snmp_test

import (
	"bufio"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/netdevsec/netdevsec/probe/snmp"
)

// recorded returns the sysDescr and sysObjectID of every snmpsim recording
// in testdata.
func recorded(t testing.TB) [][2]string {
	paths, _ := filepath.Glob("testdata/snmprec/*.snmprec")
	var out [][2]string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		var rec [2]string
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			oid, rest, _ := strings.Cut(sc.Text(), "|")
			typ, val, _ := strings.Cut(rest, "|")
			if strings.HasSuffix(typ, "x") {
				if b, err := hex.DecodeString(val); err == nil {
					val = string(b)
				}
			}
			switch "." + oid {
			case snmp.OIDSysDescr:
				rec[0] = val
			case snmp.OIDSysObjectID:
				rec[1] = "." + val
			}
		}
		f.Close()
		out = append(out, rec)
	}
	return out
}

// FuzzIdentifyRecorded is FuzzIdentify seeded from the snmpsim recordings
// of real devices: identification never panics, is deterministic, keeps
// within the input bound, and yields valid UTF-8 whatever bytes the agent
// sent.
func FuzzIdentifyRecorded(f *testing.F) {
	recs := recorded(f)
	if len(recs) == 0 {
		f.Fatal("no recordings in testdata/snmprec")
	}
	for _, r := range recs {
		f.Add(r[0], r[1])
	}
	f.Fuzz(func(t *testing.T, descr, oid string) {
		id := snmp.Identify(descr, oid)
		if again := snmp.Identify(descr, oid); again != id {
			t.Fatalf("not deterministic: %+v then %+v", id, again)
		}
		for _, s := range []string{id.Vendor, id.OS, id.Model, id.Version} {
			if len(s) > snmp.MaxSysDescr {
				t.Fatalf("identity longer than the input bound: %+v", id)
			}
			if utf8.ValidString(descr) && !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 from valid input: %q", s)
			}
		}
	})
}
