package firmware

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/firmware/advisory"
	"github.com/netdevsec/netdevsec/firmware/history"
	"github.com/netdevsec/netdevsec/firmware/version"
)

// Observed is what the rules need beyond [Facts]: advisory verdicts and
// the verified update history, gathered by the [Auditor] (or by a caller
// that does its own I/O).
type Observed struct {
	// FactsKnown says the device has firmware facts at all (inventory or
	// derived); without them the practice rules report unknown.
	FactsKnown bool
	// AdvisoriesLoaded says advisories were configured; Matches are then
	// the verdicts for the device (nil when none applies).
	AdvisoriesLoaded bool
	Matches          []advisory.Match
	// History is the verified history (nil when none was read);
	// HistoryErr is why it could not be read.
	History    *history.Report
	HistoryErr error
	// HistoryFile names the history in findings' locations.
	HistoryFile string
}

// scheme returns the version scheme of the device's firmware.
func (f Facts) scheme() version.Scheme {
	if f.Scheme != "" {
		if s, err := version.Lookup(f.Scheme); err == nil {
			return s
		}
	}
	for _, p := range []string{f.Product, f.Model} {
		if s, ok := version.ForProduct(f.Vendor, p); ok {
			return s
		}
	}
	return version.Generic
}

// Check runs every firmware rule over f and what was observed.
func Check(device string, f Facts, o Observed, now time.Time) []netdevsec.Finding {
	out := []netdevsec.Finding{checkRecorded(device, f), checkCapable(device, f, o), checkLatest(device, f, o)}
	out = append(out, checkAdvisories(device, f, o)...)
	out = append(out, checkHistory(device, f, o, now)...)
	return out
}

func checkRecorded(device string, f Facts) netdevsec.Finding {
	r := RuleVersionRecorded()
	if f.Installed == "" {
		return r.Fail(device, "installed firmware version is not recorded")
	}
	return r.Pass(device, "installed firmware version is recorded", netdevsec.E("installed", f.Installed))
}

func checkCapable(device string, f Facts, o Observed) netdevsec.Finding {
	r := RuleUpdateCapable()
	if f.Update == nil || f.Update.Supported == nil {
		return r.Unknown(device, "whether the firmware can be updated is not recorded (facts.firmware.update.supported)")
	}
	if !*f.Update.Supported {
		return r.Fail(device, "the firmware cannot be updated")
	}
	ev := []netdevsec.Evidence{netdevsec.E("mechanisms", strings.Join(f.Update.Mechanisms, ", "))}
	if f.Update.Signed != nil {
		ev = append(ev, netdevsec.E("signed_images", *f.Update.Signed))
	}
	return r.Pass(device, "the firmware can be updated", ev...)
}

func checkLatest(device string, f Facts, o Observed) netdevsec.Finding {
	r := RuleLatestAtInstall()
	switch {
	case f.Installed == "":
		return r.Unknown(device, "installed version not recorded")
	case f.InstalledAt.IsZero():
		return r.Unknown(device, "installation date not recorded (facts.firmware.installed_at)")
	case len(f.Releases) == 0:
		return r.Unknown(device, "no dated release catalogue recorded (facts.firmware.releases)")
	}
	s := f.scheme()
	inst, err := version.Parse(s, f.Installed)
	if err != nil {
		return r.Unknown(device, fmt.Sprintf("installed version cannot be parsed: %v", err))
	}
	var latest *Release
	var latestV version.Version
	for i, rel := range f.Releases {
		if rel.Date.After(f.InstalledAt) {
			continue
		}
		v, err := version.Parse(s, rel.Version)
		if err != nil {
			continue
		}
		if _, ok := version.Compare(inst, v); !ok {
			continue // another branch
		}
		if c, _ := version.Compare(v, latestV); latest == nil || c > 0 {
			latest, latestV = &f.Releases[i], v
		}
	}
	date := f.InstalledAt.Format(time.DateOnly)
	if latest == nil {
		return r.Unknown(device, fmt.Sprintf("the catalogue has no release of branch %q dated on or before %s", inst.Branch(), date))
	}
	if c, _ := version.Compare(inst, latestV); c < 0 {
		return r.Fail(device, fmt.Sprintf("installed %s on %s although %s (released %s) was available", f.Installed, date,
			latest.Version, latest.Date.Format(time.DateOnly)),
			netdevsec.E("installed", f.Installed), netdevsec.E("installed_at", date), netdevsec.E("latest_then", latest.Version))
	}
	return r.Pass(device, fmt.Sprintf("%s was the latest release of its branch on %s", f.Installed, date),
		netdevsec.E("installed", f.Installed), netdevsec.E("installed_at", date))
}

