import type { FastifyInstance } from 'fastify';
import { meetingPlansApi } from '../../../contracts/modules/meeting-plans.api';
import { type ExcelColumn, batchedRows, mapRows, mountRoutes, requireAuth, streamXlsx, writeAudit } from '../../core';
import type { MeetingPlansService } from './plans.service';

const xl = (zh: string, en: string, locale: string) => (locale === 'en' ? en : zh);

const COLUMNS: ExcelColumn[] = [
  { key: 'title', headerZh: '会议名称', headerEn: 'Meeting', type: 'string', width: 28 },
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 22 },
  { key: 'classLabel', headerZh: '会议类别', headerEn: 'Class', type: 'string', width: 10 },
  { key: 'startDate', headerZh: '开始日期', headerEn: 'Start', type: 'string', width: 12 },
  { key: 'days', headerZh: '会期（天）', headerEn: 'Days', type: 'number', width: 8 },
  { key: 'attendees', headerZh: '参会人数', headerEn: 'Attendees', type: 'number', width: 10 },
  { key: 'staff', headerZh: '工作人员', headerEn: 'Staff', type: 'number', width: 10 },
  { key: 'venue', headerZh: '会议地点', headerEn: 'Venue', type: 'string', width: 22 },
  { key: 'budget', headerZh: '预算（元）', headerEn: 'Budget (yuan)', type: 'money', width: 14 },
  { key: 'cap', headerZh: '开支上限（元）', headerEn: 'Cap (yuan)', type: 'money', width: 14 },
  { key: 'failed', headerZh: '不符合标准的项目', headerEn: 'Failed checks', type: 'string', width: 40 },
  { key: 'statusLabel', headerZh: '状态', headerEn: 'Status', type: 'string', width: 12 },
  { key: 'settled', headerZh: '结算金额（元）', headerEn: 'Settled (yuan)', type: 'money', width: 14 },
];

const CLASS = { 'zh-CN': ['', '一类', '二类', '三类', '四类'], en: ['', 'Class 1', 'Class 2', 'Class 3', 'Class 4'] };
const STATUS: Record<string, [string, string]> = {
  draft: ['草稿', 'Draft'],
  pending: ['审批中', 'Pending'],
  approved: ['已批准待结算', 'Approved, to settle'],
  rejected: ['已驳回', 'Rejected'],
  returned: ['已退回', 'Returned'],
  withdrawn: ['已撤回', 'Withdrawn'],
  settled: ['已结算', 'Settled'],
};

/** Thin HTTP layer: the routes are defined in the contract (meetingPlansApi), sign-in, one service call. */
export async function meetingPlanRoutes(app: FastifyInstance, opts: { svc: MeetingPlansService }) {
  const svc = opts.svc;
  mountRoutes(app, meetingPlansApi, {
    plans: async (req) => svc.list(requireAuth(req), req.query),
    createPlan: async (req) => svc.create(requireAuth(req), req.body),
    previewPlan: async (req) => svc.preview(requireAuth(req), req.body),
    exportPlans: async (req, reply) => {
      const ctx = requireAuth(req);
      const src = await batchedRows((page, pageSize) => svc.list(ctx, { ...req.query, page, pageSize }));
      await svc.core.db.transaction((tx) =>
        writeAudit(tx, ctx.auditActor(), {
          action: 'export',
          entityType: 'meeting_plan',
          summary: `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`,
        }),
      );
      const en = req.locale === 'en';
      return streamXlsx(reply, {
        columns: COLUMNS,
        rows: mapRows(src.rows, (p) => ({
          ...p,
          classLabel: CLASS[en ? 'en' : 'zh-CN'][p.meetingClass] ?? '',
          startDate: p.startDate ?? '',
          venue: p.venue ?? '',
          failed: p.checks
            .filter((c) => !c.passed)
            .map((c) => c.message)
            .join('；'),
          statusLabel: STATUS[p.status]?.[en ? 1 : 0] ?? '',
          settled: p.settlement?.total ?? null,
        })),
        locale: req.locale,
        sheetName: xl('会议计划', 'Meeting plans', req.locale),
        fileName: xl('会议计划', 'meeting-plans', req.locale),
      });
    },
    plan: async (req) => svc.get(requireAuth(req), req.params.id),
    submitPlan: async (req) => svc.submit(requireAuth(req), req.params.id),
    settlePlan: async (req) => svc.settle(requireAuth(req), req.params.id, req.body),
  });
}
