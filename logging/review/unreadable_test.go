package review_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

// An over-long record is named by file and line, and the records after
// it are still reviewed.
func TestOverlongRecordIsNamed(t *testing.T) {
	log := "<86>Nov 20 10:01:05 ap1 dropbear[1]: Bad password attempt for 'root' from 203.0.113.7:5001\n" +
		"<86>Nov 20 10:01:06 ap1 dropbear[1]: " + strings.Repeat("x", 300) + "\n" +
		"<86>Nov 20 10:01:07 ap1 dropbear[1]: Bad password attempt for 'root' from 203.0.113.8:5002\n"
	e := review.New(&review.Options{MaxRecord: 128, Device: "ap1"})
	var got []netdevsec.Finding
	require.NoError(t, e.Review(context.Background(), strings.NewReader(log), "ap1.log", func(f netdevsec.Finding) { got = append(got, f) }))

	var unreadable, failures []string
	for _, f := range got {
		switch f.RuleID {
		case "logging.review.unreadable":
			unreadable = append(unreadable, f.Location.String()+" "+f.Status.String()+" "+f.Message)
		case "logging.review.login-failure":
			failures = append(failures, f.Location.String())
		}
	}
	assert.Equal(t, []string{"ap1.log:2 error record longer than 128 bytes: only its first 128 bytes were reviewed"}, unreadable)
	assert.Equal(t, []string{"ap1.log:1", "ap1.log:3"}, failures, "the records around the bad one are still reviewed")

	var clean []netdevsec.Finding
	e2 := review.New(nil)
	require.NoError(t, e2.Review(context.Background(), strings.NewReader(log), "ap1.log", func(f netdevsec.Finding) { clean = append(clean, f) }))
	for _, f := range clean {
		assert.NotEqual(t, "logging.review.unreadable", f.RuleID, "300 bytes is within the default 64 KiB")
	}
}
