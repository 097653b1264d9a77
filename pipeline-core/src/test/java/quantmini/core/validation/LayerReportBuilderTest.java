package quantmini.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import quantmini.core.DataType;

class LayerReportBuilderTest {
    @Test
    void keepsTheFirstFindingsAndCountsTheRest() {
        LayerReportBuilder builder = new LayerReportBuilder(LakeLayer.BRONZE, DataType.STOCKS_DAILY, 2, List.of("dates", "rows"));
        builder.count("rows", 10);
        builder.count("dates", 1);
        builder.count("rows", 5);
        for (int i = 0; i < 5; i++) {
            builder.add("2024-03-0" + (i + 1), "bronze/x.parquet", "reason " + i);
        }
        builder.warn("something not checked");

        LayerReport report = builder.build();

        assertFalse(report.isValid());
        assertEquals(2, report.findings().size());
        assertEquals(3, report.findingsLeftOut());
        assertEquals(5, report.findingCount());
        assertEquals(List.of("dates", "rows"), List.copyOf(report.checked().keySet()), "in the order announced");
        assertEquals("bronze stocks_daily: INVALID; 1 dates, 15 rows checked, 5 findings", report.describe());
        assertEquals("bronze stocks_daily 2024-03-01 bronze/x.parquet: reason 0", report.findings().get(0).toString());
        assertEquals(List.of("something not checked"), report.warnings());
    }

    @Test
    void aReportWithoutFindingsIsValidWhateverItsWarnings() {
        LayerReportBuilder builder = new LayerReportBuilder(LakeLayer.LANDING, DataType.OPTIONS_DAILY, List.of());
        builder.warn("offline");
        LayerReport report = builder.build();
        assertTrue(report.isValid());
        assertEquals("landing options_daily: valid; nothing checked, 0 findings", report.describe());
        assertEquals("gold options_daily: whole tree", new Finding(LakeLayer.GOLD, DataType.OPTIONS_DAILY, "", "", "whole tree").toString());
    }

    @Test
    void aDateRangeWithOpenEndsHoldsEverythingOnThatSide() {
        java.time.LocalDate march = java.time.LocalDate.of(2024, 3, 5);
        DateRange fromMarch = new DateRange(java.util.Optional.of(march), java.util.Optional.empty());
        assertTrue(fromMarch.contains(march) && fromMarch.contains(java.time.LocalDate.of(2099, 1, 1)));
        assertFalse(fromMarch.contains(march.minusDays(1)));
        assertTrue(fromMarch.overlaps(java.time.YearMonth.of(2024, 3)));
        assertFalse(fromMarch.overlaps(java.time.YearMonth.of(2024, 2)));
        assertTrue(DateRange.ALL.contains(java.time.LocalDate.of(1999, 12, 31)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DateRange(java.util.Optional.of(march), java.util.Optional.of(march.minusDays(1))));
    }
}
