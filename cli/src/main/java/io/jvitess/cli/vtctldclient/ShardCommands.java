package io.jvitess.cli.vtctldclient;

import io.jvitess.proto.vtctldata.CreateShardRequest;
import io.jvitess.proto.vtctldata.DeleteShardsRequest;
import io.jvitess.proto.vtctldata.FindAllShardsInKeyspaceRequest;
import io.jvitess.proto.vtctldata.GetShardRequest;
import io.jvitess.proto.vtctldata.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

final class ShardCommands {

    private ShardCommands() {
    }

    /** Splits {@code keyspace/shard}. */
    static String[] keyspaceShard(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("invalid shard path: " + text + " (expected <keyspace>/<shard>)");
        }
        return new String[] {text.substring(0, slash), text.substring(slash + 1)};
    }

    @Command(name = "CreateShard", description = "Creates the specified shard in the topology.")
    static final class CreateShard implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--force", "-f"})
        boolean force;
        @Option(names = {"--include-parent", "--include_parent", "-p"})
        boolean includeParent;
        @Parameters(index = "0")
        String path;

        @Override
        public Integer call() {
            String[] parts = keyspaceShard(path);
            var response = root.stub().createShard(CreateShardRequest.newBuilder().setKeyspace(parts[0]).setShardName(parts[1])
                    .setForce(force).setIncludeParent(includeParent).build());
            VtctldClientCommand.out().println(root.json(response));
            return 0;
        }
    }

    @Command(name = "GetShard", description = "Returns information about a shard in the topology.")
    static final class GetShard implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Parameters(index = "0")
        String path;

        @Override
        public Integer call() {
            String[] parts = keyspaceShard(path);
            VtctldClientCommand.out().println(root.json(root.stub().getShard(GetShardRequest.newBuilder()
                    .setKeyspace(parts[0]).setShardName(parts[1]).build()).getShard()));
            return 0;
        }
    }

    @Command(name = "FindAllShardsInKeyspace", description = "Returns a map of shard names to shard references for a keyspace.")
    static final class FindAllShardsInKeyspace implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Parameters(index = "0")
        String keyspace;

        @Override
        public Integer call() {
            var response = root.stub().findAllShardsInKeyspace(FindAllShardsInKeyspaceRequest.newBuilder().setKeyspace(keyspace).build());
            VtctldClientCommand.out().println(root.json(response).replaceFirst("^\\{\\s*\"shards\": ", "").replaceFirst("\\s*}$", ""));
            return 0;
        }
    }

    @Command(name = "DeleteShards", description = "Deletes the specified shards from the topology.")
    static final class DeleteShards implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--recursive", "-r"})
        boolean recursive;
        @Option(names = {"--even-if-serving", "--even_if_serving"})
        boolean evenIfServing;
        @Option(names = {"--force", "-f"})
        boolean force;
        @Parameters(arity = "1..*")
        List<String> paths;

        @Override
        public Integer call() {
            DeleteShardsRequest.Builder request = DeleteShardsRequest.newBuilder().setRecursive(recursive)
                    .setEvenIfServing(evenIfServing).setForce(force);
            for (String path : paths) {
                String[] parts = keyspaceShard(path);
                request.addShards(Shard.newBuilder().setKeyspace(parts[0]).setName(parts[1]));
            }
            root.stub().deleteShards(request.build());
            VtctldClientCommand.out().println("Successfully deleted shards " + String.join(", ", paths));
            return 0;
        }
    }
}
