package io.cial.gateway.http;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the OpenAPI validator's failures into messages that name the offending field. The validator's own summary
 * often names the wrong keyword (with {@code additionalProperties: false}, a bad declared property is also reported
 * as an unknown one), so the message is rebuilt from the individual errors, most specific first.
 */
public final class ValidationErrors {

    private ValidationErrors() {}

    public static ApiException toApiException(Throwable failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        if (cause instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
            String details = describe(schema.getOutputUnit().getErrors());
            if (!details.isEmpty()) {
                return ApiException.validation("%s: %s", subject(schema.getMessage()), details);
            }
        }
        if (cause instanceof ValidatorException validator) {
            return ApiException.validation("%s", validator.getMessage());
        }
        return ApiException.of(ErrorCode.VALIDATION_FAILED, "the request is invalid");
    }

    /** "The value of the request body is invalid. Reason: …" → "the request body is invalid". */
    private static String subject(String message) {
        if (message == null) {
            return "the request is invalid";
        }
        int reason = message.indexOf(". Reason:");
        String head = reason > 0 ? message.substring(0, reason) : message;
        return head.replace("The value of ", "").trim();
    }

    private static String describe(List<OutputUnit> errors) {
        if (errors == null) {
            return "";
        }
        List<OutputUnit> specific =
                errors.stream().filter(ValidationErrors::isSpecific).toList();
        List<OutputUnit> chosen = specific.isEmpty() ? errors : specific;
        return chosen.stream().map(ValidationErrors::describe).distinct().collect(Collectors.joining("; "));
    }

    /** Aggregate keywords only say "something below failed"; the leaf errors say what. */
    private static boolean isSpecific(OutputUnit unit) {
        String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
        return !keyword.endsWith("/properties")
                && !keyword.endsWith("/additionalProperties")
                && !keyword.endsWith("/allOf")
                && !keyword.endsWith("/oneOf")
                && !keyword.endsWith("/anyOf")
                && !keyword.endsWith("/items");
    }

    private static String describe(OutputUnit unit) {
        String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
        String field = location.startsWith("#/") ? location.substring(2) : location.replace("#", "");
        String error = unit.getError() == null ? "is invalid" : unit.getError();
        return field.isEmpty() ? error : "field '" + field.replace('/', '.') + "': " + error;
    }
}
