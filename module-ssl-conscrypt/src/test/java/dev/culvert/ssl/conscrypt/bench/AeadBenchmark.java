package dev.culvert.ssl.conscrypt.bench;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.ssl.conscrypt.AnyJcaAeadCiphers;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seal then open of one 1400-byte data-channel packet in OpenVPN 2.6's layout (AAD 8, tag before
 * the ciphertext), in place in a direct buffer, through the aead slot's contexts: the kernel's JCE
 * default ({@code jce}), this module's Conscrypt provider ({@code conscrypt}), and BouncyCastle's JCA
 * provider behind the same in-place code ({@code bc}). One operation is one packet sealed and opened.
 *
 * <pre>bench/jmh.sh module-ssl-conscrypt AeadBenchmark -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AeadBenchmark {
    private static final int PAYLOAD = 1400;

    @Param({"jce", "conscrypt", "bc"})
    public String provider;

    @Param({"AES_256_GCM", "CHACHA20_POLY1305"})
    public String algorithm;

    private AeadCipher sealer;
    private AeadCipher opener;
    private ByteBuffer packet;
    private final byte[] nonce = new byte[12];
    private int packetId;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        AeadAlgorithm alg = AeadAlgorithm.valueOf(algorithm);
        byte[] key = new byte[alg.keyLength()];
        new Random(1).nextBytes(key);
        if (provider.equals("bc")) {
            BouncyCastleProvider bc = new BouncyCastleProvider();
            sealer = AnyJcaAeadCiphers.newCipher(bc, alg, key, true);
            opener = AnyJcaAeadCiphers.newCipher(bc, alg, key, false);
        } else {
            AeadProvider slotProvider = provider.equals("jce") ? new JceAeadProvider()
                    : ServiceLoader.load(AeadProvider.class).stream().map(ServiceLoader.Provider::get)
                            .filter(p -> p.name().equals("conscrypt")).findFirst().orElseThrow();
            sealer = slotProvider.newCipher(alg, key, true);
            opener = slotProvider.newCipher(alg, key, false);
        }
        packet = ByteBuffer.allocateDirect(8 + 16 + PAYLOAD + 16);
        byte[] payload = new byte[PAYLOAD];
        new Random(2).nextBytes(payload);
        packet.put(24, payload);
        new Random(3).nextBytes(nonce);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sealer.close();
        opener.close();
    }

    /** A fresh nonce per packet, as packet ids give one (JCE refuses to reuse a GCM nonce for encryption). */
    @Benchmark
    public boolean sealThenOpen() {
        packetId++;
        nonce[0] = (byte) (packetId >>> 24);
        nonce[1] = (byte) (packetId >>> 16);
        nonce[2] = (byte) (packetId >>> 8);
        nonce[3] = (byte) packetId;
        packet.putInt(4, packetId);
        sealer.seal(nonce, packet, 0, 8, packet, 24, PAYLOAD, 8);
        boolean opened = opener.open(nonce, packet, 0, 8, packet, 24, PAYLOAD, 8);
        if (!opened) {
            throw new IllegalStateException(provider + " " + algorithm + " failed to open its own packet " + packetId);
        }
        return opened;
    }
}
