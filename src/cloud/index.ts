export * from './provider';
export { SandboxProvider, parseEstate, loadEstate, EstateError, type Estate } from './sandbox';
export { AwsProvider, toCloudError, type AwsProviderOptions } from './aws';
export { paginate } from './paginate';
export { explainCloudError, missingPermission, THROTTLING_CODES } from './explain';
export { BedrockToolChooser, ModelCallError, type BedrockOptions, type ToolChoice, type ToolChoiceRequest, type ToolChooser, type ToolSpec } from './bedrock';
