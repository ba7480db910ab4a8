package pbx

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx/dialplan"
)

// xnode is one element of a FreeSWITCH XML file, with includes spliced
// in and $${vars} expanded.
type xnode struct {
	Name     string
	Attrs    map[string]string
	Children []*xnode
	Loc      netdevsec.Location
}

func (n *xnode) attr(k string) string { return n.Attrs[k] }

// find returns the descendants named name, depth-first.
func (n *xnode) find(name string) []*xnode {
	var out []*xnode
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
		out = append(out, c.find(name)...)
	}
	return out
}

// params returns <param name= value=> children of n (any depth) as a map
// with their locations.
func (n *xnode) params() map[string]*xnode {
	out := map[string]*xnode{}
	for _, p := range n.find("param") {
		out[strings.ToLower(p.attr("name"))] = p
	}
	return out
}

type fsReader struct {
	*confReader
	vars map[string]string
}

var varRef = regexp.MustCompile(`\$\$\{([A-Za-z0-9_\-]+)\}`)

func (r *fsReader) expand(s string) string {
	return varRef.ReplaceAllStringFunc(s, func(m string) string {
		name := m[3 : len(m)-1]
		if v, ok := r.vars[name]; ok {
			return v
		}
		return m
	})
}

// parseXML reads name into a tree; X-PRE-PROCESS set updates vars and
// include splices the included files' children.
func (r *fsReader) parseXML(ctx context.Context, name string, stack []string) (*xnode, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := r.read(name)
	if err != nil {
		return nil, err
	}
	stack = append(stack, name)
	lineOf := func(off int64) int { return bytes.Count(data[:min(int(off), len(data))], []byte{'\n'}) + 1 }
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	root := &xnode{Name: "#root", Loc: netdevsec.Location{File: r.display(name), Line: 1}}
	cur := []*xnode{root}
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			r.problem(netdevsec.Location{File: r.display(name), Line: lineOf(dec.InputOffset())}, "XML not understood: %v", err)
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{Name: t.Name.Local, Attrs: map[string]string{}, Loc: netdevsec.Location{File: r.display(name), Line: lineOf(off) + leadingNewlines(data, off)}}
			for _, a := range t.Attr {
				n.Attrs[a.Name.Local] = r.expand(a.Value)
			}
			parent := cur[len(cur)-1]
			if n.Name == "X-PRE-PROCESS" {
				r.preprocess(ctx, n, parent, name, stack)
			} else {
				parent.Children = append(parent.Children, n)
			}
			cur = append(cur, n)
		case xml.EndElement:
			if len(cur) > 1 {
				cur = cur[:len(cur)-1]
			}
		}
	}
	return root, nil
}

func leadingNewlines(data []byte, off int64) int {
	n := 0
	for i := int(off); i < len(data) && (data[i] == '\n' || data[i] == '\r' || data[i] == ' ' || data[i] == '\t'); i++ {
		if data[i] == '\n' {
			n++
		}
	}
	return n
}

func (r *fsReader) preprocess(ctx context.Context, n, parent *xnode, file string, stack []string) {
	data := n.attr("data")
	switch strings.ToLower(n.attr("cmd")) {
	case "set":
		k, v, ok := strings.Cut(data, "=")
		if !ok {
			r.problem(n.Loc, "X-PRE-PROCESS set without '=': %q", truncate(data, 40))
			return
		}
		r.vars[strings.TrimSpace(k)] = r.expand(strings.TrimSpace(v))
	case "include":
		if len(stack) >= r.limits.MaxIncludeDepth {
			r.problem(n.Loc, "include %q not followed: nesting deeper than %d", data, r.limits.MaxIncludeDepth)
			return
		}
		pat := path.Clean(path.Join(path.Dir(file), data))
		if strings.HasPrefix(data, "/") {
			pat = strings.TrimPrefix(path.Clean(data), "/")
		}
		matches, err := fs.Glob(r.fsys, pat)
		if err != nil || len(matches) == 0 {
			if !strings.ContainsAny(data, "*?[") {
				r.problem(n.Loc, "include %q: file not found", data)
			}
			return
		}
		for _, m := range matches {
			cyclic := false
			for _, s := range stack {
				cyclic = cyclic || s == m
			}
			if cyclic {
				r.problem(n.Loc, "include %q not followed: include cycle", data)
				continue
			}
			sub, err := r.parseXML(ctx, m, stack)
			if err != nil {
				r.problem(n.Loc, "include %q: %v", data, err)
				continue
			}
			for _, c := range sub.Children {
				if c.Name == "include" {
					parent.Children = append(parent.Children, c.Children...)
				} else {
					parent.Children = append(parent.Children, c)
				}
			}
		}
	case "exec", "exec-set", "env-set", "stun-set":
		r.problem(n.Loc, "X-PRE-PROCESS %s cannot be evaluated offline: %q", n.attr("cmd"), truncate(data, 40))
	default:
		r.problem(n.Loc, "X-PRE-PROCESS %q not understood", n.attr("cmd"))
	}
}

