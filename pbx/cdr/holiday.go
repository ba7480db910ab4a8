package cdr

import (
	"math"
	"time"
)

// Holiday is one national holiday.
type Holiday struct {
	Date time.Time // midnight UTC of the day
	Name string
}

// JapaneseHolidays computes the national holidays of Japan (国民の祝日に関
// する法律, as amended) for year, 2000 to 2099: fixed dates, the Happy
// Monday rules (2000/2003), the vernal and autumnal equinox days by the
// usual approximation formula (valid 1980–2099; the official dates are
// announced each February by the National Astronomical Observatory),
// substitute holidays (振替休日: a holiday on Sunday moves to the next
// non-holiday), citizens' holidays (国民の休日: a day between two
// holidays), and the special years 2019–2021. Years outside 2000–2099
// return nil.
func JapaneseHolidays(year int) []Holiday {
	if year < 2000 || year > 2099 {
		return nil
	}
	d := func(m time.Month, day int) time.Time { return time.Date(year, m, day, 0, 0, 0, 0, time.UTC) }
	nthMonday := func(m time.Month, n int) time.Time {
		t := d(m, 1)
		off := (int(time.Monday) - int(t.Weekday()) + 7) % 7
		return t.AddDate(0, 0, off+7*(n-1))
	}
	y := float64(year - 1980)
	vernal := int(math.Floor(20.8431 + 0.242194*y - math.Floor(y/4)))
	autumnal := int(math.Floor(23.2488 + 0.242194*y - math.Floor(y/4)))

	var hs []Holiday
	add := func(t time.Time, name string) { hs = append(hs, Holiday{Date: t, Name: name}) }
	add(d(time.January, 1), "元日")
	add(nthMonday(time.January, 2), "成人の日")
	add(d(time.February, 11), "建国記念の日")
	if year >= 2020 {
		add(d(time.February, 23), "天皇誕生日")
	}
	add(d(time.March, vernal), "春分の日")
	if year >= 2007 {
		add(d(time.April, 29), "昭和の日")
	} else {
		add(d(time.April, 29), "みどりの日")
	}
	add(d(time.May, 3), "憲法記念日")
	if year >= 2007 {
		add(d(time.May, 4), "みどりの日")
	}
	add(d(time.May, 5), "こどもの日")
	switch year {
	case 2020:
		add(d(time.July, 23), "海の日")
		add(d(time.July, 24), "スポーツの日")
		add(d(time.August, 10), "山の日")
	case 2021:
		add(d(time.July, 22), "海の日")
		add(d(time.July, 23), "スポーツの日")
		add(d(time.August, 8), "山の日")
	default:
		if year >= 2003 {
			add(nthMonday(time.July, 3), "海の日")
		} else {
			add(d(time.July, 20), "海の日")
		}
		if year >= 2016 {
			add(d(time.August, 11), "山の日")
		}
		if year >= 2020 {
			add(nthMonday(time.October, 2), "スポーツの日")
		} else {
			add(nthMonday(time.October, 2), "体育の日")
		}
	}
	if year >= 2003 {
		add(nthMonday(time.September, 3), "敬老の日")
	} else {
		add(d(time.September, 15), "敬老の日")
	}
	add(d(time.September, autumnal), "秋分の日")
	add(d(time.November, 3), "文化の日")
	add(d(time.November, 23), "勤労感謝の日")
	if year <= 2018 {
		add(d(time.December, 23), "天皇誕生日")
	}
	if year == 2019 {
		add(d(time.April, 30), "国民の休日")
		add(d(time.May, 1), "天皇の即位の日")
		add(d(time.May, 2), "国民の休日")
		add(d(time.October, 22), "即位礼正殿の儀の行われる日")
	}

	is := map[time.Time]bool{}
	for _, h := range hs {
		is[h.Date] = true
	}
	// Citizens' holiday: a non-Sunday day between two holidays.
	for _, h := range hs {
		mid := h.Date.AddDate(0, 0, 1)
		if !is[mid] && is[mid.AddDate(0, 0, 1)] && mid.Weekday() != time.Sunday && mid.Year() == year {
			hs = append(hs, Holiday{Date: mid, Name: "国民の休日"})
			is[mid] = true
		}
	}
	// Substitute holiday: a holiday on Sunday moves to the next day that
	// is not a holiday (from 2007; before, only to Monday).
	n := len(hs)
	for _, h := range hs[:n] {
		if h.Date.Weekday() != time.Sunday {
			continue
		}
		sub := h.Date.AddDate(0, 0, 1)
		for year >= 2007 && is[sub] {
			sub = sub.AddDate(0, 0, 1)
		}
		if !is[sub] {
			hs = append(hs, Holiday{Date: sub, Name: "振替休日"})
			is[sub] = true
		}
	}
	sortHolidays(hs)
	return hs
}

func sortHolidays(hs []Holiday) {
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].Date.Before(hs[j-1].Date); j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}

// Calendar says which days are not working days: weekends, the
// Japanese national holidays (unless NoNational), the year-end break
// (Dec 29 – Jan 3, when YearEnd is set) and Extra dates. Its zero value
// is the Japanese calendar with weekends. A Calendar caches computed
// years; it is not safe for concurrent use.
type Calendar struct {
	// NoNational drops the Japanese national holidays.
	NoNational bool
	// YearEnd adds the customary year-end break 12/29–1/3.
	YearEnd bool
	// Extra are company holidays.
	Extra []time.Time
	// WorkWeekends makes Saturday and Sunday working days.
	WorkWeekends bool

	cache map[int]map[int]string // year → yday → name
}

// Holiday returns the name of the holiday t falls on (in t's location),
// or "" for a working day. Weekends are "土曜日"/"日曜日".
func (c *Calendar) Holiday(t time.Time) string {
	y, m, d := t.Date()
	if !c.WorkWeekends {
		switch t.Weekday() {
		case time.Saturday:
			return "土曜日"
		case time.Sunday:
			return "日曜日"
		}
	}
	if c.YearEnd && (m == time.December && d >= 29 || m == time.January && d <= 3) {
		return "年末年始"
	}
	for _, e := range c.Extra {
		ey, em, ed := e.Date()
		if ey == y && em == m && ed == d {
			return "会社休日"
		}
	}
	if c.NoNational {
		return ""
	}
	if c.cache == nil {
		c.cache = map[int]map[int]string{}
	}
	days, ok := c.cache[y]
	if !ok {
		days = map[int]string{}
		for _, h := range JapaneseHolidays(y) {
			days[h.Date.YearDay()] = h.Name
		}
		if len(c.cache) > 64 {
			clear(c.cache)
		}
		c.cache[y] = days
	}
	return days[time.Date(y, m, d, 0, 0, 0, 0, time.UTC).YearDay()]
}
