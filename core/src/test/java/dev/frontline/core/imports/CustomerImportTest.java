package dev.frontline.core.imports;

import dev.frontline.core.common.Language;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.security.SlowHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CustomerImportTest {
    private static final SlowHash HASH = new SlowHash(10);
    private final CustomerImport importer = new CustomerImport(new PhoneNumbers("LT"), HASH);

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsCommaFileWithBomQuotesAndMultiLineField() throws Exception {
        Path f = file("c.csv", "\uFEFFContract,Name,Mobile,Phones,Address,Area,Plan,Services,Language,PIN\n"
                + "LT-1,Ona Kazlauskienė,0612 34567,+370 5 212 3456,\"Žirmūnų g. 12,\nVilnius\",Vilnius-North,Fiber 300,internet|tv,lt,4321\n"
                + "\n"
                + "LT-2,\"Petras \"\"Petriukas\"\" Jonaitis\",+370 698 76543,,,Kaunas,TV Basic,,LT,\n");
        List<NewCustomer> out = importer.read(f, c -> Set.of());
        assertThat(out).hasSize(2);
        NewCustomer ona = out.get(0);
        assertThat(ona.contractNumber()).isEqualTo("LT-1");
        assertThat(ona.mobile()).contains("+37061234567");
        assertThat(ona.otherPhones()).containsExactly("+37052123456");
        assertThat(ona.address()).isEqualTo("Žirmūnų g. 12,\nVilnius");
        assertThat(ona.services()).containsExactly("internet", "tv");
        assertThat(ona.language()).isEqualTo(Language.LT);
        assertThat(HASH.matches("4321".toCharArray(), ona.pinHash().orElseThrow())).isTrue();
        assertThat(out.get(1).name()).isEqualTo("Petras \"Petriukas\" Jonaitis");
        assertThat(out.get(1).pinHash()).isEmpty();
    }

    @Test
    void semicolonIsDetectedFromTheHeader() throws Exception {
        Path f = file("s.csv", "contract;name;mobile;address\nPL-1;Katarzyna Nowak;+48 512 345 678;ul. Puławska 1, Warszawa\n");
        List<NewCustomer> out = importer.read(f, c -> Set.of());
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo("ul. Puławska 1, Warszawa");
            assertThat(c.mobile()).contains("+48512345678");
        });
    }

    @Test
    void everyBadRowIsListedWithThePhysicalLineItStartsOnAndTheColumnOfTheBadField() throws Exception {
        Path f = file("bad.csv", String.join("\n",
                "contract,name,mobile,address,language",           // 1
                "LT-1,Ona,0612 34567,\"two",                         // 2 (record spans 2-3)
                "lines\",lt",                                        // 3
                ",Nobody,0612 34568,,lt",                            // 4 missing contract
                "LT-1,Twin,0612 34569,,lt",                          // 5 duplicate
                "LT-3,Bad Phone,12ab,,lt",                           // 6
                "LT-4,\"Multi",                                      // 7 record spans 7-8, bad language
                "line\",0612 34560,,xx",                             // 8
                "LT-5,Old,0612 34561,,en",                           // 9 already in the store
                ""));
        ImportException e = assertThrows(ImportException.class, () -> importer.read(f, c -> c.contains("LT-5") ? Set.of("LT-5") : Set.of()));
        assertThat(e.errors()).extracting(ImportError::toString).containsExactly(
                f + ":4:1: missing contract",
                f + ":5: duplicate contract LT-1 (first on line 2)",
                f + ":6:3: mobile: '12ab' is not a phone number (not a number)",
                f + ":7:5: unknown language 'xx' (expected one of en, ru, lt, pl, sl)",
                f + ":9: contract LT-5 is already in the store");
    }

    @Test
    void headerProblemsAreReportedOnLineOne() throws Exception {
        Path f = file("h.csv", "contract,nmae\nLT-1,Ona\n");
        ImportException e = assertThrows(ImportException.class, () -> importer.read(f, c -> Set.of()));
        assertThat(e.errors()).extracting(ImportError::toString).containsExactly(
                f + ":1: unknown column 'nmae' (known: address, area, contract, email, language, login, mobile, name, phones, pin, plan, services, status)",
                f + ":1: missing required column 'name'");
    }

    @Test
    void brokenQuoteAndNonUtf8AreReported() throws Exception {
        Path q = file("q.csv", "contract,name\nLT-1,\"Ona\nLT-2,Petras\n");
        assertThat(assertThrows(ImportException.class, () -> importer.read(q, c -> Set.of())).getMessage())
                .startsWith(q + ":").contains("cannot read CSV");
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "contract,name\nLT-1,Ona Kazlauskien\u00eb\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(assertThrows(ImportException.class, () -> importer.read(latin, c -> Set.of())).getMessage())
                .isEqualTo(latin + ":0: is not UTF-8 text (save it as CSV UTF-8)");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.csv");
        assertThat(assertThrows(ImportException.class, () -> importer.read(f, c -> Set.of())).getMessage())
                .isEqualTo(f + ":0: no such file");
    }

    @Test
    void tooManyFieldsIsAnError() throws Exception {
        Path f = file("m.csv", "contract,name\nLT-1,Kazlauskienė, Ona\n");
        assertThat(assertThrows(ImportException.class, () -> importer.read(f, c -> Set.of())).getMessage())
                .startsWith(f + ":2: 3 fields but the header has 2 columns");
    }
}
