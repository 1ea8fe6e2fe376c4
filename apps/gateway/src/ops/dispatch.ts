import type {
  DispatchBody,
  Incident,
  Order,
  OrderUpdate,
  RankedUnit,
  Unit,
  UnitStatus,
} from '@onpatrol/contracts';
import type { Queryable } from '../db/database.js';
import { HttpError, NotFoundError } from '../errors.js';
import type { Actor, Emit, OpsContext } from './context.js';
import { rankUnits } from './ranking.js';
import { INCIDENT_SELECT, ORDER_SELECT, one, toIncident, toOrder, toUnit, UNIT_SELECT } from './rows.js';
import { checkIncident, checkOrder } from './states.js';

const UNIT_STATUS_FOR: Record<OrderUpdate['status'], UnitStatus> = {
  accepted: 'assigned',
  en_route: 'en_route',
  on_scene: 'on_scene',
  done: 'available',
};

/** The shift leader's orders to street units, and the units' answers. */
export class DispatchService {
  constructor(private readonly ctx: OpsContext) {}

  /** Units ranked by travel estimate to the incident (the dispatch board's list). */
  async candidates(scope: { stationId: string | null }, incidentId: number): Promise<RankedUnit[]> {
    const [inc] = await this.ctx.db.query<{ lat: number; lon: number; station_id: string }>(
      'SELECT lat, lon, station_id FROM incidents WHERE id = $1',
      [incidentId],
    );
    if (!inc || (scope.stationId && inc.station_id !== scope.stationId))
      throw new NotFoundError(`incident ${incidentId}`);
    const units = (
      await this.ctx.db.query<Record<string, unknown>>(`${UNIT_SELECT} WHERE u.status <> 'off_duty'`)
    ).map(toUnit);
    return rankUnits(units, inc.lat, inc.lon);
  }

  /** Send one order to each unit; every unit must be available. */
  send(actor: Actor, body: DispatchBody): Promise<Order[]> {
    return this.ctx.change(async (tx, emit) => {
      const incident = await this.lockIncident(tx, actor, body.incidentId);
      checkIncident(incident.status, 'dispatched');
      const orders: Order[] = [];
      for (const unitId of body.unitIds) {
        const [u] = await tx.query<Record<string, unknown>>(`${UNIT_SELECT} WHERE u.id = $1 FOR UPDATE`, [
          unitId,
        ]);
        if (!u) throw new HttpError(400, `unit ${unitId} does not exist`, { field: 'unitIds' });
        if (u.status !== 'available') {
          throw new HttpError(409, `unit ${unitId} is ${String(u.status)}, not available`, {
            field: 'unitIds',
            rule: 'unit-available',
          });
        }
        const [o] = await tx.query<{ id: number }>(
          `INSERT INTO orders (incident_id, unit_id, task, status, note, issued_by) VALUES ($1, $2, $3, 'sent', $4, $5) RETURNING id`,
          [incident.id, unitId, body.task, body.note ?? '', actor.username],
        );
        await tx.query(`UPDATE units SET status = 'assigned', order_id = $2 WHERE id = $1`, [unitId, o!.id]);
        orders.push(await one(tx, `${ORDER_SELECT} WHERE o.id = $1`, o!.id, toOrder));
      }
      const updated = await this.updateIncident(
        tx,
        incident.id,
        'dispatched',
        actor.username,
        'dispatched',
        `${body.task}: ${body.unitIds.join(', ')}`,
      );
      for (const order of orders) {
        emit(
          'dispatch:assigned',
          { order, incident: updated },
          { stationId: updated.stationId, unitId: order.unitId },
        );
        await this.emitUnit(tx, emit, order.unitId);
      }
      emit('incident:updated', updated, { stationId: updated.stationId });
      return orders;
    });
  }

