package history

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Limits on untrusted input.
const (
	MaxLine = 64 << 10
	MaxSize = 64 << 20
)

// Actions.
const (
	ActionInstall  = "install"
	ActionUpdate   = "update"
	ActionRollback = "rollback"
	ActionBackup   = "backup"
	ActionTest     = "test"
)

// ErrTooLarge is returned for a history larger than MaxSize.
var ErrTooLarge = errors.New("history too large")

// Device identifies the device a record is about.
type Device struct {
	ID     string `json:"id"`
	Model  string `json:"model,omitempty"`
	Serial string `json:"serial,omitempty"`
}

// Image describes the firmware image installed.
type Image struct {
	SHA256      string `json:"sha256,omitempty"`
	Size        int64  `json:"size,omitempty"`
	SignatureOK *bool  `json:"signature_ok,omitempty"`
	SignerKeyID string `json:"signer_key_id,omitempty"`
	SourceURL   string `json:"source_url,omitempty"`
}

// ProcedureRef names the written procedure an action followed.
type ProcedureRef struct {
	ID      string `json:"id"`
	Version string `json:"version,omitempty"`
}

// TestRef is the staging test an update relied on.
type TestRef struct {
	Env    string    `json:"env,omitempty"`
	Result string    `json:"result,omitempty"`
	Time   time.Time `json:"time,omitzero"`
}

// Record is one entry of the history. Field order is the canonical order.
type Record struct {
	Seq          int64         `json:"seq"`
	Time         time.Time     `json:"time"`
	Device       Device        `json:"device"`
	Action       string        `json:"action"`
	FromVersion  string        `json:"from_version,omitempty"`
	ToVersion    string        `json:"to_version,omitempty"`
	Image        *Image        `json:"image,omitempty"`
	AdvisoryRefs []string      `json:"advisory_refs,omitempty"`
	Procedure    *ProcedureRef `json:"procedure,omitempty"`
	Operator     string        `json:"operator,omitempty"`
	Approver     string        `json:"approver,omitempty"`
	// Env is where the action ran: "production" (the default for
	// install/update/rollback) or "staging"/"test".
	Env string `json:"env,omitempty"`
	// BackupHash is the hash of the backup record taken before an update.
	BackupHash string   `json:"backup_hash,omitempty"`
	Test       *TestRef `json:"test,omitempty"`
	// Outcome is "success" or "failure".
	Outcome  string `json:"outcome,omitempty"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash,omitempty"`
}

// Checkpoint is a signed statement that the history reached Seq with Hash.
type Checkpoint struct {
	Seq   int64  `json:"seq"`
	Hash  string `json:"hash"`
	KeyID string `json:"key_id,omitempty"`
	Sig   string `json:"sig"`
}

// line is one line of the file: a record or a checkpoint.
type checkpointLine struct {
	Checkpoint *Checkpoint `json:"checkpoint"`
}

// ComputeHash returns the record's hash from its content and PrevHash.
func ComputeHash(r Record) (string, error) {
	r.Hash = ""
	r.Time = r.Time.UTC()
	if r.Test != nil {
		t := *r.Test
		t.Time = t.Time.UTC()
		r.Test = &t
	}
	b, err := json.Marshal(r)
	if err != nil {
		return "", fmt.Errorf("encode record %d: %w", r.Seq, err)
	}
	h := sha256.New()
	h.Write([]byte(r.PrevHash))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// CheckpointMessage is what a checkpoint signs.
func CheckpointMessage(seq int64, hash string) []byte {
	return []byte("netdevsec-history-checkpoint\n" + strconv.FormatInt(seq, 10) + "\n" + hash + "\n")
}

// KeyID returns a short identifier of a public key.
func KeyID(pub ed25519.PublicKey) string {
	s := sha256.Sum256(pub)
	return hex.EncodeToString(s[:8])
}

// Sign returns a checkpoint for r.
func Sign(priv ed25519.PrivateKey, r Record) Checkpoint {
	pub := priv.Public().(ed25519.PublicKey)
	return Checkpoint{Seq: r.Seq, Hash: r.Hash, KeyID: KeyID(pub),
		Sig: base64.StdEncoding.EncodeToString(ed25519.Sign(priv, CheckpointMessage(r.Seq, r.Hash)))}
}

// VerifyCheckpoint checks c's signature with pub.
func VerifyCheckpoint(pub ed25519.PublicKey, c Checkpoint) bool {
	sig, err := base64.StdEncoding.DecodeString(c.Sig)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return false
	}
	return ed25519.Verify(pub, CheckpointMessage(c.Seq, c.Hash), sig)
}

