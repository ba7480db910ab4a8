package pbx

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx/dialplan"
)

// ErrNoConfig is returned when a directory holds none of the files an
// importer reads.
var ErrNoConfig = errors.New("no PBX configuration found")

// ImportOptions tune the importers. The zero value uses the defaults.
type ImportOptions struct {
	Limits Limits
	// Dir is prepended to file names in locations and problems (the
	// directory the file system was opened at), for people.
	Dir string
	// Trunks names endpoints to treat as trunks besides those the
	// importer recognises (a fixed host, a registration, an
	// identify-by-IP match, a gateway).
	Trunks []string
}

func (o *ImportOptions) display() func(string) string {
	dir := ""
	if o != nil {
		dir = o.Dir
	}
	return func(name string) string {
		if dir == "" {
			return name
		}
		return path.Join(dir, name)
	}
}

// ImportAsterisk reads an Asterisk configuration directory (the contents
// of /etc/asterisk): sip.conf (chan_sip), pjsip.conf, extensions.conf,
// manager.conf, http.conf, rtp.conf and cdr.conf, following #include and
// #tryinclude, templates ((!), (tmpl), (+)). Lines it does not understand
// and includes it cannot follow are reported in Facts.Problems with
// file:line; one bad line never loses the rest. It returns [ErrNoConfig]
// when neither sip.conf, pjsip.conf nor extensions.conf exists.
func ImportAsterisk(ctx context.Context, fsys fs.FS, opts *ImportOptions) (Facts, error) {
	var o ImportOptions
	if opts != nil {
		o = *opts
	}
	f := Facts{Platform: PlatformAsterisk}
	r := &confReader{fsys: fsys, limits: o.Limits.withDefaults(), problems: &f.Problems, display: o.display()}
	files := map[string]*confFile{}
	for _, name := range []string{"sip.conf", "pjsip.conf", "extensions.conf", "manager.conf", "http.conf", "rtp.conf", "cdr.conf", "cdr_custom.conf", "cdr_csv.conf", "acl.conf"} {
		cf, err := r.parse(ctx, name)
		switch {
		case err == nil:
			files[name] = cf
		case errors.Is(err, fs.ErrNotExist):
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return Facts{}, err
		default:
			f.Problems = append(f.Problems, Problem{Location: netdevsec.Location{File: r.display(name)}, Message: err.Error()})
		}
	}
	if files["sip.conf"] == nil && files["pjsip.conf"] == nil && files["extensions.conf"] == nil {
		return f, fmt.Errorf("%s: no sip.conf, pjsip.conf or extensions.conf: %w", r.display("."), ErrNoConfig)
	}
	acls := namedACLs(files["acl.conf"])
	if sc := files["sip.conf"]; sc != nil {
		importChanSIP(&f, sc, acls)
	}
	if pc := files["pjsip.conf"]; pc != nil {
		importPJSIP(&f, pc, acls)
	}
	if f.AutoCreatePeer == nil && files["pjsip.conf"] != nil {
		// PJSIP has no registration without an endpoint; an endpoint
		// without auth is judged by pbx.auth.required.
		f.AutoCreatePeer = boolp(false)
	}
	for i := range f.Endpoints {
		if slices.Contains(o.Trunks, f.Endpoints[i].Name) {
			f.Endpoints[i].Trunk = true
		}
	}
	if ec := files["extensions.conf"]; ec != nil {
		f.Dialplan = importExtensions(ec, r)
	}
	importServices(&f, files)
	importCDR(&f, files)
	return f, nil
}

// namedACLs reads acl.conf: named ACLs with permit/deny.
func namedACLs(cf *confFile) map[string][]string {
	out := map[string][]string{}
	if cf == nil {
		return out
	}
	for _, s := range cf.Sections {
		for _, it := range s.Items {
			if strings.EqualFold(it.Key, "permit") {
				out[s.Name] = append(out[s.Name], it.Value)
			}
		}
	}
	return out
}

func yes(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "true", "y", "t", "1", "on":
		return true
	}
	return false
}

func boolp(b bool) *bool { return &b }

