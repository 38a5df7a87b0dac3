package io.cial.sessions.uploads;

import io.cial.protocol.ApiException;
import io.cial.protocol.BusStreams;
import io.cial.protocol.DownloadHeaders;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.SafePaths;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Per-owner uploads: streamed to a temporary file in the owner's folder, renamed to their id-based name once complete,
 * and recorded only if they fit the owner's quota, so a refused or broken upload leaves nothing behind. An id that
 * belongs to another owner is reported exactly like an unknown one ({@code not_found}).
 */
final class UploadsService {

    /** Upload ids: a fixed prefix and 128 random bits, so they cannot be guessed or carry path syntax. */
    static final Pattern ID = Pattern.compile("up_[0-9a-f]{32}");
    /** The name given to a body that came without one. */
    static final String DEFAULT_NAME = "upload";

    private final Vertx vertx;
    private final UploadsConfig config;
    private final UploadStore store;
    private final UploadFiles files;

    UploadsService(Vertx vertx, UploadsConfig config, UploadStore store, UploadFiles files) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.files = files;
    }

    /** One page of a listing; {@code nextCursor} is null on the last page. */
    record Page(List<Upload> items, String nextCursor) {}

    /** A stored file open for streaming, with its size on disk. */
    record Download(Upload upload, AsyncFile file, long size) {}

    /** An upload and the absolute path the engine reads it from. */
    record Attachment(Upload upload, Path path) {}

    /** A file being received: where it goes, what it is, and how many bytes it may have. */
    private record Incoming(
            String owner, Path temp, String name, String contentType, long allowed, boolean fileLimit) {}

    /**
     * Stores the body served at {@code stream}.
     *
     * @param declaredLength the body's length if known, else -1; past the limit it fails before any byte is read
     * @param fileName the original name ({@code null} for {@value #DEFAULT_NAME}); checked by {@link SafePaths#name}
     */
    Future<Upload> upload(String owner, String stream, long declaredLength, String fileName, String contentType) {
        return Future.succeededFuture()
                .map(v -> fileName == null ? DEFAULT_NAME : SafePaths.name(fileName, "filename"))
                .compose(name -> store.usage(owner).map(used -> plan(owner, name, contentType, used, declaredLength)))
                .compose(plan -> vertx.executeBlocking(() -> files.temp(owner)).map(temp -> withTemp(plan, temp)))
                // Until the pull starts, nobody else releases the served body; once it runs, the pull does.
                .onFailure(e -> BusStreams.cancel(vertx, stream))
                .compose(incoming -> receive(incoming, stream));
    }

    Future<Upload> get(String owner, String id) {
        return find(owner, id);
    }

    /** A page of the owner's uploads, newest first, and the cursor of the next page (null at the end). */
    Future<Page> list(String owner, int limit, String cursor) {
        UploadStore.Position after = cursor == null ? null : decodeCursor(cursor);
        return store.page(owner, after, limit + 1).map(rows -> {
            boolean more = rows.size() > limit;
            List<Upload> items = more ? rows.subList(0, limit) : rows;
            Upload last = items.isEmpty() ? null : items.get(items.size() - 1);
            return new Page(items, more ? last.createdAt().toEpochMilli() + "_" + last.id() : null);
        });
    }

    /** The stored file, open for streaming, with its upload; whoever serves it closes it. */
    Future<Download> open(String owner, String id) {
        return find(owner, id).compose(upload -> vertx.executeBlocking(() -> files.existing(upload))
                .compose(path -> vertx.fileSystem().open(path.toString(), new OpenOptions().setRead(true)))
                .compose(file -> file.size().map(size -> new Download(upload, file, size))));
    }

    Future<Void> delete(String owner, String id) {
        return find(owner, id)
                .compose(upload -> store.delete(owner, id).map(upload))
                .compose(upload -> vertx.executeBlocking(() -> {
                    files.delete(owner, upload.stored());
                    return null;
                }));
    }

    /** The owner's uploads with their absolute paths, in the order asked; 404 naming every id that is not there. */
    Future<List<Attachment>> resolve(String owner, List<String> ids) {
        List<String> wanted = List.copyOf(new LinkedHashSet<>(ids));
        List<Future<Upload>> lookups = wanted.stream()
                .map(id -> ID.matcher(id).matches() ? store.find(owner, id) : Future.<Upload>succeededFuture())
                .toList();
        return Future.all(lookups).compose(all -> vertx.executeBlocking(() -> attachments(wanted, lookups)));
    }

    private List<Attachment> attachments(List<String> wanted, List<Future<Upload>> lookups) {
        List<Attachment> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            Upload upload = lookups.get(i).result();
            try {
                if (upload == null) {
                    throw ApiException.notFound("unknown");
                }
                found.add(new Attachment(upload, files.existing(upload)));
            } catch (ApiException e) {
                unknown.add(wanted.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.notFound("unknown uploads: %s", String.join(", ", unknown));
        }
        return found;
    }

    private Incoming plan(String owner, String name, String declaredType, long used, long declaredLength) {
        long room = Math.max(0, config.quotaBytes() - used);
        long allowed = Math.min(config.maxFileBytes(), room);
        boolean fileLimit = config.maxFileBytes() <= room;
        Incoming incoming = new Incoming(owner, null, name, contentType(declaredType, name), allowed, fileLimit);
        if (declaredLength > allowed) {
            throw tooLarge(incoming);
        }
        return incoming;
    }

    private static Incoming withTemp(Incoming plan, Path temp) {
        return new Incoming(plan.owner(), temp, plan.name(), plan.contentType(), plan.allowed(), plan.fileLimit());
    }

    private Future<Upload> receive(Incoming incoming, String stream) {
        String id = "up_" + UUID.randomUUID().toString().replace("-", "");
        String stored = UploadFiles.storedName(id, incoming.name());
        return vertx.fileSystem()
                .open(
                        incoming.temp().toString(),
                        new OpenOptions().setWrite(true).setCreateNew(true))
                .onFailure(e -> BusStreams.cancel(vertx, stream))
                .compose(file -> BusStreams.pull(vertx, stream, file, incoming.allowed())
                        .recover(e -> Future.failedFuture(isTooLarge(e) ? tooLarge(incoming) : e))
                        .compose(size -> file.flush().map(size))
                        .eventually(() -> file.close()))
                .compose(size -> vertx.<Long>executeBlocking(() -> {
                    files.commit(incoming.temp(), incoming.owner(), stored);
                    return size;
                }))
                .compose(size -> record(incoming, id, stored, size))
                .recover(e -> discard(incoming, stored).compose(v -> Future.failedFuture(e)));
    }

    private Future<Upload> record(Incoming incoming, String id, String stored, long size) {
        Upload upload =
                new Upload(id, incoming.owner(), incoming.name(), incoming.contentType(), size, stored, Instant.now());
        return store.insertWithinQuota(upload, config.quotaBytes())
                .compose(fits -> fits
                        ? Future.succeededFuture(upload)
                        : Future.failedFuture(ApiException.of(
                                ErrorCode.TOO_LARGE,
                                "the upload does not fit in the quota of %d bytes per user",
                                config.quotaBytes())));
    }

    private Future<Void> discard(Incoming incoming, String stored) {
        return vertx.executeBlocking(() -> {
            UploadFiles.deleteQuietly(incoming.temp());
            files.delete(incoming.owner(), stored);
            return null;
        });
    }

    private static boolean isTooLarge(Throwable failure) {
        return failure instanceof ApiException api && api.code() == ErrorCode.TOO_LARGE;
    }

    private ApiException tooLarge(Incoming incoming) {
        if (incoming.fileLimit()) {
            return ApiException.of(
                    ErrorCode.TOO_LARGE, "the upload exceeds the limit of %d bytes per file", config.maxFileBytes());
        }
        return ApiException.of(
                ErrorCode.TOO_LARGE,
                "the upload does not fit in the quota of %d bytes per user (%d left)",
                config.quotaBytes(),
                incoming.allowed());
    }

    /** A valid declared type, else one guessed from the name: a declared octet-stream or multipart says nothing. */
    private static String contentType(String declared, String name) {
        String type = DownloadHeaders.normalize(declared);
        if (type == null || type.equals(DownloadHeaders.OCTET_STREAM) || type.startsWith("multipart/")) {
            return DownloadHeaders.guess(name);
        }
        return type;
    }

    private Future<Upload> find(String owner, String id) {
        Future<Upload> found = ID.matcher(id).matches() ? store.find(owner, id) : Future.succeededFuture();
        return found.compose(upload -> upload == null
                ? Future.failedFuture(ApiException.notFound("no upload '%s'", id))
                : Future.succeededFuture(upload));
    }

    private static UploadStore.Position decodeCursor(String cursor) {
        int split = cursor.indexOf('_');
        try {
            String id = cursor.substring(split + 1);
            if (split > 0 && ID.matcher(id).matches()) {
                return new UploadStore.Position(Long.parseLong(cursor.substring(0, split)), id);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation("cursor '%s' is not a cursor of this list", cursor);
    }
}
