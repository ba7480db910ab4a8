package main

import (
	"bufio"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// results holds every sample of every benchmark metric, by benchmark
// name (without the -GOMAXPROCS suffix) and unit ("ns/op",
// "allocs/op", "cpu-ns/op", "rows/s"…).
type results struct {
	m     map[string]map[string][]float64
	order []string // names in the order first seen
}

func newResults() *results { return &results{m: map[string]map[string][]float64{}} }

// parse reads `go test -bench` output and adds its samples to rs. Lines
// that are not benchmark results are ignored.
func (rs *results) parse(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		rs.parseLine(sc.Text())
	}
	return sc.Err()
}

// parseLine adds one "BenchmarkName-N  iters  v unit  v unit…" line.
func (rs *results) parseLine(line string) bool {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
		return false
	}
	if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
		return false
	}
	name := trimProcs(f[0])
	vals := make([]float64, 0, len(f)/2)
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return false // not a result line: add nothing of it
		}
		vals = append(vals, v)
	}
	for k, v := range vals {
		i := 2 + 2*k
		m := rs.m[name]
		if m == nil {
			m = map[string][]float64{}
			rs.m[name] = m
			rs.order = append(rs.order, name)
		}
		m[f[i+1]] = append(m[f[i+1]], v)
	}
	return true
}

// trimProcs removes the "-N" GOMAXPROCS suffix go test appends when N
// is not 1.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}

// median returns the median of a metric and whether it was measured.
func (rs *results) median(name, unit string) (float64, bool) {
	s := rs.m[name][unit]
	if len(s) == 0 {
		return 0, false
	}
	s = slices.Clone(s)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2], true
	}
	return (s[n/2-1] + s[n/2]) / 2, true
}

// count returns how many samples a metric has.
func (rs *results) count(name, unit string) int { return len(rs.m[name][unit]) }
