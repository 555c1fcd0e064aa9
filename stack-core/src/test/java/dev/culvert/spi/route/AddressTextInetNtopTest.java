package dev.culvert.spi.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextInetNtopTest {
    /** Expected texts are glibc inet_ntop's (checked with python3's socket.inet_ntop on glibc). */
    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:db8:0:0:0:0:0:42, 2001:db8::42",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:db8:1:2:3:4:5:0, 2001:db8:1:2:3:4:5:0",
        "2001:0:1:2:3:4:5:6, 2001:0:1:2:3:4:5:6",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "FD00:00AB:0:0:0:0:0:1000, fd00:ab::1000",
        "0:0:0:0:0:0:102:304, ::1.2.3.4",
        "0:0:0:0:0:1:102:304, ::1:102:304",
    })
    void formatsAsGlibcInetNtop(String address, String expected) throws UnknownHostException {
        byte[] bytes = new byte[16];
        String[] groups = address.split(":");
        for (int i = 0; i < 8; i++) {
            int word = Integer.parseInt(groups[i], 16);
            bytes[2 * i] = (byte) (word >> 8);
            bytes[2 * i + 1] = (byte) word;
        }
        assertEquals(expected, AddressText.ipv6(bytes));
    }

    @org.junit.jupiter.api.Test
    void mappedAddressesKeepTheirDottedTail() throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = 10;
        bytes[15] = 1;
        assertEquals("::ffff:10.0.0.1", AddressText.ipv6(bytes));
        assertEquals("::", AddressText.ipv6(InetAddress.getByName("::").getAddress()));
    }
}
