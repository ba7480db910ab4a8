package cdr

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
)

// row writes a 16-column Master.csv row. start is JST local time as
// written by Asterisk without usegmtime; tests read it with JST.
func row(src, dst, dcontext, channel, dstchannel, start string, dur int) string {
	st, _ := time.Parse("2006-01-02 15:04:05", start)
	end := st.Add(time.Duration(dur) * time.Second).Format("2006-01-02 15:04:05")
	return fmt.Sprintf(`"","%s","%s","%s","""%s"" <%s>","%s","%s","Dial","%s,60","%s","%s","%s",%d,%d,"ANSWERED","DOCUMENTATION"`,
		src, dst, dcontext, src, src, channel, dstchannel, dstchannel, start, start, end, dur, dur)
}

var jst = time.FixedZone("JST", 9*3600)

func review(t *testing.T, opts *Options, rows ...string) map[string][]netdevsec.Finding {
	t.Helper()
	rv := NewReview("pbx1", opts)
	rd := NewReader(strings.NewReader(strings.Join(rows, "\n")+"\n"), "Master.csv", &ReaderOptions{Location: jst})
	require.NoError(t, rv.Read(context.Background(), rd, "Master.csv"))
	out := map[string][]netdevsec.Finding{}
	for _, f := range rv.Findings() {
		if f.Status == netdevsec.StatusFail {
			out[f.RuleID] = append(out[f.RuleID], f)
		}
	}
	return out
}

// weekday working-hours baseline calls from 1001 to a domestic number
func baseline(n int) []string {
	var rows []string
	for i := range n {
		rows = append(rows, row("1001", "0312345678", "internal", fmt.Sprintf("SIP/1001-%08x", i), "SIP/itsp-0001", fmt.Sprintf("2026-11-24 10:%02d:00", i%60), 60))
	}
	return rows
}

