package sip

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrMalformed is wrapped by response parse errors.
var ErrMalformed = errors.New("malformed SIP message")

// Limits on what the parser accepts from a peer.
const (
	// MaxMessageSize bounds one response (headers and body).
	MaxMessageSize = 64 << 10
	// MaxHeaders bounds the number of header lines.
	MaxHeaders = 128
)

// Response is a parsed SIP response.
type Response struct {
	StatusCode int
	Reason     string
	// Headers by canonical name ("Via", "WWW-Authenticate"); compact
	// forms (v, f, t, i, m, l, c, k, s) are expanded.
	Headers map[string][]string
	Body    []byte
}

// Header returns the first value of name (case-insensitive), or "".
func (r *Response) Header(name string) string {
	if v := r.Headers[canonical(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Server returns the Server header, or User-Agent when the peer sent
// that instead (some PBXs do).
func (r *Response) Server() string {
	if s := r.Header("Server"); s != "" {
		return s
	}
	return r.Header("User-Agent")
}

// Allow returns the methods of the Allow headers.
func (r *Response) Allow() []string {
	var out []string
	for _, v := range r.Headers["Allow"] {
		for _, m := range strings.Split(v, ",") {
			if m = strings.TrimSpace(m); m != "" {
				out = append(out, strings.ToUpper(m))
			}
		}
	}
	return out
}

// Challenge returns the digest challenge (WWW-Authenticate or
// Proxy-Authenticate) the response carries, or "".
func (r *Response) Challenge() string {
	if c := r.Header("WWW-Authenticate"); c != "" {
		return c
	}
	return r.Header("Proxy-Authenticate")
}

var compact = map[string]string{
	"v": "Via", "f": "From", "t": "To", "i": "Call-ID", "m": "Contact", "l": "Content-Length",
	"c": "Content-Type", "k": "Supported", "s": "Subject", "e": "Content-Encoding", "o": "Event",
}

var special = map[string]string{
	"call-id": "Call-ID", "cseq": "CSeq", "www-authenticate": "WWW-Authenticate", "mime-version": "MIME-Version",
}

func canonical(name string) string {
	l := strings.ToLower(strings.TrimSpace(name))
	if c, ok := compact[l]; ok {
		return c
	}
	if c, ok := special[l]; ok {
		return c
	}
	b := []byte(l)
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '-'
	}
	return string(b)
}

// ParseResponse parses one SIP response. It accepts CRLF or bare LF line
// ends and folded header lines, and rejects requests, bad status lines,
// more than [MaxHeaders] headers and messages larger than
// [MaxMessageSize]. A body beyond Content-Length is ignored; a shorter
// one is an error.
func ParseResponse(data []byte) (*Response, error) {
	if len(data) > MaxMessageSize {
		return nil, fmt.Errorf("%d bytes, more than %d: %w", len(data), MaxMessageSize, ErrMalformed)
	}
	head, body, found := bytes.Cut(data, []byte("\r\n\r\n"))
	if !found {
		head, body, found = bytes.Cut(data, []byte("\n\n"))
	}
	if !found {
		return nil, fmt.Errorf("no end of headers: %w", ErrMalformed)
	}
	lines := strings.Split(strings.ReplaceAll(string(head), "\r\n", "\n"), "\n")
	status := lines[0]
	if !strings.HasPrefix(status, "SIP/2.0 ") {
		return nil, fmt.Errorf("status line %q: %w", trunc(status), ErrMalformed)
	}
	codeText, reason, _ := strings.Cut(status[len("SIP/2.0 "):], " ")
	code, err := strconv.Atoi(codeText)
	if err != nil || len(codeText) != 3 || code < 100 || code > 699 {
		return nil, fmt.Errorf("status code %q: %w", trunc(codeText), ErrMalformed)
	}
	r := &Response{StatusCode: code, Reason: reason, Headers: map[string][]string{}}
	var last string
	n := 0
	for _, line := range lines[1:] {
		if line == "" {
			continue
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			vs := r.Headers[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" || strings.ContainsAny(strings.TrimSpace(name), " \t") {
			return nil, fmt.Errorf("header line %q: %w", trunc(line), ErrMalformed)
		}
		if n++; n > MaxHeaders {
			return nil, fmt.Errorf("more than %d headers: %w", MaxHeaders, ErrMalformed)
		}
		last = canonical(name)
		r.Headers[last] = append(r.Headers[last], strings.TrimSpace(value))
	}
	if cl := r.Header("Content-Length"); cl != "" {
		l, err := strconv.Atoi(cl)
		if err != nil || l < 0 {
			return nil, fmt.Errorf("Content-Length %q: %w", trunc(cl), ErrMalformed)
		}
		if l > len(body) {
			return nil, fmt.Errorf("body shorter than Content-Length %d: %w", l, ErrMalformed)
		}
		body = body[:l]
	}
	if len(body) > 0 {
		r.Body = bytes.Clone(body)
	}
	return r, nil
}

func trunc(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// cseq returns the number and method of a CSeq value.
func cseq(v string) (int, string) {
	n, m, _ := strings.Cut(strings.TrimSpace(v), " ")
	k, _ := strconv.Atoi(n)
	return k, strings.TrimSpace(m)
}

// toTag returns the tag parameter of a To header.
func toTag(v string) string {
	i := strings.Index(strings.ToLower(v), ";tag=")
	if i < 0 {
		return ""
	}
	t := v[i+5:]
	if j := strings.IndexAny(t, ";> "); j >= 0 {
		t = t[:j]
	}
	return t
}
