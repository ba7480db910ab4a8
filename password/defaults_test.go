package password

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
)

func TestEmbeddedDefaults(t *testing.T) {
	db, err := embeddedDefaults()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, db.Len(), 200)
	assert.NotEmpty(t, db.Version())
	for _, d := range db.Entries() {
		assert.NotEmpty(t, d.Source, "line %d", d.Line)
		// Sources are shown in findings: they must not spell out the value.
		assert.NotContains(t, d.Source, " / ", "line %d", d.Line)
		if pw := d.Password.Reveal(); len(pw) >= 4 && !strings.Contains(strings.ToLower(d.Vendor+" "+d.Models+" administrator"), strings.ToLower(pw)) {
			assert.NotContains(t, strings.ToLower(d.Source), strings.ToLower(pw), "line %d", d.Line)
		}
	}
	vendors := db.Vendors()
	for _, v := range []string{"buffalo", "nec", "iodata", "yamaha", "allied telesis", "elecom", "tp-link", "netgear", "asus",
		"linksys", "d-link", "mikrotik", "ubiquiti", "cisco", "juniper", "fortinet", "huawei", "zte", "zyxel",
		"asterisk", "freepbx", "yealink", "grandstream", "polycom", "panasonic", "avaya",
		"canon", "ricoh", "sharp", "kyocera", "brother", "xerox", "fuji xerox", "fujifilm", "konica minolta", "epson", "hp", "muratec"} {
		assert.Contains(t, vendors, v)
	}
}

func TestDefaultMatch(t *testing.T) {
	db := Defaults()
	s := netdevsec.NewSecret
	tests := []struct {
		name      string
		q         DefaultQuery
		wantLines bool
		scoped    bool
	}{
		{"allied manager/friend", DefaultQuery{Vendor: "Allied Telesis", Model: "AT-x510", User: "manager", Password: s("friend")}, true, true},
		{"allied changed", DefaultQuery{Vendor: "Allied Telesis", Model: "AT-x510", User: "manager", Password: s("c0rrect-h0rse-battery")}, false, false},
		{"yamaha blank", DefaultQuery{Vendor: "Yamaha", Model: "RTX1300", Kind: KindLogin, Password: s("")}, true, true},
		{"other vendor's default is not scoped", DefaultQuery{Vendor: "Yamaha", Model: "RTX1300", User: "manager", Password: s("friend")}, false, false},
		{"unknown vendor searches all", DefaultQuery{User: "manager", Password: s("friend")}, true, false},
		{"model glob excludes", DefaultQuery{Vendor: "netgear", Model: "RP614", User: "admin", Password: s("1234")}, true, true},
		{"xerox serial", DefaultQuery{Vendor: "Xerox", Model: "VersaLink C405", User: "admin", Password: s("3TB-123456"), Serial: "3TB123456"}, true, true},
		{"oki mac6", DefaultQuery{Vendor: "OKI", Model: "MC573", User: "admin", Password: s("3A4B5C"), MAC: "00:80:87:3a:4b:5c"}, true, true},
		{"same as user", DefaultQuery{Vendor: "acme", User: "operator", Password: s("Operator")}, true, true},
		{"snmp public only for communities", DefaultQuery{Vendor: "cisco", Model: "ISR4331", Kind: KindLogin, Password: s("public")}, false, false},
		{"snmp public", DefaultQuery{Vendor: "cisco", Model: "ISR4331", Kind: KindSNMPCommunity, Password: s("public")}, true, true},
		{"full-width normalised", DefaultQuery{Vendor: "zyxel", Model: "USG60", User: "admin", Password: s("１２３４")}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := db.Match(tt.q)
			if !tt.wantLines {
				assert.Empty(t, got)
				return
			}
			require.NotEmpty(t, got)
			assert.Equal(t, tt.scoped, got[0].Scoped)
		})
	}
}

func TestParseDefaultsErrors(t *testing.T) {
	in := "version,1\n" +
		"acme,*,login,http,80,admin,admin,exact,Acme manual\n" +
		"acme,*,login,http,80,admin,admin,exact,\n" +
		"acme,*,nope,http,80,admin,admin,exact,Acme\n" +
		"acme,*,login,http,x,admin,admin,exact,Acme\n" +
		"acme,*,login,http,80,admin,,exact,Acme\n"
	db, err := ParseDefaults(strings.NewReader(in), "t.csv")
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrBadDatabase)
	for _, want := range []string{"t.csv:3: column source", "t.csv:4: column kind", "t.csv:5: column port", "t.csv:6: column password"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "admin,admin")
	require.NotNil(t, db)
	assert.Equal(t, 1, db.Len(), "the good row survives")
}

func FuzzParseDefaults(f *testing.F) {
	f.Add(string(defaultsCSV))
	f.Add("version,1\nacme,*,login,http,80,admin,admin,exact,src\n")
	f.Add("\"unterminated")
	f.Fuzz(func(t *testing.T, in string) {
		db, _ := ParseDefaults(strings.NewReader(in), "fuzz")
		if db != nil {
			for _, d := range db.Entries() {
				_ = db.Match(DefaultQuery{Vendor: d.Vendor, Model: d.Models, User: d.User, Password: d.Password})
			}
		}
	})
}
