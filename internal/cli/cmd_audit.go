package cli

import (
	"context"
	"fmt"
)

func cmdAudit(ctx context.Context, e *Env, args []string) int {
	_ = ctx
	fmt.Fprintln(e.Stderr, "netdevsec audit: not wired yet", args)
	return ExitInternal
}

func cmdRules(ctx context.Context, e *Env, args []string) int {
	_ = ctx
	fmt.Fprintln(e.Stderr, "netdevsec rules: not wired yet", args)
	return ExitInternal
}
