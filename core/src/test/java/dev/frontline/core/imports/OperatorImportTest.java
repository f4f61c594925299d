package dev.frontline.core.imports;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.security.SlowHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OperatorImportTest {
    private static final SlowHash HASH = new SlowHash(10);
    private final OperatorImport importer = new OperatorImport(new PhoneNumbers("LT"), HASH);

    @TempDir
    Path dir;

    @Test
    void readsOperatorsAndSupervisorsHashingPasswords() throws Exception {
        Path f = dir.resolve("ops.csv");
        Files.writeString(f, "login;name;password;role;skills;languages;endpoint;mobile\n"
                + "anna;Anna Petrauskaitė;correct horse;operator;line1|line2|technical|general;lt|ru;PJSIP/op101;0612 34567\n"
                + "marek;Marek Zieliński;supervisor-pass;Supervisor;;pl|en;;\n");
        List<NewOperator> ops = importer.read(f, l -> Set.of());
        NewOperator anna = ops.get(0);
        assertThat(anna.role()).isEqualTo(Operator.Role.OPERATOR);
        assertThat(anna.tiers()).containsExactlyInAnyOrder(Tier.LINE1, Tier.LINE2);
        assertThat(anna.intents()).containsExactlyInAnyOrder(Intent.TECHNICAL, Intent.GENERAL);
        assertThat(anna.languages()).containsExactlyInAnyOrder(Language.LT, Language.RU);
        assertThat(anna.mobile()).contains("+37061234567");
        assertThat(HASH.matches("correct horse".toCharArray(), anna.passwordHash())).isTrue();
        assertThat(ops.get(1).role()).isEqualTo(Operator.Role.SUPERVISOR);
        assertThat(ops.get(1).endpoint()).isNull();
    }

    @Test
    void everyBadRowIsListed() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, String.join("\n",
                "login,name,password,role,skills,languages,endpoint",
                "anna,Anna,longenough,operator,line1|technical,lt,PJSIP/op101",
                "anna,Anna Again,longenough,operator,line1|technical,lt,PJSIP/op102",
                "bob,Bob,short,boss,line4|technical,lt|de,PJSIP/op103",
                "carl,Carl,longenough,operator,line1,en,",
                "old,Old,longenough,operator,line1|general,en,PJSIP/op104", ""));
        ImportException e = assertThrows(ImportException.class, () -> importer.read(f, l -> l.contains("old") ? Set.of("old") : Set.of()));
        assertThat(e.errors()).extracting(ImportError::toString).containsExactly(
                f + ":3: duplicate login anna (first on line 2)",
                f + ":4: password is shorter than 8 characters",
                f + ":4: role 'boss' is not operator or supervisor",
                f + ":4: skill 'line4' is not one of line1, line2, line3, technical, sales, general",
                f + ":4: unknown language 'de' (expected one of en, ru, lt, pl, sl)",
                f + ":5: an operator needs at least one line (line1/line2/line3) and one queue (technical/sales/general) in skills",
                f + ":5: missing endpoint (the phone to ring, e.g. PJSIP/op101)",
                f + ":6: login old is already in the store");
    }
}
