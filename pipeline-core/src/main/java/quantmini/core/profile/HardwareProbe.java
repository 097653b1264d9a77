package quantmini.core.profile;

import java.nio.file.Path;

/** Measures the machine. The real one asks OSHI; tests inject figures. */
public interface HardwareProbe {
    /**
     * @param dataRoot the lake's folder (it need not exist yet): its disk's kind and free space
     *     are measured
     */
    HardwareFacts probe(Path dataRoot);
}
