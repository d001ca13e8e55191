export { VersionHistory, type VersionHistoryProps } from './VersionHistory';
