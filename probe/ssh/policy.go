package ssh

import (
	"fmt"
	"strings"
)

// Level rates one offered algorithm. The zero value is LevelUnknown: an
// algorithm the policy does not know is never reported as acceptable.
type Level int

// Levels, from unknown to worst.
const (
	LevelUnknown  Level = iota // not in the policy
	LevelOK                    // no known weakness
	LevelInfo                  // a marker, not an algorithm (strict kex, ext-info)
	LevelWeak                  // deprecated or weak: plan to disable
	LevelInsecure              // broken: disable now
)

var levelNames = [...]string{"unknown", "ok", "info", "weak", "insecure"}

// String returns the level's name.
func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelNames[l]
}

// MarshalText implements encoding.TextMarshaler.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Level) UnmarshalText(b []byte) error {
	for i, n := range levelNames {
		if n == string(b) {
			*l = Level(i)
			return nil
		}
	}
	return fmt.Errorf("unknown level %q", b)
}

// Category names the KEXINIT list an algorithm came from.
type Category string

// Categories of [Rating].
const (
	CategoryKex         Category = "kex"
	CategoryHostKey     Category = "host_key"
	CategoryCipher      Category = "cipher"
	CategoryMAC         Category = "mac"
	CategoryCompression Category = "compression"
)

// Rating is the policy's verdict on one offered algorithm.
type Rating struct {
	Category  Category `json:"category"`
	Algorithm string   `json:"algorithm"`
	Level     Level    `json:"level"`
	// Reason says why, in one line; Reference names the source.
	Reason    string `json:"reason,omitempty"`
	Reference string `json:"reference,omitempty"`
}

type verdict struct {
	level     Level
	reason    string
	reference string
}

// References of the policy.
const (
	refRFC9142   = "RFC 9142 (key exchange methods for SSH)"
	refRFC8758   = "RFC 8758 (deprecating RC4 in SSH)"
	refRFC8732   = "RFC 8732 (GSS-API key exchange with SHA-2)"
	refRFC8332   = "RFC 8332 (RSA keys with SHA-256/512 in SSH)"
	refRFC4253   = "RFC 4253 §6.3"
	refNIST131A  = "NIST SP 800-131A Rev. 2"
	refFIPS1865  = "FIPS 186-5 (DSA withdrawn for signing)"
	refCBC       = "CVE-2008-5161 (plaintext recovery against CBC in SSH)"
	refSSHAudit  = "ssh-audit algorithm policy (for reference)"
	refExtension = "OpenSSH PROTOCOL (strict kex, Terrapin CVE-2023-48795); RFC 8308 (ext-info)"
)

// verdictFor rates one algorithm name of a category. The policy, in short:
//
//   - insecure: SSH-1-era and broken primitives — key exchange with 1024-bit
//     groups or SHA-1 group exchange (RFC 9142 SHOULD NOT / MUST NOT),
//     SHA-1 GSS-API exchanges (RFC 8732), DSA host keys (FIPS 186-5),
//     "none", RC4 (RFC 8758 MUST NOT), DES/3DES, Blowfish, CAST, IDEA and
//     other 64-bit-block ciphers (NIST SP 800-131A), MD5 and 96-bit MACs;
//   - weak: SHA-1 where RFC 9142 still allows it (diffie-hellman-group14-sha1),
//     ssh-rsa (SHA-1) signatures (RFC 8332; NIST SP 800-131A), CBC-mode
//     ciphers (CVE-2008-5161), hmac-sha1, 64-bit UMAC, RIPEMD-160 MACs, and
//     pre-authentication zlib compression;
//   - ok: everything RFC 9142 and RFC 8332 recommend (curve25519, NIST ECDH,
//     group14/16/18 with SHA-2, sntrup761/ML-KEM hybrids, Ed25519, ECDSA,
//     rsa-sha2-*, AES-CTR/GCM, ChaCha20-Poly1305, SHA-2 and UMAC-128 MACs).
//
// ssh-audit's public policy was read for comparison; where it is stricter
// (it fails NIST curves), this policy follows the RFCs.
func verdictFor(c Category, name string) verdict {
	switch c {
	case CategoryKex:
		return kexVerdict(name)
	case CategoryHostKey:
		return hostKeyVerdict(name)
	case CategoryCipher:
		return cipherVerdict(name)
	case CategoryMAC:
		return macVerdict(name)
	case CategoryCompression:
		return compressionVerdict(name)
	}
	return verdict{}
}

