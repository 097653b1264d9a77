package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {
    private static final String SECRET = "sEcReT-value-123456";

    private final SourceSettings s3 = SourceSettings.s3(URI.create("https://files.massive.com"), "flatfiles", "us-east-1", "AKID", SECRET);

    @Test
    void neitherToStringNorDescribeShowTheSecret() {
        assertFalse(s3.toString().contains(SECRET), s3.toString());
        assertTrue(s3.toString().contains("secretKey=****"), s3.toString());
        assertFalse(s3.describe().contains(SECRET));
        assertEquals("s3 bucket 'flatfiles' at https://files.massive.com", s3.describe());
    }

    @Test
    void theSecretIsStillThereForTheClient() {
        assertEquals(SECRET, s3.secretKey());
        assertEquals(SourceSettings.Kind.S3, s3.kind());
    }

    @Test
    void localSettingsNeedOnlyTheFolder() {
        SourceSettings local = SourceSettings.local(Path.of("/srv/flatfiles"));
        assertEquals(SourceSettings.Kind.LOCAL, local.kind());
        assertEquals("local folder /srv/flatfiles", local.describe());
        assertEquals("SourceSettings[kind=local, localRoot=/srv/flatfiles]", local.toString());
    }

    @Test
    void missingS3SettingsAreRefusedByName() {
        URI endpoint = URI.create("http://127.0.0.1:9000");
        assertEquals("bucket is empty", assertThrows(IllegalArgumentException.class,
                () -> SourceSettings.s3(endpoint, " ", "us-east-1", "a", "b")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceSettings.s3(endpoint, "b", "us-east-1", "a", "")).getMessage().contains("POLYGON_S3_SECRET"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceSettings.s3(URI.create("files.massive.com"), "b", "us-east-1", "a", "s")).getMessage()
                .startsWith("endpoint must be an absolute http(s) URI"));
    }
}
