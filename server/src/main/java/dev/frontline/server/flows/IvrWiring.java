package dev.frontline.server.flows;

import dev.frontline.core.acd.CallQueue;
import dev.frontline.core.call.IvrListener;
import dev.frontline.core.call.IvrPorts;
import dev.frontline.core.call.IvrService;
import dev.frontline.core.call.IvrSettings;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.flow.Flow;
import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.FlowSessionStore;
import dev.frontline.server.cli.Stores;

import java.util.Map;

/** Builds the voice menu ({@link IvrService}) from configuration, the store and the ACD / SMS ports. */
public final class IvrWiring {
    private IvrWiring() {}

    /**
     * The voice menu with every flow of {@code flows.dir}.
     *
     * @throws dev.frontline.core.flow.FlowException when a flow file is broken (every problem listed)
     */
    public static IvrService create(FrontlineConfig config, Stores stores, CallQueue acd, SmsPort sms) {
        IvrSettings settings = IvrSettings.from(config);
        return create(config, settings, IvrService.loadFlows(settings.flowsDir()), stores, acd, sms, IvrListener.NONE,
                false);
    }

    /** @param dryRun PIN checks neither count attempts nor lock ({@code flows simulate}) */
    static IvrService create(FrontlineConfig config, IvrSettings settings, Map<String, Flow> flows, Stores stores,
                             CallQueue acd, SmsPort sms, IvrListener listener, boolean dryRun) {
        IvrPorts ports = new IvrPorts(stores.customers(), dryRun ? stores.pins().dryRun() : stores.pins(),
                stores.outages(), sms, acd, config.desk().hours(), stores.phoneNumbers(), stores.clock());
        return new IvrService(flows, ports, new FlowSessionStore(stores.database(), stores.clock()),
                new CallRecordRepository(stores.database(), stores.clock()), settings, listener);
    }
}
