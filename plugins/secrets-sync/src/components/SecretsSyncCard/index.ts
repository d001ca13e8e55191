export { SecretsSyncCard, type SecretsSyncCardProps } from './SecretsSyncCard';
