package netdevsec_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/sharedtest"
)

func TestSeverityText(t *testing.T) {
	tests := []struct {
		sev  netdevsec.Severity
		text string
	}{
		{netdevsec.SeverityUnspecified, "unspecified"},
		{netdevsec.SeverityInfo, "info"},
		{netdevsec.SeverityLow, "low"},
		{netdevsec.SeverityMedium, "medium"},
		{netdevsec.SeverityHigh, "high"},
		{netdevsec.SeverityHigh + 2, "high+2"},
		{netdevsec.SeverityCritical, "critical"},
		{netdevsec.SeverityCritical + 5, "critical+5"},
		{netdevsec.SeverityInfo - 1, "info-1"},
		{-1, "unspecified-1"},
		{2, "info-2"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := tt.sev.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.text, string(b))
			var back netdevsec.Severity
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, tt.sev, back)
		})
	}
	_, err := netdevsec.ParseSeverity("severe")
	assert.ErrorIs(t, err, netdevsec.ErrUnknownName)
	s, err := netdevsec.ParseSeverity(" HIGH ")
	require.NoError(t, err)
	assert.Equal(t, netdevsec.SeverityHigh, s)
}

func TestSeverityOrderingHasGaps(t *testing.T) {
	named := []netdevsec.Severity{netdevsec.SeverityInfo, netdevsec.SeverityLow, netdevsec.SeverityMedium, netdevsec.SeverityHigh, netdevsec.SeverityCritical}
	assert.True(t, slices.IsSorted(named))
	for i := 1; i < len(named); i++ {
		assert.Greater(t, int(named[i]-named[i-1]), 1, "no room between %v and %v", named[i-1], named[i])
	}
}

func TestStatusZeroIsUnknown(t *testing.T) {
	var f netdevsec.Finding
	assert.Equal(t, netdevsec.StatusUnknown, f.Status, "a forgotten status must never read as a pass")
	assert.NotEqual(t, netdevsec.StatusPass, netdevsec.Status(0))
	for _, s := range netdevsec.Statuses() {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back netdevsec.Status
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	_, err := netdevsec.Status(42).MarshalText()
	assert.Error(t, err)
	var s netdevsec.Status
	assert.ErrorIs(t, s.UnmarshalText([]byte("passed")), netdevsec.ErrUnknownName)
}

func TestSecretNeverPrints(t *testing.T) {
	const pw = "s3cr3t-Passw0rd"
	s := netdevsec.NewSecret(pw)
	type holder struct {
		User   string
		Secret netdevsec.Secret
		Ptr    *netdevsec.Secret
	}
	h := holder{User: "admin", Secret: s, Ptr: &s}

	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s", "%-10v"} {
		outputs = append(outputs, fmt.Sprintf(verb, s), fmt.Sprintf(verb, h), fmt.Sprintf(verb, &s))
	}
	outputs = append(outputs, s.String(), s.GoString(), fmt.Sprint(s), fmt.Sprintln(s))
	j, err := json.Marshal(h)
	require.NoError(t, err)
	outputs = append(outputs, string(j))
	txt, err := s.MarshalText()
	require.NoError(t, err)
	outputs = append(outputs, string(txt))
	var logBuf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logBuf, nil))
	logger.Info("login", "password", s, "holder", h)
	slog.New(slog.NewTextHandler(&logBuf, nil)).Info("login", "password", s)
	outputs = append(outputs, logBuf.String())

	hexPW := fmt.Sprintf("%x", pw)
	for _, out := range outputs {
		assert.NotContains(t, out, pw)
		assert.NotContains(t, out, hexPW)
	}
	assert.Contains(t, string(j), netdevsec.Redacted)
	assert.Contains(t, logBuf.String(), netdevsec.Redacted)
	assert.Equal(t, pw, s.Reveal())

	var back netdevsec.Secret
	assert.Error(t, json.Unmarshal([]byte(`"[REDACTED]"`), &back), "a redacted report must not turn back into a password")
	assert.Equal(t, "", netdevsec.Secret{}.String(), "an empty secret shows as empty")
}

func TestClauseCatalogMatchesGuideline(t *testing.T) {
	path := sharedtest.Path(t, "GUIDELINE.md")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var want []netdevsec.ClauseID
	for _, m := range regexp.MustCompile(`(?m)^\| (CIAJ-[0-9.\-]+) \|`).FindAllSubmatch(data, -1) {
		want = append(want, netdevsec.ClauseID(m[1]))
	}
	var got []netdevsec.ClauseID
	for _, c := range netdevsec.Clauses() {
		got = append(got, c.ID)
		assert.NotEmpty(t, c.Title, c.ID)
		assert.NotEmpty(t, c.Checkable, c.ID)
		assert.Contains(t, []int{1, 2, 3, 4}, c.Part, c.ID)
	}
	assert.Equal(t, want, got)
	assert.True(t, slices.IsSortedFunc(got, netdevsec.ClauseID.Compare), "catalog is in guideline order")
}

func TestClauseCompare(t *testing.T) {
	ids := []netdevsec.ClauseID{"CIAJ-4.4-2", "CIAJ-1.3.1-1", "CIAJ-1.2-10", "CIAJ-1.2-2", "CIAJ-2.3-0", "CIAJ-1.4.2-6"}
	slices.SortFunc(ids, netdevsec.ClauseID.Compare)
	assert.Equal(t, []netdevsec.ClauseID{"CIAJ-1.2-2", "CIAJ-1.2-10", "CIAJ-1.3.1-1", "CIAJ-1.4.2-6", "CIAJ-2.3-0", "CIAJ-4.4-2"}, ids)
	_, ok := netdevsec.LookupClause("CIAJ-1.2-3")
	assert.True(t, ok)
	_, ok = netdevsec.LookupClause("CIAJ-9.9")
	assert.False(t, ok)
	a := netdevsec.Clauses()
	a[0].Title = "changed"
	assert.NotEqual(t, "changed", netdevsec.Clauses()[0].Title, "Clauses returns a copy")
}

func TestLang(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	assert.Equal(t, netdevsec.Japanese, netdevsec.LangFromEnv(env(map[string]string{"LANG": "ja_JP.UTF-8"})))
	assert.Equal(t, netdevsec.English, netdevsec.LangFromEnv(env(map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"})), "LC_ALL wins")
	assert.Equal(t, netdevsec.Japanese, netdevsec.LangFromEnv(env(map[string]string{"LC_MESSAGES": "ja_JP", "LANG": "en_US"})))
	assert.Equal(t, netdevsec.English, netdevsec.LangFromEnv(env(nil)))
	_, err := netdevsec.ParseLang("fr")
	assert.ErrorIs(t, err, netdevsec.ErrUnknownName)
	txt := netdevsec.Text{EN: "hello", JA: "こんにちは"}
	assert.Equal(t, "こんにちは", txt.In(netdevsec.Japanese))
	assert.Equal(t, "hello", txt.In(netdevsec.English))
	assert.Equal(t, "hello", netdevsec.Text{EN: "hello"}.In(netdevsec.Japanese), "falls back to English")
}
