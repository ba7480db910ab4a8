package version_test

import (
	"fmt"

	"github.com/netdevsec/netdevsec/firmware/version"
)

func Example() {
	s, _ := version.ForProduct("cisco", "ios_xe")
	a := version.MustParse(s, "17.9.4")
	b := version.MustParse(s, "17.9.4a")
	c := version.MustParse(s, "17.6.6")
	fmt.Println(version.Compare(a, b))
	fmt.Println(version.Compare(a, c))
	fmt.Println(b.Branch(), c.Branch())
	// Output:
	// -1 true
	// 0 false
	// 17.9 17.6
}

func ExampleEqual() {
	fmt.Println(version.Equal(
		version.MustParse(version.YamahaRev, "Rev.15.02.09"),
		version.MustParse(version.YamahaRev, "15.02.09")))
	fmt.Println(version.Equal(
		version.MustParse(version.ASUS, "3.0.0.4.386_51598"),
		version.MustParse(version.ASUS, "3.0.0.4.386.51598")))
	// Output:
	// true
	// true
}
