// Package examples holds small runnable programs, one per directory, that
// show how another tool embeds netdevsec. They use only the public API and
// are compiled by `go vet ./...` in CI.
//
//   - embed: judge facts your own system holds and print a report (the
//     README's example).
package examples
