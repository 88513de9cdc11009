package io.chatprivacy.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker loop alone: a plain thread, no Quarkus. Pauses are an hour long where a test must not wait them out. */
class WorkerLoopTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration JOIN = Duration.ofSeconds(10);

    private WorkerLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stopAbruptly(JOIN);
        }
    }

    @Test
    void roundsFollowEachOtherWhileMoreWorkIsWaitingThenTheLoopWaitsForTheNextPoll() {
        AtomicInteger rounds = new AtomicInteger();
        loop = new WorkerLoop(
                "test-worker", () -> rounds.incrementAndGet() < 5, new WorkerLoop.Pacing(HOUR, HOUR, HOUR), () -> {});

        loop.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 5);
        // the fifth round said "nothing more": the loop now sleeps for its hour-long poll
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> rounds.get() == 5);
    }

    @Test
    void aWakeUpRunsARoundWithoutWaitingForThePoll() {
        AtomicInteger rounds = new AtomicInteger();
        loop = new WorkerLoop(
                "test-worker",
                () -> {
                    rounds.incrementAndGet();
                    return false;
                },
                new WorkerLoop.Pacing(HOUR, HOUR, HOUR),
                () -> {});
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 1);

        loop.wakeUp();

        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 2);
    }

    @Test
    void aWakeUpDuringARoundIsNotLost() throws InterruptedException {
        CountDownLatch inSecondRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        loop = new WorkerLoop(
                "test-worker",
                () -> {
                    if (rounds.incrementAndGet() == 2) {
                        inSecondRound.countDown();
                        release.await();
                    }
                    return false;
                },
                new WorkerLoop.Pacing(HOUR, HOUR, HOUR),
                () -> {});
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 1);
        loop.wakeUp();
        assertThat(inSecondRound.await(10, TimeUnit.SECONDS)).isTrue();

        loop.wakeUp(); // work committed while the round runs
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 3);
    }

    @Test
    void aFailedRoundIsReportedAndRetriedAfterABackOffThatDoubles() {
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        loop = new WorkerLoop(
                "test-worker",
                () -> {
                    if (rounds.incrementAndGet() <= 3) {
                        throw new IllegalStateException("database down");
                    }
                    return false;
                },
                new WorkerLoop.Pacing(HOUR, Duration.ofMillis(50), Duration.ofMillis(80)),
                failures::incrementAndGet);

        loop.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 4);
        assertThat(failures).hasValue(3);
    }

    @Test
    void theBackOffDoublesFromTheFirstUpToTheLongest() {
        WorkerLoop.Pacing pacing = new WorkerLoop.Pacing(HOUR, Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(pacing.backoffAfter(0)).isEqualTo(200);
        assertThat(pacing.backoffAfter(200)).isEqualTo(400);
        assertThat(pacing.backoffAfter(400)).isEqualTo(800);
        assertThat(pacing.backoffAfter(800)).isEqualTo(1000);
        assertThat(new WorkerLoop.Pacing(HOUR, Duration.ofSeconds(5), Duration.ofSeconds(1)).backoffAfter(0))
                .isEqualTo(1000);
    }

    @Test
    void aGracefulStopLetsTheRunningRoundFinish() throws InterruptedException {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        loop = new WorkerLoop(
                "test-worker",
                () -> {
                    inRound.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                    finished.set(true);
                    return true;
                },
                new WorkerLoop.Pacing(HOUR, HOUR, HOUR),
                () -> {});
        loop.start();
        assertThat(inRound.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(() -> loop.stopGracefully(JOIN));
        stopper.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !loop.isRunning());
        assertThat(finished).isFalse(); // the stop is waiting for the round
        release.countDown();
        stopper.join(JOIN.toMillis());

        assertThat(stopper.isAlive()).isFalse();
        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
    }

    @Test
    void anAbruptStopInterruptsTheRunningRound() throws InterruptedException {
        CountDownLatch inRound = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        loop = new WorkerLoop(
                "test-worker",
                () -> {
                    inRound.countDown();
                    try {
                        new CountDownLatch(1).await(); // a round that only an interrupt ends
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                    return false;
                },
                new WorkerLoop.Pacing(HOUR, HOUR, HOUR),
                () -> {});
        loop.start();
        assertThat(inRound.await(10, TimeUnit.SECONDS)).isTrue();

        loop.stopAbruptly(JOIN);

        assertThat(interrupted).isTrue();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void theRootCauseNamesTheInnermostFailure() {
        RuntimeException failure = new RuntimeException("outer", new IllegalStateException("inner"));

        assertThat(WorkerLoop.rootMessage(failure)).isEqualTo("IllegalStateException: inner");
    }
}
