package password

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
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
