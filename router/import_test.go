package router_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/router"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// credView is what a golden file shows of a credential: never the value.
type credView struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	User      string `json:"user,omitempty"`
	Storage   string `json:"storage,omitempty"`
	Access    string `json:"access,omitempty"`
	Plaintext bool   `json:"plaintext_known,omitempty"`
	Hash      bool   `json:"hash_known,omitempty"`
	Empty     bool   `json:"empty,omitempty"`
	Location  string `json:"location,omitempty"`
}

type golden struct {
	Facts       router.Facts `json:"facts"`
	Credentials []credView   `json:"credentials"`
	Findings    []string     `json:"findings"`
}

func view(f router.Facts) golden {
	g := golden{Facts: f}
	for _, c := range f.Credentials {
		v := credView{Name: c.Name, Kind: string(c.Kind), User: c.User, Storage: string(c.Storage), Access: c.Access, Plaintext: !c.Secret.IsZero(), Hash: !c.Hash.IsZero(), Empty: c.Empty}
		if c.Location != nil {
			v.Location = c.Location.String()
		}
		g.Credentials = append(g.Credentials, v)
	}
	for _, fd := range router.Check("dev", f, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)) {
		line := fmt.Sprintf("%-28s %-14s %s", fd.RuleID, fd.Status, fd.Message)
		if fd.Location != nil {
			line += " @" + fd.Location.String()
		}
		g.Findings = append(g.Findings, line)
	}
	return g
}

func readFiles(t *testing.T, paths ...string) []router.File {
	t.Helper()
	var out []router.File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		out = append(out, router.File{Name: filepath.ToSlash(p), Data: b})
	}
	return out
}

func checkGolden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	require.NoError(t, err)
	b = append(b, '\n')
	p := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	want, err := os.ReadFile(p)
	require.NoError(t, err, "run go test -update to create %s", p)
	assert.Equal(t, string(want), string(b))
}

func openwrtFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out
}

func TestImportGolden(t *testing.T) {
	tests := []struct {
		name   string
		vendor string
		files  []string
	}{
		{"yamaha-secure", "yamaha", []string{"testdata/yamaha/rtx1300-secure.conf"}},
		{"yamaha-insecure", "yamaha", []string{"testdata/yamaha/rtx830-insecure.conf"}},
		{"cisco-secure", "cisco", []string{"testdata/cisco/isr-secure.cfg"}},
		{"cisco-insecure", "cisco", []string{"testdata/cisco/isr-insecure.cfg"}},
		{"routeros-v6-insecure", "mikrotik", []string{"testdata/routeros/v6-insecure.rsc"}},
		{"routeros-v7-secure", "mikrotik", []string{"testdata/routeros/v7-secure.rsc"}},
		{"openwrt-secure", "openwrt", openwrtFiles(t, "testdata/openwrt/secure")},
		{"openwrt-insecure", "openwrt", openwrtFiles(t, "testdata/openwrt/insecure")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := router.Import(tt.vendor, readFiles(t, tt.files...))
			require.NoError(t, err)
			checkGolden(t, tt.name, view(f))
			// No secret of the config may appear in the golden view.
			b, err := json.Marshal(view(f))
			require.NoError(t, err)
			for _, c := range f.Credentials {
				if s := c.Secret.Reveal(); len(s) >= 4 && s != c.User {
					assert.NotContains(t, string(b), s, "secret of %s leaked", c.Name)
				}
			}
		})
	}
}

func TestImportUnknownVendor(t *testing.T) {
	_, err := router.Import("acme", nil)
	require.ErrorIs(t, err, router.ErrUnknownVendor)
	assert.ErrorIs(t, err, netdevsec.ErrNotApplicable)
}

func TestImportBoundsLines(t *testing.T) {
	long := "hostname " + strings.Repeat("x", router.MaxLineLength+10) + "\nhostname ok\n"
	f, err := router.ImportCiscoIOS(router.File{Name: "big.cfg", Data: []byte(long)})
	require.NoError(t, err)
	assert.Equal(t, "ok", f.Hostname)
	require.Len(t, f.Unparsed, 1)
	assert.Equal(t, netdevsec.Location{File: "big.cfg", Line: 1}, f.Unparsed[0].Location)
	assert.Contains(t, f.Unparsed[0].Reason, "longer than")
}

func TestSafeWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"wlan country code jp", "wlan country code …"},
		{"ipsec ike pre-shared-key 1 text hunter2", "ipsec ike pre-shared-key …"},
		{"snmp-server community s3cr3t RO", "snmp-server community …"},
		{"set wpa2-pre-shared-key=hunter2", "set wpa2-pre-shared-key=… …"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, router.SafeWords(tt.in))
		})
	}
}

func TestDecodeCiscoType7(t *testing.T) {
	// "cisco" encoded with seed 02 (a textbook example).
	got, ok := router.DecodeCiscoType7("02050D480809")
	require.True(t, ok)
	assert.Equal(t, "cisco", got)
	_, ok = router.DecodeCiscoType7("zz")
	assert.False(t, ok)
}

func BenchmarkImport(b *testing.B) {
	for _, tc := range []struct{ vendor, path string }{
		{"yamaha", "testdata/yamaha/rtx1300-secure.conf"},
		{"cisco", "testdata/cisco/isr-secure.cfg"},
		{"mikrotik", "testdata/routeros/v6-insecure.rsc"},
	} {
		data, err := os.ReadFile(tc.path)
		require.NoError(b, err)
		b.Run(tc.vendor, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := router.Import(tc.vendor, []router.File{{Name: tc.path, Data: data}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
