package quantmini.qlib;

import java.io.IOException;
import java.nio.file.Path;

/** Hears each {@code .bin} file a build finishes; tests use it to kill a build half way. */
@FunctionalInterface
interface WriteHook {
    WriteHook NONE = file -> { };

    void binFileDone(Path file) throws IOException;
}