func providers(m advisory.Match) string {
	var ps []string
	for _, s := range m.Statements {
		p := fmt.Sprintf("%s=%s", s.Provider, s.Verdict)
		if !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	return strings.Join(ps, "; ")
}

func fixText(m advisory.Match) string {
	switch {
	case m.FixedIn != "":
		return "fixed in " + m.FixedIn
	case m.NoFixInBranch && len(m.OtherBranches) > 0:
		return fmt.Sprintf("no fix in branch %s; fixed in other branches: %s", branchName(m.Branch), strings.Join(m.OtherBranches, ", "))
	case m.NoFix:
		return "the vendor provides no fix"
	case m.NoFixInBranch:
		return fmt.Sprintf("no fix known in branch %s", branchName(m.Branch))
	}
	return "no fixed version given"
}

func branchName(b string) string {
	if b == "" {
		return "(the only branch)"
	}
	return b
}

func matchEvidence(m advisory.Match) []netdevsec.Evidence {
	ev := []netdevsec.Evidence{netdevsec.E("advisory", m.ID), netdevsec.E("reason", m.Reason), netdevsec.E("detail", m.Detail),
		netdevsec.E("sources", providers(m))}
	if m.FixedIn != "" {
		ev = append(ev, netdevsec.E("fixed_in", m.FixedIn))
	}
	if len(m.OtherBranches) > 0 {
		ev = append(ev, netdevsec.E("other_branches", strings.Join(m.OtherBranches, ", ")))
	}
	if m.KEV != nil {
		ev = append(ev, netdevsec.E("kev_added", m.KEV.DateAdded))
	}
	return ev
}

func checkAdvisories(device string, f Facts, o Observed) []netdevsec.Finding {
	ra, ru, rk := RuleAdvisoryAffected(), RuleAdvisoryUnknown(), RuleKEV()
	if !o.AdvisoriesLoaded {
		msg := "no advisories configured"
		return []netdevsec.Finding{ra.Unknown(device, msg), ru.Unknown(device, msg), rk.Unknown(device, msg)}
	}
	if f.Installed == "" {
		msg := "installed version not recorded"
		return []netdevsec.Finding{ra.Unknown(device, msg), ru.Unknown(device, msg), rk.Unknown(device, msg)}
	}
	var out []netdevsec.Finding
	var affected, unknown, kevAffected, kevUnknown int
	for _, m := range o.Matches {
		switch m.Verdict {
		case advisory.VerdictAffected:
			affected++
			out = append(out, ra.Fail(device, fmt.Sprintf("%s %s is affected by %s (%s)", first(f.Model, f.Vendor), f.Installed, m.ID, fixText(m)), matchEvidence(m)...))
			if m.KEV != nil {
				kevAffected++
				out = append(out, rk.Fail(device, fmt.Sprintf("%s is known to be exploited (CISA KEV since %s); %s", m.ID, m.KEV.DateAdded, fixText(m)), matchEvidence(m)...))
			}
		case advisory.VerdictUnknown:
			unknown++
			out = append(out, ru.Unknown(device, fmt.Sprintf("%s cannot be decided for %s: %s", m.ID, f.Installed, m.Reason), matchEvidence(m)...))
			if m.KEV != nil {
				kevUnknown++
				out = append(out, rk.Unknown(device, fmt.Sprintf("known exploited %s cannot be decided for %s: %s", m.ID, f.Installed, m.Reason), matchEvidence(m)...))
			}
		}
	}
	n := netdevsec.E("advisories_checked", len(o.Matches))
	if affected == 0 {
		out = append(out, ra.Pass(device, fmt.Sprintf("no applicable advisory affects %s", f.Installed), n))
	}
	if unknown == 0 {
		out = append(out, ru.Pass(device, "every applicable advisory could be decided", n))
	}
	if kevAffected+kevUnknown == 0 {
		out = append(out, rk.Pass(device, "not affected by any known exploited vulnerability", n))
	}
	return out
}

func isChange(r history.Record) bool {
	switch r.Action {
	case history.ActionInstall, history.ActionUpdate, history.ActionRollback:
		return r.Env == "" || strings.EqualFold(r.Env, "production")
	}
	return false
}

func succeeded(r history.Record) bool {
	return r.Outcome == "" || strings.EqualFold(r.Outcome, "success")
}

func checkHistory(device string, f Facts, o Observed, now time.Time) []netdevsec.Finding {
	rp, ri, rc, rpr, rb := RuleHistoryPresent(), RuleHistoryIntegrity(), RuleHistoryComplete(), RuleUpdateProcedure(), RuleBackupTested()
	if f.History == "" {
		if !o.FactsKnown {
			msg := "no firmware facts recorded for the device"
			return []netdevsec.Finding{rp.Unknown(device, msg), ri.Unknown(device, msg), rc.Unknown(device, msg), rpr.Unknown(device, msg), rb.Unknown(device, msg)}
		}
		msg := "no update history"
		return []netdevsec.Finding{rp.Fail(device, "no update history is recorded (facts.firmware.history)"),
			ri.Unknown(device, msg), rc.Unknown(device, msg), rpr.Unknown(device, msg), rb.Unknown(device, msg)}
	}
	if o.HistoryErr != nil || o.History == nil {
		msg := "the update history cannot be read"
		if o.HistoryErr != nil {
			msg += ": " + o.HistoryErr.Error()
		}
		return []netdevsec.Finding{rp.Fail(device, msg), ri.Unknown(device, msg), rc.Unknown(device, msg), rpr.Unknown(device, msg), rb.Unknown(device, msg)}
	}
	rep := o.History
	at := func(fd netdevsec.Finding, line int) netdevsec.Finding {
		if line > 0 {
			return fd.At(o.HistoryFile, line)
		}
		fd.Location = &netdevsec.Location{File: o.HistoryFile}
		return fd
	}
	out := []netdevsec.Finding{at(rp.Pass(device, fmt.Sprintf("update history has %d records", len(rep.Records)),
		netdevsec.E("records", len(rep.Records))), 0)}

	// Integrity.
	if rep.OK() {
		out = append(out, at(ri.Pass(device, fmt.Sprintf("hash chain of %d records intact, %d checkpoints", len(rep.Records), len(rep.Checkpoints))), 0))
	} else {
		for _, p := range rep.Problems {
			out = append(out, at(ri.Fail(device, "update history: "+p.Message, netdevsec.E("kind", p.Kind)), p.Line))
		}
	}

	var changes []history.Entry
	for _, e := range rep.Records {
		if isChange(e.Record) {
			changes = append(changes, e)
		}
	}

	// Complete: the last successful change installed what the device runs.
	var last *history.Entry
	for i := len(changes) - 1; i >= 0; i-- {
		if succeeded(changes[i].Record) {
			last = &changes[i]
			break
		}
	}
	switch {
	case f.Installed == "":
		out = append(out, rc.Unknown(device, "installed version not recorded"))
	case last == nil:
		out = append(out, at(rc.Fail(device, fmt.Sprintf("the history records no installation of %s", f.Installed)), 0))
	case !sameVersion(f, last.ToVersion, f.Installed):
		out = append(out, at(rc.Fail(device, fmt.Sprintf("the history ends with %s but the device runs %s: an update went unrecorded", last.ToVersion, f.Installed),
			netdevsec.E("history_version", last.ToVersion), netdevsec.E("installed", f.Installed)), last.Line))
	default:
		out = append(out, at(rc.Pass(device, fmt.Sprintf("the history ends with the installed version %s", f.Installed)), last.Line))
	}

	// Procedure.
	if len(changes) == 0 {
		out = append(out, at(rpr.NotApplicable(device, "no installation or update recorded"), 0))
	} else {
		bad := 0
		for _, e := range changes {
			if msg := procedureProblem(f, e.Record); msg != "" {
				bad++
				out = append(out, at(rpr.Fail(device, fmt.Sprintf("record %d (%s %s): %s", e.Seq, e.Action, e.ToVersion, msg)), e.Line))
			}
		}
		if bad == 0 {
			out = append(out, at(rpr.Pass(device, fmt.Sprintf("all %d changes reference an approved procedure", len(changes))), 0))
		}
	}

	// Backup and test before each production update.
	updates := 0
	bad := 0
	prevChange := time.Time{}
	for _, e := range rep.Records {
		r := e.Record
		if !isChange(r) {
			continue
		}
		if r.Action == history.ActionInstall {
			prevChange = r.Time
			continue
		}
		updates++
		var missing []string
		if !hasBackup(rep.Records, prevChange, r.Time) {
			missing = append(missing, "no backup since the previous change")
		}
		if !hasTest(f, rep.Records, r) {
			missing = append(missing, "no passing test of "+r.ToVersion+" before it")
		}
		if len(missing) > 0 {
			bad++
			out = append(out, at(rb.Fail(device, fmt.Sprintf("record %d (%s to %s): %s", r.Seq, r.Action, r.ToVersion, strings.Join(missing, "; "))), e.Line))
		}
		prevChange = r.Time
	}
	switch {
	case updates == 0:
		out = append(out, at(rb.NotApplicable(device, "no production update recorded"), 0))
	case bad == 0:
		out = append(out, at(rb.Pass(device, fmt.Sprintf("all %d production updates were backed up and tested first", updates)), 0))
	}
	_ = now
	return out
}

func sameVersion(f Facts, a, b string) bool {
	s := f.scheme()
	va, err1 := version.Parse(s, a)
	vb, err2 := version.Parse(s, b)
	if err1 != nil || err2 != nil {
		return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
	}
	return version.Equal(va, vb)
}

func procedureProblem(f Facts, r history.Record) string {
	if r.Procedure == nil || r.Procedure.ID == "" {
		return "no procedure referenced"
	}
	if len(f.Procedures) == 0 {
		return "" // the procedures in force are not recorded: the reference is all we can check
	}
	for _, p := range f.Procedures {
		if p.ID != r.Procedure.ID {
			continue
		}
		if r.Procedure.Version != "" && p.Version != "" && p.Version != r.Procedure.Version {
			continue
		}
		if !p.Approved.IsZero() && p.Approved.After(r.Time) {
			return fmt.Sprintf("procedure %s was approved on %s, after the change", p.ID, p.Approved.Format(time.DateOnly))
		}
		return ""
	}
	return fmt.Sprintf("procedure %q is not among the recorded procedures", r.Procedure.ID)
}

func hasBackup(rs []history.Entry, after, before time.Time) bool {
	for _, e := range rs {
		if e.Action == history.ActionBackup && succeeded(e.Record) && e.Time.Before(before) && !e.Time.Before(after) {
			return true
		}
	}
	return false
}

func hasTest(f Facts, rs []history.Entry, upd history.Record) bool {
	for _, e := range rs {
		r := e.Record
		if r.Action != history.ActionTest || !r.Time.Before(upd.Time) || !sameVersion(f, r.ToVersion, upd.ToVersion) {
			continue
		}
		if !succeeded(r) {
			continue
		}
		if r.Test != nil && r.Test.Result != "" && !strings.EqualFold(r.Test.Result, "pass") && !strings.EqualFold(r.Test.Result, "passed") {
			continue
		}
		return true
	}
	return false
}
