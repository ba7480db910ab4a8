package password

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func codes(rs []Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

func TestCheckPIN(t *testing.T) {
	tests := []struct {
		pin, ext string
		want     []string
	}{
		{"480271", "201", nil},
		{"4802719", "", nil},
		{"12345", "", []string{"length", "pin-sequential"}},
		{"123456", "", []string{"pin-sequential", "pin-common"}},
		{"987654", "", []string{"pin-sequential", "pin-common"}},
		{"890123", "", []string{"pin-sequential"}},
		{"777777", "", []string{"pin-repeated", "pin-common"}},
		{"121212", "", []string{"pin-repeated", "pin-common"}},
		{"482482", "", []string{"pin-repeated"}},
		{"201201", "201", []string{"pin-extension", "pin-repeated"}},
		{"102201", "201", []string{"pin-extension"}},
		{"580917", "201", nil},
		{"2011", "2011", []string{"length", "pin-extension"}},
		{"48a271", "", []string{"pin-digits"}},
		{"", "201", []string{"length"}},
		{"１２３４５６", "", []string{"pin-sequential", "pin-common"}},
	}
	for _, tt := range tests {
		t.Run(tt.pin, func(t *testing.T) {
			assert.Equal(t, tt.want, codes(CheckPIN(tt.pin, tt.ext)))
		})
	}
}

func TestDeviceDerived(t *testing.T) {
	cw := ContextWords{Vendor: "Yamaha", Model: "RTX1300", Hostname: "rtr-tokyo-1", SSID: "Office-WiFi", UserName: "operator", Serial: "S4K012345", MAC: "00:A0:DE:12:34:56"}
	tests := []struct {
		pw    string
		field string
		equal bool
		ok    bool
	}{
		{"RTX1300", "model", true, true},
		{"rtx-1300", "model", true, true},
		{"Yamaha2024", "vendor", false, true},
		{"y4m4h4", "vendor", true, true},
		{"office wifi", "ssid", true, true},
		{"S4K012345", "serial", true, true},
		{"k012345", "", false, false},
		{"00a0de123456", "mac", true, true},
		{"123456", "mac", true, true},
		{"DE:12:34:56", "mac", false, true},
		{"Operator!", "user", false, true},
		{"plum-Orbit-kettle-58%", "", false, false},
		{"", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.pw, func(t *testing.T) {
			m, ok := DeviceDerived(sec(tt.pw), cw)
			require.Equal(t, tt.ok, ok)
			if ok {
				assert.Equal(t, DerivedMatch{Field: tt.field, Equal: tt.equal}, m)
			}
		})
	}
}

func TestContextInputs(t *testing.T) {
	in := ContextWords{Vendor: "I-O DATA", Model: "WN-AX1167GR", MAC: "34:76:C5:AB:CD:EF", Serial: "ABC1234567890"}.Inputs()
	for _, want := range []string{"i-o data", "iodata", "wn-ax1167gr", "1167", "3476c5abcdef", "abcdef", "cdef", "abc1234567890", "34567890"} {
		assert.Contains(t, in, want)
	}
}

func TestConflicts(t *testing.T) {
	assert.Len(t, ProfileConflicts([]Profile{CIAJ2019(), NIST4()}), 1)
	assert.Empty(t, ProfileConflicts([]Profile{NIST4()}))
	assert.Empty(t, ProfileConflicts([]Profile{CIAJ2019()}))

	tests := []struct {
		name string
		p    Profile
		dp   DevicePolicy
		want []string
	}{
		{"cap below nist", NIST4(), DevicePolicy{MaxLength: 8}, []string{"length-cap"}},
		{"cap below 64", NIST4(), DevicePolicy{MaxLength: 32}, []string{"accept-length"}},
		{"composition imposed", NIST4(), DevicePolicy{MaxLength: 128, RequireClasses: 3}, []string{"composition"}},
		{"digits only vs ciaj", CIAJ2019(), DevicePolicy{Charset: "digits", MaxLength: 16}, []string{"charset", "charset"}},
		{"fine", CIAJ2019(), DevicePolicy{MaxLength: 64, RequireClasses: 3}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range DeviceConflicts(tt.p, tt.dp) {
				got = append(got, c.Code)
				assert.NotEmpty(t, c.Cites)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestProfilesCiteEveryRequirement(t *testing.T) {
	for _, p := range []Profile{NIST4(), CIAJ2019(), PINProfile()} {
		for req, c := range p.Cite {
			assert.NotEmpty(t, c.Source, "%s %s", p.ID, req)
			assert.NotEmpty(t, c.Section, "%s %s", p.ID, req)
		}
		got, ok := ProfileByID(p.ID)
		require.True(t, ok)
		assert.Equal(t, p.ID, got.ID)
	}
}

func TestCustomProfile(t *testing.T) {
	p := Profile{ID: "acme", Name: "ACME policy", MinLength: 20}
	c := NewChecker(&CheckOptions{Profiles: []Profile{p}})
	v, err := c.Check(context.Background(), sec("plum-Orbit-kettle-58%"), Input{})
	require.NoError(t, err)
	require.Len(t, v.Failures, 0)
	v, err = c.Check(context.Background(), sec("plum-Orbit-kettle%"), Input{})
	require.NoError(t, err)
	require.Equal(t, []string{"length"}, codes(v.Failures))
	assert.Equal(t, "ACME policy", v.Failures[0].Cite.Source)
}

func TestCheckHugeInputIsBounded(t *testing.T) {
	c := NewChecker(nil)
	huge := strings.Repeat("aB3$", 1<<18) // 1 MiB
	v, err := c.Check(context.Background(), sec(huge), Input{Context: ContextWords{Vendor: "yamaha"}})
	require.NoError(t, err)
	assert.Equal(t, 4, v.Score)
}

func FuzzLoadStore(f *testing.F) {
	k := testKey(f, 5)
	s := NewStore(k)
	s.Add(k, "a", "b", "c", sec("d"))
	var buf bytes.Buffer
	s.Save(&buf)
	f.Add(buf.String())
	f.Add(`{"version":1,"key_id":"x","entries":[{"password":"zz"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		st, err := LoadStore(strings.NewReader(in), k)
		if err != nil {
			assert.Nil(t, st)
			return
		}
		_ = st.Reuses()
	})
}

func FuzzVerifyHash(f *testing.F) {
	f.Add("$1$28772684$iEwNOgGugqO9.bIz5sk8k/", "hashcat")
	f.Add("$8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk", "x")
	f.Add("0822455D0A16", "cisco")
	f.Fuzz(func(t *testing.T, h, pw string) {
		if strings.HasPrefix(h, "$9$") || strings.HasPrefix(h, "$8$") {
			return // each try costs a KDF; covered by unit tests
		}
		_, _ = VerifyHash(h, sec(pw))
		if d, err := DecodeType7(h); err == nil {
			assert.Equal(t, d.Reveal(), mustDecode(t, EncodeType7(d, int(h[0]-'0')*10+int(h[1]-'0'))))
		}
	})
}

func mustDecode(t *testing.T, s string) string {
	d, err := DecodeType7(s)
	require.NoError(t, err)
	return d.Reveal()
}

func FuzzDeviceDerived(f *testing.F) {
	f.Add("RTX1300!", "Yamaha", "RTX1300", "00:a0:de:12:34:56")
	f.Fuzz(func(t *testing.T, pw, vendor, model, mac string) {
		_, _ = DeviceDerived(sec(pw), ContextWords{Vendor: vendor, Model: model, MAC: mac, Serial: model})
		_ = ContextWords{Vendor: vendor, Model: model, MAC: mac}.Inputs()
		_ = CheckPIN(pw, model)
	})
}
