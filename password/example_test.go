package password_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/password"
)

// A provisioning screen refuses a factory default and says why.
func ExampleChecker_Check() {
	c := password.NewChecker(&password.CheckOptions{Profiles: []password.Profile{password.NIST4()}})
	v, err := c.Check(context.Background(), netdevsec.NewSecret("friend"), password.Input{
		Kind: password.KindLogin, User: "manager",
		Context: password.ContextWords{Vendor: "Allied Telesis", Model: "AT-x510"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("pass:", v.Pass)
	for _, r := range v.Failures {
		fmt.Printf("%s (%s)\n", r.RuleID, r.Code)
	}
	// Output:
	// pass: false
	// password.default.unchanged (default)
	// password.blocklist.common (blocklist)
	// password.strength.weak (weak)
	// password.policy.profile (length)
}

// Config scanning reports where secrets are kept and how, never their
// values.
func ExampleScanConfig() {
	cfg := `hostname edge-1
enable password Plain-Enable-1
username admin privilege 15 password 7 0822455D0A16
username ops secret 9 $9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6
snmp-server community public RO
`
	s, err := password.ScanConfig("edge-1.cfg", strings.NewReader(cfg))
	if err != nil {
		panic(err)
	}
	for _, sec := range s.Secrets {
		fmt.Printf("%s %s %s secret=%q hash=%q\n", sec.Location, sec.Form, sec.Credential.Storage, sec.Credential.Secret, sec.Credential.Hash)
	}
	fmt.Println("service password-encryption:", *s.PasswordEncryption)
	// Output:
	// edge-1.cfg:2 cisco-enable-password plaintext secret="[REDACTED]" hash=""
	// edge-1.cfg:3 cisco-username-password reversible secret="[REDACTED]" hash=""
	// edge-1.cfg:4 cisco-username-secret strong-hash secret="" hash="[REDACTED]"
	// edge-1.cfg:5 cisco-snmp-community plaintext secret="[REDACTED]" hash=""
	// service password-encryption: false
}

// A management system keeps keyed fingerprints of the fleet's passwords
// and checks a new one for reuse without storing any plaintext.
func ExampleStore() {
	key, _ := password.NewFleetKey(bytes.Repeat([]byte{7}, 32))
	store := password.NewStore(key)
	store.Add(key, "rtr-tokyo-1", "admin", "admin", netdevsec.NewSecret("Sakura-Harbor-2026!"))
	store.Add(key, "pbx-osaka-1", "ami", "admin", netdevsec.NewSecret("Sakura-Harbor-2026!"))

	for _, r := range store.Reuses() {
		fmt.Println("reused on", r.Systems(), "same user:", r.SameUser)
	}
	others, _ := store.Check(key, "fax-nagoya-1", "admin", netdevsec.NewSecret("Sakura-Harbor-2026!"))
	fmt.Println("new password already used on", len(others), "system(s)")
	// Output:
	// reused on [pbx-osaka-1 rtr-tokyo-1] same user: true
	// new password already used on 2 system(s)
}

// PBX voicemail PINs have their own profile.
func ExampleCheckPIN() {
	for _, r := range password.CheckPIN("2010", "2010") {
		fmt.Println(r.Code)
	}
	fmt.Println(len(password.CheckPIN("480271", "2010")), "problems")
	// Output:
	// length
	// pin-extension
	// 0 problems
}

// Cisco type 7 is reversible: the SDK decodes it to judge the password
// (never print the result), and verifies candidates against salted
// hashes.
func ExampleVerifyHash() {
	ok, err := password.VerifyHash("$8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk", netdevsec.NewSecret("hashcat"))
	fmt.Println(ok, err)
	pw, _ := password.DecodeType7("0822455D0A16")
	fmt.Println("decoded:", pw) // a Secret prints redacted
	// Output:
	// true <nil>
	// decoded: [REDACTED]
}
