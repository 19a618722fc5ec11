export { AwsProvider, sessionName, type AwsProviderOptions, type AwsAccountConfig } from './AwsProvider';
export { toCloudError } from './errors';
