package ssh

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/netdevsec/netdevsec"
)

// Defaults used when the corresponding [Options] field is zero.
const (
	DefaultTimeout        = 10 * time.Second
	DefaultCommandTimeout = 60 * time.Second
	DefaultMaxOutput      = 4 << 20
	DefaultPort           = "22"
	DefaultClientVersion  = "SSH-2.0-netdevsec_probe"
	DefaultUser           = "netdevsec"
)

// Errors callers branch on.
var (
	// ErrNoHostKeyPolicy: Options named no known_hosts file, no pinned
	// fingerprint and did not set InsecureIgnoreHostKey.
	ErrNoHostKeyPolicy = errors.New("no host key policy: give known_hosts files or SHA256 fingerprints (or, insecurely, InsecureIgnoreHostKey)")
	// ErrHostKeyMismatch: the server presented a key other than the one
	// known or pinned for it — possibly a man in the middle.
	ErrHostKeyMismatch = errors.New("host key mismatch")
	// ErrUnknownHost: no known_hosts entry or pinned fingerprint matches
	// the host.
	ErrUnknownHost = errors.New("unknown host key")
	// ErrAuth: the server rejected the credentials.
	ErrAuth = errors.New("authentication failed")
	// ErrOutputTooLarge: a command wrote more than MaxOutput bytes.
	ErrOutputTooLarge = errors.New("command output exceeds the limit")
)

// Options configure a [Prober]. The zero value is not usable on its own
// because host keys are always verified: set KnownHostsFiles or
// Fingerprints. Zero durations and sizes mean the package defaults, never
// "unlimited".
type Options struct {
	// Timeout bounds each connection's dial, identification exchange and
	// handshake (and login); zero means DefaultTimeout (10 s).
	Timeout time.Duration
	// KnownHostsFiles are OpenSSH known_hosts files used to verify host
	// keys.
	KnownHostsFiles []string
	// Fingerprints are pinned host key fingerprints ("SHA256:…" as printed
	// by ssh-keygen -l); a key matching one is accepted. Pins are checked
	// before KnownHostsFiles.
	Fingerprints []string
	// InsecureIgnoreHostKey accepts any host key. A man in the middle can
	// then read every password and command sent by [Prober.Run]. Results
	// say so (HostKeyNotChecked).
	InsecureIgnoreHostKey bool
	// ClientVersion is the identification string sent; empty means
	// DefaultClientVersion.
	ClientVersion string
	// User is the user name used to ask which authentication methods the
	// server offers (no credential is sent); empty means DefaultUser.
	User string
	// CommandTimeout bounds a command run by [Prober.Run]; zero means
	// DefaultCommandTimeout (60 s).
	CommandTimeout time.Duration
	// MaxOutput bounds the output kept from a command; zero means
	// DefaultMaxOutput (4 MiB).
	MaxOutput int64
	// LegacyAlgorithms lets [Prober.Run] log in with algorithms rated
	// weak or insecure (SHA-1 key exchange, CBC ciphers, ssh-rsa, ssh-dss)
	// for old devices that offer nothing better. [Prober.Audit] always
	// offers them, since it sends no credential.
	LegacyAlgorithms bool
}

// Prober audits SSH servers and runs commands on them. It is safe for
// concurrent use; each call opens its own connections.
type Prober struct {
	opts       Options
	knownHosts gossh.HostKeyCallback
	pins       map[string]bool
}

