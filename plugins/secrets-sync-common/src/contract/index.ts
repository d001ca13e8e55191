/**
 * What the backend, the operator and the frontend must agree on: the secret
 * document format and its key rule, the opt-in rule, the force-sync stamp,
 * the `{tenant}` templates and the ownership labels. Each side imports
 * these instead of restating them.
 */
export * from './namespaceAnnotationContract';
export * from './secretKey';
export * from './secretDocument';
export * from './describeDocumentRefusal';
export * from './optIn';
export * from './forceSyncStamp';
export * from './templates';
export * from './ownership';
export * from './awsVersionStamp';
