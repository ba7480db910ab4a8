package ssh_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

func TestParseIdentification(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		want    probessh.Identification
		wantErr string
	}{
		{name: "openssh", line: "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", want: probessh.Identification{
			Raw: "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", Protocol: "2.0", SoftwareVersion: "OpenSSH_9.2p1",
			Comments: "Debian-2+deb12u3", Product: "OpenSSH", Version: "9.2p1"}},
		{name: "dropbear", line: "SSH-2.0-dropbear_2022.83", want: probessh.Identification{
			Raw: "SSH-2.0-dropbear_2022.83", Protocol: "2.0", SoftwareVersion: "dropbear_2022.83", Product: "dropbear", Version: "2022.83"}},
		{name: "cisco with dash", line: "SSH-1.99-Cisco-1.25\n", want: probessh.Identification{
			Raw: "SSH-1.99-Cisco-1.25", Protocol: "1.99", SoftwareVersion: "Cisco-1.25", Product: "Cisco", Version: "1.25"}},
		{name: "no version", line: "SSH-2.0-ROSSSH", want: probessh.Identification{
			Raw: "SSH-2.0-ROSSSH", Protocol: "2.0", SoftwareVersion: "ROSSSH", Product: "ROSSSH"}},
		{name: "not ssh", line: "HTTP/1.1 400 Bad Request", wantErr: "not an SSH server"},
		{name: "no software", line: "SSH-2.0-", wantErr: "lacks protoversion-softwareversion"},
		{name: "empty software", line: "SSH-2.0- comment", wantErr: "empty softwareversion"},
		{name: "control byte", line: "SSH-2.0-x\x00y", wantErr: "non-printable"},
		{name: "too long", line: "SSH-2.0-" + strings.Repeat("a", 250), wantErr: "longer than 255"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := probessh.ParseIdentification(tc.line)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadIdentification(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantPre []string
		wantRaw string
		wantErr string
		rest    string
	}{
		{name: "plain", in: "SSH-2.0-OpenSSH_9.2\r\nREST", wantRaw: "SSH-2.0-OpenSSH_9.2", rest: "REST"},
		{name: "pre-banner lines", in: "Welcome\r\n\x1b[31mauthorised use only\r\nSSH-2.0-x_1\r\n", wantRaw: "SSH-2.0-x_1",
			wantPre: []string{"Welcome", "?[31mauthorised use only"}},
		{name: "bare LF", in: "SSH-2.0-x_1\nREST", wantRaw: "SSH-2.0-x_1", rest: "REST"},
		{name: "eof", in: "", wantErr: "EOF"},
		{name: "unterminated", in: "SSH-2.0-x", wantErr: "unterminated"},
		{name: "endless preamble", in: strings.Repeat("hello\r\n", 100), wantErr: "no SSH- line within 64 lines"},
		{name: "huge first line", in: strings.Repeat("A", 5000), wantErr: "not an SSH server"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			br := bufio.NewReader(strings.NewReader(tc.in))
			id, err := probessh.ReadIdentification(br)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantRaw, id.Raw)
			assert.Equal(t, tc.wantPre, id.PreBanner)
			rest, _ := io.ReadAll(br)
			assert.Equal(t, tc.rest, string(rest))
		})
	}
}

// kexInitPayload builds a KEXINIT payload from ten comma-joined lists.
func kexInitPayload(lists [10]string, follows byte) []byte {
	b := []byte{20}
	b = append(b, bytes.Repeat([]byte{0xAB}, 16)...)
	for _, l := range lists {
		b = binary.BigEndian.AppendUint32(b, uint32(len(l)))
		b = append(b, l...)
	}
	b = append(b, follows)
	return binary.BigEndian.AppendUint32(b, 0)
}

// packet wraps a payload in an unencrypted binary packet with pad bytes
// of padding.
func packet(payload []byte, pad int) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(1+len(payload)+pad))
	b = append(b, byte(pad))
	b = append(b, payload...)
	return append(b, make([]byte, pad)...)
}

var sampleLists = [10]string{
	"curve25519-sha256,diffie-hellman-group14-sha1,kex-strict-s-v00@openssh.com",
	"ssh-ed25519,rsa-sha2-256",
	"aes128-ctr,aes128-cbc", "aes256-ctr",
	"hmac-sha2-256", "hmac-sha1",
	"none", "none,zlib@openssh.com",
	"", "",
}