// ImportFreeSWITCH reads a FreeSWITCH configuration directory (the
// contents of /etc/freeswitch): vars.xml, sip_profiles/*.xml (profiles
// and gateways), directory/**/*.xml (users), dialplan/*.xml (XML dial
// plan with X-PRE-PROCESS includes), autoload_configs/event_socket.conf.xml
// and cdr_csv.conf.xml. It returns [ErrNoConfig] when there is neither
// a SIP profile nor a dial plan.
func ImportFreeSWITCH(ctx context.Context, fsys fs.FS, opts *ImportOptions) (Facts, error) {
	var o ImportOptions
	if opts != nil {
		o = *opts
	}
	f := Facts{Platform: PlatformFreeSWITCH}
	r := &fsReader{confReader: &confReader{fsys: fsys, limits: o.Limits.withDefaults(), problems: &f.Problems, display: o.display()}, vars: map[string]string{}}
	load := func(name string) *xnode {
		n, err := r.parseXML(ctx, name, nil)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				r.problem(netdevsec.Location{File: r.display(name)}, "%v", err)
			}
			return nil
		}
		return n
	}
	load("vars.xml")
	if err := ctx.Err(); err != nil {
		return Facts{}, err
	}
	profiles, _ := fs.Glob(fsys, "sip_profiles/*.xml")
	dialplans, _ := fs.Glob(fsys, "dialplan/*.xml")
	if len(profiles) == 0 && len(dialplans) == 0 {
		return f, fmt.Errorf("%s: no sip_profiles/*.xml or dialplan/*.xml: %w", r.display("."), ErrNoConfig)
	}
	var users []*xnode
	for _, pat := range []string{"directory/*.xml", "directory/*/*.xml"} {
		files, _ := fs.Glob(fsys, pat)
		for _, name := range files {
			if n := load(name); n != nil {
				users = append(users, n.find("user")...)
			}
		}
	}
	authCalls := false
	for _, name := range profiles {
		n := load(name)
		if n == nil {
			continue
		}
		for _, p := range n.find("profile") {
			if fsProfile(&f, p) {
				authCalls = true
			}
		}
	}
	_ = authCalls
	seenUser := map[string]bool{}
	for _, u := range users {
		e := Endpoint{Name: u.attr("id"), Type: "user", User: u.attr("id"), Location: locp(u.Loc)}
		// directory/default.xml includes default/*.xml, which the glob
		// also reads: keep the first of each user.
		key := e.Name + "@" + u.Loc.String()
		if e.Name == "" || seenUser[key] {
			continue
		}
		seenUser[key] = true
		ps := u.params()
		if p, ok := ps["password"]; ok && p.attr("value") != "" {
			e.Secret = netdevsec.NewSecret(p.attr("value"))
		}
		if _, ok := ps["a1-hash"]; ok {
			e.SecretHashed = true
		}
		for _, v := range u.find("variable") {
			if v.attr("name") == "user_context" {
				e.Context = v.attr("value")
			}
		}
		if e.Context == "" {
			e.Context = "default"
		}
		if c := u.attr("cidr"); c != "" {
			e.Permit = append(e.Permit, strings.Split(c, ",")...)
		}
		f.Endpoints = append(f.Endpoints, e)
	}
	plan := dialplan.NewPlan()
	for _, name := range dialplans {
		if n := load(name); n != nil {
			fsDialplan(plan, n, r)
		}
	}
	f.Dialplan = plan
	if n := load("autoload_configs/event_socket.conf.xml"); n != nil {
		ps := n.params()
		s := Service{Kind: "event-socket", Transport: "tcp", Bind: "127.0.0.1", Port: 8021, Location: locp(n.Loc)}
		if p, ok := ps["listen-ip"]; ok {
			s.Bind, s.Location = p.attr("value"), locp(p.Loc)
		}
		if p, ok := ps["listen-port"]; ok {
			s.Port, _ = strconv.Atoi(p.attr("value"))
		}
		if p, ok := ps["apply-inbound-acl"]; ok && p.attr("value") != "" {
			s.Restricted = true
		}
		if p, ok := ps["password"]; ok && p.attr("value") != "" {
			f.Accounts = append(f.Accounts, Account{Service: "event-socket", Secret: netdevsec.NewSecret(p.attr("value")), Location: locp(p.Loc)})
		}
		f.Services = append(f.Services, s)
	}
	if n := load("autoload_configs/cdr_csv.conf.xml"); n != nil {
		f.CDR = CDRSettings{Enabled: boolp(true), Backends: []string{"mod_cdr_csv"}, Location: locp(n.Loc)}
	} else {
		f.CDR = CDRSettings{Enabled: boolp(false)}
	}
	if f.AutoCreatePeer == nil {
		f.AutoCreatePeer = boolp(false)
	}
	return f, nil
}

