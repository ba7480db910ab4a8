package syslog

import (
	"time"
)

func month(s string) time.Month {
	if len(s) < 3 {
		return 0
	}
	a, b, c := s[0]|0x20, s[1]|0x20, s[2]|0x20
	switch {
	case a == 'j' && b == 'a' && c == 'n':
		return time.January
	case a == 'f' && b == 'e' && c == 'b':
		return time.February
	case a == 'm' && b == 'a' && c == 'r':
		return time.March
	case a == 'a' && b == 'p' && c == 'r':
		return time.April
	case a == 'm' && b == 'a' && c == 'y':
		return time.May
	case a == 'j' && b == 'u' && c == 'n':
		return time.June
	case a == 'j' && b == 'u' && c == 'l':
		return time.July
	case a == 'a' && b == 'u' && c == 'g':
		return time.August
	case a == 's' && b == 'e' && c == 'p':
		return time.September
	case a == 'o' && b == 'c' && c == 't':
		return time.October
	case a == 'n' && b == 'o' && c == 'v':
		return time.November
	case a == 'd' && b == 'e' && c == 'c':
		return time.December
	}
	return 0
}

func isWeekday(s string) bool {
	if len(s) < 3 {
		return false
	}
	switch string([]byte{s[0] | 0x20, s[1] | 0x20, s[2] | 0x20}) {
	case "mon", "tue", "wed", "thu", "fri", "sat", "sun":
		return true
	}
	return false
}

// num parses exactly n digits at s[i:].
func num(s string, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v := 0
	for k := i; k < i+n; k++ {
		if !isDigit(s[k]) {
			return 0, false
		}
		v = v*10 + int(s[k]-'0')
	}
	return v, true
}

// hms parses "hh:mm:ss[.fraction]" at s[i:] and returns the index after it.
func hms(s string, i int) (h, m, sec, ns, end int, ok bool) {
	var ok1, ok2, ok3 bool
	h, ok1 = num(s, i, 2)
	if ok1 && i+2 < len(s) && s[i+2] != ':' {
		ok1 = false
	}
	m, ok2 = num(s, i+3, 2)
	if ok2 && i+5 < len(s) && s[i+5] != ':' {
		ok2 = false
	}
	sec, ok3 = num(s, i+6, 2)
	if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || sec > 60 {
		return 0, 0, 0, 0, 0, false
	}
	end = i + 8
	if end < len(s) && (s[end] == '.' || s[end] == ',') {
		d := digits(s[end+1:])
		if d > 0 {
			frac := s[end+1 : end+1+min(d, 9)]
			ns = atoi(frac)
			for k := len(frac); k < 9; k++ {
				ns *= 10
			}
			end += 1 + d
		}
	}
	if sec == 60 {
		sec = 59
	}
	return h, m, sec, ns, end, true
}

var daysIn = [...]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func validDate(y int, mo time.Month, d int) bool {
	if mo < 1 || mo > 12 || d < 1 {
		return false
	}
	if mo == time.February && d == 29 {
		return isLeap(y)
	}
	return d <= daysIn[mo]
}

// clock parses a time stamp at the start of s into ev and returns its
// length.
func (p *Parser) clock(s string, ev *Event) (int, bool) {
	if len(s) < 8 {
		return 0, false
	}
	i := 0
	switch s[0] {
	case '*':
		ev.TimeQuality |= TimeUnsynchronised
		i = 1
	case '.':
		ev.TimeQuality |= TimeSyncLost
		i = 1
	}
	if n, ok := p.bsd(s[i:], ev); ok {
		return i + n, true
	}
	if i > 0 {
		ev.TimeQuality &^= TimeUnsynchronised | TimeSyncLost
		return 0, false
	}
	if isDigit(s[0]) {
		if n, ok := p.rfc3339(s, ev); ok {
			return n, true
		}
		if n, ok := p.slashDate(s, ev); ok {
			p.hostless = true
			return n, true
		}
		return 0, false
	}
	if isWeekday(s) && len(s) > 4 && s[3] == ' ' {
		if n, ok := p.logread(s, ev); ok {
			return n, true
		}
	}
	if n, ok := p.mikrotik(s, ev); ok {
		p.hostless = true
		return n, true
	}
	return 0, false
}

