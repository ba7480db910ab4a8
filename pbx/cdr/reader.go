package cdr

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Field is a call-record column the review understands.
type Field int

// Fields. FieldIgnore marks a column the review does not use.
const (
	FieldIgnore Field = iota
	FieldAccountCode
	FieldSrc
	FieldDst
	FieldDContext
	FieldCLID
	FieldChannel
	FieldDstChannel
	FieldLastApp
	FieldLastData
	FieldStart
	FieldAnswer
	FieldEnd
	FieldDuration
	FieldBillsec
	FieldDisposition
	FieldAMAFlags
	FieldUniqueID
	FieldUserField
	FieldPeerAccount
	FieldLinkedID
	FieldSequence
	numFields
)

var fieldNames = [...]string{"", "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
	"start", "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid", "userfield", "peeraccount", "linkedid", "sequence"}

// String returns the Asterisk column name.
func (f Field) String() string {
	if f < 0 || int(f) >= len(fieldNames) {
		return "field" + strconv.Itoa(int(f))
	}
	return fieldNames[f]
}

// Layout maps column positions to fields.
type Layout struct {
	Columns []Field
}

var masterBase = []Field{FieldAccountCode, FieldSrc, FieldDst, FieldDContext, FieldCLID, FieldChannel, FieldDstChannel,
	FieldLastApp, FieldLastData, FieldStart, FieldAnswer, FieldEnd, FieldDuration, FieldBillsec, FieldDisposition, FieldAMAFlags}

// MasterCSVLayout returns the layout of an Asterisk cdr_csv Master.csv row
// with n columns:
//
//   - 16: accountcode, src, dst, dcontext, clid, channel, dstchannel,
//     lastapp, lastdata, start, answer, end, duration, billsec,
//     disposition, amaflags (loguniqueid=no, loguserfield=no)
//   - 17: the 16 plus uniqueid (loguniqueid=yes)
//   - 18: the 16 plus uniqueid, userfield (cdr.conf.sample's
//     loguniqueid=yes, loguserfield=yes)
//   - 19: the 16 plus peeraccount, linkedid, sequence
//   - 21: the 16 plus uniqueid, userfield, peeraccount, linkedid,
//     sequence
//
// Other counts are an error: use [HeaderLayout] for cdr_custom files.
func MasterCSVLayout(n int) (Layout, error) {
	cols := append([]Field(nil), masterBase...)
	switch n {
	case 16:
	case 17:
		cols = append(cols, FieldUniqueID)
	case 18:
		cols = append(cols, FieldUniqueID, FieldUserField)
	case 19:
		cols = append(cols, FieldPeerAccount, FieldLinkedID, FieldSequence)
	case 21:
		cols = append(cols, FieldUniqueID, FieldUserField, FieldPeerAccount, FieldLinkedID, FieldSequence)
	default:
		return Layout{}, fmt.Errorf("%d columns is not a Master.csv layout (16, 17, 18, 19 or 21): %w", n, ErrLayout)
	}
	return Layout{Columns: cols}, nil
}

// DefaultHeaderNames maps column headers of cdr_custom, cdr_adaptive_odbc,
// FreeSWITCH mod_cdr_csv and generic exports to fields (lower case).
func DefaultHeaderNames() map[string]Field {
	m := map[string]Field{
		"calldate": FieldStart, "start_stamp": FieldStart, "start_time": FieldStart, "starttime": FieldStart,
		"answer_stamp": FieldAnswer, "end_stamp": FieldEnd, "endtime": FieldEnd,
		"caller_id_number": FieldSrc, "source": FieldSrc, "from": FieldSrc,
		"destination_number": FieldDst, "destination": FieldDst, "to": FieldDst,
		"context": FieldDContext, "channel_name": FieldChannel, "hangup_cause": FieldDisposition,
		"account": FieldAccountCode, "uuid": FieldUniqueID,
	}
	for i := FieldAccountCode; i < numFields; i++ {
		m[i.String()] = i
	}
	return m
}

// HeaderLayout builds a layout from a header row: each column whose
// name (case-insensitive, trimmed) is in names (nil means
// [DefaultHeaderNames]) maps to its field. It is an error when the
// header names no start time or no destination.
func HeaderLayout(header []string, names map[string]Field) (Layout, error) {
	if names == nil {
		names = DefaultHeaderNames()
	}
	l := Layout{Columns: make([]Field, len(header))}
	var haveStart, haveDst bool
	for i, h := range header {
		f := names[strings.ToLower(strings.TrimSpace(h))]
		l.Columns[i] = f
		haveStart = haveStart || f == FieldStart
		haveDst = haveDst || f == FieldDst
	}
	if !haveStart || !haveDst {
		return Layout{}, fmt.Errorf("header names no start time and destination column: %w", ErrLayout)
	}
	return l, nil
}

