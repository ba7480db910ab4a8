package strength

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testDevice = ContextWords{
	Vendor:   "Yamaha",
	Model:    "RTX-1210",
	Hostname: "office-gw.tokyo.example.jp",
	SSID:     "OfficeNet_5G",
	UserName: "admin",
	Serial:   "S4K012345",
	MAC:      "00:A0:DE:12:34:56",
}

func TestDeviceDerived(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		password string
		want     bool
		reason   string
	}{
		{"vendor", "yamaha", true, "equals the vendor name"},
		{"vendor upper", "YAMAHA", true, "equals the vendor name"},
		{"full width vendor", "ＹＡＭＡＨＡ", true, "equals the vendor name"},
		{"model compact", "rtx1210", true, "equals the model name"},
		{"model as given", "RTX-1210", true, "equals the model name"},
		{"host label", "office", true, "equals the host name (part)"},
		{"ssid", "officenet_5g", true, "equals the SSID"},
		{"user", "Admin", true, "equals the user name"},
		{"user reversed", "nimda", true, "equals the user name reversed"},
		{"serial", "s4k012345", true, "equals the serial number"},
		{"serial tail", "012345", true, "equals the serial number (last 6 characters)"},
		{"mac colon", "00:a0:de:12:34:56", true, "equals the MAC address"},
		{"mac dash upper", "00-A0-DE-12-34-56", true, "equals the MAC address"},
		{"mac cisco dots", "00a0.de12.3456", true, "equals the MAC address"},
		{"mac bare", "00A0DE123456", true, "equals the MAC address"},
		{"mac last 6", "123456", true, "equals the MAC address (last 6 hex digits)"},
		{"mac last 4", "3456", true, "equals the MAC address (last 4 hex digits)"},
		{"vendor year symbol", "Yamaha2024!", true, "built from the vendor name with simple additions"},
		{"user digits", "admin123", true, "built from the user name with simple additions"},
		{"vendor and model", "yamaha-rtx1210", true, "built from the vendor name and the model name with simple additions"},
		{"l33t vendor", "Y4m4h4#1", true, "built from the vendor name in l33t spelling with simple additions"},
		{"l33t equal", "4dm1n", true, "equals the user name in l33t spelling"},
		{"doubled", "adminadmin", true, "built from the user name with simple additions"},
		{"unrelated", "correct horse battery staple", false, ""},
		{"word plus letters", "yamahapiano", false, ""},
		{"too many additions", "admin98765432109", false, ""},
		{"mac tail and user", "admin123456789", true, "built from the user name and the MAC address (last 6 hex digits) with simple additions"},
		{"empty", "", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, reason := DeviceDerived(tc.password, testDevice)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.reason, reason)
			if tc.password != "" {
				assert.NotContains(t, strings.ToLower(reason), strings.ToLower(tc.password), "reason must not quote the password")
			}
		})
	}
}

func TestDeviceDerivedNoContext(t *testing.T) {
	t.Parallel()
	got, reason := DeviceDerived("admin", ContextWords{})
	assert.False(t, got)
	assert.Empty(t, reason)
}

func TestInputsMACForms(t *testing.T) {
	t.Parallel()
	in := ContextWords{MAC: "00-A0-DE-12-34-56"}.Inputs()
	assert.ElementsMatch(t, []string{
		"00:a0:de:12:34:56", "00-a0-de-12-34-56", "00a0.de12.3456", "00a0de123456",
		"de123456", "123456", "3456",
	}, in)
}

// TestContextWordsLowerScore: a password made of a device's words is
// weaker once the words are passed as user inputs.
func TestContextWordsLowerScore(t *testing.T) {
	t.Parallel()
	est := New(nil)
	ctx := context.Background()
	pw := "RTX1210office"
	without, err := est.Estimate(ctx, pw, nil)
	require.NoError(t, err)
	with, err := est.Estimate(ctx, pw, testDevice.Inputs())
	require.NoError(t, err)
	assert.Less(t, with.Guesses, without.Guesses)
	var dicts []string
	for _, m := range with.Sequence {
		dicts = append(dicts, m.DictionaryName)
	}
	assert.Contains(t, dicts, "user_inputs")
}

// FuzzDeviceDerived: no panic on any password or context, and a reason
// exactly when the password is derived.
func FuzzDeviceDerived(f *testing.F) {
	f.Add("Yamaha2024!", "Yamaha", "admin", "S4K012345", "00:A0:DE:12:34:56")
	f.Add("de123456", "", "", "", "00a0.de12.3456")
	f.Add("", "", "", "", "")
	f.Add("ＡＤＭＩＮ", "x", "admin", "1", "zz:zz")
	f.Fuzz(func(t *testing.T, pw, vendor, user, serial, mac string) {
		w := ContextWords{Vendor: vendor, UserName: user, Serial: serial, MAC: mac, Hostname: vendor + "." + user}
		got, reason := DeviceDerived(pw, w)
		require.Equal(t, got, reason != "")
		_ = w.Inputs()
	})
}
