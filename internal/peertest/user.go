package peertest

import (
	"os"
	"os/user"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
)

var userName = regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,30}$`)

// EnsureUser makes sure the local account name exists with password, for
// password and keyboard-interactive logins against [StartSSHD] and
// [StartDropbear]. It creates the account when missing (useradd, home
// directory, /bin/sh) and sets the password (chpasswd) every time, so it
// is idempotent. Use a name of your own per test package (for example
// "ndstest" or "ndspw"): two packages running in parallel must not set
// different passwords on one account.
//
// It needs root: otherwise the test is skipped (or fails under
// NETDEVSEC_REQUIRE_PEERS=1). Calls from concurrent test processes are
// serialised with a lock file in the temp directory.
func EnsureUser(t testing.TB, name, password string) {
	t.Helper()
	if !userName.MatchString(name) {
		t.Fatalf("EnsureUser: invalid account name %q", name)
	}
	if password == "" {
		t.Fatalf("EnsureUser: empty password")
	}
	if !isRoot() {
		Skip(t, "creating the test account %q needs root", name)
		return
	}
	useradd := Require(t, "useradd")
	chpasswd := Require(t, "chpasswd")

	lock, err := os.OpenFile(filepath.Join(os.TempDir(), "netdevsec-peertest-user.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatalf("EnsureUser: lock file: %v", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatalf("EnsureUser: lock: %v", err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it too

	if _, err := user.Lookup(name); err != nil {
		run(t, "", useradd, "--create-home", "--shell", "/bin/sh", "--comment", "netdevsec peer tests", name)
	}
	run(t, name+":"+password+"\n", chpasswd)
}
