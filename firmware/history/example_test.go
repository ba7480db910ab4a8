package history_test

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec/firmware/history"
)

func Example() {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))
	var log bytes.Buffer
	w := history.NewWriter(&log, nil)
	dev := history.Device{ID: "rtr-osaka-2", Model: "RTX830"}
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	w.Append(history.Record{Time: at, Device: dev, Action: history.ActionBackup, Outcome: "success"})
	w.Append(history.Record{Time: at.Add(time.Hour), Device: dev, Action: history.ActionUpdate,
		FromVersion: "Rev.15.02.26", ToVersion: "Rev.15.02.30", Procedure: &history.ProcedureRef{ID: "FW-UPD"}, Outcome: "success"})
	cp, _ := w.Checkpoint(key)

	pub := key.Public().(ed25519.PublicKey)
	rep, _ := history.Verify(bytes.NewReader(log.Bytes()), history.Options{Key: pub, Known: []history.Checkpoint{cp}})
	fmt.Println("intact:", rep.OK(), len(rep.Records), "records")

	tampered := strings.Replace(log.String(), "Rev.15.02.26", "Rev.15.02.29", 1)
	rep, _ = history.Verify(strings.NewReader(tampered), history.Options{Key: pub})
	for _, p := range rep.Problems {
		fmt.Println(p)
	}
	// Output:
	// intact: true 2 records
	// line 2: edit: record 2 was changed after it was written (hash mismatch)
}
