package dev.frontline.core.imports;

import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.security.SlowHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Customer import hashes PINs on every core, tells how far it got, keeps the file's order, and a dry run hashes none. */
class PinHashingTest {
    private static final SlowHash HASH = new SlowHash(10);

    @TempDir
    Path dir;

    private Path rows(int n) throws Exception {
        StringBuilder b = new StringBuilder("contract,name,pin\n");
        for (int i = 0; i < n; i++) {
            b.append("C-").append(i).append(",Customer ").append(i).append(',').append(1000 + i).append('\n');
        }
        return Files.writeString(dir.resolve("c.csv"), b.toString());
    }

    @Test
    void pinsAreHashedInFileOrderWithProgress() throws Exception {
        List<int[]> progress = new CopyOnWriteArrayList<>();
        PinHashing pins = new PinHashing(HASH, 4, (done, total) -> progress.add(new int[] {done, total}), 5);

        List<NewCustomer> out = new CustomerImport(new PhoneNumbers("LT"), HASH).read(rows(40), c -> Set.of(), pins);

        assertThat(out).extracting(NewCustomer::contractNumber)
                .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "C-" + i).toList());
        for (int i = 0; i < 40; i++) {
            assertThat(HASH.matches(Integer.toString(1000 + i).toCharArray(), out.get(i).pinHash().orElseThrow()))
                    .as("row %d's PIN", i).isTrue();
        }
        assertThat(progress).extracting(p -> p[1]).containsOnly(40);
        List<Integer> done = new ArrayList<>(progress.stream().map(p -> p[0]).sorted().toList());
        assertThat(done).containsExactly(5, 10, 15, 20, 25, 30, 35, 40);
    }

    /** As many rows are converted at the same time as threads are asked for (each waits until all four run). */
    @Test
    void rowsAreConvertedOnAsManyThreadsAtOnceAsAsked() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(4);
        PinHashing pins = new PinHashing(HASH, 4, PinHashing.Progress.NONE, 1);

        List<Integer> out = pins.map(IntStream.range(0, 8).boxed().toList(), (row, hash) -> {
            threads.add(Thread.currentThread().getName() + "@" + Thread.currentThread().getId());
            together.countDown();
            try {
                together.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return row * 10;
        });

        assertThat(together.getCount()).as("rows still waiting for a fourth thread").isZero();
        assertThat(threads).hasSize(4);
        assertThat(out).containsExactly(0, 10, 20, 30, 40, 50, 60, 70);
    }

    @Test
    void aDryRunHashesNoPin() throws Exception {
        List<NewCustomer> out = new CustomerImport(new PhoneNumbers("LT"), HASH).read(rows(3), c -> Set.of(),
                PinHashing.SKIP);

        assertThat(out).hasSize(3).allSatisfy(c -> assertThat(c.pinHash()).isEmpty());
    }
}
