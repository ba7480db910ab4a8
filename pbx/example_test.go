package pbx_test

import (
	"context"
	"fmt"
	"testing/fstest"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx"
	"github.com/netdevsec/netdevsec/pbx/dialplan"
)

// A guest context that includes an outbound route: the PSTN relay and
// the international route are found with the path a call takes.
func ExampleCheck() {
	conf := fstest.MapFS{
		"sip.conf": {Data: []byte("[general]\ncontext=public\nallowguest=yes\n\n[itsp]\ntype=peer\nhost=203.0.113.5\ncontext=from-itsp\n")},
		"extensions.conf": {Data: []byte("[public]\ninclude => outbound\n\n[from-itsp]\nexten => 0312345678,1,Dial(SIP/reception)\n\n" +
			"[outbound]\nexten => _0X.,1,Dial(SIP/itsp/${EXTEN})\n")},
	}
	facts, err := pbx.ImportAsterisk(context.Background(), conf, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range pbx.Check("pbx-1", facts, time.Now(), nil) {
		if f.Status == netdevsec.StatusFail && (f.RuleID == "pbx.dialplan.pstn-relay" || f.RuleID == "pbx.dialplan.international") {
			fmt.Printf("%s %s\n  %s\n", f.RuleID, f.Location, f.Message)
		}
	}
	// Output:
	// pbx.dialplan.international extensions.conf:8
	//   guest context public can dial international numbers through itsp: public → include outbound → _0X. → Dial(SIP/itsp/${EXTEN})
	// pbx.dialplan.pstn-relay extensions.conf:8
	//   calls from guest context public reach trunk itsp without authentication: public → include outbound → _0X. → Dial(SIP/itsp/${EXTEN})
}

// Can an outbound pattern dial abroad? _0X. can reach Japan's 010; a
// strict domestic pattern cannot.
func Example_canStartWith() {
	for _, p := range []string{"_0X.", "_0[2-9]XXXXXXXX", "_9011.", "_NXXNXXXXXX"} {
		pat, _ := dialplan.CompileAsterisk(p)
		fmt.Printf("%-16s 010:%v 00:%v\n", p, pat.CanStartWith("010"), pat.CanStartWith("00"))
	}
	// Output:
	// _0X.             010:true 00:true
	// _0[2-9]XXXXXXXX  010:false 00:false
	// _9011.           010:false 00:false
	// _NXXNXXXXXX      010:false 00:false
}
