// Package ntpcheck queries NTP servers and judges the device clock's
// time sources: offset, stratum, leap indicator, kiss-o'-death,
// root distance, reachability and agreement between sources
// (CIAJ-1.4.1-3).
//
// # Defaults
//
// Offset: pass within 128 ms (RFC 5905 step threshold), warn up to 1 s,
// fail above. Fail on kiss-o'-death, leap indicator 3 (unsynchronised),
// stratum 0 or ≥ 16, a reference older than about 36 h, root distance
// above 1 s (RFC 5905 MAXDIST), fewer than 2 reachable sources, or
// reachable sources disagreeing by more than 128 ms. Every threshold is
// an [Options] field whose zero value is the default.
//
// # Touches
//
// UDP to the servers given (port 123 unless the address names one), one
// query each, in parallel, each bounded by Options.Timeout and ctx. Uses
// github.com/beevik/ntp, whose Query does not report kiss-o'-death as an
// error: this package calls Validate and judges the offset itself.
package ntpcheck

import (
	"context"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/beevik/ntp"

	"github.com/netdevsec/netdevsec"
)

// Verdict is the judgement of a source or of the whole check.
type Verdict int

// Verdicts, in increasing badness.
const (
	OK Verdict = iota
	Warn
	Fail
)

// String returns "ok", "warn" or "fail".
func (v Verdict) String() string {
	switch v {
	case OK:
		return "ok"
	case Warn:
		return "warn"
	}
	return "fail"
}

// Options tune [Check]; the zero value is the documented default.
type Options struct {
	// Timeout bounds each query; 0 means 5 s.
	Timeout time.Duration
	// PassOffset is the largest offset that passes; 0 means 128 ms.
	PassOffset time.Duration
	// WarnOffset is the largest offset that only warns; 0 means 1 s.
	WarnOffset time.Duration
	// MaxRootDistance; 0 means 1 s.
	MaxRootDistance time.Duration
	// MaxDisagreement is how far reachable sources may differ; 0 means
	// 128 ms.
	MaxDisagreement time.Duration
	// MinSources is how many sources must be reachable and sane; 0 means 2.
	MinSources int
	// Version is the NTP version to send; 0 means 4.
	Version int
	// Auth is the symmetric key to authenticate queries with; zero means
	// none. The key is a secret.
	Auth Auth
}

// Auth is a symmetric NTP key (RFC 5905, RFC 8573).
type Auth struct {
	// Type is "md5", "sha1", "sha256", "sha512", "aes128cmac" or
	// "aes256cmac".
	Type  string
	KeyID uint32
	// Key is the key as "HEX:…" or "ASCII:…".
	Key netdevsec.Secret
}

func (o *Options) orDefault() Options {
	var q Options
	if o != nil {
		q = *o
	}
	if q.Timeout <= 0 {
		q.Timeout = 5 * time.Second
	}
	if q.PassOffset <= 0 {
		q.PassOffset = 128 * time.Millisecond
	}
	if q.WarnOffset <= 0 {
		q.WarnOffset = time.Second
	}
	if q.MaxRootDistance <= 0 {
		q.MaxRootDistance = time.Second
	}
	if q.MaxDisagreement <= 0 {
		q.MaxDisagreement = 128 * time.Millisecond
	}
	if q.MinSources <= 0 {
		q.MinSources = 2
	}
	if q.Version == 0 {
		q.Version = 4
	}
	return q
}

// Source is the result of one server.
type Source struct {
	Server    string
	Reachable bool
	// Err is why the query failed (unreachable, timeout, bad reply).
	Err            error
	Offset, RTT    time.Duration
	Stratum        uint8
	Leap           ntp.LeapIndicator
	KissCode       string
	RootDistance   time.Duration
	ReferenceTime  time.Time
	Verdict        Verdict
	Problems       []string
	ReferenceIDStr string
}

// Result is the judgement of all sources.
type Result struct {
	Sources []Source
	// Spread is the largest difference between the offsets of usable
	// sources.
	Spread   time.Duration
	Verdict  Verdict
	Problems []string
}

// query is the one I/O seam; tests replace it with a fake response.
type query func(addr string, opt ntp.QueryOptions) (*ntp.Response, error)

// Check queries every server (host or host:port) and judges them.
func Check(ctx context.Context, servers []string, o *Options) Result {
	return check(ctx, servers, o, ntp.QueryWithOptions)
}

