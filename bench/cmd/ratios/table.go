package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// row is one line of the table.
type row struct {
	work, ours, alt, ratio, goal, met string
}

func printTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| work | netdevsec | alternative | ratio | goal | met? |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.work, r.ours, r.alt, r.ratio, r.goal, r.met)
	}
}

// table reads medians from the results.
type table struct {
	rs   *results
	wall bool
}

// time is the median time per op of a benchmark: CPU time unless wall
// is asked for or the benchmark has no cpu-ns/op metric.
func (t table) time(name string) (float64, bool) {
	if !t.wall {
		if v, ok := t.rs.median(name, "cpu-ns/op"); ok {
			return v, true
		}
	}
	return t.rs.median(name, "ns/op")
}

func (t table) wallTime(name string) (float64, bool) { return t.rs.median(name, "ns/op") }

func (t table) metric(name, unit string) (float64, bool) { return t.rs.median(name, unit) }

const notRun = "not run"

func buildRows(rs *results, c config) []row {
	t := table{rs: rs, wall: c.wall}
	var rows []row
	rows = append(rows, versionRows(t, "BenchmarkVersionParse", "parse a firmware version", 300, 1)...)
	rows = append(rows, versionRows(t, "BenchmarkVersionCompare", "compare two parsed versions", 10, 0)...)
	rows = append(rows, fleetRows(t)...)
	rows = append(rows, syslogRows(t)...)
	rows = append(rows, passwordRows(t)...)
	rows = append(rows, sshRows(t)...)
	rows = append(rows, cdrRow(t))
	return rows
}

