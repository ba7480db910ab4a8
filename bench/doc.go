// Package bench holds side-by-side benchmarks of netdevsec against the
// libraries and tools people would otherwise use, on the same inputs:
//
//   - firmware version parse and compare: github.com/Masterminds/semver/v3
//     and github.com/hashicorp/go-version;
//   - fleet matching against advisories: a plain nested loop;
//   - syslog parse and classify: github.com/leodido/go-syslog/v4 (parse
//     only), and a 1 GB stream through the log review engine;
//   - password verdict: github.com/trustelem/zxcvbn and
//     github.com/nbutton23/zxcvbn-go;
//   - SSH algorithm audit: ssh-audit -j (Debian package ssh-audit) against
//     the same local dropbear (Debian package dropbear-bin);
//   - CDR review in rows per second.
//
// The package has no API: everything is in its _test.go files. Run
// "go run ./cmd/ratios" for the table of ratios (see README.md).
//
// # Touches
//
// Only 127.0.0.1: the SSH benchmarks start dropbear on a free high port
// from a temporary directory. No credentials.
package bench
