/**
 * Reference operator for the secrets-sync namespace-annotation contract
 * (docs/operator-contract.md): watches opted-in namespaces and materialises
 * their AWS Secrets Manager document as a Kubernetes Secret.
 *
 * @packageDocumentation
 */

export * from './createOperator';
export * from './config/readOperatorConfig';
export * from './config/options';
export * from './reconcile/decideAction';
export * from './reconcile/contractFacts';
export * from './logger';
