package dev.culvert.vpn.config;

import java.util.Random;

/** Key material for config tests, made in the test. */
final class TestMaterial {
    private TestMaterial() {
    }

    static String staticKeyText(Random random) {
        StringBuilder sb = new StringBuilder("-----BEGIN OpenVPN Static key V1-----\n");
        for (int line = 0; line < 16; line++) {
            for (int i = 0; i < 16; i++) {
                sb.append(String.format("%02x", random.nextInt(256)));
            }
            sb.append('\n');
        }
        return sb.append("-----END OpenVPN Static key V1-----\n").toString();
    }

    static String caPem() throws Exception {
        return dev.culvert.vpn.session.TestPkiAccess.caPem();
    }
}
