export { LocalClassifier, type LocalClassifierOptions } from './LocalClassifier';
export { Analyser, type Analysis } from './analyse';
export { findPeriod, toPeriod, formatPeriod, parsePeriodValue, type Period } from './period';
export { fillParams, formatTags } from './params';
