package ssh

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// RFC 4253 §6.1: implementations must handle packets of up to 35000
// bytes; nothing larger is read.
const maxPacketLen = 35000

// Message numbers (RFC 4250 §4.1.2).
const (
	msgDisconnect = 1
	msgIgnore     = 2
	msgDebug      = 4
	msgKexInit    = 20
)

var errEOF = io.EOF

// ErrMalformed reports a packet or KEXINIT that breaks the wire format.
var ErrMalformed = errors.New("malformed SSH packet")

// Algorithms are the name-lists of a KEXINIT (RFC 4253 §7.1), in the
// sender's order of preference.
type Algorithms struct {
	Kex                     []string `json:"kex"`
	HostKey                 []string `json:"host_key"`
	CiphersClientServer     []string `json:"ciphers_client_to_server"`
	CiphersServerClient     []string `json:"ciphers_server_to_client"`
	MACsClientServer        []string `json:"macs_client_to_server"`
	MACsServerClient        []string `json:"macs_server_to_client"`
	CompressionClientServer []string `json:"compression_client_to_server"`
	CompressionServerClient []string `json:"compression_server_to_client"`
	LanguagesClientServer   []string `json:"languages_client_to_server,omitempty"`
	LanguagesServerClient   []string `json:"languages_server_to_client,omitempty"`
}

// KexInit is an SSH_MSG_KEXINIT message.
type KexInit struct {
	Cookie [16]byte
	Algorithms
	FirstKexPacketFollows bool
	Reserved              uint32
}

// Strict-kex pseudo-algorithms (OpenSSH PROTOCOL, "strict key exchange
// extension"; the mitigation of Terrapin, CVE-2023-48795).
const (
	StrictKexServer = "kex-strict-s-v00@openssh.com"
	StrictKexClient = "kex-strict-c-v00@openssh.com"
)

// StrictKex reports whether a server KEXINIT offers strict key exchange.
func (k *KexInit) StrictKex() bool {
	for _, a := range k.Kex {
		if a == StrictKexServer {
			return true
		}
	}
	return false
}

// ReadPacket reads one unencrypted binary packet (RFC 4253 §6: uint32
// packet_length, byte padding_length, payload, padding; no MAC) and
// returns its payload. packet_length above 35000 bytes, a padding shorter
// than 4 bytes or longer than the packet, and an empty payload are
// errors wrapping [ErrMalformed].
func ReadPacket(r io.Reader) ([]byte, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("read packet header: %w", err)
	}
	length := binary.BigEndian.Uint32(hdr[:4])
	pad := uint32(hdr[4])
	switch {
	case length > maxPacketLen:
		return nil, fmt.Errorf("%w: packet length %d exceeds %d", ErrMalformed, length, maxPacketLen)
	case pad < 4:
		return nil, fmt.Errorf("%w: padding length %d below 4", ErrMalformed, pad)
	case length < pad+2:
		return nil, fmt.Errorf("%w: packet length %d leaves no payload after %d bytes of padding", ErrMalformed, length, pad)
	}
	body := make([]byte, length-1)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("read packet of %d bytes: %w", length, err)
	}
	return body[:len(body)-int(pad)], nil
}

// ReadKexInit reads packets until the server's SSH_MSG_KEXINIT, skipping
// at most a few SSH_MSG_IGNORE and SSH_MSG_DEBUG messages, and parses it.
func ReadKexInit(r io.Reader) (*KexInit, error) {
	for range 8 {
		p, err := ReadPacket(r)
		if err != nil {
			return nil, err
		}
		switch p[0] {
		case msgIgnore, msgDebug:
			continue
		case msgDisconnect:
			return nil, fmt.Errorf("server disconnected before KEXINIT: %s", disconnectReason(p))
		}
		return ParseKexInit(p)
	}
	return nil, fmt.Errorf("%w: no KEXINIT within the first packets", ErrMalformed)
}