func check(ctx context.Context, servers []string, o *Options, q query) Result {
	opt := o.orDefault()
	srcs := make([]Source, len(servers))
	var wg sync.WaitGroup
	for i, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			srcs[i] = querySource(ctx, s, opt, q)
		}()
	}
	wg.Wait()
	return Judge(srcs, &opt)
}

func querySource(ctx context.Context, server string, o Options, q query) Source {
	s := Source{Server: server}
	timeout := o.Timeout
	if d, ok := ctx.Deadline(); ok {
		timeout = min(timeout, time.Until(d))
	}
	if err := ctx.Err(); err != nil || timeout <= 0 {
		s.Err = fmt.Errorf("query %s: %w", server, cmpErr(err, context.DeadlineExceeded))
		return s
	}
	addr := server
	if _, _, err := net.SplitHostPort(server); err != nil {
		addr = net.JoinHostPort(server, "123")
	}
	qo := ntp.QueryOptions{Timeout: timeout, Version: o.Version}
	if o.Auth.Type != "" {
		qo.Auth = ntp.AuthOptions{Type: authType(o.Auth.Type), Key: o.Auth.Key.Reveal(), KeyID: o.Auth.KeyID}
	}
	type reply struct {
		r   *ntp.Response
		err error
	}
	ch := make(chan reply, 1)
	go func() {
		r, err := q(addr, qo)
		ch <- reply{r, err}
	}()
	select {
	case <-ctx.Done():
		s.Err = fmt.Errorf("query %s: %w", server, ctx.Err())
		return s
	case rep := <-ch:
		if rep.err != nil {
			s.Err = fmt.Errorf("query %s: %w", server, rep.err)
			return s
		}
		fill(&s, rep.r)
		return s
	}
}

func cmpErr(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}

func authType(t string) ntp.AuthType {
	switch strings.ToLower(t) {
	case "md5":
		return ntp.AuthMD5
	case "sha1":
		return ntp.AuthSHA1
	case "sha256":
		return ntp.AuthSHA256
	case "sha512":
		return ntp.AuthSHA512
	case "aes128cmac":
		return ntp.AuthAES128
	case "aes256cmac":
		return ntp.AuthAES256
	}
	return ntp.AuthNone
}

func fill(s *Source, r *ntp.Response) {
	s.Reachable = true
	s.Offset, s.RTT, s.Stratum, s.Leap = r.ClockOffset, r.RTT, r.Stratum, r.Leap
	s.KissCode, s.RootDistance, s.ReferenceTime = r.KissCode, r.RootDistance, r.ReferenceTime
	if err := r.Validate(); err != nil {
		s.Err = err
	}
}

// Judge applies the thresholds of o (nil: defaults) to already-queried
// sources. It is pure: tests and embedding programs with their own NTP
// client use it directly.
func Judge(srcs []Source, o *Options) Result {
	opt := o.orDefault()
	res := Result{Sources: srcs}
	var offsets []time.Duration
	for i := range srcs {
		s := &srcs[i]
		s.Verdict, s.Problems = OK, nil
		bad := func(v Verdict, format string, args ...any) {
			s.Verdict = max(s.Verdict, v)
			s.Problems = append(s.Problems, fmt.Sprintf(format, args...))
		}
		if !s.Reachable {
			bad(Fail, "unreachable: %v", s.Err)
			continue
		}
		switch {
		case s.Stratum == 0 || s.KissCode != "":
			bad(Fail, "kiss-o'-death %q", s.KissCode)
		case s.Stratum >= 16:
			bad(Fail, "stratum %d: not synchronised", s.Stratum)
		}
		if s.Leap == ntp.LeapNotInSync {
			bad(Fail, "leap indicator 3: server clock not synchronised")
		}
		if s.RootDistance > opt.MaxRootDistance {
			bad(Fail, "root distance %s above %s", s.RootDistance, opt.MaxRootDistance)
		}
		if s.Err != nil && s.Verdict != Fail {
			bad(Fail, "invalid reply: %v", s.Err)
		}
		switch a := s.Offset.Abs(); {
		case a > opt.WarnOffset:
			bad(Fail, "offset %s above %s", s.Offset, opt.WarnOffset)
		case a > opt.PassOffset:
			bad(Warn, "offset %s above %s", s.Offset, opt.PassOffset)
		}
		if s.Verdict != Fail {
			offsets = append(offsets, s.Offset)
		}
	}
	res.Verdict = OK
	for _, s := range srcs {
		res.Verdict = max(res.Verdict, s.Verdict)
	}
	if len(offsets) < opt.MinSources {
		res.Verdict = Fail
		res.Problems = append(res.Problems, fmt.Sprintf("%d usable source(s), %d needed", len(offsets), opt.MinSources))
	}
	if len(offsets) > 1 {
		sort.Slice(offsets, func(i, j int) bool { return offsets[i] < offsets[j] })
		res.Spread = offsets[len(offsets)-1] - offsets[0]
		if res.Spread > opt.MaxDisagreement {
			res.Verdict = Fail
			res.Problems = append(res.Problems, fmt.Sprintf("sources disagree by %s (more than %s)", res.Spread, opt.MaxDisagreement))
		}
	}
	return res
}

