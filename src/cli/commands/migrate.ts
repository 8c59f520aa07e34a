import type { Command } from 'commander';
import { migrate } from '../../db/migrate.js';
import { type CommonOptions, common, run, withServices } from '../context.js';

export function registerMigrate(program: Command): void {
  common(program.command('migrate'))
    .description('bring the database schema up to date (start does this too)')
    .action(
      run<CommonOptions>((options) =>
        withServices(
          options,
          async (services) => {
            const applied = await migrate(services.db);
            return {
              json: { applied, dialect: services.db.dialect },
              text: applied.length
                ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
                : 'The database is already up to date.',
            };
          },
          { migrated: false },
        ),
      ),
    );
}
