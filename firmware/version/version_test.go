package version

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/internal/sharedtest"
)

// runFixture checks every "a <op> b" line of an osv-scalibr ordering
// fixture.
func runFixture(t *testing.T, file string, s Scheme) {
	dir := sharedtest.Path(t, "testdata", "osv-scalibr-semantic")
	f, err := os.Open(filepath.Join(dir, file))
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 0; sc.Scan(); {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, "//") {
			continue
		}
		parts := strings.Split(text, " ")
		require.Len(t, parts, 3, "%s:%d", file, line)
		a, err := Parse(s, parts[0])
		require.NoError(t, err, "%s:%d", file, line)
		b, err := Parse(s, parts[2])
		require.NoError(t, err, "%s:%d", file, line)
		want := map[string]int{"<": -1, "=": 0, ">": 1}[parts[1]]
		got, ok := Compare(a, b)
		require.True(t, ok, "%s:%d", file, line)
		assert.Equal(t, want, got, "%s:%d: %s", file, line, text)
		back, _ := Compare(b, a)
		assert.Equal(t, -want, back, "%s:%d: reversed %s", file, line, text)
		n++
	}
	require.NoError(t, sc.Err())
	require.Greater(t, n, 10)
}

func TestScalibrFixtures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file   string
		scheme Scheme
	}{
		{"semver-versions.txt", Semver},
		{"redhat-versions.txt", RPM},
		{"debian-versions.txt", Deb},
	} {
		t.Run(tc.file, func(t *testing.T) { runFixture(t, tc.file, tc.scheme) })
	}
}

// TestSemverAgreesWithMasterminds: on versions Masterminds parses, the
// semver scheme orders exactly as semver.Version.Compare.
func TestSemverAgreesWithMasterminds(t *testing.T) {
	vs := []string{"0.0.0", "0.0.0-foo", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
		"1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.3-r2", "1.2.3-r100", "1.2.3-R2",
		"1.2.3-5-foo", "1.2.3-5", "1.2.3+build", "v1.2.3", "7.13.0-rc1", "7.13.0", "2.0.0", "10.0.0", "1.2"}
	for _, a := range vs {
		for _, b := range vs {
			ma, err := semver.NewVersion(a)
			require.NoError(t, err)
			mb, err := semver.NewVersion(b)
			require.NoError(t, err)
			got, ok := Compare(MustParse(Semver, a), MustParse(Semver, b))
			require.True(t, ok)
			assert.Equal(t, ma.Compare(mb), got, "%s vs %s", a, b)
		}
	}
}

// orderings are vendor orderings documented in testdata/orderings.txt.
func TestVendorOrderings(t *testing.T) {
	f, err := os.Open("testdata/orderings.txt")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	line, n := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, " | ")
		require.Len(t, fields, 4, "orderings.txt:%d", line)
		s, err := Lookup(fields[0])
		require.NoError(t, err, "orderings.txt:%d", line)
		a, err := Parse(s, fields[1])
		require.NoError(t, err, "orderings.txt:%d", line)
		b, err := Parse(s, fields[3])
		require.NoError(t, err, "orderings.txt:%d", line)
		got, ok := Compare(a, b)
		if fields[2] == "incomparable" {
			assert.False(t, ok, "orderings.txt:%d: %s", line, text)
			assert.NotEqual(t, 0, TotalCompare(a, b), "orderings.txt:%d: total order must still decide", line)
			n++
			continue
		}
		want := map[string]int{"<": -1, "=": 0, ">": 1}[fields[2]]
		require.True(t, ok, "orderings.txt:%d: %s incomparable (%q vs %q)", line, text, a.Branch(), b.Branch())
		assert.Equal(t, want, got, "orderings.txt:%d: %s", line, text)
		n++
	}
	require.NoError(t, sc.Err())
	require.Greater(t, n, 50)
}

