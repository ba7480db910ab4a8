package dialplan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// plan builds a plan from "ctx|pattern|App(args)" lines and
// "ctx>included" includes.
func plan(t *testing.T, lines ...string) *Plan {
	t.Helper()
	p := NewPlan()
	for _, l := range lines {
		if ctx, inc, ok := strings.Cut(l, ">"); ok && !strings.Contains(l, "|") {
			c := p.Context(ctx, nil)
			c.Includes = append(c.Includes, Include{Context: inc})
			continue
		}
		parts := strings.SplitN(l, "|", 3)
		require.Len(t, parts, 3, l)
		pat, err := CompileAsterisk(parts[1])
		require.NoError(t, err)
		app, args, _ := strings.Cut(strings.TrimSuffix(parts[2], ")"), "(")
		e := p.Context(parts[0], nil).Extension(parts[1], pat, nil)
		st := ParseAsteriskApp(app, args)
		st.Priority = len(e.Steps) + 1
		e.Steps = append(e.Steps, st)
	}
	return p
}

func dials(a Analysis) []string {
	var out []string
	for _, r := range a.Reaches {
		s := r.Path.String()
		if len(r.International) > 0 {
			var ps []string
			for _, p := range r.International {
				ps = append(ps, p.Digits)
			}
			s += " [intl " + strings.Join(ps, ",") + "]"
		}
		if r.Authenticated {
			s += " [auth]"
		}
		if r.Injection {
			s += " [inject]"
		}
		if r.NumberUnknown {
			s += " [unknown number]"
		}
		out = append(out, s)
	}
	return out
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		entry string
		want  []string
	}{
		{"gosub args carry the caller's number",
			[]string{"in|_0X.|Gosub(sub-out,s,1(${EXTEN:1}))", "sub-out|s|Dial(SIP/itsp/${ARG1})"}, "in",
			[]string{"in → _0X. → Gosub(sub-out,s,1(${EXTEN:1})) → sub-out → s → Dial(SIP/itsp/${ARG1}) [intl 010,00,011] [inject]"}},
		{"gotoif follows both branches",
			[]string{"in|_X.|GotoIf($[${LEN(${EXTEN})} > 4]?long,${EXTEN},1:short,${EXTEN},1)", "long|_X.|Dial(SIP/itsp/${EXTEN})", "short|_XXXX|Dial(SIP/${EXTEN})"}, "in",
			[]string{
				"in → _X. → GotoIf($[${LEN(${EXTEN})} > 4]?long,${EXTEN},1:short,${EXTEN},1) → long → _X. → Dial(SIP/itsp/${EXTEN}) [intl 010,00,011] [inject]",
				"in → _X. → GotoIf($[${LEN(${EXTEN})} > 4]?long,${EXTEN},1:short,${EXTEN},1) → short → _XXXX → Dial(SIP/${EXTEN})",
			}},
		{"goto cycles end",
			[]string{"a|s|Goto(b,s,1)", "b|s|Goto(a,s,1)"}, "a", nil},
		{"include cycles end",
			[]string{"a>b", "b>a", "b|1|Dial(DAHDI/g1/0312345678)"}, "a",
			[]string{"a → include b → 1 → Dial(DAHDI/g1/0312345678)"}},
		{"local channel into another context",
			[]string{"in|_0X.|Dial(Local/${EXTEN}@out)", "out|_0[2-9]X.|Dial(SIP/itsp/${EXTEN})"}, "in",
			[]string{"in → _0X. → Dial(Local/${EXTEN}@out) → out → _0[2-9]X. → Dial(SIP/itsp/${EXTEN}) [inject]"}},
		{"authenticate before disa",
			[]string{"in|s|Authenticate(1234)", "in|s|DISA(no-password,out)", "out|_0X.|Dial(SIP/itsp/${EXTEN})"}, "in",
			[]string{"in → s → DISA(no-password,out) [auth]", "in → s → DISA(no-password,out) → out → _0X. → Dial(SIP/itsp/${EXTEN}) [intl 010,00,011] [auth] [inject]"}},
		{"computed number is unknown",
			[]string{"in|s|Dial(SIP/itsp/${DB(forward/1001)})"}, "in",
			[]string{"in → s → Dial(SIP/itsp/${DB(forward/1001)}) [unknown number]"}},
		{"literal prefix added", []string{"in|_9X.|Dial(SIP/itsp/010${EXTEN:1})"}, "in",
			[]string{"in → _9X. → Dial(SIP/itsp/010${EXTEN:1}) [intl 010] [inject]"}},
		{"filtered", []string{"in|_X.|Dial(SIP/itsp/${FILTER(0-9,${EXTEN})})"}, "in",
			[]string{"in → _X. → Dial(SIP/itsp/${FILTER(0-9,${EXTEN})}) [intl 010,00,011]"}},
		{"hangup ends the path", []string{"in|s|Hangup()", "in|s|Dial(SIP/itsp/0101)"}, "in", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Analyze(plan(t, tt.lines...), tt.entry, nil)
			assert.Equal(t, tt.want, dials(a))
		})
	}
}

func TestAnalyzeMissingAndDepth(t *testing.T) {
	a := Analyze(plan(t, "in>gone", "in|s|Goto(nowhere,s,1)"), "in", nil)
	assert.Equal(t, []string{"gone", "nowhere"}, a.Missing)

	var lines []string
	for i := range 40 {
		lines = append(lines, string(rune('a'+i%26))+strings.Repeat("x", i/26)+">"+string(rune('a'+(i+1)%26))+strings.Repeat("x", (i+1)/26))
	}
	a = Analyze(plan(t, lines...), "a", &Options{MaxDepth: 5})
	assert.True(t, a.Truncated)
}

// BenchmarkAnalyzeLarge walks a generated dial plan of 2000 extensions
// that each jump with ${EXTEN} into a context of 200 patterns.
func BenchmarkAnalyzeLarge(b *testing.B) {
	p := NewPlan()
	in := p.Context("in", nil)
	out := p.Context("out", nil)
	for i := range 200 {
		pat, _ := CompileAsterisk(fmt.Sprintf("_%03dX.", i))
		e := out.Extension(pat.String(), pat, nil)
		e.Steps = append(e.Steps, ParseAsteriskApp("Dial", "SIP/itsp/${EXTEN}"))
	}
	for i := range 2000 {
		pat, _ := CompileAsterisk(fmt.Sprintf("_%04dX.", i))
		e := in.Extension(pat.String(), pat, nil)
		e.Steps = append(e.Steps, ParseAsteriskApp("Goto", "out,${EXTEN},1"))
	}
	for b.Loop() {
		a := Analyze(p, "in", nil)
		if len(a.Reaches) == 0 {
			b.Fatal("no reaches")
		}
	}
}
