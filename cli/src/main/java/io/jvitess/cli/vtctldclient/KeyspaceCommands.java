package io.jvitess.cli.vtctldclient;

import io.jvitess.proto.topodata.KeyspaceType;
import io.jvitess.proto.vtctldata.CreateKeyspaceRequest;
import io.jvitess.proto.vtctldata.DeleteKeyspaceRequest;
import io.jvitess.proto.vtctldata.GetKeyspaceRequest;
import io.jvitess.proto.vtctldata.GetKeyspacesRequest;
import io.jvitess.proto.vtctldata.SetKeyspaceDurabilityPolicyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.concurrent.Callable;

final class KeyspaceCommands {

    private KeyspaceCommands() {
    }

    @Command(name = "CreateKeyspace", description = "Creates the specified keyspace in the topology.")
    static final class CreateKeyspace implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--force", "-f"})
        boolean force;
        @Option(names = {"--allow-empty-vschema", "--allow_empty_vschema", "-e"})
        boolean allowEmptyVSchema;
        @Option(names = "--type", defaultValue = "NORMAL")
        String type;
        @Option(names = {"--base-keyspace", "--base_keyspace"}, defaultValue = "")
        String baseKeyspace;
        @Option(names = {"--durability-policy", "--durability_policy"}, defaultValue = "none")
        String durabilityPolicy;
        @Option(names = {"--sidecar-db-name", "--sidecar_db_name"}, defaultValue = "_vt")
        String sidecarDatabaseName;
        @Parameters(index = "0")
        String name;

        @Override
        public Integer call() {
            var response = root.stub().createKeyspace(CreateKeyspaceRequest.newBuilder()
                    .setName(name)
                    .setForce(force)
                    .setAllowEmptyVSchema(allowEmptyVSchema)
                    .setType(KeyspaceType.valueOf(type.toUpperCase(Locale.ROOT)))
                    .setBaseKeyspace(baseKeyspace)
                    .setDurabilityPolicy(durabilityPolicy)
                    .setSidecarDbName(sidecarDatabaseName)
                    .build());
            VtctldClientCommand.out().println("Successfully created keyspace " + name + ". Result:");
            VtctldClientCommand.out().println(root.json(response.getKeyspace()));
            return 0;
        }
    }

    @Command(name = "GetKeyspace", description = "Returns information about the given keyspace from the topology.")
    static final class GetKeyspace implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Parameters(index = "0")
        String name;

        @Override
        public Integer call() {
            VtctldClientCommand.out().println(root.json(root.stub().getKeyspace(GetKeyspaceRequest.newBuilder().setKeyspace(name).build()).getKeyspace()));
            return 0;
        }
    }

    @Command(name = "GetKeyspaces", description = "Returns information about every keyspace in the topology.")
    static final class GetKeyspaces implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;

        @Override
        public Integer call() {
            VtctldClientCommand.out().println(root.jsonList(root.stub().getKeyspaces(GetKeyspacesRequest.getDefaultInstance()).getKeyspacesList()));
            return 0;
        }
    }

    @Command(name = "DeleteKeyspace", description = "Deletes the specified keyspace from the topology.")
    static final class DeleteKeyspace implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--recursive", "-r"})
        boolean recursive;
        @Option(names = {"--force", "-f"})
        boolean force;
        @Parameters(index = "0")
        String name;

        @Override
        public Integer call() {
            root.stub().deleteKeyspace(DeleteKeyspaceRequest.newBuilder().setKeyspace(name).setRecursive(recursive).setForce(force).build());
            VtctldClientCommand.out().println("Successfully deleted keyspace " + name + ".");
            return 0;
        }
    }

    @Command(name = "SetKeyspaceDurabilityPolicy", description = "Sets the durability-policy used by the specified keyspace.")
    static final class SetKeyspaceDurabilityPolicy implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--durability-policy", "--durability_policy"}, defaultValue = "none")
        String durabilityPolicy;
        @Parameters(index = "0")
        String name;

        @Override
        public Integer call() {
            var response = root.stub().setKeyspaceDurabilityPolicy(SetKeyspaceDurabilityPolicyRequest.newBuilder()
                    .setKeyspace(name).setDurabilityPolicy(durabilityPolicy).build());
            VtctldClientCommand.out().println(root.json(response.getKeyspace()));
            return 0;
        }
    }
}
