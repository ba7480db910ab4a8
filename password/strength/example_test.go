package strength_test

import (
	"context"
	"fmt"

	"github.com/netdevsec/netdevsec/password/strength"
)

func ExampleEstimator_Estimate() {
	est := strength.New(nil) // zxcvbn 4.4.2 compatible; build once, reuse
	r, err := est.Estimate(context.Background(), "Tr0ub4dour&3", nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("score %d, %.0f guesses\n", r.Score, r.Guesses)
	for _, m := range r.Sequence {
		switch m.Pattern {
		case strength.PatternDictionary:
			fmt.Printf("%s: %s word rank %d, l33t %v\n", m.Pattern, m.DictionaryName, m.Rank, m.L33t)
		default:
			fmt.Printf("%s: %d characters\n", m.Pattern, m.J-m.I+1)
		}
	}
	fmt.Println("offline, slow hash:", r.CrackTimesDisplay.OfflineSlowHashing1e4PerSecond)
	// Output:
	// score 2, 19058000 guesses
	// dictionary: us_tv_and_film word rank 11905, l33t true
	// bruteforce: 2 characters
	// offline, slow hash: 32 minutes
}

func ExampleEstimate() {
	r, err := strength.Estimate(context.Background(), "correcthorsebatterystaple", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Score, len(r.Sequence))
	// Output:
	// 4 4
}

// Context words make device-derived passwords weak.
func ExampleContextWords_Inputs() {
	dev := strength.ContextWords{Vendor: "Yamaha", Model: "RTX1210", MAC: "00:a0:de:12:34:56"}
	est := strength.New(nil)
	for _, pw := range []string{"rtx1210yamaha", "00a0de123456"} {
		plain, _ := est.Estimate(context.Background(), pw, nil)
		withCtx, _ := est.Estimate(context.Background(), pw, dev.Inputs())
		fmt.Println(plain.Score, "->", withCtx.Score, withCtx.Sequence[0].DictionaryName)
	}
	// Output:
	// 3 -> 1 user_inputs
	// 3 -> 0 user_inputs
}

func ExampleDeviceDerived() {
	dev := strength.ContextWords{Vendor: "Yamaha", UserName: "admin", MAC: "00-A0-DE-12-34-56"}
	for _, pw := range []string{"Yamaha2024!", "de123456", "n1md4", "correct horse"} {
		derived, reason := strength.DeviceDerived(pw, dev)
		fmt.Printf("%v %q\n", derived, reason)
	}
	// Output:
	// true "built from the vendor name with simple additions"
	// true "equals the MAC address (last 8 hex digits)"
	// false ""
	// false ""
}

// Improved mode normalises (NFKC) and knows recent years up to its
// reference year.
func ExampleMode() {
	ctx := context.Background()
	compat, _ := strength.Estimate(ctx, "ｐａｓｓｗｏｒｄ2024", nil)
	improved, _ := strength.Estimate(ctx, "ｐａｓｓｗｏｒｄ2024", &strength.Options{Mode: strength.Improved, ReferenceYear: 2026})
	fmt.Println(compat.Score, improved.Score)
	// Output:
	// 4 1
}
