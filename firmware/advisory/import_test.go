package advisory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func read(t *testing.T, f func(r *os.File, name string) (*Document, error), file string) *Document {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", file))
	require.NoError(t, err)
	defer fh.Close()
	d, err := f(fh, file)
	require.NoError(t, err)
	return d
}

func osvR(r *os.File, n string) (*Document, error)  { return ReadOSV(r, n) }
func csafR(r *os.File, n string) (*Document, error) { return ReadCSAF(r, n) }
func nvdR(r *os.File, n string) (*Document, error)  { return ReadNVD(r, n) }
func cve5R(r *os.File, n string) (*Document, error) { return ReadCVE5(r, n) }
func kevR(r *os.File, n string) (*Document, error)  { return ReadKEV(r, n) }

// issuePaths returns "path: message" for each issue.
func issuePaths(d *Document) []string {
	var out []string
	for _, i := range d.Issues {
		out = append(out, i.Origin.Path+": "+i.Message)
	}
	return out
}

func assertIssue(t *testing.T, d *Document, path, contains string) {
	t.Helper()
	for _, i := range d.Issues {
		if i.Origin.Path == path && strings.Contains(i.Message, contains) {
			return
		}
	}
	t.Errorf("no issue at %s containing %q; issues:\n%s", path, contains, strings.Join(issuePaths(d), "\n"))
}

func TestReadOSV(t *testing.T) {
	d := read(t, osvR, "osv-routeros.json")
	require.Len(t, d.Advisories, 3)
	a := d.Advisories[0]
	assert.Equal(t, "CVE-2023-30799", a.ID, "the CVE alias becomes the ID")
	assert.Equal(t, []string{"NDS-2023-0001"}, a.Aliases)
	require.Len(t, a.Affected, 1)
	e := a.Affected[0]
	assert.Equal(t, "mikrotik", e.Vendor)
	assert.Equal(t, "routeros", e.Product)
	assert.Equal(t, []string{"6.48.6"}, e.Versions)
	assert.Equal(t, []string{"6.49.7"}, e.Fixed)
	require.Len(t, e.Ranges, 2)
	assert.Equal(t, "<6.49.7", e.Ranges[0].String())
	assert.Equal(t, ">=7.0|<=7.9.2", e.Ranges[1].String())
	assert.Equal(t, "$[0].affected[0].ranges[1]", e.Ranges[1].Origin.Path)

	limit := d.Advisories[1].Affected[0]
	require.Len(t, limit.Ranges, 1)
	assert.Equal(t, ">=23.05.0-rc1|<23.05.3", limit.Ranges[0].String(), "limit caps the open range")
	assert.Equal(t, []string{"GIT range https://git.openwrt.org/openwrt/openwrt.git"}, limit.Unparsed)
	assertIssue(t, d, "$[1].affected[0].ranges[1]", "GIT ranges")

	messy := d.Advisories[2].Affected[0]
	assert.Equal(t, "acme", messy.Vendor, "vendor from the purl")
	assert.Equal(t, "widget-os", messy.Product)
	assertIssue(t, d, "$[2].affected[0].ranges[0]", "1.4.x")
	assertIssue(t, d, "$[2].affected[0].ranges[1]", `"withdrawn" not understood`)
	assert.Len(t, messy.Unparsed, 2)
}

func TestReadCSAFCisco(t *testing.T) {
	d := read(t, csafR, "csaf-cisco-iosxe.json")
	assert.Empty(t, d.Issues)
	require.Len(t, d.Advisories, 1)
	a := d.Advisories[0]
	assert.Equal(t, "CVE-2023-20198", a.ID)
	assert.Contains(t, a.Aliases, "cisco-sa-iosxe-webui-privesc-j22SaA4z")
	require.Len(t, a.Affected, 1)
	e := a.Affected[0]
	assert.Equal(t, "Cisco IOS XE Software", e.Product)
	assert.Equal(t, []string{"17.9.1", "17.9.2", "17.9.3", "17.9.1x1", "17.6.5", "17.5.1"}, e.Versions)
	assert.Equal(t, []string{"17.9.4a", "17.6.6a", "16.12.10a"}, e.Unaffected)
	assert.ElementsMatch(t, []string{"17.9.4a", "17.6.6a", "16.12.10a"}, e.Fixed)
	assert.True(t, e.NoFix, "no_fix_planned on 17.5")
	assert.Equal(t, StatusUnaffected, e.Default)
	assert.Equal(t, "csaf:Cisco", e.Provider)
}

