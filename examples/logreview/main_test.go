package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	in := strings.NewReader(`<86>Nov 20 10:01:05 dropbear[1236]: Bad password attempt for 'root' from 198.51.100.7:50002
<30>Nov 20 10:00:00 MikroTik system,info,account user admin logged in from 192.168.88.10 via winbox
`)
	var out bytes.Buffer
	if code := run(context.Background(), nil, in, &out, os.Stderr); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if got := out.String(); !strings.Contains(got, "-:1: logging.review.login-failure") || strings.Contains(got, "-:2:") {
		t.Fatalf("unexpected output:\n%s", got)
	}
}
