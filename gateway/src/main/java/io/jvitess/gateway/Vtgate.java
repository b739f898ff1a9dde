package io.jvitess.gateway;

import io.jvitess.gateway.executor.Executor;
import io.jvitess.gateway.healthcheck.HealthCheck;
import io.jvitess.gateway.planner.PlanCache;
import io.jvitess.gateway.server.DebugVarsServer;
import io.jvitess.gateway.server.GatewayHandler;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.gateway.tabletgateway.TabletGateway;
import io.jvitess.mysql.auth.AuthServers;
import io.jvitess.mysql.server.MysqlServer;
import io.jvitess.mysql.server.MysqlServerConfig;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** One vtgate: health checks on the cell's tablets, the executor, and the MySQL protocol server. */
public final class Vtgate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Vtgate.class);

    private final VtgateConfig config;
    private final HealthCheck healthCheck;
    private final MysqlServer mysqlServer;
    private final Executor executor;
    private DebugVarsServer debugVars;

    public Vtgate(VtgateConfig config, TopoServer topo) {
        this.config = requireNonNull(config, "config is null");
        this.healthCheck = new HealthCheck(topo, config.cellsToWatch(), config.tabletRefreshInterval());
        ServingGraph servingGraph = new ServingGraph(topo, config.cell(), Duration.ofSeconds(1), Clock.systemUTC());
        TabletGateway gateway = new TabletGateway(healthCheck, config.replicaFallbackToPrimary(), config.bufferWindow());
        this.executor = new Executor(servingGraph, healthCheck, gateway, config.serverVersion());
        MysqlServerConfig serverConfig = new MysqlServerConfig(config.mysqlBindAddress(), config.mysqlPort(),
                config.serverVersion(), 64 * 1024 * 1024, Duration.ofSeconds(10));
        this.mysqlServer = new MysqlServer(serverConfig, AuthServers.create(config.authImplementation(), config.authStaticFile()),
                new GatewayHandler(executor));
    }

    public void start() {
        healthCheck.start();
        waitForTablets();
        try {
            mysqlServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for MySQL clients on " + config.mysqlBindAddress() + ":" + config.mysqlPort(), e);
        }
        log.info("vtgate serving MySQL protocol on {}:{} for cell {}", config.mysqlBindAddress(), mysqlServer.port(), config.cell());
        if (config.httpPort().isPresent()) {
            try {
                debugVars = new DebugVarsServer(config.mysqlBindAddress(), config.httpPort().getAsInt(), this::debugVariables);
                debugVars.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve /debug/vars on " + config.mysqlBindAddress() + ":" + config.httpPort().getAsInt(), e);
            }
        }
    }

    /** Vitess's names for the plan cache counters. */
    public Map<String, Object> debugVariables() {
        PlanCache.Stats stats = executor.planCacheStats();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("QueryPlanCacheHits", stats.hits());
        variables.put("QueryPlanCacheMisses", stats.misses());
        variables.put("QueryPlanCacheEvictions", stats.evictions());
        variables.put("QueryPlanCacheLength", stats.size());
        variables.put("QueryPlanCacheCapacity", stats.capacity());
        return variables;
    }

    /** The /debug/vars port, or -1 when not serving HTTP. */
    public int httpPort() {
        return debugVars == null ? -1 : debugVars.port();
    }

    /** Opens the MySQL port only once the tablets it will route to are healthy (or the timeout passed). */
    private void waitForTablets() {
        if (config.tabletTypesToWait().isEmpty()) {
            return;
        }
        try {
            if (!healthCheck.waitForTablets(config.tabletTypesToWait(), config.initialTabletTimeout())) {
                log.warn("not every {} tablet was healthy within {}; serving anyway", config.tabletTypesToWait(), config.initialTabletTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int mysqlPort() {
        return mysqlServer.port();
    }

    public HealthCheck healthCheck() {
        return healthCheck;
    }

    @Override
    public void close() {
        if (debugVars != null) {
            debugVars.close();
        }
        mysqlServer.close();
        healthCheck.close();
    }
}
