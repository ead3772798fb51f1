import { CameraOutlined } from '@ant-design/icons';
import { Card, Checkbox, List, Space, Tag, Typography, Upload } from 'antd';
import { SERVICE_PHASE_LABELS, type TServiceTask } from '../../../contracts/modules/meeting-services';
import { meetingServicesApi } from '../../../contracts/modules/meeting-services.api';
import { filesApi } from '../../../contracts/core/files.api';
import { fmtInstant } from '../../shared/dates';
import { useLocale } from '../../shared/i18n';
import { upload, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { EmptyState, PageHeader, QueryError } from '../../shared/ui/states';
import { svcMessages } from './services-i18n';

/**
 * The service staff's phone list: their open tasks (会前布置 / 会中服务 / 会后清场), each a
 * checklist ticked with a tap; a photo (optional) is taken with the tick of a line.
 */
export function TasksPage() {
  const t = svcMessages.useT();
  const { locale } = useLocale();
  const L = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const tasks = useApiQuery(meetingServicesApi.serviceTasks, { query: { mine: true, status: 'open', pageSize: 50 } } as never);
  const tick = useApiMutation(meetingServicesApi.tickServiceTask, { invalidates: ['meeting-services', 'workbench'] });
  const items = (tasks.data?.items ?? []) as TServiceTask[];
  return (
    <div data-testid="service-tasks-page" style={{ maxWidth: 640 }}>
      <PageHeader title={t('tasksTitle')} />
      <QueryError queries={[tasks]} />
      {!tasks.isLoading && !items.length ? <EmptyState text={t('noTasks')} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((task) => (
          <Card
            key={task.id}
            size="small"
            data-testid={`service-task-${task.id}`}
            title={
              <Space wrap>
                <Tag color="blue">{L(SERVICE_PHASE_LABELS[task.phase])}</Tag>
                <span>{task.bookingTitle}</span>
              </Space>
            }
          >
            <Typography.Text type="secondary">
              {fmtInstant(task.start)} · {task.roomName}
              {task.photoCount ? ` · ${t('photos', { n: task.photoCount })}` : ''}
            </Typography.Text>
            <List
              dataSource={task.checklist}
              renderItem={(line, index) => (
                <List.Item
                  actions={
                    task.canTick
                      ? [
                          <Upload
                            key="photo"
                            accept="image/*"
                            showUploadList={false}
                            customRequest={async ({ file, onSuccess, onError }) => {
                              try {
                                const f = await upload(filesApi.upload, {
                                  file: file as File,
                                  fields: { ownerType: 'meeting_service_task' },
                                } as never);
                                await tick.mutateAsync({
                                  params: { id: task.id },
                                  body: { index, done: true, photoFileIds: [(f as { id: string }).id] },
                                });
                                onSuccess?.(f);
                              } catch (e) {
                                onError?.(e as Error);
                              }
                            }}
                          >
                            <CameraOutlined aria-label={t('photo')} style={{ fontSize: 20 }} />
                          </Upload>,
                        ]
                      : []
                  }
                >
                  <Checkbox
                    checked={line.done}
                    disabled={!task.canTick || tick.isPending}
                    data-testid={`task-${task.id}-line-${index}`}
                    onChange={(e) => tick.mutate({ params: { id: task.id }, body: { index, done: e.target.checked, photoFileIds: [] } })}
                    style={{ fontSize: 16, padding: '6px 0' }}
                  >
                    {L(line)}
                  </Checkbox>
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Space>
    </div>
  );
}
