/**
 * Measured quality of secrets-sync: upstream call counting and proxied
 * clients shared by the benchmarks, fault tests and the schemathesis run.
 *
 * @packageDocumentation
 */

export * from './upstream/countUpstreamCalls';
export * from './upstream/proxiedClients';
