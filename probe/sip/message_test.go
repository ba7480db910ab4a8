package sip

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseResponse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		code    int
		server  string
		allow   []string
		chal    bool
		wantErr bool
	}{
		{name: "401 challenge", in: "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKx\r\nWWW-Authenticate: Digest realm=\"pbx\", nonce=\"abc\"\r\nServer: Asterisk PBX 18.9.0\r\nContent-Length: 0\r\n\r\n",
			code: 401, server: "Asterisk PBX 18.9.0", chal: true},
		{name: "compact and folded, LF only", in: "SIP/2.0 200 OK\nv: SIP/2.0/UDP x\ni: abc\nUser-Agent: FPBX-16.0.40(18.20.0)\nAllow: INVITE, ACK,\n  OPTIONS\nl: 4\n\nbody",
			code: 200, server: "FPBX-16.0.40(18.20.0)", allow: []string{"INVITE", "ACK", "OPTIONS"}},
		{name: "request, not response", in: "OPTIONS sip:x SIP/2.0\r\n\r\n", wantErr: true},
		{name: "bad code", in: "SIP/2.0 2000 OK\r\n\r\n", wantErr: true},
		{name: "short body", in: "SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nab", wantErr: true},
		{name: "no end of headers", in: "SIP/2.0 200 OK\r\nVia: x", wantErr: true},
		{name: "bad header", in: "SIP/2.0 200 OK\r\nno colon here\r\n\r\n", wantErr: true},
		{name: "too many headers", in: "SIP/2.0 200 OK\r\n" + strings.Repeat("X-A: b\r\n", MaxHeaders+1) + "\r\n", wantErr: true},
		{name: "too large", in: "SIP/2.0 200 OK\r\n\r\n" + strings.Repeat("a", MaxMessageSize), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseResponse([]byte(tt.in))
			if tt.wantErr {
				assert.ErrorIs(t, err, ErrMalformed)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.code, r.StatusCode)
			assert.Equal(t, tt.server, r.Server())
			assert.Equal(t, tt.allow, r.Allow())
			assert.Equal(t, tt.chal, r.Challenge() != "")
		})
	}
}

func TestHeaderHelpers(t *testing.T) {
	n, m := cseq(" 2 INVITE")
	assert.Equal(t, 2, n)
	assert.Equal(t, "INVITE", m)
	assert.Equal(t, "as5f", toTag("<sip:1@x>;tag=as5f;foo"))
	assert.Equal(t, "", toTag("<sip:1@x>"))
	assert.Equal(t, "Call-ID", canonical("i"))
	assert.Equal(t, "WWW-Authenticate", canonical("www-authenticate"))
	assert.Equal(t, "Proxy-Authenticate", canonical("proxy-authenticate"))
}

func FuzzParseResponse(f *testing.F) {
	f.Add([]byte("SIP/2.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"x\"\r\nContent-Length: 0\r\n\r\n"))
	f.Add([]byte("SIP/2.0 200 OK\nl: 2\n\nab"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseResponse(data)
		if err != nil {
			return
		}
		if r.StatusCode < 100 || r.StatusCode > 699 {
			t.Fatalf("status %d accepted", r.StatusCode)
		}
		_ = r.Server()
		_ = r.Allow()
		_ = r.Challenge()
	})
}
