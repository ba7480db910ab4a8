package password

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
	probesnmp "github.com/netdevsec/netdevsec/probe/snmp"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// Live-check limits.
const (
	// DefaultLiveAttempts is the attempts per device when
	// LiveOptions.MaxAttempts is zero.
	DefaultLiveAttempts = 6
	// HardMaxLiveAttempts caps attempts per device whatever the options
	// say: a live check must never look like a brute-force attack or
	// lock accounts out.
	HardMaxLiveAttempts = 20
	// DefaultLiveInterval is the pause between two SSH attempts on one
	// device.
	DefaultLiveInterval = time.Second
)

// LiveCredential is one default the user approved for live tries.
type LiveCredential struct {
	// Protocol is "ssh" or "snmp".
	Protocol string
	// User is the SSH user (unused for SNMP).
	User string
	// Password is the SSH password or SNMP community.
	Password netdevsec.Secret
}

// LiveOptions enable and bound the opt-in live default check. There is
// no zero-value live check: it runs only when the caller passes
// options, and tries only the approved list (plus, with UseDatabase,
// the device's own vendor/model defaults from the database).
type LiveOptions struct {
	// Approved are the credentials the user approved to try.
	Approved []LiveCredential
	// UseDatabase adds the database's exact SSH and SNMP defaults for
	// the device's vendor and model.
	UseDatabase bool
	// MaxAttempts per device; 0 means DefaultLiveAttempts; never more
	// than HardMaxLiveAttempts.
	MaxAttempts int
	// Interval between SSH attempts; 0 means DefaultLiveInterval.
	Interval time.Duration
	// SSHPort and SNMPPort override 22 and 161 (0 = default); an address
	// with a port keeps its own for SSH.
	SSHPort, SNMPPort int
	// KnownHostsFiles and Fingerprints verify SSH host keys; without
	// either no password is sent and the result is unknown.
	KnownHostsFiles []string
	Fingerprints    []string
	// Timeout bounds one attempt; 0 means 10 s.
	Timeout time.Duration
	// SkipSSH and SkipSNMP turn one protocol off.
	SkipSSH, SkipSNMP bool
}

// LiveTarget is one device to try.
type LiveTarget struct {
	Device, Address string
	Vendor, Model   string
}

// LiveAttempt is one try and its outcome; never the secret.
type LiveAttempt struct {
	Protocol string `json:"protocol"`
	User     string `json:"user,omitempty"`
	Accepted bool   `json:"accepted"`
}

// LiveResult is what a live check saw of one device.
type LiveResult struct {
	Attempts []LiveAttempt `json:"attempts"`
	// Skipped counts approved credentials not tried because of the cap.
	Skipped int `json:"skipped,omitempty"`
	// Problems are why a protocol could not be judged (host key unknown,
	// connection refused); no secret in them.
	Problems []string `json:"problems,omitempty"`
}

// Accepted returns the attempts that succeeded.
func (r LiveResult) Accepted() []LiveAttempt {
	var out []LiveAttempt
	for _, a := range r.Attempts {
		if a.Accepted {
			out = append(out, a)
		}
	}
	return out
}

// ErrNoLiveOptions is returned by LiveCheck without options.
var ErrNoLiveOptions = errors.New("live check not enabled")

func (o LiveOptions) list(db *DefaultDB, t LiveTarget) []LiveCredential {
	out := append([]LiveCredential(nil), o.Approved...)
	if o.UseDatabase && t.Vendor != "" {
		for _, d := range db.Entries() {
			if d.Generic() || d.Pattern != PatternExact && d.Pattern != PatternBlank || !vendorMatches(alnum(d.Vendor), alnum(t.Vendor)) || !modelMatches(d.Models, t.Model) {
				continue
			}
			switch {
			case d.Kind == KindSNMPCommunity:
				out = append(out, LiveCredential{Protocol: "snmp", Password: d.Password})
			case d.Protocol == "ssh" && d.User != "" && d.User != "*":
				out = append(out, LiveCredential{Protocol: "ssh", User: d.User, Password: d.Password})
			}
		}
	}
	// Drop duplicates, keep order.
	var uniq []LiveCredential
	for _, c := range out {
		dup := false
		for _, u := range uniq {
			if u.Protocol == c.Protocol && u.User == c.User && u.Password.Reveal() == c.Password.Reveal() {
				dup = true
			}
		}
		if !dup {
			uniq = append(uniq, c)
		}
	}
	return uniq
}

