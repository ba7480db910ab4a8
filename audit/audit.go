package audit

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
)

// Auditor is one rule set: the metadata of the rules it can report and
// the audit of one device. Audit returns the findings of its rules for dev;
// it returns [netdevsec.ErrNotApplicable] (or no findings) for a device it
// does not handle. Any other error is recorded as a finding with
// [netdevsec.StatusError] for every clause its rules serve, and the run
// goes on. Audit must not keep dev past the call and must be safe for
// concurrent use.
type Auditor interface {
	Rules() []netdevsec.Rule
	Audit(ctx context.Context, dev *inventory.Device, now time.Time) ([]netdevsec.Finding, error)
}

// Collector is an optional interface of an [Auditor]: a device-class rule
// set that reads the device's files (configs) implements it to derive
// facts for the common domains (password, firmware, logging) with
// [inventory.Device.SetDerived]. Run calls every Collect of a device
// before any Audit of it; a Collect error becomes an error finding and the
// audit goes on.
type Collector interface {
	Collect(ctx context.Context, dev *inventory.Device, now time.Time) error
}

// Options tune [Run]. The zero value is ready to use.
type Options struct {
	// Concurrency is how many devices are audited at once; 0 means
	// GOMAXPROCS, capped at 16.
	Concurrency int
	// Now is the time rules compare dates against; zero means time.Now().
	Now time.Time
	// Tool names the program in the report; zero means netdevsec.
	Tool netdevsec.Tool
	// DeviceTimeout bounds the audit of one device; 0 means 2 minutes.
	DeviceTimeout time.Duration
}

// DefaultTool is the tool recorded in reports when Options.Tool is zero.
func DefaultTool() netdevsec.Tool {
	return netdevsec.Tool{Name: "netdevsec", Version: "0.1.0", URI: "https://github.com/netdevsec/netdevsec"}
}

// Meta rules: findings the runner itself produces.
var (
	ruleInvalidDevice = netdevsec.Rule{
		ID:       "audit.device.invalid",
		Severity: netdevsec.SeverityHigh,
		Title: netdevsec.Text{
			EN: "Device entry could not be read",
			JA: "機器の登録内容を読み取れない",
		},
		Description: netdevsec.Text{
			EN: "The inventory entry for this device is malformed, so none of its checks ran. Nothing about its clauses is known.",
			JA: "この機器のインベントリ登録が不正なため、いずれの検査も実行されていない。該当する条項の状態は不明である。",
		},
		Remediation: netdevsec.Text{
			EN: "Fix the entry at the position given and run the audit again.",
			JA: "示された位置の登録内容を修正し、監査を再実行する。",
		},
		Clauses: allClauses(),
	}
	ruleCheckError = netdevsec.Rule{
		ID:       "audit.check.error",
		Severity: netdevsec.SeverityMedium,
		Title: netdevsec.Text{
			EN: "A rule set could not run on this device",
			JA: "この機器で検査を実行できなかった",
		},
		Description: netdevsec.Text{
			EN: "A rule set stopped with an error (unreadable file, unreachable device, malformed facts); the clauses it serves are not judged for this device.",
			JA: "検査がエラーで停止した（ファイルを読めない、機器に到達できない、事実データの不備など）。この機器について該当条項は判定されていない。",
		},
		Remediation: netdevsec.Text{
			EN: "Read the message, fix the input or reachability, and run the audit again.",
			JA: "メッセージを確認し、入力または到達性を修正してから監査を再実行する。",
		},
		Clauses: allClauses(),
	}
)

func allClauses() []netdevsec.ClauseID {
	var ids []netdevsec.ClauseID
	for _, c := range netdevsec.Clauses() {
		ids = append(ids, c.ID)
	}
	return ids
}

// MetaRules returns the rules the runner reports by itself.
func MetaRules() []netdevsec.Rule { return []netdevsec.Rule{ruleCheckError, ruleInvalidDevice} }

// Rules returns the metadata of every rule of auditors plus [MetaRules],
// sorted by ID.
func Rules(auditors []Auditor) []netdevsec.Rule {
	var all []netdevsec.Rule
	for _, a := range auditors {
		all = append(all, a.Rules()...)
	}
	all = append(all, MetaRules()...)
	slices.SortStableFunc(all, func(a, b netdevsec.Rule) int { return strings.Compare(a.ID, b.ID) })
	return all
}

