package dialplan

import (
	"slices"
	"strconv"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// Plan is a dial plan: named contexts of extensions, with includes. The
// Asterisk and FreeSWITCH importers of package pbx build it; an embedding
// program may build one itself.
type Plan struct {
	Contexts map[string]*Context
}

// NewPlan returns an empty plan.
func NewPlan() *Plan { return &Plan{Contexts: map[string]*Context{}} }

// Context returns the context called name, creating it (at loc) when
// absent.
func (p *Plan) Context(name string, loc *netdevsec.Location) *Context {
	if c, ok := p.Contexts[name]; ok {
		return c
	}
	c := &Context{Name: name, Location: loc}
	p.Contexts[name] = c
	return c
}

// Names returns the context names, sorted.
func (p *Plan) Names() []string {
	names := make([]string, 0, len(p.Contexts))
	for n := range p.Contexts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Context is one dial-plan context.
type Context struct {
	Name       string
	Includes   []Include
	Extensions []*Extension
	Location   *netdevsec.Location
}

// Extension returns the extension of c written exactly as name (the
// pattern text), creating it when absent.
func (c *Context) Extension(name string, pat Pattern, loc *netdevsec.Location) *Extension {
	for _, e := range c.Extensions {
		if e.Name == name {
			return e
		}
	}
	e := &Extension{Name: name, Pattern: pat, Location: loc}
	c.Extensions = append(c.Extensions, e)
	return e
}

// Include is an include => of another context.
type Include struct {
	Context  string
	Location *netdevsec.Location
}

// Extension is one extension (or FreeSWITCH <extension> with a
// destination_number condition) and its steps in priority order.
type Extension struct {
	// Name is the extension as written ("_X.", "1001", "^9(011\d+)$").
	Name     string
	Pattern  Pattern
	Steps    []Step
	Location *netdevsec.Location
}

// Kind classifies what a step does for the analysis.
type Kind int

// Step kinds.
const (
	KindOther  Kind = iota // anything the analysis need not follow
	KindDial               // Dial, Queue to channels, FreeSWITCH bridge
	KindGoto               // Goto, GotoIf, GotoIfTime, transfer: control moves
	KindGosub              // Gosub, Macro, execute_extension: control returns
	KindDISA               // DISA: the caller gets a new dial tone in a context
	KindAuth               // Authenticate, VMAuthenticate: the caller proved a PIN
	KindHangup             // Hangup: the path ends
)

// Step is one priority (Asterisk) or action (FreeSWITCH).
type Step struct {
	// Priority is the numeric priority; Label is the (label) if any.
	Priority int
	Label    string
	// App and Args are the application and its raw arguments.
	App  string
	Args string
	Kind Kind
	// Dials are the Dial targets (KindDial).
	Dials []Target
	// Jumps are where Goto/Gosub/DISA send the call.
	Jumps []Jump
	// PIN is true for a DISA with a password or an Authenticate.
	PIN      bool
	Location *netdevsec.Location
}

// Target is one channel of a Dial: technology, peer (endpoint, trunk
// or group) and the number expression sent.
type Target struct {
	Tech   string // "SIP", "PJSIP", "IAX2", "DAHDI", "Local", "sofia/gateway", "user"
	Peer   string // endpoint, trunk, gateway or DAHDI group
	Number string // dialled expression, e.g. "${EXTEN:1}"
	Raw    string
}

// String returns the target as written.
func (t Target) String() string { return t.Raw }

// Jump is a transfer of control to a context and extension; an empty
// Context means the current one; Exten "" means any ("${EXTEN}" or
// computed).
type Jump struct {
	Context string
	Exten   string
	// Args are Gosub/Macro arguments (ARG1…).
	Args []string
	// Dynamic is true when the target is computed at run time.
	Dynamic bool
}

// ParseAsteriskApp interprets an Asterisk dial-plan application call for
// the analysis. Unknown applications are KindOther.
func ParseAsteriskApp(app, args string) Step {
	s := Step{App: app, Args: args}
	switch strings.ToLower(app) {
	case "dial", "queue", "page", "followme":
		if strings.EqualFold(app, "dial") || strings.EqualFold(app, "page") {
			s.Kind = KindDial
			first, _, _ := cutArg(args)
			for _, ch := range strings.Split(first, "&") {
				if t, ok := parseAsteriskTarget(ch); ok {
					s.Dials = append(s.Dials, t)
				}
			}
		}
	case "goto":
		s.Kind = KindGoto
		s.Jumps = append(s.Jumps, parseGotoTarget(args))
	case "gotoif", "gotoiftime", "execif":
		// GotoIf(cond?label1:label2)
		_, branches, ok := strings.Cut(args, "?")
		if strings.EqualFold(app, "gotoiftime") {
			_, branches, ok = strings.Cut(args, "?")
		}
		if ok && !strings.EqualFold(app, "execif") {
			s.Kind = KindGoto
			for _, b := range splitTop(branches, ':') {
				if strings.TrimSpace(b) != "" {
					s.Jumps = append(s.Jumps, parseGotoTarget(b))
				}
			}
		}
	case "gosub", "gosubif":
		s.Kind = KindGosub
		if strings.EqualFold(app, "gosubif") {
			_, branches, _ := strings.Cut(args, "?")
			for _, b := range splitTop(branches, ':') {
				if strings.TrimSpace(b) != "" {
					s.Jumps = append(s.Jumps, parseGosubTarget(b))
				}
			}
			break
		}
		s.Jumps = append(s.Jumps, parseGosubTarget(args))
	case "macro":
		s.Kind = KindGosub
		parts := splitTop(args, ',')
		if len(parts) > 0 {
			s.Jumps = append(s.Jumps, Jump{Context: "macro-" + strings.TrimSpace(parts[0]), Exten: "s", Args: parts[1:], Dynamic: strings.Contains(parts[0], "$")})
		}
	case "disa":
		s.Kind = KindDISA
		parts := splitTop(args, ',')
		pass := ""
		if len(parts) > 0 {
			pass = strings.TrimSpace(parts[0])
		}
		ctx := "disa"
		if len(parts) > 1 && strings.TrimSpace(parts[1]) != "" {
			ctx = strings.TrimSpace(parts[1])
		}
		s.PIN = pass != "" && !strings.EqualFold(pass, "no-password")
		s.Jumps = append(s.Jumps, Jump{Context: ctx, Dynamic: strings.Contains(ctx, "$")})
	case "authenticate", "vmauthenticate":
		s.Kind = KindAuth
		s.PIN = true
	case "hangup":
		s.Kind = KindHangup
	}
	return s
}

// parseAsteriskTarget splits one Dial channel: SIP/peer/number,
// SIP/number@peer, PJSIP/number@endpoint, PJSIP/endpoint, DAHDI/g1/number,
// IAX2/user:pass@host/number, Local/number@context.
func parseAsteriskTarget(ch string) (Target, bool) {
	ch = strings.TrimSpace(ch)
	tech, rest, ok := strings.Cut(ch, "/")
	if !ok || tech == "" {
		return Target{}, false
	}
	t := Target{Tech: tech, Raw: ch}
	switch strings.ToUpper(tech) {
	case "PJSIP", "SIP", "LOCAL":
		if num, peer, ok := strings.Cut(rest, "@"); ok && !strings.Contains(num, "/") {
			t.Number, t.Peer = num, peer
			if i := strings.IndexByte(t.Peer, '/'); i >= 0 {
				t.Peer = t.Peer[:i]
			}
			return t, true
		}
		if peer, num, ok := strings.Cut(rest, "/"); ok {
			t.Peer, t.Number = peer, num
			return t, true
		}
		t.Peer = rest
		return t, true
	case "IAX2":
		peer, num, _ := strings.Cut(rest, "/")
		if i := strings.LastIndexByte(peer, '@'); i >= 0 {
			peer = peer[i+1:]
		}
		t.Peer, t.Number = peer, num
		return t, true
	default: // DAHDI/g1/number, ZAP/…, other
		peer, num, _ := strings.Cut(rest, "/")
		t.Peer, t.Number = peer, num
		return t, true
	}
}

// parseGotoTarget reads [[context,]extension,]priority or a label.
func parseGotoTarget(arg string) Jump {
	arg = strings.TrimSpace(arg)
	// strip GotoIf branch wrappers like "label(args)"? Goto has none.
	parts := splitTop(arg, ',')
	if len(parts) == 1 {
		parts = splitTop(arg, '|') // Asterisk 1.4 separator
	}
	var j Jump
	switch len(parts) {
	case 3:
		j.Context, j.Exten = strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
	case 2:
		j.Exten = strings.TrimSpace(parts[0])
	default:
		// a label or priority in the same extension: no new extension
		return Jump{Exten: ".", Dynamic: strings.Contains(arg, "$")}
	}
	j.Dynamic = strings.Contains(j.Context, "$")
	if strings.Contains(j.Exten, "${EXTEN") || strings.Contains(j.Exten, "$") {
		j.Exten = ""
	}
	return j
}

// parseGosubTarget reads [[context,]exten,]priority[(args)].
func parseGosubTarget(arg string) Jump {
	arg = strings.TrimSpace(arg)
	var args []string
	if i := strings.IndexByte(arg, '('); i >= 0 && strings.HasSuffix(arg, ")") {
		args = splitTop(arg[i+1:len(arg)-1], ',')
		arg = arg[:i]
	}
	j := parseGotoTarget(arg)
	j.Args = args
	return j
}

// cutArg returns the first top-level comma-separated argument.
func cutArg(args string) (first, rest string, more bool) {
	parts := splitTop(args, ',')
	if len(parts) == 0 {
		return "", "", false
	}
	return parts[0], strings.Join(parts[1:], ","), len(parts) > 1
}

// splitTop splits s at sep outside ${…}, $[…], (…) and quotes.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	quote := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quote = !quote
		case quote:
		case c == '\\':
			i++
		case c == '{' || c == '[' || c == '(':
			depth++
		case c == '}' || c == ']' || c == ')':
			if depth > 0 {
				depth--
			}
		case c == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// ExtenSkip reads a number expression that passes the dialled number on:
// "${EXTEN}" is (0, "", true), "${EXTEN:1}" (1, "", true),
// "010${EXTEN:2}" (2, "010", true). Filtered (${FILTER(0-9,${EXTEN})}) or
// computed expressions report filtered or ok=false.
func ExtenSkip(num string) (skip int, literal string, filtered, ok bool) {
	num = strings.TrimSpace(num)
	i := strings.Index(num, "${")
	if i < 0 {
		return 0, num, false, false
	}
	literal = num[:i]
	expr := num[i:]
	if strings.HasPrefix(expr, "${FILTER(") {
		return 0, literal, true, strings.Contains(expr, "EXTEN")
	}
	for _, v := range []string{"EXTEN", "destination_number"} {
		if !strings.HasPrefix(expr, "${"+v) {
			continue
		}
		rest := expr[len("${"+v):]
		if strings.HasPrefix(rest, "}") {
			return 0, literal, false, true
		}
		if strings.HasPrefix(rest, ":") {
			end := strings.IndexByte(rest, '}')
			if end < 0 {
				return 0, literal, false, false
			}
			off, _, _ := strings.Cut(rest[1:end], ":")
			n, err := strconv.Atoi(off)
			if err != nil || n < 0 {
				return 0, literal, false, false
			}
			return n, literal, false, true
		}
	}
	return 0, literal, false, false
}
