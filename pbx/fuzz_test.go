package pbx

import (
	"context"
	"testing"
	"testing/fstest"
	"time"
)

func FuzzImportAsterisk(f *testing.F) {
	f.Add([]byte("[general]\nallowguest=yes\n[1000]\nsecret=1000\ncontext=x\n"), []byte("[x]\nexten => _0X.,1,Dial(SIP/itsp/${EXTEN})\n same => n(l),GotoIf($[1]?x,s,1:y,s,1)\ninclude => x\n#include sip.conf\n"))
	f.Add([]byte("[a](!)\n[b](a,+)\npermit=1\n"), []byte("[m]\nexten => s,1,Macro(x,${EXTEN:1})\nexten => _9.,1,DISA(no-password,m)\n"))
	f.Fuzz(func(t *testing.T, sip, ext []byte) {
		fs := fstest.MapFS{"sip.conf": {Data: sip}, "extensions.conf": {Data: ext}}
		facts, err := ImportAsterisk(context.Background(), fs, &ImportOptions{Limits: Limits{MaxLineLength: 256}})
		if err != nil {
			return
		}
		_ = Check("fuzz", facts, time.Time{}, nil)
	})
}

func FuzzImportFreeSWITCH(f *testing.F) {
	f.Add([]byte(`<profile name="p"><settings><param name="auth-calls" value="false"/><param name="context" value="public"/></settings></profile>`),
		[]byte(`<include><context name="public"><extension><condition field="destination_number" expression="^9(\d+)$"><action application="bridge" data="sofia/gateway/g/$1"/><action application="transfer" data="$1 XML public"/></condition></extension></context></include>`))
	f.Fuzz(func(t *testing.T, profile, dp []byte) {
		fs := fstest.MapFS{"sip_profiles/p.xml": {Data: profile}, "dialplan/d.xml": {Data: dp}, "vars.xml": {Data: []byte(`<X-PRE-PROCESS cmd="include" data="vars.xml"/>`)}}
		facts, err := ImportFreeSWITCH(context.Background(), fs, nil)
		if err != nil {
			return
		}
		_ = Check("fuzz", facts, time.Time{}, nil)
	})
}
