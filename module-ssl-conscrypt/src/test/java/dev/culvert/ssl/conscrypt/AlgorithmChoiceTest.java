package dev.culvert.ssl.conscrypt;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.testing.tls.AlgorithmChoiceContract;

/** {@link AlgorithmChoiceContract}: this module's engines offer the configured suites and groups, and no others. */
class AlgorithmChoiceTest extends AlgorithmChoiceContract {
    @Override
    protected TlsProvider provider() {
        return new ConscryptTlsProvider();
    }
}
