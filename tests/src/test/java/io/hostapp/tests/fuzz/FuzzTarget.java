package io.hostapp.tests.fuzz;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInfo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Base of the fuzz test classes: counts each target's executions and prints the count when the class is done,
 * one line per target ({@code fuzz-target: NAME executions=N}), so a CI log in which two targets fuzz at once
 * still says whose numbers are whose (Jazzer's own "Done N runs" lines do not name the target).
 */
abstract class FuzzTarget {
    private static final ClassValue<AtomicLong> EXECUTIONS = new ClassValue<>() {
        @Override
        protected AtomicLong computeValue(Class<?> type) {
            return new AtomicLong();
        }
    };

    /** Called first by every fuzz method. */
    final void execution() {
        EXECUTIONS.get(getClass()).incrementAndGet();
    }

    @AfterAll
    static void printExecutions(TestInfo info) {
        Class<?> c = info.getTestClass().orElseThrow();
        System.err.println("fuzz-target: " + c.getSimpleName() + " executions=" + EXECUTIONS.get(c).get());
    }
}
