package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import quantmini.core.config.ConfigKeys;
import quantmini.core.config.MinuteSession;
import quantmini.core.config.PipelineConfig;

/**
 * How gold trees are built and checked: the minute calendar's session, the field lists and the
 * input layer. The builder and the validator of one tree must be given equal options.
 */
public record GoldOptions(MinuteSession minuteSession, FieldSelection fields, SourceLayer sourceLayer) {
    public GoldOptions {
        requireNonNull(minuteSession, "minuteSession is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(sourceLayer, "sourceLayer is null");
    }

    /** Regular session, every field, silver when present. */
    public static GoldOptions defaults() {
        return new GoldOptions(MinuteSession.REGULAR, FieldSelection.all(), SourceLayer.AUTO);
    }

    /** The options the configuration sets ({@code qlib.*} keys); the input layer is AUTO. */
    public static GoldOptions fromConfig(PipelineConfig config) {
        requireNonNull(config, "config is null");
        return new GoldOptions(config.require(ConfigKeys.QLIB_MINUTE_SESSION),
                new FieldSelection(config.require(ConfigKeys.QLIB_FIELDS_INCLUDE), config.require(ConfigKeys.QLIB_FIELDS_EXCLUDE)),
                SourceLayer.AUTO);
    }

    public GoldOptions withSourceLayer(SourceLayer layer) {
        return new GoldOptions(minuteSession, fields, layer);
    }

    public GoldOptions withMinuteSession(MinuteSession session) {
        return new GoldOptions(session, fields, sourceLayer);
    }

    public GoldOptions withFields(FieldSelection selection) {
        return new GoldOptions(minuteSession, selection, sourceLayer);
    }
}
