// Demo data for a new embedded database: what the server and the CLI use.
export { demoExists, printDemoAccounts, seedDemo } from './seed.ts';