func TestParseKexInit(t *testing.T) {
	good := kexInitPayload(sampleLists, 0)
	k, err := probessh.ParseKexInit(good)
	require.NoError(t, err)
	assert.Equal(t, probessh.Algorithms{
		Kex:                     []string{"curve25519-sha256", "diffie-hellman-group14-sha1", "kex-strict-s-v00@openssh.com"},
		HostKey:                 []string{"ssh-ed25519", "rsa-sha2-256"},
		CiphersClientServer:     []string{"aes128-ctr", "aes128-cbc"},
		CiphersServerClient:     []string{"aes256-ctr"},
		MACsClientServer:        []string{"hmac-sha2-256"},
		MACsServerClient:        []string{"hmac-sha1"},
		CompressionClientServer: []string{"none"},
		CompressionServerClient: []string{"none", "zlib@openssh.com"},
	}, k.Algorithms)
	assert.True(t, k.StrictKex())
	assert.False(t, k.FirstKexPacketFollows)
	assert.Equal(t, [16]byte(bytes.Repeat([]byte{0xAB}, 16)), k.Cookie)

	withList := func(i int, v string) []byte {
		l := sampleLists
		l[i] = v
		return kexInitPayload(l, 0)
	}
	tests := []struct {
		name    string
		payload []byte
		wantErr string
	}{
		{name: "empty", payload: nil, wantErr: "empty payload"},
		{name: "other message", payload: []byte{21}, wantErr: "message 21"},
		{name: "short cookie", payload: []byte{20, 1, 2}, wantErr: "cookie"},
		{name: "truncated list", payload: good[:40], wantErr: "exceeds"},
		{name: "no trailer", payload: good[:len(good)-5], wantErr: "ends before"},
		{name: "trailing bytes", payload: append(bytes.Clone(good), 0), wantErr: "trailing"},
		{name: "bad boolean", payload: kexInitPayload(sampleLists, 7), wantErr: "not a boolean"},
		{name: "empty name", payload: withList(0, "a,,b"), wantErr: "empty name"},
		{name: "space in name", payload: withList(1, "ssh-ed25519 x"), wantErr: "byte 0x20"},
		{name: "huge length", payload: append([]byte{20}, append(make([]byte, 16), 0xff, 0xff, 0xff, 0xff)...), wantErr: "exceeds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := probessh.ParseKexInit(tc.payload)
			require.Error(t, err)
			assert.Nil(t, k)
			assert.ErrorIs(t, err, probessh.ErrMalformed)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestReadKexInit(t *testing.T) {
	kex := kexInitPayload(sampleLists, 0)
	ignore := []byte{2, 0, 0, 0, 1, 'x'}
	disconnect := append([]byte{1, 0, 0, 0, 2, 0, 0, 0, 8}, "go away!"...)
	tests := []struct {
		name    string
		in      []byte
		wantErr string
		isMal   bool
	}{
		{name: "kexinit", in: packet(kex, 4)},
		{name: "after ignore", in: append(packet(ignore, 5), packet(kex, 6)...)},
		{name: "disconnect", in: packet(disconnect, 4), wantErr: "code 2: go away!"},
		{name: "oversized length", in: []byte{0x7f, 0xff, 0xff, 0xff, 4}, wantErr: "exceeds 35000", isMal: true},
		{name: "short padding", in: packet(kex, 3), wantErr: "below 4", isMal: true},
		{name: "padding beyond packet", in: []byte{0, 0, 0, 6, 200, 0, 0, 0, 0, 0}, wantErr: "no payload", isMal: true},
		{name: "truncated", in: packet(kex, 4)[:50], wantErr: "unexpected EOF"},
		{name: "only ignores", in: bytes.Repeat(packet(ignore, 4), 9), wantErr: "no KEXINIT", isMal: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := probessh.ReadKexInit(bytes.NewReader(tc.in))
			if tc.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, "curve25519-sha256", k.Kex[0])
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.Equal(t, tc.isMal, errors.Is(err, probessh.ErrMalformed))
		})
	}
}

func TestRate(t *testing.T) {
	a := probessh.Algorithms{
		Kex:                     []string{"curve25519-sha256", "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "gss-gex-sha1-abc", "kex-strict-s-v00@openssh.com", "x-unknown@example.com"},
		HostKey:                 []string{"ssh-ed25519", "ssh-rsa", "ssh-dss", "rsa-sha2-512-cert-v01@openssh.com", "ssh-rsa-cert-v00@openssh.com"},
		CiphersClientServer:     []string{"aes256-gcm@openssh.com", "aes128-cbc", "arcfour256"},
		CiphersServerClient:     []string{"aes128-cbc", "3des-cbc", "none", "blowfish-cbc"},
		MACsClientServer:        []string{"hmac-sha2-512-etm@openssh.com", "hmac-md5-96", "hmac-sha1-96", "hmac-sha1", "umac-64@openssh.com"},
		CompressionServerClient: []string{"none", "zlib"},
	}
	want := []probessh.Level{
		probessh.LevelOK, probessh.LevelInsecure, probessh.LevelWeak, probessh.LevelInsecure, probessh.LevelInfo, probessh.LevelUnknown,
		probessh.LevelOK, probessh.LevelWeak, probessh.LevelInsecure, probessh.LevelOK, probessh.LevelWeak,
		probessh.LevelOK, probessh.LevelWeak, probessh.LevelInsecure, probessh.LevelInsecure, probessh.LevelInsecure, probessh.LevelInsecure,
		probessh.LevelOK, probessh.LevelInsecure, probessh.LevelInsecure, probessh.LevelWeak, probessh.LevelWeak,
		probessh.LevelOK, probessh.LevelWeak,
	}
	got := probessh.Rate(a)
	require.Len(t, got, len(want), "aes128-cbc appears in both directions and is rated once")
	for i, r := range got {
		assert.Equal(t, want[i], r.Level, "%s %s", r.Category, r.Algorithm)
		if r.Level == probessh.LevelWeak || r.Level == probessh.LevelInsecure {
			assert.NotEmpty(t, r.Reason, r.Algorithm)
			assert.NotEmpty(t, r.Reference, r.Algorithm)
		}
	}
}

func TestTerrapinExposed(t *testing.T) {
	tests := []struct {
		name string
		a    probessh.Algorithms
		want bool
	}{
		{"chacha without strict kex", probessh.Algorithms{Kex: []string{"curve25519-sha256"}, CiphersServerClient: []string{"chacha20-poly1305@openssh.com"}}, true},
		{"chacha with strict kex", probessh.Algorithms{Kex: []string{"curve25519-sha256", probessh.StrictKexServer}, CiphersServerClient: []string{"chacha20-poly1305@openssh.com"}}, false},
		{"cbc with etm", probessh.Algorithms{CiphersClientServer: []string{"aes128-cbc"}, MACsServerClient: []string{"hmac-sha2-256-etm@openssh.com"}}, true},
		{"cbc without etm", probessh.Algorithms{CiphersClientServer: []string{"aes128-cbc"}, MACsServerClient: []string{"hmac-sha2-256"}}, false},
		{"ctr and gcm", probessh.Algorithms{CiphersClientServer: []string{"aes128-ctr", "aes256-gcm@openssh.com"}, MACsServerClient: []string{"hmac-sha2-256-etm@openssh.com"}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, probessh.TerrapinExposed(tc.a))
		})
	}
}

func TestLevelText(t *testing.T) {
	for _, l := range []probessh.Level{probessh.LevelUnknown, probessh.LevelOK, probessh.LevelInfo, probessh.LevelWeak, probessh.LevelInsecure} {
		b, err := l.MarshalText()
		require.NoError(t, err)
		var back probessh.Level
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, l, back)
	}
	var zero probessh.Level
	assert.Equal(t, "unknown", zero.String(), "the zero level is unknown, never ok")
	assert.Error(t, zero.UnmarshalText([]byte("fine")))
}