// schemes lists the schemes benchmarked under prefix, in run order.
func schemes(rs *results, prefix string) []string {
	var out []string
	seen := map[string]bool{}
	for _, name := range rs.order {
		rest, ok := strings.CutPrefix(name, prefix+"/scheme=")
		if !ok {
			continue
		}
		s, _, _ := strings.Cut(rest, "/")
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func versionRows(t table, prefix, work string, goalNs, goalAllocs float64) []row {
	var rows []row
	for _, s := range schemes(t.rs, prefix) {
		base := prefix + "/scheme=" + s + "/impl="
		r := row{work: work + ": " + s, goal: fmt.Sprintf("≤ %s, ≤ %s", fmtNs(goalNs), allocs(goalAllocs))}
		if goalAllocs == 0 {
			r.goal = fmt.Sprintf("≤ %s, 0 allocs", fmtNs(goalNs))
		}
		ours, ok := t.time(base + "netdevsec")
		if !ok {
			r.ours, r.met = notRun, notRun
			rows = append(rows, r)
			continue
		}
		oursAllocs, _ := t.metric(base+"netdevsec", "allocs/op")
		r.ours = fmt.Sprintf("%s, %s", fmtNs(ours), allocs(oursAllocs))
		var alts, ratios []string
		for _, alt := range []struct{ impl, label string }{{"masterminds", "Masterminds"}, {"hashicorp", "hashicorp"}} {
			v, ok := t.time(base + alt.impl)
			if !ok {
				alts = append(alts, alt.label+": rejects the input")
				continue
			}
			a, _ := t.metric(base+alt.impl, "allocs/op")
			alts = append(alts, fmt.Sprintf("%s: %s, %s", alt.label, fmtNs(v), allocs(a)))
			ratios = append(ratios, fmtRatio(ours/v))
		}
		r.alt = strings.Join(alts, "; ")
		r.ratio = strings.Join(ratios, " / ")
		if r.ratio == "" {
			r.ratio = "—"
		}
		r.met = judgeMax(ours, goalNs, fmtNs, oursAllocs, goalAllocs)
		rows = append(rows, r)
	}
	return rows
}

// judgeMax says "yes" when v ≤ goal and a ≤ goalAllocs, else by how much
// it misses.
func judgeMax(v, goal float64, format func(float64) string, a, goalAllocs float64) string {
	var miss []string
	if v > goal {
		miss = append(miss, fmt.Sprintf("misses by %.2f× (%s > %s)", v/goal, format(v), format(goal)))
	}
	if a > goalAllocs {
		miss = append(miss, fmt.Sprintf("%s > %s", allocs(a), allocs(goalAllocs)))
	}
	if len(miss) == 0 {
		return "yes"
	}
	return strings.Join(miss, "; ")
}

func fleetRows(t table) []row {
	const goalNs = 1e9
	var rows []row
	naivePerDevice := math.NaN()
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		base := fmt.Sprintf("BenchmarkFleet/devices=%d/impl=", n)
		r := row{work: fmt.Sprintf("match a fleet: %s devices × 50k ranges", fmtCount(n))}
		ours, ok := t.time(base + "netdevsec")
		if ok {
			r.ours = fmtNs(ours)
		} else {
			r.ours = notRun + " (-full)"
		}
		naive, measured := t.time(base + "nested-loop")
		if measured {
			if math.IsNaN(naivePerDevice) {
				naivePerDevice = naive / float64(n)
			}
			r.alt = "nested loop: " + fmtNs(naive)
		} else if !math.IsNaN(naivePerDevice) {
			naive = naivePerDevice * float64(n)
			r.alt = "nested loop: ≈ " + fmtNs(naive) + " (1k devices × " + fmt.Sprint(n/1000) + ")"
		} else {
			r.alt = notRun
		}
		if ok && (measured || !math.IsNaN(naivePerDevice)) {
			r.ratio = fmtRatio(ours / naive)
		} else {
			r.ratio = "—"
		}
		switch {
		case n == 100_000:
			r.goal = "< 1 s on one core"
			if ok {
				r.met = judgeMax(ours, goalNs, fmtNs, 0, 0)
			} else {
				r.met = notRun
			}
		case ok:
			r.goal = "growth shown"
			r.met = fmt.Sprintf("%s/device", fmtNs(ours/float64(n)))
		default:
			r.goal = "growth shown"
			r.met = notRun
		}
		rows = append(rows, r)
	}
	return rows
}

func syslogRows(t table) []row {
	ours, ok1 := t.time("BenchmarkSyslog/impl=netdevsec-parse-classify")
	theirs, ok2 := t.time("BenchmarkSyslog/impl=go-syslog-parse")
	r := row{work: "parse and classify a syslog line (12 mixed RFC 3164/5424 lines)", goal: "≤ 0.5×, ≤ 1 alloc/line"}
	if !ok1 || !ok2 {
		r.ours, r.met = notRun, notRun
	} else {
		oa, _ := t.metric("BenchmarkSyslog/impl=netdevsec-parse-classify", "allocs/op")
		ta, _ := t.metric("BenchmarkSyslog/impl=go-syslog-parse", "allocs/op")
		r.ours = fmt.Sprintf("%s/line, %s", fmtNs(ours), allocs(oa))
		r.alt = fmt.Sprintf("go-syslog v4 parse only: %s/line, %s", fmtNs(theirs), allocs(ta))
		r.ratio = fmtRatio(ours / theirs)
		r.met = judgeMax(ours/theirs, 0.5, fmtRatio, oa, 1)
	}
	rows := []row{r}
	s := row{work: "stream a log through the review engine", alt: "—", ratio: "—", goal: "constant memory"}
	name := "BenchmarkSyslogStream"
	peak, ok := t.metric(name, "peak-heap-MiB")
	if !ok {
		s.ours, s.met = notRun, notRun
		return append(rows, s)
	}
	quarter, _ := t.metric(name, "peak-heap-at-quarter-MiB")
	mib, _ := t.metric(name, "MiB")
	rate, _ := t.metric(name, "MiB/s")
	wall, _ := t.wallTime(name)
	s.work = fmt.Sprintf("stream %.0f MB of log through the review engine", mib*(1<<20)/1e6)
	s.ours = fmt.Sprintf("peak heap %.1f MiB (%.1f MiB after the first quarter), %s, %.1f MiB/s wall", peak, quarter, fmtNs(wall), rate)
	// The same criterion as logging/review's TestConstantMemory.
	if peak < quarter*1.5+4 {
		s.met = "yes"
	} else {
		s.met = fmt.Sprintf("no: heap grew from %.1f to %.1f MiB", quarter, peak)
	}
	return append(rows, s)
}

func passwordRows(t table) []row {
	var rows []row
	seen := map[string]bool{}
	for _, name := range t.rs.order {
		rest, ok := strings.CutPrefix(name, "BenchmarkPassword/pw=")
		if !ok {
			continue
		}
		pw, _, _ := strings.Cut(rest, "/impl=")
		if seen[pw] {
			continue
		}
		seen[pw] = true
		base := "BenchmarkPassword/pw=" + pw + "/impl="
		r := row{work: "password verdict: " + pw, goal: "≤ 0.5× each"}
		ours, ok := t.time(base + "netdevsec")
		if !ok {
			r.ours, r.met = notRun, notRun
			rows = append(rows, r)
			continue
		}
		r.ours = fmtNs(ours)
		if est, ok := t.time(base + "netdevsec-estimate"); ok {
			r.ours += " (estimate alone " + fmtNs(est) + ")"
		}
		var alts, ratios []string
		worst := 0.0
		for _, alt := range []string{"trustelem", "nbutton23"} {
			v, ok := t.time(base + alt)
			if !ok {
				continue
			}
			alts = append(alts, alt+": "+fmtNs(v))
			ratios = append(ratios, fmtRatio(ours/v))
			worst = math.Max(worst, ours/v)
		}
		r.alt = strings.Join(alts, "; ")
		r.ratio = strings.Join(ratios, " / ")
		r.met = judgeMax(worst, 0.5, fmtRatio, 0, 0)
		rows = append(rows, r)
	}
	r := row{work: "password verdict: 4 KiB input", goal: "bounded (≤ 10 ms)"}
	ours, ok := t.time("BenchmarkPassword4KiB/impl=netdevsec")
	if !ok {
		r.ours, r.met = notRun, notRun
		return append(rows, r)
	}
	r.ours = fmtNs(ours)
	var alts, ratios []string
	for _, alt := range []string{"trustelem", "nbutton23"} {
		name := "BenchmarkPassword4KiB/impl=" + alt
		v, ok := t.metric(name, "call-ns")
		if !ok {
			alts = append(alts, alt+": "+notRun)
			continue
		}
		if capped, _ := t.metric(name, "capped"); capped > 0 {
			alts = append(alts, alt+": > "+fmtNs(v)+" (stopped)")
			ratios = append(ratios, "< "+fmtRatio(ours/v))
		} else {
			alts = append(alts, alt+": "+fmtNs(v))
			ratios = append(ratios, fmtRatio(ours/v))
		}
	}
	r.alt = strings.Join(alts, "; ")
	r.ratio = strings.Join(ratios, " / ")
	r.met = judgeMax(ours, 10e6, fmtNs, 0, 0)
	return append(rows, r)
}

func sshRows(t table) []row {
	r := row{work: "SSH algorithm audit of one host (local dropbear, wall time)", goal: "≥ 20× faster"}
	ours, ok1 := t.wallTime("BenchmarkSSHAudit/impl=netdevsec")
	theirs, ok2 := t.wallTime("BenchmarkSSHAudit/impl=ssh-audit")
	switch {
	case !ok1:
		r.ours, r.met = notRun+" (dropbear missing?)", notRun
	case !ok2:
		r.ours, r.alt, r.met = fmtNs(ours), notRun+" (ssh-audit missing?)", notRun
	default:
		r.ours = fmtNs(ours)
		r.alt = "ssh-audit -j: " + fmtNs(theirs)
		r.ratio = fmt.Sprintf("%s (%.0f× faster)", fmtRatio(ours/theirs), theirs/ours)
		oc, ok1 := t.metric("BenchmarkSSHAudit/impl=netdevsec", "cpu-ns/op")
		tc, ok2 := t.metric("BenchmarkSSHAudit/impl=ssh-audit", "cpu-ns/op")
		if ok1 && ok2 {
			r.ours += fmt.Sprintf(" (client CPU %s)", fmtNs(oc))
			r.alt += fmt.Sprintf(" (client CPU %s)", fmtNs(tc))
			r.ratio += fmt.Sprintf("; client CPU %s", fmtRatio(oc/tc))
		}
		r.met = judgeMax(ours/theirs, 1.0/20, fmtRatio, 0, 0)
	}
	f := row{work: "1,000 SSH audits, bounded concurrency (16 workers, 16 local dropbears)", alt: "—", ratio: "—", goal: "bounded concurrency (≤ 16)"}
	wall, ok := t.wallTime("BenchmarkSSHFleet")
	if !ok {
		f.ours, f.met = notRun, notRun
		return []row{r, f}
	}
	maxc, _ := t.metric("BenchmarkSSHFleet", "max-concurrency")
	rate, _ := t.metric("BenchmarkSSHFleet", "audits/s")
	f.ours = fmt.Sprintf("%s total, %.0f audits/s, max concurrency %.0f", fmtNs(wall), rate, maxc)
	if maxc <= 16 {
		f.met = "yes"
	} else {
		f.met = fmt.Sprintf("no: %.0f at once", maxc)
	}
	return []row{r, f}
}

func cdrRow(t table) row {
	r := row{work: "CDR review (Asterisk Master.csv, 200k rows)", alt: "—", ratio: "—", goal: "≥ 1 M rows/s on one core"}
	perRow, ok := t.time("BenchmarkCDRReview")
	if !ok {
		r.ours, r.met = notRun, notRun
		return r
	}
	wallRate, _ := t.metric("BenchmarkCDRReview", "rows/s")
	rate := 1e9 / perRow
	if t.wall {
		rate = wallRate
	}
	r.ours = fmt.Sprintf("%.2f M rows/s (%s/row; wall %.2f M rows/s)", rate/1e6, fmtNs(perRow), wallRate/1e6)
	if rate >= 1e6 {
		r.met = "yes"
	} else {
		r.met = fmt.Sprintf("misses by %.2f× (%.2f M rows/s)", 1e6/rate, rate/1e6)
	}
	return r
}

func fmtNs(ns float64) string {
	switch {
	case ns < 10:
		return fmt.Sprintf("%.1f ns", ns)
	case ns < 1e3:
		return fmt.Sprintf("%.0f ns", ns)
	case ns < 1e6:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	case ns < 1e9:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	default:
		return fmt.Sprintf("%.3g s", ns/1e9)
	}
}

func fmtRatio(r float64) string {
	if r < 0.01 {
		return fmt.Sprintf("%.4f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

func allocs(a float64) string {
	if a == 1 {
		return "1 alloc"
	}
	return fmt.Sprintf("%.0f allocs", a)
}

func fmtCount(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1_000 && n%1_000 == 0:
		return fmt.Sprintf("%dk", n/1_000)
	default:
		return fmt.Sprint(n)
	}
}
