package io.jvitess.cli.vtctldclient;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vtctlservice.VtctldGrpc;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.Locale;

/**
 * What MoveTables, Reshard and VDiff share: {@code --workflow}, {@code --target-keyspace} and {@code --format}.
 * Like Vitess's persistent flags they may be given before or after the subcommand.
 */
abstract class WorkflowTarget implements Runnable {

    @ParentCommand
    VtctldClientCommand root;
    CommandSpec spec;
    // No defaultValue: an inherited option's default would overwrite a value given before the subcommand.
    @Option(names = {"--workflow", "-w"}, scope = ScopeType.INHERIT, description = "The workflow you want to perform the command on.")
    String workflow;
    @Option(names = {"--target-keyspace", "--target_keyspace"}, scope = ScopeType.INHERIT, description = "Target keyspace for this workflow.")
    String targetKeyspace;
    @Option(names = "--format", scope = ScopeType.INHERIT, description = "The format of the output; supported formats are: text,json.")
    String format;

    /** Subcommands are matched case-insensitively, so Vitess's {@code create} and {@code Create} both work. */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.subcommandsCaseInsensitive(true);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    String workflow() {
        if (workflow == null || workflow.isBlank()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "required flag(s) \"workflow\" not set");
        }
        return workflow;
    }

    String keyspace() {
        if (targetKeyspace == null || targetKeyspace.isBlank()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "required flag(s) \"target-keyspace\" not set");
        }
        return targetKeyspace;
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

    VtctldGrpc.VtctldBlockingStub stub() {
        return root.stub();
    }

    /** Proto JSON with unpopulated fields, like Vitess's {@code cli.MarshalJSON}. */
    String json(MessageOrBuilder message) {
        return root.json(message);
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
