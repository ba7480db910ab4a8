// Command netdevsec audits routers, PBXs and fax machines against the CIAJ
// "Communication Network Equipment Security User Guidelines".
//
// Run "netdevsec help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"

	"golang.org/x/term"

	"github.com/netdevsec/netdevsec/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], &cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		IsTerminal: func(f any) bool {
			file, ok := f.(*os.File)
			return ok && term.IsTerminal(int(file.Fd()))
		},
	})
	stop()
	os.Exit(code)
}
