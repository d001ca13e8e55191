/**
 * The local stack: connection facts and clients for tests and scripts.
 *
 * @packageDocumentation
 */

export * from './sandboxInfo';
export * from './kube';
export * from './aws';
export * from './toxiproxy';
export * from './privateCluster';
export * from './privateAws';
