// Package sharedtest finds the project's shared reference data (the
// published test vectors and schemas in ../shared beside the repository)
// for tests that read them in place.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// RequireEnv is the environment variable that turns skips for missing
// peers and reference data into failures (CI sets it to 1).
const RequireEnv = "NETDEVSEC_REQUIRE_PEERS"

// Required reports whether missing peers or data must fail the test.
func Required() bool { return os.Getenv(RequireEnv) == "1" }

// Path returns the path of elems inside the shared directory (the
// "shared" folder beside the repository root). When it does not exist the
// test is skipped, or fails when [Required].
func Path(t testing.TB, elems ...string) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		missing(t, "cannot find the repository root: "+err.Error())
	}
	p := filepath.Join(append([]string{filepath.Dir(root), "shared"}, elems...)...)
	if _, err := os.Stat(p); err != nil {
		missing(t, "shared reference data missing: "+p)
	}
	return p
}

func missing(t testing.TB, msg string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s (%s=1)", msg, RequireEnv)
	}
	t.Skip(msg)
}

// repoRoot walks up from the working directory to the directory holding
// the module's go.mod (the one without a parent module, so bench/ finds
// the root too).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	found := ""
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			found = dir
			if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			if found == "" {
				return "", os.ErrNotExist
			}
			return found, nil
		}
		dir = parent
	}
}
