package sip

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// ErrTimeout is wrapped when a request gets no final response in time.
var ErrTimeout = errors.New("no SIP response")

// Options tune a [Prober]. The zero value is a polite UDP probe.
type Options struct {
	// Transport is "udp" or "tcp"; "" means udp.
	Transport string
	// Timeout bounds each request (all retransmissions); 0 means 3 s.
	Timeout time.Duration
	// Interval is the least time between two requests (the rate limit);
	// 0 means 250 ms.
	Interval time.Duration
	// UserAgent is sent in requests; "" means "netdevsec-sip-probe". (Not
	// "friendly-scanner": PBX firewalls drop that name.)
	UserAgent string
	// Domain is the SIP domain of the URIs; "" means the target host.
	Domain string
	// KnownUser is an extension that exists, for the enumeration
	// comparison; "" skips it.
	KnownUser string
	// ExternalNumber is the external-looking number the INVITE is sent
	// to; "" means an international number, "+442079460000" in the
	// Ofcom drama range (never assigned to a subscriber).
	ExternalNumber string
	// NoInvite skips the INVITE (it may ring a phone on a badly
	// configured PBX).
	NoInvite bool
	// Rand is the source of random users, tags and branches; nil means
	// crypto/rand.
	Rand io.Reader
}

// Prober sends SIP probes to one PBX at a time.
type Prober struct {
	o    Options
	last time.Time
}

// New returns a prober; opts may be nil.
func New(opts *Options) *Prober {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Transport == "" {
		o.Transport = "udp"
	}
	o.Transport = strings.ToLower(o.Transport)
	if o.Timeout <= 0 {
		o.Timeout = 3 * time.Second
	}
	if o.Interval <= 0 {
		o.Interval = 250 * time.Millisecond
	}
	if o.UserAgent == "" {
		o.UserAgent = "netdevsec-sip-probe"
	}
	if o.ExternalNumber == "" {
		o.ExternalNumber = "+442079460000"
	}
	if o.Rand == nil {
		o.Rand = rand.Reader
	}
	return &Prober{o: o}
}

// Exchange is one request and what came back.
type Exchange struct {
	Method string `json:"method"`
	// User is the user part of the To URI (random for the "unknown
	// user" probes).
	User string `json:"user,omitempty"`
	// Provisional is the first provisional response other than 100.
	Provisional *Response `json:"-"`
	// Final is the final response, nil when none came.
	Final *Response `json:"-"`
	// Status is Final's status code, 0 when none.
	Status int `json:"status"`
	// ProvisionalStatus is Provisional's status code, 0 when none.
	ProvisionalStatus int `json:"provisional_status,omitempty"`
	// Challenged is true when Final carries a digest challenge.
	Challenged bool `json:"challenged,omitempty"`
	// Err is the transport error or timeout, "" when a final came.
	Err string `json:"error,omitempty"`
}

func (e *Exchange) set(prov, final *Response, err error) {
	e.Provisional, e.Final = prov, final
	if prov != nil {
		e.ProvisionalStatus = prov.StatusCode
	}
	if final != nil {
		e.Status = final.StatusCode
		e.Challenged = (final.StatusCode == 401 || final.StatusCode == 407) && final.Challenge() != ""
	}
	if err != nil {
		e.Err = err.Error()
	}
}

// Result is what a probe observed. It holds no verdict: package pbx's
// probe rules judge it.
type Result struct {
	Target    string `json:"target"`
	Transport string `json:"transport"`
	// Options is the OPTIONS exchange; Banner its Server/User-Agent and
	// Allow its methods.
	Options Exchange `json:"options"`
	Banner  string   `json:"banner,omitempty"`
	Allow   []string `json:"allow,omitempty"`
	// RegisterUnknown is a REGISTER of a random, surely non-existent
	// user without credentials.
	RegisterUnknown Exchange `json:"register_unknown"`
	// RegisterKnown is the same for Options.KnownUser (nil when unset).
	RegisterKnown *Exchange `json:"register_known,omitempty"`
	// InviteExternal is an INVITE without credentials to an
	// external-looking number (nil when NoInvite).
	InviteExternal *Exchange `json:"invite_external,omitempty"`
}

