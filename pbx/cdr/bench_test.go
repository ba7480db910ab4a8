package cdr

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
)

// benchData is n Master.csv rows (18 columns) of a busy office: local,
// domestic and some international calls from 200 extensions.
func benchData(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		ext := 1000 + i%200
		dst := "0312345678"
		switch i % 10 {
		case 0:
			dst = "0104412345678"
		case 1, 2, 3:
			dst = fmt.Sprint(1000 + (i*7)%200)
		}
		sec := i % 86400
		fmt.Fprintf(&b, `"","%d","%s","internal","""Ext %d"" <%d>","SIP/%d-%08x","SIP/itsp-%08x","Dial","SIP/itsp/%s,60","2026-11-%02d %02d:%02d:%02d","2026-11-%02d %02d:%02d:%02d","2026-11-%02d %02d:%02d:%02d",65,60,"ANSWERED","DOCUMENTATION","1764000000.%d",""`+"\n",
			ext, dst, ext, ext, ext, i, i, dst, 2+i/86400%20, sec/3600, sec/60%60, sec%60, 2+i/86400%20, sec/3600, sec/60%60, sec%60, 2+i/86400%20, sec/3600, (sec/60+1)%60, sec%60, i)
	}
	return b.Bytes()
}

// BenchmarkReview reports rows/s of reading and reviewing Master.csv on
// one goroutine.
func BenchmarkReview(b *testing.B) {
	data := benchData(100000)
	rows := bytes.Count(data, []byte{'\n'})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rv := NewReview("pbx", &Options{AllowedInternational: []string{"1000"}})
		if err := rv.Read(context.Background(), NewReader(bytes.NewReader(data), "Master.csv", nil), "Master.csv"); err != nil {
			b.Fatal(err)
		}
		_ = rv.Findings()
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReader reports rows/s of parsing alone.
func BenchmarkReader(b *testing.B) {
	data := benchData(100000)
	rows := bytes.Count(data, []byte{'\n'})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rd := NewReader(bytes.NewReader(data), "Master.csv", nil)
		for {
			if _, err := rd.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
