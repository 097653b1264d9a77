package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import quantmini.core.DataType;

class FeatureRegistryTest {
    private static final Set<DataType> DAILY = Set.of(DataType.STOCKS_DAILY);

    private static Feature feature(String name, String formula, int lookback, String... inputs) {
        return new Feature(name, DAILY, SqlType.DOUBLE, formula, lookback, List.of(inputs), "test");
    }

    private static FeatureRegistry registry(Feature... features) {
        return new FeatureRegistry(StandardFeatures.datasets(), List.of(features));
    }

    private static List<String> names(List<Feature> features) {
        return features.stream().map(Feature::name).toList();
    }

    @Test
    void theStandardFeaturesCoverTheIssue() {
        FeatureRegistry registry = StandardFeatures.registry();
        assertEquals(List.of("return_1d", "log_return_1d", "return_5d", "return_20d", "gap", "range_pct", "volatility_20d",
                "volume_ratio_20d", "dollar_volume", "vwap", "alpha_daily"), names(registry.features(DataType.STOCKS_DAILY)));
        assertEquals(List.of("return_1m", "log_return_1m", "vwap_cum", "minute_of_day", "session"),
                names(registry.features(DataType.STOCKS_MINUTE)));
        List<String> options = List.of("days_to_expiry", "underlying_close", "moneyness", "log_moneyness", "intrinsic_value",
                "time_value");
        assertEquals(options, names(registry.features(DataType.OPTIONS_DAILY)));
        assertEquals(options, names(registry.features(DataType.OPTIONS_MINUTE)));
        assertEquals(20, FeatureRegistry.lookback(registry.features(DataType.STOCKS_DAILY)));
        assertEquals(0, FeatureRegistry.lookback(registry.features(DataType.STOCKS_MINUTE)));
    }

    @Test
    void selectingAFeatureBringsItsInputsAndUnknownNamesAreRefused() {
        FeatureRegistry registry = StandardFeatures.registry();
        assertEquals(List.of("log_return_1d", "return_20d", "volatility_20d", "alpha_daily"),
                names(registry.select(DataType.STOCKS_DAILY, List.of("alpha_daily"))));
        assertEquals(List.of(), registry.select(DataType.STOCKS_MINUTE, List.of("alpha_daily")), "a name of another type selects none here");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.select(DataType.STOCKS_DAILY, List.of("alpha_dialy")));
        assertTrue(e.getMessage().contains("alpha_dialy"), e.getMessage());
    }

    @Test
    void layersComputeInputsFirst() {
        FeatureRegistry registry = StandardFeatures.registry();
        List<List<Feature>> layers = registry.layers(DataType.STOCKS_DAILY, registry.features(DataType.STOCKS_DAILY));
        assertEquals(3, layers.size());
        assertTrue(names(layers.get(1)).contains("volatility_20d"));
        assertEquals(List.of("alpha_daily"), names(layers.get(2)));
    }

    @Test
    void brokenDefinitionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> registry(feature("a", "1", 0, "nope")), "unknown input");
        assertThrows(IllegalArgumentException.class, () -> registry(feature("a", "b", 0, "b"), feature("b", "a", 0, "a")), "cycle");
        assertThrows(IllegalArgumentException.class, () -> registry(feature("a", "lag(close, 3) OVER symbol_history", 3),
                feature("b", "a", 1, "a")), "lookback smaller than its input's");
        assertThrows(IllegalArgumentException.class, () -> registry(feature("a", "lag(minute_vwap) OVER symbol_history", 1,
                "minute_vwap")), "lookback over a helper column filled on output dates only");
        assertThrows(IllegalArgumentException.class, () -> registry(feature("close", "1", 0)), "shadows a bronze column");
        assertThrows(IllegalArgumentException.class, () -> registry(feature("a", "1", 0), feature("a", "2", 0)), "defined twice");
        assertThrows(IllegalArgumentException.class, () -> feature("Bad-Name", "1", 0));
    }
}
