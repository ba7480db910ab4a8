package hylafax

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestParseConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		kind     FileKind
		want     []Entry
		unparsed []string
	}{
		{name: "tag and value", in: "RecvFileMode:\t0600\n",
			want: []Entry{{Key: "RecvFileMode", Value: "0600", Location: netdevsec.Location{File: "f", Line: 1}}}},
		{name: "comment after value", in: "LogFileMode: 0644\t# world readable\n",
			want: []Entry{{Key: "LogFileMode", Value: "0644", Location: netdevsec.Location{File: "f", Line: 1}}}},
		{name: "quoted with hash and escapes", in: "\n# c\nTagLineFormat: \"From %%l|#%c|\\tPage\"\n",
			want: []Entry{{Key: "TagLineFormat", Value: "From %%l|#%c|\tPage", Location: netdevsec.Location{File: "f", Line: 3}}}},
		{name: "octal escape", in: `LocalIdentifier: "\053 81"`,
			want: []Entry{{Key: "LocalIdentifier", Value: "+ 81", Location: netdevsec.Location{File: "f", Line: 1}}}},
		{name: "unquoted with space", in: "ModemModelQueryCmd: !SatisFAXtion 400e # x",
			want: []Entry{{Key: "ModemModelQueryCmd", Value: "!SatisFAXtion 400e", Location: netdevsec.Location{File: "f", Line: 1}}}},
		{name: "case-insensitive tag", in: "recvfilemode: 0600",
			want: []Entry{{Key: "recvfilemode", Value: "0600", Location: netdevsec.Location{File: "f", Line: 1}}}},
		{name: "unknown tag kept and reported", in: "RecvFileMod: 0644",
			want:     []Entry{{Key: "RecvFileMod", Value: "0644", Location: netdevsec.Location{File: "f", Line: 1}}},
			unparsed: []string{`f:1: unknown tag "RecvFileMod"`}},
		{name: "hfaxd vocabulary", in: "PublicRecvQ: false\nRecvFileMode: 0600\n", kind: KindHfaxd,
			want: []Entry{
				{Key: "PublicRecvQ", Value: "false", Location: netdevsec.Location{File: "f", Line: 1}},
				{Key: "RecvFileMode", Value: "0600", Location: netdevsec.Location{File: "f", Line: 2}},
			},
			unparsed: []string{`f:2: unknown tag "RecvFileMode"`}},
		{name: "no colon", in: "RecvFileMode 0644\nDeviceMode: 0600",
			want:     []Entry{{Key: "DeviceMode", Value: "0600", Location: netdevsec.Location{File: "f", Line: 2}}},
			unparsed: []string{`f:1: not a "Tag: value" line`}},
		{name: "unterminated quote", in: "LocalIdentifier: \"+81 52\nDeviceMode: 0600",
			want:     []Entry{{Key: "DeviceMode", Value: "0600", Location: netdevsec.Location{File: "f", Line: 2}}},
			unparsed: []string{"f:1: LocalIdentifier: unterminated quote"}},
		{name: "overlong line skipped", in: "FAXNumber: " + strings.Repeat("1", MaxLineBytes) + "\nDeviceMode: 0600\n",
			want:     []Entry{{Key: "DeviceMode", Value: "0600", Location: netdevsec.Location{File: "f", Line: 2}}},
			unparsed: []string{fmt.Sprintf("f:1: line longer than %d bytes", MaxLineBytes)}},
		{name: "CRLF", in: "DeviceMode: 0600\r\n",
			want: []Entry{{Key: "DeviceMode", Value: "0600", Location: netdevsec.Location{File: "f", Line: 1}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseConfig(strings.NewReader(tc.in), "f", tc.kind)
			require.NoError(t, err)
			assert.Equal(t, tc.want, c.Entries)
			assert.Equal(t, tc.unparsed, unparsedStrings(c.Unparsed))
		})
	}
}

func unparsedStrings(us []Unparsed) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Location.String()+": "+u.Reason)
	}
	return out
}

