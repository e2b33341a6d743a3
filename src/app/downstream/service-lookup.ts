import type { DownstreamService } from '../../store/downstream-types.js';
import type { StoreRepositories } from '../../store/store.js';
import { InvalidInputError } from '../errors.js';

/** A downstream service by id or name (any case); an unknown one is an input error listing the known names. */
export async function findDownstreamService(store: Pick<StoreRepositories, 'downstream'>, nameOrId: string): Promise<DownstreamService> {
  const found = (await store.downstream.getService(nameOrId)) ?? (await store.downstream.findServiceByName(nameOrId));
  if (found !== undefined) return found;
  const known = (await store.downstream.listServices()).map((service) => `"${service.name}"`);
  throw new InvalidInputError(`No downstream service "${nameOrId}"${known.length === 0 ? ': none is stored yet (connect GitHub or import a service first)' : `; known: ${known.join(', ')}`}.`);
}
