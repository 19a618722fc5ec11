export * from './provider';
export { SandboxProvider, parseEstate, loadEstate, EstateError, type Estate } from './sandbox';
export { AwsProvider, toCloudError, type AwsProviderOptions } from './aws';
export { paginate } from './paginate';