// New checks opts and loads the known_hosts files.
func New(opts Options) (*Prober, error) {
	if opts.Timeout < 0 || opts.CommandTimeout < 0 || opts.MaxOutput < 0 {
		return nil, errors.New("negative timeout or output limit")
	}
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.CommandTimeout == 0 {
		opts.CommandTimeout = DefaultCommandTimeout
	}
	if opts.MaxOutput == 0 {
		opts.MaxOutput = DefaultMaxOutput
	}
	if opts.ClientVersion == "" {
		opts.ClientVersion = DefaultClientVersion
	}
	if _, err := ParseIdentification(opts.ClientVersion); err != nil || !strings.HasPrefix(opts.ClientVersion, "SSH-2.0-") {
		return nil, fmt.Errorf("client version %q: must be an SSH-2.0- identification line", opts.ClientVersion)
	}
	if opts.User == "" {
		opts.User = DefaultUser
	}
	p := &Prober{opts: opts, pins: map[string]bool{}}
	for _, fp := range opts.Fingerprints {
		norm, err := ParseFingerprint(fp)
		if err != nil {
			return nil, err
		}
		p.pins[norm] = true
	}
	if len(opts.KnownHostsFiles) > 0 {
		cb, err := knownhosts.New(opts.KnownHostsFiles...)
		if err != nil {
			return nil, fmt.Errorf("known_hosts: %w", err)
		}
		p.knownHosts = cb
	}
	if p.knownHosts == nil && len(p.pins) == 0 && !opts.InsecureIgnoreHostKey {
		return nil, ErrNoHostKeyPolicy
	}
	return p, nil
}

// ParseFingerprint checks a "SHA256:<base64>" host key fingerprint and
// returns it without base64 padding, as [gossh.FingerprintSHA256] prints it.
func ParseFingerprint(fp string) (string, error) {
	b64, ok := strings.CutPrefix(strings.TrimSpace(fp), "SHA256:")
	if !ok {
		return "", fmt.Errorf("fingerprint %q: want SHA256:<base64>", fp)
	}
	b64 = strings.TrimRight(b64, "=")
	raw, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil || len(raw) != 32 {
		return "", fmt.Errorf("fingerprint %q: not a base64 SHA-256 digest", fp)
	}
	return "SHA256:" + b64, nil
}

// HostKeyStatus says how the presented host key was judged.
type HostKeyStatus string

// Host key statuses.
const (
	HostKeyVerified   HostKeyStatus = "verified"    // known_hosts or a pin matched
	HostKeyUnknown    HostKeyStatus = "unknown"     // no entry for the host
	HostKeyMismatch   HostKeyStatus = "mismatch"    // the host is known with another key
	HostKeyNotChecked HostKeyStatus = "not-checked" // InsecureIgnoreHostKey
	HostKeyNotReached HostKeyStatus = "not-reached" // the handshake failed before a key was seen
)

