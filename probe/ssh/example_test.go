package ssh_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"

	gossh "golang.org/x/crypto/ssh"

	"github.com/netdevsec/netdevsec"
	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// exampleServer runs an SSH server written with x/crypto/ssh on
// 127.0.0.1 (a real server, in process, so the example runs anywhere) and
// returns its address, its host key fingerprint and a stop function.
func exampleServer() (addr, fingerprint string, stop func()) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		panic(err)
	}
	cfg := &gossh.ServerConfig{
		ServerVersion: "SSH-2.0-ExampleOS_4.2",
		PasswordCallback: func(c gossh.ConnMetadata, pw []byte) (*gossh.Permissions, error) {
			if c.User() == "admin" && string(pw) == "example-only-password" {
				return nil, nil
			}
			return nil, errors.New("denied")
		},
	}
	cfg.AddHostKey(signer)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				sc, chans, reqs, err := gossh.NewServerConn(c, cfg)
				if err != nil {
					return
				}
				defer sc.Close()
				go gossh.DiscardRequests(reqs)
				for nc := range chans {
					serveExec(nc)
				}
			})
		}
	})
	return l.Addr().String(), gossh.FingerprintSHA256(signer.PublicKey()), func() { l.Close(); wg.Wait() }
}

// serveExec answers one session channel: an exec of "show running-config"
// prints a configuration, anything else fails.
func serveExec(nc gossh.NewChannel) {
	if nc.ChannelType() != "session" {
		nc.Reject(gossh.UnknownChannelType, "session only")
		return
	}
	ch, reqs, err := nc.Accept()
	if err != nil {
		return
	}
	defer ch.Close()
	for req := range reqs {
		if req.Type != "exec" {
			req.Reply(false, nil)
			continue
		}
		req.Reply(true, nil)
		status := []byte{0, 0, 0, 0}
		if cmd := string(req.Payload[4:]); cmd == "show running-config" {
			io.WriteString(ch, "hostname edge-router\nip ssh version 2\n")
		} else {
			fmt.Fprintf(ch.Stderr(), "unknown command %q\n", cmd)
			status[3] = 1
		}
		ch.SendRequest("exit-status", false, status)
		return
	}
}

func ExampleProber_Run() {
	addr, fingerprint, stop := exampleServer()
	defer stop()

	p, err := probessh.New(probessh.Options{Fingerprints: []string{fingerprint}})
	if err != nil {
		fmt.Println(err)
		return
	}
	login := probessh.Login{User: "admin", Password: netdevsec.NewSecret("example-only-password")}
	config, err := p.Run(context.Background(), addr, login, "show running-config")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(config))

	login.Password = netdevsec.NewSecret("wrong")
	err = p.Login(context.Background(), addr, login)
	fmt.Println("wrong password rejected:", errors.Is(err, probessh.ErrAuth))
	// Output:
	// hostname edge-router
	// ip ssh version 2
	// wrong password rejected: true
}

func ExampleProber_Audit() {
	addr, fingerprint, stop := exampleServer()
	defer stop()

	// Host keys are always verified: pin the fingerprint (or give
	// known_hosts files).
	p, err := probessh.New(probessh.Options{Fingerprints: []string{fingerprint}})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := p.Audit(context.Background(), addr)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("software:", r.Identification.Product, r.Identification.Version)
	fmt.Println("host key:", r.HostKey.Status)
	fmt.Println("auth methods:", r.AuthMethods)
	fmt.Println("strict kex:", r.StrictKex, "terrapin:", r.TerrapinExposed)
	for _, rt := range r.Ratings {
		if rt.Level >= probessh.LevelWeak {
			fmt.Printf("%s %s %s: %s\n", rt.Level, rt.Category, rt.Algorithm, rt.Reason)
		}
	}
	// Output:
	// software: ExampleOS 4.2
	// host key: verified
	// auth methods: [password]
	// strict kex: true terrapin: false
	// weak kex diffie-hellman-group14-sha1: SHA-1 hash
	// weak mac hmac-sha1: SHA-1
	// insecure mac hmac-sha1-96: 96-bit truncated tag
}

func ExampleRate() {
	ratings := probessh.Rate(probessh.Algorithms{
		Kex:                 []string{"curve25519-sha256", "diffie-hellman-group1-sha1"},
		CiphersClientServer: []string{"aes128-ctr", "aes128-cbc"},
	})
	for _, r := range ratings {
		fmt.Println(r.Category, r.Algorithm, r.Level)
	}
	// Output:
	// kex curve25519-sha256 ok
	// kex diffie-hellman-group1-sha1 insecure
	// cipher aes128-ctr ok
	// cipher aes128-cbc weak
}
