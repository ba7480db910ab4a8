package syslog

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// Framing selects how a [Scanner] splits a stream into records.
type Framing uint8

// Framings.
const (
	// FramingAuto reads each record as octet-counted when it starts with
	// "LEN <" (RFC 6587 §3.4.1 / RFC 5425) and as one line otherwise, so
	// that files and mixed streams both work.
	FramingAuto Framing = iota
	// FramingLF reads one record per line (RFC 6587 §3.4.2 non-transparent
	// framing with LF, CR LF or NUL trailers).
	FramingLF
	// FramingOctetCounting reads "MSG-LEN SP SYSLOG-MSG" records only.
	FramingOctetCounting
)

// DefaultMaxRecord is the default bound on one record: RFC 5425 asks
// receivers to accept 8192 octets; device logs have longer lines (Junos
// structured data, FortiGate), so 64 KiB.
const DefaultMaxRecord = 64 << 10

// ErrFraming is wrapped by errors about a malformed octet count.
var ErrFraming = errors.New("bad octet-counted frame")

// ScanOptions tune a [Scanner]; nil or zero is FramingAuto with
// [DefaultMaxRecord].
type ScanOptions struct {
	Framing Framing
	// MaxRecord bounds one record in bytes; 0 means DefaultMaxRecord. A
	// longer record is truncated (Truncated reports it) and the rest of
	// it skipped, so memory stays bounded and the next record is read.
	MaxRecord int
}

// Scanner reads records from a stream with bounded memory. Like
// bufio.Scanner, the slice Bytes returns is valid until the next Scan.
type Scanner struct {
	r         *bufio.Reader
	framing   Framing
	max       int
	buf       []byte
	rec       []byte
	line      int // line number (LF) or record number (octet counting) of rec
	nextLine  int
	truncated bool
	err       error
	offset    int64
}

// NewScanner returns a scanner over r.
func NewScanner(r io.Reader, o *ScanOptions) *Scanner {
	s := &Scanner{framing: FramingAuto, max: DefaultMaxRecord, nextLine: 1}
	if o != nil {
		s.framing = o.Framing
		if o.MaxRecord > 0 {
			s.max = o.MaxRecord
		}
	}
	s.r = bufio.NewReaderSize(r, min(max(s.max, 4096), 1<<20))
	return s
}

// Scan advances to the next record; it returns false at the end of the
// stream or on a read error (see Err).
func (s *Scanner) Scan() bool {
	if s.err != nil {
		return false
	}
	s.truncated = false
	s.line = s.nextLine
	octet := s.framing == FramingOctetCounting
	if s.framing == FramingAuto {
		octet = s.looksOctetCounted()
	}
	var err error
	if octet {
		err = s.readOctet()
	} else {
		err = s.readLine()
	}
	if err != nil {
		if err == io.EOF && s.rec != nil {
			s.err = io.EOF
			return true
		}
		s.err = err
		return false
	}
	return true
}

// looksOctetCounted peeks for "DIGITS SP <".
func (s *Scanner) looksOctetCounted() bool {
	b, _ := s.r.Peek(12)
	n := 0
	for n < len(b) && isDigit(b[n]) {
		n++
	}
	return n > 0 && n <= 9 && n+1 < len(b) && b[n] == ' ' && b[n+1] == '<' && b[0] != '0'
}

func (s *Scanner) readLine() error {
	s.buf = s.buf[:0]
	s.rec = nil
	for {
		chunk, err := s.r.ReadSlice('\n')
		s.offset += int64(len(chunk))
		if room := s.max - len(s.buf); room > 0 {
			if len(chunk) > room {
				s.buf = append(s.buf, chunk[:room]...)
				s.truncated = true
			} else {
				s.buf = append(s.buf, chunk...)
			}
		} else if len(chunk) > 0 && !(len(chunk) == 1 && chunk[0] == '\n') {
			s.truncated = true
		}
		switch {
		case err == nil:
			s.nextLine++
			s.rec = trimEOL(s.buf)
			return nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			if len(s.buf) == 0 {
				return io.EOF
			}
			s.rec = trimEOL(s.buf)
			return io.EOF
		default:
			return err
		}
	}
}

func (s *Scanner) readOctet() error {
	s.rec = nil
	n := 0
	digitsRead := 0
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			if err == io.EOF && digitsRead > 0 {
				return fmt.Errorf("record %d: stream ends inside the octet count: %w", s.line, ErrFraming)
			}
			return err
		}
		s.offset++
		if c == ' ' && digitsRead > 0 {
			break
		}
		if (c == '\n' || c == '\r') && digitsRead == 0 {
			continue // tolerate a trailer between frames
		}
		if !isDigit(c) || digitsRead >= 9 {
			return fmt.Errorf("record %d: byte %d: unexpected %q in octet count: %w", s.line, s.offset, c, ErrFraming)
		}
		n = n*10 + int(c-'0')
		digitsRead++
	}
	keep := min(n, s.max)
	if cap(s.buf) < keep {
		s.buf = make([]byte, keep)
	}
	s.buf = s.buf[:keep]
	got, err := io.ReadFull(s.r, s.buf)
	s.offset += int64(got)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("record %d: %d of %d octets before the stream ended: %w", s.line, got, n, ErrFraming)
		}
		return err
	}
	if n > keep {
		s.truncated = true
		skipped, err := s.r.Discard(n - keep)
		s.offset += int64(skipped)
		if err != nil {
			return fmt.Errorf("record %d: stream ends inside a %d-octet record: %w", s.line, n, ErrFraming)
		}
	}
	s.nextLine++
	s.rec = trimEOL(s.buf)
	return nil
}

// Bytes returns the current record without its framing.
func (s *Scanner) Bytes() []byte { return s.rec }

// Line returns the line number (LF framing) or record number (octet
// counting) of the current record, from 1.
func (s *Scanner) Line() int { return s.line }

// Truncated reports whether the current record was longer than the
// maximum and was cut.
func (s *Scanner) Truncated() bool { return s.truncated }

// Offset returns how many bytes of the stream were consumed.
func (s *Scanner) Offset() int64 { return s.offset }

// Err returns the first error other than io.EOF.
func (s *Scanner) Err() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}
