package strength

import (
	"math"
	"strconv"
)

// publicSequence converts the DP's matches over u into Matches.
func (r *run) publicSequence(u []rune, seq []match) []Match {
	if len(seq) == 0 {
		return nil
	}
	out := make([]Match, len(seq))
	for k := range seq {
		out[k] = r.publicMatch(u, &seq[k])
	}
	return out
}

func (r *run) publicMatch(u []rune, m *match) Match {
	tok := u[m.i : m.j+1]
	pm := Match{
		Pattern:      kindPatterns[m.kind],
		I:            m.i,
		J:            m.j,
		Token:        unitsString(r.mode, tok),
		Guesses:      m.guesses,
		GuessesLog10: math.Log(m.guesses) / math.Ln10,
	}
	switch m.kind {
	case kindDictionary:
		low := make([]rune, len(tok))
		for k, c := range tok {
			low[k] = lowerUnit(c)
			for _, p := range m.sub {
				if low[k] == p.l33t {
					low[k] = p.letter
				}
			}
		}
		if m.reversed {
			for a, b := 0, len(low)-1; a < b; a, b = a+1, b-1 {
				low[a], low[b] = low[b], low[a]
			}
		}
		pm.DictionaryName = dictNames[m.dict]
		pm.MatchedWord = unitsString(r.mode, low)
		pm.Rank = int(m.rank)
		pm.Reversed = m.reversed
		pm.L33t = m.l33t
		pm.UppercaseVariations = uppercaseVariations(tok)
		lowTok := make([]rune, len(tok))
		for k, c := range tok {
			lowTok[k] = lowerUnit(c)
		}
		pm.L33tVariations = l33tVariations(m, lowTok)
		if m.l33t {
			pm.Sub = make(map[string]string, len(m.sub))
			for _, p := range m.sub {
				pm.Sub[string(p.l33t)] = string(p.letter)
			}
		}
	case kindSpatial:
		pm.Graph = graphNames[m.graph]
		pm.Turns = int(m.turns)
		pm.ShiftedCount = int(m.shifted)
	case kindRepeat:
		pm.BaseToken = unitsString(r.mode, m.rep.base)
		pm.BaseGuesses = m.rep.baseGuesses
		pm.RepeatCount = m.rep.count
		pm.BaseMatches = r.publicSequence(m.rep.base, m.rep.baseSeq)
	case kindSequence:
		pm.SequenceName = seqNames[m.seqName]
		pm.SequenceSpace = int(m.seqSpace)
		pm.Ascending = m.ascending
	case kindRegex:
		pm.RegexName = "recent_year"
		pm.Year = int(m.year)
	case kindDate:
		if m.sep != 0 {
			pm.Separator = string(m.sep)
		}
		pm.Year, pm.Month, pm.Day = int(m.year), int(m.month), int(m.day)
	}
	return pm
}

// CrackTimes are zxcvbn's attack scenarios, in seconds.
type CrackTimes struct {
	OnlineThrottling100PerHour      float64 `json:"online_throttling_100_per_hour"`
	OnlineNoThrottling10PerSecond   float64 `json:"online_no_throttling_10_per_second"`
	OfflineSlowHashing1e4PerSecond  float64 `json:"offline_slow_hashing_1e4_per_second"`
	OfflineFastHashing1e10PerSecond float64 `json:"offline_fast_hashing_1e10_per_second"`
}

// CrackTimesDisplay are the CrackTimes in words, as zxcvbn displays them.
type CrackTimesDisplay struct {
	OnlineThrottling100PerHour      string `json:"online_throttling_100_per_hour"`
	OnlineNoThrottling10PerSecond   string `json:"online_no_throttling_10_per_second"`
	OfflineSlowHashing1e4PerSecond  string `json:"offline_slow_hashing_1e4_per_second"`
	OfflineFastHashing1e10PerSecond string `json:"offline_fast_hashing_1e10_per_second"`
}

func attackTimes(g float64) (CrackTimes, CrackTimesDisplay) {
	s := CrackTimes{
		OnlineThrottling100PerHour:      g / (100.0 / 3600),
		OnlineNoThrottling10PerSecond:   g / 10,
		OfflineSlowHashing1e4PerSecond:  g / 1e4,
		OfflineFastHashing1e10PerSecond: g / 1e10,
	}
	return s, CrackTimesDisplay{
		OnlineThrottling100PerHour:      displayTime(s.OnlineThrottling100PerHour),
		OnlineNoThrottling10PerSecond:   displayTime(s.OnlineNoThrottling10PerSecond),
		OfflineSlowHashing1e4PerSecond:  displayTime(s.OfflineSlowHashing1e4PerSecond),
		OfflineFastHashing1e10PerSecond: displayTime(s.OfflineFastHashing1e10PerSecond),
	}
}

// displayTime is zxcvbn's display_time.
func displayTime(sec float64) string {
	const (
		minute  = 60.0
		hour    = minute * 60
		day     = hour * 24
		month   = day * 31
		year    = month * 12
		century = year * 100
	)
	unit := func(v float64, name string) string {
		b := math.Floor(v + 0.5)
		s := strconv.FormatFloat(b, 'f', -1, 64) + " " + name
		if b != 1 {
			s += "s"
		}
		return s
	}
	switch {
	case sec < 1:
		return "less than a second"
	case sec < minute:
		return unit(sec, "second")
	case sec < hour:
		return unit(sec/minute, "minute")
	case sec < day:
		return unit(sec/hour, "hour")
	case sec < month:
		return unit(sec/day, "day")
	case sec < year:
		return unit(sec/month, "month")
	case sec < century:
		return unit(sec/year, "year")
	}
	return "centuries"
}
