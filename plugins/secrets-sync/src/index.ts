export { secretsSyncPlugin as default } from './plugin';
