package hylafax

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func seedDir(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzParseConfig(f *testing.F) {
	seedDir(f, "testdata/*/config*")
	seedDir(f, "testdata/*/hfaxd.conf")
	f.Add([]byte("Tag: \"unterminated\\"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, kind := range []FileKind{KindServer, KindHfaxd} {
			c, err := ParseConfig(bytes.NewReader(b), "f", kind)
			if err != nil {
				t.Fatalf("content error must not fail the parse: %v", err)
			}
			for _, e := range c.Entries {
				if e.Location.Line < 1 || e.Key == "" {
					t.Fatalf("bad entry %+v", e)
				}
			}
			for _, u := range c.Unparsed {
				if u.Location.Line < 1 || u.Reason == "" {
					t.Fatalf("bad unparsed %+v", u)
				}
			}
		}
	})
}

func FuzzParseHosts(f *testing.F) {
	seedDir(f, "testdata/*/hosts.hfaxd")
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseHosts(bytes.NewReader(b), "hosts.hfaxd")
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range h.Unparsed {
			for _, e := range strings.Split(string(b), ":") {
				if len(e) > 12 && strings.Contains(u.Reason, e) {
					t.Fatalf("unparsed reason %q shows input text", u.Reason)
				}
			}
		}
	})
}

func FuzzParseQualify(f *testing.F) {
	seedDir(f, "testdata/*/tsi")
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := ParseQualify(bytes.NewReader(b), "tsi")
		if err != nil {
			t.Fatal(err)
		}
		_ = q.Restrictive()
	})
}

func FuzzParseDispatch(f *testing.F) {
	seedDir(f, "testdata/*/FaxDispatch")
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := ParseDispatch(bytes.NewReader(b), "FaxDispatch"); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzRecords(f *testing.F) {
	if b, err := os.ReadFile("../testdata/xferfaxlog"); err == nil {
		lines := strings.Split(string(b), "\n")
		for _, l := range lines[:min(len(lines), 8)] {
			f.Add([]byte(l))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		n := 0
		for r, err := range Records(bytes.NewReader(b), "x", nil) {
			n++
			if err != nil {
				if r.Kind != "" {
					t.Fatalf("record %+v with error %v", r, err)
				}
				continue
			}
			if r.Location.Line < 1 || r.Pages < 0 || r.JobTime < 0 {
				t.Fatalf("bad record %+v", r)
			}
		}
		if n > bytes.Count(b, []byte("\n"))+1 {
			t.Fatalf("%d results for %d lines", n, bytes.Count(b, []byte("\n"))+1)
		}
	})
}
