package inventory_test

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/netdevsec/netdevsec/fax"
	"github.com/netdevsec/netdevsec/firmware"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
	"github.com/netdevsec/netdevsec/pbx"
	"github.com/netdevsec/netdevsec/router"
)

var factsErr = regexp.MustCompile(`^f\.yaml(:\d+:\d+)?: facts\.[a-z]+: `)

// FuzzDecodeFacts decodes any inventory and then every device's facts
// into each domain's facts type, as the auditors do: no panic, and an
// error names the file, the position and the facts domain, and wraps
// ErrInvalid.
func FuzzDecodeFacts(f *testing.F) {
	for _, p := range []string{"testdata/fleet.yaml", "../internal/cli/demo/fleet.yaml", "../fax/testdata/fleet.yaml", "../pbx/testdata/fleet.yaml", "../firmware/testdata/fleet.yaml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("devices:\n  - id: a\n    class: router\n    facts: {router: {expected_dns: {a: b}}, logging: {enabled: maybe}, firmware: [1], pbx: ~, fax: {x: 1}}\n")
	f.Fuzz(func(t *testing.T, src string) {
		inv, err := inventory.Decode(strings.NewReader(src), "f.yaml")
		if err != nil {
			return
		}
		for i := range inv.Devices {
			d := &inv.Devices[i]
			targets := map[string]any{
				"logging": &logging.Facts{}, "firmware": &firmware.Facts{}, "router": &router.Facts{},
				"password": &password.Facts{}, "pbx": &pbx.Recorded{}, "fax": &fax.Facts{},
			}
			for domain, v := range targets {
				_, err := d.DecodeFacts(domain, v)
				if err == nil {
					continue
				}
				if !errors.Is(err, inventory.ErrInvalid) || !factsErr.MatchString(err.Error()) {
					t.Fatalf("facts.%s error does not name file, position and domain: %v", domain, err)
				}
			}
		}
	})
}
