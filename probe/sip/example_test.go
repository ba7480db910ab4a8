package sip_test

import (
	"context"
	"fmt"
	"time"

	"github.com/netdevsec/netdevsec/probe/sip"
)

// Probe a PBX you are authorised to test: REGISTER of a random user
// without credentials, compared with a known extension, no INVITE.
func ExampleProber_Probe() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p := sip.New(&sip.Options{Transport: "udp", KnownUser: "1001", NoInvite: true})
	res, err := p.Probe(ctx, "127.0.0.1:5060")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("banner:", res.Banner)
	fmt.Println("random user REGISTER:", res.RegisterUnknown.Status, "challenged:", res.RegisterUnknown.Challenged)
}
