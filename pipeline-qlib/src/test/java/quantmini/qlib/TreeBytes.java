package quantmini.qlib;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers that look at a tree's bytes without the production code. */
final class TreeBytes {
    private TreeBytes() {}

    /** Every file under {@code root} by its relative path, with its bytes. */
    static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** Little-endian float32 values of a .bin file, read independently of BinFiles. */
    static float[] floats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes.getFloat();
        }
        return values;
    }

    /** The test's own statement of the naming rule (DESIGN.md §4). */
    static String folderOf(String polygonTicker) {
        String bare = polygonTicker.startsWith("O:") ? polygonTicker.substring(2) : polygonTicker;
        String instrument = bare.replaceAll("([a-z])", "_$1").toUpperCase(java.util.Locale.ROOT);
        String file = instrument.matches("CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]") ? "_qlib_" + instrument : instrument;
        return file.toLowerCase(java.util.Locale.ROOT);
    }
}
