package snmp

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gosnmp/gosnmp"

	"github.com/netdevsec/netdevsec"
)

// OIDs read by the probe.
const (
	OIDSysDescr    = ".1.3.6.1.2.1.1.1.0"
	OIDSysObjectID = ".1.3.6.1.2.1.1.2.0"
)

// Defaults of [Options].
const (
	DefaultTimeout     = time.Second
	DefaultConcurrency = 4
	// discoveryUser is the user name of the SNMPv3 discovery request; no
	// agent should know it.
	discoveryUser = "netdevsec-discovery"
)

// DefaultCommunities are the communities tried unless
// [Options.NoDefaultCommunities] is set: the two every scanner tries
// first.
func DefaultCommunities() []string { return []string{"public", "private"} }

// Version is an SNMP protocol version for community tries.
type Version string

// Versions.
const (
	V1  Version = "1"
	V2c Version = "2c"
)

// Options tune [Probe]. The zero value is the secure default.
type Options struct {
	// Port is the agent's UDP port; 0 means 161.
	Port int
	// Timeout bounds one request; 0 means [DefaultTimeout]. There is
	// never "no timeout".
	Timeout time.Duration
	// Retries is how often a request is re-sent after a timeout; 0 means
	// none (one attempt), negative values are treated as 0, and more than
	// 3 are capped at 3.
	Retries int
	// Communities are tried in addition to the defaults.
	Communities []netdevsec.Secret
	// NoDefaultCommunities skips "public" and "private".
	NoDefaultCommunities bool
	// Versions are the versions communities are tried with; nil means v1
	// and v2c.
	Versions []Version
	// V3Users are SNMPv3 user names tried without authentication
	// (noAuthNoPriv).
	V3Users []string
	// SkipV3 skips SNMPv3 engine discovery and user tries.
	SkipV3 bool
	// Concurrency bounds the requests in flight to one target; 0 means
	// [DefaultConcurrency].
	Concurrency int
}

func (o *Options) withDefaults() Options {
	var out Options
	if o != nil {
		out = *o
	}
	if out.Port <= 0 || out.Port > 65535 {
		out.Port = 161
	}
	if out.Timeout <= 0 {
		out.Timeout = DefaultTimeout
	}
	out.Retries = min(max(out.Retries, 0), 3)
	if out.Versions == nil {
		out.Versions = []Version{V1, V2c}
	}
	if out.Concurrency <= 0 {
		out.Concurrency = DefaultConcurrency
	}
	return out
}

// Access is a community the agent answered.
type Access struct {
	Community netdevsec.Secret `json:"-"`
	Version   Version          `json:"version"`
	// Default is whether Community is one of [DefaultCommunities].
	Default bool `json:"default"`
}

// Engine is what SNMPv3 discovery discloses.
type Engine struct {
	// ID is the authoritative engine ID in hex.
	ID string `json:"id"`
	// Enterprise is the IANA enterprise number in a RFC 3411 engine ID
	// (8072 net-snmp, 9 Cisco, 14988 MikroTik, 1182 Yamaha), 0 if none.
	Enterprise int    `json:"enterprise,omitempty"`
	Boots      uint32 `json:"boots"`
	// Time is the engine's seconds since its last boot.
	Time uint32 `json:"time"`
}

// Result is what a probe saw of one target.
type Result struct {
	Target string `json:"target"`
	// Responded is whether the agent answered anything (a community, a
	// discovery report). A silent agent and a host that is down look the
	// same in UDP.
	Responded bool     `json:"responded"`
	Accepted  []Access `json:"accepted,omitempty"`
	// Tried counts the community/version pairs tried.
	Tried  int     `json:"tried"`
	Engine *Engine `json:"engine,omitempty"`
	// NoAuthUsers are SNMPv3 users that answered without authentication.
	NoAuthUsers []string `json:"no_auth_users,omitempty"`
	// UnknownUsers are SNMPv3 user names the agent said it does not know
	// (agents reveal this, which allows user enumeration).
	UnknownUsers []string `json:"unknown_users,omitempty"`
	SysDescr     string   `json:"sys_descr,omitempty"`
	SysObjectID  string   `json:"sys_object_id,omitempty"`
	Identity     Identity `json:"identity"`
}

