package io.offgridflow.cli;

import io.offgridflow.factors.FactorCatalog;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code offgridflow-cli.jar}.
 *
 * <pre>{@code
 * java -jar offgridflow-cli.jar demo
 * java -jar offgridflow-cli.jar calculate --input activities.csv --output results.csv
 * }</pre>
 */
@Command(
    name = "offgridflow",
    mixinStandardHelpOptions = true,
    versionProvider = OffGridFlowCli.Version.class,
    description = "Greenhouse-gas accounting (GHG Protocol Scopes 1, 2, 3) from activity data.",
    subcommands = CommandLine.HelpCommand.class,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK_TEXT,
      ExitCodes.ROWS_FAILED_TEXT,
      ExitCodes.USAGE_TEXT,
      ExitCodes.INTERNAL_TEXT
    })
public final class OffGridFlowCli implements Callable<Integer> {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine(FactorCatalog::bundled).execute(args));
  }

  /**
   * The command line with its subcommands. {@code catalog} is asked for the factor catalog when a
   * command needs one; tests pass a memoised one so the datasets load once.
   */
  public static CommandLine commandLine(Supplier<FactorCatalog> catalog) {
    CommandLine cl = new CommandLine(new OffGridFlowCli());
    cl.addSubcommand(new CalculateCommand(catalog));
    cl.addSubcommand(new DemoCommand(catalog));
    cl.addSubcommand(new ReportCommand(catalog));
    cl.addSubcommand(new CurCommand());
    cl.addSubcommand(new CostExplorerCommand());
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      cmd.getErr().println("offgridflow: internal error (please report it): " + ex);
      ex.printStackTrace(cmd.getErr());
      cmd.getErr().flush();
      return ExitCodes.INTERNAL;
    });
    return cl;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "name a command: calculate or demo");
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = OffGridFlowCli.class.getPackage().getImplementationVersion();
      return new String[] {"offgridflow-cli " + (v == null ? "(development build)" : v)};
    }
  }
}
