export { AwsProvider, sessionName, type AwsProviderOptions, type AwsAccountConfig, type AwsCallObservation } from './AwsProvider';
export { toCloudError } from './errors';