// ErrTarget is returned for a target that is not a host or address.
var ErrTarget = errors.New("invalid SNMP target")

// Probe probes the SNMP agent at target (a host name or address; a
// "host:port" overrides [Options.Port]). It returns an error only for an
// invalid target or a done ctx; silence is a result, not an error.
func Probe(ctx context.Context, target string, opts *Options) (Result, error) {
	o := opts.withDefaults()
	host, port, err := splitTarget(target, o.Port)
	if err != nil {
		return Result{}, err
	}
	res := Result{Target: target}
	type try struct {
		community netdevsec.Secret
		version   Version
		isDefault bool
	}
	var tries []try
	var names []netdevsec.Secret
	if !o.NoDefaultCommunities {
		for _, c := range DefaultCommunities() {
			names = append(names, netdevsec.NewSecret(c))
		}
	}
	for _, c := range o.Communities {
		if !c.IsZero() && !slices.ContainsFunc(names, func(n netdevsec.Secret) bool { return n.Reveal() == c.Reveal() }) {
			names = append(names, c)
		}
	}
	for _, v := range o.Versions {
		for _, c := range names {
			tries = append(tries, try{community: c, version: v, isDefault: slices.Contains(DefaultCommunities(), c.Reveal())})
		}
	}
	res.Tried = len(tries)

	var mu sync.Mutex
	sem := make(chan struct{}, o.Concurrency)
	var wg sync.WaitGroup
	for _, t := range tries {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			pkt, err := get(ctx, host, port, o, func(g *gosnmp.GoSNMP) {
				g.Community = t.community.Reveal()
				g.Version = gosnmp.Version1
				if t.version == V2c {
					g.Version = gosnmp.Version2c
				}
			})
			// Only a Response PDU accepts the community: a reflector
			// echoing the GetRequest back is not an agent.
			if err != nil || pkt.Error != gosnmp.NoError || pkt.PDUType != gosnmp.GetResponse {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			res.Responded = true
			res.Accepted = append(res.Accepted, Access{Community: t.community, Version: t.version, Default: t.isDefault})
			if res.SysDescr == "" {
				res.SysDescr, res.SysObjectID = values(pkt)
			}
		})
	}
	if !o.SkipV3 {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			e := discover(ctx, host, port, o)
			if e == nil {
				return
			}
			mu.Lock()
			res.Engine, res.Responded = e, true
			mu.Unlock()
			for _, u := range o.V3Users {
				if ctx.Err() != nil {
					return
				}
				pkt, err := get(ctx, host, port, o, func(g *gosnmp.GoSNMP) {
					g.Version, g.SecurityModel, g.MsgFlags = gosnmp.Version3, gosnmp.UserSecurityModel, gosnmp.NoAuthNoPriv
					g.SecurityParameters = &gosnmp.UsmSecurityParameters{UserName: u}
				})
				mu.Lock()
				switch {
				case err == nil && pkt.Error == gosnmp.NoError && pkt.PDUType == gosnmp.GetResponse:
					res.NoAuthUsers = append(res.NoAuthUsers, u)
					if res.SysDescr == "" {
						res.SysDescr, res.SysObjectID = values(pkt)
					}
				case errors.Is(err, gosnmp.ErrUnknownUsername):
					res.UnknownUsers = append(res.UnknownUsers, u)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	// A socket deadline taken from ctx can fire just before ctx's own
	// timer: past the deadline is a deadline error, not silence.
	if d, ok := ctx.Deadline(); ok && ctx.Err() == nil && !time.Now().Before(d) {
		return res, fmt.Errorf("snmp probe %s: %w", target, context.DeadlineExceeded)
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("snmp probe %s: %w", target, err)
	}
	slices.SortFunc(res.Accepted, func(a, b Access) int {
		if c := strings.Compare(string(a.Version), string(b.Version)); c != 0 {
			return c
		}
		return strings.Compare(a.Community.Reveal(), b.Community.Reveal())
	})
	slices.Sort(res.NoAuthUsers)
	slices.Sort(res.UnknownUsers)
	res.Identity = Identify(res.SysDescr, res.SysObjectID)
	if res.Identity.Vendor == "" && res.Engine != nil {
		res.Identity.Vendor = enterpriseVendor(res.Engine.Enterprise)
	}
	return res, nil
}

func splitTarget(target string, port int) (string, uint16, error) {
	host := target
	if h, p, err := net.SplitHostPort(target); err == nil {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return "", 0, fmt.Errorf("target %q: bad port: %w", target, ErrTarget)
		}
		host, port = h, n
	}
	if host == "" || strings.ContainsAny(host, " /\t") {
		return "", 0, fmt.Errorf("target %q: %w", target, ErrTarget)
	}
	return host, uint16(port), nil
}

// get sends one GET of sysDescr and sysObjectID with a fresh client.
func get(ctx context.Context, host string, port uint16, o Options, setup func(*gosnmp.GoSNMP)) (*gosnmp.SnmpPacket, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout*time.Duration(o.Retries+1)+o.Timeout)
	defer cancel()
	g := &gosnmp.GoSNMP{
		Target: host, Port: port, Transport: "udp", Timeout: o.Timeout, Retries: o.Retries,
		Context: ctx, MaxOids: 2, ExponentialTimeout: false,
	}
	setup(g)
	if err := g.Connect(); err != nil {
		return nil, err
	}
	defer g.Conn.Close()
	return g.Get([]string{OIDSysDescr, OIDSysObjectID})
}

