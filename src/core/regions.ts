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

/**
 * AWS region display names as the console and CloudWatch alarm e-mails write them ("in US West (Oregon)"), lower case,
 * dots and accents dropped, spaces single: the area before the brackets and the place inside them together.
 */
export const REGION_DISPLAY_NAMES: Readonly<Record<string, string>> = lookupTable({
  'us east (n virginia)': 'us-east-1',
  'us east (northern virginia)': 'us-east-1',
  'us east (ohio)': 'us-east-2',
  'us west (n california)': 'us-west-1',
  'us west (northern california)': 'us-west-1',
  'us west (oregon)': 'us-west-2',
  'africa (cape town)': 'af-south-1',
  'asia pacific (hong kong)': 'ap-east-1',
  'asia pacific (hyderabad)': 'ap-south-2',
  'asia pacific (jakarta)': 'ap-southeast-3',
  'asia pacific (malaysia)': 'ap-southeast-5',
  'asia pacific (melbourne)': 'ap-southeast-4',
  'asia pacific (mumbai)': 'ap-south-1',
  'asia pacific (osaka)': 'ap-northeast-3',
  'asia pacific (seoul)': 'ap-northeast-2',
  'asia pacific (singapore)': 'ap-southeast-1',
  'asia pacific (sydney)': 'ap-southeast-2',
  'asia pacific (taipei)': 'ap-east-2',
  'asia pacific (thailand)': 'ap-southeast-7',
  'asia pacific (tokyo)': 'ap-northeast-1',
  'canada (central)': 'ca-central-1',
  'canada west (calgary)': 'ca-west-1',
  'europe (frankfurt)': 'eu-central-1',
  'eu (frankfurt)': 'eu-central-1',
  'europe (ireland)': 'eu-west-1',
  'eu (ireland)': 'eu-west-1',
  'europe (london)': 'eu-west-2',
  'eu (london)': 'eu-west-2',
  'europe (milan)': 'eu-south-1',
  'eu (milan)': 'eu-south-1',
  'europe (paris)': 'eu-west-3',
  'eu (paris)': 'eu-west-3',
  'europe (spain)': 'eu-south-2',
  'europe (stockholm)': 'eu-north-1',
  'eu (stockholm)': 'eu-north-1',
  'europe (zurich)': 'eu-central-2',
  'israel (tel aviv)': 'il-central-1',
  'mexico (central)': 'mx-central-1',
  'middle east (bahrain)': 'me-south-1',
  'middle east (uae)': 'me-central-1',
  'south america (sao paulo)': 'sa-east-1',
  'aws govcloud (us-east)': 'us-gov-east-1',
  'aws govcloud (us-west)': 'us-gov-west-1',
  'govcloud (us-east)': 'us-gov-east-1',
  'govcloud (us-west)': 'us-gov-west-1',
});

/** The region a display name says ("US West (Oregon)", "Europe (Zürich)"), or undefined. */
export function regionOfDisplayName(area: string, place: string): string | undefined {
  const key = `${area} (${place})`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .replace(/\(\s+|\s+\)/g, (m) => m.trim());
  return REGION_DISPLAY_NAMES[key];
}
