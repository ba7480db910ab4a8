package netdevsec

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// TextEncoder writes a report for people: a summary, then each device's
// findings, wrapped to Width columns. Colour is used only when Color is
// set; callers set it when the output is a terminal.
type TextEncoder struct {
	// Lang selects the language of rule titles and remediation; zero is
	// English.
	Lang Lang
	// Color adds ANSI colour to statuses.
	Color bool
	// Width is the line width; 0 means 80.
	Width int
	// Verbose lists every finding in full; otherwise only failing and
	// error findings are, and unknown, passing and not-applicable ones
	// take a line or two each.
	Verbose bool
}

var _ interface {
	Encode(io.Writer, *Report) error
} = TextEncoder{}

// Encode writes r to w.
func (e TextEncoder) Encode(w io.Writer, r *Report) error {
	width := e.Width
	if width <= 0 {
		width = 80
	}
	bw := bufio.NewWriter(w)
	p := &textPrinter{w: bw, width: width, color: e.Color, lang: e.Lang}
	s := r.Summary
	p.line(fmt.Sprintf("%s %s — %s", r.Tool.Name, r.Tool.Version, p.msg("report", "監査レポート")))
	p.line(fmt.Sprintf("%d %s, %d %s: %s", s.Devices, p.msg("devices", "台"), s.Findings, p.msg("findings", "件"), p.statusCounts(s.ByStatus)))
	for _, d := range r.Devices {
		p.line("")
		head := d.ID
		var desc []string
		for _, v := range []string{d.Class, strings.TrimSpace(d.Vendor + " " + d.Model)} {
			if v != "" {
				desc = append(desc, v)
			}
		}
		if len(desc) > 0 {
			head += " (" + strings.Join(desc, ", ") + ")"
		}
		p.line(p.bold("== " + head + " =="))
		if len(d.Findings) == 0 {
			p.line("        " + p.msg("(no findings)", "（検査結果なし）"))
		}
		for _, f := range d.Findings {
			rule, _ := r.Rule(f.RuleID)
			brief := !e.Verbose && f.Status != StatusFail && f.Status != StatusError
			p.finding(f, rule, brief)
		}
	}
	return bw.Flush()
}

type textPrinter struct {
	w     *bufio.Writer
	width int
	color bool
	lang  Lang
}

func (p *textPrinter) msg(en, ja string) string {
	if p.lang == Japanese {
		return ja
	}
	return en
}

func (p *textPrinter) line(s string) {
	p.w.WriteString(s)
	p.w.WriteByte('\n')
}

func (p *textPrinter) bold(s string) string {
	if !p.color {
		return s
	}
	return "\x1b[1m" + s + "\x1b[0m"
}

var statusColor = map[Status]string{
	StatusFail:          "\x1b[31m",
	StatusError:         "\x1b[35m",
	StatusUnknown:       "\x1b[33m",
	StatusPass:          "\x1b[32m",
	StatusNotApplicable: "\x1b[90m",
}

func (p *textPrinter) status(s Status) string {
	label := strings.ToUpper(s.String())
	if s == StatusNotApplicable {
		label = "N/A"
	}
	label = fmt.Sprintf("%-7s", label)
	if !p.color {
		return label
	}
	return statusColor[s] + label + "\x1b[0m"
}

func (p *textPrinter) statusCounts(m map[Status]int) string {
	var parts []string
	for _, s := range Statuses() {
		parts = append(parts, fmt.Sprintf("%s %d", s, m[s]))
	}
	return strings.Join(parts, " · ")
}

func (p *textPrinter) finding(f Finding, rule Rule, brief bool) {
	clauses := make([]string, len(f.Clauses))
	for i, c := range f.Clauses {
		clauses[i] = string(c)
	}
	title := rule.Title.In(p.lang)
	if title == "" {
		title = f.RuleID
	}
	head := fmt.Sprintf("%s %-8s %s", p.status(f.Status), f.Severity, f.RuleID)
	p.line(head)
	const indent = "        "
	if brief {
		p.wrap(indent, title+": "+f.Message)
		return
	}
	p.wrap(indent, title)
	if f.Message != "" {
		p.wrap(indent+"  ", f.Message)
	}
	if f.Location != nil {
		p.wrap(indent+"  ", p.msg("at ", "場所 ")+f.Location.String())
	}
	for _, ev := range f.Evidence {
		p.wrap(indent+"  ", ev.Key+": "+ev.Value)
	}
	if len(clauses) > 0 {
		p.wrap(indent+"  ", p.msg("clauses: ", "条項: ")+strings.Join(clauses, ", "))
	}
	if f.Status == StatusFail || f.Status == StatusUnknown {
		if rem := rule.Remediation.In(p.lang); rem != "" {
			p.wrap(indent+"  ", p.msg("fix: ", "対策: ")+rem)
		}
	}
}

// wrap writes s indented, broken at spaces so that lines fit the width
// (Japanese text without spaces is broken by display width).
func (p *textPrinter) wrap(indent, s string) {
	max := p.width - displayWidth(indent)
	if max < 20 {
		max = 20
	}
	for _, para := range strings.Split(s, "\n") {
		var line strings.Builder
		lw := 0
		flush := func() {
			p.line(indent + strings.TrimRight(line.String(), " "))
			line.Reset()
			lw = 0
		}
		for _, word := range splitWords(para) {
			ww := displayWidth(word)
			if lw > 0 && lw+ww > max {
				flush()
				word = strings.TrimLeft(word, " ")
				ww = displayWidth(word)
			}
			for ww > max { // a single over-long word: hard break
				head, rest := cutWidth(word, max-lw)
				line.WriteString(head)
				flush()
				word = rest
				ww = displayWidth(word)
			}
			line.WriteString(word)
			lw += ww
		}
		flush()
	}
}

// splitWords splits s into words that keep their leading space; each wide
// (CJK) rune is a word of its own so that Japanese wraps anywhere.
func splitWords(s string) []string {
	var words []string
	start := 0
	for i, r := range s {
		switch {
		case r == ' ' && i > start:
			words = append(words, s[start:i])
			start = i
		case runeWidth(r) == 2:
			if i > start {
				words = append(words, s[start:i])
			}
			n := utf8.RuneLen(r)
			words = append(words, s[i:i+n])
			start = i + n
		}
	}
	if start < len(s) {
		words = append(words, s[start:])
	}
	return words
}

func cutWidth(s string, w int) (string, string) {
	n := 0
	for i, r := range s {
		rw := runeWidth(r)
		if n+rw > w && i > 0 {
			return s[:i], s[i:]
		}
		n += rw
	}
	return s, ""
}

// widthCondition measures display width independently of the locale, so
// that a report is laid out the same wherever it is made (ambiguous-width
// characters count as narrow).
func widthCondition() *runewidth.Condition {
	return &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}
}

func displayWidth(s string) int { return widthCondition().StringWidth(s) }

func runeWidth(r rune) int { return widthCondition().RuneWidth(r) }

// DisplayWidth returns the number of terminal columns s takes, counting
// East Asian wide characters as two; ambiguous ones count as one whatever
// the locale.
func DisplayWidth(s string) int { return displayWidth(s) }