// bsd parses "Mmm dd [yyyy] hh:mm:ss[.frac] [TZ]".
func (p *Parser) bsd(s string, ev *Event) (int, bool) {
	mo := month(s)
	if mo == 0 || len(s) < 15 || s[3] != ' ' {
		return 0, false
	}
	i := 4
	if s[i] == ' ' {
		i++
	}
	dn := digits(s[i:])
	if dn == 0 || dn > 2 {
		return 0, false
	}
	day := atoi(s[i : i+dn])
	i += dn
	if i >= len(s) || s[i] != ' ' {
		return 0, false
	}
	i++
	year := -1
	if y, ok := num(s, i, 4); ok && i+4 < len(s) && s[i+4] == ' ' {
		year = y
		i += 5
	}
	h, m, sec, ns, end, ok := hms(s, i)
	if !ok {
		return 0, false
	}
	i = end
	loc, zn, zok := p.zoneAfter(s[i:])
	if zok {
		i += zn
	}
	if !p.setTime(ev, year, mo, day, h, m, sec, ns, loc, zok) {
		return 0, false
	}
	return i, true
}

// logread parses OpenWrt's "Wed Jul 31 20:37:03 2019".
func (p *Parser) logread(s string, ev *Event) (int, bool) {
	var tmp Event
	n, ok := p.bsd(s[4:], &tmp)
	if !ok || tmp.TimeQuality&(TimeYearInferred|TimeYearMissing) == 0 {
		return 0, false
	}
	i := 4 + n
	y, ok := num(s, i+1, 4)
	if !ok || s[i] != ' ' {
		return 0, false
	}
	t := tmp.Time
	if !validDate(y, t.Month(), t.Day()) {
		return 0, false
	}
	ev.Time = time.Date(y, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), p.loc)
	ev.TimeQuality |= TimeZoneMissing
	return i + 5, true
}

// rfc3339 parses "yyyy-mm-ddThh:mm:ss[.frac](Z|±hh:mm)" and the zone-less
// "yyyy-mm-dd hh:mm:ss[.frac]".
func (p *Parser) rfc3339(s string, ev *Event) (int, bool) {
	y, ok1 := num(s, 0, 4)
	mo, ok2 := num(s, 5, 2)
	d, ok3 := num(s, 8, 2)
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' || len(s) < 19 || (s[10] != 'T' && s[10] != ' ') {
		return 0, false
	}
	h, m, sec, ns, i, ok := hms(s, 11)
	if !ok || !validDate(y, time.Month(mo), d) {
		return 0, false
	}
	var loc *time.Location
	zone := false
	if i < len(s) {
		switch c := s[i]; {
		case c == 'Z' || c == 'z':
			loc, zone = time.UTC, true
			i++
		case c == '+' || c == '-':
			oh, ok1 := num(s, i+1, 2)
			om, ok2 := num(s, i+4, 2)
			if ok1 && ok2 && s[i+3] == ':' && oh < 24 && om < 60 {
				off := oh*3600 + om*60
				if c == '-' {
					off = -off
				}
				loc, zone = p.fixed(off), true
				i += 6
			}
		}
	}
	if !zone && s[10] == 'T' && i < len(s) && s[i] != ' ' {
		return 0, false
	}
	if !p.setTime(ev, y, time.Month(mo), d, h, m, sec, ns, loc, zone) {
		return 0, false
	}
	return i, true
}

// slashDate parses Yamaha's "yyyy/mm/dd hh:mm:ss".
func (p *Parser) slashDate(s string, ev *Event) (int, bool) {
	y, ok1 := num(s, 0, 4)
	mo, ok2 := num(s, 5, 2)
	d, ok3 := num(s, 8, 2)
	if !ok1 || !ok2 || !ok3 || len(s) < 19 || s[4] != '/' || s[7] != '/' || s[10] != ' ' {
		return 0, false
	}
	h, m, sec, ns, i, ok := hms(s, 11)
	if !ok || !p.setTime(ev, y, time.Month(mo), d, h, m, sec, ns, nil, false) {
		return 0, false
	}
	return i, true
}

