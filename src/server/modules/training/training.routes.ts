import type { FastifyInstance } from 'fastify';
import { trainingApi } from '../../../contracts/modules/training.api';
import { type ExcelColumn, mountRoutes, requireAuth, streamXlsx, writeAudit } from '../../core';
import type { TrainingService } from './training.service';

const ROSTER_COLUMNS: ExcelColumn[] = [
  { key: 'n', headerZh: '序号', headerEn: 'No.', type: 'number', width: 6 },
  { key: 'name', headerZh: '姓名', headerEn: 'Name', type: 'string', width: 12 },
  { key: 'unitName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 26 },
  { key: 'phone', headerZh: '电话（后四位）', headerEn: 'Phone (last four)', type: 'string', width: 14 },
  { key: 'room', headerZh: '房间', headerEn: 'Room', type: 'string', width: 8 },
  { key: 'bed', headerZh: '床位', headerEn: 'Bed', type: 'string', width: 6 },
  { key: 'nights', headerZh: '晚数', headerEn: 'Nights', type: 'number', width: 8 },
  { key: 'stay', headerZh: '入住状态', headerEn: 'Stay', type: 'string', width: 10 },
];

/** Thin HTTP layer: the routes are defined in the contract (trainingApi), sign-in, one service call. */
export async function trainingRoutes(app: FastifyInstance, opts: { svc: TrainingService }) {
  const svc = opts.svc;
  mountRoutes(app, trainingApi, {
    centres: async (req) => svc.centres(requireAuth(req)),
    createCentre: async (req) => svc.createCentre(requireAuth(req), req.body),
    addRoom: async (req) => svc.addRoom(requireAuth(req), req.params.id, req.body),
    board: async (req) => svc.board(requireAuth(req), req.params.id, req.query),
    housekeeping: async (req) => svc.housekeeping(requireAuth(req), req.params.id, req.body.status),
    classes: async (req) => svc.classes(requireAuth(req), req.query),
    createClass: async (req) => svc.createClass(requireAuth(req), req.body),
    class: async (req) => svc.getClass(requireAuth(req), req.params.id),
    exportRoster: async (req, reply) => {
      const ctx = requireAuth(req);
      // One class's roster: at most a few hundred rows, read whole.
      const k = await svc.getClass(ctx, req.params.id);
      await svc.core.db.transaction((tx) =>
        writeAudit(tx, ctx.auditActor(), {
          action: 'export',
          entityType: 'training_class',
          entityId: k.id,
          orgId: k.orgId,
          summary: `roster: ${k.trainees.length} trainees`,
        }),
      );
      const en = req.locale === 'en';
      const stay = (t: (typeof k.trainees)[number]) =>
        t.checkedOutAt ? (en ? 'Out' : '已退房') : t.checkedInAt ? (en ? 'In' : '在住') : en ? 'Not in' : '未入住';
      return streamXlsx(reply, {
        columns: ROSTER_COLUMNS,
        rows: k.trainees.map((t, i) => ({
          n: i + 1,
          name: t.name,
          unitName: t.unitName ?? '',
          phone: t.phoneTail ? `****${t.phoneTail}` : '',
          room: t.roomNumber ?? '',
          bed: t.bedLabel ?? '',
          nights: t.nights,
          stay: stay(t),
        })),
        locale: req.locale,
        sheetName: en ? 'Roster' : '学员名单',
        fileName: `${en ? 'roster' : '学员名单'}-${k.id}`,
      });
    },
    addTrainees: async (req) => svc.addTrainees(requireAuth(req), req.params.id, req.body.trainees),
    autoAllocate: async (req) => svc.autoAllocate(requireAuth(req), req.params.id),
    allocate: async (req) => svc.allocate(requireAuth(req), req.params.id, req.body),
    checkIn: async (req) => svc.checkIn(requireAuth(req), req.params.id),
    checkOut: async (req) => svc.checkOut(requireAuth(req), req.params.id),
    settle: async (req) => svc.settle(requireAuth(req), req.params.id, req.body),
  });
}
