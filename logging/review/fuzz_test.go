package review_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

// FuzzReview: any stream is reviewed without panic and every finding is
// located on a line of the input.
func FuzzReview(f *testing.F) {
	files, _ := filepath.Glob("../testdata/labelled/*.log")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		e := review.New(fixtureOptions())
		_ = e.Review(t.Context(), bytes.NewReader(data), "f.log", func(fd netdevsec.Finding) {
			if fd.Location == nil || fd.Location.Line < 1 || fd.Location.Line > lines {
				t.Fatalf("finding outside the input: %+v", fd.Location)
			}
		})
	})
}

// FuzzRedactSecrets: redaction never panics and removes the value after
// "password=".
func FuzzRedactSecrets(f *testing.F) {
	f.Add("password=hunter2", true)
	f.Add("username x secret 0 y", true)
	f.Fuzz(func(t *testing.T, s string, command bool) {
		out := review.RedactSecrets(s, command)
		if strings.HasPrefix(s, "password=") && len(s) > len("password=") && !strings.ContainsAny(s[9:10], " \"',]=:") {
			if !strings.HasPrefix(out, "password="+netdevsec.Redacted) {
				t.Fatalf("%q -> %q", s, out)
			}
		}
	})
}
