package bench

import (
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time. On a shared, loaded
// machine it is a steadier measure than wall time: waiting for a core
// is not counted.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter reports CPU nanoseconds per op (cpu-ns/op) next to ns/op.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{cpuTime()} }

func (m cpuMeter) report(b *testing.B, per float64) {
	if c := cpuTime() - m.start; c > 0 && b.N > 0 {
		b.ReportMetric(float64(c.Nanoseconds())/float64(b.N)/per, "cpu-ns/op")
	}
}

// optIn reports whether the environment variable name is set to a
// non-empty value other than "0".
func optIn(name string) bool {
	v := os.Getenv(name)
	return v != "" && v != "0"
}

// getenvInt returns the integer value of an environment variable, 0
// when unset or malformed.
func getenvInt(name string) int64 {
	n, err := strconv.ParseInt(os.Getenv(name), 10, 64)
	if err != nil {
		return 0
	}
	return n
}