// Sentinel errors.
var (
	// ErrLayout is wrapped when columns cannot be mapped to fields.
	ErrLayout = errors.New("unknown CDR layout")
	// ErrRow is wrapped by row errors.
	ErrRow = errors.New("bad CDR row")
)

// RowError is one bad row; reading goes on after it.
type RowError struct {
	File string
	Line int
	Err  error
}

func (e *RowError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the cause.
func (e *RowError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrRow) true.
func (e *RowError) Is(target error) bool { return target == ErrRow }

// Record is one call. Byte-slice fields alias the reader's buffer and
// are valid only until the next call of [Reader.Next]; copy what you keep.
type Record struct {
	Line        int
	AccountCode []byte
	Src         []byte
	Dst         []byte
	DContext    []byte
	Channel     []byte
	DstChannel  []byte
	LastApp     []byte
	Disposition []byte
	Start       time.Time
	End         time.Time
	Duration    int
	Billsec     int
}

// ReaderOptions tune [NewReader]. The zero value reads Master.csv in any
// of its layouts, times in UTC.
type ReaderOptions struct {
	// Layout fixes the columns; nil means a Master.csv layout chosen by
	// each row's column count, or the header when Header is set.
	Layout *Layout
	// Header says the first row names the columns (cdr_custom, generic
	// CSV); HeaderNames maps the names (nil means DefaultHeaderNames).
	Header      bool
	HeaderNames map[string]Field
	// Location is the time zone of the timestamps: Asterisk writes local
	// time unless usegmtime=yes. nil means UTC.
	Location *time.Location
	// MaxLineLength bounds a row; 0 means 64 KiB. Longer rows are
	// reported and skipped.
	MaxLineLength int
}

// Reader streams call records from CSV at constant memory.
type Reader struct {
	br      *bufio.Reader
	name    string
	opts    ReaderOptions
	layout  *Layout
	line    int
	fields  [][]byte
	scratch []byte
	rec     Record
	layouts map[int]*Layout
	header  bool
}

// NewReader returns a reader of r; name is used in row errors.
func NewReader(r io.Reader, name string, opts *ReaderOptions) *Reader {
	var o ReaderOptions
	if opts != nil {
		o = *opts
	}
	if o.MaxLineLength <= 0 {
		o.MaxLineLength = 64 << 10
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	return &Reader{br: bufio.NewReaderSize(r, o.MaxLineLength+1), name: name, opts: o, layout: o.Layout,
		layouts: map[int]*Layout{}, header: o.Header, fields: make([][]byte, 0, 24)}
}

// Next returns the next record; a bad row returns a *[RowError] (wrapping
// [ErrRow]) and the caller may go on; the end is io.EOF.
func (r *Reader) Next() (*Record, error) {
	for {
		line, err := r.br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			r.line++
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = r.br.ReadSlice('\n')
			}
			return nil, &RowError{File: r.name, Line: r.line, Err: fmt.Errorf("row longer than %d bytes skipped: %w", r.opts.MaxLineLength, ErrRow)}
		}
		if len(line) == 0 && err != nil {
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("%s: %w", r.name, err)
		}
		r.line++
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			continue
		}
		if e := r.split(line); e != nil {
			return nil, &RowError{File: r.name, Line: r.line, Err: e}
		}
		if r.header {
			r.header = false
			hdr := make([]string, len(r.fields))
			for i, f := range r.fields {
				hdr[i] = string(f)
			}
			l, e := HeaderLayout(hdr, r.opts.HeaderNames)
			if e != nil {
				return nil, fmt.Errorf("%s:%d: %w", r.name, r.line, e)
			}
			r.layout = &l
			continue
		}
		layout := r.layout
		if layout == nil {
			n := len(r.fields)
			layout = r.layouts[n]
			if layout == nil {
				l, e := MasterCSVLayout(n)
				if e != nil {
					return nil, &RowError{File: r.name, Line: r.line, Err: e}
				}
				layout = &l
				if len(r.layouts) < 8 {
					r.layouts[n] = layout
				}
			}
		} else if len(r.fields) != len(layout.Columns) {
			return nil, &RowError{File: r.name, Line: r.line, Err: fmt.Errorf("%d columns, want %d: %w", len(r.fields), len(layout.Columns), ErrRow)}
		}
		if e := r.fill(layout); e != nil {
			return nil, &RowError{File: r.name, Line: r.line, Err: e}
		}
		return &r.rec, nil
	}
}

