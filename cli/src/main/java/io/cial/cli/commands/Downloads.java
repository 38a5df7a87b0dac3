package io.cial.cli.commands;

import io.cial.cli.CliException;
import io.cial.cli.http.ApiReply;
import io.cial.cli.http.OperationCall;
import io.cial.cli.output.Details;
import io.cial.cli.output.Output;
import java.nio.file.Path;

/** A file body: streamed to {@code -o FILE}, or printed when it is text. */
final class Downloads {

    private Downloads() {}

    static void fetch(Output out, OperationCall call, Path target) {
        if (target != null) {
            ApiReply saved = call.saveTo(target).send();
            out.note("saved " + Details.bytes(saved.savedBytes()) + " to " + saved.savedTo());
            return;
        }
        ApiReply reply = call.send();
        if (!reply.isText()) {
            throw CliException.usage(
                    "the file is binary (%s, %s): add -o FILE to save it",
                    reply.contentType(), Details.bytes(reply.body().length()));
        }
        out.text(reply.bodyText());
    }
}