func TestParseConfigTooLarge(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("# padding padding padding padding padding padding\n", MaxFileBytes/50+10)
	_, err := ParseConfig(strings.NewReader(big), "f", KindServer)
	require.ErrorIs(t, err, ErrTooLarge)
}

func TestParseHosts(t *testing.T) {
	t.Parallel()
	in := "# comment\nlocalhost:21::\n^pb@[^.]*\\.cl\\.cam\\.ac\\.uk$:::hFy8zXq2KaG8s\n" +
		"pb@.*\\.cl\\.cam\\.ac\\.uk:60002:pWq81kd0aXzz2\n!^tom@\nbad[:\nx:notanumber\na:b:c:d:e\n"
	h, err := ParseHosts(strings.NewReader(in), "hosts.hfaxd")
	require.NoError(t, err)
	type row struct {
		Pattern         string
		Deny, Anchored  bool
		UID             int
		Password, Admin bool
		Line            int
	}
	var got []row
	for _, e := range h.Entries {
		got = append(got, row{e.Pattern, e.Deny, e.Anchored, e.UID, !e.Password.IsZero(), !e.AdminPassword.IsZero(), e.Location.Line})
	}
	assert.Equal(t, []row{
		{Pattern: "localhost", Anchored: true, UID: 21, Line: 2},
		{Pattern: `^pb@[^.]*\.cl\.cam\.ac\.uk$`, Anchored: true, UID: -1, Admin: true, Line: 3},
		{Pattern: `pb@.*\.cl\.cam\.ac\.uk`, UID: 60002, Password: true, Line: 4},
		{Pattern: "^tom@", Deny: true, UID: -1, Line: 5},
	}, got)
	assert.Equal(t, []string{
		"hosts.hfaxd:6: client pattern is not a valid regular expression",
		"hosts.hfaxd:7: uid is not a number in [0, 60002]",
		"hosts.hfaxd:8: 5 fields, at most 4 (client:uid:passwd:adminwd)",
	}, unparsedStrings(h.Unparsed))
	assert.Equal(t, "pWq81kd0aXzz2", h.Entries[2].Password.Reveal())
	assert.NotContains(t, fmt.Sprint(h.Entries), "pWq81kd0aXzz2", "hashes never print")
}

func TestQualifyRestrictive(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{name: "allow list", in: "^[+]81 3 1234 5678$\n", want: true},
		{name: "deny then all", in: "!^[+]1 800\n^.*$\n", want: true},
		{name: "all first", in: "# test\n^.*$\n!^junk\n", want: false},
		{name: "dot star", in: ".*\n", want: false},
		{name: "empty file", in: "# nothing\n", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q, err := ParseQualify(strings.NewReader(tc.in), "tsi")
			require.NoError(t, err)
			assert.Equal(t, tc.want, q.Restrictive())
		})
	}
	q, err := ParseQualify(strings.NewReader("^(+81$\n"), "tsi")
	require.NoError(t, err)
	assert.Equal(t, []string{"tsi:1: not a valid POSIX regular expression"}, unparsedStrings(q.Unparsed))
}

func TestParseDispatch(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/good/FaxDispatch")
	require.NoError(t, err)
	defer f.Close()
	d, err := ParseDispatch(f, "FaxDispatch")
	require.NoError(t, err)
	assert.False(t, d.Prints)
	var got []string
	for _, r := range d.Routes {
		got = append(got, fmt.Sprintf("%d %s %s -> %s", r.Location.Line, r.On, r.Pattern, r.SendTo))
	}
	assert.Equal(t, []string{
		"3 SUBADDR 0001 -> legal@example.jp",
		"4 SUBADDR 0002|0003 -> hr@example.jp",
		"7 SENDER *81*3*1234*5678* -> sales-tokyo@example.jp",
	}, got)
	d, err = ParseDispatch(strings.NewReader("# x\nlpr -P mfp \"$FILE\"\n"), "FaxDispatch")
	require.NoError(t, err)
	assert.True(t, d.Prints)
	assert.Equal(t, 2, d.PrintsLocation.Line)
}

