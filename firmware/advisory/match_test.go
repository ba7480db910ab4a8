package advisory

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/firmware/version"
)

// fixtureIndex loads every fixture document into one index, joined with
// the KEV catalogue.
func fixtureIndex(t testing.TB) *Index {
	var advs []Advisory
	var kev []KEVEntry
	for file, f := range map[string]func(*os.File, string) (*Document, error){
		"osv-routeros.json": osvR, "csaf-cisco-iosxe.json": csafR, "csaf-messy.json": csafR,
		"nvd-messy.json": nvdR, "cve5-fortios.json": cve5R, "kev.json": kevR,
	} {
		fh, err := os.Open(filepath.Join("testdata", file))
		require.NoError(t, err)
		d, err := f(fh, file)
		fh.Close()
		require.NoError(t, err)
		advs = append(advs, d.Advisories...)
		kev = append(kev, d.KEV...)
	}
	JoinKEV(advs, kev)
	return NewIndex(advs)
}

func find(ms []Match, id string) *Match {
	for i := range ms {
		if ms[i].ID == id {
			return &ms[i]
		}
	}
	return nil
}

func TestMatch(t *testing.T) {
	ix := fixtureIndex(t)
	type want struct {
		verdict       Verdict
		reason        Reason
		fixedIn       string
		noFixInBranch bool
		others        []string
		kev           bool
	}
	for _, tc := range []struct {
		name string
		dev  Device
		id   string
		want *want // nil: the advisory does not apply
	}{
		// Enumerated lists (Cisco CSAF) agree with NVD ranges.
		{"iosxe listed and in range", Device{Vendor: "Cisco", Model: "C8300", Product: "ios_xe", Installed: "17.9.3"},
			"CVE-2023-20198", &want{VerdictAffected, ReasonListed, "17.9.4a", false, nil, true}},
		{"iosxe fixed respin", Device{Vendor: "cisco", Product: "ios_xe", Installed: "17.9.4a"},
			"CVE-2023-20198", &want{VerdictNotAffected, ReasonListed, "", false, nil, true}},
		{"iosxe newer than the fix", Device{Vendor: "cisco", Product: "IOS XE", Installed: "17.9.5"},
			"CVE-2023-20198", &want{VerdictNotAffected, ReasonNotListed, "", false, nil, true}},
		// CSAF lists 17.5.1 (no fix planned); NVD has no 17.5 range:
		// sources disagree, and there is no fix in the 17.5 branch.
		{"iosxe sources disagree, no fix in branch", Device{Vendor: "cisco", Product: "ios_xe", Installed: "17.5.1"},
			"CVE-2023-20198", &want{VerdictUnknown, ReasonDisagree, "", true, []string{"16.12.10a", "17.3.8a", "17.6.6a", "17.9.4a"}, true}},
		// A special build is enumerated by Cisco; NVD's range would
		// need an order that does not exist.
		{"iosxe special build listed", Device{Vendor: "cisco", Product: "ios_xe", Installed: "17.9.1x1"},
			"CVE-2023-20198", &want{VerdictAffected, ReasonListed, "", true, []string{"16.12.10a", "17.3.8a", "17.6.6a", "17.9.4a"}, true}},
		// Junos: enumerated releases, restricted to platforms.
		{"junos listed on platform", Device{Vendor: "Juniper", Model: "SRX300", Installed: "21.4R3-S4"},
			"CVE-2023-36845", &want{VerdictAffected, ReasonListed, "", true, nil, true}},
		{"junos other service release", Device{Vendor: "Juniper", Model: "SRX300", Installed: "21.4R3-S5"},
			"CVE-2023-36845", &want{VerdictNotAffected, ReasonNotListed, "", false, nil, true}},
		{"junos other platform", Device{Vendor: "Juniper", Model: "MX480", Installed: "21.4R3-S4"}, "CVE-2023-36845", nil},
		{"junos old release in open range", Device{Vendor: "Juniper", Model: "SRX300", Installed: "19.4R3-S9"},
			"CVE-2023-36845", &want{VerdictAffected, ReasonInRange, "", true, []string{"20.4"}, true}},
		// RouterOS: OSV range with fixed, last_affected and versions;
		// NVD per channel; an NVD date bound makes another CVE unknown.
		{"routeros stable in range", Device{Vendor: "MikroTik", Model: "RB5009", Installed: "6.49.6", Channel: "stable"},
			"CVE-2023-30799", &want{VerdictAffected, ReasonInRange, "6.49.7", false, nil, false}},
		// OSV's last_affected includes 7.9.2; NVD's ranges stop at 6.x:
		// the disagreement is surfaced, not resolved.
		{"routeros last_affected inclusive, sources disagree", Device{Vendor: "MikroTik", Model: "RB5009", Installed: "7.9.2"},
			"CVE-2023-30799", &want{VerdictUnknown, ReasonDisagree, "", false, nil, false}},
		{"routeros after last_affected", Device{Vendor: "MikroTik", Model: "RB5009", Installed: "7.10", Channel: "stable"},
			"CVE-2023-30799", &want{VerdictNotAffected, ReasonNotListed, "", false, nil, false}},
		{"routeros date bound", Device{Vendor: "MikroTik", Model: "RB5009", Installed: "6.47"},
			"CVE-2021-3014", &want{VerdictUnknown, ReasonFreeText, "", false, nil, false}},
		{"routeros beta below fix", Device{Vendor: "MikroTik", Model: "RB5009", Installed: "6.49.7rc1", Channel: "stable"},
			"CVE-2023-30799", &want{VerdictAffected, ReasonInRange, "6.49.7", false, nil, false}},
		// FortiOS: per-branch ranges; CISA ADP merged branches wrongly
		// and uses "changes" → disagreement surfaces.
		{"fortios in branch", Device{Vendor: "Fortinet", Model: "FortiGate-60F", Installed: "v7.2.4 build1396 (GA.M)"},
			"CVE-2023-27997", &want{VerdictAffected, ReasonInRange, "7.2.5", false, nil, true}},
		{"fortios fixed", Device{Vendor: "Fortinet", Model: "FortiGate-60F", Installed: "7.2.5"},
			"CVE-2023-27997", &want{VerdictUnknown, ReasonFreeText, "", false, nil, true}},
		{"fortios 6.0 no fix in branch", Device{Vendor: "Fortinet", Model: "FortiGate-60F", Installed: "6.0.16"},
			"CVE-2023-27997", &want{VerdictAffected, ReasonInRange, "", true, []string{"6.2.16", "6.4.13", "7.0.12", "7.2.5"}, true}},
		// Yamaha: NVD firmware-on-hardware, "Rev." dropped by NVD.
		{"yamaha affected", Device{Vendor: "Yamaha", Model: "RTX830", Installed: "Rev.15.02.26"},
			"CVE-2022-43665", &want{VerdictAffected, ReasonInRange, "", true, nil, false}},
		{"yamaha current", Device{Vendor: "Yamaha", Model: "RTX830", Installed: "Rev.15.02.30"},
			"CVE-2022-43665", &want{VerdictNotAffected, ReasonNotListed, "", false, nil, false}},
		{"yamaha other series", Device{Vendor: "Yamaha", Model: "NVR510", Installed: "Rev.15.01.22"},
			"CVE-2022-43665", &want{VerdictAffected, ReasonInRange, "", true, nil, false}},
		// Parse errors never become "not affected".
		{"unparseable installed", Device{Vendor: "Yamaha", Model: "RTX830", Installed: "latest"},
			"CVE-2022-43665", &want{VerdictUnknown, ReasonUnparseable, "", false, nil, false}},
		{"no installed version", Device{Vendor: "Cisco", Product: "ios_xe"},
			"CVE-2023-20198", &want{VerdictUnknown, ReasonNoVersionData, "", false, nil, true}},
		// CSAF free text and vls.
		{"csaf free text", Device{Vendor: "Acme", Model: "Acme Gateway", Installed: "8.5"},
			"CVE-2024-0001", &want{VerdictUnknown, ReasonFreeText, "", false, nil, false}},
		{"csaf vls affected", Device{Vendor: "Acme", Model: "Gateway", Installed: "3.0.28"},
			"CVE-2024-0001", &want{VerdictAffected, ReasonInRange, "3.0.29", false, nil, false}},
		{"csaf installed_on", Device{Vendor: "Acme", Model: "FS-200", Product: "Acme Field Switch", Installed: "4.1.0"},
			"CVE-2024-0001", &want{VerdictAffected, ReasonListed, "", true, nil, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := find(ix.Match(tc.dev), tc.id)
			if tc.want == nil {
				assert.Nil(t, m)
				return
			}
			require.NotNil(t, m, "advisory %s not matched", tc.id)
			got := want{m.Verdict, m.Reason, m.FixedIn, m.NoFixInBranch, m.OtherBranches, m.KEV != nil}
			assert.Equal(t, *tc.want, got, "detail: %s; statements: %+v", m.Detail, m.Statements)
			assert.NotEmpty(t, m.Statements)
		})
	}
}

func TestMatchSchemeOverride(t *testing.T) {
	ix := NewIndex([]Advisory{{ID: "X-1", Affected: []Affected{{Vendor: "acme", Product: "os", Scheme: "intdot",
		Ranges: []Range{{Hi: "2.0"}}, Default: StatusUnaffected, Provider: "osv"}}}})
	m := find(ix.Match(Device{Vendor: "acme", Model: "os", Installed: "1.5"}), "X-1")
	require.NotNil(t, m)
	assert.Equal(t, VerdictAffected, m.Verdict)
	m = find(ix.Match(Device{Vendor: "acme", Model: "os", Installed: "1.5", Scheme: version.Semver}), "X-1")
	require.NotNil(t, m)
	assert.Equal(t, VerdictUnknown, m.Verdict)
	assert.Equal(t, ReasonScheme, m.Reason)
}
