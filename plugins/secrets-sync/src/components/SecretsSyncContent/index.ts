export {
  SecretsSyncContent,
  type SecretsSyncContentProps,
} from './SecretsSyncContent';