// Writer appends records to a history, chaining their hashes.
type Writer struct {
	w    io.Writer
	last Record
	have bool
}

// NewWriter returns a writer that appends to w after last (the last
// record already in the history; nil for a new history).
func NewWriter(w io.Writer, last *Record) *Writer {
	wr := &Writer{w: w}
	if last != nil {
		wr.last, wr.have = *last, true
	}
	return wr
}

// Append sets r's Seq, PrevHash and Hash, writes it and returns it.
func (w *Writer) Append(r Record) (Record, error) {
	r.Seq = 1
	r.PrevHash = ""
	if w.have {
		r.Seq = w.last.Seq + 1
		r.PrevHash = w.last.Hash
	}
	r.Time = r.Time.UTC()
	h, err := ComputeHash(r)
	if err != nil {
		return Record{}, err
	}
	r.Hash = h
	b, err := json.Marshal(r)
	if err != nil {
		return Record{}, fmt.Errorf("encode record %d: %w", r.Seq, err)
	}
	if _, err := w.w.Write(append(b, '\n')); err != nil {
		return Record{}, fmt.Errorf("write record %d: %w", r.Seq, err)
	}
	w.last, w.have = r, true
	return r, nil
}

// Checkpoint signs the last record and writes the checkpoint line.
func (w *Writer) Checkpoint(priv ed25519.PrivateKey) (Checkpoint, error) {
	if !w.have {
		return Checkpoint{}, errors.New("checkpoint of an empty history")
	}
	c := Sign(priv, w.last)
	b, err := json.Marshal(checkpointLine{&c})
	if err != nil {
		return Checkpoint{}, err
	}
	if _, err := w.w.Write(append(b, '\n')); err != nil {
		return Checkpoint{}, fmt.Errorf("write checkpoint: %w", err)
	}
	return c, nil
}

// Problem kinds.
const (
	KindSyntax     = "syntax"
	KindEdit       = "edit"
	KindGap        = "gap"
	KindReorder    = "reorder"
	KindLink       = "link"
	KindSignature  = "signature"
	KindTruncation = "truncation"
	KindUnsigned   = "unsigned"
)

// Problem is one integrity problem found by Verify.
type Problem struct {
	Line    int    `json:"line"` // the file's last line for truncation; 0 when it concerns the whole file
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.Kind + ": " + p.Message
	}
	return fmt.Sprintf("line %d: %s: %s", p.Line, p.Kind, p.Message)
}

// Options tune Verify. The zero value verifies the chain only.
type Options struct {
	// Key verifies checkpoints. When set, a history without a valid
	// checkpoint is a problem.
	Key ed25519.PublicKey
	// Known are checkpoints kept outside the file (the last one an
	// auditor saw); the file must still reach and match each.
	Known []Checkpoint
}

// Entry is a record with the line it was read from.
type Entry struct {
	Line int
	Record
}

// Report is the result of Verify.
type Report struct {
	Records     []Entry
	Checkpoints []Checkpoint
	Problems    []Problem
}