func TestRules(t *testing.T) {
	allow := &Options{AllowedInternational: []string{"1001"}}
	tests := []struct {
		rule string
		opts *Options
		fail []string
		pass []string
	}{
		{"pbx.cdr.international", allow,
			[]string{row("1002", "0104412345678", "internal", "SIP/1002-1", "SIP/itsp-1", "2026-11-24 10:00:00", 60)},
			[]string{row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 10:00:00", 60)}},
		{"pbx.cdr.high-risk-destination", allow,
			[]string{row("1001", "01053712345", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 10:00:00", 60)},
			[]string{row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 10:00:00", 60)}},
		{"pbx.cdr.off-hours", nil,
			[]string{row("1001", "0312345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 02:30:00", 60)},
			[]string{row("1001", "0312345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 10:00:00", 60)}},
		{"pbx.cdr.off-hours", nil, // 2026-09-22 is a citizens' holiday (国民の休日)
			[]string{row("1001", "0312345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-09-22 10:00:00", 60)},
			[]string{row("1001", "0312345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-09-24 10:00:00", 60)}},
		{"pbx.cdr.burst", allow,
			func() []string {
				var r []string
				for i := range 5 {
					r = append(r, row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", fmt.Sprintf("2026-11-24 10:0%d:00", i), 30))
				}
				return r
			}(),
			func() []string {
				var r []string
				for i := range 5 {
					r = append(r, row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", fmt.Sprintf("2026-11-24 1%d:00:00", i), 30))
				}
				return r
			}()},
		{"pbx.cdr.concurrent", &Options{AllowedInternational: []string{"1001", "1002", "1003"}},
			[]string{
				row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 10:00:00", 600),
				row("1002", "0104412345679", "internal", "SIP/1002-1", "SIP/itsp-2", "2026-11-24 10:01:00", 600),
				row("1003", "0104412345670", "internal", "SIP/1003-1", "SIP/itsp-3", "2026-11-24 10:02:00", 600),
			},
			[]string{
				row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 10:00:00", 30),
				row("1002", "0104412345679", "internal", "SIP/1002-1", "SIP/itsp-2", "2026-11-24 10:01:00", 30),
				row("1003", "0104412345670", "internal", "SIP/1003-1", "SIP/itsp-3", "2026-11-24 10:02:00", 30),
			}},
		{"pbx.cdr.new-country", allow,
			append(append(baseline(10), row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 11:00:00", 60)),
				row("1001", "0108613912345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 11:10:00", 60)),
			append(append(baseline(3), row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 11:00:00", 60)),
				row("1001", "0104412345679", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 11:10:00", 60))},
		{"pbx.cdr.rare-extension", nil,
			append(baseline(5), row("1099", "0312345678", "internal", "SIP/1099-1", "SIP/itsp-1", "2026-11-24 11:00:00", 60)),
			baseline(5)},
		{"pbx.cdr.rare-extension", &Options{KnownExtensions: []string{"1001"}, RareCalls: 1},
			append(baseline(5), row("2001", "0312345678", "internal", "SIP/2001-1", "SIP/itsp-1", "2026-11-24 11:00:00", 60)),
			baseline(5)},
		{"pbx.cdr.relay", nil,
			[]string{row("0801234567", "0312349999", "from-pstn", "SIP/itsp-00000001", "SIP/itsp-00000002", "2026-11-24 10:00:00", 60)},
			[]string{row("0801234567", "0312345678", "from-pstn", "SIP/itsp-00000001", "SIP/1001-00000002", "2026-11-24 10:00:00", 60)}},
		{"pbx.cdr.rows", nil,
			[]string{row("1001", "1002", "internal", "SIP/1001-1", "SIP/1002-1", "2026-11-24 10:00:00", 60), `"a","b"`, `"unterminated`},
			[]string{row("1001", "1002", "internal", "SIP/1001-1", "SIP/1002-1", "2026-11-24 10:00:00", 60)}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			fail := review(t, tt.opts, tt.fail...)
			require.NotEmpty(t, fail[tt.rule], "failing fixture")
			for _, f := range fail[tt.rule] {
				if f.Location != nil {
					assert.Equal(t, "Master.csv", f.Location.File)
					assert.Positive(t, f.Location.Line)
				}
			}
			pass := review(t, tt.opts, tt.pass...)
			assert.Empty(t, pass[tt.rule], "passing fixture")
		})
	}
}

func TestRowErrorsKeepGoing(t *testing.T) {
	in := strings.Join([]string{
		row("1001", "1002", "internal", "SIP/1001-1", "SIP/1002-1", "2026-11-24 10:00:00", 60),
		`"only","three","cols"`,
		strings.Replace(row("1001", "1002", "internal", "SIP/1001-1", "SIP/1002-1", "2026-11-24 10:00:00", 60), "2026-11-24 10:00:00", "yesterday", 2),
		row("1003", "1002", "internal", "SIP/1003-1", "SIP/1002-1", "2026-11-24 10:05:00", 60),
	}, "\n")
	rd := NewReader(strings.NewReader(in), "Master.csv", nil)
	var good []string
	var bad []string
	for {
		rec, err := rd.Next()
		if err != nil {
			if strings.Contains(err.Error(), "EOF") {
				break
			}
			require.ErrorIs(t, err, ErrRow)
			bad = append(bad, err.Error())
			continue
		}
		good = append(good, string(rec.Src))
	}
	assert.Equal(t, []string{"1001", "1003"}, good)
	assert.Equal(t, []string{
		"Master.csv:2: 3 columns is not a Master.csv layout (16, 17, 18, 19 or 21): unknown CDR layout",
		`Master.csv:3: start "yesterday": want YYYY-MM-DD HH:MM:SS: bad CDR row`,
	}, bad)
}

func TestLayouts(t *testing.T) {
	base := row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 10:00:00", 60)
	for _, extra := range []struct {
		n    int
		tail string
	}{{16, ""}, {17, `,"1700000000.1"`}, {18, `,"1700000000.1","note"`}, {19, `,"","1700000000.1","3"`}, {21, `,"1700000000.1","note","","1700000000.1","3"`}} {
		t.Run(fmt.Sprint(extra.n), func(t *testing.T) {
			rd := NewReader(strings.NewReader(base+extra.tail+"\n"), "m.csv", nil)
			rec, err := rd.Next()
			require.NoError(t, err)
			assert.Equal(t, "0104412345678", string(rec.Dst))
			assert.Equal(t, "SIP/1001-1", string(rec.Channel))
			assert.Equal(t, 60, rec.Billsec)
		})
	}
	t.Run("header", func(t *testing.T) {
		in := "calldate,src,dst,dcontext,channel,dstchannel,billsec\n2026-11-24 10:00:00,1001,0104412345678,internal,SIP/1001-1,SIP/itsp-1,42\n"
		rd := NewReader(strings.NewReader(in), "custom.csv", &ReaderOptions{Header: true})
		rec, err := rd.Next()
		require.NoError(t, err)
		assert.Equal(t, "0104412345678", string(rec.Dst))
		assert.Equal(t, 42, rec.Billsec)
		assert.Equal(t, 2, rec.Line)
	})
	t.Run("quoted", func(t *testing.T) {
		rd := NewReader(strings.NewReader(base+"\n"), "m.csv", nil)
		rec, err := rd.Next()
		require.NoError(t, err)
		_ = rec
		assert.Equal(t, 16, len(rd.fields))
		assert.Equal(t, `"1001" <1001>`, string(rd.fields[4]))
	})
}

func TestJapaneseHolidays(t *testing.T) {
	names := func(y int) map[string]string {
		m := map[string]string{}
		for _, h := range JapaneseHolidays(y) {
			m[h.Date.Format("01-02")] = h.Name
		}
		return m
	}
	h2026 := names(2026)
	for d, n := range map[string]string{
		"01-01": "元日", "01-12": "成人の日", "02-11": "建国記念の日", "02-23": "天皇誕生日", "03-20": "春分の日",
		"04-29": "昭和の日", "05-03": "憲法記念日", "05-04": "みどりの日", "05-05": "こどもの日", "05-06": "振替休日",
		"07-20": "海の日", "08-11": "山の日", "09-21": "敬老の日", "09-22": "国民の休日", "09-23": "秋分の日",
		"10-12": "スポーツの日", "11-03": "文化の日", "11-23": "勤労感謝の日",
	} {
		assert.Equal(t, n, h2026[d], "2026-%s", d)
	}
	assert.Len(t, h2026, 18)
	h2019 := names(2019)
	for _, d := range []string{"04-29", "04-30", "05-01", "05-02", "05-06", "10-22"} {
		assert.NotEmpty(t, h2019[d], "2019-%s", d)
	}
	assert.Empty(t, h2019["12-23"], "no emperor's birthday in 2019")
	h2020 := names(2020)
	assert.Equal(t, "振替休日", h2020["02-24"])
	assert.Equal(t, "スポーツの日", h2020["07-24"])
	assert.Equal(t, "春分の日", names(2025)["03-20"])
	assert.Equal(t, "秋分の日", names(2025)["09-23"])
	assert.Nil(t, JapaneseHolidays(1999))

	var c Calendar
	assert.Equal(t, "国民の休日", c.Holiday(time.Date(2026, 9, 22, 12, 0, 0, 0, jst)))
	assert.Equal(t, "", c.Holiday(time.Date(2026, 11, 24, 12, 0, 0, 0, jst)))
	assert.Equal(t, "土曜日", c.Holiday(time.Date(2026, 11, 28, 12, 0, 0, 0, jst)))
	c2 := Calendar{YearEnd: true, Extra: []time.Time{time.Date(2026, 8, 13, 0, 0, 0, 0, time.UTC)}}
	assert.Equal(t, "年末年始", c2.Holiday(time.Date(2026, 12, 29, 12, 0, 0, 0, jst)))
	assert.Equal(t, "会社休日", c2.Holiday(time.Date(2026, 8, 13, 12, 0, 0, 0, jst)))
}

func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{"4412345": "44", "12125551234": "1", "53712345": "53", "8821234": "882", "86139": "86", "999": ""} {
		got, _ := CountryCode([]byte(in))
		assert.Equal(t, want, got, in)
	}
}