func TestReadCSAFMessy(t *testing.T) {
	d := read(t, csafR, "csaf-messy.json")
	require.Len(t, d.Advisories, 1)
	byProduct := map[string]Affected{}
	for _, e := range d.Advisories[0].Affected {
		byProduct[e.Product+"|"+strings.Join(e.Platforms, ",")] = e
	}
	gw := byProduct["Acme Gateway|"]
	var rs []string
	for _, r := range gw.Ranges {
		rs = append(rs, r.String())
	}
	assert.Equal(t, []string{"<3.0.29", "<7.0.3", ">=8.0|<8.4"}, rs, "vls, salvaged vers:all and canonical vers")
	assert.Equal(t, []string{"<= 7.20 (7.50 and 7.60 may also be affected)", "2.3.6 and  below"}, gw.Unparsed)
	assert.Equal(t, []string{"3.0.29", "7.0.3", "8.4"}, gw.Fixed, "exclusive upper bounds and fixed products")
	assert.Equal(t, []Range{{Origin: Origin{SourceCSAF, "csaf-messy.json", "$.vulnerabilities[0].product_status.known_affected[5]"}}},
		byProduct["Acme Sensor|"].Ranges, "vers:all/* is every version")
	sw := byProduct["Acme Field Switch|FS-200"]
	assert.Equal(t, []string{"4.1.0"}, sw.Versions, "installed_on restricts to the hardware")
	assertIssue(t, d, "$.vulnerabilities[0].product_status.known_affected[2]", "free text not understood")
	assertIssue(t, d, "$.vulnerabilities[0].product_status.known_affected[8]", `unknown product "CSAFPID-0404"`)
	assertIssue(t, d, "$.vulnerabilities[0].product_status.unaffected_maybe", "not understood")
	assertIssue(t, d, "$.product_tree.branches[0].branches[3].category", `"colour"`)
	assertIssue(t, d, "$.product_tree.full_product_names[0]", "no structure")
	assertIssue(t, d, "$.product_tree.relationships[1].product_reference", `"CSAFPID-9999"`)
	assertIssue(t, d, "$.vulnerabilities[0].remediations[1].group_ids", `"CSAFGID-missing"`)
}

func TestReadNVD(t *testing.T) {
	d := read(t, nvdR, "nvd-messy.json")
	require.Len(t, d.Advisories, 7)
	ios := d.Advisories[0]
	require.NotNil(t, ios.KEV, "NVD's cisaExploitAdd flags KEV")
	assert.Equal(t, "2023-10-16", ios.KEV.DateAdded)
	require.Len(t, ios.Affected, 1)
	assert.Len(t, ios.Affected[0].Ranges, 4)
	assert.Equal(t, []string{"17.9.4a", "17.6.6a", "16.12.10a", "17.3.8a"}, ios.Affected[0].Fixed)

	junos := d.Advisories[1].Affected[0]
	assert.Equal(t, []string{"21.4R3-S4", "21.4R3", "22.1R3-S3"}, junos.Versions, "version + update joined")
	assert.Equal(t, []string{"srx300", "ex4300"}, junos.Platforms)

	ros := d.Advisories[2].Affected
	require.Len(t, ros, 2)
	assert.Equal(t, "", ros[0].Edition)
	assert.Equal(t, "ltr", ros[1].Edition)
	assert.Equal(t, "<=6.48.6", ros[1].Ranges[0].String())

	assertIssue(t, d, "$.vulnerabilities[3].cve.configurations[0].nodes[0].cpeMatch[0].versionEnd", "2021-01-04")
	assert.Equal(t, []string{"2021-01-04"}, d.Advisories[3].Affected[0].Unparsed)

	yam := d.Advisories[4].Affected
	require.Len(t, yam, 2)
	assert.Equal(t, []string{"rtx830"}, yam[0].Platforms)
	assertIssue(t, d, "$.vulnerabilities[4].cve.configurations[2].nodes[0]", "negated node")
	assertIssue(t, d, "$.vulnerabilities[5].cve", "no configurations")
	assert.Equal(t, []string{"15.2(4)m7"}, d.Advisories[6].Affected[0].Versions, "CPE escapes removed")
	assertIssue(t, d, "$.vulnerabilities[6].cve.configurations[0].nodes[0].cpeMatch[1].criteria", "components")
}

