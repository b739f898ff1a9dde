package io.jvitess.cli.vtctldclient;

import com.google.protobuf.MessageOrBuilder;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vtctlservice.VtctldGrpc;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A vtctldclient command that only groups subcommands (Workflow, MoveTables, Reshard, VDiff): it needs one. */
abstract class SubcommandGroup implements Runnable {

    @ParentCommand
    VtctldClientCommand root;
    CommandSpec spec;

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

    /** Vitess checks its required flags when the subcommand runs, with this error. */
    static String required(String value, String flag) {
        if (value == null || value.isBlank()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "required flag(s) \"%s\" not set", flag);
        }
        return value;
    }

    public VtctldGrpc.VtctldBlockingStub stub() {
        return root.stub();
    }

    /** Proto JSON with unpopulated fields, like Vitess's {@code cli.MarshalJSON}. */
    public String json(MessageOrBuilder message) {
        return root.json(message);
    }
}