func locp(l netdevsec.Location) *netdevsec.Location { return &l }

// importChanSIP reads sip.conf.
func importChanSIP(f *Facts, cf *confFile, acls map[string][]string) {
	guestContext := "default"
	allowGuest := true
	guestWhy := "allowguest is not set (chan_sip default yes)"
	var guestLoc *netdevsec.Location
	gen := cf.section("general")
	var registrations []string
	if gen != nil {
		guestLoc = locp(gen.Loc)
		if it, ok := gen.get("context"); ok {
			guestContext = it.Value
		}
		if it, ok := gen.get("allowguest"); ok {
			allowGuest = yes(it.Value)
			guestWhy = "allowguest=" + it.Value
			guestLoc = locp(it.Loc)
		}
		if it, ok := gen.get("alwaysauthreject"); ok {
			f.AlwaysAuthReject = boolp(yes(it.Value))
		} else {
			f.AlwaysAuthReject = boolp(true) // default yes since Asterisk 1.8
		}
		if it, ok := gen.get("autocreatepeer"); ok {
			f.AutoCreatePeer = boolp(yes(it.Value))
			f.AutoCreateSource = locp(it.Loc)
		} else {
			f.AutoCreatePeer = boolp(false)
		}
		for _, it := range gen.all("register") {
			host := registerHost(it.Value)
			registrations = append(registrations, host)
			user, secret := registerCredential(it.Value)
			if secret != "" {
				f.Endpoints = append(f.Endpoints, Endpoint{
					Name: "register " + host, Type: "registration", User: user, Secret: netdevsec.NewSecret(secret),
					Trunk: true, Host: host, Location: locp(it.Loc),
				})
			}
		}
		bind := gen.value("udpbindaddr")
		if bind == "" {
			bind = gen.value("bindaddr")
		}
		host, port := splitHostPort(bind, 5060)
		if p := gen.value("bindport"); p != "" {
			if n, err := strconv.Atoi(p); err == nil {
				port = n
			}
		}
		if host == "" {
			host = "0.0.0.0"
		}
		f.Services = append(f.Services, Service{Kind: "sip", Transport: "udp", Bind: host, Port: port, Location: locp(gen.Loc)})
		if yes(gen.value("tcpenable")) {
			h, p := splitHostPort(gen.value("tcpbindaddr"), 5060)
			if h == "" {
				h = "0.0.0.0"
			}
			f.Services = append(f.Services, Service{Kind: "sip", Transport: "tcp", Bind: h, Port: p, Location: locp(gen.Loc)})
		}
		if yes(gen.value("tlsenable")) {
			h, p := splitHostPort(gen.value("tlsbindaddr"), 5061)
			if h == "" {
				h = "0.0.0.0"
			}
			f.Services = append(f.Services, Service{Kind: "sip", Transport: "tls", Bind: h, Port: p, Location: locp(gen.Loc)})
		}
	} else {
		f.AlwaysAuthReject = boolp(true)
		f.AutoCreatePeer = boolp(false)
	}
	f.Guest = Guest{Allowed: boolp(allowGuest), Context: guestContext, Source: guestLoc, Why: guestWhy}
	for _, s := range cf.Sections {
		if s.Template || strings.EqualFold(s.Name, "general") || strings.EqualFold(s.Name, "authentication") {
			continue
		}
		e := Endpoint{Name: s.Name, Type: strings.ToLower(s.value("type")), Location: locp(s.Loc)}
		if e.Type == "" {
			e.Type = "peer"
		}
		e.User = s.value("defaultuser")
		if e.User == "" {
			e.User = s.value("username")
		}
		if e.User == "" {
			e.User = s.Name
		}
		if v := s.value("secret"); v != "" {
			e.Secret = netdevsec.NewSecret(v)
		}
		if s.value("md5secret") != "" {
			e.SecretHashed = true
		}
		e.Context = s.value("context")
		if e.Context == "" {
			e.Context = guestContext
		}
		e.Host = s.value("host")
		for _, it := range s.all("insecure") {
			for _, w := range strings.Split(it.Value, ",") {
				if strings.EqualFold(strings.TrimSpace(w), "invite") || strings.EqualFold(strings.TrimSpace(w), "very") {
					e.InsecureInvite = true
				}
			}
		}
		for _, it := range s.all("permit") {
			e.Permit = append(e.Permit, it.Value)
		}
		for _, it := range s.all("deny") {
			e.Deny = append(e.Deny, it.Value)
		}
		for _, it := range s.all("acl") {
			e.ACLNames = append(e.ACLNames, it.Value)
			e.Permit = append(e.Permit, acls[it.Value]...)
		}
		for _, it := range s.all("contactpermit") {
			e.ContactPermit = append(e.ContactPermit, it.Value)
		}
		for _, it := range s.all("contactdeny") {
			e.ContactDeny = append(e.ContactDeny, it.Value)
		}
		h := strings.ToLower(e.Host)
		if h != "" && h != "dynamic" {
			e.Trunk = true
			if e.InsecureInvite && e.Secret.IsZero() {
				e.IPAuth = true
			}
		}
		if slices.Contains(registrations, e.Host) || slices.Contains(registrations, e.Name) {
			e.Trunk = true
		}
		f.Endpoints = append(f.Endpoints, e)
	}
}

