// Command provisioning shows the check a device's first-setup screen (or
// a provisioning system) runs before it accepts a new admin password
// (CIAJ-1.2-1 … 1.2-3, 3.3-1):
//
//  1. the password is judged with the device's own words (vendor, model,
//     serial, MAC, SSID) so factory defaults, device-derived values,
//     common passwords and weak ones are refused, with reasons that cite
//     their source;
//  2. it is checked against the fleet's fingerprint store, so the same
//     password is not reused on another device or system — the store
//     holds keyed HMAC fingerprints, never passwords;
//  3. once accepted, its fingerprint joins the store.
//
// The password is read from standard input (one line); in a real screen
// it comes from the form. Run:
//
//	echo 'friend' | go run ./examples/provisioning
//	echo 'plum-Orbit-kettle-58%' | go run ./examples/provisioning
package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/password"
)

func main() {
	ctx := context.Background()

	// The fleet key lives in your secrets manager; here a fixed demo key.
	key, err := password.NewFleetKey(bytes.Repeat([]byte{0x42}, 32))
	if err != nil {
		fail(err)
	}
	// The management system's store: here, one other router already
	// uses "Sakura-Harbor-2026!" (in real life: password.LoadStore).
	store := password.NewStore(key)
	if _, err := store.Add(key, "rtr-osaka-2", "admin", "admin", netdevsec.NewSecret("Sakura-Harbor-2026!")); err != nil {
		fail(err)
	}

	device := password.ContextWords{Vendor: "Allied Telesis", Model: "AT-x510", Hostname: "sw-tokyo-3", Serial: "A04512K183900017", MAC: "00:1a:eb:12:34:56"}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		fail(fmt.Errorf("read the new password from standard input: %w", err))
	}
	pw := netdevsec.NewSecret(strings.TrimRight(line, "\r\n"))

	checker := password.NewChecker(&password.CheckOptions{Profiles: []password.Profile{password.CIAJ2019()}})
	v, err := checker.Check(ctx, pw, password.Input{Kind: password.KindLogin, User: "manager", Context: device})
	if err != nil {
		fail(err)
	}
	reused, err := store.Check(key, "sw-tokyo-3", "manager", pw)
	if err != nil {
		fail(err)
	}

	fmt.Printf("strength %d/4\n", v.Score)
	for _, r := range v.Failures {
		fmt.Printf("refused (%s): %s\n  source: %s\n", r.RuleID, r.Message, r.Cite)
	}
	for _, e := range reused {
		fmt.Printf("refused (password.reuse.fleet): already used on %s\n", e.System)
	}
	if !v.Pass || len(reused) > 0 {
		os.Exit(3)
	}
	if _, err := store.Add(key, "sw-tokyo-3", "admin", "manager", pw); err != nil {
		fail(err)
	}
	fmt.Println("accepted; fingerprint recorded for future reuse checks")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "provisioning:", err)
	os.Exit(2)
}