// discover runs SNMPv3 engine discovery with an unknown user name.
func discover(ctx context.Context, host string, port uint16, o Options) *Engine {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout*time.Duration(o.Retries+1)+o.Timeout)
	defer cancel()
	sp := &gosnmp.UsmSecurityParameters{UserName: discoveryUser}
	g := &gosnmp.GoSNMP{
		Target: host, Port: port, Transport: "udp", Timeout: o.Timeout, Retries: o.Retries, Context: ctx,
		Version: gosnmp.Version3, SecurityModel: gosnmp.UserSecurityModel, MsgFlags: gosnmp.NoAuthNoPriv,
		SecurityParameters: sp, MaxOids: 2,
	}
	if err := g.Connect(); err != nil {
		return nil
	}
	defer g.Conn.Close()
	_, _ = g.Get([]string{OIDSysDescr})
	usp, ok := g.SecurityParameters.(*gosnmp.UsmSecurityParameters)
	if !ok || usp.AuthoritativeEngineID == "" {
		return nil
	}
	id := []byte(usp.AuthoritativeEngineID)
	return &Engine{ID: hex.EncodeToString(id), Enterprise: EngineEnterprise(id), Boots: usp.AuthoritativeEngineBoots, Time: usp.AuthoritativeEngineTime}
}

// EngineEnterprise returns the IANA enterprise number of an RFC 3411
// engine ID (first bit set, then 31 bits of enterprise), or 0.
func EngineEnterprise(id []byte) int {
	if len(id) < 5 || id[0]&0x80 == 0 {
		return 0
	}
	return int(uint32(id[0]&0x7f)<<24 | uint32(id[1])<<16 | uint32(id[2])<<8 | uint32(id[3]))
}

func values(pkt *gosnmp.SnmpPacket) (descr, oid string) {
	for _, v := range pkt.Variables {
		switch v.Name {
		case OIDSysDescr:
			if b, ok := v.Value.([]byte); ok {
				descr = strings.ToValidUTF8(string(b), "\uFFFD")
				if len(descr) > MaxSysDescr {
					descr = descr[:MaxSysDescr]
				}
			}
		case OIDSysObjectID:
			if s, ok := v.Value.(string); ok {
				oid = s
			}
		}
	}
	return descr, oid
}
