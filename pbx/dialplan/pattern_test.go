package dialplan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompileAsteriskMatch(t *testing.T) {
	tests := []struct {
		pattern string
		match   []string
		nomatch []string
	}{
		{"_X.", []string{"12", "0101234", "1&SIP/x"}, []string{"1", "", "a1"}},
		{"_NXXNXXXXXX", []string{"2125551234"}, []string{"1125551234", "212555123", "21255512345"}},
		{"_9011.", []string{"90114412345"}, []string{"9011", "0114412345"}},
		{"_00X.", []string{"00441", "0044"}, []string{"004", "010441"}},
		{"_010.", []string{"01044"}, []string{"010"}},
		{"_0[1-9]X.", []string{"0312345678"}, []string{"0012345"}},
		{"_1!", []string{"1", "1234"}, []string{"2"}},
		{"_NXX-XXXX", []string{"5551234"}, []string{"555-1234x"}},
		{"1001", []string{"1001"}, []string{"10011", "100"}},
		{"s", []string{"s"}, []string{"S1"}},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			p, err := CompileAsterisk(tt.pattern)
			require.NoError(t, err)
			for _, s := range tt.match {
				assert.True(t, p.Match(s), "%s should match %q", tt.pattern, s)
			}
			for _, s := range tt.nomatch {
				assert.False(t, p.Match(s), "%s should not match %q", tt.pattern, s)
			}
		})
	}
}

func TestCanStartWith(t *testing.T) {
	tests := []struct {
		pattern string
		regex   bool
		skip    int
		prefix  string
		want    bool
	}{
		{"_0X.", false, 0, "010", true},
		{"_0X.", false, 0, "00", true},
		{"_0[2-9]X.", false, 0, "010", false},
		{"_0[2-9]X.", false, 0, "00", false},
		{"_0[1-9]X.", false, 0, "010", true},
		{"_9011.", false, 0, "011", false},
		{"_9011.", false, 1, "011", true},
		{"_9X.", false, 1, "010", true},
		{"_NXXXXXX", false, 0, "0", false},
		{"_X.", false, 0, "+", false},
		{"_.", false, 0, "+", true},
		{"_+X.", false, 0, "+", true},
		{"1001", false, 0, "010", false},
		{`^9(011\d+)$`, true, 1, "011", true},
		{`^(0[1-9]\d{8,9})$`, true, 0, "010", true},
		{`^(0[2-9]\d{8,9})$`, true, 0, "010", false},
		{`^(\d{4})$`, true, 0, "010", true},
		{`^(\d{3})$`, true, 0, "0101", false},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+"/"+tt.prefix, func(t *testing.T) {
			var p Pattern
			var err error
			if tt.regex {
				p, err = CompileRegexp(tt.pattern)
			} else {
				p, err = CompileAsterisk(tt.pattern)
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.CanStartWithAfter(tt.skip, tt.prefix))
		})
	}
}

func TestOpenAndIntersects(t *testing.T) {
	open, _ := CompileAsterisk("_X.")
	strict, _ := CompileAsterisk("_0[2-9]XXXXXXXX")
	local, _ := CompileAsterisk("_1XXX")
	reOpen, _ := CompileRegexp(`^(.*)$`)
	reDigits, _ := CompileRegexp(`^(\d+)$`)
	assert.True(t, open.Open())
	assert.False(t, strict.Open())
	assert.True(t, reOpen.Open())
	assert.False(t, reDigits.Open())
	assert.True(t, open.Intersects(strict))
	assert.False(t, strict.Intersects(local))
	assert.True(t, local.Intersects(open))
}

func TestCompileErrors(t *testing.T) {
	for _, p := range []string{"_0[1-9X.", "_[]"} {
		_, err := CompileAsterisk(p)
		assert.ErrorIs(t, err, ErrPattern, p)
	}
	_, err := CompileRegexp(`^(\d+$`)
	assert.ErrorIs(t, err, ErrPattern)
}

func FuzzCompileAsterisk(f *testing.F) {
	for _, s := range []string{"_X.", "_0[1-9]X.", "_NXXNXXXXXX", "1001", "_!", "_[a-]"} {
		f.Add(s, "0101234")
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		p, err := CompileAsterisk(pat)
		if err != nil {
			return
		}
		if p.Match(s) {
			// a matched string can start with any of its prefixes
			for i := range len(s) {
				if !p.CanStartWith(s[:i]) {
					t.Fatalf("%q matches %q but CanStartWith(%q) is false", pat, s, s[:i])
				}
			}
		}
	})
}

func FuzzIntersects(f *testing.F) {
	f.Add("_0X.", "_01[1-9]XXXXXXX", "0111234567", false)
	f.Add(`^(0\d+)$`, "_0[2-9]X.", "0312345678", true)
	f.Add(`^9?(011\d+)$`, "_9011.", "90114412345", true)
	f.Add(`^(0\d+|9\d+)$`, "_9X.", "9123", true)
	f.Fuzz(func(t *testing.T, a, b, s string, regex bool) {
		pa, err := CompileAsterisk(a)
		if regex {
			pa, err = CompileRegexp(a)
		}
		if err != nil {
			return
		}
		pb, err := CompileAsterisk(b)
		if err != nil {
			return
		}
		if pa.Match(s) && pb.Match(s) && !pa.Intersects(pb) {
			t.Fatalf("%q and %q both match %q but Intersects is false", a, b, s)
		}
	})
}
