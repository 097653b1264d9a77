package quantmini.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleTest {
    @Test
    void medianOfAnOddAndOfAnEvenNumberOfRuns() {
        assertEquals(2.0, new Sample("x", List.of(), List.of(3.0, 1.0, 2.0), 1).median());
        assertEquals(2.5, new Sample("x", List.of(), List.of(4.0, 1.0, 2.0, 3.0), 1).median());
    }

    @Test
    void stepsRunOneAfterTheOtherAddUpRunByRunAndPeakAtTheLargerProcess() {
        Sample copy = new Sample("aws", List.of(1.0), List.of(2.0, 3.0), 60_000);
        Sample convert = new Sample("duckdb", List.of(0.5), List.of(1.0, 0.5), 200_000);

        Sample both = copy.then("aws + duckdb", convert);

        assertEquals(List.of(1.5), both.warmups());
        assertEquals(List.of(3.0, 3.5), both.seconds());
        assertEquals(200_000, both.peakRssKb());
    }

    @Test
    void stepsWithDifferentRunCountsDoNotAddUp() {
        Sample two = new Sample("a", List.of(), List.of(1.0, 2.0), 1);
        Sample one = new Sample("b", List.of(), List.of(1.0), 1);

        assertThrows(IllegalArgumentException.class, () -> two.then("a + b", one));
    }
}
