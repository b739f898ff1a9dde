package io.jvitess.common.errors;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries {@link VtException}s across gRPC. The MySQL errno and SQLSTATE travel in the message as
 * {@code (errno N) (sqlstate S)}, exactly as Vitess does, so they survive any hop that keeps the text.
 */
public final class GrpcErrors {

    private static final Pattern MYSQL_STATE = Pattern.compile("\\(errno (\\d+)\\) \\(sqlstate ([0-9A-Z]{5})\\)");
    private static final Metadata.Key<String> VT_CODE = Metadata.Key.of("vt-code", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(Throwable error) {
        VtException vtError = error instanceof VtException known ? known : VtException.of(VtCode.UNKNOWN, String.valueOf(error.getMessage()));
        String message = vtError.getMessage();
        if (!MYSQL_STATE.matcher(message).find() && !vtError.sqlState().equals(SqlState.forCode(vtError.code()))) {
            message = message + " (errno " + vtError.errno() + ") (sqlstate " + vtError.sqlState().sqlState() + ")";
        }
        Metadata trailers = new Metadata();
        trailers.put(VT_CODE, vtError.code().name());
        Status status = Status.fromCodeValue(grpcCodeNumber(vtError.code())).withDescription(message);
        return status.asRuntimeException(trailers);
    }

    public static VtException fromStatus(StatusRuntimeException error) {
        Status status = error.getStatus();
        VtCode code = VtCode.fromNumber(status.getCode().value());
        Metadata trailers = error.getTrailers();
        if (trailers != null && trailers.get(VT_CODE) != null) {
            code = VtCode.valueOf(trailers.get(VT_CODE));
        }
        String message = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        return new VtException(code, sqlStateIn(message, code), message, error);
    }

    /** The errno/SQLSTATE written into a message by MySQL pass-through, or the code's default. */
    public static SqlState sqlStateIn(String message, VtCode code) {
        Matcher matcher = MYSQL_STATE.matcher(message);
        if (matcher.find()) {
            return new SqlState(Integer.parseInt(matcher.group(1)), matcher.group(2));
        }
        return SqlState.forCode(code);
    }

    private static int grpcCodeNumber(VtCode code) {
        return switch (code) {
            case CLUSTER_EVENT -> Status.Code.UNAVAILABLE.value();
            case READ_ONLY -> Status.Code.FAILED_PRECONDITION.value();
            default -> code.number();
        };
    }
}
