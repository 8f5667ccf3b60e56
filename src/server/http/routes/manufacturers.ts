import { manufacturerDetail, manufacturersResponse, modelDetail } from '../../../contract/index.ts';
import { findModel, manufacturerRows, modelsOf, presentManufacturer, presentModel } from '../../domain/reference.ts';
import { storageId } from '../../domain/sql.ts';
import { notFound } from '../../domain/errors.ts';
import type { RouteRegistry } from '../route.ts';

export function registerManufacturerRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/manufacturers',
    tag: 'Reference data',
    summary: 'Device manufacturers (always including Other)',
    response: manufacturersResponse,
    handler: async ({ c }) => ({
      manufacturers: [...(await manufacturerRows(c.var.deps.db)).values()].map((row) => presentManufacturer(c.var.origin, row)),
    }),
  });

  api.add({
    method: 'get',
    path: '/manufacturers/:id',
    tag: 'Reference data',
    summary: 'A manufacturer with its models',
    response: manufacturerDetail,
    handler: async ({ c, params }) => {
      const { db } = c.var.deps;
      const manufacturerId = storageId(params.id);
      const row = manufacturerId === null ? undefined : (await manufacturerRows(db)).get(manufacturerId);
      if (!row) throw notFound(`Manufacturer ${params.id}`);
      const models = await modelsOf(db, row.id);
      return { ...presentManufacturer(c.var.origin, row), models: models.map((model) => presentModel(c.var.origin, model)) };
    },
  });

  api.add({
    method: 'get',
    path: '/manufacturers/:id/models/:modelId',
    tag: 'Reference data',
    summary: 'One model of a manufacturer',
    response: modelDetail,
    handler: async ({ c, params }) => {
      const { db } = c.var.deps;
      const manufacturerId = storageId(params.id);
      const modelId = storageId(params.modelId);
      const manufacturer = manufacturerId === null ? undefined : (await manufacturerRows(db)).get(manufacturerId);
      const model = manufacturer && modelId !== null ? await findModel(db, modelId, manufacturer.id) : undefined;
      if (!manufacturer || !model) throw notFound(`Model ${params.modelId} of manufacturer ${params.id}`);
      return { ...presentModel(c.var.origin, model), manufacturer: { id: String(manufacturer.id), name: manufacturer.name } };
    },
  });
}
