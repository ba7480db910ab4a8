package password

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// describeScan renders a scan without any secret value: what a report
// may show.
func describeScan(s *ConfigScan) string {
	var b strings.Builder
	for _, c := range s.Secrets {
		cr := c.Credential
		fmt.Fprintf(&b, "%s form=%s type=%q kind=%s storage=%s user=%q access=%q name=%q plaintext-known=%v hash-known=%v\n",
			c.Location, c.Form, c.Type, cr.Kind, cr.Storage, cr.User, cr.Access, cr.Name, !cr.Secret.IsZero(), !cr.Hash.IsZero())
	}
	if s.PasswordEncryption != nil {
		fmt.Fprintf(&b, "service password-encryption: %v\n", *s.PasswordEncryption)
	}
	for _, e := range s.Errors {
		fmt.Fprintf(&b, "error: %v\n", e)
	}
	return b.String()
}

func TestScanConfigGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/configs/*")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var all strings.Builder
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		s, err := ScanConfig(filepath.Base(name), f)
		f.Close()
		require.NoError(t, err, name)
		fmt.Fprintf(&all, "== %s\n%s", filepath.Base(name), describeScan(s))
	}
	golden := "testdata/scan.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(all.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), all.String())
	assertNoFixtureSecret(t, all.String())
}

func TestScanConfigValues(t *testing.T) {
	f, err := os.Open("testdata/configs/cisco-ios.txt")
	require.NoError(t, err)
	defer f.Close()
	s, err := ScanConfig("cisco-ios.txt", f)
	require.NoError(t, err)
	byName := map[string]Credential{}
	for _, c := range s.Credentials() {
		byName[c.Name] = c
	}
	assert.Equal(t, "Cisc0Enable", byName["enable password"].Secret.Reveal())
	assert.Equal(t, StoragePlaintext, byName["enable password"].Storage)
	assert.Equal(t, "cisco", byName["username admin"].Secret.Reveal(), "type 7 decoded")
	assert.Equal(t, StorageReversible, byName["username admin"].Storage)
	assert.Equal(t, StorageStrongHash, byName["username ops"].Storage)
	assert.Equal(t, StorageWeakHash, byName["username old"].Storage)
	assert.Equal(t, "LineVty!9", byName["line vty"].Secret.Reveal())
	require.NotNil(t, s.PasswordEncryption)
	assert.False(t, *s.PasswordEncryption)

	y, err := ScanConfig("rtx.conf", strings.NewReader("ipsec ike pre-shared-key 1 text Ike Key With Spaces\n"))
	require.NoError(t, err)
	require.Len(t, y.Secrets, 1)
	assert.Equal(t, "Ike Key With Spaces", y.Secrets[0].Credential.Secret.Reveal())
}

func TestScanConfigBounds(t *testing.T) {
	long := strings.Repeat("x", MaxConfigLine+10)
	in := "enable password First1\n" + long + "\nenable password Second2\n"
	s, err := ScanConfig("big.txt", strings.NewReader(in))
	require.NoError(t, err)
	assert.Len(t, s.Secrets, 2, "the records around a broken line survive")
	require.Len(t, s.Errors, 1)
	assert.Contains(t, s.Errors[0].Error(), "big.txt:2")

	_, err = ScanConfig("huge.txt", bytes.NewReader(make([]byte, MaxConfigSize+5)))
	assert.ErrorIs(t, err, ErrConfigTooLarge)
}

func FuzzScanConfig(f *testing.F) {
	files, _ := filepath.Glob("testdata/configs/*")
	for _, name := range files {
		b, _ := os.ReadFile(name)
		f.Add(filepath.Base(name), string(b))
	}
	f.Fuzz(func(t *testing.T, name, in string) {
		s, err := ScanConfig(name, strings.NewReader(in))
		require.NotNil(t, s)
		_ = err
		for _, c := range s.Secrets {
			assert.Positive(t, c.Location.Line)
			// No secret in the descriptive fields: the form is a syntax
			// name (a prefix and a key word), never free text; a secret
			// that is more than a lower-case word ("munity" is a substring
			// of cisco-snmp-community) must not be in it.
			assert.Regexp(t, `^[A-Za-z0-9_.-]+$`, c.Form)
			if v := c.Credential.Secret.Reveal(); len(v) >= 6 && strings.Trim(v, "abcdefghijklmnopqrstuvwxyz0123456789_-") != "" {
				assert.NotContains(t, c.Form, v)
			}
		}
	})
}
