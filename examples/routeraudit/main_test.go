package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"insecure yamaha", []string{"-vendor", "yamaha", "-expected-dns", "192.0.2.53", "../../router/testdata/yamaha/rtx830-insecure.conf"}, 3, "router.mgmt.wan"},
		{"secure yamaha with baseline", []string{"-vendor", "yamaha", "-expected-dns", "192.0.2.53,198.51.100.53,192.168.10.1", "-expected-forwards", "tcp/443", "../../router/testdata/yamaha/rtx1300-secure.conf"}, 3, "router.route.unexpected"},
		{"openwrt directory", []string{"-vendor", "openwrt", "../../router/testdata/openwrt/insecure"}, 3, "router.wifi.open"},
		{"all findings", []string{"-vendor", "cisco", "-all", "../../router/testdata/cisco/isr-secure.cfg"}, 0, "PASS    router.mgmt.wan"},
		{"no vendor", []string{"x.conf"}, 2, ""},
		{"missing file", []string{"-vendor", "cisco", "/nonexistent.cfg"}, 2, ""},
		{"unknown vendor", []string{"-vendor", "acme", "../../router/testdata/cisco/isr-secure.cfg"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, &out, &errb)
			assert.Equal(t, tt.code, code, errb.String())
			assert.Contains(t, out.String(), tt.want)
		})
	}
}
