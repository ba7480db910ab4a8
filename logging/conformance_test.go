package logging_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/checktest"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/logging/review"
)

func TestConformance(t *testing.T) {
	all := logging.CatalogRules()
	require.Len(t, all, len(logging.Auditor{}.Rules())+2)
	checktest.Rules(t, all, "logging.")
	checktest.Deterministic(t, func() []netdevsec.Finding { return logging.Check("d", good(), now) })
	checktest.Findings(t, all, logging.Check("d", good(), now))

	files, err := filepath.Glob("testdata/labelled/*.log")
	require.NoError(t, err)
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		e := review.New(&review.Options{Device: "fixture", Reference: now})
		var got []netdevsec.Finding
		require.NoError(t, e.Review(t.Context(), f, name, func(fd netdevsec.Finding) { got = append(got, fd) }))
		f.Close()
		got = append(got, e.Summary()...)
		checktest.Findings(t, all, got, "hunter2", "S3cr3tPass!", "0123456789abcdef0123456789abcdef")
	}
}
