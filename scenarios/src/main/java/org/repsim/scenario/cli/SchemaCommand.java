package org.repsim.scenario.cli;

import java.util.concurrent.Callable;
import org.repsim.scenario.validate.ScenarioSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Print the JSON Schema (draft 2020-12) of scenario files, with every default.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:schema printed"})
final class SchemaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ScenarioSchema.text());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
