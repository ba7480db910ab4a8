// Package sharedtest locates the published test vectors in ../shared/testdata
// beside the repository, for the firmware packages' tests.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns ../shared/testdata/<sub> relative to the repository root.
// When it is absent the test is skipped, or fails when the environment
// sets NETDEVSEC_REQUIRE_PEERS=1 (as CI does).
func Dir(t testing.TB, sub string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := wd
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			t.Fatalf("no go.mod above %s", wd)
		}
		root = parent
	}
	dir := filepath.Join(root, "..", "shared", "testdata", sub)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("NETDEVSEC_REQUIRE_PEERS") == "1" {
			t.Fatalf("published test vectors missing: %v", err)
		}
		t.Skipf("published test vectors missing (%v); set NETDEVSEC_REQUIRE_PEERS=1 to fail instead", err)
	}
	return dir
}
