// A management client written with apparentlymart/go-openvpn-mgmt (Debian's
// golang-github-apparentlymart-go-openvpn-mgmt-dev), a library written for stock OpenVPN: it
// drives a server's management socket the way that library's users do and prints what it saw,
// one fact per line. ManagementIT runs it against Culvert. Exit status 0 only if every call
// succeeded and both expected clients reported byte counts.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/apparentlymart/go-openvpn-mgmt/openvpn"
)

func fail(format string, args ...interface{}) {
	fmt.Printf("FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: mgmt-client /path/to/socket")
	}
	events := make(chan openvpn.Event, 64)
	client, err := openvpn.Dial(os.Args[1], events)
	if err != nil {
		fail("dial: %v", err)
	}
	pid, err := client.Pid()
	if err != nil {
		fail("pid: %v", err)
	}
	fmt.Printf("pid=%d\n", pid)
	state, err := client.LatestState()
	if err != nil {
		fail("state: %v", err)
	}
	fmt.Printf("state=%s tunnel=%s\n", state.NewState(), state.LocalTunnelAddr())
	if err := client.SetStateEvents(true); err != nil {
		fail("state on: %v", err)
	}
	if err := client.SetByteCountEvents(time.Second); err != nil {
		fail("bytecount: %v", err)
	}
	seen := map[string]bool{}
	deadline := time.After(20 * time.Second)
	for len(seen) < 2 {
		select {
		case e, ok := <-events:
			if !ok {
				fail("the connection closed")
			}
			if b, isCount := e.(*openvpn.ByteCountEvent); isCount && b.ClientId() != "" {
				if !seen[b.ClientId()] {
					fmt.Printf("bytecount client=%s in=%d out=%d\n", b.ClientId(), b.BytesIn(), b.BytesOut())
				}
				seen[b.ClientId()] = true
			}
		case <-deadline:
			fail("byte counts for 2 clients not seen in 20 s (saw %d)", len(seen))
		}
	}
	if err := client.SetByteCountEvents(0); err != nil {
		fail("bytecount off: %v", err)
	}
	if err := client.HoldRelease(); err != nil {
		fail("hold release: %v", err)
	}
	if err := client.SendSignal("SIGUSR2"); err != nil {
		fail("signal: %v", err)
	}
	fmt.Println("ok")
}