// LiveCheck tries approved default credentials against one device over
// SSH (password and keyboard-interactive, host key verified first: no
// password is sent to an unverified host) and SNMP v1/v2c, pausing
// Interval between SSH tries and never exceeding the attempt cap. Only
// call it for devices you are authorised to test.
func LiveCheck(ctx context.Context, t LiveTarget, opts *LiveOptions) (LiveResult, error) {
	if opts == nil {
		return LiveResult{}, ErrNoLiveOptions
	}
	o := *opts
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultLiveAttempts
	}
	o.MaxAttempts = min(o.MaxAttempts, HardMaxLiveAttempts)
	if o.Interval <= 0 {
		o.Interval = DefaultLiveInterval
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	var res LiveResult
	list := o.list(Defaults(), t)
	budget := o.MaxAttempts

	var communities []netdevsec.Secret
	var logins []LiveCredential
	for _, c := range list {
		switch c.Protocol {
		case "snmp":
			if !o.SkipSNMP {
				communities = append(communities, c.Password)
			}
		case "ssh":
			if !o.SkipSSH {
				logins = append(logins, c)
			}
		}
	}
	// SNMP first: one community costs two tries (v1, v2c).
	if len(communities) > 0 {
		n := min(len(communities), budget/2)
		res.Skipped += len(communities) - n
		if n > 0 {
			port := o.SNMPPort
			r, err := probesnmp.Probe(ctx, hostOnly(t.Address), &probesnmp.Options{Port: port, Timeout: o.Timeout,
				Communities: communities[:n], NoDefaultCommunities: true, SkipV3: true, Concurrency: 1})
			if err != nil {
				return res, fmt.Errorf("snmp %s: %w", t.Device, err)
			}
			budget -= r.Tried
			accepted := map[string]bool{}
			for _, a := range r.Accepted {
				accepted[a.Community.Reveal()] = true
			}
			for _, c := range communities[:n] {
				res.Attempts = append(res.Attempts, LiveAttempt{Protocol: "snmp", Accepted: accepted[c.Reveal()]})
			}
			if !r.Responded {
				res.Problems = append(res.Problems, "snmp: no answer (agent off, filtered, or no approved community accepted)")
			}
		}
	}
	if len(logins) > 0 {
		if len(o.KnownHostsFiles) == 0 && len(o.Fingerprints) == 0 {
			res.Problems = append(res.Problems, "ssh: no known_hosts file or host-key fingerprint given; no password was sent")
			res.Skipped += len(logins)
			return res, nil
		}
		p, err := probessh.New(probessh.Options{Timeout: o.Timeout, KnownHostsFiles: o.KnownHostsFiles, Fingerprints: o.Fingerprints, CommandTimeout: o.Timeout, MaxOutput: 4096})
		if err != nil {
			return res, fmt.Errorf("ssh %s: %w", t.Device, err)
		}
		addr := sshAddr(t.Address, o.SSHPort)
		for i, c := range logins {
			if budget <= 0 {
				res.Skipped += len(logins) - i
				break
			}
			if i > 0 {
				select {
				case <-ctx.Done():
					return res, ctx.Err()
				case <-time.After(o.Interval):
				}
			}
			budget--
			_, err := p.Run(ctx, addr, probessh.Login{User: c.User, Password: c.Password}, "exit")
			switch {
			case err == nil:
				res.Attempts = append(res.Attempts, LiveAttempt{Protocol: "ssh", User: c.User, Accepted: true})
			case errors.Is(err, probessh.ErrAuth):
				res.Attempts = append(res.Attempts, LiveAttempt{Protocol: "ssh", User: c.User})
			case strings.Contains(err.Error(), "open session") || strings.Contains(err.Error(), "run command"):
				// Authenticated; only the command failed (network OSes
				// may not know "exit").
				res.Attempts = append(res.Attempts, LiveAttempt{Protocol: "ssh", User: c.User, Accepted: true})
			default:
				// Host key or connection problem: stop trying this host.
				res.Problems = append(res.Problems, "ssh: "+redactErr(err, c.Password))
				res.Skipped += len(logins) - i - 1
				return res, nil
			}
		}
	}
	return res, nil
}

// redactErr returns err's text with the secret removed, in case a
// server echoed it.
func redactErr(err error, s netdevsec.Secret) string {
	msg := err.Error()
	if v := s.Reveal(); v != "" {
		msg = strings.ReplaceAll(msg, v, netdevsec.Redacted)
	}
	return msg
}

func hostOnly(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

func sshAddr(addr string, port int) string {
	if _, _, err := net.SplitHostPort(addr); err == nil {
		return addr
	}
	if port <= 0 {
		port = 22
	}
	return net.JoinHostPort(strings.Trim(addr, "[]"), strconv.Itoa(port))
}

// LiveFindings turns a live result into password.live.default findings.
func LiveFindings(device string, r LiveResult) []netdevsec.Finding {
	rule := RuleLiveDefault()
	var out []netdevsec.Finding
	for _, a := range r.Accepted() {
		msg := "SNMP agent answered an approved default community"
		ev := []netdevsec.Evidence{netdevsec.E("protocol", a.Protocol), netdevsec.RedactedEvidence("secret")}
		if a.Protocol == "ssh" {
			msg = fmt.Sprintf("SSH login as %q accepted with an approved factory default", a.User)
			ev = append(ev, netdevsec.E("user", a.User))
		}
		out = append(out, rule.Fail(device, msg, ev...))
	}
	if len(out) > 0 {
		return out
	}
	var ev []netdevsec.Evidence
	for _, p := range r.Problems {
		ev = append(ev, netdevsec.E("problem", p))
	}
	if len(r.Attempts) == 0 {
		if len(r.Problems) == 0 && r.Skipped == 0 {
			return []netdevsec.Finding{rule.NotApplicable(device, "no approved default applies to this device")}
		}
		return []netdevsec.Finding{rule.Unknown(device, "no default could be tried", ev...)}
	}
	if len(r.Problems) > 0 {
		return []netdevsec.Finding{rule.Unknown(device, fmt.Sprintf("%d approved default(s) refused, but not every protocol could be judged", len(r.Attempts)), ev...)}
	}
	return []netdevsec.Finding{rule.Pass(device, fmt.Sprintf("%d approved default(s) refused", len(r.Attempts)))}
}

func (a *Auditor) liveFindings(ctx context.Context, dev *inventory.Device) ([]netdevsec.Finding, error) {
	if len(dev.Addresses) == 0 {
		return []netdevsec.Finding{RuleLiveDefault().Unknown(dev.ID, "the device has no management address")}, nil
	}
	r, err := LiveCheck(ctx, LiveTarget{Device: dev.ID, Address: dev.Addresses[0], Vendor: dev.Vendor, Model: dev.Model}, a.live)
	if err != nil {
		return nil, err
	}
	return LiveFindings(dev.ID, r), nil
}
