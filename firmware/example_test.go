package firmware_test

import (
	"fmt"
	"strings"
	"testing/fstest"
	"time"

	"github.com/netdevsec/netdevsec/firmware"
)

// ExampleCheck runs the firmware rules over facts an embedding system
// already holds.
func ExampleCheck() {
	no := false
	f := firmware.Facts{
		Vendor: "yamaha", Model: "RTX830", Installed: "Rev.15.02.20",
		InstalledAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		Update:      &firmware.UpdateFunction{Supported: &no},
		Releases: []firmware.Release{
			{Version: "Rev.15.02.20", Date: time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)},
			{Version: "Rev.15.02.30", Date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		},
	}
	for _, fd := range firmware.Check("rtr-osaka-2", f, firmware.Observed{FactsKnown: true}, time.Now()) {
		if fd.RuleID == "firmware.update.capable" || fd.RuleID == "firmware.latest.at-install" {
			fmt.Println(fd.RuleID, fd.Status, "-", fd.Message)
		}
	}
	// Output:
	// firmware.update.capable fail - the firmware cannot be updated
	// firmware.latest.at-install fail - installed Rev.15.02.20 on 2024-05-01 although Rev.15.02.30 (released 2024-03-01) was available
}

// ExampleLoadAdvisories loads advisories from a file system and matches a
// device against them.
func ExampleLoadAdvisories() {
	fsys := fstest.MapFS{"fortios.cve.json": {Data: []byte(`{"dataType": "CVE_RECORD", "dataVersion": "5.1",
 "cveMetadata": {"cveId": "CVE-2099-0002", "state": "PUBLISHED"},
 "containers": {"cna": {"affected": [{"vendor": "Fortinet", "product": "FortiOS", "defaultStatus": "unaffected",
   "versions": [{"version": "7.2.0", "lessThanOrEqual": "7.2.4", "status": "affected", "versionType": "semver"},
                {"version": "7.2.5", "status": "unaffected", "versionType": "semver"},
                {"version": "6.0.0", "lessThanOrEqual": "6.0.17", "status": "affected", "versionType": "semver"}]}]}}}`)}}
	advs, err := firmware.LoadAdvisories(fsys, "fortios.cve.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, installed := range []string{"v7.2.4 build1396 (GA.M)", "7.2.5", "6.0.17"} {
		for _, m := range advs.Index.Match(firmwareDevice(installed)) {
			fmt.Printf("%s: %s %s fixed-in=%q other-branches=%s\n", installed, m.ID, m.Verdict, m.FixedIn, strings.Join(m.OtherBranches, ","))
		}
	}
	// Output:
	// v7.2.4 build1396 (GA.M): CVE-2099-0002 affected fixed-in="7.2.5" other-branches=
	// 7.2.5: CVE-2099-0002 not-affected fixed-in="" other-branches=
	// 6.0.17: CVE-2099-0002 affected fixed-in="" other-branches=7.2.5
}
