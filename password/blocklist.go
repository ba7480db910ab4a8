package password

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"

	"github.com/FastFilter/xorfilter"
	"github.com/trustelem/zxcvbn/frequency"

	"github.com/netdevsec/netdevsec"
)

// Blocklist is an immutable membership filter over normalised passwords
// (a binary fuse filter with 16-bit fingerprints: about 18 bits per
// password and a false-positive rate near 0.0015 %). A hit means "this
// password is, or is almost certainly, on the list".
type Blocklist struct {
	filter *xorfilter.BinaryFuse[uint16]
	n      int
	name   string
}

// ErrEmptyBlocklist is returned when a blocklist would have no entry.
var ErrEmptyBlocklist = errors.New("empty blocklist")

// blocklistKey is the filter key of a password: the first 8 bytes of
// SHA-256 over a domain tag and the case-folded NFKC form.
func blocklistKey(pw string) uint64 {
	h := sha256.New()
	h.Write([]byte("netdevsec/blocklist/v1\x00"))
	h.Write([]byte(Fold(pw)))
	var sum [sha256.Size]byte
	return binary.BigEndian.Uint64(h.Sum(sum[:0]))
}

// NewBlocklist builds a blocklist named name from words (passwords in
// any case and normalisation form; empty words are skipped).
func NewBlocklist(name string, words iter.Seq[string]) (*Blocklist, error) {
	var keys []uint64
	for w := range words {
		if Fold(w) == "" {
			continue
		}
		keys = append(keys, blocklistKey(w))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if len(keys) == 0 {
		return nil, fmt.Errorf("blocklist %s: %w", name, ErrEmptyBlocklist)
	}
	f, err := xorfilter.NewBinaryFuse[uint16](keys)
	if err != nil {
		return nil, fmt.Errorf("blocklist %s: %w", name, err)
	}
	return &Blocklist{filter: f, n: len(keys), name: name}, nil
}

// Contains reports whether pw (after NFKC, trimming and case folding) is
// on the list.
func (b *Blocklist) Contains(pw netdevsec.Secret) bool {
	if b == nil || len(pw.Reveal()) > maxBlocklistLen {
		return false
	}
	return b.filter.Contains(blocklistKey(pw.Reveal()))
}

// maxBlocklistLen bounds what Contains hashes: no listed password is
// longer, and hostile input must stay cheap.
const maxBlocklistLen = 1024

// Len is the number of distinct entries the filter was built from.
func (b *Blocklist) Len() int { return b.n }

// Name names the list in findings.
func (b *Blocklist) Name() string { return b.name }

// SizeBytes is the filter's memory for its fingerprints.
func (b *Blocklist) SizeBytes() int { return len(b.filter.Fingerprints) * 2 }

var commonBlocklist = sync.OnceValues(func() (*Blocklist, error) {
	return NewBlocklist("common-passwords", commonWords())
})

// CommonPasswords returns the built-in blocklist: the 30,000 most common
// passwords of the zxcvbn frequency list (Burnett's 10 million password
// corpus, via github.com/trustelem/zxcvbn, MIT) plus every fixed
// password of the factory-default database. It is built once, on first
// use.
func CommonPasswords() *Blocklist {
	b, err := commonBlocklist()
	if err != nil {
		panic(fmt.Sprintf("password: built-in blocklist: %v", err)) // static data; tested
	}
	return b
}

func commonWords() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, w := range frequency.FrequencyLists["passwords"] {
			if !yield(w) {
				return
			}
		}
		for _, d := range Defaults().entries {
			if d.Pattern == PatternExact && len([]rune(d.Password.Reveal())) >= 4 {
				if !yield(d.Password.Reveal()) {
					return
				}
			}
		}
	}
}
