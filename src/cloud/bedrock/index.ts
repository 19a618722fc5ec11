export { BedrockToolChooser, type BedrockOptions } from './BedrockToolChooser';
export { ModelCallError, type ToolChoice, type ToolChoiceRequest, type ToolChooser, type ToolSpec } from './ToolChooser';
export { BedrockNarrator } from './BedrockNarrator';
