package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/FEATURES.md states the registry's formulas exactly. */
class FeatureDocsTest {
    private static final Path DOC = Path.of("..", "docs", "FEATURES.md");

    @Test
    void theDocumentHoldsTheGeneratedTables() throws Exception {
        String generated = FeatureDocs.render(StandardFeatures.registry());
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(FeatureDocs.BEGIN);
        int end = doc.indexOf(FeatureDocs.END);
        assertTrue(begin >= 0 && end > begin, DOC + " lacks the generated section markers");
        String section = doc.substring(begin, end + FeatureDocs.END.length()) + "\n";
        if (!section.equals(generated) && Boolean.getBoolean("quantmini.regenerateDocs")) {
            Files.writeString(DOC, doc.substring(0, begin) + generated + doc.substring(end + FeatureDocs.END.length() + 1),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, section, "docs/FEATURES.md is out of date; rerun this test with -Dquantmini.regenerateDocs=true");
    }

    @Test
    void everyFeatureAppearsWithItsFormula() {
        String generated = FeatureDocs.render(StandardFeatures.registry());
        for (Feature feature : StandardFeatures.registry().all()) {
            assertTrue(generated.contains("| `" + feature.name() + "` |"), feature.name());
            assertTrue(generated.contains(feature.formula().replace("|", "\\|")), feature.name());
        }
    }
}