// fsProfile reads one sofia profile; it reports whether it
// authenticates calls.
func fsProfile(f *Facts, p *xnode) bool {
	ps := p.params()
	val := func(k string) (string, *netdevsec.Location) {
		if n, ok := ps[k]; ok {
			return n.attr("value"), locp(n.Loc)
		}
		return "", nil
	}
	name := p.attr("name")
	ctx, _ := val("context")
	if ctx == "" {
		ctx = "public"
	}
	auth, authLoc := val("auth-calls")
	for _, k := range []string{"accept-blind-reg", "accept-blind-auth"} {
		if v, loc := val(k); yes(v) {
			f.AutoCreatePeer, f.AutoCreateSource = boolp(true), loc
		}
	}
	ip, _ := val("sip-ip")
	port := 5060
	if v, _ := val("sip-port"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			port = n
		}
	}
	acl, _ := val("apply-inbound-acl")
	f.Services = append(f.Services, Service{Kind: "sip", Transport: "udp", Bind: ip, Port: port, Restricted: acl != "", Location: locp(p.Loc)})
	authenticated := yes(auth)
	if !authenticated {
		why := fmt.Sprintf("sofia profile %s: auth-calls=%s", name, auth)
		if auth == "" {
			why = fmt.Sprintf("sofia profile %s: auth-calls not set", name)
		}
		if acl != "" {
			why += ", inbound ACL " + acl
		}
		loc := authLoc
		if loc == nil {
			loc = locp(p.Loc)
		}
		// A profile that takes calls without authentication (external.xml)
		// is where carrier calls arrive: it is an inbound entry. Without an
		// inbound ACL it is also a guest entry.
		if acl == "" && (f.Guest.Allowed == nil || !*f.Guest.Allowed) {
			f.Guest = Guest{Allowed: boolp(true), Context: ctx, Source: loc, Why: why}
		}
		if !containsString(f.Recorded.InboundContexts, ctx) {
			f.Recorded.InboundContexts = append(f.Recorded.InboundContexts, ctx)
		}
	} else if f.Guest.Allowed == nil {
		f.Guest = Guest{Allowed: boolp(false), Source: authLoc, Why: fmt.Sprintf("sofia profile %s: auth-calls=%s", name, auth)}
	}
	for _, g := range p.find("gateway") {
		gp := g.params()
		e := Endpoint{Name: g.attr("name"), Type: "gateway", Trunk: true, Context: ctx, Location: locp(g.Loc)}
		if v, ok := gp["username"]; ok {
			e.User = v.attr("value")
		}
		if v, ok := gp["password"]; ok && v.attr("value") != "" {
			e.Secret = netdevsec.NewSecret(v.attr("value"))
		}
		if v, ok := gp["context"]; ok {
			e.Context = v.attr("value")
		}
		if v, ok := gp["proxy"]; ok {
			e.Host = v.attr("value")
		} else if v, ok := gp["realm"]; ok {
			e.Host = v.attr("value")
		}
		if acl != "" {
			e.ACLNames = append(e.ACLNames, acl)
		}
		f.Endpoints = append(f.Endpoints, e)
	}
	return authenticated
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fsDialplan reads <context><extension><condition><action> into plan.
func fsDialplan(plan *dialplan.Plan, root *xnode, r *fsReader) {
	for _, c := range root.find("context") {
		ctx := plan.Context(c.attr("name"), locp(c.Loc))
		for _, x := range c.Children {
			if x.Name != "extension" {
				continue
			}
			expr := ""
			gated := false
			for _, cond := range x.find("condition") {
				field := cond.attr("field")
				switch {
				case field == "destination_number" || field == "${destination_number}":
					expr = cond.attr("expression")
				case strings.Contains(field, "toll_allow"):
					gated = true
				}
			}
			raw := expr
			if raw == "" {
				raw = "^(.*)$"
			}
			pat, err := dialplan.CompileRegexp(raw)
			if err != nil {
				r.problem(x.Loc, "extension %q: %v", x.attr("name"), err)
				continue
			}
			ext := &dialplan.Extension{Name: raw, Pattern: pat, Location: locp(x.Loc)}
			if gated {
				ext.Steps = append(ext.Steps, dialplan.Step{App: "condition", Args: "toll_allow", Kind: dialplan.KindAuth, PIN: true, Location: locp(x.Loc)})
			}
			skip, skipOK := captureSkip(expr)
			for _, a := range x.find("action") {
				st := fsAction(a.attr("application"), a.attr("data"), skip, skipOK)
				st.Location = locp(a.Loc)
				ext.Steps = append(ext.Steps, st)
			}
			ctx.Extensions = append(ctx.Extensions, ext)
		}
	}
}

