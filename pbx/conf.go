package pbx

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// ErrTooLarge is wrapped when an input exceeds a size limit.
var ErrTooLarge = errors.New("input too large")

// Limits bound what the importers read. The zero value uses the defaults.
type Limits struct {
	// MaxFileSize bounds one file; 0 means 4 MiB.
	MaxFileSize int64
	// MaxTotalSize bounds all files of one import; 0 means 32 MiB.
	MaxTotalSize int64
	// MaxLineLength bounds one line; 0 means 16 KiB. Longer lines are
	// reported and skipped.
	MaxLineLength int
	// MaxIncludeDepth bounds #include nesting; 0 means 8.
	MaxIncludeDepth int
}

func (l Limits) withDefaults() Limits {
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = 4 << 20
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = 32 << 20
	}
	if l.MaxLineLength <= 0 {
		l.MaxLineLength = 16 << 10
	}
	if l.MaxIncludeDepth <= 0 {
		l.MaxIncludeDepth = 8
	}
	return l
}

// confItem is one key = value (or key => value) line of an Asterisk
// config file.
type confItem struct {
	Key   string
	Value string
	Arrow bool // "=>"
	Loc   netdevsec.Location
}

// confSection is one [section] with its items, templates resolved.
type confSection struct {
	Name     string
	Template bool
	Inherits []string
	Items    []confItem
	Loc      netdevsec.Location
}

func (s *confSection) get(key string) (confItem, bool) {
	var last confItem
	found := false
	for _, it := range s.Items {
		if strings.EqualFold(it.Key, key) {
			last, found = it, true
		}
	}
	return last, found
}

func (s *confSection) value(key string) string {
	it, _ := s.get(key)
	return it.Value
}

func (s *confSection) all(key string) []confItem {
	var out []confItem
	for _, it := range s.Items {
		if strings.EqualFold(it.Key, key) {
			out = append(out, it)
		}
	}
	return out
}

// confFile is a parsed Asterisk config file with its includes expanded.
type confFile struct {
	Sections []*confSection
	// Pre are items before any section.
	Pre []confItem
}

func (f *confFile) section(name string) *confSection {
	for _, s := range f.Sections {
		if strings.EqualFold(s.Name, name) && !s.Template {
			return s
		}
	}
	return nil
}

// confReader reads Asterisk config files from a file system with
// bounded size, line length and include depth.
type confReader struct {
	fsys     fs.FS
	limits   Limits
	total    int64
	problems *[]Problem
	display  func(name string) string
}

func (r *confReader) problem(loc netdevsec.Location, format string, args ...any) {
	*r.problems = append(*r.problems, Problem{Location: loc, Message: fmt.Sprintf(format, args...)})
}

// read returns the file's contents, or fs.ErrNotExist.
func (r *confReader) read(name string) ([]byte, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, r.limits.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.display(name), err)
	}
	if int64(len(b)) > r.limits.MaxFileSize {
		return nil, fmt.Errorf("%s: larger than %d bytes: %w", r.display(name), r.limits.MaxFileSize, ErrTooLarge)
	}
	r.total += int64(len(b))
	if r.total > r.limits.MaxTotalSize {
		return nil, fmt.Errorf("%s: configuration larger than %d bytes in all: %w", r.display(name), r.limits.MaxTotalSize, ErrTooLarge)
	}
	return b, nil
}

// parse reads name and its includes. A missing top-level file returns
// fs.ErrNotExist.
func (r *confReader) parse(ctx context.Context, name string) (*confFile, error) {
	out := &confFile{}
	var cur *confSection
	if err := r.parseInto(ctx, name, out, &cur, nil); err != nil {
		return nil, err
	}
	resolveTemplates(out, r)
	return out, nil
}