func TestReadCVE5(t *testing.T) {
	d := read(t, cve5R, "cve5-fortios.json")
	require.Len(t, d.Advisories, 1)
	a := d.Advisories[0]
	require.Len(t, a.Affected, 2)
	cna, adp := a.Affected[0], a.Affected[1]
	assert.Equal(t, "cve5:cna", cna.Provider)
	assert.Equal(t, "cve5:adp:CISA-ADP", adp.Provider)
	assert.Len(t, cna.Ranges, 4)
	assert.Equal(t, ">=7.2.0|<=7.2.4", cna.Ranges[0].String())
	assert.Equal(t, []string{"7.2.5", "7.0.12", "6.4.13"}, cna.Unaffected)
	assert.Equal(t, StatusUnaffected, cna.Default)
	assert.Equal(t, StatusUnknown, adp.Default)
	assertIssue(t, d, "$.containers.adp[0].affected[0].versions[2].changes", "changes")
}

func TestReadKEV(t *testing.T) {
	d := read(t, kevR, "kev.json")
	require.Len(t, d.KEV, 2)
	assert.Equal(t, "Known", d.KEV[1].Ransomware)
	assertIssue(t, d, "$.vulnerabilities[2]", "not a CVE ID")
	assertIssue(t, d, "$.vulnerabilities[3]", "not understood")
	advs := []Advisory{{ID: "CVE-2023-20198"}, {ID: "GHSA-x", Aliases: []string{"CVE-2023-27997"}}, {ID: "CVE-2000-0001"}}
	JoinKEV(advs, d.KEV)
	assert.NotNil(t, advs[0].KEV)
	assert.NotNil(t, advs[1].KEV)
	assert.Nil(t, advs[2].KEV)
}

func TestReadErrors(t *testing.T) {
	for name, f := range map[string]func(string) error{
		"osv":  func(s string) error { _, err := ReadOSV(strings.NewReader(s), "x"); return err },
		"csaf": func(s string) error { _, err := ReadCSAF(strings.NewReader(s), "x"); return err },
		"nvd":  func(s string) error { _, err := ReadNVD(strings.NewReader(s), "x"); return err },
		"cve5": func(s string) error { _, err := ReadCVE5(strings.NewReader(s), "x"); return err },
		"kev":  func(s string) error { _, err := ReadKEV(strings.NewReader(s), "x"); return err },
	} {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, f("not json"), ErrFormat)
			if name != "osv" {
				assert.ErrorIs(t, f(`{"unrelated": true}`), ErrFormat)
			}
		})
	}
	_, err := ReadOSV(&endless{}, "big")
	assert.ErrorIs(t, err, ErrTooLarge)
}

type endless struct{}

func (*endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestParseCPE(t *testing.T) {
	c, err := ParseCPE(`cpe:2.3:o:cisco:ios:15.2\(5\)e:*:*:*:*:*:*:*`)
	require.NoError(t, err)
	assert.Equal(t, CPE{Part: "o", Vendor: "cisco", Product: "ios", Version: "15.2(5)e", Update: "*", Edition: "*", Language: "*",
		SWEdition: "*", TargetSW: "*", TargetHW: "*", Other: "*"}, c)
	c, err = ParseCPE(`cpe:2.3:o:mikrotik:routeros:*:*:*:*:ltr:*:*:*`)
	require.NoError(t, err)
	assert.Equal(t, "ltr", c.SWEdition)
	_, err = ParseCPE("cpe:/o:cisco:ios")
	assert.ErrorIs(t, err, ErrFormat)
}
