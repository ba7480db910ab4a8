package password

import (
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
)

func TestType7RoundTrip(t *testing.T) {
	for off := range 16 {
		pw := netdevsec.NewSecret("Sup3r-Secret!" + string(rune('a'+off)))
		got, err := DecodeType7(EncodeType7(pw, off))
		require.NoError(t, err)
		assert.Equal(t, pw.Reveal(), got.Reveal())
	}
}

func TestDecodeType7Vectors(t *testing.T) {
	// passlib test vectors (passlib/tests/test_handlers_cisco.py).
	for enc, want := range map[string]string{
		"0822455D0A16": "cisco",
		"094F471A1A0A": "cisco",
		"02050D480809": "cisco",
	} {
		got, err := DecodeType7(enc)
		require.NoError(t, err, enc)
		assert.Equal(t, want, got.Reveal(), enc)
	}
	for _, bad := range []string{"", "1", "99AB", "08ZZ"} {
		_, err := DecodeType7(bad)
		assert.ErrorIs(t, err, ErrBadHash, bad)
	}
}

func TestVerifyHash(t *testing.T) {
	pw := netdevsec.NewSecret("hashcat")
	tests := []struct {
		name, hash string
		kind       HashKind
	}{
		// hashcat --example-hashes, modes 500, 9200, 9300.
		{"md5crypt", "$1$28772684$iEwNOgGugqO9.bIz5sk8k/", HashMD5Crypt},
		{"type8", "$8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk", HashCiscoType8},
		{"type9", "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6", HashCiscoType9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, _, err := ClassifyHash(tt.hash)
			require.NoError(t, err)
			assert.Equal(t, tt.kind, kind)
			ok, err := VerifyHash(tt.hash, pw)
			require.NoError(t, err)
			assert.True(t, ok)
			ok, err = VerifyHash(tt.hash, netdevsec.NewSecret("hashcat2"))
			require.NoError(t, err)
			assert.False(t, ok)
		})
	}
	_, err := VerifyHash("plain", pw)
	assert.ErrorIs(t, err, ErrBadHash)
}

func TestType4(t *testing.T) {
	// Type 4 is unsalted: the same password always gives the same string.
	pw := netdevsec.NewSecret("cisco")
	h := cryptBase64(sha256Sum("cisco"))[:43]
	ok, err := VerifyHash(h, pw)
	require.NoError(t, err)
	assert.True(t, ok)
}

func sha256Sum(s string) []byte {
	h := sha256.New()
	h.Write([]byte(s))
	return h.Sum(nil)
}
