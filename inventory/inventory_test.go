package inventory_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
)

func TestLoadKeepsGoodDevicesAndPositionsBadOnes(t *testing.T) {
	inv, err := inventory.Load("testdata/fleet.yaml")
	require.NoError(t, err)

	var ids []string
	for _, d := range inv.Devices {
		ids = append(ids, d.ID)
	}
	assert.Equal(t, []string{"rtr-1", "fax-1"}, ids)

	var errs []string
	for _, e := range inv.Errors {
		errs = append(errs, e.Error())
		assert.ErrorIs(t, e, inventory.ErrInvalid)
	}
	want := []string{
		`testdata/fleet.yaml:23:16: device broken-type: string was used where sequence is expected`,
		`testdata/fleet.yaml:26:5: device broken-field: unknown field "colour"`,
		`testdata/fleet.yaml:27:7: device bad-class: field class: "toaster" is not router, pbx, fax or other`,
		`testdata/fleet.yaml:32:27: device inline-unmarked: field credentials[0].password.value: an inline password needs insecure_inline: true`,
		`testdata/fleet.yaml:38:7: device rtr-1: id "rtr-1" already used at testdata/fleet.yaml:3:7`,
		`testdata/fleet.yaml:40:10: device #8: field id: required`,
	}
	require.Len(t, errs, len(want), strings.Join(errs, "\n"))
	for i := range want {
		assert.Contains(t, errs[i], want[i])
	}
	for _, e := range errs {
		assert.NotContains(t, e, "Inline-Secret", "errors never echo a password")
	}
}

func TestDeviceFields(t *testing.T) {
	inv, err := inventory.Load("testdata/fleet.yaml")
	require.NoError(t, err)
	d := inv.Devices[0]
	assert.Equal(t, inventory.ClassRouter, d.Class)
	assert.Equal(t, "Rev.23.01.02", d.Firmware)
	assert.Equal(t, []string{"192.0.2.1"}, d.Addresses)
	assert.Equal(t, "testdata/configs/rtr-1.txt", d.Path(d.Files.Configs[0]))
	assert.Equal(t, inventory.Position{File: "testdata/fleet.yaml", Line: 3, Column: 7}, d.Pos)
	assert.Equal(t, inventory.ClassOther, inventory.ClassOther)

	type loggingFacts struct {
		Enabled *bool `yaml:"enabled"`
	}
	var lf loggingFacts
	ok, err := d.DecodeFacts("logging", &lf)
	require.NoError(t, err)
	require.True(t, ok)
	require.NotNil(t, lf.Enabled)
	assert.True(t, *lf.Enabled)

	ok, err = d.DecodeFacts("router", &lf)
	require.NoError(t, err)
	assert.False(t, ok, "no facts for that domain")

	type strict struct {
		Other bool `yaml:"other"`
	}
	_, err = d.DecodeFacts("logging", &strict{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `testdata/fleet.yaml:20:9: facts.logging: unknown field "enabled"`)
}

func TestSecretResolution(t *testing.T) {
	inv, err := inventory.Load("testdata/fleet.yaml")
	require.NoError(t, err)
	rtr, fax := inv.Devices[0], inv.Devices[1]
	env := map[string]string{"RTR1_PASSWORD": "Env-Secret-4"}
	getenv := func(k string) string { return env[k] }

	s, err := rtr.Credentials[0].Password.Resolve(rtr.BaseDir, getenv, nil)
	require.NoError(t, err)
	assert.Equal(t, "Env-Secret-4", s.Reveal())

	s, err = rtr.Credentials[1].Password.Resolve(rtr.BaseDir, getenv, os.ReadFile)
	require.NoError(t, err)
	assert.Equal(t, "Enable-Secret-3", s.Reveal(), "trailing newline trimmed")

	s, err = fax.Credentials[0].Password.Resolve(fax.BaseDir, getenv, nil)
	require.NoError(t, err)
	assert.Equal(t, "Inline-Secret-2", s.Reveal())

	_, err = rtr.Credentials[0].Password.Resolve(rtr.BaseDir, func(string) string { return "" }, nil)
	assert.ErrorIs(t, err, inventory.ErrSecretUnavailable)
	assert.Contains(t, err.Error(), "RTR1_PASSWORD")

	ref := inventory.SecretRef{File: "secrets/missing.txt"}
	_, err = ref.Resolve(rtr.BaseDir, nil, os.ReadFile)
	assert.ErrorIs(t, err, inventory.ErrSecretUnavailable)
	assert.ErrorIs(t, err, os.ErrNotExist)

	for _, out := range []string{fmt.Sprintf("%v", fax), fmt.Sprintf("%+v", fax), fmt.Sprintf("%#v", fax.Credentials)} {
		assert.NotContains(t, out, "Inline-Secret-2")
	}
	assert.Equal(t, netdevsec.Redacted, fax.Credentials[0].Password.Inline.String())
}

func TestDecodeWholeFileErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "empty inventory"},
		{"syntax", "devices:\n  - id: [unclosed\n", "x.yaml:2:"},
		{"unknown top-level", "devicez: []\n", `x.yaml:1:1: unknown field "devicez"`},
		{"version", "version: 2\ndevices: []\n", "version 2 is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := inventory.Decode(strings.NewReader(tt.src), "x.yaml")
			require.Error(t, err)
			assert.ErrorIs(t, err, inventory.ErrInvalid)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	_, err := inventory.Decode(strings.NewReader(strings.Repeat("#", inventory.MaxSize+1)), "big.yaml")
	assert.ErrorContains(t, err, "larger than")
}

func TestLoadFSReadsDeviceFilesFromTheFS(t *testing.T) {
	fsys := fstest.MapFS{
		"fleet/inv.yaml":      {Data: []byte("devices:\n  - id: a\n    files:\n      configs: [cfg/a.txt]\n")},
		"fleet/cfg/a.txt":     {Data: []byte("hostname a\n")},
		"fleet/cfg/sub/b.txt": {Data: []byte("x")},
	}
	inv, err := inventory.LoadFS(fsys, "fleet/inv.yaml")
	require.NoError(t, err)
	d := inv.Devices[0]
	b, err := d.ReadFile(d.Files.Configs[0], 0)
	require.NoError(t, err)
	assert.Equal(t, "hostname a\n", string(b))
	_, err = d.ReadFile(d.Files.Configs[0], 3)
	assert.ErrorContains(t, err, "larger than 3 bytes")
	entries, err := d.ReadDir("cfg")
	require.NoError(t, err)
	assert.Len(t, entries, 2)
}

func FuzzDecode(f *testing.F) {
	seed, err := os.ReadFile("testdata/fleet.yaml")
	require.NoError(f, err)
	f.Add(string(seed))
	f.Add("devices:\n  - id: a\n    facts: {x: [1, 2]}\n")
	f.Add("devices: [{id: a, credentials: [{password: {value: x}}]}]")
	f.Fuzz(func(t *testing.T, src string) {
		inv, err := inventory.Decode(strings.NewReader(src), "f.yaml")
		if err != nil {
			require.Nil(t, inv)
			return
		}
		for _, d := range inv.Devices {
			require.NotEmpty(t, d.ID)
		}
		for _, e := range inv.Errors {
			require.ErrorIs(t, e, inventory.ErrInvalid)
		}
	})
}
