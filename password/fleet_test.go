package password

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
)

func testKey(t testing.TB, b byte) FleetKey {
	k, err := NewFleetKey(bytes.Repeat([]byte{b}, 32))
	require.NoError(t, err)
	return k
}

func TestFingerprints(t *testing.T) {
	k := testKey(t, 1)
	pw := netdevsec.NewSecret("Shared-Pass-42")
	assert.Equal(t, k.Password(pw), k.Password(netdevsec.NewSecret("Ｓｈａｒｅｄ-Ｐａｓｓ-４２")), "NFKC")
	assert.NotEqual(t, k.Password(pw), testKey(t, 2).Password(pw), "keyed")
	assert.NotEqual(t, k.Password(pw), k.UserPassword("", pw), "domain-separated")
	assert.Equal(t, k.UserPassword("Admin", pw), k.UserPassword("admin", pw))
	assert.NotEqual(t, k.UserPassword("admin", pw), k.UserPassword("root", pw))
	// user/password boundary cannot be shifted
	assert.NotEqual(t, k.UserPassword("ab", netdevsec.NewSecret("c")), k.UserPassword("a", netdevsec.NewSecret("bc")))
	_, err := NewFleetKey([]byte("short"))
	assert.ErrorIs(t, err, ErrWeakKey)
	assert.Equal(t, "[REDACTED]", k.String())
}

func TestStoreReuseSaveLoad(t *testing.T) {
	k := testKey(t, 7)
	s := NewStore(k)
	add := func(sys, cred, user, pw string) {
		_, err := s.Add(k, sys, cred, user, netdevsec.NewSecret(pw))
		require.NoError(t, err)
	}
	add("rtr-1", "admin", "admin", "Shared-Pass-42")
	add("rtr-2", "admin", "admin", "Shared-Pass-42")
	add("pbx-1", "ami", "ami", "Shared-Pass-42")
	add("fax-1", "admin", "admin", "Unique-Fax-Pw-9")
	add("ldap", "svc", "svc", "Only-Ldap-Pw-3")

	reuses := s.Reuses()
	require.Len(t, reuses, 1)
	assert.Equal(t, []string{"pbx-1", "rtr-1", "rtr-2"}, reuses[0].Systems())
	assert.False(t, reuses[0].SameUser)

	var buf bytes.Buffer
	require.NoError(t, s.Save(&buf))
	assert.NotContains(t, buf.String(), "Shared-Pass-42")
	assert.NotContains(t, buf.String(), "Unique-Fax-Pw-9")

	loaded, err := LoadStore(&buf, k)
	require.NoError(t, err)
	other, err := loaded.Check(k, "new-router", "admin", netdevsec.NewSecret("Only-Ldap-Pw-3"))
	require.NoError(t, err)
	require.Len(t, other, 1)
	assert.Equal(t, "ldap", other[0].System)
	none, err := loaded.Check(k, "ldap", "svc", netdevsec.NewSecret("Only-Ldap-Pw-3"))
	require.NoError(t, err)
	assert.Empty(t, none, "the system's own entry is not reuse")

	var buf2 bytes.Buffer
	require.NoError(t, s.Save(&buf2))
	_, err = LoadStore(&buf2, testKey(t, 8))
	assert.ErrorIs(t, err, ErrKeyMismatch)
	_, err = LoadStore(strings.NewReader(`{"version":9}`), k)
	assert.ErrorIs(t, err, ErrBadStore)
	_, err = LoadStore(strings.NewReader(`{"version":1,"extra":1}`), k)
	assert.ErrorIs(t, err, ErrBadStore)
}

func TestStoreSameUser(t *testing.T) {
	k := testKey(t, 3)
	s := NewStore(k)
	for _, sys := range []string{"a", "b"} {
		_, err := s.Add(k, sys, "admin", "admin", netdevsec.NewSecret("Same-Both-77"))
		require.NoError(t, err)
	}
	r := s.Reuses()
	require.Len(t, r, 1)
	assert.True(t, r[0].SameUser)
}

func BenchmarkFingerprint(b *testing.B) {
	k := RandomFleetKey()
	pw := netdevsec.NewSecret("Tr0ub4dor&3")
	for b.Loop() {
		k.Password(pw)
	}
}
