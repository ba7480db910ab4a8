package pbx

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

func problemsOf(f Facts) []string {
	var out []string
	for _, p := range f.Problems {
		out = append(out, p.String())
	}
	return out
}

func TestIncludes(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want []string
	}{
		{"cycle", fstest.MapFS{
			"extensions.conf": {Data: []byte("#include a.conf\n[x]\nexten => 1,1,Hangup()\n")},
			"a.conf":          {Data: []byte("#include b.conf\n")},
			"b.conf":          {Data: []byte("#include a.conf\n")},
		}, []string{`b.conf:1: include "a.conf" not followed: include cycle (extensions.conf → a.conf → b.conf → a.conf)`}},
		{"self", fstest.MapFS{
			"extensions.conf": {Data: []byte("#include extensions.conf\n")},
		}, []string{`extensions.conf:1: include "extensions.conf" not followed: include cycle (extensions.conf → extensions.conf)`}},
		{"depth", func() fstest.MapFS {
			m := fstest.MapFS{"extensions.conf": {Data: []byte("#include d1.conf\n")}}
			for i := 1; i < 12; i++ {
				m[fmt.Sprintf("d%d.conf", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("#include d%d.conf\n", i+1))}
			}
			return m
		}(), []string{`d7.conf:1: include "d8.conf" not followed: nesting deeper than 8`}},
		{"tryinclude missing is quiet, include missing is not", fstest.MapFS{
			"extensions.conf": {Data: []byte("#tryinclude nope.conf\n#include gone.conf\n")},
		}, []string{`extensions.conf:2: include "gone.conf": file not found`}},
		{"glob", fstest.MapFS{
			"extensions.conf":  {Data: []byte("#include ext.d/*.conf\n")},
			"ext.d/a.conf":     {Data: []byte("[a]\nexten => 1,1,Hangup()\n")},
			"ext.d/b.conf":     {Data: []byte("[b]\nexten => 2,1,Dial(SIP/x)\nbogus line\n")},
			"ext.d/readme.txt": {Data: []byte("not included")},
		}, []string{`ext.d/b.conf:3: not understood: "bogus line"`}},
		{"long line", fstest.MapFS{
			"extensions.conf": {Data: []byte("[a]\nexten => 1,1,Set(x=" + strings.Repeat("y", 20000) + ")\nexten => 2,1,Hangup()\n")},
		}, []string{`extensions.conf:2: line longer than 16384 bytes skipped`}},
		{"bad exten and priority", fstest.MapFS{
			"extensions.conf": {Data: []byte("[a]\nexten => 1\nexten => 1,x,Hangup()\nsame => n,Dial(SIP/a)\n[b]\nsame => n,Hangup()\nfoo => bar\n")},
		}, []string{
			`extensions.conf:2: exten => "1": want pattern,priority,application`,
			`extensions.conf:3: extension "1": priority "x" not understood`,
			`extensions.conf:6: same => without a preceding exten =>`,
			`extensions.conf:7: not understood in context [b]: foo = bar`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ImportAsterisk(context.Background(), tt.fs, nil)
			require.NoError(t, err)
			assert.Equal(t, tt.want, problemsOf(f))
		})
	}
}

func TestTemplates(t *testing.T) {
	fs := fstest.MapFS{"sip.conf": {Data: []byte(`[general]
allowguest=no
[base](!)
type=friend
host=dynamic
deny=0.0.0.0/0.0.0.0
permit=10.0.0.0/255.0.0.0
[phone](!,base)
context=phones
[201](phone)
secret=Zq8rWm3vXn5tKp2s
[201](+)
insecure=invite
[missing](nosuch)
secret=Zq8rWm3vXn5tKp2t
`)}}
	f, err := ImportAsterisk(context.Background(), fs, nil)
	require.NoError(t, err)
	require.Len(t, f.Endpoints, 2)
	e := f.Endpoints[0]
	assert.Equal(t, "201", e.Name)
	assert.Equal(t, "phones", e.Context)
	assert.Equal(t, []string{"10.0.0.0/255.0.0.0"}, e.Permit)
	assert.True(t, e.InsecureInvite, "(+) appends to the section")
	assert.Equal(t, []string{`sip.conf:14: section "missing" inherits from unknown template "nosuch"`}, problemsOf(f))
}

func TestGoldenAsteriskInsecure(t *testing.T) {
	f := importDir(t, "testdata/asterisk/insecure")
	var b strings.Builder
	for _, x := range Check("pbx1", f, testNow, nil) {
		fmt.Fprintf(&b, "%s %s %v %s\n", x.Status, x.RuleID, x.Location, x.Message)
		for _, e := range x.Evidence {
			fmt.Fprintf(&b, "    %s=%s\n", e.Key, e.Value)
		}
	}
	const golden = "testdata/golden/asterisk-insecure.txt"
	if *update {
		require.NoError(t, os.MkdirAll("testdata/golden", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), b.String())
	assert.NotContains(t, b.String(), "Carr1erPass")
	assert.NotContains(t, b.String(), "amp111")
}
