package io.cial.knowledge.api;

import io.vertx.core.Future;

/**
 * The files tree of each knowledge. Every path is checked by {@link io.cial.protocol.SafePaths}: relative,
 * NFC-normalised, never leading outside the knowledge's folder, even through links ({@code invalid_path}, 400). Other
 * failures: {@code not_found} (404) for an unknown knowledge or path; {@code forbidden} (403) for a change to the
 * built-in knowledge; {@code conflict} (409) for a name that differs from an existing sibling only by case or Unicode
 * normalisation, a file where a folder is needed or the reverse, or a move onto an existing path without overwrite;
 * {@code too_large} (413) past the per-file or per-knowledge limit, leaving no partial file.
 */
public interface KnowledgeFileService {

    /** The entries below {@code folder} (null for the whole tree). */
    Future<KnowledgeTree> tree(String knowledge, String folder);

    /** Opens a file for streaming. */
    Future<FileDownload> open(String knowledge, String path);

    /**
     * Creates or replaces a file with the bytes served at a {@link io.cial.protocol.BusStreams} address, making its
     * folders as needed. The bytes go to a temporary file beside the target, which replaces it atomically only once
     * complete.
     *
     * @param contentLength the declared length, or -1; a declared length past the limit fails before any byte is read
     */
    Future<FileWrite> write(String knowledge, String path, String streamAddress, long contentLength);

    /** Moves or renames a file or folder inside one knowledge. */
    Future<KnowledgeEntry> move(String knowledge, String from, String to, boolean overwrite);

    /** Deletes a file, or a folder with everything in it. */
    Future<Void> delete(String knowledge, String path);
}
