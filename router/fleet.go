package router

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/probe/snmp"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// Defaults of [FleetOptions].
const (
	DefaultFleetConcurrency = 8
	DefaultDeviceTimeout    = 30 * time.Second
)

// FleetOptions tune [ProbeFleet]. The zero value probes SNMP only, with
// the probe's secure defaults, 8 devices at a time, 30 s per device.
type FleetOptions struct {
	// Concurrency is how many devices are probed at once; 0 means
	// [DefaultFleetConcurrency].
	Concurrency int
	// DeviceTimeout bounds all probing of one device; 0 means
	// [DefaultDeviceTimeout]. Per-request timeouts are the probes' own.
	DeviceTimeout time.Duration
	// SNMP tunes the SNMP probe; nil means its defaults.
	SNMP *snmp.Options
	// SkipSNMP turns the SNMP probe off.
	SkipSNMP bool
	// SSH, when set, also audits each device's SSH server (banner and
	// offered algorithms; host keys verified as the prober is set up).
	SSH *probessh.Prober
	// Progress, when set, receives one line per finished device.
	Progress io.Writer
}

// Target is one device to probe.
type Target struct {
	ID string
	// Addr is a host or address; SNMP and SSH use their default ports.
	Addr string
}

// ProbeResult is what the probes saw of one target. Errors are per
// probe; one failing probe or device never stops the others.
type ProbeResult struct {
	Target   Target           `json:"target"`
	SNMP     *snmp.Result     `json:"snmp,omitempty"`
	SSH      *probessh.Result `json:"ssh,omitempty"`
	Errors   []string         `json:"errors,omitempty"`
	Duration time.Duration    `json:"duration"`
}

// TargetsFromInventory returns one target per router of devs that has an
// address (its first).
func TargetsFromInventory(devs []inventory.Device) []Target {
	var out []Target
	for _, d := range devs {
		if d.Class == inventory.ClassRouter && len(d.Addresses) > 0 {
			out = append(out, Target{ID: d.ID, Addr: d.Addresses[0]})
		}
	}
	return out
}

// ProbeFleet probes every target with bounded concurrency and returns
// the results in target order. Each device gets its own deadline
// (DeviceTimeout) and every gosnmp client stays in one goroutine. When
// ctx ends, the devices not yet probed carry its error.
func ProbeFleet(ctx context.Context, targets []Target, opts *FleetOptions) []ProbeResult {
	var o FleetOptions
	if opts != nil {
		o = *opts
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultFleetConcurrency
	}
	if o.DeviceTimeout <= 0 {
		o.DeviceTimeout = DefaultDeviceTimeout
	}
	out := make([]ProbeResult, len(targets))
	sem := make(chan struct{}, o.Concurrency)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for i, t := range targets {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				out[i] = ProbeResult{Target: t, Errors: []string{ctx.Err().Error()}}
				return
			}
			defer func() { <-sem }()
			out[i] = probeOne(ctx, t, o)
			if o.Progress != nil {
				mu.Lock()
				done++
				status := "ok"
				if len(out[i].Errors) > 0 {
					status = fmt.Sprintf("%d error(s)", len(out[i].Errors))
				}
				fmt.Fprintf(o.Progress, "[%d/%d] %s (%s): %s in %s\n", done, len(targets), t.ID, t.Addr, status, out[i].Duration.Round(time.Millisecond))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return out
}

func probeOne(ctx context.Context, t Target, o FleetOptions) ProbeResult {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, o.DeviceTimeout)
	defer cancel()
	r := ProbeResult{Target: t}
	if !o.SkipSNMP {
		res, err := snmp.Probe(ctx, t.Addr, o.SNMP)
		if err != nil {
			r.Errors = append(r.Errors, "snmp: "+err.Error())
		} else {
			r.SNMP = &res
		}
	}
	if o.SSH != nil {
		res, err := o.SSH.Audit(ctx, t.Addr)
		if err != nil {
			r.Errors = append(r.Errors, "ssh: "+err.Error())
		} else {
			r.SSH = res
		}
	}
	r.Duration = time.Since(start)
	return r
}

// Apply merges what the probes saw into f: communities the agent
// accepted (their write access unknown), SNMPv3 users without
// authentication, the SSH server's offered algorithms, and the firmware
// version the agent reports when f has none.
func (r ProbeResult) Apply(f *Facts) {
	if s := r.SNMP; s != nil && s.Responded {
		f.SNMP.Enabled = ptr(true)
		for _, a := range s.Accepted {
			i := slices.IndexFunc(f.SNMP.Communities, func(c Community) bool { return c.Source == "probe" && c.Name.Reveal() == a.Community.Reveal() })
			if i >= 0 {
				f.SNMP.Communities[i].Versions = append(f.SNMP.Communities[i].Versions, string(a.Version))
				continue
			}
			f.SNMP.Communities = append(f.SNMP.Communities, Community{Name: a.Community, Versions: []string{string(a.Version)},
				Default: a.Default || DefaultCommunity(a.Community.Reveal()), Source: "probe", WriteUnknown: true})
		}
		for _, u := range s.NoAuthUsers {
			f.SNMP.Users = append(f.SNMP.Users, SNMPUser{Name: u, Level: "noauth"})
		}
		if f.Firmware.Version == "" {
			f.Firmware.Version = s.Identity.Version
		}
		if f.Model == "" {
			f.Model = s.Identity.Model
		}
		f.MarkKnown(SectionSNMP)
	}
	if s := r.SSH; s != nil {
		ssh := &SSH{Source: "probe", Banner: s.Identification.Raw, KeyExchange: s.Algorithms.Kex, HostKeys: s.Algorithms.HostKey,
			Ciphers:  union(s.Algorithms.CiphersClientServer, s.Algorithms.CiphersServerClient),
			MACs:     union(s.Algorithms.MACsClientServer, s.Algorithms.MACsServerClient),
			Version1: ptr(s.Identification.SupportsSSH1()), TerrapinExposed: ptr(s.TerrapinExposed)}
		f.SSH = ssh
	}
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// Evidence summarises a probe result for reports without secrets.
func (r ProbeResult) Evidence() []netdevsec.Evidence {
	var ev []netdevsec.Evidence
	if s := r.SNMP; s != nil {
		ev = append(ev, netdevsec.E("snmp_accepted", len(s.Accepted)), netdevsec.E("snmp_responded", s.Responded))
	}
	if s := r.SSH; s != nil {
		ev = append(ev, netdevsec.E("ssh_banner", s.Identification.Raw))
	}
	return ev
}