func kexVerdict(n string) verdict {
	switch n {
	case StrictKexServer, StrictKexClient, "ext-info-s", "ext-info-c", "kex-strict-s", "kex-strict-c",
		"kexguess2@matt.ucc.asn.au":
		return verdict{LevelInfo, "protocol extension marker, not a key exchange", refExtension}
	case "diffie-hellman-group1-sha1":
		return verdict{LevelInsecure, "1024-bit group with SHA-1", refRFC9142}
	case "diffie-hellman-group-exchange-sha1":
		return verdict{LevelInsecure, "SHA-1 group exchange, groups may be small", refRFC9142}
	case "rsa1024-sha1":
		return verdict{LevelInsecure, "1024-bit RSA with SHA-1", refRFC9142}
	case "ecmqv-sha2":
		return verdict{LevelWeak, "patent-encumbered, unimplemented elsewhere", refRFC9142}
	case "diffie-hellman-group14-sha1":
		return verdict{LevelWeak, "SHA-1 hash", refRFC9142}
	case "curve25519-sha256", "curve25519-sha256@libssh.org", "curve448-sha512",
		"ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
		"diffie-hellman-group14-sha256", "diffie-hellman-group15-sha512",
		"diffie-hellman-group16-sha512", "diffie-hellman-group17-sha512",
		"diffie-hellman-group18-sha512", "diffie-hellman-group-exchange-sha256",
		"rsa2048-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
		"mlkem768x25519-sha256", "mlkem768nistp256-sha256", "mlkem1024nistp384-sha384":
		return verdict{LevelOK, "", refRFC9142}
	}
	if strings.HasPrefix(n, "gss-") {
		if strings.Contains(n, "sha1") {
			return verdict{LevelInsecure, "SHA-1 GSS-API key exchange", refRFC8732}
		}
		return verdict{LevelOK, "", refRFC8732}
	}
	return verdict{}
}

func hostKeyVerdict(n string) verdict {
	base := strings.TrimSuffix(strings.TrimSuffix(n, "-cert-v01@openssh.com"), "-cert-v00@openssh.com")
	if strings.HasSuffix(n, "-cert-v00@openssh.com") {
		return verdict{LevelWeak, "obsolete v00 certificate format", refSSHAudit}
	}
	switch base {
	case "ssh-dss", "x509v3-sign-dss":
		return verdict{LevelInsecure, "DSA: 1024-bit keys, SHA-1", refFIPS1865}
	case "ssh-rsa", "x509v3-sign-rsa", "ssh-rsa-sha1":
		return verdict{LevelWeak, "RSA with SHA-1 signatures", refRFC8332}
	case "rsa-sha2-256", "rsa-sha2-512", "ssh-ed25519", "ssh-ed448",
		"ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
		"sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
		"x509v3-ssh-ed25519", "x509v3-rsa2048-sha256",
		"x509v3-ecdsa-sha2-nistp256", "x509v3-ecdsa-sha2-nistp384", "x509v3-ecdsa-sha2-nistp521":
		return verdict{LevelOK, "", refRFC8332}
	}
	if strings.HasPrefix(base, "rsa-sha2-") && strings.HasSuffix(n, "-cert-v01@openssh.com") {
		return verdict{LevelOK, "", refRFC8332}
	}
	return verdict{}
}

func cipherVerdict(n string) verdict {
	switch {
	case n == "none":
		return verdict{LevelInsecure, "no encryption", refRFC4253}
	case strings.HasPrefix(n, "arcfour"):
		return verdict{LevelInsecure, "RC4", refRFC8758}
	case n == "des-cbc", n == "des", n == "des-cbc-ssh1", n == "3des-cbc", n == "3des-ctr", n == "des-cbc@ssh.com":
		return verdict{LevelInsecure, "DES/3DES: 64-bit block, disallowed", refNIST131A}
	case strings.HasPrefix(n, "blowfish"), strings.HasPrefix(n, "cast128"), strings.HasPrefix(n, "idea"),
		strings.HasPrefix(n, "twofish"), strings.HasPrefix(n, "serpent"), strings.HasPrefix(n, "seed-"):
		return verdict{LevelInsecure, "obsolete or 64-bit-block cipher", refSSHAudit}
	case n == "aes128-cbc", n == "aes192-cbc", n == "aes256-cbc", n == "rijndael-cbc@lysator.liu.se":
		return verdict{LevelWeak, "CBC mode", refCBC}
	case n == "aes128-ctr", n == "aes192-ctr", n == "aes256-ctr",
		n == "aes128-gcm@openssh.com", n == "aes256-gcm@openssh.com", n == "aes128-gcm", n == "aes256-gcm",
		n == "chacha20-poly1305@openssh.com", n == "chacha20-poly1305":
		return verdict{LevelOK, "", refRFC4253}
	}
	return verdict{}
}

