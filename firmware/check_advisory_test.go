package firmware

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/firmware/advisory"
)

func TestCheckAdvisories(t *testing.T) {
	kev := &advisory.KEVEntry{CVEID: "CVE-2023-20198", DateAdded: "2023-10-16"}
	f := Facts{Vendor: "cisco", Model: "C8300", Product: "ios_xe", Installed: "17.9.3"}
	P, F, U := netdevsec.StatusPass, netdevsec.StatusFail, netdevsec.StatusUnknown
	for _, tc := range []struct {
		name    string
		o       Observed
		f       Facts
		want    map[string][]netdevsec.Status
		message string
	}{
		{"no advisories configured", Observed{}, f,
			map[string][]netdevsec.Status{"firmware.advisory.affected": {U}, "firmware.advisory.unknown": {U}, "firmware.kev": {U}}, ""},
		{"nothing applies", Observed{AdvisoriesLoaded: true}, f,
			map[string][]netdevsec.Status{"firmware.advisory.affected": {P}, "firmware.advisory.unknown": {P}, "firmware.kev": {P}}, ""},
		{"affected and known exploited", Observed{AdvisoriesLoaded: true, Matches: []advisory.Match{
			{ID: "CVE-2023-20198", Verdict: advisory.VerdictAffected, Reason: advisory.ReasonListed, FixedIn: "17.9.4a", KEV: kev}}}, f,
			map[string][]netdevsec.Status{"firmware.advisory.affected": {F}, "firmware.advisory.unknown": {P}, "firmware.kev": {F}},
			"C8300 17.9.3 is affected by CVE-2023-20198 (fixed in 17.9.4a)"},
		{"no fix in branch", Observed{AdvisoriesLoaded: true, Matches: []advisory.Match{
			{ID: "CVE-X", Verdict: advisory.VerdictAffected, Branch: "17.5", NoFixInBranch: true, OtherBranches: []string{"17.6.6a", "17.9.4a"}}}}, f,
			map[string][]netdevsec.Status{"firmware.advisory.affected": {F}, "firmware.advisory.unknown": {P}, "firmware.kev": {P}},
			"C8300 17.9.3 is affected by CVE-X (no fix in branch 17.5; fixed in other branches: 17.6.6a, 17.9.4a)"},
		{"undecidable known exploited", Observed{AdvisoriesLoaded: true, Matches: []advisory.Match{
			{ID: "CVE-2023-20198", Verdict: advisory.VerdictUnknown, Reason: advisory.ReasonDisagree, KEV: kev},
			{ID: "CVE-Y", Verdict: advisory.VerdictNotAffected}}}, f,
			map[string][]netdevsec.Status{"firmware.advisory.affected": {P}, "firmware.advisory.unknown": {U}, "firmware.kev": {U}}, ""},
		{"no installed version", Observed{AdvisoriesLoaded: true}, Facts{Vendor: "cisco"},
			map[string][]netdevsec.Status{"firmware.advisory.affected": {U}, "firmware.advisory.unknown": {U}, "firmware.kev": {U}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := checkAdvisories("d", tc.f, tc.o)
			assert.Equal(t, tc.want, statuses(fs))
			if tc.message != "" {
				assert.Equal(t, tc.message, fs[0].Message)
			}
		})
	}
}

func TestCheckUpdateCapable(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		u    *UpdateFunction
		want netdevsec.Status
	}{
		{nil, netdevsec.StatusUnknown},
		{&UpdateFunction{}, netdevsec.StatusUnknown},
		{&UpdateFunction{Supported: &no}, netdevsec.StatusFail},
		{&UpdateFunction{Supported: &yes, Mechanisms: []string{"automatic"}}, netdevsec.StatusPass},
	} {
		got := Check("d", Facts{Update: tc.u}, Observed{}, time.Now())
		for _, f := range got {
			if f.RuleID == "firmware.update.capable" {
				assert.Equal(t, tc.want, f.Status, f.Message)
			}
		}
	}
}
