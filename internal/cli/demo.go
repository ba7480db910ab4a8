package cli

import "embed"

// demoFS holds the embedded demo fleet that `netdevsec audit` audits when
// no inventory is given.
//
//go:embed demo
var demoFS embed.FS
