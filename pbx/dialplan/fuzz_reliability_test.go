package dialplan_test

import (
	"strings"
	"testing"

	"github.com/netdevsec/netdevsec/pbx/dialplan"
)

// FuzzParseAsteriskApp: any application call from an extensions.conf is
// interpreted without panic, keeps its raw form, and yields no more dial
// targets or jumps than its arguments have separators.
func FuzzParseAsteriskApp(f *testing.F) {
	for _, s := range [][2]string{
		{"Dial", "PJSIP/${EXTEN}@trunk,30,tT"}, {"Dial", "SIP/100&SIP/101&Local/200@internal"}, {"Goto", "internal,${EXTEN},1"},
		{"Gosub", "sub-x,s,1(a,b)"}, {"DISA", "no-password,internal"}, {"GotoIf", "$[${X}=1]?a,1:b,1"}, {"Queue", "sales"},
		{"Macro", "dial,${ARG1}"}, {"Set", "A=B"}, {"", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, app, args string) {
		s := dialplan.ParseAsteriskApp(app, args)
		if s.App != app || s.Args != args {
			t.Fatalf("raw call not kept: %q(%q)", s.App, s.Args)
		}
		bound := strings.Count(args, "&") + strings.Count(args, ",") + strings.Count(args, ":") + 2
		if len(s.Dials) > bound || len(s.Jumps) > bound {
			t.Fatalf("%d dials, %d jumps from %q", len(s.Dials), len(s.Jumps), args)
		}
	})
}
