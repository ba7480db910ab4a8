// Command ratios runs the side-by-side benchmarks of the bench module
// several times, takes the median of every metric and prints one
// Markdown table: work, netdevsec, alternative, ratio, goal, met?.
//
// Run it from the bench module (see ../../README.md):
//
//	go run ./cmd/ratios              # -count 5, about 10 minutes on 2 cores
//	go run ./cmd/ratios -full        # also match 1M devices
//	go run ./cmd/ratios -quick       # one run of each, small inputs (smoke test)
//
// Every benchmark runs with -cpu 1 (GOMAXPROCS=1). Times are CPU time per
// operation (user+system time of the benchmark process, the cpu-ns/op
// metric), which a loaded machine does not inflate the way it inflates
// wall time; -wall uses wall time instead. The SSH rows are always wall
// time (most of the work is in dropbear and ssh-audit processes).
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

type config struct {
	count       int
	quick       bool
	full        bool
	naive       bool
	wall        bool
	streamBytes int64
	capSeconds  int
	raw         string
}

func main() {
	var c config
	flag.IntVar(&c.count, "count", 5, "runs of each benchmark (medians are taken)")
	flag.BoolVar(&c.quick, "quick", false, "one run of each, short bench times and a 64 MiB stream (smoke test, not for the README)")
	flag.BoolVar(&c.full, "full", false, "also match 1M devices (about 10 s and 2 GB per run)")
	flag.BoolVar(&c.naive, "naive", false, "also run the nested loop at 10k and 100k devices (minutes per run) instead of scaling its 1k time")
	flag.BoolVar(&c.wall, "wall", false, "judge goals on wall time instead of CPU time")
	flag.Int64Var(&c.streamBytes, "stream-bytes", 1_000_000_000, "bytes of log streamed through the review engine (0 skips the row)")
	flag.IntVar(&c.capSeconds, "cap", 30, "seconds after which a zxcvbn port's 4 KiB call is stopped")
	flag.StringVar(&c.raw, "raw", "", "also write the raw go test output to this file (for benchstat)")
	flag.Parse()
	if c.quick {
		c.count = 1
		if c.streamBytes > 64<<20 {
			c.streamBytes = 64 << 20
		}
		if c.capSeconds > 5 {
			c.capSeconds = 5
		}
	}
	if err := run(context.Background(), c, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
}

// group is one go test invocation.
type group struct {
	bench     string
	benchtime string
	count     int
	env       []string
}

func groups(c config) []group {
	bt := func(normal, quick string) string {
		if c.quick {
			return quick
		}
		return normal
	}
	var fleetEnv []string
	if c.full {
		fleetEnv = append(fleetEnv, "NETDEVSEC_BENCH_1M=1")
	}
	if c.naive {
		fleetEnv = append(fleetEnv, "NETDEVSEC_BENCH_NAIVE=1")
	}
	gs := []group{
		{bench: "^BenchmarkVersion(Parse|Compare)$", benchtime: bt("100ms", "20ms"), count: c.count},
		{bench: "^BenchmarkSyslog$", benchtime: bt("500ms", "100ms"), count: c.count},
		{bench: "^BenchmarkPassword$", benchtime: bt("200ms", "50ms"), count: c.count},
		{bench: "^BenchmarkPassword4KiB$/^impl=netdevsec$", benchtime: bt("200ms", "20ms"), count: c.count},
		{bench: "^BenchmarkCDRReview$", benchtime: bt("1s", "1x"), count: c.count},
		{bench: "^BenchmarkFleet$", benchtime: "1x", count: c.count, env: fleetEnv},
		{bench: "^BenchmarkSSHAudit$", benchtime: bt("10x", "2x"), count: c.count},
		// One run each: a capped call is a capped call, and the fleet
		// and stream rows show bounds (concurrency, memory), not ratios.
		{bench: "^BenchmarkPassword4KiB$/^impl=(trustelem|nbutton23)$", benchtime: "1x", count: 1,
			env: []string{fmt.Sprintf("NETDEVSEC_BENCH_CAP=%d", c.capSeconds)}},
		{bench: "^BenchmarkSSHFleet$", benchtime: "1x", count: 1},
	}
	if c.streamBytes > 0 {
		gs = append(gs, group{bench: "^BenchmarkSyslogStream$", benchtime: "1x", count: 1,
			env: []string{fmt.Sprintf("NETDEVSEC_BENCH_STREAM_BYTES=%d", c.streamBytes)}})
	}
	return gs
}

func run(ctx context.Context, c config, stdout, stderr io.Writer) error {
	dir, err := moduleDir(ctx)
	if err != nil {
		return err
	}
	var raw bytes.Buffer
	rs := newResults()
	start := time.Now()
	for _, g := range groups(c) {
		args := []string{"test", "-run", "^$", "-bench", g.bench, "-benchmem", "-cpu", "1",
			"-count", fmt.Sprint(g.count), "-benchtime", g.benchtime, "-timeout", "60m", "."}
		fmt.Fprintf(stderr, "# go %s\n", strings.Join(args, " "))
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), g.env...)
		var out bytes.Buffer
		cmd.Stdout = io.MultiWriter(&out, &raw, stderr)
		cmd.Stderr = io.MultiWriter(&raw, stderr)
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go test -bench %s: %w", g.bench, err)
		}
		if err := rs.parse(&out); err != nil {
			return fmt.Errorf("reading results of %s: %w", g.bench, err)
		}
	}
	if c.raw != "" {
		if err := os.WriteFile(c.raw, raw.Bytes(), 0o644); err != nil {
			return fmt.Errorf("raw output: %w", err)
		}
	}
	fmt.Fprintln(stdout, machine(ctx, c, time.Since(start)))
	fmt.Fprintln(stdout)
	printTable(stdout, buildRows(rs, c))
	return nil
}

// moduleDir is the bench module's directory (the command must run
// inside it, as "go run ./cmd/ratios").
func moduleDir(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	data, err := os.ReadFile(gomod)
	if err != nil || !bytes.Contains(data, []byte("module github.com/netdevsec/netdevsec/bench\n")) {
		return "", errors.New("run inside the bench module: cd bench && go run ./cmd/ratios")
	}
	return filepath.Dir(gomod), nil
}

// machine describes where and how the table was taken.
func machine(ctx context.Context, c config, took time.Duration) string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	load := "?"
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(data))[:3], " ")
	}
	gover, _ := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output()
	measure := "CPU time per op (cpu-ns/op)"
	if c.wall {
		measure = "wall time per op"
	}
	return fmt.Sprintf("%s, %d CPUs (nproc), %s %s/%s, %s; load average at the end %s; -cpu 1, median of %d runs (1 for the capped, fleet-of-1,000 and stream rows); goals judged on %s; took %s.",
		cpu, runtime.NumCPU(), strings.TrimSpace(string(gover)), runtime.GOOS, runtime.GOARCH,
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), load, c.count, measure, took.Round(time.Second))
}
