package reltest_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/fax/hylafax"
	"github.com/netdevsec/netdevsec/firmware/advisory"
	"github.com/netdevsec/netdevsec/internal/reltest"
	"github.com/netdevsec/netdevsec/pbx"
	"github.com/netdevsec/netdevsec/pbx/cdr"
	"github.com/netdevsec/netdevsec/router"
)

func fixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile("../../" + path)
	require.NoError(t, err)
	return b
}

// truncate cuts b in the middle of a line and appends a line of garbage.
func truncate(b []byte) []byte {
	cut := len(b) / 2
	garbage := bytes.ReplaceAll(reltest.Garbage(200), []byte("\n"), []byte("\x00"))
	return append(append(bytes.Clone(b[:cut]), "\n\x01"...), garbage...)
}

// TestBadInputAdvisories: a truncated or invalid advisory of every format
// is an error naming the file (and the JSON position), never a partial
// document.
func TestBadInputAdvisories(t *testing.T) {
	for _, name := range []string{"osv-routeros.json", "csaf-cisco-iosxe.json", "nvd-messy.json", "cve5-fortios.json", "kev.json"} {
		good := fixture(t, "firmware/advisory/testdata/"+name)
		for variant, b := range map[string][]byte{"truncated": good[:len(good)/2], "garbage": reltest.Garbage(500), "empty": nil} {
			t.Run(name+"/"+variant, func(t *testing.T) {
				doc, err := advisory.Read(bytes.NewReader(b), "feeds/"+name)
				require.Error(t, err)
				assert.Nil(t, doc)
				assert.Contains(t, err.Error(), "feeds/"+name)
			})
		}
	}
}

// TestBadInputRouterConfigs: a truncated config with garbage is imported
// as far as it goes; what was not understood is listed with file and
// line, and the settings before the cut are kept.
func TestBadInputRouterConfigs(t *testing.T) {
	for vendor, path := range map[string]string{
		"cisco": "router/testdata/cisco/isr-insecure.cfg", "yamaha": "router/testdata/yamaha/rtx830-insecure.conf",
		"mikrotik": "router/testdata/routeros/v6-insecure.rsc",
	} {
		t.Run(vendor, func(t *testing.T) {
			whole, err := router.Import(vendor, []router.File{{Name: "whole.cfg", Data: fixture(t, path)}})
			require.NoError(t, err)
			cut := truncate(fixture(t, path))
			got, err := router.Import(vendor, []router.File{{Name: "cut.cfg", Data: cut}})
			require.NoError(t, err)
			require.NotEmpty(t, got.Unparsed, "the garbage is reported")
			last := got.Unparsed[len(got.Unparsed)-1]
			assert.Equal(t, "cut.cfg", last.Location.File)
			assert.Equal(t, bytes.Count(cut, []byte("\n"))+1, last.Location.Line, "the garbage is the last line")
			assert.LessOrEqual(t, len(got.Credentials), len(whole.Credentials))
			assert.Positive(t, len(got.Credentials)+len(got.Services)+len(got.Accounts), "what came before the cut is kept")
		})
	}
	t.Run("openwrt backup", func(t *testing.T) {
		_, err := router.ReadOpenWrtBackup("backup.tar.gz", bytes.NewReader(reltest.Garbage(1000)))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "backup.tar.gz")
	})
	t.Run("too large", func(t *testing.T) {
		_, err := router.ReadConfig("big.cfg", io.LimitReader(zeros{}, router.MaxConfigSize+1))
		require.ErrorIs(t, err, router.ErrTooLarge)
		assert.Contains(t, err.Error(), "big.cfg")
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestBadInputPBX: a truncated Asterisk file is a problem with file and
// line, and the files and sections before it are still imported.
func TestBadInputPBX(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range []string{"sip.conf", "extensions.conf", "manager.conf", "cdr.conf"} {
		fsys[f] = &fstest.MapFile{Data: fixture(t, "pbx/testdata/asterisk/insecure/"+f)}
	}
	fsys["sip.conf"].Data = append(truncate(fsys["sip.conf"].Data), "\n[unterminated"...)
	facts, err := pbx.ImportAsterisk(context.Background(), fsys, nil)
	require.NoError(t, err)
	require.NotEmpty(t, facts.Problems)
	found := false
	for _, p := range facts.Problems {
		if p.Location.File == "sip.conf" && p.Location.Line > 0 {
			found = true
		}
	}
	assert.True(t, found, "a problem names sip.conf and its line: %v", facts.Problems)
}

// TestBadInputCDR: bad rows are errors with file and line, and every good
// row around them is still read.
func TestBadInputCDR(t *testing.T) {
	good := fixture(t, "pbx/testdata/cdr/Master.csv")
	rows, _ := readCDR(t, good)
	require.Positive(t, rows)
	read, bad := readCDR(t, append(append([]byte("\"unterminated,\n1,2,3\n"), good...), "\"x,y"...))
	assert.Equal(t, rows, read, "every good row is read (bad: %q)", bad)
	require.GreaterOrEqual(t, len(bad), 2)
	assert.True(t, strings.HasPrefix(bad[0], "Master.csv:1: "), bad[0])
	assert.True(t, strings.HasPrefix(bad[1], "Master.csv:2: "), bad[1])
}

func readCDR(t *testing.T, in []byte) (read int, bad []string) {
	rd := cdr.NewReader(bytes.NewReader(in), "Master.csv", nil)
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var re *cdr.RowError
			require.ErrorAs(t, err, &re)
			bad = append(bad, err.Error())
			continue
		}
		require.NotNil(t, rec)
		read++
	}
	return read, bad
}

// TestBadInputHylaFAX: garbage lines of a config are listed with file and
// line; a truncated xferfaxlog yields errors with file and line and every
// complete record.
func TestBadInputHylaFAX(t *testing.T) {
	cfg := append(fixture(t, "internal/cli/demo/fax/hylafax/config"), "\x00\x01garbage\n"...)
	c, err := hylafax.ParseConfig(bytes.NewReader(cfg), "etc/config", hylafax.KindServer)
	require.NoError(t, err)
	require.NotEmpty(t, c.Unparsed)
	assert.Equal(t, bytes.Count(cfg, []byte("\n")), c.Unparsed[len(c.Unparsed)-1].Location.Line)

	x := fixture(t, "fax/testdata/xferfaxlog")
	in := append(append([]byte("not\ta\trecord\n"), x...), x[:len(x)/3]...)
	var ok, bad int
	var first string
	for rec, err := range hylafax.Records(bytes.NewReader(in), "xferfaxlog", nil) {
		if err != nil {
			bad++
			if first == "" {
				first = err.Error()
			}
			continue
		}
		_ = rec
		ok++
	}
	assert.Positive(t, bad)
	assert.True(t, strings.HasPrefix(first, "xferfaxlog:1"), first)
	assert.GreaterOrEqual(t, ok, bytes.Count(x, []byte("\n"))/2, "complete records are kept")
}
