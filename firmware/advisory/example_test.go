package advisory_test

import (
	"fmt"
	"strings"

	"github.com/netdevsec/netdevsec/firmware/advisory"
)

func Example() {
	// A CSAF-style enumeration from the vendor, and an NVD range.
	csaf := `{"document": {"csaf_version": "2.0", "publisher": {"name": "Cisco"}, "tracking": {"id": "example-sa"}},
 "product_tree": {"branches": [{"category": "vendor", "name": "Cisco", "branches": [
   {"category": "product_name", "name": "Cisco IOS XE Software", "branches": [
     {"category": "product_version", "name": "17.9", "branches": [
       {"category": "service_pack", "name": "17.9.3", "product": {"name": "17.9.3", "product_id": "P1"}},
       {"category": "service_pack", "name": "17.9.4a", "product": {"name": "17.9.4a", "product_id": "P2"}}]}]}]}]},
 "vulnerabilities": [{"cve": "CVE-2099-0003", "product_status": {"known_affected": ["P1"], "fixed": ["P2"]}}]}`
	nvd := `{"id": "CVE-2099-0003", "configurations": [{"nodes": [{"operator": "OR", "cpeMatch": [
   {"vulnerable": true, "criteria": "cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*", "versionStartIncluding": "17.9.0", "versionEndExcluding": "17.9.4a"}]}]}]}`
	var advs []advisory.Advisory
	for name, doc := range map[string]string{"sa.csaf.json": csaf, "cve.nvd.json": nvd} {
		d, err := advisory.Read(strings.NewReader(doc), name)
		if err != nil {
			fmt.Println(err)
			return
		}
		advs = append(advs, d.Advisories...)
	}
	ix := advisory.NewIndex(advs)
	for _, v := range []string{"17.9.3", "17.9.4a", "17.9.1x1", "17.6.6"} {
		for _, m := range ix.Match(advisory.Device{Vendor: "cisco", Product: "ios_xe", Installed: v}) {
			fmt.Printf("%-8s %s %s (%s) fixed-in=%q\n", v, m.ID, m.Verdict, m.Reason, m.FixedIn)
		}
	}
	// Output:
	// 17.9.3   CVE-2099-0003 affected (listed) fixed-in="17.9.4a"
	// 17.9.4a  CVE-2099-0003 not-affected (listed) fixed-in=""
	// 17.9.1x1 CVE-2099-0003 unknown (incomparable-branch) fixed-in=""
	// 17.6.6   CVE-2099-0003 not-affected (not-listed) fixed-in=""
}

func ExampleParseVers() {
	v, err := advisory.ParseVers("vers:intdot/>=1.2|!=1.5|<2.0")
	fmt.Println(v, err)
	_, err = advisory.ParseVers("vers:intdot/<2.0|>=1.2")
	fmt.Println(err)
	// Output:
	// vers:intdot/>=1.2|!=1.5|<2.0 <nil>
	// non-canonical VERS: constraints are not sorted by version: invalid vers
}
