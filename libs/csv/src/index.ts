export { flatten, toCsv } from './lib/csv';