func macVerdict(n string) verdict {
	switch {
	case n == "none":
		return verdict{LevelInsecure, "no integrity protection", refRFC4253}
	case strings.HasPrefix(n, "hmac-md5"):
		return verdict{LevelInsecure, "MD5", refNIST131A}
	case strings.HasSuffix(n, "-96") || strings.Contains(n, "-96-") || strings.Contains(n, "-96@"):
		return verdict{LevelInsecure, "96-bit truncated tag", refSSHAudit}
	case strings.HasPrefix(n, "hmac-sha1"):
		return verdict{LevelWeak, "SHA-1", refNIST131A}
	case strings.HasPrefix(n, "umac-64"):
		return verdict{LevelWeak, "64-bit tag", refSSHAudit}
	case strings.HasPrefix(n, "hmac-ripemd160"):
		return verdict{LevelWeak, "RIPEMD-160", refSSHAudit}
	case n == "hmac-sha2-256", n == "hmac-sha2-512", n == "hmac-sha2-256-etm@openssh.com",
		n == "hmac-sha2-512-etm@openssh.com", n == "umac-128@openssh.com", n == "umac-128-etm@openssh.com",
		n == "hmac-sha256", n == "hmac-sha512", n == "hmac-sha256@ssh.com", n == "hmac-sha512@ssh.com":
		return verdict{LevelOK, "", refNIST131A}
	}
	return verdict{}
}

func compressionVerdict(n string) verdict {
	switch n {
	case "none", "zlib@openssh.com":
		return verdict{LevelOK, "", refRFC4253}
	case "zlib":
		return verdict{LevelWeak, "compression before authentication widens the pre-auth attack surface", refSSHAudit}
	}
	return verdict{}
}

// Rate rates every algorithm a server offers: key exchange, host key,
// cipher, MAC and compression lists (both directions, each name once per
// category), in KEXINIT order.
func Rate(a Algorithms) []Rating {
	var out []Rating
	add := func(c Category, lists ...[]string) {
		seen := map[string]bool{}
		for _, l := range lists {
			for _, n := range l {
				if seen[n] {
					continue
				}
				seen[n] = true
				v := verdictFor(c, n)
				if v.level == LevelUnknown {
					v.reason = "not in the policy"
				}
				out = append(out, Rating{Category: c, Algorithm: n, Level: v.level, Reason: v.reason, Reference: v.reference})
			}
		}
	}
	add(CategoryKex, a.Kex)
	add(CategoryHostKey, a.HostKey)
	add(CategoryCipher, a.CiphersClientServer, a.CiphersServerClient)
	add(CategoryMAC, a.MACsClientServer, a.MACsServerClient)
	add(CategoryCompression, a.CompressionClientServer, a.CompressionServerClient)
	return out
}

// TerrapinExposed reports whether a server with these algorithms is open
// to the Terrapin prefix-truncation attack (CVE-2023-48795): it offers
// ChaCha20-Poly1305, or a CBC cipher together with an encrypt-then-MAC
// MAC, and does not offer strict key exchange.
func TerrapinExposed(a Algorithms) bool {
	for _, k := range a.Kex {
		if k == StrictKexServer {
			return false
		}
	}
	has := func(pred func(string) bool, lists ...[]string) bool {
		for _, l := range lists {
			for _, n := range l {
				if pred(n) {
					return true
				}
			}
		}
		return false
	}
	chacha := has(func(n string) bool { return strings.HasPrefix(n, "chacha20-poly1305") }, a.CiphersClientServer, a.CiphersServerClient)
	cbc := has(func(n string) bool { return strings.HasSuffix(n, "-cbc") || strings.Contains(n, "-cbc@") }, a.CiphersClientServer, a.CiphersServerClient)
	etm := has(func(n string) bool { return strings.Contains(n, "-etm@") }, a.MACsClientServer, a.MACsServerClient)
	return chacha || (cbc && etm)
}
