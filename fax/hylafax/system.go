package hylafax

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// System is a HylaFAX configuration directory, parsed.
type System struct {
	// Scheduler is etc/config (faxq); nil when absent.
	Scheduler *Config
	// Modems are the etc/config.<devid> files, by name.
	Modems []*Config
	// Hfaxd is hfaxd.conf; nil when absent.
	Hfaxd *Config
	// Client is hyla.conf, the defaults of the client programs on the
	// server (sendfax notification among them); nil when absent.
	Client *Config
	// Hosts is hosts.hfaxd; nil when absent (hfaxd then denies every
	// client).
	Hosts *Hosts
	// TSI and PWD are the files named by QualifyTSI / QualifyPWD, keyed
	// by the name given in the configuration; a named file that is
	// missing is an entry with a nil value.
	TSI, PWD map[string]*Qualify
	// Dispatch is etc/FaxDispatch; nil when absent.
	Dispatch *Dispatch
	// Setup holds setup.cache's KEY='value' pairs; nil when absent.
	Setup map[string]string
	// Unparsed gathers every file's lines that were not understood.
	Unparsed []Unparsed
}

// Load parses the HylaFAX configuration directory fsys (the contents of
// /etc/hylafax, or of a spool's etc/). Files that are absent are left
// nil; unreadable or oversized files are errors joined in the result,
// and what could be read is still returned.
func Load(ctx context.Context, fsys fs.FS) (*System, error) {
	s := &System{}
	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read configuration directory: %w", err)
	}
	var errs []error
	open := func(name string, parse func(io.Reader) error) {
		if ctx.Err() != nil {
			return
		}
		f, err := fsys.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			errs = append(errs, err)
			return
		}
		defer f.Close()
		if err := parse(f); err != nil {
			errs = append(errs, err)
		}
	}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, n := range names {
		switch {
		case n == "config":
			open(n, func(r io.Reader) (err error) { s.Scheduler, err = ParseConfig(r, n, KindServer); return err })
		case strings.HasPrefix(n, "config.") && !strings.HasSuffix(n, "~") && !strings.HasSuffix(n, ".sav"):
			open(n, func(r io.Reader) error {
				c, err := ParseConfig(r, n, KindServer)
				s.Modems = append(s.Modems, c)
				return err
			})
		case n == "hfaxd.conf":
			open(n, func(r io.Reader) (err error) { s.Hfaxd, err = ParseConfig(r, n, KindHfaxd); return err })
		case n == "hyla.conf":
			open(n, func(r io.Reader) (err error) { s.Client, err = ParseConfig(r, n, KindClient); return err })
		case n == "hosts.hfaxd":
			open(n, func(r io.Reader) (err error) { s.Hosts, err = ParseHosts(r, n); return err })
		case n == "FaxDispatch":
			open(n, func(r io.Reader) (err error) { s.Dispatch, err = ParseDispatch(r, n); return err })
		case n == "setup.cache":
			open(n, func(r io.Reader) (err error) { s.Setup, err = parseSetup(r, n); return err })
		}
	}
	s.TSI = s.loadQualify(fsys, "QualifyTSI", open)
	s.PWD = s.loadQualify(fsys, "QualifyPWD", open)
	for _, c := range s.configs() {
		s.Unparsed = append(s.Unparsed, c.Unparsed...)
	}
	if s.Hosts != nil {
		s.Unparsed = append(s.Unparsed, s.Hosts.Unparsed...)
	}
	for _, q := range s.TSI {
		if q != nil {
			s.Unparsed = append(s.Unparsed, q.Unparsed...)
		}
	}
	for _, q := range s.PWD {
		if q != nil {
			s.Unparsed = append(s.Unparsed, q.Unparsed...)
		}
	}
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	return s, errors.Join(errs...)
}

func (s *System) configs() []*Config {
	var cs []*Config
	for _, c := range append([]*Config{s.Scheduler, s.Hfaxd, s.Client}, s.Modems...) {
		if c != nil {
			cs = append(cs, c)
		}
	}
	return cs
}

// ServerConfigs returns the scheduler and modem configurations present.
func (s *System) ServerConfigs() []*Config {
	var cs []*Config
	if s.Scheduler != nil {
		cs = append(cs, s.Scheduler)
	}
	return append(cs, s.Modems...)
}

func (s *System) loadQualify(fsys fs.FS, key string, open func(string, func(io.Reader) error)) map[string]*Qualify {
	var m map[string]*Qualify
	for _, c := range s.ServerConfigs() {
		e, ok := c.Get(key)
		if !ok || e.Value == "" {
			continue
		}
		if m == nil {
			m = map[string]*Qualify{}
		}
		if _, done := m[e.Value]; done {
			continue
		}
		m[e.Value] = nil
		name := localName(e.Value)
		if name == "" {
			continue
		}
		open(name, func(r io.Reader) error {
			q, err := ParseQualify(r, name)
			m[e.Value] = q
			return err
		})
	}
	return m
}

// localName maps a path from the configuration ("etc/tsi", relative to
// the spool, or absolute) to a name inside the configuration directory.
func localName(p string) string {
	switch {
	case strings.HasPrefix(p, "etc/"):
		p = strings.TrimPrefix(p, "etc/")
	case strings.HasPrefix(p, "/"):
		p = path.Base(p)
	}
	if !fs.ValidPath(p) || p == "." {
		return ""
	}
	return p
}

func parseSetup(r io.Reader, name string) (map[string]string, error) {
	m := map[string]string{}
	err := eachLine(r, MaxLineBytes, MaxFileBytes, func(_ int, raw []byte, tooLong bool) bool {
		if tooLong {
			return true
		}
		k, v, ok := strings.Cut(strings.TrimSpace(string(raw)), "=")
		if !ok || strings.HasPrefix(k, "#") {
			return true
		}
		m[k] = strings.Trim(v, `'"`)
		return true
	})
	if err != nil {
		return m, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// Setting returns the effective value of key for a modem: the modem's
// own setting, else the scheduler's (for ² tags), else def. The location
// is nil for the default.
func (s *System) Setting(modem *Config, key, def string) (string, *netdevsec.Location) {
	for _, c := range []*Config{modem, s.Scheduler} {
		if e, ok := c.Get(key); ok {
			l := e.Location
			return e.Value, &l
		}
	}
	return def, nil
}