func TestNormalizeAddr(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{in: "router1", want: "router1:22"},
		{in: "10.0.0.1:2222", want: "10.0.0.1:2222"},
		{in: "::1", want: "[::1]:22"},
		{in: "[::1]", want: "[::1]:22"},
		{in: "[::1]:2022", want: "[::1]:2022"},
		{in: "", wantErr: "empty"},
		{in: ":22", wantErr: "empty host"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := probessh.NormalizeAddr(tc.in)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func FuzzReadIdentification(f *testing.F) {
	for _, s := range []string{
		"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
		"Welcome\r\nSSH-2.0-dropbear_2022.83\r\n",
		"SSH-1.99-Cisco-1.25\n",
		"SSH-2.0-\r\n",
		"\r\n\r\nSSH-",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		id, err := probessh.ReadIdentification(bufio.NewReader(bytes.NewReader(b)))
		if err != nil {
			return
		}
		// A parsed line parses again to the same result.
		again, err := probessh.ParseIdentification(id.Raw)
		if err != nil {
			t.Fatalf("re-parse %q: %v", id.Raw, err)
		}
		again.PreBanner = id.PreBanner
		if !assert.ObjectsAreEqual(id, again) {
			t.Fatalf("round trip: %+v != %+v", id, again)
		}
		if len(id.Raw) > 253 || len(id.PreBanner) > 64 {
			t.Fatalf("limits exceeded: %d bytes, %d lines", len(id.Raw), len(id.PreBanner))
		}
	})
}

func FuzzReadKexInit(f *testing.F) {
	f.Add(packet(kexInitPayload(sampleLists, 0), 4))
	f.Add(packet(kexInitPayload([10]string{}, 1), 8))
	f.Add(append(packet([]byte{2, 0, 0, 0, 0}, 4), packet(kexInitPayload(sampleLists, 0), 4)...))
	f.Add([]byte{0, 0, 0x88, 0xb8, 4})
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := probessh.ReadKexInit(bytes.NewReader(b))
		if err != nil {
			if k != nil {
				t.Fatal("result with an error")
			}
			return
		}
		for _, l := range [][]string{k.Kex, k.HostKey, k.CiphersClientServer, k.CiphersServerClient, k.MACsClientServer,
			k.MACsServerClient, k.CompressionClientServer, k.CompressionServerClient} {
			for _, n := range l {
				if n == "" || strings.ContainsAny(n, ", \x00") {
					t.Fatalf("bad name %q", n)
				}
			}
		}
		_ = probessh.Rate(k.Algorithms)
	})
}
