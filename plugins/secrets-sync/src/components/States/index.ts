export { BackendUnreachable } from './BackendUnreachable';
export { LoadingSkeleton } from './LoadingSkeleton';
export { NoEnvironments } from './NoEnvironments';
export { NotOptedIn } from './NotOptedIn';
export { NotAllowed } from './NotAllowed';