func (r *confReader) parseInto(ctx context.Context, name string, out *confFile, cur **confSection, stack []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	data, err := r.read(name)
	if err != nil {
		return err
	}
	stack = append(stack, name)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), r.limits.MaxLineLength+2)
	sc.Split(scanLinesLong(r.limits.MaxLineLength))
	line := 0
	inBlock := false
	for sc.Scan() {
		line++
		loc := netdevsec.Location{File: r.display(name), Line: line}
		raw := sc.Text()
		if len(raw) > r.limits.MaxLineLength {
			r.problem(loc, "line longer than %d bytes skipped", r.limits.MaxLineLength)
			continue
		}
		text, block := stripComment(raw, inBlock)
		inBlock = block
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		switch {
		case strings.HasPrefix(text, "#include") || strings.HasPrefix(text, "#tryinclude"):
			try := strings.HasPrefix(text, "#tryinclude")
			arg := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(text, "#tryinclude"), "#include"))
			arg = strings.Trim(arg, `"<>`)
			if arg == "" {
				r.problem(loc, "include without a file name")
				continue
			}
			r.include(ctx, loc, arg, try, out, cur, stack)
		case strings.HasPrefix(text, "#exec"):
			r.problem(loc, "#exec output cannot be audited offline: %s", strings.TrimSpace(strings.TrimPrefix(text, "#exec")))
		case strings.HasPrefix(text, "["):
			s, err := parseSectionHeader(text)
			if err != nil {
				r.problem(loc, "%v", err)
				*cur = nil
				continue
			}
			s.Loc = loc
			if s.Name == "+" {
				continue
			}
			if len(s.Inherits) == 1 && s.Inherits[0] == "+" {
				// [name](+) appends to an existing section
				if prev := out.section(s.Name); prev != nil {
					*cur = prev
					continue
				}
				s.Inherits = nil
			}
			out.Sections = append(out.Sections, s)
			*cur = s
		default:
			key, val, arrow, ok := splitKeyValue(text)
			if !ok {
				r.problem(loc, "not understood: %q", truncate(text, 60))
				continue
			}
			it := confItem{Key: key, Value: val, Arrow: arrow, Loc: loc}
			if *cur == nil {
				out.Pre = append(out.Pre, it)
				continue
			}
			(*cur).Items = append((*cur).Items, it)
		}
	}
	if err := sc.Err(); err != nil {
		r.problem(netdevsec.Location{File: r.display(name), Line: line + 1}, "read stopped: %v", err)
	}
	return nil
}

func (r *confReader) include(ctx context.Context, loc netdevsec.Location, arg string, try bool, out *confFile, cur **confSection, stack []string) {
	if len(stack) >= r.limits.MaxIncludeDepth {
		r.problem(loc, "include %q not followed: nesting deeper than %d", arg, r.limits.MaxIncludeDepth)
		return
	}
	p := strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(arg, "/etc/asterisk/")), "/")
	names := []string{p}
	if strings.ContainsAny(p, "*?[") {
		m, err := fs.Glob(r.fsys, p)
		if err != nil {
			r.problem(loc, "include %q: %v", arg, err)
			return
		}
		names = m
	}
	if len(names) == 0 && !try {
		r.problem(loc, "include %q matches no file", arg)
	}
	for _, n := range names {
		cyclic := false
		for _, s := range stack {
			if s == n {
				cyclic = true
			}
		}
		if cyclic {
			r.problem(loc, "include %q not followed: include cycle (%s)", arg, strings.Join(append(stack, n), " → "))
			continue
		}
		err := r.parseInto(ctx, n, out, cur, stack)
		switch {
		case err == nil:
		case errors.Is(err, fs.ErrNotExist):
			if !try {
				r.problem(loc, "include %q: file not found", arg)
			}
		default:
			r.problem(loc, "include %q: %v", arg, err)
		}
	}
}

