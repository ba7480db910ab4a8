package review_test

import (
	"io"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

// genLog is an io.Reader of size bytes of mixed-vendor log lines whose
// addresses, MACs and users keep changing, so that every state table of
// the engine fills up. It produces the data on the fly.
type genLog struct {
	left int64
	n    int
	buf  []byte
	off  int
}

func (g *genLog) Read(p []byte) (int, error) {
	if g.left <= 0 {
		return 0, io.EOF
	}
	if g.off >= len(g.buf) {
		g.buf, g.off = g.line(g.buf[:0]), 0
	}
	n := copy(p, g.buf[g.off:])
	if int64(n) > g.left {
		n = int(g.left)
	}
	g.off += n
	g.left -= int64(n)
	return n, nil
}

func (g *genLog) line(b []byte) []byte {
	g.n++
	i := g.n
	ip := func(b []byte) []byte {
		b = append(b, "198.51."...)
		b = strconv.AppendInt(b, int64(i>>8&0xff), 10)
		b = append(b, '.')
		return strconv.AppendInt(b, int64(i&0xff), 10)
	}
	sec := int64(i % 60)
	switch i % 5 {
	case 0:
		b = append(b, "<188>59: rtr1: Nov 20 10:03:"...)
		b = strconv.AppendInt(b, sec/10, 10)
		b = strconv.AppendInt(b, sec%10, 10)
		b = append(b, ".001 JST: %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: u"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, "] [Source: "...)
		b = ip(b)
		b = append(b, "] [localport: 22] [Reason: Login Authentication Failed]\n"...)
	case 1:
		b = append(b, "Fri Nov 20 10:04:00 2026 daemon.info dnsmasq-dhcp[1500]: DHCPACK(br-lan) 192.168.1.150 02:00:"...)
		for k := 3; k >= 0; k-- {
			v := byte(i >> (8 * k))
			b = append(b, "0123456789abcdef"[v>>4], "0123456789abcdef"[v&15])
			if k > 0 {
				b = append(b, ':')
			}
		}
		b = append(b, " host\n"...)
	case 2:
		b = append(b, "<14>1 2026-11-20T10:31:00.000+09:00 srx1 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 source-address=\"192.168.1.10\" destination-address=\""...)
		b = ip(b)
		b = append(b, "\" destination-port=\""...)
		b = strconv.AppendInt(b, int64(1024+i%60000), 10)
		b = append(b, "\"] session created\n"...)
	case 3:
		b = append(b, "<134>Nov 20 10:09:00 192.0.2.3 PP[01] Rejected at IN(2000) filter: TCP "...)
		b = ip(b)
		b = append(b, ":4433 > 192.0.2.3:"...)
		b = strconv.AppendInt(b, int64(i%1000), 10)
		b = append(b, '\n')
	default:
		b = append(b, "<189>date=2026-11-20 time=10:01:00 devname=\"FGT60F\" logid=\"0100032001\" type=\"event\" subtype=\"system\" level=\"information\" tz=\"+0900\" logdesc=\"Admin login successful\" user=\"admin\" ui=\"https("...)
		b = ip(b)
		b = append(b, ")\" action=\"login\" status=\"success\"\n"...)
	}
	return b
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestConstantMemory streams a generated log through the engine and
// checks the heap stays bounded and does not grow with the input. The
// default size is 50 MB; NETDEVSEC_LOG_BYTES sets another, e.g.
//
//	NETDEVSEC_LOG_BYTES=1000000000 go test -run TestConstantMemory -v ./logging/review/
func TestConstantMemory(t *testing.T) {
	size := int64(50 << 20)
	if testing.Short() {
		size = 8 << 20
	}
	if v := os.Getenv("NETDEVSEC_LOG_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		require.NoError(t, err)
		size = n
	}
	o := &review.Options{Reference: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), MaxTracked: 2000}
	base := heapInUse()
	var samples []uint64
	next := size / 8
	o.Progress = func(read int64) {
		if read >= next {
			samples = append(samples, heapInUse())
			next += size / 8
		}
	}
	e := review.New(o)
	findings := 0
	start := time.Now()
	require.NoError(t, e.Review(t.Context(), &genLog{left: size}, "gen.log", func(netdevsec.Finding) { findings++ }))
	elapsed := time.Since(start)
	end := heapInUse()
	t.Logf("%d MB, %d records in %s (%.0f records/s); heap base %d KiB, samples %v KiB, end %d KiB; %d findings",
		size>>20, e.Records(), elapsed, float64(e.Records())/elapsed.Seconds(), base>>10, kib(samples), end>>10, findings)
	require.GreaterOrEqual(t, len(samples), 4)
	const limit = 48 << 20
	for _, s := range samples {
		assert.Less(t, s, base+limit, "heap above %d MiB", limit>>20)
	}
	// No growth with input size: the last sample is not much above the
	// one at a quarter of the input.
	q := samples[len(samples)/4]
	assert.Less(t, samples[len(samples)-1], q+q/2+(4<<20), "heap grows with the input")
}

func kib(s []uint64) []uint64 {
	out := make([]uint64, len(s))
	for i, v := range s {
		out[i] = v >> 10
	}
	return out
}
