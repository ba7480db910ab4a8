package audit_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/checktest"
	"github.com/netdevsec/netdevsec/inventory"
)

func rule(id string) netdevsec.Rule {
	return netdevsec.Rule{
		ID:          id,
		Title:       netdevsec.Text{EN: "t", JA: "題"},
		Description: netdevsec.Text{EN: "d", JA: "説明"},
		Remediation: netdevsec.Text{EN: "r", JA: "対策"},
		Clauses:     []netdevsec.ClauseID{"CIAJ-1.2-1"},
		Severity:    netdevsec.SeverityMedium,
	}
}

// fakeAuditor is a rule set whose behaviour per device is set by the test.
type fakeAuditor struct {
	rule    netdevsec.Rule
	fail    map[string]error
	panicOn string
	calls   atomic.Int32
	delay   time.Duration
}

func (a *fakeAuditor) Rules() []netdevsec.Rule { return []netdevsec.Rule{a.rule} }

func (a *fakeAuditor) Audit(ctx context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error) {
	a.calls.Add(1)
	if a.delay > 0 {
		select {
		case <-time.After(a.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if dev.ID == a.panicOn {
		panic("boom")
	}
	if err := a.fail[dev.ID]; err != nil {
		return nil, err
	}
	if v, ok := dev.Derived["x"].(string); ok {
		return []netdevsec.Finding{a.rule.Fail(dev.ID, "derived "+v)}, nil
	}
	return []netdevsec.Finding{a.rule.Pass(dev.ID, "ok at "+now.Format("2006-01-02"))}, nil
}

type collector struct{ fakeAuditor }

func (c *collector) Collect(_ context.Context, dev *inventory.Device, _ time.Time) error {
	if dev.ID == "d2" {
		return errors.New("config unreadable")
	}
	dev.SetDerived("x", "from-config")
	return nil
}

func (c *collector) Audit(context.Context, *inventory.Device, time.Time) ([]netdevsec.Finding, error) {
	return nil, netdevsec.ErrNotApplicable
}

func fleet(t *testing.T, n int) *inventory.Inventory {
	t.Helper()
	var b strings.Builder
	b.WriteString("devices:\n")
	for i := n; i >= 1; i-- {
		b.WriteString("  - id: d" + string(rune('0'+i)) + "\n")
	}
	b.WriteString("  - id: bad\n    nonsense: 1\n")
	inv, err := inventory.Decode(strings.NewReader(b.String()), "fleet.yaml")
	require.NoError(t, err)
	return inv
}

func TestRunKeepsGoingAndSorts(t *testing.T) {
	a := &fakeAuditor{rule: rule("x.a"), fail: map[string]error{"d2": errors.New("cannot read config.txt:3")}, panicOn: "d3"}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	r, err := audit.Run(context.Background(), fleet(t, 4), []audit.Auditor{a}, &audit.Options{Now: now, Concurrency: 3})
	require.NoError(t, err)

	var got []string
	for _, f := range r.Findings() {
		got = append(got, f.Device+" "+f.Status.String()+" "+f.RuleID+" "+f.Message)
	}
	assert.Equal(t, []string{
		"bad error audit.device.invalid unknown field \"nonsense\": invalid inventory",
		"d1 pass x.a ok at 2026-11-26",
		"d2 error audit.check.error x: cannot read config.txt:3",
		"d3 error audit.check.error x: rule set panicked: boom",
		"d4 pass x.a ok at 2026-11-26",
	}, got)
	f := r.Devices[0].Findings[0]
	assert.Equal(t, "fleet.yaml:7:5", f.Location.String(), "the unknown field's position")
	d2 := r.Devices[2].Findings[0]
	assert.Equal(t, []netdevsec.ClauseID{"CIAJ-1.2-1"}, d2.Clauses, "an error names the clauses left unjudged")
	checktest.Findings(t, audit.Rules([]audit.Auditor{a}), r.Findings())
}

func TestRunCollectorsFeedAudits(t *testing.T) {
	c := &collector{fakeAuditor{rule: rule("c.a")}}
	a := &fakeAuditor{rule: rule("x.a")}
	r, err := audit.Run(context.Background(), fleet(t, 2), []audit.Auditor{a, c}, nil)
	require.NoError(t, err)
	var got []string
	for _, f := range r.Findings() {
		got = append(got, f.Device+" "+f.Status.String()+" "+f.RuleID+" "+f.Message)
	}
	assert.Equal(t, []string{
		"bad error audit.device.invalid unknown field \"nonsense\": invalid inventory",
		"d1 fail x.a derived from-config",
		"d2 error audit.check.error c: config unreadable",
		"d2 pass x.a ok at " + time.Now().Format("2006-01-02"),
	}, got, "collect runs before every audit, even of auditors listed earlier")
}

func TestRunHonoursCancellation(t *testing.T) {
	a := &fakeAuditor{rule: rule("x.a"), delay: time.Minute}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := audit.Run(ctx, fleet(t, 5), []audit.Auditor{a}, &audit.Options{Concurrency: 2})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.LessOrEqual(t, a.calls.Load(), int32(2), "no more devices started than workers")
}

func TestRunDeviceTimeout(t *testing.T) {
	a := &fakeAuditor{rule: rule("x.a"), delay: time.Minute}
	r, err := audit.Run(context.Background(), fleet(t, 1), []audit.Auditor{a}, &audit.Options{DeviceTimeout: 20 * time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, netdevsec.StatusError, r.Devices[1].Findings[0].Status)
	assert.Contains(t, r.Devices[1].Findings[0].Message, "deadline exceeded")
}

func TestMetaRulesConform(t *testing.T) {
	checktest.Rules(t, audit.MetaRules(), "audit.")
}
