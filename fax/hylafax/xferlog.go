package hylafax

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
)

// Record is one line of xferfaxlog (xferfaxlog(5)).
type Record struct {
	// Kind is SEND, RECV, CALL, POLL or PAGE.
	Kind   string
	Time   time.Time
	CommID string
	Modem  string
	// JobID and JobTag identify outbound jobs; for RECV JobID holds the
	// received file (recvq/fax….tif).
	JobID, JobTag string
	// Sender is the submitter's address (always "fax" for receives).
	Sender string
	// Number is the dialled number (SEND, POLL, PAGE) or the local number
	// the call came in on (RECV, CALL).
	Number string
	// RemoteID is the remote CSI (SEND) or TSI (RECV, POLL).
	RemoteID string
	// Params is the packed session parameter value.
	Params int
	Pages  int
	// JobTime and ConnTime are the session and on-line durations.
	JobTime, ConnTime time.Duration
	// Reason is the problem of the session; "" means none.
	Reason string
	// CallID holds the caller identification fields of RECV and CALL.
	CallID []string
	// Owner is the job owner's login (SEND, PAGE).
	Owner string
	// DCS is the T.30 DCS string used.
	DCS      string
	Location netdevsec.Location
}

// LineError is a log line that could not be read; [Records] yields it
// and goes on with the next line.
type LineError struct {
	Location netdevsec.Location
	Err      error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s: %v", e.Location, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ErrBadRecord is wrapped by every [LineError] about a line's content.
var ErrBadRecord = errors.New("malformed xferfaxlog record")

// LogOptions tune [Records]. The zero value reads dates as UTC.
type LogOptions struct {
	// Location is the time zone of the log's dates (the server's local
	// time); nil means UTC.
	Location *time.Location
}

// minFields are the fewest tab-separated fields of each record kind:
// the fields up to "reason", which every HylaFAX version writes.
func minFields(kind string) int {
	switch kind {
	case "SEND", "RECV", "CALL", "POLL", "PAGE":
		return 14
	}
	return 0
}

// Records reads xferfaxlog records from r in order. A malformed line
// yields a zero Record and a [*LineError] naming name:line, then reading
// goes on; an I/O error is yielded last. Lines longer than
// [MaxLineBytes] are malformed. Memory is bounded by one line.
func Records(r io.Reader, name string, opts *LogOptions) iter.Seq2[Record, error] {
	loc := time.UTC
	if opts != nil && opts.Location != nil {
		loc = opts.Location
	}
	return func(yield func(Record, error) bool) {
		err := eachLine(r, MaxLineBytes, 0, func(n int, raw []byte, tooLong bool) bool {
			where := netdevsec.Location{File: name, Line: n}
			if tooLong {
				return yield(Record{}, &LineError{where, fmt.Errorf("%w: line longer than %d bytes", ErrBadRecord, MaxLineBytes)})
			}
			if strings.TrimSpace(string(raw)) == "" {
				return true
			}
			rec, err := parseRecord(string(raw), loc)
			if err != nil {
				return yield(Record{}, &LineError{where, err})
			}
			rec.Location = where
			return yield(rec, nil)
		})
		if err != nil {
			yield(Record{}, fmt.Errorf("%s: %w", name, err))
		}
	}
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

func parseRecord(line string, loc *time.Location) (Record, error) {
	f := strings.Split(line, "\t")
	if len(f) < 2 {
		return Record{}, fmt.Errorf("%w: not tab-separated", ErrBadRecord)
	}
	kind := f[1]
	need := minFields(kind)
	if need == 0 {
		return Record{}, fmt.Errorf("%w: unknown record type %.10q", ErrBadRecord, kind)
	}
	if len(f) < need {
		return Record{}, fmt.Errorf("%w: %s record has %d fields, need at least %d", ErrBadRecord, kind, len(f), need)
	}
	for i := range f {
		f[i] = unquote(f[i])
	}
	ts, err := time.ParseInLocation("01/02/06 15:04", f[0], loc)
	if err != nil {
		return Record{}, fmt.Errorf("%w: date %.20q is not MM/DD/YY HH:MM", ErrBadRecord, f[0])
	}
	r := Record{Kind: kind, Time: ts, CommID: f[2], Modem: f[3], JobID: f[4], JobTag: f[5], Sender: f[6],
		Number: f[7], RemoteID: f[8], Reason: f[13]}
	if r.Params, err = atoiField("params", f[9]); err != nil {
		return Record{}, err
	}
	if r.Pages, err = atoiField("#pages", f[10]); err != nil {
		return Record{}, err
	}
	if r.JobTime, err = hms("jobtime", f[11]); err != nil {
		return Record{}, err
	}
	if r.ConnTime, err = hms("conntime", f[12]); err != nil {
		return Record{}, err
	}
	rest := f[14:]
	switch kind {
	case "SEND", "POLL", "PAGE":
		if len(rest) >= 4 {
			r.Owner = rest[3]
		}
		if len(rest) >= 5 {
			r.DCS = rest[4]
		}
	case "RECV", "CALL":
		// CallID1 … CallIDn, <null>, dcs: the last two are fixed.
		ids := rest
		if len(ids) >= 2 {
			r.DCS = ids[len(ids)-1]
			ids = ids[:len(ids)-2]
		}
		for _, id := range ids {
			if id != "" {
				r.CallID = append(r.CallID, id)
			}
		}
	}
	return r, nil
}

func atoiField(name, s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%w: %s %.20q is not a count", ErrBadRecord, name, s)
	}
	return v, nil
}

// hms parses "HH:MM:SS" (also "MM:SS" and "0:00").
func hms(name, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("%w: %s %.20q is not HH:MM:SS", ErrBadRecord, name, s)
	}
	var d time.Duration
	for _, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || v > 1<<20 {
			return 0, fmt.Errorf("%w: %s %.20q is not HH:MM:SS", ErrBadRecord, name, s)
		}
		d = d*60 + time.Duration(v)
	}
	return d * time.Second, nil
}
