package ai.ringrift.admin.acls;

import picocli.CommandLine.Command;

/** {@code ringrift acls}: the roles' ACLs and SCRAM users, from config/security.yaml. */
@Command(
    name = "acls",
    mixinStandardHelpOptions = true,
    description =
        "Apply and inspect the roles' ACLs (config/security.yaml) and set their SCRAM passwords.",
    subcommands = {AclsApplyCommand.class, AclsListCommand.class, AclsUsersCommand.class})
public final class AclsCommand {}
