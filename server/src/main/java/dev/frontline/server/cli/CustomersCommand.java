package dev.frontline.server.cli;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.CustomerAdmin;
import dev.frontline.server.sms.SmsConfig;
import dev.frontline.server.sms.SmsService;
import dev.frontline.server.twilio.TwilioBackend;
import dev.frontline.server.twilio.TwilioConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code frontline customers import [--update] [--dry-run] FILE.csv}, {@code customers pin-reset CONTRACT},
 * {@code customers deactivate CONTRACT}: customer administration from the command line. The PIN goes by SMS
 * (the configured {@code sms.provider}) to the mobile on file only and is never printed. Audited (actor: the system
 * user running the command).
 */
@Command(name = "customers", mixinStandardHelpOptions = true,
        description = "Update customers from billing, reset a customer's PIN by SMS, deactivate a customer.",
        subcommands = {CustomersCommand.Import.class, CustomersCommand.PinReset.class, CustomersCommand.Deactivate.class})
public final class CustomersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The same command as {@code frontline import customers}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import customers from a CSV (as 'import customers'); --update updates known contracts and adds "
                    + "new ones in one transaction; --dry-run prints what would change.")
    static final class Import extends ImportCommand.Customers {
    }

    abstract static class OneCustomer implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Parameters(index = "0", paramLabel = "CONTRACT", description = "the customer's contract number") String contract;

        abstract CustomerAdmin.Outcome act(CustomerAdmin admin, CustomerId id);

        @Override
        public Integer call() {
            FrontlineConfig cfg = config.load();
            SmsConfig smsConfig = SmsConfig.from(cfg);
            try (Stores stores = Stores.open(cfg, Clock.systemUTC());
                 SmsService sms = SmsService.create(stores.database(), smsConfig,
                         TwilioBackend.smsSender(smsConfig, TwilioConfig.from(cfg)), stores.clock())) {
                CustomerAdmin admin = new CustomerAdmin(stores.database(), stores.slowHash(), sms,
                        new AuditLog(stores.database(), stores.clock()));
                Optional<CustomerId> id = admin.byContract(contract);
                if (id.isEmpty()) {
                    spec.commandLine().getErr().println("frontline: no customer with contract '" + contract + "'; nothing changed");
                    return 1;
                }
                CustomerAdmin.Outcome o = act(admin, id.get());
                if (!o.ok()) {
                    spec.commandLine().getErr().println("frontline: " + o.message());
                    return 1;
                }
                spec.commandLine().getOut().println(o.message());
                return 0;
            }
        }
    }

    @Command(name = "pin-reset", mixinStandardHelpOptions = true,
            description = "A new random PIN, texted to the customer's mobile on file (never shown here).")
    static final class PinReset extends OneCustomer {
        @Override
        CustomerAdmin.Outcome act(CustomerAdmin admin, CustomerId id) {
            return admin.resetPin(id, RetentionCommand.actor());
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "Close the customer: status closed, PIN removed (the menu no longer verifies them); history stays.")
    static final class Deactivate extends OneCustomer {
        @Override
        CustomerAdmin.Outcome act(CustomerAdmin admin, CustomerId id) {
            return admin.deactivate(id, RetentionCommand.actor());
        }
    }
}