  /** A unit answers its order: accepted, en route, on scene, done (with the outcome). */
  updateOrder(actor: Actor, cmd: OrderUpdate): Promise<Order> {
    return this.ctx.change(async (tx, emit) => {
      const [row] = await tx.query<Record<string, unknown>>(`${ORDER_SELECT} WHERE o.id = $1 FOR UPDATE`, [
        cmd.orderId,
      ]);
      // A unit sees only its own orders; anything else is "not found", whatever the ID.
      if (!row || row.unit_id !== actor.unitId) throw new NotFoundError(`order ${cmd.orderId}`);
      const order = toOrder(row);
      checkOrder(order.status, cmd.status);
      if (cmd.status === 'done' && !cmd.outcome) {
        throw new HttpError(400, 'an order is done only with its outcome', { field: 'outcome' });
      }
      await tx.query('UPDATE orders SET status = $2, updated_at = now() WHERE id = $1', [
        order.id,
        cmd.status,
      ]);
      await tx.query(
        `UPDATE units SET status = $2, order_id = CASE WHEN $2 = 'available' THEN NULL ELSE order_id END WHERE id = $1`,
        [order.unitId, UNIT_STATUS_FOR[cmd.status]],
      );
      const incident = await this.lockIncident(tx, null, order.incidentId);
      let next = incident.status;
      if (cmd.status === 'on_scene' && incident.status === 'dispatched') next = 'on_scene';
      if (cmd.status === 'done') next = 'resolved';
      if (next !== incident.status) checkIncident(incident.status, next);
      if (cmd.status === 'done') {
        await tx.query(
          'UPDATE incidents SET outcome = $2, suspects_caught = suspects_caught + $3 WHERE id = $1',
          [incident.id, cmd.outcome, cmd.suspectsCaught ?? 0],
        );
      }
      const note = [cmd.outcome, cmd.suspectsCaught ? `×${cmd.suspectsCaught}` : '', cmd.note ?? '']
        .filter(Boolean)
        .join(' ');
      const updated = await this.updateIncident(
        tx,
        incident.id,
        next,
        actor.username,
        `order_${cmd.status}`,
        `${order.unitId} ${note}`.trim(),
      );
      const saved = await one(tx, `${ORDER_SELECT} WHERE o.id = $1`, order.id, toOrder);
      emit('order:updated', saved, { stationId: updated.stationId, unitId: saved.unitId });
      await this.emitUnit(tx, emit, saved.unitId);
      // The incident is over: the other units sent to it stand down.
      if (next === 'resolved') {
        const others = await tx.query<Record<string, unknown>>(
          `UPDATE orders SET status = 'cancelled', updated_at = now()
           WHERE incident_id = $1 AND id <> $2 AND status NOT IN ('done', 'cancelled') RETURNING *`,
          [incident.id, order.id],
        );
        for (const row of others) {
          const cancelled = toOrder(row);
          await tx.query(
            `UPDATE units SET status = 'available', order_id = NULL WHERE id = $1 AND order_id = $2`,
            [cancelled.unitId, cancelled.id],
          );
          emit('order:updated', cancelled, { stationId: updated.stationId, unitId: cancelled.unitId });
          await this.emitUnit(tx, emit, cancelled.unitId);
        }
      }
      emit('incident:updated', updated, { stationId: updated.stationId });
      return saved;
    });
  }

  async orders(
    scope: { stationId: string | null; unitOnly: boolean; unitId: string | null },
    active = true,
  ): Promise<Order[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (active) where.push("o.status NOT IN ('done', 'cancelled')");
    if (scope.unitOnly) where.push(`o.unit_id = $${params.push(scope.unitId ?? '')}`);
    else if (scope.stationId)
      where.push(
        `o.incident_id IN (SELECT id FROM incidents WHERE station_id = $${params.push(scope.stationId)})`,
      );
    const rows = await this.ctx.db.query<Record<string, unknown>>(
      `${ORDER_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id DESC LIMIT 500`,
      params,
    );
    return rows.map(toOrder);
  }

  /** Where a unit's open orders send it (the places of their incidents): its registry scope. */
  async unitPlaces(unitId: string): Promise<Array<{ lat: number; lon: number }>> {
    return this.ctx.db.query<{ lat: number; lon: number }>(
      `SELECT DISTINCT i.lat, i.lon FROM orders o JOIN incidents i ON i.id = o.incident_id
       WHERE o.unit_id = $1 AND o.status NOT IN ('done', 'cancelled')`,
      [unitId],
    );
  }

  /** A unit's open orders (newest first), each with its incident as it stands now; two queries. */
  async unitOrders(unitId: string): Promise<Array<{ order: Order; incident: Incident }>> {
    const orders = await this.orders({ stationId: null, unitOnly: true, unitId });
    if (orders.length === 0) return [];
    const rows = await this.ctx.db.query<Record<string, unknown>>(
      `${INCIDENT_SELECT} WHERE i.id = ANY($1::int[])`,
      [[...new Set(orders.map((o) => o.incidentId))]],
    );
    const incidents = new Map(rows.map(toIncident).map((i) => [i.id, i]));
    return orders.map((order) => ({ order, incident: incidents.get(order.incidentId)! }));
  }

  private async lockIncident(tx: Queryable, actor: Actor | null, id: number): Promise<Incident> {
    const [row] = await tx.query<Record<string, unknown>>(`${INCIDENT_SELECT} WHERE i.id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!row || (actor?.stationId && row.station_id !== actor.stationId))
      throw new NotFoundError(`incident ${id}`);
    return toIncident(row);
  }

  private async updateIncident(
    tx: Queryable,
    id: number,
    status: Incident['status'],
    actor: string | null,
    action: string,
    note: string,
  ) {
    const entry = { at: new Date().toISOString(), actor, action, note };
    await tx.query(
      `UPDATE incidents SET status = $2, updated_at = now(), timeline = timeline || $3::jsonb WHERE id = $1`,
      [id, status, JSON.stringify([entry])],
    );
    return one(tx, `${INCIDENT_SELECT} WHERE i.id = $1`, id, toIncident);
  }

  private async emitUnit(tx: Queryable, emit: Emit, unitId: string): Promise<Unit> {
    const unit = await one(tx, `${UNIT_SELECT} WHERE u.id = $1`, unitId, toUnit);
    emit('unit:updated', unit, { stationId: unit.stationId, unitId: unit.id });
    return unit;
  }
}
