package password

import (
	"cmp"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec"
)

// FleetKey is the secret key of reuse fingerprints. Whoever holds it can
// test guesses against a fingerprint store offline; keep it out of
// devices, reports and the store itself (an HSM, a secrets manager or an
// environment variable of the auditing host).
type FleetKey struct{ k []byte }

// MinFleetKeyLen is the shortest accepted key (32 bytes).
const MinFleetKeyLen = 32

// ErrWeakKey is returned for keys shorter than MinFleetKeyLen.
var ErrWeakKey = errors.New("fleet key shorter than 32 bytes")

// NewFleetKey wraps key (at least 32 random bytes; it is copied).
func NewFleetKey(key []byte) (FleetKey, error) {
	if len(key) < MinFleetKeyLen {
		return FleetKey{}, ErrWeakKey
	}
	return FleetKey{k: slices.Clone(key)}, nil
}

// ParseFleetKey decodes a hex key (64+ hex digits), as kept in an
// environment variable.
func ParseFleetKey(s string) (FleetKey, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return FleetKey{}, fmt.Errorf("fleet key: not hex: %w", ErrWeakKey)
	}
	return NewFleetKey(b)
}

// RandomFleetKey returns a fresh key: fingerprints made with it link
// nothing across runs.
func RandomFleetKey() FleetKey {
	b := make([]byte, MinFleetKeyLen)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return FleetKey{k: b}
}

// IsZero reports whether the key is unset.
func (k FleetKey) IsZero() bool { return len(k.k) == 0 }

// String never shows the key.
func (k FleetKey) String() string { return netdevsec.Redacted }

// Fingerprint is a keyed, truncated (128-bit) HMAC-SHA-256 of a
// password: equal passwords give equal fingerprints under one key, and
// nothing else can be learnt from it without the key.
type Fingerprint [16]byte

// String returns the hex form.
func (f Fingerprint) String() string { return hex.EncodeToString(f[:]) }

// MarshalText implements encoding.TextMarshaler.
func (f Fingerprint) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Fingerprint) UnmarshalText(b []byte) error {
	if len(b) != 32 {
		return errors.New("fingerprint: want 32 hex digits")
	}
	_, err := hex.Decode(f[:], b)
	return err
}

// IsZero reports whether f is unset.
func (f Fingerprint) IsZero() bool { return f == Fingerprint{} }

// Domain tags separate the fingerprint kinds, so a password fingerprint
// can never equal a user+password one.
const (
	tagPassword     = "netdevsec/fp/password/v1\x00"
	tagUserPassword = "netdevsec/fp/user-password/v1\x00"
	tagKeyID        = "netdevsec/fp/key-id/v1\x00"
)

func (k FleetKey) mac(parts ...string) Fingerprint {
	h := hmac.New(sha256.New, k.k)
	for _, p := range parts {
		h.Write([]byte(p))
	}
	var f Fingerprint
	copy(f[:], h.Sum(nil))
	return f
}

// Password fingerprints the NFKC form of pw.
func (k FleetKey) Password(pw netdevsec.Secret) Fingerprint {
	return k.mac(tagPassword, Normalize(pw.Reveal()))
}

// UserPassword fingerprints the pair (user, pw): the guideline's "same
// ID and password" on several devices or systems. The user name is
// case-folded.
func (k FleetKey) UserPassword(user string, pw netdevsec.Secret) Fingerprint {
	return k.mac(tagUserPassword, Fold(user), "\x00", Normalize(pw.Reveal()))
}

// ID is a public identifier of the key, stored with fingerprints so a
// store is never compared under the wrong key.
func (k FleetKey) ID() string {
	f := k.mac(tagKeyID)
	return hex.EncodeToString(f[:8])
}

// StoreEntry is one credential in a [Store]: where it is, and its
// fingerprints; never the password.
type StoreEntry struct {
	// System is the device ID or the name of another system
	// ("ldap", "erp").
	System string `json:"system"`
	// Credential names the credential on that system.
	Credential string `json:"credential"`
	// User is the account name, if any.
	User string `json:"user,omitempty"`
	// Password is the fingerprint of the password.
	Password Fingerprint `json:"password"`
	// UserPassword is the fingerprint of user+password (zero when there
	// is no user).
	UserPassword Fingerprint `json:"user_password,omitzero"`
}

// Store is a fleet's credential fingerprints under one key. It is what a
// management system keeps to check a new password against the fleet and
// other systems without holding plaintext.
//
// # Threat model
//
// Someone who steals a Store without the key learns which entries share
// a password (equal fingerprints) and nothing about the passwords
// themselves. With the key they can test guesses offline at HMAC speed,
// so the key must live elsewhere; rotate it (and rebuild the store) when
// it may have leaked, or per audit when reports must not be linkable
// over time.
type Store struct {
	keyID   string
	entries []StoreEntry
}

// StoreVersion is the JSON format version written by [Store.Save].
const StoreVersion = 1

