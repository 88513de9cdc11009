package io.chatprivacy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Pid:\t4242
            PPid:\t1
            VmPeak:\t 4812340 kB
            VmSize:\t 4749876 kB
            VmHWM:\t  412332 kB
            VmRSS:\t  398120 kB
            RssAnon:\t  371000 kB
            Threads:\t48
            """;

    @Test
    void rssIsTheVmRssLineInKib() {
        assertThat(ProcFs.vmRssKb(STATUS)).isEqualTo(398_120);
    }

    @Test
    void pssIsThePssLineOfSmapsRollup() {
        String rollup = """
                560526600000-7fff09a9b000 ---p 00000000 00:00 0                          [rollup]
                Rss:               25532 kB
                Pss:                6261 kB
                Pss_Dirty:          5258 kB
                Pss_Anon:            227 kB
                Shared_Clean:      10292 kB
                """;
        assertThat(ProcFs.fieldKb(rollup, "Pss:")).isEqualTo(6261);
        assertThat(ProcFs.fieldKb(rollup, "Rss:")).isEqualTo(25532);
    }

    @Test
    void aProcessWithoutVmRssHasNone() {
        // kernel threads and zombies have no VmRSS line
        assertThat(ProcFs.vmRssKb("Name:\tkworker/0:1\nState:\tI (idle)\nPid:\t12\n"))
                .isEqualTo(-1);
    }

    @Test
    void theParentIsTheFieldAfterTheStateEvenWhenTheNameHoldsSpacesAndParentheses() {
        assertThat(ProcFs.parentPid("812 (postgres) S 799 812 812 0 -1 4194560 1536 0 0 0"))
                .isEqualTo(799);
        assertThat(ProcFs.parentPid("913 (a (b) c) R 17 913 913 0 -1")).isEqualTo(17);
        assertThat(ProcFs.parentPid("914 (postgres: walwriter ) S 812 812 812 0"))
                .isEqualTo(812);
    }

    @Test
    void descendantsAreChildrenAndTheirChildrenNotSiblingsNorParents() {
        Map<Long, Long> parents = Map.of(
                1L, 0L,
                100L, 1L, // the postmaster
                101L, 100L,
                102L, 100L,
                103L, 102L, // a grandchild
                200L, 1L, // another program
                201L, 200L);
        assertThat(ProcFs.descendants(100, parents)).containsExactlyInAnyOrder(101L, 102L, 103L);
        assertThat(ProcFs.descendants(103, parents)).isEmpty();
    }

    @Test
    void aDescendantSetApartIsLeftOutWithItsOwnDescendants() {
        Map<Long, Long> parents = Map.of(
                10L, 1L, // the launcher, hosting Kafka
                11L, 10L, // a service it started, a server of its own
                12L, 11L, // that service's child
                13L, 10L); // a helper process of the launcher's own
        assertThat(ProcFs.descendants(10, parents, Set.of(11L))).containsExactly(13L);
        assertThat(ProcFs.descendants(10, parents)).containsExactlyInAnyOrder(11L, 12L, 13L);
    }

    @Test
    void aTreeSumsItsProcessesRssFromAProcDirectory(@TempDir Path proc) throws IOException {
        process(proc, 1, 0, "init", 1_000);
        process(proc, 100, 1, "postgres", 30_000);
        process(proc, 101, 100, "postgres: checkpointer ", 5_000);
        process(proc, 102, 100, "postgres: bench consent 127.0.0.1(5432) idle", 12_000);
        process(proc, 103, 102, "child", 1_000);
        process(proc, 200, 1, "java", 400_000);
        Files.writeString(proc.resolve("100").resolve("smaps_rollup"), "[rollup]\nRss: 30000 kB\nPss: 9000 kB\n");
        Files.writeString(proc.resolve("102").resolve("smaps_rollup"), "[rollup]\nRss: 12000 kB\nPss: 3000 kB\n");
        Files.createDirectories(proc.resolve("self")); // not a pid: ignored
        ProcFs fs = new ProcFs(proc);
        assertThat(fs.rssKb(200)).isEqualTo(400_000);
        assertThat(fs.treeRssKb(100)).isEqualTo(30_000 + 5_000 + 12_000 + 1_000);
        // only 100 and 102 have a smaps_rollup here (the others count 0: as if gone meanwhile)
        assertThat(fs.treePssKb(100)).isEqualTo(9_000 + 3_000);
        assertThat(fs.treePssKb(999)).isEqualTo(-1);
        assertThat(fs.rssKb(999)).isEqualTo(-1);
        assertThat(fs.treeRssKb(999)).isEqualTo(-1);
    }

    private static void process(Path proc, long pid, long parent, String name, long rssKb) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + name + ") S " + parent + " " + pid + " 0 0 -1\n");
        Files.writeString(dir.resolve("status"), "Name:\t" + name + "\nVmRSS:\t " + rssKb + " kB\n");
    }

    @Test
    void cpuTicksAreUtimePlusStimeAndWithReapedChildrenTheirsToo() {
        // pid (comm with ") spaces") state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        // utime stime cutime cstime ...
        String stat = "77 (postgres: x) y) S 1 77 77 0 -1 4194560 900 0 0 0 120 30 400 50 20 0 1 0 5 0 0";

        assertThat(ProcFs.cpuTicks(stat, false)).isEqualTo(150);
        assertThat(ProcFs.cpuTicks(stat, true)).isEqualTo(600);
    }

    @Test
    void onlyListeningSocketsCountWithTheirPortFromHex() {
        var lines = java.util.List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:6D65 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1",
                "   1: 0100007F:6D65 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4343 1");

        assertThat(ProcFs.listeningSockets(lines)).containsExactly(Map.entry(4242L, 0x6D65));
    }
}
