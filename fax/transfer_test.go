package fax

import (
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/checktest"
	"github.com/netdevsec/netdevsec/fax/hylafax"
)

var testAddressBook = []string{
	"03-1234-5678", "06-6123-4567", "052-123-4567", "045-987-6543",
	"011-222-3333", "+44 20 7946 0018", "092-555-0101", "078-321-0099",
}

// analyzeTestLog reviews testdata/xferfaxlog, a month of a small office's
// traffic written in the xferfaxlog(5) format with planted problems.
func analyzeTestLog(t *testing.T, opts *LogOptions) ([]netdevsec.Finding, []int) {
	t.Helper()
	f, err := os.Open("testdata/xferfaxlog")
	require.NoError(t, err)
	defer f.Close()
	an := NewTransferAnalyzer("fax-nagoya-1", opts)
	var bad []int
	for rec, err := range hylafax.Records(f, "testdata/xferfaxlog", nil) {
		var le *hylafax.LineError
		if errors.As(err, &le) {
			bad = append(bad, le.Location.Line)
			continue
		}
		require.NoError(t, err)
		an.Add(TransferFromHylaFAX(rec))
	}
	return an.Findings(), bad
}

func failLines(fs []netdevsec.Finding, rule string) []int {
	var lines []int
	for _, f := range fs {
		if f.RuleID == rule && f.Status == netdevsec.StatusFail {
			lines = append(lines, f.Location.Line)
		}
	}
	slices.Sort(lines)
	return lines
}

func TestTransferAnalyzerPlanted(t *testing.T) {
	t.Parallel()
	fs, bad := analyzeTestLog(t, &LogOptions{AddressBook: testAddressBook})
	checktest.Findings(t, LogRules(), fs)
	// Planted misdirected sends the CSI gives away: line 21 a reassigned
	// number, 36 a foreign machine answered, 48 a CSI carrying wrong last
	// digits.
	assert.Equal(t, []int{21, 36, 48}, failLines(fs, "fax.log.misdirected"))
	// Line 9 is a mis-keyed number (03-1234-5687) whose machine answered
	// with its own, consistent CSI: only the address book catches it.
	// Line 53 was keyed by hand to a correct but unlisted number.
	assert.Equal(t, []int{9, 53}, failLines(fs, "fax.log.unlisted-destination"))
	// Job of line 28 never got an answer, line 42 failed mid-document;
	// the busy job retried at line 18 was delivered.
	assert.Equal(t, []int{28, 42}, failLines(fs, "fax.log.unconfirmed"))
	assert.Equal(t, []int{60, 61}, bad)
	// The Fukuoka machine sends a name as CSI, the failed attempts none.
	var unknown []string
	for _, f := range fs {
		if f.Status == netdevsec.StatusUnknown {
			unknown = append(unknown, f.RuleID+": "+f.Message)
		}
	}
	assert.Equal(t, []string{"fax.log.misdirected: 7 of 43 send(s) could not be checked: empty, non-numeric or too short CSI"}, unknown)
}

func TestTransferAnalyzerNoListsNoGuesses(t *testing.T) {
	t.Parallel()
	fs, _ := analyzeTestLog(t, nil)
	for _, f := range fs {
		switch f.RuleID {
		case "fax.log.unlisted-destination", "fax.log.receive-no-mailbox", "fax.log.unknown-sender":
			assert.Equal(t, netdevsec.StatusNotApplicable, f.Status, f.RuleID)
		case "fax.log.receive-spike":
			assert.Equal(t, netdevsec.StatusPass, f.Status)
		}
	}
	assert.Equal(t, []int{21, 36, 48}, failLines(fs, "fax.log.misdirected"))
}

func TestTransferAnalyzerReceives(t *testing.T) {
	t.Parallel()
	at := func(min int) time.Time { return time.Date(2026, 11, 3, 9, min, 0, 0, time.UTC) }
	loc := func(n int) *netdevsec.Location { return &netdevsec.Location{File: "log", Line: n} }
	an := NewTransferAnalyzer("fax-1", &LogOptions{
		MailboxNumbers: []string{"052-000-2222"},
		AllowedSenders: []string{"03-1234-5678"},
		SpikeThreshold: 3, SpikeWindow: 10 * time.Minute,
	})
	an.Add(Transfer{Kind: KindRecv, Time: at(0), Number: "052-000-2222", RemoteID: "+81 3 1234 5678", Pages: 1, Location: loc(1)})
	an.Add(Transfer{Kind: KindRecv, Time: at(1), Number: "052-000-1111", RemoteID: "+81 3 1234 5678", Pages: 1, Location: loc(2)})
	an.Add(Transfer{Kind: KindRecv, Time: at(2), Number: "052-000-2222", RemoteID: "", Pages: 1, Location: loc(3)})
	an.Add(Transfer{Kind: KindRecv, Time: at(3), Number: "052-000-2222", RemoteID: "+1 800 555 0199", Pages: 1, Location: loc(4)})
	an.Add(Transfer{Kind: KindRecv, Time: at(4), Number: "052-000-2222", RemoteID: "+1 800 555 0199", Pages: 1, Location: loc(5)})
	an.Add(Transfer{Kind: KindRecv, Time: at(5), Number: "052-000-2222", RemoteID: "+1 800 555 0199", Pages: 1, Location: loc(6)})
	an.Add(Transfer{Kind: KindRecv, Time: at(6), Number: "052-000-2222", RemoteID: "+1 800 555 0199", Pages: 1, Location: loc(7)})
	an.Add(Transfer{Kind: KindRecv, Time: at(50), Number: "052-000-2222", RemoteID: "+1 800 555 0199", Pages: 1, Location: loc(8)})
	fs := an.Findings()
	assert.Equal(t, []int{2}, failLines(fs, "fax.log.receive-no-mailbox"))
	assert.Equal(t, []int{3, 4, 5, 6, 7, 8}, failLines(fs, "fax.log.unknown-sender"))
	assert.Equal(t, []int{6}, failLines(fs, "fax.log.receive-spike"), "one finding per burst")
	checktest.Findings(t, LogRules(), fs)
}

