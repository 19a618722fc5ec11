export { KeywordClassifier, words } from './KeywordClassifier';