func TestBranch(t *testing.T) {
	for _, tc := range []struct {
		scheme Scheme
		raw    string
		branch string
	}{
		{CiscoIOS, "15.2(4)M7", "15.2M"},
		{CiscoIOS, `15.2\(5\)e`, "15.2E"},
		{CiscoIOS, "12.4(21a)", "12.4"},
		{CiscoIOSXE, "17.9.4a", "17.9"},
		{CiscoIOSXE, "17.9.1x1", "17.9.1x1"},
		{CiscoIOSXE, "3.10.0cE", "3.10E"},
		{Junos, "21.4R3-S5.4", "21.4"},
		{Junos, "21.4R3-S5-EVO", "21.4-EVO"},
		{Junos, "15.1X49-D200", "15.1X49"},
		{FortiOS, "v7.2.4 build1396 (GA.M)", "7.2"},
		{FortiOS, "v7.5.0107 build8016 (SA)", "7.5.0107-SA"},
		{YamahaRev, "Rev.15.02.30", "15.02"},
		{ASUS, "3.0.0.4.388_24198", "3.0.0.4.388"},
		{OpenWrt, "23.05.0-rc1", "23.05"},
		{OpenWrt, "SNAPSHOT r12345-abcdef", "SNAPSHOT"},
		{Yealink, "84.86.0.75", "84"},
		{Asterisk, "certified/18.9-cert7", "18.9-cert"},
		{Asterisk, "20.5.0", "20"},
		{NEC, "Ver1.3.2", "1"},
		{Zyxel, "V5.37(ABFV.1)C0", "ABFV"},
		{Semver, "1.2.3", ""},
		{RouterOS, "7.13rc1", ""},
	} {
		t.Run(tc.scheme.String()+"/"+tc.raw, func(t *testing.T) {
			v, err := Parse(tc.scheme, tc.raw)
			require.NoError(t, err)
			assert.Equal(t, tc.branch, v.Branch())
			assert.Equal(t, tc.raw, v.Raw())
			assert.Equal(t, tc.scheme, v.Scheme())
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		scheme Scheme
		raw    string
	}{
		{Intdot, "1.2a"},
		{Intdot, ""},
		{Semver, "1.2.3-"},
		{Semver, "a.b.c"},
		{Semver, "1.2.3-a..b"},
		{CiscoIOS, "17.9.4a"},
		{CiscoIOSXE, "15.2(4)M7"},
		{Junos, "21.4Q3"},
		{YamahaRev, "Rev.15.02"},
		{Zyxel, "V5.37"},
		{Deb, "a:1.0"},
		{Datetime, "2024-13-01"},
		{Generic, "..."},
		{RouterOS, "7.13gamma"},
		{Generic, strings.Repeat("1", MaxLen+1)},
		{Scheme(200), "1"},
	} {
		t.Run(tc.scheme.String()+"/"+tc.raw, func(t *testing.T) {
			v, err := Parse(tc.scheme, tc.raw)
			require.Error(t, err)
			assert.True(t, v.IsZero())
		})
	}
}

func TestLongNumbers(t *testing.T) {
	a := MustParse(Intdot, "1."+strings.Repeat("9", 300)[:200])
	b := MustParse(Intdot, "1.1"+strings.Repeat("0", 200))
	c, ok := Compare(a, b)
	require.True(t, ok)
	assert.Equal(t, -1, c)
	assert.True(t, Equal(MustParse(Intdot, "01.002.0003"), MustParse(Intdot, "1.2.3")))
	assert.True(t, Equal(MustParse(Intdot, "1.0"), MustParse(Intdot, "1.0.0")))
}

func TestLookup(t *testing.T) {
	for name, want := range map[string]Scheme{"SEMVER": Semver, "Debian:12": Deb, "intdot": Intdot, "pypi": Generic,
		"cisco-iosxe": CiscoIOSXE, "Red Hat": RPM} {
		got, err := Lookup(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	_, err := Lookup("maven")
	assert.ErrorIs(t, err, ErrUnknownScheme)
	for _, s := range Schemes() {
		got, err := Lookup(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
}

func TestForProduct(t *testing.T) {
	for _, tc := range []struct {
		vendor, product string
		want            Scheme
		known           bool
	}{
		{"cisco", "ios_xe", CiscoIOSXE, true},
		{"Cisco", "IOS XE Software", CiscoIOSXE, true},
		{"cisco", "ios", CiscoIOS, true},
		{"Juniper Networks", "Junos OS", Junos, true},
		{"yamaha", "RTX830", YamahaRev, true},
		{"TP-Link", "Archer AX21", TPLink, true},
		{"ASUS", "RT-AX88U", ASUS, true},
		{"acme", "widget", Generic, false},
	} {
		got, known := ForProduct(tc.vendor, tc.product)
		assert.Equal(t, tc.want, got, "%s %s", tc.vendor, tc.product)
		assert.Equal(t, tc.known, known, "%s %s", tc.vendor, tc.product)
	}
}

// propertyCorpus are versions of every scheme used by the property tests.
func propertyCorpus(t testing.TB) []Version {
	raw := map[Scheme][]string{
		Semver:      {"1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "0.0.0", "2.0.0", "1.0.0+b", "1.0.0-1"},
		Intdot:      {"1", "1.0", "1.0.0", "1.2", "10", "01.2"},
		Generic:     {"1.0", "1.0a", "1.0alpha1", "1.0rc1", "1.0.1", "1.0patch1", "1.0-post1", "17.9.4a"},
		RPM:         {"1.0", "1.0~rc1", "1.0^1", "1.0-1", "1:0.1", "1.0a", "1.0.0"},
		Deb:         {"1.0", "1.0~rc1", "1.0-1", "1:0.1", "1.0a", "1.0.0", "1.0+b1"},
		CiscoIOS:    {"15.2(4)M7", "15.2(4)M", "15.2(4)M10", "15.2(5)M1", "15.2(4)E1", "12.4(21a)", "12.4(21)"},
		CiscoIOSXE:  {"17.9.4", "17.9.4a", "17.9.5", "17.9.1x1", "17.6.1", "3.10.0cE"},
		Junos:       {"21.4R3", "21.4R3-S1", "21.4R3-S10", "21.4R4", "21.4B1", "22.1R1", "15.1X49-D200"},
		YamahaRev:   {"Rev.15.02.09", "15.02.10", "Rev.15.01.30"},
		ASUS:        {"3.0.0.4.386_51598", "3.0.0.4.386.51665", "3.0.0.4.388_24198", "3.0.0.6.102_34713"},
		Asterisk:    {"18.20.0", "18.9-cert6", "18.9-cert10", "21.0.0-rc1", "21.0.0"},
		Zyxel:       {"V5.37(ABFV.1)C0", "V5.37(ABFV.0)b1", "V5.38(ABFV.0)"},
		FortiOS:     {"7.2.4", "v7.2.5 build1517", "7.4.1", "v7.5.0107 build8016 (SA)"},
		RouterOS:    {"7.13beta2", "7.13rc1", "7.13", "6.48.6"},
		OpenWrt:     {"23.05.0-rc1", "23.05.0", "23.05.2", "22.03.5", "SNAPSHOT r12345"},
		Yealink:     {"84.86.0.75", "84.86.0.80", "108.86.0.45"},
		NEC:         {"Ver1.3.2", "V1.10.0", "v5.6.0.20"},
		Netgear:     {"V1.0.11.128_10.2.112", "V1.0.11.134"},
		TPLink:      {"1.1.0 Build 20230103 rel.50981", "1.1.1"},
		Grandstream: {"1.0.19.31", "1.0.19.2"},
	}
	var out []Version
	for s, vs := range raw {
		for _, r := range vs {
			v, err := Parse(s, r)
			require.NoError(t, err, "%s %s", s, r)
			out = append(out, v)
		}
	}
	return out
}

func TestProperties(t *testing.T) {
	vs := propertyCorpus(t)
	for _, a := range vs {
		c, ok := Compare(a, a)
		assert.True(t, ok && c == 0, "reflexive %s", a.Raw())
		for _, b := range vs {
			ab, okab := Compare(a, b)
			ba, okba := Compare(b, a)
			assert.Equal(t, okab, okba, "symmetric comparability %s %s", a.Raw(), b.Raw())
			assert.Equal(t, ab, -ba, "antisymmetric %s %s", a.Raw(), b.Raw())
			assert.Equal(t, TotalCompare(a, b), -TotalCompare(b, a), "total antisymmetric %s %s", a.Raw(), b.Raw())
			if okab && ab != 0 {
				assert.Equal(t, ab, TotalCompare(a, b), "total agrees %s %s", a.Raw(), b.Raw())
			}
			for _, c := range vs {
				bc, okbc := Compare(b, c)
				if okab && okbc && ab <= 0 && bc <= 0 {
					ac, okac := Compare(a, c)
					assert.True(t, okac && ac <= 0, "transitive %s <= %s <= %s", a.Raw(), b.Raw(), c.Raw())
				}
				if TotalCompare(a, b) <= 0 && TotalCompare(b, c) <= 0 {
					assert.LessOrEqual(t, TotalCompare(a, c), 0, "total transitive %s %s %s", a.Raw(), b.Raw(), c.Raw())
				}
			}
		}
	}
	sorted := slices.Clone(vs)
	slices.SortFunc(sorted, TotalCompare)
	again := slices.Clone(vs)
	slices.Reverse(again)
	slices.SortFunc(again, TotalCompare)
	assert.Equal(t, sorted, again, "sort is deterministic")
}
