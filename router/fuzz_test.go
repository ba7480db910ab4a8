package router_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/router"
)

func seed(f *testing.F, glob string) {
	paths, err := filepath.Glob(glob)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// fuzzImporter checks what every importer promises on any input: no
// panic, no error, unparsed lines within the file, and no secret of the
// input repeated in the unparsed entry of its own line.
func fuzzImporter(t *testing.T, data []byte, imp func(router.File) (router.Facts, error)) {
	f, err := imp(router.File{Name: "fuzz", Data: data})
	if err != nil {
		t.Fatalf("importer returned an error: %v", err)
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	if len(f.Unparsed) > router.MaxUnparsed+1 {
		t.Fatalf("%d unparsed entries over the bound", len(f.Unparsed))
	}
	for _, u := range f.Unparsed {
		if u.Location.Line > lines {
			t.Fatalf("unparsed line %d beyond %d lines", u.Location.Line, lines)
		}
	}
	for _, c := range f.Credentials {
		s := c.Secret.Reveal()
		if len(s) < 6 || c.Location == nil {
			continue
		}
		for _, u := range f.Unparsed {
			if u.Location == *c.Location && strings.Contains(u.Words, s) {
				t.Fatalf("secret of %s shown in unparsed words %q", c.Name, u.Words)
			}
		}
	}
}

func FuzzImportYamaha(f *testing.F) {
	seed(f, "testdata/yamaha/*")
	f.Add([]byte("pp select 1\n ip pp secure filter in 1 2 3\n  4 5\npp select none\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImporter(t, data, router.ImportYamaha) })
}

func FuzzImportCiscoIOS(f *testing.F) {
	seed(f, "testdata/cisco/*")
	f.Add([]byte("banner motd ^C\nhello\n^C\nline vty 0 4\n transport input all\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImporter(t, data, router.ImportCiscoIOS) })
}

func FuzzImportRouterOS(f *testing.F) {
	seed(f, "testdata/routeros/*")
	f.Add([]byte("/ip service set [ find name=telnet ] disabled=yes\\\n    address=\"a b\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImporter(t, data, router.ImportRouterOS) })
}

func FuzzImportOpenWrt(f *testing.F) {
	seed(f, "testdata/openwrt/*/wireless")
	seed(f, "testdata/openwrt/*/firewall")
	f.Add([]byte("config wifi-iface 'x'\n\toption encryption \"psk2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"wireless", "firewall", "network", "dhcp", "dropbear", "uhttpd", "system", "shadow", "crontab"} {
			fuzzImporter(t, data, func(file router.File) (router.Facts, error) {
				file.Name = name
				return router.ImportOpenWrt([]router.File{file})
			})
		}
	})
}

func FuzzReadOpenWrtBackup(f *testing.F) {
	f.Add(backup(f, map[string]string{"etc/config/wireless": "config wifi-iface\n"}))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := router.ReadOpenWrtBackup("b.tar.gz", bytes.NewReader(data))
		if err != nil && files != nil {
			t.Fatal("files returned with an error")
		}
	})
}

// backup builds a sysupgrade-style .tar.gz.
func backup(tb testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, name := range sortedKeys(files) {
		data := files[name]
		require.NoError(tb, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), Typeflag: tar.TypeReg}))
		_, err := tw.Write([]byte(data))
		require.NoError(tb, err)
	}
	require.NoError(tb, tw.Close())
	require.NoError(tb, zw.Close())
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestReadOpenWrtBackup(t *testing.T) {
	files := map[string]string{"./etc/shadow": "root:::0:99999:7:::\n", "etc/crontabs/root": "*/5 * * * * /tmp/.x/miner\n", "etc/passwd": "root:x:0:0::/root:/bin/ash\n", "etc/dropbear/dropbear_ed25519_host_key": "KEY"}
	for _, name := range []string{"wireless", "firewall", "dropbear", "uhttpd"} {
		b, err := os.ReadFile(filepath.Join("testdata/openwrt/insecure", name))
		require.NoError(t, err)
		files["etc/config/"+name] = string(b)
	}
	got, err := router.ReadOpenWrtBackup("backup.tar.gz", bytes.NewReader(backup(t, files)))
	require.NoError(t, err)
	var names []string
	for _, f := range got {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"backup.tar.gz:etc/config/dropbear", "backup.tar.gz:etc/config/firewall", "backup.tar.gz:etc/config/uhttpd",
		"backup.tar.gz:etc/config/wireless", "backup.tar.gz:etc/crontabs/root", "backup.tar.gz:etc/shadow"}, names, "only UCI files, shadow and crontab; no keys")

	facts, err := router.ImportOpenWrt(got)
	require.NoError(t, err)
	fd := finding(t, facts, "router.wifi.open")
	assert.Equal(t, "backup.tar.gz:etc/config/wireless", fd.Location.File)
	fd = finding(t, facts, "router.password.first-setup")
	assert.Equal(t, "fail", fd.Status.String(), "root without password in the backup's shadow")
	fd = finding(t, facts, "router.script.unexpected")
	assert.Equal(t, "fail", fd.Status.String(), "cron job in the backup")
	assert.Equal(t, "backup.tar.gz:etc/crontabs/root", fd.Location.File)

	t.Run("not a backup", func(t *testing.T) {
		_, err := router.ReadOpenWrtBackup("x", strings.NewReader("config wifi-iface"))
		require.ErrorIs(t, err, router.ErrNotBackup)
	})
	t.Run("oversized member", func(t *testing.T) {
		big := backup(t, map[string]string{"etc/config/wireless": strings.Repeat("#", router.MaxConfigSize+1)})
		_, err := router.ReadOpenWrtBackup("x", bytes.NewReader(big))
		require.ErrorIs(t, err, router.ErrTooLarge)
	})
}