// render prints what Load understood, for golden files: no secrets.
func render(s *System) string {
	var b strings.Builder
	for _, c := range s.configs() {
		fmt.Fprintf(&b, "config %s: %d entries\n", c.Name, len(c.Entries))
	}
	if s.Hosts != nil {
		for _, e := range s.Hosts.Entries {
			fmt.Fprintf(&b, "host %s deny=%v anchored=%v uid=%d password=%v admin=%v\n", e.Pattern, e.Deny, e.Anchored, e.UID, !e.Password.IsZero(), !e.AdminPassword.IsZero())
		}
	}
	for _, k := range slices.Sorted(mapsKeys(s.TSI)) {
		q := s.TSI[k]
		fmt.Fprintf(&b, "tsi %s: present=%v restrictive=%v\n", k, q != nil, q.Restrictive())
	}
	if s.Dispatch != nil {
		fmt.Fprintf(&b, "dispatch: %d routes, prints=%v\n", len(s.Dispatch.Routes), s.Dispatch.Prints)
	}
	for _, u := range s.Unparsed {
		fmt.Fprintf(&b, "unparsed %s: %s\n", u.Location, u.Reason)
	}
	return b.String()
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestLoadGolden(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{"bad", "good"} {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			s, err := Load(context.Background(), os.DirFS(filepath.Join("testdata", dir)))
			require.NoError(t, err)
			got := render(s)
			golden := filepath.Join("testdata", dir+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), got)
			assert.NotContains(t, got, "$6$")
		})
	}
}

func TestLoadCanceled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Load(ctx, os.DirFS("testdata/good"))
	require.ErrorIs(t, err, context.Canceled)
}

// requireInstalled skips when HylaFAX is not installed, unless CI demands
// the real package (NETDEVSEC_REQUIRE_PEERS=1).
func requireInstalled(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			if os.Getenv("NETDEVSEC_REQUIRE_PEERS") == "1" {
				t.Fatalf("%s missing: install Debian hylafax-server (NETDEVSEC_REQUIRE_PEERS=1): %v", p, err)
			}
			t.Skipf("%s missing: install Debian hylafax-server to run this test", p)
		}
	}
}

// TestLoadInstalledPackage reads the configuration the Debian
// hylafax-server package installs.
func TestLoadInstalledPackage(t *testing.T) {
	t.Parallel()
	requireInstalled(t, "/etc/hylafax/hosts.hfaxd", "/etc/hylafax/hfaxd.conf", "/etc/hylafax/config")
	s, err := Load(context.Background(), os.DirFS("/etc/hylafax"))
	if err != nil && strings.Contains(err.Error(), "permission denied") {
		t.Skipf("cannot read the installed files: %v", err)
	}
	require.NoError(t, err)
	assert.Empty(t, s.Unparsed, "every shipped line is understood")
	require.NotNil(t, s.Scheduler)
	e, ok := s.Scheduler.Get("InternationalPrefix")
	require.True(t, ok)
	assert.Equal(t, "00", e.Value)
	require.NotNil(t, s.Hfaxd)
	_, ok = s.Hfaxd.Get("PublicRecvQ")
	assert.False(t, ok, "Debian leaves PublicRecvQ at its default (true)")
	require.NotNil(t, s.Hosts)
	require.NotEmpty(t, s.Hosts.Entries)
	assert.Equal(t, "localhost", s.Hosts.Entries[0].Pattern)
	assert.True(t, s.Hosts.Entries[0].Password.IsZero(), "Debian default localhost:21:: has no password")
	if s.Setup != nil {
		assert.Equal(t, "/var/spool/hylafax", s.Setup["SPOOL"])
	}
}

