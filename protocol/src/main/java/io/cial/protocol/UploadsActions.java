package io.cial.protocol;

/**
 * Area-to-area actions on {@link Addresses#UPLOADS}. Their requests and replies are plain JSON objects (no principal
 * envelope); the gateway never forwards them, since they are not operations of the contract.
 *
 * <p>{@link #RESOLVE_FOR_TURN}: the uploads a turn attaches. Request {@code {"userId": "owner", "ids": ["up_…"]}}.
 * Reply, in the order of {@code ids} without duplicates:
 *
 * <pre>{@code
 * {"attachments": [
 *   {"id": "up_…", "name": "report.pdf", "contentType": "application/pdf", "size": 1234,
 *    "path": "/data/uploads/owner/up_….pdf"}      // absolute path of the stored file, readable by the engine
 * ]}
 * }</pre>
 *
 * Fails {@code not_found} (404) naming every id that is unknown, belongs to another user, or whose file is gone, and
 * {@code validation_failed} (400) when {@code userId} or {@code ids} is missing or malformed.
 */
public final class UploadsActions {

    public static final String RESOLVE_FOR_TURN = "uploads.resolveForTurn";

    private UploadsActions() {}
}