// HostKey is the key the server presented in the audit handshake.
type HostKey struct {
	Status HostKeyStatus `json:"status"`
	// Type is the key type ("ssh-ed25519"); Fingerprint its SHA256
	// fingerprint.
	Type        string `json:"type,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
}

// Result is what [Prober.Audit] learned about one server.
type Result struct {
	// Addr is the host:port probed.
	Addr           string         `json:"addr"`
	Identification Identification `json:"identification"`
	// Algorithms are the server's offered lists from its KEXINIT.
	Algorithms Algorithms `json:"algorithms"`
	// StrictKex: the server offers strict key exchange (Terrapin
	// mitigation). TerrapinExposed: see [TerrapinExposed].
	StrictKex       bool     `json:"strict_kex"`
	TerrapinExposed bool     `json:"terrapin_exposed"`
	Ratings         []Rating `json:"ratings"`
	HostKey         HostKey  `json:"host_key"`
	// AuthMethods are the authentication methods the server offers after
	// "none" (nil when unknown, see AuthError). NoneAuthAccepted: the
	// server let the probe in without any credential.
	AuthMethods      []string `json:"auth_methods"`
	NoneAuthAccepted bool     `json:"none_auth_accepted,omitempty"`
	// HandshakeError says why the second connection (host key and
	// authentication methods) did not complete; the KEXINIT results are
	// valid regardless.
	HandshakeError string `json:"handshake_error,omitempty"`
}

// Worst returns the worst level among the ratings (LevelOK when there are
// none worse, LevelUnknown if the result has no rating).
func (r *Result) Worst() Level {
	if len(r.Ratings) == 0 {
		return LevelUnknown
	}
	w := LevelOK
	for _, x := range r.Ratings {
		if x.Level > w {
			w = x.Level
		}
	}
	return w
}

// NormalizeAddr adds the default port 22 to a host without one.
func NormalizeAddr(addr string) (string, error) {
	if addr == "" {
		return "", errors.New("empty address")
	}
	if host, port, err := net.SplitHostPort(addr); err == nil {
		if host == "" || port == "" {
			return "", fmt.Errorf("address %q: empty host or port", addr)
		}
		return addr, nil
	}
	h := strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]")
	return net.JoinHostPort(h, DefaultPort), nil
}

// Audit connects to addr (host or host:port) twice. The first connection
// reads the identification and KEXINIT and closes before key exchange;
// the second completes a handshake offering every algorithm x/crypto/ssh
// implements (legacy ones included), judges the host key, and asks which
// authentication methods the server offers by attempting "none" — no
// credential is sent. An error means nothing could be read; a failed
// second connection is reported in Result.HandshakeError.
func (p *Prober) Audit(ctx context.Context, addr string) (*Result, error) {
	addr, err := NormalizeAddr(addr)
	if err != nil {
		return nil, err
	}
	id, kex, err := p.readKexInit(ctx, addr)
	if err != nil {
		return nil, err
	}
	res := &Result{
		Addr: addr, Identification: id, Algorithms: kex.Algorithms,
		StrictKex: kex.StrictKex(), TerrapinExposed: TerrapinExposed(kex.Algorithms),
		Ratings: Rate(kex.Algorithms),
		HostKey: HostKey{Status: HostKeyNotReached},
	}
	if err := p.authMethods(ctx, addr, res); err != nil {
		res.HandshakeError = err.Error()
	}
	return res, nil
}

// dial opens a TCP connection whose dial and all later I/O end by one
// deadline: Timeout from now, or ctx's deadline when sooner. Cancelling
// ctx closes the connection. The returned stop function must be called;
// it releases the ctx watch.
func (p *Prober) dial(ctx context.Context, addr string) (net.Conn, func() bool, error) {
	deadline := time.Now().Add(p.opts.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	d := net.Dialer{Deadline: deadline}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	return conn, stop, nil
}

// readKexInit reads the server identification and KEXINIT over a raw
// connection.
func (p *Prober) readKexInit(ctx context.Context, addr string) (Identification, *KexInit, error) {
	conn, stop, err := p.dial(ctx, addr)
	if err != nil {
		return Identification{}, nil, err
	}
	defer stop()
	defer conn.Close()
	if _, err := conn.Write([]byte(p.opts.ClientVersion + "\r\n")); err != nil {
		return Identification{}, nil, fmt.Errorf("%s: send identification: %w", addr, ctxErr(ctx, err))
	}
	br := bufio.NewReaderSize(conn, 4096)
	id, err := ReadIdentification(br)
	if err != nil {
		return Identification{}, nil, fmt.Errorf("%s: %w", addr, ctxErr(ctx, err))
	}
	if id.Protocol != "2.0" && id.Protocol != "1.99" {
		return id, nil, fmt.Errorf("%s: protocol %s only (SSH-1 is broken)", addr, id.Protocol)
	}
	kex, err := ReadKexInit(br)
	if err != nil {
		return id, nil, fmt.Errorf("%s: %w", addr, ctxErr(ctx, err))
	}
	return id, kex, nil
}

// ctxErr prefers the context's error over the I/O error it caused. A
// connection deadline taken from ctx can fire a moment before ctx reports
// it, so a passed ctx deadline counts too.
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("%w (%w)", cerr, err)
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return fmt.Errorf("%w (%w)", context.DeadlineExceeded, err)
	}
	return err
}

var errAuthProbed = errors.New("authentication methods collected")

// legacyConfig offers every algorithm x/crypto implements.
func legacyConfig() gossh.Config {
	sup, ins := gossh.SupportedAlgorithms(), gossh.InsecureAlgorithms()
	return gossh.Config{
		KeyExchanges: append(sup.KeyExchanges, ins.KeyExchanges...),
		Ciphers:      append(sup.Ciphers, ins.Ciphers...),
		MACs:         append(sup.MACs, ins.MACs...),
	}
}

// hostKeyPreference orders host key algorithms for the handshake: Ed25519
// first (some servers advertise RSA without an RSA key), then ECDSA, then
// RSA with SHA-2, then legacy ones.
var hostKeyPreference = []string{
	gossh.KeyAlgoED25519, gossh.KeyAlgoECDSA256, gossh.KeyAlgoECDSA384, gossh.KeyAlgoECDSA521,
	gossh.KeyAlgoRSASHA512, gossh.KeyAlgoRSASHA256,
}

// legacyHostKeys lists every host key algorithm x/crypto implements, in
// hostKeyPreference order first.
func legacyHostKeys() []string {
	sup, ins := gossh.SupportedAlgorithms(), gossh.InsecureAlgorithms()
	out := slices.Clone(hostKeyPreference)
	for _, a := range append(sup.HostKeys, ins.HostKeys...) {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// hostKeyCheck verifies a presented key against pins and known_hosts and
// records what it saw in hk.
func (p *Prober) hostKeyCheck(hk *HostKey, wantTypes *[]string) gossh.HostKeyCallback {
	return func(host string, remote net.Addr, key gossh.PublicKey) error {
		hk.Type, hk.Fingerprint = key.Type(), gossh.FingerprintSHA256(key)
		if p.pins[hk.Fingerprint] {
			hk.Status = HostKeyVerified
			return nil
		}
		if p.knownHosts != nil {
			err := p.knownHosts(host, remote, key)
			var ke *knownhosts.KeyError
			switch {
			case err == nil:
				hk.Status = HostKeyVerified
				return nil
			case errors.As(err, &ke) && len(ke.Want) == 0:
				hk.Status = HostKeyUnknown
				return fmt.Errorf("%w: %s %s is not in known_hosts", ErrUnknownHost, hk.Type, hk.Fingerprint)
			case errors.As(err, &ke):
				sameType := false
				var types []string
				for _, w := range ke.Want {
					types = append(types, w.Key.Type())
					sameType = sameType || w.Key.Type() == key.Type()
				}
				if !sameType && wantTypes != nil {
					// Known with a key of another type: the server merely
					// preferred a type we have no entry for.
					*wantTypes = types
					hk.Status = HostKeyUnknown
					return fmt.Errorf("%w: known_hosts has %s keys, server chose %s", ErrUnknownHost, strings.Join(types, ","), key.Type())
				}
				hk.Status = HostKeyMismatch
				return fmt.Errorf("%w: server presented %s %s, known_hosts has another key (%s:%d)",
					ErrHostKeyMismatch, hk.Type, hk.Fingerprint, ke.Want[0].Filename, ke.Want[0].Line)
			default:
				hk.Status = HostKeyUnknown
				return fmt.Errorf("%w: %w", ErrUnknownHost, err)
			}
		}
		if p.opts.InsecureIgnoreHostKey {
			hk.Status = HostKeyNotChecked
			return nil
		}
		if len(p.pins) > 0 {
			hk.Status = HostKeyMismatch
			return fmt.Errorf("%w: server presented %s %s, not a pinned fingerprint", ErrHostKeyMismatch, hk.Type, hk.Fingerprint)
		}
		hk.Status = HostKeyUnknown
		return ErrUnknownHost
	}
}

// hostKeyAlgorithmsFor lists signature algorithms for key types.
func hostKeyAlgorithmsFor(types []string) []string {
	var out []string
	for _, t := range types {
		if t == gossh.KeyAlgoRSA {
			out = append(out, gossh.KeyAlgoRSASHA512, gossh.KeyAlgoRSASHA256)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// handshake runs an x/crypto handshake and user authentication on addr,
// retrying once with the host key types known_hosts holds when the server
// first chose another type.
func (p *Prober) handshake(ctx context.Context, addr string, cfg gossh.ClientConfig, hk *HostKey) (*gossh.Client, error) {
	var wantTypes []string
	for attempt := 0; ; attempt++ {
		conn, stop, err := p.dial(ctx, addr)
		if err != nil {
			return nil, err
		}
		c := cfg
		var retry *[]string
		if attempt == 0 {
			retry = &wantTypes
		} else {
			c.HostKeyAlgorithms = hostKeyAlgorithmsFor(wantTypes)
		}
		c.HostKeyCallback = p.hostKeyCheck(hk, retry)
		sc, chans, reqs, err := gossh.NewClientConn(conn, addr, &c)
		stop()
		if err != nil {
			conn.Close()
			if attempt == 0 && len(wantTypes) > 0 {
				continue
			}
			return nil, ctxErr(ctx, err)
		}
		_ = conn.SetDeadline(time.Time{})
		return gossh.NewClient(sc, chans, reqs), nil
	}
}

// authMethods completes a handshake and records the host key and the
// authentication methods offered after "none".
func (p *Prober) authMethods(ctx context.Context, addr string, res *Result) error {
	var methods []string
	cfg := gossh.ClientConfig{
		Config:            legacyConfig(),
		User:              p.opts.User,
		ClientVersion:     p.opts.ClientVersion,
		HostKeyAlgorithms: legacyHostKeys(),
		AuthCallback: func(c *gossh.ClientAuthContext) (gossh.AuthMethod, error) {
			methods = c.AllowedMethods
			return nil, errAuthProbed
		},
	}
	client, err := p.handshake(ctx, addr, cfg, &res.HostKey)
	if err == nil {
		// "none" succeeded: the server needs no credential at all.
		client.Close()
		res.NoneAuthAccepted = true
		res.AuthMethods = []string{"none"}
		return nil
	}
	if errors.Is(err, errAuthProbed) {
		res.AuthMethods = methods
		if res.AuthMethods == nil {
			res.AuthMethods = []string{}
		}
		return nil
	}
	return err
}

// Login holds credentials for [Prober.Run]. The password is used for both
// "password" and "keyboard-interactive" authentication.
type Login struct {
	User     string
	Password netdevsec.Secret
}

// Login checks that login is accepted by addr (password, then
// keyboard-interactive) and disconnects without opening a session: nil
// means the credentials work, an error wrapping ErrAuth that they were
// rejected. Use it for authorised live default-password checks. Host keys
// are verified first, as for [Prober.Run].
func (p *Prober) Login(ctx context.Context, addr string, login Login) error {
	client, _, err := p.login(ctx, addr, login)
	if err != nil {
		return err
	}
	client.Close()
	return nil
}

// login connects and authenticates; it returns the normalised address.
func (p *Prober) login(ctx context.Context, addr string, login Login) (*gossh.Client, string, error) {
	addr, err := NormalizeAddr(addr)
	if err != nil {
		return nil, "", err
	}
	if login.User == "" {
		return nil, "", errors.New("login user is empty")
	}
	cfg := gossh.ClientConfig{
		User:          login.User,
		ClientVersion: p.opts.ClientVersion,
		Auth: []gossh.AuthMethod{
			gossh.PasswordCallback(func() (string, error) { return login.Password.Reveal(), nil }),
			gossh.KeyboardInteractive(answerPasswordPrompts(login.Password)),
		},
	}
	cfg.HostKeyAlgorithms = slices.Clone(hostKeyPreference)
	if p.opts.LegacyAlgorithms {
		cfg.Config = legacyConfig()
		cfg.HostKeyAlgorithms = legacyHostKeys()
	}
	var hk HostKey
	client, err := p.handshake(ctx, addr, cfg, &hk)
	if err != nil {
		if strings.Contains(err.Error(), "unable to authenticate") || strings.Contains(err.Error(), "unexpected message type 51") {
			return nil, addr, fmt.Errorf("%s: %w as %q", addr, ErrAuth, login.User)
		}
		return nil, addr, fmt.Errorf("%s: %w", addr, err)
	}
	return client, addr, nil
}

// Run logs in to addr with login (password, then keyboard-interactive
// answering password prompts) and runs command in an exec channel,
// returning its standard output followed by its standard error.
// The host key must verify unless InsecureIgnoreHostKey is set: on
// ErrUnknownHost or ErrHostKeyMismatch no credential has been sent. Output
// beyond MaxOutput is cut and ErrOutputTooLarge returned with the part
// kept; the command is bounded by CommandTimeout and ctx.
func (p *Prober) Run(ctx context.Context, addr string, login Login, command string) ([]byte, error) {
	client, addr, err := p.login(ctx, addr, login)
	if err != nil {
		return nil, err
	}
	defer client.Close()

	ctx, cancel := context.WithTimeout(ctx, p.opts.CommandTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { client.Close() })
	defer stop()

	sess, err := client.NewSession()
	if err != nil {
		return nil, fmt.Errorf("%s: open session: %w", addr, ctxErr(ctx, err))
	}
	defer sess.Close()
	lim := &outputLimit{max: p.opts.MaxOutput, onFull: func() { client.Close() }}
	stdout, stderr := &limitedBuffer{lim: lim}, &limitedBuffer{lim: lim}
	sess.Stdout, sess.Stderr = stdout, stderr
	err = sess.Run(command)
	out, full := lim.collect(stdout, stderr)
	if full {
		return out, fmt.Errorf("%s: %w (%d bytes)", addr, ErrOutputTooLarge, p.opts.MaxOutput)
	}
	if err != nil {
		return out, fmt.Errorf("%s: run command: %w", addr, ctxErr(ctx, err))
	}
	return out, nil
}

// answerPasswordPrompts answers keyboard-interactive prompts that do not
// echo (or mention a password or passcode) with the password and the
// others with an empty string; instruction-only rounds get no answers.
func answerPasswordPrompts(pw netdevsec.Secret) gossh.KeyboardInteractiveChallenge {
	rounds := 0
	return func(name, instruction string, questions []string, echos []bool) ([]string, error) {
		rounds++
		if rounds > 4 {
			return nil, errors.New("too many keyboard-interactive rounds")
		}
		answers := make([]string, len(questions))
		for i, q := range questions {
			lq := strings.ToLower(q)
			if !echos[i] || strings.Contains(lq, "password") || strings.Contains(lq, "passcode") {
				answers[i] = pw.Reveal()
			}
		}
		return answers, nil
	}
}

// outputLimit is shared by a command's standard output and error buffers:
// together they keep at most max bytes, and onFull runs once when more
// arrive. The two streams are written from two goroutines.
type outputLimit struct {
	mu     sync.Mutex
	n      int64
	max    int64
	full   bool
	onFull func()
}

// limitedBuffer is one stream's buffer under an outputLimit.
type limitedBuffer struct {
	lim *outputLimit
	buf bytes.Buffer
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.lim.mu.Lock()
	defer l.lim.mu.Unlock()
	room := l.lim.max - l.lim.n
	if int64(len(p)) > room {
		l.buf.Write(p[:max(room, 0)])
		l.lim.n = l.lim.max
		if !l.lim.full {
			l.lim.full = true
			l.lim.onFull()
		}
		return 0, ErrOutputTooLarge
	}
	l.lim.n += int64(len(p))
	return l.buf.Write(p)
}

// collect returns standard output followed by standard error and whether
// output was cut.
func (l *outputLimit) collect(stdout, stderr *limitedBuffer) ([]byte, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := append(bytes.Clone(stdout.buf.Bytes()), stderr.buf.Bytes()...)
	return out, l.full
}