// registerHost reads the host of register => [transport://]user[@domain][:secret[:authuser]]@host[:port][/extension][~expiry].
func registerHost(v string) string {
	if i := strings.Index(v, "://"); i >= 0 {
		v = v[i+3:]
	}
	at := strings.LastIndexByte(v, '@')
	host := v[at+1:]
	if i := strings.IndexAny(host, ":/~"); i >= 0 {
		host = host[:i]
	}
	return host
}

func registerCredential(v string) (user, secret string) {
	if i := strings.Index(v, "://"); i >= 0 {
		v = v[i+3:]
	}
	at := strings.LastIndexByte(v, '@')
	if at < 0 {
		return "", ""
	}
	creds := v[:at]
	parts := strings.Split(creds, ":")
	user = parts[0]
	if i := strings.IndexByte(user, '@'); i >= 0 {
		user = user[:i]
	}
	if len(parts) > 1 {
		secret = parts[1]
	}
	return user, secret
}

func splitHostPort(v string, def int) (string, int) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", def
	}
	if h, p, err := net.SplitHostPort(v); err == nil {
		n, err := strconv.Atoi(p)
		if err != nil {
			n = def
		}
		return h, n
	}
	return strings.Trim(v, "[]"), def
}

// importPJSIP reads pjsip.conf.
func importPJSIP(f *Facts, cf *confFile, acls map[string][]string) {
	byType := map[string][]*confSection{}
	byTypeName := map[string]*confSection{} // "type/name": PJSIP reuses names across types
	for _, s := range cf.Sections {
		if s.Template {
			continue
		}
		t := strings.ToLower(s.value("type"))
		byType[t] = append(byType[t], s)
		byTypeName[t+"/"+s.Name] = s
	}
	find := func(typ, name string) (*confSection, bool) {
		s, ok := byTypeName[typ+"/"+name]
		return s, ok
	}
	// Global ACLs (type=acl) apply to every request.
	var globalPermit, globalDeny, globalContactPermit []string
	for _, s := range byType["acl"] {
		for _, it := range s.all("permit") {
			globalPermit = append(globalPermit, it.Value)
		}
		for _, it := range s.all("deny") {
			globalDeny = append(globalDeny, it.Value)
		}
		for _, it := range s.all("acl") {
			globalPermit = append(globalPermit, acls[it.Value]...)
		}
		for _, it := range s.all("contact_permit") {
			globalContactPermit = append(globalContactPermit, it.Value)
		}
	}
	identified := map[string]bool{}
	for _, s := range byType["identify"] {
		for _, it := range s.all("endpoint") {
			identified[it.Value] = true
		}
	}
	registered := map[string]bool{}
	for _, s := range byType["registration"] {
		registered[s.Name] = true
		if ep := s.value("endpoint"); ep != "" {
			registered[ep] = true
		}
	}
	for _, s := range byType["transport"] {
		proto := strings.ToLower(s.value("protocol"))
		if proto == "" {
			proto = "udp"
		}
		def := 5060
		if proto == "tls" || proto == "wss" {
			def = 5061
		}
		h, p := splitHostPort(s.value("bind"), def)
		if h == "" {
			h = "0.0.0.0"
		}
		f.Services = append(f.Services, Service{Kind: "sip", Transport: proto, Bind: h, Port: p, Location: locp(s.Loc)})
	}
	for _, s := range byType["endpoint"] {
		e := Endpoint{Name: s.Name, Type: "endpoint", User: s.Name, Context: s.value("context"), Location: locp(s.Loc)}
		if e.Context == "" {
			e.Context = "default"
		}
		for _, name := range splitList(s.value("auth")) {
			a, ok := find("auth", name)
			if !ok {
				f.Problems = append(f.Problems, Problem{Location: s.Loc, Message: fmt.Sprintf("endpoint %q names unknown auth %q", s.Name, name)})
				continue
			}
			if u := a.value("username"); u != "" {
				e.User = u
			}
			switch strings.ToLower(a.value("auth_type")) {
			case "md5":
				e.SecretHashed = a.value("md5_cred") != ""
			default:
				if pw := a.value("password"); pw != "" {
					e.Secret = netdevsec.NewSecret(pw)
				}
			}
		}
		for _, it := range s.all("acl") {
			for _, n := range splitList(it.Value) {
				e.ACLNames = append(e.ACLNames, n)
				if a, ok := find("acl", n); ok {
					for _, p := range a.all("permit") {
						e.Permit = append(e.Permit, p.Value)
					}
				} else {
					e.Permit = append(e.Permit, acls[n]...)
				}
			}
		}
		for _, it := range s.all("permit") {
			e.Permit = append(e.Permit, it.Value)
		}
		for _, it := range s.all("deny") {
			e.Deny = append(e.Deny, it.Value)
		}
		for _, it := range s.all("contact_acl") {
			e.ContactPermit = append(e.ContactPermit, it.Value)
		}
		e.Permit = append(e.Permit, globalPermit...)
		e.Deny = append(e.Deny, globalDeny...)
		e.ContactPermit = append(e.ContactPermit, globalContactPermit...)
		if identified[s.Name] {
			e.IPAuth = true
			e.Trunk = true
		}
		if registered[s.Name] || s.value("outbound_auth") != "" && identified[s.Name] {
			e.Trunk = true
		}
		if aors := s.value("aors"); aors != "" {
			for _, name := range splitList(aors) {
				if a, ok := find("aor", name); ok {
					if c := a.value("contact"); c != "" && !e.Trunk {
						// a static contact: a carrier or another PBX
						e.Host = c
						e.Trunk = true
					}
				}
			}
		}
		if strings.EqualFold(s.Name, "anonymous") {
			f.Guest = Guest{Allowed: boolp(true), Context: e.Context, Source: locp(s.Loc), Why: "PJSIP endpoint \"anonymous\""}
			continue
		}
		f.Endpoints = append(f.Endpoints, e)
	}
	// Outbound registrations carry the carrier password.
	for _, s := range byType["registration"] {
		name := s.value("outbound_auth")
		if a, ok := find("auth", name); ok && a.value("password") != "" {
			f.Endpoints = append(f.Endpoints, Endpoint{
				Name: "registration " + s.Name, Type: "registration", User: a.value("username"),
				Secret: netdevsec.NewSecret(a.value("password")), Trunk: true, Host: s.value("server_uri"), Location: locp(s.Loc),
			})
		}
	}
	if f.Guest.Allowed == nil {
		f.Guest = Guest{Allowed: boolp(false), Why: "no PJSIP endpoint named \"anonymous\""}
	}
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// importExtensions reads extensions.conf into a dial plan.
func importExtensions(cf *confFile, r *confReader) *dialplan.Plan {
	plan := dialplan.NewPlan()
	var globals []string // ${NAME}, value pairs for strings.Replacer
	if g := cf.section("globals"); g != nil {
		for _, it := range g.Items {
			globals = append(globals, "${"+it.Key+"}", it.Value)
		}
	}
	expand := strings.NewReplacer(globals...)
	for _, s := range cf.Sections {
		if s.Template || strings.EqualFold(s.Name, "general") || strings.EqualFold(s.Name, "globals") {
			continue
		}
		c := plan.Context(s.Name, locp(s.Loc))
		var last *dialplan.Extension
		lastPrio := 0
		for _, it := range s.Items {
			loc := it.Loc
			switch strings.ToLower(it.Key) {
			case "include":
				c.Includes = append(c.Includes, dialplan.Include{Context: strings.TrimSpace(it.Value), Location: locp(loc)})
			case "exten":
				ext, prio, label, app, args, err := parseExten(it.Value)
				if err != nil {
					r.problem(loc, "%v", err)
					continue
				}
				if prio == "hint" {
					continue
				}
				pat, err := dialplan.CompileAsterisk(ext)
				if err != nil {
					r.problem(loc, "%v", err)
					continue
				}
				last = c.Extension(ext, pat, locp(loc))
				n, ok := priority(prio, lastPrio, last)
				if !ok {
					r.problem(loc, "extension %q: priority %q not understood", ext, prio)
					continue
				}
				lastPrio = n
				st := dialplan.ParseAsteriskApp(app, expand.Replace(args))
				st.Priority, st.Label, st.Location = n, label, locp(loc)
				last.Steps = append(last.Steps, st)
			case "same":
				if last == nil {
					r.problem(loc, "same => without a preceding exten =>")
					continue
				}
				prio, label, app, args, err := parseSame(it.Value)
				if err != nil {
					r.problem(loc, "%v", err)
					continue
				}
				n, ok := priority(prio, lastPrio, last)
				if !ok {
					r.problem(loc, "priority %q not understood", prio)
					continue
				}
				lastPrio = n
				st := dialplan.ParseAsteriskApp(app, expand.Replace(args))
				st.Priority, st.Label, st.Location = n, label, locp(loc)
				last.Steps = append(last.Steps, st)
			case "switch", "ignorepat", "eswitch", "lswitch":
				if strings.EqualFold(it.Key, "switch") || strings.HasSuffix(strings.ToLower(it.Key), "switch") {
					r.problem(loc, "%s => %s: a remote dial-plan switch cannot be analysed offline", it.Key, it.Value)
				}
			default:
				r.problem(loc, "not understood in context [%s]: %s", s.Name, truncate(it.Key+" = "+it.Value, 60))
			}
		}
	}
	return plan
}

// parseExten reads "pattern,priority[(label)],App(args)".
func parseExten(v string) (ext, prio, label, app, args string, err error) {
	ext, rest, ok := cutExtenName(v)
	if !ok {
		return "", "", "", "", "", fmt.Errorf("exten => %q: want pattern,priority,application", truncate(v, 60))
	}
	prio, label, app, args, err = parseSame(rest)
	return strings.TrimSpace(ext), prio, label, app, args, err
}

// cutExtenName splits the extension name at the first comma outside [].
func cutExtenName(v string) (string, string, bool) {
	depth := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth <= 0 {
				return v[:i], v[i+1:], true
			}
		}
	}
	return "", "", false
}