// mikrotik parses RouterOS "/log print" stamps "sep/15 09:54:33" and
// "sep/15/2024 09:54:33".
func (p *Parser) mikrotik(s string, ev *Event) (int, bool) {
	mo := month(s)
	if mo == 0 || len(s) < 15 || s[3] != '/' {
		return 0, false
	}
	d, ok := num(s, 4, 2)
	if !ok {
		return 0, false
	}
	i := 6
	year := -1
	if s[i] == '/' {
		y, ok := num(s, i+1, 4)
		if !ok {
			return 0, false
		}
		year = y
		i += 5
	}
	if i >= len(s) || s[i] != ' ' {
		return 0, false
	}
	h, m, sec, ns, end, ok := hms(s, i+1)
	if !ok || !p.setTime(ev, year, mo, d, h, m, sec, ns, nil, false) {
		return 0, false
	}
	return end, true
}

// setTime fills ev.Time; year < 0 means the stamp had none.
func (p *Parser) setTime(ev *Event, year int, mo time.Month, d, h, m, s, ns int, loc *time.Location, zone bool) bool {
	var zq TimeQuality
	if !zone || loc == nil {
		loc = p.loc
		zq = TimeZoneMissing
	}
	if year >= 0 {
		if !validDate(year, mo, d) {
			return false
		}
		ev.Time = time.Date(year, mo, d, h, m, s, ns, loc)
		ev.TimeQuality |= zq
		return true
	}
	if d < 1 || d > 31 {
		return false
	}
	if p.ref.IsZero() {
		if !validDate(2000, mo, d) { // a leap year accepts 29 February
			return false
		}
		ev.Time = time.Date(0, mo, d, h, m, s, ns, loc)
		ev.TimeQuality |= TimeYearMissing | zq
		return true
	}
	// The latest year that puts the stamp no more than a day after the
	// reference: this year, or the year before (or an earlier leap year
	// for 29 February).
	for y := p.refYear + 1; y >= p.refYear-8; y-- {
		if !validDate(y, mo, d) {
			continue
		}
		t := time.Date(y, mo, d, h, m, s, ns, loc)
		if !t.After(p.limit) {
			ev.Time = t
			ev.TimeQuality |= TimeYearInferred | zq
			return true
		}
	}
	return false
}

func (p *Parser) fixed(off int) *time.Location {
	if l, ok := p.zones[off]; ok {
		return l
	}
	if len(p.zones) > 64 {
		return time.FixedZone("", off)
	}
	l := time.FixedZone("", off)
	p.zones[off] = l
	return l
}

// zoneAfter recognises " JST", " UTC", " UTC+07:30" after a BSD stamp
// (Cisco "show-timezone"); the zone must be followed by ':' or a space.
func (p *Parser) zoneAfter(s string) (*time.Location, int, bool) {
	if len(s) < 4 || s[0] != ' ' {
		return nil, 0, false
	}
	j := 1
	for j < len(s) && j < 12 && s[j] != ' ' && s[j] != ':' {
		j++
	}
	name := s[1:j]
	if (hasPrefix(name, "UTC") || hasPrefix(name, "GMT")) && len(s) >= 1+3+6 && (s[4] == '+' || s[4] == '-') {
		oh, ok1 := num(s, 5, 2)
		om, ok2 := num(s, 8, 2)
		if ok1 && ok2 && s[7] == ':' {
			off := oh*3600 + om*60
			if s[4] == '-' {
				off = -off
			}
			return p.fixed(off), 10, true
		}
	}
	if j < len(s) && s[j] != ':' && s[j] != ' ' {
		return nil, 0, false
	}
	off, ok := zoneAbbrev(name)
	if !ok {
		return nil, 0, false
	}
	return p.fixed(off), j, true
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func zoneAbbrev(s string) (int, bool) {
	const h = 3600
	switch s {
	case "UTC", "GMT", "Z", "UT":
		return 0, true
	case "JST", "KST":
		return 9 * h, true
	case "CET":
		return 1 * h, true
	case "CEST", "EET":
		return 2 * h, true
	case "EEST":
		return 3 * h, true
	case "BST":
		return 1 * h, true
	case "EST":
		return -5 * h, true
	case "EDT", "AST":
		return -4 * h, true
	case "CST":
		return -6 * h, true
	case "CDT":
		return -5 * h, true
	case "MST":
		return -7 * h, true
	case "MDT":
		return -6 * h, true
	case "PST":
		return -8 * h, true
	case "PDT":
		return -7 * h, true
	case "HKT", "SGT", "AWST":
		return 8 * h, true
	case "IST":
		return 5*h + 30*60, true
	case "AEST":
		return 10 * h, true
	case "AEDT":
		return 11 * h, true
	}
	return 0, false
}