// Probe runs the probes against addr ("host:port") in order: OPTIONS,
// REGISTER of a random user (and of the known user), INVITE to an
// external number. Requests are spaced by Options.Interval. It returns
// an error only for a bad address or a done ctx; unanswered requests are
// recorded in their Exchange.
func (p *Prober) Probe(ctx context.Context, addr string) (*Result, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("sip probe %q: %w", addr, err)
	}
	if p.o.Transport != "udp" && p.o.Transport != "tcp" {
		return nil, fmt.Errorf("sip probe: transport %q: want udp or tcp", p.o.Transport)
	}
	domain := p.o.Domain
	if domain == "" {
		domain = host
		if strings.Contains(host, ":") {
			domain = "[" + host + "]"
		}
	}
	res := &Result{Target: addr, Transport: p.o.Transport}
	steps := []func() error{
		func() error {
			prov, final, err := p.do(ctx, addr, request{method: "OPTIONS", uri: "sip:" + domain, to: "sip:" + domain, from: "sip:probe@" + domain})
			res.Options = Exchange{Method: "OPTIONS"}
			res.Options.set(prov, final, err)
			if final != nil {
				res.Banner, res.Allow = final.Server(), final.Allow()
			}
			return err
		},
		func() error {
			user := p.randomUser()
			res.RegisterUnknown = p.register(ctx, addr, domain, user)
			return nil
		},
	}
	if p.o.KnownUser != "" {
		steps = append(steps, func() error {
			ex := p.register(ctx, addr, domain, p.o.KnownUser)
			res.RegisterKnown = &ex
			return nil
		})
	}
	if !p.o.NoInvite {
		steps = append(steps, func() error {
			num := p.o.ExternalNumber
			prov, final, err := p.do(ctx, addr, request{method: "INVITE", uri: "sip:" + num + "@" + domain, to: "sip:" + num + "@" + domain,
				from: "sip:" + p.randomUser() + "@" + domain, sdp: true})
			ex := Exchange{Method: "INVITE", User: num}
			ex.set(prov, final, err)
			res.InviteExternal = &ex
			return nil
		})
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		_ = step()
	}
	return res, ctx.Err()
}

func (p *Prober) register(ctx context.Context, addr, domain, user string) Exchange {
	aor := "sip:" + user + "@" + domain
	prov, final, err := p.do(ctx, addr, request{method: "REGISTER", uri: "sip:" + domain, to: aor, from: aor, expires: 60})
	ex := Exchange{Method: "REGISTER", User: user}
	ex.set(prov, final, err)
	if final != nil && final.StatusCode/100 == 2 {
		// Registered without credentials: remove the binding again.
		_, _, _ = p.do(ctx, addr, request{method: "REGISTER", uri: "sip:" + domain, to: aor, from: aor, expires: 0, unregister: true})
	}
	return ex
}

// randomUser returns a random numeric user, like svwar's BADUSER.
func (p *Prober) randomUser() string {
	var b [4]byte
	_, _ = io.ReadFull(p.o.Rand, b[:])
	return strconv.FormatUint(uint64(b[0])<<24|uint64(b[1])<<16|uint64(b[2])<<8|uint64(b[3])|1<<32, 10)
}

func (p *Prober) token(n int) string {
	b := make([]byte, n)
	_, _ = io.ReadFull(p.o.Rand, b)
	return hex.EncodeToString(b)
}

type request struct {
	method, uri, to, from string
	expires               int
	unregister            bool
	sdp                   bool
}