// ErrKeyMismatch is returned when a store was made with another key.
var ErrKeyMismatch = errors.New("fingerprint store made with another fleet key")

// ErrBadStore is wrapped by errors decoding a store.
var ErrBadStore = errors.New("bad fingerprint store")

// NewStore returns an empty store for key.
func NewStore(key FleetKey) *Store { return &Store{keyID: key.ID()} }

// Add fingerprints pw with key and records it for system. It returns
// the entry. The plaintext is not kept.
func (s *Store) Add(key FleetKey, system, credential, user string, pw netdevsec.Secret) (StoreEntry, error) {
	if key.ID() != s.keyID {
		return StoreEntry{}, ErrKeyMismatch
	}
	e := StoreEntry{System: system, Credential: credential, User: user, Password: key.Password(pw)}
	if user != "" {
		e.UserPassword = key.UserPassword(user, pw)
	}
	s.entries = append(s.entries, e)
	return e, nil
}

// Entries returns a copy of the entries.
func (s *Store) Entries() []StoreEntry { return slices.Clone(s.entries) }

// Len is the number of entries.
func (s *Store) Len() int { return len(s.entries) }

// Reuse is a password shared by entries of several systems.
type Reuse struct {
	// Entries share the same password, sorted by system and credential.
	Entries []StoreEntry
	// SameUser is true when they also share the user name (the
	// guideline's "same ID and password").
	SameUser bool
}

// Systems returns the distinct systems of r, sorted.
func (r Reuse) Systems() []string {
	var out []string
	for _, e := range r.Entries {
		if !slices.Contains(out, e.System) {
			out = append(out, e.System)
		}
	}
	slices.Sort(out)
	return out
}

// Lookup returns the entries whose password fingerprint is fp.
func (s *Store) Lookup(fp Fingerprint) []StoreEntry {
	var out []StoreEntry
	for _, e := range s.entries {
		if e.Password == fp {
			out = append(out, e)
		}
	}
	return out
}

// Check tells a management system whether a new password for
// (system, user) is already used elsewhere: the entries of other systems
// with the same password. The plaintext is used once, transiently.
func (s *Store) Check(key FleetKey, system, user string, pw netdevsec.Secret) ([]StoreEntry, error) {
	if key.ID() != s.keyID {
		return nil, ErrKeyMismatch
	}
	var out []StoreEntry
	for _, e := range s.Lookup(key.Password(pw)) {
		if e.System != system {
			out = append(out, e)
		}
	}
	return out, nil
}

// Reuses returns every password shared by two or more systems, largest
// group first.
func (s *Store) Reuses() []Reuse {
	groups := map[Fingerprint][]StoreEntry{}
	for _, e := range s.entries {
		groups[e.Password] = append(groups[e.Password], e)
	}
	var out []Reuse
	for _, es := range groups {
		r := Reuse{Entries: es}
		if len(r.Systems()) < 2 {
			continue
		}
		slices.SortFunc(r.Entries, func(a, b StoreEntry) int {
			return cmp.Or(strings.Compare(a.System, b.System), strings.Compare(a.Credential, b.Credential))
		})
		r.SameUser = true
		for _, e := range r.Entries[1:] {
			if e.UserPassword.IsZero() || e.UserPassword != r.Entries[0].UserPassword {
				r.SameUser = false
			}
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Reuse) int {
		return cmp.Or(cmp.Compare(len(b.Entries), len(a.Entries)),
			strings.Compare(a.Entries[0].System, b.Entries[0].System),
			strings.Compare(a.Entries[0].Credential, b.Entries[0].Credential))
	})
	return out
}

// Merge adds the entries of other (made with the same key).
func (s *Store) Merge(other *Store) error {
	if other.keyID != s.keyID {
		return ErrKeyMismatch
	}
	s.entries = append(s.entries, other.entries...)
	return nil
}

type storeJSON struct {
	Version int          `json:"version"`
	KeyID   string       `json:"key_id"`
	Entries []StoreEntry `json:"entries"`
}

// Save writes the store as versioned JSON. It holds fingerprints and
// names, never passwords or the key.
func (s *Store) Save(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(storeJSON{Version: StoreVersion, KeyID: s.keyID, Entries: s.entries})
}

// MaxStoreSize bounds a store read by [LoadStore] (64 MiB).
const MaxStoreSize = 64 << 20

// LoadStore reads a store written by [Store.Save] and checks it was made
// with key.
func LoadStore(r io.Reader, key FleetKey) (*Store, error) {
	dec := json.NewDecoder(io.LimitReader(r, MaxStoreSize))
	dec.DisallowUnknownFields()
	var sj storeJSON
	if err := dec.Decode(&sj); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadStore, err)
	}
	if sj.Version != StoreVersion {
		return nil, fmt.Errorf("version %d, want %d: %w", sj.Version, StoreVersion, ErrBadStore)
	}
	if sj.KeyID != key.ID() {
		return nil, ErrKeyMismatch
	}
	return &Store{keyID: sj.KeyID, entries: sj.Entries}, nil
}
