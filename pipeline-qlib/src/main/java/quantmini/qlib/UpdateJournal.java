package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import quantmini.core.DataType;
import quantmini.core.io.AtomicFiles;
import quantmini.core.io.FileTrees;

/**
 * Makes an append all-or-nothing. Appends grow files in place (rewriting every file of a tree
 * for one new date would cost the whole tree), so before the first byte is appended the journal
 * keeps the tree's previous state and instruments; the index files are rewritten last and the
 * journal deleted after them. A run killed in between leaves the journal, and {@link #recover}
 * rolls the tree back to the journal's state: appended bytes are cut off, folders of new
 * instruments deleted, the index files restored. Qlib readers meanwhile see the old calendar,
 * which ignores the extra trailing values.
 */
final class UpdateJournal {
    private static final String INSTRUMENTS_MARK = "--- instruments/all.txt ---";

    /** The result of {@link #recover}. */
    enum Recovery {
        /** No journal: the tree is as the last build left it. */
        CLEAN,
        /** A half-applied append was rolled back. */
        ROLLED_BACK,
        /** A file is shorter than the journal's state allows: only a full build can repair it. */
        NEEDS_REBUILD
    }

    private final GoldTree tree;
    private final DataType type;

    UpdateJournal(GoldTree tree, DataType type) {
        this.tree = requireNonNull(tree, "tree is null");
        this.type = requireNonNull(type, "type is null");
    }

    /** Records the state an append starts from; written atomically, before the first append. */
    void begin(GoldState state) throws IOException {
        String instruments = Files.readString(tree.instrumentsFile(), StandardCharsets.UTF_8);
        AtomicFiles.writeString(tree.journalFile(), state.render() + INSTRUMENTS_MARK + "\n" + instruments);
    }

    /** The append is complete (index files written): forget the journal. */
    void commit() throws IOException {
        Files.deleteIfExists(tree.journalFile());
    }

    Recovery recover() throws IOException {
        if (!Files.exists(tree.journalFile())) {
            return Recovery.CLEAN;
        }
        String text = Files.readString(tree.journalFile(), StandardCharsets.UTF_8);
        int mark = text.indexOf(INSTRUMENTS_MARK + "\n");
        if (mark < 0) {
            throw new IOException("journal " + tree.journalFile() + " is damaged; delete the tree and run a full build");
        }
        GoldState state = GoldState.parse(text.substring(0, mark));
        QlibCalendar calendar = state.calendar();
        List<InstrumentSpan> spans = InstrumentSpan.parseAll(text.substring(mark + INSTRUMENTS_MARK.length() + 1), type, calendar);
        Map<String, InstrumentSpan> byFolder = new HashMap<>();
        for (InstrumentSpan span : spans) {
            byFolder.put(span.name().directory(), span);
        }
        boolean complete = rollBackFiles(state, byFolder);
        if (!complete) {
            Files.deleteIfExists(tree.stateFile());
            commit();
            return Recovery.NEEDS_REBUILD;
        }
        TreeFiles.writeIndex(tree, calendar, spans, state);
        commit();
        return Recovery.ROLLED_BACK;
    }

    private boolean rollBackFiles(GoldState state, Map<String, InstrumentSpan> byFolder) throws IOException {
        if (!Files.isDirectory(tree.featuresRoot())) {
            return byFolder.isEmpty();
        }
        int found = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tree.featuresRoot())) {
            for (Path folder : folders) {
                InstrumentSpan span = byFolder.get(folder.getFileName().toString());
                if (span == null) {
                    FileTrees.deleteRecursively(folder);
                    continue;
                }
                found++;
                deleteTemporaryFiles(folder);
                long size = BinFiles.expectedSize(span.first(), span.last());
                for (String field : state.fields()) {
                    Path file = tree.binFile(span.name(), field);
                    if (!Files.exists(file) || Files.size(file) < size) {
                        return false;
                    }
                    if (Files.size(file) > size) {
                        BinFiles.truncate(file, size);
                    }
                }
            }
        }
        return found == byFolder.size();
    }

    private static void deleteTemporaryFiles(Path folder) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (AtomicFiles.isTemporary(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