// captureSkip: for ^L(…) with a literal prefix L, $1 is the number
// without its first len(L) characters.
func captureSkip(expr string) (int, bool) {
	if !strings.HasPrefix(expr, "^") {
		return 0, false
	}
	i := strings.IndexByte(expr, '(')
	if i < 0 {
		return 0, false
	}
	lit := expr[1:i]
	for _, c := range lit {
		if !(c >= '0' && c <= '9' || c == '*' || c == '#') {
			if c == '\\' && strings.HasPrefix(expr[1:], `\+`) {
				continue
			}
			return 0, false
		}
	}
	return len(lit), true
}

// fsAction maps a FreeSWITCH dial-plan action onto a step.
func fsAction(app, data string, skip int, skipOK bool) dialplan.Step {
	num := func(s string) string {
		s = strings.ReplaceAll(s, "${destination_number}", "${EXTEN}")
		if strings.Contains(s, "$1") {
			if skipOK {
				s = strings.ReplaceAll(s, "$1", fmt.Sprintf("${EXTEN:%d}", skip))
			} else {
				s = strings.ReplaceAll(s, "$1", "${CAPTURE}")
			}
		}
		return s
	}
	st := dialplan.Step{App: app, Args: data}
	switch strings.ToLower(app) {
	case "bridge":
		st.Kind = dialplan.KindDial
		for _, ch := range strings.FieldsFunc(data, func(r rune) bool { return r == ',' || r == '|' || r == ':' && false }) {
			ch = strings.TrimSpace(ch)
			if i := strings.IndexByte(ch, ']'); strings.HasPrefix(ch, "[") && i > 0 {
				ch = ch[i+1:]
			}
			parts := strings.SplitN(ch, "/", 4)
			t := dialplan.Target{Raw: ch}
			switch {
			case len(parts) >= 4 && parts[0] == "sofia" && parts[1] == "gateway":
				t.Tech, t.Peer, t.Number = "sofia/gateway", parts[2], num(parts[3])
			case len(parts) >= 2 && parts[0] == "user":
				t.Tech, t.Peer = "user", parts[1]
			case len(parts) >= 3 && parts[0] == "sofia":
				t.Tech, t.Peer, t.Number = "sofia/"+parts[1], parts[1], num(parts[2])
				if at := strings.LastIndexByte(parts[2], '@'); at >= 0 {
					t.Number, t.Peer = num(parts[2][:at]), parts[2][at+1:]
				}
			default:
				t.Tech = parts[0]
			}
			st.Dials = append(st.Dials, t)
		}
	case "transfer", "execute_extension":
		st.Kind = dialplan.KindGoto
		if app == "execute_extension" {
			st.Kind = dialplan.KindGosub
		}
		f := strings.Fields(data)
		j := dialplan.Jump{}
		if len(f) > 0 {
			j.Exten = f[0]
			if strings.Contains(j.Exten, "$") {
				j.Exten = "" // the dialled number
			}
		}
		if len(f) > 2 {
			j.Context = f[2]
		}
		j.Dynamic = strings.Contains(j.Context, "$")
		st.Jumps = append(st.Jumps, j)
	case "hangup":
		st.Kind = dialplan.KindHangup
	}
	return st
}