// Run audits every device of inv with every auditor and returns the
// report. It returns an error only when ctx is done before the run
// finishes; broken devices and failing auditors become findings.
func Run(ctx context.Context, inv *inventory.Inventory, auditors []Auditor, opts *Options) (*netdevsec.Report, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Tool == (netdevsec.Tool{}) {
		o.Tool = DefaultTool()
	}
	if o.DeviceTimeout <= 0 {
		o.DeviceTimeout = 2 * time.Minute
	}
	workers := o.Concurrency
	if workers <= 0 {
		workers = min(runtime.GOMAXPROCS(0), 16)
	}

	var devices []netdevsec.DeviceInfo
	var findings []netdevsec.Finding
	for _, e := range inv.Errors {
		id := e.ID
		if id == "" {
			id = fmt.Sprintf("%s#%d", e.Pos.File, e.Index+1)
		}
		devices = append(devices, netdevsec.DeviceInfo{ID: id})
		f := ruleInvalidDevice.Finding(id, netdevsec.StatusError, e.Err.Error())
		f.Location = e.Pos.Location()
		findings = append(findings, f)
	}

	results := make([][]netdevsec.Finding, len(inv.Devices))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(len(inv.Devices), 1)) {
		wg.Go(func() {
			for i := range jobs {
				results[i] = auditDevice(ctx, &inv.Devices[i], auditors, o)
			}
		})
	}
feed:
	for i := range inv.Devices {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	for i := range inv.Devices {
		devices = append(devices, inv.Devices[i].Info())
		findings = append(findings, results[i]...)
	}
	return netdevsec.NewReport(o.Tool, devices, Rules(auditors), findings), nil
}

func auditDevice(ctx context.Context, dev *inventory.Device, auditors []Auditor, o Options) []netdevsec.Finding {
	ctx, cancel := context.WithTimeout(ctx, o.DeviceTimeout)
	defer cancel()
	var out []netdevsec.Finding
	errorFinding := func(a Auditor, err error) {
		f := ruleCheckError.Finding(dev.ID, netdevsec.StatusError, fmt.Sprintf("%s: %v", auditorName(a), err))
		f.Clauses = clausesOf(a.Rules())
		f.Location = dev.Pos.Location()
		out = append(out, f)
	}
	for _, a := range auditors {
		if c, ok := a.(Collector); ok {
			if err := safeCollect(ctx, c, dev, o.Now); err != nil && !errors.Is(err, netdevsec.ErrNotApplicable) {
				errorFinding(a, err)
			}
		}
	}
	for _, a := range auditors {
		fs, err := safeAudit(ctx, a, dev, o.Now)
		switch {
		case err == nil:
		case errors.Is(err, netdevsec.ErrNotApplicable):
			continue
		default:
			errorFinding(a, err)
		}
		for _, f := range fs {
			if f.Device == "" {
				f.Device = dev.ID
			}
			out = append(out, f)
		}
	}
	return out
}

// safeAudit turns a panic in an auditor into an error, so that one bad
// rule set cannot take down the fleet run.
func safeAudit(ctx context.Context, a Auditor, dev *inventory.Device, now time.Time) (fs []netdevsec.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			fs, err = nil, fmt.Errorf("rule set panicked: %v", r)
		}
	}()
	return a.Audit(ctx, dev, now)
}

func safeCollect(ctx context.Context, c Collector, dev *inventory.Device, now time.Time) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("collector panicked: %v", r)
		}
	}()
	return c.Collect(ctx, dev, now)
}

func auditorName(a Auditor) string {
	rules := a.Rules()
	if len(rules) == 0 {
		return fmt.Sprintf("%T", a)
	}
	domain, _, _ := strings.Cut(rules[0].ID, ".")
	return domain
}

func clausesOf(rules []netdevsec.Rule) []netdevsec.ClauseID {
	var ids []netdevsec.ClauseID
	for _, r := range rules {
		for _, c := range r.Clauses {
			if !slices.Contains(ids, c) {
				ids = append(ids, c)
			}
		}
	}
	slices.SortFunc(ids, netdevsec.ClauseID.Compare)
	return ids
}