// TestParseInstalledModemPrototypes parses every modem configuration
// prototype the package ships in the spool (config/*): the tag
// vocabulary must cover them all.
func TestParseInstalledModemPrototypes(t *testing.T) {
	t.Parallel()
	requireInstalled(t, "/var/spool/hylafax/config")
	files, err := filepath.Glob("/var/spool/hylafax/config/*")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, p := range files {
		f, err := os.Open(p)
		require.NoError(t, err)
		c, err := ParseConfig(f, filepath.Base(p), KindServer)
		f.Close()
		require.NoError(t, err)
		assert.Empty(t, unparsedStrings(c.Unparsed), p)
	}
}

func TestRecords(t *testing.T) {
	t.Parallel()
	send := "11/03/26 08:00\tSEND\t00001001\tttyS0\t201\t\"\"\tsuzuki@pc\t\"03-1234-5678\"\t\"+81 3 1234 5678\"\t4239\t2\t0:01:33\t0:00:44\t\"\"\t\"\"\t\"\"\t\"\"\t\"suzuki\"\t\"dcs\""
	old := "11/03/26 08:05\tSEND\t00001002\tttyS0\t202\t\"\"\tito@pc\t\"06 6123 4567\"\t\"\"\t4239\t0\t0:00:33\t0:00:00\t\"Busy signal detected\""
	recv := "11/03/26 09:00\tRECV\t00001003\tttyS0\t\"recvq/fax01003.tif\"\t\"\"\tfax\t\"052-000-1111\"\t\"+81 3 1234 5678\"\t4239\t1\t0:00:58\t0:00:41\t\"\"\t\"0312345678\"\t\"ACME\"\t\"\"\t\"dcs\""
	in := strings.Join([]string{send, "garbage", "", old, "11/03/26 08:00\tSEND\tshort", "2026-11-03\tRECV\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12",
		recv, "11/03/26 09:00\tRECV\t1\tm\tf\t\t\tl\tt\tx\t1\t0:00\t0:00\t", strings.Repeat("x", MaxLineBytes+10), send}, "\n")
	var recs []Record
	var errs []string
	for r, err := range Records(strings.NewReader(in), "xferfaxlog", nil) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		recs = append(recs, r)
	}
	assert.Equal(t, []string{
		"xferfaxlog:2: malformed xferfaxlog record: not tab-separated",
		`xferfaxlog:5: malformed xferfaxlog record: SEND record has 3 fields, need at least 14`,
		`xferfaxlog:6: malformed xferfaxlog record: date "2026-11-03" is not MM/DD/YY HH:MM`,
		`xferfaxlog:8: malformed xferfaxlog record: params "x" is not a count`,
		fmt.Sprintf("xferfaxlog:9: malformed xferfaxlog record: line longer than %d bytes", MaxLineBytes),
	}, errs)
	require.Len(t, recs, 4)
	assert.Equal(t, Record{Kind: "SEND", Time: time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC), CommID: "00001001", Modem: "ttyS0",
		JobID: "201", Sender: "suzuki@pc", Number: "03-1234-5678", RemoteID: "+81 3 1234 5678", Params: 4239, Pages: 2,
		JobTime: 93 * time.Second, ConnTime: 44 * time.Second, Owner: "suzuki", DCS: "dcs",
		Location: netdevsec.Location{File: "xferfaxlog", Line: 1}}, recs[0])
	assert.Equal(t, "Busy signal detected", recs[1].Reason, "old 14-field records are read")
	assert.Equal(t, []string{"0312345678", "ACME"}, recs[2].CallID)
	assert.Equal(t, "052-000-1111", recs[2].Number)
	assert.Equal(t, 10, recs[3].Location.Line)
}

func TestRecordsTimeZone(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("JST", 9*3600)
	line := "11/03/26 08:00\tCALL\t1\tttyS0\t\t\tfax\t\"052\"\t\t0\t0\t0:00:05\t0:00:00\t\"\"\t\"\"\t\"\"\t\"\"\t\"\""
	for r, err := range Records(strings.NewReader(line), "x", &LogOptions{Location: jst}) {
		require.NoError(t, err)
		assert.Equal(t, time.Date(2026, 11, 2, 23, 0, 0, 0, time.UTC), r.Time.UTC())
	}
}
