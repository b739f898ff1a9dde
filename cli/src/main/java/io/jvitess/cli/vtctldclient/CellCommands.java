package io.jvitess.cli.vtctldclient;

import io.jvitess.proto.topodata.CellInfo;
import io.jvitess.proto.vtctldata.AddCellInfoRequest;
import io.jvitess.proto.vtctldata.GetCellInfoNamesRequest;
import io.jvitess.proto.vtctldata.GetCellInfoRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

final class CellCommands {

    private CellCommands() {
    }

    @Command(name = "AddCellInfo", description = "Registers a local topology service for a new cell.")
    static final class AddCellInfo implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--root", "-r"}, required = true)
        String cellRoot;
        @Option(names = {"--server-address", "--server_address", "-a"})
        String serverAddress;
        @Parameters(index = "0")
        String cell;

        @Override
        public Integer call() {
            root.stub().addCellInfo(AddCellInfoRequest.newBuilder().setName(cell)
                    .setCellInfo(CellInfo.newBuilder().setRoot(cellRoot).setServerAddress(serverAddress == null ? "" : serverAddress))
                    .build());
            VtctldClientCommand.out().println("Created cell: " + cell);
            return 0;
        }
    }

    @Command(name = "GetCellInfoNames", description = "Lists the names of all cells.")
    static final class GetCellInfoNames implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;

        @Override
        public Integer call() {
            root.stub().getCellInfoNames(GetCellInfoNamesRequest.getDefaultInstance()).getNamesList()
                    .forEach(VtctldClientCommand.out()::println);
            return 0;
        }
    }

    @Command(name = "GetCellInfo", description = "Gets the CellInfo of a cell.")
    static final class GetCellInfo implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Parameters(index = "0")
        String cell;

        @Override
        public Integer call() {
            VtctldClientCommand.out().println(root.json(root.stub().getCellInfo(GetCellInfoRequest.newBuilder().setCell(cell).build()).getCellInfo()));
            return 0;
        }
    }
}
