package quantmini.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code quantmini download}: mirror the source's flat files into landing. */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Mirror flat files from the source into the landing layer.",
        description = {
            "",
            "Lists the source (the vendor's S3 bucket, or a local folder with",
            "QUANTMINI_SOURCE=local:DIR) for the dates that exist in the range, and copies",
            "each file byte for byte to landing/polygon-s3/{data_type}/YYYY/MM/DATE.csv.gz.",
            "A file already landed with the same size and ETag is skipped; a republished",
            "one is fetched again. Failed dates are listed at the end (exit code 1); the",
            "others complete. No partial file is ever left in landing.",
            ""
        })
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSelection selection;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        return StageRunner.runStage(context, spec.commandLine().getOut(), stages -> stages.download(selection.types(context), selection.from(), selection.to()));
    }
}
