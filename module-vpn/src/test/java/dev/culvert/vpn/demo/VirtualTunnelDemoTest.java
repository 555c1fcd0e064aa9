package dev.culvert.vpn.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.ssl.bc.BcTlsProvider;
import org.junit.jupiter.api.Test;

class VirtualTunnelDemoTest {

    @Test
    void aCulvertClientAndServerInOneProcessConnectAndEveryPingComesBack() throws Exception {
        String report = VirtualTunnelDemo.run(new BcTlsProvider(), new JceAeadProvider(), 5);
        assertTrue(report.contains("client connected: cipher AES-256-GCM, keys by tls-ekm, TLSv1.3, peer-id 0, pushed ifconfig 10.8.0.2"), report);
        assertTrue(report.contains("5 ICMP echo requests 10.8.0.2 -> 10.8.0.1 through the tunnel, 5 replies  => tunnel up"), report);
    }
}
