package password

import (
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/scrypt"

	"github.com/netdevsec/netdevsec"
)

// type7Key is Cisco's published XOR key for "password 7" (Vigenère-like
// obfuscation, not encryption).
const type7Key = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"

// ErrBadHash is wrapped by errors about malformed stored passwords.
var ErrBadHash = errors.New("malformed stored password")

// DecodeType7 reverses a Cisco type 7 string. It exists so rules can
// judge the password's strength and reuse; never print the result.
func DecodeType7(enc string) (netdevsec.Secret, error) {
	enc = strings.TrimSpace(enc)
	if len(enc) < 2 || len(enc)%2 != 0 {
		return netdevsec.Secret{}, fmt.Errorf("type 7: odd or short length: %w", ErrBadHash)
	}
	off, err := strconv.Atoi(enc[:2])
	if err != nil || off < 0 || off > 15 || enc[0] == '+' || enc[0] == '-' {
		return netdevsec.Secret{}, fmt.Errorf("type 7: offset is not 00-15: %w", ErrBadHash)
	}
	out := make([]byte, 0, len(enc)/2-1)
	for i := 2; i < len(enc); i += 2 {
		v, err := strconv.ParseUint(enc[i:i+2], 16, 8)
		if err != nil {
			return netdevsec.Secret{}, fmt.Errorf("type 7: not hex: %w", ErrBadHash)
		}
		out = append(out, byte(v)^type7Key[(off+i/2-1)%len(type7Key)])
	}
	return netdevsec.NewSecret(string(out)), nil
}

// EncodeType7 obfuscates pw as Cisco type 7 with offset off (0-15); for
// tests and fixtures only — type 7 is not protection.
func EncodeType7(pw netdevsec.Secret, off int) string {
	off = ((off % 16) + 16) % 16
	var b strings.Builder
	fmt.Fprintf(&b, "%02d", off)
	for i, c := range []byte(pw.Reveal()) {
		fmt.Fprintf(&b, "%02X", c^type7Key[(off+i)%len(type7Key)])
	}
	return b.String()
}

const cryptB64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// cryptBase64 is the "crypt" alphabet base64 Cisco uses for types 4, 8
// and 9: big-endian 6-bit groups, no padding.
func cryptBase64(b []byte) string {
	var out strings.Builder
	for i := 0; i < len(b); i += 3 {
		var v uint32
		n := min(3, len(b)-i)
		for j := range 3 {
			v <<= 8
			if j < n {
				v |= uint32(b[i+j])
			}
		}
		chars := []int{18, 12, 6, 0}[:n+1]
		for _, s := range chars {
			out.WriteByte(cryptB64[(v>>s)&63])
		}
	}
	return out.String()
}

// HashKind classifies a stored password form.
type HashKind string

// Stored password forms.
const (
	HashCiscoType4 HashKind = "cisco-type4" // unsalted SHA-256 (withdrawn)
	HashMD5Crypt   HashKind = "md5-crypt"   // $1$, Cisco type 5
	HashCiscoType8 HashKind = "cisco-type8" // $8$, PBKDF2-HMAC-SHA256, 20000 iterations
	HashCiscoType9 HashKind = "cisco-type9" // $9$, scrypt N=16384 r=1 p=1
)

// ClassifyHash says which form a stored hash has, and how it is stored.
func ClassifyHash(h string) (HashKind, Storage, error) {
	switch {
	case strings.HasPrefix(h, "$1$"):
		return HashMD5Crypt, StorageWeakHash, nil
	case strings.HasPrefix(h, "$8$"):
		return HashCiscoType8, StorageStrongHash, nil
	case strings.HasPrefix(h, "$9$"):
		return HashCiscoType9, StorageStrongHash, nil
	case len(h) == 43 && strings.Trim(h, cryptB64) == "":
		return HashCiscoType4, StorageWeakHash, nil
	}
	return "", StorageUnknown, fmt.Errorf("unrecognised hash form: %w", ErrBadHash)
}

// VerifyHash reports whether candidate is the password behind the
// stored hash h (Cisco type 4, 5/$1$, 8, 9). It is the only way to find
// reuse when a device keeps salted hashes: each call costs one key
// derivation (type 9: about 30 ms and 16 MiB).
func VerifyHash(h string, candidate netdevsec.Secret) (bool, error) {
	kind, _, err := ClassifyHash(h)
	if err != nil {
		return false, err
	}
	var want string
	pw := []byte(candidate.Reveal())
	switch kind {
	case HashCiscoType4:
		sum := sha256.Sum256(pw)
		want = cryptBase64(sum[:])[:43]
	case HashMD5Crypt:
		salt, _, ok := strings.Cut(h[3:], "$")
		if !ok {
			return false, fmt.Errorf("md5-crypt: no salt separator: %w", ErrBadHash)
		}
		want = MD5Crypt(pw, salt)
	case HashCiscoType8, HashCiscoType9:
		salt, _, ok := strings.Cut(h[3:], "$")
		if !ok || salt == "" {
			return false, fmt.Errorf("%s: no salt: %w", kind, ErrBadHash)
		}
		var key []byte
		if kind == HashCiscoType8 {
			key, err = pbkdf2.Key(sha256.New, string(pw), []byte(salt), 20000, 32)
		} else {
			key, err = scrypt.Key(pw, []byte(salt), 16384, 1, 1, 32)
		}
		if err != nil {
			return false, fmt.Errorf("%s: %w", kind, err)
		}
		want = h[:3] + salt + "$" + cryptBase64(key)[:43]
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(h)) == 1, nil
}

// MD5Crypt computes the FreeBSD/Cisco type 5 "$1$salt$hash" of pw.
func MD5Crypt(pw []byte, salt string) string {
	if len(salt) > 8 {
		salt = salt[:8]
	}
	const magic = "$1$"
	alt := md5.New()
	alt.Write(pw)
	alt.Write([]byte(salt))
	alt.Write(pw)
	altSum := alt.Sum(nil)

	h := md5.New()
	h.Write(pw)
	h.Write([]byte(magic))
	h.Write([]byte(salt))
	for i := len(pw); i > 0; i -= 16 {
		h.Write(altSum[:min(16, i)])
	}
	for i := len(pw); i > 0; i >>= 1 {
		if i&1 != 0 {
			h.Write([]byte{0})
		} else {
			h.Write(pw[:1])
		}
	}
	sum := h.Sum(nil)
	for i := range 1000 {
		r := md5.New()
		if i&1 != 0 {
			r.Write(pw)
		} else {
			r.Write(sum)
		}
		if i%3 != 0 {
			r.Write([]byte(salt))
		}
		if i%7 != 0 {
			r.Write(pw)
		}
		if i&1 != 0 {
			r.Write(sum)
		} else {
			r.Write(pw)
		}
		sum = r.Sum(nil)
	}
	var out strings.Builder
	out.WriteString(magic + salt + "$")
	enc := func(a, b, c byte, n int) {
		v := uint32(a)<<16 | uint32(b)<<8 | uint32(c)
		for range n {
			out.WriteByte(cryptB64[v&63])
			v >>= 6
		}
	}
	enc(sum[0], sum[6], sum[12], 4)
	enc(sum[1], sum[7], sum[13], 4)
	enc(sum[2], sum[8], sum[14], 4)
	enc(sum[3], sum[9], sum[15], 4)
	enc(sum[4], sum[10], sum[5], 4)
	enc(0, 0, sum[11], 2)
	return out.String()
}