// parseSame reads "priority[(label)],App(args)".
func parseSame(v string) (prio, label, app, args string, err error) {
	p, rest, ok := strings.Cut(v, ",")
	if !ok {
		return "", "", "", "", fmt.Errorf("%q: want priority,application", truncate(v, 60))
	}
	p = strings.TrimSpace(p)
	if i := strings.IndexByte(p, '('); i >= 0 && strings.HasSuffix(p, ")") {
		label = p[i+1 : len(p)-1]
		p = p[:i]
	}
	rest = strings.TrimSpace(rest)
	if i := strings.IndexByte(rest, '('); i >= 0 {
		app = strings.TrimSpace(rest[:i])
		body := rest[i+1:]
		if j := strings.LastIndexByte(body, ')'); j >= 0 {
			body = body[:j]
		}
		args = body
	} else if a, b, ok := strings.Cut(rest, ","); ok {
		app, args = strings.TrimSpace(a), b // old "App,args" form
	} else {
		app = rest
	}
	if app == "" {
		return "", "", "", "", fmt.Errorf("%q: no application", truncate(v, 60))
	}
	return p, label, app, args, nil
}

// priority resolves "1", "n", "n+2", "s", "hint", "same" forms.
func priority(p string, last int, ext *dialplan.Extension) (int, bool) {
	p = strings.TrimSpace(p)
	switch {
	case p == "n":
		return last + 1, true
	case strings.HasPrefix(p, "n+"):
		k, err := strconv.Atoi(p[2:])
		return last + k, err == nil
	case p == "s":
		return last + 1, true
	}
	n, err := strconv.Atoi(p)
	if err != nil {
		return 0, false
	}
	_ = ext
	return n, true
}

