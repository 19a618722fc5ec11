export * from './provider';
export { SandboxProvider, parseEstate, loadEstate, EstateError, type Estate } from './sandbox';
export { paginate } from './paginate';
export { explainCloudError, missingPermission, THROTTLING_CODES } from './explain';
export { ModelCallError, type ToolChoice, type ToolChoiceRequest, type ToolChooser, type ToolSpec } from './bedrock/ToolChooser';
export type { AwsProviderOptions } from './aws';
export type { BedrockOptions } from './bedrock';

/**
 * The AWS SDK clients take about a second to load: a sandbox run (the demo, most tests, `validate`)
 * never needs them, so the AWS provider and the Bedrock chooser are loaded on first use.
 */
export function loadAws(): typeof import('./aws') {
  return require('./aws');
}

export function loadBedrock(): typeof import('./bedrock') {
  return require('./bedrock');
}
