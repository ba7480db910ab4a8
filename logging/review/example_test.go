package review_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

func Example() {
	logs := `<188>59: rtr1: Nov 20 10:03:00.001 JST: %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: hunter2] [Source: 198.51.100.7] [localport: 22] [Reason: Login Authentication Failed] at 10:03:00 JST Fri Nov 20 2026
Fri Nov 20 10:05:00 2026 daemon.info dnsmasq-dhcp[1500]: DHCPACK(br-lan) 192.168.1.151 66:77:88:99:aa:c1 phone
<189>67: rtr1: Nov 21 02:15:10.000 JST: %PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:no logging buffered
`
	e := review.New(&review.Options{
		Reference: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		KnownMACs: []string{"00:11:22:33:44:55"},
	})
	_ = e.Review(context.Background(), strings.NewReader(logs), "router.log", func(f netdevsec.Finding) {
		fmt.Printf("%s %s: %s\n", f.Location, f.RuleID, f.Message)
	})
	// Output:
	// router.log:1 logging.review.login-failure: login failed for a user name that is not known (redacted) from 198.51.100.7
	// router.log:2 logging.review.unknown-device: address 192.168.1.151 leased to 66:77:88:99:aa:c1, which is not in the inventory on br-lan
	// router.log:3 logging.review.log-cleared: logs cleared or logging turned off by "admin"
}
