package fax

import (
	"bytes"
	"os"
	"testing"

	"github.com/netdevsec/netdevsec/fax/hylafax"
)

// BenchmarkReviewTransferLog parses and reviews the 62-line test log
// (address book given); b.SetBytes makes the result a throughput.
func BenchmarkReviewTransferLog(b *testing.B) {
	data, err := os.ReadFile("testdata/xferfaxlog")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		an := NewTransferAnalyzer("fax-1", &LogOptions{AddressBook: testAddressBook})
		for rec, err := range hylafax.Records(bytes.NewReader(data), "xferfaxlog", nil) {
			if err == nil {
				an.Add(TransferFromHylaFAX(rec))
			}
		}
		_ = an.Findings()
	}
}

func BenchmarkConfirmDestination(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = ConfirmDestination("０３－１２３４－５６７８ 内線 12", "+81 3 1234 5678 x12", nil)
	}
}
