/** Test helpers of `@koppel/db` (never imported by production code). */
export {
  createMigratedEmbeddedDatabase,
  seedMigratedEmbeddedDirectory,
} from './migrated-embedded-database.js';