// scanLinesLong splits lines like bufio.ScanLines but returns an
// over-long line as a truncated token (longer than max) instead of
// failing the scan.
func scanLinesLong(max int) bufio.SplitFunc {
	skipping := false
	return func(data []byte, atEOF bool) (int, []byte, error) {
		if atEOF && len(data) == 0 {
			return 0, nil, nil
		}
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			tok := bytes.TrimSuffix(data[:i], []byte{'\r'})
			if skipping {
				skipping = false
				return i + 1, nil, nil
			}
			return i + 1, tok, nil
		}
		if len(data) > max {
			if skipping {
				return len(data), nil, nil
			}
			skipping = true
			return len(data), data[:max+1], nil
		}
		if atEOF {
			if skipping {
				return len(data), nil, nil
			}
			return len(data), bytes.TrimSuffix(data, []byte{'\r'}), nil
		}
		return 0, nil, nil
	}
}

// stripComment removes ';' comments (not '\;') and ';-- … --;' block
// comments; inBlock carries a block comment over lines.
func stripComment(s string, inBlock bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if inBlock {
			if strings.HasPrefix(s[i:], "--;") {
				inBlock = false
				i += 2
			}
			continue
		}
		c := s[i]
		if c == '\\' && i+1 < len(s) && s[i+1] == ';' {
			b.WriteByte(';')
			i++
			continue
		}
		if c == ';' {
			if strings.HasPrefix(s[i:], ";--") {
				inBlock = true
				i += 2
				continue
			}
			break
		}
		b.WriteByte(c)
	}
	return b.String(), inBlock
}

// parseSectionHeader reads "[name]", "[name](!)", "[name](tmpl,other)",
// "[name](!,tmpl)", "[name](+)".
func parseSectionHeader(text string) (*confSection, error) {
	end := strings.IndexByte(text, ']')
	if end < 0 {
		return nil, fmt.Errorf("section header without ']': %q", truncate(text, 60))
	}
	s := &confSection{Name: strings.TrimSpace(text[1:end])}
	if s.Name == "" {
		return nil, fmt.Errorf("empty section name")
	}
	rest := strings.TrimSpace(text[end+1:])
	if rest == "" {
		return s, nil
	}
	if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
		return nil, fmt.Errorf("section %q: unexpected %q after ']'", s.Name, truncate(rest, 40))
	}
	for _, opt := range strings.Split(rest[1:len(rest)-1], ",") {
		opt = strings.TrimSpace(opt)
		switch opt {
		case "":
		case "!":
			s.Template = true
		default:
			s.Inherits = append(s.Inherits, opt)
		}
	}
	return s, nil
}

// splitKeyValue reads "key = value" or "key => value".
func splitKeyValue(text string) (key, val string, arrow, ok bool) {
	i := strings.IndexByte(text, '=')
	if i <= 0 {
		return "", "", false, false
	}
	key = strings.TrimSpace(text[:i])
	val = text[i+1:]
	if strings.HasPrefix(val, ">") {
		arrow = true
		val = val[1:]
	}
	if key == "" || strings.ContainsAny(key, " \t") {
		return "", "", false, false
	}
	return key, strings.TrimSpace(val), arrow, true
}

// resolveTemplates prepends each section's inherited template items.
func resolveTemplates(f *confFile, r *confReader) {
	byName := map[string]*confSection{}
	for _, s := range f.Sections {
		if _, dup := byName[s.Name]; !dup || s.Template {
			byName[s.Name] = s
		}
	}
	var expand func(s *confSection, depth int) []confItem
	expand = func(s *confSection, depth int) []confItem {
		var items []confItem
		if depth > 16 {
			r.problem(s.Loc, "template chain of %q deeper than 16", s.Name)
			return s.Items
		}
		for _, name := range s.Inherits {
			t, ok := byName[name]
			if !ok || t == s {
				r.problem(s.Loc, "section %q inherits from unknown template %q", s.Name, name)
				continue
			}
			items = append(items, expand(t, depth+1)...)
		}
		return append(items, s.Items...)
	}
	expanded := map[*confSection][]confItem{}
	for _, s := range f.Sections {
		if len(s.Inherits) > 0 {
			expanded[s] = expand(s, 0)
		}
	}
	for s, items := range expanded {
		s.Items = items
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