// split cuts a CSV row into fields over bytes: "" inside quotes is a
// quote; fields alias line or the scratch buffer.
func (r *Reader) split(line []byte) error {
	r.fields = r.fields[:0]
	r.scratch = r.scratch[:0]
	i := 0
	for {
		if i < len(line) && line[i] == '"' {
			i++
			start := len(r.scratch)
			simple := true
			begin := i
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 {
					return fmt.Errorf("unterminated quote: %w", ErrRow)
				}
				if i+j+1 < len(line) && line[i+j+1] == '"' {
					if simple {
						r.scratch = append(r.scratch, line[begin:i+j+1]...)
						simple = false
					} else {
						r.scratch = append(r.scratch, line[i:i+j+1]...)
					}
					i += j + 2
					continue
				}
				if simple {
					r.fields = append(r.fields, line[begin:i+j])
				} else {
					r.scratch = append(r.scratch, line[i:i+j]...)
					r.fields = append(r.fields, r.scratch[start:len(r.scratch):len(r.scratch)])
				}
				i += j + 1
				break
			}
			if i == len(line) {
				return nil
			}
			if line[i] != ',' {
				return fmt.Errorf("text after closing quote at byte %d: %w", i+1, ErrRow)
			}
			i++
			if i == len(line) {
				r.fields = append(r.fields, nil)
				return nil
			}
			continue
		}
		j := bytes.IndexByte(line[i:], ',')
		if j < 0 {
			r.fields = append(r.fields, line[i:])
			return nil
		}
		r.fields = append(r.fields, line[i:i+j])
		i += j + 1
		if i == len(line) {
			r.fields = append(r.fields, nil)
			return nil
		}
	}
}

func (r *Reader) fill(l *Layout) error {
	rec := &r.rec
	*rec = Record{Line: r.line}
	var err error
	var endRaw []byte
	haveDuration := false
	for i, f := range l.Columns {
		if i >= len(r.fields) {
			break
		}
		v := r.fields[i]
		switch f {
		case FieldAccountCode:
			rec.AccountCode = v
		case FieldSrc:
			rec.Src = v
		case FieldDst:
			rec.Dst = v
		case FieldDContext:
			rec.DContext = v
		case FieldChannel:
			rec.Channel = v
		case FieldDstChannel:
			rec.DstChannel = v
		case FieldLastApp:
			rec.LastApp = v
		case FieldDisposition:
			rec.Disposition = v
		case FieldStart:
			if rec.Start, err = parseTime(v, r.opts.Location); err != nil {
				return fmt.Errorf("start %q: %w", truncate(v), err)
			}
		case FieldEnd:
			endRaw = v
		case FieldDuration:
			rec.Duration, haveDuration = atoi(v)
		case FieldBillsec:
			rec.Billsec, _ = atoi(v)
		}
	}
	if rec.Start.IsZero() {
		return fmt.Errorf("no start time: %w", ErrRow)
	}
	// Asterisk's duration is end - start: use it rather than parse end.
	switch {
	case haveDuration || len(endRaw) == 0:
		rec.End = rec.Start.Add(time.Duration(rec.Duration) * time.Second)
	default:
		if rec.End, err = parseTime(endRaw, r.opts.Location); err != nil {
			return fmt.Errorf("end %q: %w", truncate(endRaw), err)
		}
	}
	return nil
}

func truncate(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

func atoi(b []byte) (int, bool) {
	n := 0
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseTime reads "2006-01-02 15:04:05" (also with a 'T', or fractional
// seconds, which are dropped) without allocating.
func parseTime(b []byte, loc *time.Location) (time.Time, error) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != ' ' && b[10] != 'T') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, fmt.Errorf("want YYYY-MM-DD HH:MM:SS: %w", ErrRow)
	}
	y, ok1 := atoi(b[0:4])
	mo, ok2 := atoi(b[5:7])
	d, ok3 := atoi(b[8:10])
	h, ok4 := atoi(b[11:13])
	mi, ok5 := atoi(b[14:16])
	s, ok6 := atoi(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, fmt.Errorf("want YYYY-MM-DD HH:MM:SS: %w", ErrRow)
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, 0, loc), nil
}
