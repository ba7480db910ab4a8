package password

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	//lint:ignore SA1019 NTLM is MD4 by definition; used only to match HIBP's NTLM files.
	"golang.org/x/crypto/md4"

	"github.com/netdevsec/netdevsec"
)

// HashMode is the hash of a Have I Been Pwned style password list.
type HashMode int

// Hash modes.
const (
	// HashSHA1 is SHA-1 of the UTF-8 password, 40 upper-case hex digits.
	HashSHA1 HashMode = iota
	// HashNTLM is MD4 of the UTF-16LE password, 32 hex digits.
	HashNTLM
)

func (m HashMode) hexLen() int {
	if m == HashNTLM {
		return 32
	}
	return 40
}

// String names the mode.
func (m HashMode) String() string {
	if m == HashNTLM {
		return "ntlm"
	}
	return "sha1"
}

// PwnedHash returns the upper-case hex hash of pw in mode, as HIBP
// files and the range API write it. The hash identifies the password:
// treat it as a secret.
func PwnedHash(mode HashMode, pw netdevsec.Secret) string {
	if mode == HashNTLM {
		u := utf16.Encode([]rune(pw.Reveal()))
		b := make([]byte, 2*len(u))
		for i, c := range u {
			binary.LittleEndian.PutUint16(b[2*i:], c)
		}
		h := md4.New()
		h.Write(b)
		return strings.ToUpper(hex.EncodeToString(h.Sum(nil)))
	}
	sum := sha1.Sum([]byte(pw.Reveal()))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// ErrBadHashFile is wrapped by malformed lines of a hash file or range
// response.
var ErrBadHashFile = errors.New("bad hash list")

// MaxHashLine bounds one line of a hash file or range response.
const MaxHashLine = 256

// HashFileError lists the malformed lines of a hash file (at most 20
// are kept; Count has them all). The good lines were still read.
type HashFileError struct {
	Name  string
	Count int
	Lines []error
}

func (e *HashFileError) Error() string {
	return fmt.Sprintf("%s: %d malformed line(s), first: %v", e.Name, e.Count, e.Lines[0])
}

// Unwrap returns the kept line errors.
func (e *HashFileError) Unwrap() []error { return e.Lines }

// LookupHashFile streams a Have I Been Pwned style file (one
// "HASH:COUNT" or "HASH" per line, SHA-1 or NTLM per mode, any order)
// and returns, for each of pws, how often it was seen (0 = not listed).
// Memory is bounded by the number of candidates, not the file: a
// multi-gigabyte download is read once, line by line. Malformed lines
// are skipped and reported in a *[HashFileError] alongside the counts;
// ctx is checked every few thousand lines.
func LookupHashFile(ctx context.Context, r io.Reader, name string, mode HashMode, pws []netdevsec.Secret) ([]int64, error) {
	want := map[string][]int{}
	for i, pw := range pws {
		h := PwnedHash(mode, pw)
		want[h] = append(want[h], i)
	}
	counts := make([]int64, len(pws))
	ferr := &HashFileError{Name: name}
	bad := func(line int, format string, args ...any) {
		ferr.Count++
		if len(ferr.Lines) < 20 {
			ferr.Lines = append(ferr.Lines, fmt.Errorf("%s:%d: %s: %w", name, line, fmt.Sprintf(format, args...), ErrBadHashFile))
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return counts, err
			}
		}
		b, err := readBoundedLine(br)
		if errors.Is(err, io.EOF) && len(b) == 0 {
			break
		}
		if errors.Is(err, errLineTooLong) {
			bad(line, "longer than %d bytes", MaxHashLine)
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return counts, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		hash, count, perr := parseHashLine(b, mode.hexLen())
		if perr != nil {
			bad(line, "%v", perr)
			continue
		}
		for _, i := range want[hash] {
			counts[i] = min(counts[i], math.MaxInt64-count) + count // saturating
		}
	}
	if ferr.Count > 0 {
		return counts, ferr
	}
	return counts, nil
}

var errLineTooLong = errors.New("line too long")

// readBoundedLine reads one line of at most MaxHashLine bytes; a longer
// line is consumed and reported as errLineTooLong.
func readBoundedLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	long := false
	for {
		frag, err := br.ReadSlice('\n')
		if !long {
			if len(buf)+len(frag) > MaxHashLine+2 {
				long, buf = true, nil
			} else {
				buf = append(buf, frag...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			if long {
				return nil, errLineTooLong
			}
			return buf, err
		}
		if long {
			return nil, errLineTooLong
		}
		return buf, nil
	}
}

func parseHashLine(b []byte, hexLen int) (string, int64, error) {
	h, c, hasCount := bytes.Cut(b, []byte(":"))
	if len(h) != hexLen || !isHex(h) {
		return "", 0, fmt.Errorf("want %d hex digits before ':'", hexLen)
	}
	count := int64(1)
	if hasCount {
		n, err := strconv.ParseInt(string(bytes.TrimSpace(c)), 10, 64)
		if err != nil || n < 0 {
			return "", 0, errors.New("count is not a non-negative integer")
		}
		count = n
	}
	return strings.ToUpper(string(h)), count, nil
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// RangeClient fetches one range of a k-anonymity password API (the
// Have I Been Pwned "range" endpoint or an internal mirror): the lines
// "SUFFIX:COUNT" of every hash starting with prefix (5 upper-case hex
// digits). Only the prefix leaves the caller. Implementations must
// honour ctx.
type RangeClient interface {
	Range(ctx context.Context, mode HashMode, prefix string) (io.ReadCloser, error)
}

// MaxRangeResponse bounds a range response (4 MiB; real ones are ~40 KB).
const MaxRangeResponse = 4 << 20

// PwnedCount asks c how often pw appears in its breach corpus; 0 means
// not seen. Only the first 5 hex digits of the hash are sent. Padding
// rows (count 0) are ignored.
func PwnedCount(ctx context.Context, c RangeClient, mode HashMode, pw netdevsec.Secret) (int64, error) {
	h := PwnedHash(mode, pw)
	prefix, suffix := h[:5], h[5:]
	rc, err := c.Range(ctx, mode, prefix)
	if err != nil {
		return 0, fmt.Errorf("range %s: %w", prefix, err)
	}
	defer rc.Close()
	br := bufio.NewReader(io.LimitReader(rc, MaxRangeResponse))
	for line := 1; ; line++ {
		b, err := readBoundedLine(br)
		if errors.Is(err, io.EOF) && len(b) == 0 {
			return 0, nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, fmt.Errorf("range %s line %d: %w", prefix, line, err)
		}
		s, count, perr := parseHashLine(bytes.TrimSpace(b), mode.hexLen()-5)
		if perr != nil {
			if len(bytes.TrimSpace(b)) == 0 {
				continue
			}
			return 0, fmt.Errorf("range %s line %d: %v: %w", prefix, line, perr, ErrBadHashFile)
		}
		if s == suffix {
			return count, nil
		}
	}
}

// HTTPRangeClient is a [RangeClient] over HTTP:
// GET BaseURL + prefix (+ "?mode=ntlm"), with Add-Padding.
type HTTPRangeClient struct {
	// BaseURL ends with the path the prefix is appended to, e.g.
	// "https://api.pwnedpasswords.com/range/".
	BaseURL string
	// Client is the HTTP client; nil means one with Timeout.
	Client *http.Client
	// Timeout bounds one request; 0 means 10 s.
	Timeout time.Duration
	// UserAgent is sent with each request; "" means "netdevsec".
	UserAgent string
}

// Range implements [RangeClient].
func (c *HTTPRangeClient) Range(ctx context.Context, mode HashMode, prefix string) (io.ReadCloser, error) {
	if len(prefix) != 5 || !isHex([]byte(prefix)) {
		return nil, fmt.Errorf("prefix must be 5 hex digits: %w", ErrBadHashFile)
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	u := c.BaseURL + prefix
	if mode == HashNTLM {
		u += "?mode=ntlm"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		cancel()
		return nil, err
	}
	ua := c.UserAgent
	if ua == "" {
		ua = "netdevsec"
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Add-Padding", "true")
	hc := c.Client
	if hc == nil {
		hc = &http.Client{Timeout: timeout}
	}
	resp, err := hc.Do(req)
	if err != nil {
		cancel()
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		cancel()
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return cancelOnClose{resp.Body, cancel}, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// BreachedReason is the failing reason for a password seen count times
// in breach data (from [LookupHashFile] or [PwnedCount]).
func BreachedReason(count int64) Reason {
	return Reason{Code: "breached", RuleID: RuleBlocklist().ID, Message: fmt.Sprintf("seen %d time(s) in breach data", count), Cite: NIST4().citation("blocklist")}
}
