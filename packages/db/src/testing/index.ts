/** Test helpers of `@koppel/db` (never imported by production code). */
export { createMigratedEmbeddedDatabase } from './migrated-embedded-database.js';
