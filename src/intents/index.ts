export { LocalClassifier, type LocalClassifierOptions } from './LocalClassifier';
export { Analyser, type Analysis } from './analyse';
export { findPeriod, toPeriod, formatPeriod, parsePeriodValue, type Period } from './period';
export { fillParams, formatTags } from './params';
export { BedrockClassifier, type BedrockClassifierOptions, type BedrockMode } from './BedrockClassifier';
export { toolsFor, validateToolCall, NONE_TOOL, SYSTEM_PROMPT } from './tools';
export { DEFAULT_THRESHOLD } from './LocalClassifier';
export { type TrainingCache } from './training-cache';
