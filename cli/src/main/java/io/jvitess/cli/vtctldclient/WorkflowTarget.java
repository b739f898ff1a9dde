package io.jvitess.cli.vtctldclient;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Locale;

/**
 * What MoveTables, Reshard and VDiff share: {@code --workflow}, {@code --target-keyspace} and {@code --format}.
 * Like Vitess's persistent flags they may be given before or after the subcommand.
 */
abstract class WorkflowTarget extends SubcommandGroup implements WorkflowScope {

    // No defaultValue: an inherited option's default would overwrite a value given before the subcommand.
    @Option(names = {"--workflow", "-w"}, scope = ScopeType.INHERIT, description = "The workflow you want to perform the command on.")
    String workflow;
    @Option(names = {"--target-keyspace", "--target_keyspace"}, scope = ScopeType.INHERIT, description = "Target keyspace for this workflow.")
    String targetKeyspace;
    @Option(names = "--format", scope = ScopeType.INHERIT, description = "The format of the output; supported formats are: text,json.")
    String format;

    @Override
    public String workflow() {
        return required(workflow, "workflow");
    }

    @Override
    public String keyspace() {
        return required(targetKeyspace, "target-keyspace");
    }

    /** True for {@code --format json}; without {@code --format} the output is text. */
    boolean jsonFormat() {
        return jsonFormat(false);
    }

    /**
     * True for {@code --format json}, and without {@code --format} when the command's default is JSON. jvitess
     * defaults {@code status} and {@code VDiff show} to JSON so that scripts can parse them (Vitess defaults to text);
     * {@code --format text} gives Vitess's text.
     */
    boolean jsonFormat(boolean jsonByDefault) {
        return format == null ? jsonByDefault : isJson(format);
    }

    static boolean isJson(String format) {
        String normalized = format.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "json" -> true;
            case "text" -> false;
            default -> throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid output format, got %s", format);
        };
    }

    /** Proto JSON without unpopulated fields, like Vitess's {@code cli.MarshalJSONCompact}. */
    static String compactJson(MessageOrBuilder message) {
        try {
            return JsonFormat.printer().preservingProtoFieldNames().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