func TestTransferAnalyzerMaxFindings(t *testing.T) {
	t.Parallel()
	an := NewTransferAnalyzer("fax-1", &LogOptions{MaxFindings: 2})
	for i := range 5 {
		an.Add(Transfer{Kind: KindSend, JobID: string(rune('a' + i)), Number: "03-1234-5678", RemoteID: "+81 6 6123 4567", Pages: 1,
			Location: &netdevsec.Location{File: "log", Line: i + 1}})
	}
	fs := an.Findings()
	n := 0
	for _, f := range fs {
		if f.RuleID == "fax.log.misdirected" && f.Status == netdevsec.StatusFail {
			n++
		}
	}
	assert.Equal(t, 3, n, "two listed and one summary")
}

// TestLogRulesFailAndPass gives every log rule a failing and a passing
// fixture.
func TestLogRulesFailAndPass(t *testing.T) {
	t.Parallel()
	at := func(min int) time.Time { return time.Date(2026, 11, 3, 9, min, 0, 0, time.UTC) }
	send := func(job, dialled, csi string, pages int, reason string) Transfer {
		return Transfer{Kind: KindSend, Time: at(0), JobID: job, Number: dialled, RemoteID: csi, Pages: pages, Reason: reason}
	}
	recv := func(min int, local, tsi string) Transfer {
		return Transfer{Kind: KindRecv, Time: at(min), Number: local, RemoteID: tsi, Pages: 1}
	}
	opts := &LogOptions{AddressBook: []string{"03-1234-5678"}, MailboxNumbers: []string{"052-000-2222"},
		AllowedSenders: []string{"03-1234-5678"}, SpikeThreshold: 2, SpikeWindow: time.Minute}
	tests := []struct {
		rule string
		recs []Transfer
		want netdevsec.Status
	}{
		{"fax.log.misdirected", []Transfer{send("1", "03-1234-5678", "+81 3 1234 5678", 1, "")}, netdevsec.StatusPass},
		{"fax.log.misdirected", []Transfer{send("1", "03-1234-5678", "+81 3 1234 9999", 1, "")}, netdevsec.StatusFail},
		{"fax.log.unlisted-destination", []Transfer{send("1", "+81 3 1234 5678", "", 1, "")}, netdevsec.StatusPass},
		{"fax.log.unlisted-destination", []Transfer{send("1", "03-9999-0000", "", 1, "")}, netdevsec.StatusFail},
		{"fax.log.unconfirmed", []Transfer{send("1", "03-1234-5678", "", 0, "Busy signal detected"), send("1", "03-1234-5678", "", 3, "")}, netdevsec.StatusPass},
		{"fax.log.unconfirmed", []Transfer{send("1", "03-1234-5678", "", 3, ""), send("2", "03-1234-5678", "", 0, "No carrier detected")}, netdevsec.StatusFail},
		{"fax.log.receive-no-mailbox", []Transfer{recv(0, "052-000-2222", "+81 3 1234 5678")}, netdevsec.StatusPass},
		{"fax.log.receive-no-mailbox", []Transfer{recv(0, "052-000-1111", "+81 3 1234 5678")}, netdevsec.StatusFail},
		{"fax.log.unknown-sender", []Transfer{recv(0, "052-000-2222", "03 1234 5678")}, netdevsec.StatusPass},
		{"fax.log.unknown-sender", []Transfer{recv(0, "052-000-2222", "+44 20 7946 0018")}, netdevsec.StatusFail},
		{"fax.log.receive-spike", []Transfer{recv(0, "052-000-2222", "+81 3 1234 5678"), recv(5, "052-000-2222", "+81 3 1234 5678")}, netdevsec.StatusPass},
		{"fax.log.receive-spike", []Transfer{recv(0, "052-000-2222", "+81 3 1234 5678"), recv(0, "052-000-2222", "+81 3 1234 5678")}, netdevsec.StatusFail},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		covered[tc.rule] = true
		t.Run(tc.rule+"/"+tc.want.String(), func(t *testing.T) {
			t.Parallel()
			an := NewTransferAnalyzer("fax-1", opts)
			for _, r := range tc.recs {
				an.Add(r)
			}
			var got []netdevsec.Status
			for _, f := range an.Findings() {
				if f.RuleID == tc.rule {
					got = append(got, f.Status)
				}
			}
			assert.Equal(t, []netdevsec.Status{tc.want}, got)
		})
	}
	for _, r := range LogRules() {
		assert.True(t, covered[r.ID], r.ID)
	}
}