// OK reports whether no problem was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Verify reads a history and checks its chain and checkpoints.
func Verify(rd io.Reader, opts Options) (*Report, error) {
	rep := &Report{}
	sc := bufio.NewScanner(io.LimitReader(rd, MaxSize+1))
	sc.Buffer(make([]byte, 0, 4096), MaxLine)
	var prev *Entry
	total := 0
	bySeq := map[int64]string{}
	valid := 0
	lineNo := 0
	for sc.Scan() {
		lineNo++
		raw := sc.Bytes()
		total += len(raw) + 1
		if total > MaxSize {
			return rep, fmt.Errorf("line %d: %w (limit %d bytes)", lineNo, ErrTooLarge, MaxSize)
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		bad := func(kind, format string, args ...any) {
			rep.Problems = append(rep.Problems, Problem{lineNo, kind, fmt.Sprintf(format, args...)})
		}
		if bytes.Contains(raw, []byte(`"checkpoint"`)) {
			var cl checkpointLine
			if err := json.Unmarshal(raw, &cl); err != nil || cl.Checkpoint == nil {
				bad(KindSyntax, "checkpoint not understood")
				continue
			}
			c := *cl.Checkpoint
			rep.Checkpoints = append(rep.Checkpoints, c)
			switch h, ok := bySeq[c.Seq]; {
			case !ok:
				bad(KindTruncation, "checkpoint for record %d, which is not in the history before it", c.Seq)
			case h != c.Hash:
				bad(KindEdit, "checkpoint for record %d names hash %.12s…, the record has %.12s…", c.Seq, c.Hash, h)
			}
			if opts.Key != nil {
				if VerifyCheckpoint(opts.Key, c) {
					valid++
				} else {
					bad(KindSignature, "checkpoint for record %d: signature does not verify with key %s", c.Seq, KeyID(opts.Key))
				}
			}
			continue
		}
		var r Record
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			bad(KindSyntax, "record not understood: %v", err)
			continue
		}
		want, err := ComputeHash(r)
		if err != nil {
			bad(KindSyntax, "%v", err)
			continue
		}
		if want != r.Hash {
			bad(KindEdit, "record %d was changed after it was written (hash mismatch)", r.Seq)
		}
		if prev != nil {
			switch {
			case r.Seq <= prev.Seq:
				bad(KindReorder, "record %d follows record %d (line %d)", r.Seq, prev.Seq, prev.Line)
			case r.Seq > prev.Seq+1:
				bad(KindGap, "records %d to %d are missing", prev.Seq+1, r.Seq-1)
			}
			if r.PrevHash != prev.Hash && r.Seq == prev.Seq+1 {
				bad(KindLink, "prev_hash of record %d does not match record %d (line %d)", r.Seq, prev.Seq, prev.Line)
			}
		} else if r.Seq != 1 {
			bad(KindGap, "history starts at record %d", r.Seq)
		} else if r.PrevHash != "" {
			bad(KindLink, "first record has a prev_hash")
		}
		if _, dup := bySeq[r.Seq]; !dup {
			bySeq[r.Seq] = r.Hash
		}
		rep.Records = append(rep.Records, Entry{Line: lineNo, Record: r})
		if prev == nil || r.Seq > prev.Seq {
			e := rep.Records[len(rep.Records)-1]
			prev = &e // a record out of order does not move the chain's head
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return rep, fmt.Errorf("line %d: longer than %d bytes: %w", lineNo+1, MaxLine, ErrTooLarge)
		}
		return rep, fmt.Errorf("read history: %w", err)
	}
	last := int64(0)
	if prev != nil {
		last = prev.Seq
	}
	// Problems about the end of the file point at its last line.
	for _, c := range opts.Known {
		if opts.Key != nil && !VerifyCheckpoint(opts.Key, c) {
			rep.Problems = append(rep.Problems, Problem{0, KindSignature, fmt.Sprintf("known checkpoint for record %d does not verify", c.Seq)})
			continue
		}
		h, ok := bySeq[c.Seq]
		switch {
		case !ok && c.Seq > last:
			rep.Problems = append(rep.Problems, Problem{lineNo, KindTruncation,
				fmt.Sprintf("a checkpoint covers record %d but the history ends at record %d: records were cut off", c.Seq, last)})
		case !ok:
			rep.Problems = append(rep.Problems, Problem{0, KindGap, fmt.Sprintf("record %d of a checkpoint is missing", c.Seq)})
		case h != c.Hash:
			rep.Problems = append(rep.Problems, Problem{0, KindEdit,
				fmt.Sprintf("record %d differs from the checkpoint (hash %.12s…, checkpoint %.12s…)", c.Seq, h, c.Hash)})
		}
		if opts.Key != nil {
			valid++
		}
	}
	if opts.Key != nil && valid == 0 && len(rep.Records) > 0 {
		rep.Problems = append(rep.Problems, Problem{0, KindUnsigned, "no valid signed checkpoint"})
	}
	return rep, nil
}
