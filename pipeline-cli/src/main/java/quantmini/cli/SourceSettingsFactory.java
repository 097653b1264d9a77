package quantmini.cli;

import quantmini.core.config.ConfigException;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.PipelineConfig;
import quantmini.core.config.S3Credentials;
import quantmini.core.config.SourceKind;
import quantmini.download.SourceSettings;

/** Turns the {@code source.*} keys and the credentials into the download layer's settings. */
final class SourceSettingsFactory {
    private SourceSettingsFactory() {}

    static SourceSettings from(PipelineConfig config) {
        if (config.require(ConfigKeys.SOURCE_KIND) == SourceKind.LOCAL) {
            return SourceSettings.local(config.get(ConfigKeys.SOURCE_LOCAL_PATH).orElseThrow().toAbsolutePath().normalize());
        }
        S3Credentials credentials = config.credentials().orElseThrow(() -> new ConfigException(
                "no S3 credentials: set POLYGON_S3_KEY and POLYGON_S3_SECRET, or write config/credentials.yaml "
                        + "(see config/credentials.yaml.example); QUANTMINI_SOURCE=local:DIR reads a local folder instead"));
        return SourceSettings.s3(config.require(ConfigKeys.SOURCE_ENDPOINT), config.require(ConfigKeys.SOURCE_BUCKET),
                config.require(ConfigKeys.SOURCE_REGION), credentials.accessKeyId(), credentials.secretAccessKey());
    }
}
