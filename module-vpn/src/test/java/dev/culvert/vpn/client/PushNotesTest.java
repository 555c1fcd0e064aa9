package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.vpn.push.PushFilter;
import dev.culvert.vpn.push.PushReplyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every part of a push that the client does not act on gets a line in the log. */
class PushNotesTest {
    @Test
    void unknownFilteredAndUnappliedOptionsAreEachNamedAndAppliedOnesAreNot() {
        PushReplyParser p = new PushReplyParser(new PushFilter(true, List.of()));
        p.feed("PUSH_REPLY,route 10.1.0.0 255.255.0.0,block-outside-dns,explicit-exit-notify 2,redirect-gateway def1,compress stub-v2,"
                + "frobnicate 1,dhcp-option DNS 10.8.0.1,ifconfig 10.8.0.2 255.255.255.0,route-gateway 10.8.0.1,topology subnet");
        assertEquals(List.of(
                "push: route-nopull: pushed option ignored: 'route 10.1.0.0 255.255.0.0'",
                "push: route-nopull: pushed option ignored: 'block-outside-dns'",
                "push: route-nopull: pushed option ignored: 'redirect-gateway def1'",
                "push: route-nopull: pushed option ignored: 'dhcp-option DNS 10.8.0.1'",
                "push: unsupported pushed option 'frobnicate 1'",
                "push: 'explicit-exit-notify 2' is not applied by a Culvert client yet"), PushNotes.of(p.reply()));
    }

    @Test
    void whatTwoSixIgnoresOnLinuxIsSaidSo() {
        assertEquals(List.of("push: 'register-dns' ignored, as 2.6 ignores it on Linux"),
                PushNotes.of(PushReplyParser.parse("PUSH_REPLY,register-dns,ping 10").reply()));
    }

    @Test
    void aPushedEchoIsActedOnSoItIsNoNote() {
        assertEquals(List.of(), PushNotes.of(PushReplyParser.parse("PUSH_REPLY,echo msg hello,ping 10").reply()));
    }

    @Test
    void dhcpOptionAndDnsFromTheFileAndThePushAreKeptForScriptsInOneLine() {
        String line = PushNotes.keptForScripts(List.of("dns search-domains example.net"),
                PushReplyParser.parse("PUSH_REPLY,dhcp-option DNS 10.8.0.1,dns server 0 address 10.8.0.1,ping 10").reply()).orElseThrow();
        assertEquals("dns search-domains example.net, dhcp-option DNS 10.8.0.1, dns server 0 address 10.8.0.1: kept, not applied"
                + " (2.6 on Linux hands them only to its scripts, and no up script is configured): set the resolver yourself, or add"
                + " 'script-security 2' and an up script such as 'up /etc/openvpn/update-resolv-conf'", line);
        assertEquals(java.util.Optional.empty(), PushNotes.keptForScripts(List.of(), PushReplyParser.parse("PUSH_REPLY,ping 10").reply()));
    }
}
