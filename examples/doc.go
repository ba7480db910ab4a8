// Package examples holds small runnable programs, one per directory, that
// show how another tool embeds netdevsec. They use only the public API and
// are compiled by `go vet ./...` in CI.
//
//   - embed: judge facts your own system holds and print a report (the
//     README's example).
//   - provisioning: a first-setup screen that refuses factory-default,
//     weak, device-derived and reused passwords.
//   - firmware: match installed versions against advisories and say what
//     to upgrade to.
//   - logreview: stream device logs through the review engine.
//   - routeraudit: import router configs and run the router rules.
//   - pbxaudit: audit an Asterisk configuration's dial plan and review CDRs.
//   - faxconfirm: a dial-confirmation flow (enter twice, address book,
//     remote ID check).
package examples
