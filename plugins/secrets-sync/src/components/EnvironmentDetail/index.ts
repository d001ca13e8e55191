export {
  EnvironmentDetail,
  type EnvironmentDetailProps,
} from './EnvironmentDetail';