func disconnectReason(p []byte) string {
	if len(p) < 9 {
		return "no reason given"
	}
	code := binary.BigEndian.Uint32(p[1:5])
	desc, _, err := nameListString(p[5:])
	if err != nil {
		return fmt.Sprintf("code %d", code)
	}
	return fmt.Sprintf("code %d: %s", code, sanitize(desc))
}

// ParseKexInit parses an SSH_MSG_KEXINIT payload (RFC 4253 §7.1): the
// message number 20, a 16-byte cookie, ten name-lists, the
// first_kex_packet_follows boolean and a reserved uint32. A name-list is a
// comma-separated list of non-empty names of printable ASCII without
// commas or spaces; the lists are checked, and trailing bytes are an
// error.
func ParseKexInit(payload []byte) (*KexInit, error) {
	if len(payload) == 0 || payload[0] != msgKexInit {
		if len(payload) == 0 {
			return nil, fmt.Errorf("%w: empty payload", ErrMalformed)
		}
		return nil, fmt.Errorf("%w: message %d, want KEXINIT (20)", ErrMalformed, payload[0])
	}
	rest := payload[1:]
	if len(rest) < 16 {
		return nil, fmt.Errorf("%w: KEXINIT too short for its cookie", ErrMalformed)
	}
	k := &KexInit{}
	copy(k.Cookie[:], rest[:16])
	rest = rest[16:]
	fields := []struct {
		name string
		dst  *[]string
	}{
		{"kex_algorithms", &k.Kex},
		{"server_host_key_algorithms", &k.HostKey},
		{"encryption_algorithms_client_to_server", &k.CiphersClientServer},
		{"encryption_algorithms_server_to_client", &k.CiphersServerClient},
		{"mac_algorithms_client_to_server", &k.MACsClientServer},
		{"mac_algorithms_server_to_client", &k.MACsServerClient},
		{"compression_algorithms_client_to_server", &k.CompressionClientServer},
		{"compression_algorithms_server_to_client", &k.CompressionServerClient},
		{"languages_client_to_server", &k.LanguagesClientServer},
		{"languages_server_to_client", &k.LanguagesServerClient},
	}
	for _, f := range fields {
		s, r, err := nameListString(rest)
		if err != nil {
			return nil, fmt.Errorf("KEXINIT %s: %w", f.name, err)
		}
		list, err := splitNameList(s)
		if err != nil {
			return nil, fmt.Errorf("KEXINIT %s: %w", f.name, err)
		}
		*f.dst = list
		rest = r
	}
	if len(rest) < 5 {
		return nil, fmt.Errorf("%w: KEXINIT ends before first_kex_packet_follows and reserved", ErrMalformed)
	}
	if rest[0] > 1 {
		return nil, fmt.Errorf("%w: KEXINIT first_kex_packet_follows is %d, not a boolean", ErrMalformed, rest[0])
	}
	k.FirstKexPacketFollows = rest[0] == 1
	k.Reserved = binary.BigEndian.Uint32(rest[1:5])
	if len(rest) > 5 {
		return nil, fmt.Errorf("%w: %d trailing bytes after KEXINIT", ErrMalformed, len(rest)-5)
	}
	return k, nil
}

// nameListString reads a uint32-length-prefixed string.
func nameListString(b []byte) (string, []byte, error) {
	if len(b) < 4 {
		return "", nil, fmt.Errorf("%w: truncated length", ErrMalformed)
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return "", nil, fmt.Errorf("%w: length %d exceeds the %d bytes left", ErrMalformed, n, len(b)-4)
	}
	return string(b[4 : 4+n]), b[4+n:], nil
}

func splitNameList(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	names := strings.Split(s, ",")
	for i, n := range names {
		if n == "" {
			return nil, fmt.Errorf("%w: empty name at position %d", ErrMalformed, i+1)
		}
		for j := 0; j < len(n); j++ {
			if c := n[j]; c <= 0x20 || c >= 0x7f {
				return nil, fmt.Errorf("%w: name %d has byte 0x%02x", ErrMalformed, i+1, c)
			}
		}
	}
	return names, nil
}
