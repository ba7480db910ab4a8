package cdr_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx/cdr"
)

// Review a Master.csv: a Saturday-night call to Cuba from an extension
// that never calls abroad.
func ExampleReview() {
	const master = `"","6099","01053712345678","internal","""6099"" <6099>","PJSIP/6099-00000007","PJSIP/ntt-00000008","Dial","PJSIP/01053712345678@ntt","2026-11-28 02:13:40","2026-11-28 02:13:41","2026-11-28 02:43:00",1760,1759,"ANSWERED","DOCUMENTATION"` + "\n"
	jst := time.FixedZone("JST", 9*3600)
	rv := cdr.NewReview("pbx-1", &cdr.Options{Location: jst})
	if err := rv.Read(context.Background(), cdr.NewReader(strings.NewReader(master), "Master.csv", &cdr.ReaderOptions{Location: jst}), "Master.csv"); err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rv.Findings() {
		if f.Status == netdevsec.StatusFail {
			fmt.Println(f.RuleID, f.Location, f.Message)
		}
	}
	// Output:
	// pbx.cdr.international Master.csv:1 international call from 6099, which is not allowed to call abroad, to 01053712345678
	// pbx.cdr.high-risk-destination Master.csv:1 call from 6099 to high-risk destination +53 (CU): 01053712345678
	// pbx.cdr.off-hours Master.csv:1 external call from 6099 to 01053712345678 on a holiday (土曜日) at 2026-11-28 02:13
	// pbx.cdr.rare-extension Master.csv:1 rarely used extension 6099 (1 calls) placed an external call to 01053712345678
}

// The national holidays of a year, computed.
func ExampleJapaneseHolidays() {
	for _, h := range cdr.JapaneseHolidays(2026)[12:15] {
		fmt.Println(h.Date.Format("2006-01-02 Mon"), h.Name)
	}
	// Output:
	// 2026-09-21 Mon 敬老の日
	// 2026-09-22 Tue 国民の休日
	// 2026-09-23 Wed 秋分の日
}
