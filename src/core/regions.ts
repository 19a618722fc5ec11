import { lookupTable } from './lookup-table';

/**
 * Places people say for AWS regions ("the one in oregon", "the bastion in frankfurt"): one table for the
 * classifier's entities and questions (src/intents/lexicon.ts) and the inventory's query filters
 * (src/inventory/query.ts, which adds continents).
 */
export const REGION_CITIES: Readonly<Record<string, string>> = lookupTable({
  oregon: 'us-west-2',
  california: 'us-west-1',
  virginia: 'us-east-1',
  ohio: 'us-east-2',
  ireland: 'eu-west-1',
  dublin: 'eu-west-1',
  london: 'eu-west-2',
  paris: 'eu-west-3',
  frankfurt: 'eu-central-1',
  stockholm: 'eu-north-1',
  milan: 'eu-south-1',
  tokyo: 'ap-northeast-1',
  seoul: 'ap-northeast-2',
  osaka: 'ap-northeast-3',
  singapore: 'ap-southeast-1',
  sydney: 'ap-southeast-2',
  mumbai: 'ap-south-1',
  canada: 'ca-central-1',
  'sao paulo': 'sa-east-1',
});
