export { loadPlaybooks, parsePlaybook, formatProblem, type KnownActions, type PlaybookProblem, type LoadResult } from './loader';
export { playbookSchema, playbookJsonSchema, toPlaybook } from './schema';
export { Catalog } from './Catalog';