// importServices reads manager.conf, http.conf and rtp.conf.
func importServices(f *Facts, files map[string]*confFile) {
	if cf := files["manager.conf"]; cf != nil {
		if g := cf.section("general"); g != nil && yes(g.value("enabled")) {
			h, _ := splitHostPort(g.value("bindaddr"), 5038)
			if h == "" {
				h = "0.0.0.0"
			}
			port := 5038
			if n, err := strconv.Atoi(g.value("port")); err == nil {
				port = n
			}
			restricted := true
			users := 0
			for _, s := range cf.Sections {
				if strings.EqualFold(s.Name, "general") || s.Template {
					continue
				}
				users++
				if sec := s.value("secret"); sec != "" {
					f.Accounts = append(f.Accounts, Account{Service: "ami", User: s.Name, Secret: netdevsec.NewSecret(sec), Location: locp(s.Loc)})
				}
				if len(s.all("permit")) == 0 && len(s.all("acl")) == 0 {
					restricted = false
				}
			}
			if users == 0 {
				restricted = false
			}
			f.Services = append(f.Services, Service{Kind: "ami", Transport: "tcp", Bind: h, Port: port, Restricted: restricted, Location: locp(g.Loc)})
		}
	}
	if cf := files["http.conf"]; cf != nil {
		if g := cf.section("general"); g != nil && yes(g.value("enabled")) {
			h, _ := splitHostPort(g.value("bindaddr"), 8088)
			if h == "" {
				h = "0.0.0.0"
			}
			port := 8088
			if n, err := strconv.Atoi(g.value("bindport")); err == nil {
				port = n
			}
			f.Services = append(f.Services, Service{Kind: "http", Transport: "tcp", Bind: h, Port: port, Location: locp(g.Loc)})
		}
	}
	if cf := files["rtp.conf"]; cf != nil {
		if g := cf.section("general"); g != nil {
			port, _ := strconv.Atoi(g.value("rtpstart"))
			f.Services = append(f.Services, Service{Kind: "rtp", Transport: "udp", Bind: "0.0.0.0", Port: port, Location: locp(g.Loc)})
		}
	}
}

// importCDR reads cdr.conf and the backends' files.
func importCDR(f *Facts, files map[string]*confFile) {
	cf := files["cdr.conf"]
	if cf == nil {
		return
	}
	g := cf.section("general")
	enabled := true
	if g != nil {
		f.CDR.Location = locp(g.Loc)
		if it, ok := g.get("enable"); ok {
			enabled = yes(it.Value)
		}
		if it, ok := g.get("unanswered"); ok {
			f.CDR.UnansweredLogged = boolp(yes(it.Value))
		} else {
			f.CDR.UnansweredLogged = boolp(false)
		}
	}
	f.CDR.Enabled = boolp(enabled)
	if cf.section("csv") != nil || files["cdr_csv.conf"] != nil {
		f.CDR.Backends = append(f.CDR.Backends, "csv")
	}
	if c := files["cdr_custom.conf"]; c != nil && c.section("mappings") != nil {
		f.CDR.Backends = append(f.CDR.Backends, "custom")
	}
}
