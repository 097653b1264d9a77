package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import quantmini.cli.run.TerminalProgress;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.config.ConfigKeys;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;
import quantmini.core.validation.LayerReportBuilder;
import quantmini.download.FlatFileCatalog;
import quantmini.download.FlatFileSource;
import quantmini.download.LandingValidator;
import quantmini.download.RetryPolicy;
import quantmini.features.SilverOptions;
import quantmini.features.SilverValidator;
import quantmini.features.StandardFeatures;
import quantmini.ingest.BronzeValidator;
import quantmini.qlib.GoldBuilder;
import quantmini.qlib.GoldOptions;
import quantmini.qlib.GoldValidator;
import quantmini.storage.LakeLayout;

/**
 * {@code quantmini validate}'s work: each layer's validator (owned by the module of that layer)
 * over the chosen data types, layer after layer in the order data flows, one report per layer
 * and data type.
 */
final class LakeValidation {
    private final CommandContext context;

    LakeValidation(CommandContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /**
     * @param range the dates to check in landing, bronze and silver (gold is checked whole)
     * @param offline whether to leave the source alone (landing is then not compared with its list)
     */
    List<LayerReport> validate(List<LakeLayer> layers, List<DataType> types, DateRange range, boolean offline) {
        List<LayerReport> reports = new ArrayList<>();
        for (LakeLayer layer : layers) {
            switch (layer) {
                case LANDING -> reports.addAll(landing(types, range, offline));
                case BRONZE -> {
                    BronzeValidator validator = new BronzeValidator(context.layout());
                    types.forEach(type -> reports.add(validator.validate(type, range, TerminalProgress.forThisProcess())));
                }
                case SILVER -> types.forEach(type -> reports.add(silver(type, range)));
                case GOLD -> types.stream().filter(GoldBuilder.SUPPORTED_TYPES::contains).forEach(type -> reports.add(gold(type)));
            }
        }
        return reports;
    }

    private List<LayerReport> landing(List<DataType> types, DateRange range, boolean offline) {
        LandingValidator validator = new LandingValidator(context.layout());
        List<LayerReport> reports = new ArrayList<>();
        if (offline) {
            types.forEach(type -> reports.add(validator.validateOffline(type, range, "--offline", TerminalProgress.forThisProcess())));
            return reports;
        }
        FlatFileSource source;
        try {
            source = FlatFileSource.open(SourceSettingsFactory.from(context.config()), 1);
        } catch (QuantminiException e) {
            String why = "the source cannot be opened (" + e.getMessage() + ")";
            types.forEach(type -> reports.add(validator.validateOffline(type, range, why, TerminalProgress.forThisProcess())));
            return reports;
        }
        try (source) {
            RetryPolicy defaults = RetryPolicy.defaults();
            FlatFileCatalog catalog = new FlatFileCatalog(source, new RetryPolicy(
                    context.config().require(ConfigKeys.DOWNLOAD_MAX_ATTEMPTS), defaults.baseDelay(), defaults.maxDelay()));
            types.forEach(type -> reports.add(validator.validate(type, range, catalog, TerminalProgress.forThisProcess())));
        }
        return reports;
    }

    private LayerReport silver(DataType type, DateRange range) {
        SilverValidator validator = new SilverValidator(context.layout(), StandardFeatures.registry(), context.limits(),
                SilverOptions.from(context.config()));
        try {
            return validator.validate(type, range, TerminalProgress.forThisProcess());
        } catch (IllegalArgumentException e) {
            // an unknown name in features.enabled, found when the type's features are chosen
            throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "features.enabled: " + e.getMessage());
        }
    }

    /** The gold tree against its Parquet input; a type with neither has nothing to check. */
    private LayerReport gold(DataType type) {
        LakeLayout layout = context.layout();
        String tree = layout.relative(layout.qlibRoot(type));
        if (!Files.isDirectory(layout.qlibRoot(type)) && !Files.isDirectory(layout.bronzeRoot(type))) {
            LayerReportBuilder empty = new LayerReportBuilder(LakeLayer.GOLD, type, List.of());
            empty.warn("no tree and no input; nothing to check");
            return empty.build();
        }
        return new GoldValidator(layout, GoldOptions.fromConfig(context.config()))
                .validate(type, TerminalProgress.forThisProcess()).toLayerReport(tree);
    }
}
