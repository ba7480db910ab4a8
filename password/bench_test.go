package password

import (
	"context"
	"strings"
	"testing"
)

func BenchmarkCheck(b *testing.B) {
	c := NewChecker(nil)
	in := Input{Kind: KindLogin, User: "admin", Context: ContextWords{Vendor: "Yamaha", Model: "RTX1300", Hostname: "rtr-tokyo-1", MAC: "00:a0:de:12:34:56"}}
	for _, pw := range []string{"friend", "Tr0ub4dor&3", "correct-Horse-battery-staple-9#"} {
		b.Run(pw, func(b *testing.B) {
			s := sec(pw)
			for b.Loop() {
				if _, err := c.Check(context.Background(), s, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheck1MiB shows that hostile input is bounded: the estimator
// analyses a prefix and credits the rest.
func BenchmarkCheck1MiB(b *testing.B) {
	c := NewChecker(nil)
	s := sec(strings.Repeat("aB3$", 1<<18))
	for b.Loop() {
		if _, err := c.Check(context.Background(), s, Input{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDefaultsMatch(b *testing.B) {
	db := Defaults()
	q := DefaultQuery{Vendor: "Allied Telesis", Model: "AT-x510", User: "manager", Password: sec("not-the-default")}
	for b.Loop() {
		db.Match(q)
	}
}

func BenchmarkScanConfig(b *testing.B) {
	var sb strings.Builder
	for i := range 10000 {
		sb.WriteString("interface GigabitEthernet0/")
		sb.WriteString(strings.Repeat("1", i%3+1))
		sb.WriteString("\n description uplink\nusername u password 7 0822455D0A16\nsnmp-server community public RO\n")
	}
	cfg := sb.String()
	b.SetBytes(int64(len(cfg)))
	for b.Loop() {
		if _, err := ScanConfig("bench.cfg", strings.NewReader(cfg)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyHash(b *testing.B) {
	for name, h := range map[string]string{
		"type5": "$1$28772684$iEwNOgGugqO9.bIz5sk8k/",
		"type8": "$8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk",
		"type9": "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6",
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				VerifyHash(h, sec("hashcat"))
			}
		})
	}
}
