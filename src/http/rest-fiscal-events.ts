import type { Router } from 'express';
import type { App } from '../app.js';
import { AppError, ErrorCode } from '../core/errors.js';
import { emitReturn } from '../modules/fiscal-events/emit-return.js';
import { emitSpecialOperations } from '../modules/fiscal-events/emit-special-operations.js';
import type { FiscalEvent } from '../modules/fiscal-events/fiscal-event.entity.js';
import {
  invalidateFiscalEvent,
  type InvalidateFiscalEventInput,
} from '../modules/fiscal-events/invalidate-fiscal-event.js';
import { getFiscalEvent } from '../modules/fiscal-events/get-fiscal-event.js';
import { contextOf, sendFailure } from './request.js';

/** The REST view of a Retorno / Operaciones Especiales event (the names of the GraphQL FiscalEvent type). */
export function fiscalEventJson(e: FiscalEvent, withDocument = false) {
  return {
    id: e.id,
    tipoEvento: e.tipoEvento,
    status: e.status,
    ambiente: e.ambiente,
    referenciaExterna: e.referenciaExterna,
    codigoGeneracion: e.codigoGeneracion,
    fecEmi: e.fecEmi,
    horEmi: e.horEmi,
    selloRecibido: e.selloRecibido ?? null,
    fhProcesamiento: e.fhProcesamiento ?? null,
    total: e.total,
    observaciones: e.observaciones ?? null,
    mhCodigoMsg: e.mhCodigoMsg ?? null,
    mhDescripcionMsg: e.mhDescripcionMsg ?? null,
    lines: e.lines ?? null,
    invalidation: e.invalidation
      ? { codigoGeneracion: e.invalidation.codigoGeneracion, selloRecibido: e.invalidation.selloRecibido }
      : null,
    createdAt: e.createdAt.toISOString(),
    ...(withDocument ? { document: e.document } : {}),
  };
}

/**
 * POST /api/retornos, POST /api/operaciones-especiales (201 created, 200 idempotent replay), GET /api/eventos/:id,
 * POST /api/eventos/:id/invalidar ({ motivoAnulacion, responsable, solicitante }).
 */
export function fiscalEventRoutes(app: App, r: Router): void {
  r.post('/api/retornos', async (req, res) => {
    const { event, created } = await emitReturn(await contextOf(app, req, res), req.body);
    res.status(created ? 201 : 200).json(fiscalEventJson(event));
  });
  r.post('/api/operaciones-especiales', async (req, res) => {
    const { event, created } = await emitSpecialOperations(await contextOf(app, req, res), req.body);
    res.status(created ? 201 : 200).json(fiscalEventJson(event));
  });
  r.post('/api/eventos/:id/invalidar', async (req, res) => {
    const body = (req.body ?? {}) as Omit<InvalidateFiscalEventInput, 'eventId'>;
    const r = await invalidateFiscalEvent(await contextOf(app, req, res), { ...body, eventId: String(req.params.id) });
    if (!r.ok) return sendFailure(res, r.error);
    res.json(fiscalEventJson(r.value));
  });
  r.get('/api/eventos/:id', async (req, res) => {
    const e = await getFiscalEvent(await contextOf(app, req, res), String(req.params.id));
    if (!e)
      throw new AppError(ErrorCode.NOT_FOUND, `event ${req.params.id} not found`, [
        { path: 'id', code: 'NOT_FOUND', message: 'no such event' },
      ]);
    res.json(fiscalEventJson(e, true));
  });
}
