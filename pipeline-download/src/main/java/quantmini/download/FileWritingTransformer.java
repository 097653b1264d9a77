package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Drains a GetObject body into a file chunk by chunk as it arrives, with a bounded number of
 * chunks requested ahead, so memory holds at most {@value #CHUNKS_IN_FLIGHT} chunks (Netty's,
 * about 8 KB each) per download.
 * (Measured faster here than the SDK's {@code AsyncResponseTransformer.toFile}; see
 * NOTES-dependencies.md.)
 */
final class FileWritingTransformer implements AsyncResponseTransformer<GetObjectResponse, GetObjectResponse> {
    /**
     * Chunks asked for ahead of the one being written. Asking for one at a time had Netty wait for
     * each write before its next socket read, which cost twice the system time of this window.
     */
    static final int CHUNKS_IN_FLIGHT = 32;

    private final Path file;
    private final LongConsumer bytesWritten;
    private volatile CompletableFuture<GetObjectResponse> result;
    private volatile GetObjectResponse response;
    private volatile FileChannel channel;

    FileWritingTransformer(Path file, LongConsumer bytesWritten) {
        this.file = requireNonNull(file, "file is null");
        this.bytesWritten = requireNonNull(bytesWritten, "bytesWritten is null");
    }

    @Override
    public CompletableFuture<GetObjectResponse> prepare() {
        result = new CompletableFuture<>();
        return result;
    }

    @Override
    public void onResponse(GetObjectResponse getObjectResponse) {
        response = getObjectResponse;
    }

    @Override
    public void onStream(SdkPublisher<ByteBuffer> publisher) {
        try {
            // TRUNCATE_EXISTING: a repeated prepare/onStream must not leave the old bytes' tail.
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            result.completeExceptionally(e);
            return;
        }
        publisher.subscribe(new ChunkWriter(channel, result));
    }

    @Override
    public void exceptionOccurred(Throwable error) {
        closeQuietly(channel);
        CompletableFuture<GetObjectResponse> current = result;
        if (current != null) {
            current.completeExceptionally(error);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the download has failed already; the mirror deletes the file
            }
        }
    }

    private final class ChunkWriter implements Subscriber<ByteBuffer> {
        private final FileChannel out;
        private final CompletableFuture<GetObjectResponse> done;
        private Subscription subscription;

        ChunkWriter(FileChannel out, CompletableFuture<GetObjectResponse> done) {
            this.out = out;
            this.done = done;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(CHUNKS_IN_FLIGHT);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            try {
                int length = chunk.remaining();
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                bytesWritten.accept(length);
            } catch (IOException e) {
                subscription.cancel();
                closeQuietly(out);
                done.completeExceptionally(e);
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            closeQuietly(out);
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            try {
                out.close();
                done.complete(response);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }
    }
}
