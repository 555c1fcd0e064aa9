package dev.culvert.example.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import org.junit.jupiter.api.Test;

class FilterRuleParserTest {
    static Directive line(String text) throws ConfigException {
        return Config.of("verb 3\n" + text + "\n", "node.conf").directives().get(1);
    }

    static FilterRule rule(String text) throws ConfigException {
        return FilterRuleParser.parse(line(text));
    }

    static String refusal(String text) {
        return assertThrows(ConfigException.class, () -> rule(text)).getMessage();
    }

    @Test
    void aProtocolAndAPortMakeARule() throws Exception {
        FilterRule r = rule("culvert-filter drop tcp port 25");
        assertEquals(FilterRule.TCP, r.protocol());
        assertEquals(25, r.port());
        assertNull(r.from());
        assertNull(r.to());
    }

    @Test
    void prefixesAndOtherProtocolsAreTaken() throws Exception {
        FilterRule r = rule("culvert-filter drop udp port 53 from 10.8.0.0/24 to 192.0.2.7");
        assertEquals(FilterRule.UDP, r.protocol());
        assertEquals("10.8.0.0/24", r.from().toString());
        assertEquals("192.0.2.7/32", r.to().toString());
        assertEquals(FilterRule.ICMP, rule("culvert-filter drop icmp").protocol());
        assertEquals(FilterRule.ANY_PROTOCOL, rule("culvert-filter drop any to 198.51.100.0/24").protocol());
        assertEquals("10.0.0.0/8", rule("culvert-filter drop any from 10.1.2.3/8").from().toString(), "host bits are cleared");
    }

    @Test
    void aMalformedRuleIsRefusedWithItsFileLineAndAFix() {
        assertEquals("node.conf:2: 'culvert-filter' port '99999' is not a port; a port is a number from 1 to 65535, "
                + "e.g. 'culvert-filter drop tcp port 25'", refusal("culvert-filter drop tcp port 99999"));
        assertTrue(refusal("culvert-filter allow tcp port 25").startsWith("node.conf:2: 'culvert-filter' rules start with 'drop'"));
        assertTrue(refusal("culvert-filter drop sctp").contains("does not know the protocol 'sctp'; use tcp, udp, icmp or any"));
        assertTrue(refusal("culvert-filter drop icmp port 7").contains("has a port only for tcp and udp"));
        assertTrue(refusal("culvert-filter drop tcp port").startsWith("node.conf:2: 'culvert-filter' needs more arguments; write it as: "));
        assertTrue(refusal("culvert-filter drop tcp port 25 port 26").contains("has 'port' twice"));
        assertTrue(refusal("culvert-filter drop tcp dport 25").contains("does not know 'dport'"));
        assertTrue(refusal("culvert-filter drop any from 10.0.0.256/8").contains("'10.0.0.256/8' is not an IPv4 prefix"));
        assertTrue(refusal("culvert-filter drop any to 10.0.0.0/33").contains("is not an IPv4 prefix"));
        assertTrue(refusal("culvert-filter").contains("needs a rule"));
        assertTrue(refusal("culvert-filter drop tcp port -1").contains("is not a port"));
    }

    @Test
    void theDirectiveHandlerClaimsTheDirectiveAndChecksWithTheParser() throws Exception {
        FilterDirectives handler = new FilterDirectives();
        assertEquals(java.util.Set.of("culvert-filter"), handler.directives());
        handler.check(line("culvert-filter drop tcp port 25"));
        assertThrows(ConfigException.class, () -> handler.check(line("culvert-filter drop tcp port 0")));
        Config config = Config.of("culvert-filter drop tcp port 25\nculvert-filter drop udp port 70000\n", "rules.conf");
        var problems = config.validate(java.util.List.of(handler));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).getMessage().startsWith("rules.conf:2: "), problems.get(0).getMessage());
    }
}
