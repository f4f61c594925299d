package dev.frontline.server.asterisk;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.config.FrontlineConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AsteriskConfigTest {

    @Test
    void theShippedFileHoldsTheDefaults() throws Exception {
        FrontlineConfig file = FrontlineConfig.load(Path.of("..", "frontline.yaml"), Map.of());

        AsteriskConfig c = AsteriskConfig.from(file);

        assertThat(c.port()).isEqualTo(4573);
        assertThat(c.bind()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(c.allowedHosts()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(c.poolMax()).isEqualTo(4000);
        assertThat(c.ringTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(c).isEqualTo(AsteriskConfig.defaults());
    }

    @Test
    void theEnvironmentSecretWinsAndIsRequiredWhenEnabled() {
        ConfigNode enabled = new ConfigNode("asterisk", Map.of("enabled", true, "ami", Map.of("secret", "from-file")));
        assertThat(AsteriskConfig.from(enabled, Map.of("FRONTLINE_AMI_SECRET", "from-env")).ami().secret())
                .isEqualTo("from-env");

        ConfigException e = assertThrows(ConfigException.class,
                () -> AsteriskConfig.from(new ConfigNode("asterisk", Map.of("enabled", true)), Map.of()));
        assertThat(e.key()).isEqualTo("asterisk.ami.secret");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThat(assertThrows(ConfigException.class, () -> AsteriskConfig.from(
                new ConfigNode("asterisk", Map.of("pool-core", 50, "pool-max", 10)), Map.of())).key())
                .isEqualTo("asterisk.pool-max");
        assertThat(assertThrows(ConfigException.class, () -> AsteriskConfig.from(
                new ConfigNode("asterisk", Map.of("allowed-hosts", List.of("no-such-host.invalid"))), Map.of())).key())
                .isEqualTo("asterisk.allowed-hosts");
        assertThat(assertThrows(ConfigException.class, () -> AsteriskConfig.from(
                new ConfigNode("asterisk", Map.of("ring-timout", "20s")), Map.of())).key())
                .isEqualTo("asterisk.ring-timout");
        assertThat(assertThrows(ConfigException.class, () -> AsteriskConfig.from(
                new ConfigNode("asterisk", Map.of("ami", Map.of("reconnect-max", "soon"))), Map.of())).key())
                .isEqualTo("asterisk.ami.reconnect-max");
    }

    // ---- several PBXs (issue 23, ADR 0141) ----

    private static final String TWO = """
            asterisk:
              enabled: true
              pbxs:
                - name: msk
                  agi-hosts: [10.1.0.5]
                  phones: ["PJSIP/msk-*"]
                  trunks: {spb: "IAX2/msk-to-spb/{phone}"}
                  ami: {host: 10.1.0.5, secret: from-file}
                - name: spb
                  agi-hosts: [10.2.0.5, 10.2.0.6]
                  phones: ["PJSIP/spb-*"]
                  trunks: {msk: "PJSIP/{phone}@msk-trunk"}
                  ami: {host: 10.2.0.5}
            """;

    private static AsteriskConfig parse(String yaml, Map<String, String> env) {
        return AsteriskConfig.from(FrontlineConfig.parse(yaml, "frontline.yaml", env));
    }

    @Test
    void theSinglePbxKeysAreAListOfOne() throws Exception {
        AsteriskConfig c = AsteriskConfig.from(new ConfigNode("asterisk", Map.of("allowed-hosts", List.of("10.0.0.7"),
                "ami", Map.of("host", "10.0.0.7", "port", 5039))), Map.of());

        assertThat(c.pbxs()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo(AsteriskConfig.SINGLE_PBX);
            assertThat(p.agiHosts()).containsExactly(InetAddress.getByName("10.0.0.7"));
            assertThat(p.ami().port()).isEqualTo(5039);
        });
        assertThat(c.dialFrom("default", "PJSIP/op100")).contains("PJSIP/op100");
        assertThat(c.pbxOf(InetAddress.getByName("10.0.0.7"), null)).map(AsteriskConfig.Pbx::name).contains("default");
        assertThat(c.pbxOf(InetAddress.getByName("10.0.0.8"), null)).isEmpty();
    }

    @Test
    void aListOfPbxsEachWithItsAmiHostsPhonesAndTrunks() throws Exception {
        AsteriskConfig c = parse(TWO, Map.of("FRONTLINE_AMI_SECRET_SPB", "spb-env"));

        assertThat(c.pbxs()).extracting(AsteriskConfig.Pbx::name).containsExactly("msk", "spb");
        assertThat(c.pbxs().get(0).ami().secret()).isEqualTo("from-file");
        assertThat(c.pbxs().get(1).ami().secret()).isEqualTo("spb-env");
        assertThat(c.allowedHosts()).as("the FastAGI allow-list is the union").containsExactly(
                InetAddress.getByName("10.1.0.5"), InetAddress.getByName("10.2.0.5"), InetAddress.getByName("10.2.0.6"));
        assertThat(c.phoneOwner("PJSIP/spb-1001").name()).isEqualTo("spb");
        assertThat(c.phoneOwner("pjsip/MSK-7").name()).isEqualTo("msk");
        assertThat(c.phoneOwner("SIP/elsewhere").name()).as("no pattern: the first PBX").isEqualTo("msk");
        assertThat(c.dialFrom("msk", "PJSIP/spb-1001")).contains("IAX2/msk-to-spb/spb-1001");
        assertThat(c.dialFrom("spb", "PJSIP/msk-7")).contains("PJSIP/msk-7@msk-trunk");
        assertThat(c.dialFrom("spb", "PJSIP/spb-1001")).contains("PJSIP/spb-1001");
        assertThat(c.pbxOf(InetAddress.getByName("10.2.0.6"), null)).map(AsteriskConfig.Pbx::name).contains("spb");
        assertThat(c.pbxOf(InetAddress.getByName("10.2.0.6"), "msk")).as("msk does not call from there").isEmpty();
    }

    @Test
    void theDeployExampleForTwoCitiesIsValid() throws Exception {
        AsteriskConfig c = AsteriskConfig.from(FrontlineConfig.load(Path.of("..", "deploy", "asterisk",
                "frontline-pbxs.yaml"), Map.of("FRONTLINE_AMI_SECRET_MSK", "m", "FRONTLINE_AMI_SECRET_SPB", "s")));

        assertThat(c.pbxs()).extracting(p -> p.name() + "@" + p.ami().host() + "/" + p.ami().secret())
                .containsExactly("msk@10.1.0.5/m", "spb@10.2.0.5/s");
        assertThat(c.dialFrom("msk", "PJSIP/spb-1001")).contains("IAX2/msk-to-spb/spb-1001");
    }

    @Test
    void pbxsSharingAnAddressAreToldApartOnlyByTheNameTheDialplanSends() throws Exception {
        AsteriskConfig c = AsteriskConfig.from(new ConfigNode("asterisk", Map.of("pbxs", List.of(
                Map.of("name", "a", "agi-hosts", List.of("127.0.0.1")),
                Map.of("name", "b", "agi-hosts", List.of("127.0.0.1"))))), Map.of());
        InetAddress local = InetAddress.getByName("127.0.0.1");

        assertThat(c.pbxOf(local, "b")).map(AsteriskConfig.Pbx::name).contains("b");
        assertThat(c.pbxOf(local, "")).isEmpty();
        assertThat(c.pbxOf(local, "c")).isEmpty();
        assertThat(c.dialFrom("a", "PJSIP/op1")).as("both claim every phone: the first owns it").contains("PJSIP/op1");
        assertThat(c.dialFrom("b", "PJSIP/op1")).as("b has no trunk to a").isEmpty();
    }

    @Test
    void aTrunkForAnyOtherPbxServesThoseWithoutTheirOwn() {
        AsteriskConfig c = AsteriskConfig.from(new ConfigNode("asterisk", Map.of("pbxs", List.of(
                Map.of("name", "hub", "agi-hosts", List.of("127.0.0.1"), "phones", List.of("PJSIP/hub-*")),
                Map.of("name", "a", "agi-hosts", List.of("127.0.0.2"), "phones", List.of("PJSIP/a-*"),
                        "trunks", Map.of("*", "IAX2/a-to-hub/{phone}")),
                Map.of("name", "b", "agi-hosts", List.of("127.0.0.3"), "phones", List.of("PJSIP/b-*"),
                        "trunks", Map.of("*", "IAX2/b-to-hub/{phone}", "a", "IAX2/b-to-a/{phone}"))))), Map.of());

        assertThat(c.dialFrom("a", "PJSIP/b-7")).contains("IAX2/a-to-hub/b-7");
        assertThat(c.dialFrom("b", "PJSIP/a-7")).contains("IAX2/b-to-a/a-7");
        assertThat(c.dialFrom("b", "PJSIP/hub-7")).contains("IAX2/b-to-hub/hub-7");
        assertThat(c.dialFrom("hub", "PJSIP/a-7")).isEmpty();
    }

    @Test
    void aBadPbxIsNamedByItsIndexAndKey() {
        assertThat(problem("""
                asterisk:
                  pbxs:
                    - name: a
                      agi-hosts: [127.0.0.1]
                    - agi-hosts: [127.0.0.1]
                """)).isEqualTo("asterisk.pbxs[1].name: is required");
        assertThat(problem("""
                asterisk:
                  pbxs:
                    - name: a
                      agi-hosts: [127.0.0.1]
                    - name: a
                      agi-hosts: [127.0.0.2]
                """)).startsWith("asterisk.pbxs[1].name: 'a' names an earlier PBX too");
        assertThat(problem("""
                asterisk:
                  pbxs:
                    - name: a
                """)).startsWith("asterisk.pbxs[0].agi-hosts: is required");
        assertThat(problem("""
                asterisk:
                  pbxs:
                    - name: a
                      agi-hosts: [no-such-host.invalid]
                """)).startsWith("asterisk.pbxs[0].agi-hosts: unknown host");
        assertThat(problem("""
                asterisk:
                  pbxs:
                    - name: a
                      agi-hosts: [127.0.0.1]
                      trunks: {c: "IAX2/a-to-c/{phone}"}
                """)).startsWith("asterisk.pbxs[0].trunks.c: names no other PBX");
        assertThat(problem("""
                asterisk:
                  pbxs:
                    - name: a
                      agi-hosts: [127.0.0.1]
                    - name: b
                      agi-hosts: [127.0.0.2]
                      trunks: {a: "IAX2/b,a(x)"}
                """)).startsWith("asterisk.pbxs[1].trunks.a: must be a dial string");
        assertThat(problem("""
                asterisk:
                  pbxs:
                    - name: a
                      agi-hosts: [127.0.0.1]
                      ami: {prot: 5038}
                """)).startsWith("asterisk.pbxs[0].ami.prot: unknown key");
        assertThat(problem("""
                asterisk:
                  pbxs:
                    - name: Moscow 1
                      agi-hosts: [127.0.0.1]
                """)).startsWith("asterisk.pbxs[0].name: must be 1-32 lower-case");
        assertThat(problem("""
                asterisk:
                  allowed-hosts: [127.0.0.1]
                  pbxs:
                    - name: a
                      agi-hosts: [127.0.0.1]
                """)).startsWith("asterisk.pbxs: give either a list of PBXs or the single PBX's");
        assertThat(problem("""
                asterisk:
                  pbxs: [127.0.0.1]
                """)).startsWith("asterisk.pbxs[0]: must be a section");
        assertThat(problem("""
                asterisk:
                  enabled: true
                  pbxs:
                    - name: a
                      agi-hosts: [127.0.0.1]
                      ami: {secret: x}
                    - name: b-2
                      agi-hosts: [127.0.0.2]
                """)).isEqualTo("asterisk.pbxs[1].ami.secret: is required (or set FRONTLINE_AMI_SECRET_B_2 or "
                + "FRONTLINE_AMI_SECRET)");
    }

    private static String problem(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml, Map.of())).getMessage();
    }
}
