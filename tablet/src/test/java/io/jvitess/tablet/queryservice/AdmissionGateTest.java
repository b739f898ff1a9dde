package io.jvitess.tablet.queryservice;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionGateTest {

    @Test
    void aRestrictingChangeWaitsForTheStatementInFlightAndThenEndsOpenTransactions() throws Exception {
        AtomicInteger rollbacks = new AtomicInteger();
        AdmissionGate gate = new AdmissionGate(rollbacks::incrementAndGet, Duration.ofSeconds(30));
        CountDownLatch statementRunning = new CountDownLatch(1);
        CountDownLatch finishStatement = new CountDownLatch(1);
        AtomicBoolean statementFinished = new AtomicBoolean();
        AtomicBoolean changeSawFinishedStatement = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> statement = threads.submit(() -> gate.admit(() -> {
                statementRunning.countDown();
                await(finishStatement);
                statementFinished.set(true);
                return null;
            }));
            statementRunning.await(10, TimeUnit.SECONDS);
            Future<?> change = threads.submit(() -> gate.restrict(() -> changeSawFinishedStatement.set(statementFinished.get())));
            Thread.sleep(100);
            assertThat(change).as("the change waits for the admitted statement").isNotDone();
            finishStatement.countDown();
            change.get(10, TimeUnit.SECONDS);
            statement.get(10, TimeUnit.SECONDS);
            assertThat(changeSawFinishedStatement).isTrue();
            assertThat(rollbacks).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aStatementThatOutlivesTheDrainTimeoutDoesNotBlockTheChangeForever() throws Exception {
        AdmissionGate gate = new AdmissionGate(() -> { }, Duration.ofMillis(50));
        CountDownLatch statementRunning = new CountDownLatch(1);
        CountDownLatch finishStatement = new CountDownLatch(1);
        AtomicBoolean applied = new AtomicBoolean();
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<?> statement = threads.submit(() -> gate.admit(() -> {
                statementRunning.countDown();
                await(finishStatement);
                return null;
            }));
            statementRunning.await(10, TimeUnit.SECONDS);
            gate.restrict(() -> applied.set(true));
            assertThat(applied).isTrue();
            finishStatement.countDown();
            statement.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
