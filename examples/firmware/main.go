// Command firmware shows how an asset-management system embeds package
// firmware: it reads advisories in the formats vendors and NVD publish,
// asks which of them affect each device's installed firmware — affected,
// not affected, or unknown with a reason — and what to upgrade to in the
// device's own branch.
//
//	go run ./examples/firmware [ADVISORY-FILE...]
//
// Without arguments it uses two small advisories written inline (an OSV
// record and an NVD CVE record; they are examples, not real data). They
// disagree on purpose — the OSV record names per-branch fixes, the NVD
// record a bare "before 20.4" — and matching surfaces the disagreement
// as unknown instead of picking a side.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/netdevsec/netdevsec/firmware/advisory"
)

const osvRecord = `{"id": "EXAMPLE-2024-0001", "aliases": ["CVE-2099-0001"],
 "summary": "Example: Junos J-Web issue (not real data)",
 "affected": [{"package": {"ecosystem": "firmware", "name": "juniper/junos"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "21.4R1"}, {"fixed": "21.4R3-S5"}]},
              {"type": "ECOSYSTEM", "events": [{"introduced": "22.1R1"}, {"fixed": "22.1R3-S3"}]}]}]}`

const nvdRecord = `{"id": "CVE-2099-0001", "vulnStatus": "Analyzed", "cisaExploitAdd": "2099-01-02",
 "configurations": [{"nodes": [{"operator": "OR", "cpeMatch": [
   {"vulnerable": true, "criteria": "cpe:2.3:o:juniper:junos:*:*:*:*:*:*:*:*", "versionEndExcluding": "20.4"}]}]}]}`

func main() {
	var advs []advisory.Advisory
	var issues []advisory.Issue
	if len(os.Args) > 1 {
		for _, p := range os.Args[1:] {
			f, err := os.Open(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			d, err := advisory.Read(f, p)
			f.Close()
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			advs, issues = append(advs, d.Advisories...), append(issues, d.Issues...)
		}
	} else {
		for name, doc := range map[string]string{"example.osv.json": osvRecord, "example.nvd.json": nvdRecord} {
			d, err := advisory.Read(strings.NewReader(doc), name)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			advs, issues = append(advs, d.Advisories...), append(issues, d.Issues...)
		}
	}
	for _, i := range issues {
		fmt.Fprintln(os.Stderr, "not interpreted:", i)
	}

	ix := advisory.NewIndex(advs)
	fleet := []advisory.Device{
		{ID: "srx-1", Vendor: "Juniper", Model: "SRX300", Installed: "21.4R3-S4"},
		{ID: "srx-2", Vendor: "Juniper", Model: "SRX300", Installed: "22.1R3-S3"},
		{ID: "srx-3", Vendor: "Juniper", Model: "SRX300", Installed: "19.4R3-S9"},
		{ID: "srx-4", Vendor: "Juniper", Model: "SRX300", Installed: "unknown build"},
	}
	for _, d := range fleet {
		for _, m := range ix.Match(d) {
			fix := m.FixedIn
			if fix == "" && m.NoFixInBranch {
				fix = "none in branch " + m.Branch
			}
			kev := ""
			if m.KEV != nil {
				kev = " [known exploited]"
			}
			fmt.Printf("%s %s: %s %s (%s) fix: %s%s\n", d.ID, d.Installed, m.ID, m.Verdict, m.Reason, fix, kev)
		}
	}
}
