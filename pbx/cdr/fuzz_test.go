package cdr

import (
	"bytes"
	"context"
	"testing"
)

func FuzzReader(f *testing.F) {
	f.Add([]byte(row("1001", "0104412345678", "internal", "SIP/1001-1", "SIP/itsp-1", "2026-11-24 10:00:00", 60) + "\n"))
	f.Add([]byte("calldate,src,dst\n2026-11-24 10:00:00,1,2\n"))
	f.Add([]byte(`"a""b",,"c"` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, header := range []bool{false, true} {
			rv := NewReview("pbx", nil)
			rd := NewReader(bytes.NewReader(data), "f.csv", &ReaderOptions{Header: header, MaxLineLength: 512})
			_ = rv.Read(context.Background(), rd, "f.csv")
			_ = rv.Findings()
		}
	})
}
