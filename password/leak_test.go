package password

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// distinctiveFixtureSecrets are plaintext passwords that appear in the
// test fixtures and are not ordinary words of our own messages.
var distinctiveFixtureSecrets = []string{
	"Cisc0Enable", "LineVty!9", "Wr1te-Acc3ss", "Yamaha-Login1", "admin123", "PppSecret99", "Ike Key With Spaces",
	"Gv7#kq2!Lm9$zR4", "Zx8!mN3#pQ7w", "amp111", "officenet2024", "labpassword", "482915",
	// hashes are secrets too
	"$1$28772684$iEwNOgGugqO9", "2MJBozw/9R3UsU", "0822455D0A16", "094F471A1A0A",
}

// vocabulary is what our own output legitimately says.
var vocabulary = []string{"password", "enable password", "administrator"}

var fixtureSecrets = sync.OnceValue(func() []string {
	out := slices.Clone(distinctiveFixtureSecrets)
	files, _ := filepath.Glob("testdata/configs/*")
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		s, _ := ScanConfig(name, f)
		f.Close()
		for _, c := range s.Credentials() {
			for _, v := range []string{c.Secret.Reveal(), c.Hash.Reveal()} {
				if len(v) >= 8 && !slices.Contains(vocabulary, strings.ToLower(v)) && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
	}
	return out
})

// assertNoFixtureSecret fails when text contains a fixture plaintext
// password or hash (item 9 of the issue: no test output, error or
// finding shows one unless the test supplied it as input).
func assertNoFixtureSecret(t testing.TB, text string) {
	t.Helper()
	for _, s := range fixtureSecrets() {
		assert.NotContains(t, text, s, "a fixture secret leaked into output")
	}
}

// TestNoFixtureSecretLeaks runs the package's outputs over every
// fixture — scan errors, findings (JSON, as reports write them),
// verdicts, the fleet store — and fails if a fixture secret shows.
func TestNoFixtureSecretLeaks(t *testing.T) {
	files, err := filepath.Glob("testdata/configs/*")
	require.NoError(t, err)
	c := NewChecker(nil)
	key := RandomFleetKey()
	store := NewStore(key)
	var all strings.Builder
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		// Corrupt every other byte of type 7 values too, to exercise errors.
		for _, in := range []string{string(b), strings.ReplaceAll(string(b), "password 7 0", "password 7 Z")} {
			s, err := ScanConfig(name, strings.NewReader(in))
			if err != nil {
				all.WriteString(err.Error())
			}
			for _, e := range s.Errors {
				all.WriteString(e.Error() + "\n")
			}
			f := Facts{Credentials: s.Credentials(), PasswordEncryption: s.PasswordEncryption, Context: ContextWords{Vendor: "cisco"}}
			fs, err := c.Findings(context.Background(), "dev", f, now)
			require.NoError(t, err)
			j, err := json.Marshal(fs)
			require.NoError(t, err)
			all.Write(j)
			all.WriteString(fmt.Sprintf("%v %+v %#v", fs, fs, fs))
			for _, cr := range s.Credentials() {
				v, err := c.Check(context.Background(), cr.Secret, Input{Kind: cr.Kind, User: cr.User})
				require.NoError(t, err)
				j, _ := json.Marshal(v)
				all.Write(j)
				all.WriteString(fmt.Sprintf("%+v", cr))
				if !cr.Secret.IsZero() {
					store.Add(key, name, cr.Name, cr.User, cr.Secret)
				}
			}
		}
	}
	require.NoError(t, store.Save(&all))
	assertNoFixtureSecret(t, all.String())
}
