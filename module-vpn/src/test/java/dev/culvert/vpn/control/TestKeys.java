package dev.culvert.vpn.control;

import java.util.HexFormat;

/**
 * Vectors from OpenVPN 2.6's tests/unit_tests/openvpn/test_pkt.c (github.com/OpenVPN/openvpn, read
 * through the project's code search; openvpn.md §2.3/§2.4 quote the packets and their checks). The
 * static key below is test_pkt.c's {@code static_key}, which openvpn.md does not reproduce.
 */
final class TestKeys {
    static final HexFormat HEX = HexFormat.of();

    static final String TEST_PKT_STATIC_KEY = """
            <tls-auth>
            -----BEGIN OpenVPN Static key V1-----
            37268ea8f95d7f71f9fb8fc03770c460
            daf714a483d815c013ce0a537efc18f2
            8f4f172669d9e6a413bac6741d8ea054
            00f49b7fd6326470f23798c606bf53d4
            de63ebc64ec59d57ce5d04d5b62e68b5
            3ca6e5354351097fa370446c4d269f18
            7bb6ae54af2dc70ff7317fe2f8754b82
            82aad4202f9fa42c8640245d883e2c54
            a0c1c489a036cf3a8964d8d289c1583b
            9447c262b1da5fd167a5d27bd5ac5143
            17bc2343a31a2efc38dd920d910375f5
            1c2e27f3afd36c49269da079f7ce466e
            bb0f9ad13e9bbb4665974e6bc24b513c
            5700393bf4a3e7f967e2f384069ac8a8
            e78b18b15604993fd16515cce9c0f3e4
            2b4126b999005ade802797b0eeb8b9e6
            -----END OpenVPN Static key V1-----
            </tls-auth>
            """;

    /** test_pkt.c client_reset_v2_tls_auth: HMAC-SHA1, client key-direction 1, replay id 1, time 0x61d3bf6c. */
    static final byte[] CLIENT_RESET_V2_TLS_AUTH = HEX.parseHex("38de694c5c7bfba274"
            + "93537c1ded4e781529ae7cfe4b8c6d6b2b51f05a" + "00000001" + "61d3bf6c" + "00" + "00000000");

    /** test_pkt.c client_reset_v2_tls_crypt: client (keys[1]), replay id 1, time 0x61d3f8e1. */
    static final byte[] CLIENT_RESET_V2_TLS_CRYPT = HEX.parseHex("38f419cb12d1f9e48f" + "00000001" + "61d3f8e1"
            + "330206f56802be44fbed905064e3db43416bec5e526719462b7eb90c96defc9b" + "05c44879f7");

    /** test_pkt.c client_ack_tls_auth_randomid: a P_CONTROL_V1 carrying a TLS ClientHello, tls-auth SHA1. */
    static final byte[] CLIENT_ACK_TLS_AUTH_RANDOMID = HEX.parseHex(
            "2014014ebc80c6142b7bc876fbc52e27b1c507355bb6006bae71ba4e38000000"
            + "0361d3ff530000000001160301010c0100010803038caaac3a1a07bde7b75006"
            + "9b940c344b5a35cac479bdc909b07bd9eebb7de725203938e2183336149f34f0"
            + "4459968d0ed24776648859e9380397969845fbf5ff230032130213031301c02c"
            + "c030009fcca9cca8ccaac02bc02f009ec024c028006bc023c0270067c00ac014"
            + "0039c009c013003300ff0100008d000b000403000102000a000c000a001d0017"
            + "001e001900180016000000170000000d0030002e040305030603080708080809"
            + "080a080b08040805080604010501060103030203030102010302020204020502"
            + "0602002b00050403040303002d00020101003300260024001d00200ec97aff58"
            + "db56f640d1eddb9181d6ef83868ab23d88923fd8519cd62656336b");

    private TestKeys() {
    }

    static StaticKey testPktKey() {
        try {
            return StaticKey.parse(TEST_PKT_STATIC_KEY, "test_pkt.c static_key");
        } catch (StaticKeyException e) {
            throw new AssertionError(e);
        }
    }
}