// build renders the request for the connection's local address.
func (p *Prober) build(r request, local net.Addr, branch, tag, callID string, seq int, method string, toTagV string) []byte {
	la := local.String()
	var b strings.Builder
	uri := r.uri
	fmt.Fprintf(&b, "%s %s SIP/2.0\r\n", method, uri)
	fmt.Fprintf(&b, "Via: SIP/2.0/%s %s;branch=z9hG4bK%s;rport\r\n", strings.ToUpper(p.o.Transport), la, branch)
	b.WriteString("Max-Forwards: 70\r\n")
	fmt.Fprintf(&b, "From: <%s>;tag=%s\r\n", r.from, tag)
	if toTagV != "" {
		fmt.Fprintf(&b, "To: <%s>;tag=%s\r\n", r.to, toTagV)
	} else {
		fmt.Fprintf(&b, "To: <%s>\r\n", r.to)
	}
	fmt.Fprintf(&b, "Call-ID: %s\r\n", callID)
	fmt.Fprintf(&b, "CSeq: %d %s\r\n", seq, method)
	user := "probe"
	if r.method == "REGISTER" {
		user = strings.TrimPrefix(strings.SplitN(r.to, "@", 2)[0], "sip:")
	}
	switch {
	case r.unregister:
		b.WriteString("Contact: *\r\n")
	default:
		fmt.Fprintf(&b, "Contact: <sip:%s@%s;transport=%s>\r\n", user, la, p.o.Transport)
	}
	if r.method == "REGISTER" {
		fmt.Fprintf(&b, "Expires: %d\r\n", r.expires)
	}
	fmt.Fprintf(&b, "User-Agent: %s\r\n", p.o.UserAgent)
	body := ""
	if r.sdp && method == "INVITE" {
		host, _, _ := net.SplitHostPort(la)
		ip := "IP4"
		if strings.Contains(host, ":") {
			ip = "IP6"
		}
		body = fmt.Sprintf("v=0\r\no=- 0 0 IN %s %s\r\ns=-\r\nc=IN %s %s\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n", ip, host, ip, host)
		b.WriteString("Content-Type: application/sdp\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return []byte(b.String())
}

// conn is one transport connection that reads whole messages.
type conn struct {
	c   net.Conn
	tcp bool
	br  *bufio.Reader
}

func (c *conn) read(deadline time.Time) (*Response, error) {
	if err := c.c.SetReadDeadline(deadline); err != nil {
		return nil, err
	}
	if !c.tcp {
		buf := make([]byte, MaxMessageSize+1)
		n, err := c.c.Read(buf)
		if err != nil {
			return nil, err
		}
		if n > MaxMessageSize {
			return nil, fmt.Errorf("datagram larger than %d bytes: %w", MaxMessageSize, ErrMalformed)
		}
		return ParseResponse(buf[:n])
	}
	// TCP: headers up to an empty line, then Content-Length bytes.
	var msg []byte
	for {
		line, err := c.br.ReadSlice('\n')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
		msg = append(msg, line...)
		if len(msg) > MaxMessageSize {
			return nil, fmt.Errorf("message larger than %d bytes: %w", MaxMessageSize, ErrMalformed)
		}
		if len(msg) == len(line) && strings.TrimSpace(string(line)) == "" {
			msg = msg[:0] // keep-alive CRLF between messages
			continue
		}
		if string(line) == "\r\n" || string(line) == "\n" {
			break
		}
	}
	cl := 0
	for _, l := range strings.Split(string(msg), "\n") {
		name, v, ok := strings.Cut(l, ":")
		if ok && (strings.EqualFold(strings.TrimSpace(name), "Content-Length") || strings.EqualFold(strings.TrimSpace(name), "l")) {
			cl, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	if cl < 0 || len(msg)+cl > MaxMessageSize {
		return nil, fmt.Errorf("Content-Length %d: %w", cl, ErrMalformed)
	}
	body := make([]byte, cl)
	if _, err := io.ReadFull(c.br, body); err != nil {
		return nil, err
	}
	return ParseResponse(append(msg, body...))
}

// wait honours the rate limit.
func (p *Prober) wait(ctx context.Context) error {
	if d := time.Until(p.last.Add(p.o.Interval)); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	p.last = time.Now()
	return nil
}

// do sends one request and waits for its final response, retransmitting
// over UDP (RFC 3261 timer A: 500 ms doubling). An INVITE answered 2xx
// is acknowledged and hung up; one answered with a non-2xx final is
// acknowledged; one left ringing is cancelled.
func (p *Prober) do(ctx context.Context, addr string, r request) (prov, final *Response, err error) {
	if err := p.wait(ctx); err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, p.o.Timeout)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, p.o.Transport, addr)
	if err != nil {
		return nil, nil, fmt.Errorf("dial %s/%s: %w", p.o.Transport, addr, err)
	}
	defer nc.Close()
	c := &conn{c: nc, tcp: p.o.Transport == "tcp", br: bufio.NewReaderSize(nc, 4096)}
	stop := context.AfterFunc(ctx, func() { _ = nc.SetDeadline(time.Now()) })
	defer stop()

	branch, tag, callID := p.token(8), p.token(4), p.token(12)+"@netdevsec"
	msg := p.build(r, nc.LocalAddr(), branch, tag, callID, 1, r.method, "")
	if _, err := nc.Write(msg); err != nil {
		return nil, nil, fmt.Errorf("send %s: %w", r.method, err)
	}
	deadline, _ := ctx.Deadline()
	retrans := 500 * time.Millisecond
	next := time.Now().Add(retrans)
	for {
		wait := deadline
		if !c.tcp && prov == nil && next.Before(wait) {
			wait = next
		}
		resp, err := c.read(wait)
		var ne net.Error
		switch {
		case err == nil:
		case errors.As(err, &ne) && ne.Timeout() && ctx.Err() == nil && time.Now().Before(deadline):
			// UDP retransmission
			if _, err := nc.Write(msg); err != nil {
				return prov, nil, fmt.Errorf("send %s: %w", r.method, err)
			}
			retrans = min(retrans*2, 4*time.Second)
			next = time.Now().Add(retrans)
			continue
		case errors.Is(err, ErrMalformed):
			continue // ignore garbage; wait for ours
		default:
			if prov != nil && r.method == "INVITE" {
				p.cancel(nc, r, branch, tag, callID)
			}
			if ctx.Err() != nil || (errors.As(err, &ne) && ne.Timeout()) {
				return prov, nil, fmt.Errorf("%s: %w", r.method, ErrTimeout)
			}
			return prov, nil, fmt.Errorf("%s: %w", r.method, err)
		}
		if resp.Header("Call-ID") != callID {
			continue
		}
		if _, m := cseq(resp.Header("CSeq")); !strings.EqualFold(m, r.method) {
			continue
		}
		if resp.StatusCode < 200 {
			if resp.StatusCode != 100 && prov == nil {
				prov = resp
			}
			continue
		}
		if r.method == "INVITE" {
			tt := toTag(resp.Header("To"))
			_, _ = nc.Write(p.build(r, nc.LocalAddr(), ackBranch(branch, resp.StatusCode), tag, callID, 1, "ACK", tt))
			if resp.StatusCode/100 == 2 {
				_, _ = nc.Write(p.build(r, nc.LocalAddr(), p.token(8), tag, callID, 2, "BYE", tt))
			}
		}
		return prov, resp, nil
	}
}

// ackBranch: the ACK of a non-2xx final is in the INVITE's transaction
// (same branch); the ACK of a 2xx is a new transaction.
func ackBranch(branch string, code int) string {
	if code/100 == 2 {
		return branch + "a"
	}
	return branch
}

func (p *Prober) cancel(nc net.Conn, r request, branch, tag, callID string) {
	_ = nc.SetWriteDeadline(time.Now().Add(time.Second))
	_, _ = nc.Write(p.build(r, nc.LocalAddr(), branch, tag, callID, 1, "CANCEL", ""))
}
