package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRun(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"-dir", "../../pbx/testdata/asterisk/insecure", "-cdr", "../../pbx/testdata/cdr/Master.csv"}, &out, &errb)
	assert.Equal(t, 3, code, errb.String())
	assert.Contains(t, out.String(), "pbx.dialplan.pstn-relay")
	assert.Contains(t, out.String(), "pbx.cdr.high-risk-destination")
	assert.NotContains(t, out.String(), "Carr1erPass")

	out.Reset()
	assert.Equal(t, 2, run(context.Background(), nil, &out, &errb))
}