// RuleLive is the rule of the live NTP check.
func RuleLive() netdevsec.Rule {
	return netdevsec.Rule{
		ID:       "logging.ntp.live",
		Severity: netdevsec.SeverityMedium,
		Clauses:  []netdevsec.ClauseID{"CIAJ-1.4.1-3"},
		Title:    netdevsec.Text{EN: "NTP sources reachable, synchronised and in agreement", JA: "NTP サーバが到達可能で同期しており互いに一致している"},
		Description: netdevsec.Text{
			EN: "The configured time sources are queried: offset within 128 ms passes, up to 1 s warns, more fails; kiss-o'-death, leap indicator 3, stratum 16, stale reference, root distance above 1 s, fewer than 2 usable sources or sources disagreeing by more than 128 ms fail (RFC 5905; DISA STIG: at least two NTP sources).",
			JA: "設定された時刻源に問い合わせる。時刻差 128 ms 以内は合格、1 秒までは警告、それ以上は不合格。kiss-o'-death、閏秒指示子 3、階層 16、古い参照時刻、ルート距離 1 秒超、利用可能な時刻源が 2 未満、時刻源間の差が 128 ms 超は不合格（RFC 5905、DISA STIG：NTP サーバ 2 台以上）。",
		},
		Remediation: netdevsec.Text{
			EN: "Fix reachability (firewall, address) of the NTP servers, replace unsynchronised or disagreeing ones, and configure at least two.",
			JA: "NTP サーバへの到達性（ファイアウォール、アドレス）を直し、非同期や不一致のサーバを置き換え、2 台以上設定する。",
		},
		References: []netdevsec.Reference{{Name: "RFC 5905"}, {Name: "DISA STIG Cisco IOS NDM"}},
	}
}

// Findings turns r into one finding of [RuleLive] for device: fail on
// Fail, fail with low severity on Warn, pass on OK.
func (r Result) Findings(device string) []netdevsec.Finding {
	rule := RuleLive()
	var ev []netdevsec.Evidence
	for _, s := range r.Sources {
		v := s.Verdict.String()
		if s.Reachable {
			v += fmt.Sprintf(" offset=%s stratum=%d", s.Offset.Round(time.Microsecond), s.Stratum)
		}
		if len(s.Problems) > 0 {
			v += " (" + strings.Join(s.Problems, "; ") + ")"
		}
		ev = append(ev, netdevsec.E(s.Server, v))
	}
	if len(r.Sources) > 1 {
		ev = append(ev, netdevsec.E("spread", r.Spread.Round(time.Microsecond)))
	}
	var probs []string
	probs = append(probs, r.Problems...)
	for _, s := range r.Sources {
		for _, p := range s.Problems {
			probs = append(probs, s.Server+": "+p)
		}
	}
	switch r.Verdict {
	case Fail:
		return []netdevsec.Finding{rule.Fail(device, strings.Join(probs, "; "), ev...)}
	case Warn:
		f := rule.Fail(device, "warning: "+strings.Join(probs, "; "), ev...)
		f.Severity = netdevsec.SeverityLow
		return []netdevsec.Finding{f}
	}
	return []netdevsec.Finding{rule.Pass(device, fmt.Sprintf("%d NTP source(s) synchronised and in agreement", len(r.Sources)), ev...)}
}
