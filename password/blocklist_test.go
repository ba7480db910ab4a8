package password

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
)

func TestCommonPasswords(t *testing.T) {
	b := CommonPasswords()
	assert.Greater(t, b.Len(), 29000)
	assert.Less(t, b.SizeBytes(), 100_000, "compact: about 2 bytes per entry")
	for _, pw := range []string{"password", "PASSWORD", " letmein ", "ｐａｓｓｗｏｒｄ", "trustno1", "friend", "amp111", "x-admin"} {
		assert.True(t, b.Contains(netdevsec.NewSecret(pw)), pw)
	}
	for _, pw := range []string{"correct horse battery staple extra", "Vq7#mT2!pLx9@rW", ""} {
		assert.False(t, b.Contains(netdevsec.NewSecret(pw)), pw)
	}
}

func TestBlocklistFalsePositives(t *testing.T) {
	b := CommonPasswords()
	fp := 0
	for i := range 100_000 {
		if b.Contains(netdevsec.NewSecret(fmt.Sprintf("nd-%d-zq%d", i, i*7919))) {
			fp++
		}
	}
	assert.Less(t, fp, 20, "false-positive rate should be near 0.0015%%")
}

func TestNewBlocklistEmpty(t *testing.T) {
	_, err := NewBlocklist("x", slices.Values([]string{" ", ""}))
	assert.ErrorIs(t, err, ErrEmptyBlocklist)
}

func TestPwnedHash(t *testing.T) {
	pw := netdevsec.NewSecret("password")
	assert.Equal(t, "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8", PwnedHash(HashSHA1, pw))
	assert.Equal(t, "8846F7EAEE8FB117AD06BDD830B7586C", PwnedHash(HashNTLM, pw))
}

func TestLookupHashFile(t *testing.T) {
	file := "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:10434004\r\n" +
		"not-a-hash:12\n" +
		strings.Repeat("A", 1000) + "\n" +
		"7C4A8D09CA3762AF61E59520943DC26494F8941B:123\n" + // 123456
		"7c4a8d09ca3762af61e59520943dc26494f8941b:1\n" +
		"0000000000000000000000000000000000000000\n"
	pws := []netdevsec.Secret{netdevsec.NewSecret("password"), netdevsec.NewSecret("123456"), netdevsec.NewSecret("unlisted-Zq9")}
	counts, err := LookupHashFile(context.Background(), strings.NewReader(file), "pwned.txt", HashSHA1, pws)
	assert.Equal(t, []int64{10434004, 124, 0}, counts)
	var he *HashFileError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 2, he.Count)
	assert.ErrorIs(t, err, ErrBadHashFile)
	assert.Contains(t, err.Error(), "pwned.txt:2")
}

func TestLookupHashFileNTLM(t *testing.T) {
	counts, err := LookupHashFile(context.Background(), strings.NewReader("8846F7EAEE8FB117AD06BDD830B7586C:7\n"), "nt.txt", HashNTLM,
		[]netdevsec.Secret{netdevsec.NewSecret("password")})
	require.NoError(t, err)
	assert.Equal(t, []int64{7}, counts)
}

func TestPwnedCountHTTP(t *testing.T) {
	var gotPath, gotMode, gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotMode, gotUA = r.URL.Path, r.URL.Query().Get("mode"), r.UserAgent()
		io.WriteString(w, "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n1E4C9B93F3F0682250B6CF8331B7EE68FD8:42\r\n00000000000000000000000000000000000:0\r\n")
	}))
	defer srv.Close()
	c := &HTTPRangeClient{BaseURL: srv.URL + "/range/"}
	n, err := PwnedCount(context.Background(), c, HashSHA1, netdevsec.NewSecret("password"))
	require.NoError(t, err)
	assert.Equal(t, int64(42), n)
	assert.Equal(t, "/range/5BAA6", gotPath, "only the 5-digit prefix is sent")
	assert.Empty(t, gotMode)
	assert.Equal(t, "netdevsec", gotUA)

	n, err = PwnedCount(context.Background(), c, HashSHA1, netdevsec.NewSecret("not-in-this-range"))
	require.NoError(t, err)
	assert.Zero(t, n)
}

func FuzzLookupHashFile(f *testing.F) {
	f.Add("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:3\n")
	f.Add("zz:zz\n\n\r\n:")
	f.Fuzz(func(t *testing.T, in string) {
		counts, _ := LookupHashFile(context.Background(), strings.NewReader(in), "fuzz", HashSHA1, []netdevsec.Secret{netdevsec.NewSecret("password")})
		require.Len(t, counts, 1)
		assert.GreaterOrEqual(t, counts[0], int64(0))
	})
}

func BenchmarkBlocklistContains(b *testing.B) {
	bl := CommonPasswords()
	pw := netdevsec.NewSecret("Tr0ub4dor&3")
	for b.Loop() {
		bl.Contains(pw)
	}
}

func TestPwnedCountErrors(t *testing.T) {
	var gotMode string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotMode = r.URL.Query().Get("mode")
		if strings.HasSuffix(r.URL.Path, "8846F") {
			io.WriteString(w, "7EAEE8FB117AD06BDD830B7586C:9\n")
			return
		}
		http.Error(w, "nope", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := &HTTPRangeClient{BaseURL: srv.URL + "/range/"}
	n, err := PwnedCount(context.Background(), c, HashNTLM, netdevsec.NewSecret("password"))
	require.NoError(t, err)
	assert.Equal(t, "ntlm", gotMode)
	assert.Equal(t, int64(9), n)
	_, err = PwnedCount(context.Background(), c, HashSHA1, netdevsec.NewSecret("password"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "429")
	assert.NotContains(t, err.Error(), "password")

	// The checker turns a breach hit into a blocklist failure.
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "1E4C9B93F3F0682250B6CF8331B7EE68FD8:42\n")
	}))
	defer ok.Close()
	v, err := NewChecker(&CheckOptions{Breached: &HTTPRangeClient{BaseURL: ok.URL + "/"}}).Check(context.Background(), netdevsec.NewSecret("password"), Input{})
	require.NoError(t, err)
	assert.Contains(t, codes(v.Failures), "breached")
}

type stringRange string

func (s stringRange) Range(context.Context, HashMode, string) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(string(s))), nil
}

func FuzzPwnedCount(f *testing.F) {
	f.Add("1E4C9B93F3F0682250B6CF8331B7EE68FD8:42\r\n00000000000000000000000000000000000:0\r\n")
	f.Add("zz\n\n:")
	f.Fuzz(func(t *testing.T, resp string) {
		n, err := PwnedCount(context.Background(), stringRange(resp), HashSHA1, netdevsec.NewSecret("password"))
		if err == nil {
			assert.GreaterOrEqual(t, n, int64(0))
		}
	})
}
