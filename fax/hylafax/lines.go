package hylafax

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Input limits of the parsers.
const (
	// MaxLineBytes bounds one line; a longer line is reported and skipped.
	MaxLineBytes = 4096
	// MaxFileBytes bounds one configuration file.
	MaxFileBytes = 4 << 20
)

// ErrTooLarge is returned when a configuration file exceeds MaxFileBytes.
var ErrTooLarge = errors.New("file too large")

// eachLine calls fn for every line of r (without the line ending),
// numbering from 1. A line longer than max is passed as tooLong with its
// first bytes and the reading goes on at the next line. It stops after
// limit bytes (0: no limit) with ErrTooLarge.
func eachLine(r io.Reader, max int, limit int64, fn func(n int, line []byte, tooLong bool) bool) error {
	br := bufio.NewReaderSize(r, max+1)
	var read int64
	n := 0
	for {
		line, err := br.ReadSlice('\n')
		read += int64(len(line))
		if limit > 0 && read > limit {
			return fmt.Errorf("more than %d bytes: %w", limit, ErrTooLarge)
		}
		tooLong := false
		if errors.Is(err, bufio.ErrBufferFull) {
			tooLong = true
			// Skip to the end of this line.
			for errors.Is(err, bufio.ErrBufferFull) {
				var more []byte
				more, err = br.ReadSlice('\n')
				read += int64(len(more))
				if limit > 0 && read > limit {
					return fmt.Errorf("more than %d bytes: %w", limit, ErrTooLarge)
				}
			}
			line = nil
		}
		if len(line) > 0 || tooLong || (err == nil) {
			n++
			line = bytes.TrimRight(line, "\r\n")
			if !fn(n, line, tooLong) {
				return nil
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
