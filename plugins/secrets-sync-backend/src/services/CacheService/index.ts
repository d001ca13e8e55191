export { resilientCacheServiceFactory } from './resilientCacheServiceFactory';
