package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import quantmini.core.DataType;
import quantmini.core.Preconditions;

/**
 * The features of every data type and the datasets they are computed on, checked once when built:
 * names unique per type, every input known, no cycles, lookbacks that cover their inputs', and no
 * lookback feature fed by a helper column (those are filled on output dates only).
 */
public final class FeatureRegistry {
    private final Map<DataType, SilverDataset> datasets = new EnumMap<>(DataType.class);
    private final Map<DataType, Map<String, Feature>> features = new EnumMap<>(DataType.class);
    private final List<Feature> all;

    public FeatureRegistry(Collection<SilverDataset> datasets, List<Feature> features) {
        requireNonNull(datasets, "datasets is null");
        this.all = List.copyOf(requireNonNull(features, "features is null"));
        for (SilverDataset dataset : datasets) {
            Preconditions.checkArgument(this.datasets.put(dataset.type(), dataset) == null, "two datasets for %s", dataset.type());
        }
        for (Feature feature : all) {
            for (DataType type : feature.dataTypes()) {
                Preconditions.checkArgument(this.datasets.containsKey(type), "feature %s: no dataset for %s", feature.name(), type);
                Map<String, Feature> ofType = this.features.computeIfAbsent(type, t -> new LinkedHashMap<>());
                Preconditions.checkArgument(ofType.put(feature.name(), feature) == null, "feature %s defined twice for %s",
                        feature.name(), type);
            }
        }
        for (DataType type : this.features.keySet()) {
            validate(type);
        }
    }

    private void validate(DataType type) {
        SilverDataset dataset = datasets.get(type);
        Map<String, Feature> ofType = features.get(type);
        for (Feature feature : ofType.values()) {
            Preconditions.checkArgument(!dataset.bronzeColumnNames().contains(feature.name())
                    && !dataset.helperColumns().contains(feature.name()), "feature %s shadows a column of %s", feature.name(), type);
            for (String input : feature.inputs()) {
                Feature source = ofType.get(input);
                Preconditions.checkArgument(source != null || dataset.helperColumns().contains(input),
                        "feature %s of %s reads unknown input %s", feature.name(), type, input);
                if (source != null) {
                    Preconditions.checkArgument(feature.lookbackTradingDays() >= source.lookbackTradingDays(),
                            "feature %s has lookback %s, less than its input %s (%s)", feature.name(),
                            feature.lookbackTradingDays(), input, source.lookbackTradingDays());
                }
            }
            if (feature.lookbackTradingDays() > 0) {
                Set<String> helpers = new HashSet<>(dataset.helperColumns());
                helpers.retainAll(closure(type, List.of(feature.name())).stream()
                        .flatMap(f -> f.inputs().stream()).toList());
                Preconditions.checkArgument(helpers.isEmpty(),
                        "feature %s has a lookback but depends on helper columns %s, which are filled on output dates only",
                        feature.name(), helpers);
            }
        }
        layers(type, List.copyOf(ofType.values()));
    }

    public SilverDataset dataset(DataType type) {
        SilverDataset dataset = datasets.get(requireNonNull(type, "type is null"));
        Preconditions.checkArgument(dataset != null, "no silver dataset for %s", type);
        return dataset;
    }

    /** Every feature in definition order (the order of the docs). */
    public List<Feature> all() {
        return all;
    }

    /** The features of {@code type}, in definition order (the order of silver's columns). */
    public List<Feature> features(DataType type) {
        return List.copyOf(features.getOrDefault(type, Map.of()).values());
    }

    /**
     * The features of {@code type} that {@code enabled} names (every one when it is empty), with
     * the features they read, in definition order. A name no data type knows is an error.
     */
    public List<Feature> select(DataType type, Collection<String> enabled) {
        requireNonNull(enabled, "enabled is null");
        if (enabled.isEmpty()) {
            return features(type);
        }
        Set<String> known = new HashSet<>();
        all.forEach(f -> known.add(f.name()));
        for (String name : enabled) {
            Preconditions.checkArgument(known.contains(name), "unknown feature '%s' in features.enabled", name);
        }
        Map<String, Feature> ofType = features.getOrDefault(type, Map.of());
        List<String> wanted = enabled.stream().filter(ofType::containsKey).toList();
        return closure(type, wanted);
    }

    /** The rows of earlier history these features need per symbol: the largest lookback. */
    public static int lookback(List<Feature> selected) {
        return selected.stream().mapToInt(Feature::lookbackTradingDays).max().orElse(0);
    }

    /**
     * The features grouped so that each group reads only bronze, helper columns and the groups
     * before it: one SQL projection per group.
     */
    List<List<Feature>> layers(DataType type, List<Feature> selected) {
        Map<String, Integer> level = new LinkedHashMap<>();
        Map<String, Feature> ofType = features.getOrDefault(type, Map.of());
        for (Feature feature : selected) {
            levelOf(feature, ofType, level, new HashSet<>());
        }
        List<List<Feature>> layers = new ArrayList<>();
        for (Feature feature : selected) {
            int l = level.get(feature.name());
            while (layers.size() <= l) {
                layers.add(new ArrayList<>());
            }
            layers.get(l).add(feature);
        }
        return layers.stream().map(List::copyOf).toList();
    }

    private int levelOf(Feature feature, Map<String, Feature> ofType, Map<String, Integer> level, Set<String> visiting) {
        Integer known = level.get(feature.name());
        if (known != null) {
            return known;
        }
        Preconditions.checkArgument(visiting.add(feature.name()), "features form a cycle through %s", feature.name());
        int l = 0;
        for (String input : feature.inputs()) {
            Feature source = ofType.get(input);
            if (source != null) {
                l = Math.max(l, levelOf(source, ofType, level, visiting) + 1);
            }
        }
        visiting.remove(feature.name());
        level.put(feature.name(), l);
        return l;
    }

    private List<Feature> closure(DataType type, List<String> names) {
        Map<String, Feature> ofType = features.getOrDefault(type, Map.of());
        Set<String> needed = new HashSet<>();
        List<String> pending = new ArrayList<>(names);
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            Feature feature = ofType.get(name);
            if (feature != null && needed.add(name)) {
                pending.addAll(feature.inputs());
            }
        }
        return ofType.values().stream().filter(f -> needed.contains(f.name())).toList();
    }
}
