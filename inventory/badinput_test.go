package inventory_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/inventory"
)

// TestBadInputKeepsGoodDevices: a broken entry of the devices list is an
// error naming the file and the entry, and the other devices are kept.
func TestBadInputKeepsGoodDevices(t *testing.T) {
	tests := []struct {
		name, entry, want string
	}{
		{name: "empty entry", entry: "  -\n", want: "fleet.yaml: device #2: empty device entry"},
		{name: "null entry", entry: "  - ~\n", want: "fleet.yaml: device #2"},
		{name: "unknown field", entry: "  - id: bad\n    class: router\n    colour: red\n", want: "fleet.yaml:6:5: device bad: unknown field"},
		{name: "wrong type", entry: "  - id: bad\n    class: [router]\n", want: "fleet.yaml:5:12: device bad"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := "devices:\n  - id: good1\n    class: router\n" + tc.entry + "  - id: good2\n    class: pbx\n"
			inv, err := inventory.Decode(strings.NewReader(doc), "fleet.yaml")
			require.NoError(t, err)
			var ids []string
			for _, d := range inv.Devices {
				ids = append(ids, d.ID)
			}
			assert.Equal(t, []string{"good1", "good2"}, ids)
			require.Len(t, inv.Errors, 1)
			assert.Contains(t, inv.Errors[0].Error(), tc.want)
		})
	}
}

// TestBadInputWholeFile: a file that is not an inventory at all is one
// error naming the file (and the line where YAML says so).
func TestBadInputWholeFile(t *testing.T) {
	for name, doc := range map[string]string{
		"truncated":   "devices:\n  - id: a\n    class: router\n    files: {configs: [a.cfg",
		"not yaml":    "\x00\x01\x02",
		"empty":       "",
		"bad version": "version: 7\ndevices: []\n",
		"list at top": "- id: a\n",
		"bare tag":    "devices:\n  ! 00000000", // panicked in goccy/go-yaml (found by FuzzDecode)
	} {
		t.Run(name, func(t *testing.T) {
			inv, err := inventory.Decode(strings.NewReader(doc), "fleet.yaml")
			require.Error(t, err)
			assert.Nil(t, inv)
			assert.Contains(t, err.Error(), "fleet.yaml")
		})
	}
}
