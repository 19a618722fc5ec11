export { AwsProvider, toCloudError, type AwsProviderOptions, type AwsAccountConfig } from './AwsProvider';
